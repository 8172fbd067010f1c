"""Monotone sentence alignment of two documents in different languages.

Passes over the two sentence sequences, in order:

1. **Dynamic programming.** Each step aligns one sentence with one (1-1), one with two adjacent
   ones (1-2, 2-1), or skips a sentence on either side (deleted or added material). An aligned
   group earns its similarity minus a price, so weak pairs are left unaligned rather than
   forced; skips earn nothing. The price is a threshold plus a *margin*: part of the members'
   mean similarity to their nearest candidates on the other side (margin-based scoring, as in
   bitext mining, Artetxe & Schwenk 2019). A sentence that resembles every sentence opposite
   (topic words) must do better than that; one with few dictionary words (short, freely
   rendered) needs less to stand out. The similarity counts, besides dictionary words, marks a
   translation keeps (? ! quotation marks, parentheses) and cognate stems that share a prefix
   (:func:`provenance.xling.similarity.word_overlap`): short questions and replies have few
   dictionary words.
2. **Gaps between anchors** (off by default: it bought recall at an equal cost in precision on
   dev). A lone unaligned pair between two aligned groups is aligned above ``gap_threshold``.
3. **Extensions.** A sentence may belong to a neighbour's group that the 1-2/2-1 steps cannot
   express: a merge across a sentence deleted on the other side, or overlapping merges on both
   sides (a chain, "AB|C" against "A|BC"). A link from sentence ``x`` to a nearby sentence ``y``
   is added when it keeps the alignment monotone and the group of ``x`` scores higher with ``y``
   than without it (and, when ``y`` is aligned already, the group of ``y`` with ``x`` too).
4. **Pruning.** In a group of several sentences against one, a member barely found in its
   partner (idf-weighted word coverage and 4-gram containment below ``min_member``) is dropped:
   it is usually a neighbour deleted on the other side that the merge swallowed.

>>> [(i, j) for i, j, _ in align_sentences(["Le chat dort.", "Il pleut à Paris."], "fr", ["It is raining in Paris."], "en")]
[(1, 0)]
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from provenance.xling.similarity import (
    Profile,
    SimilarityConfig,
    _coverage,
    merge,
    ngram_cosine,
    profile,
    word_overlap,
)


@dataclass(frozen=True, slots=True)
class AlignConfig:
    """Similarity and the price of aligning.

    >>> AlignConfig().threshold
    0.1
    """

    similarity: SimilarityConfig = field(default_factory=SimilarityConfig)
    # The values were chosen on WMT dev-set documents only (benchmarks/crosslang.py, see
    # benchmarks/RESULTS-crosslang.md for what was tried).
    threshold: float = 0.1
    """A group is aligned only when its similarity beats this plus its margin price."""
    margin_weight: float = 0.3
    """Share of the members' mean similarity to their nearest candidates added to the price."""
    margin_neighbours: int = 4
    """How many nearest candidates (on the other side) that mean is taken over."""
    merge_penalty: float = 0.0
    """Extra price of a 1-2 / 2-1 group; positive values cost recall on dev."""
    length_weight: float = 0.1
    """Share of the length ratio (shorter / longer) in the pair score."""
    extend: bool = True
    """Add links to neighbours when they raise the group's score (pass 3)."""
    extend_margin: float = 0.0
    """How much an extension must raise the group score."""
    extend_window: int = 2
    """How far (in sentences) an extension may reach beyond the group."""
    min_member: float = 0.1
    """A sentence in a many-to-one group must be found in its partner at least this much (pass 4)."""
    gap_threshold: float | None = None
    """Align a lone unaligned pair between two aligned groups above this similarity; None: off."""
    marks: bool = True
    """Count question, exclamation and quotation marks and parentheses as words (they survive translation)."""
    cognates: bool = True
    """Give words whose stems share only a prefix with a stem opposite partial credit."""


DEFAULT = AlignConfig()


def _cognates(config: AlignConfig) -> int:
    return config.similarity.project.lexicon.stem_length if config.cognates else 0


def _score(a: Profile, b: Profile, idf: dict[str, float], config: AlignConfig) -> float:
    w = config.similarity.word_weight
    words = word_overlap(a, b, idf=idf, marks=config.marks, cognates=_cognates(config))
    content = w * words + (1 - w) * ngram_cosine(a, b)
    ratio = min(a.chars, b.chars) / max(a.chars, b.chars, 1)
    return (1 - config.length_weight) * content + config.length_weight * ratio


def _idf(profiles: list[Profile]) -> dict[str, float]:
    # Document frequency over the sentences of both sides: words in many sentences (the story's
    # topic) tell little about which sentence pairs with which.
    # Marks are keyed by themselves ("?"), which no stem equals.
    df: dict[str, int] = {}
    for p in profiles:
        for alts, _ in p.words:
            df[alts[0]] = df.get(alts[0], 0) + 1
        for m, _ in p.marks:
            df[m] = df.get(m, 0) + 1
    n = len(profiles)
    return {s: math.log((n + 1) / (c + 0.5)) for s, c in df.items()}


def _dynamic(a: list[Profile], b: list[Profile], idf: dict[str, float], config: AlignConfig) -> list[tuple[list[int], list[int], float]]:
    """Pass 1: the best monotone sequence of 1-1, 1-2 and 2-1 groups, as (a indices, b indices, score)."""
    n, m = len(a), len(b)
    a2 = [merge(a[i], a[i + 1]) for i in range(n - 1)]
    b2 = [merge(b[j], b[j + 1]) for j in range(m - 1)]
    one = [[_score(a[i], b[j], idf, config) for j in range(m)] for i in range(n)]
    # Margin: a sentence that resembles every sentence on the other side (topic words, a long
    # sentence) earns less for each; one that resembles nothing (a short or freely rendered
    # sentence) needs less to stand out (Artetxe & Schwenk 2019, margin-based mining).
    k, lam = config.margin_neighbours, config.margin_weight
    if lam:
        near_a = [sum(sorted(row, reverse=True)[:k]) / min(k, m) for row in one]
        near_b = [sum(sorted((one[i][j] for i in range(n)), reverse=True)[:k]) / min(k, n) for j in range(m)]
    else:
        near_a, near_b = [0.0] * n, [0.0] * m

    def price(xs: range, ys: range) -> float:
        return config.threshold + lam * (sum(near_a[x] for x in xs) / len(xs) + sum(near_b[y] for y in ys) / len(ys)) / 2

    pen = config.merge_penalty
    neg = float("-inf")
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float]]] = [[(0, 0, 0.0)] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            cand = neg
            move = (0, 0, 0.0)
            if i > 0 and best[i - 1][j] > cand:
                cand, move = best[i - 1][j], (1, 0, 0.0)
            if j > 0 and best[i][j - 1] > cand:
                cand, move = best[i][j - 1], (0, 1, 0.0)
            if i > 0 and j > 0:
                s = one[i - 1][j - 1]
                gain = s - price(range(i - 1, i), range(j - 1, j))
                if gain > 0 and best[i - 1][j - 1] + gain > cand:
                    cand, move = best[i - 1][j - 1] + gain, (1, 1, s)
                if j > 1:
                    s = _score(a[i - 1], b2[j - 2], idf, config)
                    gain = s - pen - price(range(i - 1, i), range(j - 2, j))
                    if gain > 0 and best[i - 1][j - 2] + gain > cand:
                        cand, move = best[i - 1][j - 2] + gain, (1, 2, s)
                if i > 1:
                    s = _score(a2[i - 2], b[j - 1], idf, config)
                    gain = s - pen - price(range(i - 2, i), range(j - 1, j))
                    if gain > 0 and best[i - 2][j - 1] + gain > cand:
                        cand, move = best[i - 2][j - 1] + gain, (2, 1, s)
            best[i][j], back[i][j] = cand, move
    groups: list[tuple[list[int], list[int], float]] = []
    i, j = n, m
    while i > 0 or j > 0:
        di, dj, s = back[i][j]
        if di and dj:
            groups.append((list(range(i - di, i)), list(range(j - dj, j)), s))
        i, j = i - di, j - dj
    groups.reverse()
    return groups


def _fill_gaps(
    a: list[Profile], b: list[Profile], groups: list[tuple[list[int], list[int], float]], idf: dict[str, float], config: AlignConfig
) -> list[tuple[list[int], list[int], float]]:
    """Pass 2: align a lone unaligned pair between two anchors when it clears ``gap_threshold``."""
    out: list[tuple[list[int], list[int], float]] = []
    prev_a, prev_b = -1, -1
    for g in [*groups, ([len(a)], [len(b)], -1.0)]:
        ga, gb, _ = g
        if ga[0] - prev_a == 2 and gb[0] - prev_b == 2:  # exactly one sentence free on each side
            x, y = prev_a + 1, prev_b + 1
            s = _score(a[x], b[y], idf, config)
            if config.gap_threshold is not None and s > config.gap_threshold:
                out.append(([x], [y], s))
        if g[2] >= 0:
            out.append(g)
        prev_a, prev_b = ga[-1], gb[-1]
    return out


def _extend(
    a: list[Profile], b: list[Profile], links: dict[tuple[int, int], float], idf: dict[str, float], config: AlignConfig
) -> None:
    """Pass 3: add links (x, y) that raise the score of the groups they join, in place."""
    def partners(x: int, side: int) -> list[int]:
        return sorted(q[1 - side] for q in links if q[side] == x)

    def group_score(x: int, ys: list[int], side: int) -> float:
        this, other = (a, b) if side == 0 else (b, a)
        merged = other[ys[0]]
        for y in ys[1:]:
            merged = merge(merged, other[y])
        return _score(this[x], merged, idf, config) if side == 0 else _score(merged, this[x], idf, config)

    def monotone(x: int, y: int) -> bool:
        # No existing link may cross (x, y): none with x' < x and y' > y, or x' > x and y' < y.
        return all(not ((p < x and q > y) or (p > x and q < y)) for p, q in links)

    w = config.extend_window
    changed = True
    while changed:
        changed = False
        trials: list[tuple[float, int, int, int, float]] = []
        for side, (this, other) in enumerate(((a, b), (b, a))):
            for x in range(len(this)):
                ys = partners(x, side)
                if not ys:
                    continue
                base = group_score(x, ys, side)
                for y in [*range(ys[0] - w, ys[0]), *range(ys[-1] + 1, ys[-1] + 1 + w)]:
                    if not 0 <= y < len(other):
                        continue
                    link = (x, y) if side == 0 else (y, x)
                    if link in links or not monotone(*link):
                        continue
                    new = group_score(x, sorted([*ys, y]), side)
                    gain = new - base - config.extend_margin
                    if gain <= 0:
                        continue
                    back = partners(y, 1 - side)
                    if back:
                        before = group_score(y, back, 1 - side)
                        if group_score(y, sorted([*back, x]), 1 - side) <= before + config.extend_margin:
                            continue
                    trials.append((gain, *link, side, new))
        if trials:
            _, x, y, side, new = max(trials)
            links[(x, y)] = new
            # The grown group's links all carry its new score, as pass 1 gives a group one score.
            for q in links:
                if q[side] == (x, y)[side]:
                    links[q] = new
            changed = True


def _contained(part: Profile, whole: Profile, idf: dict[str, float], config: AlignConfig) -> float:
    """How much of ``part`` is found in ``whole``: idf-weighted word coverage and 4-gram containment."""
    w = config.similarity.word_weight
    grams = len(part.grams & whole.grams) / len(part.grams) if part.grams else 0.0
    return w * _coverage(part, whole, idf, marks=config.marks, cognates=_cognates(config)) + (1 - w) * grams


def _prune(a: list[Profile], b: list[Profile], links: dict[tuple[int, int], float], idf: dict[str, float], config: AlignConfig) -> None:
    """Drop members of many-to-one groups that are barely found in their partner, in place."""
    count_a: dict[int, int] = {}
    count_b: dict[int, int] = {}
    for x, y in links:
        count_a[x] = count_a.get(x, 0) + 1
        count_b[y] = count_b.get(y, 0) + 1
    for x, y in sorted(links):
        many_b = count_a[x] > 1 and _contained(b[y], a[x], idf, config) < config.min_member
        many_a = count_b[y] > 1 and _contained(a[x], b[y], idf, config) < config.min_member
        if many_a or many_b:
            del links[(x, y)]
            count_a[x] -= 1
            count_b[y] -= 1


def align_profiles(a: list[Profile], b: list[Profile], *, config: AlignConfig = DEFAULT) -> list[tuple[int, int, float]]:
    """:func:`align_sentences` on profiles computed by the caller."""
    if not a or not b:
        return []
    idf = _idf(a + b)
    groups = _dynamic(a, b, idf, config)
    if config.gap_threshold is not None:
        groups = _fill_gaps(a, b, groups, idf, config)
    links = {(x, y): min(1.0, max(0.0, s)) for ga, gb, s in groups for x in ga for y in gb}
    if config.extend:
        _extend(a, b, links, idf, config)
    if config.min_member > 0:
        _prune(a, b, links, idf, config)
    return sorted((x, y, min(1.0, max(0.0, s))) for (x, y), s in links.items())


def align_sentences(
    a_sents: list[str], a_lang: str, b_sents: list[str], b_lang: str, *, config: AlignConfig = DEFAULT
) -> list[tuple[int, int, float]]:
    """Aligned (index in a, index in b, score in [0, 1]) pairs, in order.

    A 1-2 or 2-1 group yields two links with the group's score. Sentences left out are
    deletions or additions. Cost: O(len(a) * len(b)) similarities.
    """
    sim = config.similarity
    pa = [profile(s, a_lang, config=sim) for s in a_sents]
    pb = [profile(s, b_lang, config=sim) for s in b_sents]
    return align_profiles(pa, pb, config=config)
