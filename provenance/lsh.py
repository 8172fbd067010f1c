"""LSH banding of unit signatures into candidate document pairs.

Each signature is cut into ``bands`` bands of ``rows`` values; units whose band values are all
equal in some band share a bucket, and two units of different documents sharing a bucket are a
colliding unit pair. A candidate document pair counts its distinct colliding unit pairs (hits).

The work is split into steps an engine can distribute (a Spark job maps units to
:func:`bucket_rows`, groups by bucket, applies :func:`bucket_pairs` to each bucket, takes the
distinct pairs and reduces them with :func:`doc_pairs`). :func:`candidate_pairs` does the
same on one machine, band by band (bands in parallel threads): it sorts ``key prefix | unit``
packed in one uint64 (a plain SIMD sort, no argsort of all keys), keeps the few units whose
prefix repeats, sorts those on the full key, pairs the members of each run of equal keys in a
compiled loop, and merges the pair codes of all bands. It never compares all pairs and holds
about 16 bytes per unit per thread beyond its input (30M units, 2 threads: about 1 GB).
Tests check it against :func:`candidate_pairs_reference` (a dict of buckets) and against the
composition of the distributable steps.
"""

from __future__ import annotations

import itertools
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from numba import njit

__all__ = [
    "EMPTY_KEY",
    "LSHConfig",
    "band_keys",
    "bucket_pairs",
    "bucket_rows",
    "candidate_pairs",
    "candidate_pairs_from_signatures",
    "candidate_pairs_reference",
    "doc_pairs",
    "oversize_pairs",
    "oversize_pairs_reference",
    "threshold",
    "verify_pairs",
    "verify_pairs_reference",
]

EMPTY_KEY = np.uint64(0xFFFF_FFFF_FFFF_FFFF)
"""Band key of a band whose values are all the empty-signature value; such bands never collide.
No real band hashes to it (a hash equal to it is moved to ``EMPTY_KEY - 1``)."""

_EMPTY_VALUE = 0xFFFFFFFF
_F1 = np.uint64(0xFF51AFD7ED558CCD)
_F2 = np.uint64(0xC4CEB9FE1A85EC53)
_S33 = np.uint64(33)


@dataclass(frozen=True)
class LSHConfig:
    """How signatures are banded; ``bands * rows`` must equal the signature length.

    >>> round(threshold(LSHConfig(bands=16, rows=4)), 3)
    0.5
    """

    bands: int = 16
    rows: int = 4
    max_bucket: int = 200
    """A bucket with more members (units, any document) than this gives no pairs in
    :func:`candidate_pairs`: pairing it all would cost quadratic time. Its members are paired
    with its first ``hub`` members instead, by :func:`oversize_pairs`."""
    hub: int = 8
    """In a bucket over ``max_bucket``, each member still pairs with the bucket's first ``hub``
    members (in the order :func:`oversize_pairs` is given: the earliest-dated documents in a
    trace, then the documents read first): a dispatch syndicated to more sites than
    ``max_bucket`` would otherwise link none of its copies. 0 = such buckets give no pair."""

    def __post_init__(self) -> None:
        if self.bands < 1 or self.rows < 1:
            raise ValueError(
                f"bands and rows must both be at least 1, got bands={self.bands}, rows={self.rows}"
            )
        if self.hub < 0:
            raise ValueError(f"hub must be 0 (no pairs from oversized buckets) or more, got {self.hub}")
        if self.max_bucket < 2:
            raise ValueError(
                f"max_bucket must be at least 2 (a bucket of one unit makes no pair), "
                f"got {self.max_bucket}"
            )


def threshold(config: LSHConfig) -> float:
    """Approximate Jaccard similarity at which a pair collides with probability ~1/2.

    >>> round(threshold(LSHConfig(bands=32, rows=4)), 3)
    0.42
    """
    return float((1.0 / config.bands) ** (1.0 / config.rows))


def _fmix64(h: np.ndarray) -> np.ndarray:
    h ^= h >> _S33
    h *= _F1
    h ^= h >> _S33
    h *= _F2
    h ^= h >> _S33
    return h


def _check_sigs(sigs: np.ndarray, config: LSHConfig) -> None:
    if sigs.ndim != 2 or sigs.shape[1] != config.bands * config.rows:
        width = sigs.shape[1] if sigs.ndim == 2 else f"shape {sigs.shape}"
        raise ValueError(
            f"LSHConfig(bands={config.bands}, rows={config.rows}) covers "
            f"{config.bands * config.rows} signature values but the signatures have {width}: "
            f"bands * rows must equal MinHashConfig.num_perm "
            f"(did you change num_perm without changing bands or rows?)"
        )


def _band_seed(band: int) -> int:
    # A per-band start so equal values in different bands give different keys.
    return (band + 1) * 0x2545F4914F6CDD1D % 2**64


def _row_multipliers(rows: int) -> np.ndarray:
    """Odd 64-bit multipliers, one per row of a band (a splitmix64 stream)."""
    out, x = [], 0x5851F42D4C957F2D
    for _ in range(rows):
        x = (x + 0x9E3779B97F4A7C15) % 2**64
        z = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9 % 2**64
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB % 2**64
        out.append((z ^ (z >> 31)) | 1)
    return np.array(out, dtype=np.uint64)


def _band_key_reference(sigs: np.ndarray, band: int, config: LSHConfig) -> np.ndarray:
    """Keys of one band in plain numpy; :func:`_band_key` must equal it.

    ``fmix64(seed_band + sum_r value_r * M_r) mod 2**64``. Two different bands of values collide
    only if ``sum_r (value_r - value'_r) * M_r`` is 0 mod 2**64: never when one value differs
    (M_r is odd and the difference is below 2**32), with chance ~2**-64 otherwise. The products
    are independent, so the kernel is not one long chain of multiplications.
    """
    cols = sigs[:, band * config.rows : (band + 1) * config.rows].astype(np.uint64)
    h = np.full(len(sigs), _band_seed(band), dtype=np.uint64)
    for r, mult in enumerate(_row_multipliers(config.rows)):
        h += cols[:, r] * mult  # wraps mod 2**64, as intended
    h = _fmix64(h)
    h[h == EMPTY_KEY] = EMPTY_KEY - np.uint64(1)
    h[(cols == _EMPTY_VALUE).all(axis=1)] = EMPTY_KEY
    return h


@njit(cache=True, inline="always")
def _hash_band(
    sigs: np.ndarray, u: int, first: int, mults: np.ndarray, seed: np.uint64
) -> np.uint64:
    h = seed
    both = np.uint32(_EMPTY_VALUE)
    for r in range(mults.shape[0]):
        v = sigs[u, first + r]
        both &= v
        h += np.uint64(v) * mults[r]
    h ^= h >> _S33
    h *= _F1
    h ^= h >> _S33
    h *= _F2
    h ^= h >> _S33
    if both == _EMPTY_VALUE:
        return EMPTY_KEY
    if h == EMPTY_KEY:
        return EMPTY_KEY - np.uint64(1)
    return h


@njit(cache=True, nogil=True)
def _band_key_kernel(
    sigs: np.ndarray, first: int, mults: np.ndarray, seed: np.uint64
) -> np.ndarray:
    out = np.empty(sigs.shape[0], dtype=np.uint64)
    for u in range(sigs.shape[0]):
        out[u] = _hash_band(sigs, u, first, mults, seed)
    return out


@njit(cache=True, nogil=True)
def _band_packed_kernel(
    sigs: np.ndarray, first: int, mults: np.ndarray, seed: np.uint64, bits: int
) -> np.ndarray:
    # Key prefix | unit, for _band_codes, without materialising the keys.
    out = np.empty(sigs.shape[0], dtype=np.uint64)
    shift = np.uint64(bits)
    for u in range(sigs.shape[0]):
        out[u] = ((_hash_band(sigs, u, first, mults, seed) >> shift) << shift) | np.uint64(u)
    return out


@njit(cache=True, nogil=True)
def _band_key_gather(
    sigs: np.ndarray, units: np.ndarray, first: int, mults: np.ndarray, seed: np.uint64
) -> np.ndarray:
    out = np.empty(units.shape[0], dtype=np.uint64)
    for i in range(units.shape[0]):
        out[i] = _hash_band(sigs, units[i], first, mults, seed)
    return out


def _band_key(sigs: np.ndarray, band: int, config: LSHConfig) -> np.ndarray:
    # One fused pass instead of a dozen numpy passes with temporaries.
    if sigs.dtype != np.uint32:
        return _band_key_reference(sigs, band, config)
    return _band_key_kernel(
        sigs, band * config.rows, _row_multipliers(config.rows), np.uint64(_band_seed(band))
    )


def band_keys(sigs: np.ndarray, config: LSHConfig, *, workers: int = 1) -> np.ndarray:
    """64-bit hash of each band of each signature, shape ``(n, bands)``, dtype uint64.

    A band whose values are all 0xFFFFFFFF (an empty unit) gets :data:`EMPTY_KEY`. ``workers``
    threads hash bands in parallel (0 = every core); the keys do not depend on it.

    >>> sigs = np.array([[1, 2, 3, 4], [1, 2, 9, 9]], dtype=np.uint32)
    >>> keys = band_keys(sigs, LSHConfig(bands=2, rows=2))
    >>> bool(keys[0, 0] == keys[1, 0]), bool(keys[0, 1] == keys[1, 1])
    (True, False)
    """
    _check_sigs(sigs, config)
    keys = np.empty((len(sigs), config.bands), dtype=np.uint64)

    def fill(band: int) -> None:
        keys[:, band] = _band_key(sigs, band, config)

    if workers == 0:
        workers = os.cpu_count() or 1
    if workers <= 1 or config.bands == 1:
        for band in range(config.bands):
            fill(band)
    else:
        # The kernel releases the GIL; each thread writes its own columns.
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(fill, range(config.bands)))
    return keys


def bucket_rows(keys: np.ndarray, band: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``(bucket_key, unit)`` rows of one band, sorted by key then unit, empty bands dropped.

    ``keys`` is one band's keys ``(n,)`` or all of them ``(n, bands)``.

    >>> k = np.array([7, 5, 7, EMPTY_KEY], dtype=np.uint64)
    >>> bucket_rows(k, 0)
    (array([5, 7, 7], dtype=uint64), array([1, 0, 2]))
    """
    col = keys if keys.ndim == 1 else keys[:, band]
    units = np.flatnonzero(col != EMPTY_KEY)
    kept = col[units]
    # Stable, so units stay ascending inside a bucket and pairs come out as (low, high).
    order = np.argsort(kept, kind="stable")
    return kept[order], units[order]


def bucket_pairs(members: np.ndarray, member_groups: np.ndarray, config: LSHConfig) -> np.ndarray:
    """The unit pairs ``(i, j)``, ``i < j``, of one bucket, across documents only.

    A bucket larger than ``config.max_bucket`` gives no pairs.

    >>> bucket_pairs(np.array([4, 1, 9]), np.array([0, 0, 1]), LSHConfig())
    array([[1, 9],
           [4, 9]])
    """
    if len(members) > config.max_bucket:
        return np.empty((0, 2), dtype=np.int64)
    i, j = np.triu_indices(len(members), k=1)
    keep = member_groups[i] != member_groups[j]
    a = np.asarray(members, dtype=np.int64)[i[keep]]
    b = np.asarray(members, dtype=np.int64)[j[keep]]
    pairs = np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1)
    return pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]


def doc_pairs(unit_pairs: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Reduce distinct unit pairs ``(p, 2)`` to ``[doc_a, doc_b, hits]`` rows, sorted.

    >>> doc_pairs(np.array([[0, 2], [1, 2], [0, 3]]), np.array([5, 5, 1, 0]))
    array([[0, 5, 1],
           [1, 5, 2]])
    """
    ga = groups[unit_pairs[:, 0]].astype(np.int64)
    gb = groups[unit_pairs[:, 1]].astype(np.int64)
    lo, hi = np.minimum(ga, gb), np.maximum(ga, gb)
    width = int(hi.max()) + 1 if len(hi) else 1
    codes, hits = np.unique(lo * width + hi, return_counts=True)
    return np.stack([codes // width, codes % width, hits], axis=1).astype(np.int64)


@njit(cache=True, nogil=True)
def _run_pairs(
    sorted_keys: np.ndarray, units: np.ndarray, groups: np.ndarray, min_size: int, max_size: int, hub: int
) -> np.ndarray:
    # Codes i * n + j (i < j) of the cross-document pairs inside every run of equal keys of
    # size min_size..max_size, between the run's first ``hub`` members and all its members
    # (every pair when hub >= the size). A unit has one key per band, so codes of one band are
    # distinct. Two passes (bound the count, then fill) keep the output at its exact size.
    m = sorted_keys.shape[0]
    n = np.uint64(groups.shape[0])
    bound = 0
    i = 0
    while i < m:
        j = i + 1
        while j < m and sorted_keys[j] == sorted_keys[i]:
            j += 1
        size = j - i
        if min_size <= size <= max_size:
            h = min(hub, size)
            bound += h * size - h * (h + 1) // 2
        i = j
    out = np.empty(bound, dtype=np.uint64)
    count = 0
    i = 0
    while i < m:
        j = i + 1
        while j < m and sorted_keys[j] == sorted_keys[i]:
            j += 1
        if min_size <= j - i <= max_size:
            for a in range(i, min(i + hub, j)):
                for b in range(a + 1, j):
                    ua, ub = units[a], units[b]
                    if groups[ua] != groups[ub]:
                        lo, hi = min(ua, ub), max(ua, ub)
                        out[count] = np.uint64(lo) * n + np.uint64(hi)
                        count += 1
        i = j
    return out[:count]


@njit(cache=True, nogil=True)
def _pack(col: np.ndarray, bits: int) -> np.ndarray:
    out = np.empty(col.shape[0], dtype=np.uint64)
    shift = np.uint64(bits)
    for u in range(col.shape[0]):
        out[u] = ((col[u] >> shift) << shift) | np.uint64(u)
    return out


@njit(cache=True, nogil=True)
def _shared_prefix_units(packed: np.ndarray, bits: int) -> np.ndarray:
    # Units whose key prefix is shared with another unit, in sorted order. Two passes (count,
    # then fill) so the output is allocated at its exact, usually small, size.
    shift = np.uint64(bits)
    mask = (np.uint64(1) << shift) - np.uint64(1)
    m = packed.shape[0]
    count = 0
    for i in range(m):
        p = packed[i] >> shift
        if (i > 0 and packed[i - 1] >> shift == p) or (i + 1 < m and packed[i + 1] >> shift == p):
            count += 1
    out = np.empty(count, dtype=np.int64)
    count = 0
    for i in range(m):
        p = packed[i] >> shift
        if (i > 0 and packed[i - 1] >> shift == p) or (i + 1 < m and packed[i + 1] >> shift == p):
            out[count] = np.int64(packed[i] & mask)
            count += 1
    return out


def _unit_bits(n: int) -> int:
    return max(1, (n - 1).bit_length())


def _band_codes(
    packed: np.ndarray,
    full_keys: Callable[[np.ndarray], np.ndarray],
    groups: np.ndarray,
    max_bucket: int,
) -> np.ndarray:
    """Sorted unit-pair codes ``i * n + j`` of one band: what bucket_rows + bucket_pairs give,
    computed without an argsort of all n keys.

    ``packed`` holds ``key prefix | unit`` in one uint64 (the unit in the low
    ``_unit_bits(n)`` bits); a plain (SIMD) in-place sort of it is several times faster than an
    argsort of the keys. Units sharing a prefix are then few, and only their full keys
    (``full_keys(units)``) are argsorted. Units ascend inside a prefix, and the stable argsort
    keeps them so, which makes the pairs come out as ``(low, high)``.
    """
    bits = _unit_bits(len(groups))
    packed.sort()
    units = _shared_prefix_units(packed, bits)
    del packed
    keys = full_keys(units)
    kept = keys != EMPTY_KEY
    units, keys = units[kept], keys[kept]
    order = np.argsort(keys, kind="stable")
    return _run_pairs(keys[order], units[order], groups, 2, max_bucket, max_bucket)


def oversize_pairs(groups: np.ndarray, keys: np.ndarray, config: LSHConfig, *, workers: int = 1,
                   rank: np.ndarray | None = None) -> np.ndarray:
    """Document pairs ``[doc_a, doc_b, hits]`` from the buckets :func:`candidate_pairs` leaves out
    (more than ``config.max_bucket`` members): each member with the bucket's first
    ``config.hub`` members. Linear in the members, not quadratic.

    The first members are those of lowest ``rank`` (one value per document, as ``groups``
    numbers them), then of lowest unit; with no ``rank``, of lowest unit (the documents read
    first). A trace ranks documents by date (``pipeline.hub_ranks``): an original is then paired
    with every copy dated after it, wherever it stands in the input.

    >>> keys = np.array([[5], [5], [5], [5], [6]], dtype=np.uint64)
    >>> oversize_pairs(np.arange(5), keys, LSHConfig(bands=1, rows=1, max_bucket=3, hub=1))
    array([[0, 1, 1],
           [0, 2, 1],
           [0, 3, 1]])
    >>> oversize_pairs(np.arange(5), keys, LSHConfig(bands=1, rows=1, max_bucket=3, hub=1), rank=np.array([1, 1, 0, 1, 1]))
    array([[0, 2, 1],
           [1, 2, 1],
           [2, 3, 1]])
    """
    if keys.ndim != 2 or keys.shape[1] != config.bands:
        raise ValueError(f"keys must have one column per band: expected shape (n, {config.bands}), got {keys.shape}")
    groups = _check_groups(groups, len(keys))
    if config.hub == 0 or len(keys) <= config.max_bucket:
        return np.zeros((0, 3), dtype=np.int64)
    unit_rank = None if rank is None else _unit_ranks(rank, groups)
    width = min(1 << 20, 1 << max(1, (len(keys) - 1).bit_length()))

    def band_codes(band: int) -> np.ndarray:
        col = np.ascontiguousarray(keys[:, band], dtype=np.uint64)
        # Band keys are hashes: their low bits spread them evenly. A bucket can only be over the
        # limit where its bin of low bits is, so counting bins (linear) spares the sort of all
        # keys that candidate_pairs already made, and most bands have no such bin at all.
        bins = (col & np.uint64(width - 1)).astype(np.intp)
        heavy = np.bincount(bins, minlength=width) > config.max_bucket
        if not heavy.any():
            return np.zeros(0, dtype=np.uint64)
        units = np.flatnonzero(heavy[bins])
        found = col[units]
        kept = found != EMPTY_KEY
        units, found = units[kept], found[kept]
        # Units ascend, and the sorts are stable: within a bucket, by rank then unit. Only the
        # oversized buckets are put in rank order (a sort of all the keys by two columns cost
        # twice one by the key).
        order = np.argsort(found, kind="stable")
        if unit_rank is not None and len(order):
            f = found[order]
            starts = np.flatnonzero(np.r_[True, f[1:] != f[:-1]])
            ends = np.r_[starts[1:], len(f)]
            for lo, hi in zip(starts[ends - starts > config.max_bucket], ends[ends - starts > config.max_bucket], strict=True):
                run = order[lo:hi]
                order[lo:hi] = run[np.argsort(unit_rank[units[run]], kind="stable")]
        return _run_pairs(found[order], units[order], groups, config.max_bucket + 1, len(found), config.hub)

    return _over_bands(band_codes, config.bands, workers, groups)


def oversize_pairs_reference(groups: np.ndarray, keys: np.ndarray, config: LSHConfig,
                             rank: np.ndarray | None = None) -> np.ndarray:
    """Slow dict-of-buckets version of :func:`oversize_pairs`, for tests."""
    def hub_pairs(members: list[int]) -> Iterable[tuple[int, int]]:
        if len(members) <= config.max_bucket:
            return ()
        if rank is not None:
            members = sorted(members, key=lambda u: (int(rank[int(groups[u])]), u))
        return ((min(i, j), max(i, j)) for x, i in enumerate(members[: config.hub]) for j in members[x + 1:])

    return _reference_pairs(groups, keys, hub_pairs)


def _unit_ranks(rank: np.ndarray, groups: np.ndarray) -> np.ndarray:
    rank = np.asarray(rank, dtype=np.int64)
    if rank.ndim != 1 or (len(groups) and int(groups.max()) >= len(rank)):
        raise ValueError(f"rank must give one value per document: {len(rank)} values for documents "
                         f"numbered up to {int(groups.max()) if len(groups) else 0}")
    return rank[groups]


def _check_groups(groups: np.ndarray, n: int) -> np.ndarray:
    groups = np.asarray(groups)
    if groups.shape != (n,):
        raise ValueError(
            f"groups must give one document index per unit: expected shape ({n},), "
            f"got {groups.shape}"
        )
    return groups.astype(np.int64, copy=False)


def _sorted_unique(x: np.ndarray) -> np.ndarray:
    # np.unique on uint64 goes through a hash table here, several times slower than this.
    x.sort()
    keep = np.empty(len(x), dtype=bool)
    keep[:1] = True
    np.not_equal(x[1:], x[:-1], out=keep[1:])
    return x[keep]


def _over_bands(
    band_codes: Callable[[int], np.ndarray], bands: int, workers: int, groups: np.ndarray
) -> np.ndarray:
    # Bands are independent; the kernels and numpy's sort release the GIL, so threads overlap.
    # Codes are merged once the pending ones outgrow the merged set: most colliding pairs
    # collide in many bands, so memory stays near the number of distinct pairs instead of
    # bands times that, and the merge sorts stay few.
    if workers == 0:
        workers = os.cpu_count() or 1
    merged = np.empty(0, dtype=np.uint64)
    pending: list[np.ndarray] = []

    def add(codes: np.ndarray) -> None:
        nonlocal merged
        pending.append(codes)
        if sum(map(len, pending)) > max(len(merged), 1 << 22):
            merged = _sorted_unique(np.concatenate([merged, *pending]))
            pending.clear()

    if workers <= 1 or bands == 1:
        for band in range(bands):
            add(band_codes(band))
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for codes in pool.map(band_codes, range(bands)):
                add(codes)
    merged = _sorted_unique(np.concatenate([merged, *pending]))
    n = np.uint64(len(groups))
    pairs = np.stack([merged // n, merged % n], axis=1).astype(np.int64)
    return doc_pairs(pairs, groups)


def candidate_pairs(
    groups: np.ndarray, keys: np.ndarray, config: LSHConfig, *, workers: int = 1
) -> np.ndarray:
    """Candidate document pairs ``[doc_a, doc_b, hits]`` (int64, ``doc_a < doc_b``, sorted).

    ``hits`` counts the distinct unit pairs of the two documents that share a bucket in at least
    one band. Units of the same document never pair; empty units never collide. ``workers``
    threads process bands in parallel (0 = every core); each holds about 16 bytes per unit.

    >>> sigs = np.array([[1, 2, 3, 4], [1, 2, 5, 6], [1, 2, 5, 6]], dtype=np.uint32)
    >>> cfg = LSHConfig(bands=2, rows=2)
    >>> candidate_pairs(np.array([0, 1, 2]), band_keys(sigs, cfg), cfg)
    array([[0, 1, 1],
           [0, 2, 1],
           [1, 2, 1]])
    """
    if keys.ndim != 2 or keys.shape[1] != config.bands:
        raise ValueError(
            f"keys must have one column per band: expected shape (n, {config.bands}), got "
            f"{keys.shape}; compute them with band_keys(sigs, config) using the same LSHConfig"
        )
    groups = _check_groups(groups, len(keys))

    bits = _unit_bits(len(keys))

    def band_codes(band: int) -> np.ndarray:
        col = np.ascontiguousarray(keys[:, band], dtype=np.uint64)
        return _band_codes(_pack(col, bits), col.__getitem__, groups, config.max_bucket)

    return _over_bands(band_codes, config.bands, workers, groups)


def candidate_pairs_from_signatures(
    groups: np.ndarray, sigs: np.ndarray, config: LSHConfig, *, workers: int = 1
) -> np.ndarray:
    """Same as ``candidate_pairs(groups, band_keys(sigs, config), config)``, one band at a time.

    Never holds more than one band of keys per worker, which matters at tens of millions of
    units (all keys of 30M units x 16 bands would be 3.8 GB).

    >>> sigs = np.array([[1, 2, 3, 4], [1, 2, 5, 6]], dtype=np.uint32)
    >>> candidate_pairs_from_signatures(np.array([0, 1]), sigs, LSHConfig(bands=2, rows=2))
    array([[0, 1, 1]])
    """
    _check_sigs(sigs, config)
    groups = _check_groups(groups, len(sigs))

    if sigs.dtype != np.uint32:
        return candidate_pairs(groups, band_keys(sigs, config), config, workers=workers)
    bits = _unit_bits(len(sigs))
    mults = _row_multipliers(config.rows)

    def band_codes(band: int) -> np.ndarray:
        first, seed = band * config.rows, np.uint64(_band_seed(band))
        packed = _band_packed_kernel(sigs, first, mults, seed, bits)

        def full_keys(units: np.ndarray) -> np.ndarray:
            return _band_key_gather(sigs, units, first, mults, seed)

        return _band_codes(packed, full_keys, groups, config.max_bucket)

    return _over_bands(band_codes, config.bands, workers, groups)


def candidate_pairs_reference(
    groups: np.ndarray, keys: np.ndarray, config: LSHConfig
) -> np.ndarray:
    """Slow dict-of-buckets version of :func:`candidate_pairs`, for tests.

    >>> keys = np.array([[3], [3], [3]], dtype=np.uint64)
    >>> candidate_pairs_reference(np.array([0, 0, 1]), keys, LSHConfig(bands=1, rows=1))
    array([[0, 1, 2]])
    """
    def all_pairs(members: list[int]) -> Iterable[tuple[int, int]]:
        return () if len(members) > config.max_bucket else itertools.combinations(members, 2)

    return _reference_pairs(groups, keys, all_pairs)


def _reference_pairs(groups: np.ndarray, keys: np.ndarray,
                     pairs_of: Callable[[list[int]], Iterable[tuple[int, int]]]) -> np.ndarray:
    # The references' common part: each band's buckets as lists of units, the unit pairs
    # ``pairs_of`` gives for each (across documents only), counted per document pair.
    unit_pairs: set[tuple[int, int]] = set()
    for band in range(keys.shape[1]):
        buckets: defaultdict[int, list[int]] = defaultdict(list)
        for unit in range(len(keys)):
            key = int(keys[unit, band])
            if key != int(EMPTY_KEY):
                buckets[key].append(unit)
        for members in buckets.values():
            unit_pairs.update((i, j) for i, j in pairs_of(members) if groups[i] != groups[j])
    hits: Counter[tuple[int, int]] = Counter()
    for i, j in unit_pairs:
        a, b = sorted((int(groups[i]), int(groups[j])))
        hits[(a, b)] += 1
    rows = sorted((a, b, h) for (a, b), h in hits.items())
    return np.array(rows, dtype=np.int64).reshape(-1, 3)


@njit(cache=True, nogil=True)
def _equal_values(sigs: np.ndarray, i: int, j: int) -> int:
    # How many signature values units i and j share: the estimated Jaccard times the width.
    same = 0
    for p in range(sigs.shape[1]):
        if sigs[i, p] == sigs[j, p]:
            same += 1
    return same


@njit(cache=True)
def _verify_kernel(pairs: np.ndarray, starts: np.ndarray, sigs: np.ndarray, need: int) -> np.ndarray:
    hits = np.zeros(len(pairs), dtype=np.int64)
    for k in range(len(pairs)):
        a, b = pairs[k, 0], pairs[k, 1]
        count = 0
        for i in range(starts[a], starts[a + 1]):
            for j in range(starts[b], starts[b + 1]):
                if _equal_values(sigs, i, j) >= need:
                    count += 1
        hits[k] = count
    return hits


_LOW7 = np.uint64(0x7F7F7F7F7F7F7F7F)
_ONES = np.uint64(0x0101010101010101)


@njit(cache=True, nogil=True)
def _verify_fp_kernel(
    pairs: np.ndarray, starts: np.ndarray, fp: np.ndarray, sigs: np.ndarray, need: int, byte_need: int
) -> np.ndarray:
    # fp holds the low byte of every signature value, eight to a uint64. Equal values have equal
    # low bytes, so the count of equal bytes bounds the count of equal values from above: a unit
    # pair below ``need`` on bytes is below it on values, and only the rare pair that reaches it
    # is counted again on the full values. Bytes are counted eight at a time: a byte of x is
    # zero exactly when bit 7 of ~((x & 0x7F..) + 0x7F.. | x | 0x7F..) is set.
    hits = np.zeros(len(pairs), dtype=np.int64)
    words = fp.shape[1]
    seven = np.uint64(7)
    top = np.uint64(56)
    for k in range(len(pairs)):
        a, b = pairs[k, 0], pairs[k, 1]
        count = 0
        for i in range(starts[a], starts[a + 1]):
            for j in range(starts[b], starts[b + 1]):
                same = 0
                for w in range(words):
                    x = fp[i, w] ^ fp[j, w]
                    z = ~(((x & _LOW7) + _LOW7) | x | _LOW7)
                    same += np.int64(((z >> seven) * _ONES) >> top)
                if same >= byte_need and _equal_values(sigs, i, j) >= need:
                    count += 1
        hits[k] = count
    return hits


def _byte_fingerprints(sigs: np.ndarray) -> np.ndarray:
    """The low byte of each signature value, packed eight to a uint64 (zero-padded)."""
    low = (sigs & 0xFF).astype(np.uint8)
    pad = (-low.shape[1]) % 8
    if pad:
        # Padding bytes are equal in every row; they add ``pad`` to every byte count, which the
        # kernel absorbs by asking for ``need + pad`` equal bytes.
        low = np.hstack([low, np.zeros((len(low), pad), dtype=np.uint8)])
    return np.ascontiguousarray(low).view(np.uint64)


def verify_pairs(
    pairs: np.ndarray, groups: np.ndarray, sigs: np.ndarray, min_jaccard: float, *, workers: int = 1
) -> np.ndarray:
    """For each candidate document pair, how many of its unit pairs have an estimated Jaccard
    (share of equal signature values) of at least ``min_jaccard``.

    ``groups`` must be sorted, so each document's units are contiguous. Banding with few rows
    catches reworded units but also many chance collisions; the full signature tells them apart.
    ``workers`` threads share the pairs (0 = every core); the counts do not depend on it.
    :func:`verify_pairs_reference` is the plain kernel the tests hold this one to.

    >>> sigs = np.array([[1, 2, 3, 4], [1, 2, 3, 9], [5, 6, 7, 8]], dtype=np.uint32)
    >>> verify_pairs(np.array([[0, 1, 0], [0, 2, 0]]), np.array([0, 1, 2]), sigs, 0.5).tolist()
    [1, 0]
    """
    if not len(pairs):
        return np.zeros(0, dtype=np.int64)
    starts, need = _starts_and_need(groups, sigs, min_jaccard)
    sigs = np.ascontiguousarray(sigs)
    fp = _byte_fingerprints(sigs)
    byte_need = need + (-sigs.shape[1]) % 8
    ab = np.ascontiguousarray(pairs[:, :2], dtype=np.int64)
    if workers == 0:
        workers = os.cpu_count() or 1
    if workers <= 1 or len(ab) < 2 * _VERIFY_CHUNK:
        return _verify_fp_kernel(ab, starts, fp, sigs, need, byte_need)
    # Chunks much smaller than pairs / workers balance documents of very different sizes; the
    # kernel releases the GIL, so threads run in parallel.
    chunks = [ab[k:k + _VERIFY_CHUNK] for k in range(0, len(ab), _VERIFY_CHUNK)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        parts = list(pool.map(lambda c: _verify_fp_kernel(c, starts, fp, sigs, need, byte_need), chunks))
    return np.concatenate(parts)


_VERIFY_CHUNK = 50_000


def _starts_and_need(groups: np.ndarray, sigs: np.ndarray, min_jaccard: float) -> tuple[np.ndarray, int]:
    # Where each document's units start in the sorted ``groups``, and how many equal signature
    # values make a unit pair reach ``min_jaccard``.
    starts = np.searchsorted(groups, np.arange(int(groups.max()) + 2), side="left").astype(np.int64)
    return starts, int(np.ceil(min_jaccard * sigs.shape[1] - 1e-9))


def verify_pairs_reference(pairs: np.ndarray, groups: np.ndarray, sigs: np.ndarray, min_jaccard: float) -> np.ndarray:
    """:func:`verify_pairs` comparing every signature value of every unit pair, for tests.

    >>> sigs = np.array([[1, 2, 3, 4], [1, 2, 3, 9], [5, 6, 7, 8]], dtype=np.uint32)
    >>> verify_pairs_reference(np.array([[0, 1, 0], [0, 2, 0]]), np.array([0, 1, 2]), sigs, 0.5).tolist()
    [1, 0]
    """
    if not len(pairs):
        return np.zeros(0, dtype=np.int64)
    starts, need = _starts_and_need(groups, sigs, min_jaccard)
    return _verify_kernel(np.ascontiguousarray(pairs[:, :2], dtype=np.int64), starts, np.ascontiguousarray(sigs), need)
