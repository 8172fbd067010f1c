"""Stage 6: align the sentences of two documents.

Sentences are compared with rapidfuzz's normalised InDel similarity (``fuzz.ratio``) on their
normalised forms. The alignment is order-aware: the heaviest chain of links that keeps both
documents in order, where a link joins one sentence to one sentence or one sentence to two
adjacent ones (a rewrite that merged or split a sentence). Sentences that a rewrite moved are
added afterwards when they match strongly.

``align`` is the fast kernel; ``align_reference`` is a slow, obviously correct version (pure
Python similarity and a full dynamic-programming grid) that tests hold it to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from .model import pickled_by_fields
from .segment import words


@dataclass(frozen=True)
class AlignConfig:
    """Sentence alignment settings (scores are rapidfuzz ratios, 0–100)."""

    min_score: float = 65.0
    """Two sentences align when their similarity reaches this."""
    strong_score: float = 85.0
    """Out-of-order links (moved sentences) are kept only at this similarity or more."""
    merge_gate: float = 50.0
    """A 1–2 merge is tried only where one of its 1–1 parts reaches this."""
    min_chars: int = 12
    """Sentences with fewer normalised characters never align (counters, bare names)."""
    merges: bool = True
    furniture_min_chars: int = 20
    """Shared furniture counts only from this length: two pages both saying "Partager" or
    "end" share nothing worth reporting."""
    exhaustive_cells: int = 1 << 22
    """Up to this many sentence pairs (two documents of 2,000 sentences each), every pair is
    scored. Beyond it (book-length pages: archives, live blogs, transcripts) only pairs that
    share a word bigram are: scoring all took minutes a pair, and two sentences that align
    (65% of their characters in common, in order) share a bigram but for the rarest cases."""
    bigram_df: int = 64
    """In that sparse mode, a bigram found in more sentences of the second document than this
    ("de la", "of the") proposes no pairs: it would bring the quadratic cost back."""


@pickled_by_fields
@dataclass(frozen=True, slots=True, order=True)
class Link:
    """Sentences ``a`` of the first document aligned with sentences ``b`` of the second.

    >>> Link((0,), (1, 2), 80.0).b
    (1, 2)
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float


def ratio_reference(s1: str, s2: str) -> float:
    """Pure-Python normalised InDel similarity: 200·LCS / (len1 + len2).

    >>> round(ratio_reference("abcd", "abed"), 1)
    75.0
    """
    if not s1 and not s2:
        return 100.0
    prev = [0] * (len(s2) + 1)
    for c1 in s1:
        cur = [0]
        for j, c2 in enumerate(s2, 1):
            cur.append(prev[j - 1] + 1 if c1 == c2 else max(prev[j], cur[j - 1]))
        prev = cur
    return 200.0 * prev[-1] / (len(s1) + len(s2))


def _weight(score: float, config: AlignConfig) -> float:
    # Any link at the threshold adds a little, so a chain never prefers fewer equal links.
    return score - config.min_score + 1.0


def _candidates(a: Sequence[str], b: Sequence[str], sim: np.ndarray, merged, config: AlignConfig) -> list[Link]:
    """Every link that may enter an alignment: 1–1, 1–2 and 2–1 above the threshold."""
    n, m = len(a), len(b)
    ok_a = np.array([len(x) >= config.min_chars for x in a], dtype=bool)
    ok_b = np.array([len(x) >= config.min_chars for x in b], dtype=bool)
    ok = ok_a[:, None] & ok_b[None, :]
    out = [Link((int(i),), (int(j),), float(sim[i, j])) for i, j in np.argwhere(ok & (sim >= config.min_score))]
    if config.merges and n and m:
        if m > 1:
            pair_best = np.maximum(sim[:, :-1], sim[:, 1:])
            for i, j in np.argwhere(ok_a[:, None] & (pair_best >= config.merge_gate)):
                s = merged(a[i], b[j] + " " + b[j + 1])
                if s >= config.min_score and s > pair_best[i, j]:
                    out.append(Link((int(i),), (int(j), int(j) + 1), float(s)))
        if n > 1:
            pair_best = np.maximum(sim[:-1, :], sim[1:, :])
            for i, j in np.argwhere((pair_best >= config.merge_gate) & ok_b[None, :]):
                s = merged(a[i] + " " + a[i + 1], b[j])
                if s >= config.min_score and s > pair_best[i, j]:
                    out.append(Link((int(i), int(i) + 1), (int(j),), float(s)))
    return out


def _candidates_sparse(
    a: Sequence[str], b: Sequence[str], cells: list[tuple[int, int, float]],
    ok_a: list[bool], ok_b: list[bool], config: AlignConfig,
) -> list[Link]:
    """:func:`_candidates` from the few cells at or above the lowest threshold (``cells``, in
    row-major order): the same links in the same order, without whole-matrix passes.

    A merge ``(i; j, j+1)`` is tried where cell ``(i, j)`` or ``(i, j+1)`` reaches the gate, so
    the gated cells name every merge to try. A cutoff at ``min_score`` on the merged score is
    exact, since a merge below it is never kept.
    """
    n, m = len(a), len(b)
    out = [Link((i,), (j,), s) for i, j, s in cells if s >= config.min_score and ok_a[i] and ok_b[j]]
    if not (config.merges and n and m):
        return out
    gated = [(i, j) for i, j, s in cells if s >= config.merge_gate]
    cutoff = max(config.min_score, 0.0)
    # The bound below reads a cell left at 0 as "under the lowest threshold"; with a threshold
    # at or under 0 every cell is exact and no bound is needed.
    low = _lowest(config)
    known = {(i, j): s for i, j, s in cells}
    if m > 1:
        for i, j in sorted({(r, c) for r, g in gated if ok_a[r] for c in (g - 1, g) if 0 <= c < m - 1}):
            # ``known`` holds every cell the cut-off left non-zero: dictionary reads, not array ones.
            s1, s2 = known.get((i, j), 0.0), known.get((i, j + 1), 0.0)
            best = max(s1, s2)
            # Nothing beats a verbatim part (a merged score is at most 100): verbatim copies
            # have a gated cell beside most cells.
            if best >= 100.0:
                continue
            if low > 0 and _merge_bound(a[i], b[j], b[j + 1], s1, s2, low) <= max(best, config.min_score - 1e-9):
                continue
            s = fuzz.ratio(a[i], b[j] + " " + b[j + 1], score_cutoff=cutoff)
            if s >= config.min_score and s > best:
                out.append(Link((i,), (j, j + 1), s))
    if n > 1:
        for i, j in sorted({(r, c) for g, c in gated if ok_b[c] for r in (g - 1, g) if 0 <= r < n - 1}):
            s1, s2 = known.get((i, j), 0.0), known.get((i + 1, j), 0.0)
            best = max(s1, s2)
            if best >= 100.0:
                continue
            if low > 0 and _merge_bound(b[j], a[i], a[i + 1], s1, s2, low) <= max(best, config.min_score - 1e-9):
                continue
            s = fuzz.ratio(a[i] + " " + a[i + 1], b[j], score_cutoff=cutoff)
            if s >= config.min_score and s > best:
                out.append(Link((i, i + 1), (j,), s))
    return out


def _merge_bound(x: str, y1: str, y2: str, s1: float, s2: float, low: float) -> float:
    """An upper bound (never below the true value) of ``ratio(x, y1 + " " + y2)``, from the
    similarities ``s1``, ``s2`` of ``x`` with each part as a matrix cut off at ``low`` reports
    them (0 meaning "under ``low``").

    A common subsequence of ``x`` and ``y1 y2`` splits into one with ``y1``, at most the blank
    and one with ``y2``, so LCS ≤ LCS₁ + 1 + LCS₂; ratio = 200·LCS / (len x + len y), so
    LCSₖ = sₖ·nₖ/200 for a reported score and is under low·nₖ/200 for a score left at 0. Most
    merges next to a gated cell fail, and this rules out two thirds of them without aligning
    the merged text (OrangeSum).
    """
    n1, n2 = len(x) + len(y1), len(x) + len(y2)
    lcs = (s1 or low) * n1 / 200.0 + (s2 or low) * n2 / 200.0 + 1.0
    lcs = min(lcs, float(len(x)), float(len(y1) + len(y2) + 1))
    # The slack covers rounding in recovering an LCS length from a float score.
    return 200.0 * lcs / (len(x) + len(y1) + len(y2) + 1) + 1e-6


def _chain(cands: list[Link], config: AlignConfig) -> list[Link]:
    """Heaviest chain of links increasing in both documents (sparse DP, deterministic)."""
    cands = sorted(cands, key=lambda k: (k.a[-1], k.b[-1], k.a[0], k.b[0]))
    if all(p.a[-1] < q.a[0] and p.b[-1] < q.b[0] for p, q in zip(cands, cands[1:], strict=False)):
        # Already one chain (a copy without moved or merged sentences): every weight is
        # positive, so the heaviest chain is all of it, which the search below would find.
        return cands
    if len(cands) > _QUADRATIC_LINKS:
        return _chain_search_indexed(cands, config)
    return _chain_search(cands, config)


_QUADRATIC_LINKS = 1500
"""Above this many candidate links, the heaviest chain is found with a max-tree in O(k log k)
rather than by trying every earlier link (O(k²)): pages of near-identical lines (results
tables, listings) give tens of thousands of links, which took minutes a pair."""


def _chain_search_indexed(cands: list[Link], config: AlignConfig) -> list[Link]:
    """A heaviest chain of :func:`_chain_search`'s candidates (already in its order), from a
    Fenwick tree of the best chain ending at each second-document position. Its weight is the
    search's; between chains of equal weight it may choose another.
    """
    k = len(cands)
    width = max(lk.b[-1] for lk in cands) + 2
    tree_val = [-1.0] * (width + 1)
    tree_arg = [-1] * (width + 1)

    def better(v: float, i: int, w: float, j: int) -> bool:
        # Higher value, then the earlier link (the one the search would keep).
        return v > w or (v == w and i != -1 and (j == -1 or i < j))

    def update(pos: int, v: float, i: int) -> None:
        pos += 1
        while pos <= width:
            if better(v, i, tree_val[pos], tree_arg[pos]):
                tree_val[pos], tree_arg[pos] = v, i
            pos += pos & -pos

    def query(pos: int) -> tuple[float, int]:
        # best over second-document ends < pos
        v, arg = -1.0, -1
        while pos > 0:
            if better(tree_val[pos], tree_arg[pos], v, arg):
                v, arg = tree_val[pos], tree_arg[pos]
            pos -= pos & -pos
        return v, arg

    best = [0.0] * k
    back = [-1] * k
    by_start = sorted(range(k), key=lambda t: (cands[t].a[0], t))
    by_end = sorted(range(k), key=lambda t: (cands[t].a[-1], t))
    inserted = 0
    for t in by_start:
        lk = cands[t]
        # Links ending before this one starts in the first document enter the tree: their own
        # best is final, since they start earlier still.
        while inserted < k and cands[by_end[inserted]].a[-1] < lk.a[0]:
            p = by_end[inserted]
            update(cands[p].b[-1], best[p], p)
            inserted += 1
        v, p = query(lk.b[0])
        w = _weight(lk.score, config)
        best[t], back[t] = (v + w, p) if p >= 0 else (w, -1)
    t = max(range(k), key=lambda i: (best[i] - 1e-9 * i))
    chain = []
    while t >= 0:
        chain.append(cands[t])
        t = back[t]
    return chain[::-1]


def _chain_search(cands: list[Link], config: AlignConfig) -> list[Link]:
    """The search of :func:`_chain` on candidates already in its order (also its test oracle)."""
    best = [0.0] * len(cands)
    back = [-1] * len(cands)
    for k, lk in enumerate(cands):
        w = _weight(lk.score, config)
        best[k], back[k] = w, -1
        for p in range(k):
            lp = cands[p]
            if lp.a[-1] < lk.a[0] and lp.b[-1] < lk.b[0] and best[p] + w > best[k] + 1e-9:
                best[k], back[k] = best[p] + w, p
    if not cands:
        return []
    k = max(range(len(cands)), key=lambda t: (best[t] - 1e-9 * t))
    chain = []
    while k >= 0:
        chain.append(cands[k])
        k = back[k]
    return chain[::-1]


def _add_moved(chain: list[Link], sim: np.ndarray, a: Sequence[str], b: Sequence[str], config: AlignConfig) -> list[Link]:
    ok_a = np.array([len(x) >= config.min_chars for x in a], dtype=bool)
    ok_b = np.array([len(x) >= config.min_chars for x in b], dtype=bool)
    cells = np.argwhere((sim >= config.strong_score) & ok_a[:, None] & ok_b[None, :])
    return _add_strong(chain, [(float(sim[i, j]), int(i), int(j)) for i, j in cells])


def _add_strong(chain: list[Link], strong: list[tuple[float, int, int]]) -> list[Link]:
    """The chain plus the strongest out-of-order 1–1 links ``(score, i, j)`` among sentences
    it leaves unused, best first."""
    used_a = {i for lk in chain for i in lk.a}
    used_b = {j for lk in chain for j in lk.b}
    extra = []
    for s, i, j in sorted(strong, key=lambda t: (-t[0], t[1], t[2])):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            extra.append(Link((i,), (j,), s))
    return sorted(chain + extra)


def _lowest(config: AlignConfig) -> float:
    """The lowest similarity any decision of the alignment looks at."""
    return min(config.min_score, config.strong_score, config.merge_gate if config.merges else config.min_score)


def _similarity(a: Sequence[str], b: Sequence[str], config: AlignConfig) -> np.ndarray:
    """The sentence similarity matrix, exact wherever it can matter and 0 elsewhere.

    Every decision of the alignment compares a similarity with ``min_score``, ``strong_score``
    or (for merges) ``merge_gate``, and a merged link must beat a 1–1 score that already
    passed the gate; so scores below the lowest of these never change the result, and
    rapidfuzz reports them as 0.
    """
    return process.cdist(list(a), list(b), scorer=fuzz.ratio, dtype=np.float64, score_cutoff=max(_lowest(config), 0.0))


def align(a: Sequence[str], b: Sequence[str], config: AlignConfig = AlignConfig()) -> list[Link]:
    """Align two lists of normalised sentences.

    >>> align(["le chat dort", "il pleut fort ce matin"], ["il pleut fort ce matin la", "rien"],
    ...       AlignConfig(min_chars=5))
    [Link(a=(1,), b=(0,), score=93.61702127659575)]
    """
    return _align(a, b, config, moved=True)


def align_in_order(a: Sequence[str], b: Sequence[str], config: AlignConfig = AlignConfig()) -> list[Link]:
    """Only the order-keeping chain of :func:`align` (no moved sentences)."""
    return _align(a, b, config, moved=False)


_BLOCK_CELLS = 1 << 22
"""Above this many sentence pairs, the similarity matrix is computed a block of rows at a time
(a few MB each): two long pages (live blogs, transcripts) would otherwise need gigabytes."""


def _cells(a: Sequence[str], b: Sequence[str], config: AlignConfig) -> list[tuple[int, int, float]]:
    """(i, j, similarity) of every sentence pair at or above the lowest threshold, row-major."""
    low = _lowest(config)
    if len(a) * len(b) <= _BLOCK_CELLS:
        # Nearly every pair: one matrix.
        sim = _similarity(a, b, config)
        # Typically a handful of the cells reach the lowest threshold; the rest is read no further.
        ii, jj = np.nonzero(sim >= low)
        return list(zip(ii.tolist(), jj.tolist(), sim[ii, jj].tolist(), strict=True)) if len(ii) else []
    rows = max(1, _BLOCK_CELLS // len(b))
    out: list[tuple[int, int, float]] = []
    for lo in range(0, len(a), rows):
        sim = _similarity(a[lo : lo + rows], b, config)
        ii, jj = np.nonzero(sim >= low)
        out.extend(zip((ii + lo).tolist(), jj.tolist(), sim[ii, jj].tolist(), strict=True))
    return out


def _keys(norm: str) -> set[str]:
    # A sentence's word bigrams (its word, when it has one).
    w = words(norm)
    return {f"{x} {y}" for x, y in zip(w, w[1:], strict=False)} if len(w) > 1 else set(w)


def _cells_sparse(a: Sequence[str], b: Sequence[str], config: AlignConfig) -> list[tuple[int, int, float]]:
    """:func:`_cells` of the sentence pairs that share a word bigram (``config.bigram_df``
    bounds how common), for documents too long to score every pair."""
    low = max(_lowest(config), 0.0)
    index: dict[str, list[int]] = {}
    for j, y in enumerate(b):
        for k in _keys(y):
            index.setdefault(k, []).append(j)
    out: list[tuple[int, int, float]] = []
    for i, x in enumerate(a):
        near: set[int] = set()
        for k in _keys(x):
            hit = index.get(k)
            if hit is not None and len(hit) <= config.bigram_df:
                near.update(hit)
        for j in sorted(near):
            sc = fuzz.ratio(x, b[j], score_cutoff=low)
            if sc >= low:
                out.append((i, j, float(sc)))
    return out


def _align(a: Sequence[str], b: Sequence[str], config: AlignConfig, *, moved: bool) -> list[Link]:
    if not a or not b:
        return []
    cells = _cells(a, b, config) if len(a) * len(b) <= config.exhaustive_cells else _cells_sparse(a, b, config)
    if not cells:
        # No pair of sentences reached any threshold: no link of any kind can exist (merges
        # need one of their 1–1 parts at the gate).
        return []
    ok_a = [len(x) >= config.min_chars for x in a]
    ok_b = [len(x) >= config.min_chars for x in b]
    chain = _chain(_candidates_sparse(a, b, cells, ok_a, ok_b, config), config)
    if not moved:
        return chain
    strong = [(s, i, j) for i, j, s in cells if s >= config.strong_score and ok_a[i] and ok_b[j]]
    # A chain increases in both documents, so it is already in the order _add_strong sorts to.
    return _add_strong(chain, strong) if strong else chain


def chain_weight(links: Sequence[Link], config: AlignConfig = AlignConfig()) -> float:
    """Total weight of the in-order part of an alignment (what the chain maximises)."""
    return sum(_weight(lk.score, config) for lk in links)


def align_reference(a: Sequence[str], b: Sequence[str], config: AlignConfig = AlignConfig()) -> list[Link]:
    """Slow oracle for :func:`align`: a full DP grid and pure-Python similarity."""
    if not a or not b:
        return []
    sim = np.array([[ratio_reference(x, y) for y in b] for x in a], dtype=np.float64)
    return _add_moved(align_in_order_reference(a, b, config), sim, a, b, config)


def align_in_order_reference(a: Sequence[str], b: Sequence[str], config: AlignConfig = AlignConfig()) -> list[Link]:
    """Slow oracle for :func:`align_in_order`."""
    n, m = len(a), len(b)
    if not n or not m:
        return []
    sim = np.array([[ratio_reference(x, y) for y in b] for x in a], dtype=np.float64).reshape(n, m)
    links = {(lk.a, lk.b): lk for lk in _candidates(a, b, sim, ratio_reference, config)}
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    step: list[list[Link | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            options: list[tuple[float, Link | None, int, int]] = [
                (best[i - 1][j], None, i - 1, j),
                (best[i][j - 1], None, i, j - 1),
            ]
            for da, db in ((1, 1), (1, 2), (2, 1)):
                key = (tuple(range(i - da, i)), tuple(range(j - db, j)))
                lk = links.get(key)
                if lk is not None and i - da >= 0 and j - db >= 0:
                    options.append((best[i - da][j - db] + _weight(lk.score, config), lk, i - da, j - db))
            value, lk, _, _ = max(options, key=lambda t: t[0])
            best[i][j] = value
            step[i][j] = lk
    chain: list[Link] = []
    i, j = n, m
    while i > 0 and j > 0:
        lk = step[i][j]
        if lk is not None and abs(best[i][j] - best[lk.a[0]][lk.b[0]] - _weight(lk.score, config)) < 1e-6:
            chain.append(lk)
            i, j = lk.a[0], lk.b[0]
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return chain[::-1]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class DocAlignment:
    """Links between two documents' sentences, by sentence index in each document.

    ``content`` links join sentences that are not furniture; ``furniture`` links join shared
    furniture (kept apart: it never counts as evidence of copying); ``template`` links join
    sentences of one frame filled with different figures (moved out of ``content`` by
    :func:`provenance.relation.split_templates`; evidence of a shared generator, not of copying);
    ``quote`` links join quoted speech two texts share and nothing else (moved out by
    :func:`provenance.relation.split_quotes`; evidence of one speaker, not of copying).
    """

    content: tuple[Link, ...]
    furniture: tuple[Link, ...]
    template: tuple[Link, ...] = ()
    quote: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class Sides:
    """One document's sentences as alignment reads them: content and furniture apart, each with
    its normalised texts and their ``Segment.index`` values. Built once per document."""

    content: list[str]
    content_index: list[int]
    furniture: list[str]
    furniture_index: list[int]


def sides(segs: Sequence) -> Sides:
    """Split a document's segments for :func:`align_sides`."""
    content = [s for s in segs if not s.furniture]
    furniture = [s for s in segs if s.furniture]
    return Sides([s.norm for s in content], [s.index for s in content],
                 [s.norm for s in furniture], [s.index for s in furniture])


def align_documents(segs_a: Sequence, segs_b: Sequence, config: AlignConfig = AlignConfig()) -> DocAlignment:
    """Align two documents' segments; returned indices are ``Segment.index`` values.

    >>> from provenance.model import Segment
    >>> s = lambda i, t, f=None: Segment(0, i, 0, len(t), i, t, t, f)
    >>> r = align_documents([s(0, "lire aussi la suite de notre dossier", "pattern"), s(1, "le president a parle hier soir")],
    ...                     [s(0, "lire aussi la suite de notre dossier", "pattern"), s(1, "le president a parle hier")])
    >>> [(lk.a, lk.b) for lk in r.content], [(lk.a, lk.b) for lk in r.furniture]
    ([((1,), (1,))], [((0,), (0,))])
    """
    return align_sides(sides(segs_a), sides(segs_b), config)


def _furniture_config(config: AlignConfig) -> AlignConfig:
    strong = max(config.strong_score, 85.0)
    return AlignConfig(min_score=strong, strong_score=strong, min_chars=config.furniture_min_chars, merges=False)


def align_sides(a: Sides, b: Sides, config: AlignConfig = AlignConfig(), *, content: bool = True) -> DocAlignment:
    """:func:`align_documents` on documents already split by :func:`sides`; with
    ``content=False``, only their furniture (the content links are left empty)."""

    def remap(links: list[Link], xa: list[int], xb: list[int]) -> tuple[Link, ...]:
        # Most links join one sentence to one: no generator for those.
        return tuple(Link((xa[lk.a[0]],) if len(lk.a) == 1 else tuple(xa[i] for i in lk.a),
                          (xb[lk.b[0]],) if len(lk.b) == 1 else tuple(xb[j] for j in lk.b), lk.score)
                     for lk in links)

    links: tuple[Link, ...] = ()
    if content:
        links = remap(align(a.content, b.content, config), a.content_index, b.content_index)
    furniture: tuple[Link, ...] = ()
    if a.furniture and b.furniture:
        furniture = remap(align(a.furniture, b.furniture, _furniture_config(config)), a.furniture_index, b.furniture_index)
    return DocAlignment(links, furniture)
