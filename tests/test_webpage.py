"""Saved web pages as input: the text a reader sees, and the metadata the markup declares."""

from __future__ import annotations

import html
import json
from pathlib import Path

import polars as pl

from provenance.load import load, to_document
from provenance.pipeline import trace
from provenance.webpage import page_record, page_text

SEED = "001_45e1b145ca42a96b.txt"


def _paragraphs(seeds: Path) -> list[str]:
    text = (seeds / SEED).read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if len(p.strip()) > 80]


def _page(paras: list[str], *, head: str = "", lead: str = "") -> str:
    # A news page as publishing systems write them: navigation, share buttons, the article,
    # related links, scripts and a footer.
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paras)
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Erdogan et Poutine discutent | Le Relais</title>
{head}
<style>p {{ color: #333 }}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body>
<header><nav><ul><li><a href="/">Accueil</a></li><li><a href="/monde">Monde</a></li></ul></nav></header>
<main><article>
<h1>Erdogan et Poutine discutent</h1>
<div class="share"><button>Partager</button> <a href="#">Twitter</a></div>
{lead}{body}
<aside><p>Lire aussi : <a href="/x">Les marchés européens reculent</a></p></aside>
</article></main>
<footer><p>&copy; 2022 Le Relais &mdash; Tous droits réservés</p></footer>
<script type="text/javascript">var s = document.createElement("script");</script>
</body></html>
"""


HEAD = """<meta property="og:title" content="Erdogan et Poutine discutent sur l'Otan">
<meta property="article:published_time" content="2022-01-03T09:15:00+01:00">
<link rel="canonical" href="https://www.le-relais.example/monde/2022/01/03/erdogan-poutine-otan">"""


def test_page_text_keeps_paragraphs_and_drops_code(seeds: Path) -> None:
    paras = _paragraphs(seeds)
    text = page_text(_page(paras))
    blocks = text.strip().split("\n\n")
    for p in paras:
        assert " ".join(p.split()) in blocks  # each paragraph is one block, whitespace folded
    assert "dataLayer" not in text and "createElement" not in text and "color:" not in text
    assert "Accueil" in blocks and "Partager Twitter" in blocks  # furniture stays: it is evidence
    assert "Lire aussi : Les marchés européens reculent" in blocks
    assert "© 2022 Le Relais — Tous droits réservés" in blocks
    assert "Le Relais" not in blocks[0]  # the <title> is metadata, not page text


def test_page_metadata(seeds: Path) -> None:
    rec = page_record(_page(_paragraphs(seeds), head=HEAD))
    assert rec["title"] == "Erdogan et Poutine discutent sur l'Otan"
    assert rec["date"] == "2022-01-03T09:15:00+01:00"
    assert rec["url"] == "https://www.le-relais.example/monde/2022/01/03/erdogan-poutine-otan"
    # Without og:title, the <title> element.
    assert page_record(_page(["x" * 90]))["title"] == "Erdogan et Poutine discutent | Le Relais"


def test_date_fallbacks() -> None:
    ld = '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": "2021-05-04T08:00:00Z"}]}</script>'
    assert page_record(f"<html><head>{ld}</head><body><p>Texte</p></body></html>")["date"] == "2021-05-04T08:00:00Z"
    assert page_record('<p>Texte <time datetime="2020-02-03">3 février</time></p>')["date"] == "2020-02-03"
    assert page_record('<span itemprop="datePublished" content="2019-07-08">8 juillet</span>')["date"] == "2019-07-08"
    assert page_record('<meta name="pubdate" content="Sun, 02 Jan 2022 10:00:00 GMT"><p>x</p>')["date"] == "2022-01-02T10:00Z"
    # Read in UTC, the time stays UTC's once the record is loaded, not a clock time of unknown zone.
    rec = page_record('<meta name="DC.date.issued" content="Mon, 15 Jun 2020 14:40:00 +0200"><p>Texte.</p>')
    assert to_document(rec | {"id": "p", "text": "Texte."}).date == "2020-06-15T12:40"
    rec = page_record('<meta name="pubdate" content="Mon, 15 Jun 2020 14:40:00"><p>Texte.</p>')
    assert to_document(rec | {"id": "p", "text": "Texte."}).date == "2020-06-15 14:40"
    assert "date" not in page_record("<p>Texte sans date</p>")
    # A malformed JSON-LD block is ignored, not fatal.
    assert "date" not in page_record('<script type="application/ld+json">{oops</script><p>x</p>')


def test_broken_markup_still_gives_the_text() -> None:
    text = page_text("<div><p>Premier paragraphe<p>Second <b>paragraphe<script>x()</div>")
    assert text.strip().split("\n\n")[:2] == ["Premier paragraphe", "Second paragraphe"]
    assert page_text("<svg/><p>après une image</p>") == "après une image\n"


def test_folder_of_pages_loads_metadata_and_charset(tmp_path: Path, seeds: Path) -> None:
    paras = _paragraphs(seeds)
    (tmp_path / "relais.html").write_text(_page(paras, head=HEAD), encoding="utf-8")
    latin = _page(["Le président a évoqué la crise à Moscou pendant une heure au téléphone."]).replace(
        '<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    (tmp_path / "latin.htm").write_bytes(latin.encode("latin-1"))
    (tmp_path / "empty.html").write_text("<html><script>only()</script></html>", encoding="utf-8")
    res = load(tmp_path)
    docs = {d.id: d for d in res.documents}
    assert set(docs) == {"relais", "latin"}
    assert res.skipped == [(str(tmp_path / "empty.html"), "no text in the page")]
    d = docs["relais"]
    # published at 09:15 in Paris (+01:00): 08:15 UTC
    assert (d.date, d.date_origin, d.source) == ("2022-01-03T08:15", "input", "le-relais.example")
    assert d.title == "Erdogan et Poutine discutent sur l'Otan" and d.lang == "fr"
    assert "évoqué la crise à Moscou" in docs["latin"].text
    # read in the encoding it declares, and named in the documents table as any file not in UTF-8
    assert docs["latin"].extra.get("encoding") == "iso8859-1" and "encoding" not in docs["relais"].extra


def test_page_republishing_a_text_file_is_traced(tmp_path: Path, seeds: Path) -> None:
    # The agency text as a file, dated the day before a web page that republishes it inside
    # site furniture.
    text = (seeds / SEED).read_text(encoding="utf-8").replace("date 2022-01 ", "date 2022-01-02 ", 1)
    (tmp_path / "agence.txt").write_text(text, encoding="utf-8")
    (tmp_path / "relais.html").write_text(_page(_paragraphs(seeds), head=HEAD), encoding="utf-8")
    res = trace(load(tmp_path).documents)
    edges = [e for e in res.graph["edges"] if e["directed"] and e["relation"] != "translation"]
    assert [(e["source"], e["target"]) for e in edges] == [("agence", "relais")]


def test_a_page_against_a_text_without_markup_is_not_directed_by_its_menus(tmp_path: Path, seeds: Path) -> None:
    # A saved page has menus and a footer; a text stored without markup lost its own, whether
    # it is the agency's dispatch or a scraper's copy of the page. Nothing else tells them apart.
    (tmp_path / "texte.txt").write_text("\n\n".join(_paragraphs(seeds)), encoding="utf-8")
    (tmp_path / "relais.html").write_text(_page(_paragraphs(seeds), head=HEAD), encoding="utf-8")
    res = trace(load(tmp_path).documents)
    edges = [e for e in res.graph["edges"] if e["relation"] != "translation"]
    assert len(edges) == 1 and not edges[0]["directed"]
    assert not any("adds site furniture" in line for line in edges[0]["evidence"])


def test_jsonl_records_holding_pages(tmp_path: Path, seeds: Path) -> None:
    # A crawl's records: the page markup in an ``html`` field; the record's own fields win.
    markup = _page(_paragraphs(seeds), head=HEAD)
    rows = [{"id": "p1", "html": markup}, {"id": "p2", "html": markup, "date": "2022-01-05", "title": None}]
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    docs = {d.id: d for d in load(path).documents}
    assert docs["p1"].date == "2022-01-03T08:15" and docs["p2"].date == "2022-01-05"
    assert docs["p2"].title == "Erdogan et Poutine discutent sur l'Otan"
    assert docs["p1"].source == "le-relais.example"
    assert "<p>" not in docs["p1"].text and _paragraphs(seeds)[0] in docs["p1"].text


def test_a_text_field_holding_markup_is_read_as_a_page(seeds: Path, tmp_path: Path) -> None:
    # CMS exports and feeds often give the article's HTML as its text ("content", "body").
    paras = _paragraphs(seeds)
    rows = [{"id": "cms", "content": "".join(f"<p>{html.escape(p)}</p>" for p in paras[:3])},
            {"id": "page", "text": _page(paras, head=HEAD)},
            {"id": "plain", "text": "<<Entretien>> " + paras[0]},
            # plain text under an advertisement's leftover tags (web-crawled corpora have these)
            {"id": "ad", "text": "<a href='http://ads.example/c'><img src='b.gif'></a> <NOSCRIPT> " + paras[0]}]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    docs = {d.id: d for d in load(path).documents}
    assert docs["cms"].text.strip().split("\n\n") == [" ".join(p.split()) for p in paras[:3]]
    assert "<p>" not in docs["page"].text and docs["page"].date == "2022-01-03T08:15"
    assert docs["page"].title == "Erdogan et Poutine discutent sur l'Otan"
    assert docs["plain"].text.startswith("<<Entretien>> ")  # not markup: left as it is
    assert docs["ad"].text.endswith(paras[0])


def _furniture_of(doc_text_id: str, res) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    k = next(i for i, d in enumerate(res.documents) if d.id == doc_text_id)
    return {s.text: s.furniture for s in res.segments[k]}


def test_markup_places_menus_share_blocks_asides_and_footers_as_furniture(tmp_path: Path, seeds: Path) -> None:
    paras = _paragraphs(seeds)
    (tmp_path / "relais.html").write_text(_page(paras, head=HEAD), encoding="utf-8")
    res = trace(load(tmp_path).documents)
    marks = _furniture_of("relais", res)
    for line in ("Accueil", "Partager Twitter", "© 2022 Le Relais — Tous droits réservés"):
        assert marks[line] == "markup", line
    # the article's own lines, its headline included, are content
    assert marks["Erdogan et Poutine discutent"] is None
    assert sum(1 for why in marks.values() if why is None) >= len(paras)


def test_pages_of_different_stories_sharing_a_related_block_are_no_copies(tmp_path: Path, seeds: Path) -> None:
    # Two sites' pages on different stories (seeds 001 and 002) that both carry the same block of
    # related-story teasers: full sentences, but the markup says what they are.
    related = ("<aside class='related-stories'><p>Les marchés européens ont reculé lundi après l'annonce "
               "d'une hausse des taux de la Banque centrale européenne, la troisième cette année.</p>"
               "<p>Le gouvernement a présenté mardi un projet de loi sur l'énergie qui prévoit la "
               "construction de six nouveaux réacteurs nucléaires d'ici à 2035.</p></aside>")
    other = [p.strip() for p in (seeds / "002_e1ce88859cf142a7.txt").read_text(encoding="utf-8").split("\n\n")
             if len(p.strip()) > 80]
    for name, paras in (("relais", _paragraphs(seeds)), ("autre", other)):
        page = _page(paras).replace("</article>", f"</article>{related}")
        (tmp_path / f"{name}.html").write_text(page, encoding="utf-8")
    res = trace(load(tmp_path).documents)
    assert [e["relation"] for e in res.graph["edges"]] == ["shared_boilerplate"]
    marks = _furniture_of("autre", res)
    assert {why for t, why in marks.items() if t.startswith(("Les marchés européens ont", "Le gouvernement a"))} == {"markup"}


def test_photo_captions_and_embedded_posts_are_furniture() -> None:
    story = "".join(f"<p>{'Les deux présidents se sont parlé dimanche au téléphone. ' * 3}</p>" for _ in range(3))
    cap = "Vladimir Poutine lors d'une réunion à Moscou, le 3 janvier 2022. Photo Sputnik via Reuters"
    post = "Nous avons eu une conversation franche et utile avec le président turc."
    rec = page_record(f"<article><figure><img src='a.jpg'><figcaption>{cap}</figcaption></figure>{story}"
                      f"<blockquote class='twitter-tweet'><p>{post}</p></blockquote></article>")
    assert [rec["text"][a:b] for a, b in rec["__furniture"]] == [cap, post]


def test_a_story_wrapper_with_a_feature_in_its_name_is_content() -> None:
    story = "".join(f"<p>{'Les deux présidents se sont parlé dimanche au téléphone. ' * 3}</p>" for _ in range(3))
    rec = page_record(f"<body><nav>Accueil</nav><div class='article-body social-share-enabled'>{story}"
                      f"<div class='share-buttons'>Partager</div></div></body>")
    assert [rec["text"][a:b] for a, b in rec["__furniture"]] == ["Accueil", "Partager"]


def test_a_page_wrapped_in_one_form_keeps_its_hints() -> None:
    # ASP.NET WebForms pages sit inside <form id="aspnetForm">: the menu is still the furniture.
    story = "".join(f"<p>{'Les deux présidents se sont parlé dimanche au téléphone. ' * 3}</p>" for _ in range(3))
    rec = page_record(f"<body><form id='aspnetForm'><nav>Accueil</nav><div>{story}</div></form></body>")
    assert [rec["text"][a:b] for a, b in rec["__furniture"]] == ["Accueil"]


def test_markup_hints_that_would_leave_no_story_are_ignored() -> None:
    story = "".join(f"<p>{'Les deux présidents se sont parlé dimanche au téléphone. ' * 3}</p>" for _ in range(3))
    rec = page_record(f"<body><div class='social-story'>{story}</div></body>")
    assert "__furniture" not in rec
    rec = page_record(f"<body><nav>Accueil</nav>{story}</body>")
    assert [rec["text"][a:b] for a, b in rec["__furniture"]] == ["Accueil"]


def test_a_page_declaring_the_wrong_charset_is_named(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    # Shift-JIS bytes under a UTF-8 declaration: read as windows-1252 (the standard's fallback),
    # full of replacement characters; the run says so instead of tracing garbage in silence.
    body = "東京で記者会見が開かれ、首相は新しい経済対策を発表した。" * 5
    page = f'<html><head><meta charset="utf-8"><title>t</title></head><body><p>{body}</p></body></html>'
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.html").write_bytes(page.encode("shift_jis"))
    (tmp_path / "in" / "ok.html").write_text("<html><body><p>Le président a parlé hier soir.</p></body></html>", encoding="utf-8")
    res = run_cli("trace", tmp_path / "in", "-o", tmp_path / "out", "--no-svg")
    assert res.exit_code == 0, res.stderr
    assert "1 document(s) were not UTF-8" in res.stderr and "look like another encoding" in res.stderr
    docs = pl.read_parquet(tmp_path / "out" / "documents.parquet")
    assert dict(zip(docs["id"], docs["encoding"], strict=True)) == {"page": "windows-1252", "ok": None}


ORIG = "https://www.le-relais.example/monde/2022/01/03/erdogan-poutine-otan"


def _syndicated(paras: list[str], *, site: str, own: str | None, canonical: str | None, date: str | None = None,
                footer: str = "") -> str:
    # A page with its own site name and address, whose canonical link may name another site's page.
    head = f'<meta property="og:site_name" content="{site}">'
    head += f'<meta property="og:url" content="{own}">' if own else ""
    head += f'<link rel="canonical" href="{canonical}">' if canonical else ""
    head += f'<meta property="article:published_time" content="{date}">' if date else ""
    return _page(paras, head=head, lead="").replace("</article>", f"{footer}</article>")


def test_a_canonical_link_to_another_site_marks_a_republication(tmp_path: Path, seeds: Path) -> None:
    paras = _paragraphs(seeds)
    partner = _syndicated(paras, site="Partner Post", own="https://partnerpost.example/world/erdogan-123", canonical=ORIG)
    rec = page_record(partner)
    assert (rec["url"], rec["__canonical"]) == ("https://partnerpost.example/world/erdogan-123", ORIG)
    # The page keeps its own address and outlet; the canonical one is the address it names as its source.
    (tmp_path / "partner.html").write_text(partner, encoding="utf-8")
    # A canonical on the page's own site (another sub-domain, a relative link) is its own address.
    (tmp_path / "mobile.html").write_text(_syndicated(paras, site="Le Relais", own="https://m.le-relais.example/a-1",
                                                      canonical=ORIG), encoding="utf-8")
    (tmp_path / "relative.html").write_text(_syndicated(paras, site="Le Relais", own=ORIG, canonical="/monde/a"),
                                            encoding="utf-8")
    docs = {d.id: d for d in load(tmp_path).documents}
    assert (docs["partner"].url, docs["partner"].source, docs["partner"].canonical) == (
        "https://partnerpost.example/world/erdogan-123", "Partner Post", ORIG)
    assert (docs["mobile"].url, docs["mobile"].canonical) == (ORIG, None)
    assert (docs["relative"].url, docs["relative"].canonical) == (ORIG, None)
    # A crawl's record gives the page's own address (its target URI): the canonical is compared with that.
    rows = [{"id": "crawled", "url": "https://mirror.example/p/1", "html": _syndicated(paras, site="M", own=None, canonical=ORIG)},
            {"id": "own", "url": "https://le-relais.example/amp/1", "html": _syndicated(paras, site="R", own=None, canonical=ORIG)}]
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    crawl = {d.id: d for d in load(path).documents}
    assert (crawl["crawled"].url, crawl["crawled"].canonical) == ("https://mirror.example/p/1", ORIG)
    assert (crawl["own"].url, crawl["own"].canonical) == ("https://le-relais.example/amp/1", None)


def test_a_syndication_partner_hangs_under_the_page_its_canonical_names(tmp_path: Path, seeds: Path) -> None:
    # The original (canonical = itself), a partner's copy naming it as canonical, and a scraper's
    # copy with "Originally published at" the original's address; only the original is dated.
    paras = _paragraphs(seeds)
    (tmp_path / "orig.html").write_text(_syndicated(paras, site="Le Relais", own=ORIG, canonical=ORIG,
                                                    date="2022-01-03T09:15:00+01:00"), encoding="utf-8")
    (tmp_path / "partner.html").write_text(_syndicated(paras, site="Partner Post", own="https://partnerpost.example/w/123",
                                                       canonical=ORIG), encoding="utf-8")
    (tmp_path / "scraper.html").write_text(_syndicated(paras, site="Scrape", own=None, canonical=None,
                                                       footer=f"<p>Originally published at {ORIG}</p>"), encoding="utf-8")
    res = trace(load(tmp_path).documents)
    edges = {(e["source"], e["target"]): e for e in res.graph["edges"] if e["relation"] != "translation"}
    assert ("orig", "partner") in edges and edges["orig", "partner"]["directed"]
    ev = edges["orig", "partner"]["evidence"]
    assert any(line.startswith("partner quotes the address of orig") and "canonical link" in line for line in ev)
    assert not any("one address" in line for e in edges.values() for line in e["evidence"])
    # The scraper's credit names the original, not the partner.
    quoted = {(e["source"], e["target"]) for e in edges.values() for line in e["evidence"]
              if line.startswith("scraper quotes the address of")}
    assert all(src == "orig" for src, _ in quoted)
    assert not any("quotes the address of partner" in line for e in edges.values() for line in e["evidence"])
    # A partner's page that gives no address of its own, only its site's name, still names the
    # original through its canonical link, and is not read as a version of the original's page.
    (tmp_path / "partner.html").write_text(_syndicated(paras, site="Partner Post", own=None, canonical=ORIG),
                                           encoding="utf-8")
    res = trace(load(tmp_path).documents)
    edges = {(e["source"], e["target"]): e for e in res.graph["edges"] if e["relation"] != "translation"}
    assert ("orig", "partner") in edges and edges["orig", "partner"]["directed"]
    assert not any("one address" in line for e in edges.values() for line in e["evidence"])


def test_a_canonical_link_outweighs_a_date_an_hour_early(tmp_path: Path, seeds: Path) -> None:
    # The partner's page is stamped 55 minutes before the original it names as canonical (the
    # original's time is its last update's, or the partner's clock is off): the link orders them.
    paras = _paragraphs(seeds)
    (tmp_path / "orig.html").write_text(_syndicated(paras, site="Le Relais", own=ORIG, canonical=ORIG,
                                                    date="2022-01-03T10:15:00+01:00"), encoding="utf-8")
    (tmp_path / "partner.html").write_text(_syndicated(paras, site="Partner Post", own="https://partnerpost.example/w/123",
                                                       canonical=ORIG, date="2022-01-03T09:20:00+01:00"), encoding="utf-8")
    res = trace(load(tmp_path).documents)
    edge = next(e for e in res.graph["edges"] if {e["source"], e["target"]} == {"orig", "partner"})
    assert (edge["source"], edge["target"], edge["directed"]) == ("orig", "partner", True)
    assert any(line.startswith("partner is dated 55 min before orig but quotes its address") for line in edge["evidence"])
    # The dates' own line goes: the note says what became of them.
    assert not any("partner is dated 2022" in line for line in edge["evidence"])
    # Two days early, the dates stand against the link: the pair is linked, and no direction is claimed.
    (tmp_path / "partner.html").write_text(_syndicated(paras, site="Partner Post", own="https://partnerpost.example/w/123",
                                                       canonical=ORIG, date="2022-01-01T09:20:00+01:00"), encoding="utf-8")
    res = trace(load(tmp_path).documents)
    edge = next(e for e in res.graph["edges"] if {e["source"], e["target"]} == {"orig", "partner"})
    assert not edge["directed"]
    assert not any("quotes its address: a page cannot" in line for line in edge["evidence"])


def test_a_sidebar_list_of_times_does_not_date_the_page() -> None:
    side = "".join(f'<li><a href="/n{i}">Autre article {i}</a> <time datetime="2022-01-09T0{i}:00">9 janv.</time></li>'
                   for i in range(3))
    story = '<h1>Appel</h1><time datetime="2022-01-02T10:00">2 janvier 2022</time><p>Les présidents se sont parlé.</p>'
    assert page_record(f'<aside><h3>À la une</h3><ul>{side}</ul></aside><article>{story}</article>')["date"] == "2022-01-02T10:00"
    # Without <article>: the first time outside the menus, sidebars and footers.
    assert page_record(f'<nav><time datetime="2022-01-09">Dimanche 9 janvier</time></nav><div>{story}</div>'
                       f'<footer><ul>{side}</ul></footer>')["date"] == "2022-01-02T10:00"
    # The article's own "posted on" footer counts; a list of other stories' times alone does not.
    assert page_record('<article><p>Texte.</p><footer>Publié le <time datetime="2022-01-02">2 janvier</time></footer>'
                       f'</article><aside><ul>{side}</ul></aside>')["date"] == "2022-01-02"
    assert "date" not in page_record(f"<article><p>Texte.</p></article><aside><ul>{side}</ul></aside>")
    # A story's own header outside any <article> is the site's to the parser: alone in its block,
    # its time still dates the page.
    assert page_record(f'<header><h1>Appel</h1><time datetime="2022-01-02">2 janvier</time></header><div><p>Texte.</p></div>'
                       f'<aside><ul>{side}</ul></aside>')["date"] == "2022-01-02"


def test_a_partner_page_naming_its_own_site_does_not_take_the_originals_address() -> None:
    # No og:url, but a site name of its own: the canonical names another outlet's page.
    head = '<link rel="canonical" href="https://www.lemonde.fr/economie/article/qwest-mci.html">'
    partner = page_record(head + '<meta property="og:site_name" content="Partner Post"><p>Texte.</p>')
    assert "url" not in partner and partner["__canonical"].startswith("https://www.lemonde.fr/")
    # the outlet's own page, its site named as the address spells it, keeps its canonical address
    own = page_record(head + '<meta property="og:site_name" content="Le Monde"><p>Texte.</p>')
    assert own["url"] == "https://www.lemonde.fr/economie/article/qwest-mci.html"
