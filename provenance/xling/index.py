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
    profile,
    word_overlap,
)

__all__ = ["SENTENCE_INDEX", "CrossIndex", "IndexConfig", "LexiconConfig", "ProjectConfig", "SimilarityConfig"]


@dataclass(frozen=True, slots=True)
class IndexConfig:
    """Index and re-ranking settings.

    >>> IndexConfig().rerank
    20
    """

    similarity: SimilarityConfig = field(default_factory=SimilarityConfig)
    max_df: float = 0.2
    """Stems in more than this share of documents are not walked (they act as stop words)..."""
    min_df_limit: int = 50
    """...unless they are in at most this many: the cut is for speed, and in a small corpus
    (three documents, say) it would leave no stem to walk at all."""
    rerank: int = 20
    """How many index hits get the full similarity."""
    # Weights chosen on the WMT dev test sets (benchmarks/crosslang.py): full documents and
    # 2-sentence excerpts as queries against ~3k English documents.
    index_weight: float = 0.57
    """Share of the idf-weighted index cosine in the re-ranking score."""
    word_weight: float = 0.29
    """Share of the idf-weighted word overlap (harmonic mean of both coverages)."""
    containment_weight: float = 0.14
    """Share of the query's character n-grams found in the document (favours excerpts)."""
    ngram_weight: float = 0.0
    """Share of the character n-gram cosine."""
    length_weight: float = 0.0
    """Share of the length ratio (shorter / longer, in characters)."""


SENTENCE_INDEX = IndexConfig(
    index_weight=0.32, word_weight=0.16, containment_weight=0.08, ngram_weight=0.31, length_weight=0.13
)
"""Re-ranking weights for sentence-sized texts, chosen on WMT dev sentences: with so few words,
the character n-grams and the length ratio carry more of the evidence."""


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
        self._langs: np.ndarray = np.zeros(0, dtype=object)

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
            norms[i] = sum(self._idf.get(s, 0.0) for s in {alts[0] for alts, _ in prof.words})
        self._norms = np.maximum(norms, 1e-9)
        self._langs = np.asarray([p.lang for p in self.profiles], dtype=object)

    @property
    def idf(self) -> dict[str, float]:
        """Inverse document frequency of every indexed stem."""
        if self._frozen is None:
            self._freeze()
        return self._idf

    def candidates(self, prof: Profile, k: int, *, other_language: bool = False) -> list[tuple[int, float]]:
        """Top ``k`` (position, index score) by idf-weighted cosine of matched words.

        With ``other_language``, documents in the query's own language are left out: a
        same-language neighbour is the monolingual pipeline's business, and it would outscore
        a translation on shared function words and names.
        """
        if self._frozen is None:
            self._freeze()
        assert self._frozen is not None and self._norms is not None
        n = len(self.ids)
        limit = max(self.config.min_df_limit, int(self.config.max_df * n))
        scores = np.zeros(n)
        qnorm = 0.0
        best = np.zeros(n)
        for alts, _ in prof.words:
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
        if other_language:
            scores[self._langs == prof.lang] = 0.0
        k = min(k, n)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]

    def query_profile(self, prof: Profile, k: int = 10, *, other_language: bool = False) -> list[tuple[str, float]]:
        """Best ``k`` (doc id, score) for a profiled query, best first; scores in [0, 1]."""
        cfg = self.config
        cands = self.candidates(prof, max(k, cfg.rerank), other_language=other_language)
        if not cands:
            return []
        scored = []
        for i, score in cands:
            d = self.profiles[i]
            shared = len(prof.grams & d.grams)
            contained = shared / max(1, len(prof.grams))
            cosine = shared / max(1.0, math.sqrt(len(prof.grams) * len(d.grams)))
            ratio = min(prof.chars, d.chars) / max(prof.chars, d.chars, 1)
            score = (
                cfg.index_weight * score
                + cfg.word_weight * word_overlap(prof, d, idf=self._idf)
                + cfg.containment_weight * contained
                + cfg.ngram_weight * cosine
                + cfg.length_weight * ratio
            )
            scored.append((self.ids[i], float(score)))
        scored.sort(key=lambda t: -t[1])
        return scored[:k]

    def query(self, text: str, lang: str, k: int = 10, *, other_language: bool = False) -> list[tuple[str, float]]:
        """Best ``k`` (doc id, score) for a text in any language, best first.

        ``other_language`` keeps only documents in another language than ``lang``.
        """
        prof = profile(text, lang, config=self.config.similarity)
        return self.query_profile(prof, k, other_language=other_language)
