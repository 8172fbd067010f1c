"""MinHash signatures of word-shingle sets, one signature per unit (sentence).

A unit's normalised text is split into words (``segment.words``: on single spaces, and each
character of Chinese, Japanese, Thai... as a word of its own), each token is cut to its first
``truncate`` characters (cheap stemming), and every window of ``ngram`` tokens is a shingle.
The signature is datasketch's ``"affine32"`` MinHash of that shingle set, with :data:`HASHFUNC`
as the shingle hash, so ``datasketch.MinHash(..., hashfunc=HASHFUNC, scheme="affine32")``
reproduces :func:`signatures` bit for bit (:func:`signatures_reference` does exactly that).

The scheme, for permutation ``k`` with parameters drawn as datasketch draws them from
``numpy.random.RandomState(seed)`` (``a_k`` odd)::

    sig[k] = min over shingles s of  (a_k * fmix32(HASHFUNC(s)) + b_k) mod 2**32

:data:`HASHFUNC` is a polynomial over the token hashes of a shingle (xxh32 of each token's
UTF-8), so the fast path never builds shingle strings: a compiled numba kernel walks the UTF-8
bytes of a batch, hashes each token once, rolls the polynomial along the text in O(1) per token
and applies the permutations in place. Units without shingles keep a row of
:data:`EMPTY_VALUE`. Throughput and baselines: ``benchmarks/perf.py``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import xxhash
from numba import njit

from .segment import spaced

__all__ = [
    "EMPTY_VALUE",
    "HASHFUNC",
    "MinHashConfig",
    "permutations",
    "shingles",
    "signatures",
    "signatures_reference",
]

EMPTY_VALUE = np.uint32(0xFFFFFFFF)
"""Every value of the signature of a unit without shingles (datasketch's initial state)."""

_M32 = 0xFFFFFFFF
# HASHFUNC is a polynomial in _POLY_MUL over the token hashes, so the kernel can roll it along
# the text with O(1) work per token. The multiplier is odd (each power is odd, so two shingles
# differing in one token never collide) and 3 mod 4 (so swapping two tokens collides only if
# their hashes agree on 31 bits). The polynomial is linear, but datasketch's fmix32 runs on it
# before any permutation. The initial value makes the number of tokens count.
_POLY_INIT = 0x27D4EB2F
_POLY_MUL = 0x9E3779B3


@dataclass(frozen=True)
class MinHashConfig:
    """How units are shingled and signed.

    >>> MinHashConfig(num_perm=128, ngram=5).truncate
    5
    """

    num_perm: int = 64
    ngram: int = 3
    """Word n-gram size of a shingle."""
    truncate: int = 5
    """Each token is cut to its first ``truncate`` characters before shingling; 0 = no cut."""
    seed: int = 1
    """Seed of the permutations (as in ``datasketch.MinHash(seed=...)``)."""

    def __post_init__(self) -> None:
        if self.num_perm < 1:
            raise ValueError(f"num_perm must be at least 1, got {self.num_perm}")
        if self.ngram < 1:
            raise ValueError(
                f"ngram must be at least 1 (1 = single words as shingles), got {self.ngram}"
            )
        if self.truncate < 0:
            raise ValueError(
                f"truncate must be 0 (keep whole tokens) or a positive length, got {self.truncate}"
            )
        if not 0 <= self.seed < 2**32:
            raise ValueError(
                f"seed must be in [0, 2**32) as numpy.random.RandomState needs, got {self.seed}"
            )


def _fmix32(h: int) -> int:
    # MurmurHash3 finalizer, the same bijection datasketch applies before permuting.
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & _M32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & _M32
    return h ^ (h >> 16)


def _hashfunc(shingle: str) -> int:
    """32-bit hash of a shingle: ``h = h * M + xxh32(token)`` mod 2**32 over its tokens.

    xxh32 has seed 0 and hashes the token's UTF-8; ``h`` starts at ``_POLY_INIT``.

    >>> _hashfunc("le chat dort") == _hashfunc("le chat dort")
    True
    >>> _hashfunc("le chat dort") != _hashfunc("dort chat le")
    True
    """
    h = _POLY_INIT
    for token in shingle.split(" "):
        h = (h * _POLY_MUL + xxhash.xxh32_intdigest(token.encode("utf-8", "surrogatepass"))) & _M32
    return h


HASHFUNC: Callable[[str], int] = _hashfunc
"""The shingle hash the fast path computes; give it to ``datasketch.MinHash(hashfunc=...)``."""


def shingles(norm: str, config: MinHashConfig) -> list[str]:
    """The word shingles of one normalised unit, in text order (duplicates kept).

    Empty tokens (from doubled spaces) are dropped; a unit with fewer than ``ngram`` tokens
    gives one shingle of all of them.

    >>> shingles("les negociations ont repris", MinHashConfig(ngram=3, truncate=5))
    ['les negoc ont', 'negoc ont repri']
    >>> shingles("bonjour", MinHashConfig()), shingles("", MinHashConfig())
    (['bonjo'], [])
    """
    tokens = [t[: config.truncate] if config.truncate else t for t in spaced(norm).split(" ") if t]
    if not tokens:
        return []
    n = config.ngram
    if len(tokens) < n:
        return [" ".join(tokens)]
    return [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


@lru_cache(maxsize=16)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    # Drawn exactly as datasketch 2.0 draws its "affine32" parameters, so the reference agrees.
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    a.flags.writeable = False
    b.flags.writeable = False
    return a, b


def permutations(config: MinHashConfig) -> tuple[np.ndarray, np.ndarray]:
    """The ``(a, b)`` uint32 parameters of the ``num_perm`` affine permutations (read-only).

    >>> a, b = permutations(MinHashConfig(num_perm=4))
    >>> a.shape, bool((a % 2 == 1).all())
    ((4,), True)
    """
    return _permutations(config.num_perm, config.seed)


def signatures_reference(norms: Sequence[str], config: MinHashConfig) -> np.ndarray:
    """Slow, obviously correct signatures: one ``datasketch.MinHash`` per unit.

    >>> signatures_reference(["a b c d"], MinHashConfig(num_perm=8)).shape
    (1, 8)
    """
    from datasketch import MinHash

    out = np.empty((len(norms), config.num_perm), dtype=np.uint32)
    for i, norm in enumerate(norms):
        m = MinHash(
            num_perm=config.num_perm, seed=config.seed, hashfunc=HASHFUNC, scheme="affine32"
        )
        for s in shingles(norm, config):
            m.update(s)
        out[i] = m.hashvalues
    return out


# ---------------------------------------------------------------------------------------------
# Fast path. Numba types arithmetic on narrow unsigned ints as uint64 and mixed signed/unsigned
# as float64, so everything below is uint64 with explicit masks and np.uint64 constants.

_U32 = np.uint64(_M32)
_P1 = np.uint64(0x9E3779B1)
_P2 = np.uint64(0x85EBCA77)
_P3 = np.uint64(0xC2B2AE3D)
_P4 = np.uint64(0x27D4EB2F)
_P5 = np.uint64(0x165667B1)
_F1 = np.uint64(0x85EBCA6B)
_F2 = np.uint64(0xC2B2AE35)
_PI = np.uint64(_POLY_INIT)
_PM = np.uint64(_POLY_MUL)
_S1 = np.uint64(1)
_S7 = np.uint64(7)
_S8 = np.uint64(8)
_S11 = np.uint64(11)
_S12 = np.uint64(12)
_S13 = np.uint64(13)
_S15 = np.uint64(15)
_S16 = np.uint64(16)
_S17 = np.uint64(17)
_S18 = np.uint64(18)
_S24 = np.uint64(24)
_S32 = np.uint64(32)


@njit(cache=True, inline="always")
def _rotl(x: np.uint64, r: np.uint64) -> np.uint64:
    return ((x << r) | (x >> (_S32 - r))) & _U32


@njit(cache=True, inline="always")
def _read32(buf: np.ndarray, i: int) -> np.uint64:
    return (
        np.uint64(buf[i])
        | (np.uint64(buf[i + 1]) << _S8)
        | (np.uint64(buf[i + 2]) << _S16)
        | (np.uint64(buf[i + 3]) << _S24)
    )


@njit(cache=True, inline="always")
def _round(acc: np.uint64, lane: np.uint64) -> np.uint64:
    return (_rotl((acc + lane * _P2) & _U32, _S13) * _P1) & _U32


@njit(cache=True, inline="always")
def _xxh32(buf: np.ndarray, start: int, end: int) -> np.uint64:
    # xxHash32 with seed 0, written from the published algorithm; tests check it against the
    # xxhash package on random unicode.
    i = start
    length = end - start
    if length >= 16:
        v1 = (_P1 + _P2) & _U32
        v2 = _P2
        v3 = np.uint64(0)
        v4 = (np.uint64(0x100000000) - _P1) & _U32
        limit = end - 16
        while i <= limit:
            v1 = _round(v1, _read32(buf, i))
            v2 = _round(v2, _read32(buf, i + 4))
            v3 = _round(v3, _read32(buf, i + 8))
            v4 = _round(v4, _read32(buf, i + 12))
            i += 16
        h = (_rotl(v1, _S1) + _rotl(v2, _S7) + _rotl(v3, _S12) + _rotl(v4, _S18)) & _U32
    else:
        h = _P5
    h = (h + np.uint64(length)) & _U32
    while i + 4 <= end:
        h = (_rotl((h + _read32(buf, i) * _P3) & _U32, _S17) * _P4) & _U32
        i += 4
    while i < end:
        h = (_rotl((h + np.uint64(buf[i]) * _P5) & _U32, _S11) * _P1) & _U32
        i += 1
    h ^= h >> _S15
    h = (h * _P2) & _U32
    h ^= h >> _S13
    h = (h * _P3) & _U32
    return h ^ (h >> _S16)


@njit(cache=True, inline="always")
def _fmix32_nb(h: np.uint64) -> np.uint64:
    h ^= h >> _S16
    h = (h * _F1) & _U32
    h ^= h >> _S13
    h = (h * _F2) & _U32
    return h ^ (h >> _S16)


@njit(cache=True, inline="always")
def _permute_min(row: np.ndarray, h: np.uint64, a: np.ndarray, b: np.ndarray) -> None:
    hv = np.uint32(_fmix32_nb(h))
    for k in range(row.shape[0]):
        v = np.uint32(a[k] * hv + b[k])
        row[k] = min(row[k], v)


@njit(cache=True, nogil=True)
def _sign_kernel(
    buf: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    ngram: int,
    truncate: int,
    a: np.ndarray,
    b: np.ndarray,
    out: np.ndarray,
) -> None:
    # The last `ngram` token hashes, oldest at `head` (a ring buffer; no modulo in the loop),
    # and their polynomial `roll` (HASHFUNC without the initial value), updated per token.
    ring = np.empty(ngram, dtype=np.uint64)
    top = np.uint64(1)  # _PM ** (ngram - 1): the weight of the token leaving the window
    for _ in range(ngram - 1):
        top = (top * _PM) & _U32
    init = (_PI * top * _PM) & _U32  # _PI * _PM ** ngram
    for u in range(starts.shape[0]):
        row = out[u]
        row[:] = np.uint32(0xFFFFFFFF)
        pos = starts[u]
        end = ends[u]
        ntok = 0
        head = 0
        roll = np.uint64(0)
        while pos < end:
            if buf[pos] == 32:
                pos += 1
                continue
            start = pos
            stop = -1
            nchars = 0
            while pos < end and buf[pos] != 32:
                # A byte that is not a UTF-8 continuation byte starts a character.
                if stop < 0 and truncate > 0 and (buf[pos] & 0xC0) != 0x80:
                    if nchars == truncate:
                        stop = pos
                    nchars += 1
                pos += 1
            th = _xxh32(buf, start, pos if stop < 0 else stop)
            if ntok < ngram:
                ring[ntok] = th
                roll = (roll * _PM + th) & _U32
            else:
                # uint64 wraps mod 2**64, a multiple of 2**32, so the subtraction is exact.
                roll = ((roll - ring[head] * top) * _PM + th) & _U32
                ring[head] = th
                head += 1
                if head == ngram:
                    head = 0
            ntok += 1
            if ntok >= ngram:
                _permute_min(row, (init + roll) & _U32, a, b)
        if 0 < ntok < ngram:
            h = _PI
            for k in range(ntok):
                h = (h * _PM + ring[k]) & _U32
            _permute_min(row, h, a, b)


def _encode(norms: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One UTF-8 buffer and the byte ``[start, end)`` of each unit in it.

    >>> buf, starts, ends = _encode(["ab", "é"])
    >>> bytes(buf[starts[1] : ends[1]]).decode()
    'é'
    """
    import pyarrow as pa

    # Arrow builds the buffer and the offsets in one pass of C, a few times faster than
    # encoding each unit; it refuses lone surrogates, which the per-unit path keeps.
    try:
        arr = pa.array(norms, type=pa.large_string())
    except UnicodeEncodeError:
        arr = None
    if arr is not None and arr.null_count == 0 and arr.offset == 0:
        _, offsets_buf, data_buf = arr.buffers()
        offsets = np.frombuffer(offsets_buf, dtype=np.int64, count=len(norms) + 1)
        if data_buf is None or data_buf.size == 0:
            buf = np.zeros(0, dtype=np.uint8)
        else:
            buf = np.frombuffer(data_buf, dtype=np.uint8)
        return buf, offsets[:-1], offsets[1:]
    encoded = [s.encode("utf-8", "surrogatepass") for s in norms]
    lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
    ends = np.cumsum(lengths)
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), ends - lengths, ends


def signatures(
    norms: Sequence[str], config: MinHashConfig, *, workers: int = 1, batch: int = 20_000
) -> np.ndarray:
    """MinHash signatures, shape ``(len(norms), num_perm)``, dtype uint32 (the fast path).

    A unit without shingles (empty or only spaces) gets a row of :data:`EMPTY_VALUE`; LSH
    ignores such rows. ``workers`` threads sign batches of ``batch`` units in parallel (the
    kernel releases the GIL); ``workers=0`` uses every core.

    >>> sig = signatures(["le chat dort", "le chat dort", ""], MinHashConfig(num_perm=8))
    >>> bool((sig[0] == sig[1]).all()), bool((sig[2] == EMPTY_VALUE).all())
    (True, True)
    """
    a, b = permutations(config)
    out = np.empty((len(norms), config.num_perm), dtype=np.uint32)
    if workers == 0:
        workers = os.cpu_count() or 1

    def run(lo: int) -> None:
        units = norms[lo : lo + batch]
        buf, starts, ends = _encode(units)
        # A lead byte from 0xE0 up starts every character from U+0800 on, those of scripts
        # written without blanks among them: only then can spacing change a unit.
        if len(buf) and int(buf.max()) >= 0xE0:
            respaced = [spaced(n) for n in units]
            if respaced != list(units):
                buf, starts, ends = _encode(respaced)
        _sign_kernel(buf, starts, ends, config.ngram, config.truncate, a, b, out[lo : lo + batch])

    starts = range(0, len(norms), batch)
    if workers <= 1 or len(norms) <= batch:
        for lo in starts:
            run(lo)
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(run, starts))
    return out
