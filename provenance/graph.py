"""Stage 9: build the derivation graph from the oriented pairs.

Each document keeps its most likely parent: an optimum branching (Edmonds) over the directed
derivation edges, weighted by confidence and similarity, so a copy of a copy hangs under the
copy it resembles most rather than under every ancestor. A second parent is kept when another
source accounts for a part of the document that the first parent does not (a compilation).
Derivation pairs whose direction is unknown join documents not already linked (a spanning
forest, strongest first). Latent nodes stand for sources outside the corpus: the original of a
machine translation whose language is absent, and the common source of two same-day documents
that share text but each carry much the other lacks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .model import Document
from .relation import DERIVATION


@dataclass(frozen=True)
class GraphConfig:
    """How edges are chosen for the graph."""

    second_parent_share: float = 0.3
    """A second parent must account for this share of the child's content the first does not."""
    second_parent_min_sentences: int = 2
    common_source_max_coverage: float = 0.6
    """Same-day undirected pairs with both coverages below this get a latent common source."""
    keep_non_derivation: bool = True


@dataclass(frozen=True, slots=True)
class PairEdge:
    """One classified pair, as the graph stage needs it."""

    a: str
    b: str
    relation: str
    parent: str | None
    confidence: float
    similarity: float
    aligned_sentences: int
    coverage_a: float
    coverage_b: float
    evidence: tuple[str, ...]
    aligned_a: frozenset[int] = field(default_factory=frozenset)
    aligned_b: frozenset[int] = field(default_factory=frozenset)


def _edge(source: str, target: str, p: PairEdge, directed: bool, evidence: Sequence[str] | None = None) -> dict[str, Any]:
    return {
        "source": source,
        "target": target,
        "relation": p.relation,
        "directed": directed,
        "confidence": p.confidence,
        "similarity": round(p.similarity, 4),
        "aligned_sentences": p.aligned_sentences,
        "evidence": list(p.evidence if evidence is None else evidence),
    }


def _node(d: Document) -> dict[str, Any]:
    return {
        "id": d.id,
        "kind": "document",
        "label": d.title or d.id,
        "date": d.date,
        "lang": d.lang,
        "source": d.source,
        "machine_translated": d.machine_translated,
        "source_language": d.source_language,
    }


def _latent(id_: str, label: str, lang: str | None) -> dict[str, Any]:
    return {
        "id": id_, "kind": "latent", "label": label, "date": None, "lang": lang,
        "source": None, "machine_translated": False, "source_language": None,
    }


def build_graph(docs: Sequence[Document], pairs: Sequence[PairEdge], config: GraphConfig = GraphConfig()) -> dict[str, Any]:
    """The graph.json structure: ``{"version": 1, "nodes": [...], "edges": [...]}``.

    >>> d = [Document("a", "x", date="2022-01-01"), Document("b", "x")]
    >>> p = PairEdge("a", "b", "duplicate", "a", 0.9, 1.0, 5, 1.0, 1.0, ("dates",))
    >>> [(e["source"], e["target"]) for e in build_graph(d, [p])["edges"]]
    [('a', 'b')]
    """
    by_id = {d.id: d for d in docs}
    nodes = [_node(d) for d in docs]
    edges: list[dict[str, Any]] = []
    derivations = [p for p in pairs if p.relation in DERIVATION]
    directed = [p for p in derivations if p.parent is not None]

    g = nx.DiGraph()
    g.add_nodes_from(d.id for d in docs)
    info: dict[tuple[str, str], PairEdge] = {}
    for p in sorted(directed, key=lambda p: (p.a, p.b)):
        src, dst = (p.a, p.b) if p.parent == p.a else (p.b, p.a)
        # Integer weights keep Edmonds' algorithm exact, hence deterministic across platforms.
        g.add_edge(src, dst, weight=int(round(p.confidence * p.similarity * 1e6)) + 1)
        info[(src, dst)] = p
    branching = nx.maximum_branching(g, attr="weight", preserve_attrs=True) if g.number_of_edges() else nx.DiGraph()
    chosen = sorted(branching.edges())
    parent_of = {dst: src for src, dst in chosen}
    for src, dst in chosen:
        edges.append(_edge(src, dst, info[(src, dst)], True))

    # Second parents: another source covering a part of the child the first parent does not.
    children = nx.DiGraph(chosen)
    for (src, dst), p in sorted(info.items()):
        first = parent_of.get(dst)
        if first is None or first == src:
            continue
        if dst in children and src in nx.descendants(children, dst):
            continue
        first_p = info[(first, dst)]
        from_first = _child_side(first_p, dst)
        from_this = _child_side(p, dst)
        extra = from_this - from_first
        child_sentences = max(len(from_first | from_this), 1)
        if len(extra) >= config.second_parent_min_sentences and len(extra) / child_sentences >= config.second_parent_share:
            ev = [*p.evidence, f"{src} accounts for {len(extra)} sentences of {dst} that {first} does not"]
            edges.append(_edge(src, dst, p, True, ev))
            children.add_edge(src, dst)

    # Undirected derivations: a spanning forest over what is not linked yet.
    forest = nx.Graph()
    forest.add_nodes_from(d.id for d in docs)
    forest.add_edges_from((e["source"], e["target"]) for e in edges)
    components = {n: i for i, comp in enumerate(nx.connected_components(forest)) for n in comp}
    uf = _UnionFind(components)
    latents: list[dict[str, Any]] = []
    for p in sorted((p for p in derivations if p.parent is None), key=lambda p: (-p.similarity, p.a, p.b)):
        if uf.find(p.a) == uf.find(p.b):
            continue
        uf.union(p.a, p.b)
        da, db = by_id[p.a], by_id[p.b]
        same_day = bool(da.date and db.date and len(da.date) >= 10 and da.date[:10] == db.date[:10])
        if same_day and max(p.coverage_a, p.coverage_b) < config.common_source_max_coverage:
            lid = f"latent:common:{p.a}|{p.b}"
            latents.append(_latent(lid, f"common source of {p.a} and {p.b}", da.lang))
            why = [*p.evidence, "same-day documents that share text, each with much the other lacks"]
            edges.append(_edge(lid, p.a, p, True, why))
            edges.append(_edge(lid, p.b, p, True, why))
        else:
            edges.append(_edge(p.a, p.b, p, False))

    # Machine translations with no parent in the corpus: their original is outside it.
    has_parent = {e["target"] for e in edges if e["directed"]}
    corpus_langs = {d.lang for d in docs if d.lang}
    for d in docs:
        if d.machine_translated and d.id not in has_parent:
            lid = f"latent:original:{d.id}"
            lang = d.source_language
            where = "absent from the corpus" if lang not in corpus_langs else "not found in the corpus"
            latents.append(_latent(lid, f"original of {d.id}" + (f" ({lang})" if lang else ""), lang))
            edges.append({
                "source": lid, "target": d.id, "relation": "translation", "directed": True,
                "confidence": 0.9 if lang else 0.7, "similarity": None, "aligned_sentences": 0,
                "evidence": [f"machine-translation notice in {d.id}"
                             + (f" names {lang} as the original language, {where}" if lang else "")],
            })

    if config.keep_non_derivation:
        for p in sorted((p for p in pairs if p.relation not in DERIVATION), key=lambda p: (p.a, p.b)):
            edges.append(_edge(p.a, p.b, p, False))
    edges.sort(key=lambda e: (e["source"], e["target"], e["relation"]))
    return {"version": 1, "nodes": nodes + sorted(latents, key=lambda n: n["id"]), "edges": edges}


def _child_side(p: PairEdge, child: str) -> frozenset[int]:
    return p.aligned_a if p.a == child else p.aligned_b


class _UnionFind:
    def __init__(self, initial: dict[str, int]) -> None:
        self.parent: dict[str, str] = {}
        first: dict[int, str] = {}
        for n, c in sorted(initial.items()):
            self.parent[n] = first.setdefault(c, n)

    def find(self, x: str) -> str:
        while self.parent.setdefault(x, x) != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
