"""The whole trace of a corpus against the baseline users would otherwise run, side by side.

Baseline: datasketch ``MinHash.bulk`` (word 5-grams, 128 permutations, xxhash), ``MinHashLSH``
at threshold 0.5, then a rapidfuzz ``ratio`` check of every candidate pair: near-duplicate
detection only. Ours: ``provenance trace`` (segmentation, furniture, sentence MinHash/LSH,
alignment, relations, direction, graph, all output files except the SVG). Each runs in its own
process, so wall time and peak resident memory (``ru_maxrss``) are measured the same way.

    python benchmarks/whole_trace.py --data ../shared/eval [--docs 36152] [--repeat 1]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BASELINE = r'''
import gzip, json, sys
import numpy as np, xxhash
from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz
path, limit = sys.argv[1], int(sys.argv[2])
texts = []
with gzip.open(path, "rt", encoding="utf-8") as fh:
    for line in fh:
        r = json.loads(line)
        if r.get("text", "").strip():
            texts.append(r["text"])
        if len(texts) >= limit:
            break
def shingles(t):
    w = t.lower().split()
    return [" ".join(w[i:i + 5]).encode() for i in range(max(1, len(w) - 4))]
h = lambda b: xxhash.xxh32_intdigest(b)
mhs = MinHash.bulk([shingles(t) for t in texts], num_perm=128, hashfunc=h)
lsh = MinHashLSH(threshold=0.5, num_perm=128)
for i, m in enumerate(mhs):
    lsh.insert(str(i), m)
pairs = set()
for i, m in enumerate(mhs):
    for j in lsh.query(m):
        j = int(j)
        if j > i:
            pairs.add((i, j))
confirmed = sum(1 for i, j in pairs if fuzz.ratio(texts[i], texts[j]) >= 80)
print(json.dumps({"docs": len(texts), "candidates": len(pairs), "confirmed": confirmed}))
'''


_WRAP = (
    "import json, resource, subprocess, sys, time; t = time.perf_counter(); "
    "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
    "print(json.dumps({'wall': time.perf_counter() - t, 'rc': p.returncode, 'out': p.stdout, 'err': p.stderr[-2000:], "
    "'rss_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))"
)


def _run(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds and peak resident MB of one run of ``cmd`` (in a fresh wrapper process, so
    each run's peak is its own), and its stdout."""
    res = json.loads(subprocess.run([sys.executable, "-c", _WRAP, *cmd], capture_output=True, text=True, check=True).stdout)
    if res["rc"] != 0:
        raise SystemExit(f"{' '.join(cmd[:3])}... failed:\n{res['err']}")
    return res["wall"], res["rss_kb"] / 1024, res["out"]


def _derivations(outdir: Path) -> int:
    graph = json.loads((outdir / "graph.json").read_text())
    kinds = {"duplicate", "near_duplicate", "excerpt", "rewrite", "translation"}
    return sum(1 for e in graph["edges"] if e["relation"] in kinds and not str(e["source"]).startswith("latent:"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="../shared/eval", help="eval data folder")
    ap.add_argument("--docs", type=int, default=10**9, help="first N OrangeSum articles (default: all)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each; medians are reported")
    args = ap.parse_args(argv)
    src = Path(args.data) / "orangesum_fr.jsonl.gz"
    if not src.exists():
        print(f"skipped: {src} not found")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl.gz"
        n = 0
        with gzip.open(src, "rt", encoding="utf-8") as fin, gzip.open(corpus, "wt", encoding="utf-8") as fout:
            for line in fin:
                if json.loads(line).get("text", "").strip():
                    fout.write(line)
                    n += 1
                if n >= args.docs:
                    break
        prov = str(Path(sys.executable).with_name("provenance"))
        base_t, ours_t, base_m, ours_m, quick_t, quick_m = [], [], [], [], [], []
        for k in range(args.repeat):
            wall, rss, out = _run([sys.executable, "-c", BASELINE, str(corpus), str(n)])
            base_t.append(wall)
            base_m.append(rss)
            base_info = json.loads(out)
            outdir = Path(tmp) / f"out{k}"
            cmd = [prov, "trace", str(corpus), "-o", str(outdir), "-q", "--no-svg", "--no-cache"]
            wall, rss, _ = _run(cmd)
            ours_t.append(wall)
            ours_m.append(rss)
            man = json.loads((outdir / "manifest.json").read_text())
            # the same with --quick (one-sentence, low-overlap candidates not aligned)
            qdir = Path(tmp) / f"quick{k}"
            wall, rss, _ = _run([*cmd[:4], str(qdir), *cmd[5:], "--quick"])
            quick_t.append(wall)
            quick_m.append(rss)
            qman = json.loads((qdir / "manifest.json").read_text())
        med = lambda xs: sorted(xs)[len(xs) // 2]  # noqa: E731
        print(f"corpus: {n} OrangeSum articles; {os.cpu_count()} cores; repeat={args.repeat} (medians)")
        print(f"{'run':<44} {'wall s':>8} {'peak MB':>9}")
        print(f"{'baseline (datasketch bulk + MinHashLSH 0.5 + ratio)':<44} {med(base_t):8.1f} {med(base_m):9.0f}"
              f"   {base_info['candidates']} candidates, {base_info['confirmed']} confirmed")
        print(f"{'provenance trace (full job)':<44} {med(ours_t):8.1f} {med(ours_m):9.0f}"
              f"   {man['counts']['candidate_pairs']} candidates, {man['counts']['pairs']} pairs; stages {man['timings_seconds']}")
        print(f"{'provenance trace --quick':<44} {med(quick_t):8.1f} {med(quick_m):9.0f}"
              f"   {qman['counts']['pairs']} pairs; stages {qman['timings_seconds']}")
        print(f"ratio ours / baseline: time {med(ours_t) / med(base_t):.2f}, memory {med(ours_m) / med(base_m):.2f}")
        print(f"ratio --quick / baseline: time {med(quick_t) / med(base_t):.2f}, memory {med(quick_m) / med(base_m):.2f}")
        print(f"derivations: full {_derivations(outdir)}, --quick {_derivations(qdir)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
