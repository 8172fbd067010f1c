"""Syndication: one article republished by hundreds of sites, the trace timed stage by stage.

A dispatch carried by more sites than an LSH bucket may pair (``LSHConfig.max_bucket``, 200)
puts its sentences in buckets that ``lsh.candidate_pairs`` leaves out; the copies that carry
nothing but such sentences are then linked to nothing. Since the thirteenth session each member
of such a bucket is also paired with the bucket's first ``LSHConfig.hub`` members
(``lsh.oversize_pairs``; the earliest-dated, then the undated in input order); ``--no-hub`` runs the behaviour before. The run prints the stage
times, how many copies are linked to another document of the story, whether the original is
linked, and how many copies take it as their parent.

The corpus: the original (a BBC News article, dated, no site furniture) and ``--copies`` copies,
each on its own site: a header and a footer line naming the site (site names drawn from a
syllable table, so no two sites share a line), and the first 8 or more of the original's
sentences (a random cut, as sites trim syndicated copy). Everything runs in this process on
``--workers`` workers.

    python benchmarks/syndication.py --data ../shared/eval [--copies 400] [--no-hub]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from dataclasses import fields, replace
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import evaldata  # noqa: E402

_SYLLABLES = ("bar", "cor", "dal", "fen", "gar", "hol", "kin", "lor", "mer", "nor", "pal", "quin", "ros",
              "sal", "tor", "val", "wen", "yar", "zel", "bri", "cla", "dro", "fla", "gri")
_SENTENCE_END = re.compile(r"(?<=[.!?\"])\s+(?=[A-Z\"])")


def corpus(data_dir: Path, copies: int, seed: int = 7, article: str = "tech/020") -> list[dict]:
    """The original and its copies as input records (``id``, ``text``, ``url``, ``date``)."""
    rec = next(r for r in evaldata.read_jsonl_gz(data_dir / "bbc_news.jsonl.gz") if r["id"] == article)
    lines = [x for x in rec["text"].split("\n") if x.strip()]
    title, sentences = lines[0], [s for p in lines[1:] for s in _SENTENCE_END.split(p) if s.strip()]
    rng = random.Random(seed)
    out = [{"id": "original", "text": title + "\n\n" + "\n\n".join(sentences), "url": "https://wire.example/story",
            "date": "2005-03-01"}]
    names: set[str] = set()
    while len(names) < copies:
        names.add("".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize())
    for i, name in enumerate(sorted(names)):
        keep = rng.randint(min(8, len(sentences)), len(sentences))
        text = "\n\n".join([f"{name} Daily | News | Local | Weather", title, *sentences[:keep],
                            f"Copyright 2005 {name} Media Group. All rights reserved."])
        out.append({"id": f"copy{i:04d}", "text": text, "url": f"https://{name.lower()}.example/news/story"})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="../shared/eval", help="eval data folder")
    ap.add_argument("--copies", type=int, default=400, help="sites republishing the article")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-hub", action="store_true", help="oversized buckets give no pair (the behaviour before)")
    args = ap.parse_args(argv)
    if not (Path(args.data) / "bbc_news.jsonl.gz").exists():
        print(f"skipped: {Path(args.data) / 'bbc_news.jsonl.gz'} not found")
        return 0
    from provenance.engines import get_engine
    from provenance.load import to_document
    from provenance.pipeline import TraceConfig, trace

    docs = [to_document(r) for r in corpus(Path(args.data), args.copies)]
    config = TraceConfig()
    if args.no_hub and "hub" in {f.name for f in fields(config.lsh)}:
        config = replace(config, lsh=replace(config.lsh, hub=0))
    t = time.perf_counter()
    res = trace(docs, config, engine=get_engine("local", workers=args.workers))
    wall = time.perf_counter() - t
    derivation = {"duplicate", "near_duplicate", "excerpt", "rewrite"}
    edges = [e for e in res.graph["edges"] if e["relation"] in derivation and not e["source"].startswith("latent:")]
    linked = {x for e in edges for x in (e["source"], e["target"])}
    from_original = sum(1 for e in edges if e["source"] == "original" and e["directed"])
    copies = [d.id for d in docs if d.id != "original"]
    print(f"corpus: the original and {len(copies)} copies on as many sites; workers={args.workers}"
          f"{'; hub off' if args.no_hub else ''}")
    print(f"wall {wall:.1f} s; stages (s): { {k: round(v, 1) for k, v in res.timings.items()} }")
    print(f"candidate pairs {res.candidates}, pairs kept {len(res.pairs)}, derivation edges {len(edges)}")
    print(f"copies linked to another document: {sum(1 for c in copies if c in linked)} of {len(copies)}; "
          f"original linked: {'original' in linked}; copies whose parent is the original: {from_original}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
