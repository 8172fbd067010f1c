"""Quoted speech: two reports quoting one speaker are the same story, not copies of each other;
a copy that keeps its source's quotations along with some of its prose stays a copy."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.engines import get_engine
from provenance.load import from_texts
from provenance.model import Document
from provenance.pipeline import TraceConfig, compare, prepare, trace
from provenance.quotes import (
    letters,
    marked_words,
    quote_spans,
    quote_spans_reference,
    quoted_letters,
    sentence_quotes,
    shared_quoted,
    shared_quoted_reference,
)

# --- the kernel --------------------------------------------------------------------------------


def _quoted(text: str) -> list[str]:
    return [text[a:b] for a, b in quote_spans(text)]


def test_quotation_marks_of_every_common_style() -> None:
    assert _quoted("“We will not raise taxes,” he said.") == ["“We will not raise taxes,”"]
    assert _quoted('He said: "We will not raise taxes." Then he left.') == ['"We will not raise taxes."']
    # British single quotes, with apostrophes that neither open nor close one
    assert _quoted("'We won't stop now,' he said. It's the players' turn.") == ["'We won't stop now,'"]
    assert _quoted("Le ministre a dit : « Nous n’augmenterons pas les impôts », l’air grave.") == [
        "« Nous n’augmenterons pas les impôts »"]
    assert _quoted("Der Minister sagte: „Wir erhöhen die Steuern nicht.“") == ["„Wir erhöhen die Steuern nicht.“"]
    # wire copy in ASCII, with a quotation inside the quotation
    assert _quoted("``He said `Oh you remember that', and left,'' she said.") == ["``He said `Oh you remember that', and left,''"]
    assert _quoted("Rien à signaler, l'AFP l'a confirmé. Don't panic.") == []


def test_a_quotation_left_open_runs_to_the_paragraphs_end_only_when_it_opens_the_paragraph() -> None:
    # several paragraphs of one quotation: each opens with a mark, only the last one closes
    assert _quoted("“I felt from the start that it was serious. I wanted a jury.") == [
        "“I felt from the start that it was serious. I wanted a jury."]
    # a stray mark inside a paragraph opens nothing
    assert _quoted("The 6” screen and the 5“ one sold out.") == []


QUOTE_PIECES = st.sampled_from(["“", "”", "„", "«", "»", "‘", "’", "‚", "`", "``", "''", "'", '"', " ", "a", "B", "1",
                                ",", ".", "\n", "(", "-", " he said", "don't", "l'AFP"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(QUOTE_PIECES, max_size=20).map("".join), st.integers(0, 3), st.integers(0, 3))
def test_quote_spans_match_the_character_by_character_reading(text: str, lo: int, cut: int) -> None:
    start = min(lo, len(text))
    end = max(start, len(text) - cut)
    found = quote_spans(text, start, end)
    assert found == quote_spans_reference(text, start, end)
    # disjoint, in order, within the paragraph
    assert all(start <= a < b <= end for a, b in found)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(found, found[1:], strict=False))


def test_a_sentence_is_quoted_speech_when_most_of_it_is_in_quotation_marks() -> None:
    said = "“Stability has been the foundation of everything we have achieved,” the chancellor said."
    assert quoted_letters(said, quote_spans(said), 0, len(said)) / letters(said, 0, len(said)) > 0.6
    told = "Mr Brown told the audience that the economy was “in its longest period of growth”."
    assert quoted_letters(told, quote_spans(told), 0, len(told)) / letters(told, 0, len(told)) < 0.6


def _marked(text: str) -> list[tuple[str, bool]]:
    return marked_words(text, quote_spans(text), 0, len(text))


def _share(a: str, b: str) -> tuple[int, int]:
    return shared_quoted(_marked(a), _marked(b))


def test_the_words_of_a_quotation_are_marked_in_every_common_style() -> None:
    inside = ["nous", "ne", "cederons", "rien"]
    for text in ("Le ministre a dit : « Nous ne céderons rien », l’air grave.",
                 "Le ministre a dit :\u00a0«\u00a0Nous ne céderons rien\u00a0», l’air grave.",  # French spacing
                 "Le ministre a dit : ‹ Nous ne céderons rien ›, l’air grave.",
                 "Le ministre a dit : “Nous ne céderons rien”, l’air grave.",
                 "Le ministre a dit : „Nous ne céderons rien“, l’air grave.",
                 'Le ministre a dit : "Nous ne céderons rien", l’air grave.',
                 "Le ministre a dit : 'Nous ne céderons rien', l’air grave."):
        marked = _marked(text)
        assert [w for w, q in marked if q] == inside, text
        assert [w for w, q in marked if not q] == ["le", "ministre", "a", "dit", "l", "air", "grave"], text
    # reported speech, with no marks, is the writer's own words
    assert not any(q for _w, q in _marked("Le ministre a dit qu'il ne céderait rien, l'air grave."))


def test_an_attribution_each_writer_wrote_around_one_quotation_is_not_shared() -> None:
    quote = "“It is not racist to talk about controlling immigration, far from it,”"
    a = f"{quote} the Conservative leader told party activists at a launch in central London."
    b = f"Michael Howard, unveiling the policy in a speech in Westminster, said: {quote[:-2]}.”"
    inside, shared = _share(a, b)
    assert inside == shared == 12
    # a French incise, and an attribution that opens the sentence
    q = "« Ces réunions sont des attrape-couillons où on se fait avoir à chaque fois »"
    inside, shared = _share(f"{q}, a estimé Alain Reynes, le directeur de Pays de l'ours, joint par téléphone.",
                            f"Pour le porte-parole des éleveurs, {q}.")
    assert inside == shared == 14
    # an attribution copied word for word is shared, outside the quotation
    copied = f"{quote} said Michael Howard, unveiling the policy in a speech in Westminster."
    inside, shared = _share(copied, copied.replace("“", "").replace("”", ""))
    assert inside == 0 and shared == 23
    inside, shared = _share(copied, copied)
    assert (inside, shared) == (12, 23)


MARKED_WORDS = st.lists(st.tuples(st.sampled_from(["he", "said", "the", "tax", "will", "not", "rise", "de", "l", "ours"]),
                                  st.booleans()), max_size=14)


@settings(max_examples=500, deadline=None)
@given(MARKED_WORDS, MARKED_WORDS, st.lists(st.sampled_from(["unveiling", "westminster", "estime", "joint"]), max_size=6))
def test_shared_quoted_words_match_the_textbook_lcs(a, b, own) -> None:
    inside, shared = shared_quoted(a, b)
    assert (inside, shared) == shared_quoted_reference(a, b)
    assert 0 <= inside <= shared <= min(len(a), len(b))
    # words of one side's own that the other lacks (an attribution, an incise) change nothing
    for q in (False, True):
        assert shared_quoted([*a, *((w, q) for w in own)], b) == (inside, shared)
        assert shared_quoted(a, [*((w, q) for w in own), *b]) == (inside, shared)


# --- two reports of one speech -----------------------------------------------------------------

QUOTES_EN = [
    "“We will not raise the basic rate of income tax, and we will not raise the top rate of income tax,” he said.",
    "“This is a budget for hard-working families who want to get on in life and who want security for their children.”",
    "“Stability has been the foundation of everything we have achieved, and I will not put it at risk for short-term gain.”",
]
REPORT_A = [
    "Brown rules out income tax rise",
    "Chancellor Gordon Brown used a speech to business leaders in Manchester on Thursday to promise that Labour "
    "would not increase income tax if it won a third term.",
    QUOTES_EN[0],
    "The pledge, which mirrors one made before the 2001 election, is designed to neutralise Conservative attacks on "
    "Labour's tax record.",
    "Mr Brown told the audience of about 300 executives that the economy was enjoying its longest period of growth "
    "for two centuries.",
    QUOTES_EN[1],
    "Shadow chancellor Oliver Letwin said the promise was worthless because other taxes had gone up 66 times since 1997.",
    QUOTES_EN[2],
]
REPORT_B = [
    "Brown promises stability in pre-election pitch",
    "Gordon Brown has made his pitch to voters as the guardian of economic stability, telling an audience in the "
    "north-west that he would not gamble with the nation's finances.",
    QUOTES_EN[2],
    "The chancellor also repeated his pledge on the basic and top rates.",
    QUOTES_EN[0],
    "Business groups gave a cautious welcome to the speech, but the CBI said firms wanted a cut in red tape rather "
    "than new spending.",
    "Liberal Democrat Treasury spokesman Vince Cable accused the chancellor of hiding a black hole in the public finances.",
    QUOTES_EN[1],
    "The election is widely expected to be held on 5 May.",
]

QUOTES_FR = [
    "« Nous ne céderons rien sur la laïcité, rien sur l'égalité entre les femmes et les hommes », a-t-il lancé.",
    "« La République ne se négocie pas, elle se défend chaque jour dans chaque école de France. »",
    "« Je demande à chaque préfet de réunir les maires de son département avant la fin du mois. »",
]
RAPPORT_A = [
    "Le Premier ministre promet de défendre la laïcité",
    "Devant les députés réunis mardi après-midi, le chef du gouvernement a présenté les grandes lignes de son projet "
    "de loi sur les principes républicains.",
    QUOTES_FR[0],
    "L'opposition de droite a jugé le texte trop timide, tandis que la gauche dénonce une stigmatisation des musulmans.",
    QUOTES_FR[1],
    "Le projet sera examiné en commission à partir du 15 janvier, avant un vote solennel prévu en février.",
    QUOTES_FR[2],
]
RAPPORT_B = [
    "Laïcité : Matignon durcit le ton face aux députés",
    "C'est un discours offensif qu'a tenu le locataire de Matignon dans l'hémicycle, où il était venu défendre un texte "
    "très attendu par sa majorité.",
    QUOTES_FR[2],
    "Plusieurs associations de maires ont aussitôt réclamé des moyens supplémentaires pour appliquer ces consignes.",
    QUOTES_FR[0],
    "Dans les couloirs de l'Assemblée, certains élus de la majorité reconnaissaient toutefois des divergences sur "
    "l'enseignement à domicile.",
    QUOTES_FR[1],
]


def _pair(a: list[str], b: list[str]) -> tuple[Document, Document]:
    x, y = from_texts({"a": "\n\n".join(a), "b": "\n\n".join(b)})
    return x, y


def test_two_reports_quoting_one_speech_are_the_same_story_in_english_and_french() -> None:
    for a, b in ((REPORT_A, REPORT_B), (RAPPORT_A, RAPPORT_B)):
        x, y = _pair(a, b)
        p = compare(x, y)
        assert p.relation == "same_story", a[0]
        assert p.features.quote_links == 3 and p.features.links == 0
        assert len(p.alignment.quote) == 3 and p.alignment.content == ()


# The same reports, as papers write them: each outlet's attribution in the quotation's sentence.
SAID_A = [REPORT_A[0], REPORT_A[1],
          "Gordon Brown, speaking to about 300 executives at a business breakfast in Manchester, said: “We will not "
          "raise the basic rate of income tax, and we will not raise the top rate of income tax.”",
          REPORT_A[3], REPORT_A[4], QUOTES_EN[1], REPORT_A[6], QUOTES_EN[2]]
SAID_B = [REPORT_B[0], REPORT_B[1],
          "“Stability has been the foundation of everything we have achieved, and I will not put it at risk for "
          "short-term gain,” the chancellor told his audience.",
          REPORT_B[3],
          "Asked about the top rate, he replied: “We will not raise the basic rate of income tax, and we will not "
          "raise the top rate of income tax.”",
          REPORT_B[5], REPORT_B[6], QUOTES_EN[1], REPORT_B[8]]
DIT_A = [RAPPORT_A[0], RAPPORT_A[1],
         "« Nous ne céderons rien sur la laïcité, rien sur l'égalité entre les femmes et les hommes », a lancé le "
         "Premier ministre sous les applaudissements.",
         RAPPORT_A[3], QUOTES_FR[1], RAPPORT_A[5],
         "Le chef du gouvernement a conclu : « Je demande à chaque préfet de réunir les maires de son département "
         "avant la fin du mois. »"]
DIT_B = [RAPPORT_B[0], RAPPORT_B[1],
         "« Je demande à chaque préfet de réunir les maires de son département avant la fin du mois », a insisté "
         "Jean Castex, joint par téléphone.",
         RAPPORT_B[3],
         "Pour Jean Castex, « nous ne céderons rien sur la laïcité, rien sur l'égalité entre les femmes et les hommes ».",
         RAPPORT_B[5], QUOTES_FR[1]]


def test_reports_quoting_one_speech_in_sentences_of_their_own_attribution_are_the_same_story() -> None:
    # "X, speaking to..., said: “…”" and "“…,” the chancellor told...": most of each sentence
    # is quoted, but not 60% of its letters; the words the two share are all quoted
    for a, b in ((SAID_A, SAID_B), (DIT_A, DIT_B)):
        x, y = _pair(a, b)
        p = compare(x, y)
        assert p.relation == "same_story", a[0]
        assert p.features.quote_links >= 2 and p.features.links == 0, a[0]


def test_a_copy_keeping_the_attributions_word_for_word_stays_a_copy() -> None:
    # a paper that took the report's quotations with the report's own attributions
    copy = [REPORT_B[0], REPORT_B[1], QUOTES_EN[2], REPORT_B[3], SAID_A[2], REPORT_B[5], QUOTES_EN[1]]
    x, y = _pair(SAID_A, copy)
    p = compare(x, y)
    assert p.relation == "rewrite" and p.features.quote_links == 0
    copie = [RAPPORT_B[0], RAPPORT_B[1], DIT_A[6], RAPPORT_B[3], DIT_A[2], RAPPORT_B[5], QUOTES_FR[1]]
    x, y = _pair(DIT_A, copie)
    p = compare(x, y)
    assert p.relation == "rewrite" and p.features.quote_links == 0


METER = Path(os.environ.get("PROVENANCE_EVAL", Path(__file__).resolve().parents[2] / "shared" / "eval")) / "meter.jsonl.gz"


@pytest.mark.eval
@pytest.mark.skipif(not METER.exists(), reason=f"{METER} not found (evaluation corpora)")
def test_a_real_paper_copying_wire_copy_made_of_quotations_stays_a_copy() -> None:
    # METER: a Press Association story of a murder inquiry, mostly the detective's and the
    # family's words, and the Daily Telegraph's story written from it. Every aligned sentence
    # is quoted speech, on both sides; the paper also kept the agency's own words around them
    # ("Det Chief Insp Bill Goreham, who led the...", "who would have been 15 on Tuesday").
    want = {"PA/courts/08.12.99/thomas/thomas2nl.txt", "news/courts/08.12.99/thomas/thomas351_telegraph.txt"}
    with gzip.open(METER, "rt", encoding="utf-8") as f:
        recs = {r["id"]: r for r in map(json.loads, f) if r["id"] in want}
    pa, paper = (Document(k, recs[k]["text"]) for k in sorted(want))
    p = compare(pa, paper)
    assert p.relation == "rewrite" and p.features.quote_links == 0 and p.features.links >= 5
    segs = prepare([pa, paper], TraceConfig(), get_engine("local"))

    def marked(k: int, idx: tuple[int, ...]) -> list[tuple[str, bool]]:
        text = (pa, paper)[k].text
        return [w for i in idx for w in marked_words(text, sentence_quotes(text, segs[k], i), segs[k][i].start,
                                                      segs[k][i].end)]

    for lk in p.alignment.content:
        inside, shared = shared_quoted(marked(0, lk.a), marked(1, lk.b))
        assert inside == shared > 0


def test_reports_of_one_speech_a_day_apart_get_no_direction() -> None:
    x = Document("paper-a", "\n\n".join(REPORT_A), date="2005-02-10")
    y = Document("paper-b", "\n\n".join(REPORT_B), date="2005-02-11")
    res = trace([x, y])
    [edge] = res.graph["edges"]
    assert edge["relation"] == "same_story" and not edge["directed"]
    assert "3 aligned sentences of quoted speech" in edge["evidence"][0]
    assert "two reports quoting one speaker" in edge["evidence"][0]
    # the pairs table says why too (it gave an empty list: QA)
    [row] = res.pairs_table().to_dicts()
    assert row["quote_links"] == 3 and row["aligned_sentences"] == 0 and row["evidence"] == edge["evidence"]


def test_a_copy_keeping_quotes_and_a_sentence_of_prose_stays_a_copy() -> None:
    # a paper that took the quotations along with one sentence of the report's narrative
    copy = [REPORT_B[0], REPORT_B[1], QUOTES_EN[2], REPORT_A[3], QUOTES_EN[0], REPORT_B[5], QUOTES_EN[1]]
    x, y = _pair(REPORT_A, copy)
    assert compare(x, y).relation == "rewrite"


def test_a_copy_keeping_quotes_and_the_phrasing_of_the_prose_stays_a_copy() -> None:
    # no sentence of narrative aligns, but the copy keeps a run of the report's own words
    copy = list(RAPPORT_B)
    copy[3] = ("Selon le texte, le projet sera examiné en commission à partir du 15 janvier, "
               "ont aussitôt précisé plusieurs associations de maires inquiètes.")
    x, y = _pair(RAPPORT_A, copy)
    p = compare(x, y)
    assert p.relation == "rewrite" and p.features.quote_links == 0


def test_a_text_of_quotations_alone_is_not_taken_for_a_report_of_its_own() -> None:
    # nothing but the other's quotations: it may be cut from it, so it stays its excerpt
    x, y = _pair(REPORT_A, QUOTES_EN)
    assert compare(x, y).relation in ("excerpt", "rewrite")


# --- embedded posts, and words one text quotes from another ------------------------------------

POST = ["We have today agreed a package of measures to support families with the rising cost of energy bills "
        "this winter. Every household will receive help, and the most vulnerable will receive the most.",
        "— Department for Energy (@EnergyDept) 3 March 2025"]
STORIES = {
    "rail": ["Rail fares to rise by 4% in March",
             "Regulated rail fares in England will rise by up to 4% from next month, the transport secretary has confirmed, "
             "in what unions called another blow to commuters already facing higher bills.",
             "Ministers were also asked about household budgets on Thursday, and pointed to an announcement made online:",
             *POST,
             "The increase is below the rate of inflation for the second year running, but passenger groups said services "
             "on many routes were still too unreliable to justify any rise at all."],
    "schools": ["Teachers vote to accept pay offer",
                "Members of the largest teachers' union have voted to accept a 5.5% pay rise, ending months of disputes "
                "that led to strike days in hundreds of schools across the country.",
                "The government's message to parents this week was about heating rather than classrooms:",
                *POST,
                "Head teachers warned that the award would still have to be paid for out of existing school budgets, "
                "and that some schools would have to cut staff to afford it."],
}


def test_an_embedded_posts_signature_marks_its_text_as_quoted() -> None:
    from provenance.quotes import document_quotes, post_signature
    from provenance.segment import segment

    assert post_signature(POST[1]) == 0 and post_signature("Contact: desk@example.com - 24 hours a day") is None
    doc = from_texts({"s": "\n\n".join(STORIES["rail"])})[0]
    segs = segment(0, doc)
    spans = document_quotes(doc.text, segs)
    quoted = "".join(doc.text[a:b] for a, b in spans)
    assert POST[0] in quoted and POST[1] in quoted and STORIES["rail"][1] not in quoted


def test_stories_that_embed_one_post_are_not_copies_of_each_other_and_the_post_is_their_source() -> None:
    post = Document("post", "\n\n".join(POST))
    docs = [post, *from_texts({k: "\n\n".join(v) for k, v in STORIES.items()})]
    res = trace(docs)
    by_pair = {(e["source"], e["target"]): e for e in res.graph["edges"]}
    assert by_pair[("rail", "schools")]["relation"] == "same_story"
    for story in STORIES:
        edge = by_pair[("post", story)]
        assert edge["directed"], edge
        assert any(f"{story} embeds the social post that post holds alone" in ev for ev in edge["evidence"])


def test_quotation_marks_alone_do_not_say_which_text_is_the_source() -> None:
    # A paper that sets a statement's words in quotation marks, and one that copied the paper and
    # dropped the marks (as papers do with agency copy): the marks point neither way.
    statement = ("Northwind Energy today announced that it will close its Carrow Road plant by the end of the year. "
                 "The decision follows a review of the site's costs, which have doubled since 2020. "
                 "All 240 employees will be offered roles at other Northwind sites or a redundancy package.")
    report = ("Hundreds of jobs are at risk in Norwich after a power company said it would shut one of the city's "
              "largest employers. “Northwind Energy today announced that it will close its Carrow Road plant by the end "
              "of the year.” “The decision follows a review of the site's costs, which have doubled since 2020.” "
              "“All 240 employees will be offered roles at other Northwind sites or a redundancy package,” the company "
              "said in a statement. Union officials said they had not been consulted and would seek an urgent meeting "
              "with managers next week.")
    for first, second in ((("statement", statement), ("report", report)), (("report", report), ("statement", statement))):
        x, y = from_texts(dict((first, second)))
        p = compare(x, y)
        assert p.direction is not None and not any("embeds" in ev for ev in p.direction.evidence)
        # containment alone: the shorter text is taken for the excerpt, whichever order the pair is in
        assert (x.id if p.direction.parent == "a" else y.id) == "report"
