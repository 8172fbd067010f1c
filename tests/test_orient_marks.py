"""Direction marks found by a QA pass: clutter that no furniture rule knows does not make a
republished copy look like the longer original, and two saved versions of one address are
named as such."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.model import Document
from provenance.orient import _CORRECTION, correction_notice
from provenance.pipeline import trace

SEED = Path(__file__).resolve().parents[1] / "seeds" / "001_45e1b145ca42a96b.txt"


def _paragraphs() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()][1:]  # first: date and headline


def test_unknown_clutter_does_not_turn_containment_against_the_source() -> None:
    body = _paragraphs()[:4]
    wire = Document("wire", "\n\n".join(body))
    # A site's lines worded unlike any cue list: masthead, menu, byline desk, comment counter.
    copy = Document("copy", "\n\n".join(["Le Relais - l'info du monde entier en continu", "Monde  France  Eco  Sport",
                                         *body, "Publié par le Desk Relais", "0 commentaire", "Les plus lus  Vidéos  Podcasts  Newsletters",
                                         "Partager sur Facebook"]))
    for docs in ([wire, copy], [copy, wire]):
        pair = next(p for p in trace(docs).pairs if p.relation in ("near_duplicate", "duplicate", "excerpt"))
        assert pair.direction is not None
        parent = pair.a if pair.direction.parent == "a" else pair.b if pair.direction.parent == "b" else None
        assert docs[parent].id == "wire" if parent is not None else False
        assert not any("contained in the other" in line for line in pair.direction.evidence)


def test_an_excerpt_still_counts_as_the_copy() -> None:
    body = _paragraphs()
    full = Document("full", "\n\n".join(body))
    part = Document("part", "\n\n".join(body[:3]))
    pair = next(p for p in trace([full, part]).pairs)
    assert pair.direction is not None and pair.direction.parent == "a"
    assert any("excerpt of the other" in line for line in pair.direction.evidence)


def test_two_versions_of_one_address_are_named_as_such() -> None:
    body = _paragraphs()
    url = "https://www.relais.example/monde/erdogan-poutine"
    v1 = Document("v1", "\n\n".join(body[:-1]), date="2022-01-03T09:00:00", url=url, source="relais.example")
    v2 = Document("v2", "\n\n".join(body), date="2022-01-03T15:00:00", url=url + "?updated=1", source="relais.example")
    edge = next(e for e in trace([v1, v2]).graph["edges"] if e["source"] == "v1")
    assert edge["target"] == "v2" and edge["directed"]
    assert edge["evidence"][0] == f"v1 and v2 have one address ({url}): versions of one page"


def test_a_correction_notice_marks_the_later_version() -> None:
    # Undated: the corrected version adds a line, so containment alone would call it the source.
    body = _paragraphs()
    v1 = Document("v1", "\n\n".join(body))
    notice = "Rectificatif, 4 janvier : une précédente version de cet article donnait une date erronée."
    v2 = Document("v2", "\n\n".join([*body, notice]))
    for docs in ([v1, v2], [v2, v1]):
        edge = next(e for e in trace(docs).graph["edges"] if {e["source"], e["target"]} == {"v1", "v2"})
        assert (edge["source"], edge["target"], edge["directed"]) == ("v1", "v2", True)
        assert any(line.startswith("v2 carries a correction or update notice") for line in edge["evidence"])


def test_a_correction_notice_does_not_order_another_outlets_copy() -> None:
    # The copy was taken before the page was corrected: the notice dates the page's own
    # versions, not the copy, and says nothing of who copied whom.
    body = _paragraphs()
    notice = "Rectificatif, 4 janvier : une précédente version de cet article donnait une date erronée."
    page = Document("page", "\n\n".join([*body, notice]), source="relais.example")
    copy = Document("copy", "\n\n".join(body), source="echo.example")
    pair = next(p for p in trace([page, copy]).pairs)
    assert pair.direction is not None
    assert not any("correction or update notice" in line for line in pair.direction.evidence)


NOTICES = ["An earlier version of this article misstated", "This story has been updated", "Correction, 11 March:",
           "Cet article a été modifié", "Une précédente version de cet article", "Rectificatif :", "Korrektur:",
           "Dieser Artikel wurde aktualisiert", "Una versión anterior de este artículo", "Fe de erratas:",
           "Questo articolo è stato aggiornato", "Clarification:", "Erratum :", "Richtigstellung:"]


@given(st.lists(st.sampled_from(["The minister said.", "Le texte.", "\n", " ", "version", "corrected"] + NOTICES),
                max_size=8))
def test_the_notice_prefilter_drops_no_notice(parts: list[str]) -> None:
    text = " ".join(parts)
    m = _CORRECTION.search(text)
    assert (correction_notice(text) is None) == (m is None)


@pytest.mark.parametrize("notice", NOTICES)
def test_each_notice_form_is_read(notice: str) -> None:
    assert correction_notice(f"Le texte.\n\n{notice} la date.") is not None
