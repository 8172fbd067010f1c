"""Stage 2, segment: sentence boundaries, offsets into the original text, wrapped lines."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.load import load, to_document
from provenance.model import Document, input_text
from provenance.segment import (
    SegmentConfig,
    glue_cuts_reference,
    normalise,
    paragraphs,
    restore_breaks,
    segment,
    split_sentences,
)


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("M. Poutine a parlé. Il a raccroché.", ["M. Poutine a parlé.", "Il a raccroché."]),
    ("Mais Moscou a précisé que MM. Poutine et Erdogan avaient parlé. Fin de l'appel.",
     ["Mais Moscou a précisé que MM. Poutine et Erdogan avaient parlé.", "Fin de l'appel."]),
    ("Mme Durand et Mlle. Petit sont venues. Elles sont reparties.",
     ["Mme Durand et Mlle. Petit sont venues.", "Elles sont reparties."]),
    ("Le Dr. Martin a opéré. Le Prof. Weber a assisté.", ["Le Dr. Martin a opéré.", "Le Prof. Weber a assisté."]),
    ("John F. Kennedy was shot in Dallas. J. R. R. Tolkien wrote books.",
     ["John F. Kennedy was shot in Dallas.", "J. R. R. Tolkien wrote books."]),
    ("Mr. Smith met Gen. Jones in St. Louis. They talked.", ["Mr. Smith met Gen. Jones in St. Louis.", "They talked."]),
    ("Il a dit « oui ». Puis il est parti ! Vraiment ? Oui.",
     ["Il a dit « oui ».", "Puis il est parti !", "Vraiment ?", "Oui."]),
    ('He said "no." Then he left.', ['He said "no."', "Then he left."]),
    ("Le bilan est de 12 morts. 300 blessés ont été soignés.", ["Le bilan est de 12 morts.", "300 blessés ont été soignés."]),
    # A quotation that ends a sentence, as French, German and English set it.
    ("Il a déclaré : « Nous partirons demain. » Le ministre a ensuite quitté la salle.",
     ["Il a déclaré : « Nous partirons demain. »", "Le ministre a ensuite quitté la salle."]),
    ("Il a crié\u00a0: «\u00a0Au secours\u00a0!\u00a0» Personne n'est venu.",
     ["Il a crié\u00a0: «\u00a0Au secours\u00a0!\u00a0»", "Personne n'est venu."]),
    ("Er sagte: „Wir reisen morgen ab.“ Dann verließ er den Saal.",
     ["Er sagte: „Wir reisen morgen ab.“", "Dann verließ er den Saal."]),
    ("Sie fragte: ‚Warum?‘ Niemand antwortete.", ["Sie fragte: ‚Warum?‘", "Niemand antwortete."]),
    ("Er ging. „Komm zurück“, rief sie.", ["Er ging.", "„Komm zurück“, rief sie."]),
    # A quotation that does not end the sentence keeps it whole.
    ("Elle a crié : « Au secours ! » et s'est enfuie.", ["Elle a crié : « Au secours ! » et s'est enfuie."]),
    # A heading glued to the next sentence by a lost line break.
    ("Deuxième entretien en un mois.Vladimir Poutine a appelé.",
     ["Deuxième entretien en un mois.", "Vladimir Poutine a appelé."]),
])
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Greek asks with ";" (or U+037E, its canonical twin) and goes on with a capital.
    ("Θα αυξηθούν οι συντάξεις του χρόνου; Η κυβέρνηση δεν έχει αποφασίσει ακόμη.",
     ["Θα αυξηθούν οι συντάξεις του χρόνου;", "Η κυβέρνηση δεν έχει αποφασίσει ακόμη."]),
    ("Πότε θα ανοίξουν τα σχολεία\u037e Ο υπουργός Παιδείας απάντησε χθες στη Βουλή.",
     ["Πότε θα ανοίξουν τα σχολεία\u037e", "Ο υπουργός Παιδείας απάντησε χθες στη Βουλή."]),
    ("«Ποιος θα πληρώσει τον λογαριασμό;» Ο πρωθυπουργός δεν απάντησε.",
     ["«Ποιος θα πληρώσει τον λογαριασμό;»", "Ο πρωθυπουργός δεν απάντησε."]),
    # ... but not where the question runs on, nor at a semicolon between Latin words.
    ("«Ποιος θα πληρώσει;» ρώτησε ο δημοσιογράφος.", ["«Ποιος θα πληρώσει;» ρώτησε ο δημοσιογράφος."]),
    ("Le vote est reporté; Bruxelles attend.", ["Le vote est reporté; Bruxelles attend."]),
    # Armenian ends with "։", or with the ":" typed in its place.
    ("Երևանում այսօր տեղի է ունեցել հանրահավաք։ Մասնակիցները պահանջում էին վարչապետի հրաժարականը։",
     ["Երևանում այսօր տեղի է ունեցել հանրահավաք։", "Մասնակիցները պահանջում էին վարչապետի հրաժարականը։"]),
    ("Կառավարությունը հաստատել է նոր բյուջեն: Այն ուժի մեջ կմտնի հունվարից:",
     ["Կառավարությունը հաստատել է նոր բյուջեն:", "Այն ուժի մեջ կմտնի հունվարից:"]),
    # Amharic "።" and "፧", Burmese "။" (with or without a blank after), Khmer "។".
    ("የኢትዮጵያ ፓርላማ አዲሱን በጀት ትናንት አጸደቀ። ውሳኔው መቼ ተግባራዊ ይሆናል፧ እስካሁን አልታወቀም።",
     ["የኢትዮጵያ ፓርላማ አዲሱን በጀት ትናንት አጸደቀ።", "ውሳኔው መቼ ተግባራዊ ይሆናል፧", "እስካሁን አልታወቀም።"]),
    ("ရန်ကုန်မြို့တွင် မိုးသည်းထန်စွာ ရွာသွန်းခဲ့သည်။ရေကြီးမှုများ ဖြစ်ပွားခဲ့သည်။",
     ["ရန်ကုန်မြို့တွင် မိုးသည်းထန်စွာ ရွာသွန်းခဲ့သည်။", "ရေကြီးမှုများ ဖြစ်ပွားခဲ့သည်။"]),
    ("ក្រសួងសុខាភិបាលបានប្រកាសវិធានការថ្មី។ វិធានការនេះនឹងចូលជាធរមាននៅថ្ងៃច័ន្ទ។",
     ["ក្រសួងសុខាភិបាលបានប្រកាសវិធានការថ្មី។", "វិធានការនេះនឹងចូលជាធរមាននៅថ្ងៃច័ន្ទ។"]),
    ("He won‽ Nobody expected it. Incredible‼ The crowd cheered.",
     ["He won‽", "Nobody expected it.", "Incredible‼", "The crowd cheered."]),
])
def test_sentence_ends_of_other_scripts(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected
    assert [s.text for s in segment(0, Document("x", text))] == expected


def test_abbreviation_before_capital_in_seed(seeds) -> None:  # type: ignore[no-untyped-def]
    docs = {d.id[:3]: d for d in load(seeds).documents}
    segs = segment(0, docs["001"])
    texts = [s.text for s in segs]
    assert any(t.startswith("Mais Moscou a précisé que MM. Poutine et Erdogan") for t in texts)
    assert any("Turquie de M. Erdogan entretiennent" in t for t in texts)
    assert not any(t in ("MM.", "M.") or t.endswith((" MM.", " M.")) for t in texts)


def test_segments_point_at_the_text_and_lines() -> None:
    text = "Titre de l'article\n\nM. X a parlé. Il a dit oui.\r\n\r\n  Dernier paragraphe ici.  \n"
    segs = segment(3, Document(id="a", text=text))
    assert [(s.doc, s.index, s.line, s.text) for s in segs] == [
        (3, 0, 0, "Titre de l'article"),
        (3, 1, 1, "M. X a parlé."),
        (3, 2, 1, "Il a dit oui."),
        (3, 3, 2, "Dernier paragraphe ici."),
    ]
    for s in segs:
        assert text[s.start:s.end] == s.text


def test_normalise() -> None:
    assert normalise("M. Poutine a « confirmé » l’intention !") == "m poutine a confirme l intention"
    assert normalise("“Discuté des mesures”") == normalise('"discute des MESURES"')
    assert normalise("  \t ") == ""


def test_hard_wrapped_wire_lines_are_joined() -> None:
    text = (
        "   16:54 01/03/00: Page 1 (ZSM) COURTS Burstein\n"
        "A High Court judge yesterday ruled that the newspaper group had\n"
        "breached the terms of its agreement with the former chief executive\n"
        "when it dismissed him without notice last year. He awarded costs.\n"
        "The judge said the damages would be assessed at a later hearing.\n"
    )
    segs = segment(0, Document(id="w", text=text))
    ruling = next(s for s in segs if s.text.startswith("A High Court judge"))
    assert ruling.text.endswith("without notice last year.")
    assert "breached the terms" in ruling.text and "\n" in ruling.text
    assert ruling.norm.startswith("a high court judge yesterday ruled that the newspaper group had breached")
    costs = next(s for s in segs if s.text == "He awarded costs.")
    assert costs.line == ruling.line  # one paragraph
    last = next(s for s in segs if s.text.startswith("The judge said"))
    assert last.line == ruling.line + 1  # a full line ending in a period ends the paragraph


def test_short_lines_are_not_joined() -> None:
    text = "Partager:\nLe président a parlé.\nAccueil\nInternational"
    assert len(paragraphs(text)) == 4


def test_join_wrapped_can_be_turned_off() -> None:
    text = "a line broken by the wire at a fixed width and going on for a while\nand continued here."
    assert len(paragraphs(text)) == 1
    assert len(paragraphs(text, SegmentConfig(join_wrapped=False))) == 2


def test_run_on_sentences_are_capped() -> None:
    text = ", ".join(f"la clause numéro {i} est acceptée" for i in range(200)) + "."
    segs = segment(0, Document(id="long", text=text), SegmentConfig(max_sentence_chars=300))
    assert len(segs) > 1
    assert all(s.end - s.start <= 300 for s in segs)
    assert all(text[s.start:s.end] == s.text for s in segs)


# ------------------------------------------------------------------ properties

_ALPHABET = st.sampled_from(
    list("abcdefghij ABCDEFG éÉçà . . . ! ? … , ; : « » “ ” \" ' ’ ( ) [ ] 0123456789 <")
    + ["\n", "\n\n", "\r\n", "\t", "\x0c", "\x00", "\u00a0", "M. ", "MM. ", "Dr. ", "J. ", "U.S. ", "  "]
)
_TEXTS = st.lists(_ALPHABET, max_size=120).map("".join) | st.text(max_size=200)


def _check_segments(text: str, config: SegmentConfig) -> None:
    segs = segment(0, Document(id="p", text=text), config)
    prev_end = 0
    for k, s in enumerate(segs):
        assert s.index == k
        assert 0 <= prev_end <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.norm == normalise(s.text)
        assert s.end - s.start <= config.max_sentence_chars
        prev_end = s.end
    assert [s.line for s in segs] == sorted(s.line for s in segs)
    # Nothing but blanks and control characters is lost between segments.
    covered = set()
    for s in segs:
        covered.update(range(s.start, s.end))
    for i, ch in enumerate(text):
        if i not in covered:
            assert ch.isspace() or ch in "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x7f<" or (
                ord(ch) < 32
            ), (i, ch, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_offsets_point_at_the_text(text: str) -> None:
    _check_segments(text, SegmentConfig())


@settings(max_examples=100, deadline=None)
@given(_TEXTS, st.booleans(), st.integers(5, 60))
def test_offsets_hold_for_any_config(text: str, join: bool, cap: int) -> None:
    _check_segments(text, SegmentConfig(join_wrapped=join, max_sentence_chars=cap))


def test_seed_offsets(seeds) -> None:  # type: ignore[no-untyped-def]
    for i, d in enumerate(load(seeds).documents):
        segs = segment(i, d)
        assert segs
        for s in segs:
            assert d.text[s.start:s.end] == s.text


def test_a_copy_with_html_character_references_is_the_same_text(seeds) -> None:  # type: ignore[no-untyped-def]
    """A feed that escaped the text once ("l&#39;AFP", "&eacute;") and a page that did not hold
    the same words: the two align as duplicates, sentence for sentence."""
    import html as html_module

    from provenance.load import from_texts
    from provenance.pipeline import trace

    text = next(seeds.glob("001_*.txt")).read_text(encoding="utf-8")
    escaped = html_module.escape(text).replace("é", "&eacute;").replace("’", "&#8217;")
    assert escaped.count("&") > 20
    res = trace(from_texts({"plain": text, "escaped": escaped}))
    (pair,) = res.pairs
    assert pair.relation == "duplicate"
    assert len(pair.alignment.content) == sum(1 for s in res.segments[0] if not s.furniture)


def test_a_day_before_its_month_does_not_end_a_sentence() -> None:
    # German (and Danish, Czech, ...) write "11. Dezember": the ordinal dot is no sentence end.
    from provenance.segment import split_sentences, split_sentences_reference

    t = ("Veröffentlicht am Samstag, 11. Dezember 2021 um 22:48 Uhr. Die Zahl der Toten stieg auf 11. "
         "Die Behörden warnten. Am 3. Mai kam er zurück.")
    assert [t[a:b] for a, b in split_sentences(t)] == [
        "Veröffentlicht am Samstag, 11. Dezember 2021 um 22:48 Uhr.", "Die Zahl der Toten stieg auf 11.",
        "Die Behörden warnten.", "Am 3. Mai kam er zurück."]
    assert split_sentences(t) == split_sentences_reference(t)


def test_one_paragraph_per_line_keeps_headlines_and_links_apart() -> None:
    # Paragraphs separated by a single line break, as scrapers write them: a link line without end
    # punctuation is its own paragraph (so its own furniture), not a hard wrap of the next one.
    from provenance.furniture import mark_document

    link = "Lire aussi : Le plan de relance convainc une large majorité des députés"
    body = ("Le gouvernement a présenté mercredi un projet de loi qui prévoit de nouvelles aides pour les "
            "entreprises touchées par la crise, a annoncé le ministre de l'Économie devant la presse.")
    more = ("Les syndicats ont salué une avancée mais réclament des garanties sur l'emploi, tandis que "
            "l'opposition dénonce un texte trop timide au regard de l'ampleur des difficultés.")
    doc = Document(id="x", text=f"{body}\n{link}\n{more}\n{body}", lang="fr")
    segs = mark_document(doc, segment(0, doc))
    assert [s.furniture for s in segs if s.text == link] == ["pattern"]
    assert len({s.line for s in segs}) == 4


_FLAT_SENTENCES = st.lists(st.sampled_from([
    "Le ministre a parlé.", "M. Dupont est venu hier.", "Il pleut.", "Share this article", "Lire aussi : la suite",
    "The vote was held on Monday.", "Rédigé par Nadia Haddad, journaliste.", "« Non », a-t-il dit.", "Prix : 3,5 M€.",
    "Read more", "U.S. officials declined.", "42.", "Fin.",
]), min_size=0, max_size=14)


@settings(max_examples=200, deadline=None)
@given(_FLAT_SENTENCES, st.sampled_from([" ", "  ", "\n", "\n\n", " \u00a0"]), st.booleans())
def test_restored_breaks_keep_the_text_and_its_sentences(parts: list[str], sep: str, title: bool) -> None:
    text = ("Un titre\n\n" if title else "") + sep.join(parts)
    restored = restore_breaks(text)
    # Only blanks become line breaks: offsets into the text stay valid.
    assert len(restored) == len(text)
    assert all(a == b or (a.isspace() and b == "\n") for a, b in zip(text, restored, strict=True))
    assert restore_breaks(restored) == restored
    # The sentences are the same; only the lines they stand on differ.
    before = [s.norm for s in segment(0, Document(id="t", text=text))]
    after = [s.norm for s in segment(0, Document(id="t", text=restored))]
    assert after == before


@settings(max_examples=200, deadline=None)
@given(_FLAT_SENTENCES, st.lists(st.sampled_from([" ", "  ", "\t", "\u00a0", " \u00a0"]), min_size=1, max_size=4),
       st.booleans(), st.data())
def test_what_users_see_of_a_restored_text_is_the_input(parts: list[str], blanks: list[str], title: bool,
                                                        data: st.DataObject) -> None:
    # Sentences run together with blanks of any kind, as flattened datasets store them: the
    # loaded text gets line breaks (restore_breaks, furniture_heads), the text shown is the input's.
    text = ("Un titre\n\n" if title else "") + "".join(p + blanks[k % len(blanks)] for k, p in enumerate(parts))
    doc = to_document({"id": "t", "text": text})
    assert len(doc.text) == len(text) and bool(doc.input_breaks) == (doc.text != text)
    assert input_text(doc) == text
    for _ in range(5):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        assert input_text(doc, start, end) == text[start:end]


_BODY = [
    "Le gouvernement a présenté mercredi un projet de loi qui prévoit de nouvelles aides pour les entreprises. "
    "Le ministre de l'Économie l'a annoncé devant la presse.",
    "Les syndicats ont salué une avancée. Ils réclament toutefois des garanties sur l'emploi.",
    "L'opposition dénonce un texte trop timide au regard de l'ampleur des difficultés.",
]


def _as_paragraphs_and_flattened(paras: list[str]) -> list[tuple[bool, list[tuple[str, str | None]]]]:
    """A French page made of ``paras``, with its paragraphs and flattened into one line: whether
    it reads as machine-translated, and each sentence's norm and furniture reason."""
    from provenance.furniture import mark_document
    from provenance.load import to_document

    out = []
    for text in ("\n\n".join(paras), " ".join(paras)):
        doc = to_document({"id": "x", "text": text, "lang": "fr"})
        out.append((doc.machine_translated, [(s.norm, s.furniture) for s in mark_document(doc, segment(0, doc))]))
    return out


def test_a_flattened_page_reads_as_the_page_it_was() -> None:
    # The same page with its paragraphs and flattened into one line (as datasets store articles):
    # its notice, byline and body sentences are found alike.

    paras = ["Ce contenu a été traduit automatiquement de l'espagnol.", *_BODY, "Rédigé par Nadia Haddad, journaliste multimédia."]
    marks = _as_paragraphs_and_flattened(paras)
    assert marks[0] == marks[1]
    assert marks[1][0] is True
    assert [f for _, f in marks[1][1]] == ["notice", None, None, None, None, None, "byline"]
    # A text with its paragraphs is left as it is.
    assert restore_breaks("\n\n".join(paras)) == "\n\n".join(paras)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_restored_breaks_only_replace_blanks(text: str) -> None:
    restored = restore_breaks(text)
    assert len(restored) == len(text)
    assert all(a == b or (a.isspace() and b == "\n") for a, b in zip(text, restored, strict=True))
    assert restore_breaks(restored) == restored


# ------------------------------------------------------------------ lost line breaks

_GLUE_SENTENCES = [
    "The minister resigned on Monday evening after a vote in parliament.",
    "Le gouvernement a présenté mercredi un projet de loi sur les retraites.",
    "Rescuers worked through the night to free the whales stranded on the beach.",
    "Les syndicats réclament des garanties sur l'emploi dans tout le secteur.",
    "Prices rose by three percent in the last quarter, the bureau said.",
    "Il a ajouté que la décision serait prise avant la fin du mois prochain.",
    "Short one.",
]
_GLUE_HEADS = ["Share on Facebook | Share on Twitter", "Lire aussi : Le plan de relance", "By Priya Shah, Newsdesk Online",
               "Click to share on WhatsApp (Opens in new window)", "", "Jane"]


def _glue_corpus(draw_docs: list[tuple[list[int], list[int], bool]]) -> list[dict[str, str]]:
    recs = []
    for k, (sents, heads, flat) in enumerate(draw_docs):
        parts = []
        for j, i in enumerate(sents):
            head = _GLUE_HEADS[heads[j % len(heads)]] if heads else ""
            parts.append(f"{head} {_GLUE_SENTENCES[i]}".strip())
        # Six sentences or more in one paragraph make a flattened text.
        recs.append({"id": f"d{k}", "text": (" " if flat else "\n\n").join(parts + ["Fin de l'article numéro un."] * 5)})
    return recs


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.lists(st.integers(0, len(_GLUE_SENTENCES) - 1), min_size=1, max_size=5),
                          st.lists(st.integers(0, len(_GLUE_HEADS) - 1), max_size=3), st.booleans()),
                min_size=1, max_size=6))
def test_glue_cuts_equal_the_brute_force_reference(draw: list[tuple[list[int], list[int], bool]]) -> None:
    from provenance.load import to_document
    from provenance.pipeline import TraceConfig, _prepare_columns, flattened_cuts

    docs = [to_document(r) for r in _glue_corpus(draw)]
    cfg = TraceConfig()
    cols = [_prepare_columns(i, docs, cfg.segment, cfg.furniture, glue=True) for i in range(len(docs))]
    from array import array
    fast = flattened_cuts(docs, [array("q", c[0]).tolist() for c in cols], [c[3] for c in cols], [c[4] for c in cols],
                          cfg.segment)
    assert fast == glue_cuts_reference([d.text for d in docs], [d.flattened for d in docs])


def test_a_line_glued_into_a_flattened_sentence_is_cut_off() -> None:
    # Three flattened pages of one site carry its share bar glued to their first sentence; the
    # sources give those sentences on their own. The bar becomes a line of its own (furniture,
    # as the corpus repeats it), the sentence stays text and is aligned with its source.
    from provenance.engines import get_engine
    from provenance.load import to_document
    from provenance.pipeline import TraceConfig, prepare

    bar = "Faites circuler : Mastodon Bluesky Courriel"  # worded as no cue list knows it
    stories = [
        ["Le gouvernement a présenté mercredi un projet de loi sur les retraites.",
         "Les syndicats réclament des garanties sur l'emploi dans tout le secteur."],
        ["Les sauveteurs ont travaillé toute la nuit pour dégager les baleines échouées.",
         "Une centaine de bénévoles sont venus prêter main-forte aux pompiers."],
        ["Les prix ont augmenté de trois pour cent au dernier trimestre, selon l'institut.",
         "Il a ajouté que la décision serait prise avant la fin du mois prochain."],
    ]
    stories = [s + [f"Cette dépêche numéro {i} compte encore trois phrases.", "La suite est attendue demain.",
                    "Elle se termine ici, sans autre précision."]
               for i, s in enumerate(stories)]
    recs = [{"id": f"src{i}", "text": "\n\n".join(s)} for i, s in enumerate(stories)]
    recs += [{"id": f"copy{i}", "source": "site.example", "text": f"{bar} " + " ".join(s)} for i, s in enumerate(stories)]
    docs = [to_document(r) for r in recs]
    assert [d.flattened for d in docs] == [False] * 3 + [True] * 3
    segs = prepare(docs, TraceConfig(), get_engine("local", workers=1))
    for i in range(3):
        copy = {s.text: s.furniture for s in segs[3 + i]}
        assert copy[bar] is not None
        assert copy[stories[i][0]] is None
    off = prepare(docs, TraceConfig(segment=SegmentConfig(glue_min_words=0)), get_engine("local", workers=1))
    assert all(bar not in {s.text for s in off[3 + i]} for i in range(3))


def test_a_share_line_run_into_the_author_note_is_cut_off() -> None:
    # The end of a page: a share line without punctuation, then the author's note. Flattened,
    # the two run together; the share line's known wording ends where the note begins.

    paras = [*_BODY, "Partagez cet article",
             "Julien Bernard, rédacteur au Relais quotidien, couvre l'actualité nationale depuis 2015."]
    marks = _as_paragraphs_and_flattened(paras)
    assert marks[1] == marks[0]
    assert [(norm, why is not None) for norm, why in marks[1][1][-2:]] == [
        ("partagez cet article", True), (normalise(paras[-1]), True)]
