"""The trace of a corpus too large for memory: the same stages as ``pipeline.trace``, streamed
through partitions on disk.

``pipeline.trace`` holds every document, sentence and signature as Python objects; at a million
articles that is tens of gigabytes. Here the input is read in batches of documents (partitions),
and each stage keeps only what the next one needs, on disk, in a work folder:

1. **read, segment, furniture** (per partition): ``load.to_document``, then the steps of
   ``pipeline.prepare_one`` (segmentation and per-document furniture), one engine task per
   ``PartitionConfig.task_docs`` records; a task sends back its documents' metadata and two
   Arrow tables. A partition is written as two Arrow IPC files, ``docs`` (metadata and text)
   and ``segs`` (one row per sentence: document, index, offsets, line, text, norm, furniture,
   language, word count, a 64-bit hash of the norm).
   Each document's distinct norm hashes are kept for the corpus-wide count.
2. **repeated furniture**: ``furniture.mark_repeated`` is corpus-wide, so it is split in two.
   The norms found in more than one document are counted from the hashes; then each partition
   yields, for its documents, exactly the ``(norm, document, at an edge, apart)`` occurrences
   that ``mark_repeated`` builds, for shared norms only (a norm of one document is never
   repeated furniture); the occurrences of all partitions are grouped by norm and decided by the
   same rule. The result equals ``mark_repeated`` on the whole corpus (norms are compared by a
   64-bit hash: two different sentences colliding is a 1-in-10^5 event at 30M norms).
3. **signatures** (per partition): the indexed sentences of ``pipeline.index_units``, signed
   by ``minhash.signatures``, appended to a signature file; their band keys
   (``lsh.band_keys``) are appended to one file per band.
4. **candidates**: band by band, ``lsh.candidate_pairs`` on one band's keys (what the in-memory
   call does for every band), merged; then ``pipeline.verify_candidates`` in chunks, each on the
   signatures of the documents its pairs name, gathered from the memory-mapped file. Shared long
   furniture pairs (``pipeline.furniture_pairs``) come from the hashes grouped by norm.
5. **compare**: candidate pairs in batches whose documents fit ``compare_docs``; a batch loads
   just those documents and sentences (memory-mapped Arrow, rows taken by index) and runs
   ``pipeline.compare_pairs`` on the engine. Only pairs with a relation are kept; their aligned
   passages are written to disk at once.
6. **graph and outputs**: ``graph.build_graph`` on document metadata (no text) and the kept
   pairs; the output files are those of ``export.write_outputs``, the documents and alignments
   tables written partition by partition.

The cross-language candidate search is not run: its pivot index scores every document against
all others, a quadratic step at this scale. Run with ``CrossLangConfig(enabled=False)`` (the CLI
does); a mixed-language corpus is then traced as ``pipeline.trace`` with that setting traces it.
``tests/test_partitioned.py`` checks graph and pairs table equal ``pipeline.trace``'s.

>>> from provenance.partitioned import PartitionConfig
>>> PartitionConfig(docs=1000).docs
1000
"""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pyarrow as pa

from . import metadata as md
from .align import DocAlignment
from .crosslang import CrossLangConfig
from .errors import InputError, ProvenanceError
from .furniture import (
    FurnitureConfig,
    edge_occurrences,
    furniture_homes,
    placed_on_sites,
    scattered_lines,
    site_labels,
    without_one_story,
)
from .graph import PairEdge, build_graph
from .load import (
    LoadConfig,
    Strays,
    field_notes,
    ids_from_urls,
    iter_records,
    stray_lines,
    to_document,
)
from .lsh import LSHConfig, band_keys, candidate_pairs, oversize_pairs
from .minhash import signatures
from .model import Document, Segment, outlet
from .pipeline import (
    PairResult,
    TraceConfig,
    compare_pairs,
    hub_ranks,
    prepare_columns,
    to_pair_edges,
    verify_candidates,
    with_hub_pairs,
    with_new_pairs,
)
from .segment import SegmentConfig, cut_at, glue_cuts, glue_hashes, glue_search, norm_hash, words
from .summary import unread_date_line

__all__ = ["SINGLE_LANGUAGE", "PartitionConfig", "PartitionedResult", "trace_folder", "trace_partitioned", "write_partitioned"]

SINGLE_LANGUAGE = TraceConfig(crosslang=CrossLangConfig(enabled=False))
"""The default settings without the cross-language candidate search (see the module doc)."""

_NO_LINKS = DocAlignment((), ())

_DOC_FIELDS = ("id", "text", "date", "source", "url", "canonical", "title", "lang", "origin", "machine_translated",
               "source_language", "date_origin", "wire_header", "flattened", "input_breaks")


@dataclass(frozen=True)
class PartitionConfig:
    """Sizes of the pieces the partitioned trace works on.

    >>> PartitionConfig().docs
    20000
    """

    docs: int = 20_000
    """Documents per partition (read, segmented and signed together)."""
    compare_docs: int = 40_000
    """At most this many documents (with their sentences) are in memory to compare pairs."""
    verify_docs: int = 200_000
    """At most about this many documents' signatures are gathered to verify candidates."""
    band_workers: int = 2
    """Bands grouped into candidates at the same time (threads; each holds one band's keys)."""
    task_docs: int = 250
    """Records read and prepared by one engine task."""


@dataclass
class PartitionedResult:
    """What a partitioned trace produced; the shape ``export`` and ``summary`` read.

    ``documents`` carry metadata only (``text`` is empty): the texts stay in the work folder.
    ``pairs`` carry no alignment links (``alignment`` is empty): they are in the work folder's
    alignments tables, which :func:`write_partitioned` writes out.
    """

    documents: list[Document]
    pairs: list[PairResult]
    graph: dict[str, Any]
    config: TraceConfig
    timings: dict[str, float] = field(default_factory=dict)
    candidates: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    partitions: int = 0
    sentences: int = 0
    furniture_sentences: int = 0
    fingerprint: str = ""
    lsh_pairs: int = 0
    """Document pairs colliding in some band, before the signature check."""
    workdir: Path | None = None

    def pairs_table(self):  # type: ignore[no-untyped-def]
        """Pairs as a polars DataFrame, as ``TraceResult.pairs_table``."""
        from .export import pairs_table

        return pairs_table(self)  # type: ignore[arg-type]


# ------------------------------------------------------------------ work folder layout


class _Work:
    """Paths and per-partition bookkeeping of one run's work folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.starts: list[int] = [0]
        """First document index of each partition, and the total at the end."""
        self.seg_starts: list[np.ndarray] = []
        """Per partition: first sentence row of each document, and the row count at the end."""

    def docs(self, p: int) -> Path:
        return self.root / f"part-{p:05d}.docs.arrow"

    def segs(self, p: int) -> Path:
        return self.root / f"part-{p:05d}.segs.arrow"

    def repeated(self, p: int) -> Path:
        return self.root / f"part-{p:05d}.repeated.npy"

    def band(self, b: int) -> Path:
        return self.root / f"band-{b:03d}.u64"

    @property
    def parts(self) -> int:
        return len(self.starts) - 1

    def partition_of(self, docs: np.ndarray) -> np.ndarray:
        return np.searchsorted(np.asarray(self.starts), docs, side="right") - 1


def _write_ipc(table: pa.Table, path: Path) -> None:
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as w:
        w.write_table(table)


def _read_ipc(path: Path) -> pa.Table:
    # Memory-mapped: taking a few rows reads only their pages.
    return pa.ipc.open_file(pa.memory_map(str(path), "r")).read_all()


# ------------------------------------------------------------------ stage 1: read and prepare


def _iter_records(path: Path, config: LoadConfig, batch: int, strays: Strays | None = None,
                  ) -> Iterator[tuple[list[dict[str, Any]], list[tuple[str, str]]]]:
    # Streamed record by record (JSON Lines and web archives, alone or as a folder's shards);
    # a CSV or Parquet file is read whole, one shard at a time.
    skipped: list[tuple[str, str]] = []
    chunk: list[dict[str, Any]] = []
    records = iter_records(path, skipped, config.legacy_encoding, text_field=config.text_field, strays=strays)
    for rec in ids_from_urls(records, config):
        chunk.append(rec)
        if len(chunk) == batch:
            yield chunk, []
            chunk = []
    if chunk:
        yield chunk, []
    if skipped:
        yield [], skipped


def _map_stream(eng: Any, fn: Callable[[Any], Any], batches: Iterator[list[Any]], weight: int) -> Iterator[list[Any]]:
    """``eng.map_stream`` where the engine has one, else ``eng.map`` batch after batch."""
    stream = getattr(eng, "map_stream", None)
    if stream is not None:
        yield from stream(fn, batches, weight=weight)
        return
    for items in batches:
        yield eng.map(fn, items, weight=weight)


def _prepare_columns(doc: Document, seg_cfg: SegmentConfig, fur_cfg: FurnitureConfig) -> tuple[list[Any], ...]:
    # The partition's columns, with the word count and hash the later stages read.
    spans, texts, norms, reasons = prepare_columns(doc, seg_cfg, fur_cfg)
    return (
        list(range(len(spans))), [s for s, _, _ in spans], [e for _, e, _ in spans], [ln for _, _, ln in spans],
        texts, norms, reasons, [None] * len(spans),
        [len(words(n)) for n in norms], [norm_hash(n) if n else 0 for n in norms],
    )


_SEG_COLS = ("index", "start", "end", "line", "text", "norm", "furniture", "lang", "words", "hash")
_SEG_TYPES = (pa.int32(), pa.int64(), pa.int64(), pa.int32(), pa.large_string(), pa.large_string(), pa.string(),
              pa.string(), pa.int32(), pa.uint64())


def _docs_table(docs: Sequence[Document]) -> pa.Table:
    cols: dict[str, Any] = {f: [getattr(d, f) for d in docs] for f in _DOC_FIELDS}
    # Pickled so any value a reader produced (dates from Parquet, nested JSON) comes back as it was.
    cols["extra"] = [pickle.dumps(d.extra, protocol=5) if d.extra else None for d in docs]
    return pa.table({k: pa.array(v, type=pa.large_string() if k == "text" else None) for k, v in cols.items()})


def _to_ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as w:
        w.write_table(table)
    return sink.getvalue().to_pybytes()


def _from_ipc(data: bytes) -> pa.Table:
    return pa.ipc.open_stream(pa.py_buffer(data)).read_all()


@dataclass
class _Prepared:
    """What one engine task sends back for a batch of records: small things as objects, the
    documents' text and sentences as two Arrow tables in one buffer each (a few large objects
    instead of a dozen small ones per sentence, cheap to pickle and to write)."""

    meta: list[Document]
    """The documents that have text, with ``text`` (and ``input_breaks``) emptied."""
    skipped: list[tuple[str, str]]
    counts: np.ndarray
    """Sentences per document."""
    keyed: bytes
    """``id \\0 text \\0`` of every document, in order: the input fingerprint's bytes."""
    segs: bytes
    docs: bytes


def _read_batch(records: list[dict[str, Any]], load_cfg: LoadConfig, seg_cfg: SegmentConfig,
                fur_cfg: FurnitureConfig) -> _Prepared:
    # Reading, preparing and packing in one task sends each text to a worker once and only
    # packed buffers back. The document index only fills Segment.doc, which is not kept (the
    # partition writes its own column).
    docs: list[Document] = []
    skipped: list[tuple[str, str]] = []
    flat: list[list[Any]] = [[] for _ in _SEG_COLS]
    counts: list[int] = []
    for rec in records:
        doc = to_document(rec, load_cfg)
        if not doc.text.strip():
            skipped.append((doc.origin, "empty text"))
            continue
        cols = _prepare_columns(doc, seg_cfg, fur_cfg)
        docs.append(doc)
        counts.append(len(cols[0]))
        for acc, part in zip(flat, cols, strict=True):
            acc.extend(part)
    keyed = b"".join(d.id.encode("utf-8", "surrogatepass") + b"\0" + d.text.encode("utf-8", "surrogatepass") + b"\0"
                     for d in docs)
    segs_t = pa.table({name: pa.array(v, type=t) for name, v, t in zip(_SEG_COLS, flat, _SEG_TYPES, strict=True)})
    return _Prepared([replace(d, text="", input_breaks="") for d in docs], skipped, np.asarray(counts, dtype=np.int64), keyed,
                     _to_ipc(segs_t), _to_ipc(_docs_table(docs)))


def _doc_norms(doc_col: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    """Each document's distinct norm hashes, for the corpus-wide count: a norm counts once per
    document, as ``docs_of[norm]`` is a set of documents."""
    nonempty = hashes != 0
    dh, hh = doc_col[nonempty], hashes[nonempty]
    order = np.lexsort((hh, dh))
    dh, hh = dh[order], hh[order]
    first_of = np.ones(len(hh), dtype=bool)
    first_of[1:] = (hh[1:] != hh[:-1]) | (dh[1:] != dh[:-1])
    return hh[first_of]


_GLUE_KEYED_SHARE = 0.05
"""Above this share of flattened documents, ``_cut_glued`` hashes every sentence's end key."""


def _cut_glued(work: _Work, meta: Sequence[Document], doc_norms: list[np.ndarray], config: TraceConfig) -> int:
    """``pipeline.prepare``'s cuts of flattened texts (``segment.glue_cuts``), on the written
    partitions: the end keys come from the norms on disk, the texts of the documents to search
    are read back, and each partition holding a cut document is prepared again and rewritten.
    Returns how many sentences the cuts added."""
    cfg = config.segment
    # End keys are hashed here from the norms on disk; with few flattened documents it is
    # cheaper to search all their sentences than to hash every sentence of the corpus.
    keyed = sum(d.flattened for d in meta) > _GLUE_KEYED_SHARE * len(meta)
    parts: dict[str, list[np.ndarray]] = {"doc": [], "index": [], "end": [], "full": []}
    for p in range(work.parts):
        t = _read_ipc(work.segs(p))
        parts["doc"].append(t.column("doc").to_numpy())
        parts["index"].append(t.column("index").to_numpy().astype(np.int64))
        if keyed:
            parts["end"].append(np.asarray(glue_hashes(t.column("norm").to_pylist(), cfg)[0], dtype=np.uint64))
        parts["full"].append(t.column("hash").to_numpy())
        del t
    doc, index, full = (np.concatenate(parts[k]) for k in ("doc", "index", "full"))
    end = np.concatenate(parts["end"]) if keyed else None
    del parts
    flat = np.array([d.flattened for d in meta], dtype=bool)[doc]
    wanted = np.unique(doc[flat if end is None else glue_search(end, full, flat)])
    if not len(wanted):
        return 0
    texts: dict[int, str] = {}
    spans: dict[int, list[int]] = {}
    of = work.partition_of(wanted)
    for p in np.unique(of).tolist():
        local = wanted[of == p] - work.starts[p]
        dt = _read_ipc(work.docs(p)).take(pa.array(local)).column("text").to_pylist()
        st = work.seg_starts[p]
        t = _read_ipc(work.segs(p))
        for g, i, text in zip((local + work.starts[p]).tolist(), local.tolist(), dt, strict=True):
            texts[g] = text
            rows = t.slice(int(st[i]), int(st[i + 1] - st[i]))
            spans[g] = [x for row in zip(rows.column("start").to_pylist(), rows.column("end").to_pylist(),
                                         rows.column("line").to_pylist(), strict=True) for x in row]
        del t
    cuts = glue_cuts(texts, spans, (doc, index, end, full, flat), cfg)
    del doc, index, end, full, flat
    added = 0
    of = work.partition_of(np.array(sorted(cuts), dtype=np.int64))
    for p in np.unique(of).tolist():
        first = work.starts[p]
        docs_t = _read_ipc(work.docs(p))
        segs_t = _read_ipc(work.segs(p))
        st = work.seg_starts[p]
        pieces: list[pa.Table] = []
        counts = np.diff(st)
        for i, d in enumerate(_docs_from(docs_t)):
            blanks = cuts.get(first + i)
            if blanks is None:
                pieces.append(segs_t.slice(int(st[i]), int(counts[i])))
                continue
            cols = _prepare_columns(replace(d, text=cut_at(d.text, blanks)), cfg, config.furniture)
            piece = pa.table({name: pa.array(v, type=t) for name, v, t in zip(_SEG_COLS, cols, _SEG_TYPES, strict=True)})
            pieces.append(piece.add_column(0, "doc", pa.array(np.full(len(cols[0]), first + i, dtype=np.int64))))
            added += len(cols[0]) - int(counts[i])
            counts[i] = len(cols[0])
        table = pa.concat_tables(pieces).combine_chunks()
        # Written beside and renamed: the pieces kept may still read the mapped old file.
        tmp = work.segs(p).with_suffix(".tmp")
        _write_ipc(table, tmp)
        tmp.replace(work.segs(p))
        work.seg_starts[p] = np.concatenate([[0], np.cumsum(counts)])
        doc_norms[p] = _doc_norms(table.column("doc").to_numpy(), table.column("hash").to_numpy())
        del table, pieces, docs_t, segs_t
    return added


def _docs_from(table: pa.Table) -> list[Document]:
    out = []
    for row in table.to_pylist():
        extra = row.pop("extra")
        out.append(Document(**row, extra=pickle.loads(extra) if extra else {}))
    return out


# ------------------------------------------------------------------ stage 2: repeated furniture


def _pair_keys(first: np.ndarray, then: np.ndarray) -> np.ndarray:
    # An ordered pair of norm hashes as one 64-bit key: a bijection of ``then`` for each ``first``.
    rotated = (then << np.uint64(31)) | (then >> np.uint64(33))
    return (first * np.uint64(0x9E3779B97F4A7C15)) ^ rotated


def _shared_rows(doc: np.ndarray, shared: np.ndarray, step: int) -> tuple[np.ndarray, np.ndarray]:
    # The shared rows, and of them those ``step`` places after another of the same document.
    rows = np.flatnonzero(shared)
    d = doc[rows]
    return rows, np.flatnonzero(d[step:] == d[:-step]) + step


def _neighbour_keys(doc: np.ndarray, hashes: np.ndarray, shared: np.ndarray) -> np.ndarray:
    """For one partition's sentence rows (grouped by document, in order), each document's
    distinct ``furniture.neighbour_pairs`` of its shared sentences, as :func:`_pair_keys`."""
    keys, docs = [], []
    for step in (1, 2):
        rows, after = _shared_rows(doc, shared, step)
        h = hashes[rows]
        keys.append(_pair_keys(h[after - step], h[after]))
        docs.append(doc[rows][after])
    k, d = np.concatenate(keys), np.concatenate(docs)
    order = np.lexsort((k, d))
    k, d = k[order], d[order]
    distinct = np.ones(len(k), dtype=bool)
    distinct[1:] = (k[1:] != k[:-1]) | (d[1:] != d[:-1])
    return k[distinct]


def _continues(doc: np.ndarray, hashes: np.ndarray, shared: np.ndarray, carried: np.ndarray) -> np.ndarray:
    """``furniture.continued`` of one partition's sentence rows, ``carried`` being the sorted keys
    of pairs two documents carry."""
    out = np.ones(len(doc), dtype=bool)
    rows, after = _shared_rows(doc, shared, 1)
    h = hashes[rows]
    out[rows[after]] = _isin_sorted(_pair_keys(h[after - 1], h[after]), carried)
    return out


def _edge_occurrences(doc: np.ndarray, line: np.ndarray, words: np.ndarray, furn: np.ndarray, hashes: np.ndarray,
                      shared: np.ndarray, config: FurnitureConfig, continues: np.ndarray | None = None,
                      ) -> tuple[list[int], list[int], list[bool], list[bool], list[bool], list[bool]]:
    """For one partition's sentence rows, the occurrences ``mark_repeated`` collects in ``where``
    (first occurrence of each norm in a document), restricted to norms in ``shared``."""
    out_h: list[int] = []
    out_d: list[int] = []
    out_edge: list[bool] = []
    out_ok: list[bool] = []
    out_alone: list[bool] = []
    out_cut: list[bool] = []
    bounds = np.flatnonzero(np.diff(doc)) + 1
    starts = [0, *bounds.tolist()]
    ends = [*bounds.tolist(), len(doc)]
    doc_l, line_l, words_l, furn_l, hash_l, shared_l = (x.tolist() for x in (doc, line, words, furn, hashes, shared))
    cont_l = continues.tolist() if continues is not None else None
    for i, j in zip(starts, ends, strict=True):
        if i == j or not any(shared_l[i:j]):
            continue
        for k, at_edge, ok, alone, cut in edge_occurrences(line_l[i:j], words_l[i:j], furn_l[i:j], shared_l[i:j],
                                                           hash_l[i:j], config, None if cont_l is None else cont_l[i:j]):
            out_h.append(hash_l[i + k])
            out_d.append(doc_l[i + k])
            out_edge.append(at_edge)
            out_ok.append(ok)
            out_alone.append(alone)
            out_cut.append(cut)
    return out_h, out_d, out_edge, out_ok, out_alone, out_cut


def _repeated_norms(occ: dict[str, list[Any]], sources: Sequence[str | None],
                    config: FurnitureConfig) -> tuple[np.ndarray, np.ndarray]:
    """The norm hashes the edge rule of ``mark_repeated`` finds (before the one-story check),
    from all shared occurrences; and apart, those to be told by the stories their documents
    tell (``furniture.scattered_lines``): the others that are a short standalone line wherever
    they occur, and those the edge rule finds only where stretches of shared lines were cut."""
    import polars as pl

    if not occ["hash"]:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.uint64)
    df = pl.DataFrame({"hash": np.asarray(occ["hash"], dtype=np.uint64), "doc": np.asarray(occ["doc"], dtype=np.int64),
                       "edge": occ["edge"], "ok": occ["ok"], "alone": occ["alone"], "cut": occ["cut"]})
    src = pl.Series("source", [sources[d] or None for d in occ["doc"]], dtype=pl.Utf8)
    df = df.with_columns(src, plain=pl.col("ok") & ~pl.col("cut"))
    by_norm = df.group_by("hash").agg(pl.len().alias("n"), pl.col("edge").all().alias("all_edge"),
                                      pl.col("ok").sum().alias("counted"), pl.col("plain").sum().alias("counted_plain"),
                                      pl.col("alone").all().alias("all_alone"))

    def top_outlet(flag: str) -> pl.DataFrame:
        return (df.filter(pl.col(flag) & pl.col("source").is_not_null()).group_by("hash", "source")
                .agg(pl.len().alias("k")).group_by("hash").agg(pl.col("k").max().alias(f"outlet_{flag}")))

    def enough(flag: str, counted: str) -> pl.Expr:
        return (pl.col(counted) >= config.repeated_min_docs) | (pl.col(f"outlet_{flag}").fill_null(0) >= config.same_outlet_min_docs)

    found = by_norm.join(top_outlet("ok"), on="hash", how="left").join(top_outlet("plain"), on="hash", how="left").select(
        "hash", "n", "all_alone",
        edge_rule=(pl.col("n") >= 2) & pl.col("all_edge") & enough("ok", "counted"),
        plain_rule=enough("plain", "counted_plain"),
    )
    edge = found.filter(pl.col("edge_rule") & pl.col("plain_rule"))["hash"].to_numpy().astype(np.uint64)
    by_cut = found.filter(pl.col("edge_rule") & ~pl.col("plain_rule"))["hash"].to_numpy().astype(np.uint64)
    alone = found.filter(~pl.col("edge_rule") & pl.col("all_alone") & (pl.col("n") >= 2))["hash"].to_numpy().astype(np.uint64)
    if not config.scattered:
        alone = alone[:0]
    return np.sort(edge), np.sort(np.concatenate([alone, by_cut]))


def _not_one_story(repeated: np.ndarray, alone: np.ndarray, occ: dict[str, list[Any]], sources: Sequence[str | None],
                   work: Any, config: FurnitureConfig) -> np.ndarray:
    """``repeated`` without the lines whose carrying documents are one story
    (``furniture.without_one_story``), and with the lines of ``alone`` whose documents tell
    different stories (``furniture.scattered_lines``), as ``furniture.repeated_norms`` decides in
    memory."""
    if not len(repeated) and not len(alone):
        return repeated
    hashes = np.asarray(occ["hash"], dtype=np.uint64)
    docs = np.asarray(occ["doc"], dtype=np.int64)

    def carriers_of(keys: np.ndarray) -> dict[int, list[int]]:
        rows = np.flatnonzero(_isin_sorted(hashes, keys))
        out: dict[int, list[int]] = defaultdict(list)
        for h, d in zip(hashes[rows].tolist(), docs[rows].tolist(), strict=True):
            out[h].append(d)
        return {h: sorted(ds) for h, ds in out.items()}

    carriers = carriers_of(repeated) if config.one_story_share > 0 else {}
    scattered = carriers_of(alone)
    need = min(config.repeated_min_docs, config.same_outlet_min_docs)
    scattered = {h: ds for h, ds in scattered.items() if len(ds) >= need}
    needed = np.unique(np.asarray([d for group in (carriers, scattered) for ds in group.values()
                                   for d in ds[: config.one_story_sample]], dtype=np.int64))
    if not len(needed):
        return repeated
    content: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for p in range(work.parts):
        t = _read_ipc(work.segs(p))
        doc = t.column("doc").to_numpy()
        rows = np.flatnonzero(np.isin(doc, needed) & ~t.column("furniture").is_valid().to_numpy(zero_copy_only=False))
        if len(rows):
            taken = pa.array(rows)
            for d, h, n in zip(doc[rows].tolist(), t.column("hash").take(taken).to_pylist(),
                               t.column("norm").take(taken).to_pylist(), strict=True):
                content[d].append((h, n))
        del t
    kept = without_one_story(carriers, lambda d: content.get(d, []), config, sources) if carriers else set(repeated.tolist())
    kept |= scattered_lines(scattered, sources, lambda d: [n for _, n in content.get(d, [])], config)
    return np.asarray(sorted(kept), dtype=np.uint64)


def _isin_sorted(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    if not len(sorted_set):
        return np.zeros(len(values), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[pos] == values


def _final_furniture(segs: pa.Table, repeated: np.ndarray) -> list[str | None]:
    furn = segs.column("furniture").to_pylist()
    for k in np.flatnonzero(repeated).tolist():
        if furn[k] is None:
            furn[k] = "repeated"
    return furn


# ------------------------------------------------------------------ stage 4: candidates


def _merge_codes(parts: list[np.ndarray]) -> np.ndarray:
    x = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)
    return np.unique(x)


def _lsh_candidates(work: _Work, groups: np.ndarray, n_docs: int, config: LSHConfig,
                    workers: int, rank: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Document pairs colliding in some band, ``[a, b]`` sorted, each band grouped on its own;
    and apart, those met through the hubs of oversized buckets (``lsh.oversize_pairs``, the hubs
    taken in the order of ``rank``)."""
    from concurrent.futures import ThreadPoolExecutor

    one = LSHConfig(bands=1, rows=config.rows, max_bucket=config.max_bucket, hub=config.hub)
    n = np.uint64(max(n_docs, 1))

    def codes_of(pairs: np.ndarray) -> np.ndarray:
        return pairs[:, 0].astype(np.uint64) * n + pairs[:, 1].astype(np.uint64)

    def band(b: int) -> tuple[np.ndarray, np.ndarray]:
        keys = np.fromfile(work.band(b), dtype=np.uint64)[:, None]
        return codes_of(candidate_pairs(groups, keys, one)), codes_of(oversize_pairs(groups, keys, one, rank=rank))

    merged = np.zeros(0, dtype=np.uint64)
    pending: list[np.ndarray] = []
    hubbed: list[np.ndarray] = []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for codes, hub_codes in pool.map(band, range(config.bands)):
            pending.append(codes)
            hubbed.append(hub_codes)
            # Most colliding pairs collide in many bands: merge often so memory follows the
            # number of distinct pairs, not bands times that.
            if sum(map(len, pending)) > max(len(merged), 1 << 22):
                merged = _merge_codes([merged, *pending])
                pending = []
    merged = _merge_codes([merged, *pending])
    # Hub pairs the buckets already gave need no second verification.
    hub = np.setdiff1d(_merge_codes(hubbed), merged, assume_unique=True)
    return (np.stack([merged // n, merged % n], axis=1).astype(np.int64).reshape(-1, 2),
            np.stack([hub // n, hub % n], axis=1).astype(np.int64).reshape(-1, 2))


def _read_rows(path: Path, starts: np.ndarray, ends: np.ndarray, width: int) -> np.ndarray:
    """Rows ``[starts[k], ends[k])`` of a file of uint32 rows of ``width``, concatenated.

    Read, not memory-mapped: a mapping would hold every page it touched in the process's
    resident set, the whole signature file (gigabytes at a million documents) by the end.
    """
    keep = ends > starts
    starts, ends = starts[keep], ends[keep]
    if not len(starts):
        return np.zeros((0, width), dtype=np.uint32)
    # Adjacent ranges (consecutive documents) are read in one call.
    brk = np.flatnonzero(starts[1:] != ends[:-1]) + 1
    lo = starts[np.concatenate([[0], brk])]
    hi = ends[np.concatenate([brk - 1, [len(ends) - 1]])]
    out = np.empty((int((hi - lo).sum()), width), dtype=np.uint32)
    row = 0
    with open(path, "rb") as fh:
        for a, b in zip(lo.tolist(), hi.tolist(), strict=True):
            fh.seek(a * width * 4)
            n = (b - a) * width
            got = np.fromfile(fh, dtype=np.uint32, count=n)
            if len(got) != n:
                raise ProvenanceError(f"{path}: signature file truncated (rows {a}-{b} missing)")
            out[row:row + b - a] = got.reshape(-1, width)
            row += b - a
    return out


def _verify(work: _Work, pairs: np.ndarray, groups: np.ndarray, num_perm: int, config: TraceConfig,
            max_docs: int) -> np.ndarray:
    """``verify_candidates`` on chunks of pairs, each on the signature rows of its documents."""
    if not len(pairs):
        return np.zeros((0, 3), dtype=np.int64)
    unit_start = np.searchsorted(groups, np.arange(int(groups.max()) + 2), side="left")
    out = []
    step = max(1, max_docs // 2)
    for lo in range(0, len(pairs), step):
        chunk = pairs[lo : lo + step]
        docs = np.unique(chunk.ravel())
        counts = unit_start[docs + 1] - unit_start[docs]
        local_sigs = _read_rows(work.root / "sigs.u32", unit_start[docs], unit_start[docs + 1], num_perm)
        local_groups = np.repeat(np.arange(len(docs)), counts)
        local = np.searchsorted(docs, chunk)
        checked = verify_candidates(np.column_stack([local, np.zeros(len(local), dtype=np.int64)]).astype(np.int64),
                                    local_groups, local_sigs, config.candidates)
        out.append(np.column_stack([docs[checked[:, 0]], docs[checked[:, 1]], checked[:, 2]]))
    return np.vstack(out).astype(np.int64)


def _furniture_pairs(occ_hash: list[int], occ_doc: list[int], max_bucket: int) -> np.ndarray:
    """``pipeline.furniture_pairs`` from (norm hash, document) rows of long furniture sentences."""
    buckets: dict[int, set[int]] = defaultdict(set)
    for h, d in zip(occ_hash, occ_doc, strict=True):
        buckets[h].add(d)
    found: set[tuple[int, int]] = set()
    for members in buckets.values():
        if 1 < len(members) <= max_bucket:
            ordered = sorted(members)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1:]:
                    found.add((a, b))
    return np.asarray([(a, b, 0) for a, b in sorted(found)], dtype=np.int64).reshape(-1, 3)


# ------------------------------------------------------------------ stage 5: compare


def _batches(candidates: np.ndarray, max_docs: int) -> Iterator[np.ndarray]:
    """Consecutive runs of candidate pairs that name at most ``max_docs`` documents."""
    lo = 0
    seen: set[int] = set()
    for k, (a, b) in enumerate(candidates[:, :2].tolist()):
        new = (a not in seen) + (b not in seen)
        if seen and len(seen) + new > max_docs:
            yield candidates[lo:k]
            lo, seen = k, set()
        seen.update((a, b))
    if lo < len(candidates):
        yield candidates[lo:]


def _load_docs(work: _Work, wanted: np.ndarray) -> tuple[dict[int, Document], dict[int, list[Segment]]]:
    """The documents ``wanted`` (sorted global indices) and their final sentences."""
    docs: dict[int, Document] = {}
    segs: dict[int, list[Segment]] = {}
    parts = work.partition_of(wanted)
    for p in np.unique(parts).tolist():
        ids = wanted[parts == p]
        local = ids - work.starts[p]
        dt = _read_ipc(work.docs(p)).take(pa.array(local))
        for g, d in zip(ids.tolist(), _docs_from(dt), strict=True):
            docs[g] = d
        st = work.seg_starts[p]
        rows = np.concatenate([np.arange(st[i], st[i + 1]) for i in local.tolist()]) if len(local) else np.zeros(0, np.int64)
        table = _read_ipc(work.segs(p))
        rep = np.load(work.repeated(p), mmap_mode="r")
        sub = table.take(pa.array(rows))
        furn = _final_furniture(sub, np.asarray(rep[rows]))
        cols = {c: sub.column(c).to_pylist() for c in ("index", "start", "end", "line", "text", "norm", "lang")}
        pos = 0
        for g, i in zip(ids.tolist(), local.tolist(), strict=True):
            n = int(st[i + 1] - st[i])
            segs[g] = [Segment(doc=g, index=cols["index"][k], start=cols["start"][k], end=cols["end"][k], line=cols["line"][k],
                               text=cols["text"][k], norm=cols["norm"][k], furniture=furn[k], lang=cols["lang"][k])
                       for k in range(pos, pos + n)]
            pos += n
        del table, dt
    return docs, segs


@dataclass
class _View:
    """The attributes of a TraceResult that export's table functions read, for a subset."""

    documents: Any
    segments: Any
    pairs: list[PairResult]
    graph: dict[str, Any] = field(default_factory=lambda: {"nodes": [], "edges": []})


# ------------------------------------------------------------------ entry point


def trace_partitioned(
    path: str | Path,
    workdir: str | Path,
    config: TraceConfig = SINGLE_LANGUAGE,
    *,
    load_config: LoadConfig | None = None,
    partition: PartitionConfig = PartitionConfig(),
    engine: Any = None,
    progress: Callable[[str], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> PartitionedResult:
    """Trace the corpus at ``path`` partition by partition, with intermediate data in ``workdir``.

    Same result as ``pipeline.trace(load(path).documents, config)`` (graph and pairs), without
    holding the corpus in memory. Aligned passages are left in ``workdir`` for
    :func:`write_partitioned`. ``warn`` gets what the CLI warns of after an in-memory load
    (dates that could not be read), once every record is read.

    >>> res = trace_partitioned("seeds", "/tmp/work")  # doctest: +SKIP
    >>> res.graph["version"]  # doctest: +SKIP
    1
    """
    from .engines import get_engine

    if config.candidates.min_jaccard <= 0:
        raise ValueError("the partitioned trace merges candidates band by band and needs the signature check: "
                         "set CandidateConfig.min_jaccard above 0")
    load_config = load_config or LoadConfig()
    eng = engine if engine is not None else get_engine("local")
    say = progress or (lambda _msg: None)
    work = _Work(Path(workdir))
    timings: dict[str, float] = {}
    t0 = time.perf_counter()

    # 1. read, segment, per-document furniture; count norms.
    say("segment (partitioned)…")
    if load_config.detect_language or config.furniture.detect_language:
        # Loaded here, the model is inherited by every pool's workers; else each worker of each
        # partition's pool loaded it again (a second of CPU each, 50 partitions per million).
        md.load_language_model()
    meta: list[Document] = []
    origins: dict[str, str] = {}
    skipped: list[tuple[str, str]] = []
    doc_norms: list[np.ndarray] = []
    fp = hashlib.sha256()
    langs: set[str] = set()
    n_sent = 0
    task = partial(_read_batch, load_cfg=load_config, seg_cfg=config.segment, fur_cfg=config.furniture)
    step = partition.task_docs

    field_warnings: list[str] = []
    fields_read = [False]
    strays: Strays = []

    def partitions() -> Iterator[list[list[dict[str, Any]]]]:
        for records, skip in _iter_records(Path(path), load_config, partition.docs, strays):
            skipped.extend(skip)
            if records and not fields_read[0]:
                # The first partition's fields stand for the input's (it is streamed).
                field_warnings.extend(field_notes(records, load_config, path))
                fields_read[0] = True
            if records:
                yield [records[i:i + step] for i in range(0, len(records), step)]

    # The next partition is read and prepared while this one is unpacked and written: the
    # parent's part (a few seconds per partition) no longer leaves the workers idle.
    for prepared in _map_stream(eng, task, partitions(), step):
        docs: list[Document] = []
        for out in prepared:
            skipped.extend(out.skipped)
            docs.extend(out.meta)
            # export.fingerprint, streamed.
            fp.update(out.keyed)
            out.keyed = b""
        if not docs:
            continue
        for d in docs:
            if d.id in origins:
                raise InputError(f"duplicate id {d.id!r}: {origins[d.id]} and {d.origin}")
            origins[d.id] = d.origin
            if d.lang:
                langs.add(d.lang)
        first = work.starts[-1]
        counts = np.concatenate([out.counts for out in prepared])
        doc_col = np.repeat(np.arange(first, first + len(docs), dtype=np.int64), counts)
        segs_t = pa.concat_tables([_from_ipc(out.segs) for out in prepared]).combine_chunks()
        docs_t = pa.concat_tables([_from_ipc(out.docs) for out in prepared], promote_options="permissive").combine_chunks()
        del prepared
        table = segs_t.add_column(0, "doc", pa.array(doc_col))
        p = work.parts
        _write_ipc(table, work.segs(p))
        _write_ipc(docs_t, work.docs(p))
        work.seg_starts.append(np.concatenate([[0], np.cumsum(counts)]))
        work.starts.append(first + len(docs))
        doc_norms.append(_doc_norms(doc_col, table.column("hash").to_numpy()))
        meta.extend(docs)
        n_sent += len(doc_col)
        del table, segs_t, docs_t, docs
        say(f"  {work.starts[-1]} documents")
    if not meta:
        detail = f" ({len(skipped)} file(s) skipped; {skipped[0][0]}: {skipped[0][1]})" if skipped else ""
        raise InputError(f"{path}: no documents to trace{detail}")
    if warn is not None and (note := unread_date_line(meta)):
        warn(note)
    for line in [*stray_lines(strays), *field_warnings] if warn is not None else ():
        warn(line)
    if config.crosslang.enabled and len(langs) >= 2:
        raise ProvenanceError(
            f"the corpus mixes languages ({', '.join(sorted(langs))}); the partitioned trace has no "
            "cross-language candidate search (its index compares every document with all others): "
            "pass config=SINGLE_LANGUAGE, or trace a smaller corpus in memory"
        )
    if config.segment.glue_min_words and any(d.flattened for d in meta):
        say("flattened texts: lost line breaks…")
        n_sent += _cut_glued(work, meta, doc_norms, config)
    n_docs = len(meta)
    timings["segment"] = round(time.perf_counter() - t0, 4)

    # 2. repeated furniture: shared norms, their occurrences, the corpus-wide decision.
    t1 = time.perf_counter()
    say("furniture (corpus-wide)…")
    all_norms = np.sort(np.concatenate(doc_norms))
    del doc_norms
    dup = all_norms[1:] == all_norms[:-1]
    shared_set = np.unique(all_norms[1:][dup])
    del all_norms, dup
    carried = None
    if config.furniture.split_by_carriers:
        # Pairs of shared sentences in a row (one apart at most) that two documents carry:
        # where a story's lines give way to a site's footer, no other document has both.
        pair_keys = []
        for p in range(work.parts):
            t = _read_ipc(work.segs(p))
            h = t.column("hash").to_numpy()
            pair_keys.append(_neighbour_keys(t.column("doc").to_numpy(), h, _isin_sorted(h, shared_set) & (h != 0)))
            del t
        keys = np.sort(np.concatenate(pair_keys)) if pair_keys else np.zeros(0, dtype=np.uint64)
        del pair_keys
        carried = np.unique(keys[1:][keys[1:] == keys[:-1]])
        del keys
    occ: dict[str, list[Any]] = {"hash": [], "doc": [], "edge": [], "ok": [], "alone": [], "cut": []}
    for p in range(work.parts):
        t = _read_ipc(work.segs(p))
        h = t.column("hash").to_numpy()
        doc = t.column("doc").to_numpy()
        furn = t.column("furniture").is_valid().to_numpy(zero_copy_only=False)
        shared = _isin_sorted(h, shared_set) & (h != 0)
        rows = _edge_occurrences(doc, t.column("line").to_numpy(), t.column("words").to_numpy(), furn, h, shared,
                                 config.furniture, None if carried is None else _continues(doc, h, shared, carried))
        for key, vals in zip(("hash", "doc", "edge", "ok", "alone", "cut"), rows, strict=True):
            occ[key].extend(vals)
        del t
    sources = [d.source for d in meta]
    repeated, alone = _repeated_norms(occ, sources, config.furniture)
    repeated = _not_one_story(repeated, alone, occ, sources, work, config.furniture)
    del occ, shared_set
    timings["furniture"] = round(time.perf_counter() - t1, 4)

    # 3. final furniture, indexed sentences, signatures and band keys.
    t2 = time.perf_counter()
    say("signatures…")
    n_units = 0
    n_furn = 0
    fur_hash: list[int] = []
    fur_doc: list[int] = []
    # The indexed sentences of documents given no source: the stories their sites' pages tell.
    unsourced = np.array([not d.source for d in meta], dtype=bool)
    txt_hash: list[np.ndarray] = []
    txt_doc: list[np.ndarray] = []
    band_files = [open(work.band(b), "wb") for b in range(config.lsh.bands)]  # noqa: SIM115
    try:
        with open(work.root / "groups.i64", "wb") as fg, open(work.root / "sigs.u32", "wb") as fs:
            for p in range(work.parts):
                t = _read_ipc(work.segs(p))
                h = t.column("hash").to_numpy()
                rep = _isin_sorted(h, repeated) & (h != 0)
                np.save(work.repeated(p), rep)
                furn = t.column("furniture").is_valid().to_numpy(zero_copy_only=False) | rep
                words = t.column("words").to_numpy()
                n_furn += int(furn.sum())
                long = words >= config.candidates.min_tokens
                unit = ~furn & long
                groups = t.column("doc").to_numpy()[unit]
                norms = t.column("norm").filter(pa.array(unit)).to_pylist()
                if norms:
                    sigs = signatures(norms, config.minhash)
                    keys = band_keys(sigs, config.lsh)
                    groups.astype(np.int64).tofile(fg)
                    sigs.tofile(fs)
                    for b, fh in enumerate(band_files):
                        np.ascontiguousarray(keys[:, b]).tofile(fh)
                    n_units += len(norms)
                if unsourced.any():
                    told = unit & unsourced[t.column("doc").to_numpy()]
                    txt_hash.append(h[told])
                    txt_doc.append(t.column("doc").to_numpy()[told])
                fl = furn & long
                fur_hash.extend(h[fl].tolist())
                fur_doc.extend(t.column("doc").to_numpy()[fl].tolist())
                del t
    finally:
        for fh in band_files:
            fh.close()
    timings["signatures"] = round(time.perf_counter() - t2, 4)

    # 4. candidates.
    t3 = time.perf_counter()
    say("candidates…")
    groups_all = np.fromfile(work.root / "groups.i64", dtype=np.int64)
    lsh_pairs, hub_pairs = (_lsh_candidates(work, groups_all, n_docs, config.lsh, partition.band_workers,
                                                  hub_ranks(meta)) if n_units
                            else (np.zeros((0, 2), np.int64), np.zeros((0, 2), np.int64)))
    raw_candidates = len(lsh_pairs)
    pairs = _verify(work, lsh_pairs, groups_all, config.minhash.num_perm, config, partition.verify_docs)
    pairs = with_hub_pairs(pairs, _verify(work, hub_pairs, groups_all, config.minhash.num_perm, config,
                                          partition.verify_docs), config.candidates)
    del groups_all, lsh_pairs, hub_pairs
    shared_f = _furniture_pairs(fur_hash, fur_doc, config.lsh.max_bucket)
    # As pipeline.with_sites and pipeline.furniture_homes_of, from the same lines (final
    # furniture, long enough to index) and the same pairs (those the index found, before the
    # furniture pairs join them).
    site_of = site_labels(fur_hash, fur_doc, meta, config.furniture,
                          text=lambda: (np.concatenate(txt_hash), np.concatenate(txt_doc)) if txt_hash else ([], []))
    txt_hash.clear()
    txt_doc.clear()
    meta = [replace(d, site=site_of[i]) if i in site_of else d for i, d in enumerate(meta)]
    homes = furniture_homes(fur_hash, fur_doc, [outlet(d) for d in meta], linked=pairs[pairs[:, 2] > 0, :2])
    del fur_hash, fur_doc
    # As pipeline.find_candidates: furniture pairs not already found, then sorted.
    pairs = with_new_pairs(pairs, shared_f)
    for b in range(config.lsh.bands):
        work.band(b).unlink()
    timings["candidates"] = round(time.perf_counter() - t3, 4)

    # 5. compare, batch by batch; aligned passages go to disk at once.
    t4 = time.perf_counter()
    say(f"align {len(pairs)} pairs…")
    kept: list[PairResult] = []
    edges: list[PairEdge] = []
    for k, batch in enumerate(_batches(pairs, partition.compare_docs)):
        wanted = np.unique(batch[:, :2].ravel())
        docs_b, segs_b = _load_docs(work, wanted)
        docs_b = {i: replace(d, site=site_of[i]) if i in site_of else d for i, d in docs_b.items()}
        found = compare_pairs(docs_b, segs_b, batch, config, eng, homes)
        # The graph needs only each pair's edge, the outputs only its features: once the
        # batch's alignment tables are written, the links themselves are dropped.
        edges.extend(to_pair_edges(meta, found))
        view = _View(docs_b, segs_b, found)
        for name, table_fn, _schema in _pair_tables():
            table_fn(view, eng).write_parquet(work.root / f"{name}-{k:05d}.parquet")
        kept.extend(replace(r, alignment=_NO_LINKS) for r in found)
        del docs_b, segs_b, view
        say(f"  {len(kept)} pairs kept after batch {k + 1}")
    timings["align"] = round(time.perf_counter() - t4, 4)

    t5 = time.perf_counter()
    say("graph…")
    graph = build_graph(meta, edges, config.graph)
    del edges
    timings["graph"] = round(time.perf_counter() - t5, 4)
    res = PartitionedResult(meta, kept, graph, config, timings, candidates=len(pairs), skipped=skipped,
                            partitions=work.parts, sentences=n_sent, furniture_sentences=n_furn,
                            fingerprint=fp.hexdigest(), workdir=work.root)
    res.lsh_pairs = raw_candidates
    (work.root / "layout.json").write_text(json.dumps({"starts": work.starts}), encoding="utf-8")
    return res


# ------------------------------------------------------------------ outputs


def _documents_table(res: PartitionedResult):  # type: ignore[no-untyped-def]
    """``export.documents_table``, built partition by partition (no text held)."""
    import polars as pl

    from .export import PLACE_SCHEMA, document_places, documents_table

    assert res.workdir is not None
    work_root = res.workdir
    layout = json.loads((work_root / "layout.json").read_text())
    starts = layout["starts"]
    extra_keys = sorted({k for d in res.documents for k in d.extra})
    parts = []
    for p in range(len(starts) - 1):
        docs = _docs_from(_read_ipc(work_root / f"part-{p:05d}.docs.arrow"))
        # Sites are found after the partitions are written: the metadata in memory holds them.
        docs = [replace(d, site=res.documents[starts[p] + i].site) for i, d in enumerate(docs)]
        t = _read_ipc(work_root / f"part-{p:05d}.segs.arrow")
        rep = np.load(work_root / f"part-{p:05d}.repeated.npy")
        furn = t.column("furniture").is_valid().to_numpy(zero_copy_only=False) | rep
        doc = t.column("doc").to_numpy() - starts[p]
        n = np.bincount(doc, minlength=len(docs))
        nf = np.bincount(doc, weights=furn, minlength=len(docs)).astype(np.int64)
        # Stand-in sentence lists: documents_table only counts them and their furniture.
        segs = [[_FURN] * int(f) + [_CONTENT] * int(c - f) for c, f in zip(n.tolist(), nf.tolist(), strict=True)]
        parts.append(documents_table(_View(docs, segs, [])))  # type: ignore[arg-type]
        del docs, t
    df = pl.concat(parts, how="diagonal_relaxed")
    # The partitions' views hold no graph: each document's place in it comes from the whole one.
    found = document_places(res.graph)
    rows = [found.get(i, (None, [], None)) for i in df["id"].to_list()]
    df = df.with_columns([pl.Series(name, [r[k] for r in rows], dtype=dtype)
                          for k, (name, dtype) in enumerate(PLACE_SCHEMA.items())])
    base = documents_table(_View([Document("x", "x")], [[]], [])).columns  # type: ignore[arg-type]
    names = [f"extra_{k}" if k in base else k for k in extra_keys]
    return df.select([*base, *names])


@dataclass(frozen=True)
class _Flag:
    furniture: str | None


_FURN = _Flag("any")
_CONTENT = _Flag(None)


def _pair_tables() -> list[tuple[str, Callable[[Any, Any], Any], dict[str, Any]]]:
    """The output tables made from compared pairs and their documents' text, each as
    ``(name, make(view, engine), schema)``: written batch by batch while the batch's documents
    are loaded."""
    from . import export

    return [
        ("alignments", lambda view, _engine: export.alignments_table(view), export.ALIGN_SCHEMA),
        ("passages", export.passages_table, export.PASSAGE_SCHEMA),
    ]


def _write_parts(work_root: Path, stem: str, schema_map: dict[str, Any], dest: Path, fmt: str) -> str:
    import polars as pl
    import pyarrow.parquet as pq

    parts = sorted(work_root.glob(f"{stem}-*.parquet"))
    name = f"{dest}.{fmt}"
    if fmt == "parquet":
        schema = pl.DataFrame(schema=schema_map).to_arrow().schema
        with pq.ParquetWriter(name, schema) as w:
            for p in parts:
                w.write_table(pq.read_table(p).cast(schema))
    else:
        with open(name, "wb") as fh:
            for k, p in enumerate(parts or [None]):
                df = pl.read_parquet(p) if p is not None else pl.DataFrame(schema=schema_map)
                if fmt == "jsonl":
                    df.write_ndjson(fh)
                else:
                    df.write_csv(fh, include_header=k == 0)
    return Path(name).name


def write_partitioned(res: PartitionedResult, out: str | Path, *, input_path: str = "", engine: str = "local",
                      fmt: str = "parquet", svg: bool = True, summary: str | None = None,
                      report: bool = True) -> dict[str, Any]:
    """Write the files ``export.write_outputs`` writes, atomically, from a partitioned result.

    >>> write_partitioned(res, "out")  # doctest: +SKIP
    """
    from .export import (
        FORMATS,
        PASSAGE_SCHEMA,
        _write_table,
        check_outdir,
        manifest,
        pairs_table,
        publish,
        temp_folder,
        write_graph,
        write_report,
    )

    if fmt not in FORMATS:
        raise ProvenanceError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    assert res.workdir is not None
    out = Path(out)
    check_outdir(out)
    tmp = temp_folder(out)
    try:
        files, svg_note = write_graph(res.graph, tmp, svg=svg)
        files.append(_write_table(_documents_table(res), tmp / "documents", fmt))
        files.append(_write_table(pairs_table(res), tmp / "pairs", fmt))  # type: ignore[arg-type]
        for name, _fn, schema_map in _pair_tables():
            files.append(_write_parts(res.workdir, name, schema_map, tmp / name, fmt))
        if report:
            import polars as pl

            parts = sorted(res.workdir.glob("passages-*.parquet"))
            lf = pl.scan_parquet(parts) if parts else pl.DataFrame(schema=PASSAGE_SCHEMA).lazy()
            files.append(write_report(res.graph, lf, tmp))
        if summary is not None:
            (tmp / "summary.txt").write_text(summary, encoding="utf-8")
            files.append("summary.txt")
        # manifest() reads counts off the in-memory lists; give it none and put the streamed ones in.
        view = SimpleNamespace(documents=[], segments=[], pairs=res.pairs, graph=res.graph, config=res.config,
                               candidates=res.candidates, skipped=res.skipped, timings=res.timings, reused=res.reused)
        man = manifest(view, input_path=input_path, engine=engine, files=sorted(files + ["manifest.json"]))  # type: ignore[arg-type]
        man["input_fingerprint"] = res.fingerprint
        man["counts"].update(documents=len(res.documents), sentences=res.sentences,
                             furniture_sentences=res.furniture_sentences, lsh_colliding_pairs=res.lsh_pairs,
                             flattened_documents=sum(d.flattened for d in res.documents),
                             **dict(zip(("documents_on_inferred_sites", "inferred_sites"),
                                        placed_on_sites(res.documents), strict=True)))
        man["partitions"] = res.partitions
        (tmp / "manifest.json").write_text(json.dumps(man, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
        publish(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if svg_note:
        man["svg_note"] = svg_note
    return man


def trace_folder(
    path: str | Path,
    out: str | Path,
    *,
    workers: int | None = None,
    fmt: str = "parquet",
    svg: bool = True,
    progress: Callable[[str], None] | None = None,
    load_config: LoadConfig | None = None,
    config: TraceConfig = SINGLE_LANGUAGE,
    partition: PartitionConfig = PartitionConfig(),
    report: bool = True,
    warn: Callable[[str], None] | None = None,
) -> str:
    """``provenance trace --partitioned``: trace ``path`` and write the outputs into ``out``.

    The work folder is ``OUT/.cache/partitioned-work``, removed at the end. Returns the summary;
    warnings go to ``warn`` (:func:`trace_partitioned`).

    >>> print(trace_folder("big.jsonl.gz", "out"))  # doctest: +SKIP
    Read 1000000 documents.
    """
    from .engines import get_engine
    from .export import CACHE_DIR, check_outdir
    from .render import DOT_INSTALL_HINT, dot_available
    from .summary import summarise

    out = Path(out)
    check_outdir(out)  # before anything is written into it
    made = not out.exists()
    work = out / CACHE_DIR / "partitioned-work"
    shutil.rmtree(work, ignore_errors=True)
    eng = get_engine("local", **({"workers": workers} if workers else {}))
    try:
        res = trace_partitioned(path, work, config, load_config=load_config, partition=partition, engine=eng,
                                progress=progress, warn=warn)
        note = "--no-svg" if not svg else DOT_INSTALL_HINT if not dot_available() else None
        text = summarise(res, out=str(out), svg_note=note, report=report)  # type: ignore[arg-type]
        write_partitioned(res, out, input_path=str(path), fmt=fmt, svg=svg, summary=text, report=report)
    finally:
        eng.close()
        # write_partitioned moved .cache into the new output folder: the same path.
        shutil.rmtree(work, ignore_errors=True)
        if (out / CACHE_DIR).is_dir() and not any((out / CACHE_DIR).iterdir()):
            (out / CACHE_DIR).rmdir()
        # The work folder made OUT: a run stopped by its input leaves nothing behind.
        if made and out.is_dir() and not any(out.iterdir()):
            out.rmdir()
    return text
