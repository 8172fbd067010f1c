"""LSH banding: the numpy candidate generator must equal the dict-of-buckets reference."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.lsh import (
    EMPTY_KEY,
    LSHConfig,
    _band_key,
    _band_key_reference,
    band_keys,
    bucket_pairs,
    bucket_rows,
    candidate_pairs,
    candidate_pairs_from_signatures,
    candidate_pairs_reference,
    doc_pairs,
    oversize_pairs,
    oversize_pairs_reference,
    threshold,
    verify_pairs,
    verify_pairs_reference,
)


@st.composite
def corpora(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, LSHConfig]:
    """Signatures drawn from a tiny value alphabet so bands collide often, some empty rows."""
    bands = draw(st.integers(1, 5))
    rows = draw(st.integers(1, 3))
    n = draw(st.integers(0, 40))
    values = st.sampled_from([0, 1, 2, 0xFFFFFFFF])
    sigs = np.array(
        draw(
            st.lists(
                st.lists(values, min_size=bands * rows, max_size=bands * rows),
                min_size=n,
                max_size=n,
            )
        ),
        dtype=np.uint32,
    ).reshape(n, bands * rows)
    empty = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    sigs[np.array(empty, dtype=bool)] = 0xFFFFFFFF
    groups = np.array(draw(st.lists(st.integers(0, 6), min_size=n, max_size=n)), dtype=np.int64)
    config = LSHConfig(bands=bands, rows=rows, max_bucket=draw(st.integers(2, 12)))
    return groups, sigs, config


@settings(max_examples=150, deadline=None)
@given(corpora())
def test_candidate_pairs_equal_reference(corpus: tuple[np.ndarray, np.ndarray, LSHConfig]) -> None:
    groups, sigs, config = corpus
    keys = band_keys(sigs, config)
    got = candidate_pairs(groups, keys, config)
    np.testing.assert_array_equal(got, candidate_pairs_reference(groups, keys, config))
    np.testing.assert_array_equal(got, candidate_pairs_from_signatures(groups, sigs, config))
    np.testing.assert_array_equal(
        got, candidate_pairs_from_signatures(groups, sigs, config, workers=2)
    )
    wide = sigs.astype(np.uint64)  # not our uint32 signatures: the plain numpy path
    np.testing.assert_array_equal(got, candidate_pairs_from_signatures(groups, wide, config))
    assert got.dtype == np.int64 and got.shape[1] == 3
    assert (got[:, 0] < got[:, 1]).all()
    order = np.lexsort((got[:, 1], got[:, 0]))
    np.testing.assert_array_equal(order, np.arange(len(got)))


@settings(max_examples=100, deadline=None)
@given(
    st.integers(1, 3).flatmap(
        lambda bands: st.tuples(
            st.just(bands),
            st.lists(
                st.tuples(
                    st.integers(0, 5),
                    st.lists(
                        st.sampled_from([0, 1, 2, 3, 64, 65, int(EMPTY_KEY)]),
                        min_size=bands,
                        max_size=bands,
                    ),
                ),
                max_size=50,
            ),
        )
    ),
    st.integers(2, 10),
    st.sampled_from([1, 2]),
)
def test_raw_keys_sharing_prefixes(
    data: tuple[int, list[tuple[int, list[int]]]], max_bucket: int, workers: int
) -> None:
    # Small raw keys share their high bits, so the packed prefix sort must split buckets on the
    # full key; EMPTY_KEY rows must be ignored.
    bands, units = data
    groups = np.array([g for g, _ in units], dtype=np.int64)
    keys = np.array([k for _, k in units], dtype=np.uint64).reshape(len(units), bands)
    config = LSHConfig(bands=bands, rows=1, max_bucket=max_bucket)
    np.testing.assert_array_equal(
        candidate_pairs(groups, keys, config, workers=workers),
        candidate_pairs_reference(groups, keys, config),
    )


@settings(max_examples=50, deadline=None)
@given(corpora())
def test_band_key_kernel_equals_numpy(corpus: tuple[np.ndarray, np.ndarray, LSHConfig]) -> None:
    _, sigs, config = corpus
    for band in range(config.bands):
        np.testing.assert_array_equal(
            _band_key(sigs, band, config), _band_key_reference(sigs, band, config)
        )


@settings(max_examples=50, deadline=None)
@given(corpora())
def test_unit_order_does_not_matter(corpus: tuple[np.ndarray, np.ndarray, LSHConfig]) -> None:
    # Shuffling unit order must not change the doc pairs (the result is a set, deterministic).
    groups, sigs, config = corpus
    perm = np.random.default_rng(len(groups)).permutation(len(groups))
    keys = band_keys(sigs, config)
    np.testing.assert_array_equal(
        candidate_pairs(groups[perm], keys[perm], config), candidate_pairs(groups, keys, config)
    )


def test_identical_units_pair_across_docs_only() -> None:
    sigs = np.tile(np.arange(8, dtype=np.uint32), (4, 1))
    config = LSHConfig(bands=4, rows=2)
    got = candidate_pairs(np.array([0, 0, 1, 2]), band_keys(sigs, config), config)
    np.testing.assert_array_equal(got, [[0, 1, 2], [0, 2, 2], [1, 2, 1]])


def test_empty_units_never_collide() -> None:
    sigs = np.full((3, 4), 0xFFFFFFFF, dtype=np.uint32)
    config = LSHConfig(bands=2, rows=2)
    keys = band_keys(sigs, config)
    assert (keys == EMPTY_KEY).all()
    assert candidate_pairs(np.array([0, 1, 2]), keys, config).shape == (0, 3)


def test_big_buckets_are_skipped() -> None:
    sigs = np.zeros((5, 2), dtype=np.uint32)
    config = LSHConfig(bands=1, rows=2, max_bucket=4)
    assert candidate_pairs(np.arange(5), band_keys(sigs, config), config).shape == (0, 3)
    config = LSHConfig(bands=1, rows=2, max_bucket=5)
    assert len(candidate_pairs(np.arange(5), band_keys(sigs, config), config)) == 10


def test_band_index_is_mixed_into_keys() -> None:
    sigs = np.array([[7, 7, 7, 7]], dtype=np.uint32)
    keys = band_keys(sigs, LSHConfig(bands=2, rows=2))
    assert keys[0, 0] != keys[0, 1]


def test_steps_compose_like_candidate_pairs() -> None:
    rng = np.random.default_rng(0)
    sigs = rng.integers(0, 3, size=(60, 6), dtype=np.uint32)
    groups = rng.integers(0, 10, size=60)
    config = LSHConfig(bands=3, rows=2, max_bucket=50)
    keys = band_keys(sigs, config)
    pairs = set()
    for band in range(config.bands):
        bucket_keys, units = bucket_rows(keys, band)
        for key in np.unique(bucket_keys):
            members = units[bucket_keys == key]
            pairs.update(map(tuple, bucket_pairs(members, groups[members], config).tolist()))
    got = doc_pairs(np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2), groups)
    np.testing.assert_array_equal(got, candidate_pairs(groups, keys, config))


def test_threshold() -> None:
    assert threshold(LSHConfig(bands=16, rows=4)) == pytest.approx(0.5)
    assert threshold(LSHConfig(bands=1, rows=1)) == 1.0


def test_config_validation_teaches() -> None:
    with pytest.raises(ValueError, match="bands and rows"):
        LSHConfig(bands=0)
    with pytest.raises(ValueError, match="max_bucket"):
        LSHConfig(max_bucket=1)
    with pytest.raises(ValueError, match=r"bands \* rows must equal MinHashConfig.num_perm"):
        band_keys(np.zeros((2, 128), dtype=np.uint32), LSHConfig(bands=16, rows=4))
    with pytest.raises(ValueError, match="one column per band"):
        candidate_pairs(np.zeros(2), np.zeros((2, 3), dtype=np.uint64), LSHConfig())
    with pytest.raises(ValueError, match="one document index per unit"):
        candidate_pairs(np.zeros(3), np.zeros((2, 16), dtype=np.uint64), LSHConfig())


@st.composite
def verify_cases(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Documents of a few units whose signatures share many values (a small alphabet), so unit
    pairs sit on both sides of the threshold; widths that are not multiples of 8 included."""
    perms = draw(st.sampled_from([1, 4, 7, 8, 12, 20, 64]))
    docs = draw(st.integers(1, 8))
    sizes = draw(st.lists(st.integers(1, 5), min_size=docs, max_size=docs))
    groups = np.repeat(np.arange(docs), sizes)
    # Values differing only above the low byte test the exact recount after the byte filter.
    alphabet = st.sampled_from([0, 1, 2, 256, 257, 0x10002, 0xFFFFFFFF])
    sigs = np.array(draw(st.lists(st.lists(alphabet, min_size=perms, max_size=perms),
                                  min_size=len(groups), max_size=len(groups))), dtype=np.uint32)
    pairs = np.array([(a, b, 0) for a in range(docs) for b in range(a + 1, docs)], dtype=np.int64).reshape(-1, 3)
    return pairs, groups, sigs, draw(st.sampled_from([0.0, 0.2, 0.5, 0.9, 1.0]))


@settings(max_examples=200, deadline=None)
@given(verify_cases())
def test_verify_pairs_equals_reference(case: tuple[np.ndarray, np.ndarray, np.ndarray, float]) -> None:
    pairs, groups, sigs, jac = case
    ref = verify_pairs_reference(pairs, groups, sigs, jac)
    np.testing.assert_array_equal(verify_pairs(pairs, groups, sigs, jac), ref)


def test_verify_pairs_threads_give_the_same_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    import provenance.lsh as lsh

    rng = np.random.default_rng(3)
    groups = np.sort(rng.integers(0, 300, size=3000))
    base = rng.integers(0, 40, size=(3000, 64), dtype=np.uint32)
    base[::3] = base[1::3][: len(base[::3])]  # many near copies
    pairs = np.array([(a, b, 0) for a in range(0, 300, 3) for b in range(a + 1, min(a + 40, 300))], dtype=np.int64)
    ref = verify_pairs_reference(pairs, groups, base, 0.2)
    monkeypatch.setattr(lsh, "_VERIFY_CHUNK", 97)
    for workers in (1, 2, 3, 0):
        np.testing.assert_array_equal(verify_pairs(pairs, groups, base, 0.2, workers=workers), ref)
    assert ref.sum() > 0


def test_band_keys_same_for_any_thread_count() -> None:
    rng = np.random.default_rng(5)
    sigs = rng.integers(0, 2**32 - 1, size=(500, 24), dtype=np.uint32)
    config = LSHConfig(bands=8, rows=3)
    one = band_keys(sigs, config)
    for workers in (2, 3, 0):
        np.testing.assert_array_equal(band_keys(sigs, config, workers=workers), one)


@settings(max_examples=150, deadline=None)
@given(corpora(), st.integers(0, 4))
def test_oversize_pairs_equal_reference(corpus: tuple[np.ndarray, np.ndarray, LSHConfig], hub: int) -> None:
    groups, sigs, config = corpus
    config = LSHConfig(bands=config.bands, rows=config.rows, max_bucket=config.max_bucket, hub=hub)
    keys = band_keys(sigs, config)
    got = oversize_pairs(groups, keys, config)
    np.testing.assert_array_equal(got, oversize_pairs_reference(groups, keys, config))
    np.testing.assert_array_equal(got, oversize_pairs(groups, keys, config, workers=2))
    # hubs in rank order (a trace ranks documents by date)
    rank = np.random.default_rng(len(keys)).permutation(int(groups.max()) + 1 if len(groups) else 1)
    np.testing.assert_array_equal(oversize_pairs(groups, keys, config, rank=rank),
                                  oversize_pairs_reference(groups, keys, config, rank=rank))
    assert got.dtype == np.int64 and got.shape[1] == 3
    if hub == 0:
        assert not len(got)
    # the buckets candidate_pairs keeps give no hub pairs, and with a limit no bucket reaches,
    # every pair is a plain candidate
    roomy = LSHConfig(bands=config.bands, rows=config.rows, max_bucket=max(len(keys), 2), hub=hub)
    assert not len(oversize_pairs(groups, keys, roomy))


def test_a_bucket_over_the_limit_links_its_members_through_its_first_ones() -> None:
    # 7 units of 7 documents share one key; a limit of 5 drops them all from candidate_pairs,
    # and the first two (units 0 and 1) become everyone's pairs.
    keys = np.full((7, 1), 9, dtype=np.uint64)
    config = LSHConfig(bands=1, rows=1, max_bucket=5, hub=2)
    groups = np.arange(7)
    assert not len(candidate_pairs(groups, keys, config))
    got = oversize_pairs(groups, keys, config)
    assert {(int(a), int(b)) for a, b, _ in got} == {(0, 1), *((0, j) for j in range(2, 7)), *((1, j) for j in range(2, 7))}
