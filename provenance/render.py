"""Stage 10a: draw the graph as DOT and SVG (graphviz).

Derivation edges are solid and labelled with their relation; non-derivation edges
(shared boilerplate, same story) are dashed and grey; latent nodes are dashed ellipses.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from typing import Any

from .errors import MissingDependencyError
from .relation import SOURCE_EDGES

DOT_INSTALL_HINT = (
    "the graphviz 'dot' program is not installed; install it with "
    "'sudo apt-get install graphviz' (Debian/Ubuntu) or 'brew install graphviz' (macOS), "
    "then render with: dot -Tsvg graph.dot -o graph.svg"
)


@dataclass(frozen=True)
class RenderConfig:
    max_label_chars: int = 48
    rankdir: str = "LR"


def _q(s: object) -> str:
    """A DOT double-quoted string: quotes, backslashes and newlines escaped."""
    text = str(s).replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r").replace("\n", "\\n")
    return f'"{text}"'


def _short(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def to_dot(graph: dict[str, Any], config: RenderConfig = RenderConfig()) -> str:
    """DOT source for a graph.json structure.

    >>> g = {"nodes": [{"id": 'a"<b', "kind": "document", "label": 'x"<y', "date": None,
    ...                 "machine_translated": False}], "edges": []}
    >>> '"a\\\\"<b"' in to_dot(g)
    True
    """
    lines = [
        "digraph provenance {",
        f"  rankdir={config.rankdir};",
        '  node [shape=box, style="rounded", fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    for n in graph["nodes"]:
        label = _short(str(n.get("label") or n["id"]), config.max_label_chars)
        if label != n["id"]:
            label = f"{_short(n['id'], config.max_label_chars)}\n{label}"
        extra = []
        if n.get("date"):
            label += f"\n{n['date']}"
        if n.get("machine_translated"):
            label += f"\nmachine-translated{' from ' + n['source_language'] if n.get('source_language') else ''}"
        if n["kind"] == "latent":
            extra.append('shape=ellipse, style="dashed", color="gray40", fontcolor="gray30"')
        attrs = ", ".join([f"label={_q(label)}", f"tooltip={_q(n['id'])}", *extra])
        lines.append(f"  {_q(n['id'])} [{attrs}];")
    for e in graph["edges"]:
        deriv = e["relation"] in SOURCE_EDGES
        label = e["relation"]
        if e.get("confidence") is not None and e["directed"]:
            label += f"\n{e['confidence']:.2f}"
        attrs = [f"label={_q(label)}", f"tooltip={_q('; '.join(e.get('evidence') or []))}"]
        if not deriv:
            attrs.append('style="dashed", color="gray55", fontcolor="gray40"')
        if not e["directed"]:
            attrs.append("dir=none")
        lines.append(f"  {_q(e['source'])} -> {_q(e['target'])} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def dot_available() -> bool:
    return shutil.which("dot") is not None


def to_svg(dot_source: str, *, timeout: float = 120.0) -> bytes:
    """Render DOT to SVG with the graphviz ``dot`` program.

    Raises MissingDependencyError with the install command when ``dot`` is absent.
    """
    exe = shutil.which("dot")
    if exe is None:
        raise MissingDependencyError(DOT_INSTALL_HINT)
    proc = subprocess.run([exe, "-Tsvg"], input=dot_source.encode("utf-8"), capture_output=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        raise MissingDependencyError(f"dot failed: {proc.stderr.decode('utf-8', 'replace').strip()}")
    return proc.stdout


# GraphML attributes: (graph.json field, GraphML type); lists are joined with " | ".
_GRAPHML_NODE = (("kind", "string"), ("label", "string"), ("date", "string"), ("lang", "string"),
                 ("source", "string"), ("machine_translated", "boolean"), ("source_language", "string"))
_GRAPHML_EDGE = (("relation", "string"), ("directed", "boolean"), ("confidence", "double"),
                 ("similarity", "double"), ("aligned_sentences", "int"), ("parent_confidence", "double"),
                 ("alternatives", "string"), ("evidence", "string"))
# Characters XML 1.0 cannot hold at all (C0 controls but tab, newline and carriage return).
_XML_ILLEGAL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))
# Tab, newline and carriage return as character references: a parser turns them into spaces
# in an attribute (an id "a\nb" would read back as "a b") and a carriage return into a newline.
_XML_BLANKS = {"\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}
_XML_TABLE = {**_XML_ILLEGAL, ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;",
              **{ord(c): ref for c, ref in _XML_BLANKS.items()}}
_XML_SPECIAL = re.compile('[&<>"\t\n\r' + "".join(map(chr, _XML_ILLEGAL)) + "]")


def _xml(value: object) -> str:
    # Most values (ids, numbers, relations) hold nothing to escape: one search instead of a
    # translation each (the GraphML of a 36k-document graph took twice as long).
    text = str(value)
    return text.translate(_XML_TABLE) if _XML_SPECIAL.search(text) else text


def _xml_reference(value: object) -> str:
    """:func:`_xml` by the standard library's escaping: the tests' oracle."""
    from xml.sax.saxutils import escape

    return escape(str(value).translate(_XML_ILLEGAL), {'"': "&quot;", **_XML_BLANKS})


def _graphml_value(value: object, kind: str) -> str | None:
    if value is None or value == []:
        return None
    if kind == "boolean":
        return "true" if value else "false"
    if isinstance(value, list):
        return " | ".join(map(str, value))
    return str(value)


def to_graphml(graph: dict[str, Any]) -> str:
    """GraphML for a graph.json structure, for Gephi, Cytoscape, yEd, igraph or networkx. Every
    edge is written parent → child as in graph.json; ``directed`` says whether the direction is
    known. Empty fields are left out.

    >>> g = {"nodes": [{"id": "a<1>", "kind": "document"}, {"id": "b", "kind": "document"}],
    ...      "edges": [{"source": "a<1>", "target": "b", "relation": "excerpt", "directed": True}]}
    >>> '<edge id="e0" source="a&lt;1&gt;" target="b">' in to_graphml(g)
    True
    """
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">']
    for scope, fields in (("node", _GRAPHML_NODE), ("edge", _GRAPHML_EDGE)):
        out += [f'  <key id="{scope[0]}_{name}" for="{scope}" attr.name="{name}" attr.type="{kind}"/>'
                for name, kind in fields]
    out.append('  <graph id="provenance" edgedefault="directed">')
    for n in graph.get("nodes", []):
        out += [f'    <node id="{_xml(n["id"])}">', *_graphml_data(n, "node", _GRAPHML_NODE), "    </node>"]
    for k, e in enumerate(graph.get("edges", [])):
        out += [f'    <edge id="e{k}" source="{_xml(e["source"])}" target="{_xml(e["target"])}">',
                *_graphml_data(e, "edge", _GRAPHML_EDGE), "    </edge>"]
    out += ["  </graph>", "</graphml>", ""]
    return "\n".join(out)


def _graphml_data(item: dict[str, Any], scope: str, fields: tuple[tuple[str, str], ...]) -> list[str]:
    values = ((name, _graphml_value(item.get(name), kind)) for name, kind in fields)
    return [f'      <data key="{scope[0]}_{name}">{_xml(v)}</data>' for name, v in values if v is not None]
