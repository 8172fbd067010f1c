"""Monotone sentence alignment of two documents in different languages.

Dynamic programming over the two sentence sequences, in order: each step aligns one sentence
with one (1-1), one with two adjacent ones (1-2, 2-1), or skips a sentence on either side
(deleted or added material). An alignment earns ``similarity - threshold`` per aligned group,
so weak pairs are left unaligned rather than forced; skips earn nothing.

>>> [(i, j) for i, j, _ in align_sentences(["Le chat dort.", "Il pleut à Paris."], "fr", ["It is raining in Paris."], "en")]
[(1, 0)]
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from provenance.xling.similarity import (
    Profile,
    SimilarityConfig,
    merge,
    ngram_cosine,
    profile,
    word_overlap,
)


@dataclass(frozen=True, slots=True)
class AlignConfig:
    """Similarity and the price of aligning.

    >>> AlignConfig().threshold
    0.16
    """

    similarity: SimilarityConfig = field(default_factory=SimilarityConfig)
    # The three values were chosen on 160 WMT dev-set documents (benchmarks/crosslang.py).
    threshold: float = 0.16
    """A group is aligned only when its similarity beats this."""
    merge_penalty: float = 0.0
    """Extra price of a 1-2 / 2-1 group; any positive value cost recall on dev."""
    length_weight: float = 0.1
    """Share of the length ratio in the pair score; translations keep sentence lengths."""


DEFAULT = AlignConfig()


def _score(a: Profile, b: Profile, idf: dict[str, float], config: AlignConfig) -> float:
    w = config.similarity.word_weight
    content = w * word_overlap(a, b, idf=idf) + (1 - w) * ngram_cosine(a, b)
    ratio = min(a.chars, b.chars) / max(a.chars, b.chars, 1)
    return (1 - config.length_weight) * content + config.length_weight * ratio


def _idf(profiles: list[Profile]) -> dict[str, float]:
    # Document frequency over the sentences of both sides: words in many sentences (the story's
    # topic) tell little about which sentence pairs with which.
    df: dict[str, int] = {}
    for p in profiles:
        for alts, _ in p.words:
            df[alts[0]] = df.get(alts[0], 0) + 1
    n = len(profiles)
    return {s: math.log((n + 1) / (c + 0.5)) for s, c in df.items()}


def align_profiles(a: list[Profile], b: list[Profile], *, config: AlignConfig = DEFAULT) -> list[tuple[int, int, float]]:
    """:func:`align_sentences` on profiles computed by the caller."""
    n, m = len(a), len(b)
    if n == 0 or m == 0:
        return []
    idf = _idf(a + b)
    a2 = [merge(a[i], a[i + 1]) for i in range(n - 1)]
    b2 = [merge(b[j], b[j + 1]) for j in range(m - 1)]
    tau, pen = config.threshold, config.merge_penalty
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
                s = _score(a[i - 1], b[j - 1], idf, config)
                if s > tau and best[i - 1][j - 1] + s - tau > cand:
                    cand, move = best[i - 1][j - 1] + s - tau, (1, 1, s)
                if j > 1:
                    s = _score(a[i - 1], b2[j - 2], idf, config)
                    if s > tau + pen and best[i - 1][j - 2] + s - tau - pen > cand:
                        cand, move = best[i - 1][j - 2] + s - tau - pen, (1, 2, s)
                if i > 1:
                    s = _score(a2[i - 2], b[j - 1], idf, config)
                    if s > tau + pen and best[i - 2][j - 1] + s - tau - pen > cand:
                        cand, move = best[i - 2][j - 1] + s - tau - pen, (2, 1, s)
            best[i][j], back[i][j] = cand, move
    links: list[tuple[int, int, float]] = []
    i, j = n, m
    while i > 0 or j > 0:
        di, dj, s = back[i][j]
        if di and dj:
            for x in range(i - di, i):
                for y in range(j - dj, j):
                    links.append((x, y, min(1.0, max(0.0, s))))
        i, j = i - di, j - dj
    links.sort()
    return links


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
