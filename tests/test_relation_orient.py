"""Stages 7–8: relations of constructed pairs, and direction that flips when a pair is swapped."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.load import from_texts
from provenance.model import Document, Segment
from provenance.orient import (
    _ASCII_LOOKALIKES,
    OrientConfig,
    attributions,
    compare_dates,
    links_to,
    mentions_outlet,
    mentions_outlet_reference,
    orient,
)
from provenance.pipeline import compare
from provenance.relation import DERIVATION, PairFeatures

SEED = "001_45e1b145ca42a96b.txt"

NEW_PARAGRAPHS = [
    "Les marchés financiers ont réagi avec prudence à ces annonces, le rouble reculant légèrement "
    "face au dollar lundi matin.",
    "Les analystes estiment que la rencontre du 12 janvier sera décisive pour la suite des "
    "discussions entre les deux camps.",
    "À Bruxelles, un diplomate européen a estimé que la Turquie cherchait à se poser en médiatrice "
    "entre Kiev et Moscou, comme elle l'avait fait pour les exportations de céréales.",
]
EDITS = [
    ("Le président russe", "Le chef de l'État russe"), ("a affirmé", "a assuré"),
    ("a indiqué", "a fait savoir"), ("a précisé", "a ajouté"), ("entretiennent", "maintiennent"),
    ("récemment", "ces dernières semaines"), ("en dépit d’intérêts", "malgré des intérêts"),
    ("s’inquiètent depuis des semaines", "craignent depuis un mois"), ("les deux pays", "Ankara et Moscou"),
    ("Vladimir Poutine", "Poutine"), ("l’Alliance atlantique", "l’Otan"),
]


def _paragraphs(seeds: Path) -> list[str]:
    text = (seeds / SEED).read_text(encoding="utf-8")
    return [p for p in text.split("\n\n") if p.strip()]


def _compare(ta: str, tb: str):  # type: ignore[no-untyped-def]
    a, b = from_texts({"a": ta, "b": tb})
    return compare(a, b)


def test_duplicate(seeds: Path) -> None:
    text = (seeds / SEED).read_text(encoding="utf-8")
    r = _compare(text, "Partager:\n\n" + text)
    assert r.relation == "duplicate", r.features
    assert r.features.coverage_a == pytest.approx(1.0) and r.features.similarity == pytest.approx(1.0)


def test_near_duplicate(seeds: Path) -> None:
    paras = _paragraphs(seeds)
    text = "\n\n".join(paras)
    edited = "\n\n".join(paras).replace("a affirmé", "a assuré").replace("a indiqué", "a fait savoir")
    r = _compare(text, edited)
    assert r.relation in ("duplicate", "near_duplicate"), r.features
    assert r.features.similarity < 1.0


def test_excerpt_is_the_child(seeds: Path) -> None:
    paras = _paragraphs(seeds)
    full, part = "\n\n".join(paras), "\n\n".join(paras[:7])
    r = _compare(full, part)
    assert r.relation == "excerpt", r.features
    assert r.features.coverage_b == pytest.approx(1.0) and r.features.coverage_a < 0.8
    assert r.direction is not None and r.direction.parent == "a"
    r2 = _compare(part, full)
    assert r2.relation == "excerpt" and r2.direction is not None and r2.direction.parent == "b"


def test_rewrite_made_by_editing_a_seed(seeds: Path) -> None:
    paras = _paragraphs(seeds)
    kept = paras[1:5] + paras[8:10]
    rewritten = "\n\n".join(kept)
    for old, new in EDITS:
        rewritten = rewritten.replace(old, new)
    rewritten += "\n\n" + "\n\n".join(NEW_PARAGRAPHS)
    r = _compare("\n\n".join(paras), rewritten)
    assert r.relation == "rewrite", r.features
    assert r.features.links >= 5
    assert 0.6 < r.features.similarity < 1.0


def test_dated_rewrite_points_from_earlier_to_later(seeds: Path) -> None:
    paras = _paragraphs(seeds)
    rewritten = "\n\n".join(paras[1:5] + paras[8:10] + NEW_PARAGRAPHS)
    for old, new in EDITS:
        rewritten = rewritten.replace(old, new)
    a, b = from_texts({"a": "\n\n".join(paras[1:]), "b": rewritten})
    a, b = dataclasses.replace(a, date="2022-01-02"), dataclasses.replace(b, date="2022-01-04")
    r = compare(a, b)
    assert r.relation in DERIVATION and r.direction is not None
    assert r.direction.parent == "a" and r.direction.confidence > 0.9
    assert any("before" in e for e in r.direction.evidence)
    r2 = compare(b, a)
    assert r2.direction is not None and r2.direction.parent == "b"
    assert r2.direction.confidence == pytest.approx(r.direction.confidence)


def test_unrelated_seeds_are_not_derivations(seeds: Path) -> None:
    a = (seeds / SEED).read_text(encoding="utf-8")
    b = (seeds / "003_9c670bff1a905a5e.txt").read_text(encoding="utf-8")
    assert _compare(a, b).relation not in DERIVATION


# ------------------------------------------------------------------ direction properties

ATTRIBUTION_TEXTS = [
    "Le Kremlin a confirmé l'entretien téléphonique entre les deux présidents.",
    "Le Kremlin a confirmé l'entretien, rapporte Agerpres.",
    "Selon l'AFP, les deux présidents se sont parlé dimanche.",
    "The two leaders spoke on Sunday, according to Reuters.",
    "Les deux présidents se sont parlé, selon Sputnik.",
    "Les deux présidents se sont parlé. Source : https://lemonde.fr/international/article/appel.html",
    "The two leaders spoke. Originally published at www.afp.com/en/news/leaders-call",
]
URLS = [None, "https://www.lemonde.fr/international/article/appel.html", "https://afp.com/en/news/leaders-call",
        "https://afp.com/en/news/leaders"]
DATES = st.one_of(
    st.none(),
    st.sampled_from(["2021", "2022", "2022-01", "2022-02", "2022-01-02", "2022-01-03",
                     "2022-01-02T10:00", "2022-01-02T16:54"]),
)


@st.composite
def sides(draw: st.DrawFn, name: str) -> tuple[Document, list[Segment]]:
    text = draw(st.sampled_from(ATTRIBUTION_TEXTS))
    mt = draw(st.booleans())
    doc = Document(
        id=name, text=text, date=draw(DATES),
        source=draw(st.sampled_from([None, "sputniknews.com", "lemonde.fr", "afp.com"])),
        url=draw(st.sampled_from(URLS)), canonical=draw(st.sampled_from(URLS)), wire_header=draw(st.booleans()),
        machine_translated=mt,
        source_language=draw(st.sampled_from([None, "id", "en"])) if mt else None,
    )
    reasons = draw(st.lists(st.sampled_from([None, "pattern", "counter", "header", "byline", "repeated"]),
                            max_size=8))
    segs = [Segment(doc=0, index=i, start=0, end=1, line=i, text="x", norm="x", furniture=r)
            for i, r in enumerate(reasons)]
    return doc, segs


@st.composite
def pair_features(draw: st.DrawFn) -> PairFeatures:
    cov = st.floats(0.0, 1.0, allow_nan=False)
    return PairFeatures(
        links=draw(st.integers(1, 30)), furniture_links=draw(st.integers(0, 3)),
        chars_a=1000, chars_b=800, aligned_chars_a=draw(st.integers(0, 1000)),
        aligned_chars_b=draw(st.integers(0, 800)), coverage_a=draw(cov), coverage_b=draw(cov),
        similarity=draw(st.floats(0.5, 1.0)), overlap=draw(cov),
    )


def _swap(f: PairFeatures) -> PairFeatures:
    out = dataclasses.replace(
        f, chars_a=f.chars_b, chars_b=f.chars_a, aligned_chars_a=f.aligned_chars_b,
        aligned_chars_b=f.aligned_chars_a, coverage_a=f.coverage_b, coverage_b=f.coverage_a,
    )
    for x, y in (("explained_a", "explained_b"),):  # fields the relation stage may add
        if hasattr(f, x) and hasattr(f, y):
            out = dataclasses.replace(out, **{x: getattr(f, y), y: getattr(f, x)})
    return out


@settings(max_examples=200, deadline=None)
@given(sides("a"), sides("b"), pair_features(), st.sampled_from(DERIVATION),
       st.sampled_from([OrientConfig(), OrientConfig(coverage_weight=1.0)]))
def test_direction_flips_when_the_pair_is_swapped(sa, sb, f, relation, config) -> None:  # type: ignore[no-untyped-def]
    (a, segs_a), (b, segs_b) = sa, sb
    ab = orient(a, b, segs_a, segs_b, f, relation, config)
    ba = orient(b, a, segs_b, segs_a, _swap(f), relation, config)
    flip = {"a": "b", "b": "a", None: None}
    assert ba.parent == flip[ab.parent], (ab, ba)
    assert ba.confidence == pytest.approx(ab.confidence, abs=1e-4)
    assert ba.logodds == pytest.approx(-ab.logodds, abs=1e-4)
    assert sorted(ab.evidence) == sorted(ba.evidence)
    assert 0.5 <= ab.confidence <= 1.0


@settings(max_examples=200, deadline=None)
@given(DATES, DATES)
def test_compare_dates_is_antisymmetric(da: str | None, db: str | None) -> None:
    assert compare_dates(da, db) == -compare_dates(db, da)
    if da and db and da.startswith(db):
        assert compare_dates(da, db) == 0  # equal at the common precision


def test_each_signal_alone_points_the_right_way() -> None:
    f = PairFeatures(links=5, furniture_links=0, chars_a=500, chars_b=500, aligned_chars_a=300,
                     aligned_chars_b=300, coverage_a=0.6, coverage_b=0.6, similarity=0.9, overlap=0.5)
    text = "Le Kremlin a confirmé l'entretien téléphonique entre les deux présidents."
    base = Document(id="a", text=text)
    other = Document(id="b", text=text)
    cases = [
        (dataclasses.replace(base, date="2022-01-02"), dataclasses.replace(other, date="2022-01-05")),
        (dataclasses.replace(base, wire_header=True), other),
        (base, dataclasses.replace(other, machine_translated=True, source_language="id")),
        (base, dataclasses.replace(other, text="Le Kremlin a confirmé l'entretien, rapporte Agerpres.")),
        (dataclasses.replace(base, source="sputniknews.com"),
         dataclasses.replace(other, text="Les deux présidents se sont parlé, selon Sputnik.")),
        (dataclasses.replace(base, source="lemonde.fr", extra={"site_name": "Le Monde"}),
         dataclasses.replace(other, text="Les deux présidents se sont parlé, rapporte Le Monde.")),
        (dataclasses.replace(base, url="https://www.example.org/monde/2022/01/02/appel-kremlin"),
         dataclasses.replace(other, text=text + " Lire l'article original : example.org/monde/2022/01/02/appel-kremlin.")),
    ]
    for a, b in cases:
        d = orient(a, b, [], [], f, "rewrite")
        assert d.parent == "a" and d.evidence, (a, b, d)
    assert orient(base, other, [], [], f, "rewrite").parent is None


def test_links_to_needs_the_whole_address_of_one_document() -> None:
    d = Document("x", "t", url="https://www.example.org/2022/01/story")
    assert links_to("Read it at https://example.org/2022/01/story", d) == "example.org/2022/01/story"
    assert links_to("(EXAMPLE.ORG/2022/01/STORY/)", d) == "example.org/2022/01/story"
    assert links_to("example.org/2022/01/story?utm_source=x", d) == "example.org/2022/01/story"
    for other in ("example.org/2022/01/story-two", "example.org/2022/01/story/comments",
                  "notexample.org/2022/01/story", "example.org/2022/01"):
        assert links_to(other, d) is None, other
    # A home page names an outlet, not a document.
    assert links_to("https://example.org/", Document("y", "t", url="https://example.org/")) is None
    assert links_to("anything", Document("z", "t")) is None


def test_attributions() -> None:
    assert attributions("Ankara a protesté, rapporte Agerpres. selon l'AFP, rien.") == ["Agerpres", "AFP"]
    assert attributions("Les deux présidents se sont parlé, according to Reuters.") == ["Reuters"]
    assert attributions("MOSCOU (Reuters) - Le Kremlin a parlé.") == ["Reuters"]
    assert attributions("Le président a parlé hier soir.") == []


def test_attribution_at_the_start_of_a_sentence() -> None:
    assert attributions("Selon l'AFP, les deux présidents ont parlé.") == ["AFP"]
    assert attributions("According to Reuters, the leaders spoke.") == ["Reuters"]


# --- word-level reuse measures -------------------------------------------------------------------

WORDS = st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]), max_size=40)


@given(WORDS, WORDS, st.integers(min_value=1, max_value=4))
@settings(max_examples=200, deadline=None)
def test_tiles_are_disjoint_shared_runs(a: list[str], b: list[str], min_tile: int) -> None:
    from provenance.relation import tiles

    found = tiles(a, b, min_tile)
    used_a: set[int] = set()
    used_b: set[int] = set()
    for i, j, k in found:
        assert k >= min_tile and a[i : i + k] == b[j : j + k]
        span_a, span_b = set(range(i, i + k)), set(range(j, j + k))
        assert not span_a & used_a and not span_b & used_b
        used_a |= span_a
        used_b |= span_b
    assert [t[2] for t in found] == sorted((t[2] for t in found), reverse=True)  # longest first
    # maximal: no run of min_tile words left untiled on both sides
    free = {tuple(a[i : i + min_tile]) for i in range(len(a) - min_tile + 1) if not used_a & set(range(i, i + min_tile))}
    assert not any(tuple(b[j : j + min_tile]) in free for j in range(len(b) - min_tile + 1)
                   if not used_b & set(range(j, j + min_tile)))


def test_reuse_measures_pasted_edited_and_unrelated() -> None:
    from provenance.relation import reuse_measures

    src = ["inheritance is a way to form new classes using classes that have already been defined",
           "the inheritance concept was invented in 1967 for simula"]
    same = reuse_measures(src, src)
    assert (same.contained, same.tiled_a, same.tiled_b, same.ordered, same.sentence_kept) == (1.0, 1.0, 1.0, 1.0, 1.0)
    assert same.tiles == 1 and same.mean_tile == same.words_a
    edited = reuse_measures(["inheritance is a method to create new classes from classes that were already defined",
                             "the concept of inheritance was introduced in 1967 for simula"], src)
    assert 0.0 < edited.tiled_a < 1.0 and edited.mean_tile < same.mean_tile and edited.ordered > 0.5
    other = reuse_measures(["object oriented programming supports encapsulation and polymorphism"], src)
    assert other.tiled_a == 0.0 and other.tiles == 0 and other.ordered < edited.ordered
    assert reuse_measures([], src).words_a == 0


ATTRIBUTION_PIECES = st.sampled_from([
    "selon", "Selon", "l'", "l’agence ", "le ", "AFP", "AP", "APA", "PA", "Paris", "RIA Novosti", "RIA", "Novostix",
    "Reuters", "reported", " said", "(", ")", " ", "  ", "-", "x", "é", "\n", ",", "citing", "TASS", "TASSE", "_",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(ATTRIBUTION_PIECES, max_size=14).map("".join))
def test_attributions_precheck_never_drops_a_match(text: str) -> None:
    from provenance.orient import _attributions, _attributions_reference

    assert _attributions.__wrapped__(text) == _attributions_reference(text)


GUARD_PIECES = st.sampled_from([
    "Selon", "SELON", "ſelon", "d’après", "told", "TOLD", "via", "Via", "сообщает", "Сообщает", "по данным", "据", "援引",
    "新华社", "共同通信", "によると", "AFP", "AP", "dpa", "epd", "Keystone-SDA", "RIA Novosti", "Reuters", "РИА Новости",
    " reported", " said", "(", ")", " ", "\n", "l'agence ", "the ", "x", "K", "\u212a", "é", "-", "_",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(GUARD_PIECES, max_size=14).map("".join))
def test_guarded_patterns_find_what_the_bare_ones_find(text: str) -> None:
    import re

    from provenance.orient import (
        _AGENCY_WORD,
        _AGENCY_WORD_PATTERN,
        _ATTRIBUTION,
        _ATTRIBUTION_PATTERN,
    )

    for guarded, bare in ((_ATTRIBUTION, re.compile(_ATTRIBUTION_PATTERN)), (_AGENCY_WORD, re.compile(_AGENCY_WORD_PATTERN))):
        assert [(m.span(), m.groupdict()) for m in guarded.finditer(text)] == [(m.span(), m.groupdict()) for m in bare.finditer(text)]


def test_ascii_lookalikes_are_all_the_case_blind_matches_of_ascii_letters() -> None:
    import re

    beyond_ascii = "".join(chr(cp) for cp in range(128, 0x110000) if not 0xD800 <= cp < 0xE000)
    assert set(re.findall("[a-z]", beyond_ascii, re.IGNORECASE)) == set(_ASCII_LOOKALIKES)


_OUTLET_TEXT = st.lists(st.sampled_from(
    ["Selon ", "sputniknews", "SPUTNIKNEWS", "Sputnıknews", "ſputniknews", "\u212aorea-times", "korea-times",
     "İnfo", "info", "-", ".", " ", "x", "é", "Le Monde", "le monde", "lemonde.fr", "fr.sputniknews.com", "\n",
     "the", "The ", "Guardian", "\t", "El País"]
), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(_OUTLET_TEXT, st.sampled_from(["fr.sputniknews.com", "korea-times.example", "info.example", "Le Monde",
                                       "lemonde.fr", "theguardian.co.uk", "elpais.com", "The Guardian", "Ünïcode.example", "x"]))
def test_mentions_outlet_equals_reference(text: str, source: str) -> None:
    doc = Document("d", "t", source=source)
    assert mentions_outlet(text, doc) == mentions_outlet_reference(text, doc)
    page = Document("p", "t", source=source, extra={"site_name": "Le Monde"})
    assert mentions_outlet(text, page) == mentions_outlet_reference(text, page)


_WORD = st.sampled_from(["le", "president", "russe", "a", "parle", "turc", "otan", "hier"])
_TEXT = st.lists(st.lists(_WORD, min_size=1, max_size=8).map(" ".join), max_size=8)


@settings(max_examples=200, deadline=None)
@given(_TEXT, _TEXT)
def test_common_words_of_long_texts_from_anchors_never_exceed_the_exact_count(a: list[str], b: list[str]) -> None:
    """Texts over ``max_cells`` (forced with 1) count the common words of their aligned
    sentences: a common subsequence, so at most the exact count, and all of it for a copy."""
    from provenance.align import AlignConfig, align
    from provenance.relation import common_words

    config = AlignConfig(min_chars=1)
    anchors = [(lk.a, lk.b) for lk in align(a, b, config)]
    wa, wb, exact = common_words(a, b)
    assert common_words(a, b, anchors) == (wa, wb, exact)  # short texts: exact, anchors unread
    ca, cb, bound = common_words(a, b, anchors, max_cells=1)
    assert (ca, cb) == (wa, wb) and 0 <= bound <= exact
    copy = [(lk.a, lk.b) for lk in align(a, a, config)]
    assert common_words(a, a, copy, max_cells=1)[2] == common_words(a, a)[2]


@pytest.mark.parametrize(("text", "source", "named"), [
    # Sources given as everyday words (METER's "times", "sun", "independent") are named only
    # with a capital, as outlets are in prose; not in a headline set in capitals.
    ("He had been warned three times by the court.", "times", None),
    ("The story was first reported by the Times on Monday.", "times", "times"),
    ("An independent inquiry will report next year.", "independent", None),
    ("KEBAB SHOP SOCCER STAR OBSTRUCTED POLICE, COURT TOLD", "star", None),
    ("Interviewed by the BBC, he denied it.", "BBC", "BBC"),
    ("dans le monde entier", "Le Monde", None),
    # Names written like addresses match in any case.
    ("read more at citypost-news", "citypost-news.example", "citypost-news"),
    ("Selon sputniknews.com, le président...", "fr.sputniknews.com", "sputniknews"),
    ("the paper's times.co.uk website", "times", "times"),
    ("据人民网报道，", "人民网", "人民网"),
    # An address's name part written as prose writes an outlet of several words.
    ("Selon Le Monde, le ministre a démissionné.", "www.lemonde.fr", "Le Monde"),
    ("The plan was first reported by the Guardian.", "theguardian.com", "the Guardian"),
    ("Según El País, el ministro dimitió.", "elpais.com", "El País"),
    ("The Daily Mail said so.", "www.dailymail.co.uk", "Daily Mail"),
    ("Il a voyagé dans le monde entier.", "lemonde.fr", None),
    # ...only beside a credit: such names are often phrases, or the head of a longer name
    ("The Guardian Council disqualified hundreds of candidates.", "theguardian.com", None),
    ("Flights across the Atlantic were cancelled.", "theatlantic.com", None),
    ("Les incendies ravagent la Provence depuis lundi.", "laprovence.com", None),
    ("D'après la Provence, les incendies ont repris.", "laprovence.com", "la Provence"),
    ("Independent candidates won three seats.", "www.independent.co.uk", None),
    ("The claim was first made by the Independent, according to the Independent.", "www.independent.co.uk", "Independent"),
    ("Le Parisien de 34 ans a été interpellé mardi soir.", "leparisien.fr", None),
    # a domain's one-word name is a word too (German capitalises every noun): its address names
    # the outlet, the word only beside a credit
    ("Die Zeit drängt, sagte der Minister.", "www.zeit.de", None),
    ("Wie die Zeit berichtet, trat der Minister zurück.", "www.zeit.de", "Zeit"),
    ("Mehr dazu auf zeit.de.", "www.zeit.de", "zeit"),
    ("He stood as an Independent candidate.", "www.independent.ie", None),
    # names joined by "du", "de"..., and German umlauts as addresses spell them
    ("Selon La Voix du Nord, le maire a démissionné.", "www.lavoixdunord.fr", "La Voix du Nord"),
    ("Wie die Süddeutsche berichtet, trat der Minister zurück.", "www.sueddeutsche.de", "Süddeutsche"),
    ("LE MONDE SELON ELLE", "lemonde.fr", None),
    ("The plan was first reported by the Guardian.", "The Guardian", "Guardian"),
    # an address may write a name's first two words as initials, and a German paper's name
    # without "Zeitung"; still only a whole name beside a credit
    ("As the New York Times reported on Monday, the deal collapsed.", "www.nytimes.com", "New York Times"),
    ("The Los Angeles Times said the fire spread.", "www.latimes.com", "Los Angeles Times"),
    ("The New York Times Company said revenue rose.", "www.nytimes.com", None),
    ("He moved to New York. Times were hard.", "www.nytimes.com", None),
    ("Wie die Süddeutsche Zeitung berichtet, trat der Minister zurück.", "www.sueddeutsche.de", "Süddeutsche Zeitung"),
    ("Die Süddeutsche Zeitung Stiftung vergab den Preis.", "www.sueddeutsche.de", None),
])
def test_outlet_named_as_outlets_are_written(text: str, source: str, named: str | None) -> None:
    assert mentions_outlet(text, Document("d", "t", source=source)) == named


def test_a_source_link_at_the_top_names_the_source_not_the_copy(seeds: Path) -> None:
    # An aggregator's copy with "Source: URL" under its headline, given no url of its own: the
    # link quotes the original's address; the copy is not "a version of the original's page".
    paras = [p for p in (seeds / SEED).read_text(encoding="utf-8").split("\n\n") if len(p) > 80]
    url = "https://www.le-relais.example/monde/2022/01/03/erdogan-poutine-otan"
    orig, copy = from_texts({"orig": "\n\n".join(paras), "copy": "\n\n".join([paras[0], f"Source : {url}", *paras[1:]])})
    orig = dataclasses.replace(orig, url=url, source="le-relais.example")
    assert (copy.url, copy.source) == (None, None)
    r = compare(orig, copy)
    assert r.direction is not None and r.direction.parent == "a"
    assert any(e.startswith("copy quotes the address of orig") for e in r.direction.evidence)
    assert not any("one address" in e for e in r.direction.evidence)
