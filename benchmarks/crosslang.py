"""Benchmark of provenance.xling, the cross-language copy finder, on real translated news.

Data: ``../shared/eval`` (see its README): WMT news test sets 2008-2014 in French and English,
BBC News as English distractors, and WMT22 French<->German with human and machine translations.
The benchmark skips cleanly when the folder is absent.

Split (fixed): test sets news-test2008, newssyscomb2009, newstest2009, newstest2010, newstest2011
and newsdiscussdev2015 are the *dev* sets (used to choose weights and fit the direction model);
newstest2012, newstest2013 and newstest2014 are the held-out *test* sets. Retrieval tasks use all
858 documents (nothing in them is fitted; their weights were chosen on dev), the alignment and
direction tasks report held-out test sets only. Random choices use ``--seed`` (default 13).

Retrieval is index-then-rerank: every pool document is projected to English stems and put in a
:class:`provenance.xling.index.CrossIndex`; a query walks the postings of its informative stems
and the best 20 hits are re-ranked with the full similarity. No all-pairs scoring.

    .venv/bin/python benchmarks/crosslang.py --out /tmp/crosslang.json
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from provenance.xling import (  # noqa: E402
    CrossIndex,
    available,
    missing_dictionaries_hint,
)

DEV_SETS = frozenset(
    {"news-test2008", "newssyscomb2009", "newstest2009", "newstest2010", "newstest2011", "newsdiscussdev2015"}
)
TEST_SETS = frozenset({"newstest2012", "newstest2013", "newstest2014"})


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def wmt_pairs(data: Path) -> list[dict[str, Any]]:
    """One record per document: testset, docid, origlang, fr and en line lists."""
    by_doc: dict[tuple[str, str], dict[str, Any]] = {}
    for r in read_jsonl(data / "wmt_newstest_fren.jsonl.gz"):
        d = by_doc.setdefault((r["testset"], r["docid"]), {"testset": r["testset"], "docid": r["docid"], "origlang": r["origlang"]})
        d[r["lang"]] = r["text"].split("\n")
    pairs = [d for d in by_doc.values() if "fr" in d and "en" in d and len(d["fr"]) == len(d["en"])]
    pairs.sort(key=lambda d: (d["testset"], d["docid"]))
    return pairs


def p_at_1(hits: list[bool]) -> float:
    return sum(hits) / len(hits) if hits else 0.0


def task_documents(pairs: list[dict[str, Any]], bbc: list[dict[str, Any]], rng: random.Random) -> dict[str, Any]:
    """Full documents and 2-sentence excerpts of the French side against ~3k English documents."""
    t0 = time.perf_counter()
    index = CrossIndex()
    for i, p in enumerate(pairs):
        index.add(f"wmt{i}", "\n".join(p["en"]), "en")
    for r in bbc:
        index.add(f"bbc:{r['id']}", r["text"], "en")
    t_index = time.perf_counter() - t0
    full, excerpt = [], []
    for i, p in enumerate(pairs):
        got = index.query("\n".join(p["fr"]), "fr", k=1)
        full.append(bool(got) and got[0][0] == f"wmt{i}")
        lines = p["fr"]
        j = rng.randrange(max(1, len(lines) - 1))
        got = index.query("\n".join(lines[j : j + 2]), "fr", k=1)
        excerpt.append(bool(got) and got[0][0] == f"wmt{i}")
    return {
        "pool": len(index),
        "queries": len(pairs),
        "p_at_1_full": p_at_1(full),
        "p_at_1_excerpt": p_at_1(excerpt),
        "seconds_index": round(t_index, 1),
        "seconds": round(time.perf_counter() - t0, 1),
    }


def task_sentences(pairs: list[dict[str, Any]], testsets: list[str]) -> dict[str, Any]:
    """Each French sentence of a test set against all English sentences of that test set."""
    t0 = time.perf_counter()
    per_set: dict[str, float] = {}
    hits_all: list[bool] = []
    for ts in testsets:
        fr: list[str] = []
        en: list[str] = []
        for p in pairs:
            if p["testset"] == ts:
                fr.extend(p["fr"])
                en.extend(p["en"])
        index = CrossIndex()
        for j, s in enumerate(en):
            index.add(str(j), s, "en")
        hits = []
        for j, s in enumerate(fr):
            got = index.query(s, "fr", k=1)
            # Identical English sentences (datelines, "Thank you.") count as found.
            hits.append(bool(got) and en[int(got[0][0])] == en[j])
        per_set[ts] = round(p_at_1(hits), 4)
        hits_all.extend(hits)
    return {"queries": len(hits_all), "p_at_1": p_at_1(hits_all), "per_testset": per_set, "seconds": round(time.perf_counter() - t0, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "eval")
    ap.add_argument("--out", type=Path, default=None, help="write the results as JSON here")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--only", default="", help="comma-separated task names to run (default all)")
    args = ap.parse_args(argv)
    if not (args.data / "wmt_newstest_fren.jsonl.gz").exists():
        print(f"crosslang: no evaluation data in {args.data}; skipped")
        return 0
    hint = missing_dictionaries_hint()
    if hint:
        print(f"crosslang: {hint}")
    rng = random.Random(args.seed)
    only = set(filter(None, args.only.split(",")))
    t0 = time.perf_counter()
    pairs = wmt_pairs(args.data)
    results: dict[str, Any] = {"seed": args.seed, "dictionaries_fr_en": available("fr", "en"), "dictionaries_fr_de": available("fr", "de")}
    if not only or "documents" in only:
        bbc = read_jsonl(args.data / "bbc_news.jsonl.gz")
        results["documents"] = task_documents(pairs, bbc, rng)
        print("documents", results["documents"], flush=True)
    if not only or "sentences" in only:
        results["sentences"] = task_sentences(pairs, sorted(TEST_SETS))
        print("sentences", results["sentences"], flush=True)
    results["seconds_total"] = round(time.perf_counter() - t0, 1)
    if args.out:
        args.out.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
