"""Render stage: ``report.html``, the trace as a reader checks it.

One self-contained page (no script, no external file): each family of copies as a tree from the
documents with no traced parent down to their copies, every derivation edge with its relation,
confidence and evidence, and the passages the two texts share side by side, the parent's words
that the copy dropped struck through and the words it added underlined. Families come largest
first; very large traces keep the text of the first ``max_edges_with_text`` edges only.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl
from rapidfuzz.distance import Indel

from .model import count
from .relation import SOURCE_EDGES
from .summary import families as graph_families
from .summary import parent_in_doubt

__all__ = ["ReportConfig", "report_html", "word_diff"]


@dataclass(frozen=True)
class ReportConfig:
    """How much of a trace the report shows."""

    max_families: int = 300
    """Families shown, largest first (the others are counted)."""
    max_edges_with_text: int = 2000
    """Edges whose shared passages are shown; later edges show their evidence only."""
    max_passages_per_edge: int = 60
    max_diff_words: int = 4000
    """Passages longer than this (in words, both sides) are shown without word differences."""


_CSS = """
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222;line-height:1.4}
h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
ul.tree{list-style:none;padding-left:1.4em;border-left:1px dotted #bbb}
.doc{font-weight:600}.latent{font-style:italic;color:#555}.meta{color:#666;font-size:.9em}
.edge{margin:.3em 0}.rel{background:#eef;border-radius:3px;padding:0 .3em}
.ev{color:#444;font-size:.9em;margin:.1em 0 .3em 0}
table.pass{border-collapse:collapse;width:100%;font-size:.9em;margin:.3em 0}
table.pass td{border:1px solid #ddd;padding:.3em;vertical-align:top;width:47%}
table.pass td.score{width:6%;text-align:right;color:#666}
del{background:#fdd;color:#900}ins{background:#dfd;color:#060;text-decoration:underline}
"""


def word_diff(parent: str, copy: str, max_words: int = 4000) -> tuple[str, str]:
    """Both texts as HTML: the parent's words the copy lacks in ``<del>``, the copy's own in ``<ins>``.

    >>> word_diff("Le président a parlé dimanche.", "Le président a parlé lundi.")
    ('Le président a parlé <del>dimanche.</del>', 'Le président a parlé <ins>lundi.</ins>')
    """
    wa, wb = parent.split(), copy.split()
    if len(wa) + len(wb) > max_words:
        return html.escape(parent), html.escape(copy)
    left: list[str] = []
    right: list[str] = []
    # A longest common subsequence of the words (rapidfuzz, in C++: difflib's matcher took most
    # of the report's time).
    for op, i1, i2, j1, j2 in Indel.opcodes(wa, wb):
        a = html.escape(" ".join(wa[i1:i2]))
        b = html.escape(" ".join(wb[j1:j2]))
        if op == "equal":
            left.append(a)
            right.append(b)
            continue
        if a:
            left.append(f"<del>{a}</del>")
        if b:
            right.append(f"<ins>{b}</ins>")
    return " ".join(left), " ".join(right)


def _node_html(node: dict[str, Any] | None, nid: str) -> str:
    if node is None or node.get("kind") == "latent":
        label = (node or {}).get("label") or nid
        return f'<span class="latent">{html.escape(str(label))}</span> <span class="meta">({html.escape(nid)})</span>'
    meta = [str(node[k]) for k in ("date", "source", "lang") if node.get(k)]
    if node.get("machine_translated"):
        meta.append("machine-translated" + (f" from {node['source_language']}" if node.get("source_language") else ""))
    title = node.get("label") if node.get("label") not in (None, nid) else None
    out = f'<span class="doc">{html.escape(nid)}</span>'
    if title:
        out += f" “{html.escape(str(title))}”"
    if meta:
        out += f' <span class="meta">{html.escape(", ".join(meta))}</span>'
    return out


def _edge_html(e: dict[str, Any], parent: str, child: str, passages: Sequence[dict[str, Any]] | None,
               config: ReportConfig) -> str:
    arrow = "→" if e["directed"] else "—"
    conf = f" confidence {e['confidence']:.2f}" if e["directed"] and e.get("confidence") is not None else ""
    if parent_in_doubt(e):
        conf += f" (this parent rather than another {e['parent_confidence']:.2f})"
    sim = f", similarity {e['similarity']:.2f}" if e.get("similarity") is not None else ""
    aligned = "" if parent.startswith("latent:") else f', {count(e.get("aligned_sentences", 0), "aligned sentence")}'
    parts = [f'<div class="edge">{html.escape(parent)} {arrow} {html.escape(child)} '
             f'<span class="rel">{html.escape(e["relation"])}</span>{conf}{sim}{aligned}</div>']
    evidence = list(e.get("evidence") or [])
    if evidence:
        parts.append('<ul class="ev">' + "".join(f"<li>{html.escape(x)}</li>" for x in evidence) + "</ul>")
    if passages:
        shown = passages[: config.max_passages_per_edge]
        rows = []
        for p in shown:
            left, right = p["text_a"], p["text_b"]
            if p["doc_a"] != parent:
                left, right = right, left
            dl, dr = word_diff(left, right, config.max_diff_words)
            rows.append(f'<tr><td>{dl}</td><td>{dr}</td><td class="score">{p["score"]:.0f}</td></tr>')
        more = f" (first {len(shown)} of {len(passages)})" if len(passages) > len(shown) else ""
        noun = "passage" if len(passages) == 1 else "passages"
        parts.append(f"<details><summary>{len(passages)} shared {noun}{more}: "
                     f"{html.escape(parent)} left, {html.escape(child)} right</summary>"
                     f'<table class="pass">{"".join(rows)}</table></details>')
    return "".join(parts)


def _tree_html(root: str, children: dict[str, list[dict[str, Any]]], key: Any, item: Any) -> str:
    """Nested lists of the edges below ``root``, depth first (iterative: chains of copies can
    be deeper than Python's recursion)."""
    parts: list[str] = []
    seen = {root}
    stack = [(e, 1) for e in reversed(sorted(children.get(root, []), key=key))]
    depth = 0
    while stack:
        e, d = stack.pop()
        if d > depth:
            parts.append('<ul class="tree">')
            depth = d
        else:
            parts.append("</li>")
            while depth > d:
                parts.append("</ul></li>")
                depth -= 1
        parts.append("<li>" + item(e))
        c = str(e["target"])
        if c not in seen:
            seen.add(c)
            stack.extend((x, d + 1) for x in reversed(sorted(children.get(c, []), key=key)))
    if depth:
        parts.append("</li>" + "</ul></li>" * (depth - 1) + "</ul>")
    return "".join(parts)


def _passages_by_pair(passages: pl.DataFrame | pl.LazyFrame, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    if not pairs:
        return {}
    keys = sorted(pairs)
    want = pl.DataFrame({"doc_a": [a for a, _ in keys] + [b for _, b in keys],
                         "doc_b": [b for _, b in keys] + [a for a, _ in keys]})
    lf = passages.lazy() if isinstance(passages, pl.DataFrame) else passages
    rows = (lf.select("doc_a", "doc_b", "passage", "score", "text_a", "text_b")
            .join(want.lazy(), on=["doc_a", "doc_b"], how="semi")
            .sort("doc_a", "doc_b", "passage").collect().to_dicts())
    out: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        out[tuple(sorted((r["doc_a"], r["doc_b"])))].append(r)  # type: ignore[index]
    return out


def report_html(graph: dict[str, Any], passages: pl.DataFrame | pl.LazyFrame, config: ReportConfig = ReportConfig(),
                title: str = "provenance report") -> str:
    """The trace as one HTML page (see the module doc). ``passages`` is the passages table.

    >>> g = {"nodes": [{"id": "a", "kind": "document"}, {"id": "b", "kind": "document"}],
    ...      "edges": [{"source": "a", "target": "b", "relation": "excerpt", "directed": True,
    ...                 "confidence": 0.9, "similarity": 1.0, "aligned_sentences": 1, "evidence": ["b is shorter"]}]}
    >>> p = pl.DataFrame({"doc_a": ["a"], "doc_b": ["b"], "passage": [0], "score": [100.0],
    ...                   "text_a": ["Le texte."], "text_b": ["Le texte."]})
    >>> page = report_html(g, p)
    >>> "a → b" in page and "b is shorter" in page and "1 shared passage:" in page
    True
    """
    nodes = {str(n["id"]): n for n in graph.get("nodes", [])}
    deriv = [e for e in graph.get("edges", []) if e["relation"] in SOURCE_EDGES]
    other = [e for e in graph.get("edges", []) if e["relation"] not in SOURCE_EDGES]
    families = graph_families(graph)
    fam_of = {n: k for k, ms in enumerate(families) for n in ms}
    by_family: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for e in deriv:
        by_family[fam_of[str(e["source"])]].append(e)

    shown = families[: config.max_families]
    text_pairs: set[tuple[str, str]] = set()
    for k in range(len(shown)):
        for e in by_family[k]:
            s, t = str(e["source"]), str(e["target"])
            if len(text_pairs) < config.max_edges_with_text and s in nodes and t in nodes \
                    and nodes[s].get("kind") != "latent" and nodes[t].get("kind") != "latent":
                text_pairs.add((min(s, t), max(s, t)))
    texts = _passages_by_pair(passages, text_pairs)

    counts: dict[str, int] = defaultdict(int)
    for e in graph.get("edges", []):
        counts[e["relation"]] += 1
    n_docs = sum(1 for n in nodes.values() if n.get("kind") != "latent")
    out = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
           f"<style>{_CSS}</style></head><body><h1>{html.escape(title)}</h1>",
           f"<p>{n_docs} documents; {len(families)} families of copies; edges: "
           + html.escape(", ".join(f"{r} {c}" for r, c in sorted(counts.items()))) + ".</p>"]
    if len(families) > len(shown):
        which = "The largest family is" if len(shown) == 1 else f"The {len(shown)} largest families are"
        out.append(f"<p>{which} shown; graph.json holds all {len(families)}.</p>")

    def dates_key(n: str) -> tuple[str, str]:
        return (str(nodes.get(n, {}).get("date") or "9999"), n)

    toc_at = len(out)
    out.append("")
    toc: list[str] = []
    for k, ms in enumerate(shown):
        edges = sorted(by_family[k], key=lambda e: (str(e["source"]), str(e["target"]), e["relation"]))
        children: dict[str, list[dict[str, Any]]] = defaultdict(list)
        has_parent = set()
        for e in edges:
            if e["directed"]:
                children[str(e["source"])].append(e)
                has_parent.add(str(e["target"]))
        roots = sorted((m for m in ms if m not in has_parent), key=dates_key)
        outside = sum(1 for m in ms if nodes.get(m, {}).get("kind") == "latent")
        size = f"{len(ms) - outside} document{'s' if len(ms) - outside != 1 else ''}" + (
            f" and {outside} source{'s' if outside != 1 else ''} outside the corpus" if outside else "")
        out.append(f'<h2 id="family-{k + 1}">Family {k + 1}: {size}</h2>')
        first = nodes.get(roots[0], {}) if roots else {}
        name = first.get("label") or (roots[0] if roots else ms[0])
        toc.append(f'<li><a href="#family-{k + 1}">{size}</a>: {html.escape(str(name))}</li>')

        def item(e: dict[str, Any]) -> str:
            s, c = str(e["source"]), str(e["target"])
            return _edge_html(e, s, c, texts.get((min(s, c), max(s, c))), config) + _node_html(nodes.get(c), c)

        for r in roots:
            out.append(f"<div>{_node_html(nodes.get(r), r)}"
                       f"{_tree_html(r, children, lambda e: dates_key(str(e['target'])), item)}</div>")
        loose = [e for e in edges if not e["directed"]]
        if loose:
            out.append("<p>Linked without a direction (the evidence does not say who copied whom):</p><ul>")
            for e in loose:
                s, t = str(e["source"]), str(e["target"])
                out.append(f"<li>{_edge_html(e, s, t, texts.get((min(s, t), max(s, t))), config)}</li>")
            out.append("</ul>")
    if toc:
        out[toc_at] = f'<ol class="toc">{"".join(toc)}</ol>'
    if other:
        kinds = defaultdict(int)
        for e in other:
            kinds[e["relation"]] += 1
        out.append("<h2>Other links</h2><p>Pairs that share furniture, a template or a topic but no copied text: "
                   + html.escape(", ".join(f"{r} {c}" for r, c in sorted(kinds.items())))
                   + " (listed in graph.json and the pairs table).</p>")
    out.append("</body></html>\n")
    return "\n".join(out)
