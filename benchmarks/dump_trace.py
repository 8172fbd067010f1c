"""Trace a generated dump end to end with ``provenance trace --partitioned``: time, peak memory
of the whole process tree, and recall/precision of the planted parent edges.

The dump comes from ``benchmarks/make_dump.py`` (generated when its folder lacks it). The trace
runs as a subprocess; a sampler reads ``/proc`` every half second and keeps the peak of the
summed resident memory (RSS, and PSS, which splits pages shared after ``fork`` between the
processes sharing them) of the trace and all its children. ``ru_maxrss`` is also printed: the
largest single process.

Scores, against ``truth.jsonl``: a planted edge is found when graph.json has a directed edge
from the true parent to the child; precision counts every directed document-to-document edge;
"pair found" accepts an edge between the two in any direction, directed or not; "classified"
counts planted pairs the pairs table marks as a derivation (found, before the family tree).

    .venv/bin/python benchmarks/dump_trace.py --docs 100000 --workers 2
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import evaldata  # noqa: E402


def _tree(root: int) -> list[int]:
    """``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, ()))
    return out


def _memory_kb(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


class Sampler(threading.Thread):
    """Peak summed RSS and PSS of a process tree, sampled every ``every`` seconds."""

    def __init__(self, pid: int, every: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peak_rss = self.peak_pss = self.peak_procs = 0
        self.series: list[tuple[float, int, int, int]] = []
        """``(seconds since start, RSS kB, PSS kB, processes)`` of every sample."""
        self.stop = threading.Event()

    def run(self) -> None:
        t0 = time.perf_counter()
        while not self.stop.is_set():
            pids = _tree(self.pid)
            mem = [_memory_kb(p) for p in pids]
            rss, pss = sum(r for r, _ in mem), sum(p for _, p in mem)
            self.series.append((time.perf_counter() - t0, rss, pss, len(pids)))
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_procs = max(self.peak_procs, len(pids))
            self.stop.wait(self.every)

    def by_stage(self, timings: dict[str, float]) -> dict[str, float]:
        """Peak PSS (GB) in each stage. The stages run back to back from the first fork of a
        worker (the first partition is read by then, within a second of the start); what comes
        before is "start", what follows the graph is "write"."""
        first = next((t for t, _, _, n in self.series if n > 1), 0.0)
        edges, at = [("start", 0.0)], first
        for name, secs in timings.items():
            edges.append((name, at))
            at += secs
        edges.append(("write", at))
        out: dict[str, float] = {}
        for t, _, pss, _ in self.series:
            name = [n for n, start in edges if start <= t][-1]
            out[name] = max(out.get(name, 0.0), round(pss / 2**20, 2))
        return out


def score(truth_path: Path, graph_path: Path, pairs_path: Path | None = None) -> dict[str, float]:
    """Recall and precision of planted parent edges in a graph.json (and, given the pairs table,
    the share of planted pairs compared and classified as a derivation)."""
    truth: set[tuple[str, str]] = set()
    planted: set[str] = set()
    with open(truth_path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            planted.add(r["id"])
            truth.update((p, r["id"]) for p in r["parents"])
    graph = json.loads(graph_path.read_text(encoding="utf-8"))
    directed: set[tuple[str, str]] = set()
    linked: set[frozenset[str]] = set()
    for e in graph["edges"]:
        s, t = e["source"], e["target"]
        if s.startswith("latent:") or t.startswith("latent:"):
            continue
        linked.add(frozenset((s, t)))
        if e["directed"]:
            directed.add((s, t))
    hit = len(directed & truth)
    related = float("nan")
    if pairs_path is not None:
        import polars as pl

        df = pl.read_parquet(pairs_path, columns=["doc_a", "doc_b", "derivation"]).filter(pl.col("derivation"))
        found = {frozenset(x) for x in zip(df["doc_a"].to_list(), df["doc_b"].to_list(), strict=True)}
        related = sum(1 for p, c in truth if frozenset((p, c)) in found) / max(len(truth), 1)
    touching_background = sum(1 for s, t in directed if s not in planted or t not in planted)
    return {
        "true_edges": len(truth),
        "directed_edges": len(directed),
        "recall": hit / max(len(truth), 1),
        "precision": hit / max(len(directed), 1),
        "pair_found": sum(1 for p, c in truth if frozenset((p, c)) in linked) / max(len(truth), 1),
        "reversed": sum(1 for p, c in truth if (c, p) in directed) / max(len(truth), 1),
        "edges_touching_background": touching_background,
        "links_total": len(linked),
        "pair_related": related,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(evaldata.DEFAULT_DATA_DIR), help="eval data folder")
    ap.add_argument("--docs", type=int, default=1_000_000, help="articles in the dump (default %(default)s)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dump", default=None, help="dump folder (default benchmarks/out/dump-DOCS; generated if empty)")
    ap.add_argument("--out", default=None, help="trace output folder (default DUMP/trace)")
    ap.add_argument("--workers", type=int, default=2, help="worker processes of the trace (default %(default)s)")
    args = ap.parse_args(argv)
    dump = Path(args.dump or f"benchmarks/out/dump-{args.docs}")
    corpus = next((p for p in (dump / "corpus.jsonl", dump / "corpus.jsonl.gz") if p.exists()), None)
    if corpus is None or not (dump / "truth.jsonl").exists():
        from benchmarks import make_dump

        t = time.perf_counter()
        try:
            c = make_dump.generate(args.data, dump, make_dump.Params(docs=args.docs, seed=args.seed))
        except evaldata.MissingCorpus as exc:
            print(f"skipped: {exc}")
            return 0
        print(f"generated {c['docs']} articles ({c['chars'] / 1e9:.2f} G characters) in {time.perf_counter() - t:.0f} s")
        corpus = dump / "corpus.jsonl"
    size = corpus.stat().st_size
    out = Path(args.out or dump / "trace")
    prov = str(Path(sys.executable).with_name("provenance"))
    cmd = [prov, "trace", str(corpus), "--partitioned", "-o", str(out), "-q", "--no-svg", "--workers", str(args.workers)]
    print("running:", " ".join(cmd), flush=True)
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(proc.pid)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t
    sampler.stop.set()
    sampler.join()
    if proc.returncode != 0:
        print(err[-3000:], file=sys.stderr)
        return proc.returncode
    maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    man = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    s = score(dump / "truth.jsonl", out / "graph.json", out / "pairs.parquet")
    print(f"dump: {man['counts']['documents']} documents, {size / 1e9:.2f} GB on disk, {os.cpu_count()} cores, "
          f"{args.workers} workers; load average at the end {os.getloadavg()[0]:.1f}")
    print(f"wall {wall:.0f} s ({wall / 60:.1f} min); peak memory of the process tree: RSS {sampler.peak_rss / 2**20:.2f} GB, "
          f"PSS {sampler.peak_pss / 2**20:.2f} GB ({sampler.peak_procs} processes); largest process {maxrss / 2**20:.2f} GB")
    print(f"stages (s): {man['timings_seconds']}")
    print(f"peak PSS by stage (GB, sampled every {sampler.every} s): {sampler.by_stage(man['timings_seconds'])}")
    c = man["counts"]
    print(f"sentences {c['sentences']}, furniture {c['furniture_sentences']}; LSH colliding pairs {c.get('lsh_colliding_pairs')}, "
          f"candidates {c['candidate_pairs']}, pairs kept {c['pairs']} {c['pairs_by_relation']}; graph edges {c['graph_edges']}")
    print(f"planted parent edges {s['true_edges']}: recall {s['recall']:.3f}, precision {s['precision']:.3f} "
          f"({s['directed_edges']} directed edges, {s['edges_touching_background']} touching a background article); "
          f"pair linked in any direction {s['pair_found']:.3f}, reversed {s['reversed']:.3f}; "
          f"planted pairs classified as a derivation (pairs table) {s['pair_related']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
