"""``provenance lineage``: one document's ancestors and copies, read from a traced graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.errors import InputError
from provenance.lineage import lineage


def _e(s: str, t: str, rel: str = "rewrite", directed: bool = True, conf: float = 0.9) -> dict:
    return {"source": s, "target": t, "relation": rel, "directed": directed, "confidence": conf, "evidence": []}


# a -> b -> c -> d; x and b are both parents of the compilation m; b -- e are duplicates;
# s is only the same story as b (not a derivation)
GRAPH = {
    "nodes": [{"id": n} for n in "abcdemsx"],
    "edges": [_e("a", "b"), _e("b", "c", "excerpt"), _e("c", "d"), _e("b", "m"), _e("x", "m"),
              _e("b", "e", "duplicate", directed=False), _e("b", "s", "same_story", directed=False)],
}


def test_ancestors_up_to_the_roots_and_copies_as_a_tree() -> None:
    assert lineage(GRAPH, "c") == (
        "Where c came from:\n"
        "  b -> c  excerpt, confidence 0.90\n"
        "  a -> b  rewrite, confidence 0.90\n"
        "  a: no traced parent\n"
        "Copies of c:\n"
        "  c -> d  rewrite, confidence 0.90\n"
    )
    text = lineage(GRAPH, "b")
    assert "  b -> c  excerpt" in text and "    c -> d  rewrite" in text  # a copy of a copy, indented
    assert "  b -> m  rewrite" in text and "x -> m" not in text  # the other parent is m's story
    assert text.endswith("Linked without a direction (the evidence does not say who copied whom):\n"
                         "  b -- e  duplicate\n")
    assert "same_story" not in text


def test_a_compilation_has_two_lines_of_ancestry() -> None:
    text = lineage(GRAPH, "m")
    assert "  b -> m" in text and "  x -> m" in text and "  a -> b" in text
    assert "  a: no traced parent\n  x: no traced parent\n" in text


def test_ids_by_unique_prefix_and_clear_errors() -> None:
    g = {"nodes": [{"id": "001_45e1"}, {"id": "002_e1ce"}], "edges": []}
    assert lineage(g, "001").startswith("Where 001_45e1 came from:\n  no traced parent")
    with pytest.raises(InputError, match="starts several ids: 001_45e1, 002_e1ce"):
        lineage(g, "00")
    with pytest.raises(InputError, match="no document 'zzz'"):
        lineage(g, "zzz")


def test_cli_reads_the_trace_output(run_cli, seeds: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    assert run_cli("trace", seeds, "-o", out, "-q", "--no-svg").exit_code == 0
    res = run_cli("lineage", out, "000")
    assert res.exit_code == 0, res.stderr
    assert res.stdout.startswith("Where 000_cbbe1e793155c078 came from:\n"
                                 "  001_45e1b145ca42a96b -> 000_cbbe1e793155c078  rewrite")
    bad = run_cli("lineage", out, "999")
    assert bad.exit_code == 1 and "no document '999'" in bad.stderr
    missing = run_cli("lineage", tmp_path / "nowhere", "000")
    assert missing.exit_code == 1 and "no graph.json here" in missing.stderr


def test_a_latent_source_is_named_as_outside_the_corpus_not_as_an_original() -> None:
    # QA: a credited agency's latent copy was called "an original, as far as this corpus tells"
    g = {"nodes": [{"id": "latent:agency:AFP:a", "kind": "latent", "label": "AFP, credited by a"},
                   {"id": "a", "kind": "document"}, {"id": "b", "kind": "document"}],
         "edges": [{"source": "latent:agency:AFP:a", "target": "a", "relation": "credited", "directed": True,
                    "confidence": 0.7},
                   {"source": "a", "target": "b", "relation": "excerpt", "directed": True, "confidence": 0.9}]}
    assert "  latent:agency:AFP:a: no traced parent (a source outside the corpus: AFP, credited by a)\n" in lineage(g, "b")
    text = lineage(g, "latent:agency")
    assert text.startswith("Where latent:agency:AFP:a came from:\n  no traced parent (a source outside the corpus: "
                           "AFP, credited by a)\nCopies of latent:agency:AFP:a:\n")
    assert "original" not in text
