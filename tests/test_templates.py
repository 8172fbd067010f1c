"""Pages generated from one frame (results, prices, forecasts) share a template, not a text;
a copy that updates a figure or two, or rewords around the facts, stays a copy."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.align import DocAlignment, Link
from provenance.load import from_texts
from provenance.model import Segment
from provenance.pipeline import compare, trace
from provenance.relation import DERIVATION, RelationConfig, fills_frame, names, split_templates

SEED = "001_45e1b145ca42a96b.txt"


def _stock_pages(rng: random.Random) -> dict[str, str]:
    """Earnings blurbs as automated finance sites publish them: one frame per company."""
    companies = ["Apple", "Tesla", "Pfizer", "Boeing", "Intel", "Nike", "Walmart", "Chevron"]
    pages = {}
    for c in companies:
        p = rng.uniform(20, 300)
        pages[f"stock-{c}"] = (
            f"Shares of {c} Inc. traded up {rng.uniform(0.5, 5):.2f}% during mid-day trading on "
            f"{rng.choice(['Monday', 'Tuesday', 'Friday'])}. The company traded as high as ${p * 1.02:.2f} "
            f"and last traded at ${p:.2f}. Approximately {rng.randint(10**5, 9 * 10**6):,} shares "
            f"traded hands, a decline of {rng.randint(5, 80)}% from the average volume of "
            f"{rng.randint(10**6, 2 * 10**7):,} shares. The firm has a market capitalization of "
            f"${rng.uniform(5, 900):.2f} billion and a price-to-earnings ratio of {rng.uniform(8, 60):.2f}.\n\n"
            f"{c} last posted its quarterly earnings results on {rng.choice(['Monday', 'Thursday'])}. "
            f"The company reported ${rng.uniform(0.1, 4):.2f} earnings per share for the quarter, "
            f"beating the consensus estimate of ${rng.uniform(0.1, 4):.2f}. The business had revenue "
            f"of ${rng.uniform(1, 90):.2f} billion during the quarter. Several institutional investors "
            f"have recently modified their holdings of the stock. Institutional investors own "
            f"{rng.uniform(40, 90):.2f}% of the company's stock.\n"
        )
    return pages


def _forecasts(rng: random.Random) -> dict[str, str]:
    cities = ["Paris", "Lyon", "Marseille", "Lille", "Nantes", "Toulouse", "Bordeaux"]
    pages = {}
    for day in range(4):
        lines = [f"Weather forecast for the {day + 3}th."]
        for c in cities:
            lines.append(f"In {c}, expect a high of {rng.randint(5, 30)} degrees and a low of "
                         f"{rng.randint(-3, 4)} degrees, with winds of {rng.randint(5, 60)} km/h.")
        pages[f"weather-{day}"] = " ".join(lines)
    return pages


def _results(rng: random.Random) -> dict[str, str]:
    teams = ["Arsenal", "Chelsea", "Everton", "Fulham", "Liverpool", "Burnley", "Brentford", "Watford"]
    pages = {}
    for week in range(4):
        lines = [f"Results of matchday {week + 1}."]
        for _ in range(5):
            a, b = rng.sample(teams, 2)
            lines.append(f"{a} beat {b} {rng.randint(1, 5)} goals to {rng.randint(0, 1)} in front of "
                         f"{rng.randint(10, 60) * 1000:,} fans at home.")
        pages[f"results-{week}"] = "\n".join(lines)
    return pages


def test_generated_pages_share_a_template_not_a_text() -> None:
    rng = random.Random(3)
    texts = {**_stock_pages(rng), **_forecasts(rng), **_results(rng)}
    res = trace(from_texts(texts))
    derivations = [e for e in res.graph["edges"] if e["relation"] in DERIVATION]
    assert derivations == []
    families = {p.relation for p in res.pairs}
    assert families == {"shared_template"}
    # every page met the others of its own frame, and only those
    met = {(res.documents[p.a].id.split("-")[0], res.documents[p.b].id.split("-")[0]) for p in res.pairs}
    assert met == {("stock", "stock"), ("weather", "weather"), ("results", "results")}
    # the frame lines are listed as such, not as copied content
    p = res.pairs[0]
    assert len(p.alignment.template) >= 2 and p.features.template_links == len(p.alignment.template)


def test_a_copy_that_updates_a_figure_stays_a_copy(seeds: Path) -> None:
    text = (seeds / SEED).read_text(encoding="utf-8")
    updated = text.replace("le 12 janvier", "le 13 janvier").replace("créée en 2002", "créée en 1997")
    assert updated != text
    r = compare(*from_texts({"a": text, "b": updated}))
    assert r.relation in ("duplicate", "near_duplicate"), r.features
    assert r.alignment.template == ()


def test_generated_pages_next_to_a_real_copy(seeds: Path) -> None:
    text = (seeds / SEED).read_text(encoding="utf-8")
    paras = [p for p in text.split("\n\n") if p.strip()]
    rng = random.Random(8)
    texts = {"dispatch": text, "excerpt": "\n\n".join(paras[:6]), **_forecasts(rng)}
    res = trace(from_texts(texts))
    edges = {(e["source"], e["target"]): e["relation"] for e in res.graph["edges"]}
    assert edges.get(("dispatch", "excerpt")) == "excerpt"
    assert all(r == "shared_template" for (s, t), r in edges.items() if s.startswith("weather"))


def test_names_swapped_only_in_cased_text() -> None:
    seg = lambda d, i, t: Segment(d, i, 0, len(t), i, t, t.lower())  # noqa: E731
    a = [seg(0, 0, "Netflix last posted its results on Thursday, said Netflix."),
         seg(0, 1, "Analysts expect that Netflix will post strong results, said Netflix.")]
    b = [seg(1, 0, "Boeing last posted its results on Thursday, said Boeing."),
         seg(1, 1, "Analysts expect that Boeing will post strong results, said Boeing.")]
    al = DocAlignment((Link((0,), (0,), 90.0), Link((1,), (1,), 90.0)), ())
    assert len(split_templates(a, b, al).template) == 2
    # German writes every noun with a capital: there a capital names nothing
    assert split_templates(a, b, al, cased=False) == al
    assert names(a) == frozenset({"netflix", "analysts", "thursday"})


def test_a_respelt_name_or_a_reworded_sentence_is_no_new_fact() -> None:
    assert not fills_frame("Taylor Lloyd was not qualified to tutor Khattab.",
                           "Taylor Lloyd was not qualified to tutor Kattab.", {"khattab"}, {"kattab"})
    assert not fills_frame("Beckett, 52, faces four charges near Guildford.",
                           "Beckett, 53, is accused of four charges at the force's offices in Guildford.")
    # a figure that moved, or one side only, is an edit
    assert not fills_frame("On 12 March he left, with 300 others.", "He left with 300 others on 12 March.")
    assert not fills_frame("He left with 300 others.", "He left with 300 others on 12 March.")
    # a number for a number, not a letter lost in a bad copy
    assert not fills_frame("Beach Volleyball Events O - a course.", "Beach Volleyball Events 1 - a course.", {"o"}, set())


_WORDS = st.sampled_from(["the", "rain", "Paris", "Lyon", "high", "of", "12", "15", "3,200", "3200", "in", "Nice"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=12), st.lists(_WORDS, min_size=1, max_size=12))
def test_frames_are_symmetric(wa: list[str], wb: list[str]) -> None:
    ta, tb = " ".join(wa), " ".join(wb)
    known = {"paris", "lyon", "nice"}
    assert fills_frame(ta, tb, known, known) == fills_frame(tb, ta, known, known)
    assert not fills_frame(ta, ta, known, known)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.lists(_WORDS, min_size=3, max_size=8), st.lists(_WORDS, min_size=3, max_size=8),
                          st.sampled_from([70.0, 90.0, 100.0])), min_size=1, max_size=6),
       st.sampled_from([0.3, 0.5, 0.8]))
def test_split_flips_with_the_pair(rows: list, share: float) -> None:
    seg = lambda d, i, ws: Segment(d, i, 0, 9, i, " ".join(ws), " ".join(ws).lower())  # noqa: E731
    a = [seg(0, i, r[0]) for i, r in enumerate(rows)]
    b = [seg(1, i, r[1]) for i, r in enumerate(rows)]
    links = tuple(Link((i,), (i,), r[2]) for i, r in enumerate(rows))
    config = RelationConfig(template_share=share)
    ab = split_templates(a, b, DocAlignment(links, ()), config)
    ba = split_templates(b, a, DocAlignment(tuple(Link(lk.b, lk.a, lk.score) for lk in links), ()), config)
    flip = lambda ls: tuple(Link(lk.b, lk.a, lk.score) for lk in ls)  # noqa: E731
    assert flip(ba.content) == ab.content and flip(ba.template) == ab.template
    assert set(ab.content) | set(ab.template) == set(links)


@pytest.mark.parametrize("share", [0.0, 0.5, 1.0])
def test_share_setting_bounds_the_split(share: float) -> None:
    seg = lambda d, i, t: Segment(d, i, 0, len(t), i, t, t.lower())  # noqa: E731
    a = [seg(0, 0, "In Paris, a high of 12 degrees."), seg(0, 1, "In Lyon, a high of 9 degrees."),
         seg(0, 2, "Winds will ease in the evening across the whole country.")]
    b = [seg(1, 0, "In Paris, a high of 15 degrees."), seg(1, 1, "In Lyon, a high of 7 degrees."),
         seg(1, 2, "Winds will ease in the evening across the whole country.")]
    al = DocAlignment((Link((0,), (0,), 90.0), Link((1,), (1,), 90.0), Link((2,), (2,), 100.0)), ())
    out = split_templates(a, b, al, RelationConfig(template_share=share))
    # the two frame lines hold about half the aligned characters
    assert (len(out.template) == 2) == (share <= 0.5)
