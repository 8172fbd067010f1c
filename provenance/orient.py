"""Stage 8: decide who copied whom, with a confidence and the evidence.

Each signal adds log-odds for "A is the parent of B" (negative: B is the parent):
dates (strongest, when both are known and differ at their common precision), an agency wire
header, machine-translation notices, attribution to an agency or to the other outlet, furniture
the republisher added, and containment (an excerpt is the child of the longer text). The sum
becomes a probability; below ``min_logodds`` the pair stays undirected.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from . import metadata
from .metadata import is_local_time, named_language
from .model import Document, Segment, pickled_by_fields
from .model import outlet as outlet_of
from .quotes import document_quotes, has_posts, letters, quoted_letters
from .relation import PairFeatures
from .segment import normalise, spaced

if TYPE_CHECKING:
    from .align import DocAlignment

PRESS_WIRES = (
    "PR Newswire", "PRNewswire", "Business Wire", "BUSINESS WIRE", "GlobeNewswire", "GLOBE NEWSWIRE", "Globe Newswire",
    "ACCESSWIRE", "Accesswire", "EIN Presswire", "EINPresswire", "Newsfile", "Marketwired", "CNW", "PRWeb", "PRWEB",
    "JCN Newswire", "ots", "APA-OTS",
)
"""Wires that distribute companies' press releases, by the names their datelines give."""
_SLASH_WIRES = ("PRNewswire", "CNW", "EINPresswire", "PRWeb", "PRWEB")
"""Wires whose dateline sets their name between slashes: "/PRNewswire/", "/PRNewswire-FirstCall/"."""
AGENCIES = (
    "AFP", "Agence France-Presse", "Reuters", "AP", "Associated Press", "PA", "Press Association",
    "DPA", "dpa", "KNA", "epd", "SDA", "Keystone-SDA", "ANSA", "EFE", "TASS", "RIA Novosti", "RIA", "Interfax", "Xinhua", "Anadolu", "Agerpres",
    "Belga", "ATS", "Keystone-ATS", "APA", "Bernama", "Antara", "Kyodo", "Yonhap", "UPI", "Bloomberg",
    "Europa Press", "Lusa", "PAP", "CTK", "MTI", "ANP", "Sputnik", "Ukrinform", "Notimex",
    "Prensa Latina", "IRNA", "WAM", "MENA", "BTA", "HINA", "Tanjug", "STA", "LETA", "BNS", "Ritzau",
    "NTB", "TT", "STT", "CNA", "PTI", "IANS", "AAP", "NZPA", "SAPA", "KUNA", "QNA", "SPA",
    "ТАСС", "РИА Новости", "Интерфакс", "Синьхуа", "Укрінформ", "УНИАН",
    # Press-release wires: outlets reprint a company's release from them as they do a dispatch,
    # with the wire's dateline ("NEW YORK, March 3, 2022 /PRNewswire/ --", "--(BUSINESS WIRE)--").
    *PRESS_WIRES,
)
AGENCIES_UNSPACED = ("新华社", "中新社", "中央社", "共同社", "共同通信", "時事通信", "新華社", "연합뉴스", "뉴시스")
"""Agencies named in scripts written without blanks: no word boundary marks them off."""
_AGENCY_ALT = "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True))
_AGENCY_UNSPACED_ALT = "|".join(AGENCIES_UNSPACED)
_ATTRIBUTION_VERBS = (
    "selon", "d['’]après", "rapporte", "rapporté par", "rapportent", "citant", "cité par", "citée par", "relayé par",
    "indique", "a indiqué", "annonce", "according to", "citing", "cited by", "reported by", "reports", "reported", "via", "laut", "berichtet", "berichtete", "zufolge", "según", "informó", "citando", "secondo", "menurut", "dikutip",
    "mengutip", "segundo", "сообщает", "сообщил", "сообщила", "сообщило", "передает", "передаёт", "по данным",
    "со ссылкой на", "повідомляє", "за даними",
)
"""What introduces an attributed agency (regular expressions, each beginning with a letter). Not
"told", "said to", "in an interview with": a source speaking to an agency is quoted, and an
outlet that quotes the interview does not say the agency's copy is its text."""
_CJK_LEADS = ("据", "據", "援引", "引述", "转引自")


def _guarded(pattern: str, first: str, first_ignorecase: str = "") -> re.Pattern[str]:
    """``pattern`` behind a lookahead for the characters its matches can begin with (``first``,
    and ``first_ignorecase`` in either case): the same matches, but most positions of a text
    are ruled out by one character test instead of a try of every branch (twice as fast on
    news text)."""
    guards = ["[" + "".join(sorted(map(re.escape, set(first)))) + "]"] if first else []
    if first_ignorecase:
        guards.append("(?i:[" + "".join(sorted(map(re.escape, set(first_ignorecase)))) + "])")
    guard = "|".join(guards)
    return re.compile(f"(?=(?:{guard}))(?:{pattern})")


_NAME_FIRST = "".join(a[0] for a in (*AGENCIES, *AGENCIES_UNSPACED))
_ATTRIBUTION_PATTERN = (
    r"\b(?i:" + "|".join(_ATTRIBUTION_VERBS) + r")"
    r"\s+(?i:l['’]agence\s+|l['’]|le |la |les |the |die |der |el |agency\s+|агентства\s+|агентство\s+)?"
    r"(?P<who>" + _AGENCY_ALT + r")\b"
    # ...unless a name and a comma follow: "berichtet AFP Moustapha, Leiter der Sicherheit" is a
    # machine translation of "raconte à l'AFP Moustapha, ...", a source speaking to the agency.
    r"(?!\s+[A-ZÀ-Þ][\w'’-]*(?:\s+[A-ZÀ-Þ][\w'’-]*){0,2},)"
    r"|\((?P<tag>" + _AGENCY_ALT + r")\)"
    r"|/(?P<slash>" + "|".join(_SLASH_WIRES) + r")(?:-[A-Za-z][\w ]{0,30})?(?:\.com)?/"
    r"|\b(?P<post>" + _AGENCY_ALT + r")\s+(?:reported|reports|said|a rapporté|rapporte|berichtete|сообщает|сообщило)\b"
    # "据新华社报道", "援引中新社消息", "共同通信によると", "연합뉴스에 따르면"
    r"|(?:" + "|".join(_CJK_LEADS) + r")\s*(?P<cjk>" + _AGENCY_UNSPACED_ALT + r")"
    r"|(?P<cjk_post>" + _AGENCY_UNSPACED_ALT + r")\s*(?:によると|が報じた|에 따르면|보도에)"
)
_ATTRIBUTION = _guarded(_ATTRIBUTION_PATTERN, "(/" + _NAME_FIRST + "".join(c[0] for c in _CJK_LEADS),
                        "".join(v[0] for v in _ATTRIBUTION_VERBS))

# Every branch of _ATTRIBUTION holds an agency name (matched case-sensitively) as a whole word:
# preceded by a blank, an apostrophe, "(" or a word boundary, followed by a boundary or ")".
# Most texts name no agency, and this one alternation rules them out in a few percent of the
# time of the full expression, which tries dozens of verbs at every position.
_AGENCY_WORD_PATTERN = r"(?<!\w)(?:" + _AGENCY_ALT + r")(?!\w)|" + _AGENCY_UNSPACED_ALT
_AGENCY_WORD = _guarded(_AGENCY_WORD_PATTERN, _NAME_FIRST)


@dataclass(frozen=True)
class OrientConfig:
    """Weights (log-odds) of the direction signals and the decision threshold."""

    date_weight: float = 3.5
    wire_weight: float = 3.0
    translation_weight: float = 1.5
    attribution_weight: float = 0.8
    named_source_weight: float = 2.5
    linked_weight: float = 4.0
    """One text quoting the other's own address (its URL, as "Source: https://..." or "Read the
    full story at ...") names that very document as its source."""
    furniture_first: float = 0.7
    """A clean text against one wrapped in site furniture: the wrapped one is the republication.
    The first furniture sentence is the telling one (it alone directs a pair: 0.7 is
    ``min_logodds``)..."""
    furniture_weight: float = 0.3
    """...each further one adds this..."""
    furniture_max: float = 1.6
    """...up to this."""
    carried_weight: float = 1.0
    """A text carrying furniture lines at home on the other's outlet (``furniture.furniture_homes``:
    lines that outlet repeats across its pages, such as its "Read also" links) was copy-pasted
    from a page of that outlet. Less than naming the outlet (``named_source_weight``): the line
    may have come from another page of the same site. Set before any measurement, between
    ``attribution_weight`` and ``named_source_weight``; 0.5 (not decisive alone) did worse on
    the development family seeds (benchmarks/RESULTS.md)."""
    correction_weight: float = 2.0
    """A text that says it is a later version of itself ("An earlier version of this article
    misstated...", "Rectificatif :", "Dieser Artikel wurde aktualisiert") against one that does
    not: the one without is the earlier version, or a copy of it. Set, not fitted: an explicit
    statement, above containment's 1.5 (a corrected version often adds a line) and below a
    date's 3.5."""
    release_weight: float = 1.5
    """A text that calls itself a press release ("Communiqué de presse", "FOR IMMEDIATE RELEASE")
    is what newsrooms copy, not a copy of an article: set before any measurement, as strong as
    an excerpt's containment and below a date's."""
    excerpt_weight: float = 1.5
    """An excerpt, or a near-duplicate wholly contained in the other, is the copy."""
    post_weight: float = 2.0
    """A text that embeds a social post (its text above a "— Name (@handle) date" signature)
    against the post's own page: the page is the source, and a containment that points the
    other way is void (the story holds the post as a quotation, not as an excerpt of it). Set,
    not fitted: as strong as a correction notice, below a date."""
    post_share: float = 0.6
    """The embedding side has this share of the aligned letters inside the embedded post."""
    coverage_weight: float = 0.0
    """Off by default: rewrites both cut and add, so which side is more contained says little
    (on METER it pointed the wrong way); excerpts have their own signal."""
    min_logodds: float = 0.7
    """Below this total the direction is left unknown (``directed: false``)."""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Direction:
    """Outcome for a pair (a, b): ``parent`` is "a", "b" or None (unknown)."""

    parent: str | None
    confidence: float
    logodds: float
    evidence: tuple[str, ...]
    date_logodds: float = 0.0
    """The part of ``logodds`` that comes from the two dates (the graph stage reasons about
    dates across a whole family instead)."""
    excerpt_logodds: float = 0.0
    """The part that comes from one side being an excerpt of the other (the graph stage weighs
    containment itself when it chooses parents)."""
    named_logodds: float = 0.0
    """The part that comes from one text naming the other's outlet: evidence for this very
    parent, not only for an earlier document."""
    linked_logodds: float = 0.0
    """The part that comes from one text quoting the other's URL: it names the very document
    copied, and a page can only link to one that already exists."""
    wire_logodds: float = 0.0
    """The part that comes from one side alone carrying an agency wire header."""
    credits_a: tuple[tuple[str, str], ...] = ()
    """Agencies ``a`` credits as a republisher does, and outlets it says first published it, with
    the words (``source_credits``: on a known outlet's page, a dateline's agency as well): the
    graph stage gives a family's parentless documents that credit one with no page in the family
    a latent node for that source's copy."""
    credits_b: tuple[tuple[str, str], ...] = ()
    toward: tuple[str, ...] = ()
    """For each line of ``evidence``, the side it points at as the parent ("a" or "b"; "" for a
    line that points at neither), so a reader can tell the lines against a direction apart."""

    def marked(self, parent: str | None) -> tuple[str, ...]:
        """``evidence`` with each line that points at the side other than ``parent`` ("a", "b")
        marked "against:".

        >>> Direction("a", 0.7, 0.7, ("x is dated first", "x credits AFP"), toward=("a", "b")).marked("a")
        ('x is dated first', 'against: x credits AFP')
        """
        return marked_evidence(self.evidence, self.toward, parent)


def marked_evidence(evidence: Sequence[str], toward: Sequence[str], parent: str | None) -> tuple[str, ...]:
    """Evidence lines, those pointing at a side other than ``parent`` marked "against:" (lines
    pointing at neither side, and all lines when ``parent`` is None, as they are)."""
    if parent is None or len(toward) != len(evidence):
        return tuple(evidence)
    return tuple(f"against: {line}" if side and side != parent else line for line, side in zip(evidence, toward, strict=True))


def attributions(text: str) -> list[str]:
    """Agencies a text attributes information to.

    >>> attributions("Ankara a protesté, rapporte Agerpres. Selon l'AFP, rien.")
    ['Agerpres', 'AFP']
    """
    return list(_attributions(text))


@lru_cache(maxsize=4096)
def _attributions(text: str) -> tuple[str, ...]:
    # A document is oriented against each of its copies; the scan of its whole text is the
    # costliest step of orient, and its result depends on the text alone.
    if not _AGENCY_WORD.search(text):
        return ()
    return _attributions_reference(text)


def _attributions_reference(text: str) -> tuple[str, ...]:
    """``attributions`` by the full expression alone: the oracle of the pre-check."""
    return tuple(name for m in _ATTRIBUTION.finditer(text) if (name := _attributed(m)))


def _attributed(m: re.Match[str]) -> str | None:
    # The agency an attribution names. A press wire is credited by its dateline alone: "Business
    # Wire reported record traffic" is a story about the company, not a release it carried.
    if m.group("tag") or m.group("slash"):
        return m.group("tag") or m.group("slash")
    name = m.group("who") or m.group("post") or m.group("cjk") or m.group("cjk_post")
    return None if name in PRESS_WIRES else name


# A credit line: the agencies alone on a line after "Avec", "Source :"..., or "(avec AFP)" closing
# a paragraph. The lead words take any case; agency names keep theirs. A bare "AFP" line or a
# "© AFP" is left out: under a photo it credits the picture, not the text.
_CREDIT_LEAD = (r"(?i:avec|with|mit|con|com|met|sources?|crédits?|credits?|quelle|quellen|fuente|"
                r"fuentes|fonte|fontes|bron|bronnen)")
UNNAMED_AGENCIES = "agencies"
"""The name under which a credit to agencies it does not name is kept ("With agencies", "Avec
agences", "Guardian staff and agencies"): the text is agency copy, the agency unknown."""
_UNNAMED_ALT = (r"(?:(?i:les|the|des|other|autres)\s+)?(?i:agencies|agences|agenturen|agencias|agências|agenzie|"
                r"agencje|persbureaus|wire\s+services)")
_UNNAMED_HINT = _guarded(r"(?i:agenc|agênc|agentur|agenzi|persbureau|wire\s+serv)", "", "apw")
"""Every unnamed credit holds one of these: texts without them skip the credit lines' scan. (Most
texts hold none, and are read whole: the guard makes that scan two to three times faster.)"""
_ITEM = r"(?:" + _AGENCY_ALT + r"|" + _UNNAMED_ALT + r")"
_ITEMS = _ITEM + r"(?:\s*(?:/|,|&|\+|(?i:et|and|und|y|e|en))\s*" + _ITEM + r")*"
# A byline naming the outlet or its newsroom before the lead: "Le Figaro avec AFP", "La
# rédaction avec AFP", "Par La Rédaction avec AFP", "CNN staff with Reuters" (capitalised words,
# or the newsroom's own name, so "Il s'est entretenu avec AFP" stays a sentence).
_CREDIT_BYLINE = (r"(?:(?i:par|by|von|por|di)\s+)?(?:(?:[A-ZÀ-Þ0-9][\w.'’-]*|(?i:la|le|les|the|rédaction|redaction|"
                  r"staff|newsroom|desk|redaktion|redacción|redazione))\s+){1,4}")
_BLANK = r"[^\S\n]"
_CREDIT = re.compile(
    # "Avec AFP", "Source : Reuters", "Le Figaro avec AFP", "With agencies", alone on a line
    r"^[^\w(\n]*(?:" + _CREDIT_BYLINE + r")?" + _CREDIT_LEAD + r"\s*:?\s+" + _ITEMS + r"(?:[\s,]+\d{4})?[^\w\n]*$"
    # "Guardian staff and agencies", "La rédaction et agences", "Reuters, AFP and agencies" (a bare
    # "Reuters and AFP" may sit under a photo)
    r"|^[^\w(\n]*" + _CREDIT_BYLINE + r"(?i:and|et|und|y|e|&)\s+" + _UNNAMED_ALT + r"[^\w\n]*$"
    r"|^[^\w(\n]*(?=[^\n]*(?<!\w)" + _UNNAMED_ALT + r"[^\w\n]*$)" + _ITEMS + r"[^\w\n]*$"
    # "— Reuters", "-- AP", "(Reuters)", "(AFP/Reuters)" alone on a line: the agency's dispatch
    # opens with its dateline's "(Reuters) -", a republisher closes with the credit
    r"|^" + _BLANK + r"*(?:[—–]|--?)" + _BLANK + r"*" + _ITEMS + _BLANK + r"*\.?" + _BLANK + r"*$"
    r"|^" + _BLANK + r"*\(" + _ITEMS + r"\)" + _BLANK + r"*\.?" + _BLANK + r"*$"
    # ...or after the last sentence of a paragraph: "...he added. — Reuters", "...a-t-il dit. Avec AFP"
    r"|(?<=[.!?…\"”»'’])" + _BLANK + r"+(?:[—–]" + _BLANK + r"*" + _ITEMS + r"|\(" + _ITEMS + r"\)"
    r"|(?:Avec|With|Mit|Con|Com|Met)" + _BLANK + r"+" + _ITEMS + r")" + _BLANK + r"*\.?" + _BLANK + r"*$"
    # "(avec AFP)" closing a paragraph or a sentence
    r"|\(" + _CREDIT_LEAD + r"\s+" + _ITEMS + r"\)",
    re.MULTILINE,
)
# An agency's byline: "By Stephen Howard, PA News", "Par Jean Dupont (AFP)", "Par Jean Dupont de
# l'AFP", "By JOHN DOE, Associated Press Writer", "By The Associated Press". The agency writes it in
# its own dispatch, as its dateline.
_NAME = r"[A-ZÀ-Þ][\w.'’-]*(?:" + _BLANK + r"+(?:[A-ZÀ-Þ][\w.'’-]*|(?i:de|du|van|von|der|da|di|del|le|la|bin|al)))*"
_AGENCY_BYLINE = re.compile(
    r"^[^\w\n]*(?i:by|par|von|por|di)" + _BLANK + r"+(?:" + _NAME
    + r"(?:" + _BLANK + r"*(?:,|(?i:and|et|und|y|e)|&)" + _BLANK + r"*" + _NAME + r")*"
    r"" + _BLANK + r"*(?:,|\||/|[—–-]|\(|(?i:of|for|pour|für|de))" + _BLANK + r"*)?"
    r"(?i:the" + _BLANK + r"+|l['’]|la" + _BLANK + r"+|der" + _BLANK + r"+)?"
    r"(?:" + _AGENCY_ALT + r")(?:" + _BLANK + r"+(?i:news|staff|writer|correspondent|reporter|journalist|journaliste))?"
    r"\)?[^\w\n]*$",
    re.MULTILINE,
)
_AGENCY_NAME = re.compile(r"(?<!\w)(?:" + _AGENCY_ALT + r")(?!\w)")
_UNNAMED = re.compile(r"(?<!\w)" + _UNNAMED_ALT + r"(?!\w)")


def credits(text: str) -> list[str]:
    """Agencies a text credits: those it attributes information to, and those of its credit
    lines ("Avec AFP", "Source : Reuters", "(avec AFP)", "— Reuters", "(Reuters)" alone on a
    line); ``UNNAMED_AGENCIES`` for "With agencies" when the text names none.

    >>> credits("Le texte.\\nAvec AFP et Reuters")
    ['AFP', 'Reuters']
    >>> credits("Le texte.\\nPar La rédaction avec AFP"), credits("Le texte.\\nIl s'est entretenu avec AFP")
    (['AFP'], [])
    >>> credits("Ankara a protesté, rapporte Agerpres.")
    ['Agerpres']
    >>> credits("Shares fell.\\n— Reuters"), credits("Shares fell.\\nWith agencies"), credits("He told Reuters so.")
    (['Reuters'], ['agencies'], [])
    """
    return list(dict.fromkeys(a for a, _ in credit_spans(text)))


@lru_cache(maxsize=4096)
def republisher_credits(text: str) -> tuple[tuple[str, str], ...]:
    """Each source a text credits as a republisher does, once, with the words of its first
    credit: the agencies of ``credit_spans``, then the outlets of ``republication_credits``.

    >>> republisher_credits("Selon l'AFP, rien. D'après l'AFP, tout. (AFP)")
    (('AFP', "Selon l'AFP"),)
    >>> republisher_credits("Le texte.\\nCet article est republié à partir de The Conversation.")
    (('The Conversation', 'Cet article est republié à partir de The Conversation'),)
    """
    # A document is oriented against each of its copies; its credits depend on its text alone.
    first: dict[str, str] = {}
    for agency, quote in credit_spans(text, republisher=True):
        first.setdefault(agency, quote)
    seen = {squash_name(a) for a in first}
    # A release that came through a press wire credits the wire: its issuer's "About" paragraph
    # is part of the wire's copy, not a second source.
    wired = any(a in PRESS_WIRES for a, _q in credit_spans(text))
    for outlet, quote in (*republication_credits(text), *(() if wired else release_issuers(text))):
        if squash_name(outlet) not in seen:
            seen.add(squash_name(outlet))
            first[outlet] = quote
    return tuple(first.items())


# The heading of a press release's closing boilerplate, on a line of its own: "About Acme Corp",
# "À propos de Acme", "Über Acme", "Acerca de Acme"...
_ABOUT = re.compile(r"^[^\w\n]*(?P<lead>About|À propos d[e'’]|A propos d[e'’]|Über|Acerca de|Sobre|Informazioni su)"
                    r"\s*(?P<name>[^\n]{2,60}?)[\s:.]*$", re.MULTILINE)
_ABOUT_HINTS = ("about", "propos", "über", "acerca", "sobre", "informazioni")
# What else marks a company's release, beside its "About X" paragraph (a fact box about a club,
# an author's bio or a glossary entry has that too): a stock ticker, a press or investor contact,
# a "SOURCE X" line, the forward-looking statements notice, or X named with a company's form.
_RELEASE_MARK = re.compile(
    r"\((?:NYSE|NASDAQ|Nasdaq|AMEX|LSE|AIM|TSX|TSXV|ASX|OTC\w*|Euronext[\w ]*|XETRA|FWB|SIX|BME|TYO|HKEX|SGX|NSE|BSE)"
    r"(?:\s*American)?\s*:\s*[A-Z0-9.]{1,8}\)"
    r"|(?im:^[^\w\n]*(?:(?:media|press|investor|news)\s+(?:contacts?|relations|inquiries|enquiries)"
    r"|contacts?\s+(?:presse|médias?|investisseurs)|presse?kontakt|medienkontakt|pressestelle"
    r"|contactos?\s+(?:de\s+)?prensa|contatti\s+stampa|contatto\s+stampa|perscontact|persvoorlichting)\b)"
    r"|(?m:^SOURCE\s+[A-Z])"
    r"|(?i:forward[- ]looking\s+statements|déclarations\s+prospectives|zukunftsgerichtete\s+aussagen"
    r"|declaraciones\s+prospectivas|dichiarazioni\s+previsionali)"
)
_COMPANY_FORM = re.compile(
    r"(?<!\w)(?:Inc|Corp|Corporation|Ltd|Limited|LLC|LLP|plc|PLC|AG|SA|S\.A|SE|SAS|GmbH|NV|N\.V|BV|B\.V|SpA|S\.p\.A"
    r"|AB|ASA|Oyj|KGaA|Co|Company|Group|Groupe|Gruppe|Grupo|Holdings?|Bank|Foundation|Fondation|Stiftung)\.?$")
_NOT_ISSUERS = frozenset("the this these our us me we you author authors cookies cookie site page series".split())


def release_issuers(text: str) -> tuple[tuple[str, str], ...]:
    """The organisations whose press release a text carries, by the boilerplate that closes one:
    a line "About X" (or "À propos de X", "Über X"...) followed by a paragraph about X ("X is a
    ...", "Founded in 1990, X ..."). Each with the words of its heading. Only the issuer writes
    that paragraph: a page carrying it ran the release. A fact box about a club or an author's
    bio reads the same, so X must be named with a company's form ("Acme Holdings", "Acme Inc.")
    or the text carry another mark of a release (a ticker, a press contact, "SOURCE X", the
    forward-looking statements notice).

    >>> release_issuers("Acme said profits rose.\\n\\nAbout Acme Holdings\\nAcme Holdings is a media group based in Ohio.")
    (('Acme Holdings', 'About Acme Holdings'),)
    >>> box = "Arsenal won 2-0.\\n\\nAbout Arsenal\\nArsenal were founded in 1886 in Woolwich."
    >>> release_issuers(box), release_issuers(box + "\\n\\nMedia contact: press@arsenal.example")[0][0]
    ((), 'Arsenal')
    >>> release_issuers("About the author\\nThe author is a journalist."), release_issuers("About 300 people came.\\nThey left.")
    ((), ())
    """
    low = text.lower()
    if not any(h in low for h in _ABOUT_HINTS):
        return ()
    out: dict[str, str] = {}
    marked: bool | None = None
    for m in _ABOUT.finditer(text):
        name = m.group("name").strip(" \t")
        if any(q in name for q in "\"«»“”„"):
            continue  # "Über „Auf Wiedersehen, Kinder“": a heading about a work, not a release's
        words = name.split()
        if not 1 <= len(words) <= 6 or not words[0][:1].isupper() or any(c.isdigit() for c in words[0]):
            continue
        if words[0].lower() in _NOT_ISSUERS or words[0].lower() in _NOT_NAMES:
            continue
        if any(w[:1].islower() and w.lower() not in _NAME_JOINERS for w in words[1:]):
            continue  # "About half of them": a sentence, not a name
        rest = text[m.end():m.end() + 400].lstrip()
        para = rest.split("\n", 1)[0][:120]
        if not para or words[0] not in para or len(para.split()) < 5:
            continue
        if not _COMPANY_FORM.search(name.rstrip(" .,")):
            if marked is None:
                marked = bool(_RELEASE_MARK.search(text) or press_release(text))
            if not marked:
                continue
        out.setdefault(name, " ".join(m.group(0).split()).strip(" :."))
    return tuple(out.items())


def source_credits(doc: Document) -> tuple[tuple[str, str], ...]:
    """The sources a document's text came from by its own words: its ``republisher_credits``
    and, on a page of a known outlet, the agency's own marks too (a dateline's "(Reuters)", an
    agency reporter's byline "By Jane Smith, AFP"). An agency writes those in its dispatch; another outlet's page carries them only
    when it republished the dispatch. Whether the page is the agency's own is left to the family
    (``graph``), which knows every outlet in it.

    >>> text = "LONDON (Reuters) - Shares fell."
    >>> source_credits(Document("a", text))
    ()
    >>> source_credits(Document("a", text, source="dailynews.example"))
    (('Reuters', '(Reuters)'),)
    """
    found = republisher_credits(doc.text)
    if not (doc.source or site_name(doc)):
        return found
    return _with_own_marks(doc.text, found)


def _with_own_marks(text: str, found: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    seen = {squash_name(a) for a, _ in found}
    extra = []
    for agency, quote in credit_spans(text):
        if squash_name(agency) not in seen:
            seen.add(squash_name(agency))
            extra.append((agency, quote))
    return (*found, *extra)


def _other_outlets(a: Document, b: Document) -> bool:
    """Whether two documents are known to come from different outlets, however each names its
    own ("Le Monde" and "lemonde.fr" are one).

    >>> _other_outlets(Document("a", "t", source="Le Monde"), Document("b", "t", source="lemonde.fr"))
    False
    >>> _other_outlets(Document("a", "t", source="lemonde.fr"), Document("b", "t", source="liberation.fr"))
    True
    """
    oa, ob = outlet_of(a), outlet_of(b)
    if not oa or not ob or oa == ob:
        return False
    names_a = {squash_name(n) for n in (oa, *outlet_names(a))}
    names_b = {squash_name(n) for n in (ob, *outlet_names(b))}
    return not names_a & names_b


def _marks_too(doc: Document, agencies: Sequence[str], credits: Sequence[tuple[str, str]]) -> bool:
    """Whether ``doc``, on a page of a known outlet other than theirs, carries an agency's own
    marks for one of ``agencies`` (``credits``: its :func:`source_credits`).

    >>> d = Document("a", "LONDON (Reuters) - Shares fell.", source="dailynews.example")
    >>> _marks_too(d, ["Reuters"], source_credits(d))
    True
    >>> d = Document("a", "LONDON (Reuters) - Shares fell.", source="reuters.com")
    >>> _marks_too(d, ["Reuters"], source_credits(d))
    False
    """
    outlet = doc.source or site_name(doc)
    if not outlet:
        return False
    own = {squash_name(part) for part in re.split(r"[.\s/]+", outlet) if part}
    wanted = {squash_name(x) for x in agencies} - own
    return any(squash_name(x) in wanted for x, _q in credits)


def is_agency(name: str) -> bool:
    """Whether a credited name is a news agency's (not an outlet named as first publisher);
    ``UNNAMED_AGENCIES`` is.

    >>> is_agency("AFP"), is_agency("新华社"), is_agency("The Conversation"), is_agency(UNNAMED_AGENCIES)
    (True, True, False, True)
    """
    return name == UNNAMED_AGENCIES or bool(_AGENCY_WORD.fullmatch(name))


def squash_name(name: str) -> str:
    """A source's name as credits and outlets are matched: case-folded letters and digits.

    >>> squash_name("The Conversation") == squash_name("theconversation")
    True
    """
    return "".join(c for c in name.casefold() if c.isalnum())


# A line that says where the text was first published: "This article was originally published on
# X", "Republished with permission from X", "Cet article a été initialement publié sur X",
# "Zuerst erschienen bei X", "Publicado originalmente en X"... It opens its line (a credit line, not
# "books originally published in the 19th century" within a sentence), and X is a name written
# with capitals (or a domain): "in the print edition" or "on 3 March" name no outlet.
_REPUB_LEAD = (
    r"(?:(?:this|the)\s+(?:article|story|piece|post|essay|report|interview|column|op-ed|text|analysis)"
    r"(?:\s+\w+)?\s+(?:was|is|has\s+been|first|originally)(?:\s+(?:originally|first|initially|previously))?"
    r"\s+(?:published|posted|appeared|ran|republished|reprinted)"
    r"|(?:originally|first|initially)\s+(?:published|posted|appeared)"
    r"|(?:republished|reprinted|reproduced)(?:\s+(?:here\s+)?with\s+(?:kind\s+)?permission)?"
    r"|(?:cet\s+)?article\s+(?:a\s+été\s+|est\s+|fut\s+)?(?:initialement\s+|originellement\s+|d'abord\s+)?"
    r"(?:publié|paru|republié|reproduit)(?:\s+(?:initialement|originellement|à\s+l'origine|d'abord|avec\s+l'autorisation\s+de))?"
    r"|(?:initialement|originellement|d'abord)\s+(?:publiée?|parue?)|(?:publiée?|parue?)\s+(?:initialement|à\s+l'origine)"
    r"|(?:dieser\s+)?(?:artikel|beitrag|text)\s+(?:ist\s+|erschien\s+|wurde\s+)?(?:zuerst|ursprünglich|erstmals)"
    r"(?:\s+(?:erschienen|veröffentlicht))?|(?:zuerst|ursprünglich|erstmals)\s+(?:erschienen|veröffentlicht)"
    r"|(?:este|esta|este\s+artigo|esta\s+matéria)?\s*(?:artículo|nota|texto)?\s*(?:fue\s+|foi\s+)?"
    r"(?:publicad[oa]\s+(?:originalmente|originariamente|inicialmente)|(?:originalmente|originariamente)\s+publicad[oa])"
    r"|(?:questo\s+)?(?:articolo\s+)?(?:è\s+stato\s+)?(?:pubblicato\s+(?:originariamente|originalmente|per\s+la\s+prima\s+volta)"
    r"|originariamente\s+pubblicato)"
    r")"
)
_REPUB_PREP = (r"(?:on|in|at|by|from|via|sur|dans|par|chez|à\s+partir\s+de|depuis|de|bei|auf|im|in\s+der|en|su|sul|sulla|"
               r"da|em|no|na|pelo|pela|op|door)")
# A line that says the text is a translation of another outlet's: "This article was translated
# from Le Monde", "Translated from the French original in Le Monde", "Traduit de l'anglais, paru
# dans The Guardian", "Übersetzt aus dem Englischen, zuerst erschienen im Guardian", "Traducido
# del inglés de El País". Its outlet is read as a republication's (``_outlet_name``, with the
# translator's "by Jane Smith" ruled out).
_TRANSLATION_LEAD = (
    r"(?:(?:this|the)\s+(?:article|story|piece|post|essay|report|interview|column|op-ed|text|analysis)"
    r"(?:\s+\w+)?\s+(?:was|is|has\s+been)\s+)?translated"
    r"|(?:(?:cet\s+)?article\s+(?:a\s+été\s+|est\s+)?)?traduite?"
    r"|(?:(?:dieser\s+)?(?:artikel|beitrag|text)\s+(?:wurde\s+|ist\s+)?)?übersetzt"
    r"|(?:(?:este|esta)\s+)?(?:(?:artículo|nota|texto)\s+(?:fue\s+|ha\s+sido\s+)?)?traducid[oa]"
)
_REPUBLICATION = re.compile(r"^[^\w\n]*(?:(?P<lead>" + _REPUB_LEAD + r")\s+" + _REPUB_PREP
                            + r"|(?P<translated>" + _TRANSLATION_LEAD + r")\s+(?:from|de|du|des|depuis|aus|del))"
                            r"\s+(?P<rest>[^\n]+)",
                            re.IGNORECASE | re.MULTILINE)
_NAME_JOINERS = frozenset("of the de du des la le les l' d' di del della dello van von der die das den & and et y e".split())
_NOT_NAMES = frozenset(
    "january february march april may june july august september october november december monday tuesday wednesday "
    "thursday friday saturday sunday janvier février mars avril mai juin juillet août septembre octobre novembre "
    "décembre lundi mardi mercredi jeudi vendredi samedi dimanche januar februar märz juni juli oktober dezember "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag enero febrero marzo abril mayo junio julio agosto "
    "septiembre octubre noviembre diciembre this these our my his her their its english french german spanish print "
    "twitter facebook instagram linkedin medium substack".split())
_NAME_TOKEN = re.compile(r"[\w.'’&-]+")


def republication_credits(text: str) -> tuple[tuple[str, str], ...]:
    """Outlets a text says it was first published by ("This article was originally published on
    X", "Cet article est republié à partir de X", "Zuerst erschienen bei X"...) or translated from
    ("This article was translated from X"), each with the words of its credit, in order of the
    text. The outlet is the run of capitalised words (or the domain) after the preposition, up
    to four lower-case words ("le site de") or a language ("in French by") skipped before it.

    >>> republication_credits("Text.\\nThis article is republished from The Conversation under a Creative Commons license.")
    (('The Conversation', 'This article is republished from The Conversation'),)
    >>> republication_credits("Originally published on 3 March 2020 in the print edition.")
    ()
    >>> republication_credits("Books originally published in the 19th Century by Oxford.")
    ()
    >>> republication_credits("Article initialement publié sur le site de Reporterre.")[0][0]
    'Reporterre'
    >>> republication_credits("Translated from the French original in Le Monde by our staff.")[0][0]
    'Le Monde'
    >>> republication_credits("Translated from the French by Jane Smith.")
    ()
    """
    # The credit's pattern is tried only on the lines holding one of its words: most texts
    # have none, and trying it at every line's start cost more than the rest of loading.
    out: dict[str, str] = {}
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        m = _REPUBLICATION.match(text, start, start + len(line))
        if m is None:
            continue
        if len(m.group("rest").split()) > 40:
            continue  # a paragraph telling a story, not a credit line
        name = _outlet_name(m.group("rest"), translated=m.group("translated") is not None)
        if name:
            start = m.start("lead") if m.group("lead") is not None else m.start("translated")
            end = m.start("rest") + m.group("rest").find(name) + len(name)
            out.setdefault(name, " ".join(text[start:end].split()))
    return tuple(out.items())


def credit_language(quote: str, name: str) -> str | None:
    """The language a republication credit says the text was first written in ("originally
    published in French by Le Monde", "traduit de l'anglais"), from its words before the outlet.

    >>> credit_language("This article was originally published in French by Le Monde", "Le Monde")
    'fr'
    >>> credit_language("This article was translated from Le Monde", "Le Monde") is None
    True
    """
    return named_language(quote[:quote.rfind(name)] if name in quote else quote)


def is_translation_credit(quote: str, name: str, lang: str | None = None) -> bool:
    """Whether a republication credit says the text is a translation: it opens with "translated",
    "traduit", "übersetzt"... or names an original language other than ``lang``, the text's own.

    >>> is_translation_credit("Translated from the French original in Le Monde", "Le Monde", "en")
    True
    >>> is_translation_credit("Originally published in English on The Conversation", "The Conversation", "en")
    False
    """
    m = _REPUBLICATION.match(quote)
    if m and m.group("translated") is not None:
        return True
    said = credit_language(quote, name)
    return said is not None and said != lang


# Words without which no credit names the language of an original (read for every document).
_TRANSLATED_HINTS = ("translat", "tradu", "übersetz", "originally", "originalmente", "originariamente",
                     "initialement", "zuerst", "erstmals")


def translated_language(text: str, lang: str | None) -> str | None:
    """The original language a text's translation credit names ("translated from the French
    original in Le Monde"), when it is not ``lang``, the text's own.

    >>> translated_language("Text.\\nThis article was originally published in French by Le Monde.", "en")
    'fr'
    >>> translated_language("Text.\\nThis article was originally published in English on The Conversation.", "en") is None
    True
    """
    low = text.lower()
    if not any(w in low for w in _TRANSLATED_HINTS):
        return None
    for name, quote in republication_credits(text):
        said = credit_language(quote, name)
        if said and said != lang and is_translation_credit(quote, name, lang):
            return said
    return None


# Words a credit may put between its preposition and the outlet ("the French original in Le Monde",
# "l'anglais, paru dans", "der Artikel erschien zuerst in"), capitalised or not.
_CREDIT_FILLER = frozenset(
    "original originale originally version article artikel beitrag text texto artículo published appeared posted "
    "paru parue publié publiée initialement erschienen erschien zuerst veröffentlicht publicado publicada "
    "originalmente pubblicato".split())
_PUBLISHED = frozenset("published appeared posted paru parue publié publiée erschienen erschien veröffentlicht "
                       "publicado publicada pubblicato".split())
# A translator is named after "by" ("Translated from the French by Jane Smith"), unless the
# credit says where the text was published first ("... original published by Le Monde").
_TRANSLATOR_BY = frozenset("by par von por di".split())
# Words a translation credit may hold between "translated from" and the outlet's name besides
# a language and a credit's words ("the French original, first published in", "l'anglais, paru
# initialement dans").
_TRANSLATION_GLUE = frozenset("and et und y first premier première initially zuerst erstmals and".split())
_NAME_INTRO = frozenset("in on at from of by via dans sur par chez de du des en bei im auf aus von del da em no na "
                        "su sul op the le la les l' der die das dem den el il lo".split())


def _sentence_end(word: str) -> bool:
    # A word that ends its sentence ("Monde." in "Le Monde. Translated by..."), not a domain
    # ("theconversation.com.") or an abbreviation that goes on ("St. Louis", "N.Y. Times").
    if not word.endswith("."):
        return False
    core = word.rstrip(".")
    if _DOMAIN.fullmatch(core.lower()):
        return True  # an address is not written with a final full stop
    return not ("." in core or re.fullmatch(r"[A-Z][a-z]?", core))


def _outlet_name(rest: str, *, translated: bool = False) -> str | None:
    # The capitalised run (or a domain) that starts within the first few words of ``rest``.
    tokens = [(m.group(0), m.start()) for m in _NAME_TOKEN.finditer(rest)][:20 if translated else 14]
    k = 0
    published = False
    # After "translated from", a language and the words of a credit line ("the French original
    # in", "l'anglais. Paru dans") may stand before the name, which then follows a preposition.
    skip = 10 if translated else 4

    def filler(k: int) -> bool:
        # A language or a credit's word, capitalised as a name is but alone ("in French by",
        # "Paru dans"; "English Heritage" is a name).
        word = tokens[k][0]
        if metadata.language_named(word) is None and word.lower().rstrip(".,") not in _CREDIT_FILLER:
            return False
        return k + 1 == len(tokens) or _sentence_end(word) or not _name_start(tokens[k + 1][0])

    while k < len(tokens) and k < skip:
        word = tokens[k][0]
        low = word.lower().rstrip(".,")
        if _name_start(word) and not filler(k):
            break
        if translated and low in _TRANSLATOR_BY and not published:
            return None  # "Translated from the French by Jane Smith": a translator
        if translated and not filler(k) and low not in _NAME_INTRO and low not in _TRANSLATION_GLUE:
            # "Translated from Arabic, the letter was read out in the Security Council": a
            # sentence about something translated, not a credit line naming the original.
            return None
        published |= low in _PUBLISHED
        if _sentence_end(word) and not translated:
            return None  # the credit's sentence ends before any name
        k += 1
    if k >= len(tokens) or not _name_start(tokens[k][0]) or filler(k):
        return None
    if translated and k and tokens[k - 1][0].lower() not in _NAME_INTRO:
        return None  # "Translated from Spanish. Copyright Jane Smith" names no outlet
    first = k
    last = k
    k += 1
    while k < len(tokens) and k - first < 8:
        word = tokens[k][0]
        # The run stops at a lower-case word, at a gap wider than a blank (punctuation), and
        # after a word that ends its sentence.
        if _sentence_end(tokens[k - 1][0]) or rest[tokens[k - 1][1] + len(tokens[k - 1][0]):tokens[k][1]].strip():
            break
        if _name_start(word):
            last = k
        elif word.lower() not in _NAME_JOINERS:
            break
        k += 1
    name = rest[tokens[first][1]:tokens[last][1] + len(tokens[last][0])].rstrip(".'’-")
    if len(name) < 2 or name.lower() in _NOT_NAMES or name.split()[0].lower() in _NOT_NAMES:
        return None
    return name


def _name_start(word: str) -> bool:
    # A capitalised word (not a number), or a domain such as theconversation.com.
    if word[:1].isupper():
        return True
    return bool(_DOMAIN.fullmatch(word.lower().rstrip(".")))


_DOMAIN = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")


def credit_spans(text: str, *, republisher: bool = False) -> list[tuple[str, str]]:
    """Each agency credit of a text with the words that make it, in order of the text: its
    attributions ("selon l'AFP", "according to Reuters"), its credit lines ("Avec AFP", "Source :
    Reuters", "— Reuters", "(Reuters)" alone, "With agencies" as ``UNNAMED_AGENCIES`` when no
    agency is named), a dateline's "(AFP)" and an agency byline ("By Jane Smith, Reuters").
    "He told Reuters" is no credit: the outlet quotes what a source said to the agency.

    With ``republisher``, only the credits an agency does not write in its own copy: a
    dateline's "(AFP)" and the byline of an agency's reporter are in the agency's dispatch as
    much as in a republication of it.

    >>> credit_spans("PARIS (AFP) - Il l'a dit à l'AFP.\\nSource : Reuters")
    [('AFP', '(AFP)'), ('Reuters', 'Source : Reuters')]
    >>> credit_spans("PARIS (AFP) - He told AFP, according to Reuters.", republisher=True)
    [('Reuters', 'according to Reuters')]
    >>> credit_spans("By Jane Smith, AP\\nShares fell, he told Reuters.\\n(Reuters)")
    [('AP', 'By Jane Smith, AP'), ('Reuters', '(Reuters)')]
    """
    return [(a, q) for a, q, own in _credit_spans(text) if not (republisher and own)]


@lru_cache(maxsize=4096)
def _credit_spans(text: str) -> tuple[tuple[str, str, bool], ...]:
    # Each credit with whether the agency writes it in its own copy; a document is oriented
    # against each of its copies, and both kinds of reader ask, so the text is read once.
    named = bool(_AGENCY_WORD.search(text))
    if not named and not _UNNAMED_HINT.search(text):
        return ()
    return _credit_spans_reference(text, named=named)


def _credit_spans_reference(text: str, *, named: bool = True) -> tuple[tuple[str, str, bool], ...]:
    """``_credit_spans`` past its pre-checks (with ``named``, the text names an agency): the
    oracle of the pre-checks."""
    lines: list[tuple[int, int, str, str]] = []  # credit lines and bylines: start, end, agency, words
    for m in _CREDIT.finditer(text):
        items = [(x.start(), x.group(0)) for x in _AGENCY_NAME.finditer(m.group(0))] if named else []
        items += [(x.start(), UNNAMED_AGENCIES) for x in _UNNAMED.finditer(m.group(0))]
        lines.extend((m.start(), m.end(), a, m.group(0)) for _, a in sorted(items))
    found = [(s, a, q, False) for s, _, a, q in lines]
    if named:
        for m in _AGENCY_BYLINE.finditer(text):
            found.extend((m.start(), a, m.group(0), True) for a in _AGENCY_NAME.findall(m.group(0)))
            lines.append((m.start(), m.end(), "", ""))
        for m in _ATTRIBUTION.finditer(text):
            # A "(Reuters)" that is a credit line, or part of a byline, is read as such.
            name = _attributed(m)
            if name and not any(s <= m.start() < e for s, e, _, _ in lines):
                found.append((m.start(), name, m.group(0), bool(m.group("tag") or m.group("slash"))))
    if any(a != UNNAMED_AGENCIES for _, a, _, _ in found):
        # "AFP, Reuters and agencies": the agencies it names are the credit.
        found = [x for x in found if x[1] != UNNAMED_AGENCIES]
    return tuple((a, " ".join(q.split())[:80], own) for _, a, q, own in sorted(found, key=lambda t: t[0]))


_RELEASE = re.compile(
    r"(?i:press release|news release|media release|for immediate release|communiqu[ée] de presse"
    r"|pressemitteilung|presseinformation|nota de prensa|comunicado de prensa|comunicato stampa|persbericht"
    r"|siaran pers|пресс-релиз|comunicado (?:à|de) imprensa|informacja prasowa|basın bülteni)\b"
    r"|新闻稿|新聞稿|プレスリリース|보도자료"
)


_CORRECTION = re.compile(
    # What only a correction or update notice says, wherever it stands in a line...
    r"(?i)\b(?:(?:an?|the) (?:earlier|previous|prior|original) version of this (?:article|story|report|piece|post)"
    r"|this (?:article|story|report|piece|post) (?:has been|was) (?:updated|corrected|amended)"
    r"|une (?:précédente|première|ancienne) version de (?:cet article|ce texte|cette dépêche)"
    r"|cet article a été (?:modifié|corrigé|mis à jour|actualisé)"
    r"|in einer (?:früheren|vorherigen|älteren) (?:version|fassung) dieses (?:artikels|textes|beitrags)"
    r"|dieser (?:artikel|text|beitrag) wurde (?:aktualisiert|korrigiert|geändert)"
    r"|una versión (?:anterior|previa) de (?:este artículo|esta nota|esta información)"
    r"|este artículo (?:ha sido|fue) (?:actualizado|corregido|modificado)"
    r"|una versione precedente di questo articolo|questo articolo è stato (?:aggiornato|corretto|modificato))\b"
    # ...and the labels that open such a notice on a line of its own ("Correction, 11 March 2005:").
    r"|(?im:^[ \t*#>_(\[-]*(?:correction|clarification|rectificatif|correctif|erratum|korrektur|richtigstellung"
    r"|berichtigung|fe de erratas|rettifica)\b[^:\n]{0,40}:)"
)


_CORRECTION_STEMS = ("version", "versión", "fassung", "updated", "corrected", "amended", "correction", "clarification", "rectif",
                     "correctif", "erratum", "erratas", "korrektur", "richtigstellung", "berichtigung", "modifié",
                     "corrigé", "mis à jour", "actualisé", "aktualisiert", "korrigiert", "geändert", "actualizado",
                     "corregido", "modificado", "aggiornato", "corretto", "modificato", "rettifica")


@lru_cache(maxsize=4096)
def correction_notice(text: str) -> str | None:
    """The words by which a text says it is a later version of itself (a correction or update
    notice), or None.

    >>> correction_notice("The text.\\n\\nCorrection, 11 March: An earlier version of this article misstated the date.")
    'Correction, 11 March:'
    >>> correction_notice("Le texte.\\nCet article a été modifié le 3 mars.")
    'Cet article a été modifié'
    >>> correction_notice("The minister demanded a correction: the figures were wrong.") is None
    True
    """
    # Every notice holds one of these: a substring test rules out nearly every text at once.
    low = text.lower()
    if not any(stem in low for stem in _CORRECTION_STEMS):
        return None
    m = _CORRECTION.search(text)
    return " ".join(m.group(0).strip(" \t*#>_([-").split()) if m else None


_RELEASE_STEMS = ("release", "communiqu", "pressemitteilung", "presseinformation", "prensa", "stampa", "persbericht",
                  "siaran pers", "пресс-релиз", "imprensa", "prasowa", "bülten", "新闻稿", "新聞稿", "プレスリリース", "보도자료")


@lru_cache(maxsize=4096)
def press_release(text: str) -> str | None:
    """The words by which a text presents itself as a press release, or None: a marker opening
    one of its first three lines, or closing a short one ("ACME CORPORATION PRESS RELEASE"),
    not a mention in a sentence ("the company said in a press release").

    >>> press_release("COMMUNIQUÉ DE PRESSE\\nParis, le 3 mars 2022 - Acme annonce...")
    'COMMUNIQUÉ DE PRESSE'
    >>> press_release("The company said in a press release on Monday that profits rose.") is None
    True
    """
    from .metadata import header_lines

    head = text[:1500]
    # Every marker holds one of these: a substring test rules out nearly every text at once.
    low = head.lower()
    if not any(stem in low for stem in _RELEASE_STEMS):
        return None
    for line in header_lines(head, 3):
        m = _RELEASE.search(line[:200])
        if m and (not line[:m.start()].strip(" \t*#-–—•|[(\"'«")
                  or not line[m.end():].strip(" \t*#-–—•|:.)]\"'»") and len(line.split()) <= 6):
            return m.group(0)
    return None


def _date_key(date: str) -> tuple[str, ...]:
    parts = date.replace("T", "-").replace(" ", "-").replace(":", "-").split("-")
    return tuple(parts)


def _shown_date(date: str | None, other: str | None) -> str:
    """``date`` as evidence writes it: beside a time of the other kind, whether it is UTC's or
    a clock time of unknown zone, which the two strings alone do not tell a reader.

    >>> _shown_date("2005-03-01T09:30", "2005-03-02 10:00"), _shown_date("2005-03-02 10:00", "2005-03-01T09:30")
    ('2005-03-01T09:30 UTC', '2005-03-02 10:00, zone unknown')
    """
    if not date or not other or len(date) <= 10 or len(other) <= 10 or is_local_time(date) == is_local_time(other):
        return str(date)
    return f"{date}, zone unknown" if is_local_time(date) else f"{date} UTC"


LOCAL_TIME_SPAN = timedelta(hours=14)
"""How far from UTC a clock time of unknown zone may be: the world's offsets run from -12 to +14."""


def compare_dates(da: str | None, db: str | None) -> int:
    """-1 if ``da`` is earlier, 1 if later, 0 when unknown or equal at the common precision. A
    clock time of unknown zone (``metadata.local_time``) against a time in UTC is earlier or later
    only when they are more than ``LOCAL_TIME_SPAN`` apart: 10:00 somewhere may be 09:30 UTC's
    past or future. Two times of unknown zone compare as written (one feed's, one agency's).

    >>> compare_dates("2022-01-02", "2022-01-05"), compare_dates("2022-01", "2022-01-05")
    (-1, 0)
    >>> compare_dates("2005-03-01 10:00", "2005-03-01T09:30"), compare_dates("2005-03-01 10:00", "2005-03-02T09:30")
    (0, -1)
    """
    if not da or not db:
        return 0
    if is_local_time(da) != is_local_time(db) and len(da) > 10 and len(db) > 10:
        gap = datetime.fromisoformat(da[:16]) - datetime.fromisoformat(db[:16])
        return 0 if abs(gap) <= LOCAL_TIME_SPAN else (gap > timedelta(0)) - (gap < timedelta(0))
    ka, kb = _date_key(da), _date_key(db)
    n = min(len(ka), len(kb))
    ka, kb = ka[:n], kb[:n]
    return (ka > kb) - (ka < kb)


_PROSE_END = re.compile(r"[.!?…:;\"'»”’)\]]\s*$")


def prose_coverage(segs: Sequence[Segment], aligned: Collection[int], min_words: int = 6,
                   long_words: int = 12) -> float:
    """Share of a text's content characters that align, counting among the unaligned only prose:
    sentences of ``min_words`` words or more that end as sentences do, or of ``long_words``.

    What an excerpt leaves out of its source is sentences; what is left of a page's clutter that
    no rule knows ("World UK Money Tech", "0 comments", "Published by the Desk") is short lines
    without an ending. Those lines would make a republished copy look like the longer original.

    >>> segs = [Segment(0, 0, 0, 30, 0, "The bank kept its rates on hold.", ""),
    ...         Segment(0, 1, 31, 57, 1, "World UK Money Tech Life", "")]
    >>> prose_coverage(segs, {0})
    1.0
    >>> segs.append(Segment(0, 2, 58, 110, 2, "Analysts had expected a unanimous vote, it said.", ""))
    >>> round(prose_coverage(segs, {0}), 2)
    0.4
    """
    total = kept = 0
    for s in segs:
        if s.furniture:
            continue
        n = len(s.text)
        if s.index in aligned:
            total += n
            kept += n
        else:
            words = len(s.text.split())
            if words >= long_words or (words >= min_words and _PROSE_END.search(s.text)):
                total += n
    return kept / total if total else 0.0


def _furniture_count(doc: Document, segs: Sequence[Segment], markup: bool = True) -> int:
    # Wire copy's own formatting (header, slugs, "end" lines) is the agency's, not a republisher's.
    if doc.wire_header:
        return 0
    # A credit line ("Source: AFP") is weighed as a credit, not again as the page's furniture;
    # a list's numbers ("1.", "2)") are the writer's, not a site's.
    return sum(1 for s in segs if s.furniture and s.furniture not in ("header", "byline")
               and (markup or s.furniture != "markup") and not republisher_credits(s.text)
               and not (s.furniture == "counter" and _ENUMERATOR.match(s.text)))


_ENUMERATOR = re.compile(r"\s*(?:#|[Nn][°º]\s*)?\d{1,3}\s*[.)]\s*$")


def embedding_side(text_a: str, text_b: str, segs_a: Sequence[Segment], segs_b: Sequence[Segment],
                   alignment: DocAlignment, config: OrientConfig = OrientConfig()) -> str | None:
    """"a" or "b" if that side embeds the other, a social post's own page: ``post_share`` of the
    aligned letters lie in an embedded post (a paragraph above a "— Name (@handle) date"
    signature) on that side, while the other text is nothing but that post; else None.

    Quotation marks alone do not count: copies drop them, turn them into reported speech or a
    transcript as often as they add them (METER's papers do both with PA's quotations)."""
    if not config.post_weight or not alignment.content or not (has_posts(text_a) and has_posts(text_b)):
        return None
    idx_a = sorted(i for lk in alignment.content for i in lk.a)
    idx_b = sorted(j for lk in alignment.content for j in lk.b)

    def in_posts(text: str, segs: Sequence[Segment], idx: Sequence[int]) -> tuple[float, bool]:
        # The aligned letters' share in posts, and whether the text is all post.
        spans = document_quotes(text, segs, posts_only=True)
        total = sum(letters(text, segs[i].start, segs[i].end) for i in idx)
        inside = sum(quoted_letters(text, spans, segs[i].start, segs[i].end) for i in idx)
        content = [x for x in segs if not x.furniture]
        whole = sum(letters(text, x.start, x.end) for x in content)
        alone = sum(quoted_letters(text, spans, x.start, x.end) for x in content) >= 0.9 * whole
        return (inside / total if total else 0.0), alone

    share_a, post_a = in_posts(text_a, segs_a, idx_a)
    share_b, post_b = in_posts(text_b, segs_b, idx_b)
    if share_a >= config.post_share and post_b and not post_a:
        return "a"
    if share_b >= config.post_share and post_a and not post_b:
        return "b"
    return None


def outlet_names(doc: Document) -> list[str]:
    """Names a text may use for a document's outlet: the source as given, without an English
    "The", and, for a domain, its name part (``fr.sputniknews.com`` -> ``sputniknews``), which
    matches in any case.

    >>> outlet_names(Document("x", "t", source="citypost-news.example"))
    ['citypost-news.example', 'citypost-news']
    """
    if not doc.source or len(doc.source) < 3:
        return []
    names = [doc.source]
    if doc.source[:4].lower() == "the " and len(doc.source) >= 8:
        # English prose writes "The Guardian" as "the Guardian" (a name, still capitalised).
        names.append(doc.source[4:].strip())
    stem = _domain_stem(doc.source, strip_second_level=False)
    if stem and len(stem) >= 4:
        names.append(stem)
    return list(dict.fromkeys(names))


_SECOND_LEVEL = frozenset("co com org net gov gouv ac edu ne or go gv nic".split())


def _domain_stem(source: str, *, strip_second_level: bool = True) -> str | None:
    # "fr.sputniknews.com" -> "sputniknews"; "www.dailymail.co.uk" -> "dailymail" (with
    # ``strip_second_level``: the name sits before the country's second level).
    if "." not in source or " " in source:
        return None
    parts = source.lower().split(".")
    if strip_second_level and len(parts) >= 3 and parts[-2] in _SECOND_LEVEL and len(parts[-1]) == 2:
        parts = parts[:-1]
    return parts[-2] if len(parts) >= 2 else parts[0]


def _word_stem(doc: Document) -> str | None:
    # A domain's name part that is one word ("zeit", "welt", "independent"): in prose it may be
    # the word ("die Zeit drängt", "an Independent candidate"), so only its address names the
    # outlet outright; as a name it must stand beside a credit (``credits_outlet``).
    stem = _domain_stem(doc.source, strip_second_level=False) if doc.source else None
    return stem if stem and stem.isalpha() else None


def credited_names(doc: Document) -> list[str]:
    """Names of ``doc``'s outlet that count only where a text credits them ("selon Le Monde",
    "as first reported by the Guardian", "the Daily Mail said"): its domain's name part read as
    the words of a name ("Le Monde" for ``lemonde.fr``), and that of a domain under a country's
    second level (``dailymail`` for ``dailymail.co.uk``), which may be an everyday word
    ("independent", "news", "express").

    >>> credited_names(Document("x", "t", source="www.dailymail.co.uk")), credited_names(Document("x", "t", source="lemonde.fr"))
    (['dailymail'], ['lemonde'])
    """
    if not doc.source:
        return []
    stem = _domain_stem(doc.source)
    return [stem] if stem and len(stem) >= 4 and stem.isalnum() else []


def site_name(doc: Document) -> str | None:
    """The site name a web page declares (``og:site_name``, kept as ``site_name``), matched as
    written: in any case "Le Monde" would also be "le monde", the world.

    >>> site_name(Document("x", "t", extra={"site_name": " Le Monde "}))
    'Le Monde'
    """
    site = doc.extra.get("site_name") if doc.extra else None
    return site.strip() if isinstance(site, str) and len(site.strip()) >= 3 else None


# The only characters beyond ASCII that re.IGNORECASE matches with an ASCII letter (dotted and
# dotless i, long s, Kelvin sign; tests/test_relation_orient.py checks all of Unicode).
_ASCII_LOOKALIKES = "\u0130\u0131\u017f\u212a"
_TO_ASCII = str.maketrans(dict(zip(_ASCII_LOOKALIKES, "iisk", strict=True)))


@lru_cache(maxsize=4096)
def _lowered(text: str) -> str:
    # Each character becomes one; an ASCII name matched in any case is then a substring.
    if any(c in text for c in _ASCII_LOOKALIKES):
        text = text.translate(_TO_ASCII)
    return text.lower()


def _name_pattern(name: str) -> str:
    """An outlet's name as a whole word; in a script written without blanks (人民网 in
    "据人民网报道") no word boundary marks it off, so the name alone.

    >>> bool(re.search(_name_pattern("人民网"), "据人民网报道")), bool(re.search(_name_pattern("Times"), "Timeshare"))
    (True, False)
    """
    if spaced(name) != name:
        return re.escape(name)
    return r"(?<![\w-])" + re.escape(name) + r"(?![\w-])"


_ADDRESS_LIKE = re.compile(r"[\d.\-_]")
_DOMAIN_END = re.compile(r"\.[a-z]{2,}\b")


def _names_it(name: str, text: str, *, address_only: bool = False) -> bool:
    """Whether ``text`` holds the outlet name ``name`` as a name: in any case when it is written
    like an address (``citypost-news``, ``sputniknews.com``), else with a capital, as outlets
    are named in prose ("the Times", "le Monde"): a source given as ``times``, ``sun`` or
    ``independent`` is not named by "three times" or "an independent inquiry", nor by a
    headline in capitals ("SOCCER STAR TELLS...") unless it is given in capitals itself. With
    ``address_only``, only as an address ("zeit.de")."""
    pattern = _name_pattern(name)
    if address_only:
        return any(_DOMAIN_END.match(text, m.end()) for m in re.finditer(pattern, text, re.IGNORECASE))
    if _ADDRESS_LIKE.search(name):
        return re.search(pattern, text, re.IGNORECASE) is not None
    capitals = name.isupper()
    # (A script without case, as Chinese, has no capital to ask for; a name followed by a
    # domain ending, "sputniknews.com", is an address.)
    return any((not m.group()[:1].islower() and (capitals or not m.group().isupper()))
               or _DOMAIN_END.match(text, m.end()) is not None
               for m in re.finditer(pattern, text, re.IGNORECASE))


# A run of capitalised words, as an outlet's name stands in prose, after a lower-case article
# ("the Guardian", "selon Le Monde", "die Süddeutsche Zeitung"); an address squashes the words.
_ARTICLES = r"(?:the|le|la|les|der|die|das|el|il|lo|los|las|o|a|de|du|des|del|della|het|l['’]|d['’])"
_CAPITALISED_RUN = re.compile(
    r"(?:(?<![\w'’])" + _ARTICLES + r"[ \t]*)?(?<![\w'’-])[A-ZÀ-ÖØ-Þ][\w'’&]*(?:[ \t]+(?:" + _ARTICLES
    + r"[ \t]*)?[A-ZÀ-ÖØ-Þ][\w'’&]*)*"
)
_RUN_WORDS = re.compile(r"l['’]|[^\W_]+(?:['’&][^\W_]+)*")


_GERMAN_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def _squash(words: Sequence[str]) -> str:
    return normalise(" ".join(words)).replace(" ", "")


def _squashed(words: Sequence[str]) -> set[str]:
    # As addresses write a name: accents dropped ("elpais"), or German umlauts spelled out
    # ("sueddeutsche" for "Süddeutsche").
    return {_squash(words), _squash([w.translate(_GERMAN_UMLAUTS) for w in words])}


def name_keys(words: Sequence[str]) -> set[str]:
    """The ways an address may write a name of ``words``: squashed (``_squashed``); with its
    first two words (capitalised) as initials before a rest of four letters or more ("New York
    Times" as ``nytimes``, "Los Angeles Times" as ``latimes``); and a German paper's name
    without the word "Zeitung" ("Süddeutsche Zeitung" as ``sueddeutsche``).

    >>> sorted(name_keys(["New", "York", "Times"]))
    ['newyorktimes', 'nytimes']
    >>> sorted(name_keys(["Süddeutsche", "Zeitung"]))
    ['suddeutsche', 'suddeutschezeitung', 'sueddeutsche', 'sueddeutschezeitung']
    """
    keys = _squashed(words)
    if len(words) >= 3 and words[0][:1].isupper() and words[1][:1].isupper() and words[0].isalpha() and words[1].isalpha():
        rest = _squash(words[2:])
        if len(rest) >= 4:
            keys.add(normalise(words[0][0] + words[1][0]) + rest)
    if len(words) >= 2 and words[-1].casefold() == "zeitung":
        keys |= _squashed(words[:-1])
    return keys


@lru_cache(maxsize=4096)
def spaced_names(text: str) -> dict[str, tuple[tuple[int, int, int], ...]]:
    """Where ``text`` writes names of one to four words (capitalised but for a leading article,
    not a headline in capitals, and not the head of a longer name: "The Guardian Council" is no
    "The Guardian"), keyed as an address writes them: "Le Monde" for ``lemonde.fr``, "the
    Guardian" for ``theguardian.com``.

    Each place is (start, end, start of the run of capitalised words it ends).

    >>> t = "Selon Le Monde, rien. The Guardian Council met."
    >>> [t[a:b] for a, b, _ in spaced_names(t)["lemonde"]], "theguardian" in spaced_names(t)
    (['Le Monde'], False)
    >>> "lemonde" in spaced_names("dans le monde entier"), "lemonde" in spaced_names("LE MONDE ENTIER")
    (False, False)
    """
    out: dict[str, list[tuple[int, int, int]]] = {}
    for m in _CAPITALISED_RUN.finditer(text):
        run = m.group()
        if run.isupper():
            continue
        words = [(m.start() + w.start(), m.start() + w.end()) for w in _RUN_WORDS.finditer(run)]
        for i in range(max(0, len(words) - 4), len(words)):
            for key in name_keys([text[a:b] for a, b in words[i:]]):
                out.setdefault(key, []).append((words[i][0], words[-1][1], m.start()))
    return {k: tuple(v) for k, v in out.items()}


# What stands before a credited outlet's name ("selon Le Monde", "as first reported by the
# Guardian", "d'après la Provence") or after it ("the Daily Mail said", "Le Parisien a révélé").
_CREDIT_BEFORE = re.compile(
    r"(?i:according\s+to|reported\s+(?:by|in)|told|wrote\s+in|writing\s+in|published\s+(?:by|in|on)|via|sources?\s*:"
    r"|in\s+an\s+interview\s+with|cited\s+by|quoted\s+by|selon|d['’]après|rapporté(?:e|s|es)?\s+par|rapporte"
    r"|cité(?:e|s|es)?\s+par|relayé(?:e|s|es)?\s+par|révélé(?:e|s|es)?\s+par|a\s+révélé|révèle|publié(?:e|s|es)?\s+(?:par|dans)"
    r"|interrogé(?:e|s|es)?\s+par|a\s+confié\s+à|a\s+déclaré\s+à|entretien\s+(?:au|à)|laut|berichtete?|gegenüber"
    r"|schreibt|según|informó|publicó|secondo|segundo)[\s,:]+(?:(?i:the|le|la|les|l['’]|der|die|das|el|il|o|a)\s*)?$"
)
_CREDIT_AFTER = re.compile(
    r"[ \t,]*(?:(?i:has|have|had|a|hat)\s+)?(?i:reported|reports|said|says|wrote|writes|revealed|reveals|learned|learnt"
    r"|révélé|révèle|rapporte|rapporté|indique|indiqué|affirme|affirmé|écrit|appris|berichtet|berichtete|schreibt|zufolge"
    r"|informó|informa|publicó|publica|scrive|riporta)\b"
)


_AFTER_ARTICLE = re.compile(r"(?:^|\s)" + _ARTICLES + r"\s*$", re.IGNORECASE)


def _credited_at(text: str, start: int, end: int, run: int) -> bool:
    # The name starts its run of capitalised words, or follows an article ("The Daily Mail", "Wie
    # die Zeit berichtet") or a credit written with a capital ("Selon Le Monde"), not inside a
    # longer name ("Sky News").
    before = _CREDIT_BEFORE.search(text, max(0, start - 60), start)
    if start > run and not before and not _AFTER_ARTICLE.search(text, run, start):
        return False
    return bool(before or _CREDIT_AFTER.match(text, end))


def credits_outlet(text: str, doc: Document) -> str | None:
    """The words by which ``text`` credits ``doc``'s outlet under one of its ``credited_names``:
    only beside a credit ("selon", "according to", "reported by", "... said"), since such a name
    may be a phrase ("over the Atlantic", "la Provence", "Independent candidates").

    >>> d = Document("x", "t", source="www.theguardian.com")
    >>> credits_outlet("The plan was first reported by the Guardian.", d), credits_outlet("The Guardian Council met.", d)
    ('the Guardian', None)
    >>> credits_outlet("the Daily Mail said", Document("x", "t", source="dailymail.co.uk"))
    'Daily Mail'
    """
    # (a credit and a name stand apart: a text without a blank holds neither)
    if not credited_names(doc) or not (" " in text or "\t" in text):
        return None
    return _credited_name(text, doc)


def _credited_name(text: str, doc: Document) -> str | None:
    # ``credits_outlet`` past its pre-check.
    names = spaced_names(text)
    for stem in credited_names(doc):
        for a, b, run in names.get(stem, ()):
            if _credited_at(text, a, b, run):
                return text[a:b]
    return None


def credited_outlet(credits: Sequence[tuple[str, str]], doc: Document, by: Document | None = None) -> str | None:
    """The words of the first of ``credits`` (a text's ``source_credits``) that names ``doc``'s
    outlet: an agency or wire whose own page ``doc`` is, when the crediting text (``by``) is not
    on that outlet too.

    >>> credited_outlet((("PRNewswire", "/PRNewswire/"),), Document("w", "t", source="www.prnewswire.com"))
    '/PRNewswire/'
    >>> credited_outlet((("AFP", "(AFP)"),), Document("w", "t", source="lemonde.fr")) is None
    True
    """
    if not credits:
        return None
    own, mine = outlet_keys(doc), outlet_keys(by) if by is not None else frozenset()
    return next((q for x, q in credits if squash_name(x) in own and squash_name(x) not in mine), None)


def outlet_keys(doc: Document) -> frozenset[str]:
    """A document's outlet as credits name it: its source, domain and site names, squashed, with
    the wire a site is the home of.

    >>> sorted(outlet_keys(Document("w", "t", source="www.presseportal.de")))
    ['ots', 'presseportal', 'wwwpresseportalde']
    """
    own = {squash_name(n) for n in (*outlet_names(doc), outlet_of(doc) or "", site_name(doc) or "") if n}
    for name in (doc.source, outlet_of(doc), site_name(doc)):
        if name and "." in name and " " not in name:  # a domain: afp.com, www.reuters.com
            own.update(squash_name(part) for part in name.split(".")[:-1] if part)
    own.discard("www")
    return frozenset(own | {_WIRE_HOMES[n] for n in own if n in _WIRE_HOMES})


_WIRE_HOMES = {"presseportal": "ots", "newsaktuell": "ots", "apaots": "ots"}
"""Sites that are a wire's own under another name (news aktuell's ots releases on presseportal.de)."""


def mentions_outlet(text: str, doc: Document) -> str | None:
    """The name of ``doc``'s outlet if ``text`` mentions it (whole words; a name written like an
    address in any case, others with a capital; a page's declared site name as written).

    >>> mentions_outlet("Selon Sputniknews, le président...", Document("x", "t", source="fr.sputniknews.com"))
    'Sputniknews'
    >>> d = Document("x", "t", source="lemonde.fr", extra={"site_name": "Le Monde"})
    >>> mentions_outlet("a rapporté Le Monde.", d), mentions_outlet("dans le monde entier", d)
    ('Le Monde', None)
    >>> times = Document("x", "t", source="times")
    >>> mentions_outlet("He was told three times.", times), mentions_outlet("as the Times reported", times)
    (None, 'times')
    """
    word = _word_stem(doc)
    for name in outlet_names(doc):
        # A case-blind search over the whole text costs tens of microseconds per pair; most
        # texts never name the outlet, which a substring test shows first.
        if name.isascii() and name.lower() not in _lowered(text):
            continue
        if _names_it(name, text, address_only=name == word):
            return name
    site = site_name(doc)
    if site and site in text and re.search(_name_pattern(site), text):
        return site
    return credits_outlet(text, doc)


def mentions_outlet_reference(text: str, doc: Document) -> str | None:
    """``mentions_outlet`` without the substring pre-checks: the tests' oracle."""
    for name in outlet_names(doc):
        if _names_it(name, text, address_only=name == _word_stem(doc)):
            return name
    site = site_name(doc)
    if site and re.search(_name_pattern(site), text):
        return site
    return _credited_name(text, doc)


@lru_cache(maxsize=65536)
def _url_key(url: str | None) -> str | None:
    # An address as texts quote it: no scheme, "www." or trailing slash, any case. A bare
    # domain names an outlet, not a document, so it has no key.
    if not url:
        return None
    key = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().lower())
    key = key.removeprefix("www.").split("#", 1)[0].rstrip("/")
    return key if "/" in key and len(key.split("/", 1)[1]) >= 4 else None


def _page_key(url: str | None) -> str | None:
    """:func:`_url_key` without the query: saved versions of one page differ by it.

    >>> _page_key("https://www.news.example/a/b/?utm_source=x#top"), _page_key("https://news.example")
    ('news.example/a/b', None)
    """
    key = _url_key(url)
    return key.split("?", 1)[0].rstrip("/") if key else None


def same_page(a: Document, b: Document) -> bool:
    """Whether two documents have one address: saved versions of one page.

    >>> same_page(Document("a", "t", url="https://news.example/2024/tram?v=2"), Document("b", "t", url="https://www.news.example/2024/tram/"))
    True
    """
    key = _page_key(a.url)
    return key is not None and key == _page_key(b.url)


def links_to(text: str, doc: Document) -> str | None:
    """``doc``'s URL if ``text`` quotes it (with or without scheme and ``www.``, any case).

    >>> d = Document("x", "t", url="https://www.example.org/2022/01/story.html")
    >>> links_to("Source : example.org/2022/01/story.html.", d), links_to("See example.org/2022/01/story.html5", d)
    ('example.org/2022/01/story.html', None)
    """
    key = _url_key(doc.url)
    if key is None:
        return None
    low = _lowered(text)
    start = low.find(key)
    while start >= 0:
        before, after = low[:start], low[start + len(key):]
        # The quoted address must be this one, not a longer one that starts or ends like it.
        clean_start = not before or before.endswith(("//", "www.")) or not (before[-1].isalnum() or before[-1] in ".-_/")
        clean_end = not after or not (after[0].isalnum() or after[0] in "-_"
                                      or (after[0] == "/" and len(after) > 1 and after[1].isalnum()))
        if clean_start and clean_end:
            return key
        start = low.find(key, start + 1)
    return None


def orient(
    a: Document,
    b: Document,
    segs_a: Sequence[Segment],
    segs_b: Sequence[Segment],
    f: PairFeatures,
    relation: str,
    config: OrientConfig = OrientConfig(),
    *,
    extra: Sequence[tuple[float, str]] = (),
    alignment: DocAlignment | None = None,
) -> Direction:
    """Who copied whom for one derivation pair (with ``alignment``, containment is measured by
    :func:`prose_coverage`).

    >>> d1 = Document("x", "t", date="2022-01-02"); d2 = Document("y", "t", date="2022-01-03")
    >>> from provenance.relation import PairFeatures
    >>> f = PairFeatures(3, 0, 100, 100, 90, 90, 0.9, 0.9, 0.9, 0.5)
    >>> orient(d1, d2, [], [], f, "rewrite").parent
    'a'
    """
    score = 0.0
    ev: list[str] = []
    toward: list[str] = []

    def add(w: float, text: str) -> None:
        nonlocal score
        if w:
            score += w
            ev.append(text)
            toward.append("a" if w > 0 else "b")

    c = compare_dates(a.date, b.date)
    date_score = -c * config.date_weight
    if same_page(a, b):
        # One address: two saved versions of one page (an update), not a copy by another outlet.
        first, second = sorted((a, b), key=lambda d: d.id)  # the same words either way round
        ev.append(f"{first.id} and {second.id} have one address ({first.url}): versions of one page")
        toward.append("")
    if c:
        first, second = (a, b) if c < 0 else (b, a)
        add(date_score, f"{first.id} is dated {_shown_date(first.date, second.date)}, before {second.id} "
                        f"({_shown_date(second.date, first.date)})")
    elif a.date and b.date and a.date != b.date:
        # Written differently but not ordered (a day against a time of that day, a clock time of
        # unknown zone near a UTC time): a reader seeing two dates would take them as an order.
        first, second = sorted((a, b), key=lambda d: d.id)
        short = min(len(a.date), len(b.date))
        why = ("a clock time of unknown zone within 14 hours of a UTC time" if short > 10
               else f"the same {'day' if short >= 10 else 'month' if short >= 7 else 'year'} at the precision both give")
        ev.append(f"the dates do not order them: {first.id} {_shown_date(first.date, second.date)}, "
                  f"{second.id} {_shown_date(second.date, first.date)} ({why})")
        toward.append("")
    wire_score = 0.0
    if a.wire_header != b.wire_header:
        wire, other = (a, b) if a.wire_header else (b, a)
        wire_score = config.wire_weight * (1 if a.wire_header else -1)
        add(wire_score, f"{wire.id} carries an agency wire header; {other.id} does not")
    if a.machine_translated != b.machine_translated:
        mt, other = (b, a) if b.machine_translated else (a, b)
        sign = 1 if b.machine_translated else -1
        if mt.lang and mt.lang == other.lang and mt.source_language != other.lang:
            # Same language on both sides: the notice-carrier was translated from elsewhere, not
            # from the other text, so the other is a copy that dropped the notice.
            add(-sign * config.translation_weight,
                f"{mt.id} carries a machine-translation notice (original language: {mt.source_language or 'not named'}); "
                f"{other.id}, in the same language, lacks it")
        else:
            lang = f" (original language: {mt.source_language})" if mt.source_language else ""
            weight = config.translation_weight
            if mt.source_language and mt.source_language == other.lang and mt.lang != other.lang:
                weight = config.named_source_weight
                lang = f" naming {mt.source_language}, the language of {other.id}"
            add(weight * sign, f"{mt.id} carries a machine-translation notice{lang}")
    for w, why in extra:
        add(w, why)
    # Only a republisher's credits: the agency's own dispatch has its dateline's "(AFP)" and its
    # reporter's byline too, so on one side alone they would point at the original as the copy.
    cred_a, cred_b = republisher_credits(a.text), republisher_credits(b.text)
    # An outlet credited as first publisher points at that outlet's page (``mentions_outlet``
    # below when it is in the corpus, a latent node in the graph when not), not at the other text.
    att_a, att_b = tuple(x for x, _ in cred_a if is_agency(x)), tuple(x for x, _ in cred_b if is_agency(x))
    named = excerpt = linked = 0.0
    src_a, src_b = source_credits(a), source_credits(b)
    for side, other, sign in ((a, b, -1), (b, a, 1)):
        # A copy quoting its source's address ("Originally published at ...").
        url = links_to(side.text, other) if side.url != other.url else None
        # A page's canonical link to another site's page (``Document.canonical``) quotes that
        # page's address too: syndication deals ask the partner's copy to name the original there.
        canon = _url_key(other.url) if side.canonical and _page_key(side.canonical) == _page_key(other.url) else None
        if url or canon:
            linked += sign * config.linked_weight
            how = f"{url}" if url else f"{canon}, as its canonical link"
            add(sign * config.linked_weight, f"{side.id} quotes the address of {other.id} ({how})")
        # Naming the other outlet ("selon Sputnik", "read more at ...") points at it, unless
        # both texts are from that same outlet.
        # A dateline's "/PRNewswire/" or "(AFP)" on another outlet's page credits the wire's or
        # agency's own page when that page is the other text. (A quoted address names its outlet
        # too: one fact, counted once, as the link.)
        name = None if url or canon else (
            (mentions_outlet(side.text, other) if side.source != other.source else None)
            or credited_outlet(src_a if side is a else src_b, other, side))
        if name:
            named += sign * config.named_source_weight
            add(sign * config.named_source_weight, f"{side.id} names {name}, the outlet of {other.id}")
    if bool(att_a) != bool(att_b):
        side, other, atts, sign = (b, a, att_b, 1) if att_b else (a, b, att_a, -1)
        # The other text's dateline "(AFP)" on another outlet's page credits the agency too: both
        # republished it, and neither credit orders them.
        if not _marks_too(other, atts, src_a if other is a else src_b):
            add(sign * config.attribution_weight, f"{side.id} credits {', '.join(atts)}, as a republisher does")
    cor_a, cor_b = correction_notice(a.text), correction_notice(b.text)
    # A notice orders a page's own versions; another outlet's copy was as likely taken before
    # the correction as after it.
    if bool(cor_a) != bool(cor_b) and not _other_outlets(a, b):
        later, earlier, sign = (a, b, -1) if cor_a else (b, a, 1)
        add(sign * config.correction_weight,
            f"{later.id} carries a correction or update notice (\"{cor_a or cor_b}\"): a later version than {earlier.id}")
    rel_a, rel_b = press_release(a.text), press_release(b.text)
    if bool(rel_a) != bool(rel_b):
        release, other, sign = (a, b, 1) if rel_a else (b, a, -1)
        add(sign * config.release_weight, f"{release.id} is a press release (\"{rel_a or rel_b}\"); {other.id} is not")
    if f.carried_furniture:
        carrier, home = (b, a) if f.carried_furniture > 0 else (a, b)
        add(config.carried_weight * (1 if f.carried_furniture > 0 else -1),
            f"{carrier.id} carries furniture of {home.source or f'the {home.site}'}, the outlet of {home.id} "
            f"({abs(f.carried_furniture)} line(s) that outlet repeats across its pages)")
    # A page's menus and footers, found by its markup, are what any saved page has; a text
    # stored without markup (a dataset's, a scrape's) lost its own. Only like is compared with like.
    markup = bool(a.markup_furniture) == bool(b.markup_furniture)
    fa, fb = _furniture_count(a, segs_a, markup), _furniture_count(b, segs_b, markup)
    # Every site wraps pages in furniture; only a clean text against a wrapped one says who
    # republished whom.
    if min(fa, fb) == 0 and fa != fb:
        n = abs(fb - fa)
        w = min(config.furniture_max, config.furniture_first + config.furniture_weight * (n - 1))
        more = b if fb > fa else a
        add(w if fb > fa else -w, f"{more.id} adds site furniture ({max(fa, fb)} vs {min(fa, fb)} sentences)")
    embeds = embedding_side(a.text, b.text, segs_a, segs_b, alignment, config) if alignment is not None else None
    if embeds is not None:
        source, quoter, sign = (b, a, -1) if embeds == "a" else (a, b, 1)
        add(sign * config.post_weight, f"{quoter.id} embeds the social post that {source.id} holds alone (a quotation of it, not an excerpt)")
    dcov = f.coverage_b - f.coverage_a
    if alignment is not None:
        dcov = prose_coverage(segs_b, {i for lk in alignment.content for i in lk.b}) - prose_coverage(
            segs_a, {i for lk in alignment.content for i in lk.a})
    if embeds is not None and (dcov > 0) == (embeds == "a"):
        pass  # the post's page is contained in the text embedding it: a quotation, not an excerpt
    elif relation in ("excerpt", "near_duplicate") and abs(dcov) > 0.05:
        # Between near-identical texts, the one whose every sentence is in the other is the
        # trimmed copy (an agency update adding a paragraph is the rarer case).
        child = b if dcov > 0 else a
        excerpt = config.excerpt_weight * (1 if dcov > 0 else -1)
        what = "an excerpt of" if relation == "excerpt" else "contained in"
        add(excerpt, f"{child.id} is {what} the other ({max(f.coverage_a, f.coverage_b):.0%} of it aligns, "
                     f"{min(f.coverage_a, f.coverage_b):.0%} of the other)")
    elif relation not in ("excerpt", "near_duplicate") and abs(dcov) >= 0.15 and config.coverage_weight:
        child = b if dcov > 0 else a
        add(config.coverage_weight * dcov,
            f"{child.id} is the more contained side ({max(f.coverage_a, f.coverage_b):.0%} vs {min(f.coverage_a, f.coverage_b):.0%} aligned)")
    p = 1.0 / (1.0 + math.exp(-score))
    conf = max(p, 1.0 - p)
    parent = None if abs(score) < config.min_logodds else ("a" if score > 0 else "b")
    return Direction(parent, round(conf, 4), round(score, 4), tuple(ev), date_score, excerpt, named, linked, wire_score,
                     src_a, src_b, tuple(toward))
