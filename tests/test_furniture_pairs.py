"""Pairs met only through shared furniture: their furniture is aligned, their content is not
(unless ``CandidateConfig.align_furniture_pairs``)."""

from __future__ import annotations

from dataclasses import replace

from provenance.load import from_texts
from provenance.pipeline import TraceConfig, trace

NOTICE = "Lire aussi : les dernières informations sur la réforme des retraites et le calendrier des débats au Parlement"
BODY_A = [
    "Le président de la région a inauguré lundi le nouveau pont suspendu au-dessus de la rivière.",
    "Les travaux ont duré quatre ans et coûté près de cinquante millions d'euros aux contribuables.",
    "Les riverains attendaient cette ouverture depuis la fermeture de l'ancien ouvrage en ruine.",
]


def _typos(sentence: str) -> str:
    # The second and third letters of every word of three or more swapped: the sentence stays
    # close character by character (fuzzy alignment links it) but shares no word 3-gram with
    # the original, even on 5-letter prefixes, so the index never pairs the two.
    return " ".join(w[0] + w[2] + w[1] + w[3:] if len(w) >= 3 else w for w in sentence.split())


BODY_B = [_typos(s) for s in BODY_A]
UNRELATED = [
    "La saison touristique s'annonce record pour les hôteliers de la capitale selon leur fédération.",
    "Les réservations étrangères progressent fortement, portées par les visiteurs américains.",
    "Les musées prolongent leurs horaires d'ouverture pendant les vacances scolaires de printemps.",
]


def _docs(body_b: list[str]) -> list:
    return from_texts({
        "a": "\n\n".join([*BODY_A, NOTICE]),
        "b": "\n\n".join([*body_b, NOTICE]),
    })


def _with_content() -> TraceConfig:
    c = TraceConfig()
    return replace(c, candidates=replace(c.candidates, align_furniture_pairs=True))


def test_furniture_only_pair_is_shared_boilerplate() -> None:
    res = trace(_docs(UNRELATED))
    assert res.candidates == 1
    assert [p.relation for p in res.pairs] == ["shared_boilerplate"]
    assert res.pairs[0].alignment.furniture and not res.pairs[0].alignment.content


def test_content_of_furniture_only_pair_aligned_only_on_request() -> None:
    docs = _docs(BODY_B)
    default, full = trace(docs), trace(docs, _with_content())
    # The index finds no similar content sentence: the pair is met through the furniture line.
    assert default.candidates == full.candidates == 1
    assert default.pairs[0].hits == 0
    assert not default.pairs[0].alignment.content
    assert default.pairs[0].alignment.furniture
    # Asked to, the alignment finds the misspelt sentences: the same pair is then a copy.
    assert len(full.pairs[0].alignment.content) == 3
    assert full.pairs[0].relation not in ("shared_boilerplate", None)
