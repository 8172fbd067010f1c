"""The small record types every stage passes along.

A :class:`Document` is one input article; a :class:`Segment` is one sentence of it with its
character offsets. Stages never mutate these: they return new records or tables.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

T = TypeVar("T")


def count(n: int, noun: str) -> str:
    """``n`` and ``noun``, the noun in the plural unless ``n`` is 1 (English user-facing lines).

    >>> count(1, "aligned sentence"), count(3, "sentence")
    ('1 aligned sentence', '3 sentences')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def listed(items: list[str] | tuple[str, ...]) -> str:
    """Items as a sentence lists them (English user-facing lines).

    >>> listed(["a"]), listed(["a", "b"]), listed(["a", "b", "c"])
    ('a', 'a and b', 'a, b and c')
    """
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def pickled_by_fields(cls: type[T]) -> type[T]:
    """Make a frozen slots dataclass pickle as its class and its field values in order.

    Such classes otherwise pickle through a state hook that lists the dataclass fields for
    every object, which cost seconds when pair results cross between worker processes; this
    form is about three times faster both ways, and smaller.

    >>> import pickle
    >>> pickle.loads(pickle.dumps(Segment(0, 1, 0, 6, 0, "Hello.", "hello")))
    Segment(doc=0, index=1, start=0, end=6, line=0, text='Hello.', norm='hello', furniture=None, lang=None)
    """
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    get = operator.attrgetter(*names)
    if len(names) == 1:
        def values(self: Any) -> tuple[Any, ...]:
            return (get(self),)
    else:
        values = get

    def __reduce__(self: Any) -> tuple[Any, tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Document:
    """One article of the corpus.

    >>> Document(id="a", text="Hello.").id
    'a'
    """

    id: str
    text: str
    date: str | None = None
    """ISO 8601, possibly partial (``2022``, ``2022-01``, ``2022-01-02``, ``2022-01-02T16:54``)."""
    source: str | None = None
    """The outlet (publisher), e.g. ``sputniknews.com``."""
    url: str | None = None
    title: str | None = None
    lang: str | None = None
    """ISO 639-1 language code."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Input fields the pipeline does not interpret; they pass through to documents.parquet."""
    origin: str = ""
    """Where the record came from (file path, or file:line), for messages."""
    machine_translated: bool = False
    source_language: str | None = None
    """Language of the original, when a machine-translation notice names it."""
    date_origin: str | None = None
    """How the date was obtained: ``input``, ``header``, ``url`` or ``text``."""
    wire_header: bool = False
    """The text starts with an agency wire header (time stamp line)."""
    flattened: bool = False
    """The text came as one run-on paragraph (its line breaks lost): its sentences were put on
    lines of their own (``segment.restore_breaks``)."""
    input_breaks: str = ""
    """For a text given line breaks at load (``flattened``): the input's own character at each
    line break of ``text``, in order, ``\\n`` where it had one and the blank a restored break
    replaced elsewhere; empty when every line break is the input's. :func:`input_text` reads it."""
    markup_furniture: tuple[tuple[int, int], ...] = ()
    """Character spans of ``text`` that a web page's markup puts in menus, footers, sidebars,
    captions or blocks named as furniture (``webpage.page_record``); their sentences are furniture."""
    site: str | None = None
    """For a document given no ``source``: the site its furniture shows it on ("site of ID",
    after the site's first document; ``furniture.infer_sites``), else None."""
    unread_date: str | None = None
    """The record's own ``date`` when it could not be read (as text), else None: the document is
    then dated from its text or URL, if at all, and the load warning quotes it."""
    canonical: str | None = None
    """For a web page whose canonical link names a page of another site than its own ``url``
    (a syndication partner's copy names the original's address there): that address, which the
    page quotes as its source; else None."""


def input_text(doc: Document, start: int = 0, end: int | None = None) -> str:
    """``doc.text[start:end]`` in the input's own characters: the line breaks put in place of
    blanks at load (``Document.input_breaks``) turned back into those blanks. Offsets are the
    same in both, so what users are shown of a document (passages, aligned sentences) is cut
    with this, while segmentation and furniture read the lines of ``text``.

    >>> d = Document("a", "Un.\\nDeux.\\nTrois.", flattened=True, input_breaks=" \\n")
    >>> input_text(d), input_text(d, 2, 8)
    ('Un. Deux.\\nTrois.', '. Deux')
    """
    piece = doc.text[start:end]
    if not doc.input_breaks or "\n" not in piece:
        return piece
    # The piece's line breaks are the text's after those before ``start``.
    k = doc.text.count("\n", 0, start)
    lines = piece.split("\n")
    out = [lines[0]]
    for given, line in zip(doc.input_breaks[k:k + len(lines) - 1], lines[1:], strict=True):
        out += (given, line)
    return "".join(out)


def outlet(doc: Document) -> str | None:
    """Where a document was published, as far as the corpus tells: its source, else the site
    its furniture shows (``Document.site``).

    >>> outlet(Document("a", "t", source="x.example")), outlet(Document("b", "t", site="site of a"))
    ('x.example', 'site of a')
    """
    return doc.source or doc.site


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence of a document, with offsets into ``Document.text``.

    >>> Segment(doc=0, index=0, start=0, end=6, line=0, text="Hello.", norm="hello").end
    6
    """

    doc: int
    """Index of the document in the corpus list."""
    index: int
    """Position of the sentence in its document."""
    start: int
    end: int
    line: int
    """Index of the line (paragraph) the sentence sits in."""
    text: str
    norm: str
    """Normalised form used for matching: case-folded, unified quotes, no punctuation."""
    furniture: str | None = None
    """Why this sentence is site furniture (``pattern``, ``notice``, ``language``,
    ``repeated``, ``blurb``, ``counter``, ``header``, ``byline``, ``markup``), or None for content."""
    lang: str | None = None
