"""An inverted index over pivot stems, for finding a text's counterpart in another language.

Every indexed document is projected into the pivot language; a query is projected too and
scored only against documents that share at least one informative stem with it (postings of
stems found in more than ``max_df`` of the documents are not walked), so a lookup costs the
length of the postings it touches, not the size of the corpus. The few best candidates are then
re-ranked with the full :func:`provenance.xling.similarity.profile_similarity`.

>>> idx = CrossIndex(config=IndexConfig(similarity=SimilarityConfig(project=ProjectConfig(lexicon=LexiconConfig(dict_dirs=())))))
>>> idx.add("a", "Angela Merkel visited Paris.", "en"); idx.add("b", "Football results.", "en")
>>> idx.query("Angela Merkel a visité Paris.", "fr")[0][0]
'a'
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from provenance.xling.lexicon import LexiconConfig
from provenance.xling.project import ProjectConfig
from provenance.xling.similarity import (
    Profile,
    SimilarityConfig,
    ngram_cosine,
    profile,
    word_overlap,
)

__all__ = ["CrossIndex", "IndexConfig", "LexiconConfig", "ProjectConfig", "SimilarityConfig"]


@dataclass(frozen=True, slots=True)
class IndexConfig:
    """Index and re-ranking settings.

    >>> IndexConfig().rerank
    20
    """

    similarity: SimilarityConfig = field(default_factory=SimilarityConfig)
    max_df: float = 0.2
    """Stems in more than this share of documents are not walked (they act as stop words)."""
    rerank: int = 20
    """How many index hits get the full similarity."""
    index_weight: float = 0.5
    """Share of the idf-weighted index score in the re-ranking score."""
    ngram_weight: float = 0.2
    length_weight: float = 0.1


class CrossIndex:
    """Documents projected to the pivot, with postings per stem; add, then query.

    Adding after a query is allowed (idf is recomputed lazily).
    """

    def __init__(self, *, config: IndexConfig | None = None) -> None:
        self.config = config or IndexConfig()
        self.ids: list[str] = []
        self.profiles: list[Profile] = []
        self._postings: dict[str, list[int]] = {}
        self._frozen: dict[str, np.ndarray] | None = None
        self._idf: dict[str, float] = {}
        self._norms: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, doc_id: str, text: str, lang: str) -> None:
        """Index one document."""
        self.add_profile(doc_id, profile(text, lang, config=self.config.similarity))

    def add_profile(self, doc_id: str, prof: Profile) -> None:
        """Index one document whose profile the caller already has."""
        n = len(self.ids)
        self.ids.append(doc_id)
        self.profiles.append(prof)
        for s in prof.stems:
            self._postings.setdefault(s, []).append(n)
        self._frozen = None

    def _freeze(self) -> None:
        n = len(self.ids)
        self._frozen = {s: np.asarray(p, dtype=np.int32) for s, p in self._postings.items()}
        self._idf = {s: math.log((n + 1) / (len(p) + 0.5)) for s, p in self._postings.items()}
        norms = np.zeros(n)
        for i, prof in enumerate(self.profiles):
            # A document's mass is that of its distinct words (first stem of each).
            norms[i] = sum(self._idf.get(a[0], 0.0) for a in {a[0]: a for a in prof.alts}.values())
        self._norms = np.maximum(norms, 1e-9)

    @property
    def idf(self) -> dict[str, float]:
        """Inverse document frequency of every indexed stem."""
        if self._frozen is None:
            self._freeze()
        return self._idf

    def candidates(self, prof: Profile, k: int) -> list[tuple[int, float]]:
        """Top ``k`` (position, index score) by idf-weighted cosine of matched words."""
        if self._frozen is None:
            self._freeze()
        assert self._frozen is not None and self._norms is not None
        n = len(self.ids)
        limit = max(1, int(self.config.max_df * n))
        scores = np.zeros(n)
        qnorm = 0.0
        best = np.zeros(n)
        for alts in {a: None for a in prof.alts}:
            present = [s for s in alts if s in self._frozen]
            if not present:
                continue
            weight = max(self._idf[s] for s in present)
            qnorm += weight
            best[:] = 0.0
            for s in present:
                post = self._frozen[s]
                if len(post) <= limit:
                    np.maximum.at(best, post, self._idf[s])
            scores += best
        if qnorm == 0:
            return []
        scores /= np.sqrt(qnorm * self._norms)
        k = min(k, n)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]

    def query_profile(self, prof: Profile, k: int = 10) -> list[tuple[str, float]]:
        """Best ``k`` (doc id, score) for a profiled query, best first; scores in [0, 1]."""
        cfg = self.config
        cands = self.candidates(prof, max(k, cfg.rerank))
        if not cands:
            return []
        top_index = cands[0][1] or 1.0
        scored = []
        for i, s in cands:
            d = self.profiles[i]
            words = word_overlap(prof, d, idf=self._idf)
            grams = ngram_cosine(prof, d)
            ratio = min(prof.chars, d.chars) / max(prof.chars, d.chars, 1)
            rest = 1 - cfg.index_weight - cfg.ngram_weight - cfg.length_weight
            score = (
                cfg.index_weight * s / top_index * min(1.0, top_index)
                + rest * words
                + cfg.ngram_weight * grams
                + cfg.length_weight * ratio
            )
            scored.append((self.ids[i], float(score)))
        scored.sort(key=lambda t: -t[1])
        return scored[:k]

    def query(self, text: str, lang: str, k: int = 10) -> list[tuple[str, float]]:
        """Best ``k`` (doc id, score) for a text in any language, best first."""
        return self.query_profile(profile(text, lang, config=self.config.similarity), k)
