"""report.html: each family as a tree with its evidence and the shared passages, word
differences marked (seeds: the rewrite 001 -> 000, and the translated stories 003 and 004)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.load import load
from provenance.pipeline import trace
from provenance.report import report_html, word_diff

WORDS = st.lists(st.sampled_from(["le", "la", "président", "a", "dit", "<b>", "&", "lundi", "x"]), max_size=30)


def _plain(marked: str) -> list[str]:
    return html.unescape(re.sub(r"</?(?:del|ins)>", "", marked)).split()


@settings(max_examples=200, deadline=None)
@given(WORDS, WORDS)
def test_word_diff_keeps_both_texts_and_marks_only_differences(a: list[str], b: list[str]) -> None:
    left, right = word_diff(" ".join(a), " ".join(b))
    assert _plain(left) == a and _plain(right) == b
    assert "<ins>" not in left and "<del>" not in right
    # words left unmarked on each side are the same sequence: what the copy kept
    kept_l = re.sub(r"<del>.*?</del>", " ", left).split()
    kept_r = re.sub(r"<ins>.*?</ins>", " ", right).split()
    assert kept_l == kept_r
    if a == b:
        assert "<del>" not in left and "<ins>" not in right


def test_seeds_report(seeds: Path, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    res = run_cli("trace", seeds, "-o", out, "--no-svg", "--no-cache")
    assert res.exit_code == 0 and f"Report: {out}/report.html" in res.stdout
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "001_45e1b145ca42a96b → 000_cbbe1e793155c078 <span class=\"rel\">rewrite</span>" in page
    assert "000_cbbe1e793155c078 adds site furniture" in page
    # the shared passage, with the parent's dropped words struck and the copy's added ones marked
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td>", page)
    assert rows and all("<ins>" not in left and "<del>" not in right for left, right in rows)
    assert any("<del>" in left and "<ins>" in right for left, right in rows)
    assert "Kremlin" in rows[0][0] and "Kremlin" in rows[0][1]
    # latent originals of the machine-translated stories, and the shared notice counted apart
    assert "original of 003_9c670bff1a905a5e (id)" in page and "shared_boilerplate 1" in page
    assert '<h2 id="family-1">Family 1: 2 documents</h2>' in page
    assert '<a href="#family-2">1 document and 1 source outside the corpus</a>' in page
    assert "manifest.json" in {p.name for p in out.iterdir()}
    assert run_cli("trace", seeds, "-o", out, "-q", "--no-svg", "--no-report").exit_code == 0
    assert not (out / "report.html").exists()


def test_report_is_deterministic_and_bounded(seeds: Path) -> None:
    from provenance.export import passages_table
    from provenance.report import ReportConfig

    res = trace(load(seeds).documents)
    table = passages_table(res)
    assert report_html(res.graph, table) == report_html(res.graph, table.reverse())
    small = report_html(res.graph, table, ReportConfig(max_families=1, max_edges_with_text=0))
    assert "<table" not in small and "The largest family is shown; graph.json holds all 3." in small


def test_tree_of_a_long_chain_is_balanced() -> None:
    from provenance.report import _tree_html

    # a chain deeper than Python's recursion limit, and a node with two children
    children = {f"d{k}": [{"source": f"d{k}", "target": f"d{k + 1}"}] for k in range(3000)}
    children["d0"].append({"source": "d0", "target": "x"})
    page = _tree_html("d0", children, lambda e: e["target"], lambda e: e["target"])
    assert page.count("<ul") == page.count("</ul>") == 3000
    assert page.count("<li>") == page.count("</li>") == 3001
    assert page.endswith("<li>x</li></ul>")
