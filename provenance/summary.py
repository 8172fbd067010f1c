"""A readable account of a trace for the terminal."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .pipeline import TraceResult
from .relation import DERIVATION


def summarise(res: TraceResult, *, out: str | None = None, svg_note: str | None = None, max_edges: int = 50) -> str:
    """Plain-text summary: documents read and skipped, edges by relation, evidence, file paths."""
    g: dict[str, Any] = res.graph
    lines = [f"Read {len(res.documents)} documents" + (f", skipped {len(res.skipped)}:" if res.skipped else ".")]
    for f, why in res.skipped:
        lines.append(f"  skipped {f}: {why}")
    mt = [n for n in g["nodes"] if n.get("machine_translated")]
    for n in mt:
        src = f" from {n['source_language']}" if n.get("source_language") else ""
        lines.append(f"  {n['id']} is machine-translated{src}")
    by_rel = Counter(e["relation"] for e in g["edges"])
    lines.append(
        f"{res.candidates} candidate pairs, {len(res.pairs)} confirmed; graph edges: "
        + (", ".join(f"{k} {v}" for k, v in sorted(by_rel.items())) or "none")
    )
    deriv = [e for e in g["edges"] if e["relation"] in DERIVATION]
    other = [e for e in g["edges"] if e["relation"] not in DERIVATION]
    for title, group in (("Derivations", deriv), ("Other links (not derivations)", other)):
        if not group:
            continue
        lines.append(f"{title}:")
        for e in group[:max_edges]:
            arrow = "->" if e["directed"] else "--"
            conf = f" confidence {e['confidence']:.2f}" if e["directed"] and e.get("confidence") is not None else ""
            # Only where the parent is in doubt (a rival explains the copy as well, say).
            if e["directed"] and e.get("parent_confidence") is not None and e["parent_confidence"] < 0.8:
                conf += f" (this very parent {e['parent_confidence']:.2f})"
            sim = f", similarity {e['similarity']:.2f}" if e.get("similarity") is not None else ""
            alt = f" (or {', '.join(e['alternatives'])})" if e.get("alternatives") else ""
            lines.append(f"  {e['source']}{alt} {arrow} {e['target']}  {e['relation']}{conf}{sim}, "
                         f"{e['aligned_sentences']} aligned sentences")
            for ev in e.get("evidence") or []:
                lines.append(f"      - {ev}")
        if len(group) > max_edges:
            lines.append(f"  … and {len(group) - max_edges} more (see graph.json)")
    if out:
        if svg_note:
            lines.append(f"Wrote {out}/graph.json and graph.dot (no SVG: {svg_note})")
        else:
            lines.append(f"Graph: {out}/graph.svg  (also graph.json, graph.dot, pairs, alignments, passages, documents)")
    return "\n".join(lines) + "\n"
