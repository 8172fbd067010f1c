"""The documents table's place of each document in the graph: family, parents, duplicate_of."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from provenance.export import document_places
from provenance.summary import families


def _corpus(seeds: Path, tmp_path: Path) -> Path:
    """The seeds plus three republications of the AFP-style dispatch 001 on other sites (two
    dated later than the third) and an excerpt of it: one family with one duplicate group."""
    text = next(seeds.glob("001_*.txt")).read_text(encoding="utf-8")
    paras = [p for p in text.split("\n") if p.strip()]
    recs = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted(seeds.glob("*.txt"))]
    recs += [
        {"id": "copy-late", "text": text, "source": "late.example", "date": "2022-01-05"},
        {"id": "copy-early", "text": text, "source": "early.example", "date": "2022-01-04"},
        {"id": "copy-undated", "text": text, "source": "other.example"},
        {"id": "excerpt", "text": "\n\n".join(paras[: max(3, len(paras) // 2)]), "source": "short.example"},
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return path


def test_family_parents_and_duplicates(seeds: Path, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    res = run_cli("trace", _corpus(seeds, tmp_path), "-o", tmp_path / "out", "-q", "--no-svg")
    assert res.exit_code == 0, res.stderr
    docs = {r["id"]: r for r in pl.read_parquet(tmp_path / "out" / "documents.parquet").to_dicts()}
    graph = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    a001 = next(i for i in docs if i.startswith("001_"))
    copies = ["copy-late", "copy-early", "copy-undated", a001]
    # One family for the dispatch, its copies, the excerpt and the rewrite 000; 002 has none.
    fam = docs[a001]["family"]
    assert fam is not None and all(docs[i]["family"] == fam for i in [*copies, "excerpt"])
    assert docs[next(i for i in docs if i.startswith("002_"))]["family"] is None
    # Families are numbered as the report numbers them (1 = the largest).
    assert [ms for ms in families(graph) if a001 in ms][0] == families(graph)[fam - 1]
    assert f'id="family-{fam}"' in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    # Parents are the graph's directed derivation edges into each document.
    into = {i: sorted(e["source"] for e in graph["edges"] if e["target"] == i and e["directed"]
                      and e["relation"] in ("duplicate", "near_duplicate", "excerpt", "rewrite", "translation", "credited"))
            for i in docs}
    assert all(docs[i]["parents"] == into[i] for i in docs)
    # The four identical texts are one duplicate group; the excerpt is not in it. The copy to
    # keep is the group's first document: no parent inside the group, earliest dated.
    keeper = next(i for i in copies if docs[i]["duplicate_of"] is None)
    assert all(docs[i]["duplicate_of"] == keeper for i in copies if i != keeper)
    assert docs["excerpt"]["duplicate_of"] is None
    assert not set(docs[keeper]["parents"]) & set(copies)
    dated = [i for i in copies if docs[i]["date"] and not set(docs[i]["parents"]) & set(copies)]
    assert keeper == min(dated, key=lambda i: (docs[i]["date"][:10], i)) if dated else True


def test_places_keep_the_earliest_document_without_a_parent_in_its_group() -> None:
    def e(s: str, t: str, rel: str, directed: bool = True) -> dict:
        return {"source": s, "target": t, "relation": rel, "directed": directed}

    nodes = [{"id": i, "kind": "document", "date": d} for i, d in
             (("a", "2020-01-03"), ("b", "2020-01-02"), ("c", None), ("d", "2020-01-01"), ("x", None))]
    nodes.append({"id": "latent:agency:AFP:a", "kind": "latent"})
    graph = {"nodes": nodes, "edges": [
        e("latent:agency:AFP:a", "a", "credited"),
        e("a", "b", "duplicate"),             # b is dated earlier, but a is its parent
        e("a", "c", "near_duplicate", directed=False),
        e("b", "d", "excerpt"),               # an excerpt is no duplicate
        e("x", "a", "same_story", directed=False),
    ]}
    found = document_places(graph)
    assert found["a"] == (1, ["latent:agency:AFP:a"], None)
    assert found["b"] == (1, ["a"], "a") and found["c"] == (1, [], "a")
    assert found["d"] == (1, ["b"], None)
    assert "x" not in found and "latent:agency:AFP:a" not in found  # no family; not a document


def test_csv_joins_parents(seeds: Path, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    res = run_cli("trace", _corpus(seeds, tmp_path), "-o", tmp_path / "out", "-q", "--no-svg", "--format", "csv")
    assert res.exit_code == 0, res.stderr
    docs = pl.read_csv(tmp_path / "out" / "documents.csv", infer_schema_length=0)
    assert {"family", "parents", "duplicate_of"} <= set(docs.columns)
    assert docs.filter(pl.col("id") == "excerpt")["parents"].item()
