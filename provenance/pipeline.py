"""The whole method as a short sequence of named stages.

load → segment → furniture → signatures → candidates → align → relation → orient → graph → export.

>>> from provenance.load import from_texts
>>> res = trace(from_texts({"a": "Un texte assez long pour être aligné ici.", "b": "Autre chose."}))
>>> res.graph["version"]
1
"""

from __future__ import annotations

import gc
import time
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

import numpy as np

from .align import AlignConfig, DocAlignment, Sides, align_sides, sides
from .crosslang import CrossLangConfig, align_cross, cross_candidates, translation_direction
from .furniture import (
    REASONS,
    FurnitureConfig,
    document_reasons,
    furniture_lines,
    mark_document,
    repeated_norms,
    segment_homes,
    site_labels,
)
from .graph import GraphConfig, PairEdge, build_graph
from .lsh import LSHConfig, band_keys, oversize_pairs, verify_pairs
from .minhash import MinHashConfig, signatures
from .model import Document, Segment, count, outlet, pickled_by_fields
from .orient import Direction, OrientConfig, orient, same_page
from .relation import (
    DERIVATION,
    NOUN_CAPITALISING,
    DocNames,
    DocStats,
    PairFeatures,
    PhraseText,
    RelationConfig,
    carried_furniture,
    classify,
    common_words,
    doc_stats,
    features_of,
    phrase_counts,
    phrase_evidence,
    phrase_rewrite,
    shared_furniture,
    split_boilerplate,
    split_quotes,
    split_templates,
    stem_overlap,
    stems,
)
from .segment import (
    SegmentConfig,
    cut_at,
    glue_cuts,
    glue_hashes,
    headline,
    norm_hash,
    normalise,
    segment,
    sentence_spans,
    words,
)


@dataclass(frozen=True)
class CandidateConfig:
    """Which sentences are indexed for candidate generation."""

    min_tokens: int = 5
    """Shorter sentences (headings, names) are aligned but not indexed."""
    min_hits: int = 1
    """A document pair becomes a candidate when this many of its sentence pairs are similar."""
    min_jaccard: float = 0.2
    """Colliding sentence pairs count only if their Jaccard, estimated on the full signatures,
    reaches this: low-row bands catch reworded sentences, and this check drops the many
    chance collisions they also produce."""
    align_furniture_pairs: bool = False
    """Align the content of pairs met only through shared long furniture (no content sentence
    pair collided in the index) as well as their furniture. Off by default: such a pair shares
    no similar content sentence, so content alignment rarely finds anything (41 pairs with a
    relation beyond shared furniture among 85,000 such pairs of the 100k benchmark dump) yet took
    a quarter of the pair comparisons' time there; without it they come out as
    ``shared_boilerplate``, ``same_story`` (by word overlap) or unrelated, and a content
    relation needs a content candidate, as for any pair that shares no furniture."""
    hub_min_hits: int = 2
    """A pair met only through the hub of an oversized bucket (``LSHConfig.hub``) is kept when
    this many of its sentence pairs are similar: copies of a syndicated text share many
    sentences, while two texts that only share one stock sentence ("Il a été placé en garde à
    vue") met in a bucket of hundreds are no candidate, as before."""
    quick_min_overlap: float = 0.0
    """Quick mode (``provenance trace --quick``): a candidate with a single similar sentence and
    less than this word-stem overlap (Jaccard) is dropped without aligning it. Off by default:
    on OrangeSum such pairs are 80% of the candidates but hold 2% of the derivations (a lone
    shared sentence in a short text, a quote), which quick mode gives up for speed."""


@dataclass(frozen=True)
class TraceConfig:
    """All settings of a trace, one frozen config per stage.

    >>> TraceConfig().lsh.bands * TraceConfig().lsh.rows == TraceConfig().minhash.num_perm
    True
    """

    segment: SegmentConfig = field(default_factory=SegmentConfig)
    furniture: FurnitureConfig = field(default_factory=FurnitureConfig)
    minhash: MinHashConfig = field(default_factory=lambda: MinHashConfig(num_perm=64, ngram=3, truncate=5))
    lsh: LSHConfig = field(default_factory=lambda: LSHConfig(bands=32, rows=2))
    candidates: CandidateConfig = field(default_factory=CandidateConfig)
    align: AlignConfig = field(default_factory=AlignConfig)
    relation: RelationConfig = field(default_factory=RelationConfig)
    orient: OrientConfig = field(default_factory=OrientConfig)
    graph: GraphConfig = field(default_factory=GraphConfig)
    crosslang: CrossLangConfig = field(default_factory=CrossLangConfig)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class PairResult:
    """A compared candidate pair: alignment, features, relation and direction."""

    a: int
    b: int
    hits: int
    alignment: DocAlignment
    features: PairFeatures
    relation: str | None
    direction: Direction | None


@dataclass
class TraceResult:
    """Everything a trace produced; ``export.write_outputs`` turns it into files."""

    documents: list[Document]
    segments: list[list[Segment]]
    pairs: list[PairResult]
    graph: dict[str, Any]
    config: TraceConfig
    timings: dict[str, float] = field(default_factory=dict)
    candidates: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    """Stages loaded from the cache instead of computed."""

    def pairs_table(self):  # type: ignore[no-untyped-def]
        """Pairs as a polars DataFrame (see README, "Output")."""
        from .export import pairs_table

        return pairs_table(self)

    def alignments_table(self):  # type: ignore[no-untyped-def]
        from .export import alignments_table

        return alignments_table(self)

    def documents_table(self):  # type: ignore[no-untyped-def]
        from .export import documents_table

        return documents_table(self)


# ------------------------------------------------------------------ stages


def prepare_one(item: tuple[int, Document], seg_cfg: SegmentConfig, fur_cfg: FurnitureConfig) -> list[Segment]:
    """One document ``(index, doc)`` segmented, with its own furniture marked (the corpus-level
    repeated-furniture pass comes after); what streaming callers map over their documents.

    >>> from provenance.load import from_texts
    >>> [s.text for s in prepare_one((0, from_texts({"a": "Un. Deux."})[0]), SegmentConfig(), FurnitureConfig())]
    ['Un.', 'Deux.']
    """
    i, doc = item
    return mark_document(doc, segment(i, doc, seg_cfg), fur_cfg)


def prepare_columns(
    doc: Document, seg_cfg: SegmentConfig, fur_cfg: FurnitureConfig
) -> tuple[list[tuple[int, int, int]], list[str], list[str], list[str | None]]:
    """``prepare_one`` as columns, without Segment objects: each sentence's (start, end, line),
    text, norm and furniture reason.

    >>> from provenance.load import from_texts
    >>> prepare_columns(from_texts({"a": "Un. Deux."})[0], SegmentConfig(), FurnitureConfig())[2]
    ['un', 'deux']
    """
    text = doc.text
    spans = sentence_spans(text, seg_cfg)
    texts = [text[s:e] for s, e, _ in spans]
    norms = [normalise(t) for t in texts]
    reasons = document_reasons(
        doc, [s for s, _, _ in spans], [e for _, e, _ in spans], [ln for _, _, ln in spans], texts, norms, fur_cfg
    )
    return spans, texts, norms, reasons


def _prepare_columns(
    i: int, docs: Sequence[Document], seg_cfg: SegmentConfig, fur_cfg: FurnitureConfig, glue: bool = False
) -> tuple[bytes, ...]:
    """``prepare_one`` as three flat objects: (start, end, line) triples as int64 bytes, the
    norms joined by newlines (a norm has none) and one byte per sentence for its reason; with
    ``glue``, a fourth and a fifth: each sentence's end key and norm hash (``segment.glue_hashes``)
    as uint64.

    Workers send these back instead of pickled Segments, whose unpickling (a Python call per
    field) cost the parent more than the workers spent making them.
    """
    spans, _, norms, reasons = prepare_columns(docs[i], seg_cfg, fur_cfg)
    flat = array("q", [x for span in spans for x in span]).tobytes()
    out: tuple[bytes | str, ...] = (flat, "\n".join(norms), bytes(_REASON_CODE[r] for r in reasons))
    if glue:
        ends, fulls = glue_hashes(norms, seg_cfg)
        out += (array("Q", ends).tobytes(), array("Q", fulls).tobytes())
    return out  # type: ignore[return-value]


_REASON_CODE: dict[str | None, int] = {None: 0, **{r: k + 1 for k, r in enumerate(REASONS)}}
_REASON_OF: tuple[str | None, ...] = (None, *REASONS)


def flattened_cuts(docs: Sequence[Document], spans: Sequence[list[int]], ends: Sequence[bytes], fulls: Sequence[bytes],
                   config: SegmentConfig) -> dict[int, list[int]]:
    """``segment.glue_cuts`` of the flattened documents, against every document's sentences:
    ``spans`` as flat (start, end, line) triples, ``ends`` and ``fulls`` as ``_prepare_columns``
    gives them."""
    counts = np.array([len(sp) // 3 for sp in spans], dtype=np.int64)
    doc = np.repeat(np.arange(len(docs)), counts)
    index = np.arange(len(doc)) - np.repeat(np.cumsum(counts) - counts, counts)
    end = np.frombuffer(b"".join(ends), dtype=np.uint64)
    full = np.frombuffer(b"".join(fulls), dtype=np.uint64)
    flat = np.array([d.flattened for d in docs], dtype=bool)[doc]
    texts = {d: x.text for d, x in enumerate(docs) if x.flattened}
    return glue_cuts(texts, spans, (doc, index, end, full, flat), config)


def prepare(docs: Sequence[Document], config: TraceConfig, engine: Any) -> list[list[Segment]]:
    """Segment every document and mark its furniture (per document, then across the corpus).

    The same segments as ``mark_repeated`` over ``prepare_one`` of each document
    (``tests/test_segment_fast.py``), with the sentences of flattened documents that hold a lost
    line break cut there (``segment.glue_cuts``). Documents reach the workers by index: the local
    engine forks with them, as ``compare_pairs`` does.
    """
    glue = bool(config.segment.glue_min_words) and any(d.flattened for d in docs)
    cols = engine.map(partial(_prepare_columns, docs=docs, seg_cfg=config.segment, fur_cfg=config.furniture, glue=glue),
                      range(len(docs)))
    spans: list[list[int]] = []
    norms: list[list[str]] = []
    reasons: list[list[str | None]] = []

    def unpack(flat: bytes, joined: str, codes: bytes) -> tuple[list[int], list[str], list[str | None]]:
        return array("q", flat).tolist(), joined.split("\n") if codes else [], [_REASON_OF[c] for c in codes]

    for col in cols:
        sp, ns, rs = unpack(*col[:3])
        spans.append(sp)
        norms.append(ns)
        reasons.append(rs)
    if glue:
        # Flattened texts: a sentence holding a lost line break is cut there and its document
        # prepared again (its text as given: the cut only moves sentence and line bounds).
        for d, blanks in flattened_cuts(docs, spans, [col[3] for col in cols], [col[4] for col in cols],
                                        config.segment).items():
            cut = replace(docs[d], text=cut_at(docs[d].text, blanks))
            spans[d], norms[d], reasons[d] = unpack(*_prepare_columns(0, [cut], config.segment, config.furniture))
    del cols
    lines = [sp[2::3] for sp in spans]
    found = repeated_norms([d.source for d in docs], norms, lines, reasons, config.furniture)
    out: list[list[Segment]] = []
    # Hundreds of thousands of new records would set off full collections that find nothing
    # to free (nearly half of the parent's share of prepare on OrangeSum).
    collecting = gc.isenabled()
    gc.disable()
    try:
        for d, doc in enumerate(docs):
            text, sp, ns, rs = doc.text, spans[d], norms[d], reasons[d]
            out.append([
                Segment(d, k, sp[3 * k], sp[3 * k + 1], sp[3 * k + 2], text[sp[3 * k]:sp[3 * k + 1]], norm,
                        rs[k] or ("repeated" if norm in found else None))
                for k, norm in enumerate(ns)
            ])
    finally:
        if collecting:
            gc.enable()
    return out


def index_units(segments: Sequence[Sequence[Segment]], config: CandidateConfig) -> tuple[np.ndarray, list[str]]:
    """The content sentences to index: their document index and normalised text."""
    groups: list[int] = []
    norms: list[str] = []
    for segs in segments:
        for s in segs:
            if not s.furniture and len(words(s.norm)) >= config.min_tokens:
                groups.append(s.doc)
                norms.append(s.norm)
    return np.asarray(groups, dtype=np.int64), norms


def furniture_homes_of(docs: Sequence[Document], segments: Sequence[Sequence[Segment]], config: TraceConfig,
                       candidates: np.ndarray) -> dict[int, str]:
    """Each furniture line's home outlet, where it has one (``furniture.furniture_homes``), over
    the lines long enough to index (``CandidateConfig.min_tokens`` words). The candidate pairs
    the index found tell which foreign carriers share text with a home page (not those met
    through shared furniture: the line itself would link them)."""
    return segment_homes([outlet(d) for d in docs], segments, config.candidates.min_tokens,
                         candidates[candidates[:, 2] > 0, :2] if len(candidates) else np.zeros((0, 2), np.int64))


def with_sites(docs: Sequence[Document], segments: Sequence[Sequence[Segment]], config: TraceConfig) -> list[Document]:
    """``docs``, those given no source placed on the sites their furniture shows
    (``furniture.infer_sites``, over the lines ``furniture_homes_of`` reads): ``Document.site``."""
    if not config.furniture.site_min_pages or all(d.source for d in docs):
        return list(docs)
    def text() -> tuple[list[int], list[int]]:
        # The stories the pages tell, from their indexed sentences (``index_units``).
        rows = [(norm_hash(s.norm), s.doc) for segs, d in zip(segments, docs, strict=True) if not d.source
                for s in segs if not s.furniture and len(words(s.norm)) >= config.candidates.min_tokens]
        return [h for h, _ in rows], [d for _, d in rows]

    site = site_labels(*furniture_lines(segments, config.candidates.min_tokens), docs, config.furniture, text=text)
    return [replace(d, site=site[i]) if i in site else d for i, d in enumerate(docs)]


def find_candidates(docs: Sequence[Document], segments: Sequence[Sequence[Segment]], config: TraceConfig, engine: Any) -> np.ndarray:
    """Candidate document pairs ``[a, b, hits]``: sentence-level MinHash LSH, shared long
    furniture, and (in a mixed-language corpus) nearest documents across languages."""
    groups, norms = index_units(segments, config.candidates)
    pairs = np.zeros((0, 3), dtype=np.int64)
    if len(norms):
        sigs = signatures(norms, config.minhash)
        # Band keys and verification run here, on this machine's cores (any engine): they read
        # the signatures, which are all here.
        threads = getattr(engine, "workers", 0)
        keys = band_keys(sigs, config.lsh, workers=threads)
        pairs = engine.candidate_pairs(groups, keys, config.lsh)
        # Hub pairs the buckets already gave need no second verification.
        hubbed = _rows_not_in(oversize_pairs(groups, keys, config.lsh, workers=threads, rank=hub_ranks(docs)), pairs)
        pairs = verify_candidates(pairs, groups, sigs, config.candidates, workers=threads)
        pairs = with_hub_pairs(pairs, verify_candidates(hubbed, groups, sigs, config.candidates, workers=threads),
                               config.candidates)
    shared = furniture_pairs(segments, config)
    cross = cross_candidates(docs, segments, config.crosslang)
    if len(cross):
        shared = np.vstack([shared, cross]) if len(shared) else cross
    return with_new_pairs(pairs, shared)


def hub_ranks(docs: Sequence[Document]) -> np.ndarray:
    """Each document's place in the order the hubs of oversized LSH buckets are taken from
    (``lsh.oversize_pairs``): dated documents by date, earliest first, then the undated; ties in
    input order. A story carried by hundreds of sites is then paired with its earliest pages, its
    likeliest originals, and not with whichever pages the input happened to list first.

    >>> from provenance.load import from_texts
    >>> a, b, c, d = from_texts({"a": "x", "b": "x", "c": "x", "d": "x"})
    >>> hub_ranks([replace(a, date="2005-03-02"), b, replace(c, date="2005-03-01 09:00"), replace(d, date="2005-03-01T08:00")]).tolist()
    [2, 3, 1, 0]
    """
    # Partial ISO dates sort as text; a clock time of unknown zone reads as if in UTC here.
    keys = sorted(range(len(docs)), key=lambda i: (docs[i].date is None, (docs[i].date or "").replace(" ", "T"), i))
    out = np.empty(len(docs), dtype=np.int64)
    out[keys] = np.arange(len(docs), dtype=np.int64)
    return out


def with_hub_pairs(pairs: np.ndarray, hubbed: np.ndarray, config: CandidateConfig) -> np.ndarray:
    """``pairs`` plus the verified pairs of oversized buckets (``lsh.oversize_pairs``) that are
    not among them and share at least ``config.hub_min_hits`` similar sentences, sorted.

    >>> with_hub_pairs(np.array([[0, 1, 3]]), np.array([[0, 1, 5], [0, 2, 1], [1, 2, 2]]), CandidateConfig())
    array([[0, 1, 3],
           [1, 2, 2]])
    """
    return with_new_pairs(pairs, hubbed[hubbed[:, 2] >= config.hub_min_hits] if len(hubbed) else hubbed)


def with_new_pairs(pairs: np.ndarray, extra: np.ndarray) -> np.ndarray:
    """``pairs`` plus the rows of ``extra`` whose document pair they lack (the first such row of
    each pair), sorted by pair: how candidates from other sources join those of the index.

    >>> with_new_pairs(np.array([[0, 1, 3]]), np.array([[1, 2, 0], [0, 1, 0], [1, 2, 7]]))
    array([[0, 1, 3],
           [1, 2, 0]])
    """
    if not len(extra):
        return pairs
    extra = np.asarray(extra, dtype=np.int64)
    width = int(extra[:, 1].max()) + 1
    _, first = np.unique(extra[:, 0] * width + extra[:, 1], return_index=True)
    extra = _rows_not_in(extra[np.sort(first)], pairs)
    if not len(extra):
        return pairs
    out = np.vstack([pairs, extra]).astype(np.int64) if len(pairs) else extra
    return out[np.lexsort((out[:, 1], out[:, 0]))]


def _rows_not_in(rows: np.ndarray, known: np.ndarray) -> np.ndarray:
    """Rows ``[a, b, ...]`` whose document pair is not among ``known``'s (in any order).

    >>> _rows_not_in(np.array([[0, 1, 1], [0, 2, 1], [3, 4, 2]]), np.array([[3, 4, 9], [0, 1, 9]]))
    array([[0, 2, 1]])
    """
    if not len(rows) or not len(known):
        return rows
    width = int(max(rows[:, 1].max(), known[:, 1].max())) + 1
    codes = known[:, 0] * width + known[:, 1]
    if len(codes) > 1 and (codes[1:] < codes[:-1]).any():
        codes = np.sort(codes)
    # A lookup in sorted codes: np.isin took seconds for the millions of raw candidates.
    want = rows[:, 0] * width + rows[:, 1]
    at = np.minimum(np.searchsorted(codes, want), len(codes) - 1)
    return rows[codes[at] != want]


def verify_candidates(
    pairs: np.ndarray, groups: np.ndarray, sigs: np.ndarray, config: CandidateConfig, *, workers: int = 1
) -> np.ndarray:
    """Keep candidate pairs with at least ``min_hits`` sentence pairs of estimated Jaccard
    ``min_jaccard`` or more; ``hits`` becomes that count.

    ``groups`` must be sorted (units of one document contiguous), as ``index_units`` makes them.
    ``workers`` threads share the work (0 = every core); the result does not depend on it.
    """
    if not len(pairs) or config.min_jaccard <= 0:
        return pairs[pairs[:, 2] >= config.min_hits] if len(pairs) else pairs
    hits = verify_pairs(pairs, groups, sigs, config.min_jaccard, workers=workers)
    out = np.column_stack([pairs[:, 0], pairs[:, 1], hits]).astype(np.int64)
    return out[hits >= config.min_hits]


def furniture_pairs(segments: Sequence[Sequence[Segment]], config: TraceConfig) -> np.ndarray:
    """Document pairs that share a long furniture sentence verbatim (e.g. a translation notice).

    They are compared so that shared furniture is reported as ``shared_boilerplate``; groups
    larger than the LSH bucket limit are skipped, as for content.
    """
    buckets: dict[str, set[int]] = {}
    for segs in segments:
        for s in segs:
            if s.furniture and len(words(s.norm)) >= config.candidates.min_tokens:
                buckets.setdefault(s.norm, set()).add(s.doc)
    found: dict[tuple[int, int], int] = {}
    for members in buckets.values():
        if 1 < len(members) <= config.lsh.max_bucket:
            ordered = sorted(members)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1:]:
                    found[(a, b)] = found.get((a, b), 0) + 1
    return np.asarray([(a, b, 0) for (a, b) in sorted(found)], dtype=np.int64).reshape(-1, 3)


def compare_segments(
    a: int, b: int, doc_a: Document, doc_b: Document, segs_a: Sequence[Segment], segs_b: Sequence[Segment],
    config: TraceConfig, hits: int = 0, stems_a: frozenset[str] | None = None, stems_b: frozenset[str] | None = None,
    homes: Mapping[int, str] | None = None,
) -> PairResult:
    """Align, classify and orient one pair of prepared documents (``homes``: the corpus's
    furniture homes, ``furniture_homes_of``)."""
    return _compare_prepared(a, b, doc_a, doc_b, segs_a, segs_b, _prepare_one(segs_a, stems_a),
                             _prepare_one(segs_b, stems_b), config, hits, homes=homes)


_Prepared = tuple[Sides, DocStats, PhraseText]


def _prepare_one(segs: Sequence[Segment], doc_stems: frozenset[str] | None,
                 word_keys: dict[str, int] | None = None) -> _Prepared:
    side = sides(segs)
    return side, doc_stats(segs, doc_stems), PhraseText(side.content, joined=True, keys=word_keys)


def _compare_prepared(
    a: int, b: int, doc_a: Document, doc_b: Document, segs_a: Sequence[Segment], segs_b: Sequence[Segment],
    prep_a: _Prepared, prep_b: _Prepared, config: TraceConfig, hits: int, *, content: bool = True,
    homes: Mapping[int, str] | None = None,
) -> PairResult:
    # The one comparison path: compare_segments and the pair workers differ only in whether
    # each document's sides and stats are built per pair or once.
    quick = config.candidates.quick_min_overlap
    if quick and hits == 1 and stem_overlap(prep_a[1].stems, prep_b[1].stems) < quick:
        empty = DocAlignment((), ())
        return PairResult(a, b, hits, empty, features_of(prep_a[1], prep_b[1], empty), None, None)
    cross = _is_cross(doc_a, doc_b, config)
    al = align_sides(prep_a[0], prep_b[0], config.align, content=content)
    # Texts of two languages may still share passages word for word (a quotation in its own
    # language, a bilingual page): those are a copy, not a translation.
    if cross and sum(lk.score >= config.align.strong_score for lk in al.content) < 2:
        al = align_cross(segs_a, doc_a.lang or "", segs_b, doc_b.lang or "", config.crosslang)
    else:
        cross = False
    return _judge(a, b, doc_a, doc_b, segs_a, segs_b, prep_a, prep_b, config, hits, al, cross, homes)


def _is_cross(doc_a: Document, doc_b: Document, config: TraceConfig) -> bool:
    return bool(config.crosslang.enabled and doc_a.lang and doc_b.lang and doc_a.lang != doc_b.lang)


def _judge(
    a: int, b: int, doc_a: Document, doc_b: Document, segs_a: Sequence[Segment], segs_b: Sequence[Segment],
    prep_a: _Prepared, prep_b: _Prepared, config: TraceConfig, hits: int, al: DocAlignment, cross: bool,
    homes: Mapping[int, str] | None = None, known: tuple[DocNames, DocNames] | None = None,
) -> PairResult:
    """Features, relation and direction of an aligned pair (``known``: the two documents' names,
    kept by a caller that meets them again)."""
    margin = False
    if not cross:
        cased = not {doc_a.lang, doc_b.lang} & NOUN_CAPITALISING
        al = split_templates(segs_a, segs_b, al, config.relation, cased=cased, known=known)
        # A disclaimer or a bio two different stories share at their ends: boilerplate.
        boiler = split_boilerplate(segs_a, segs_b, al, config.relation, edge_lines=config.furniture.edge_lines,
                                   min_lines=config.furniture.min_lines)
        margin = boiler is not al
        al = boiler if margin else split_quotes(doc_a.text, doc_b.text, segs_a, segs_b, al, config.relation,
                                                (prep_a[1].chars, prep_b[1].chars))
    f = features_of(prep_a[1], prep_b[1], al)
    rel = classify(f, doc_a, doc_b, config.relation, cross=cross)
    phrased = False
    # (the phrases a boilerplate pair holds in common are the boilerplate's; a pair sharing only
    # quotations had its own words' phrasing measured by split_quotes)
    if rel not in DERIVATION and rel != "shared_template" and not cross and not margin and not f.quote_links:
        # Reuse below the sentence: a rewrite made of the other's phrases, no sentence kept.
        f = _phrases(f, prep_a, prep_b, config.relation)
        if phrased := phrase_rewrite(f, config.relation):
            rel = "rewrite"
    direction = None
    if rel in DERIVATION:
        if not cross:
            # Word-level parsimony for the graph stage; only derivations need it.
            side_a, side_b = prep_a[0], prep_b[0]
            skip, kept = _headlines(segs_a, segs_b, al)
            wa, wb, common = common_words(side_a.content[skip:], side_b.content[skip:],
                                           partial(_anchors, al, side_a, side_b, skip),
                                           config.relation.exact_words_cells)
            f = replace(f, words_a=wa, words_b=wb, common_words=common,
                        same_headline=kept, shared_furniture=shared_furniture(segs_a, segs_b, outlet(doc_a), outlet(doc_b)),
                        carried_furniture=carried_furniture(segs_a, segs_b, outlet(doc_a), outlet(doc_b), homes or {}))
        extra = []
        if cross and rel == "translation":
            lo, why = translation_direction(doc_a, doc_b, segs_a, segs_b, al)
            if why:
                extra.append((lo, why))
        direction = orient(doc_a, doc_b, segs_a, segs_b, f, rel, config.orient, extra=extra, alignment=al)
        if phrased:
            direction = replace(direction, evidence=(phrase_evidence(f, doc_a.id, doc_b.id, config.relation), *direction.evidence),
                                toward=("", *direction.toward))
    return PairResult(a, b, hits, al, f, rel, direction)


def _phrases(f: PairFeatures, prep_a: _Prepared, prep_b: _Prepared, config: RelationConfig) -> PairFeatures:
    """``f`` with its phrase shares, for a pair whose stems allow a rewrite made of phrases."""
    la, lb = len(prep_a[1].stems), len(prep_b[1].stems)
    if not config.phrase_share or not la or not lb:
        return f
    # The stems both hold, from their Jaccard (``overlap``) rather than a second intersection.
    inter = round(f.overlap * (la + lb) / (1 + f.overlap))
    if inter < config.phrase_containment * min(la, lb):
        return f
    # One run of words per document: a rewrite joins and splits its source's sentences.
    ca, na, cb, nb = phrase_counts(prep_a[2], prep_b[2], config.phrase_words)
    return replace(f, words_a=na, words_b=nb, phrase_a=ca / na if na else 0.0, phrase_b=cb / nb if nb else 0.0)


def _headlines(segs_a: Sequence[Segment], segs_b: Sequence[Segment], al: DocAlignment) -> tuple[int, bool]:
    """(1 when each text opens with a headline the other does not share, else 0: the number of
    leading content sentences left out of the word-level parsimony; whether a headline of one
    aligns word for word with the other). A newsroom writes its own headline over a copied text,
    so replacing a headline is one change whatever its length; counted word by word, the parent
    with the shorter headline would explain a copy better."""
    ha, hb = headline(segs_a), headline(segs_b)
    # (a headline glued to its lede, by a text's single line breaks, is found on one side only)
    linked = [lk for lk in al.content if (ha is not None and ha in lk.a) or (hb is not None and hb in lk.b)]
    kept = any(lk.score >= 95 for lk in linked)
    return (1 if ha is not None and hb is not None and not linked else 0), kept


def _anchors(al: DocAlignment, a: Sides, b: Sides, skip: int = 0) -> list[tuple[list[int], list[int]]]:
    # The content links as positions in the two sides' content lists (what common_words reads),
    # less the ``skip`` leading sentences left out of both lists.
    pos_a = {k: p - skip for p, k in enumerate(a.content_index)}
    pos_b = {k: p - skip for p, k in enumerate(b.content_index)}
    return [([pos_a[i] for i in lk.a], [pos_b[j] for j in lk.b]) for lk in al.content]


def _stem_text(i: int, segments: Sequence[Sequence[Segment]]) -> str:
    """Document ``i``'s content stems as one string (one object to send back, split again in
    the pair workers)."""
    return " ".join(stems(segments[i]))


class _PairWorker:
    """Compares candidate pairs on a worker; returns None for unrelated pairs, so that only the
    ~1 in 9 pairs with a relation travel back to the parent.

    Each document's sides, stats and stems are built the first time one of its pairs comes up
    and kept for the others (pairs arrive sorted by their first document). The memo is the
    worker's own (the local engine forks, Spark unpickles a copy); it never changes a result.
    """

    def __init__(self, docs: Sequence[Document], segments: Sequence[Sequence[Segment]], config: TraceConfig,
                 stem_texts: Sequence[str] | None = None, homes: Mapping[int, str] | None = None) -> None:
        self.docs, self.segments, self.config, self.stem_texts = docs, segments, config, stem_texts
        self.homes = homes
        self.memo: dict[int, _Prepared] = {}
        self.vocab: dict[str, str] = {}
        # Each word's phrase key (``PhraseText``), hashed once per worker.
        self.word_keys: dict[str, int] = {}
        # Names are read lazily, for the few pairs whose aligned sentences might fill one frame.
        self.names: dict[int, DocNames] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"docs": self.docs, "segments": self.segments, "config": self.config, "stem_texts": self.stem_texts,
                "homes": self.homes}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["docs"], state["segments"], state["config"], state.get("stem_texts"), state.get("homes"))  # type: ignore[misc]

    def prepared(self, i: int) -> _Prepared:
        p = self.memo.get(i)
        if p is None:
            segs = self.segments[i]
            # One string object per distinct stem across the worker's documents: the memo of a
            # 36k-document corpus held ~5M stem strings, a quarter of a GB per worker.
            vocab = self.vocab
            found = stems(segs) if self.stem_texts is None else self.stem_texts[i].split()
            own = frozenset(map(vocab.setdefault, found, found))
            p = self.memo[i] = _prepare_one(segs, own, self.word_keys)
        return p

    def doc_names(self, i: int) -> DocNames:
        found = self.names.get(i)
        if found is None:
            found = self.names[i] = DocNames(self.segments[i])
        return found

    def __call__(self, item: tuple[int, int, int]) -> PairResult | None:
        a, b, hits = item
        docs, segs, config = self.docs, self.segments, self.config
        doc_a, doc_b, prep_a, prep_b = docs[a], docs[b], self.prepared(a), self.prepared(b)
        # Candidates found by the index have hits >= 1; 0 marks a pair met through shared
        # furniture only (or across languages, aligned apart).
        content = hits > 0 or config.candidates.align_furniture_pairs
        if config.candidates.quick_min_overlap or _is_cross(doc_a, doc_b, config):
            r = _compare_prepared(a, b, doc_a, doc_b, segs[a], segs[b], prep_a, prep_b, config, hits, content=content,
                                  homes=self.homes)
            return r if r.relation is not None else None
        al = align_sides(prep_a[0], prep_b[0], config.align, content=content)
        if (not al.content and not al.furniture
                and stem_overlap(prep_a[1].stems, prep_b[1].stems) < config.relation.story_overlap_unaligned):
            # Nothing aligned: classify can then only find a shared topic (same_story), so a
            # pair below that overlap is unrelated. Two thirds of the candidates end here,
            # without building their features.
            return None
        r = _judge(a, b, doc_a, doc_b, segs[a], segs[b], prep_a, prep_b, config, hits, al, False, self.homes,
                   (self.doc_names(a), self.doc_names(b)))
        return r if r.relation is not None else None


def compare_pairs(
    docs: Sequence[Document] | Mapping[int, Document], segments: Sequence[Sequence[Segment]] | Mapping[int, Sequence[Segment]],
    candidates: np.ndarray, config: TraceConfig, engine: Any, homes: Mapping[int, str] | None = None,
) -> list[PairResult]:
    """Compare every candidate pair ``[a, b, hits]``; pairs that turn out unrelated are dropped.

    ``docs`` and ``segments`` are indexed by the document numbers the pairs name: lists, or
    dicts holding just the documents of a batch (the partitioned trace). ``homes``: the
    corpus's furniture homes (``furniture_homes_of``), without which copied furniture is not
    told apart from a site's own.
    """
    items = list(zip(*(candidates[:, k].tolist() for k in range(3)), strict=True)) if len(candidates) else []
    # Every worker meets nearly every document of a large corpus; stemming each document once
    # here, instead of once per worker, took a fifth of the stage's CPU time off (OrangeSum).
    named = np.unique(candidates[:, :2]).tolist() if items else []
    stem_texts = dict(zip(named, engine.map(partial(_stem_text, segments=segments), named), strict=True)) if items else None
    results = engine.map(_PairWorker(docs, segments, config, stem_texts, homes), items)  # type: ignore[arg-type]
    return [r for r in results if r is not None]


def relation_note(p: PairResult) -> tuple[str, ...]:
    """What a reader needs to see why a pair with much in common is no copy: the evidence of an
    unoriented ``shared_template`` or quoted-speech ``same_story`` pair, in the graph and the
    pairs table alike."""
    if p.relation == "shared_template":
        n = len(p.alignment.template)
        return (f"{n} aligned sentences fill one frame with other figures or names: pages made from "
                "one template, not copies of each other",)
    if p.features.quote_links:
        return (f"{count(p.features.quote_links, 'aligned sentence')} of quoted speech, and nothing else in common: "
                "two reports quoting one speaker, not copies of each other",)
    return ()


def to_pair_edges(docs: Sequence[Document], pairs: Sequence[PairResult]) -> list[PairEdge]:
    out = []
    # Headlines compare normalised (case, accents, punctuation), once per document.
    titles: dict[int, str] = {}

    def title(i: int) -> str:
        if i not in titles:
            titles[i] = normalise(docs[i].title or "")
        return titles[i]

    for p in pairs:
        d = p.direction
        parent = None
        if d is not None and d.parent is not None:
            parent = docs[p.a].id if d.parent == "a" else docs[p.b].id
        out.append(PairEdge(
            a=docs[p.a].id, b=docs[p.b].id, relation=p.relation or "", parent=parent,
            confidence=d.confidence if d else 1.0, similarity=p.features.similarity,
            aligned_sentences=p.features.links, coverage_a=p.features.coverage_a,
            coverage_b=p.features.coverage_b, evidence=d.evidence if d else relation_note(p),
            evidence_toward=tuple(docs[p.a].id if t == "a" else docs[p.b].id if t == "b" else "" for t in d.toward) if d else (),
            logodds=d.logodds if d else 0.0, date_logodds=d.date_logodds if d else 0.0,
            excerpt_logodds=d.excerpt_logodds if d else 0.0, named_logodds=d.named_logodds if d else 0.0,
            linked_logodds=d.linked_logodds if d else 0.0, wire_logodds=d.wire_logodds if d else 0.0,
            words_a=p.features.words_a, words_b=p.features.words_b, common_words=p.features.common_words,
            shared_furniture=p.features.shared_furniture, carried_furniture=p.features.carried_furniture,
            same_title=p.features.same_headline or title(p.a) == title(p.b) != "",
            same_page=same_page(docs[p.a], docs[p.b]),
            shared=p.features.shared, explained_a=p.features.explained_a, explained_b=p.features.explained_b,
            aligned_a=frozenset(i for lk in p.alignment.content for i in lk.a),
            aligned_b=frozenset(j for lk in p.alignment.content for j in lk.b),
            credits_a=d.credits_a if d else (), credits_b=d.credits_b if d else (),
        ))
    return out


# ------------------------------------------------------------------ entry points


def trace(
    docs: Sequence[Document],
    config: TraceConfig = TraceConfig(),
    *,
    engine: Any = None,
    progress: Callable[[str], None] | None = None,
    cache: Any = None,
) -> TraceResult:
    """Trace a corpus: candidate pairs, their relations and directions, and the graph.

    ``cache`` (a :class:`provenance.cache.StageCache`) makes reruns resume from the last stage
    whose input and settings did not change.
    """
    from .cache import corpus_key, settings_key
    from .engines import get_engine

    eng = engine if engine is not None else get_engine("local")
    say = progress or (lambda _msg: None)
    docs = list(docs)
    timings: dict[str, float] = {}

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        say(f"{name}…")
        t0 = time.perf_counter()
        out = fn()
        timings[name] = round(time.perf_counter() - t0, 4)
        return out

    def cached(stage: str, key: str, fn: Callable[[], Any]) -> Any:
        return fn() if cache is None else cache.get_or_compute(stage, key, fn)

    c = config
    k_seg = settings_key(c.segment, c.furniture) + corpus_key(docs) if cache is not None else ""
    k_cand = settings_key(c.minhash, c.lsh, c.candidates, c.crosslang) + k_seg
    k_pairs = settings_key(c.align, c.relation, c.orient, c.crosslang) + k_cand
    segments = timed("segment", lambda: cached("segments", _h(k_seg), lambda: prepare(docs, config, eng)))
    docs = with_sites(docs, segments, config)
    candidates = timed("candidates", lambda: cached("candidates", _h(k_cand), lambda: find_candidates(docs, segments, config, eng)))
    pairs = timed("align", lambda: cached("pairs", _h(k_pairs), lambda: compare_pairs(
        docs, segments, candidates, config, eng, furniture_homes_of(docs, segments, config, candidates))))
    graph = timed("graph", lambda: build_graph(docs, to_pair_edges(docs, pairs), config.graph))
    return TraceResult(docs, segments, pairs, graph, config, timings, candidates=len(candidates),
                       reused=list(cache.hits) if cache is not None else [])


def _h(key: str) -> str:
    import hashlib

    return hashlib.sha256(key.encode()).hexdigest()


def compare(a: Document, b: Document, config: TraceConfig = TraceConfig()) -> PairResult:
    """Align, classify and orient two documents directly (no candidate search).

    >>> from provenance.load import from_texts
    >>> t = ("Le président russe a parlé dimanche avec son homologue turc de la situation en Ukraine. "
    ...      "Les deux dirigeants ont évoqué un possible cessez-le-feu dans les prochains jours.")
    >>> x, y = from_texts({"x": t, "y": t})
    >>> compare(x, y).relation
    'duplicate'
    """
    from .engines import get_engine

    docs = [a, b]
    segs = prepare(docs, config, get_engine("local"))
    return compare_segments(0, 1, a, b, segs[0], segs[1], config)
