"""An agency copy outside the corpus: a family whose parentless documents credit an agency, with
no text of that agency among them, gets a latent node for the agency's copy (built from the
agency dispatch of the seeds, seed 001, which is itself left out of the corpus)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.lineage import lineage
from provenance.model import Document
from provenance.orient import credit_spans, credits, republication_credits, source_credits
from provenance.pipeline import trace
from provenance.summary import summarise

SEED = Path(__file__).resolve().parents[1] / "seeds" / "001_45e1b145ca42a96b.txt"


def _paragraphs() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return paras[1:]  # the first line is the seed's header (date and headline)


def _edges(graph: dict, relation: str) -> list[tuple[str, str]]:
    return sorted((e["source"], e["target"]) for e in graph["edges"] if e["relation"] == relation)


def named(text: str) -> list[str]:
    """The outlets a text's republication or translation credits name."""
    return [n for n, _ in republication_credits(text)]


def test_credits_read_attributions_and_credit_lines() -> None:
    assert credits("Le texte.\nAvec AFP et Reuters") == ["AFP", "Reuters"]
    assert credits("Der Text endet hier. (mit DPA)") == ["DPA"]
    assert credits("Sources: AFP, Reuters, 2022") == ["AFP", "Reuters"]
    assert credits("Ankara a protesté, rapporte Agerpres.") == ["Agerpres"]
    # a bare agency line or a copyright sits under photos: it credits the picture
    assert credits("Vladimir Poutine.\nAFP") == []
    assert credits("Photo : © AFP 2022") == []
    assert credits("Avec les AP du monde entier") == []


def test_republisher_credits_leave_out_what_the_agency_writes_itself() -> None:
    text = "Par Jean Dupont, AFP\nMOSCOU (AFP) - Le ministre a déclaré à l'AFP qu'il partait.\nSelon Reuters, rien."
    assert credit_spans(text) == [("AFP", "Par Jean Dupont, AFP"), ("AFP", "(AFP)"), ("Reuters", "Selon Reuters")]
    assert credit_spans(text, republisher=True) == [("Reuters", "Selon Reuters")]


STORY_EN = ("Libya has withdrawn $1bn in assets from the US that had been frozen for almost 20 years, the Libyan "
            "central bank has said.\n\nThe original size of the funds was $400m, the central bank told Reuters.")
STORY_FR = ("La Banque centrale européenne a relevé ses taux directeurs d'un quart de point jeudi.\n\n"
            "« L'inflation reste trop élevée », a déclaré à l'AFP un membre du conseil des gouverneurs.")


def test_credit_lines_closing_a_story_in_every_common_form() -> None:
    for line, agency in (("— Reuters", "Reuters"), ("-- AP", "AP"), ("(Reuters)", "Reuters"), ("Source: AP", "AP"),
                         ("(AFP/Reuters)", "AFP"), ("With agencies", "agencies"), ("Guardian staff and agencies", "agencies")):
        assert credits(f"{STORY_EN}\n\n{line}")[:1] == [agency], line
    for line, agency in (("Avec AFP", "AFP"), ("avec AFP", "AFP"), ("(avec agences)", "agencies"), ("Avec agences", "agencies"),
                         ("La rédaction avec AFP et agences", "AFP"), ("— AFP", "AFP")):
        assert credits(f"{STORY_FR}\n\n{line}") == [agency], line
    # after the last sentence of a paragraph, as flattened texts and some sites give it
    assert credits(STORY_FR + " Avec AFP") == ["AFP"]
    assert credits(STORY_EN + " — Reuters") == ["Reuters"]
    # agencies it names make a vague "and agencies" redundant
    assert credits(f"{STORY_EN}\n\nReuters, AFP and agencies") == ["Reuters", "AFP"]


def test_speaking_to_an_agency_is_no_credit() -> None:
    # An outlet quoting what a source told an agency does not say its text is the agency's copy,
    # not even on a known outlet's page, where a dateline's "(Reuters)" would count.
    assert credits(STORY_EN) == [] and credits(STORY_FR) == []
    page = Document("p", STORY_EN + " He said in an interview with Reuters that talks continue.", source="dailyherald.example")
    assert source_credits(page) == ()
    assert credits("Le ministre a confié à l'AFP qu'il partait. Il s'est entretenu avec AFP hier.") == []
    # a machine translation of "raconte à l'AFP Moustapha, responsable..." puts the agency after
    # the verb, as a credit would stand; the speaker's name and its comma tell them apart
    assert credits("Die Tests verliefen ruhig, berichtet AFP Moustapha, Leiter der Sicherheit.") == []
    assert credits("Die Tests verliefen ruhig, berichtet AFP.") == ["AFP"]
    assert credits("Les essais sont calmes, rapporte l'AFP mardi. Selon Reuters, Ahmed, un témoin, a fui.") == ["AFP", "Reuters"]
    # words that only look like an unnamed credit
    assert credits("The agencies said they would meet.\n\nHe works with agencies in Brussels.") == []


def test_agency_datelines_and_bylines_are_the_agencys_own_marks() -> None:
    for text, agency in (("LONDON (Reuters) - " + STORY_EN, "Reuters"), ("By Jane Smith, Reuters\n\n" + STORY_EN, "Reuters"),
                         ("By JOHN DOE, Associated Press Writer\n\n" + STORY_EN, "Associated Press"),
                         ("Par Jean Dupont et Marie Martin, AFP\n\n" + STORY_FR, "AFP"),
                         ("By The Associated Press\n\n" + STORY_EN, "Associated Press"),
                         ("Par Jean Dupont de l'AFP\n\n" + STORY_FR, "AFP"),
                         ("FRANCFORT, 3 mars (AFP) - " + STORY_FR, "AFP")):
        assert credits(text) == [agency], text
        # the agency's dispatch carries them: no republisher's credit, nor on a page of unknown outlet
        assert credit_spans(text, republisher=True) == [] and source_credits(Document("d", text)) == ()
        assert [a for a, _ in source_credits(Document("d", text, source="infos-locales.example"))] == [agency]


def test_copies_crediting_unnamed_agencies_hang_under_a_latent_agency_copy() -> None:
    body = _paragraphs()
    first = Document("first", "\n\n".join(body) + "\n\nAvec agences", date="2022-01-03")
    copy = Document("copy", "\n\n".join(body[:-1]), date="2022-01-04")
    g = trace([first, copy]).graph
    assert _edges(g, "credited") == [("latent:agency:agencies:first", "first")]
    edge = next(e for e in g["edges"] if e["relation"] == "credited")
    assert "“Avec agences”" in edge["evidence"][0] and "an agency's own" in edge["evidence"][0]
    # an agency's own text in the family may be the copy the credit means: no latent node
    dispatch = Document("dispatch", "MOSCOU (AFP) - " + "\n\n".join(body), date="2022-01-02", source="afp.com")
    assert _edges(trace([dispatch, first, copy]).graph, "credited") == []


def test_copies_of_an_absent_dispatch_hang_under_a_latent_agency_copy() -> None:
    body = _paragraphs()
    full = Document("courrier", "Le Courrier > Monde\n\n" + "\n\n".join(body) + "\n\nAvec AFP", date="2022-01-03")
    part = Document("actu", "\n\n".join(body[:-2]) + "\n\nLire aussi : Les marchés en hausse", date="2022-01-04")
    other = Document("autre", "Le Parlement a adopté la loi de finances mardi soir, selon l'AFP. "
                     "Le texte prévoit une hausse des dépenses de défense.", date="2022-01-03")
    res = trace([full, part, other])
    g = res.graph
    assert _edges(g, "excerpt") == [("courrier", "actu")] or _edges(g, "rewrite") == [("courrier", "actu")]
    assert _edges(g, "credited") == [("latent:agency:AFP:courrier", "courrier")]
    node = next(n for n in g["nodes"] if n["id"] == "latent:agency:AFP:courrier")
    assert node["kind"] == "latent" and node["label"] == "AFP, credited by courrier"
    edge = next(e for e in g["edges"] if e["relation"] == "credited")
    assert edge["directed"] and "“Avec AFP”" in edge["evidence"][0]
    # a document that credits an agency but was copied by nobody is no family: no latent node
    assert not any(n["id"].endswith(":autre") for n in g["nodes"])
    # the latent copy is where the copy of a copy came from, and the summary lists it as such
    assert "latent:agency:AFP:courrier -> courrier" in lineage(g, "actu")
    derivations = summarise(res).split("Other links")[0]
    assert "latent:agency:AFP:courrier -> courrier  credited" in derivations


def test_no_latent_agency_copy_when_the_family_holds_the_agencys_own_text() -> None:
    body = _paragraphs()
    copy = Document("copy", "\n\n".join(body[:-1]) + "\n\nSource : AFP", date="2022-01-04")
    # the agency's own dispatch: its outlet is the agency, its dateline carries "(AFP)"
    dispatch = Document("dispatch", "MOSCOU (AFP) - " + "\n\n".join(body), date="2022-01-02", source="afp.com")
    g = trace([dispatch, copy]).graph
    assert _edges(g, "credited") == []
    assert any(e["source"] == "dispatch" and e["target"] == "copy" and e["directed"] for e in g["edges"])
    # without its outlet, the dateline's "(AFP)" alone does not make the dispatch a republisher
    g = trace([Document("dispatch", "MOSCOU (AFP) - " + "\n\n".join(body), date="2022-01-02"), copy]).graph
    assert _edges(g, "credited") == []


def test_an_agency_dateline_on_another_outlets_page_marks_a_republished_dispatch() -> None:
    body = _paragraphs()
    text = "MOSCOU (AFP) - " + "\n\n".join(body)
    full = Document("full", text, source="lecourrier.example")
    part = Document("part", "MOSCOU (AFP) - " + "\n\n".join(body[:-2]), source="infos-locales.example")
    g = trace([full, part]).graph
    # both pages ran the dispatch, and nothing in the trimmed one points at the other page
    linked = [e for e in g["edges"] if {e["source"], e["target"]} == {"full", "part"}]
    assert [e["relation"] for e in linked] in (["excerpt"], ["rewrite"]) and not linked[0]["directed"]
    assert _edges(g, "credited") == [("latent:agency:AFP:full", "full"), ("latent:agency:AFP:full", "part")]
    edge = next(e for e in g["edges"] if e["relation"] == "credited")
    assert "“(AFP)”" in edge["evidence"][0]
    # the agency's own page in the family: the dateline is its own, and no copy is outside
    g = trace([Document("dispatch", text, source="afp.com"), part]).graph
    assert _edges(g, "credited") == []
    assert ("dispatch", "part") in _edges(g, "excerpt") + _edges(g, "rewrite")


def test_undirected_copies_that_credit_one_agency_share_one_latent_copy() -> None:
    body = "\n\n".join(_paragraphs())
    a = Document("site-a", body + "\n\nAvec AFP")
    b = Document("site-b", body + "\n\nAvec AFP")
    g = trace([b, a]).graph
    linked = [e for e in g["edges"] if {e["source"], e["target"]} == {"site-a", "site-b"}]
    assert linked and not linked[0]["directed"]
    assert _edges(g, "credited") == [("latent:agency:AFP:site-a", "site-a"), ("latent:agency:AFP:site-a", "site-b")]


def test_outlets_running_one_dispatch_each_hang_under_the_agency_not_under_each_other() -> None:
    body = _paragraphs()[:4]
    docs = [Document("a", "Erdogan et Poutine discutent\n\nANKARA (AFP) - " + "\n\n".join(body),
                     date="2022-01-16T10:00:00Z", source="journal-a.example"),
            Document("b", "Poutine et Erdogan au téléphone\n\n" + "\n\n".join(body) + "\n\n— AFP",
                     date="2022-01-16T10:20:00Z", source="journal-b.example"),
            Document("c", "Erdogan et Poutine discutent\n\n" + "\n\n".join(body[:3]) + "\n\nSource : AFP",
                     date="2022-01-16T10:45:00Z", source="journal-c.example")]
    for corpus in (docs, [Document(d.id, d.text, source=d.source) for d in docs]):  # dated, then undated
        g = trace(corpus).graph
        assert _edges(g, "credited") == [("latent:agency:AFP:a", x) for x in "abc"]
        # an earlier page is no evidence that a later one copied it: the copies stay linked, undirected
        assert not [e for e in g["edges"] if e["directed"] and e["relation"] != "credited"]
        pair = next(e for e in g["edges"] if {e["source"], e["target"]} == {"a", "b"})
        assert not any("as a republisher does" in line for line in pair["evidence"])
        assert any("both more likely ran AFP's copy" in line for line in pair["evidence"])


RELEASE = [
    "Northfield Energy, the regional utility, today announced that it has completed the purchase of three "
    "wind farms in the Upper Midwest from Prairie Renewables for $412 million in cash.",
    "The acquisition adds 310 megawatts of generating capacity and brings the share of the company's power "
    "produced from renewable sources to 38 percent, up from 29 percent a year earlier.",
    "\"These farms are among the best-performing in the region, and they move us years ahead of the targets "
    "we set with our regulators,\" said Dana Whitfield, chief executive of Northfield Energy.",
    "The company expects the transaction to add to earnings per share in its first full year. Prairie "
    "Renewables will keep operating the sites under a five-year service agreement.",
    "About Northfield Energy\nNorthfield Energy serves 1.2 million customers in four states.",
    "Media contact: Laura Chen, Northfield Energy, +1 612 555 0142",
]


def test_outlets_running_one_press_release_hang_under_the_wire_copy() -> None:
    # Finance portals and local sites reprint a company's release from the wire word for word,
    # dateline included: none took it from another, whatever their dates.
    for dateline, wire in (("MINNEAPOLIS, March 3, 2022 /PRNewswire/ -- ", "PRNewswire"),
                           ("MINNEAPOLIS--(BUSINESS WIRE)--", "BUSINESS WIRE")):
        text = dateline + "\n\n".join(RELEASE)
        docs = [Document(f"site{i}", f"Northfield Energy buys three wind farms\n\n{text}",
                         date=f"2022-03-03T1{i}:05:00Z", source=f"outlet{i}.example") for i in range(3)]
        g = trace(docs).graph
        assert _edges(g, "credited") == [(f"latent:agency:{wire}:site0", f"site{i}") for i in range(3)]
        assert not [e for e in g["edges"] if e["directed"] and e["relation"] != "credited"]
        # The wire's own page, when it is in the corpus, is the source of every reprint.
        wire_page = Document("wire", f"Northfield Energy buys three wind farms\n\n{text}", date="2022-03-03T09:00:00Z", source=wire.title().replace(" ", "") + ".example")
        g = trace([wire_page, *docs]).graph
        assert not _edges(g, "credited")
        assert sorted((e["source"], e["target"]) for e in g["edges"] if e["directed"]) == [("wire", f"site{i}") for i in range(3)]


def test_outlets_running_a_companys_release_hang_under_the_issuer() -> None:
    # No wire dateline: the release's closing "About Northfield Energy" paragraph, which only the
    # company writes, says whose text the reprints ran.
    text = "Northfield Energy buys three wind farms\n\n" + "\n\n".join(RELEASE)
    docs = [Document(f"site{i}", text, date=f"2022-03-03T1{i}:05:00Z", source=f"outlet{i}.example") for i in range(3)]
    g = trace(docs).graph
    assert _edges(g, "credited") == [("latent:source:Northfield Energy:site0", f"site{i}") for i in range(3)]
    assert not [e for e in g["edges"] if e["directed"] and e["relation"] != "credited"]
    # The company's own page is their source.
    own = Document("own", text, date="2022-03-03T08:00:00Z", source="northfield-energy.example")
    g = trace([own, *docs]).graph
    assert not _edges(g, "credited")
    assert sorted((e["source"], e["target"]) for e in g["edges"] if e["directed"]) == [("own", f"site{i}") for i in range(3)]


def test_a_copy_carrying_a_pages_own_reporting_stays_its_copy_though_both_credit_the_agency() -> None:
    # One outlet runs the bare dispatch; another adds two paragraphs of its own; a scraper copies
    # the second page whole. Only that page has those paragraphs: the scraper took them there.
    body = _paragraphs()[:4]
    own = ["Dans notre département, la préfecture a reçu dimanche soir les représentants des deux communautés, "
           "a indiqué à notre rédaction le directeur de cabinet du préfet.",
           "Une réunion publique est prévue jeudi à la mairie, selon l'adjoint chargé de la sécurité."]
    page = Document("page", "\n\n".join([*body, *own, "Avec AFP"]), date="2022-01-16T10:00:00Z", source="lefil.example")
    bare = Document("bare", "\n\n".join([*body, "Source : AFP"]), date="2022-01-16T09:30:00Z", source="quotidien.example")
    scrape = Document("scrape", page.text, date="2022-01-16T12:00:00Z", source="scraper.example")
    g = trace([page, bare, scrape]).graph
    directed = [(e["source"], e["target"]) for e in g["edges"] if e["directed"] and e["relation"] != "credited"]
    assert directed == [("page", "scrape")]
    assert _edges(g, "credited") == [("latent:agency:AFP:bare", "bare"), ("latent:agency:AFP:bare", "page")]


def test_a_copy_that_names_the_page_it_took_stays_its_copy_though_both_credit_the_agency() -> None:
    body = _paragraphs()[:4]
    a = Document("a", "ANKARA (AFP) - " + "\n\n".join(body), date="2022-01-16T10:00:00Z", source="lecourrier.fr")
    b = Document("b", "\n\n".join(body) + "\n\nSelon Le Courrier, avec AFP", date="2022-01-16T11:00:00Z",
                 source="journal-b.example")
    g = trace([a, b]).graph
    assert [(e["source"], e["target"]) for e in g["edges"] if e["directed"] and e["relation"] != "credited"] == [("a", "b")]


def test_machine_translations_of_one_family_share_their_latent_original() -> None:
    from provenance.load import to_document

    body = "\n\n".join(_paragraphs())
    notice = "Cet article a été traduit automatiquement du russe."
    docs = [to_document({"id": i, "text": f"{body}\n\n{notice}"}) for i in ("site-b", "site-a")]
    docs.append(to_document({"id": "other", "text": "Le Parlement a adopté la loi de finances mardi soir. "
                             "Le texte prévoit une hausse des dépenses de défense.\n\n" + notice}))
    assert all(d.machine_translated and d.source_language == "ru" for d in docs)
    g = trace(docs).graph
    # one original for the two undirected copies of one translation; another for the unrelated text
    assert _edges(g, "translation") == [("latent:original:other", "other"),
                                         ("latent:original:site-a", "site-a"), ("latent:original:site-a", "site-b")]
    node = next(n for n in g["nodes"] if n["id"] == "latent:original:site-a")
    assert node["label"] == "original of site-a, site-b (ru)"


def test_republication_credits_name_the_first_publisher() -> None:

    assert named("Texte.\nThis article was originally published on ProPublica.") == ["ProPublica"]
    assert named("Republished with permission from Kaiser Health News.") == ["Kaiser Health News"]
    assert named("Originally published at theconversation.com") == ["theconversation.com"]
    assert named("Article initialement publié sur le site de Reporterre, le 3 mars.") == ["Reporterre"]
    assert named("Dieser Artikel erschien zuerst auf ZEIT ONLINE.") == ["ZEIT ONLINE"]
    assert named("Publicado originalmente en El País.") == ["El País"]
    assert named("Questo articolo è stato pubblicato originariamente su Il Post.") == ["Il Post"]
    # no outlet named; a date; a sentence of the story, not a credit line
    assert named("Originally published in the print edition.") == []
    assert named("First published on 12 May 2019.") == []
    assert named("Godzilla first appeared in 1954 as a lizard.") == []
    assert named("He said the allegations first appeared in the Guardian of Oct 20, 1994.") == []
    assert named("L'article paru dans le mensuel Society a fait réagir le ministre.") == []


def test_copies_of_an_article_first_published_outside_the_corpus_hang_under_a_latent_source() -> None:
    """Two sites republish a story "originally published on" an outlet whose page is not in the
    corpus: the family's parentless documents hang under a latent node for that page, as for an
    agency's."""
    body = "\n\n".join(_paragraphs())
    credit = "This article was originally published on Kyiv Independent Online."
    a = Document("site-a", f"{body}\n\n{credit}", date="2022-01-03", source="site-a.example")
    b = Document("site-b", f"{body}\n\n{credit}", date="2022-01-04", source="site-b.example")
    g = trace([a, b]).graph
    linked = [e for e in g["edges"] if {e["source"], e["target"]} == {"site-a", "site-b"}]
    assert [e["relation"] for e in linked] in (["duplicate"], ["near_duplicate"])
    # both ran the first publisher's article: neither is the other's source
    assert not linked[0]["directed"]
    assert _edges(g, "credited") == [("latent:source:Kyiv Independent Online:site-a", "site-a"),
                                     ("latent:source:Kyiv Independent Online:site-a", "site-b")]
    edge = next(e for e in g["edges"] if e["relation"] == "credited")
    assert "originally published on Kyiv Independent Online" in edge["evidence"][0]
    # the first publisher's own page in the corpus: it is the parent, no latent node
    own = Document("kyiv", body, date="2022-01-02", source="kyivindependentonline.com")
    g = trace([a, b, own]).graph
    assert _edges(g, "credited") == []
    assert any(e["source"] == "kyiv" and e["target"] == "site-a" and e["directed"] for e in g["edges"])
    # The credit points at the first publisher's page, not at another text: between a copy that
    # keeps it and one that dropped it, it is no evidence of who copied whom.
    plain = Document("plain", body, source="plain.example")
    g = trace([plain, Document("cred", f"{body}\n\n{credit}", source="cred.example")]).graph
    e = next(e for e in g["edges"] if {e["source"], e["target"]} == {"plain", "cred"})
    assert not any("credits Kyiv" in x for x in e["evidence"])


def test_a_credited_name_ends_with_its_sentence() -> None:
    """"Le Monde. Translated by..." names Le Monde: a full stop ends the name unless it is an
    address's or an abbreviation's."""

    assert named("Text.\nThis article first appeared in Le Monde. Translated by Jane Smith.") == ["Le Monde"]
    assert named("Originally published at theconversation.com. Republish it under our licence.") == ["theconversation.com"]
    assert named("Originally published in the St. Louis Post-Dispatch.") == ["St. Louis Post-Dispatch"]
    assert named("Originally published in 2019. Reuters contributed reporting.") == []


def test_translation_credits_name_the_original_outlet() -> None:
    from provenance.orient import translated_language

    assert named("Text.\nThis article was translated from Le Monde.") == ["Le Monde"]
    assert named("This article was originally published in French by Le Monde.") == ["Le Monde"]
    assert named("Translated from the French original in Le Monde by our staff.") == ["Le Monde"]
    assert named("Article traduit de l'anglais, paru initialement dans The Guardian le 3 mars.") == ["The Guardian"]
    assert named("Übersetzt aus dem Englischen, zuerst erschienen im Guardian.") == ["Guardian"]
    assert named("Este artículo fue publicado originalmente en inglés en The Guardian.") == ["The Guardian"]
    assert named("Traducido de The New York Times.") == ["The New York Times"]
    # the translator is no outlet, nor a word after the credit's sentence
    assert named("Translated from the French by Jane Smith.") == []
    assert named("Traduit de l'anglais par Jean Dupont.") == []
    assert named("Aus dem Englischen übersetzt von Jane Smith.") == []
    assert named("Traducido del inglés por Ana Pérez.") == []
    assert named("Translated from Spanish. Copyright 2020 Jane Smith.") == []
    # a sentence about something translated names no original of the article
    assert named("Translated from Arabic, the letter was read out in the United Nations Security Council.") == []
    assert named("Translated from the original Russian, the statement from the Kremlin said talks would go on.") == []
    # the original's language, when the credit names one other than the text's
    assert translated_language("Text.\nTranslated from the German original in Die Zeit.", "en") == "de"
    assert translated_language("Text.\nThis article was originally published in English on The Conversation.", "en") is None


def test_a_translation_of_an_outlet_outside_the_corpus_hangs_under_a_latent_original() -> None:
    """Two sites run one French translation of a Guardian article that is not in the corpus:
    the family's root is a translation of the Guardian's page, a latent node in English."""
    from provenance.load import to_document

    body = "\n\n".join(_paragraphs())
    credit = "Article traduit de l'anglais, paru initialement dans The Guardian."
    docs = [to_document({"id": i, "text": f"{body}\n\n{credit}", "date": d, "source": f"{i}.example"})
            for i, d in (("site-a", "2022-01-03"), ("site-b", "2022-01-04"))]
    assert [(d.lang, d.source_language, d.machine_translated) for d in docs] == [("fr", "en", False)] * 2
    g = trace(docs).graph
    # both ran the translation, and neither points at the other: both hang under the original
    assert _edges(g, "translation") == [("latent:source:The Guardian:site-a", "site-a"),
                                        ("latent:source:The Guardian:site-a", "site-b")]
    assert _edges(g, "credited") == []
    node = next(n for n in g["nodes"] if n["id"] == "latent:source:The Guardian:site-a")
    assert node["lang"] == "en"
    edge = next(e for e in g["edges"] if e["relation"] == "translation")
    assert "site-a says it is translated from The Guardian" in edge["evidence"][0]
    # the Guardian's own page in the corpus: it is the original, no latent node
    own = to_document({"id": "guardian", "text": body, "date": "2022-01-02", "source": "theguardian.com"})
    g = trace([*docs, own]).graph
    assert not any(n["kind"] == "latent" for n in g["nodes"])


CREDIT_PIECES = st.sampled_from([
    "With", "with", "Avec", "avec", "agencies", "Agences", "wire services", "staff", "and", "et", "By", "Par", "Jane Smith",
    "told", "Source:", "Reuters", "AFP", "AP", "PA", "News", "— ", "-- ", "(", ")", ",", "/", ".", " ", "\n", "x", "é",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(CREDIT_PIECES, max_size=14).map("".join))
def test_credit_prechecks_never_drop_a_credit(text: str) -> None:
    from provenance.orient import _credit_spans, _credit_spans_reference

    assert _credit_spans.__wrapped__(text) == _credit_spans_reference(text)


def test_a_press_wire_is_credited_by_its_dateline_not_by_a_story_about_it() -> None:
    # "Business Wire reported record traffic" is news about the company; "--(BUSINESS WIRE)--" is
    # the wire's dateline, and a wire's own site under another name (presseportal.de for ots) is it.
    assert credits("Berkshire owns Business Wire. Business Wire reported record traffic, according to Business Wire.") == []
    assert credits("NEW YORK--(BUSINESS WIRE)--Acme said.") == ["BUSINESS WIRE"]
    assert credits("Der Text.\nQuelle: ots") == ["ots"]
    from provenance.orient import credited_outlet
    assert credited_outlet((("ots", "(ots)"),), Document("p", "t", source="www.presseportal.de")) == "(ots)"
    assert credited_outlet((("ots", "(ots)"),), Document("p", "t", source="www.presseportal.de"),
                           Document("q", "t", source="presseportal.de")) is None
