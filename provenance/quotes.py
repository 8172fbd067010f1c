"""Quoted speech: the spans of a text inside quotation marks, how much of a sentence they hold,
and how many of the words two sentences share are quoted on both sides (``shared_quoted``).

Two reports of one speech or statement carry the speaker's words verbatim without either
copying the other: a sentence that is mostly a quotation says where the words came from (the
speaker), not which text was copied (``relation.split_quotes``). Quotation marks of the common
styles are read: “…”, „…“, «…», ‹…›, ‘…’, ‚…‘, 「…」, 『…』, ``…'' (wire copy in ASCII), and the
straight "…" and '…', where an apostrophe ("don't", "l'AFP") must not open or close a
quotation. A plural possessive inside a single-quoted quotation ('the players' union') still
ends it early: the quotation then counts for less, and the pair is judged as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import LCSseq

from .model import Segment
from .segment import normalise, words

_CLOSERS: dict[str, tuple[str, ...]] = {
    "“": ("”",), "„": ("“", "”"), "«": ("»",), "‹": ("›",), "「": ("」",), "『": ("』",),
    "‘": ("’",), "‚": ("‘", "’"), "``": ("''",), "`": ("'",), '"': ('"',), "'": ("'",),
}
"""Each opening mark and the marks that close it."""
_APOSTROPHE_LIKE = frozenset("'’‘")
"""Closers that are also apostrophes: they close only where no letter follows ("don't")."""
_OPEN_BEFORE = frozenset(" \t\n\r\u00a0\u202f([{—–-/:;,")
"""What may stand before a straight quote that opens (a blank, a bracket, a dash, a colon):
elsewhere a straight mark closes, or is an apostrophe."""
_MARKS = re.compile(r"``|''|[“”„«»‹›「」『』‘’‚`\"']")
_ANY_MARK = re.compile(r"[“„«‹「『‘‚`\"']")
"""Every quotation holds one of these: a text without them has none."""
_OPENING = re.compile(r"[“„«‹「『‘‚`\"]|(?<!\w)'")
"""The marks that can open a quotation, as a sentence's own text shows them (an apostrophe
inside a word, as French writes one in most sentences, opens none)."""


def _opens(text: str, i: int, mark: str, lo: int) -> bool:
    # Curly and angled marks open by their shape; straight ones by their place: after a blank
    # or a bracket and before a word ("'We will...", not "players' union" or "l'AFP").
    if mark not in ('"', "'"):
        return mark != "'" and (mark != "‘" or i == lo or not text[i - 1].isalnum())
    before_ok = i == lo or text[i - 1] in _OPEN_BEFORE
    after = text[i + 1] if i + 1 < len(text) else ""
    return before_ok and bool(after) and not after.isspace() and (mark != "'" or after.isalnum() or after in "\"“")


def _closes(text: str, j: int, mark: str, hi: int) -> bool:
    # An apostrophe-like closer is followed by no letter: "he won't" is no end of quote.
    if mark not in _APOSTROPHE_LIKE:
        return True
    after = text[j + len(mark)] if j + len(mark) < hi else ""
    return not after.isalnum() and (mark != "'" or (j > 0 and not text[j - 1].isspace()))


def quote_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans (start, end; marks included) of the quotations in the paragraph ``text[start:end]``,
    in order, disjoint: each opening mark with the first mark that closes it (a quotation inside
    a quotation is part of the outer one). A quotation left open at the paragraph's end counts
    when the paragraph opens with it (the convention of quotations running over several
    paragraphs); a stray mark elsewhere opens nothing.

    >>> t = "“We will not raise taxes,” he said. He added: 'Stability comes first.'"
    >>> [t[a:b] for a, b in quote_spans(t)]
    ['“We will not raise taxes,”', "'Stability comes first.'"]
    >>> t = "Les joueurs n'ont pas « tout donné », l'entraîneur l'a dit."
    >>> [t[a:b] for a, b in quote_spans(t)]
    ['« tout donné »']
    >>> quote_spans("The players' union won't sign."), quote_spans("``Was it wrong?")
    ([], [(0, 15)])
    """
    hi = len(text) if end is None else end
    if not _ANY_MARK.search(text, start, hi):
        return []
    out: list[tuple[int, int]] = []
    head = start
    while head < hi and text[head].isspace():
        head += 1
    pos = start
    while pos < hi:
        m = _MARKS.search(text, pos, hi)
        if m is None:
            break
        mark, i = m.group(0), m.start()
        if mark == "''" or mark not in _CLOSERS or not _opens(text, i, mark, start):
            if mark == "''" and _opens(text, i, "'", start):
                mark = "'"  # ('' opening a quote as two apostrophes would be odd; read the first)
            else:
                pos = i + 1
                continue
        closed = _closing(text, i + len(mark), hi, mark)
        if closed is not None:
            out.append((i, closed))
            pos = closed
        elif i == head:
            out.append((i, hi))
            break
        else:
            pos = i + len(mark)
    return out


def _closing(text: str, j: int, hi: int, mark: str) -> int | None:
    # The end of the first mark after j that closes ``mark``, or None.
    closers = _CLOSERS[mark]
    while j < hi:
        k = min((x for x in (text.find(c, j, hi) for c in closers) if x >= 0), default=-1)
        if k < 0:
            return None
        c = next(c for c in closers if text.startswith(c, k, hi))
        if _closes(text, k, c, hi):
            return k + len(c)
        j = k + 1
    return None


def quote_spans_reference(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """:func:`quote_spans` read character by character, without the pre-check and the jumps
    between marks: the tests' oracle."""
    hi = len(text) if end is None else end
    head = start
    while head < hi and text[head].isspace():
        head += 1
    out: list[tuple[int, int]] = []
    i = start
    while i < hi:
        mark = "``" if text.startswith("``", i) and i + 1 < hi else ("''" if text.startswith("''", i) and i + 1 < hi else text[i])
        if mark == "''":
            mark = "'" if _opens(text, i, "'", start) else ""
        if mark not in _CLOSERS or not _opens(text, i, mark, start):
            i += len(mark) if mark in ("``", "''") else 1
            continue
        closed = None
        j = i + len(mark)
        while j < hi and closed is None:
            for c in _CLOSERS[mark]:
                if text.startswith(c, j) and j + len(c) <= hi and _closes(text, j, c, hi):
                    closed = j + len(c)
                    break
            j += 1
        if closed is not None:
            out.append((i, closed))
            i = closed
        elif i == head:
            out.append((i, hi))
            break
        else:
            i += len(mark)
    return out


# The line a social post embedded in a page leaves when its markup is gone: "— Downing Street
# (@10DowningStreet) March 3, 2005", after the post's text (in its paragraph, or the one before).
# The dash may be glued to the post's last word or link ("...pic.twitter.com/x— Name"); the date,
# when there is one, ends with its year ("— Jane Doe (@jdoe) is our correspondent" is a sign-off).
_POST_SIGNATURE = re.compile(r"(?:—|(?:^|(?<=\s))[–-]{1,2})[ \t\u00a0]*[^\n()—–]{1,80}?[ \t\u00a0]*\(@\w{1,30}\)"
                             r"(?:(?:[ \t\u00a0]+[^\s()]+){0,3}[ \t\u00a0]+(?:1[89]|20)\d\d)?[ \t\u00a0.]*$")
_POST_MAX_CHARS = 700
"""A paragraph above a post's signature is the post only up to this length (a post's text is
short; a long paragraph is the page's own)."""


def post_signature(paragraph: str) -> int | None:
    """Where the signature line of an embedded social post starts in ``paragraph``, if it ends
    with one: the post's text is quoted speech, as much as a quotation in marks.

    >>> t = "Every household will get help. — Downing Street (@10DowningStreet) March 3, 2005"
    >>> t[post_signature(t):]
    '— Downing Street (@10DowningStreet) March 3, 2005'
    >>> post_signature("Write to us at news@example.com - or call.") is None
    True
    >>> post_signature("Work starts. — Jane Doe (@janedoe_news) is our transport correspondent") is None
    True
    """
    if "(@" not in paragraph:
        return None
    m = _POST_SIGNATURE.search(paragraph.rstrip())
    return m.start() if m else None


def _paragraphs(segs: Sequence[Segment], lo: int, hi: int) -> tuple[int, int, int, int]:
    # The paragraph of segs[lo..hi]'s line, widened to its whole extent: first and last index,
    # start and end offsets.
    line = segs[lo].line
    while lo > 0 and segs[lo - 1].line == line:
        lo -= 1
    while hi + 1 < len(segs) and segs[hi + 1].line == line:
        hi += 1
    return lo, hi, segs[lo].start, max(s.end for s in segs[lo:hi + 1])


def _post_span(text: str, segs: Sequence[Segment], lo: int, hi: int, start: int, end: int) -> tuple[int, int] | None:
    # The paragraph is (part of) an embedded post: it ends with the post's signature, it is the
    # signature line itself, or the next paragraph is that line.
    if post_signature(text[start:end]) is not None:
        return (start, end) if end - start <= _POST_MAX_CHARS + 120 else None
    if hi + 1 < len(segs) and end - start <= _POST_MAX_CHARS:
        _lo, _hi, ns, ne = _paragraphs(segs, hi + 1, hi + 1)
        sig = post_signature(text[ns:ne])
        if sig == 0 or (sig is not None and not text[ns:ns + sig].strip()):
            return start, end
    return None


@lru_cache(maxsize=4096)
def has_posts(text: str) -> bool:
    """Whether ``text`` may hold an embedded post's signature (its "(@handle)"): asked for each
    aligned sentence, so the text is scanned once, not once per sentence."""
    return "(@" in text


def document_quotes(text: str, segs: Sequence[Segment], *, posts_only: bool = False) -> tuple[tuple[int, int], ...]:
    """The quotations of a whole document, read paragraph by paragraph (its segments' lines):
    a quotation runs over the sentences of its paragraph, never into the next one. An embedded
    social post (its text and signature line) is one quotation; ``posts_only``: those alone."""
    out: list[tuple[int, int]] = []
    k = 0
    posts = has_posts(text)
    while k < len(segs):
        lo, hi, a, b = _paragraphs(segs, k, k)
        post = _post_span(text, segs, lo, hi, a, b) if posts else None
        out.extend([post] if post else () if posts_only else _paragraph_quotes(text, a, b))
        k = hi + 1
    return tuple(out)


def sentence_quotes(text: str, segs: Sequence[Segment], i: int) -> tuple[tuple[int, int], ...]:
    """The quotations of the paragraph of sentence ``i`` (a ``Segment.index``, its place in
    ``segs``): all a sentence's quoted share depends on, read without the rest of the document
    (but for the next paragraph, which may be an embedded post's signature)."""
    lo, hi, a, b = _paragraphs(segs, i, i)
    post = _post_span(text, segs, lo, hi, a, b) if has_posts(text) else None
    return (post,) if post else _paragraph_quotes(text, a, b)


@lru_cache(maxsize=8192)
def _paragraph_quotes(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    # A document meets each of its candidate pairs, and its quoted sentences are asked for again.
    return tuple(quote_spans(text, start, end))


def may_be_quoted(segs: Sequence[Segment], idx: Sequence[int]) -> bool:
    """Whether one of the sentences ``idx`` (``Segment.index`` values, which are places in
    ``segs``), or an earlier sentence of its paragraph, holds a mark that can open a quotation:
    a sentence can only be quoted if its paragraph opened a quotation by its end. A test on the
    sentences alone, before any paragraph is read for its quotations. A sentence of an embedded
    social post is quoted too: its paragraph, or the next one, holds the post's "(@handle)"."""
    for i in idx:
        k = i
        while k >= 0 and segs[k].line == segs[i].line:
            if _OPENING.search(segs[k].text):
                return True
            k -= 1
        # the rest of the paragraph, and the next one
        nxt = None
        for k in range(i, len(segs)):
            x = segs[k]
            if x.line != segs[i].line:
                if nxt is None:
                    nxt = x.line
                elif x.line != nxt:
                    break
            if "(@" in x.text:
                return True
    return False


def quoted_letters(text: str, spans: Sequence[tuple[int, int]], start: int, end: int) -> int:
    """Letters and digits of ``text[start:end]`` inside ``spans``: with :func:`letters`, how
    much of a sentence is quoted speech.

    >>> t = "“We will not raise taxes,” he said."
    >>> quoted_letters(t, quote_spans(t), 0, len(t)), letters(t, 0, len(t))
    (19, 25)
    """
    inside = 0
    for a, b in spans:
        if b > start and a < end:
            inside += letters(text, max(a, start), min(b, end))
    return inside


def letters(text: str, start: int, end: int) -> int:
    """Letters and digits of ``text[start:end]``."""
    return sum(map(str.isalnum, text[start:end]))


def unquoted(text: str, spans: Sequence[tuple[int, int]], start: int, end: int) -> str:
    """``text[start:end]`` without its quotations (each replaced by a blank): the writer's own
    words.

    >>> t = "“We will not raise taxes,” he told the audience in Manchester."
    >>> unquoted(t, quote_spans(t), 0, len(t))
    '  he told the audience in Manchester.'
    """
    out, pos = [], start
    for a, b in spans:
        if b <= pos or a >= end:
            continue
        out.append(text[pos:max(a, pos)])
        out.append(" ")
        pos = min(b, end)
    out.append(text[pos:end])
    return "".join(out)


def marked_words(text: str, spans: Sequence[tuple[int, int]], start: int, end: int) -> list[tuple[str, bool]]:
    """The words of ``text[start:end]`` (normalised as :func:`provenance.segment.normalise`
    reads them), each with whether it lies inside one of the quotations ``spans``.

    >>> t = "Mr Howard said: « Nous ne céderons rien », l'air grave."
    >>> [w for w, q in marked_words(t, quote_spans(t), 0, len(t)) if q]
    ['nous', 'ne', 'cederons', 'rien']
    """
    out: list[tuple[str, bool]] = []
    pos = start
    for a, b in spans:
        if b <= pos or a >= end:
            continue
        a, b = max(a, pos), min(b, end)
        out.extend((w, False) for w in words(normalise(text[pos:a])))
        out.extend((w, True) for w in words(normalise(text[a:b])))
        pos = b
    out.extend((w, False) for w in words(normalise(text[pos:end])))
    return out


def shared_quoted(a: Sequence[tuple[str, bool]], b: Sequence[tuple[str, bool]]) -> tuple[int, int]:
    """How many of the words two sentences share are quoted speech on both sides, and how many
    they share: the longest common subsequence of their quoted words (``marked_words``), and
    of all their words. What each writer put around a quotation of its own (an attribution,
    an incise) is no part of either; words they share outside quotation marks are.

    >>> t = "“We will not raise taxes,” he said."
    >>> u = "Gordon Brown, speaking in Manchester, said: “We will not raise taxes.”"
    >>> shared_quoted(marked_words(t, quote_spans(t), 0, len(t)), marked_words(u, quote_spans(u), 0, len(u)))
    (5, 5)
    """
    if not a or not b:
        return 0, 0
    # (rapidfuzz compares sequences of any hashable items: words here, at C speed)
    qa = [w for w, q in a if q]
    qb = [w for w, q in b if q]
    inside = LCSseq.similarity(qa, qb) if qa and qb else 0
    return inside, LCSseq.similarity([w for w, _ in a], [w for w, _ in b])


def shared_quoted_reference(a: Sequence[tuple[str, bool]], b: Sequence[tuple[str, bool]]) -> tuple[int, int]:
    """:func:`shared_quoted` by the textbook dynamic programme: the tests' oracle."""
    from .passages import matching_runs_reference as _lcs_reference

    return (_lcs_reference([w for w, q in a if q], [w for w, q in b if q]),
            _lcs_reference([w for w, _ in a], [w for w, _ in b]))
