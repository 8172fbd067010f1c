"""The Spark engine against the local engine on a slice of OrangeSum: same output, and how long.

Run ``.venv/bin/python benchmarks/spark_equivalence.py --data ../shared/eval`` (``--docs`` sets
the slice, 5,000 articles by default; ``--master`` a Spark master, ``local[2]`` by default). It
traces the first ``--docs`` articles of ``orangesum_fr.jsonl.gz`` once with each engine, prints
the stage timings, and exits with status 1 unless the graph and the pairs table are identical.
``tests/test_spark.py`` asserts the same on the same 5,000 articles; this script adds the
timings and takes other slice sizes.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from provenance.engines.spark import SparkEngine  # noqa: E402
from provenance.load import to_document  # noqa: E402
from provenance.pipeline import TraceResult, trace  # noqa: E402


def _timed(label: str, fn: object) -> TraceResult:
    t0 = time.perf_counter()
    res = fn()  # type: ignore[operator]
    total = time.perf_counter() - t0
    stages = ", ".join(f"{k} {v:.1f}s" for k, v in res.timings.items())
    print(f"{label:>6}: {total:6.1f}s  ({stages}); {res.candidates} candidates, {len(res.pairs)} pairs")
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/eval"), help="folder with orangesum_fr.jsonl.gz")
    ap.add_argument("--docs", type=int, default=5000, help="articles to trace (default 5000)")
    ap.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    args = ap.parse_args()

    path = args.data / "orangesum_fr.jsonl.gz"
    if not path.exists():
        print(f"{path} not found; pass --data FOLDER", file=sys.stderr)
        return 2
    with gzip.open(path, "rt", encoding="utf-8") as f:
        docs = [to_document(json.loads(line)) for line in itertools.islice(f, args.docs)]
    print(f"{len(docs)} articles from {path}")

    local = _timed("local", lambda: trace(docs))
    t0 = time.perf_counter()
    engine = SparkEngine(master=args.master)
    print(f"spark session: {time.perf_counter() - t0:.1f}s ({args.master})")
    try:
        spark = _timed("spark", lambda: trace(docs, engine=engine))
    finally:
        engine.close()

    same_graph = spark.graph == local.graph
    same_pairs = spark.pairs_table().equals(local.pairs_table())
    print(f"identical graph: {same_graph}; identical pairs table: {same_pairs}")
    return 0 if same_graph and same_pairs else 1


if __name__ == "__main__":
    raise SystemExit(main())
