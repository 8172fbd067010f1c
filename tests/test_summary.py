"""The terminal summary of a large trace leads with its families and most-copied documents."""

from __future__ import annotations

from provenance.model import Document
from provenance.pipeline import trace
from provenance.relation import DERIVATION
from provenance.summary import _overview, summarise


def _edge(s: str, t: str, rel: str, directed: bool) -> dict:
    return {"source": s, "target": t, "relation": rel, "directed": directed}


GRAPH = {
    "nodes": [{"id": n, "kind": "document", "label": f"Titre {n}", "date": d}
              for n, d in (("a", "2022-01-02"), ("b", "2022-01-03"), ("c", None), ("d", "2022-01-01"),
                           ("e", None), ("f", None), ("g", None), ("h", None))],
    "edges": [_edge("a", "b", "rewrite", True), _edge("a", "c", "excerpt", True), _edge("b", "d", "duplicate", False),
              _edge("e", "f", "duplicate", False), _edge("g", "h", "same_story", False)],
}


def test_overview_lists_families_and_most_copied() -> None:
    deriv = [e for e in GRAPH["edges"] if e["relation"] in DERIVATION]
    lines = _overview(GRAPH, deriv, top=10)
    assert lines == [
        "2 families of copies (6 documents); the largest:",
        # earliest first among the documents without a traced parent
        '  4 documents "Titre d"; no traced parent: d (2022-01-01), a (2022-01-02)',
        '  2 documents "Titre e"; no traced parent: e, f',
        "Copied most often (direct copies):",
        "  a: 2",
    ]
    # same_story links make no family
    assert not any("g" in ln.split(":")[-1] for ln in lines[1:3])


def test_an_excerpt_edge_from_the_shorter_text_says_the_copy_expands_it() -> None:
    # A wire brief, dated first, that a paper grew into a story: the edge is brief -> story, and
    # "excerpt" alone would read as the story being cut from the brief.
    brief = ("Nurses at three hospitals in the county will walk out for 48 hours next week after talks over pay "
             "and staffing broke down, their union announced on Wednesday.\n\nHospital managers said emergency "
             "departments, maternity units and intensive care would remain fully staffed during the strike.\n")
    story = brief + "".join(
        f"\n{x}\n" for x in (
            "The union says wards are routinely left with one nurse for every twelve patients at night.",
            "It is the first strike by nurses in the county for more than two decades, and a ballot last month "
            "returned a majority of 84 percent in favour of industrial action.",
            "The county health board said it had offered a rise of 4 percent and sixty additional nurses over two years.",
            "Patient groups urged both sides to settle the dispute quickly, as waiting lists are already long."))
    res = trace([Document("brief", brief, date="2022-03-02T07:10:00Z"), Document("story", story, date="2022-03-02T11:30:00Z")])
    text = summarise(res)
    assert "brief -> story  excerpt (story expands brief) confidence" in text
    # Undated, the brief is the excerpt of the story: the plain word says so.
    res = trace([Document("brief", brief), Document("story", story)])
    assert "story -> brief  excerpt confidence" in summarise(res)
