"""The command line: help, version, output folder safety, missing graphviz, explain errors."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from provenance import __version__
from provenance.cli import main

A000, A001 = "000_cbbe1e793155c078", "001_45e1b145ca42a96b"


def test_version(run_cli) -> None:  # type: ignore[no-untyped-def]
    res = run_cli("--version")
    assert res.exit_code == 0 and res.stdout == f"provenance, version {__version__}\n"


@pytest.mark.parametrize("args", [["-h"], ["--help"], ["trace", "-h"], ["explain", "-h"]])
def test_help(run_cli, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    res = run_cli(*args)
    assert res.exit_code == 0
    assert "Usage: " in res.stdout and "Example" in res.stdout


def test_trace_help_lists_options(run_cli) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("trace", "-h").stdout
    for opt in ("--out", "--format", "--engine", "--no-svg", "--quiet", "--id-field", "--text-field"):
        assert opt in out


def test_every_command_has_help(run_cli) -> None:  # type: ignore[no-untyped-def]
    top = run_cli("-h").stdout
    for name, cmd in main.commands.items():
        assert name in top
        assert cmd.help and run_cli(name, "-h").exit_code == 0


def test_unknown_option_is_a_usage_error(run_cli, seeds: Path) -> None:  # type: ignore[no-untyped-def]
    res = run_cli("trace", seeds, "--format", "xml")
    assert res.exit_code == 2 and "xml" in res.stderr


def test_missing_input(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    res = run_cli("trace", tmp_path / "nowhere", "-o", tmp_path / "out")
    assert res.exit_code == 1 and "no such file or folder" in res.stderr
    assert not (tmp_path / "out").exists()


def test_rerun_replaces_an_earlier_output(run_cli, seeds: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    assert run_cli("trace", seeds, "-o", out, "-q", "--format", "csv", "--no-svg").exit_code == 0
    assert (out / "pairs.csv").exists()
    assert run_cli("trace", seeds, "-o", out, "-q", "--format", "jsonl", "--no-svg").exit_code == 0
    assert (out / "pairs.jsonl").exists() and not (out / "pairs.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temporary or old folder left


def test_never_overwrites_a_foreign_folder(run_cli, seeds: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("precious", encoding="utf-8")
    res = run_cli("trace", seeds, "-o", out, "--no-svg")
    assert res.exit_code == 1 and "does not hold a previous provenance output" in res.stderr
    assert [p.name for p in out.iterdir()] == ["thesis.tex"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]


def test_output_path_that_is_a_file(run_cli, seeds: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "out"
    f.write_text("x", encoding="utf-8")
    res = run_cli("trace", seeds, "-o", f)
    assert res.exit_code == 1 and "not a folder" in res.stderr
    assert f.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize("extra", [(), ("--no-cache",)])
def test_output_or_cache_below_a_file(run_cli, seeds: Path, tmp_path: Path, extra: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "afile"
    f.write_text("x", encoding="utf-8")
    res = run_cli("trace", seeds, "-o", f / "sub", *extra)
    assert res.exit_code == 1 and "cannot create the output folder" in res.stderr and "Traceback" not in res.stderr
    res = run_cli("trace", seeds, "-o", tmp_path / "out", "--cache", f)
    assert res.exit_code == 1 and "cache folder" in res.stderr
    assert not (tmp_path / "out").exists() and f.read_text(encoding="utf-8") == "x"


def test_rerun_keeps_files_of_the_users_own(run_cli, seeds: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    assert run_cli("trace", seeds, "-o", out, "-q").exit_code == 0
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    res = run_cli("trace", seeds, "-o", out, "-q")
    assert res.exit_code == 1 and "notes.txt" in res.stderr
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine" and (out / "graph.json").is_file()


def test_lineage_of_a_graph_json_that_is_no_graph(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "graph.json").write_text("[]", encoding="utf-8")
    res = run_cli("lineage", tmp_path, "a")
    assert res.exit_code == 1 and "not a provenance graph" in res.stderr


def test_without_graphviz(run_cli, seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    out = tmp_path / "out"
    res = run_cli("trace", seeds, "-o", out)
    assert res.exit_code == 0, res.stderr
    assert (out / "graph.dot").is_file() and not (out / "graph.svg").exists()
    assert "apt-get install graphviz" in res.stderr and "dot -Tsvg graph.dot" in res.stderr
    assert "no SVG" in res.stdout
    man = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert "graph.svg" not in man["files"]


def test_explain_unknown_id_suggests(run_cli, seeds: Path) -> None:  # type: ignore[no-untyped-def]
    res = run_cli("explain", seeds, "001", A000)
    assert res.exit_code == 1
    assert "no document with id '001'" in res.stderr and A001 in res.stderr


def test_explain_unrelated_pair(run_cli, seeds: Path) -> None:  # type: ignore[no-untyped-def]
    res = run_cli("explain", seeds, "002_e1ce88859cf142a7", "004_41b53c3c2577a384")
    assert res.exit_code == 0, res.stderr
    assert "direction:" not in res.stdout


def test_explain_jsonl_with_remapped_fields(run_cli, seeds: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "c.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for p in sorted(seeds.glob("*.txt")):
            fh.write(json.dumps({"key": p.stem[:3], "body": p.read_text(encoding="utf-8")}) + "\n")
    res = run_cli("explain", src, "001", "000", "--id-field", "key", "--text-field", "body")
    assert res.exit_code == 0, res.stderr
    assert "relation: rewrite" in res.stdout and "Selon la présidence turque" in res.stdout
    assert "shared runs of 3+ words" in res.stdout


def test_no_svg_summary_names_no_svg_file(run_cli, seeds: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for extra in ([], ["--partitioned"]):
        out = tmp_path / f"out{len(extra)}"
        res = run_cli("trace", seeds, "-o", out, "--no-svg", *extra)
        assert res.exit_code == 0, res.stderr
        assert "graph.svg" not in res.stdout and "no SVG: --no-svg" in res.stdout
        assert "warning" not in res.stderr
        assert not (out / "graph.svg").exists() and (out / "graph.json").exists()


def test_progress_lines_only_on_a_terminal_or_when_asked(run_cli, seeds: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    quiet = run_cli("trace", seeds, "-o", tmp_path / "a", "--no-svg", "--no-cache")
    assert quiet.exit_code == 0 and "reading" not in quiet.stderr  # stderr is no terminal here
    logged = run_cli("trace", seeds, "-o", tmp_path / "b", "--no-svg", "--no-cache", "--progress")
    assert logged.exit_code == 0
    lines = [ln for ln in logged.stderr.splitlines() if ln.startswith("[")]
    assert any("reading" in ln for ln in lines) and any("align" in ln for ln in lines)
    assert logged.stdout == quiet.stdout.replace(str(tmp_path / "a"), str(tmp_path / "b"))
    assert run_cli("trace", seeds, "-o", tmp_path / "c", "--no-svg", "--progress", "-q").stderr == ""


def _flattened(text: str) -> str:
    # One line, as datasets store articles; a no-break space or a tab after some sentences.
    flat = " ".join(text.split())
    return flat.replace(". L", ".\u00a0L").replace(". D", ".\tD")


@pytest.mark.parametrize("partitioned", [False, True])
def test_passages_of_a_flattened_text_show_the_inputs_characters(seeds_copy: Path, tmp_path: Path, run_cli,  # type: ignore[no-untyped-def]
                                                                partitioned: bool) -> None:
    # Its sentences get lines of their own at load, offsets unchanged; what the tables show of
    # it is still the input's text at those offsets, blanks and all.
    raw = _flattened((seeds_copy / f"{A001}.txt").read_text(encoding="utf-8"))
    assert "\u00a0" in raw and "\t" in raw
    (seeds_copy / "005_flat.txt").write_text(raw, encoding="utf-8")
    texts = {p.stem: p.read_text(encoding="utf-8") for p in seeds_copy.glob("*.txt")}
    out = tmp_path / "out"
    res = run_cli("trace", seeds_copy, "-o", out, "--no-svg", *(["--partitioned"] if partitioned else []))
    assert res.exit_code == 0, res.stderr
    for table in ("passages", "alignments"):
        rows = pl.read_parquet(out / f"{table}.parquet").to_dicts()
        assert any("005_flat" in (r["doc_a"], r["doc_b"]) for r in rows)
        for r in rows:
            for side in "ab":
                doc, start, end = r[f"doc_{side}"], r[f"start_{side}"], r[f"end_{side}"]
                assert r[f"text_{side}"] == texts[doc][start:end], (table, doc, start, end)
    copied = pl.read_parquet(out / "passages.parquet").filter(pl.col("doc_b") == "005_flat")["text_b"].to_list()
    assert copied and all("\n" not in t for t in copied) and any("\u00a0" in t and "\t" in t for t in copied)


def test_a_flattened_copy_is_said_to_be_and_still_found(seeds_copy: Path, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    # The agency dispatch stored as many datasets store articles: one line, its breaks lost.
    src = seeds_copy / "001_45e1b145ca42a96b.txt"
    (seeds_copy / "005_flat.txt").write_text(" ".join(src.read_text(encoding="utf-8").split()), encoding="utf-8")
    out = tmp_path / "out"
    res = run_cli("trace", seeds_copy, "-o", out, "--no-svg")
    assert res.exit_code == 0, res.stderr
    assert "1 document came flattened (one run-on paragraph)" in res.stdout
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["counts"]["flattened_documents"] == 1
    table = pl.read_parquet(out / "documents.parquet")
    assert table.filter(pl.col("flattened"))["id"].to_list() == ["005_flat"]
    pairs = pl.read_parquet(out / "pairs.parquet").to_dicts()
    assert any({p["doc_a"], p["doc_b"]} == {"001_45e1b145ca42a96b", "005_flat"} and p["relation"] == "duplicate" for p in pairs)
