"""Metadata recovered from the text: dates, outlet, language, machine-translation notices."""

from __future__ import annotations

import pytest

from provenance import metadata as md
from provenance.load import from_texts, to_document

BODY = {
    "en": "The Russian president spoke by telephone on Sunday with his Turkish counterpart about "
          "the security guarantees Moscow is demanding from the Atlantic alliance, the Kremlin said.",
    "fr": "Le président russe s'est entretenu dimanche par téléphone avec son homologue turc des "
          "garanties de sécurité que Moscou exige de l'Alliance atlantique, a indiqué le Kremlin.",
    "de": "Der russische Präsident hat am Sonntag mit seinem türkischen Amtskollegen über die "
          "Sicherheitsgarantien telefoniert, die Moskau von der Nato verlangt, teilte der Kreml mit.",
    "es": "El presidente ruso habló el domingo por teléfono con su homólogo turco sobre las "
          "garantías de seguridad que Moscú exige a la alianza atlántica, informó el Kremlin.",
    "it": "Il presidente russo ha parlato domenica al telefono con il suo omologo turco delle "
          "garanzie di sicurezza che Mosca chiede all'Alleanza atlantica, ha reso noto il Cremlino.",
    "id": "Presiden Rusia berbicara melalui telepon pada hari Minggu dengan mitranya dari Turki "
          "tentang jaminan keamanan yang dituntut Moskow dari aliansi Atlantik, kata Kremlin.",
    "nl": "De Russische president heeft zondag telefonisch met zijn Turkse ambtgenoot gesproken "
          "over de veiligheidsgaranties die Moskou van het Atlantisch bondgenootschap eist.",
}


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(("text", "date", "origin"), [
    (" date 2022-01 Erdogan et Poutine discutent sur l'Otan\n\n" + BODY["fr"], "2022-01", "header"),
    ("Published: 2021-12-07\n\n" + BODY["en"], "2021-12-07", "header"),
    ("Moscou, 02.01.2022, Sputnik France\n\n" + BODY["fr"], "2022-01-02", "header"),
    ("Berlin, 3. Januar 2022\n\n" + BODY["de"], "2022-01-03", "header"),
    ("Paris, le 2 janvier 2022\n\n" + BODY["fr"], "2022-01-02", "header"),
    ("https://fr.sputniknews.com/20220102/poutine-erdogan-1054161238.html\n\n" + BODY["fr"],
     "2022-01-02", "url"),
    ("https://www.example.com/world/2022/01/putin-erdogan-call/\n\n" + BODY["en"], "2022-01", "url"),
    ("  ---\n   16:54 01/03/00: Page 1 (ZSM) COURTS Burstein\n\n" + BODY["en"], "2000-03-01 16:54", "wire"),
])
def test_date_recovered(text: str, date: str, origin: str) -> None:
    d = to_document({"id": "x", "text": text})
    assert (d.date, d.date_origin) == (date, origin)


def test_url_date_refines_header_month() -> None:
    text = " date 2022-01 https://fr.sputniknews.com/20220102/poutine.html\n\n" + BODY["fr"]
    d = to_document({"id": "x", "text": text})
    assert (d.date, d.date_origin) == ("2022-01-02", "url")
    assert d.url == "https://fr.sputniknews.com/20220102/poutine.html"


def test_input_date_wins_over_text() -> None:
    d = to_document({"id": "x", "text": "date 2022-01\n\n" + BODY["fr"], "date": "2021-05-06T10:00:00Z"})
    assert (d.date, d.date_origin) == ("2021-05-06T10:00", "input")


def test_dates_deep_in_the_body_are_not_publication_dates() -> None:
    lines = [BODY["fr"]] * 6 + ["Le sommet se tiendra le 10.01.2022 à Genève."]
    d = to_document({"id": "x", "text": "\n\n".join(lines)})
    assert d.date is None and d.date_origin is None


def test_wire_header_day_first_and_month_first() -> None:
    text = "16:54 01/03/00: Page 1 COURTS\n" + BODY["en"]
    assert md.wire_header(text) == md.WireHeader("2000-03-01", "16:54")
    assert md.wire_header(text, day_first=False) == md.WireHeader("2000-01-03", "16:54")
    assert md.wire_header("25:99 01/03/00: not a time\n" + BODY["en"]) is None
    assert to_document({"id": "w", "text": text}).wire_header


def test_wire_clock_time_orders_an_agencys_versions_of_one_day() -> None:
    first = "11:56 02/11/99: Page 1 COURTS Doctor\n" + BODY["en"]
    later = "16:32 02/11/99: Page 1 COURTS Doctor (new lead)\n" + BODY["en"]
    assert to_document({"id": "a", "text": first}).date == "1999-11-02 11:56"
    # an input date of that day gains the wire's time; another day's date is kept as given
    assert to_document({"id": "b", "text": later, "date": "02.11.99"}).date == "1999-11-02 16:32"
    assert to_document({"id": "c", "text": later, "date": "03.11.99"}).date == "1999-11-03"
    from provenance.orient import compare_dates

    assert compare_dates("1999-11-02 11:56", "1999-11-02 16:32") == -1
    assert compare_dates("1999-11-02 16:32", "1999-11-02") == 0  # a paper of that day: no order
    # the agency's clock, of no stated zone, against a UTC time: ordered beyond 14 hours only
    assert (compare_dates("1999-11-02 16:32", "1999-11-02T12:00"), compare_dates("1999-11-02 16:32", "1999-11-02T01:00")) == (0, 1)


@pytest.mark.parametrize(("value", "iso"), [
    ("2022", "2022"), ("2022-01", "2022-01"), ("2022-1-2", "2022-01-02"),
    ("2022-01-02 16:54:00", "2022-01-02 16:54"), ("02.01.2022", "2022-01-02"), ("02.01.22", "2022-01-02"),
    ("2022-13-01", None), ("yesterday", None), ("", None), (None, None),
    # what scraped dumps and feeds hold
    ("2022/11/03", "2022-11-03"), ("20221103", "2022-11-03"), ("Thu, 03 Nov 2022 10:00:00 GMT", "2022-11-03T10:00"),
    ("Thu, 03 Nov 2022 10:00:00 +0100", "2022-11-03T09:00"), ("November 3, 2022", "2022-11-03"),
    ("Nov. 3, 2022", "2022-11-03"), ("3 novembre 2022", "2022-11-03"), ("3. März 2022", "2022-03-03"),
    ("3 ноября 2022 г.", "2022-11-03"), ("3 listopada 2022", "2022-11-03"), ("2022年11月3日", "2022-11-03"),
    ("2022년 11월 3일", "2022-11-03"), ("Nov 2022", "2022-11"), (1667469600, "2022-11-03T10:00"),
    ("1667469600000", "2022-11-03T10:00"), (12, None), (True, None), ("hello 2022", None), (2022, "2022"),
    # a numeric date with a time, the American order where only it fits, ctime, written dates
    # with a time (an input's own time of no zone is kept, written with a space; a written zone is applied)
    ("20/01/2005 09:14", "2005-01-20 09:14"), ("20.01.2005, 21:05 GMT", "2005-01-20T21:05"),
    ("01/20/2005", "2005-01-20"), ("13/13/2005", None), ("Thu Jan 20 09:14:00 2005", "2005-01-20 09:14"),
    ("January 20, 2005 9:14 PM", "2005-01-20 21:14"), ("3 novembre 2022 à 14h05", "2022-11-03 14:05"),
    # a UTC offset is applied: times from different zones compare in the right order
    ("2022-01-02T10:00:00+01:00", "2022-01-02T09:00"), ("2022-01-02T23:30:00-05:00", "2022-01-03T04:30"),
    ("2022-01-02T10:00:00.123+0530", "2022-01-02T04:30"), ("2022-01-02T10:00Z", "2022-01-02T10:00"),
    ("2022-01-02T10:00:00", "2022-01-02 10:00"), ("2022-13-02T10:00:00Z", None),
])
def test_normalise_date(value: object, iso: str | None) -> None:
    assert md.normalise_date(value) == iso


# ------------------------------------------------------------------ outlet and language


@pytest.mark.parametrize(("url", "outlet"), [
    ("https://fr.sputniknews.com/20220102/x.html", "sputniknews.com"),
    ("https://www.lemonde.fr/international/article/2022/01/02/x.html", "lemonde.fr"),
    ("http://m.spiegel.de/politik/x", "spiegel.de"),
    ("https://news.bbc.co.uk/2/hi/europe/1.stm", "bbc.co.uk"),
    (None, None),
])
def test_outlet_from_url(url: str | None, outlet: str | None) -> None:
    assert md.outlet_from_url(url) == outlet


def test_outlet_from_url_in_text() -> None:
    (d,) = from_texts({"x": "https://www.lemonde.fr/international/2022/01/02/x.html\n\n" + BODY["fr"]})
    assert d.source == "lemonde.fr"


@pytest.mark.parametrize("lang", sorted(BODY))
def test_language_detection(lang: str) -> None:
    assert md.detect_language(BODY[lang])[0] == lang
    assert to_document({"id": "x", "text": BODY[lang]}).lang == lang


def test_too_little_text_has_no_language() -> None:
    assert md.detect_language("72 0 —") == (None, 0.0)


def test_given_language_is_kept() -> None:
    assert to_document({"id": "x", "text": BODY["fr"], "lang": "ca"}).lang == "ca"


# ------------------------------------------------------------------ machine-translation notices

NOTICES = [
    # (language of the article, notice, original language named)
    ("en", "This article was automatically translated from Indonesian by our AI system.", "id"),
    ("en", "This story has been machine-translated from the original Indonesian and may contain errors.", "id"),
    ("en", "Editor's note: this report was translated from Spanish using artificial intelligence "
           "and reviewed by our newsroom.", "es"),
    ("fr", "Cet article a été traduit automatiquement de l'anglais.", "en"),
    ("fr", "Cet article a été traduit automatiquement de l’anglais ; des erreurs peuvent subsister.", "en"),
    ("fr", "Article traduit de l'allemand par une intelligence artificielle, relu par la rédaction.", "de"),
    ("fr", "Ce texte est une traduction automatique d'un article publié en russe.", "ru"),
    ("de", "Dieser Artikel wurde maschinell aus dem Englischen übersetzt.", "en"),
    ("de", "Dieser Text wurde automatisch aus dem Französischen übersetzt und redaktionell geprüft.", "fr"),
    ("de", "Dieser Beitrag wurde mit Künstlicher Intelligenz aus dem Spanischen übersetzt.", "es"),
    ("es", "Este artículo fue traducido automáticamente del inglés.", "en"),
    ("it", "Questo articolo è stato tradotto automaticamente dall'inglese.", "en"),
    ("id", "Artikel ini diterjemahkan secara otomatis dari bahasa Inggris.", "en"),
    ("nl", "Dit artikel is automatisch vertaald uit het Engels.", "en"),
    # translated "by a machine", as notices also put it
    ("fr", "Cet article a été traduit par une machine depuis l'indonésien.", "id"),
    ("en", "This article was translated by a machine from Russian.", "ru"),
    ("de", "Dieser Artikel wurde von einer Maschine aus dem Englischen übersetzt.", "en"),
    ("es", "Este artículo fue traducido por una máquina del inglés.", "en"),
    ("it", "Questo articolo è stato tradotto da una macchina dall'inglese.", "en"),
    ("fr", "The English, Chinese, Japanese, Arabic, and French versions are automatically generated "
           "by the AI. So there may still be inaccuracies in translating, please always see "
           "Indonesian as our main language. (system supported by DigitalSiber.id)", "id"),
]


@pytest.mark.parametrize(("lang", "notice", "original"), NOTICES, ids=[f"{n[0]}-{i}" for i, n in enumerate(NOTICES)])
def test_translation_notice(lang: str, notice: str, original: str) -> None:
    text = f"{BODY[lang]}\n\n{BODY[lang]}\n\n{notice}\n"
    n = md.translation_notice(text, doc_lang=lang)
    assert n is not None, notice
    assert text[n.start:n.end] == notice
    assert n.source_language == original
    d = to_document({"id": "x", "text": text})
    assert d.lang == lang
    assert d.machine_translated and d.source_language == original


@pytest.mark.parametrize("notice", ["This article was generated automatically by machine translation.",
                                    "This article was machine translated.", "(Machine translation)",
                                    "Traduction automatique"])
def test_notice_without_a_language(notice: str) -> None:
    text = BODY["en"] + f"\n\n{notice}\n"
    n = md.translation_notice(text, doc_lang="en")
    assert n is not None and n.source_language is None


@pytest.mark.parametrize(("lang", "notice"), [("fr", "Traduction automatique depuis le russe. Des erreurs peuvent subsister."),
                                            ("en", "Machine translation from Russian.")])
def test_label_notice_naming_the_original(lang: str, notice: str) -> None:
    n = md.translation_notice(f"{BODY[lang]}\n\n{notice}\n", doc_lang=lang)
    assert n is not None and n.source_language == "ru"


@pytest.mark.parametrize("text", [
    BODY["en"] + "\n\nThe minister said the treaty had been translated into Russian and Turkish.",
    BODY["fr"] + "\n\nLe traducteur de l'interprète officiel a traduit le discours en anglais.",
    BODY["en"] + "\n\nThe machine learning lab generated revenue of $3m last year.\n",
    BODY["de"],
    # news about machine translation, not notices
    BODY["en"] + "\n\nThe company said its machine translation system now supports Indonesian and Malay.",
    BODY["en"] + "\n\nDeepL's translation tool is used by millions to translate documents from German into English.",
    BODY["en"] + "\n\nResearchers found that AI-generated translations of medical leaflets contained errors.",
    BODY["en"] + "\n\nMachine translation has improved greatly.",
    BODY["fr"] + "\n\nLe logiciel de traduction automatique de Google a été lancé en 2006.",
    BODY["fr"] + "\n\nLe manuscrit a été traduit par une machine à écrire du grenier, raconte l'auteur.",
    BODY["fr"] + "\n\nLe roman a été traduit par un ami de la famille.",
    BODY["en"] + "\n\nIt is suitable for input to text formatters or for automatic translation to a variety of formats.",
])
def test_no_notice_in_ordinary_text(text: str) -> None:
    assert md.translation_notice(text) is None
    assert not to_document({"id": "x", "text": text}).machine_translated


def test_seed_notices(seeds) -> None:  # type: ignore[no-untyped-def]
    from provenance.load import load

    docs = {d.id[:3]: d for d in load(seeds).documents}
    assert docs["003"].machine_translated and docs["003"].source_language == "id"
    assert docs["004"].machine_translated and docs["004"].source_language == "id"
    for k in ("000", "001", "002"):
        assert not docs[k].machine_translated


def test_fold_of_every_latin1_character_equals_its_definition() -> None:
    from provenance.metadata import _fold, _fold_reference

    for cp in range(256):
        for text in (chr(cp), f"Ab{chr(cp)}cD"):
            assert _fold(text) == _fold_reference(text), hex(cp)
    # Text beyond Latin-1 takes the general path.
    assert _fold("Œuvre d’État, İstanbul") == _fold_reference("Œuvre d’État, İstanbul")


@pytest.mark.parametrize(("head", "iso"), [
    ("WASHINGTON, Nov. 3, 2022 (Reuters) - The Senate voted", "2022-11-03"),
    ("MOSCOU, 3 ноября 2022 г.", "2022-11-03"),
    ("北京2022年11月3日电 国家统计局发布数据", "2022-11-03"),
    ("Roma, 3 novembre 2022 - Il governo", "2022-11-03"),
    ("Lisboa, 3 de novembro de 2022", "2022-11-03"),
    ("Madrid, 3 de noviembre del 2022", "2022-11-03"),
    ("Le 3 des 2022 candidats", None),
])
def test_datelines_in_other_languages(head: str, iso: str | None) -> None:
    assert md.date_from_text(head + "\n\n" + BODY["fr"]) == iso


@pytest.mark.parametrize(("head", "iso"), [
    # a dateline, a byline, a publication line, a line that is the date: the text's date
    ("By Jane Doe | March 3, 2022", "2022-03-03"),
    ("Posted on Tuesday, October 9th, 2007 at 6:30 pm by Amy", "2007-10-09"),
    ("SAN FRANCISCO, Calif., March 3, 2022 - The company", "2022-03-03"),
    ("Lundi 3 janvier 2022", "2022-01-03"),
    ("Stand: 3. Januar 2022, 14:05 Uhr", "2022-01-03"),
    # a sentence naming a day: an event, not the text's date
    ("Le 9 janvier 2003, Estelle Mouzin, 9 ans, disparaît à Guermantes, entre son école et son domicile.", None),
    ("Richey Edwards, guitarist and lyricist for The Manic Street Preachers, vanished 10 years ago, on 1 February 1995.", None),
    ("Né à Paris le 15 août 1924, Jean Mauriac était étudiant en droit à la Libération de Paris.", None),
    ("Il y a un an, le 9 juin 2019, une foule estimée à un million de personnes défilait dans la ville.", None),
    ("Its sesquicentennial falls months before the actual date April 23, 2009 with a series.", None),
])
def test_dates_in_the_first_lines_date_the_text_only_in_a_dateline(head: str, iso: str | None) -> None:
    assert md.date_from_text("Un titre sans date\n" + head + "\n\n" + BODY["fr"]) == iso


def test_copies_across_time_zones_are_ordered_in_utc(seeds) -> None:  # type: ignore[no-untyped-def]
    # The agency files at 10:00 in Paris (09:00 UTC); a paper in London runs it at 09:30 local
    # time (UTC): read without their offsets, the copy would look earlier than its source.
    from provenance.load import to_document
    from provenance.pipeline import trace

    text = {p.name[:3]: p.read_text(encoding="utf-8") for p in seeds.glob("*.txt")}
    docs = [to_document({"id": "agency", "text": text["001"], "date": "2022-01-03T10:00:00+01:00"}),
            to_document({"id": "paper", "text": text["000"], "date": "2022-01-03T09:30:00+00:00"})]
    assert docs[0].date < docs[1].date
    edges = [e for e in trace(docs).graph["edges"] if e["directed"]]
    assert [(e["source"], e["target"]) for e in edges] == [("agency", "paper")]
    assert any("is dated 2022-01-03T09:00, before" in ev for ev in edges[0]["evidence"])


@pytest.mark.parametrize(("head", "iso"), [
    ("Published: 20 January 2005 09:14 GMT", "2005-01-20T09:14"),
    ("Publié le 3 février 2021 à 14h05 (UTC+1)", "2021-02-03T13:05"),
    ("Veröffentlicht am 20.01.2005 um 09:14 Uhr MEZ", "2005-01-20T08:14"),
    ("Jan 20, 2005, 9:14 PM ET", "2005-01-21T02:14"),  # EST in winter
    ("Jul 20, 2005, 9:14 PM ET", "2005-07-21T01:14"),  # EDT in summer
    ("Publicado el 20 de enero de 2005 a las 09:14 (GMT-3)", "2005-01-20T12:14"),
    ("2005-01-20 09:14:00 +0100", "2005-01-20T08:14"),
    ("2005-01-20 09:14", "2005-01-20"),  # no zone: local to an unknown place, the day only
    ("Publié le 03/02/2021 à 14h05", "2021-02-03"),
    ("20 janvier 2005 - 10:30 CST", "2005-01-20"),  # CST: China or the American centre
    ("Budget 2021-2022 adopted", None),
])
def test_header_times_are_kept_in_utc_when_their_zone_is_written(head: str, iso: str | None) -> None:
    assert md.date_from_text("Title\n" + head + "\n\n" + BODY["en"]) == iso


# ------------------------------------------------------------------ zones and impossible dates


@pytest.mark.parametrize("value", [
    # 2022-11-04T01:00 UTC in each form that may carry a zone abbreviation
    "Fri, 04 Nov 2022 02:00:00 CET", "Fri, 04 Nov 2022 03:00:00 CEST", "Fri, 04 Nov 2022 10:00:00 JST",
    "04 Nov 2022 02:00:00 CET", "Fri, 04 Nov 2022 01:00:00 UT", "2022-11-04 02:00 CET", "2022-11-04T02:00:00.250 CET",
    "Fri Nov  4 02:00:00 CET 2022", "November 4, 2022 2:00 AM CET", "04.11.2022 02:00 CET", "04/11/2022 04:00 MSK",
    "4 novembre 2022 à 02h00 CET", "2022-11-04 03:00 UTC+2",
])
def test_a_zone_abbreviation_is_applied_in_every_form(value: str) -> None:
    assert md.normalise_date(value) == "2022-11-04T01:00"


@pytest.mark.parametrize("value", [
    # CST is China's or the American centre's, XYZ nobody's: the day is known, the instant is not
    "Fri, 04 Nov 2022 02:00:00 CST", "Fri, 04 Nov 2022 02:00:00 XYZ", "2022-11-04 02:00 CST", "2022-11-04T02:00 IST",
    "Fri Nov  4 02:00:00 CST 2022", "November 4, 2022 2:00 AM CST", "04.11.2022 02:00 XYZ",
])
def test_an_unknown_or_ambiguous_zone_leaves_the_day_only(value: str) -> None:
    assert md.normalise_date(value) == "2022-11-04"


def test_a_copy_published_in_paris_before_london_in_utc_is_the_source(seeds) -> None:  # type: ignore[no-untyped-def]
    # 02:00 CET is 01:00 UTC, half an hour before London's 01:30 GMT: read in local time, the
    # copy would look like the source.
    from provenance.pipeline import trace

    text = next(seeds.glob("001_*.txt")).read_text(encoding="utf-8")
    docs = [to_document({"id": "london", "text": text, "date": "Fri, 04 Nov 2022 01:30:00 GMT"}),
            to_document({"id": "paris", "text": text, "date": "Fri, 04 Nov 2022 02:00:00 CET"})]
    assert [d.date for d in docs] == ["2022-11-04T01:30", "2022-11-04T01:00"]
    edges = [e for e in trace(docs).graph["edges"] if e["directed"]]
    assert [(e["source"], e["target"]) for e in edges] == [("paris", "london")]


@pytest.mark.parametrize("value", [
    "31/02/2022", "2022-02-31", "29.02.2023", "31.04.23", "20220231", 20220231, "2022-11-03T25:00:00",
    "2022-11-03 14:60", "31/02/2022 14:05", "30 février 2021", "February 30, 2021 10:00 GMT", "2021年2月30日",
    "Mon, 31 Feb 2022 10:00:00 GMT", "Mon Feb 31 10:00:00 2022", "Fri Nov  4 25:00:00 CET 2022",
])
def test_a_day_or_time_the_calendar_has_not_is_no_date(value: object) -> None:
    assert md.normalise_date(value) is None


def test_leap_days_are_dates() -> None:
    assert [md.normalise_date(v) for v in ("29.02.2024", "2024-02-29T23:59", "29 février 2024")] == [
        "2024-02-29", "2024-02-29 23:59", "2024-02-29"]


@pytest.mark.parametrize("head", [
    "Publié le 31 février 2021 à 14h05 (UTC+1)", "date 2022-02-31 10:00 GMT", "PARIS, 31/02/2022 (AFP) -",
    "date 2022-13", "https://example.com/news/20220231/story.html",
])
def test_impossible_days_in_the_text_date_nothing(head: str) -> None:
    # (the first two stopped the whole load: a zoned time was put on a day that does not exist)
    assert to_document({"id": "x", "text": "Title\n" + head + "\n\n" + BODY["fr"]}).date is None


def test_an_impossible_wire_header_is_no_wire_header() -> None:
    assert md.wire_header("16:54 31/02/00: Page 1 COURTS\n" + BODY["en"]) is None


URL = "https://www.gamesnews.example.com/2004/12/31/molyneux-obe"


@pytest.mark.parametrize("line", [
    f"Source: {URL}", f"Source : {URL}", f"Via {URL}", f"Read more at {URL}", f"Read more: {URL}",
    f"Originally published at {URL}", f"Lire la suite sur {URL}", f"Quelle: {URL}", f"Fuente: {URL}",
    f"Leia mais em {URL}", f"Read the full story:\n{URL}",
])
def test_a_source_link_under_the_headline_is_not_the_texts_own_address(line: str) -> None:
    # An aggregator's copy crediting its source at the top: the link names the source, so the copy
    # takes neither its address, nor its outlet, nor the date in its path.
    d = to_document({"id": "copy", "text": f"Molyneux gets OBE\n\n{line}\n\n{BODY['en']}"})
    assert (d.url, d.source, d.date) == (None, None, None)


@pytest.mark.parametrize("text", [
    f"{URL}\n\n{BODY['en']}", f"date 2004-12 {URL}\n\n{BODY['en']}", f"URL: {URL}\n\n{BODY['en']}",
    f"Molyneux gets OBE\n{URL}\n31 December 2004\n\n{BODY['en']}",
    f"Source of the Fable games honoured\n{URL}\n\n{BODY['en']}",
])
def test_a_pages_own_address_in_its_header_is_kept(text: str) -> None:
    d = to_document({"id": "page", "text": text})
    assert (d.url, d.source, d.date) == (URL, "gamesnews.example.com", "2004-12-31")
