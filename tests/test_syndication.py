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


# --- One story on hundreds of sites, the original read last (QA26 D2) ----------------------

_STORY = [
    "Council approves new cycle lanes for city centre",
    "The city council has approved plans for six kilometres of protected cycle lanes through the centre, "
    "after a vote that ended a year of public consultation.",
    "Councillors voted 31 to 12 in favour of the scheme, which will remove parking spaces on three main streets "
    "and add new crossings near two primary schools.",
    "Work is due to start in the spring and should take about eighteen months, according to the transport department.",
    "Local shopkeepers had argued that the loss of parking would drive customers away, and a petition against the "
    "plans gathered more than four thousand signatures.",
    "Supporters said the lanes would make streets safer for children and reduce traffic on routes into the centre "
    "during the morning rush.",
    "The scheme will cost an estimated nine million pounds, most of it paid by a national grant for active travel.",
    "A spokesman for the council said the authority would monitor traffic and air quality for two years after "
    "the lanes open.",
]
_HEADS = ["Home | News | Local", "Skip to content", "Advertisement", "Latest headlines", "Menu | Search | Sign in"]
_FOOTS = ["All rights reserved.", "Contact us | Privacy policy", "Follow us on social media", "Back to top"]


def _syndicated(copies: int, seed: int = 5) -> list[Document]:
    import random

    rng = random.Random(seed)
    docs = [Document("original", "\n\n".join(_STORY), url="https://citynews.example/2024/cycle-lanes",
                     date="2024-05-06T08:00")]
    for i in range(copies):
        body = list(_STORY)
        if rng.random() < 0.3:
            del body[rng.randrange(2, len(body))]
        if rng.random() < 0.2:
            body.append("This article first appeared on City News.")
        minutes = rng.randint(30, 3 * 24 * 60)
        day, rem = divmod(8 * 60 + minutes, 24 * 60)
        text = "\n\n".join([*rng.sample(_HEADS, rng.randint(1, 2)), *body, *rng.sample(_FOOTS, rng.randint(1, 2))])
        docs.append(Document(f"copy{i:03d}", text, url=f"https://site{i:03d}.example{i % 7}.org/news/{i}",
                             date=f"2024-05-{6 + day:02d}T{rem // 60:02d}:{rem % 60:02d}"))
    return [*docs[1:], docs[0]]  # the original read last


def test_an_original_read_last_heads_its_syndicated_copies() -> None:
    # Every sentence's bucket holds all 161 pages, over max_bucket: pages pair only through the
    # hubs. Taken from the pages read first, the hubs left the original (read last) with a few
    # pairs and the tree hung the story under later copies, or dropped the original altogether.
    base = TraceConfig()
    config = replace(base, lsh=replace(base.lsh, max_bucket=40, hub=4))
    docs = _syndicated(160)
    res = trace(docs, config)
    # taken by date, the hubs pair the original with every copy
    last = len(docs) - 1
    assert sum(1 for p in res.pairs if last in (p.a, p.b) and p.relation in DERIVATION) == last
    edges = [e for e in res.graph["edges"] if e["relation"] in DERIVATION]
    linked = {x for e in edges for x in (e["source"], e["target"])}
    assert linked == {d.id for d in docs}  # every page is in the family
    assert not [e for e in edges if e["target"] == "original"]  # the earliest page is the root
    roots = {e["source"] for e in edges if e["directed"]} - {e["target"] for e in edges if e["directed"]}
    assert roots == {"original"}


def test_oversized_buckets_take_their_hubs_in_rank_order() -> None:
    import numpy as np

    from provenance.lsh import LSHConfig, oversize_pairs, oversize_pairs_reference

    rng = np.random.default_rng(3)
    config = LSHConfig(bands=4, rows=1, max_bucket=6, hub=2)
    groups = np.sort(rng.integers(0, 30, 200))
    keys = rng.integers(0, 5, (200, 4)).astype(np.uint64)
    rank = rng.permutation(30)
    got = oversize_pairs(groups, keys, config, rank=rank, workers=2)
    assert np.array_equal(got, oversize_pairs_reference(groups, keys, config, rank=rank))
    assert not np.array_equal(got, oversize_pairs(groups, keys, config))
    # the documents of lowest rank pair with every document of their buckets
    first = int(np.argmin(rank))
    assert {int(b) for a, b, _h in got if a == first} | {int(a) for a, b, _h in got if b == first} == \
        set(groups.tolist()) - {first}


def test_a_family_member_the_tree_leaves_alone_keeps_its_strongest_pair() -> None:
    # The original met only the two pages an oversized bucket took as hubs, and an earlier copy
    # explains each of them as well: the tree gives the original no child.
    from provenance.graph import PairEdge, build_graph

    dates = {"orig": "2024-05-06T08:00", "early": "2024-05-06T08:10", "h1": "2024-05-06T09:00", "h2": "2024-05-06T09:30"}
    docs = [Document(i, "x", date=d) for i, d in dates.items()]

    def dup(a: str, b: str, words_b: int = 200) -> PairEdge:
        return PairEdge(a, b, "duplicate", a, 0.97, 1.0, 8, 1.0, 1.0, (f"{a} is dated before {b}",),
                        logodds=3.5, date_logodds=3.5, words_a=200, words_b=words_b, common_words=200,
                        shared_furniture=1 if a != "orig" else 0)

    pairs = [dup("orig", "h1"), dup("orig", "h2"), dup("early", "h1"), dup("early", "h2"), dup("h1", "h2")]
    edges = build_graph(docs, pairs)["edges"]
    assert {x for e in edges for x in (e["source"], e["target"])} == set(dates)
    kept = [e for e in edges if "orig" in (e["source"], e["target"])]
    assert [(e["source"], e["directed"]) for e in kept] == [("h1", False)]  # ends in id order
    assert kept[0]["target"] == "orig" and kept[0]["confidence"] > 0.9
    assert kept[0]["evidence"][-1].endswith("kept linked to h1, its strongest pair, in which orig likely came first")
