"""A text carried by more documents than an LSH bucket may pair (``LSHConfig.max_bucket``): its
copies still link through the bucket's first members, while a text sharing a single sentence with
them is not followed up there.
Built from the agency dispatch of the seeds (seed 001)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from provenance.model import Document
from provenance.pipeline import TraceConfig, trace

SEED = Path(__file__).resolve().parents[1] / "seeds" / "001_45e1b145ca42a96b.txt"
DERIVATION = {"duplicate", "near_duplicate", "excerpt", "rewrite"}


def _corpus() -> list[Document]:
    paras = [p.strip() for p in re.split(r"\n\s*\n", SEED.read_text(encoding="utf-8")) if p.strip()][1:]
    docs = [Document(f"site{i}", f"Le Journal {i} | Accueil\n\n" + "\n\n".join(paras[: len(paras) - i % 3])
                     + f"\n\n© Le Journal {i}", source=f"journal{i}.example") for i in range(8)]
    # Another story that repeats one sentence of the dispatch word for word.
    docs.append(Document("other", "Les marchés européens ont ouvert en baisse lundi matin. " + paras[0]
                         + " La Bourse de Paris perdait un pour cent à l'ouverture, selon les courtiers. "
                         "Les valeurs bancaires étaient les plus touchées par les ventes.", source="bourse.example"))
    return docs


def _linked(config: TraceConfig) -> tuple[set[str], set[frozenset[str]]]:
    g = trace(_corpus(), config).graph
    pairs = {frozenset((e["source"], e["target"])) for e in g["edges"] if e["relation"] in DERIVATION}
    return {d for p in pairs for d in p}, pairs


def test_copies_beyond_the_bucket_limit_link_through_its_hub() -> None:
    base = TraceConfig()
    small = replace(base, lsh=replace(base.lsh, max_bucket=4, hub=2))
    docs, _ = _linked(small)
    assert docs == {f"site{i}" for i in range(8)}  # every copy, and not the other story
    # without the hub, buckets of six to eight copies give no pair: only the three full copies
    # link, through the last paragraph that they alone carry
    none = replace(base, lsh=replace(base.lsh, max_bucket=4, hub=0))
    assert _linked(none)[0] == {"site0", "site3", "site6"}
    # with room for every bucket, the other story's one verbatim sentence links it too: through
    # a hub, one shared sentence is not enough (hub_min_hits), since in a bucket of hundreds it
    # is most often a stock phrase
    assert _linked(base)[0] == docs | {"other"}
