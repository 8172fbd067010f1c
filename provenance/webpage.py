"""Saved web pages (``.html``, ``.htm``) as input records: the page's text, and the metadata its
markup declares.

The text keeps what a reader of the page sees, site furniture included (menus, share buttons,
"read also" links): the furniture stage recognises it, and a copy that carries another site's
furniture along is evidence of who copied whom. Scripts, styles and other non-text elements are
dropped; block elements become paragraphs (blank lines), as in the plain-text inputs.

Metadata comes from the markup, where publishing systems put it for search engines and social
networks: the publication date (``article:published_time``, schema.org ``datePublished`` in
JSON-LD, microdata or a ``<time>`` element), the canonical address, and the headline
(``og:title``, else ``<title>``).
"""

from __future__ import annotations

import codecs
import json
import re
from collections import Counter
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlparse

from .metadata import normalise_date, same_site
from .orient import name_keys

HTML_SUFFIXES = (".html", ".htm")

# Elements whose content is never page text.
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas",
                   "select", "datalist", "title"})
# Elements that end a paragraph of text.
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "ul", "br",
})
# Void elements have no end tag, so they never open a skipped region.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
# Where a page keeps what is not its article: menus, footers, sidebars, photo captions,
# and blocks whose role or class names say so (consent banners, share buttons, related links,
# comments, embedded posts). Their lines are marked as furniture (``Document.markup_furniture``);
# the text keeps them.
# Not ``form``: some publishing systems (ASP.NET WebForms) wrap the whole page in one.
_FURNITURE_TAGS = frozenset({"nav", "footer", "aside", "menu", "dialog", "figcaption"})
_FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog",
                              "alertdialog", "menu", "menubar"})
_FURNITURE_NAMES = frozenset({
    "cookie", "cookies", "consent", "gdpr", "cmp", "newsletter", "share", "sharing", "social", "breadcrumb",
    "breadcrumbs", "related", "comments", "sidebar", "footer", "navbar", "nav", "menu", "promo", "advert",
    "advertisement", "paywall", "subscribe", "outbrain", "taboola",
    # a wire photo's caption, an embedded post: shared by stories that use the same picture or
    # quote the same post, not copied from one another
    "caption", "tweet", "instagram", "tiktok", "embed",
})
# A name that says "article" first ("article-body social-share", "entry-content sharing") is a
# story's wrapper with a feature named on it, not furniture.
_CONTENT_NAMES = frozenset({"article", "body", "content", "story", "text", "entry", "main", "post"})
_NEVER_FURNITURE = frozenset({"html", "body", "main", "article"})
# A list whose items are links, with little text besides, is a site's list of its other pages
# ("À lire aussi", "More from", a menu), whatever its class names (hashed on many sites): so
# much of its text is anchored, and every item holds a link.
_LINK_LIST_TAGS = frozenset({"ul", "ol"})
_LINK_LIST_MIN_ITEMS = 2
_LINK_LIST_SHARE = 0.8
_NAME_TOKEN = re.compile(r"[a-z]+")
# Private-use characters mark, in the parser's output, text inside and outside such blocks.
_IN, _OUT = "\ue000", "\ue001"
_MIN_CONTENT_WORDS = 30
"""Markup hints are dropped when they would leave less article than this (a page that keeps its
story in an ``aside``, or a class name that happens to read as furniture on the whole body)."""
# Meta tags naming the publication date, most specific first.
_DATE_META = ("article:published_time", "og:article:published_time", "datepublished", "publishdate",
              "pubdate", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "date",
              "sailthru.date", "parsely-pub-date")
_TITLE_META = ("og:title", "twitter:title")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_ABSOLUTE = re.compile(r"https?://", re.IGNORECASE)


def is_html(name: str) -> bool:
    """Whether a file name is a saved web page.

    >>> is_html("story.HTML"), is_html("story.txt")
    (True, False)
    """
    return name.lower().endswith(HTML_SUFFIXES)


_OPENING = re.compile(
    r"<(?:!doctype\s+html|html|head|body|p|div|h[1-6]|article|section|header|main|ul|ol|figure|blockquote|table)"
    r"[\s>/]", re.I)
_CLOSING = re.compile(r"</(?:p|div|h[1-6]|article|section|body|html|li|td|blockquote|figure)\s*>", re.I)


def looks_like_markup(text: str) -> bool:
    """Whether a record's text is an HTML page or fragment (a CMS export or feed often holds the
    article's markup): it opens with a document or block element and closes one further on.
    Plain text with stray tags (an advertisement's link left at the top) is not markup.

    >>> looks_like_markup("<p>Le texte.</p><p>Suite.</p>"), looks_like_markup("<a href='x'>pub</a> Le texte.")
    (True, False)
    """
    head = text.lstrip()[:4096]
    return _OPENING.match(head) is not None and _CLOSING.search(head) is not None


def declared_charset(raw: bytes) -> str | None:
    """The character set a page declares in its first few kilobytes (``<meta charset>``).

    >>> declared_charset(b'<html><head><meta charset="ISO-8859-1"></head>')
    'ISO-8859-1'
    """
    m = _CHARSET.search(raw[:4096])
    return m.group(1).decode("ascii") if m else None


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def bom_encoding(raw: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``raw`` names (UTF-32 before UTF-16, whose
    little-endian mark begins UTF-32's), or None.

    >>> bom_encoding(codecs.BOM_UTF16_LE + "é".encode("utf-16-le")), bom_encoding(b"plain")
    ('utf-16', None)
    """
    return next((enc for bom, enc in _BOMS if raw.startswith(bom)), None)


def decode_page(raw: bytes, charset: str | None = None) -> tuple[str | None, str | None]:
    """A page's text from its bytes, and why not when it cannot be read: by ``charset`` (from
    an HTTP header) or the one the page declares, else UTF-8, else windows-1252 (the HTML
    standard's default for legacy pages).

    >>> decode_page("<p>été</p>".encode("latin-1"))
    ('<p>été</p>', None)
    """
    text, _guessed, problem, _enc = decode_page_as(raw, charset)
    return text, problem


def decode_page_as(raw: bytes, charset: str | None = None) -> tuple[str | None, bool, str | None, str | None]:
    """:func:`decode_page`, also telling whether the text was read in the fallback windows-1252
    because neither the declared character set nor UTF-8 could read it (a page that declares
    the wrong one: the load then says so, as for text files), and the encoding it was read in
    (Python's name for it).

    >>> decode_page_as('<meta charset="utf-8"><p>日本</p>'.encode("shift_jis"))[1]
    True
    >>> decode_page_as('<meta charset="ISO-8859-1"><p>été</p>'.encode("latin-1"))[3]
    'iso8859-1'
    """
    bom = bom_encoding(raw)
    if bom is not None:
        # The byte-order mark outranks any declaration (as in the HTML standard's sniffing).
        try:
            return raw.decode(bom), False, None, codecs.lookup(bom).name
        except UnicodeDecodeError as e:
            return None, False, f"not valid {bom.upper()} (byte {e.start})", None
    if b"\x00" in raw[:8192]:
        return None, False, "binary file (contains NUL bytes)", None
    for enc in (charset, declared_charset(raw), "utf-8-sig"):
        if not enc:
            continue
        try:
            text = raw.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
        name = codecs.lookup(enc).name
        return text, False, None, "utf-8" if name == "utf-8-sig" else name
    return raw.decode("cp1252", errors="replace"), True, None, "windows-1252"


def _named_furniture(names: str) -> bool:
    """Whether a class or id names furniture: its first telling word is a furniture word.

    >>> _named_furniture("share-buttons"), _named_furniture("article-body social-share"), _named_furniture("x")
    (True, False, False)
    """
    for word in _NAME_TOKEN.findall(names.lower()):
        if word in _FURNITURE_NAMES:
            return True
        if word in _CONTENT_NAMES:
            return False
    return False


def _time_rank(in_article: bool, in_furniture: bool) -> int:
    """How surely a ``<time>`` dates the page's own story, 0 first: inside ``<article>``/``<main>``
    and out of its furniture; elsewhere out of furniture; in the article's own furniture (a
    "posted on" footer); in the site's menus, sidebars and footers ("Latest news" lists, today's
    date in the masthead), last."""
    if not in_furniture:
        return 0 if in_article else 1
    return 2 if in_article else 3


def _page_time(times: list[tuple[int, int, str]]) -> str | None:
    """The ``<time>`` that dates the page: the first of the best-placed (``_time_rank``), from
    ``(rank, furniture block, value)`` in page order. Times in the site's furniture count only
    one to a block: a block holding several is a list of other stories ("Latest news").

    >>> _page_time([(3, 1, "2005-03-09"), (3, 1, "2005-03-09T01:00"), (0, 0, "2005-03-01")])
    '2005-03-01'
    >>> _page_time([(3, 1, "2005-03-09"), (3, 1, "2005-03-08")]), _page_time([(3, 1, "2005-03-01"), (3, 2, "x"), (3, 2, "y")])
    (None, '2005-03-01')
    """
    per_block = Counter(block for rank, block, _ in times if rank == 3)
    fit = [(rank, value) for rank, block, value in times if rank < 3 or per_block[block] == 1]
    return min(fit, key=lambda t: t[0])[1] if fit else None  # min keeps the first of equals


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip: list[str] = []
        self.pre = 0
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.title: list[str] = []
        self.in_title = False
        self.times: list[tuple[int, int, str]] = []
        """``<time datetime>`` values with their place (``_time_rank``) and furniture block, in page order."""
        self.block = 0
        """Number of the outermost furniture block open (counted from 1), or of the last one."""
        self.jsonld: list[str] = []
        self.in_jsonld = False
        self.open: list[tuple[str, bool]] = []
        """Open elements that matter to furniture: (tag, whether it is a furniture block)."""
        self.furniture = 0
        self.article = 0
        self.lists: list[list[int]] = []
        """Open ``ul``/``ol`` elements, innermost last: [first part, items, items with a link,
        letters in links, letters] (``_LINK_LIST_SHARE``)."""
        self.anchors = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"].strip()
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.canonical = self.canonical or a["href"].strip()
        elif tag == "time" and a.get("datetime"):
            rank = _time_rank(self.article > 0, self.furniture > 0)
            self.times.append((rank, self.block if self.furniture else 0, a["datetime"].strip()))
        elif tag == "title":
            self.in_title = True
        elif tag == "script" and "ld+json" in a.get("type", "").lower():
            self.in_jsonld = True
        if a.get("itemprop", "").lower() == "datepublished" and (a.get("datetime") or a.get("content")):
            self.meta.setdefault("datepublished", (a.get("datetime") or a.get("content") or "").strip())
        if tag not in _VOID and not self.skip:
            self._enter(tag, a)
            self._enter_list(tag)
        if tag in _SKIP and tag not in _VOID:
            self.skip.append(tag)
        elif tag == "pre":
            self.pre += 1
        if tag in _BLOCK and not self.skip:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def _enter(self, tag: str, a: dict[str, str]) -> None:
        furniture = tag not in _NEVER_FURNITURE and (
            tag in _FURNITURE_TAGS
            or (tag == "header" and not self.article)  # the site's header, not the story's
            or a.get("role", "").strip().lower() in _FURNITURE_ROLES
            or _named_furniture(a.get("class", "")) or _named_furniture(a.get("id", ""))
        )
        if furniture or tag in ("article", "main"):
            self.block += furniture and not self.furniture
            self.open.append((tag, furniture))
            self.furniture += furniture
            self.article += tag in ("article", "main")

    def _enter_list(self, tag: str) -> None:
        if tag in _LINK_LIST_TAGS:
            self.lists.append([len(self.parts), 0, 0, 0, 0])
        elif tag == "li" and self.lists:
            self.lists[-1][1] += 1
        elif tag == "a":
            if self.lists and self.lists[-1][1] > self.lists[-1][2] and not self.anchors:
                self.lists[-1][2] += 1
            self.anchors += 1

    def _leave_list(self, tag: str) -> None:
        if tag == "a" and self.anchors:
            self.anchors -= 1
        elif tag in _LINK_LIST_TAGS and self.lists:
            first, items, linked, in_links, letters = self.lists.pop()
            if items >= _LINK_LIST_MIN_ITEMS and linked == items and in_links >= _LINK_LIST_SHARE * letters > 0:
                # A list of links: its text is furniture, as if a furniture block held it.
                self.parts[first:] = [_IN + x[1:] if x.startswith(_OUT) else x for x in self.parts[first:]]

    def _leave(self, tag: str) -> None:
        if not any(t == tag for t, _ in self.open):
            return
        # Unclosed elements inside are closed with it, as browsers do.
        while self.open:
            t, furniture = self.open.pop()
            self.furniture -= furniture
            self.article -= t in ("article", "main")
            if t == tag:
                return

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <meta/>: no content, so never a skipped region.
        self.handle_starttag(tag, attrs)
        if tag in _SKIP and tag not in _VOID and self.skip and self.skip[-1] == tag:
            self.skip.pop()
        elif tag not in _VOID:
            self._leave(tag)
            self._leave_list(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag == "script":
            self.in_jsonld = False
        if tag in self.skip:
            # Unclosed elements inside are closed with it, as browsers do.
            while self.skip and self.skip.pop() != tag:
                pass
            return
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag in _BLOCK and not self.skip:
            self.parts.append("\n\n")
        self._leave(tag)
        if not self.skip:
            self._leave_list(tag)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.in_jsonld:
            self.jsonld.append(data)
        if self.skip:
            return
        chunk = data if self.pre else _SPACE.sub(" ", data.replace("\n", " "))
        if chunk.strip():
            chunk = (_IN if self.furniture else _OUT) + chunk
            if self.lists:
                letters = sum(c.isalpha() for c in chunk)
                for entry in self.lists:
                    entry[3] += letters if self.anchors else 0
                    entry[4] += letters
        self.parts.append(chunk)


def _jsonld_value(blobs: list[str], key: str) -> str | None:
    # The first ``key`` (at any depth) of the page's JSON-LD blocks, e.g. schema.org's
    # ``datePublished``; malformed blocks are ignored, as browsers and crawlers do.
    def walk(x: Any) -> str | None:
        if isinstance(x, dict):
            v = x.get(key)
            if isinstance(v, str) and v.strip():
                return v.strip()
            for y in x.values():
                found = walk(y)
                if found:
                    return found
        elif isinstance(x, list):
            for y in x:
                found = walk(y)
                if found:
                    return found
        return None

    for blob in blobs:
        try:
            found = walk(json.loads(blob))
        except (ValueError, RecursionError):
            continue
        if found:
            return found
    return None


def _iso(value: str | None) -> str | None:
    # Dates in meta tags are ISO 8601 almost always (kept as written); a few systems write RFC
    # 822 ("Sun, 02 Jan 2022 10:00:00 GMT"), which the loader's date reading turns into ISO.
    if not value:
        return None
    if re.match(r"\d{4}-\d{2}", value):
        return value
    iso = normalise_date(value)
    # A time read in UTC keeps its mark: the loader reads the record again, and a bare
    # "2020-06-15T12:40" would be a clock time of unknown zone there.
    return (iso + "Z" if iso and "T" in iso else iso) or value


def page_text(markup: str) -> str:
    """The visible text of a page, one paragraph per block element.

    >>> page_text("<p>Un <b>texte</b>\\n suivi</p><script>var x;</script><ul><li>Partager</li></ul>")
    'Un texte suivi\\n\\nPartager\\n'
    """
    return _parse_marked(markup)[0]


def page_furniture(markup: str) -> list[str]:
    """The lines of a page's text that its markup places in menus, footers, sidebars, captions or
    blocks named as furniture (see ``page_record``'s ``__furniture``).

    >>> story = "<p>" + "Les deux présidents se sont parlé dimanche. " * 6 + "</p>"
    >>> page_furniture(f'<nav>Accueil</nav><div class="share-buttons">Partager</div>{story}<footer>© 2022</footer>')
    ['Accueil', 'Partager', '© 2022']
    """
    text, spans, _ = _parse_marked(markup)
    return [text[a:b] for a, b in spans]


def _parse_marked(markup: str) -> tuple[str, list[tuple[int, int]], _Page]:
    p = _Page()
    p.feed(markup)
    p.close()
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    blank = True  # no line yet, or the last one was blank: blank lines collapse to one
    for raw in "".join(p.parts).split("\n"):
        line = raw.replace(_IN, "").replace(_OUT, "").strip()
        if not line:
            if not blank:
                out.append("")
                pos += 1
            blank = True
            continue
        if _IN in raw and _OUT not in raw:
            spans.append((pos, pos + len(line)))
        out.append(line)
        pos += len(line) + 1
        blank = False
    while out and not out[-1]:
        out.pop()
    text = "\n".join(out)
    content_words = len(text.split()) - sum(len(text[a:b].split()) for a, b in spans)
    if content_words < _MIN_CONTENT_WORDS:
        spans = []
    return (text + "\n" if text else ""), spans, p


def _names_site(site_name: str | None, url: str) -> bool:
    """Whether a page's declared site name may be the site of ``url`` (true when it declares
    none): a way an address writes the name (``orient.name_keys``) and a name part of the host
    hold one another ("Le Monde" and lemonde.fr, "BBC News" and bbc.co.uk, "Süddeutsche Zeitung"
    and sueddeutsche.de).

    >>> _names_site("Le Monde", "https://www.lemonde.fr/a"), _names_site("Partner Post", "https://www.lemonde.fr/a")
    (True, False)
    >>> _names_site("Süddeutsche Zeitung", "https://www.sueddeutsche.de/a"), _names_site(None, "https://x.example/a")
    (True, True)
    """
    if not site_name:
        return True
    keys = name_keys(site_name.split())
    parts = [p for p in (urlparse(url).hostname or "").casefold().split(".") if p not in ("www", "m", "amp")]
    stems = {"".join(c for c in p if c.isalnum()) for p in parts[:-1]}
    return any(len(stem) >= 2 and (stem in key or key in stem) for stem in stems for key in keys)


def page_record(markup: str) -> dict[str, Any]:
    """An input record (``text``, and ``title``, ``date``, ``url`` where the page declares them)
    from a page's markup. ``__canonical`` is the page's canonical link: the loader keeps it as the
    address of the page's source when it names another site than the page's own address.

    >>> r = page_record('<html><head><title>Appel | Le Site</title><meta property="og:title" content="Appel">'
    ...                 '<meta property="article:published_time" content="2022-01-02T10:00:00+01:00">'
    ...                 '<link rel="canonical" href="https://www.le-site.example/monde/appel"></head>'
    ...                 '<body><nav>Accueil</nav><article><h1>Appel</h1><p>Les deux présidents se sont parlé.</p></article></body></html>')
    >>> r["title"], r["date"], r["url"]
    ('Appel', '2022-01-02T10:00:00+01:00', 'https://www.le-site.example/monde/appel')
    >>> r["text"]
    'Accueil\\n\\nAppel\\n\\nLes deux présidents se sont parlé.\\n'
    >>> r = page_record('<link rel="canonical" href="https://le-site.example/appel">'
    ...                 '<meta property="og:url" content="https://partenaire.example/monde/appel-123"><p>Texte.</p>')
    >>> r["url"], r["__canonical"]
    ('https://partenaire.example/monde/appel-123', 'https://le-site.example/appel')
    """
    text, spans, p = _parse_marked(markup)
    meta = p.meta
    date = next((meta[k] for k in _DATE_META if meta.get(k)), None)
    date = date or _jsonld_value(p.jsonld, "datePublished") or _page_time(p.times)
    title = next((meta[k] for k in _TITLE_META if meta.get(k)), None) or _SPACE.sub(" ", "".join(p.title)).strip()
    canonical, own = (u if u and _ABSOLUTE.match(u) else None for u in (p.canonical, meta.get("og:url")))
    # A canonical link to another site marks a republication (a syndication partner's page names
    # the original's address there): the page keeps its own address, and the canonical one is
    # kept aside as the address the page names as its source (``Document.canonical``).
    url = own if canonical and own and not same_site(canonical, own) else canonical or own
    if url == canonical and not own and not _names_site(meta.get("og:site_name"), canonical):
        # No address of its own, and a site name that is not the canonical's site: a partner's
        # page, whose own address is unknown (taking the original's would make the two outlets
        # "versions of one page").
        url = None
    rec: dict[str, Any] = {"text": text}
    if spans:
        rec["__furniture"] = tuple(spans)
    if title:
        rec["title"] = title
    if date:
        rec["date"] = _iso(date)
    if url:
        rec["url"] = url
    if canonical:
        rec["__canonical"] = canonical
    if meta.get("og:site_name"):
        rec["site_name"] = meta["og:site_name"]
    return rec
