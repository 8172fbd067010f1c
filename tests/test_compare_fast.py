"""The fast comparison paths give exactly what the plain ones give: the sparse link finder and
the cut-off similarity matrix against the dense matrix, the pair worker against
``compare_segments``, per-document stats against ``features``, and any worker count alike."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from provenance.align import (
    AlignConfig,
    _add_moved,
    _candidates,
    _candidates_sparse,
    _chain,
    _lowest,
    _similarity,
    align,
    align_in_order,
)
from provenance.engines import get_engine
from provenance.load import load
from provenance.model import Segment
from provenance.pipeline import (
    TraceConfig,
    _PairWorker,
    _stem_text,
    compare_pairs,
    compare_segments,
    prepare,
)
from provenance.relation import doc_stats, features, features_of, stems

WORDS = st.sampled_from(["le", "president", "russe", "a", "parle", "turc", "otan", "hier", "kremlin", "x"])
SENTENCE = st.lists(WORDS, min_size=1, max_size=9).map(" ".join)
DOC = st.lists(SENTENCE, max_size=7)
CONFIGS = st.builds(
    AlignConfig,
    min_score=st.sampled_from([0.0, 50.0, 65.0, 80.0]),
    strong_score=st.sampled_from([60.0, 85.0, 95.0]),
    merge_gate=st.sampled_from([30.0, 50.0, 70.0]),
    min_chars=st.sampled_from([1, 12]),
    merges=st.booleans(),
)


def _dense_align(a: list[str], b: list[str], config: AlignConfig, moved: bool = True) -> list:
    """The alignment as it was computed before the fast path: full matrix, dense link search."""
    if not a or not b:
        return []
    sim = process.cdist(a, b, scorer=fuzz.ratio, dtype=np.float64)
    chain = _chain(_candidates(a, b, sim, fuzz.ratio, config), config)
    return _add_moved(chain, sim, a, b, config) if moved else chain


@settings(max_examples=300, deadline=None)
@given(DOC, DOC, CONFIGS)
def test_fast_alignment_equals_dense_alignment_exactly(a: list[str], b: list[str], config: AlignConfig) -> None:
    assert align(a, b, config) == _dense_align(a, b, config)
    assert align_in_order(a, b, config) == _dense_align(a, b, config, moved=False)


@settings(max_examples=300, deadline=None)
@given(DOC, DOC, CONFIGS)
def test_sparse_candidates_equal_dense_candidates(a: list[str], b: list[str], config: AlignConfig) -> None:
    if not a or not b:
        return
    dense = process.cdist(a, b, scorer=fuzz.ratio, dtype=np.float64)
    sim = _similarity(a, b, config)
    # The cut-off matrix is exact at and above the lowest threshold and 0 below it.
    low = _lowest(config)
    assert np.array_equal(np.where(dense >= low, dense, 0.0), sim) or low <= 0
    ii, jj = np.nonzero(sim >= low)
    cells = list(zip(ii.tolist(), jj.tolist(), sim[ii, jj].tolist(), strict=True))
    ok_a = [len(x) >= config.min_chars for x in a]
    ok_b = [len(x) >= config.min_chars for x in b]
    assert _candidates_sparse(a, b, cells, ok_a, ok_b, config) == _candidates(a, b, dense, fuzz.ratio, config)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(SENTENCE, st.sampled_from([None, "pattern"])), max_size=8))
def test_stems_equal_the_per_sentence_definition(sents: list[tuple[str, str | None]]) -> None:
    segs = [Segment(0, k, 0, len(t), 0, t, t, f) for k, (t, f) in enumerate(sents)]
    plain = frozenset(w[:5] for s in segs if not s.furniture for w in s.norm.split() if len(w) > 3)
    assert stems(segs) == plain


@pytest.fixture(scope="module")
def prepared(seeds: Path):  # type: ignore[no-untyped-def]
    docs = load(seeds).documents
    config = TraceConfig()
    return docs, prepare(docs, config, get_engine("local", workers=1)), config


def test_features_from_stats_equal_features(prepared) -> None:  # type: ignore[no-untyped-def]
    docs, segs, config = prepared
    for a in range(len(docs)):
        for b in range(a + 1, len(docs)):
            p = compare_segments(a, b, docs[a], docs[b], segs[a], segs[b], config)
            assert features_of(doc_stats(segs[a]), doc_stats(segs[b]), p.alignment) == features(segs[a], segs[b], p.alignment)


@pytest.mark.parametrize("stemmed_first", [False, True])
def test_pair_worker_equals_compare_segments(prepared, stemmed_first: bool) -> None:  # type: ignore[no-untyped-def]
    """Also with each document's stems made beforehand (as ``compare_pairs`` does), and through
    the worker's early exit for pairs with nothing aligned."""
    docs, segs, config = prepared
    stem_texts = [_stem_text(i, segs) for i in range(len(segs))] if stemmed_first else None
    worker = _PairWorker(docs, segs, config, stem_texts)
    seen_none = seen_kept = False
    for a in range(len(docs)):
        for b in range(a + 1, len(docs)):
            slow = compare_segments(a, b, docs[a], docs[b], segs[a], segs[b], config, 3)
            fast = worker((a, b, 3))
            if slow.relation is None:
                assert fast is None
                seen_none = True
            else:
                assert fast == slow
                seen_kept = True
    assert seen_kept and seen_none


def test_pair_worker_pickles_without_its_memo(prepared) -> None:  # type: ignore[no-untyped-def]
    import pickle

    docs, segs, config = prepared
    worker = _PairWorker(docs, segs, config)
    worker((0, 1, 1))
    assert worker.memo
    copy = pickle.loads(pickle.dumps(worker))
    assert copy.memo == {} and copy((0, 1, 1)) == worker((0, 1, 1))


def test_compare_pairs_same_for_any_worker_count(prepared) -> None:  # type: ignore[no-untyped-def]
    docs, segs, config = prepared
    n = len(docs)
    cands = np.array([(a, b, 1) for a in range(n) for b in range(a + 1, n)] * 40, dtype=np.int64)
    one = compare_pairs(docs, segs, cands, config, get_engine("local", workers=1))
    two = compare_pairs(docs, segs, cands, config, get_engine("local", workers=2, min_parallel=1, chunk=7))
    assert one == two and one


@settings(max_examples=500, deadline=None)
@given(*[st.one_of(SENTENCE, st.text(alphabet="ab c", max_size=30))] * 3, st.sampled_from([30.0, 50.0, 65.0]), st.booleans())
def test_merge_bound_is_never_below_the_merged_score(x: str, y1: str, y2: str, low: float, swap: bool) -> None:
    from provenance.align import _merge_bound

    s1 = fuzz.ratio(x, y1, score_cutoff=low)
    s2 = fuzz.ratio(x, y2, score_cutoff=low)
    merged = fuzz.ratio(y1 + " " + y2, x) if swap else fuzz.ratio(x, y1 + " " + y2)
    assert _merge_bound(x, y1, y2, s1, s2, low) >= merged
