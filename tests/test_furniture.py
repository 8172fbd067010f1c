"""Stage 3, furniture: what a publishing system adds around an article is never evidence."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from provenance.furniture import FurnitureConfig, is_furniture_text, mark_document, mark_repeated
from provenance.load import from_texts, load
from provenance.model import Document
from provenance.pipeline import compare
from provenance.segment import segment

BODY_FR = (
    "Le président russe Vladimir Poutine et son homologue turc Recep Tayyip Erdogan ont évoqué "
    "dimanche par téléphone les exigences présentées par Moscou à l'égard de l'Alliance atlantique.\n\n"
    "La présidence turque a affirmé que les deux présidents avaient discuté des mesures à prendre "
    "pour améliorer les relations entre les deux pays.\n\n"
    "Le Kremlin a indiqué que les deux dirigeants avaient confirmé leur intention de renforcer le "
    "partenariat mutuellement bénéfique entre la Russie et la Turquie."
)


def _marks(texts: dict[str, str], config: FurnitureConfig | None = None) -> dict[str, dict[str, str | None]]:
    """{doc id: {sentence text: furniture reason}} after both passes, as the pipeline runs them."""
    config = config or FurnitureConfig()
    docs = from_texts(texts)
    segs = [mark_document(d, segment(i, d), config) for i, d in enumerate(docs)]
    segs = mark_repeated(docs, segs, config)
    return {d.id: {s.text: s.furniture for s in ss} for d, ss in zip(docs, segs, strict=True)}


def _one(text: str) -> dict[str, str | None]:
    return _marks({"x": text})["x"]


def _content(marks: dict[str, str | None]) -> set[str]:
    return {t for t, why in marks.items() if why is None}


def test_body_of_a_plain_article_is_content() -> None:
    marks = _one(BODY_FR)
    assert all(why is None for why in marks.values()), marks


CUE_LINES = [
    "Lire aussi : Crise migratoire à la frontière biélorusse-polonaise",
    "À lire également: les propositions russes sur la sécurité",
    "Partager:",
    "Accueil Internationales",
    "Read more: Kremlin says talks were constructive",
    "Share this article",
    "Lesen Sie auch: Nato-Russland-Rat tagt im Januar",
    "Baca juga: Presiden Rusia telepon Erdogan",
    "Tous droits réservés © 2022",
    "Article précédent",
    "Previous Post Kremlin says talks were constructive",
    "Older article: Nato-Russia council to meet in January",
    "Lire la suite sur lemonde.fr",
    "Originally published by the Daily Ledger",
    # WordPress share buttons, as scraped pages keep them
    "Click to share on WhatsApp (Opens in new window)",
    "Cliquez pour partager sur Facebook (ouvre dans une nouvelle fenêtre)",
    "Klicken Sie, um auf Twitter zu teilen (Wird in neuem Fenster geöffnet)",
    "Haz clic para compartir en Facebook (Se abre en una ventana nueva)",
]
# Lines marked by a label and its colon rather than by their wording alone.
LABELLED_LINES = [
    "Source : AFP",
    "Previous: Kremlin says talks were constructive",
    "Précédent : Crise migratoire à la frontière biélorusse-polonaise",
    "Crédits : Reuters / Maxim Shemetov",
    # a credit that is only an address
    "Via citypost-news.example",
    "D'après lemonde.fr",
    "Source https://www.reuters.com/world/",
]


@pytest.mark.parametrize("line", CUE_LINES + LABELLED_LINES)
def test_cue_lines(line: str) -> None:
    marks = _one(f"{line}\n\n{BODY_FR}\n\n{line}")
    assert marks[line] == "pattern"
    assert len(_content(marks)) == 3
    assert is_furniture_text(line) == (line in CUE_LINES)


@pytest.mark.parametrize("byline", ["Par Sophie Laurent — Actu Express", "By Priya Shah, Newsdesk Online",
                                    "par Jean Dupont", "Written by Grace Liu, senior correspondent.",
                                    "Rédigé par Nadia Haddad, journaliste multimédia."])
def test_bylines_in_any_case(byline: str) -> None:
    assert _one(f"{byline}\n\n{BODY_FR}")[byline] == "byline"


def test_sentences_opening_like_labels_or_bylines_are_content() -> None:
    body_en = ("Russian President Vladimir Putin and his Turkish counterpart discussed Moscow's demands on "
               "the Atlantic alliance by telephone on Sunday.\n\nThe Turkish presidency said the two leaders "
               "discussed steps to improve relations between their countries.")
    cases = [(BODY_FR, "Par conséquent, les deux présidents se reparleront la semaine prochaine"),
             (body_en, "Sources close to the Kremlin said the call lasted an hour"),
             (body_en, "Next year the alliance will hold its summit in Vilnius"),
             (body_en, "By Monday, the talks had collapsed."),
             (BODY_FR, "Avec 30 morts, le bilan de la tempête s'alourdit encore"),
             (body_en, "From Monday, the new rules apply to every driver in the country."),
             (body_en, "Via Ankara, the gas will reach southern Europe next winter.")]
    for body, line in cases:
        assert _one(f"{body}\n\n{line}\n\n{body}")[line] is None, line


@pytest.mark.parametrize(("line", "furniture"), [
    ("Home > World > Europe", True), ("Share this article", True), ("Share | Tweet | Email", True),
    ("Updated: 12:03 GMT", True), ("Comments (12)", True), ("Accueil » Monde", True),
    ("Partager sur Facebook", True), ("Related stories", True), ("Share", True),
    # the same words opening headlines and sentences (BBC News headlines)
    ("Home loan approvals rising again", False), ("Share boost for feud-hit Reliance", False),
    ("Home phones face unclear future", False), ("Home-grown talent shines at the festival", False),
    ("Updated figures show a rise in unemployment across the region", False),
    ("Accueil des réfugiés : le gouvernement annonce un plan", False),
    # a breadcrumb glued to the headline, in the page's first lines (seed 000)
    ("Accueil Internationales Discussion animée entre Poutine et Erdogan", True),
])
def test_cue_words_that_open_headlines_too(line: str, furniture: bool) -> None:
    assert (_one(f"{line}\n\n{BODY_FR}")[line] == "pattern") == furniture
    # alone, with no place on a page, a glued breadcrumb is not told from a headline
    assert is_furniture_text(line) == (furniture and "Discussion" not in line)


def test_long_paragraph_opening_with_a_cue_word_is_content() -> None:
    long = ("Partager le pouvoir n'a jamais été simple pour les dirigeants russes et turcs, qui "
            "entretiennent depuis des années une relation faite de rivalités régionales, de "
            "compromis énergétiques et de contrats d'armement dans une région instable.")
    marks = _one(f"{BODY_FR}\n\n{long}")
    assert marks[long] is None


def test_share_counters() -> None:
    marks = _one(f"Titre de l'article\n\n72\n\n0\n\n{BODY_FR}\n\n— 12 —")
    assert marks["72"] == "counter" and marks["0"] == "counter" and marks["— 12 —"] == "counter"
    assert "Titre de l'article" in _content(marks)


def test_author_blurb_at_the_end() -> None:
    blurb = "Je suis journaliste indépendant et j'écris sur la politique étrangère depuis dix ans."
    marks = _one(f"{BODY_FR}\n\n{blurb}")
    assert marks[blurb] == "blurb"
    # First person inside a quotation, or away from the end, is content.
    quoted = "« Je suis satisfait de cet entretien », a déclaré le président turc."
    assert _one(f"{BODY_FR}\n\n{quoted}")[quoted] is None
    assert _one(f"Titre\n\n{blurb}\n\n{BODY_FR}")[blurb] is None


def test_translation_notice_sentences() -> None:
    notice = ("The English, Chinese, Japanese, Arabic, and French versions are automatically generated "
              "by the AI. So there may still be inaccuracies in translating, please always see "
              "Indonesian as our main language.")
    marks = _one(f"Partager:\n\n{BODY_FR}\n\n{notice}")
    notice_marks = {t: why for t, why in marks.items() if t in notice}
    assert len(notice_marks) == 2 and set(notice_marks.values()) == {"notice"}
    assert len(_content(marks)) == 3


def test_seed_notices_are_furniture(seeds: Path) -> None:
    docs = load(seeds).documents
    for i, d in enumerate(docs):
        segs = mark_document(d, segment(i, d))
        notice = [s for s in segs if "automatically generated" in s.text]
        assert bool(notice) == d.machine_translated
        assert all(s.furniture == "notice" for s in notice)
        assert any(s.furniture is None for s in segs)


def test_foreign_language_edge_line() -> None:
    foreign = "This content is provided by our partners and does not reflect the views of the newsroom."
    marks = _one(f"{BODY_FR}\n\nLes discussions reprendront en janvier à Genève.\n\n{foreign}")
    assert marks[foreign] == "language"
    assert _one(f"{BODY_FR}\n\n{foreign}")[foreign] == "language"
    off = FurnitureConfig(detect_language=False)
    assert _marks({"x": f"{BODY_FR}\n\n{foreign}"}, off)["x"][foreign] is None


STORIES = {
    "kremlin": BODY_FR,
    "biden": (
        "Le président américain Joe Biden et le président russe Vladimir Poutine se sont entretenus "
        "pendant environ cinquante minutes au téléphone jeudi.\n\n"
        "La Maison Blanche et le Kremlin devraient bientôt fournir des résumés de leurs appels, "
        "selon des responsables des deux pays.\n\n"
        "Les deux dirigeants devaient discuter de la situation tendue en Europe et de la lenteur "
        "des négociations avec l'Iran sur son programme nucléaire."
    ),
    "migrants": (
        "Des centaines de migrants restent bloqués à la frontière entre la Biélorussie et la "
        "Pologne, dans des forêts où les températures descendent sous zéro la nuit.\n\n"
        "Varsovie accuse Minsk d'avoir organisé l'afflux pour déstabiliser l'Union européenne, "
        "ce que les autorités biélorusses démentent.\n\n"
        "Les organisations humanitaires réclament un accès à la zone frontalière, fermée aux "
        "journalistes depuis le mois de septembre."
    ),
}
FOOTER = "Retrouvez toute l'actualité internationale dans notre édition du soir."
HEADER = "Rubrique internationale, édition numérique"


def test_edge_lines_repeated_across_three_documents() -> None:
    texts = {k: f"{HEADER}\n\n{v}\n\n{FOOTER}" for k, v in STORIES.items()}
    marks = _marks(texts)
    for k, m in marks.items():
        assert m[FOOTER] == "repeated" and m[HEADER] == "repeated", k
        assert _content(m) == {t for t in m if t in STORIES[k]}, k  # the story stays content


def test_edge_line_in_two_documents_is_not_enough() -> None:
    texts = {k: f"{v}\n\n{FOOTER}" for k, v in list(STORIES.items())[:2]}
    assert all(m[FOOTER] is None for m in _marks(texts).values())


def test_edge_line_repeated_by_one_outlet() -> None:
    docs = [Document(id=k, text=f"{v}\n\n{FOOTER}", lang="fr", source="exemple.fr")
            for k, v in list(STORIES.items())[:2]]
    segs = mark_repeated(docs, [segment(i, d) for i, d in enumerate(docs)])
    assert all(any(s.text == FOOTER and s.furniture == "repeated" for s in ss) for ss in segs)


SPORT = [
    "Le club lyonnais a remporté samedi soir son troisième match consécutif devant son public.",
    "L'attaquant international a inscrit deux buts en seconde période, dont un sur penalty.",
    "L'entraîneur s'est félicité de la solidité défensive de son équipe, privée de trois titulaires.",
    "Les supporters ont salué la performance du jeune gardien, appelé en renfort cette semaine.",
    "La prochaine rencontre aura lieu mercredi à Marseille, en huitième de finale de la coupe.",
    "Les billets pour ce déplacement seront mis en vente lundi matin sur le site du club.",
]


def test_repeated_line_also_in_the_middle_is_content_to_the_edge_rule() -> None:
    texts = {k: f"{v}\n\n{FOOTER}" for k, v in STORIES.items()}
    assert all(m[FOOTER] == "repeated" for m in _marks(texts).values())
    # A fourth document has the line in the middle of its own text: to the edge rule alone it is
    # then content; the four documents tell four stories, so it is furniture wherever it stands.
    texts["middle"] = "\n\n".join([*SPORT[:3], FOOTER, *SPORT[3:]])
    assert all(m[FOOTER] is None for m in _marks(texts, FurnitureConfig(scattered=False)).values())
    assert all(m[FOOTER] == "repeated" for m in _marks(texts).values())


def test_a_related_link_inside_different_stories_is_furniture() -> None:
    """A site's "related" link in the body of its pages, worded as no cue list knows it, and a
    line one story's copies share inside their body, which stays text."""
    link = "Notre sélection du jour : les grands chantiers de la rentrée parlementaire"
    stories = {**STORIES, "sport": "\n\n".join(SPORT)}
    texts = {}
    for k, v in stories.items():
        paras = v.split("\n\n")
        # Away from the edges: the edge rule alone does not see it.
        texts[k] = "\n\n".join([f"Édition du soir, rubrique {k}", f"Envoyé spécial {k}", *paras[:2], link, *paras[2:],
                                 f"Avec notre correspondant {k}", f"Fin de l'article {k}."])
    # Two copies of the sport story keep its third paragraph as a line of its own.
    for i in range(2):
        texts[f"sport-copy{i}"] = "\n\n".join([f"Mis à jour à {10 + i} heures.", *SPORT[:4], "Fin de la dépêche."])
    off = _marks(texts, FurnitureConfig(scattered=False))
    assert all(m[link] is None for k, m in off.items() if k in stories)
    marks = _marks(texts)
    assert all(m[link] == "repeated" for k, m in marks.items() if k in stories)
    assert all(m[SPORT[2]] is None for k, m in marks.items() if k.startswith("sport")), marks
    # With one outlet, two of its pages are enough.
    docs = [Document(id=k, text=texts[k], lang="fr", source="exemple.fr") for k in ("kremlin", "migrants")]
    segs = mark_repeated(docs, [segment(i, d) for i, d in enumerate(docs)])
    assert all(any(s.text == link and s.furniture == "repeated" for s in ss) for ss in segs)
    one_each = [replace(d, source=f"site{i}.fr") for i, d in enumerate(docs)]
    segs = mark_repeated(one_each, [segment(i, d) for i, d in enumerate(one_each)])
    assert all(any(s.text == link and s.furniture is None for s in ss) for ss in segs)


# Three sites, each closing every page with its own words (no cue list knows them): a paragraph
# of two sentences and a line. Each story is copied whole from one site to the others.
SITE_FOOTERS = {
    "nord": ("Le Courrier du Nord vit grâce à ses lecteurs. Soutenez une rédaction indépendante dès deux euros.",
             "Une information à nous signaler ? Écrivez à la rédaction, nous lisons chaque message."),
    "rive": ("La Gazette de la Rive relie les villages du littoral depuis 1952.",
             "Rejoignez les vingt mille lecteurs qui reçoivent notre lettre du vendredi. Elle est gratuite."),
    "plaine": ("Les courriers des lecteurs peuvent être raccourcis par la rédaction. Merci de votre compréhension.",
               "Écho de la Plaine, 4 rue du Moulin, Brocéliande."),
}
SITE_STORIES = {"kremlin": ("nord", "rive", "plaine"), "biden": ("rive", "nord"), "migrants": ("plaine", "nord", "rive"),
                "sport": ("rive", "plaine")}


def _site_pages() -> dict[str, str]:
    stories = {**STORIES, "sport": "\n\n".join(SPORT)}
    return {f"{site}-{story}": "\n\n".join([stories[story], *SITE_FOOTERS[site]])
            for story, sites in SITE_STORIES.items() for site in sites}


def test_a_sites_footer_under_stories_copied_from_other_sites_is_furniture() -> None:
    """A site's footer stands right under the story on each page, and the story's lines are
    shared too (with its copies on the other sites): one run of shared lines, not all at the
    edge. Who carries each line tells them apart: the footer the site's other pages, which tell
    other stories, the story its copies, and no other page has the story's last line followed
    by the footer."""
    texts = _site_pages()
    marks = _marks(texts)
    stories = {**STORIES, "sport": "\n\n".join(SPORT)}
    for k, m in marks.items():
        site, story = k.split("-")
        footer = {t for t in m if any(t in line for line in SITE_FOOTERS[site])}
        assert len(footer) >= 3 and all(m[t] == "repeated" for t in footer), (k, m)
        assert _content(m) == {t for t in m if t in stories[story]}, k  # the story stays content
    # As one run with the story, a footer of paragraphs was text.
    off = _marks(texts, FurnitureConfig(split_by_carriers=False))
    assert all(why is None for k, m in off.items() if k.startswith("nord") for why in m.values())


def test_stories_of_one_site_are_not_linked_through_its_footer() -> None:
    from provenance.pipeline import trace
    from provenance.relation import DERIVATION

    res = trace(from_texts(_site_pages()))
    story = {d.id: d.id.split("-")[1] for d in res.documents}
    links = [(e["source"], e["target"], e["relation"]) for e in res.graph["edges"] if e["relation"] in DERIVATION]
    assert [x for x in links if story[x[0]] != story[x[1]]] == []
    # Each story's copies are still found.
    assert {frozenset((a, b)) for a, b, _ in links} >= {frozenset(("nord-kremlin", "rive-kremlin")),
                                                        frozenset(("rive-sport", "plaine-sport"))}


def test_a_lede_closing_a_compilation_is_story_text() -> None:
    """A compilation ends with the lede of a second story, which that story's two versions
    open with: cut from the first story's copied lines, it stands apart at the compilation's
    bottom as a footer would, but its carriers tell two stories, not three."""
    share = "Suivez-nous sur Facebook et Twitter"
    texts = {
        "original": "\n\n".join([LEDE, *REWORDINGS[0], "Fin de la dépêche."]),
        "rewording": "\n\n".join([share, LEDE, *REWORDINGS[1], "Fin."]),
        "compilation": "\n\n".join([*SPORT, LEDE, share, "Article précédent : la météo du week-end"]),
        "sport": "\n\n".join(SPORT),
    }
    marks = _marks(texts)
    assert [marks[k][LEDE] for k in ("original", "rewording", "compilation")] == [None] * 3


def test_copied_story_body_is_not_furniture(seeds: Path) -> None:
    """A story republished by five outlets keeps its sentences, even its short edge paragraphs."""
    story = (seeds / "001_45e1b145ca42a96b.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    wrappers = [
        ("", ""),
        ("Accueil > Monde > Europe\n\n", "\n\nLire aussi : la Turquie et l'Otan\n\nPartager sur Facebook"),
        ("", "\n\nTous droits réservés."),
        ("Publié le 2 janvier 2022\n\n", ""),
        ("", f"\n\n{FOOTER}"),
    ]
    texts = {f"outlet{i}": head + story + foot for i, (head, foot) in enumerate(wrappers)}
    marks = _marks(texts)
    original = {s.text for s in segment(0, Document(id="s", text=story))}
    assert len(original) >= 10
    for k, m in marks.items():
        marked = {t: why for t, why in m.items() if t in original and why is not None}
        assert marked == {}, (k, marked)
    assert marks["outlet1"]["Partager sur Facebook"] == "pattern"


def test_copied_story_with_short_paragraphs_at_its_edges() -> None:
    """Short one-sentence opening and closing paragraphs, copied verbatim by four outlets."""
    story = "\n\n".join([
        "Moscou et Ankara ont eu un entretien téléphonique dimanche.",
        *STORIES["kremlin"].split("\n\n"),
        *STORIES["biden"].split("\n\n"),
        "Un nouvel appel est prévu en février.",
    ])
    texts = {f"o{i}": f"{HEADER if i % 2 else ''}\n\n{story}" for i in range(4)}
    for k, m in _marks(texts).items():
        assert m["Moscou et Ankara ont eu un entretien téléphonique dimanche."] is None, k
        assert m["Un nouvel appel est prévu en février."] is None, k


@pytest.mark.parametrize("note", [
    "James Walker is a staff reporter at WorldWire Daily.",
    "Claire Martin est journaliste à la rédaction d'Infos Continent depuis 2016.",
    "Julien Bernard, rédacteur au Relais quotidien, couvre l'actualité nationale.",
    "Emma Clarke covers business for The Morning Ledger.",
    "Paul Girard écrit sur l'Afrique pour Le Journal du Matin.",
])
def test_author_note_under_the_article(note: str) -> None:
    # under the article, before the share buttons and links the page ends with
    marks = _one(f"{BODY_FR}\n\n{note}\n\nPartager sur Facebook\n\nArticle précédent : Un titre")
    assert marks[note] == "blurb"
    assert len(_content(marks)) == 3


def test_a_last_sentence_about_a_journalist_is_content() -> None:
    cases = [
        "Jean Dupont, journaliste au Monde, a déclaré que la rencontre avait été tendue.",
        "Anna Politkovskaya was a journalist whose reporting on Chechnya made her enemies.",
        # a beat verb with no outlet after it, or not right after the name
        "Marie Curie écrit que les résultats sont prometteurs.",
        "Le Premier ministre couvre les frais pour la commune dès l'an prochain.",
        "Emma Clarke a dit qu'elle couvre les frais pour sa famille.",
    ]
    for line in cases:
        assert _one(f"{BODY_FR}\n\n{line}")[line] is None, line
    # a note in the middle of the article is not under it
    middle = "James Walker is a staff reporter at WorldWire Daily."
    assert _one(f"{BODY_FR}\n\n{middle}\n\n{BODY_FR}")[middle] is None


COOKIES_FR = ("Nous utilisons des cookies pour personnaliser le contenu et les publicités, fournir des "
              "fonctionnalités de réseaux sociaux et analyser notre trafic. Nous partageons également des "
              "informations sur votre utilisation de notre site avec nos partenaires de réseaux sociaux, de "
              "publicité et d'analyse.")


def test_a_sites_consent_banner_and_its_buttons_are_furniture() -> None:
    marks = _one(f"{COOKIES_FR}\n\nTout accepter\n\nParamétrer les cookies\n\n{BODY_FR}\n\n"
                 "Cet article est réservé aux abonnés. Abonnez-vous pour lire la suite.")
    assert {why for t, why in marks.items() if t not in _content(_one(BODY_FR))} == {"pattern"}
    assert len(_content(marks)) == 3


def test_sentences_about_cookies_or_refusals_are_content() -> None:
    for line in (
        "Google a été condamné pour avoir déposé des cookies sans le consentement des internautes.",
        "Tout refuser en bloc serait une erreur, a estimé le ministre devant les députés.",
        "« Nous et nos partenaires européens sommes déterminés », a déclaré le chancelier.",
    ):
        assert _one(f"{BODY_FR}\n\n{line}\n\n{BODY_FR}")[line] is None, line
        assert _one(f"{line}\n\n{BODY_FR}")[line] is None, line


def test_unrelated_pages_sharing_a_consent_banner_are_no_copies() -> None:
    # The same CMS banner on two different stories (seeds 001 and 002) at either end of the page.
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    a = (seeds / "001_45e1b145ca42a96b.txt").read_text(encoding="utf-8")
    b = (seeds / "002_e1ce88859cf142a7.txt").read_text(encoding="utf-8")
    from provenance.pipeline import trace
    from provenance.relation import DERIVATION

    res = trace(from_texts({"a": f"{COOKIES_FR}\n\n{a}", "b": f"{b}\n\n{COOKIES_FR}"}))
    assert [e["relation"] for e in res.graph["edges"] if e["relation"] in DERIVATION] == []


LEDE = ("Le président russe Vladimir Poutine et son homologue turc Recep Tayyip Erdogan ont évoqué "
        "dimanche par téléphone les exigences présentées par Moscou à l'égard de l'Alliance atlantique.")
REWORDINGS = [
    ("La présidence turque a affirmé que les deux présidents avaient discuté des mesures à prendre "
     "pour améliorer les relations entre les deux pays.",
     "Le Kremlin a indiqué que les deux dirigeants avaient confirmé leur intention de renforcer le "
     "partenariat mutuellement bénéfique entre la Russie et la Turquie."),
    ("Selon la présidence turque, les deux chefs d'État ont parlé des mesures à prendre pour "
     "améliorer les relations entre leurs pays.",
     "Les deux dirigeants ont confirmé leur intention de renforcer le partenariat entre la Russie "
     "et la Turquie, a indiqué le Kremlin."),
    ("Les deux présidents ont discuté, selon Ankara, des mesures pour améliorer les relations entre "
     "les deux pays.",
     "Moscou a précisé que les dirigeants voulaient renforcer le partenariat mutuellement "
     "bénéfique entre la Russie et la Turquie."),
]


def test_a_lede_kept_by_rewordings_is_story_text() -> None:
    """Copies that keep a one-sentence lede and reword what follows repeat it at their top, as a
    header repeats: the documents carrying it tell one story, so it stays text."""
    texts = {f"copy{i}": "\n\n".join([LEDE, *rest, f"Publié par la rédaction numéro {i}."])
             for i, rest in enumerate(REWORDINGS)}
    for k, m in _marks(texts).items():
        assert m[LEDE] is None, k


def test_a_line_atop_different_stories_is_still_furniture() -> None:
    texts = {k: f"{HEADER}\n\n{v}" for k, v in STORIES.items()}
    for k, m in _marks(texts).items():
        assert m[HEADER] == "repeated", k


def test_a_lede_told_once_the_other_shared_line_is_known_to_be_text() -> None:
    """Three copies made of the lede and one sentence, both repeated: nothing else tells their
    story, so the lede is settled first by the longer copies carrying it, then the sentence."""
    shorts = {f"short{i}": f"Partager:\n\n{LEDE}\n\n{REWORDINGS[1][0]}\n\nPublié par la rédaction.\n\nFin."
              for i in range(3)}
    longs = {f"copy{i}": "\n\n".join([LEDE, *rest, "Fin de l'article, merci de votre lecture."])
             for i, rest in enumerate(REWORDINGS)}
    marks = _marks({**longs, **shorts})
    for k in shorts:
        assert marks[k][LEDE] is None and marks[k][REWORDINGS[1][0]] is None, (k, marks[k])


@pytest.mark.parametrize("line", [
    "Veröffentlicht am Samstag, 11. Dezember 2021 um 22:48 Uhr",
    "Publicado el 3 de mayo de 2021 a las 10:15",
    "Posted on March 3, 2021 by admin",
    "Pubblicato il 12 maggio 2020",
])
def test_publication_lines_are_furniture(line: str) -> None:
    assert _one(f"{line}\n\n{BODY_FR}")[line] == "pattern"


def test_a_line_that_only_dates_the_page_is_furniture():
    # Two unrelated stories of one week would otherwise share their date lines as aligned text.
    a, b = from_texts({
        "a": "date 2024-03-01\n\nThe council approved the new budget after a long debate on Monday evening.",
        "b": "date 2024-03-02\n\nHeavy snow closed the mountain pass for the third time this winter, police said.",
    })
    pair = compare(a, b)
    assert pair.features.links == 0 and pair.relation is None
    segs = mark_document(a, segment(0, a))
    assert [s.furniture for s in segs] == ["header", None]
    # A dateline that opens the story is text.
    c = from_texts({"c": "PARIS, 3 janvier 2022 (AFP) - Le gouvernement a annoncé de nouvelles mesures."})[0]
    assert [s.furniture for s in mark_document(c, segment(0, c))] == [None]
