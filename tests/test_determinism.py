"""Two runs on the same input write the same bytes (timings aside)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> tuple[Path, Path]:
    from click.testing import CliRunner

    from provenance.cli import main

    outs = []
    for k in range(2):
        out = tmp_path_factory.mktemp(f"run{k}") / "out"
        res = CliRunner().invoke(main, ["trace", str(seeds), "-o", str(out), "-q"], catch_exceptions=False)
        assert res.exit_code == 0, res.stderr
        outs.append(out)
    return outs[0], outs[1]


@pytest.mark.parametrize("name", ["graph.json", "graph.dot", "graph.svg", "pairs.parquet",
                                  "alignments.parquet", "documents.parquet"])
def test_outputs_are_byte_identical(two_runs: tuple[Path, Path], name: str) -> None:
    a, b = two_runs
    if name == "graph.svg" and not (a / name).exists():
        pytest.skip("graphviz 'dot' is not installed")
    assert (a / name).read_bytes() == (b / name).read_bytes()


def test_summary_identical_but_for_the_output_path(two_runs: tuple[Path, Path]) -> None:
    a, b = two_runs
    ta = (a / "summary.txt").read_text(encoding="utf-8").replace(str(a), "OUT")
    tb = (b / "summary.txt").read_text(encoding="utf-8").replace(str(b), "OUT")
    assert ta == tb and "OUT/graph" in ta


def test_manifest_identical_except_timings(two_runs: tuple[Path, Path]) -> None:
    a, b = (json.loads((o / "manifest.json").read_text(encoding="utf-8")) for o in two_runs)
    assert set(a["timings_seconds"]) == set(b["timings_seconds"])
    a.pop("timings_seconds")
    b.pop("timings_seconds")
    assert a == b


def _canonical(edges: list[dict]) -> list[dict]:
    out = []
    for e in edges:
        e = dict(e)
        if not e["directed"]:
            e["source"], e["target"] = sorted((e["source"], e["target"]))
        out.append(e)
    return sorted(out, key=lambda e: json.dumps(e, sort_keys=True))


def test_input_order_does_not_matter(tmp_path: Path, seeds: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """The same articles as JSONL, in reverse order, give the same graph edges."""
    src = tmp_path / "rev.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for p in sorted(seeds.glob("*.txt"), reverse=True):
            fh.write(json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")}) + "\n")
    out_a, out_b = tmp_path / "a", tmp_path / "b"
    assert run_cli("trace", seeds, "-o", out_a, "-q", "--no-svg").exit_code == 0
    assert run_cli("trace", src, "-o", out_b, "-q", "--no-svg").exit_code == 0
    ga, gb = (json.loads((o / "graph.json").read_text(encoding="utf-8")) for o in (out_a, out_b))
    # Undirected edges name their ends in input order; compare them as unordered pairs.
    assert _canonical(ga["edges"]) == _canonical(gb["edges"])
    assert sorted(ga["nodes"], key=lambda n: n["id"]) == sorted(gb["nodes"], key=lambda n: n["id"])
