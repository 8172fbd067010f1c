"""A readable account of a trace for the terminal."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from .furniture import placed_on_sites
from .model import Document, count
from .pipeline import TraceResult
from .relation import SOURCE_EDGES
from .unionfind import components


def parent_in_doubt(edge: dict[str, Any], below: float = 0.8) -> bool:
    """Whether a graph edge's parent is in doubt: other documents of the family could have been
    the one copied (its ``parent_confidence`` falls short of its direction's ``confidence``),
    and the parent's probability is under ``below``.

    >>> parent_in_doubt({"directed": True, "confidence": 0.9, "parent_confidence": 0.5})
    True
    >>> parent_in_doubt({"directed": True, "confidence": 0.73, "parent_confidence": 0.73})
    False
    """
    pc, c = edge.get("parent_confidence"), edge.get("confidence")
    return bool(edge.get("directed")) and pc is not None and c is not None and pc < below and pc < c - 0.01

def families(graph: dict[str, Any]) -> list[list[str]]:
    """The families of copies of a graph: the nodes each joined by edges that say where a text
    came from (``SOURCE_EDGES``), each sorted, largest first (then by first id). The report's
    "Family 1" is the first.

    >>> families({"edges": [{"source": "b", "target": "c", "relation": "excerpt"},
    ...                     {"source": "x", "target": "y", "relation": "same_story"}]})
    [['b', 'c']]
    """
    members: dict[str, list[str]] = {}
    links = ((str(e["source"]), str(e["target"])) for e in graph.get("edges", []) if e["relation"] in SOURCE_EDGES)
    for n, root in components(links).items():
        members.setdefault(root, []).append(n)
    return sorted((sorted(ms) for ms in members.values()), key=lambda ms: (-len(ms), ms[0]))


def _overview(g: dict[str, Any], deriv: list[dict[str, Any]], top: int) -> list[str]:
    """For a corpus too large to list: its largest families of copies and the documents copied
    most often, the questions a reader asks first."""
    has_parent = {str(e["target"]) for e in deriv if e["directed"]}
    children = Counter(str(e["source"]) for e in deriv if e["directed"])
    dates = {str(n["id"]): n.get("date") for n in g["nodes"]}
    titles = {str(n["id"]): n.get("label") for n in g["nodes"] if n.get("kind") == "document"}
    # A latent node's id strings its children's ids together; its label says what it is.
    latent = {str(n["id"]): str(n.get("label") or "an unseen source") for n in g["nodes"] if n.get("kind") == "latent"}
    fams = families(g)
    noun = "family" if len(fams) == 1 else "families"
    n_docs = sum(1 for ms in fams for m in ms if m not in latent)
    out = [f"{len(fams)} {noun} of copies ({count(n_docs, 'document')}); the largest:"]
    for ms in fams[:top]:
        # Documents with no traced parent, earliest first: where the family starts.
        roots = sorted((m for m in ms if m not in has_parent), key=lambda m: (dates.get(m) or "9999", m))
        shown = ", ".join(latent.get(r) or (f"{r} ({dates[r]})" if dates.get(r) else r) for r in roots[:3])
        more = f" and {len(roots) - 3} more" if len(roots) > 3 else ""
        title = next((titles[r] for r in roots if r in titles), None)
        title = f' "{title[:60]}{"…" if len(title) > 60 else ""}"' if title and title not in roots else ""
        unseen = sum(1 for m in ms if m in latent)
        size = count(len(ms) - unseen, "document") + (f" and {count(unseen, 'unseen source')}" if unseen else "")
        out.append(f"  {size}{title}; no traced parent: {shown}{more}")
    if children:
        out.append("Copied most often (direct copies):")
        for n, k in sorted(children.items(), key=lambda t: (-t[1], t[0]))[:top]:
            out.append(f"  {n}: {k}")
    return out


SKIPS_SHOWN = 10


def skip_lines(skipped: list[tuple[str, str]], limit: int = SKIPS_SHOWN) -> list[str]:
    """One line per skipped input, the first ``limit`` of them, then one line counting the rest
    by reason: a dump with thousands of empty records should not bury the summary.

    >>> skip_lines([("a.jsonl:1", "empty text"), ("a.jsonl:2", "empty text"), ("b.txt", "not UTF-8")], limit=1)
    ['skipped a.jsonl:1: empty text', 'skipped 2 more (1 empty text, 1 not UTF-8); all are listed in manifest.json']
    """
    lines = [f"skipped {f}: {why}" for f, why in skipped[:limit]]
    rest = skipped[limit:]
    if rest:
        # Reasons of files carry their own detail after a colon (pypdf's message, a line number).
        by = Counter(why.split(":")[0] for _, why in rest)
        counts = ", ".join(f"{n} {why}" for why, n in sorted(by.items(), key=lambda kv: (-kv[1], kv[0])))
        lines.append(f"skipped {len(rest)} more ({counts}); all are listed in manifest.json")
    return lines


DATES_SHOWN = 2


def unread_date_line(docs: Sequence[Document], limit: int = DATES_SHOWN) -> str | None:
    """The one warning for the documents whose given ``date`` could not be read
    (``Document.unread_date``): how many, the first ``limit`` (id and value), and how they are
    dated instead; None when every given date was read. A date that vanished without a word
    could reverse who copied whom.

    >>> docs = [Document("doc7", "t", unread_date="2022-13-01"), Document("doc9", "t", unread_date="0"),
    ...         Document("ok", "t", date="2022-01-02"), Document("doc12", "t", unread_date="x", date="2022-01")]
    >>> print(unread_date_line(docs))
    3 record(s) have a date that could not be read (doc7: '2022-13-01', doc9: '0', ...); 1 dated from its text or URL instead, the others traced undated
    """
    unread = [d for d in docs if d.unread_date is not None]
    if not unread:
        return None
    shown = ", ".join(f"{d.id}: {_clip(d.unread_date)!r}" for d in unread[:limit])
    more = ", ..." if len(unread) > limit else ""
    dated = sum(d.date is not None for d in unread)
    if not dated:
        fate = "they are traced undated"
    elif dated == len(unread):
        fate = "they are dated from their text or URL instead"
    else:
        fate = (f"{dated} dated from {'its' if dated == 1 else 'their'} text or URL instead, "
                f"the other{'s' if len(unread) - dated > 1 else ''} traced undated")
    return f"{len(unread)} record(s) have a date that could not be read ({shown}{more}); {fate}"


def _clip(value: str | None, width: int = 40) -> str:
    # A field may hold a paragraph by mistake: the warning stays one line.
    value = " ".join(str(value).split())
    return value if len(value) <= width else value[:width - 1] + "…"


def summarise(res: TraceResult, *, out: str | None = None, svg_note: str | None = None, max_edges: int = 50,
              report: bool = True) -> str:
    """Plain-text summary: documents read and skipped, edges by relation, evidence, file paths."""
    g: dict[str, Any] = res.graph
    lines = [f"Read {len(res.documents)} documents" + (f", skipped {len(res.skipped)}:" if res.skipped else ".")]
    lines.extend(f"  {line}" for line in skip_lines(res.skipped))
    flat = sum(d.flattened for d in res.documents)
    if flat:
        lines.append(f"  {flat} document{'s' if flat > 1 else ''} came flattened (one run-on paragraph): their sentences "
                     "were put on lines of their own (documents table: flattened)")
    placed, n = placed_on_sites(res.documents)
    if placed:
        lines.append(f"  {placed} documents given no source were placed on {n} site{'s' if n > 1 else ''} by their "
                     "furniture (documents table: site)")
    mt = [n for n in g["nodes"] if n.get("machine_translated")]
    for n in mt:
        src = f" from {n['source_language']}" if n.get("source_language") else ""
        lines.append(f"  {n['id']} is machine-translated{src}")
    by_rel = Counter(e["relation"] for e in g["edges"])
    lines.append(
        f"{res.candidates} candidate pairs, {len(res.pairs)} confirmed; graph edges: "
        + (", ".join(f"{k} {v}" for k, v in sorted(by_rel.items())) or "none")
    )
    # Of an excerpt pair, the side the other wholly holds: an edge from it to the other is a
    # text that the child expands (a brief grown into a story, a live blog's first version).
    ids = [d.id for d in res.documents]
    held = {frozenset((ids[p.a], ids[p.b])): ids[p.a] if p.features.coverage_a >= p.features.coverage_b else ids[p.b]
            for p in res.pairs if p.relation == "excerpt"}
    deriv = [e for e in g["edges"] if e["relation"] in SOURCE_EDGES]
    other = [e for e in g["edges"] if e["relation"] not in SOURCE_EDGES]
    if len(deriv) > max_edges:
        lines.extend(_overview(g, deriv, top=10))
    for title, group in (("Derivations", deriv), ("Other links (not derivations)", other)):
        if not group:
            continue
        lines.append(f"{title}:")
        for e in group[:max_edges]:
            arrow = "->" if e["directed"] else "--"
            conf = f" confidence {e['confidence']:.2f}" if e["directed"] and e.get("confidence") is not None else ""
            if parent_in_doubt(e):
                conf += f" (this parent rather than another {e['parent_confidence']:.2f})"
            sim = f", similarity {e['similarity']:.2f}" if e.get("similarity") is not None else ""
            alt = f" (or {', '.join(e['alternatives'])})" if e.get("alternatives") else ""
            # A latent source has no text to align with; a link that shares no text of the
            # articles (furniture, quoted speech) says what it shares in its evidence.
            aligned = "" if str(e["source"]).startswith("latent:") else f", {count(e['aligned_sentences'], 'aligned sentence')}"
            if not e.get("aligned_sentences") and e["relation"] not in SOURCE_EDGES:
                sim = aligned = ""
            rel = e["relation"]
            if rel == "excerpt" and e["directed"] and held.get(frozenset((str(e["source"]), str(e["target"])))) == e["source"]:
                rel = f"excerpt ({e['target']} expands {e['source']})"
            lines.append(f"  {e['source']}{alt} {arrow} {e['target']}  {rel}{conf}{sim}{aligned}")
            for ev in e.get("evidence") or []:
                lines.append(f"      - {ev}")
        if len(group) > max_edges:
            lines.append(f"  … and {len(group) - max_edges} more (see graph.json)")
    if out:
        if svg_note:
            lines.append(f"Wrote {out}/graph.json, graph.dot and graph.graphml (no SVG: {svg_note})")
        else:
            lines.append(f"Graph: {out}/graph.svg  (also graph.json, graph.dot, graph.graphml, pairs, alignments, passages, documents)")
        if report:
            lines.append(f"Report: {out}/report.html  (each family with its evidence and shared passages)")
    return "\n".join(lines) + "\n"
