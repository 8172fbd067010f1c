"""Stage 10b: write the outputs of a trace (see README, "Output files").

Everything is written into a fresh temporary folder beside ``OUTDIR`` and moved into place at
the end, so an interrupted or failed run never leaves a half-written output folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from typing import Any

import polars as pl

from . import __version__
from .errors import ProvenanceError
from .furniture import placed_on_sites
from .model import input_text
from .passages import Passage, passages
from .pipeline import TraceResult, relation_note
from .relation import DERIVATION, SOURCE_EDGES
from .render import DOT_INSTALL_HINT, dot_available, to_dot, to_graphml, to_svg

FORMATS = ("parquet", "jsonl", "csv")
CACHE_DIR = ".cache"
"""Stage caches live inside the output folder and survive its replacement."""
OUR_FILES = ("graph.json", "graph.dot", "graph.graphml", "graph.svg", "manifest.json", "summary.txt")


@dataclass(frozen=True)
class ExportConfig:
    format: str = "parquet"
    svg: bool = True
    report: bool = True
    """Write ``report.html`` (``provenance.report``)."""


DUPLICATES = ("duplicate", "near_duplicate")


def document_places(graph: dict[str, Any]) -> dict[str, tuple[int, list[str], str | None]]:
    """Each document node of ``graph`` in a family of copies: ``(family, parents, duplicate_of)``.

    ``family`` numbers the families as the report does (1 = the largest, :func:`summary.families`);
    ``parents`` are the sources of its directed derivation edges (latent nodes included);
    ``duplicate_of`` names the copy to keep of its group of duplicates and near-duplicates (the
    documents joined by such edges): among the group's members with no parent inside the group,
    the earliest dated, then the first id; None for that document itself.

    >>> g = {"nodes": [{"id": i, "kind": "document", "date": d} for i, d in (("a", None), ("b", "2020-01-02"), ("c", "2020-01-01"))],
    ...      "edges": [{"source": "c", "target": "b", "relation": "duplicate", "directed": True},
    ...                {"source": "b", "target": "a", "relation": "excerpt", "directed": True}]}
    >>> document_places(g)["b"], document_places(g)["c"]
    ((1, ['c'], 'c'), (1, [], None))
    """
    from .summary import families
    from .unionfind import components

    nodes = {str(n["id"]): n for n in graph.get("nodes", [])}
    family = {n: k for k, ms in enumerate(families(graph), 1) for n in ms}
    parents: dict[str, list[str]] = {}
    for e in graph.get("edges", []):
        if e["relation"] in SOURCE_EDGES and e["directed"]:
            parents.setdefault(str(e["target"]), []).append(str(e["source"]))
    groups: dict[str, list[str]] = {}
    dup = [(str(e["source"]), str(e["target"])) for e in graph.get("edges", []) if e["relation"] in DUPLICATES]
    for n, root in components(dup).items():
        groups.setdefault(root, []).append(n)
    keep: dict[str, str] = {}
    for ms in groups.values():
        inside = set(ms)
        first = [m for m in ms if not inside & set(parents.get(m, ()))] or ms
        keeper = min(first, key=lambda m: (nodes.get(m, {}).get("date") or "9999", m))
        keep.update((m, keeper) for m in ms)
    return {n: (k, sorted(parents.get(n, [])), keep[n] if keep.get(n, n) != n else None)
            for n, k in family.items() if nodes.get(n, {}).get("kind", "document") == "document"}


def documents_table(res: TraceResult) -> pl.DataFrame:
    """One row per document: metadata as read or recovered, sentence counts, and its place in
    the graph (:func:`document_places`)."""
    rows = []
    extra_keys = sorted({k for d in res.documents for k in d.extra})
    found = document_places(res.graph)
    for d, segs in zip(res.documents, res.segments, strict=True):
        fam, parents, dup_of = found.get(d.id, (None, [], None))
        row: dict[str, Any] = {
            "id": d.id, "title": d.title, "date": d.date, "date_origin": d.date_origin, "lang": d.lang,
            "source": d.source, "site": d.site, "url": d.url, "canonical": d.canonical,
            "machine_translated": d.machine_translated,
            "source_language": d.source_language, "wire_header": d.wire_header, "flattened": d.flattened,
            "sentences": len(segs), "furniture_sentences": sum(1 for s in segs if s.furniture),
            "chars": len(d.text), "family": fam, "parents": parents, "duplicate_of": dup_of,
        }
        for k in extra_keys:
            v = d.extra.get(k)
            row[f"extra_{k}" if k in row else k] = v if v is None or isinstance(v, str) else json.dumps(v, ensure_ascii=False, sort_keys=True)
        rows.append(row)
    named = {f"extra_{k}" if k in DOCUMENT_COLUMNS else k: pl.Utf8 for k in extra_keys}
    return pl.DataFrame(rows, schema_overrides={**named, "site": pl.Utf8, "canonical": pl.Utf8, **PLACE_SCHEMA}, infer_schema_length=None)


PLACE_SCHEMA = {"family": pl.Int64, "parents": pl.List(pl.Utf8), "duplicate_of": pl.Utf8}
DOCUMENT_COLUMNS = ("id", "title", "date", "date_origin", "lang", "source", "site", "url", "canonical", "machine_translated", "source_language",
                    "wire_header", "flattened", "sentences", "furniture_sentences", "chars", *PLACE_SCHEMA)
"""The documents table's own columns; an input field of the same name is written as ``extra_<name>``."""


PAIR_SCHEMA = {
    "doc_a": pl.Utf8, "doc_b": pl.Utf8, "relation": pl.Utf8, "derivation": pl.Boolean,
    "directed": pl.Boolean, "parent": pl.Utf8, "child": pl.Utf8, "confidence": pl.Float64,
    "logodds": pl.Float64, "similarity": pl.Float64, "aligned_sentences": pl.Int64,
    "furniture_links": pl.Int64, "template_links": pl.Int64, "quote_links": pl.Int64, "coverage_a": pl.Float64, "coverage_b": pl.Float64,
    "overlap": pl.Float64, "phrase_a": pl.Float64, "phrase_b": pl.Float64, "lsh_hits": pl.Int64,
    "in_graph": pl.Boolean, "evidence": pl.List(pl.Utf8),
}


def pairs_table(res: TraceResult) -> pl.DataFrame:
    """One row per confirmed pair (any relation), whether or not the graph kept it."""
    in_graph = {(e["source"], e["target"]) for e in res.graph["edges"]}
    rows = []
    for p in res.pairs:
        a, b = res.documents[p.a].id, res.documents[p.b].id
        d = p.direction
        parent = child = None
        if d is not None and d.parent is not None:
            parent, child = (a, b) if d.parent == "a" else (b, a)
        f = p.features
        rows.append({
            "doc_a": a, "doc_b": b, "relation": p.relation, "derivation": p.relation in DERIVATION,
            "directed": parent is not None, "parent": parent, "child": child,
            "confidence": d.confidence if d else None, "logodds": d.logodds if d else None,
            "similarity": round(f.similarity, 4), "aligned_sentences": f.links,
            "furniture_links": f.furniture_links, "template_links": f.template_links, "quote_links": f.quote_links,
            "coverage_a": round(f.coverage_a, 4),
            "coverage_b": round(f.coverage_b, 4), "overlap": round(f.overlap, 4),
            "phrase_a": round(f.phrase_a, 4), "phrase_b": round(f.phrase_b, 4), "lsh_hits": p.hits,
            "in_graph": (a, b) in in_graph or (b, a) in in_graph,
            "evidence": list(d.marked(d.parent)) if d else list(relation_note(p)),
        })
    return pl.DataFrame(rows, schema=PAIR_SCHEMA)


ALIGN_SCHEMA = {
    "doc_a": pl.Utf8, "doc_b": pl.Utf8, "kind": pl.Utf8, "sent_a": pl.Int64, "sent_b": pl.Int64,
    "n_a": pl.Int64, "n_b": pl.Int64, "start_a": pl.Int64, "end_a": pl.Int64, "start_b": pl.Int64,
    "end_b": pl.Int64, "score": pl.Float64, "text_a": pl.Utf8, "text_b": pl.Utf8,
}


def alignments_table(res: TraceResult) -> pl.DataFrame:
    """One row per aligned passage: sentence indices, character offsets, similarity and the
    two texts in the input's own characters (``model.input_text``)."""
    rows = []
    for p in res.pairs:
        da, db = res.documents[p.a], res.documents[p.b]
        sa, sb = res.segments[p.a], res.segments[p.b]
        for kind, links in (("content", p.alignment.content), ("furniture", p.alignment.furniture),
                            ("template", p.alignment.template), ("quote", p.alignment.quote)):
            for lk in links:
                s0, s1 = sa[lk.a[0]].start, sa[lk.a[-1]].end
                t0, t1 = sb[lk.b[0]].start, sb[lk.b[-1]].end
                rows.append({
                    "doc_a": da.id, "doc_b": db.id, "kind": kind, "sent_a": lk.a[0], "sent_b": lk.b[0],
                    "n_a": len(lk.a), "n_b": len(lk.b), "start_a": s0, "end_a": s1, "start_b": t0,
                    "end_b": t1, "score": round(lk.score, 2), "text_a": input_text(da, s0, s1),
                    "text_b": input_text(db, t0, t1),
                })
    return pl.DataFrame(rows, schema=ALIGN_SCHEMA)


PASSAGE_SCHEMA = {
    "doc_a": pl.Utf8, "doc_b": pl.Utf8, "passage": pl.Int64, "sent_a": pl.Int64, "sent_b": pl.Int64,
    "n_a": pl.Int64, "n_b": pl.Int64, "start_a": pl.Int64, "end_a": pl.Int64, "start_b": pl.Int64,
    "end_b": pl.Int64, "links": pl.Int64, "score": pl.Float64, "text_a": pl.Utf8, "text_b": pl.Utf8,
}


def _pair_passages(k: int, res: TraceResult) -> list[Passage]:
    p = res.pairs[k]
    return passages(p.alignment.content, res.segments[p.a], res.segments[p.b], res.documents[p.a].text,
                    res.documents[p.b].text)


def passages_table(res: TraceResult, engine: Any = None) -> pl.DataFrame:
    """One row per passage of shared text (content links merged, ends cut to the shared words),
    its two texts in the input's own characters (``model.input_text``).

    ``engine`` (optional) spreads the pairs over its workers; the rows do not depend on it.
    """
    each = partial(_pair_passages, res=res)
    ks = range(len(res.pairs))
    # Refining passage ends on words is per pair and was the longest single-core step of the
    # export; the local engine's workers get the result by fork and send back the few passages.
    return _passage_rows(res, engine.map(each, ks) if engine is not None else [each(k) for k in ks])


def _passage_rows(res: TraceResult, found_all: Sequence[Sequence[Passage]]) -> pl.DataFrame:
    rows = []
    for p, found in zip(res.pairs, found_all, strict=True):
        da, db = res.documents[p.a], res.documents[p.b]
        for k, x in enumerate(found):
            rows.append({
                "doc_a": da.id, "doc_b": db.id, "passage": k, "sent_a": x.sents_a[0], "sent_b": x.sents_b[0],
                "n_a": x.sents_a[1] - x.sents_a[0] + 1, "n_b": x.sents_b[1] - x.sents_b[0] + 1,
                "start_a": x.start_a, "end_a": x.end_a, "start_b": x.start_b, "end_b": x.end_b,
                "links": x.links, "score": x.score, "text_a": input_text(da, x.start_a, x.end_a),
                "text_b": input_text(db, x.start_b, x.end_b),
            })
    return pl.DataFrame(rows, schema=PASSAGE_SCHEMA)


def fingerprint(res: TraceResult) -> str:
    """SHA-256 over the documents' ids and texts, in input order."""
    h = hashlib.sha256()
    for d in res.documents:
        h.update(d.id.encode("utf-8", "surrogatepass") + b"\0")
        h.update(d.text.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()


def _write_table(df: pl.DataFrame, path: Path, fmt: str) -> str:
    name = f"{path}.{fmt}"
    if fmt == "parquet":
        df.write_parquet(name)
    elif fmt == "jsonl":
        df.write_ndjson(name)
    else:
        flat = df.with_columns(
            [pl.col(c).list.join(" | ") for c, t in df.schema.items() if isinstance(t, pl.List)]
        )
        flat.write_csv(name)
    return Path(name).name


def manifest(res: TraceResult, *, input_path: str, engine: str, files: list[str]) -> dict[str, Any]:
    """Version, resolved settings, input fingerprint, counts and timings."""
    rel: dict[str, int] = {}
    for p in res.pairs:
        rel[p.relation or ""] = rel.get(p.relation or "", 0) + 1
    return {
        "provenance_version": __version__,
        "input": input_path,
        "input_fingerprint": fingerprint(res),
        "engine": engine,
        "settings": asdict(res.config),
        "counts": {
            "documents": len(res.documents),
            "skipped": len(res.skipped),
            "sentences": sum(len(s) for s in res.segments),
            "furniture_sentences": sum(1 for ss in res.segments for s in ss if s.furniture),
            "candidate_pairs": res.candidates,
            "pairs": len(res.pairs),
            "pairs_by_relation": dict(sorted(rel.items())),
            "graph_nodes": len(res.graph["nodes"]),
            "graph_edges": len(res.graph["edges"]),
            **dict(zip(("documents_on_inferred_sites", "inferred_sites"), placed_on_sites(res.documents), strict=True)),
            "flattened_documents": sum(d.flattened for d in res.documents),
        },
        "skipped": [{"file": f, "reason": r} for f, r in res.skipped],
        "files": files,
        "timings_seconds": res.timings,
        "reused_cached_stages": res.reused,
    }


def check_creatable(folder: Path, what: str = "output folder") -> None:
    """Fail early, naming the path, when ``folder`` cannot be made: an ancestor is a file, or
    the nearest existing one is not writable."""
    if folder.exists():
        if not folder.is_dir():
            raise ProvenanceError(f"{folder}: exists and is not a folder; choose another {what}")
        return
    parent = folder.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise ProvenanceError(f"{folder}: cannot create the {what}: {parent} is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ProvenanceError(f"{folder}: cannot create the {what}: {parent} is not writable")


def check_outdir(out: Path) -> None:
    """Refuse an ``-o`` that cannot be made, or whose replacement would delete anything but an
    earlier provenance output (the files its manifest lists, hidden working folders)."""
    check_creatable(out, "output folder (-o)")
    if not out.is_dir():
        return
    entries = [e for e in out.iterdir() if e.name != CACHE_DIR]
    if entries and not (out / "manifest.json").exists():
        raise ProvenanceError(
            f"{out}: folder exists and does not hold a previous provenance output; "
            "choose an empty or new folder with -o, so nothing of yours is overwritten"
        )
    try:
        ours = set(json.loads((out / "manifest.json").read_text(encoding="utf-8")).get("files") or ())
    except (OSError, ValueError, AttributeError):
        ours = set()
    foreign = sorted(e.name for e in entries if e.name not in ours | {"manifest.json"} and not e.name.startswith("."))
    if foreign:
        shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise ProvenanceError(
            f"{out}: holds an earlier provenance output and also {shown}, which replacing it would "
            "delete; move them out or choose another folder with -o"
        )


def write_graph(graph: dict[str, Any], folder: Path, *, svg: bool = True) -> tuple[list[str], str | None]:
    """Write graph.json, graph.dot, graph.graphml and (with graphviz) graph.svg into ``folder``;
    returns the file names and, when the SVG could not be drawn, the install hint."""
    files = ["graph.json", "graph.dot", "graph.graphml"]
    (folder / "graph.json").write_text(json.dumps(graph, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    dot = to_dot(graph)
    (folder / "graph.dot").write_text(dot, encoding="utf-8")
    (folder / "graph.graphml").write_text(to_graphml(graph), encoding="utf-8")
    if not svg:
        return files, None
    if not dot_available():
        return files, DOT_INSTALL_HINT
    (folder / "graph.svg").write_bytes(to_svg(dot))
    return [*files, "graph.svg"], None


def temp_folder(out: Path) -> Path:
    """A new empty folder beside ``out`` to write its outputs into before :func:`publish`. Made
    as ``mkdir`` makes a folder (its mode is 0777 less the umask), not as ``tempfile.mkdtemp``
    does (0700): the output folder is this one renamed, and on a shared server colleagues
    and a web server read it.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path((tmp := tempfile.TemporaryDirectory()).name)
    >>> temp_folder(d / "out").name.startswith(".out.tmp-")
    True
    >>> tmp.cleanup()
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    while True:
        tmp = out.parent / f".{out.name}.tmp-{secrets.token_hex(4)}"
        try:
            tmp.mkdir()
        except FileExistsError:
            continue
        return tmp


def publish(tmp: Path, out: Path) -> None:
    """Replace ``out`` by the finished folder ``tmp`` in one rename, carrying over the stage caches
    of ``out``, so a failed run never leaves half-written outputs."""
    if (out / CACHE_DIR).is_dir():
        (out / CACHE_DIR).rename(tmp / CACHE_DIR)
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        out.rename(old)
        tmp.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        tmp.rename(out)


def write_report(graph: dict[str, Any], passages: Any, folder: Path) -> str:
    """Write ``report.html`` into ``folder`` from the graph and the passages table (a polars
    DataFrame or LazyFrame); returns the file name."""
    from .report import report_html

    (folder / "report.html").write_text(report_html(graph, passages), encoding="utf-8")
    return "report.html"


def write_outputs(res: TraceResult, out: str | Path, *, input_path: str = "", engine: str = "local",
                  config: ExportConfig = ExportConfig(), summary: str | None = None,
                  workers: int | None = None) -> dict[str, Any]:
    """Write all outputs into ``out`` atomically; returns the manifest.

    Returns the manifest, with ``svg_note`` set when the SVG could not be drawn. ``workers``
    local processes (default: one per core) share the passage refinement.
    """
    from .engines.local import LocalEngine

    if config.format not in FORMATS:
        raise ProvenanceError(f"unknown format {config.format!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    check_outdir(out)
    tmp = temp_folder(out)
    try:

        def graph_and_tables() -> tuple[list[str], str | None]:
            names, note = write_graph(res.graph, tmp, svg=config.svg)
            for name, df in (("documents", documents_table(res)), ("pairs", pairs_table(res)),
                             ("alignments", alignments_table(res))):
                names.append(_write_table(df, tmp / name, config.format))
            return names, note

        # The workers refine the passages while this process writes everything else.
        found, (files, svg_note) = LocalEngine(workers).map_beside(partial(_pair_passages, res=res), range(len(res.pairs)),
                                                                   graph_and_tables)
        passages = _passage_rows(res, found)
        files.append(_write_table(passages, tmp / "passages", config.format))
        if config.report:
            files.append(write_report(res.graph, passages, tmp))
        if summary is not None:
            (tmp / "summary.txt").write_text(summary, encoding="utf-8")
            files.append("summary.txt")
        man = manifest(res, input_path=input_path, engine=engine, files=sorted(files + ["manifest.json"]))
        (tmp / "manifest.json").write_text(json.dumps(man, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
        publish(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if svg_note:
        man["svg_note"] = svg_note
    return man
