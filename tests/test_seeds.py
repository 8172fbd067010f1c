"""Golden end-to-end run on the five seed articles, through the in-process CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from provenance.relation import DERIVATION, NON_DERIVATION

A000, A001, A002, A003, A004 = (
    "000_cbbe1e793155c078", "001_45e1b145ca42a96b", "002_e1ce88859cf142a7",
    "003_9c670bff1a905a5e", "004_41b53c3c2577a384",
)


@pytest.fixture(scope="module")
def graph(seeds_trace) -> dict:  # type: ignore[no-untyped-def]
    out, _ = seeds_trace
    return json.loads((out / "graph.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pairs(seeds_trace) -> pl.DataFrame:  # type: ignore[no-untyped-def]
    return pl.read_parquet(seeds_trace[0] / "pairs.parquet")


def _between(edges: list[dict], x: str, y: str) -> list[dict]:
    return [e for e in edges if {e["source"], e["target"]} == {x, y}]


def _pair_rows(pairs: pl.DataFrame, x: str, y: str) -> list[dict]:
    return [r for r in pairs.to_dicts() if {r["doc_a"], r["doc_b"]} == {x, y}]


def test_graph_schema(graph: dict, seeds: Path) -> None:
    assert graph["version"] == 1
    docs = [n for n in graph["nodes"] if n["kind"] == "document"]
    assert sorted(n["id"] for n in docs) == sorted(p.stem for p in seeds.glob("*.txt"))
    for n in graph["nodes"]:
        assert set(n) >= {"id", "kind", "label", "date", "lang", "source", "machine_translated", "source_language"}
    for e in graph["edges"]:
        assert set(e) >= {"source", "target", "relation", "directed", "confidence", "similarity",
                          "aligned_sentences", "evidence"}
        assert isinstance(e["evidence"], list)
        # a derivation has a confidence in its direction; a pair that is none has no direction
        assert e["confidence"] is None if e["relation"] in NON_DERIVATION else 0.0 <= e["confidence"] <= 1.0


def test_001_is_the_source_of_the_000_rewrite(graph: dict, pairs: pl.DataFrame) -> None:
    (edge,) = _between(graph["edges"], A001, A000)
    assert (edge["source"], edge["target"]) == (A001, A000)
    assert edge["relation"] == "rewrite" and edge["directed"] is True
    assert edge["evidence"] and edge["confidence"] > 0.6
    assert edge["aligned_sentences"] >= 4
    (row,) = _pair_rows(pairs, A001, A000)
    assert row["relation"] == "rewrite" and row["parent"] == A001 and row["child"] == A000
    assert row["in_graph"] and row["evidence"]


def test_003_and_004_are_machine_translations_from_indonesian(graph: dict) -> None:
    nodes = {n["id"]: n for n in graph["nodes"]}
    for k in (A003, A004):
        assert nodes[k]["machine_translated"] is True and nodes[k]["source_language"] == "id"
    for k in (A000, A001, A002):
        assert nodes[k]["machine_translated"] is False and nodes[k]["source_language"] is None
    assert all(nodes[k]["lang"] == "fr" for k in (A000, A001, A002, A003, A004))


def test_003_and_004_share_only_boilerplate(graph: dict, pairs: pl.DataFrame) -> None:
    edges = _between(graph["edges"], A003, A004)
    assert [(e["relation"], e["directed"]) for e in edges] == [("shared_boilerplate", False)]
    rows = _pair_rows(pairs, A003, A004)
    assert [(r["relation"], r["derivation"], r["aligned_sentences"]) for r in rows] == [
        ("shared_boilerplate", False, 0)]
    assert rows[0]["furniture_links"] >= 1


def test_no_false_derivations(graph: dict, pairs: pl.DataFrame) -> None:
    unrelated = [(A002, x) for x in (A000, A001, A003, A004)] + [(A000, A003), (A000, A004)]
    for x, y in unrelated:
        assert not [e for e in _between(graph["edges"], x, y) if e["relation"] in DERIVATION], (x, y)
        assert not [r for r in _pair_rows(pairs, x, y) if r["derivation"]], (x, y)


def test_translations_hang_under_latent_originals(graph: dict) -> None:
    latent = {n["id"]: n for n in graph["nodes"] if n["kind"] == "latent"}
    for k in (A003, A004):
        lid = f"latent:original:{k}"
        assert latent[lid]["lang"] == "id"
        (edge,) = [e for e in graph["edges"] if e["target"] == k and e["directed"]]
        assert (edge["source"], edge["relation"]) == (lid, "translation")


def test_alignments_point_into_the_texts(seeds_trace, seeds: Path) -> None:  # type: ignore[no-untyped-def]
    out, _ = seeds_trace
    al = pl.read_parquet(out / "alignments.parquet")
    texts = {p.stem: p.read_text(encoding="utf-8") for p in seeds.glob("*.txt")}
    assert al.height >= 4
    for r in al.to_dicts():
        assert texts[r["doc_a"]][r["start_a"]:r["end_a"]] == r["text_a"]
        assert texts[r["doc_b"]][r["start_b"]:r["end_b"]] == r["text_b"]
        assert 65.0 <= r["score"] <= 100.0 and r["kind"] in ("content", "furniture")
    kinds = {(r["doc_a"], r["doc_b"], r["kind"]) for r in al.to_dicts()}
    assert (A003, A004, "furniture") in kinds and (A003, A004, "content") not in kinds


def test_documents_table(seeds_trace) -> None:  # type: ignore[no-untyped-def]
    docs = {r["id"]: r for r in pl.read_parquet(seeds_trace[0] / "documents.parquet").to_dicts()}
    assert docs[A001]["date"] == "2022-01" and docs[A001]["date_origin"] == "header"
    assert docs[A002]["date"] == "2022-01-02" and docs[A002]["source"] == "sputniknews.com"
    assert docs[A003]["machine_translated"] and docs[A003]["furniture_sentences"] >= 2
    assert all(r["sentences"] > 5 for r in docs.values())


def test_manifest_lists_existing_files(seeds_trace) -> None:  # type: ignore[no-untyped-def]
    out, _ = seeds_trace
    man = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert man["files"] and "manifest.json" in man["files"]
    for f in man["files"]:
        assert (out / f).is_file(), f
    assert sorted(p.name for p in out.iterdir() if p.name != ".cache") == sorted(man["files"])  # .cache: stage caches
    assert man["counts"]["documents"] == 5 and man["counts"]["skipped"] == 0
    assert man["counts"]["pairs_by_relation"].get("rewrite") == 1
    assert set(man["timings_seconds"]) and man["provenance_version"]


@pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz 'dot' is not installed")
def test_svg_is_drawn(seeds_trace) -> None:  # type: ignore[no-untyped-def]
    out, _ = seeds_trace
    svg = (out / "graph.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and A001 in svg and A000 in svg


def test_summary_on_stdout(seeds_trace) -> None:  # type: ignore[no-untyped-def]
    out, res = seeds_trace
    assert "Read 5 documents" in res.stdout
    assert f"{A001} -> {A000}  rewrite" in res.stdout
    assert f"{A003} is machine-translated from id" in res.stdout
    assert (out / "summary.txt").read_text(encoding="utf-8") == res.stdout


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_other_table_formats(tmp_path: Path, seeds: Path, run_cli, fmt: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    res = run_cli("trace", seeds, "-o", out, "--format", fmt, "-q", "--no-svg")
    assert res.exit_code == 0, res.stderr
    assert res.stdout == ""
    for name in ("pairs", "alignments", "documents"):
        assert (out / f"{name}.{fmt}").is_file()
        assert not (out / f"{name}.parquet").exists()
    assert not (out / "graph.svg").exists()
    read = pl.read_ndjson if fmt == "jsonl" else pl.read_csv
    pairs = read(out / f"pairs.{fmt}")
    rows = {frozenset((r["doc_a"], r["doc_b"])): r for r in pairs.to_dicts()}
    rewrite = rows[frozenset((A000, A001))]
    assert rewrite["relation"] == "rewrite" and rewrite["parent"] == A001
    if fmt == "csv":
        assert isinstance(rewrite["evidence"], str) and rewrite["evidence"]
    else:
        assert isinstance(rewrite["evidence"], list) and rewrite["evidence"]
    assert read(out / f"documents.{fmt}").height == 5
    man = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert all((out / f).is_file() for f in man["files"])


def test_explain_shows_the_aligned_sentences(seeds: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    res = run_cli("explain", seeds, A001, A000)
    assert res.exit_code == 0, res.stderr
    out = res.stdout
    assert out.startswith(f"{A001}  vs  {A000}")
    assert "relation: rewrite" in out and f"direction: {A001} -> {A000}" in out
    # Both sides of an aligned pair of sentences, wrapped side by side.
    assert "La présidence turque a affirmé que les deux présidents" in out
    assert "Selon la présidence turque, les deux présidents ont" in out
    assert "Dans le même temps, le Kremlin a indiqué que les dirigeants" in out
    assert out.count("sentences [") >= 4

