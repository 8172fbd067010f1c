"""Quoted speech: two reports quoting one speaker are the same story, not copies of each other;
a copy that keeps its source's quotations along with some of its prose stays a copy."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.load import from_texts
from provenance.model import Document
from provenance.pipeline import compare, trace
from provenance.quotes import letters, quote_spans, quote_spans_reference, quoted_letters

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
