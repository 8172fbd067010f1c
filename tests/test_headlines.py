"""Sites that republish a dispatch under headlines of their own: a replaced headline is one
change whatever its length, so the headline's length does not pick the parent among copies of
identical text. Built from the agency dispatch of the seeds (seed 001)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

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


def _first(text: str) -> int | None:
    return headline(segment(0, Document("a", text)))


# Plain-text exports wrap every paragraph at a fixed width; ``paragraphs`` joins a line that
# goes on in lower case or fills its line, but not one that ends with a bracket or a quotation,
# nor a short line before a capital. The line cut off so is no headline.
WRAPPED_LEDES = [
    # a closing bracket, then the sentence goes on in lower case
    "India's central bank has raised its main lending rate by a quarter point (0.25%)\n"
    "after inflation hit a four-year high in March.\n\n"
    "The Reserve Bank said food and fuel prices had risen faster than it expected.",
    "Le syndicat national des pilotes de ligne (SNPL)\n"
    "a appelé mardi à une grève de trois jours à partir du 12 juillet.\n\n"
    "La direction de la compagnie a regretté une décision « incompréhensible ».",
    # a closing quotation
    "The UK construction sector will face \"serious challenges\"\n"
    "over the next two years, the industry's main trade body has said.\n\n"
    "Its quarterly survey found that orders had fallen for a third month in a row.",
    # a short line before a capital, in a text wrapped at 60 characters
    "One of Japan's best-known businessmen was arrested on\n"
    "Thursday on charges of falsifying shareholder information\n"
    "and selling shares based on the false data.\n\n"
    "He was once ranked as the world's richest man and ran a\n"
    "business spanning hotels, railways, construction and a\n"
    "baseball team. His group has been hit by several scandals.",
    # a tabloid sets its first words apart from the rest of the sentence
    "A MOTHER was jailed for five years yesterday\n\n"
    "for leaving her two children alone for a week.\n\n"
    "The judge said she had shown no remorse.",
]


@pytest.mark.parametrize("text", WRAPPED_LEDES)
def test_the_first_line_of_a_wrapped_lede_is_no_headline(text: str) -> None:
    assert _first(text) is None
    # a headline above the same text is still found
    assert _first("Rate rise after inflation jumps\n\n" + text) == 0


@pytest.mark.parametrize("top", [
    "Photo: Reuters/John Smith", "Crédit photo : AFP", "Image copyright Getty Images", "Foto: dpa/Michael Kappeler",
    "Photo : Ludovic Marin / AFP", "AFP PHOTO / Ludovic Marin", "(Photo by Jane Doe/AFP via Getty Images)",
    "© Reuters / Yves Herman", "Photo credit: Jane Doe for The Daily Example",
])
def test_a_picture_credit_is_no_headline(top: str) -> None:
    assert _first(f"{top}\n\n" + _body(2)) is None


@pytest.mark.parametrize("top", [
    "EMBARGOED UNTIL 00:01 GMT 5 MAY", "Embargoed until 00.01 hrs Thursday 5 May 2022", "For immediate release",
    "FOR IMMEDIATE RELEASE", "Sous embargo jusqu'au 5 mai 2022 à 00h01", "Pour diffusion immédiate",
    "Sperrfrist: 5. Mai 2022, 00:01 Uhr", "Not for publication before 10:00 CET",
])
def test_an_embargo_or_release_line_is_no_headline(top: str) -> None:
    assert _first(f"{top}\n\n" + _body(2)) is None


@pytest.mark.parametrize("top", [
    "PARIS, 5 mai (Reuters) -", "PARIS, 5 mai (Reuters)", "ANKARA, 16 janvier 2022 (AFP)", "WASHINGTON, May 5 (Reuters)",
    "NEW YORK (AP)", "Paris, le 5 mai 2022", "BERLIN, 5. Mai (dpa)", "LONDON, 5 May 2022",
    # a kicker in capitals
    "EXCLUSIVE", "EXCLUSIF :", "BREAKING NEWS", "EN IMAGES",
])
def test_a_dateline_or_a_kicker_alone_is_no_headline(top: str) -> None:
    assert _first(f"{top}\n\n" + _body(2)) is None


@pytest.mark.parametrize("head", [
    # headlines that open as credits, embargoes and datelines do, or are set in capitals
    "Photo finish decides the Tour de France", "Embargo on Russian oil: what the EU agreed",
    "Paris, capitale mondiale du vélo", "Erdogan Visits Moscow (Video)", "COMPOSER CHALLENGED OVER DISAPPROVAL AT CONCERT",
    "Crédit immobilier : les taux remontent", "Images of the year from around the world",
])
def test_headlines_that_look_like_those_lines_are_kept(head: str) -> None:
    assert _first(f"{head}\n\n" + _body(2)) == 0


def test_two_copies_under_one_picture_credit_do_not_share_a_title() -> None:
    # each copy's own headline sits below the credit: the credit is not a title they share
    body = _body(2)
    docs = [Document(f"d{i}", f"Photo : Ludovic Marin / AFP\n\n{h}\n\n{body}", date=f"2022-01-16T{9 + i:02d}:00:00Z",
                     source=f"d{i}.example")
            for i, h in enumerate(["Poutine et Erdogan se parlent", "Otan : coup de fil"])]
    pairs = trace(docs).pairs
    assert pairs and not any(p.features.same_headline for p in pairs)


EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


@pytest.mark.skipif(not (EVAL / "bbc_news.jsonl.gz").exists(), reason="evaluation corpora not found")
@pytest.mark.parametrize("width", [60, 70])
def test_wrapped_bbc_articles_keep_their_titles_and_no_lede_line_is_taken_for_one(width: int) -> None:
    import gzip
    import json
    import textwrap

    titled = taken = n = 0
    with gzip.open(EVAL / "bbc_news.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in itertools.islice(f, 800):
            paras = [p for p in json.loads(line)["text"].split("\n\n") if p.strip()]
            body = "\n\n".join(textwrap.fill(p, width) for p in paras[1:])
            n += 1
            titled += _first(paras[0] + "\n\n" + body) == 0
            taken += _first(body) is not None
    # (the few left are first paragraphs that end without a full stop: a score, a place)
    assert titled >= 0.99 * n and taken <= 0.01 * n
