"""One text translated several times: each translation hangs under the original, not under
another translation (WMT22 news, French <-> German, human and machine translations of one
source; skipped without ../shared/eval or the FreeDict dictionaries)."""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from pathlib import Path

import pytest

from provenance.graph import PairEdge, _without_round_trips
from provenance.load import to_document
from provenance.pipeline import trace
from provenance.xling import available

WMT22 = Path(__file__).resolve().parents[2] / "shared" / "eval" / "wmt22_frde_mt.jsonl.gz"


def _edge(a: str, b: str, relation: str = "translation") -> PairEdge:
    return PairEdge(a, b, relation, None, 0.5, 0.5, 5, 1.0, 1.0, ())


def _rerooted(parents: dict[str, str], langs: dict[str, str], forbidden: frozenset = frozenset()) -> dict[str, str]:
    """``_without_round_trips`` on a tree of translation edges given as {child: parent}, every
    reversal permitted but ``forbidden``; the result as {child: parent}."""
    tree = {v: (u, _edge(u, v)) for v, u in parents.items()}
    permitted = {(u, v) for u in langs for v in langs if u != v} - forbidden
    return {v: u for v, (u, _p) in _without_round_trips(tree, langs, permitted).items()}


def test_a_translation_translated_back_is_re_rooted() -> None:
    langs = {"t1": "fr", "x": "de", "t2": "fr", "t3": "fr"}
    tree = {"x": "t1", "t2": "x", "t3": "x"}
    assert _rerooted(tree, langs) == {"t1": "x", "t2": "x", "t3": "x"}
    # where the reversed edge is not permitted (a date, the pair's own evidence), it stays
    assert _rerooted(tree, langs, frozenset({("x", "t1")})) == tree
    both_ways = {(u, v) for u in langs for v in langs if u != v}
    # a copy in the child's own language is no round trip
    same = {"x": ("t1", _edge("t1", "x")), "c": ("x", _edge("x", "c", "excerpt"))}
    assert _without_round_trips(same, {**langs, "c": "de"}, both_ways | {("t1", "c"), ("c", "t1")}) == same


@pytest.mark.skipif(not WMT22.exists(), reason="../shared/eval/wmt22_frde_mt.jsonl.gz not present")
@pytest.mark.skipif(not available("fr", "de"), reason="FreeDict fr/de not installed")
def test_translations_of_one_source_hang_under_it() -> None:
    groups: dict[str, list[dict]] = defaultdict(list)
    with gzip.open(WMT22, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["domain"] == "news":
                groups[r["doc"]].append(r)
    picked = [groups[k] for k in sorted(groups)[:6]]
    docs = [to_document({"id": r["id"], "text": r["text"], "lang": r["lang"]}) for g in picked for r in g]
    graph = trace(docs).graph
    source = {r["doc"]: r["id"] for g in picked for r in g if r["role"] == "source"}
    doc_of = {r["id"]: r["doc"] for g in picked for r in g}
    linked, parent = set(), {}
    for e in graph["edges"]:
        if e["relation"] in ("duplicate", "near_duplicate", "excerpt", "rewrite", "translation"):
            linked |= {(e["source"], e["target"]), (e["target"], e["source"])}
            if e["directed"]:
                parent[e["target"]] = e["source"]
    translations = [i for i in doc_of if i not in source.values()]
    share = sum((i, source[doc_of[i]]) in linked for i in translations) / len(translations)
    assert share >= 0.75, share
    # and directed from it: the other reading makes all but one translations back into German
    directed = sum(parent.get(i) == source[doc_of[i]] for i in translations) / len(translations)
    assert directed >= 0.75, directed
    assert not set(source.values()) & set(parent)  # no original is made a translation's copy
    assert all(doc_of[a] == doc_of[b] for a, b in linked)


def test_re_rooting_never_turns_a_path_back() -> None:
    # X (de) under P (fr) with a French child, and P with a German child of its own: turning
    # P -> X makes P a round trip in turn; the second turn would undo the first, so it is not made.
    langs = {"p": "fr", "x": "de", "c": "fr", "q": "de"}
    assert _rerooted({"x": "p", "c": "x", "q": "p"}, langs) == {"p": "x", "c": "x", "q": "p"}


def test_passages_copied_word_for_word_across_languages_are_a_copy_not_a_translation() -> None:
    """A Russian page that pastes three Greek sentences of a Greek story, in Greek: the pair
    is aligned word for word, as a copy, not read as a translation of the Greek story."""
    from provenance.model import Document
    from provenance.pipeline import trace

    greek = ["Η κυβέρνηση ανακοίνωσε νέα μέτρα στήριξης για τα νοικοκυριά που πλήττονται από την ακρίβεια.",
             "Το πακέτο περιλαμβάνει επιδότηση του ηλεκτρικού ρεύματος και έκτακτο επίδομα για τους συνταξιούχους.",
             "Ο υπουργός Οικονομικών δήλωσε ότι τα μέτρα θα χρηματοδοτηθούν από τα έσοδα του τουρισμού.",
             "Η αντιπολίτευση χαρακτήρισε τα μέτρα ανεπαρκή και ζήτησε μείωση του ΦΠΑ στα τρόφιμα."]
    russian = ["Правительство Греции в понедельник объявило о новых мерах поддержки семей.",
               "Греческие СМИ приводят заявление властей на языке оригинала:",
               *greek[:3],
               "По оценкам экспертов, стоимость пакета превысит два миллиарда евро.",
               "Ранее аналогичные меры приняли власти Италии и Испании."]
    docs = [Document("el", "\n\n".join(greek), lang="el"), Document("ru", "\n\n".join(russian), lang="ru")]
    pair = next(p for p in trace(docs).pairs)
    assert pair.relation in ("excerpt", "rewrite")
    assert pair.features.similarity > 0.95
