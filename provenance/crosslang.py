"""Cross-language stages: candidates and sentence alignment for pairs in different languages.

Documents are projected word by word into a pivot language with offline bilingual dictionaries
(FreeDict, see ``provenance.xling``) and indexed; each document queries the index for its
nearest documents in *other* languages (an inverted index, never all pairs). A candidate pair
is aligned sentence by sentence on the projections (order-aware, with merges). Without the
dictionaries, matching falls back to character n-grams, which still links close languages
and names, and a one-time notice says how to install them.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .align import DocAlignment, Link
from .model import Document, Segment

log = logging.getLogger(__name__)
_warned = False


@dataclass(frozen=True)
class CrossLangConfig:
    """Cross-language candidate search and alignment."""

    enabled: bool = True
    neighbours: int = 3
    """Documents in other languages each document asks the index for."""
    min_index_score: float = 0.25
    """A neighbour becomes a candidate from this re-ranked index score (0–1)."""
    min_link_score: float = 0.3
    """Cross-language sentence links below this similarity (0–1) are dropped: unrelated
    sentences about the same topic reach about 0.2, translations about 0.5."""


def languages(docs: Sequence[Document]) -> list[str]:
    """The distinct known languages of a corpus, sorted."""
    return sorted({d.lang for d in docs if d.lang})


def _hint_once() -> None:
    global _warned
    if _warned:
        return
    from .xling import missing_dictionaries_hint

    hint = missing_dictionaries_hint()
    if hint:
        log.warning("cross-language matching is limited to character n-grams: %s", hint)
    _warned = True


def _content_text(segs: Sequence[Segment]) -> str:
    return "\n".join(s.text for s in segs if not s.furniture)


def cross_candidates(docs: Sequence[Document], segments: Sequence[Sequence[Segment]],
                     config: CrossLangConfig = CrossLangConfig()) -> np.ndarray:
    """Candidate pairs ``[a, b, 0]`` of documents in different languages.

    >>> cross_candidates([Document("a", "x", lang="fr")], [[]]).shape
    (0, 3)
    """
    if not config.enabled or len(languages(docs)) < 2:
        return np.zeros((0, 3), dtype=np.int64)
    _hint_once()
    from .xling import CrossIndex

    index = CrossIndex()
    known = [i for i, d in enumerate(docs) if d.lang]
    texts = {i: _content_text(segments[i]) for i in known}
    for i in known:
        index.add(str(i), texts[i], docs[i].lang or "")
    found: set[tuple[int, int]] = set()
    for i in known:
        if not texts[i].strip():
            continue
        for other, score in index.query(texts[i], docs[i].lang or "", config.neighbours, other_language=True):
            j = int(other)
            if score >= config.min_index_score and docs[j].lang != docs[i].lang:
                found.add((min(i, j), max(i, j)))
    return np.asarray([(a, b, 0) for a, b in sorted(found)], dtype=np.int64).reshape(-1, 3)


def align_cross(segs_a: Sequence[Segment], lang_a: str, segs_b: Sequence[Segment], lang_b: str,
                config: CrossLangConfig = CrossLangConfig()) -> DocAlignment:
    """Sentence alignment across languages; scores are 0–100 like same-language links."""
    from .xling import align_sentences

    ca = [s for s in segs_a if not s.furniture]
    cb = [s for s in segs_b if not s.furniture]
    raw = align_sentences([s.text for s in ca], lang_a, [s.text for s in cb], lang_b)
    # A merge comes back as two links with the group's score: join them again.
    out: list[Link] = []
    pending: list[tuple[int, int, float]] = sorted(raw)
    k = 0
    while k < len(pending):
        i, j, s = pending[k]
        ia, jb = [i], [j]
        while k + 1 < len(pending) and pending[k + 1][2] == s and (
            (pending[k + 1][0] == i and pending[k + 1][1] == jb[-1] + 1) or (pending[k + 1][1] == j and pending[k + 1][0] == ia[-1] + 1)
        ):
            k += 1
            ni, nj, _ = pending[k]
            if ni != ia[-1]:
                ia.append(ni)
            if nj != jb[-1]:
                jb.append(nj)
        if s >= config.min_link_score:
            out.append(Link(tuple(ca[x].index for x in ia), tuple(cb[y].index for y in jb), round(100.0 * s, 4)))
        k += 1
    return DocAlignment(tuple(out), ())


def translation_direction(doc_a: Document, doc_b: Document, segs_a: Sequence[Segment],
                          segs_b: Sequence[Segment], alignment: DocAlignment | None = None) -> tuple[float, str | None]:
    """Log-odds that ``doc_a`` is the original, from translationese cues, and the evidence.

    With ``alignment``, only the aligned sentences are read: the cues (text length above all)
    compare a text with its translation, and a copy that cut or added paragraphs would otherwise
    look longer or shorter than its translation really is.
    """
    import math

    from .xling import original_probability
    from .xling.direction import DEFAULT

    if not doc_a.lang or not doc_b.lang:
        return 0.0, None
    if alignment is not None and alignment.content:
        ia = {i for lk in alignment.content for i in lk.a}
        ib = {j for lk in alignment.content for j in lk.b}
        segs_a = [s for s in segs_a if s.index in ia]
        segs_b = [s for s in segs_b if s.index in ib]
    p = original_probability(_content_text(segs_a), doc_a.lang, _content_text(segs_b), doc_b.lang)
    if p == 0.5:
        return 0.0, None
    # The model's probabilities are already capped at its held-out accuracy
    # (benchmarks/RESULTS-crosslang.md), so they can be used as they are.
    lo = math.log(max(p, 1e-6) / max(1 - p, 1e-6))
    model = DEFAULT.models.get((doc_a.lang, doc_b.lang)) or DEFAULT.models.get((doc_b.lang, doc_a.lang))
    right = f", right {model.accuracy:.0%} of the time on held-out data" if model is not None else ""
    orig = doc_a if p > 0.5 else doc_b
    return lo, f"translationese cues: {orig.id} reads as the original (model p={max(p, 1 - p):.2f}{right})"
