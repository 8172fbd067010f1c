"""Stage 3: mark site furniture, the text that is not evidence of copying.

Furniture is what a publishing system adds around an article: breadcrumbs, share counters,
"Lire aussi" / "Read more" links and lists of the site's other headlines, previous/next article
links, author blurbs, copyright footers, translation notices, and header or footer lines that
recur across documents. A sentence shared by many
documents is *not* furniture by itself (a story copied ten times puts its sentences in eleven
documents); it is furniture when it sits at the edge of every document that carries it, or
when documents of one outlet repeat it, unless those documents tell one story. A short brief
run word for word by several sites has every line at an edge: its copies are nothing but
those lines, and each is made of the other's words, where pages sharing a footer tell other
stories beside it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from typing import TypeVar

import numpy as np

from . import metadata as md
from .model import Document, Segment
from .relation import norm_stems
from .segment import character_pairs, norm_hash, normalise, spaced, words
from .unionfind import components

K = TypeVar("K", bound=Hashable)

# Line openings that mark furniture, in several languages (normalised: no accents or case).
_CUES = [
    # French
    "lire aussi", "a lire aussi", "a lire egalement", "lire egalement", "voir aussi",
    "voir egalement", "partager", "partagez", "article precedent", "article suivant",
    "abonnez vous", "inscrivez vous", "newsletter", "suivez nous", "publicite",
    "tous droits reserves", "accueil", "mis a jour le", "publie le", "credit photo",
    "commentaires", "reagir", "imprimer", "envoyer par", "lien copie", "en savoir plus",
    "sur le meme sujet", "pour aller plus loin", "ecouter l article", "temps de lecture",
    "lire la suite", "lire l article complet", "publie initialement",
    # English
    "read more", "read also", "also read", "see also", "related", "share", "tweet",
    "previous article", "next article", "subscribe", "sign up", "follow us", "advertisement",
    "all rights reserved", "copyright", "home", "updated", "image caption", "photo credit",
    "comments", "click here", "more on this story", "you may also like", "recommended",
    "listen to this article", "reading time", "previous post", "next post", "older post", "older posts",
    "newer post", "newer posts", "older article", "newer article", "previous story", "next story",
    "originally published", "first published", "read the full story", "read the full article",
    "read the original", "adapted from",
    # WordPress share buttons ("Click to share on X (Opens in new window)"), in its translations
    "click to share", "click to email", "click to print", "cliquez pour partager",
    "cliquez pour envoyer", "cliquez pour imprimer", "klick um", "klicken sie um",
    "haz clic para compartir", "haz clic para enviar", "fai clic per condividere", "clique para compartilhar",
    "klik om te delen",
    # German, Spanish, Italian, Portuguese, Indonesian, Dutch
    "lesen sie auch", "mehr zum thema", "teilen", "weiterlesen", "anzeige",
    # publication and update lines ("Veröffentlicht am Samstag, 11. Dezember 2021 um 22:48 Uhr")
    "veroffentlicht am", "aktualisiert am", "zuletzt aktualisiert", "publicado el", "actualizado el",
    "pubblicato il", "aggiornato il", "publicado em", "atualizado em", "gepubliceerd op", "bijgewerkt op",
    "published on", "posted on", "last updated",
    "alle rechte vorbehalten", "startseite", "lea tambien", "leer mas", "compartir",
    "publicidad", "todos los derechos reservados", "leggi anche", "condividi", "pubblicita",
    "leia tambem", "compartilhar", "baca juga", "bagikan", "lees ook", "delen",
    # Polish, Czech, Turkish, Vietnamese, Romanian
    "czytaj także", "czytaj też", "udostępnij", "čtěte také", "sdílet", "ayrıca okuyun", "ayrıca bakınız",
    "paylaş", "ilgili haberler", "haberin devamı", "xem thêm", "chia sẻ", "tin liên quan", "citește și",
    "distribuie",
    # Russian, Ukrainian, Greek
    "читайте также", "смотрите также", "новости по теме", "поделиться", "подписывайтесь", "реклама",
    "все права защищены", "читайте також", "поділитися", "διαβάστε επίσης", "κοινοποίηση",
    # Arabic, Hebrew, Persian, Hindi
    "اقرأ أيضا", "اقرأ ايضا", "شارك", "مواضيع ذات صلة", "جميع الحقوق محفوظة", "קראו עוד", "שתפו",
    "بیشتر بخوانید", "यह भी पढ़ें", "शेयर करें", "संबंधित खबरें",
]
# Written without blanks between words (Chinese, Japanese, Korean, Thai): no word boundary
# needs to follow these.
_CUES_UNSPACED = [
    "相关阅读", "相关新闻", "延伸阅读", "责任编辑", "責任編輯", "分享到", "原标题", "版权所有", "免责声明",
    "関連記事", "この記事をシェア", "前の記事", "次の記事", "無断転載", "관련기사", "공유하기", "무단전재",
    "อ่านข่าวที่เกี่ยวข้อง", "อ่านต่อ", "แชร์",
]


# A site speaking about itself to its reader: cookie and consent banners, paywalls, browser
# warnings. Content management systems ship these paragraphs word for word to many sites, so
# unrelated pages would otherwise share two long sentences (a "rewrite"). They open a paragraph
# in the site's own voice ("we use cookies", not "Google used cookies"), which a news sentence
# about cookies does not do.
_CONSENT_CUES = [
    # English
    "we use cookies", "we and our partners use", "we and our partners store", "this site uses cookies",
    "this website uses cookies", "our site uses cookies", "our website uses cookies",
    "by continuing to use this site", "by continuing to use our site", "by continuing to browse",
    "by using this site", "by using our site", "by clicking accept", "we value your privacy",
    "we care about your privacy", "your privacy is important to us",
    "this article is for subscribers", "this article is reserved for subscribers",
    "subscribe to continue reading", "you have reached your limit of free articles",
    "javascript is disabled", "please enable javascript", "your browser does not support",
    # French
    "nous utilisons des cookies", "nous et nos partenaires utilisons", "nous et nos partenaires stockons",
    "ce site utilise des cookies", "ce site web utilise des cookies", "notre site utilise des cookies",
    "en poursuivant votre navigation", "en continuant votre navigation", "en continuant a naviguer",
    "en cliquant sur accepter", "nous respectons votre vie privee", "cet article est reserve aux abonnes",
    "abonnez vous pour lire la suite", "javascript est desactive", "votre navigateur ne prend pas en charge",
    # German, Spanish, Italian, Portuguese, Dutch
    "wir verwenden cookies", "wir nutzen cookies", "diese website verwendet cookies",
    "diese seite verwendet cookies", "wir und unsere partner verwenden", "wir und unsere partner nutzen",
    "dieser artikel ist nur fur abonnenten", "utilizamos cookies", "usamos cookies",
    "este sitio web utiliza cookies", "este sitio utiliza cookies", "al continuar navegando",
    "utilizziamo i cookie", "usiamo i cookie", "questo sito utilizza cookie", "questo sito utilizza i cookie",
    "proseguendo la navigazione", "este site utiliza cookies", "este site usa cookies",
    "wij gebruiken cookies", "we gebruiken cookies", "deze website gebruikt cookies", "deze site gebruikt cookies",
]
# The banner's buttons and links, each a line of a few words: "Accept all", "Tout refuser".
_CONSENT_BUTTONS = [
    "accept all", "accept all cookies", "accept cookies", "reject all", "reject all cookies", "manage cookies",
    "manage preferences", "manage consent", "cookie settings", "cookie preferences", "cookie policy",
    "privacy policy", "already a subscriber", "tout accepter", "tout refuser", "accepter et fermer",
    "continuer sans accepter", "gerer mes choix", "parametrer les cookies", "gerer les cookies",
    "politique de confidentialite", "politique de cookies", "deja abonne", "alle akzeptieren", "alle ablehnen",
    "cookie einstellungen", "datenschutzerklarung", "aceptar todas", "aceptar todo", "rechazar todo",
    "politica de privacidad", "politica de cookies", "accetta tutti", "rifiuta tutti",
    "informativa sulla privacy", "aceitar todos", "politica de privacidade", "alle cookies accepteren",
]


def _alternation(cues: list[str]) -> str:
    # Cues are matched on normalised text, so they are written through the same normaliser.
    forms = {normalise(c) for c in cues}
    return "|".join(re.escape(c) for c in sorted(forms, key=lambda c: (-len(c), c)))


# "(?!\w)" rather than "\b": a Hindi cue may end with a vowel sign, which is no word character.
_CUE = re.compile(r"^(?:(?:" + _alternation(_CUES) + r")(?!\w)|(?:" + _alternation(_CUES_UNSPACED) + r"))")
_CONSENT = re.compile(r"^(?:" + _alternation(_CONSENT_CUES) + r")(?!\w)")
_CONSENT_BUTTON = re.compile(r"^(?:" + _alternation(_CONSENT_BUTTONS) + r")(?!\w)")
_BUTTON_MAX_WORDS = 6


def _cue_line(first_norm: str, line_words: int, config: FurnitureConfig, first_text: str | None = None,
              top: bool = False) -> bool:
    # A furniture cue opens a short line; a site's consent or paywall text, a paragraph of it.
    cue = _CUE.match(first_norm)
    return bool(
        (cue and line_words <= config.cue_max_words
         and (first_text is None or _used_as_furniture(cue.group(0), first_norm, first_text, line_words, top)))
        or (_CONSENT.match(first_norm) and line_words <= config.consent_max_words)
        or (line_words <= _BUTTON_MAX_WORDS and _CONSENT_BUTTON.match(first_norm))
    )


# Cues that are also everyday words opening headlines and sentences ("Home loan approvals
# rising again", "Share boost for Reliance", "Accueil des réfugiés : ..."): furniture only as a
# button or a label (alone, before a separator, a number or a word that goes on a button).
_AMBIGUOUS_CUES = frozenset(normalise(c) for c in (
    "home", "share", "related", "updated", "comments", "recommended", "tweet", "accueil", "partager", "partagez",
    "commentaires", "teilen", "delen", "compartir", "condividi", "compartilhar", "bagikan", "anzeige",
    "publicite", "publicidad", "pubblicita"))
_CUE_GOES_ON = frozenset(
    "this on via article story page post now at stories articles news content links topics posts coverage videos "
    "reading you sur cet cette l le la par ce auf op per su en em di ini".split())
_SEPARATOR_AFTER = re.compile(r"\s*(?:[:|>»›/(•·,;]|[-–—](?=\s)|\d|$)")
_FIRST_WORD = re.compile(r"\W*?(\w+)")


def _used_as_furniture(cue: str, norm: str, text: str, line_words: int, top: bool = False) -> bool:
    """Whether a line opening with ``cue`` is furniture (``text``: its first sentence as written;
    ``top``: the line is one of the page's first two, where a breadcrumb glued to the headline
    stands: "Accueil Internationales Discussion animée entre Poutine et Erdogan").

    >>> _used_as_furniture("home", "home world", "Home > World", 2), _used_as_furniture("home", "home loan approvals rising again", "Home loan approvals rising again", 5)
    (True, False)
    """
    if cue not in _AMBIGUOUS_CUES or line_words <= 2:
        return True
    rest = norm[len(cue):].split()
    if rest and rest[0] in _CUE_GOES_ON:
        return True
    first = _FIRST_WORD.match(text)
    if not first:
        return False
    if _SEPARATOR_AFTER.match(text, first.end(1)):
        return True
    following = _FIRST_WORD.match(text, first.end(1))
    return top and following is not None and following.group(1)[:1].isupper()


# A site's copyright notice, wherever it stands in its line: footers open with "©" and the
# year or the site's name ("© 2020 Le Site - Tous droits réservés. Mentions légales | Contact").
_RIGHTS_RESERVED = [
    "all rights reserved", "tous droits reserves", "tous droits de reproduction reserves", "alle rechte vorbehalten",
    "todos los derechos reservados", "tutti i diritti riservati", "todos os direitos reservados",
    "alle rechten voorbehouden", "wszelkie prawa zastrzezone", "vsechna prava vyhrazena", "toate drepturile rezervate",
    "minden jog fenntartva", "alla rattigheter forbehallna", "alle rettigheder forbeholdes",
    "alle rettigheter reservert", "kaikki oikeudet pidatetaan", "tum haklari saklidir", "hak cipta dilindungi",
    "все права защищены", "всі права захищені", "με επιφύλαξη παντός δικαιώματος", "جميع الحقوق محفوظة",
    "כל הזכויות שמורות",
]
_RIGHTS = re.compile(r"(?<!\w)(?:" + _alternation(_RIGHTS_RESERVED) + r")(?!\w)|版权所有|版權所有|無断転載")
# "© 2020", "(c) 2005", "Copyright 2024", "© Le Site 2019": the mark and a year within a few words.
_COPYRIGHT_YEAR = re.compile(r"(?:©(?:\W+\w+){0,4}?|\([cC]\)|(?i:copyright)(?:\s*©)?)\W*(?<!\d)(?:19|20)\d{2}(?!\d)")


def _reserves_rights(text: str, norm: str) -> bool:
    """Whether a sentence (as written and normalised) is a copyright notice: it reserves rights
    or marks a copyright year anywhere, so a footer is known whatever opens it (the site's name,
    "©", the year). A short line holding one is furniture (``cue_max_words``).

    >>> _reserves_rights("© 2020 Le Site - Tous droits réservés.", "2020 le site tous droits reserves")
    True
    >>> _reserves_rights("The label said the rights were reserved in 2020.", "the label said the rights were reserved in 2020")
    False
    """
    return bool(_RIGHTS.search(norm) or _COPYRIGHT_YEAR.search(text))


# A rubric set before a headline or a paragraph as a sentence of its own, in capitals:
# "VIDÉO. Macron juge…", "EN DIRECT. …", "PHOTOS. …", "INFO FRANCEINFO. …". A label, not text.
_RUBRIC_MAX_WORDS = 3


def _is_rubric(text: str) -> bool:
    """Whether a sentence is a rubric label: at most three words, all in capitals, closed by a
    full stop (the sentence after it in its line is the headline it labels).

    >>> _is_rubric("VIDÉO."), _is_rubric("EN DIRECT."), _is_rubric("Vidéo."), _is_rubric("2020.")
    (True, True, False, False)
    """
    body = text.strip()
    if not body.endswith(".") or body.endswith(".."):
        return False
    body = body[:-1]
    return body.isupper() and len(body.split()) <= _RUBRIC_MAX_WORDS and body[:1].isalpha()


# Headings over a list of the site's other stories ("À lire aussi sur Le Site", "More from The
# Daily Ledger", "Les plus lus"): alone on a short line, with the headlines under it one a line.
_LIST_HEADINGS = [
    "lire aussi", "a lire aussi", "a lire egalement", "lire egalement", "voir aussi", "voir egalement",
    "sur le meme sujet", "pour aller plus loin", "dans la meme rubrique", "les plus lus", "les plus partages",
    "les plus commentes", "nos articles", "autres articles", "read more", "read also", "also read", "see also",
    "related", "related stories", "related articles", "more on this story", "more from", "more stories",
    "more news", "you may also like", "recommended", "most read", "most popular", "top stories",
    "lesen sie auch", "mehr zum thema", "meistgelesen", "lea tambien", "leer mas", "lo mas leido",
    "leggi anche", "i piu letti", "leia tambem", "mais lidas", "baca juga", "lees ook", "meest gelezen",
    "czytaj także", "czytaj też", "čtěte také", "ilgili haberler", "xem thêm", "tin liên quan", "citește și",
    "читайте также", "смотрите также", "новости по теме", "читайте також", "διαβάστε επίσης",
    "اقرأ أيضا", "مواضيع ذات صلة",
]
_LIST_HEADING = re.compile(r"^(?:" + _alternation(_LIST_HEADINGS) + r")(?!\w)")
_LIST_HEADING_MAX_WORDS = 6
_LIST_MIN_ITEMS = 2
_LIST_MAX_ITEMS = 12
_HEADLINE_MAX_WORDS = 25


def _listed_lines(line_list: Sequence[int], texts_of: Mapping[int, Sequence[str]], norm_of: Mapping[int, str],
                  words_of: Mapping[int, int]) -> set[int]:
    """A related-stories list known by its wording: a heading alone on its line (a list heading
    of at most six words, no full stop, nothing after a colon), then two lines or more that read
    as headlines (one sentence of at most 25 words, a capitalised rubric before it aside, not
    closed by a full stop, colon or comma). The heading and the headlines, up to the first line
    that is not one; ``texts_of``/``norm_of``: a line's sentences, its first one normalised.

    >>> texts = {0: ["Le texte."], 1: ["À lire aussi sur Le Site"], 2: ["VIDÉO.", "Macron juge la situation"],
    ...          3: ["Le voile fait polémique"], 4: ["Le Site est édité par Médias SAS."]}
    >>> sorted(_listed_lines([0, 1, 2, 3, 4], texts, {k: normalise(v[0]) for k, v in texts.items()},
    ...                       {0: 2, 1: 6, 2: 5, 3: 4, 4: 7}))
    [1, 2, 3]
    """
    out: set[int] = set()
    for i, ln in enumerate(line_list):
        head = texts_of[ln]
        if (len(head) != 1 or words_of[ln] > _LIST_HEADING_MAX_WORDS or not _LIST_HEADING.match(norm_of[ln])
                or not _headline_like(head[0]) or re.search(r":\s*\w", head[0])):
            continue
        items = []
        for nxt in line_list[i + 1:i + 1 + _LIST_MAX_ITEMS]:
            ts = texts_of[nxt]
            if len(ts) > 1 and _is_rubric(ts[0]):
                ts = ts[1:]
            if len(ts) != 1 or words_of[nxt] > _HEADLINE_MAX_WORDS or not _headline_like(ts[0]):
                break
            items.append(nxt)
        if len(items) >= _LIST_MIN_ITEMS:
            out.update([ln, *items])
    return out


def _headline_like(text: str) -> bool:
    end = text.rstrip()[-1:]
    return bool(end) and end not in ".;:," and any(c.isalpha() for c in text)


_BYLINE = re.compile(r"^\W*(?i:by|par|von|por|oleh|di|door)\s+[A-Z][\w.'-]+", re.UNICODE)
# Openers that make a byline whatever its end ("Written by Grace Liu, senior correspondent.").
_BYLINE_EXPLICIT = re.compile(
    r"^\W*(?i:written by|reporting by|reported by|rédigé par|écrit par|propos recueillis par|"
    r"geschrieben von|escrito por|scritto da)\s+[A-Z][\w.'-]+", re.UNICODE)
# A short labelled line: "Source : AFP", "Previous: <headline>", "Précédent : <headline>"; or a
# credit that is only an address: "Via example.com", "D'après example.fr".
_LABEL = re.compile(
    r"^\W*(?:(?i:sources?|via|credits?|crédits?|previous|next|older|newer|précédent|suivant)\s*:"
    r"|(?i:via|avec|d['’]après|according to|from|sources?|fuente|fonte|quelle)\s+(?:https?://)?"
    r"[\w-]+(?:\.[\w-]+)+(?:/\S*)?\W*$)")
_LABEL_MAX_WORDS = 15
_TWO_LETTERS = re.compile(r"[^\W\d_].*?[^\W\d_]")
_FIRST_PERSON = frozenset("je j moi mon ma mes i my me ich mein meine yo mi aku saya io".split())
_QUOTES = re.compile(r"[\"«»“”„]")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _date_only(text: str, norm: str, n_words: int) -> bool:
    """A line that only dates its page ("date 2024-03-01", "Lundi 3 mars 2024 à 14h05"): page
    furniture, which two unrelated pages of one week would otherwise share as aligned text.
    At most one word of four letters or more besides the date's own (a label, a weekday), so a
    dateline that opens the story ("PARIS, 3 janvier 2022 (AFP) - Le gouvernement...") stays text,
    and so does the end of a quotation ('le 20 juin 1969".'). Not read in a flattened text, whose
    lines are its sentences.

    >>> _date_only("date 2024-03-01", "date 2024 03 01", 3), _date_only("Lundi 3 mars 2024", "lundi 3 mars 2024", 4)
    (True, True)
    >>> _date_only("On 3 March 2024, the president resigned.", "on 3 march 2024 the president resigned", 7)
    False
    """
    if n_words > 8 or not _YEAR.search(norm) or _QUOTES.search(text):
        return False
    other = sum(1 for w in norm.split() if len(w) > 3 and not any(c.isdigit() for c in w) and md.month_number(w) is None)
    return other <= 1 and md.date_from_text(text) is not None


# What the journalist of an author note is, and what a story's last sentence does instead
# (reports someone's words), in normalised form.
_ROLES = frozenset(normalise(" ".join([
    "journalist journalists reporter correspondent editor writer columnist contributor",
    "journaliste correspondant correspondante rédacteur rédactrice chroniqueur chroniqueuse pigiste",
    "Redakteur Redakteurin Korrespondent Korrespondentin Journalistin Autorin",
    "periodista corresponsal redactor redactora giornalista corrispondente redattore redattrice",
    "jornalista correspondente wartawan jurnalis verslaggever",
])).split())
_REPORTING = frozenset(normalise(" ".join([
    "said says told tells added stated explained according",
    "déclaré affirmé expliqué précisé ajouté indiqué estimé selon dit",
    "sagte sagt erklärte betonte laut dijo afirmó explicó según disse detto secondo",
])).split())
# Or the beat a journalist covers, right after the name: "Emma Clarke covers business for …",
# "Jean Dupont écrit sur l'Afrique pour …"; then held "for" an outlet (_FOR_OUTLET).
_BEATS = frozenset(normalise(
    "covers writes reports couvre écrit suit schreibt berichtet cubre escribe scrive copre cobre escreve"
).split())
_FOR_OUTLET = frozenset(normalise("for pour für para per voor").split())
# A role held at a newsroom: "reporter at", "journaliste à la rédaction", "rédacteur au".
_AFFILIATION = frozenset(normalise(
    "at for with of au aux à de du des chez pour bei beim für von en para per di del presso da do na pada bij voor van"
).split())


def _is_byline(text: str, line_words: int) -> bool:
    # "By X" ends without a stop (else "By noon, the crowd had grown." would be one); an explicit
    # opener needs no such care.
    if _BYLINE.match(text):
        return line_words <= 10 and text.rstrip()[-1:] not in ".!?"
    return line_words <= 12 and bool(_BYLINE_EXPLICIT.match(text))


def _author_notes(reasons: Sequence[str | None], texts: Sequence[str], norm_words: Sequence[Sequence[str]],
                  line_words: Sequence[int]) -> list[int]:
    """The page's last content sentences that are author notes (at most two), read from the end
    until the first that is not: a note sits under the article, before or among the share
    buttons and links that :func:`document_reasons` already marked."""
    found: list[int] = []
    for k in range(len(reasons) - 1, -1, -1):
        if reasons[k] is not None:
            continue
        if len(found) == 2 or not _is_author_note(texts[k], norm_words[k], line_words[k]):
            break
        found.append(k)
    return found


def _is_author_note(text: str, norm_words: Sequence[str], line_words: int) -> bool:
    # "Claire Martin est journaliste à la rédaction de … depuis 2016.", "James Walker is a staff
    # reporter at …", "Emma Clarke covers business for …": a name, a newsroom role or beat,
    # nobody's words reported.
    first = text.split()[:2]
    return (
        line_words <= 30
        and len(first) == 2
        and all(w[:1].isupper() and w.rstrip(",").isalpha() for w in first)
        and (any(w in _ROLES and not _AFFILIATION.isdisjoint(norm_words[i + 1:i + 3]) for i, w in enumerate(norm_words))
             or (len(norm_words) > 3 and norm_words[2] in _BEATS and not _FOR_OUTLET.isdisjoint(norm_words[3:])))
        and _REPORTING.isdisjoint(norm_words)
        and not _QUOTES.search(text)
    )

@lru_cache(maxsize=64)
def _own_and_foreign(doc_lang: str) -> tuple[frozenset[str], frozenset[str]]:
    # The function words of ``doc_lang``'s list, and those of other lists only.
    own = frozenset(w for w, langs in md._STOP_LANGS.items() if doc_lang in langs)
    return own, frozenset(md._STOP_LANGS).difference(own)


def _looks_foreign(words: list[str], doc_lang: str) -> bool:
    # A function word of the document's own language is no evidence of another language, even
    # when another list has it too ("la", "de", "en"): only the other words vote against it.
    own_set, foreign_set = _own_and_foreign(doc_lang)
    foreign = sum(map(foreign_set.__contains__, words))
    # Each foreign word adds one to each of its languages, so no language gets more votes than
    # there are foreign words: most sentences are settled by these two counts (in C).
    if foreign < 2 or foreign <= sum(map(own_set.__contains__, words)):
        return False
    found = list(filter(md._STOP_LANGS.__contains__, words))
    if len(found) < 2:
        return False
    own = 0
    other: dict[str, int] = {}
    for w in found:
        langs = md._STOP_LANGS[w]
        if doc_lang in langs:
            own += 1
        else:
            for lang in langs:
                other[lang] = other.get(lang, 0) + 1
    top = max(other.values(), default=0)
    return top >= 2 and top > own


def _looks_foreign_reference(norm: str, doc_lang: str) -> bool:
    words = norm.split()
    hits = md.stopword_hits(words)
    own_list = set(md._STOPWORDS.get(doc_lang, "").split())
    other = md.stopword_hits([w for w in words if w not in own_list])
    best = max(sorted(k for k in other if k != doc_lang), key=lambda k: other[k])
    return other[best] >= 2 and other[best] > hits.get(doc_lang, 0)


REASONS = ("pattern", "counter", "notice", "language", "blurb", "repeated", "header", "byline", "markup")


def _in_markup_furniture(doc: Document, start: int, end: int) -> bool:
    # Spans are few and sorted: the last one starting at or before the sentence must hold it.
    spans = doc.markup_furniture
    k = bisect_right(spans, (start, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= start and end <= spans[k][1]


@dataclass(frozen=True)
class FurnitureConfig:
    """Which furniture detectors run and their limits."""

    cue_max_words: int = 30
    """A line opening with a furniture cue is furniture only if it is this short."""
    consent_max_words: int = 120
    """A paragraph opening with a site's consent, paywall or browser notice ("We use cookies…",
    "Nous utilisons des cookies…") is furniture up to this length: such banners run to a few
    sentences."""
    edge_lines: int = 3
    """Lines at each end of a document where repeated and foreign-language text is furniture."""
    repeated_min_docs: int = 3
    """An edge line in at least this many documents (and only ever at an edge) is furniture."""
    repeated_max_words: int = 30
    """A line of one sentence this short can be repeated furniture, at an edge or anywhere
    (``scattered``)."""
    repeated_max_line_words: int = 120
    """Among the last ``edge_lines`` lines, so can a line (paragraph) of several sentences up
    to this many words: a legal or investment disclaimer, an author bio, a press release's
    "About <company>" paragraph or a newsletter pitch runs to a few sentences, printed word
    for word under stories that share nothing else. Copies of one story share paragraphs too,
    but their shared text goes on past the edge lines (not apart) or their other words tell
    one story (``one_story_share``), so neither counts; nor does a paragraph on a page whose
    own text (sentences no other document has) is shorter than the run of shared lines it
    stands in: a page is more than its margins. Not among the first lines: a story's opening
    paragraphs are what its copies keep most, and copies that keep only those (an excerpt, a
    compilation of two stories) do not look like one story (synthetic families, seed 201).
    The length of a consent banner (``consent_max_words``). 0: one short sentence only."""
    min_lines: int = 4
    """Documents with fewer lines have no edges to speak of (one-paragraph texts)."""
    same_outlet_min_docs: int = 2
    """An edge sentence repeated by this many documents of one outlet is furniture."""
    one_story_share: float = 0.5
    """A repeated edge line is no furniture when the documents carrying it are one story: in
    most pairs of them, at least this share of the smaller one's word stems (apart from the line)
    are in the other, so one is mostly made of the other's words. Copies that keep a
    one-sentence lede and reword what follows repeat it at their top like a header; pages that
    share furniture tell different stories. Containment rather than Jaccard, since an excerpt
    holds a fraction of its source's vocabulary. Documents with no text besides the lines
    taken for furniture (a short brief, every line at an edge, run word for word by several
    sites) are judged on their whole text, this share of the larger stem set
    (:func:`one_text`). 0 turns the check off."""
    split_by_carriers: bool = True
    """Runs of consecutive shared lines are cut where no other document carries the two lines
    next to each other (one sentence apart at most, :func:`continued`): a story's lines are
    carried by its copies, a site's header and footer by the site's other pages, so a footer
    unknown to the cue lists, under a story copied from another site, is a run of its own and
    can be edge furniture. False: one run, as long as its lines are shared at all."""
    one_story_sample: int = 6
    """The first this many documents carrying the line (in corpus order) are compared."""
    scattered: bool = True
    """Also mark a short standalone line that recurs anywhere in its documents (a "Related:"
    link inside the body, a share bar next to copied text) when the documents carrying it tell
    ``repeated_min_docs`` different stories, or ``same_outlet_min_docs`` on one outlet
    (:func:`story_groups`). The edge rule alone knows only lines at the edges of pages whose
    neighbouring lines nobody else has, so in a corpus made of copies it found a site's
    furniture only where the furniture cue lists already knew its wording."""
    site_min_pages: int = 4
    """Documents given no outlet are grouped into sites by their furniture
    (:func:`infer_sites`): a pair of furniture lines carried together by this many pages makes
    them one site. The site then stands for the outlet where furniture tells who copied whom.
    0 turns it off. Chosen on development family seeds 101-104 with their sources removed
    (mean F1 0.498 without sites; 2 pages: 0.520, 3: 0.551, 4: 0.565, 5: 0.563, 6: 0.552)."""
    site_min_stories: int = 3
    """... and those pages tell this many stories at least (documents sharing a sentence of
    text are one story, :func:`shared_text_stories`): copies of copies carry their sources'
    links along, so a pair of links can be carried by one story's copies on several sites.
    Chosen on development seeds 101-104 with sources removed (F1 0.565 without; 2: 0.572,
    3: 0.575)."""
    detect_language: bool = True
    language_min_words: int = 6
    language_min_prob: float = 0.9


def _mark(seg: Segment, reason: str) -> Segment:
    return seg if seg.furniture else replace(seg, furniture=reason)


def mark_document(doc: Document, segs: Sequence[Segment], config: FurnitureConfig = FurnitureConfig()) -> list[Segment]:
    """Mark the furniture one document shows on its own (cues, counters, notices, blurbs).

    >>> from provenance.segment import segment
    >>> d = Document(id="a", text="Partager:\\n\\nLe texte de l'article est ici.\\n\\nLire aussi : autre chose", lang="fr")
    >>> [s.furniture for s in mark_document(d, segment(0, d))]
    ['pattern', None, 'pattern']
    """
    reasons = document_reasons(
        doc, [s.start for s in segs], [s.end for s in segs], [s.line for s in segs],
        [s.text for s in segs], [s.norm for s in segs], config,
    )
    return [s if s.furniture or r is None else replace(s, furniture=r) for s, r in zip(segs, reasons, strict=True)]


def document_reasons(
    doc: Document, starts: Sequence[int], ends: Sequence[int], lines: Sequence[int],
    texts: Sequence[str], norms: Sequence[str], config: FurnitureConfig = FurnitureConfig(),
) -> list[str | None]:
    """``mark_document`` on a document's sentences given as columns: the reason per sentence.

    >>> d = Document(id="a", text="Partager:\\n\\nLe texte.", lang="fr")
    >>> document_reasons(d, [0, 11], [9, 20], [0, 1], ["Partager:", "Le texte."], ["partager", "le texte"])
    ['pattern', None]
    """
    n = len(norms)
    if not n:
        return []
    blank_split = [x.split() for x in norms]
    # Spacing changes only text in scripts written without blanks (``spaced`` returns the very
    # string otherwise): one split per sentence, not two.
    counts = [len(b) if spaced(x) is x else len(words(x)) for x, b in zip(norms, blank_split, strict=True)]
    words_of_line: dict[int, int] = {}
    first_norm: dict[int, str] = {}
    first_text: dict[int, str] = {}
    for ln, norm, c, text in zip(lines, norms, counts, texts, strict=True):
        if ln in words_of_line:
            words_of_line[ln] += c
        else:
            words_of_line[ln] = c
            first_norm[ln] = norm
            first_text[ln] = text
    line_list = sorted(words_of_line)
    top_lines = set(sorted(first_norm)[:2])
    cue_lines = {ln for ln, norm in first_norm.items()
                 if _cue_line(norm, words_of_line[ln], config, first_text[ln], ln in top_lines)}
    cue_lines.update(ln for ln, text, norm in zip(lines, texts, norms, strict=True)
                     if words_of_line[ln] <= config.cue_max_words and ln not in cue_lines and _reserves_rights(text, norm))
    if not doc.flattened and any(words_of_line[ln] <= _LIST_HEADING_MAX_WORDS and _LIST_HEADING.match(norm)
                                 for ln, norm in first_norm.items()):
        texts_of: dict[int, list[str]] = defaultdict(list)
        for ln, text in zip(lines, texts, strict=True):
            texts_of[ln].append(text)
        cue_lines |= _listed_lines(line_list, texts_of, first_norm, words_of_line)
    notice = md.translation_notice(doc.text, doc_lang=doc.lang) if doc.machine_translated else None
    edge = set(line_list[: config.edge_lines]) | set(line_list[-config.edge_lines:])
    last_line = line_list[-1]
    header_limit = line_list[min(5, len(line_list) - 1)]
    check_language = bool(config.detect_language and doc.lang)
    out: list[str | None] = [None] * n
    markup = bool(doc.markup_furniture)
    for k in range(n):
        ln = lines[k]
        text = texts[k]
        norm = norms[k]
        if markup and _in_markup_furniture(doc, starts[k], ends[k]):
            out[k] = "markup"
        elif ln in cue_lines:
            out[k] = "pattern"
        elif doc.wire_header and ln <= header_limit and md.is_wire_header_line(text):
            out[k] = "header"
        elif (k == 0 or lines[k - 1] != ln) and k + 1 < n and lines[k + 1] == ln and _is_rubric(text):
            out[k] = "header"
        elif _is_byline(text, words_of_line[ln]):
            out[k] = "byline"
        elif _LABEL.match(text) and words_of_line[ln] <= _LABEL_MAX_WORDS:
            out[k] = "pattern"
        elif not _TWO_LETTERS.search(norm):
            out[k] = "counter"
        elif not doc.flattened and _date_only(text, norm, words_of_line[ln]):
            out[k] = "header"
        elif notice is not None and starts[k] < notice.end and ends[k] > notice.start:
            out[k] = "notice"
        elif (
            ln == last_line
            and len(line_list) > 2
            and not _QUOTES.search(text)
            and not _FIRST_PERSON.isdisjoint(blank_split[k])
            and words_of_line[ln] <= 60
        ):
            out[k] = "blurb"
        elif (
            check_language
            and ln in edge
            and counts[k] >= config.language_min_words
            and _looks_foreign(blank_split[k], doc.lang or "")
        ):
            lang, prob = md.detect_language(text, min_chars=15)
            if lang and lang != doc.lang and prob >= config.language_min_prob:
                out[k] = "language"
    if len(line_list) > 2:
        for k in _author_notes(out, texts, blank_split, [words_of_line[ln] for ln in lines]):
            out[k] = "blurb"
    return out


def mark_repeated(
    docs: Sequence[Document], segments: Sequence[Sequence[Segment]], config: FurnitureConfig = FurnitureConfig()
) -> list[list[Segment]]:
    """Mark edge sentences that recur across documents as furniture (corpus-level pass).

    A sentence counts when every document carrying it has it among its first or last
    ``edge_lines`` lines in a short standalone line, or among its last lines in a paragraph of
    at most ``repeated_max_line_words`` words (a disclaimer, an author bio, an "About
    <company>" paragraph), and either ``repeated_min_docs`` documents carry it apart from
    other shared text, or ``same_outlet_min_docs`` documents of one outlet do.

    A story copied by many outlets repeats its opening and closing paragraphs at their edges
    too; it differs from furniture in that the shared text goes on past them. So an occurrence
    is counted only when the run of consecutive shared lines around it (lines with a sentence
    some other document also has) stays furniture-like: such lines within the edge lines, or
    lines already marked as furniture; and when it holds a paragraph, no longer than the page's
    own text (its sentences no other document has), since a short page whose every paragraph
    is at an edge may be nothing but a copy. Occurrences next to shared body text neither
    count nor veto, so a footer is still found when some of its documents are copies.

    Who carries the lines tells the story from the site around it: a story's lines are carried
    by its copies, a site's header and footer by the site's other pages. Where no other
    document carries two neighbouring shared lines in a row (:func:`continued`), the run is
    cut, and a part of it at an edge counts when it is no longer than the page's text outside
    it (``split_by_carriers``). So every page of a site whose stories are all copied from other
    sites still shows its footer.

    Nor is a line furniture when the documents carrying it tell one story
    (:func:`without_one_story`): copies that keep a one-sentence lede and reword the rest
    repeat it at their top as pages repeat a header, and a brief of a few lines run word for
    word by several sites is the whole of each copy (:func:`one_text`). A line counted often enough only where
    runs were cut must be carried by documents telling ``repeated_min_docs`` different stories
    (or ``same_outlet_min_docs`` on one outlet, :func:`scattered_lines`): a compilation closing
    with another story's lede cuts it off as a footer, but its carriers are that story's
    versions and the compilation.
    """
    found = repeated_norms(
        [d.source for d in docs], [[s.norm for s in segs] for segs in segments],
        [[s.line for s in segs] for segs in segments], [[s.furniture for s in segs] for segs in segments], config,
    )
    return [[_mark(s, "repeated") if s.norm in found else s for s in segs] for segs in segments]


def edge_occurrences(
    lines: Sequence[int], words: Sequence[int], furniture: Sequence[object], shared: Sequence[bool],
    keys: Sequence[Hashable], config: FurnitureConfig = FurnitureConfig(), continues: Sequence[bool] | None = None,
) -> list[tuple[int, bool, bool, bool, bool]]:
    """One document's part of the repeated-furniture rule, from its sentence columns (line number,
    word count, furniture mark, whether the sentence is in another document too, and a key equal
    for equal sentences): ``(position, at an edge in a short line or at the bottom in a
    paragraph, apart from other shared text, a short standalone line anywhere, apart only once
    its stretch of shared lines is cut)`` for the first occurrence of each shared sentence.
    ``continues`` (:func:`continued`; None: all do) cuts a stretch of shared lines before a line
    whose first shared sentence no other document carries after the shared sentence before it.

    >>> edge_occurrences([0, 1, 2, 3], [5, 9, 9, 2], [None] * 4, [False, False, False, True], "abcd")
    [(3, True, True, True, False)]

    A paragraph of three sentences closing a page may be edge furniture (it is no standalone
    line), unless the page has less text of its own; opening the page, it may not:

    >>> lines, n = [0, 1, 2, 3, 3, 3], [20, 25, 22, 14, 18, 16]
    >>> edge_occurrences(lines, n, [None] * 6, [False] * 3 + [True] * 3, "abcdef")
    [(3, True, True, False, False), (4, True, True, False, False), (5, True, True, False, False)]
    >>> edge_occurrences(lines, n, [None] * 6, [False] + [True] * 5, "abcdef")[-1]
    (5, True, False, False, False)
    >>> edge_occurrences([0, 0, 0, 1, 2, 3], [14, 18, 16, 20, 25, 22], [None] * 6, [True] * 3 + [False] * 3, "abcdef")[0]
    (0, False, False, False, False)

    A site's footer under a story that copies share: one run of shared lines, unless no other
    document goes on from the story into the footer (its carriers are the site's other pages):

    >>> lines, n, shared = [0, 1, 2, 3, 4], [20, 25, 90, 12, 9], [False, False, True, True, True]
    >>> [ok for _, _, ok, _, _ in edge_occurrences(lines, n, [None] * 5, shared, "abcde")]
    [False, False, False]
    >>> [(ok, cut) for _, _, ok, _, cut in edge_occurrences(lines, n, [None] * 5, shared, "abcde",
    ...                                                     continues=[True, True, True, False, True])]
    [(False, False), (True, True), (True, True)]
    """
    by_line: dict[int, list[int]] = defaultdict(list)
    for k, ln in enumerate(lines):
        by_line[ln].append(k)
    line_list = sorted(by_line)
    edge: set[int] = set()
    bottom: set[int] = set()
    if len(line_list) >= config.min_lines:
        bottom = set(line_list[-config.edge_lines:])
        edge = set(line_list[: config.edge_lines]) | bottom
    # A line of one sentence, besides those that are furniture by the document alone (a rubric
    # before a headline, "VIDÉO. Macron juge…"), is a short line.
    short = {ln: len(text) == 1 and words[text[0]] <= config.repeated_max_words
             for ln, ks in by_line.items() for text in ([k for k in ks if not furniture[k]] or ks,)}
    # What may be furniture: a short line at an edge, or a paragraph of a few sentences under
    # the story. Not above it: a story's opening paragraphs are what its copies keep most (an
    # excerpt, a compilation, a rewrite keeping the lede), and one story's copies can fail to
    # look like one when the rest is cut or taken from another story.
    most = config.repeated_max_line_words
    fits = {ln: ln in edge and (short[ln] or (ln in bottom and 0 < most and sum(words[k] for k in ks) <= most))
            for ln, ks in by_line.items()}
    # The words of the page's own text, which no other document has: a page's margins are
    # smaller than its story, while a short page all of whose paragraphs are edges may be
    # nothing but a copy (every paragraph of its duplicates shared, and at an edge).
    own = sum(w for w, f, sh in zip(words, furniture, shared, strict=True) if not f and not sh)
    # Stretches of consecutive shared lines; a stretch is furniture-like when every line in it
    # is, and one holding a paragraph is no longer than the page's own text. Where it is not, its
    # runs, cut where no other document carries two lines in a row (``continues``), may be: each
    # no longer than the page's text outside it, its own text and the rest of its stretch (the
    # story that other documents carry beside a site's footer). Of a short story copied whole
    # under each site's footer, every line is at an edge: the footer is the smaller part.
    def furniture_like(run: list[int], outside: int, cut: bool) -> bool:
        if not all(all(furniture[k] for k in by_line[x]) or fits[x] for x in run):
            return False
        if cut or not all(short[x] or all(furniture[k] for k in by_line[x]) for x in run):
            return outside >= sum(words[k] for x in run for k in by_line[x] if not furniture[k])
        return True

    apart: dict[int, bool] = {}
    # Lines apart only once their stretch is cut (:func:`repeated_norms` asks more of them).
    by_cut: set[int] = set()
    runs: list[list[int]] = []
    for ln in [*line_list, None]:
        first = next((k for k in by_line[ln] if shared[k]), None) if ln is not None else None
        if first is not None:
            if runs and (continues is None or continues[first]):
                runs[-1].append(ln)
            else:
                runs.append([ln])
            continue
        stretch = [x for run in runs for x in run]
        whole = furniture_like(stretch, own, False)
        apart.update(dict.fromkeys(stretch, whole))
        if len(runs) > 1 and not whole:
            total = sum(words[k] for x in stretch for k in by_line[x] if not furniture[k])
            for run in runs:
                t = sum(words[k] for x in run for k in by_line[x] if not furniture[k])
                if furniture_like(run, own + total - t, True):
                    apart.update(dict.fromkeys(run, True))
                    by_cut.update(run)
        runs = []
    out = []
    seen: set[Hashable] = set()
    for k, key in enumerate(keys):
        if shared[k] and key not in seen:
            seen.add(key)
            ln = lines[k]
            at_edge = fits[ln]
            out.append((k, at_edge, at_edge and apart.get(ln, True), short[ln], at_edge and ln in by_cut))
    return out


def neighbour_pairs(keys: list[K]) -> set[tuple[K, K]]:
    """The ordered pairs a document's shared sentences (``keys``, in order) form with the next
    one and the one after: what it carries of a sequence. A copy that drops a sentence still
    carries its neighbours in order.

    >>> sorted(neighbour_pairs("abcd"))
    [('a', 'b'), ('a', 'c'), ('b', 'c'), ('b', 'd'), ('c', 'd')]
    """
    return {*zip(keys, keys[1:], strict=False), *zip(keys, keys[2:], strict=False)}


def continued(keys: Sequence[K], shared: Sequence[bool], carried: Callable[[tuple[K, K]], bool]) -> list[bool]:
    """Per sentence of a document, whether it goes on from the shared sentence before it as some
    other document does: the pair of them is ``carried`` (in :func:`neighbour_pairs` of two
    documents). True for the first shared sentence and for sentences no other document has.

    Who carries a shared line tells what it is: a story's lines are carried by its copies, a
    site's header and footer by the site's other pages, which tell other stories. Where one
    gives way to the other, no other document has both in a row.

    >>> continued("xabf", [False, True, True, True], {("a", "b")}.__contains__)
    [True, True, True, False]
    """
    out = []
    prev: K | None = None
    for key, sh in zip(keys, shared, strict=True):
        if sh:
            out.append(prev is None or carried((prev, key)))
            prev = key
        else:
            out.append(True)
    return out


def repeated_norms(
    sources: Sequence[str | None], norms: Sequence[Sequence[str]], lines: Sequence[Sequence[int]],
    furniture: Sequence[Sequence[str | None]], config: FurnitureConfig = FurnitureConfig(),
) -> set[str]:
    """The norms ``mark_repeated`` marks, from each document's outlet and sentence columns.

    >>> foot = ["a", "b", "c", "d", "le pied de page"]
    >>> sorted(repeated_norms([None] * 3, [[f"{x}{i}" for x in foot[:4]] + foot[4:] for i in range(3)],
    ...                       [[0, 1, 2, 3, 4]] * 3, [[None] * 5] * 3))
    ['le pied de page']
    """
    # Only a norm found in two documents can be repeated furniture, and only documents holding
    # one need their lines examined: most of a corpus is skipped after one pass.
    first: dict[str, int] = {}
    shared: set[str] = set()
    for d, ns in enumerate(norms):
        for norm in ns:
            if first.setdefault(norm, d) != d:
                shared.add(norm)
    shared.discard("")
    holding = [d for d, ns in enumerate(norms) if not shared.isdisjoint(ns)]
    carried: set[tuple[str, str]] = set()
    if config.split_by_carriers:
        seen: dict[tuple[str, str], int] = {}
        for d in holding:
            in_order = [n for n in norms[d] if n in shared]
            if len(in_order) > 1:
                for pair in neighbour_pairs(in_order):
                    if seen.setdefault(pair, d) != d:
                        carried.add(pair)
        del seen
    # norm -> [(at an edge as a standalone line, apart from other shared text, apart only once
    # its stretch is cut, document)]
    where: dict[str, list[tuple[bool, bool, bool, int]]] = defaultdict(list)
    standalone: dict[str, bool] = {}
    for d in holding:
        ns = norms[d]
        flags = [n in shared for n in ns]
        goes_on = continued(ns, flags, carried.__contains__) if config.split_by_carriers else None
        for k, at_edge, ok, alone, cut in edge_occurrences(lines[d], [len(words(n)) for n in ns], furniture[d], flags,
                                                           ns, config, goes_on):
            where[ns[k]].append((at_edge, ok, cut, d))
            standalone[ns[k]] = standalone.get(ns[k], True) and alone

    def enough(docs: list[int]) -> bool:
        outlets = [sources[d] for d in docs if sources[d]]
        return len(docs) >= config.repeated_min_docs or bool(
            outlets and max(outlets.count(o) for o in set(outlets)) >= config.same_outlet_min_docs)

    found: dict[str, list[int]] = {}
    by_cut: dict[str, list[int]] = {}
    for norm, occ in where.items():
        if not all(at_edge for at_edge, _, _, _ in occ) or not enough([d for _, ok, _, d in occ if ok]):
            continue
        # Found only where stretches were cut: the carriers must tell different stories, not be
        # one story's copies beside another that kept a line of it (a compilation).
        (found if enough([d for _, ok, cut, d in occ if ok and not cut]) else by_cut)[norm] = [d for *_, d in occ]
    kept = without_one_story(
        found, lambda d: [(n, n) for n, f in zip(norms[d], furniture[d], strict=True) if f is None], config, sources)
    rest = {norm: [d for *_, d in occ] for norm, occ in where.items()
            if config.scattered and standalone[norm] and norm not in found and norm not in by_cut}
    return kept | scattered_lines(rest | by_cut, sources,
                                  lambda d: [n for n, f in zip(norms[d], furniture[d], strict=True) if f is None], config)


def scattered_lines(carriers: Mapping[K, Sequence[int]], sources: Sequence[str | None],
                    content: Callable[[int], Sequence[str]], config: FurnitureConfig = FurnitureConfig()) -> set[K]:
    """The keys of ``carriers`` (a short standalone line -> the documents carrying it, in corpus
    order) that are furniture wherever they stand: the first ``one_story_sample`` documents
    carrying one tell ``repeated_min_docs`` different stories, or ``same_outlet_min_docs`` on
    one outlet (:func:`story_groups`, on each document's ``content``, the norms of its
    sentences that are not furniture by the document alone, the line included).

    >>> menu = "partagez sur les reseaux"
    >>> docs = [[menu, "le ministre annonce une reforme des retraites"],
    ...         [menu, "la finale de coupe est reportee a dimanche"],
    ...         [menu, "la finale de la coupe est reportee a dimanche prochain"]]
    >>> sorted(scattered_lines({menu: [0, 1, 2]}, ["site"] * 3, docs.__getitem__))
    ['partagez sur les reseaux']
    >>> sorted(scattered_lines({menu: [0, 1, 2]}, [None] * 3, docs.__getitem__))
    []
    """
    stems: dict[int, frozenset[str]] = {}
    out: set[K] = set()
    need = min(config.repeated_min_docs, config.same_outlet_min_docs)
    for key, docs in carriers.items():
        if len(docs) < need:
            continue
        sample = list(docs[: config.one_story_sample])
        outlets = [sources[d] for d in sample]
        by_outlet = Counter(o for o in outlets if o)
        if len(sample) < config.repeated_min_docs and (not by_outlet or max(by_outlet.values()) < config.same_outlet_min_docs):
            continue
        for d in sample:
            if d not in stems:
                stems[d] = norm_stems(content(d))
        group = story_groups([stems[d] for d in sample], config)
        stories = {g for g in group if g >= 0}
        on_outlet = Counter()
        for o, g in set(zip(outlets, group, strict=True)):
            if o and g >= 0:
                on_outlet[o] += 1
        if len(stories) >= config.repeated_min_docs or (on_outlet and max(on_outlet.values()) >= config.same_outlet_min_docs):
            out.add(key)
    return out


def story_groups(stem_sets: Sequence[frozenset[str]], config: FurnitureConfig = FurnitureConfig()) -> list[int]:
    """Which story each document tells, as the first document of its group: documents are one
    story when ``one_story_share`` of the smaller stem set or more is in the other (as in
    :func:`one_story`), and groups are closed under that (a source and its two excerpts are one
    story, though the excerpts share little). -1 for a document with no stems.

    >>> a, b, c = frozenset("abcd"), frozenset("abce"), frozenset("wxyz")
    >>> story_groups([a, c, b, frozenset()])
    [0, 1, 0, -1]
    """
    close = ((i, j) for i, x in enumerate(stem_sets) if x for j in range(i + 1, len(stem_sets))
             if stem_sets[j] and (inter := len(x & stem_sets[j]))
             and inter >= config.one_story_share * min(len(x), len(stem_sets[j])))
    group = components(close)
    return [group.get(i, i) if x else -1 for i, x in enumerate(stem_sets)]



def without_one_story(carriers: Mapping[K, Sequence[int]], content: Callable[[int], Sequence[tuple[K, str]]],
                      config: FurnitureConfig = FurnitureConfig(), sources: Sequence[str | None] | None = None) -> set[K]:
    """The keys of ``carriers`` (line -> documents carrying it, in corpus order) whose carrying
    documents are not one story (:func:`one_story`), judged on each document's ``content``
    (``(key, norm)`` of its sentences that are not furniture by the document alone) without the
    lines still taken for furniture. Lines found to be story text count as text in the next
    round: a copy made of a kept lede and one reworded sentence, both repeated, is told by the
    lede once the lede is known to be text.

    A document made of nothing but such lines tells its story by them: a brief of a few
    sentences, every one of its lines at an edge, run word for word by several sites. Where
    some carrier has nothing else, the carriers are judged on their whole content as well
    (:func:`one_text`): copies of one brief are each mostly made of the other's words, pages
    sharing a footer are not, their stories being longer than their margins; and the lines all
    of them carry must be the larger part of each such page (:func:`mostly_common`), so that of
    a brief and a site's footer on pages made of nothing else, one at most is text. Pages of one
    outlet (``sources``) are never one text so: an outlet repeating lines across its pages is
    what furniture is.

    >>> docs = {0: [("h", "menu"), ("s0", "le ministre annonce une reforme des retraites")],
    ...         1: [("h", "menu"), ("s1", "la finale de coupe est reportee a dimanche")]}
    >>> sorted(without_one_story({"h": [0, 1]}, docs.__getitem__))
    ['h']
    >>> brief = [("t", "le ministre annonce une reforme"), ("s", "les syndicats appellent a la greve jeudi")]
    >>> sorted(without_one_story({"t": [0, 1, 2], "s": [0, 1, 2]}, lambda d: brief))
    []
    """
    keys = set(carriers)
    if config.one_story_share <= 0:
        return keys
    sample = {k: list(ds[: config.one_story_sample]) for k, ds in carriers.items()}
    whole: dict[int, frozenset[str]] = {}
    while keys:
        docs = {d for k in keys for d in sample[k]}
        other = {d: [n for key, n in content(d) if key not in keys] for d in sorted(docs)}
        stems = {d: norm_stems(ns) for d, ns in other.items()}
        cleared = set()
        for k in keys:
            rest = [stems[d] for d in sample[k]]
            if one_story(rest, config):
                cleared.add(k)
            elif not all(other[d] for d in sample[k]):
                for d in sample[k]:
                    if d not in whole:
                        whole[d] = norm_stems([n for _, n in content(d)])
                outlets = [sources[d] if sources is not None else None for d in sample[k]]
                if (one_text(rest, [whole[d] for d in sample[k]], [not other[d] for d in sample[k]], outlets, config)
                        and all(mostly_common([content(d) for d in sample[k]], i)
                                for i, d in enumerate(sample[k]) if not other[d])):
                    cleared.add(k)
        if not cleared:
            break
        keys -= cleared
    return keys


def mostly_common(texts: Sequence[Sequence[tuple[K, str]]], i: int) -> bool:
    """Whether the lines of ``texts[i]`` that all ``texts`` carry (by key) hold more than half
    of its words: of a page whose every line is shared, the part carried by all the pages
    carrying a line is its text, and what else the page carries, its margin (a site's footer
    that the site's other pages carry), is the smaller part; of two parts as large, neither
    tells which is which.

    >>> brief, foot = [("t", "rail fares to rise"), ("s", "fares go up by three per cent")], [("f", "our footer")]
    >>> mostly_common([brief + foot, brief + [("g", "another footer")]], 0)
    True
    >>> mostly_common([brief + foot, [("u", "a story")] + foot], 0)
    False
    """
    common = set.intersection(*({key for key, _ in t} for t in texts))
    shared = total = 0
    for key, norm in texts[i]:
        n = len(words(norm))
        total += n
        shared += n if key in common else 0
    return 2 * shared > total


def one_text(rest: Sequence[frozenset[str]], full: Sequence[frozenset[str]], bare: Sequence[bool],
             outlets: Sequence[str | None], config: FurnitureConfig = FurnitureConfig()) -> bool:
    """Whether documents carrying a repeated edge line, some of which have nothing but lines
    taken for furniture (``bare``), are copies of one text: in most pairs of them, each is
    mostly made of the other's words. A pair of documents with other text is judged on its
    stems (``rest``) as :func:`one_story` judges it; a pair with a bare one, on the documents'
    ``full`` stems (all their text), with ``one_story_share`` of the *larger* set in the other,
    since a page holding another's footer and a story besides is no copy of it. Two pages of
    one outlet (``outlets``) are never one text this way.

    >>> brief, page = frozenset("abcdef"), frozenset("abcdefg")
    >>> story, foot = frozenset("uvwxyz"), frozenset("ab")
    >>> none = frozenset()
    >>> one_text([none] * 3, [brief, brief, page], [True, True, False], [None] * 3)
    True
    >>> one_text([none, story, frozenset("pqrst")], [foot, story | foot, frozenset("pqrstab")], [True, False, False],
    ...          [None] * 3)
    False
    >>> one_text([none] * 3, [brief] * 3, [True] * 3, ["site.fr"] * 3)
    False
    """
    n = len(rest)
    close = 0
    for i in range(n):
        for j in range(i + 1, n):
            if not (bare[i] or bare[j]):
                x, y, least = rest[i], rest[j], min(len(rest[i]), len(rest[j]))
            elif outlets[i] and outlets[i] == outlets[j]:
                continue
            else:
                x, y, least = full[i], full[j], max(len(full[i]), len(full[j]))
            inter = len(x & y)
            if inter and inter >= config.one_story_share * least:
                close += 1
    return 2 * close > n * (n - 1) // 2


def one_story(stem_sets: Sequence[frozenset[str]], config: FurnitureConfig = FurnitureConfig()) -> bool:
    """Whether documents carrying one repeated edge line are copies of one story rather than
    pages sharing furniture: in most pairs of them, ``one_story_share`` of the smaller stem set
    or more is in the other.

    >>> a, b, c = frozenset("abcd"), frozenset("abce"), frozenset("wxyz")
    >>> one_story([a, b, a]), one_story([a, b, c]), one_story([a, frozenset()])
    (True, False, False)
    """
    # A document with nothing but shared lines says nothing either way (:func:`one_text` reads it).
    sets = [x for x in stem_sets if x]
    pairs = [(x, y) for i, x in enumerate(sets) for y in sets[i + 1:]]
    close = 0
    for x, y in pairs:
        inter = len(x & y)
        if inter and inter >= config.one_story_share * min(len(x), len(y)):
            close += 1
    return 2 * close > len(pairs)


def furniture_homes(hashes: Sequence[int], docs: Sequence[int], sources: Sequence[str | None], *,
                    linked: np.ndarray | None = None, min_docs: int = 2) -> dict[int, str]:
    """The home outlet of each furniture line (by :func:`norm_hash`) that has one: the outlet
    whose pages carry it in at least ``min_docs`` documents and in more documents than all
    other pages together, where every other page carrying it shares text with one of the
    home's pages carrying it (``linked``: document pairs ``[a, b]`` that do, the candidate
    pairs; None skips this condition). ``hashes[k]`` was found in document ``docs[k]``, whose
    outlet is ``sources[docs[k]]``.

    A site repeats its own "Read also" links, share lines and credits across its pages; another
    outlet's page carries one only when copy-paste brought it along, so a shared line with a
    home says which side of a pair was copied from the other's site. A line spread evenly over
    several outlets (a notice every republisher adds) has no home, and neither has one that
    another outlet prints on a page sharing nothing with the home's pages: a blogging
    platform's share button or one vendor's consent banner is generic, not copied, even where
    one outlet's pages are most of the corpus.

    >>> h = [1, 1, 1, 2, 2]
    >>> furniture_homes(h, [0, 1, 2, 0, 2], ["x.example", "x.example", "y.example"])
    {1: 'x.example'}
    >>> furniture_homes(h, [0, 1, 2, 0, 2], ["x.example", "x.example", "y.example"], linked=np.array([[0, 1]]))
    {}
    """
    if len(hashes) < min_docs:
        return {}
    import polars as pl

    names = sorted({x for x in sources if x})
    codes = {src: k for k, src in enumerate(names)}
    doc = np.asarray(docs, dtype=np.int64)
    outlet = np.asarray([codes.get(x, -1) if x else -1 for x in sources], dtype=np.int64)
    df = pl.DataFrame({"h": np.asarray(hashes, dtype=np.uint64), "d": doc, "s": outlet[doc] if len(doc) else doc})
    # Columns, not a set per line: a million-page dump has millions of furniture lines.
    df = df.unique(["h", "d"])
    carriers = df.group_by("h").agg(pl.len().alias("n")).filter(pl.col("n") >= min_docs)
    best = (df.filter(pl.col("s") >= 0).join(carriers, on="h").group_by("h", "s").agg(pl.len().alias("k"), pl.col("n").first())
            .filter((pl.col("k") >= min_docs) & (2 * pl.col("k") > pl.col("n"))))
    if linked is not None and best.height:
        rows = df.join(best.select("h", pl.col("s").alias("home")), on="h")
        at_home = rows.filter(pl.col("s") == pl.col("home")).select("h", pl.col("d").alias("o"))
        abroad = rows.filter(pl.col("s") != pl.col("home")).select("h", "d")
        pairs = np.asarray(linked, dtype=np.int64).reshape(-1, 2)
        both = pl.DataFrame({"d": np.concatenate([pairs[:, 0], pairs[:, 1]]), "o": np.concatenate([pairs[:, 1], pairs[:, 0]])})
        # Each foreign carrier's linked documents (a few each), kept where they are home carriers.
        copied = abroad.join(both, on="d").join(at_home, on=["h", "o"], how="semi").select("h", "d").unique()
        generic = abroad.join(copied, on=["h", "d"], how="anti").select("h").unique()
        best = best.join(generic, on="h", how="anti")
    return {int(h): names[int(k)] for h, k in zip(best["h"].to_list(), best["s"].to_list(), strict=True)}


def shared_text_stories(hashes: Sequence[int] | np.ndarray, docs: Sequence[int] | np.ndarray) -> dict[int, int]:
    """Which story each document tells, as far as shared text shows: documents sharing a
    sentence (``hashes[k]``, a content sentence of document ``docs[k]``) are one story, closed
    under sharing. Each document sharing one -> its story's first document; a document that
    shares none is a story of its own (absent).

    >>> shared_text_stories([7, 7, 8, 8, 9], [0, 2, 2, 5, 3])
    {0: 0, 2: 0, 5: 0}
    """
    h = np.asarray(hashes, dtype=np.uint64)
    d = np.asarray(docs, dtype=np.int64)
    order = np.lexsort((d, h))
    h, d = h[order], d[order]
    same = (h[1:] == h[:-1]) & (d[1:] != d[:-1])
    links = np.unique(np.stack([d[:-1][same], d[1:][same]], axis=1), axis=0) if same.any() else np.zeros((0, 2), np.int64)
    found = components((int(a), int(b)) for a, b in links.tolist())
    return dict(sorted(found.items()))


def infer_sites(hashes: Sequence[int], docs: Sequence[int], sources: Sequence[str | None], *,
                min_pages: int = 4, max_lines: int = 16,
                story: Mapping[int, int] | Callable[[], Mapping[int, int]] | None = None,
                min_stories: int = 1) -> dict[int, int]:
    """The sites of documents given no outlet, as their furniture shows them: two documents
    are pages of one site when a pair of furniture lines (``hashes[k]`` found in document
    ``docs[k]``) is carried together by ``min_pages`` such documents or more, and sites join
    through shared pages. Returns each document of a site of two or more pages -> the site's
    first document. Documents with a source take no part.

    A site prints its share bar, author notes and links to its own stories on every page, so
    its pages share several furniture lines. A copy that brings a line of its source's site
    along carries it with its own site's lines, a pair no other page repeats: it stays on its
    own site. A document carrying more than ``max_lines`` shared furniture lines is judged on
    the ``max_lines`` most widely carried (the site's own, on a page with long menus). With
    ``story`` (document -> its story, a story of its own when absent; or a function giving it,
    called only when some pair is carried by enough pages), the pages carrying a pair must tell
    ``min_stories`` stories: the copies of one story carry its links along, to pages of other
    sites, while a site's own pairs stand on pages of many stories.

    >>> # pages 0-3 share the lines 1 and 2; page 4 carries line 1 only; page 5 has a source
    >>> infer_sites([1, 2, 1, 2, 1, 2, 1, 2, 1, 3, 1, 2], [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5], [None] * 5 + ["x.example"])
    {0: 0, 1: 0, 2: 0, 3: 0}
    """
    if min_pages <= 0:
        return {}
    min_pages = max(min_pages, 2)  # a site has two pages at least
    lines: dict[int, set[int]] = defaultdict(set)
    for h, d in zip(hashes, docs, strict=True):
        if not sources[d]:
            lines[d].add(int(h))
    carried = Counter(h for hs in lines.values() for h in hs)
    pages: dict[tuple[int, int], list[int]] = defaultdict(list)
    for d in sorted(lines):
        shared = sorted((h for h in lines[d] if carried[h] >= 2), key=lambda h: (-carried[h], h))[:max_lines]
        shared.sort()
        for i, x in enumerate(shared):
            for y in shared[i + 1:]:
                pages[(x, y)].append(d)
    carriers = [ds for ds in pages.values() if len(ds) >= min_pages]
    if carriers and story is not None and min_stories > 1:
        told = story() if callable(story) else story
        carriers = [ds for ds in carriers if len({told.get(d, d) for d in ds}) >= min_stories]
    site = components((ds[0], d) for ds in carriers for d in ds[1:])
    return dict(sorted(site.items()))


def site_labels(hashes: Sequence[int], docs: Sequence[int], documents: Sequence[Document],
                config: FurnitureConfig = FurnitureConfig(),
                text: Callable[[], tuple[Sequence[int] | np.ndarray, Sequence[int] | np.ndarray]] | None = None,
                ) -> dict[int, str]:
    """:func:`infer_sites` as ``Document.site`` values: each placed document -> "site of ID",
    after its site's first document. ``text()`` gives the content sentences (hashes, documents)
    that tell the stories apart (:func:`shared_text_stories`), read only when some pair of lines
    is carried by enough pages; without it, every page is a story.

    >>> pages = [Document(f"p{i}", "t") for i in range(4)]
    >>> site_labels([1, 2] * 4, [0, 0, 1, 1, 2, 2, 3, 3], pages)
    {0: 'site of p0', 1: 'site of p0', 2: 'site of p0', 3: 'site of p0'}
    """
    first = infer_sites(hashes, docs, [d.source for d in documents], min_pages=config.site_min_pages,
                        story=None if text is None else lambda: shared_text_stories(*text()),
                        min_stories=config.site_min_stories)
    return {i: f"site of {documents[f].id}" for i, f in first.items()}


def placed_on_sites(documents: Sequence[Document]) -> tuple[int, int]:
    """(documents placed on an inferred site, how many sites): the summary's and manifest's count.

    >>> placed_on_sites([Document("a", "t", site="site of a"), Document("b", "t", site="site of a"), Document("c", "t")])
    (2, 1)
    """
    placed = [d.site for d in documents if d.site]
    return len(placed), len(set(placed))


def furniture_lines(segments: Sequence[Sequence[Segment]], min_words: int) -> tuple[list[int], list[int]]:
    """The furniture lines of at least ``min_words`` words, as (``norm_hash``, document) columns:
    what :func:`furniture_homes` and :func:`infer_sites` read (the partitioned trace collects
    the same)."""
    hashes: list[int] = []
    docs: list[int] = []
    for d, segs in enumerate(segments):
        for s in segs:
            if s.furniture and s.norm and len(words(s.norm)) >= min_words:
                hashes.append(norm_hash(s.norm))
                docs.append(d)
    return hashes, docs


def furniture_homes_reference(hashes: Sequence[int], docs: Sequence[int], sources: Sequence[str | None], *,
                              linked: np.ndarray | None = None, min_docs: int = 2) -> dict[int, str]:
    """:func:`furniture_homes` with a set of documents per line, for tests."""
    pairs = {frozenset((int(a), int(b))) for a, b in np.asarray(linked).reshape(-1, 2)} if linked is not None else None
    seen: dict[int, set[int]] = defaultdict(set)
    for h, d in zip(hashes, docs, strict=True):
        seen[h].add(d)
    homes: dict[int, str] = {}
    for h, ds in seen.items():
        if len(ds) < min_docs:
            continue
        count: dict[str, int] = defaultdict(int)
        for d in ds:
            src = sources[d]
            if src:
                count[src] += 1
        if not count:
            continue
        # A strict majority of the carriers: at most one outlet qualifies.
        top, k = max(count.items(), key=lambda kv: (kv[1], kv[0]))
        if k < min_docs or 2 * k <= len(ds):
            continue
        home = {d for d in ds if sources[d] == top}
        if pairs is not None and any(not any(frozenset((f, o)) in pairs for o in home) for f in ds - home):
            continue
        homes[h] = top
    return homes


def segment_homes(sources: Sequence[str | None], segments: Sequence[Sequence[Segment]], min_words: int,
                  linked: np.ndarray | None = None) -> dict[int, str]:
    """:func:`furniture_homes` of a corpus in memory, over its furniture lines of at least
    ``min_words`` words (as the partitioned trace collects them)."""
    hashes, docs = furniture_lines(segments, min_words)
    return furniture_homes(hashes, docs, sources, linked=linked)


def is_furniture_text(text: str) -> bool:
    """Whether a single line reads as furniture by its wording alone.

    >>> is_furniture_text("Lire aussi : la suite"), is_furniture_text("Le président a parlé.")
    (True, False)
    """
    norm = normalise(text)
    cue = _CUE.match(norm)
    return bool((cue and _used_as_furniture(cue.group(0), norm, text, len(norm.split()))) or _CONSENT.match(norm)
                or (len(norm.split()) <= _BUTTON_MAX_WORDS and _CONSENT_BUTTON.match(norm)))


# The buttons of a share bar: a furniture line runs on over them ("Partager : Facebook Twitter
# WhatsApp E-mail"), and ends before the next capital that is none of them.
_BUTTONS = frozenset("""facebook twitter x linkedin whatsapp email e mail pinterest reddit telegram messenger
    flipboard tumblr threads bluesky mastodon instagram youtube tiktok viber line vk xing print imprimer drucken
    imprimir stampa share partager tweet teilen compartir condividi copy copier""".split())


# The first words of the furniture cues, as written and normalised: a line opening with none
# of them is no line furniture_heads reads.
_CUE_FIRST_WORDS = tuple(sorted({w for c in _CUES for w in (c.lower().split(" ", 1)[0], normalise(c).split(" ", 1)[0]) if w}))
_LEADING = " \t\"'«“‘([*•|>-–—"


def furniture_heads(text: str) -> list[int]:
    """In a flattened text (``segment.restore_breaks``: one sentence a line), the blanks where a
    furniture line known by its wording runs into the next sentence: in a line opening with a
    furniture cue, the first glue point of its first sentence (``segment.glue_points``) whose
    head is furniture by its wording alone (:func:`is_furniture_text`) and is followed by four
    words or more, past the buttons of a share bar (``_BUTTONS``); a head ending in a short
    lower-case word (``la``, ``of``) is mid-phrase and never cut.

    >>> t = "Partagez cet article Julien Bernard, rédacteur au Relais, couvre l'actualité nationale."
    >>> [t[:b] for b in furniture_heads(t)]
    ['Partagez cet article']
    >>> t = "Partager : Facebook Twitter WhatsApp E-mail Le ministre a parlé devant les députés."
    >>> [t[:b] for b in furniture_heads(t)]
    ['Partager : Facebook Twitter WhatsApp E-mail']
    >>> furniture_heads("Le ministre a parlé devant les députés réunis hier.")
    []
    """
    from .segment import glue_points, split_sentences

    out = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if not line.lstrip(_LEADING)[:24].lower().startswith(_CUE_FIRST_WORDS):
            continue
        spans = split_sentences(text, start, start + len(line))
        if not spans:
            continue
        s, e = spans[0]
        if not _CUE.match(normalise(text[s:s + 80])):
            continue
        for blank, word in glue_points(text, s, e):
            head = text[s:blank].strip()
            last = head.rsplit(None, 1)[-1]
            if " " not in head or (len(last) <= 3 and last.islower()):
                continue
            if normalise(text[word:word + 24]).split(" ", 1)[0] in _BUTTONS:
                continue
            if len(words(normalise(text[word:e]))) < 4:
                break
            if is_furniture_text(head):
                out.append(blank)
                break
    return out


def mark_document_reference(doc: Document, segs: Sequence[Segment], config: FurnitureConfig = FurnitureConfig()) -> list[Segment]:
    """``mark_document`` as first written, one Segment at a time: the tests' oracle."""
    if not segs:
        return []
    out = list(segs)
    lines = sorted({s.line for s in segs})
    first_of_line: dict[int, Segment] = {}
    words_of_line: dict[int, int] = defaultdict(int)
    for s in segs:
        first_of_line.setdefault(s.line, s)
        words_of_line[s.line] += len(words(s.norm))
    cue_lines = {ln for ln, s in first_of_line.items() if _cue_line(s.norm, words_of_line[ln], config, s.text, ln in lines[:2])}
    cue_lines |= {s.line for s in segs if words_of_line[s.line] <= config.cue_max_words and _reserves_rights(s.text, s.norm)}
    if not doc.flattened:
        texts_of: dict[int, list[str]] = defaultdict(list)
        for s in segs:
            texts_of[s.line].append(s.text)
        cue_lines |= _listed_lines(lines, texts_of, {ln: s.norm for ln, s in first_of_line.items()}, words_of_line)
    line_count = Counter(s.line for s in segs)
    notice = md.translation_notice(doc.text, doc_lang=doc.lang) if doc.machine_translated else None
    edge = set(lines[: config.edge_lines]) | set(lines[-config.edge_lines:])
    last_line = lines[-1]
    for k, s in enumerate(out):
        if any(a <= s.start and s.end <= b for a, b in doc.markup_furniture):
            out[k] = _mark(s, "markup")
        elif s.line in cue_lines:
            out[k] = _mark(s, "pattern")
        elif doc.wire_header and s.line <= lines[min(5, len(lines) - 1)] and md.is_wire_header_line(s.text):
            out[k] = _mark(s, "header")
        elif s is first_of_line[s.line] and line_count[s.line] > 1 and _is_rubric(s.text):
            out[k] = _mark(s, "header")
        elif _is_byline(s.text, words_of_line[s.line]):
            out[k] = _mark(s, "byline")
        elif _LABEL.match(s.text) and words_of_line[s.line] <= _LABEL_MAX_WORDS:
            out[k] = _mark(s, "pattern")
        elif not _TWO_LETTERS.search(s.norm):
            out[k] = _mark(s, "counter")
        elif not doc.flattened and _date_only(s.text, s.norm, words_of_line[s.line]):
            out[k] = _mark(s, "header")
        elif notice is not None and s.start < notice.end and s.end > notice.start:
            out[k] = _mark(s, "notice")
        elif (
            s.line == last_line
            and len(lines) > 2
            and not _QUOTES.search(s.text)
            and _FIRST_PERSON & set(s.norm.split())
            and words_of_line[s.line] <= 60
        ):
            out[k] = _mark(s, "blurb")
        elif (
            config.detect_language
            and doc.lang
            and s.line in edge
            and len(words(s.norm)) >= config.language_min_words
            and _looks_foreign_reference(s.norm, doc.lang)
        ):
            lang, prob = md.detect_language(s.text, min_chars=15)
            if lang and lang != doc.lang and prob >= config.language_min_prob:
                out[k] = _mark(s, "language")
    if len(lines) > 2:
        # The last content sentences, read from the end: author notes until the first that is not.
        marked = 0
        for k in range(len(out) - 1, -1, -1):
            s = out[k]
            if s.furniture:
                continue
            if marked == 2 or not _is_author_note(s.text, s.norm.split(), words_of_line[s.line]):
                break
            out[k] = _mark(s, "blurb")
            marked += 1
    return out


def _run_like_furniture(run: list[int], outside: int, cut: bool, by_line: Mapping[int, list[Segment]],
                        block: Mapping[int, bool], short: Mapping[int, bool]) -> bool:
    # mark_repeated_reference's test of a run of shared lines (``cut``: cut from its stretch).
    if not all(all(s.furniture for s in by_line[x]) or block[x] for x in run):
        return False
    paragraphs = [x for x in run if not short[x] and not all(s.furniture for s in by_line[x])]
    return not (paragraphs or cut) or outside >= sum(len(words(s.norm)) for x in run for s in by_line[x] if not s.furniture)


def _common_majority(segments: Sequence[Sequence[Segment]], sample: Sequence[int], d: int) -> bool:
    # mark_repeated_reference: the sentences of d that every document of sample has hold more
    # than half of d's words (its text, not furniture by the document alone).
    held = [{s.norm for s in segments[e] if not s.furniture} for e in sample]
    mine = [s.norm for s in segments[d] if not s.furniture]
    common = sum(len(words(n)) for n in mine if all(n in h for h in held))
    return 2 * common > sum(len(words(n)) for n in mine)


def mark_repeated_reference(
    docs: Sequence[Document], segments: Sequence[Sequence[Segment]], config: FurnitureConfig = FurnitureConfig()
) -> list[list[Segment]]:
    """``mark_repeated`` as first written, one Segment at a time: the tests' oracle."""
    docs_of: dict[str, set[int]] = defaultdict(set)
    for d, segs in enumerate(segments):
        for s in segs:
            if s.norm:
                docs_of[s.norm].add(d)
    # Each document's shared sentences in order, to tell who carries two of them in a row.
    sequence = [[s.norm for s in segs if len(docs_of.get(s.norm, ())) > 1 and s.norm] for segs in segments]

    def carried_in_a_row(d: int, a: str, b: str) -> bool:
        # Another document carrying both, b next after a or one further.
        for e in docs_of[a] & docs_of[b] - {d}:
            seq = sequence[e]
            if any(x == a and b in seq[i + 1:i + 3] for i, x in enumerate(seq)):
                return True
        return False

    # norm -> [(document, at an edge as a standalone line, apart from other shared text, apart
    # only once its stretch is cut)]
    where: dict[str, list[tuple[int, bool, bool, bool]]] = defaultdict(list)
    alone: dict[str, list[bool]] = defaultdict(list)
    for d, segs in enumerate(segments):
        if not segs:
            continue
        by_line: dict[int, list[Segment]] = defaultdict(list)
        for s in segs:
            by_line[s.line].append(s)
        lines = sorted(by_line)
        edge: set[int] = set()
        bottom: set[int] = set()
        if len(lines) >= config.min_lines:
            edge = set(lines[: config.edge_lines]) | set(lines[-config.edge_lines:])
            bottom = set(lines[-config.edge_lines:])
        short = {ln: len(text) == 1 and len(words(text[0].norm)) <= config.repeated_max_words
                 for ln, ss in by_line.items() for text in ([x for x in ss if not x.furniture] or ss,)}
        # a short line at an edge, or a paragraph under the story
        block = {ln: (short[ln] and ln in edge)
                 or (ln in bottom and config.repeated_max_line_words > 0
                     and sum(len(words(s.norm)) for s in ss) <= config.repeated_max_line_words)
                 for ln, ss in by_line.items()}
        own = sum(len(words(s.norm)) for s in segs if not s.furniture and len(docs_of.get(s.norm, ())) <= 1)
        # Stretches of consecutive shared lines; a stretch is furniture-like when every line in
        # it is, and one holding a paragraph is no longer than the page's own text. Where it is
        # not, each of its runs (cut where nobody else carries two lines in a row) may be, no
        # longer than the page's own text and the rest of its stretch.
        apart: dict[int, bool] = {}
        cut_apart: set[int] = set()
        like = partial(_run_like_furniture, by_line=by_line, block=block, short=short)

        stretch: list[list[int]] = []
        last_shared = ""
        for ln in [*lines, None]:
            line_shared = [s.norm for s in by_line[ln] if s.norm and len(docs_of.get(s.norm, ())) > 1] if ln is not None else []
            if line_shared:
                # A line nobody carries after the run's last shared sentence starts a run of its own.
                if stretch and (not config.split_by_carriers or carried_in_a_row(d, last_shared, line_shared[0])):
                    stretch[-1].append(ln)
                else:
                    stretch.append([ln])
                last_shared = line_shared[-1]
                continue
            whole = [x for run in stretch for x in run]
            for x in whole:
                apart[x] = like(whole, own, False)
            if len(stretch) > 1 and not like(whole, own, False):
                total = sum(len(words(s.norm)) for x in whole for s in by_line[x] if not s.furniture)
                for run in stretch:
                    t = sum(len(words(s.norm)) for x in run for s in by_line[x] if not s.furniture)
                    if like(run, own + total - t, True):
                        apart.update(dict.fromkeys(run, True))
                        cut_apart.update(run)
            stretch = []
        seen: set[str] = set()
        for s in segs:
            if s.norm and s.norm not in seen:
                seen.add(s.norm)
                at_edge = block[s.line]
                where[s.norm].append((d, at_edge, at_edge and apart.get(s.line, True), at_edge and s.line in cut_apart))
                alone[s.norm].append(short[s.line])

    def enough(counted: list[int]) -> bool:
        outlets = [docs[d].source for d in counted if docs[d].source]
        return len(counted) >= config.repeated_min_docs or bool(
            outlets and max(outlets.count(o) for o in set(outlets)) >= config.same_outlet_min_docs)

    carriers: dict[str, list[int]] = {}
    # Lines found only where stretches were cut: their carriers must tell different stories.
    by_cut: set[str] = set()
    for norm, occ in where.items():
        if len(occ) < 2 or not all(at_edge for _, at_edge, _, _ in occ) or not enough([d for d, _, ok, _ in occ if ok]):
            continue
        if enough([d for d, _, ok, cut in occ if ok and not cut]):
            carriers[norm] = sorted(d for d, _, _, _ in occ)
        else:
            by_cut.add(norm)
    scattered = set()
    for norm, occ in where.items():
        if norm in carriers or len(occ) < 2:
            continue
        if norm not in by_cut and not (config.scattered and all(alone[norm])):
            continue
        sample = sorted(d for d, _, _, _ in occ)[: config.one_story_sample]
        stems = [norm_stems([s.norm for s in segments[d] if not s.furniture]) for d in sample]
        # Stories, by linking documents one of which holds half the other's stems.
        story = list(range(len(sample)))
        for i in range(len(sample)):
            for j in range(len(sample)):
                x, y = stems[i], stems[j]
                if i != j and x and y and len(x & y) >= config.one_story_share * min(len(x), len(y)):
                    old, new = max(story[i], story[j]), min(story[i], story[j])
                    story = [new if g == old else g for g in story]
        told = {(docs[d].source, story[k]) for k, d in enumerate(sample) if stems[k]}
        per_outlet = Counter(o for o, _ in told if o)
        if (len({g for _, g in told}) >= config.repeated_min_docs
                or any(n >= config.same_outlet_min_docs for n in per_outlet.values())):
            scattered.add(norm)
    furniture = set(carriers)
    changed = config.one_story_share > 0
    while changed:
        changed = False
        story = set()
        for norm in sorted(furniture):
            stem_sets = []
            # (stems outside the lines taken for furniture, whether it has nothing else, stems of
            # all its text, outlet)
            carrying = []
            for d in carriers[norm][: config.one_story_sample]:
                others = [s.norm for s in segments[d] if not s.furniture and s.norm not in furniture]
                rest = " ".join(others)
                stems = frozenset({w[:5] for w in rest.split() if len(w) > 3} | set(character_pairs(rest)))
                text = " ".join(s.norm for s in segments[d] if not s.furniture)
                carrying.append((stems, not others,
                                 frozenset({w[:5] for w in text.split() if len(w) > 3} | set(character_pairs(text))),
                                 docs[d].source))
                if stems:
                    stem_sets.append(stems)
            close = [
                len(x & y) / min(len(x), len(y)) >= config.one_story_share - 1e-12
                for i, x in enumerate(stem_sets) for y in stem_sets[i + 1:]
            ]
            if close and 2 * sum(close) > len(close):
                story.add(norm)
            elif any(bare for _, bare, _, _ in carrying) and all(
                    _common_majority(segments, carriers[norm][: config.one_story_sample], d)
                    for (_, bare, _, _), d in zip(carrying, carriers[norm], strict=False) if bare):
                # Some carrier has nothing else: pairs with such a page are judged on all their
                # text, each mostly the other's words, never two pages of one outlet.
                close = []
                for i, (r1, b1, w1, o1) in enumerate(carrying):
                    for r2, b2, w2, o2 in carrying[i + 1:]:
                        if not (b1 or b2):
                            close.append(bool(r1 & r2) and len(r1 & r2) / min(len(r1), len(r2)) >= config.one_story_share - 1e-12)
                        else:
                            close.append(not (o1 and o1 == o2) and bool(w1 & w2)
                                         and len(w1 & w2) / max(len(w1), len(w2)) >= config.one_story_share - 1e-12)
                if close and 2 * sum(close) > len(close):
                    story.add(norm)
        if story:
            furniture -= story
            changed = True
    furniture |= scattered
    return [[_mark(s, "repeated") if s.norm in furniture else s for s in segs] for segs in segments]
