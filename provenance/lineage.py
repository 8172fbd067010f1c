"""One document's lineage in a traced graph: where it came from, and where it went.

A reader of a large trace usually asks about one article: ``provenance lineage OUT ID`` reads
``OUT/graph.json`` (nothing is recomputed) and prints the derivation edges up to the
documents with no traced parent, then the copies made from it, copies of copies indented under
their parent, then derivation links without a direction.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from typing import Any

from .errors import InputError
from .relation import SOURCE_EDGES


def _line(e: dict[str, Any], indent: str) -> list[str]:
    arrow = "->" if e["directed"] else "--"
    conf = f", confidence {e['confidence']:.2f}" if e["directed"] and e.get("confidence") is not None else ""
    sim = f", similarity {e['similarity']:.2f}" if e.get("similarity") is not None else ""
    out = [f"{indent}{e['source']} {arrow} {e['target']}  {e['relation']}{conf}{sim}"]
    out += [f"{indent}    - {ev}" for ev in e.get("evidence") or []]
    return out


def resolve(graph: dict[str, Any], doc_id: str) -> str:
    """The id of the graph's document named ``doc_id`` or, uniquely, starting with it.

    >>> resolve({"nodes": [{"id": "001_45e1"}, {"id": "002_e1ce"}]}, "001")
    '001_45e1'
    """
    ids = [str(n["id"]) for n in graph.get("nodes", [])]
    if doc_id in set(ids):
        return doc_id
    starting = sorted(i for i in ids if i.startswith(doc_id))
    if len(starting) == 1:
        return starting[0]
    if starting:
        more = f" and {len(starting) - 5} more" if len(starting) > 5 else ""
        raise InputError(f"{doc_id!r} starts several ids: {', '.join(starting[:5])}{more}")
    close = difflib.get_close_matches(doc_id, ids, n=3)
    hint = f" (close: {', '.join(close)})" if close else ""
    raise InputError(f"no document {doc_id!r} in the graph{hint}")


def lineage(graph: dict[str, Any], doc_id: str) -> str:
    """The lineage of ``doc_id`` (an id, or the start of exactly one) in a graph as
    ``build_graph`` writes it.

    >>> g = {"nodes": [{"id": "a"}, {"id": "b"}, {"id": "c"}], "edges": [
    ...     {"source": "a", "target": "b", "relation": "rewrite", "directed": True, "confidence": 0.9},
    ...     {"source": "b", "target": "c", "relation": "excerpt", "directed": True, "confidence": 0.8}]}
    >>> print(lineage(g, "b"), end="")
    Where b came from:
      a -> b  rewrite, confidence 0.90
      a: no traced parent
    Copies of b:
      b -> c  excerpt, confidence 0.80
    """
    doc_id = resolve(graph, doc_id)
    ins: dict[str, list[dict[str, Any]]] = defaultdict(list)
    outs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    loose: list[dict[str, Any]] = []
    for e in graph.get("edges", []):
        if e.get("relation") not in SOURCE_EDGES:
            continue
        s, t = str(e["source"]), str(e["target"])
        if e.get("directed"):
            ins[t].append(e)
            outs[s].append(e)
        elif doc_id in (s, t):
            loose.append(e)
    lines = [f"Where {doc_id} came from:"]
    seen, frontier, roots = {doc_id}, [doc_id], []
    while frontier:
        nxt = []
        for node in frontier:
            if not ins[node] and node != doc_id:
                roots.append(node)
            for e in sorted(ins[node], key=lambda x: str(x["source"])):
                lines += _line(e, "  ")
                src = str(e["source"])
                if src not in seen:
                    seen.add(src)
                    nxt.append(src)
        frontier = nxt
    # A latent node stands for a source outside the corpus (an agency's copy, a machine
    # translation's original): said so, with its label, rather than called an original.
    nodes = {str(n["id"]): n for n in graph.get("nodes", [])}

    def outside(node: str) -> str:
        n = nodes.get(node) or {}
        if n.get("kind") != "latent":
            return ""
        label = n.get("label")
        return " (a source outside the corpus" + (f": {label})" if label and label != node else ")")

    if len(lines) == 1:
        lines.append(f"  no traced parent{outside(doc_id)}" if outside(doc_id)
                     else "  no traced parent: an original, as far as this corpus tells")
    lines += [f"  {r}: no traced parent{outside(r)}" for r in sorted(roots)]
    lines.append(f"Copies of {doc_id}:")
    n_before = len(lines)
    done = {doc_id}

    def down(node: str, depth: int) -> None:
        for e in sorted(outs[node], key=lambda x: str(x["target"])):
            lines.extend(_line(e, "  " * depth))
            child = str(e["target"])
            if child not in done:
                done.add(child)
                down(child, depth + 1)

    down(doc_id, 1)
    if len(lines) == n_before:
        lines.append("  none traced")
    if loose:
        lines.append("Linked without a direction (the evidence does not say who copied whom):")
        for e in sorted(loose, key=lambda x: (str(x["source"]), str(x["target"]))):
            lines += _line(e, "  ")
    return "\n".join(lines) + "\n"
