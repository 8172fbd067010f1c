"""Book-length pages: the trace of two very long pages (one a slice of the other) among ordinary
articles, with the default settings against scoring every sentence pair, side by side.

Web dumps hold a few pages of tens of thousands of lines (archives, live blogs, transcripts).
Aligning two of them sentence by sentence, and counting their common words over the whole
texts, costs time in proportion to the product of their lengths. The default settings score
only the sentence pairs that share a word bigram beyond ``AlignConfig.exhaustive_cells``
sentence pairs, and count common words along the aligned sentences beyond
``RelationConfig.exact_words_cells`` word pairs; ``--exhaustive`` lifts both limits (the
behaviour before them). Both runs are in this process, one after the other, on one core.

The corpus: one page made of the first ``--long`` OrangeSum articles, a second page made of a
slice of them (a copy), and ``--others`` further articles.

    python benchmarks/long_pages.py --data ../shared/eval [--long 1500] [--others 100]
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import evaldata  # noqa: E402


def corpus(data_dir: Path, long: int, others: int) -> list[dict]:
    texts = [r["text"] for r in evaldata.read_jsonl_gz(data_dir / "orangesum_fr.jsonl.gz") if r.get("text", "").strip()]
    texts = texts[: long + others]
    cut = (long * 2 // 15, long * 12 // 15)
    recs = [{"id": "long-page", "text": "\n\n".join(texts[:long])},
            {"id": "long-copy", "text": "\n\n".join(texts[cut[0]:cut[1]])}]
    recs += [{"id": f"article-{i}", "text": t} for i, t in enumerate(texts[long:])]
    return recs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="../shared/eval", help="eval data folder")
    ap.add_argument("--long", type=int, default=1500, help="articles joined into the long page")
    ap.add_argument("--others", type=int, default=100, help="ordinary articles beside the two pages")
    args = ap.parse_args(argv)
    if not (Path(args.data) / "orangesum_fr.jsonl.gz").exists():
        print(f"skipped: {Path(args.data) / 'orangesum_fr.jsonl.gz'} not found")
        return 0
    from provenance.engines import get_engine
    from provenance.load import to_document
    from provenance.pipeline import TraceConfig, trace

    docs = [to_document({**r, "__origin": r["id"]}) for r in corpus(Path(args.data), args.long, args.others)]
    default = TraceConfig()
    exhaustive = replace(default, align=replace(default.align, exhaustive_cells=1 << 62),
                         relation=replace(default.relation, exact_words_cells=1 << 62))
    print(f"corpus: pages of {len(docs[0].text):,} and {len(docs[1].text):,} characters, {len(docs) - 2} articles")
    runs = {}
    for name, config in (("default", default), ("exhaustive", exhaustive)):
        t = time.perf_counter()
        res = trace(docs, config, engine=get_engine("local", workers=1))
        wall = time.perf_counter() - t
        pair = next(p for p in res.pairs if {res.documents[p.a].id, res.documents[p.b].id} == {"long-page", "long-copy"})
        runs[name] = res
        print(f"{name:<11} {wall:7.1f} s  align stage {res.timings['align']:6.1f} s  long pair: {pair.relation}, "
              f"{len(pair.alignment.content)} aligned sentences, {pair.features.common_words} common words")
    edges = {k: {(e["source"], e["target"]): e for e in r.graph["edges"]} for k, r in runs.items()}
    kinds = {k: {(s, t, e["relation"]) for (s, t), e in v.items()} for k, v in edges.items()}
    print(f"graph edges (source, target, relation) identical: {kinds['default'] == kinds['exhaustive']}")
    for key, e in edges["default"].items():
        other = edges["exhaustive"].get(key, {})
        changed = sorted(f for f in set(e) | set(other) if e.get(f) != other.get(f))
        if changed:
            print(f"  edge {key[0]} -> {key[1]} differs in: {', '.join(changed)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
