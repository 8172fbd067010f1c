"""Stage 7: characterise an aligned pair of documents.

Relations (see README, "Relations"):

- ``duplicate``: the same text (both sides at least 95% covered, similarity at least 0.97);
- ``near_duplicate``: the same article with light edits (both sides at least 80% covered, 0.9);
- ``excerpt``: one document is mostly (80%+) contained in a longer one, nearly verbatim;
- ``rewrite``: aligned sentences, reworded, added to or cut;
- ``translation``: a copy across languages;
- ``shared_template``: sentences of one frame filled with other numbers or names, as pages
  generated from a template (results, prices, weather) are, and too little else to call it a
  copy (not a derivation);
- ``shared_boilerplate``: only furniture in common (not a derivation);
- ``same_story``: the same event, but too little shared text to call it a copy, or only quoted
  speech in common (two reports quoting one speaker; not a derivation).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
from rapidfuzz.distance import Indel, Levenshtein

from .align import DocAlignment, Link
from .model import Document, Segment, pickled_by_fields
from .quotes import (
    document_quotes,
    marked_words,
    may_be_quoted,
    sentence_quotes,
    shared_quoted,
    unquoted,
)
from .segment import character_pairs, norm_hash, normalise, words

DERIVATION = ("duplicate", "near_duplicate", "excerpt", "rewrite", "translation")
NON_DERIVATION = ("shared_template", "shared_boilerplate", "same_story")
RELATIONS = DERIVATION + NON_DERIVATION
SOURCE_EDGES = DERIVATION + ("credited",)
"""Relations of graph edges that say where a text came from: the pairs' derivations, and
``credited``, from a latent agency copy to the documents that credit it (``graph.py``)."""


@dataclass(frozen=True)
class RelationConfig:
    """Thresholds that separate the relations (coverages are shares of content characters)."""

    duplicate_coverage: float = 0.95
    duplicate_similarity: float = 0.97
    near_coverage: float = 0.8
    near_similarity: float = 0.9
    excerpt_coverage: float = 0.8
    excerpt_similarity: float = 0.85
    translation_coverage: float = 0.5
    """A cross-language pair is a translation when this share of one side aligns."""
    min_links: int = 2
    """A derivation needs at least this many aligned sentences..."""
    min_aligned_chars: int = 120
    """...covering at least this many characters on each side..."""
    short_doc_coverage: float = 0.5
    """...unless one document is short and this share of it aligns..."""
    short_doc_min_chars: int = 60
    """...over at least this many characters: one stock sentence ("The hearing was adjourned
    until tomorrow.") is not a story."""
    story_overlap: float = 0.15
    """Word-stem overlap (Jaccard) that makes a pair with a shared sentence the same story; a
    lone shared sentence between otherwise different texts is a formula or a quote."""
    story_overlap_unaligned: float = 0.25
    """Overlap that makes a pair with no aligned sentence the same story."""
    template_share: float = 0.5
    """A pair whose aligned sentences fill one frame with other numbers or names (see
    :func:`fills_frame`) over at least this share of the aligned characters, in at least
    ``min_links`` links, shares a template, not a text: those links stop counting as copied
    content. A copy that updates a few figures of a story stays a copy; pages generated from one
    frame (scores, prices, forecasts) do not become one."""
    phrase_words: int = 4
    """Run length (in words cut to five letters) of :func:`phrase_shares`. Runs of three are
    common wording ("said the judge", "a déclaré le"): two independent reports of one event
    share 12–15% of their words in them; in runs of four, 4–7%."""
    phrase_share: float = 0.25
    """A pair that no aligned sentence makes a derivation is a ``rewrite`` when this share of
    one side's content words lies in runs of ``phrase_words`` words the other side holds too,
    over ``phrase_min_words`` words at least: a paper that rewrote wire copy phrase by phrase
    (METER), a reworded answer (Clough–Stevenson's heavy revisions). Set above every
    independent text measured: Clough–Stevenson's non-derived answers reach 0.11 at most, two
    agencies' reports of one phone call (the seeds) 0.05. 0 turns it off."""
    phrase_min_words: int = 20
    phrase_containment: float = 0.4
    """Only pairs where this share of the smaller side's content stems are found in the other
    are measured: a text made of another's phrases uses its words (and most candidate pairs,
    sharing a topic, are ruled out by a set intersection instead of a scan of both texts)."""
    boilerplate_share: float = 0.5
    """A pair whose aligned sentences are the whole end of both documents (their last lines) is
    sharing boilerplate, not a text, when less than this share of the shared text's word stems
    are in the rest of either document and less than this share of the smaller rest's stems
    are in the other (:func:`split_boilerplate`): two different stories under one disclaimer
    or author bio. The share that makes documents one story in the furniture pass
    (``FurnitureConfig.one_story_share``). 0 turns it off."""
    quote_share: float = 0.6
    """An aligned pair of sentences is quoted speech when at least this share of the words the
    two share (their longest common subsequence of words) are inside quotation marks on both
    sides (``quotes.shared_quoted``): "“We will not raise taxes,” he said." and "Gordon Brown,
    speaking in Manchester, said: “We will not raise taxes.”" share the quotation, and each
    writer's own attribution or incise around it is no part of what they share. Words they
    share outside quotation marks (a copied attribution) count against it. When every aligned
    sentence of a pair is quoted speech, and the texts share nothing else (see
    ``split_quotes``), the pair is ``same_story``: two reports of one speech or statement. Set,
    not fitted: "mostly quoted". 0 turns it off."""
    quote_own_chars: int = 120
    """...provided each side has this many characters of its own words (outside quotations) in
    its content: a text that is nothing but the other's quotations may be cut from it..."""
    quote_own_run: int = 6
    """...and their own words share no run of this many words (cut to five letters, as
    :func:`phrase_shares` reads them). Independent reports of one event share names and formulas
    in runs of four or five ("told the court that", "Kevin Cobb, 38, of Yateley"; two agencies'
    reports of one phone call, the seeds 001 and 002, 4 at most); a copy that rewrote its source
    keeps some longer ones ("hit Mr Cross a single blow"). On METER, 11 newspaper texts lost
    their PA parent when sharing only quotations was enough; 5 with this rule (and one gained
    it, no longer hanging under a paper that quoted the same PA copy)."""
    exact_words_cells: int = 1 << 31
    """Derivations count their common words exactly (:func:`common_words`) up to this many word
    pairs (two texts of some 46,000 words each); longer texts count those of their aligned
    sentences. The exact count takes time in proportion to the product: 25 s for two texts of
    400,000 and 270,000 words."""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class PairFeatures:
    """Measurements of an aligned pair that the relation and direction stages use."""

    links: int
    furniture_links: int
    chars_a: int
    chars_b: int
    aligned_chars_a: int
    aligned_chars_b: int
    coverage_a: float
    coverage_b: float
    similarity: float
    """Mean sentence similarity over aligned sentences, weighted by length, 0–1."""
    overlap: float
    """Jaccard of the documents' content word stems (a topic measure)."""
    explained_a: float = 0.0
    """Share of a's whole text (furniture included) aligned with b."""
    explained_b: float = 0.0
    shared: float = 0.0
    """Share of both documents' whole text (furniture included) that aligns, weighted by
    similarity: how little was added or removed between them (the parsimony measure)."""
    words_a: int = 0
    """Content words of a; with ``common_words``, filled in for derivations within one language
    (and with the phrase shares, for the pairs measured)."""
    words_b: int = 0
    common_words: int = 0
    """Length of the longest common word subsequence of the two contents: what a copyist kept,
    in order, whatever was cut, added or reworded around it."""
    shared_furniture: int = 0
    """Furniture sentences both texts carry word for word, when they come from different (or
    unknown) outlets: copy-paste brings along lines of the page a copy was taken from (a "Read
    also" link, a credit). Filled in for derivations within one language."""
    carried_furniture: int = 0
    """Shared furniture lines whose home outlet (``furniture.furniture_homes``) is a's, less
    those whose home is b's: positive when b carries lines of a's site, as a page copy-pasted
    from a does. Filled in for derivations within one language."""
    template_links: int = 0
    """Aligned sentences filling one frame with other numbers or names (see
    ``RelationConfig.template_share``); not counted in ``links``."""
    phrase_a: float = 0.0
    """Share of a's content words inside runs of ``RelationConfig.phrase_words`` words that b
    also holds (:func:`phrase_shares`): reuse below the sentence, where a rewrite stitches the
    source's phrases into sentences of its own. Filled in for same-language pairs that no
    aligned sentence makes a derivation."""
    phrase_b: float = 0.0
    quote_links: int = 0
    """Aligned sentences of quoted speech that are all the pair shares (``split_quotes``); not
    counted in ``links``."""
    same_headline: bool = False
    """Both texts open with a headline (``segment.headline``) and the two align word for word;
    filled in for derivations within one language."""


def stems(segs: Sequence[Segment]) -> frozenset[str]:
    """The content word stems of a document (words over 3 letters, cut to 5); in scripts
    without blanks between words (Chinese, Japanese, Thai...), pairs of adjacent characters,
    the usual stand-in for their words.

    >>> from provenance.model import Segment
    >>> sorted(stems([Segment(0, 0, 0, 9, 0, "", "les negociations ont repris 统计局")]))
    ['negoc', 'repri', '统计', '计局']
    """
    return norm_stems([s.norm for s in segs if not s.furniture])


def norm_stems(norms: Iterable[str]) -> frozenset[str]:
    """:func:`stems` of normalised sentences.

    >>> sorted(norm_stems(["les negociations", "ont repris"]))
    ['negoc', 'repri']
    """
    # One split of the joined norms: a split per sentence and a nested generator cost the
    # trace seconds, since every document of every candidate pair needs its stems.
    text = " ".join(norms)
    return frozenset({w[:5] for w in text.split() if len(w) > 3}.union(character_pairs(text)))


@dataclass(frozen=True, slots=True)
class DocStats:
    """What :func:`features` needs of one document, computed once and reused across its pairs."""

    lengths: dict[int, int]
    """Normalised length of each sentence, by ``Segment.index``."""
    chars: int
    """Content characters (furniture excluded)."""
    total: int
    """All normalised characters."""
    stems: frozenset[str]


def doc_stats(segs: Sequence[Segment], doc_stems: frozenset[str] | None = None) -> DocStats:
    """The per-document part of :func:`features`; ``doc_stems`` if already known."""
    return DocStats(
        {s.index: len(s.norm) for s in segs},
        sum(len(s.norm) for s in segs if not s.furniture),
        sum(len(s.norm) for s in segs),
        stems(segs) if doc_stems is None else doc_stems,
    )


def features(
    segs_a: Sequence[Segment], segs_b: Sequence[Segment], al: DocAlignment,
    stems_a: frozenset[str] | None = None, stems_b: frozenset[str] | None = None,
) -> PairFeatures:
    """Coverage, similarity and overlap of an aligned pair.

    >>> from provenance.align import DocAlignment, Link
    >>> s = Segment(0, 0, 0, 10, 0, "x", "abcdefghij")
    >>> features([s], [s], DocAlignment((Link((0,), (0,), 100.0),), ())).coverage_a
    1.0
    """
    return features_of(doc_stats(segs_a, stems_a), doc_stats(segs_b, stems_b), al)


def features_of(da: DocStats, db: DocStats, al: DocAlignment) -> PairFeatures:
    """:func:`features` from the two documents' :class:`DocStats`."""
    la, lb = da.lengths, db.lengths
    ia = {i for lk in al.content for i in lk.a}
    ib = {j for lk in al.content for j in lk.b}
    aligned_a = sum(la[i] for i in ia)
    aligned_b = sum(lb[j] for j in ib)
    weight = total = 0.0
    for lk in al.content:
        w = sum(la[i] for i in lk.a) + sum(lb[j] for j in lk.b)
        weight += w
        total += w * lk.score / 100.0
    # Furniture counts here: a copy that adds its own site clutter is further from its siblings
    # than from the clean text they all copied.
    chars_a, chars_b, total_a, total_b = da.chars, db.chars, da.total, db.total
    # A template's lines explain the text as furniture does: the page was made from them.
    fa = sum(la[i] for lk in (*al.furniture, *al.template) for i in lk.a)
    fb = sum(lb[j] for lk in (*al.furniture, *al.template) for j in lk.b)
    overlap = stem_overlap(da.stems, db.stems)
    return PairFeatures(
        links=len(al.content),
        furniture_links=len(al.furniture),
        chars_a=chars_a,
        chars_b=chars_b,
        aligned_chars_a=aligned_a,
        aligned_chars_b=aligned_b,
        coverage_a=aligned_a / chars_a if chars_a else 0.0,
        coverage_b=aligned_b / chars_b if chars_b else 0.0,
        similarity=total / weight if weight else 0.0,
        overlap=overlap,
        shared=(total / weight if weight else 0.0) * (aligned_a + aligned_b + fa + fb) / max(total_a + total_b, 1),
        explained_a=(aligned_a + fa) / max(total_a, 1),
        explained_b=(aligned_b + fb) / max(total_b, 1),
        template_links=len(al.template),
        quote_links=len(al.quote),
    )


_TOKEN = re.compile(r"\w+")
_SEPARATOR = re.compile(r"(?<=\d)[.,](?=\d)")
NOUN_CAPITALISING = frozenset({"de", "lb"})
"""Languages that capitalise every noun: a capital there does not mark a name."""


def names(segs: Sequence[Segment]) -> frozenset[str]:
    """Words a document only ever writes with a capital, case-folded: its names. A capital at a
    sentence's start alone does not make a name when the word also appears in lower case.

    >>> seg = lambda i, t: Segment(0, i, 0, len(t), i, t, t.lower())
    >>> sorted(names([seg(0, "Netflix rose."), seg(1, "Police said the shares of Netflix fell."),
    ...               seg(2, "The police left.")]))
    ['netflix']
    """
    distinct = set(_TOKEN.findall(" ".join([s.text for s in segs])))
    lower = {w.casefold() for w in distinct if not w[0].isupper()}
    return frozenset({w.casefold() for w in distinct if w[0].isupper()} - lower)


def _tokens(text: str) -> tuple[list[str], list[str]]:
    # Words and numbers as written, and as compared: case-folded, numbers without separators
    # (1,200 and 1.200 read alike).
    text = _SEPARATOR.sub("", text)
    raw = _TOKEN.findall(text)
    keys = _TOKEN.findall(text.casefold())
    # (case-folding can split a word: "İ" becomes "i" and a combining dot)
    return raw, keys if len(keys) == len(raw) else [w.casefold() for w in raw]


def _kinds(span: list[str]) -> tuple[bool, ...]:
    # A frame swaps a number for a number and a name for a name, place by place.
    kinds = tuple(w[0].isdigit() for w in span)
    return kinds if len(set(kinds)) > 1 else kinds[:1]


def _slots(raw: list[str], keys: list[str], lo: int, hi: int, known: Container[str]) -> bool:
    # Numbers, and capitalised words the document treats as names. Names are looked up last:
    # reading them means reading the whole document.
    return all(keys[k][0].isdigit() or (len(keys[k]) > 1 and raw[k][0].isupper() and keys[k] in known)
               for k in range(lo, hi))


def fills_frame(text_a: str, text_b: str, names_a: Container[str] = frozenset(),
                names_b: Container[str] = frozenset(), frame: float = 0.8) -> bool:
    """Whether two aligned passages are one frame filled with different facts: at least
    ``frame`` of the words (of the longer side) the same, the others numbers or names (of
    ``names_a``/``names_b``, case-folded), and each side stating one the other lacks.

    >>> fills_frame("In Paris, a high of 12 degrees.", "In Paris, a high of 15 degrees.")
    True
    >>> fills_frame("Beckett, 52, faces four charges near Guildford.",
    ...             "Beckett, 53, is accused of four charges at the force's offices in Guildford.")
    False
    >>> fills_frame("Ford last posted results on Friday.", "Boeing last posted results on Friday.",
    ...             {"ford", "friday"}, {"boeing", "friday"})
    True
    """
    ra, wa = _tokens(text_a)
    rb, wb = _tokens(text_b)
    if not ra or not rb:
        return False
    if wb < wa:
        # The edit script breaks ties by argument order: one order for both, so a pair's
        # answer never depends on which document came first.
        ra, wa, names_a, rb, wb, names_b = rb, wb, names_b, ra, wa, names_a
    budget = (1 - frame) * max(len(wa), len(wb))
    out_a: Counter[str] = Counter()
    out_b: Counter[str] = Counter()
    loose = 0
    for op in Levenshtein.opcodes(wa, wb):
        if op.tag == "equal":
            continue
        i0, i1, j0, j1 = op.src_start, op.src_end, op.dest_start, op.dest_end
        if (_slots(ra, wa, i0, i1, names_a) and _slots(rb, wb, j0, j1, names_b)
                and (op.tag != "replace" or _kinds(wa[i0:i1]) == _kinds(wb[j0:j1]))
                and (op.tag != "replace" or wa[i0][0].isdigit()
                     or Indel.normalized_similarity(" ".join(wa[i0:i1]), " ".join(wb[j0:j1])) < 0.75)):
            # (a respelt name, "Khattab"/"Kattab", is the same fact; a changed number is not)
            out_a.update(wa[i0:i1])
            out_b.update(wb[j0:j1])
            continue
        loose += max(i1 - i0, j1 - j0)
        if loose > budget:
            return False
    # Each side states a fact the other lacks. Values that only moved ("on 12 March" from the
    # front of a sentence to its end) cancel out; a fact dropped on one side is an edit.
    return bool(out_a - out_b) and bool(out_b - out_a)


class DocNames:
    """A document's :func:`names`, read the first time they are asked for (most pairs never
    ask), then kept.

    >>> seg = lambda i, t: Segment(0, i, 0, len(t), i, t, t.lower())
    >>> "netflix" in DocNames([seg(0, "Shares of Netflix fell.")])
    True
    """

    def __init__(self, segs: Sequence[Segment]) -> None:
        self.segs = segs
        self.found: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self.found is None:
            self.found = names(self.segs)
        return word in self.found


def split_templates(segs_a: Sequence[Segment], segs_b: Sequence[Segment], al: DocAlignment,
                    config: RelationConfig = RelationConfig(), cased: bool = True,
                    known: tuple[Container[str], Container[str]] | None = None) -> DocAlignment:
    """Move the content links that fill one frame with different facts (:func:`fills_frame`)
    to ``template`` when they make up the pair (``config.template_share`` of the aligned
    characters, at least ``config.min_links`` links); otherwise return ``al`` unchanged.

    Rewording keeps the facts of a story and changes its words; a page generated from a frame
    keeps the words and changes the facts. Names count only in ``cased`` text (not in languages
    that capitalise every noun); numbers always do. ``known``: the two documents' :func:`names`
    (or lazy :class:`DocNames`), when a caller keeps them across pairs.

    >>> from provenance.align import Link
    >>> seg = lambda d, i, t: Segment(d, i, 0, len(t), i, t, t.lower())
    >>> a = [seg(0, 0, "In Paris, a high of 12 degrees."), seg(0, 1, "In Lyon, a high of 9 degrees.")]
    >>> b = [seg(1, 0, "In Paris, a high of 15 degrees."), seg(1, 1, "In Lyon, a high of 7 degrees.")]
    >>> al = split_templates(a, b, DocAlignment((Link((0,), (0,), 90.0), Link((1,), (1,), 90.0)), ()))
    >>> len(al.content), len(al.template)
    (0, 2)
    """
    if len(al.content) < config.min_links:
        return al
    # ``Segment.index`` is the sentence's place in its document's list.
    sides = [([segs_a[i] for i in lk.a], [segs_b[j] for j in lk.b]) for lk in al.content]
    chars = [sum(len(s.norm) for s in sa) + sum(len(s.norm) for s in sb) for sa, sb in sides]
    need = config.template_share * sum(chars)
    # Identical links fill no frame: when they alone hold the pair, nothing is read.
    open_chars = sum(c for c, lk in zip(chars, al.content, strict=True) if lk.score < 100)
    if open_chars < need or open_chars == 0:
        return al
    names_a, names_b = (known or (DocNames(segs_a), DocNames(segs_b))) if cased else (frozenset(), frozenset())
    frame = [False] * len(chars)
    moved_chars = 0
    for k, (lk, (sa, sb), c) in enumerate(zip(al.content, sides, chars, strict=True)):
        if lk.score >= 100:
            continue
        if fills_frame(" ".join(s.text for s in sa), " ".join(s.text for s in sb), names_a, names_b):
            frame[k] = True
            moved_chars += c
        open_chars -= c
        if moved_chars + open_chars < need:
            return al
    if sum(frame) < config.min_links or moved_chars < need:
        return al
    kept = tuple(lk for lk, f in zip(al.content, frame, strict=True) if not f)
    moved = tuple(lk for lk, f in zip(al.content, frame, strict=True) if f)
    return replace(al, content=kept, template=(*al.template, *moved))


def bottom_lines(segs: Sequence[Segment], edge_lines: int, min_lines: int) -> set[int]:
    """The last ``edge_lines`` lines of a document of ``min_lines`` lines or more (none for a
    shorter one), as the furniture pass reads a page's bottom edge.

    >>> seg = lambda i: Segment(0, i, 0, 1, i, "x", "x")
    >>> bottom_lines([seg(i) for i in range(5)], 2, 4), bottom_lines([seg(i) for i in range(3)], 2, 4)
    ({3, 4}, set())
    """
    lines = sorted({s.line for s in segs})
    if edge_lines <= 0 or len(lines) < min_lines:
        return set()
    return set(lines[-edge_lines:])


def _is_tail(segs: Sequence[Segment], indices: Sequence[int]) -> bool:
    # Whether the sentences at ``indices`` are the whole text (furniture aside) of the document
    # from the first of their lines on.
    first = min(segs[i].line for i in indices)
    chosen = set(indices)
    return all(s.index in chosen for s in segs if s.line >= first and not s.furniture)


def split_boilerplate(segs_a: Sequence[Segment], segs_b: Sequence[Segment], al: DocAlignment,
                      config: RelationConfig = RelationConfig(), *, edge_lines: int = 3, min_lines: int = 4,
                      ) -> DocAlignment:
    """Move the content links to ``furniture`` when the text they join is a footer that two
    different stories share, as boilerplate is; otherwise return ``al`` unchanged.

    A footer: the aligned sentences are the end of both documents' text, whole paragraphs
    (furniture may follow), among their last ``edge_lines`` lines (:func:`bottom_lines`, in
    documents of ``min_lines`` lines at least): where a disclaimer, an author bio or an "About
    <company>" paragraph is printed. Different stories: less than ``config.boilerplate_share``
    of the shared text's word stems are in the rest of either document (it tells neither
    story), and of the smaller rest's stems in the other; each rest holds at least as many
    stems as the shared text (each document tells a story of its own).

    The furniture pass (``furniture.mark_repeated``) knows such a paragraph once three documents
    telling different stories carry it at an edge; two pages sharing one and nothing else would
    otherwise be a rewrite. With two pages, word stems alone do not tell boilerplate from a
    copied paragraph: a lede that a copy keeps before writing on shares 24-43% of its stems
    with the rest of either text (Clough-Stevenson's "cut" answers), an investment disclaimer
    up to 37% with a BBC business story, and METER's newspapers, which keep the closing
    quotes of a Press Association story and rewrite the rest, hold only 26-46% of their rest's
    stems in the agency's. Places and shapes do: copies keep a story's lede, at their top; a
    compilation puts the paragraphs it takes where its own text ends, not where they ended (a
    lede closing another page); a rewrite works the quotes it keeps into paragraphs of its
    own, or goes on after them; boilerplate follows every story, the same paragraphs whole.

    >>> from provenance.align import Link
    >>> seg = lambda i, ln, t: Segment(0, i, 0, len(t), ln, t, t.lower().rstrip("."))
    >>> note = ["Investments can fall as well as rise.", "Always seek independent financial advice."]
    >>> cars = ["Carmaker shares tumbled after weak demand.", "Analysts expect profit warnings.", "Rival manufacturers cut prices.",
    ...         "Factories slowed production during summer.", "Dealers reported fewer orders.", "Exports fell sharply."]
    >>> rain = ["Heavy rainfall flooded riverside villages.", "Rescue teams evacuated residents overnight.", "Boats carried families.",
    ...         "Forecasters predict more storms.", "Schools remain closed.", "Insurers expect claims."]
    >>> a = [seg(i, i, t) for i, t in enumerate(cars)] + [seg(6, 6, note[0]), seg(7, 6, note[1])]
    >>> b = [seg(i, i, t) for i, t in enumerate(rain)] + [seg(6, 6, note[0]), seg(7, 6, note[1])]
    >>> al = DocAlignment((Link((6,), (6,), 100.0), Link((7,), (7,), 100.0)), ())
    >>> moved = split_boilerplate(a, b, al)
    >>> len(moved.content), len(moved.furniture)
    (0, 2)
    >>> split_boilerplate(a, a, al) is al  # one story on both sides
    True
    >>> top = [seg(0, 0, note[0]), seg(1, 0, note[1])] + [seg(i + 2, i + 1, t) for i, t in enumerate(rain)]
    >>> len(split_boilerplate(a, top, DocAlignment((Link((6,), (0,), 100.0), Link((7,), (1,), 100.0)), ())).content)
    2
    """
    share = config.boilerplate_share
    if not al.content or share <= 0:
        return al
    aligned_a = sorted({i for lk in al.content for i in lk.a})
    aligned_b = sorted({j for lk in al.content for j in lk.b})
    # Most pairs align sentences inside the story: settled by their lines alone.
    bottom_a = bottom_lines(segs_a, edge_lines, min_lines)
    if not all(segs_a[i].line in bottom_a for i in aligned_a):
        return al
    bottom_b = bottom_lines(segs_b, edge_lines, min_lines)
    if not all(segs_b[j].line in bottom_b for j in aligned_b):
        return al
    if not (_is_tail(segs_a, aligned_a) and _is_tail(segs_b, aligned_b)):
        return al
    linked_a = set(aligned_a) | {i for lk in al.template for i in lk.a}
    linked_b = set(aligned_b) | {j for lk in al.template for j in lk.b}
    shared = norm_stems([segs_a[i].norm for i in aligned_a] + [segs_b[j].norm for j in aligned_b])
    rest_a = norm_stems([s.norm for s in segs_a if not s.furniture and s.index not in linked_a])
    rest_b = norm_stems([s.norm for s in segs_b if not s.furniture and s.index not in linked_b])
    if not shared or min(len(rest_a), len(rest_b)) < len(shared):
        return al
    if max(len(shared & rest_a), len(shared & rest_b)) >= share * len(shared):
        return al
    if len(rest_a & rest_b) >= share * min(len(rest_a), len(rest_b)):
        return al
    return replace(al, content=(), furniture=(*al.furniture, *al.content))


def split_quotes(text_a: str, text_b: str, segs_a: Sequence[Segment], segs_b: Sequence[Segment], al: DocAlignment,
                 config: RelationConfig = RelationConfig(), chars: tuple[int, int] | None = None) -> DocAlignment:
    """Move the content links to ``quote`` when every one of them is quoted speech on both sides
    (``config.quote_share`` of the words its two sides share inside quotation marks on both,
    :mod:`provenance.quotes`: an attribution each outlet wrote around the quotation in its own
    words, "X, who..., said: «…»" or "«…», a estimé X, le …", is not shared, and weighs
    nothing) and the texts share nothing else: each has words of its own (``config.quote_own_chars``
    outside quotations), and these share no run of ``config.quote_own_run`` words, nor
    ``config.phrase_share`` of either side's own words in runs of ``config.phrase_words`` (as
    :func:`phrase_rewrite` measures). Otherwise return ``al`` unchanged. ``chars``: the two
    documents' content characters (``DocStats.chars``), when a caller has them.

    Only quotations enough to make a derivation by themselves are moved (fewer leave the pair
    as it was). Two reports of one speech carry the speaker's words verbatim without either
    copying the other. A copy takes quotations along with the prose around them, and keeps some of that
    prose, or its phrasing: one aligned sentence of narrative, or shared phrasing, and every
    link stays evidence of copying.

    >>> from provenance.align import Link
    >>> from provenance.segment import normalise
    >>> def doc(*sents):
    ...     text, segs = "", []
    ...     for i, t in enumerate(sents):
    ...         segs.append(Segment(0, i, len(text), len(text) + len(t), i, t, normalise(t)))
    ...         text += t + " "
    ...     return text, segs
    >>> q = "“We will not raise the basic rate of income tax, nor the top rate,” he said."
    >>> r = "“Stability has been the foundation of everything we have achieved.”"
    >>> ta, sa = doc("Gordon Brown spoke to business leaders in Manchester on Thursday about his plans.", q,
    ...              "His pledge mirrors one made before the 2001 election and is aimed at the Conservatives.", r)
    >>> tb, sb = doc("The chancellor made his pitch to voters as the guardian of economic stability.", r,
    ...              "Business groups gave a cautious welcome to the speech but wanted less red tape.", q)
    >>> links = (Link((1,), (3,), 100.0), Link((3,), (1,), 100.0))
    >>> al = split_quotes(ta, tb, sa, sb, DocAlignment(links, ()))
    >>> len(al.content), len(al.quote)
    (0, 2)
    >>> split_quotes(ta, tb, sa, sb, DocAlignment(links[:1], ())).quote  # one quotation makes no copy anyway
    ()
    """
    if not config.quote_share or not al.content:
        return al
    docs = ((text_a, segs_a), (text_b, segs_b))

    def marked(k: int, idx: Sequence[int]) -> list[tuple[str, bool]]:
        text, segs = docs[k]
        return [w for i in idx for w in marked_words(text, sentence_quotes(text, segs, i), segs[i].start, segs[i].end)]

    def quoted(lk: Link) -> bool:
        # (nothing quoted, the common case: the sentences need not be read for their words)
        if not (may_be_quoted(segs_a, lk.a) and may_be_quoted(segs_b, lk.b)):
            return False
        inside, shared = shared_quoted(marked(0, lk.a), marked(1, lk.b))
        return inside > 0 and inside >= config.quote_share * shared

    # Links too few to make a derivation, quoted or not, leave the pair as it was: not a copy by its
    # sentences, and judged by its phrasing as any other pair.
    # (a sentence is in one link at most)
    aligned_a = sum(len(segs_a[i].norm) for lk in al.content for i in lk.a)
    aligned_b = sum(len(segs_b[j].norm) for lk in al.content for j in lk.b)
    if len(al.content) < config.min_links or min(aligned_a, aligned_b) < config.min_aligned_chars:
        chars_a, chars_b = chars or (sum(len(x.norm) for x in segs_a if not x.furniture),
                                     sum(len(x.norm) for x in segs_b if not x.furniture))
        if not derived_by_links(len(al.content), aligned_a, aligned_b, aligned_a / chars_a if chars_a else 0.0,
                                aligned_b / chars_b if chars_b else 0.0, config):
            return al
    # Most pairs have an aligned sentence of narrative: the first one ends the test.
    if not all(map(quoted, al.content)):
        return al
    own = []
    for text, segs in docs:
        found = document_quotes(text, segs)
        own.append([normalise(unquoted(text, found, s.start, s.end)) for s in segs if not s.furniture])
    if min(sum(len(x) for x in words) for words in own) < config.quote_own_chars:
        return al
    pa, pb = PhraseText(own[0], joined=True), PhraseText(own[1], joined=True)
    if config.quote_own_run and phrase_counts(pa, pb, config.quote_own_run)[0]:
        return al
    if config.phrase_share:
        ca, na, cb, nb = phrase_counts(pa, pb, config.phrase_words)
        if any(n and c / n >= config.phrase_share and c >= config.phrase_min_words for c, n in ((ca, na), (cb, nb))):
            return al
    return replace(al, content=(), quote=(*al.quote, *al.content))


def stem_overlap(sa: frozenset[str], sb: frozenset[str]) -> float:
    """Jaccard of two documents' content word stems (the ``overlap`` feature).

    >>> stem_overlap(frozenset({"presi", "turqu"}), frozenset({"presi"}))
    0.5
    """
    # |A ∪ B| = |A| + |B| - |A ∩ B|: the same integer without building the union.
    inter = len(sa & sb)
    return inter / (len(sa) + len(sb) - inter) if sa or sb else 0.0


def shared_furniture(segs_a: Sequence[Segment], segs_b: Sequence[Segment], source_a: str | None = None,
                     source_b: str | None = None) -> int:
    """Distinct furniture sentences (by normalised text) found in both documents; 0 when both
    come from the same outlet, whose own furniture they share anyway.

    >>> a = [Segment(0, 0, 0, 9, 0, "Read also: X", "read also x", "pattern")]
    >>> b = [Segment(1, 0, 0, 9, 3, "READ ALSO: X", "read also x", "repeated")]
    >>> shared_furniture(a, b, "one.example", "two.example"), shared_furniture(a, b, "one.example", "one.example")
    (1, 0)
    """
    return len(_shared_lines(segs_a, segs_b, source_a, source_b))


def _shared_lines(segs_a: Sequence[Segment], segs_b: Sequence[Segment], source_a: str | None,
                  source_b: str | None) -> set[str]:
    # Furniture norms both carry; none for two pages of one outlet.
    if source_a is not None and source_a == source_b:
        return set()
    fa = {s.norm for s in segs_a if s.furniture and s.norm}
    return fa.intersection(s.norm for s in segs_b if s.furniture and s.norm) if fa else set()


def carried_furniture(segs_a: Sequence[Segment], segs_b: Sequence[Segment], source_a: str | None,
                      source_b: str | None, homes: Mapping[int, str]) -> int:
    """Furniture lines both documents carry whose home outlet is a's, less those whose home is
    b's (``homes``: ``norm_hash`` of a line -> its outlet). 0 for two pages of one outlet.

    >>> from provenance.segment import norm_hash
    >>> a = [Segment(0, 0, 0, 9, 0, "Read also: X", "read also x", "pattern")]
    >>> b = [Segment(1, 0, 0, 9, 3, "READ ALSO: X", "read also x", "pattern")]
    >>> homes = {norm_hash("read also x"): "one.example"}
    >>> carried_furniture(a, b, "one.example", "two.example", homes), carried_furniture(b, a, "two.example", "one.example", homes)
    (1, -1)
    """
    n = 0
    for norm in _shared_lines(segs_a, segs_b, source_a, source_b) if homes else ():
        home = homes.get(norm_hash(norm))
        if home is not None:
            n += (home == source_a) - (home == source_b)
    return n


Anchors = Sequence[tuple[Sequence[int], Sequence[int]]]


def common_words(a: Sequence[str], b: Sequence[str], anchors: Anchors | Callable[[], Anchors] = (),
                 max_cells: int = 1 << 31) -> tuple[int, int, int]:
    """(words of a, words of b, longest common word subsequence) of two lists of normalised
    sentences.

    For texts longer than ``max_cells`` (word pairs) allows, given ``anchors`` (aligned
    sentences, positions in ``a`` and ``b``; or a function giving them, called only then), the
    third number is the sum of the anchors' own common subsequences, taken in order of ``a`` and
    skipping any anchor that would go back in ``b`` (a moved sentence): a common subsequence of
    the whole texts, so never above the exact value.

    >>> common_words(["le chat dort ici"], ["le chien dort", "ici"])
    (4, 4, 3)
    >>> common_words(["le chat dort", "ici"], ["le chien dort", "ici"], [((0,), (0,)), ((1,), (1,))], max_cells=1)
    (4, 4, 3)
    """
    wa = words(" ".join(a))
    wb = words(" ".join(b))
    if not wa or not wb:
        return len(wa), len(wb), 0
    if len(wa) * len(wb) <= max_cells or not (anchors := anchors() if callable(anchors) else anchors):
        return len(wa), len(wb), _lcs(wa, wb)
    common, last_a, last_b = 0, -1, -1
    for xs, ys in sorted(anchors):
        if xs[0] > last_a and ys[0] > last_b:
            common += _lcs(words(" ".join(a[i] for i in xs)), words(" ".join(b[j] for j in ys)))
            last_a, last_b = xs[-1], ys[-1]
    return len(wa), len(wb), common


@dataclass(frozen=True, slots=True)
class ReuseMeasures:
    """How much of a's wording comes from b, measured on words rather than sentences: the
    measures of short-text reuse studies (word containment, greedy string tiling, longest common
    subsequence; Clough & Stevenson 2011 and later work). Sentence alignment misses heavy
    rewording; these see what is left of the source's phrasing and word order in it.

    Words are compared by their first five letters (a crude stem). Shares are of a's words
    unless named ``_b``.
    """

    words_a: int
    words_b: int
    contained: float
    """Share of a's distinct words that occur anywhere in b (word containment, as Broder 1997 and
    Clough & Stevenson 2011 define it on sets of n-grams, here n = 1)."""
    tiled_a: float
    """Share of a's words inside tiles: runs of at least ``min_tile`` words that a and b share
    in the same order, each word in at most one tile (greedy string tiling, Wise 1993)."""
    tiled_b: float
    tiles: int
    mean_tile: float
    """Mean tile length in words: long when passages were pasted, short when they were edited."""
    ordered: float
    """Longest common subsequence of the two content stem sequences (words over 3 letters), as
    a share of a's: b's vocabulary used in b's order, however reworded around it."""
    sentence_kept: float
    """Per sentence of a, the largest share of its words that one sentence of b holds in the
    same order (word LCS), averaged over a's sentences weighted by their length."""


def _stem_words(norms: Sequence[str]) -> list[str]:
    return [w[:5] for w in words(" ".join(norms))]


def tiles(a: Sequence[str], b: Sequence[str], min_tile: int = 3) -> list[tuple[int, int, int]]:
    """Greedy string tiling (Wise 1993) of two word sequences: (start in a, start in b, length)
    of maximal shared runs, longest first, no word in two tiles.

    >>> tiles("a b c d x e f g".split(), "e f g y a b c d".split())
    [(0, 4, 4), (5, 0, 3)]
    """
    marked_a, marked_b = bytearray(len(a)), bytearray(len(b))
    starts: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(b) - min_tile + 1):
        starts.setdefault(tuple(b[j : j + min_tile]), []).append(j)
    grams_a = [tuple(a[i : i + min_tile]) for i in range(len(a) - min_tile + 1)]
    out = []
    while True:
        best, found = min_tile, []
        for i, g in enumerate(grams_a):
            if marked_a[i] or g not in starts:
                continue
            for j in starts[g]:
                k = 0
                while (i + k < len(a) and j + k < len(b) and not marked_a[i + k] and not marked_b[j + k]
                       and a[i + k] == b[j + k]):
                    k += 1
                if k > best:
                    best, found = k, [(i, j)]
                elif k == best:
                    found.append((i, j))
        if not found:
            return out
        for i, j in found:
            if any(marked_a[i : i + best]) or any(marked_b[j : j + best]):
                continue  # overlaps a tile of this round
            marked_a[i : i + best] = b"\x01" * best
            marked_b[j : j + best] = b"\x01" * best
            out.append((i, j, best))


def _lcs(a: Sequence[str], b: Sequence[str]) -> int:
    return (len(a) + len(b) - Indel.distance(a, b)) // 2 if a and b else 0


def reuse_measures(a: Sequence[str], b: Sequence[str], min_tile: int = 3) -> ReuseMeasures:
    """:class:`ReuseMeasures` of two lists of normalised sentences (content only).

    >>> m = reuse_measures(["the cat sat on the mat today"], ["yesterday the cat sat on the mat"])
    >>> round(m.tiled_a, 2), m.tiles, m.mean_tile, round(m.contained, 2)
    (0.86, 1, 6.0, 0.83)
    """
    wa, wb = _stem_words(a), _stem_words(b)
    if not wa or not wb:
        return ReuseMeasures(len(wa), len(wb), 0.0, 0.0, 0.0, 0, 0.0, 0.0, 0.0)
    vocab_a = set(wa)
    found = tiles(wa, wb, min_tile)
    covered = sum(t[2] for t in found)
    ca = [w for w in wa if len(w) > 3]  # stems of words over 3 letters: the relation's stems
    cb = [w for w in wb if len(w) > 3]
    sents_b = [_stem_words([s]) for s in b]
    kept = 0
    for s in a:
        ws = _stem_words([s])
        kept += max(_lcs(ws, x) for x in sents_b) if ws else 0
    return ReuseMeasures(
        words_a=len(wa),
        words_b=len(wb),
        contained=len(vocab_a.intersection(wb)) / len(vocab_a),
        tiled_a=covered / len(wa),
        tiled_b=covered / len(wb),
        tiles=len(found),
        mean_tile=covered / len(found) if found else 0.0,
        ordered=_lcs(ca, cb) / len(ca) if ca else 0.0,
        sentence_kept=kept / len(wa),
    )


_GRAM_MIX = np.uint64(0x9E3779B97F4A7C15)


class PhraseText:
    """A text read as runs of words for :func:`phrase_counts`: each passage a run, or with
    ``joined`` all of them one run (a document's content: a rewrite joins and splits its source's
    sentences). The words' keys (cut to five letters, hashed) and the runs of ``n`` of them are
    computed on first use, so once per document in a pair worker. ``keys``: a memo of the words'
    keys that texts share (a pair worker's), so that each distinct word is hashed once.
    """

    __slots__ = ("passages", "joined", "keys", "_runs", "_grams")

    def __init__(self, passages: Sequence[str], *, joined: bool = False, keys: dict[str, int] | None = None) -> None:
        self.passages = passages
        self.joined = joined
        self.keys = keys
        self._runs: list[np.ndarray] | None = None
        self._grams: tuple[int, list[np.ndarray], np.ndarray] | None = None

    def runs(self) -> list[np.ndarray]:
        if self._runs is None:
            texts = [" ".join(self.passages)] if self.joined else self.passages
            memo = self.keys if self.keys is not None else {}
            runs = []
            for t in texts:
                cut = [w[:5] for w in words(t)]
                # Hash only the words not met before: a text repeats its words, and texts their
                # language's (a hash call per word took a tenth of the pair stage).
                for w in set(cut).difference(memo):
                    memo[w] = norm_hash(w)
                runs.append(np.fromiter(map(memo.__getitem__, cut), dtype=np.uint64, count=len(cut)))
            self._runs = runs
        return self._runs

    def grams(self, n: int) -> tuple[list[np.ndarray], np.ndarray]:
        """The keys of the runs of ``n`` words at each position of each run, and all of them
        sorted and distinct."""
        if self._grams is None or self._grams[0] != n:
            per_run = [_gram_keys(k, n) if len(k) >= n else k[:0] for k in self.runs()]
            self._grams = (n, per_run, np.unique(np.concatenate(per_run)) if per_run else np.zeros(0, np.uint64))
        return self._grams[1], self._grams[2]


def _gram_keys(keys: np.ndarray, n: int) -> np.ndarray:
    # Keys of the runs of n words starting at each position (wrapping uint64 arithmetic).
    out = keys[: len(keys) - n + 1].copy()
    with np.errstate(over="ignore"):
        for j in range(1, n):
            out = out * _GRAM_MIX + keys[j : len(keys) - n + 1 + j]
    return out


def _covered(runs: Sequence[np.ndarray], grams: Sequence[np.ndarray], common: np.ndarray, n: int) -> int:
    total = 0
    for keys, g in zip(runs, grams, strict=True):
        if not len(g):
            continue
        pos = np.minimum(np.searchsorted(common, g), len(common) - 1)
        hit = common[pos] == g
        mark = np.zeros(len(keys), dtype=bool)
        for j in range(n):
            mark[j : j + len(hit)] |= hit
        total += int(mark.sum())
    return total


def phrase_counts(a: PhraseText, b: PhraseText, n: int = 4) -> tuple[int, int, int, int]:
    """:func:`phrase_shares` of two :class:`PhraseText`, from their cached runs."""
    ga, ua = a.grams(n)
    gb, ub = b.grams(n)
    na, nb = sum(map(len, a.runs())), sum(map(len, b.runs()))
    common = np.intersect1d(ua, ub, assume_unique=True)
    if not len(common):
        return 0, na, 0, nb
    return _covered(a.runs(), ga, common, n), na, _covered(b.runs(), gb, common, n), nb


def phrase_shares(a: Sequence[str], b: Sequence[str], n: int = 4) -> tuple[int, int, int, int]:
    """(words of a inside runs of ``n`` words that b holds too, words of a, the same for b,
    words of b), over two lists of normalised passages; words are cut to five letters, and a
    run never crosses from one passage to the next.

    >>> phrase_shares(["the court heard that the man was jailed for life"],
    ...               ["he was jailed for life at wolverhampton crown court"])
    (4, 10, 4, 9)
    """
    return phrase_counts(PhraseText(a), PhraseText(b), n)


def phrase_shares_reference(a: Sequence[str], b: Sequence[str], n: int = 4) -> tuple[int, int, int, int]:
    """:func:`phrase_shares` word by word: a word counts when some run of ``n`` words around it
    appears in the other text. The tests' oracle."""
    ra = [[w[:5] for w in words(x)] for x in a]
    rb = [[w[:5] for w in words(x)] for x in b]
    runs_b = [y[j : j + n] for y in rb for j in range(len(y) - n + 1)]
    runs_a = [x[j : j + n] for x in ra for j in range(len(x) - n + 1)]

    def count(xs: list[list[str]], runs: list[list[str]]) -> int:
        return sum(any(x[s : s + n] in runs for s in range(max(0, i - n + 1), min(i, len(x) - n) + 1))
                   for x in xs for i in range(len(x)))

    return count(ra, runs_b), sum(map(len, ra)), count(rb, runs_a), sum(map(len, rb))


def phrase_rewrite(f: PairFeatures, config: RelationConfig = RelationConfig()) -> bool:
    """Whether a pair's phrase shares (``PairFeatures.phrase_a``/``phrase_b``) make it a rewrite.

    >>> f = PairFeatures(0, 0, 200, 900, 0, 0, 0.0, 0.0, 0.0, 0.1, words_a=40, words_b=160, phrase_a=0.6)
    >>> phrase_rewrite(f)
    True
    """
    if not config.phrase_share:
        return False
    return any(share >= config.phrase_share and share * n >= config.phrase_min_words
               for share, n in ((f.phrase_a, f.words_a), (f.phrase_b, f.words_b)))


def phrase_evidence(f: PairFeatures, id_a: str, id_b: str, config: RelationConfig = RelationConfig()) -> str:
    """The evidence line of a rewrite found by its phrases (:func:`phrase_rewrite`).

    >>> f = PairFeatures(0, 0, 200, 900, 0, 0, 0.0, 0.0, 0.0, 0.1, words_a=40, words_b=160, phrase_a=0.6, phrase_b=0.15)
    >>> phrase_evidence(f, "paper", "wire")
    'paper and wire share phrasing beyond aligned sentences: 60% of the words of paper (15% of those of wire) lie in runs of 4 words both hold (0 aligned)'

    It names neither side the copy: which one is, is the direction's to say (a longer source
    holds a smaller share of its words in the runs a brief took from it, but so does a long
    text that took a few of a brief's phrases).
    """
    (share, name), (other, other_name) = sorted(((f.phrase_a, id_a), (f.phrase_b, id_b)), key=lambda t: (-t[0], t[1]))
    return (f"{name} and {other_name} share phrasing beyond aligned sentences: {share:.0%} of the words of {name} "
            f"({other:.0%} of those of {other_name}) lie in runs of {config.phrase_words} words both hold ({f.links} aligned)")


def derived_by_links(links: int, aligned_a: int, aligned_b: int, coverage_a: float, coverage_b: float,
                     config: RelationConfig = RelationConfig()) -> bool:
    """Whether aligned sentences make a pair a derivation: ``config.min_links`` of them covering
    ``config.min_aligned_chars`` on each side, or, in a short document, ``short_doc_coverage``
    of it over ``short_doc_min_chars``.

    >>> derived_by_links(2, 150, 130, 0.2, 0.1), derived_by_links(1, 150, 130, 0.2, 0.1)
    (True, False)
    """
    return (links >= config.min_links and min(aligned_a, aligned_b) >= config.min_aligned_chars) or (
        links >= 1
        and max(coverage_a, coverage_b) >= config.short_doc_coverage
        and min(aligned_a, aligned_b) >= config.short_doc_min_chars
    )


def classify(f: PairFeatures, doc_a: Document, doc_b: Document, config: RelationConfig = RelationConfig(),
             *, cross: bool | None = None) -> str | None:
    """The relation of a pair, or None when the candidate turned out unrelated. ``cross``: the
    pair was aligned across languages (by default, when the two documents' languages differ);
    texts of two languages aligned word for word are a copy, not a translation.

    >>> f = PairFeatures(10, 0, 1000, 1000, 990, 990, 0.99, 0.99, 0.995, 0.9)
    >>> classify(f, Document("a", "x"), Document("b", "x"))
    'duplicate'
    """
    derived = derived_by_links(f.links, f.aligned_chars_a, f.aligned_chars_b, f.coverage_a, f.coverage_b, config)
    if cross is None:
        cross = bool(doc_a.lang and doc_b.lang and doc_a.lang != doc_b.lang)
    if cross:
        # Across languages a translated copy aligns most of at least one side.
        if derived and max(f.coverage_a, f.coverage_b) >= config.translation_coverage:
            return "translation"
        derived = False
    if derived:
        lo, hi = sorted((f.coverage_a, f.coverage_b))
        if lo >= config.duplicate_coverage and f.similarity >= config.duplicate_similarity:
            return "duplicate"
        if lo >= config.near_coverage and f.similarity >= config.near_similarity:
            return "near_duplicate"
        if hi >= config.excerpt_coverage and f.similarity >= config.excerpt_similarity:
            return "excerpt"
        return "rewrite"
    if f.template_links:
        # One frame, different facts: pages of a generator (or of one routine), not one story.
        return "shared_template"
    if f.quote_links:
        # One speaker's words in two texts that share nothing else: two reports of one speech.
        return "same_story"
    if f.links >= 1 and f.overlap >= config.story_overlap:
        return "same_story"
    if f.furniture_links and not (doc_a.source and doc_a.source == doc_b.source):
        # Shared furniture says more (same publishing system) than a shared topic; pages of
        # one outlet sharing its furniture is no news.
        return "shared_boilerplate"
    if f.overlap >= config.story_overlap_unaligned:
        return "same_story"
    return None
