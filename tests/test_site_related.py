"""Pages of one site telling different stories share its boilerplate: a cookie banner, a
newsletter prompt, a "related articles" list of the site's other headlines and a copyright
footer. Class names are hashed, so the markup names none of it. The pages are no copies of one
another; a page that copies another's story, on the site or elsewhere, still is.

Stories: OrangeSum articles (French), cut to their first paragraphs."""

from __future__ import annotations

import html
from pathlib import Path

from provenance.furniture import _reserves_rights, mark_document
from provenance.load import load
from provenance.model import Document
from provenance.pipeline import trace
from provenance.relation import DERIVATION
from provenance.segment import segment
from provenance.webpage import page_furniture

STORIES = {
    "routes": ("Sécurité routière: baisse de 15,6% du nombre de morts en mai", "2020-06-15", [
        "205 personnes sont décédées sur les routes, soit 38 de moins qu'un an plus tôt (243). Les mois de mars et "
        "d'avril, pendant lesquels les Français étaient confinés, ont été marqués par une baisse spectaculaire avec "
        "39,6% de personnes décédées en moins en mars et 55,8% en avril.",
        "En mai, le nombre d'accidents corporels a baissé également de 34%, passant à 3.076 contre 4.664 en mai 2019, "
        "même tendance pour le nombre de personnes blessées, avec une baisse de 36,7% soit 2.150 personnes blessées "
        "de moins (3.704 en mai 2020).",
        "Cette baisse concerne principalement les automobilistes, avec 52 personnes tuées en moins. La mortalité des "
        "motocyclistes est toutefois en hausse (+21 tués) ainsi que celle des cyclistes (+7 tués) par rapport à mai "
        "2019, selon le communiqué.",
    ]),
    "ours": ("Pastoralisme et ours: 10 millions d'euros en 2020 pour soutenir la cohabitation", "2020-07-02", [
        "Cette enveloppe inclut 8,5 millions du ministère de l'Agriculture, soit 10% de plus qu'en 2019, et 1,15 "
        "million du ministère de la Transition écologique (+20%), ainsi que les indemnisations qui seront versées "
        "pour des prédations. M. Guyot a rappelé qu'en 2019, elles s'étaient élevées à 839.000 euros.",
        "Alors que les estives ont commencé, les nouvelles mesures prévoient pour les \"foyers de prédation\" un "
        "protocole spécial à hauteur de 350.000 euros, permettant d'accroître les mesures de protection.",
        "Aucune décision n'a par contre été prise pour le remplacement de l'ours récemment tué par balle dans les "
        "Pyrénées, dans l'attente, a précisé le préfet, de l'enquête ouverte pour retrouver le ou les auteurs du "
        "tir. L'État a porté plainte dans cette affaire.",
    ]),
    "petain": ("VIDÉO. Macron juge \"légitime\" de rendre hommage au maréchal Pétain", "2018-11-07", [
        "À l'approche de la cérémonie d'hommage aux huit maréchaux de la Première guerre mondiale, samedi 10 "
        "novembre aux Invalides, le président de la République a défendu le choix d'inclure celui qui fut ensuite "
        "chef du gouvernement collaborationniste de Vichy entre 1940 et 1944.",
        "Emmanuel Macron ne sera pas présent lors de cette cérémonie, mais sera représenté par son chef "
        "d'état-major particulier, l'amiral Bernard Rogel.",
        "Cinq des huit maréchaux seront \"nommément honorés\" par un dépôt de gerbe. Il s'agit de ceux qui ont leur "
        "tombeau aux Invalides : Foch, Lyautey, Maunoury, Fayolle et Franchet d'Esperey.",
    ]),
    "unef": ("Le voile d'une responsable de l'Unef de la Sorbonne fait polémique", "2018-05-14", [
        "Depuis plusieurs semaines, le mouvement contre la réforme de l'université est au cœur de l'actualité, "
        "certaines facs étant bloquées par les opposants à la loi Vidal. Samedi 12 mai, le journal télévisé 19:45 "
        "de M6 est revenu sur le sujet.",
        "Maryam Pougetoux, présidente du syndicat Unef à la Sorbonne (Paris-IV), a été l'objet de vives critiques, "
        "non pas en raison de son discours engagé mais à cause du voile islamique qu'elle porte.",
        "En commentaire, le conseiller régional PS Julien Dray, cofondateur de SOS-Racisme en 1984 et ex-membre de "
        "l'Unef, s'est également insurgé.",
    ]),
}
SITE = {
    "banner": ["Nous utilisons des cookies pour vous offrir la meilleure expérience sur notre site. En poursuivant "
               "votre navigation, vous acceptez leur utilisation.", "Accepter et fermer"],
    "newsletter": ["Abonnez-vous à notre newsletter quotidienne et recevez chaque matin l'essentiel de l'actualité "
                   "directement dans votre boîte mail.", "Je m'inscris"],
    "related": "À lire aussi sur Actu Régions",
    "footer": ["© 2020 Actu Régions - Tous droits réservés. Mentions légales | Politique de confidentialité | Contact",
               "Actu Régions est édité par la société Médias du Sud-Ouest SAS, au capital de 120 000 euros."],
}
OTHER_SITE = {
    "banner": ["Ce site utilise des cookies pour mesurer son audience.", "Tout accepter"],
    "newsletter": ["Recevez nos alertes info en temps réel.", "S'abonner"],
    "related": "Sur le même sujet",
    "footer": ["Le Courrier du Centre © 2021, reproduction interdite. Qui sommes-nous ? | CGU | Publicité",
               "Le Courrier du Centre est une publication du groupe Presse Centre."],
}


def _page(site: dict, story: str, related: list[str], *, markup: bool = True, date: str | None = None) -> str:
    title, day, paras = STORIES[story]
    if not markup:
        return "\n\n".join([*site["banner"], title, *paras[:2], *site["newsletter"], *paras[2:], site["related"],
                            *related, *site["footer"]]) + "\n"
    e = html.escape
    p = "".join
    return (
        f'<html lang="fr"><head><meta charset="utf-8"><title>{e(title)}</title>'
        f'<meta property="article:published_time" content="{date or day}T08:00:00+02:00"></head><body>'
        f'<div class="x1a">{p(f"<p>{e(x)}</p>" for x in site["banner"])}</div>'
        f'<div class="x2b"><h1>{e(title)}</h1>{p(f"<p>{e(x)}</p>" for x in paras[:2])}'
        f'<div class="x3c">{p(f"<p>{e(x)}</p>" for x in site["newsletter"])}</div>'
        f'{p(f"<p>{e(x)}</p>" for x in paras[2:])}</div>'
        f'<div class="x4d"><h3>{e(site["related"])}</h3>'
        f'<ul>{p(f"<li><a href=#>{e(x)}</a></li>" for x in related)}</ul></div>'
        f'<div class="x5e">{p(f"<p>{e(x)}</p>" for x in site["footer"])}</div></body></html>'
    )


def _site(tmp_path: Path, stories: list[str], *, markup: bool = True) -> Path:
    tmp_path.mkdir(exist_ok=True)
    for s in stories:
        related = [STORIES[o][0] for o in STORIES if o != s]
        (tmp_path / f"{s}.{'html' if markup else 'txt'}").write_text(_page(SITE, s, related, markup=markup),
                                                                      encoding="utf-8")
    return tmp_path


def _derivations(res) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    # graph edges of copying; a pair classified as a copy is one of them
    edges = {(e["source"], e["target"]) for e in res.graph["edges"] if e["relation"] in DERIVATION}
    ids = [d.id for d in res.documents]
    copies = {frozenset((ids[p.a], ids[p.b])) for p in res.pairs if p.relation in DERIVATION}
    assert copies == {frozenset(e) for e in edges}
    return edges


def test_pages_of_one_site_sharing_its_related_list_and_footer_are_no_copies(tmp_path: Path) -> None:
    res = trace(load(_site(tmp_path, list(STORIES))).documents)
    assert _derivations(res) == set()
    segs = dict(zip((d.id for d in res.documents), res.segments, strict=True))
    tail = [s for s in segs["routes"] if s.line >= max(x.line for x in segs["routes"]) - 5]
    # the related headlines (one with its "VIDÉO." rubric) and the © footer
    assert all(s.furniture for s in tail), [(s.text, s.furniture) for s in tail if not s.furniture]


def test_two_pages_of_one_site_are_no_copies(tmp_path: Path) -> None:
    # Too few pages for lines repeated across the site: the list of links is known by its markup.
    res = trace(load(_site(tmp_path, ["routes", "unef"])).documents)
    assert _derivations(res) == set()


def test_the_same_pages_as_plain_text_are_no_copies(tmp_path: Path) -> None:
    res = trace(load(_site(tmp_path, list(STORIES), markup=False)).documents)
    assert _derivations(res) == set()
    # two pages: the list is known by its heading and its lines of headlines
    res = trace(load(_site(tmp_path / "two", ["routes", "petain"], markup=False)).documents)
    assert _derivations(res) == set()


def test_a_related_list_is_known_by_its_heading_and_headlines() -> None:
    text = ("Shares in the supermarket chain Grocera fell by 8% on Tuesday after a profit warning.\n\n"
            "The company blamed rising energy bills and a price war with discount rivals.\n\n"
            "More from The Daily Ledger\n\nGoogle's toolbar sparks concern\n\nEdwards tips Idowu for Euro gold\n\n"
            "The Daily Ledger is published by Ledger Media Group plc.\n")
    d = Document(id="a", lang="en", text=text)
    assert [s.furniture for s in mark_document(d, segment(0, d))] == [None, None, "pattern", "pattern", "pattern", None]
    # one short line under a "Lire aussi" is a subheading of the story, not a list
    text = ("Le texte de l'article commence ici.\n\nLire aussi\n\nUne baisse historique\n\n"
            "Cette baisse concerne principalement les automobilistes.\n")
    d = Document(id="b", lang="fr", text=text)
    assert [s.furniture for s in mark_document(d, segment(0, d))] == [None, "pattern", None, None]


def test_a_page_of_the_site_copying_another_is_still_its_copy(tmp_path: Path) -> None:
    _site(tmp_path, list(STORIES))
    # The site runs the bear story again a month later, under another headline and list.
    title, day, paras = STORIES["ours"]
    again = _page(SITE, "ours", [STORIES["unef"][0], STORIES["routes"][0]], date="2020-08-03")
    (tmp_path / "ours_again.html").write_text(again.replace(html.escape(title), "Ours: l'État détaille son plan"),
                                              encoding="utf-8")
    res = trace(load(tmp_path).documents)
    assert _derivations(res) == {("ours", "ours_again")}


def test_another_site_republishing_a_story_with_its_own_list_is_its_copy(tmp_path: Path) -> None:
    _site(tmp_path, list(STORIES))
    page = _page(OTHER_SITE, "petain", ["Vierzon: la piscine rouvre ses portes", "Bourges: un nouveau maire"],
                 date="2018-11-08")
    (tmp_path / "courrier.html").write_text(page, encoding="utf-8")
    res = trace(load(tmp_path).documents)
    assert _derivations(res) == {("petain", "courrier")}


def test_a_copyright_notice_is_furniture_wherever_its_mark_stands() -> None:
    for text, norm in [
        ("© 2020 Actu Régions - Tous droits réservés.", "2020 actu regions tous droits reserves"),
        ("The Daily Ledger Ltd. All rights reserved.", "the daily ledger ltd all rights reserved"),
        ("Copyright © 2023 Rheinische Post. Alle Rechte vorbehalten.", "copyright 2023 rheinische post alle rechte vorbehalten"),
        ("La Voz del Sur © 2019", "la voz del sur 2019"),
        ("Riproduzione riservata. Tutti i diritti riservati.", "riproduzione riservata tutti i diritti riservati"),
    ]:
        assert _reserves_rights(text, norm), text
    for text in ["The studio said the rights to the film were reserved in 2019.",
                 "Le droit d'auteur protège les œuvres depuis 1957.", "© AFP"]:
        assert not _reserves_rights(text, text.lower()), text
    d = Document(id="a", lang="fr", text="Le texte de l'article, assez long pour une page.\n\nSuite du texte ici.\n\n"
                 "© 2020 Actu Régions - Tous droits réservés. Mentions légales | Contact\n")
    assert [s.furniture for s in mark_document(d, segment(0, d))] == [None, None, "pattern", "pattern"]


def test_a_rubric_before_a_headline_is_a_mark_not_a_sentence() -> None:
    d = Document(id="a", lang="fr", text="Le texte de l'article.\n\nVIDÉO. Macron juge \"légitime\" de rendre hommage\n\n"
                 "EN DIRECT. Suivez la séance\n\nNON. Il a refusé de répondre.\n\nLa suite. Encore du texte.\n")
    marks = [(s.text, s.furniture) for s in mark_document(d, segment(0, d))]
    assert ("VIDÉO.", "header") in marks and ("EN DIRECT.", "header") in marks and ("NON.", "header") in marks
    assert ("La suite.", None) in marks and ("Macron juge \"légitime\" de rendre hommage", None) in marks


def test_a_list_of_links_is_furniture_whatever_its_class() -> None:
    story = "<p>" + "Les deux présidents se sont parlé dimanche au téléphone. " * 6 + "</p>"
    links = '<ul class="c-8f2a1"><li><a href="/a">Un premier titre</a></li><li><a href="/b">Un second titre</a></li></ul>'
    assert page_furniture(story + links) == ["Un premier titre", "Un second titre"]
    # a list of points, or links within sentences, is the article's
    points = "<ul><li>Premier point de la réforme</li><li>Le second, <a href='/c'>détaillé ici</a>, suit</li></ul>"
    assert page_furniture(story + points) == []
