"""Throughput and memory of MinHash signatures and LSH banding, ours against the baselines.

Run ``.venv/bin/python benchmarks/perf.py --data ../shared/eval`` (``--help`` for the size
limits). Everything runs side by side in this one process on real French news text
(``orangesum_fr.jsonl.gz``): the text is split into sentences and normalised (case-folded,
accents stripped, words joined by single spaces), and MB/s is measured on the UTF-8 bytes of the
normalised sentences. Memory is the peak resident-set growth during a step, sampled every 5 ms
from ``/proc/self/statm``, so it includes allocations numpy, numba and Rust make outside Python.

Sections:

1. signatures (word 5-grams, 128 permutations): datasketch ``MinHash.update`` per shingle,
   ``MinHash.bulk`` with xxhash, rensa (if installed), ours with 1 and 2 threads;
2. LSH on the same real sentences (64 permutations, 16 bands x 4 rows): datasketch
   ``MinHashLSH`` insert + query against ours;
3. LSH at scale on synthetic signatures (``--scale-docs`` documents x ``--units-per-doc``
   units, with planted copies), which is how the 1M-document target is checked:
   ``--scale-docs 1000000`` (needs ~8 GB for the signatures themselves).
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import gzip
import json
import os
import re
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from provenance.lsh import (  # noqa: E402
    LSHConfig,
    band_keys,
    candidate_pairs,
    candidate_pairs_from_signatures,
)
from provenance.minhash import (  # noqa: E402
    MinHashConfig,
    shingles,
    signatures,
    signatures_reference,
)

CORPUS = "orangesum_fr.jsonl.gz"
MB = 1e6
_PAGE = os.sysconf("SC_PAGE_SIZE")


# --- measuring -----------------------------------------------------------------------------------


try:
    _malloc_trim: Callable[[int], int] | None = ctypes.CDLL("libc.so.6").malloc_trim
except (OSError, AttributeError):
    _malloc_trim = None


def _release() -> None:
    # Hand freed heap back to the OS so that growth from here is visible in RSS.
    gc.collect()
    if _malloc_trim is not None:
        _malloc_trim(0)


def _rss() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * _PAGE


class Peak:
    """Peak RSS growth (bytes) over a ``with`` block, from a 5 ms sampling thread."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()

    def _sample(self, base: int) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, _rss() - base)

    @contextmanager
    def track(self) -> Iterator[Peak]:
        _release()
        base = _rss()
        thread = threading.Thread(target=self._sample, args=(base,), daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            thread.join()
            self.peak = max(self.peak, _rss() - base)


@dataclass
class Measure:
    wall: float
    """Best wall-clock seconds over the repeats."""
    cpu: float
    """CPU seconds of that best run, all threads: on a busy shared machine this is the fairer
    figure, and MB per CPU second is the throughput per core."""
    peak: int
    """Peak RSS growth in bytes during the first run."""
    result: Any


def run(fn: Callable[[], Any], repeat: int = 1) -> Measure:
    best: Measure | None = None
    for i in range(repeat):
        tracker = Peak()
        with tracker.track():
            c0, t0 = time.process_time(), time.perf_counter()
            result = fn()
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        if best is None or wall < best.wall:
            best = Measure(wall, cpu, tracker.peak if best is None else best.peak, result)
        if i == 0:
            best.peak = tracker.peak
    assert best is not None
    return best


def row(name: str, m: Measure, mbytes: float, ref: float | None = None) -> float:
    """Print one line; returns MB per wall second."""
    rate = mbytes / m.wall if m.wall else float("inf")
    per_cpu = mbytes / m.cpu if m.cpu else float("inf")
    ratio = f"{rate / ref:7.1f}x" if ref else " " * 8
    print(
        f"  {name:<34} {m.wall:7.2f} s {rate:8.2f} MB/s {ratio}  "
        f"cpu {m.cpu:7.2f} s {per_cpu:8.2f} MB/cpu-s  peak +{m.peak / MB:7.1f} MB"
    )
    return rate


def lsh_row(name: str, m: Measure, ref: Measure | None = None, note: str = "") -> None:
    ratio = f"{ref.wall / m.wall:7.1f}x faster (cpu {ref.cpu / m.cpu:5.1f}x)" if ref else " " * 30
    print(
        f"  {name:<34} {m.wall:7.2f} s  cpu {m.cpu:7.2f} s  {ratio}  "
        f"peak +{m.peak / MB:7.1f} MB {note}"
    )


# --- data ----------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?»])\s+")
_WORD = re.compile(r"\w+")


def normalise(sentence: str) -> str:
    """Case-folded, accent-stripped words joined by single spaces."""
    decomposed = unicodedata.normalize("NFKD", sentence.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_WORD.findall(stripped))


def load(data: Path, max_mb: float, max_docs: int) -> tuple[list[str], np.ndarray] | None:
    """Normalised sentences of the corpus and the document index of each, or None if absent."""
    path = data / CORPUS
    if not path.exists():
        return None
    norms: list[str] = []
    groups: list[int] = []
    size = 0.0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for doc, line in enumerate(fh):
            if doc >= max_docs or size >= max_mb * MB:
                break
            for sentence in _SENTENCE_END.split(json.loads(line)["text"]):
                norm = normalise(sentence)
                if norm:
                    norms.append(norm)
                    groups.append(doc)
                    size += len(norm.encode("utf-8")) + 1
    return norms, np.array(groups, dtype=np.int64)


def nbytes(norms: list[str]) -> float:
    return sum(len(s.encode("utf-8")) for s in norms) / MB


def prefix(norms: list[str], mb: float) -> list[str]:
    out, size = [], 0
    for s in norms:
        if size >= mb * MB:
            break
        out.append(s)
        size += len(s.encode("utf-8"))
    return out


# --- 1. signatures -------------------------------------------------------------------------------


def bench_signatures(norms: list[str], baseline_mb: float) -> None:
    import xxhash
    from datasketch import MinHash

    config = MinHashConfig(num_perm=128, ngram=5)
    small = prefix(norms, baseline_mb)
    small_mb, full_mb = nbytes(small), nbytes(norms)
    print(
        f"\n1. signatures: num_perm={config.num_perm} ngram={config.ngram} "
        f"truncate={config.truncate}; baselines on {small_mb:.2f} MB ({len(small)} units), "
        f"ours on {full_mb:.1f} MB ({len(norms)} units); cores: {os.cpu_count()}"
    )

    def h32(b: bytes) -> int:
        return xxhash.xxh32_intdigest(b)

    def ds_update() -> None:
        for norm in small:
            m = MinHash(num_perm=config.num_perm, seed=config.seed, hashfunc=h32)
            for s in shingles(norm, config):
                m.update(s.encode("utf-8"))

    def ds_bulk() -> None:
        data = [[s.encode("utf-8") for s in shingles(n, config)] for n in small]
        MinHash.bulk(data, num_perm=config.num_perm, seed=config.seed, hashfunc=h32)

    ref = row("datasketch MinHash.update", run(ds_update), small_mb)
    row("datasketch MinHash.bulk + xxhash", run(ds_bulk), small_mb, ref)
    try:
        from rensa import RMinHash
    except ImportError:
        print("  rensa                              not installed, skipped")
    else:

        def rensa_sign() -> None:
            for norm in small:
                m = RMinHash(num_perm=config.num_perm, seed=config.seed)
                m.update(shingles(norm, config))
                m.digest()

        row("rensa RMinHash", run(rensa_sign), small_mb, ref)

    check = prefix(norms, 0.05)
    assert (signatures(check, config) == signatures_reference(check, config)).all()
    for workers in (1, 2):
        m = run(partial(signatures, norms, config, workers=workers), repeat=3)
        row(f"ours, {workers} thread{'s' if workers > 1 else ''}", m, full_mb, ref)


# --- 2. LSH on real sentences --------------------------------------------------------------------


def bench_lsh_real(norms: list[str], groups: np.ndarray, units: int) -> None:
    from datasketch import LeanMinHash, MinHashLSH

    mh_config = MinHashConfig(num_perm=64, ngram=5)
    config = LSHConfig(bands=16, rows=4)
    norms, groups = norms[:units], groups[:units]
    sigs = signatures(norms, mh_config, workers=0)
    print(
        f"\n2. LSH on {len(sigs)} real sentence signatures: num_perm=64, "
        f"bands={config.bands} rows={config.rows}"
    )

    def ds_lsh() -> int:
        lsh = MinHashLSH(num_perm=64, params=(config.bands, config.rows))
        lean = [LeanMinHash(seed=mh_config.seed, hashvalues=s, scheme="affine32") for s in sigs]
        for i, m in enumerate(lean):
            lsh.insert(i, m, check_duplication=False)
        return sum(len(lsh.query(m)) for m in lean)

    base = run(ds_lsh)
    lsh_row("datasketch MinHashLSH build+query", base, note=f"({base.result} query results)")
    for workers in (1, 2):
        m = run(partial(candidate_pairs_from_signatures, groups, sigs, config, workers=workers), 3)
        lsh_row(
            f"ours, {workers} thread{'s' if workers > 1 else ''}",
            m,
            base,
            f"({len(m.result)} doc pairs)",
        )
    m = run(lambda: candidate_pairs(groups, band_keys(sigs, config), config), 3)
    lsh_row("ours via band_keys + candidate_pairs", m, base)
    assert (m.result == candidate_pairs_from_signatures(groups, sigs, config)).all()


# --- 3. LSH at scale -----------------------------------------------------------------------------


def synthetic(
    docs: int, per_doc: int, num_perm: int, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Random signatures where 10% of documents copy half of another document's units."""
    rng = np.random.default_rng(seed)
    n = docs * per_doc
    sigs = np.empty((n, num_perm), dtype=np.uint32)
    step = 1_000_000
    for lo in range(0, n, step):
        sigs[lo : lo + step] = rng.integers(
            0, 2**32, size=(min(step, n - lo), num_perm), dtype=np.uint32
        )
    groups = np.repeat(np.arange(docs, dtype=np.int64), per_doc)
    copies = rng.choice(docs, size=docs // 10, replace=False)
    sources = rng.integers(0, docs, size=len(copies))
    half = per_doc // 2
    for c, s in zip(copies, sources, strict=True):
        if c != s:
            sigs[c * per_doc : c * per_doc + half] = sigs[s * per_doc : s * per_doc + half]
    return groups, sigs


def bench_lsh_scale(docs: int, per_doc: int, workers: int) -> None:
    config = LSHConfig(bands=16, rows=4)
    t0 = time.perf_counter()
    groups, sigs = synthetic(docs, per_doc, config.bands * config.rows)
    print(
        f"\n3. LSH at scale: {docs} docs x {per_doc} units = {len(sigs)} synthetic signatures "
        f"({sigs.nbytes / MB:.0f} MB, made in {time.perf_counter() - t0:.1f} s)"
    )
    m = run(lambda: candidate_pairs_from_signatures(groups, sigs, config, workers=workers))
    lsh_row(
        f"ours, {workers} thread{'s' if workers > 1 else ''}",
        m,
        note=f"beyond signatures ({len(m.result)} doc pairs)",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/eval"), help="eval folder")
    parser.add_argument("--max-mb", type=float, default=40.0, help="normalised text to load")
    parser.add_argument("--max-docs", type=int, default=10**9, help="documents to load")
    parser.add_argument("--baseline-mb", type=float, default=0.5, help="text for slow baselines")
    parser.add_argument("--lsh-units", type=int, default=100_000, help="units for section 2")
    parser.add_argument(
        "--scale-docs", type=int, default=100_000, help="docs for section 3 (0: skip)"
    )
    parser.add_argument("--units-per-doc", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2, help="threads for section 3")
    parser.add_argument("--only", choices=["signatures", "lsh", "scale"], help="one section")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    signatures(["warm up the compiled kernel"], MinHashConfig())
    if args.only != "scale":
        loaded = load(args.data, args.max_mb, args.max_docs)
        if loaded is None:
            print(f"skipped: {args.data / CORPUS} not found (see shared/eval/README.md)")
        else:
            norms, groups = loaded
            print(
                f"loaded {len(norms)} sentences of {groups[-1] + 1} documents, "
                f"{nbytes(norms):.1f} MB normalised, in {time.perf_counter() - t0:.1f} s"
            )
            if args.only in (None, "signatures"):
                bench_signatures(norms, args.baseline_mb)
            if args.only in (None, "lsh"):
                bench_lsh_real(norms, groups, args.lsh_units)
    if args.only in (None, "scale") and args.scale_docs:
        bench_lsh_scale(args.scale_docs, args.units_per_doc, args.workers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
