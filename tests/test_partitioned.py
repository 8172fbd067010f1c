"""The partitioned trace gives the in-memory trace's graph, pairs and tables, partition sizes aside."""

from __future__ import annotations

import gzip
import json
import random
import sys
from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import families, make_dump  # noqa: E402
from provenance.engines import get_engine  # noqa: E402
from provenance.errors import ProvenanceError  # noqa: E402
from provenance.export import fingerprint  # noqa: E402
from provenance.load import load  # noqa: E402
from provenance.partitioned import SINGLE_LANGUAGE, PartitionConfig, trace_folder, trace_partitioned  # noqa: E402
from provenance.pipeline import TraceConfig, TraceResult, trace  # noqa: E402

TINY = PartitionConfig(docs=23, compare_docs=17, verify_docs=12, band_workers=2)


def _generated(seeds: Path, out: Path, n: int = 160) -> Path:
    """A few hundred articles made as benchmarks/make_dump.py makes them, from the seeds' sentences:
    background articles, families of copies (republish, excerpt, trim, reword, chains) and the
    sites' furniture, which recurs across documents (the corpus-wide furniture pass)."""
    sents, layouts = [], []
    for f in sorted(seeds.glob("*.txt")):
        layout = []
        for p in families.paragraphs(f.read_text(encoding="utf-8")):
            ss = families.sentences(p)
            sents.extend(ss)
            layout.append(len(ss))
        layouts.append([k for k in layout if k] or [1])
    rng = random.Random(5)
    titles = [s[:60] for s in sents if len(s) > 30][:15]
    ld = make_dump.LangData(make_dump.Lexicon(sents, "fr"), layouts, titles, families._sites("fr", titles, rng))
    params = make_dump.Params(docs=n, site_share=0.5)
    recs: list[dict] = []
    fam = 0
    while len(recs) < n:
        if rng.random() < 0.3:
            recs.extend(rec for _, rec in make_dump._family(ld, "fr", rng, params, fam, 6))
            fam += 1
        else:
            recs.append(make_dump._background(ld, rng, params))
    path = out / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i, rec in enumerate(recs[:n]):
            if rec.get("source"):
                # A footer that only its recurrence marks as furniture (the sites' share lines,
                # bylines and author notes are each recognised on their own page).
                rec = {**rec, "text": rec["text"].rstrip() + f"\n\n{rec['source']}, l'actualité en continu\n"}
            if i % 5 == 0:
                # an agency credit: roots of families get a latent agency copy, read from the
                # texts the partitioned trace keeps on disk
                rec = {**rec, "text": rec["text"].rstrip() + "\n\nAvec AFP\n"}
            fh.write(json.dumps({"id": f"g{i:04d}", **rec}, ensure_ascii=False) + "\n")
    return path


def _same(path: Path, tmp: Path) -> tuple[object, object]:
    eng = get_engine("local", workers=1)
    mem = trace(load(path).documents, SINGLE_LANGUAGE, engine=eng)
    part = trace_partitioned(path, tmp / "work", SINGLE_LANGUAGE, partition=TINY, engine=eng)
    assert part.graph == mem.graph
    assert part.pairs_table().equals(mem.pairs_table())
    assert part.candidates == mem.candidates
    assert part.fingerprint == fingerprint(mem)  # type: ignore[arg-type]
    assert part.sentences == sum(map(len, mem.segments))
    assert part.furniture_sentences == sum(1 for ss in mem.segments for s in ss if s.furniture)
    return mem, part


def test_seeds_identical(seeds: Path, tmp_path: Path) -> None:
    _same(seeds, tmp_path)


def test_generated_corpus_identical_with_tiny_partitions(seeds: Path, tmp_path: Path) -> None:
    path = _generated(seeds, tmp_path)
    mem, part = _same(path, tmp_path)
    # The corpus exercises what partitioning could break: many partitions, several compare
    # batches, furniture repeated across partitions, derivations found.
    assert part.partitions >= 6
    assert sum(1 for ss in mem.segments for s in ss if s.furniture == "repeated") > 10
    assert sum(1 for p in mem.pairs if p.relation in ("duplicate", "excerpt", "rewrite", "partial")) >= 10
    assert len(mem.pairs) > 2 * TINY.compare_docs
    assert any(e["relation"] == "credited" for e in mem.graph["edges"])


def test_folder_of_shards_identical(seeds: Path, tmp_path: Path) -> None:
    """A dump split into shards (JSON Lines, gzipped and not) is streamed shard by shard and
    traced as the in-memory trace of the same folder; both equal the trace of the whole file."""
    lines = _generated(seeds, tmp_path, n=90).read_text(encoding="utf-8").splitlines(keepends=True)
    shards = tmp_path / "shards"
    (shards / "b").mkdir(parents=True)
    (shards / "a-0.jsonl").write_text("".join(lines[:30]), encoding="utf-8")
    with gzip.open(shards / "b" / "part-1.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("".join(lines[30:70]))
    (shards / "b" / "part-2.jsonl").write_text("".join(lines[70:]), encoding="utf-8")
    mem, part = _same(shards, tmp_path)
    whole = trace(load(tmp_path / "corpus.jsonl").documents, SINGLE_LANGUAGE, engine=get_engine("local", workers=1))
    assert mem.graph == whole.graph and mem.pairs_table().equals(whole.pairs_table())
    assert part.partitions >= 3



def _both_traces_agree(tmp_path: Path, name: str, recs: list[dict[str, str]]) -> TraceResult:
    """Trace ``recs`` in memory and across three or more partitions of two documents; assert the
    two agree (graph, pairs, furniture count) and return the one in memory."""
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    eng = get_engine("local", workers=1)
    mem = trace(load(path).documents, SINGLE_LANGUAGE, engine=eng)
    part = trace_partitioned(path, tmp_path / "work", SINGLE_LANGUAGE, engine=eng,
                             partition=replace(TINY, docs=2, compare_docs=2, verify_docs=2))
    assert part.partitions >= 3
    assert part.graph == mem.graph and part.pairs_table().equals(mem.pairs_table())
    assert part.furniture_sentences == sum(1 for ss in mem.segments for s in ss if s.furniture)
    return mem

def test_a_lede_kept_by_copies_is_text_in_both_traces(tmp_path: Path) -> None:
    """The corpus-wide furniture pass leaves a lede kept by rewordings as text, and a header atop
    different stories and a link inside their body as furniture, in memory and across
    partitions alike."""
    sys.path.insert(0, str(REPO / "tests"))
    from test_furniture import HEADER, LEDE, REWORDINGS, SPORT, STORIES

    link = "Notre sélection du jour : les grands chantiers de la rentrée parlementaire"
    recs = [{"id": f"copy{i}", "text": "\n\n".join([LEDE, *rest, f"Publié par la rédaction numéro {i}."])}
            for i, rest in enumerate(REWORDINGS)]
    recs += [{"id": k, "text": f"{HEADER}\n\n{v}"} for k, v in STORIES.items()]
    recs += [{"id": f"sport{i}", "text": "\n\n".join([f"Édition {i}", "Rubrique sport", *SPORT[:3 + i], link, *SPORT[3 + i:],
                                                       "Fin."])} for i in range(2)]
    recs += [{"id": f"{k}-page", "text": "\n\n".join([f"Édition {k}", "Rubrique monde", "Chronique", *v.split("\n\n")[:2],
                                                       link, *v.split("\n\n")[2:], "Le fil info", "Fin de page."])}
             for k, v in STORIES.items() if k != "kremlin"]
    mem = _both_traces_agree(tmp_path, "ledes.jsonl", recs)
    marks = {(mem.documents[s.doc].id, s.text): s.furniture for ss in mem.segments for s in ss}
    assert all(marks[(f"copy{i}", LEDE)] is None for i in range(len(REWORDINGS)))
    assert all(marks[(k, HEADER)] == "repeated" for k in STORIES)
    assert [why for (_, text), why in sorted(marks.items()) if text == link] == ["repeated"] * 4


def test_a_sites_footer_under_copied_stories_in_both_traces(tmp_path: Path) -> None:
    """A site's footer under stories copied from other sites is furniture across partitions as
    in memory: the pairs of shared sentences in a row that two documents carry are counted
    over the whole corpus (``furniture.continued``)."""
    sys.path.insert(0, str(REPO / "tests"))
    from test_furniture import SITE_FOOTERS, _site_pages

    mem = _both_traces_agree(tmp_path, "sites.jsonl", [{"id": k, "text": v} for k, v in _site_pages().items()])
    footer = [s.furniture for ss in mem.segments for s in ss
              if any(s.text in line for line in SITE_FOOTERS[mem.documents[s.doc].id.split("-")[0]])]
    assert len(footer) > 20 and set(footer) == {"repeated"}


def test_worker_processes_and_small_tasks_give_the_same_trace(seeds: Path, tmp_path: Path) -> None:
    # Records prepared in batches of 4 by forked workers, pairs compared 3 to a task: the
    # packing, concatenation and ordering of the parallel path, against one process.
    path = _generated(seeds, tmp_path, n=90)
    one = trace_partitioned(path, tmp_path / "one", SINGLE_LANGUAGE, partition=TINY, engine=get_engine("local", workers=1))
    many = trace_partitioned(path, tmp_path / "two", SINGLE_LANGUAGE, partition=replace(TINY, task_docs=4),
                             engine=get_engine("local", workers=2, min_parallel=1, chunk=3))
    assert many.graph == one.graph
    assert many.pairs_table().equals(one.pairs_table())
    assert many.fingerprint == one.fingerprint
    assert [d.id for d in many.documents] == [d.id for d in one.documents]


def test_output_files_match_in_memory(seeds: Path, tmp_path: Path) -> None:
    from provenance.export import write_outputs
    from provenance.summary import summarise

    mem = trace(load(seeds).documents, SINGLE_LANGUAGE, engine=get_engine("local", workers=1))
    write_outputs(mem, tmp_path / "mem", summary=summarise(mem, out="OUT"))
    trace_folder(seeds, tmp_path / "part", workers=1, partition=TINY)
    for name in ("graph.json", "graph.dot", "report.html"):
        assert (tmp_path / "mem" / name).read_bytes() == (tmp_path / "part" / name).read_bytes()
    for name in ("documents", "pairs", "alignments", "passages"):
        if (tmp_path / "mem" / f"{name}.parquet").exists():
            assert pl.read_parquet(tmp_path / "mem" / f"{name}.parquet").equals(pl.read_parquet(tmp_path / "part" / f"{name}.parquet"))
    assert not (tmp_path / "part" / ".cache").exists()  # the work folder is removed


def test_mixed_languages_need_the_single_language_settings(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": "Le président a parlé dimanche avec son homologue turc de la situation."}) + "\n"
        + json.dumps({"id": "b", "text": "The president spoke on Sunday with his Turkish counterpart about it."}) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(ProvenanceError, match="mixes languages"):
        trace_partitioned(path, tmp_path / "w", TraceConfig(), engine=get_engine("local", workers=1))


def test_input_errors_leave_no_output_folder(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    # The in-memory trace's promise: a run its input stops leaves nothing, not an empty OUT.
    (tmp_path / "empty").mkdir()
    (tmp_path / "outputs").mkdir()
    res = run_cli("trace", tmp_path / "empty", "-o", tmp_path / "outputs" / "out", "--partitioned")
    assert res.exit_code == 1 and "no documents to trace" in res.stderr
    assert list((tmp_path / "outputs").iterdir()) == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 6)), max_size=12), st.integers(1, 5))
def test_signature_rows_read_as_a_memory_map_gives_them(ranges: list[tuple[int, int]], width: int) -> None:
    import tempfile

    import numpy as np

    from provenance.partitioned import _read_rows

    data = np.arange(40 * width, dtype=np.uint32).reshape(40, width)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sigs.u32"
        data.tofile(path)
        starts = np.asarray([a for a, _ in ranges], dtype=np.int64)
        ends = np.asarray([min(a + n, 40) for a, n in ranges], dtype=np.int64)
        want = np.memmap(path, dtype=np.uint32, mode="r", shape=(40, width))
        rows = np.concatenate([np.arange(a, b) for a, b in zip(starts, ends, strict=True)] or [np.zeros(0, np.int64)])
        assert np.array_equal(_read_rows(path, starts, ends, width), np.asarray(want[rows.astype(np.int64)]))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["Lire aussi : la suite.", "M. Dupont a parlé hier soir à Paris.", "Partager", "\n\n",
                                 "\n", " ", "Read more: the story.", "Il a dit « oui ».", "12:30", "By John Smith",
                                 "Traduit automatiquement de l'indonésien.", "the and of to in is", "é"]), max_size=30).map("".join))
def test_partition_columns_equal_prepare_one(text: str) -> None:
    from provenance.load import to_document
    from provenance.partitioned import _prepare_columns
    from provenance.pipeline import prepare_one

    doc = to_document({"id": "x", "text": text, "source": "site.example"})
    segs = prepare_one((0, doc), SINGLE_LANGUAGE.segment, SINGLE_LANGUAGE.furniture)
    cols = _prepare_columns(doc, SINGLE_LANGUAGE.segment, SINGLE_LANGUAGE.furniture)
    assert [list(c) for c in cols[:8]] == [
        [s.index for s in segs], [s.start for s in segs], [s.end for s in segs], [s.line for s in segs],
        [s.text for s in segs], [s.norm for s in segs], [s.furniture for s in segs], [s.lang for s in segs],
    ]


@pytest.mark.parametrize("keyed_share", [0.05, 1.0])
def test_flattened_texts_are_cut_alike_in_both_traces(seeds: Path, tmp_path: Path, keyed_share: float,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Half the records flattened to one line: their sentence lines are restored and the lines
    glued into a sentence cut off (``segment.glue_cuts``) the same way in memory and across
    partitions, where the cut documents' partitions are rewritten, whether the partitioned
    trace searches sentences by end key or all of the flattened documents' sentences."""
    import provenance.partitioned

    monkeypatch.setattr(provenance.partitioned, "_GLUE_KEYED_SHARE", keyed_share)
    lines = _generated(seeds, tmp_path, n=120).read_text(encoding="utf-8").splitlines()
    recs = [json.loads(x) for x in lines]
    for i, r in enumerate(recs):
        if i % 2:
            r["text"] = " ".join(r["text"].split())
    path = tmp_path / "flat.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    mem, part = _same(path, tmp_path)
    assert sum(d.flattened for d in mem.documents) >= 40
    off = replace(SINGLE_LANGUAGE, segment=replace(SINGLE_LANGUAGE.segment, glue_min_words=0))
    uncut = trace(load(path).documents, off, engine=get_engine("local", workers=1))
    assert sum(map(len, mem.segments)) > sum(map(len, uncut.segments))


def test_a_brief_run_by_several_sites_in_both_traces(tmp_path: Path) -> None:
    """A short brief run word for word above each site's footer, beside the sites' short story
    pages: the brief is text and the footers furniture across partitions as in memory (the
    pages of one outlet, read from their addresses, are never one text by their footer)."""
    sys.path.insert(0, str(REPO / "tests"))
    from test_briefs import BRIEF, FOOTERS, TITLE, _site_pages

    docs = _site_pages(True, brief=True, footer_lines=2)
    recs = [{"id": d.id, "text": d.text, "url": d.url, "date": d.date} for d in docs]
    mem = _both_traces_agree(tmp_path, "briefs.jsonl", recs)
    marks = {(mem.documents[s.doc].id, s.text): s.furniture for ss in mem.segments for s in ss}
    assert {marks[(d.id, x)] for d in docs for x in FOOTERS[d.id.split("-")[0]][:2]} == {"repeated"}
    assert {marks[(d.id, x)] for d in docs if d.id.endswith("-3") for x in [TITLE, *BRIEF[:3]]} == {None}
