"""Side-by-side view of two documents' aligned sentences."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from .errors import InputError
from .model import Document, input_text
from .pipeline import TraceConfig, compare_segments, prepare
from .relation import reuse_measures


def explain_pair(docs: Sequence[Document], id_a: str, id_b: str, config: TraceConfig | None = None, width: int = 60) -> str:
    """Aligned sentences of ``id_a`` and ``id_b`` side by side, with similarity scores.

    Furniture is computed over the whole corpus, as in ``trace``.
    """
    index = {d.id: i for i, d in enumerate(docs)}
    for x in (id_a, id_b):
        if x not in index:
            close = sorted(i for i in index if x in i or i in x)[:3]
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise InputError(f"no document with id {x!r}{hint}")
    from .engines import get_engine

    config = config or TraceConfig()
    segs = prepare(docs, config, get_engine("local"))
    a, b = index[id_a], index[id_b]
    p = compare_segments(a, b, docs[a], docs[b], segs[a], segs[b], config)
    f = p.features
    out = [
        f"{id_a}  vs  {id_b}",
        f"relation: {p.relation or 'unrelated'}; similarity {f.similarity:.2f}; "
        f"coverage {f.coverage_a:.0%} / {f.coverage_b:.0%}; {f.links} aligned sentences, {f.furniture_links} shared furniture"
        + (f", {f.template_links} filling one frame with other figures or names" if f.template_links else "")
        + (f", {f.quote_links} of quoted speech and nothing else" if f.quote_links else ""),
    ]
    if not (docs[a].lang and docs[b].lang and docs[a].lang != docs[b].lang):
        # Word-level reuse, which sentence alignment misses when every sentence was reworded.
        m = reuse_measures([s.norm for s in segs[a] if not s.furniture], [s.norm for s in segs[b] if not s.furniture])
        out.append(
            f"words: {m.tiled_a:.0%} / {m.tiled_b:.0%} in {m.tiles} shared runs of 3+ words (mean {m.mean_tile:.1f}); "
            f"{m.ordered:.0%} of {id_a}'s content words follow {id_b}'s order"
        )
    if p.direction is not None:
        d = p.direction
        who = {"a": f"{id_a} -> {id_b}", "b": f"{id_b} -> {id_a}", None: "unknown"}[d.parent]
        out.append(f"direction: {who} (confidence {d.confidence:.2f})")
        out.extend(f"  - {e}" for e in d.marked(d.parent))
    out.append("")
    for kind, links in (("", p.alignment.content), ("furniture ", p.alignment.furniture),
                        ("template ", p.alignment.template), ("quote ", p.alignment.quote)):
        for lk in links:
            # The input's own characters, not the line breaks a flattened text got at load.
            left = " ".join(input_text(docs[a], segs[a][i].start, segs[a][i].end) for i in lk.a)
            right = " ".join(input_text(docs[b], segs[b][j].start, segs[b][j].end) for j in lk.b)
            lw = textwrap.wrap(left, width) or [""]
            rw = textwrap.wrap(right, width) or [""]
            out.append(f"[{kind}{lk.score:5.1f}] sentences {list(lk.a)} ~ {list(lk.b)}")
            for k in range(max(len(lw), len(rw))):
                out.append(f"  {(lw[k] if k < len(lw) else ''):<{width}} | {rw[k] if k < len(rw) else ''}")
            out.append("")
    if not p.alignment.content and not p.alignment.furniture and not p.alignment.quote:
        out.append("No aligned sentences.")
    return "\n".join(out) + "\n"
