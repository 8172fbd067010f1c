"""Tests of provenance.xling: fast, no evaluation data; dictionary tests skip without FreeDict."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.xling import (
    AlignConfig,
    CrossIndex,
    IndexConfig,
    LexiconConfig,
    ProjectConfig,
    SimilarityConfig,
    align_sentences,
    available,
    cross_similarity,
    lexicon,
    missing_dictionaries_hint,
    original_probability,
    project_tokens,
    style_features,
)
from provenance.xling.direction import (
    MODELS,
    PAIR_FEATURES,
    STYLE_FEATURES,
    DirectionModel,
    pair_features,
)
from provenance.xling.lexicon import decode_b64, parse_entry, read_dictd
from provenance.xling.similarity import marks, prefix_credit, profile, word_overlap
from provenance.xling.text import char_ngrams, fold, tokenize

NO_DICT = LexiconConfig(dict_dirs=())
NGRAMS_ONLY = SimilarityConfig(project=ProjectConfig(lexicon=NO_DICT))
HAVE_DICT = available("fr", "en")
needs_dict = pytest.mark.skipif(not HAVE_DICT, reason="FreeDict fr/en not installed (scripts/install-dictionaries.sh)")
WMT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "wmt_newstest_fren.jsonl.gz"
needs_wmt = pytest.mark.skipif(not WMT.exists(), reason="../shared/eval/wmt_newstest_fren.jsonl.gz not present")

FR = [
    "Le gouvernement français a présenté mercredi son budget pour 2015.",
    "Le ministre des Finances a promis de réduire le déficit public.",
    "Les syndicats ont appelé à une grève nationale le mois prochain.",
    "La Commission européenne examinera le projet en novembre.",
]
EN = [
    "The French government presented its 2015 budget on Wednesday.",
    "The Finance Minister promised to reduce the public deficit.",
    "The unions called for a national strike next month.",
    "The European Commission will examine the plan in November.",
]


# --- dictd parsing ---------------------------------------------------------------------------

def test_decode_b64() -> None:
    assert decode_b64("A") == 0
    assert decode_b64("/") == 63
    assert decode_b64("BA") == 64


def test_parse_entry_plain_and_wiktionary() -> None:
    assert parse_entry("chat /ʃa/ <n>\n1. cat\n2. tomcat, puss\n see: {chatte}\n", wiktionary=False) == [
        "cat",
        "tomcat",
        "puss",
    ]
    body = "Haus /haʊs/ <n>\n1. maison 2.\nzum Wohnen dienendes Gebäude\n 3.\nGesamtheit der Bewohner\n"
    assert parse_entry(body, wiktionary=True) == ["maison"]


def _write_dictd(folder: Path, name: str, entries: dict[str, str]) -> Path:
    b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

    def enc(n: int) -> str:
        out = ""
        while True:
            out = b64[n % 64] + out
            n //= 64
            if n == 0:
                return out

    data = b""
    lines = []
    for head, body in entries.items():
        raw = f"{head}\n{body}\n".encode()
        lines.append(f"{head}\t{enc(len(data))}\t{enc(len(raw))}")
        data += raw
    (folder / f"{name}.dict.dz").write_bytes(gzip.compress(data))
    index = folder / f"{name}.index"
    index.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index


def test_read_dictd_and_lexicon_from_tiny_dictionary(tmp_path: Path) -> None:
    d = tmp_path / "dictd"
    d.mkdir()
    index = _write_dictd(d, "freedict-fra-eng", {"maison": "house, home", "chat": "cat"})
    _write_dictd(d, "freedict-eng-fra", {"dog": "chien"})
    assert read_dictd(index) == {"maison": ["house", "home"], "chat": ["cat"]}
    cfg = LexiconConfig(dict_dirs=(str(d),), cache_dir=str(tmp_path / "cache"), bridges=())
    table = lexicon("fr", "en", config=cfg)
    assert table["maison"] == ("house", "home")
    assert table["chien"] == ("dog",)  # from the reversed eng-fra dictionary
    assert list((tmp_path / "cache" / "xling").glob("lexicon-fr-en-*.pickle"))  # cached
    proj = ProjectConfig(lexicon=cfg)
    assert project_tokens(["Les", "maisons", "du", "chien"], "fr", config=proj) == ["house", "dog"]


# --- fallback without dictionaries -----------------------------------------------------------

def test_no_dictionaries_hint_and_availability() -> None:
    hint = missing_dictionaries_hint(config=NO_DICT)
    assert hint is not None and "install-dictionaries.sh" in hint
    assert not available("fr", "en", config=NGRAMS_ONLY)
    assert available("en", "en", config=NGRAMS_ONLY)
    assert lexicon("fr", "en", config=NO_DICT) == {}


def test_ngram_fallback_prefers_translation() -> None:
    for i, fr in enumerate(FR):
        scores = [cross_similarity(fr, "fr", en, "en", config=NGRAMS_ONLY) for en in EN]
        assert max(range(len(EN)), key=scores.__getitem__) == i
        assert all(0.0 <= s <= 1.0 for s in scores)


def test_ngram_fallback_index_and_alignment() -> None:
    idx = CrossIndex(config=IndexConfig(similarity=NGRAMS_ONLY))
    for j, en in enumerate(EN):
        idx.add(str(j), en, "en")
    assert [idx.query(fr, "fr", k=1)[0][0] for fr in FR] == ["0", "1", "2", "3"]
    links = align_sentences(FR, "fr", EN, "en", config=AlignConfig(similarity=NGRAMS_ONLY))
    assert [(i, j) for i, j, _ in links] == [(0, 0), (1, 1), (2, 2), (3, 3)]


# --- with dictionaries -----------------------------------------------------------------------

@needs_dict
def test_projection_overlaps_translation() -> None:
    fr = set(project_tokens(tokenize("Les ministres européens discutent de la crise économique."), "fr"))
    en = set(project_tokens(tokenize("European ministers discuss the economic crisis."), "en"))
    assert len(fr & en) >= 3


@needs_dict
def test_cross_similarity_translation_beats_unrelated() -> None:
    for i, fr in enumerate(FR):
        scores = [cross_similarity(fr, "fr", en, "en") for en in EN]
        assert max(range(len(EN)), key=scores.__getitem__) == i


@needs_dict
def test_alignment_with_deletions_and_merge() -> None:
    en = [EN[0] + " " + EN[1], EN[3]]  # merged 0+1, deleted 2
    links = align_sentences(FR, "fr", en, "en")
    assert [(i, j) for i, j, _ in links] == [(0, 0), (1, 0), (3, 1)]
    assert all(0.0 <= s <= 1.0 for _, _, s in links)


@needs_dict
def test_alignment_merge_across_a_deletion_and_chain() -> None:
    # English merges sentences 0 and 2 of the French, dropping 1: a group no 1-2 step expresses.
    links = align_sentences(FR, "fr", [EN[0] + " " + EN[2], EN[3]], "en")
    assert [(i, j) for i, j, _ in links] == [(0, 0), (2, 0), (3, 1)]
    assert links[0][2] == links[1][2]  # one group, one score
    # Overlapping merges: "AB|C|D" against "A|BC|D".
    fr = [FR[0] + " " + FR[1], FR[2], FR[3]]
    en = [EN[0], EN[1] + " " + EN[2], EN[3]]
    assert [(i, j) for i, j, _ in align_sentences(fr, "fr", en, "en")] == [(0, 0), (0, 1), (1, 1), (2, 2)]
    off = AlignConfig(extend=False)
    assert [(i, j) for i, j, _ in align_sentences(fr, "fr", en, "en", config=off)] == [(0, 0), (1, 1), (2, 2)]


@needs_dict
def test_alignment_prunes_a_swallowed_neighbour() -> None:
    # French sentence 2 has no counterpart; a merge must not keep it when it is not found opposite.
    fr = [FR[0], FR[1], "Le match de football a été reporté à cause de la pluie.", FR[3]]
    en = [EN[0], EN[1], EN[3]]
    assert [(i, j) for i, j, _ in align_sentences(fr, "fr", en, "en")] == [(0, 0), (1, 1), (3, 2)]


def test_marks_kept_by_translation() -> None:
    # Guillemets and English quotes are one mark; a quote is counted once, other marks each time.
    assert marks("« Pourquoi ? » (deux fois) !") == marks('"Why?" (twice)!') == (
        ("!", 1), ('"', 1), ("(", 1), (")", 1), ("?", 1)
    )
    assert marks("Il pleut.") == ()
    q_fr, q_en, s_en = (profile(t, lang, config=NGRAMS_ONLY) for t, lang in
                        (("Et alors ?", "fr"), ("So what?", "en"), ("So be it.", "en")))
    assert word_overlap(q_fr, q_en, marks=True) > word_overlap(q_fr, s_en, marks=True) == 0.0
    assert word_overlap(q_fr, q_en) == 0.0  # off by default: retrieval does not use marks


def _lcp(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


@settings(max_examples=300, deadline=None)
@given(st.text("abcé", min_size=1, max_size=6), st.text("abcé", min_size=1, max_size=6))
def test_prefix_credit_is_the_shared_prefix_share(a: str, b: str) -> None:
    # Reference: from 3 shared characters (0) to a whole 6-character stem (1), prefixes of at
    # most 5 characters, as only words with no exact match ask for it.
    heads = frozenset(b[:k] for k in range(4, len(b) + 1))
    expected = max(0, min(_lcp(a, b), 5) - 3) / 3
    assert prefix_credit((a,), heads) == pytest.approx(expected)
    assert prefix_credit((a, "zzzzzz"), heads) == pytest.approx(expected)  # best of the stems
    assert 0.0 <= prefix_credit((a,), heads) < 1.0


@needs_dict
def test_cognates_earn_partial_credit() -> None:
    fr = profile("Une attitude excusable.", "fr")
    exact, near = profile("An excusable attitude.", "en"), profile("An excuse of an attitude.", "en")
    # "excusa" against "excuse": 5 of 6 characters shared, two thirds of a match.
    assert word_overlap(fr, exact, cognates=6) == pytest.approx(1.0)
    assert word_overlap(fr, near) < word_overlap(fr, near, cognates=6) < 1.0
    assert word_overlap(fr, near, cognates=6) == pytest.approx(5 / 6)


@needs_dict
@needs_wmt
def test_alignment_of_real_questions() -> None:
    # A reader-comment thread from the WMT dev set (newsdiscussdev2015): short questions and
    # answers with few dictionary words, whose question marks survive translation.
    with gzip.open(WMT, "rt", encoding="utf-8") as f:
        sides = {r["lang"]: r["text"].split("\n") for r in map(json.loads, f)
                 if r["testset"] == "newsdiscussdev2015" and r["docid"] == "21-LeMonde"}
    fr, en = sides["fr"], sides["en"]
    assert len(fr) == len(en) == 20 and fr[18] == "Que fait-il?" and en[19] == "How long does it last?"
    links = {(i, j) for i, j, _ in align_sentences(fr, "fr", en, "en")}
    assert links == {(i, i) for i in range(len(fr))}
    # Without marks and cognates the two closing questions are left out.
    plain = {(i, j) for i, j, _ in align_sentences(fr, "fr", en, "en", config=AlignConfig(marks=False, cognates=False))}
    assert {(18, 18), (19, 19)} - plain


def test_alignment_is_monotone_and_handles_empty() -> None:
    assert align_sentences([], "fr", EN, "en") == []
    rng = random.Random(3)
    shuffled = EN[:]
    rng.shuffle(shuffled)
    links = align_sentences(FR, "fr", shuffled, "en", config=AlignConfig(similarity=NGRAMS_ONLY))
    pairs = [(i, j) for i, j, _ in links]
    assert pairs == sorted(pairs) and [j for _, j in pairs] == sorted(j for _, j in pairs)


# --- direction -------------------------------------------------------------------------------

def test_style_features_and_direction_probability() -> None:
    f = style_features("Il a dit : « oui ». Le taux est de 3,5 %.", "fr")
    assert len(f) == len(STYLE_FEATURES)
    p = original_probability(" ".join(FR), "fr", " ".join(EN), "en")
    q = original_probability(" ".join(EN), "en", " ".join(FR), "fr")
    assert 0.0 <= p <= 1.0 and p == pytest.approx(1 - q)
    assert original_probability("Hallo", "de", "Halo", "id") == 0.5


def test_direction_pair_cue_and_cap() -> None:
    fr = style_features("Un texte.", "fr")
    en = style_features("A text.", "en")
    assert pair_features(fr, en) == pytest.approx([fr[0] - en[0]])
    model = DirectionModel(("fr", "en"), (), (0.0,), (1.0,), (100.0,), 0.0, pair=PAIR_FEATURES, accuracy=0.8)
    assert model.probability(fr, en) == pytest.approx(0.8)  # capped at its held-out accuracy
    assert model.probability(en, fr) == pytest.approx(0.2)
    # The shipped model is capped too, and longer English than usual reads as a translation.
    short_en = original_probability(" ".join(FR), "fr", "Budget.", "en")
    long_en = original_probability("Budget.", "fr", " ".join(EN), "en")
    assert short_en < 0.5 < long_en
    cap = MODELS[("fr", "en")].accuracy
    assert 1 - cap - 1e-9 <= short_en and long_en <= cap + 1e-9


def test_text_helpers() -> None:
    assert fold("Élysée") == "elysee"
    assert tokenize("3,5 % d'électeurs") == ["3,5", "%", "d'", "électeurs"]
    assert char_ngrams("ab", 2) == {" a": 1, "ab": 1, "b ": 1}
