"""LSH banding of unit signatures into candidate document pairs.

Each signature is cut into ``bands`` bands of ``rows`` values; units whose band values are all
equal in some band share a bucket, and two units of different documents sharing a bucket are a
colliding unit pair. A candidate document pair counts its distinct colliding unit pairs (hits).

The work is split into steps an engine can distribute (a Spark job maps units to
:func:`bucket_rows`, groups by bucket, applies :func:`bucket_pairs` to each bucket, takes the
distinct pairs and reduces them with :func:`doc_pairs`). :func:`candidate_pairs` composes the
same steps with numpy: per band, sort the keys, find runs of equal keys, and pair the members
of each run by offset. It never compares all pairs, and only one band is in memory at a time.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np

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
    "threshold",
]

EMPTY_KEY = np.uint64(0xFFFF_FFFF_FFFF_FFFF)
"""Band key of a band whose values are all the empty-signature value; such bands never collide.
No real band hashes to it (a hash equal to it is moved to ``EMPTY_KEY - 1``)."""

_EMPTY_VALUE = 0xFFFFFFFF
_MIX = np.uint64(0x9E3779B97F4A7C15)
_F1 = np.uint64(0xFF51AFD7ED558CCD)
_F2 = np.uint64(0xC4CEB9FE1A85EC53)
_S32 = np.uint64(32)
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
    """A bucket with more members (units, any document) than this is skipped: text repeated that
    often is boilerplate-like, and pairing it all would cost quadratic time for no evidence."""

    def __post_init__(self) -> None:
        if self.bands < 1 or self.rows < 1:
            raise ValueError(
                f"bands and rows must both be at least 1, got bands={self.bands}, rows={self.rows}"
            )
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


def _band_key(sigs: np.ndarray, band: int, config: LSHConfig) -> np.ndarray:
    cols = sigs[:, band * config.rows : (band + 1) * config.rows]
    # Start from a per-band constant so equal values in different bands give different keys.
    h = np.full(len(sigs), (band + 1) * 0x2545F4914F6CDD1D % 2**64, dtype=np.uint64)
    for r in range(config.rows):
        h ^= cols[:, r].astype(np.uint64)
        h *= _MIX  # wraps mod 2**64, as intended
        h ^= h >> _S32
    h = _fmix64(h)
    h[h == EMPTY_KEY] = EMPTY_KEY - np.uint64(1)
    h[(cols == _EMPTY_VALUE).all(axis=1)] = EMPTY_KEY
    return h


def band_keys(sigs: np.ndarray, config: LSHConfig) -> np.ndarray:
    """64-bit hash of each band of each signature, shape ``(n, bands)``, dtype uint64.

    A band whose values are all 0xFFFFFFFF (an empty unit) gets :data:`EMPTY_KEY`.

    >>> sigs = np.array([[1, 2, 3, 4], [1, 2, 9, 9]], dtype=np.uint32)
    >>> keys = band_keys(sigs, LSHConfig(bands=2, rows=2))
    >>> bool(keys[0, 0] == keys[1, 0]), bool(keys[0, 1] == keys[1, 1])
    (True, False)
    """
    _check_sigs(sigs, config)
    keys = np.empty((len(sigs), config.bands), dtype=np.uint64)
    for band in range(config.bands):
        keys[:, band] = _band_key(sigs, band, config)
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


def _run_pairs(
    sorted_keys: np.ndarray, units: np.ndarray, groups: np.ndarray, max_bucket: int
) -> np.ndarray:
    # All pairs inside every run of equal keys, as sorted uint64 codes i * n + j, by pairing each
    # position with the one `d` further on for d = 1, 2, ... (at most max_bucket rounds).
    m = len(sorted_keys)
    n = np.uint64(len(groups))
    if m < 2:
        return np.empty(0, dtype=np.uint64)
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    lengths = np.diff(np.r_[starts, m])
    useful = (lengths >= 2) & (lengths <= max_bucket)
    pos = np.flatnonzero(np.repeat(useful, lengths))
    run_end = np.repeat(starts + lengths, lengths)[pos]
    chunks = []
    d = 1
    while len(pos):
        alive = pos + d < run_end
        pos, run_end = pos[alive], run_end[alive]
        ui, uj = units[pos], units[pos + d]
        other_doc = groups[ui] != groups[uj]
        chunks.append(ui[other_doc].astype(np.uint64) * n + uj[other_doc].astype(np.uint64))
        d += 1
    return np.unique(np.concatenate(chunks)) if chunks else np.empty(0, dtype=np.uint64)


def _assemble(codes: list[np.ndarray], groups: np.ndarray) -> np.ndarray:
    if not codes:
        return np.empty((0, 3), dtype=np.int64)
    all_codes = np.unique(np.concatenate(codes))
    n = np.uint64(len(groups))
    pairs = np.stack([all_codes // n, all_codes % n], axis=1).astype(np.int64)
    return doc_pairs(pairs, groups)


def _check_groups(groups: np.ndarray, n: int) -> np.ndarray:
    groups = np.asarray(groups)
    if groups.shape != (n,):
        raise ValueError(
            f"groups must give one document index per unit: expected shape ({n},), "
            f"got {groups.shape}"
        )
    return groups.astype(np.int64, copy=False)


def candidate_pairs(groups: np.ndarray, keys: np.ndarray, config: LSHConfig) -> np.ndarray:
    """Candidate document pairs ``[doc_a, doc_b, hits]`` (int64, ``doc_a < doc_b``, sorted).

    ``hits`` counts the distinct unit pairs of the two documents that share a bucket in at least
    one band. Units of the same document never pair; empty units never collide.

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
    codes = []
    for band in range(config.bands):
        sorted_keys, units = bucket_rows(keys, band)
        codes.append(_run_pairs(sorted_keys, units, groups, config.max_bucket))
    return _assemble(codes, groups)


def candidate_pairs_from_signatures(
    groups: np.ndarray, sigs: np.ndarray, config: LSHConfig
) -> np.ndarray:
    """Same as ``candidate_pairs(groups, band_keys(sigs, config), config)``, one band at a time.

    Never holds more than one band of keys, which matters at tens of millions of units.

    >>> sigs = np.array([[1, 2, 3, 4], [1, 2, 5, 6]], dtype=np.uint32)
    >>> candidate_pairs_from_signatures(np.array([0, 1]), sigs, LSHConfig(bands=2, rows=2))
    array([[0, 1, 1]])
    """
    _check_sigs(sigs, config)
    groups = _check_groups(groups, len(sigs))
    codes = []
    for band in range(config.bands):
        sorted_keys, units = bucket_rows(_band_key(sigs, band, config), band)
        codes.append(_run_pairs(sorted_keys, units, groups, config.max_bucket))
    return _assemble(codes, groups)


def candidate_pairs_reference(
    groups: np.ndarray, keys: np.ndarray, config: LSHConfig
) -> np.ndarray:
    """Slow dict-of-buckets version of :func:`candidate_pairs`, for tests.

    >>> keys = np.array([[3], [3], [3]], dtype=np.uint64)
    >>> candidate_pairs_reference(np.array([0, 0, 1]), keys, LSHConfig(bands=1, rows=1))
    array([[0, 1, 2]])
    """
    unit_pairs: set[tuple[int, int]] = set()
    for band in range(keys.shape[1]):
        buckets: defaultdict[int, list[int]] = defaultdict(list)
        for unit in range(len(keys)):
            key = int(keys[unit, band])
            if key != int(EMPTY_KEY):
                buckets[key].append(unit)
        for members in buckets.values():
            if len(members) > config.max_bucket:
                continue
            for i, j in itertools.combinations(members, 2):
                if groups[i] != groups[j]:
                    unit_pairs.add((i, j))
    hits: Counter[tuple[int, int]] = Counter()
    for i, j in unit_pairs:
        a, b = sorted((int(groups[i]), int(groups[j])))
        hits[(a, b)] += 1
    rows = sorted((a, b, h) for (a, b), h in hits.items())
    return np.array(rows, dtype=np.int64).reshape(-1, 3)
