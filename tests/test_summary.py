"""The terminal summary of a large trace leads with its families and most-copied documents."""

from __future__ import annotations

from provenance.relation import DERIVATION
from provenance.summary import _overview


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
