"""Rewrites made of another text's phrases, with no sentence kept: the phrase measure against
its word-by-word reference, and the relation it gives on real-looking pairs."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.load import from_texts
from provenance.pipeline import compare
from provenance.relation import (
    DERIVATION,
    PhraseText,
    phrase_counts,
    phrase_shares,
    phrase_shares_reference,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

WIRE = (
    "A lorry driver who fell asleep at the wheel and killed two cyclists on a country road was jailed for "
    "six years today. Leeds Crown Court heard that Mark Dalton, 41, had been driving for more than fourteen "
    "hours without a proper break when his vehicle drifted across the carriageway near Otley in West "
    "Yorkshire. The two men, both members of a local cycling club, died at the scene in April last year. "
    "Judge Helen Moore told Dalton that his decision to keep driving while exhausted had been selfish and "
    "dangerous. He was also banned from driving for ten years."
)
# A paper's one-sentence brief stitched from the wire's phrases: no sentence of it aligns with one
# of the wire's, as in METER's short court reports.
BRIEF = (
    "Mark Dalton, 41, who killed two cyclists near Otley in West Yorkshire after driving for more than "
    "fourteen hours without a proper break, was jailed for six years at Leeds Crown Court and banned from "
    "driving for ten years."
)

passages = st.lists(st.lists(st.sampled_from("ab abc abd x xy le la de".split()), max_size=12).map(" ".join),
                    max_size=4)


@settings(max_examples=300, deadline=None)
@given(passages, passages, st.integers(min_value=1, max_value=5))
def test_phrase_shares_match_the_reference_and_swap_with_the_pair(a, b, n):
    got = phrase_shares(a, b, n)
    assert got == phrase_shares_reference(a, b, n)
    assert phrase_shares(b, a, n) == (got[2], got[3], got[0], got[1])
    assert 0 <= got[0] <= got[1] and 0 <= got[2] <= got[3]
    # The pair workers' path: each document one run of words, its runs cached.
    one = phrase_shares([" ".join(a)], [" ".join(b)], n)
    assert phrase_counts(PhraseText(a, joined=True), PhraseText(b, joined=True), n) == one


def test_a_brief_made_of_the_wires_phrases_is_a_rewrite_either_way_round():
    wire, brief = from_texts({"wire": WIRE, "brief": BRIEF})
    for x, y in ((brief, wire), (wire, brief)):
        pair = compare(x, y)
        assert pair.relation == "rewrite"
        assert pair.features.links == 0  # nothing aligned: the phrases alone make it
        shares = {x.id: pair.features.phrase_a, y.id: pair.features.phrase_b}
        assert shares["brief"] > 0.5 > shares["wire"]
        assert pair.direction.evidence[0].startswith("brief and wire share phrasing beyond aligned sentences: ")


def test_two_agencies_reporting_one_call_share_too_few_phrases():
    # Seeds 001 (AFP) and 002 (Sputnik, from the Kremlin's readout) report the same phone call
    # independently: they share names and a few stock phrases, not a text.
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("00[12]_*.txt")}
    a, b = from_texts(texts)
    pair = compare(a, b)
    assert pair.relation not in DERIVATION
    assert max(pair.features.phrase_a, pair.features.phrase_b) < 0.1
