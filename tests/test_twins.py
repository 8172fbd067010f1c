"""Near-identical texts that nothing tells apart stay undirected, whatever their names."""

from __future__ import annotations

from pathlib import Path

from provenance.load import from_texts
from provenance.pipeline import trace

SEED = Path(__file__).resolve().parent.parent / "seeds" / "001_45e1b145ca42a96b.txt"


def _edges(texts: dict[str, str]) -> dict[frozenset[str], dict]:
    graph = trace(from_texts(texts)).graph
    return {frozenset((e["source"], e["target"])): e for e in graph["edges"] if e["relation"] in ("duplicate", "excerpt")}


def test_two_identical_excerpts_of_one_article_are_not_ordered_by_their_names():
    article = SEED.read_text(encoding="utf-8")
    # Two pages carrying the same two paragraphs of the article, and nothing else.
    excerpt = "\n\n".join(p for p in article.split("\n\n") if len(p) > 150)[:700].rsplit(".", 1)[0] + "."
    for names in (("a", "b"), ("z", "b")):
        edges = _edges({"article": article, names[0]: excerpt, names[1]: excerpt})
        twin = edges[frozenset(names)]
        assert not twin["directed"] and twin["confidence"] == 0.5
        # Each is still an excerpt of the article, oriented by containment.
        assert any(e["source"] == "article" and e["directed"] for k, e in edges.items() if k != frozenset(names))
