"""Stage 6b: turn a pair's aligned sentences into passages of shared text.

The aligner links whole sentences, but a copy rarely starts and ends on sentence boundaries: an
excerpt begins mid-sentence, a pasted paragraph is glued to the copier's own words. A
:class:`Passage` is one stretch of shared text, as character offsets into both documents:

1. consecutive links (following each other on both sides, with at most ``gap_chars`` of
   unaligned text between them) are merged into one passage;
2. each end is refined on words: the first (last) sentences are aligned word by word with the
   unaligned sentence before (after) them, and the end is moved to the first (last) word of the
   run of matching words that holds the link's core. This trims an overhanging part of a
   sentence and extends the passage into a neighbouring sentence whose end (start) was copied.

Ends are refined only where the sentences share most of their words, so a translation or a
heavy rewrite keeps its whole sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from rapidfuzz.distance import Indel

from .align import Link
from .model import Segment, pickled_by_fields

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class PassageConfig:
    """How links become passages. The defaults were set before any benchmark run and only
    checked on one half of PAN13 (benchmarks/RESULTS.md)."""

    gap_chars: int = 300
    """Two links join one passage when the unaligned text between them is at most this long on
    each side (a sentence the aligner missed, a short insertion)."""
    refine: bool = True
    """Move passage ends to the first and last shared word (False: whole sentences)."""
    max_gap_words: int = 4
    """Runs of matching words belong to one stretch of shared text when at most this many
    unmatched words separate them on each side (a corrected typo, a changed number)."""
    min_run_words: int = 3
    """A run of matching words at the edge of a passage counts from this length: two texts
    share a stray "of the" everywhere."""
    min_core_share: float = 0.5
    """Ends are refined only where matching words make up at least this share of the linked
    sentences' words (on the shorter side); translations and heavy rewrites are left whole."""
    reworded_share: float = 0.3
    """An end is not cut where the words it would cut off share at least this share of their
    words (2·common / total): the sentence was reworded, not copied from mid-way."""
    max_extend: int = 3
    """Neighbouring unaligned sentences a passage may grow into, at each end."""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Passage:
    """Shared text of documents a and b: ``[start_a, end_a)`` of a matches ``[start_b, end_b)``.

    ``sents_a``/``sents_b`` are the first and last sentence index the passage touches,
    ``links`` the number of sentence links merged into it and ``score`` their mean ratio.

    >>> Passage(0, 5, 10, 15, (0, 0), (2, 2), 1, 100.0).swapped().start_a
    10
    """

    start_a: int
    end_a: int
    start_b: int
    end_b: int
    sents_a: tuple[int, int]
    sents_b: tuple[int, int]
    links: int
    score: float

    def swapped(self) -> Passage:
        """The same passage seen from document b."""
        return Passage(self.start_b, self.end_b, self.start_a, self.end_a, self.sents_b,
                       self.sents_a, self.links, self.score)


def group_links(links: Sequence[Link], segs_a: Sequence[Segment], segs_b: Sequence[Segment],
                *, gap_chars: int = 300) -> list[list[Link]]:
    """Runs of links that follow each other on both sides, in order of document a.

    Link ``q`` continues ``p`` when it is the next link after ``p`` on both sides and at most
    ``gap_chars`` characters lie between them on each side. The rule reads the same from either
    document, so swapping a and b gives the same runs.

    >>> from provenance.model import Segment
    >>> segs = [Segment(0, i, 10 * i, 10 * i + 9, 0, "x", "x") for i in range(4)]
    >>> runs = group_links([Link((0,), (0,), 90.0), Link((1,), (1,), 90.0), Link((3,), (2,), 90.0)],
    ...                    segs, segs, gap_chars=5)
    >>> [[lk.a for lk in run] for run in runs]
    [[(0,), (1,)], [(3,)]]
    """
    by_a = {s.index: s for s in segs_a}
    by_b = {s.index: s for s in segs_b}
    order_a = sorted(links, key=lambda lk: lk.a[0])
    order_b = sorted(links, key=lambda lk: lk.b[0])
    next_a = {id(p): q for p, q in zip(order_a, order_a[1:], strict=False)}
    next_b = {id(p): q for p, q in zip(order_b, order_b[1:], strict=False)}
    follows: dict[int, Link] = {}
    for p in order_a:
        q = next_a.get(id(p))
        if q is None or next_b.get(id(p)) is not q or q.b[0] <= p.b[-1]:
            continue
        gap_a = by_a[q.a[0]].start - by_a[p.a[-1]].end
        gap_b = by_b[q.b[0]].start - by_b[p.b[-1]].end
        if gap_a <= gap_chars and gap_b <= gap_chars:
            follows[id(q)] = p
    runs: list[list[Link]] = []
    run_of: dict[int, list[Link]] = {}
    for lk in order_a:
        p = follows.get(id(lk))
        run = run_of[id(p)] if p is not None else None
        if run is None:
            run = []
            runs.append(run)
        run.append(lk)
        run_of[id(lk)] = run
    return runs


_RUNS = re.compile(r"\w+|\W+")


@lru_cache(maxsize=4096)
def _words(text: str, start: int, end: int) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    # Cached: a document's passages end at the same sentences in each of its pairs (an agency
    # story and its many copies), so the same windows come back.
    # Runs of word and non-word characters alternate, so the words are every other run and
    # their spans come from the runs' lengths: no match object per word (8% off the serial
    # time of OrangeSum's passages table).
    runs = _RUNS.findall(text, start, end)
    if not runs:
        return (), ()
    bounds = list(accumulate(map(len, runs), initial=start))
    first = 0 if _WORD.match(runs[0]) else 1
    words = tuple(map(str.casefold, runs[first::2]))
    # The starts may hold one more bound (the window's end) than there are words: zip drops it.
    return words, tuple(zip(bounds[first::2], bounds[first + 1::2], strict=False))


def _words_reference(text: str, start: int, end: int) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    """:func:`_words` by matching every word."""
    found = list(_WORD.finditer(text, start, end))
    return tuple(m.group().casefold() for m in found), tuple(m.span() for m in found)


def _word_range(spans: Sequence[tuple[int, int]], lo: int, hi: int) -> tuple[int, int]:
    """Indices ``[first, stop)`` of the words whose spans lie inside ``[lo, hi]``, (0, 0) if none.

    The spans of ``_words`` are ordered and disjoint, so their starts and their ends both
    increase and the words inside are one contiguous range, found by two bisections.
    """
    first = bisect_left(spans, lo, key=lambda sp: sp[0])
    stop = bisect_right(spans, hi, key=lambda sp: sp[1])
    return (first, stop) if first < stop else (0, 0)


def _word_range_reference(spans: Sequence[tuple[int, int]], lo: int, hi: int) -> tuple[int, int]:
    """:func:`_word_range` by looking at every span."""
    idx = [k for k, (s, e) in enumerate(spans) if s >= lo and e <= hi]
    return (idx[0], idx[-1] + 1) if idx else (0, 0)


def matching_runs(wa: Sequence[str], wb: Sequence[str], *, from_end: bool = False,
                  ) -> list[tuple[int, int, int]]:
    """Runs of equal words ``(i, j, size)`` of a longest common subsequence, in order.

    Among equally long subsequences the one matching earliest is chosen, or the one matching
    latest with ``from_end``: a passage's start is looked for with ``from_end``, so a phrase
    repeated before the copy does not pull the match away from the words that follow. The
    result does not depend on which sequence comes first, so swapping the documents swaps the
    runs.

    >>> matching_runs("a b c d".split(), "x b c d y".split())
    [(1, 1, 3)]
    >>> matching_runs("p q r s".split(), "p q x p q r s".split(), from_end=True)
    [(0, 3, 4)]
    """
    x, y = (list(wa)[::-1], list(wb)[::-1]) if from_end else (list(wa), list(wb))
    flip = y < x
    if flip:
        x, y = y, x
    runs = [(m.a, m.b, m.size) for m in Indel.opcodes(x, y).as_matching_blocks() if m.size]
    if flip:
        runs = [(j, i, n) for i, j, n in runs]
    if from_end:
        runs = [(len(wa) - i - n, len(wb) - j - n, n) for i, j, n in runs[::-1]]
    return runs


def matching_runs_reference(wa: Sequence[str], wb: Sequence[str]) -> int:
    """Slow oracle: the length of a longest common subsequence of words (what the runs of
    :func:`matching_runs` add up to).

    >>> matching_runs_reference("a b c d".split(), "x b c d y".split())
    3
    """
    prev = [0] * (len(wb) + 1)
    for u in wa:
        cur = [0]
        for j, v in enumerate(wb, 1):
            cur.append(prev[j - 1] + 1 if u == v else max(prev[j], cur[j - 1]))
        prev = cur
    return prev[-1]


def _inside(i: int, n: int, core: tuple[int, int]) -> int:
    """Words of the run ``[i, i + n)`` inside ``core``."""
    return max(0, min(i + n, core[1]) - max(i, core[0]))


def _stretch(runs: list[tuple[int, int, int]], core_a: tuple[int, int], core_b: tuple[int, int],
             config: PassageConfig, *, at_start: bool) -> tuple[int, int] | None:
    """Indices (first, last) into ``runs`` of the stretch of shared text around the core.

    The anchor is the run with most words inside the core (the linked sentences); neighbouring
    runs join while the unmatched words between are few, and short runs at the fringe are
    dropped. None when the words do not tell where the copy begins (``at_start``) or ends: the
    core shares too few words, or a run of shared words would be cut off the core (a reworded
    sentence shares words on both sides of a gap; it is kept whole).
    """

    def inside(r: tuple[int, int, int]) -> int:
        return _inside(r[0], r[2], core_a) + _inside(r[1], r[2], core_b)

    held = [inside(r) for r in runs]
    if not runs or sum(held) / 2 < config.min_core_share * min(core_a[1] - core_a[0], core_b[1] - core_b[0]):
        return None
    anchor = max(range(len(runs)), key=lambda k: (held[k], -k))
    first = last = anchor
    while first > 0:
        (i0, j0, n0), (i1, j1, _) = runs[first - 1], runs[first]
        if i1 - (i0 + n0) > config.max_gap_words or j1 - (j0 + n0) > config.max_gap_words:
            break
        first -= 1
    while last < len(runs) - 1:
        (i0, j0, n0), (i1, j1, _) = runs[last], runs[last + 1]
        if i1 - (i0 + n0) > config.max_gap_words or j1 - (j0 + n0) > config.max_gap_words:
            break
        last += 1
    while first < anchor and runs[first][2] < config.min_run_words:
        first += 1
    while last > anchor and runs[last][2] < config.min_run_words:
        last -= 1
    if sum(n for _, _, n in runs[first:last + 1]) < config.min_run_words:
        return None
    # The linked sentences' words left out of the stretch: when they still share a good part
    # of their words, the sentence was reworded around a gap rather than copied from mid-way.
    if at_start:
        cut = runs[:first]
        left_a, left_b = runs[first][0] - core_a[0], runs[first][1] - core_b[0]
    else:
        cut = runs[last + 1:]
        i, j, n = runs[last]
        left_a, left_b = core_a[1] - (i + n), core_b[1] - (j + n)
    both = sum(min(_inside(r[0], r[2], core_a), _inside(r[1], r[2], core_b)) for r in cut)
    if left_a > 0 and left_b > 0 and 2 * both >= config.reworded_share * (left_a + left_b):
        return None
    return first, last


def _shared_tail(text_a: str, a: int, text_b: str, b: int) -> int:
    """How many characters after ``a`` and ``b`` are the same punctuation (a closing period,
    quote or bracket belongs to the shared text)."""
    n = 0
    while (a + n < len(text_a) and b + n < len(text_b) and text_a[a + n] == text_b[b + n]
           and not text_a[a + n].isspace() and not text_a[a + n].isalnum()):
        n += 1
    return n


def _shared_head(text_a: str, a: int, text_b: str, b: int) -> int:
    n = 0
    while (a - n > 0 and b - n > 0 and text_a[a - n - 1] == text_b[b - n - 1]
           and not text_a[a - n - 1].isspace() and not text_a[a - n - 1].isalnum()):
        n += 1
    return n


@dataclass(frozen=True, slots=True)
class _Reach:
    span_a: tuple[int, int]
    span_b: tuple[int, int]
    at_start: tuple[bool, bool]
    """The stretch begins at the window's first word (on side a, side b)."""
    at_end: tuple[bool, bool]


def _refine_end(text_a: str, text_b: str, window_a: tuple[int, int], window_b: tuple[int, int],
                core_a: tuple[int, int], core_b: tuple[int, int], config: PassageConfig, *,
                from_end: bool) -> _Reach | None:
    """The shared stretch holding the core, looked for inside the windows; None when the
    words do not tell."""
    wa, sa = _words(text_a, *window_a)
    shift = window_b[0] - window_a[0]
    # Verbatim windows (most ends of verbatim copies): b's words are a's, and so are its
    # spans, moved; the runs are then the one run of all the words.
    same = (window_b[1] - window_b[0] == window_a[1] - window_a[0]
            and text_a[window_a[0]:window_a[1]] == text_b[window_b[0]:window_b[1]])
    wb, sb = (wa, tuple((x + shift, y + shift) for x, y in sa)) if same else _words(text_b, *window_b)
    if not wa or not wb:
        return None

    ca, cb = _word_range(sa, *core_a), _word_range(sb, *core_b)
    if ca[0] == ca[1] or cb[0] == cb[1]:
        return None
    runs = [(0, 0, len(wa))] if same else matching_runs(wa, wb, from_end=from_end)
    got = _stretch(runs, ca, cb, config, at_start=from_end)
    if got is None:
        return None
    (i0, j0, _), (i1, j1, n1) = runs[got[0]], runs[got[1]]
    return _Reach((sa[i0][0], sa[i1 + n1 - 1][1]), (sb[j0][0], sb[j1 + n1 - 1][1]),
                  (i0 == 0, j0 == 0), (i1 + n1 == len(wa), j1 + n1 == len(wb)))


@dataclass(frozen=True)
class _Side:
    """One document of the pair, indexed for the refinement."""

    text: str
    segs: list[Segment]
    starts: list[int]
    by_index: dict[int, Segment]
    free: set[int]
    """Sentences a passage may grow into: every one but furniture. A neighbour the aligner
    linked elsewhere (a repeated sentence matched to another copy) may still continue the
    shared text."""

    @staticmethod
    def of(segs: Sequence[Segment], text: str) -> _Side:
        ordered = sorted(segs, key=lambda s: s.start)
        return _Side(text, ordered, [s.start for s in ordered], {s.index: s for s in ordered},
                     {s.index for s in ordered if not s.furniture})

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (or the last one starting before it)."""
        return self.segs[max(0, bisect_right(self.starts, offset) - 1)].index


def _free(index: int, done: int, free: set[int], config: PassageConfig) -> bool:
    """Whether a passage may grow into sentence ``index``: it exists, is neither linked nor
    furniture, and the passage has not grown too far already."""
    return done < config.max_extend and index in free


def _passage(run: list[Link], side_a: _Side, side_b: _Side, config: PassageConfig) -> Passage:
    by_a, by_b = side_a.by_index, side_b.by_index
    text_a, text_b = side_a.text, side_b.text
    free_a, free_b = side_a.free, side_b.free
    first, last = run[0], run[-1]
    a0, a1 = first.a[0], last.a[-1]
    b0, b1 = first.b[0], last.b[-1]
    start_a, end_a = by_a[a0].start, by_a[a1].end
    start_b, end_b = by_b[b0].start, by_b[b1].end
    sents_a, sents_b = (a0, a1), (b0, b1)
    score = round(sum(lk.score for lk in run) / len(run), 2)
    if not config.refine:
        return Passage(start_a, end_a, start_b, end_b, sents_a, sents_b, len(run), score)

    # Start: the first link's sentences, with unaligned sentences before them taken in one at
    # a time while the shared text reaches back to the first word of the window.
    core_a = (by_a[a0].start, by_a[first.a[-1]].end)
    core_b = (by_b[b0].start, by_b[first.b[-1]].end)
    ext_a = ext_b = 0
    while True:
        got = _refine_end(text_a, text_b, (by_a[a0 - ext_a].start, core_a[1]),
                          (by_b[b0 - ext_b].start, core_b[1]), core_a, core_b, config,
                          from_end=True)
        if got is None:
            break
        start_a, start_b = got.span_a[0], got.span_b[0]
        grow_a = got.at_start[0] and _free(a0 - ext_a - 1, ext_a, free_a, config)
        grow_b = got.at_start[1] and _free(b0 - ext_b - 1, ext_b, free_b, config)
        if not (grow_a or grow_b):
            break
        ext_a, ext_b = ext_a + grow_a, ext_b + grow_b

    core_a = (by_a[last.a[0]].start, by_a[a1].end)
    core_b = (by_b[last.b[0]].start, by_b[b1].end)
    ext_a = ext_b = 0
    while True:
        got = _refine_end(text_a, text_b, (core_a[0], by_a[a1 + ext_a].end),
                          (core_b[0], by_b[b1 + ext_b].end), core_a, core_b, config,
                          from_end=False)
        if got is None:
            break
        end_a, end_b = got.span_a[1], got.span_b[1]
        grow_a = got.at_end[0] and _free(a1 + ext_a + 1, ext_a, free_a, config)
        grow_b = got.at_end[1] and _free(b1 + ext_b + 1, ext_b, free_b, config)
        if not (grow_a or grow_b):
            break
        ext_a, ext_b = ext_a + grow_a, ext_b + grow_b

    if start_a >= end_a or start_b >= end_b:
        # the two ends were found on different stretches of one sentence: keep it whole
        start_a, end_a = by_a[a0].start, by_a[a1].end
        start_b, end_b = by_b[b0].start, by_b[b1].end
    sents_a = (side_a.sentence_at(start_a), side_a.sentence_at(end_a - 1))
    sents_b = (side_b.sentence_at(start_b), side_b.sentence_at(end_b - 1))
    head = _shared_head(text_a, start_a, text_b, start_b)
    tail = _shared_tail(text_a, end_a, text_b, end_b)
    return Passage(start_a - head, end_a + tail, start_b - head, end_b + tail, sents_a, sents_b,
                   len(run), score)


def passages(links: Sequence[Link], segs_a: Sequence[Segment], segs_b: Sequence[Segment],
             text_a: str, text_b: str, config: PassageConfig = PassageConfig()) -> list[Passage]:
    """The passages of shared text of one aligned pair, in order of document a.

    ``links`` are the pair's content links (``DocAlignment.content``), ``segs_*`` the two
    documents' segments and ``text_*`` their texts (offsets refer to these).

    >>> from provenance.align import align_documents
    >>> from provenance.load import from_texts
    >>> from provenance.segment import segment
    >>> x, y = from_texts({"x": "He wrote: the river rose by two metres overnight in the town.",
    ...                    "y": "The river rose by two metres overnight in the town."})
    >>> sx, sy = segment(0, x), segment(1, y)
    >>> p, = passages(align_documents(sx, sy).content, sx, sy, x.text, y.text)
    >>> x.text[p.start_a:p.end_a]
    'the river rose by two metres overnight in the town.'
    """
    side_a, side_b = _Side.of(segs_a, text_a), _Side.of(segs_b, text_b)
    runs = group_links(links, segs_a, segs_b, gap_chars=config.gap_chars)
    out = [_passage(run, side_a, side_b, config) for run in runs]
    return _join_touching(sorted(out, key=lambda p: (p.start_a, p.start_b, p.end_a, p.end_b)),
                          text_a, text_b)


def _join_touching(ps: list[Passage], text_a: str, text_b: str) -> list[Passage]:
    """Merge passages that overlap or meet on both sides (two runs of links whose refined ends
    grew into the same unaligned sentence): they are one stretch of shared text."""

    def meets(text: str, end: int, start: int) -> bool:
        return start <= end or not _WORD.search(text, end, start)

    out: list[Passage] = []
    for q in ps:
        for k in range(len(out) - 1, -1, -1):
            p = out[k]
            if (p.start_b <= q.start_b and meets(text_a, p.end_a, q.start_a)
                    and meets(text_b, p.end_b, q.start_b)):
                n = p.links + q.links
                out[k] = Passage(p.start_a, max(p.end_a, q.end_a), p.start_b, max(p.end_b, q.end_b),
                                 (p.sents_a[0], max(p.sents_a[1], q.sents_a[1])),
                                 (p.sents_b[0], max(p.sents_b[1], q.sents_b[1])), n,
                                 round((p.score * p.links + q.score * q.links) / n, 2))
                break
        else:
            out.append(q)
    return out
