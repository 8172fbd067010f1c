"""Sites that republish a dispatch under headlines of their own: a replaced headline is one
change whatever its length, so the headline's length does not pick the parent among copies of
identical text. Built from the agency dispatch of the seeds (seed 001)."""

from __future__ import annotations

import re
from pathlib import Path

from provenance.model import Document
from provenance.pipeline import trace
from provenance.segment import headline, segment

SEED = Path(__file__).resolve().parents[1] / "seeds" / "001_45e1b145ca42a96b.txt"


def _body(n: int) -> str:
    paras = [p.strip() for p in re.split(r"\n\s*\n", SEED.read_text(encoding="utf-8")) if p.strip()][1:]
    return "\n\n".join(paras[:n])


def _corpus(heads: list[str]) -> list[Document]:
    body = _body(2)
    return [Document(f"d{i}", f"{h}\n\n{body}", date=f"2022-01-16T{9 + i:02d}:00:00Z", source=f"d{i}.example")
            for i, h in enumerate(heads)]


def test_copies_under_new_headlines_hang_from_the_earliest_not_the_shortest_headline() -> None:
    heads = ["Erdogan et Poutine ont discuté dimanche au téléphone des exigences de Moscou sur l'Otan",
             "Otan : coup de fil",  # a short headline, an hour after the first
             "Poutine et Erdogan se parlent",
             "Russie-Turquie : ce que se sont dit les deux présidents"]
    g = trace(_corpus(heads)).graph
    parents = {e["target"]: e for e in g["edges"] if e["directed"]}
    # every copy is explained by the first publication as well as by any copy before it: the
    # earliest stays the parent, and the earlier copies are named as equally good
    assert {t: e["source"] for t, e in parents.items()} == {"d1": "d0", "d2": "d0", "d3": "d0"}
    assert "d1" in parents["d2"]["alternatives"] and parents["d2"]["parent_confidence"] < 0.6
    assert set(parents["d3"]["alternatives"]) == {"d1", "d2"}


def test_the_shared_headline_still_counts() -> None:
    # a copy that keeps the headline of one earlier version prefers it
    heads = ["Erdogan et Poutine ont discuté dimanche au téléphone des exigences de Moscou sur l'Otan",
             "Otan : coup de fil",
             "Otan : coup de fil"]
    g = trace(_corpus(heads)).graph
    parents = {e["target"]: e["source"] for e in g["edges"] if e["directed"]}
    assert parents["d2"] == "d1"


def test_headline_is_a_short_first_line_without_a_full_stop() -> None:
    def first(text: str) -> int | None:
        return headline(segment(0, Document("a", text)))

    assert first("Otan : coup de fil\n\n" + _body(2)) == 0
    assert first(_body(2)) is None  # a lede is a sentence
    assert first("Otan : coup de fil") is None  # nothing below it
    assert first("Read this: " + _body(1)) is None  # a headline and its lede on one line
    # a flattened text's first sentence, a dateline, a kicker, a wire's note: no headlines
    assert first("Will the talks resume?\n\n" + _body(2)) is None
    assert first("ANKARA (AFP) -\n\n" + _body(2)) is None
    assert first("EXCLUSIVE\n\n" + _body(2)) is None
    assert first("(with pictures)\n\n" + _body(2)) is None
    assert first('Le ministre a dit : « Nous partons. »\n\n' + _body(2)) is None
