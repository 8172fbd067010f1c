"""The accuracy harness: metric functions on hand-made cases, families.py determinism, and a
smoke run of the harness on a tiny slice of a real corpus when ../shared/eval is present."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import accuracy as A  # noqa: E402
from benchmarks import evaldata, families  # noqa: E402

DATA = evaldata.DEFAULT_DATA_DIR
needs_eval = pytest.mark.skipif(not DATA.exists(), reason=f"{DATA} not found (evaluation corpora)")


# --- P/R/F1 and classification ------------------------------------------------------------------


def test_prf_counts():
    assert A.prf(3, 1, 2) == pytest.approx({"precision": 0.75, "recall": 0.6, "f1": 2 * 0.75 * 0.6 / 1.35})
    assert A.prf(0, 0, 0) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_macro_f1_and_accuracy():
    y = ["a", "a", "b", "c"]
    p = ["a", "b", "b", "c"]
    assert A.accuracy(y, p) == 0.75
    # a: P=1 R=.5 F=2/3; b: P=.5 R=1 F=2/3; c: 1
    assert A.macro_f1(y, p) == pytest.approx((2 / 3 + 2 / 3 + 1) / 3)
    assert A.binary_scores([1, 0, 1, 0], [1, 1, 0, 0]) == pytest.approx(
        {"accuracy": 0.5, "precision": 0.5, "recall": 0.5, "f1": 0.5}
    )


# --- PAN measures -------------------------------------------------------------------------------


def test_plagdet_perfect_detection():
    case = ("s", "r", 100, 200, 10, 110)
    m = A.plagdet([case], [case])
    assert m == {"precision": 1.0, "recall": 1.0, "granularity": 1.0, "plagdet": 1.0}


def test_plagdet_split_detection_has_granularity_two():
    case = ("s", "r", 0, 100, 0, 100)
    dets = [("s", "r", 0, 50, 0, 50), ("s", "r", 50, 100, 50, 100)]
    m = A.plagdet([case], dets)
    assert m["precision"] == 1.0 and m["recall"] == 1.0
    assert m["granularity"] == 2.0
    assert m["plagdet"] == pytest.approx(1 / math.log2(3))


def test_plagdet_partial_and_false_detections():
    case = ("s", "r", 0, 100, 0, 100)
    half = ("s", "r", 0, 50, 0, 50)  # covers half of the case on both sides
    wrong_pair = ("s", "x", 0, 100, 0, 100)  # another source document: detects nothing
    only_susp = ("s", "r", 0, 100, 500, 600)  # overlaps the suspicious side only: detects nothing
    m = A.plagdet([case], [half, wrong_pair, only_susp])
    assert m["recall"] == pytest.approx(0.5)
    assert m["precision"] == pytest.approx(1 / 3)
    assert m["granularity"] == 1.0
    f1 = 2 * (1 / 3) * 0.5 / (1 / 3 + 0.5)
    assert m["plagdet"] == pytest.approx(f1)


def test_plagdet_overhanging_detection():
    case = ("s", "r", 0, 100, 0, 100)
    det = ("s", "r", 0, 200, 0, 100)  # 100 extra suspicious characters
    m = A.plagdet([case], [det])
    assert m["recall"] == 1.0
    assert m["precision"] == pytest.approx(200 / 300)


def test_pan13_halves_follow_the_suspicious_document_number():
    # passages are merged in the product now (tests/test_passages.py); the harness only splits
    assert A._half("susp/suspicious-document00042") == 0 and A._half("susp/suspicious-document00043") == 1


# --- derivation edges ---------------------------------------------------------------------------


TRUTH = {"r": [], "a": ["r"], "b": ["a"], "c": ["r"], "x": [], "y": ["x"], "d": []}


def test_edge_scores_exact_and_lenient():
    pred = [("r", "a"), ("r", "b"), ("a", "c"), ("x", "y")]
    s = A.edge_scores(pred, TRUTH)
    # true edges: r->a, a->b, r->c, x->y; correct: r->a, x->y
    assert s["precision"] == 0.5 and s["recall"] == 0.5
    # lenient: r->b counts (r is b's grandparent); a->c does not (a is c's sibling)
    assert s["lenient_precision"] == 0.75
    # lenient recall: a->b recalled through r->b; r->c not recalled
    assert s["lenient_recall"] == 0.75
    assert s["cross_family"] == 0
    assert s["n_true"] == 4 and s["n_predicted"] == 4


def test_edge_scores_cross_family_and_roots():
    s = A.edge_scores([("r", "a"), ("a", "b"), ("r", "c"), ("y", "x")], TRUTH, links=[("c", "d")])
    assert s["cross_family"] == 1  # c-d joins two families; y->x is reversed but in one family
    assert s["precision"] == 0.75
    # predicted roots: r, y, d -> x is wrongly given a parent, y wrongly made a root
    assert s["root_accuracy"] == pytest.approx(5 / 7)


def test_families_of_components():
    fam = A.families_of(TRUTH)
    assert fam["r"] == fam["a"] == fam["b"] == fam["c"]
    assert fam["x"] == fam["y"] != fam["r"]
    assert fam["d"] not in (fam["r"], fam["x"])


def test_group_recall():
    groups = [["a", "b", "c"], ["d", "e"]]
    assert A.group_recall(groups, [("a", "b"), ("c", "b"), ("d", "f")]) == 0.5


# --- fitted models ------------------------------------------------------------------------------


def test_logreg_separates_and_loo_threshold():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 1, (30, 2)), rng.normal(4, 1, (30, 2))])
    y = [0] * 30 + [1] * 30
    model = A.LogReg().fit(X, y)
    assert A.accuracy(y, model.predict(X)) > 0.95
    three = A.LogReg().fit(np.vstack([X, rng.normal(-4, 1, (30, 2))]), y + [2] * 30)
    assert three.predict(np.array([[-4.0, -4.0], [4.0, 4.0]])) == [2, 1]
    assert A.loo_threshold([0.1, 0.2, 0.3, 0.7, 0.8, 0.9], [0, 0, 0, 1, 1, 1]) == [0, 0, 0, 1, 1, 1]


def test_loo_two_stage_routes_through_the_binary_model():
    rng = np.random.default_rng(1)
    # first column: derived or not; second: which kind of derivation
    X = np.vstack([np.c_[rng.normal(-3, 0.5, 20), rng.normal(0, 1, 20)],
                   np.c_[rng.normal(3, 0.5, 20), rng.normal(-3, 0.5, 20)],
                   np.c_[rng.normal(3, 0.5, 20), rng.normal(3, 0.5, 20)]])
    y = ["non"] * 20 + ["light"] * 20 + ["heavy"] * 20
    pred = A.loo_two_stage(X[:, :1], X[:, 1:], y)
    assert A.accuracy(y, pred) >= 0.95


def test_containment_baseline():
    assert A.containment("the cat sat on the mat", "yesterday the cat sat on the mat", 3) == 1.0
    assert A.containment("a b c d", "x y z", 2) == 0.0


# --- synthetic families -------------------------------------------------------------------------


def test_copy_operations_are_plain_text_edits():
    assert families.swap_synonyms("The company said it would buy more.", "en") == "The firm stated it would purchase more."
    assert families.swap_synonyms("Selon le gouvernement, rien.", "fr") == "D'après le exécutif, rien."
    moved = families.reorder_clauses("After a long meeting on Monday, the board said the company would close.")
    assert moved == "The board said the company would close, after a long meeting on Monday."
    assert families.paragraphs("Une enquête a été ouverte.Le corps a été retrouvé.", glued=True) == [
        "Une enquête a été ouverte.",
        "Le corps a été retrouvé.",
    ]


@needs_eval
def test_families_deterministic(tmp_path):
    params = families.Params(seed=5, families_fr=1, families_en=2, distractors_per_family=1)
    a = families.generate(DATA, params)
    b = families.generate(DATA, params)
    families.write(a[0], a[1], tmp_path / "a", a[2])
    families.write(b[0], b[1], tmp_path / "b", b[2])
    for name in ("corpus.jsonl", "truth.json", "meta.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    records, truth, _ = a
    assert {r["id"] for r in records} == set(truth)
    assert any(len(p) == 0 for p in truth.values()) and any(len(p) >= 1 for p in truth.values())
    assert all(p in truth for ps in truth.values() for p in ps)
    other = families.generate(DATA, families.Params(seed=6, families_fr=1, families_en=2, distractors_per_family=1))
    assert other[0] != records


# --- the harness on real data -------------------------------------------------------------------


@needs_eval
def test_harness_on_a_tiny_slice(tmp_path):
    out = tmp_path / "acc.json"
    report = A.run(DATA, only="clough", out=out, limit=12)
    assert out.exists()
    rows = report["rows"]
    assert {r["metric"] for r in rows} >= {"accuracy", "macro-F1"}
    assert all(0.0 <= r["value"] <= 1.0 for r in rows)
    assert report["details"]["clough"]["relations_by_category"]


@needs_eval
def test_harness_traces_a_bbc_slice():
    report = A.run(DATA, only="bbc", limit=12)
    recall = next(r for r in report["rows"] if r["metric"] == "group recall")
    assert recall["n"] >= 1 and 0.0 <= recall["value"] <= 1.0
    assert report["details"]["bbc"]["documents"] >= 2


def test_missing_corpus_is_skipped(tmp_path, capsys):
    report = A.run(tmp_path, only="pan13")
    assert report["rows"] == [] and "pan13" in report["skipped"]
    assert "skipping pan13" in capsys.readouterr().err
