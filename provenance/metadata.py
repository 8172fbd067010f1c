"""Recover missing metadata from the text itself.

Dates from header lines, URLs and agency wire headers; the outlet from a URL; the language with
an offline detector; and machine-translation notices, in several languages, with the original
language when the notice names it.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlparse

import numpy as np

HEADER_LINES = 5
"""Dates and URLs are only trusted in the first lines: later ones usually name events, not
the publication."""

_URL = re.compile(r"https?://[^\s<>\"')\]]+", re.I)
_ISO_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?(?![\d-])"
)
_HEADER_DATE = re.compile(
    r"\b(?:date|dated|published|publié le|publie le|datum|fecha|tanggal)\s*[:=]?\s*"
    r"((?:19|20)\d{2}(?:-\d{2}(?:-\d{2})?)?)",
    re.I,
)
_DMY = re.compile(r"(?<![\d.])(0?[1-9]|[12]\d|3[01])[./](0?[1-9]|1[0-2])[./]((?:19|20)\d{2})(?![\d.])")
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
"""What every date expression here contains (digits have no case, so ``re.I`` changes nothing)."""
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/")
_WIRE = re.compile(
    r"^\W*(\d{1,2}):(\d{2})\s+(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b"
)
# Month names, January to December, as dates write them (the genitive where a language uses it
# in dates); then the usual abbreviations. Matched lower case and without accents (_fold).
_MONTH_NAMES = (
    "january february march april may june july august september october november december",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "januari februari maret april mei juni juli agustus september oktober november desember",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "januari februari maart april mei juni juli augustus september oktober november december",
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",
    "ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık",
    "jan feb mar apr may jun jul aug sep oct nov dec",
    "janv févr mars avr mai juin juil août sept oct nov déc",
    "jan feb mrz apr mai jun jul aug sept okt nov dez",
    "ene feb mar abr may jun jul ago set oct nov dic",
)
_WRITTEN_DATE = re.compile(
    r"\b(0?[1-9]|[12]\d|3[01])(?:er|st|nd|rd|th)?\.?\s+(?:de\s+)?([^\W\d_]+)\.?,?\s+(?:de\s+|del\s+)?((?:19|20)\d{2})\b"
)
_WRITTEN_DATE_MDY = re.compile(
    r"\b([^\W\d_]{3,})\.?\s+(0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b"
)
"""``November 3, 2022``, ``Nov. 3 2022``: the American order."""
_CJK_DATE = re.compile(r"((?:19|20)\d{2})\s*[年년]\s*(0?[1-9]|1[0-2])\s*[月월]\s*(0?[1-9]|[12]\d|3[01])\s*[日일]")
_ISO_DAY = re.compile(r"(?<![\d.-])((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\d])")
"""``2005-01-20`` anywhere in a dateline (``_ISO_DATE`` wants the date alone)."""
_ZONED_TIME = re.compile(
    r"[\s,T]*(?:(?i:at|à|a las|um|alle|às|om|kl\.?|-|–|—)\s*)?(\d{1,2})[:h](\d{2})(?::\d{2}(?:[.,]\d{1,9})?)?\s*"
    r"(?:(?i:(am|pm|a\.m\.|p\.m\.))\s*)?(?:(?i:uhr|h)\s+)?(?:\(\s*)?(?:(Z|[A-Z]{2,4})(?![\w])\s*)?([+-]\d{1,2}(?::?\d{2})?)?"
)
"""A clock time right after a date, and its zone: ``09:14 GMT``, ``14h05 UTC+1``, ``9:14 AM ET``."""
# Zone abbreviations with one meaning in news datelines (not CST, IST: two regions each), as
# hours from UTC; US zones that change with the season by name.
_ZONE_HOURS = {
    "Z": 0.0, "UT": 0.0, "UTC": 0.0, "GMT": 0.0, "WET": 0.0, "BST": 1.0, "WEST": 1.0, "CET": 1.0, "MEZ": 1.0,
    "CEST": 2.0, "MESZ": 2.0, "EET": 2.0, "EEST": 3.0, "MSK": 3.0, "WIB": 7.0, "HKT": 8.0, "SGT": 8.0,
    "JST": 9.0, "KST": 9.0, "AEST": 10.0, "AEDT": 11.0, "EST": -5.0, "EDT": -4.0, "CDT": -5.0,
    "MST": -7.0, "MDT": -6.0, "PST": -8.0, "PDT": -7.0,
}
_SEASONAL_ZONES = {"ET": "America/New_York", "PT": "America/Los_Angeles"}


_MARKS = re.compile(r"[\u0300-\u036f]")


def _fold(s: str) -> str:
    """Lower case without accents.

    >>> _fold("Élysée")
    'elysee'
    """
    try:
        # Latin-1 text holds no combining mark, so each character folds alone: one byte table.
        return s.encode("latin-1").translate(_FOLD_LATIN1).decode("latin-1")
    except UnicodeEncodeError:
        return _fold_reference(s)


def _fold_reference(s: str) -> str:
    """``_fold`` by its definition (lower case, canonical decomposition, marks dropped): the
    general path, and the tests' oracle."""
    import unicodedata

    return _MARKS.sub("", unicodedata.normalize("NFD", s.lower()))


_FOLD_LATIN1 = bytes(ord(_fold_reference(chr(cp))) for cp in range(256))

_MONTHS: dict[str, int] = {}
for _line in _MONTH_NAMES:
    for _i, _m in enumerate(_line.split()):
        _MONTHS.setdefault(_fold(_m), _i + 1)


def month_number(word: str) -> int | None:
    """The month a month name or its abbreviation names, in any of the languages dates are read
    in, or None.

    >>> month_number("Dezember"), month_number("août"), month_number("Die")
    (12, 8, None)
    """
    return _MONTHS.get(_fold(word))


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _day(y: int, m: int, d: int) -> str | None:
    """``y-m-d`` in ISO 8601 when the calendar has that day, else None: a ``31/02/2022`` read
    field by field is no date.

    >>> _day(2024, 2, 29), _day(2023, 2, 29), _day(2022, 13, 1)
    ('2024-02-29', None, None)
    """
    try:
        return f"{date(y, m, d):%Y-%m-%d}"
    except ValueError:
        return None


def _on_calendar(iso: str) -> bool:
    """Whether a partial ISO 8601 date (``2022``, ``2022-11``, ``2022-11-03``, ``2022-11-03T14:05``)
    names a real month, day and time.

    >>> _on_calendar("2024-02-29T23:59"), _on_calendar("2022-02-31"), _on_calendar("2022-11-03T25:00")
    (True, False, False)
    """
    try:
        datetime(int(iso[:4]), int(iso[5:7] or 1), int(iso[8:10] or 1), int(iso[11:13] or 0), int(iso[14:16] or 0))
    except ValueError:
        return False
    return True


def header_lines(text: str, n: int = HEADER_LINES) -> list[str]:
    """The first ``n`` non-blank lines."""
    out: list[str] = []
    for line in text.splitlines():
        if line.strip():
            out.append(line.strip())
            if len(out) >= n:
                break
    return out


def find_url(text: str) -> str | None:
    """The first URL in the header lines that is the text's own address, not a link to its source.

    >>> find_url("date 2022 https://fr.example.com/a.html\\nbody")
    'https://fr.example.com/a.html'
    >>> find_url("Le concours organisé par le constructeur est ouvert aux moins de 16 ans sur https://example.com/ jusqu'en mars.")
    >>> find_url("Titre\\nSource : https://lemonde.fr/a.html\\nTexte"), find_url("Titre\\nRead more:\\nhttps://x.example/a")
    (None, None)
    """
    previous = ""
    for line in header_lines(text):
        m = _URL.search(line) if "://" in line else None
        # A header line holds the page's address with a few words at most ("date 2022-01 URL",
        # "URL: ..."); a link in a first paragraph's prose points elsewhere.
        if m and len((line[:m.start()] + line[m.end():]).split()) <= _HEADER_URL_WORDS:
            before = line[:m.start()]
            if not (names_elsewhere(before) if before.strip() else names_elsewhere(previous, closing=True)):
                return m.group(0).rstrip(".,;")
        previous = line
    return None


_HEADER_URL_WORDS = 8
# Words that put an address as the text's source or a link to read elsewhere, not the text's own:
# "Source: URL", "Via URL", "Read more at URL", "Originally published at URL", "Lire la suite sur
# URL", "Quelle: URL", "Fuente: URL", "Leia mais em URL". Matched before the address on its line
# (or closing the line above it), case-folded.
_ELSEWHERE = re.compile(
    r"(?<!\w)(?:"
    # English
    r"sources?|via|h/t|hat\s+tip|credits?|courtesy(?:\s+of)?|read\s+(?:more|the\s+(?:full|original|rest)(?:\s+(?:of\s+the\s+)?(?:story|article|report|piece|post))?)|more\s+at"
    r"|continue\s+reading|full\s+(?:story|article)|(?:originally|first)\s+(?:published|posted|appeared)"
    r"|(?:republished|reprinted|reposted|adapted)\s+from|see\s+also|related"
    # French
    r"|lire\s+(?:la\s+suite|aussi|également|l['’]article)|à\s+lire|voir\s+aussi|d['’]après|selon|article\s+original"
    r"|(?:publié|paru)e?\s+(?:initialement|à\s+l['’]origine|d['’]abord)|(?:initialement|d['’]abord)\s+(?:publié|paru)e?"
    # German
    r"|quellen?|weiterlesen|mehr\s+(?:dazu|lesen|unter)|lesen\s+sie\s+(?:mehr|weiter|auch)|(?:zuerst|ursprünglich)\s+(?:erschienen|veröffentlicht)"
    # Spanish, Italian, Portuguese
    r"|fuentes?|vía|le(?:e|er)\s+más|sigue\s+leyendo|fonte|leggi\s+(?:anche|tutto|di\s+più)|leia\s+(?:mais|também)"
    r"|publicad[oa]\s+originalmente|originalmente\s+publicad[oa]|pubblicato\s+originariamente"
    # Dutch
    r"|bron|lees\s+(?:meer|verder|ook)"
    r")(?!\w)",
    re.IGNORECASE,
)


def names_elsewhere(words: str, *, closing: bool = False) -> bool:
    """Whether ``words``, written before an address, make it a link to another page (the text's
    source, or more to read) rather than the text's own address. With ``closing``, the words are
    the line above the address, and only a cue that ends that line counts ("Read more at:", not
    a headline "Source of the leak found").

    >>> names_elsewhere("Source :"), names_elsewhere("Lire la suite sur"), names_elsewhere("Publié le 2 mars 2022")
    (True, True, False)
    >>> names_elsewhere("Read the full story at:", closing=True), names_elsewhere("Source of the leak found", closing=True)
    (True, False)
    """
    if not closing:
        return bool(_ELSEWHERE.search(words))
    return any(_CUE_END.fullmatch(words, m.end()) for m in _ELSEWHERE.finditer(words))


# What may follow a cue at the end of its line: a preposition and punctuation ("Read more at:").
_CUE_END = re.compile(r"[^\w]*(?:(?:at|on|in|here|sur|ici|à|dans|unter|bei|auf|en|em|su|op)[^\w]*)?", re.IGNORECASE)


def same_site(url: str, other: str) -> bool:
    """Whether two addresses are on one site: one registered domain (``www.``, ``m.``, ``edition.``
    or a language sub-domain aside).

    >>> same_site("https://www.example.co.uk/a", "https://m.example.co.uk/b"), same_site("https://a.example/x", "https://b.example/x")
    (True, False)
    """
    return _registered_domain(url) == _registered_domain(other)


def _registered_domain(url: str) -> str:
    host = (urlparse(url).hostname or "").lower().rstrip(".")
    parts = host.split(".")
    # Under a country code, the name usually sits below a second level (example.co.uk, example.com.au).
    keep = 3 if len(parts) >= 3 and len(parts[-1]) == 2 and parts[-2] in _SECOND_LEVELS else 2
    return ".".join(parts[-keep:])


_SECOND_LEVELS = frozenset("co com org net gov gouv ac edu ne or go gv nic".split())


def outlet_from_url(url: str | None) -> str | None:
    """The outlet's domain, without ``www.`` or a language sub-domain.

    >>> outlet_from_url("https://fr.sputniknews.com/20220102/x.html")
    'sputniknews.com'
    """
    if not url:
        return None
    host = (urlparse(url).hostname or "").lower()
    parts = host.split(".")
    while len(parts) > 2 and (parts[0] in {"www", "m", "amp", "mobile", "news"} or len(parts[0]) == 2):
        parts = parts[1:]
    return ".".join(parts) or None


def date_from_url(url: str | None) -> str | None:
    """A publication date embedded in a URL path.

    >>> date_from_url("https://x.com/20220102/story.html")
    '2022-01-02'
    """
    if not url:
        return None
    path = urlparse(url).path
    m = _URL_DATE.search(path)
    day = _day(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    if day:
        return day
    m = _URL_MONTH.search(path)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)))
    return None


@dataclass(frozen=True, slots=True)
class WireHeader:
    date: str
    time: str


def wire_header(text: str, *, day_first: bool = True) -> WireHeader | None:
    """An agency wire header (``16:54 01/03/00: ...``) in the first lines.

    >>> wire_header("  ---\\n   16:54 01/03/00: Page 1 COURTS")
    WireHeader(date='2000-03-01', time='16:54')
    """
    for line in header_lines(text, 6):
        m = _WIRE.match(line)
        if not m:
            continue
        hh, mm, a, b, y = (int(g) for g in m.groups())
        day, month = (a, b) if day_first else (b, a)
        iso = _day(y if y >= 100 else (2000 + y if y < 70 else 1900 + y), month, day)
        if iso is None or hh > 23 or mm > 59:
            continue
        return WireHeader(iso, f"{hh:02d}:{mm:02d}")
    return None


def is_wire_header_line(line: str) -> bool:
    """Whether a line is an agency wire header (time stamp, date, slug).

    >>> is_wire_header_line("16:54 01/03/00: Page 1 (ZSM) COURTS Burstein")
    True
    """
    return bool(_WIRE.match(line.strip()))


DATELINE_CHARS = 120


def _has_year(line: str) -> bool:
    return ("19" in line or "20" in line) and _YEAR.search(line) is not None


def _has_date_word(line: str) -> bool:
    # What _HEADER_DATE's words start with. Lowering is exact here: re.IGNORECASE matches these
    # letters only with their two cases (its extra matches are for i, k and s).
    low = line.lower()
    return "dat" in low or "publ" in low or "fecha" in low or "tanggal" in low


def date_from_text(text: str) -> str | None:
    """A publication date in the header lines: ``date 2022-01``, ``02.01.2022``, ``2 janvier 2022``,
    with the time when the zone is written too (``20 January 2005 09:14 GMT``), in UTC.

    >>> date_from_text(" date 2022-01 Erdogan et Poutine")
    '2022-01'
    >>> date_from_text("Un titre\\nPublié le 3 février 2021 à 14h05 (UTC+1)")
    '2021-02-03T13:05'
    """
    # Every form needs a year; looking for one first spares most lines the slower expressions,
    # and a year needs "19" or "20", which a substring test finds faster still.
    for line in header_lines(text):
        m = _HEADER_DATE.search(line) if _has_year(line) and _has_date_word(line) else None
        if m and _on_calendar(m.group(1)):
            return _with_time(m.group(1), line, m.end(1))
    # Written and numeric dates only near the start of the first two lines, and only where a
    # dateline or a date line puts them ("PARIS, 3 janvier 2022", "Publié le ...", a line that
    # is the date): further down, or in a sentence ("Le 9 janvier 2003, Estelle disparaît"),
    # they name events.
    for full in header_lines(text, 2):
        line = full[:DATELINE_CHARS]
        if not _has_year(line):
            continue
        m = _DMY.search(line) or _ISO_DAY.search(line)
        if m:
            ymd = (m.group(3), m.group(2), m.group(1)) if m.re is _DMY else m.groups()
            day, start, end = _day(*(int(x) for x in ymd)), m.start(), m.end()
        elif (found := _written_date_span(line)) is not None:
            day, start, end = found
        else:
            continue
        if day is not None and _dated_line(full, start, end):
            return _with_time(day, line, end)
    return None


# What may stand before a date that dates its text: a dateline's place ("WASHINGTON,", "Paris,
# le", "By Jane Doe,", "北京"), with a weekday; a publication word ("Publié le", "Updated:"); or a
# separator of a byline ("Jane Doe | ").
_PLACE_BEFORE = re.compile(
    r"(?:[A-ZÀ-ÞА-ЯЁ][\w'’.-]*(?:[ -]+[A-ZÀ-ÞА-ЯЁ][\w'’.-]*){0,3}\s*[,(]|[\u4e00-\u9fff]{1,6})"
    r"\s*(?:(?:le|la|am|el|il|den|the|on)\s+)?(?:[\w.]+,?\s+)?$"
)
_PUBLISHED_BEFORE = re.compile(
    r"(?i)\b(?:publi\w*|posted|updated|mis à jour|modifié\w*|actualis\w*|aktualisiert|veröffentlicht|erschienen|stand\s*:"
    r"|dated|(?:date|fecha|data|datum)\s*:|tanggal|diterbitkan|diperbarui|опубликовано|обновлено)[^.!?]{0,24}$"
)
_BYLINE_BEFORE = re.compile(r"[|·•–—/]\s*$")
# After a date that opens its line: nothing, a time, or a separator ("- 10:30", "(AFP)").
_DATE_LINE_AFTER = re.compile(r"\s*(?:$|[-–—|/(]|,\s*\d|\d{1,2}\s*[:hH.]\s*\d{2})")


def _dated_line(line: str, start: int, end: int) -> bool:
    """Whether the date at ``line[start:end]`` dates the text: a dateline, a publication line or a
    line that is the date, not a sentence that names a day.

    >>> _dated_line("PARIS, 3 janvier 2022 (AFP) - Le gouvernement", 7, 21)
    True
    >>> _dated_line("Le 9 janvier 2003, Estelle Mouzin, 9 ans, disparaît à Guermantes, entre son école et son domicile.", 3, 17)
    False
    """
    before, rest = line[:start], line[end:]
    if _PLACE_BEFORE.match(before) or _PUBLISHED_BEFORE.search(before) or _BYLINE_BEFORE.search(before):
        return True
    if not before.strip(" \t\"'«“•*-–—"):
        # The line opens with the date: a dateline's separator or time follows, or no prose.
        return bool(_DATE_LINE_AFTER.match(line, end)) or not _PROSE.search(rest)
    # A weekday (or any one word) before it: only on a line with no prose after the date.
    return bool(_ONE_WORD.fullmatch(before)) and not _PROSE.search(rest)


_PROSE = re.compile(r"[a-zà-öø-ÿа-яё]{3,}")
_ONE_WORD = re.compile(r"\W*[^\W\d_]+,?\s+")


def _with_time(day: str, line: str, end: int, *, naive: bool = False) -> str | None:
    """``day`` with the time written right after it (at ``end`` in ``line``), in UTC, when the
    zone is written too; a time with no zone is local to an unknown place, so only the day,
    unless ``naive`` (an input's date field, kept in its own clock time and marked so:
    :func:`local_time`). A
    zone that is not in ``_ZONE_HOURS`` (unknown, or ambiguous as CST) gives the day only too.
    ``day`` must be on the calendar; an impossible clock time (``25:00``) in an input's field
    makes the whole value unreadable (None), as an impossible day does.

    >>> _with_time("2005-01-20", "20 Jan 2005 9:14 pm EST", 11), _with_time("2005-01-20", "20 Jan 2005 09:14", 11)
    ('2005-01-21T02:14', '2005-01-20')
    >>> _with_time("2005-01-20", "2005-01-20 09:14 CST", 10, naive=True), _with_time("2005-01-20", "2005-01-20T25:00", 10, naive=True)
    ('2005-01-20', None)
    >>> _with_time("2005-01-20", "2005-01-20 09:14", 10, naive=True)
    '2005-01-20 09:14'
    """
    m = _ZONED_TIME.match(line, end)
    if len(day) != 10 or not m or not (naive or m.group(4) or m.group(5)):
        return day
    hour, minute = int(m.group(1)), int(m.group(2))
    if hour > 23 or minute > 59:
        # In a header line the digits may be anything; an input's date field means them as its time.
        return None if naive else day
    ampm = (m.group(3) or "").lower()[:1]
    if ampm and not 1 <= hour <= 12:
        return day
    hour = hour % 12 + (12 if ampm == "p" else 0) if ampm else hour
    zone, offset = m.group(4), m.group(5)
    local = datetime.fromisoformat(f"{day}T{hour:02d}:{minute:02d}")
    if naive and not zone and not offset:
        return local_time(local)
    utc = _in_utc(local, zone, offset)
    return day if utc is None else utc


def local_time(t: datetime) -> str:
    """A clock time whose zone is unknown, as dates write it: a space, not ISO's ``T``, before
    the time, which tells it from a time in UTC (``2005-03-01T09:30``). Such a time is within
    14 hours of UTC either way, so :func:`provenance.orient.compare_dates` orders it against a
    UTC time only when they are further apart.

    >>> local_time(datetime(2005, 3, 1, 10, 0)), is_local_time("2005-03-01 10:00"), is_local_time("2005-03-01T10:00")
    ('2005-03-01 10:00', True, False)
    """
    return f"{t:%Y-%m-%d %H:%M}"


def is_local_time(date: str | None) -> bool:
    """Whether ``date`` holds a clock time whose zone is unknown (:func:`local_time`)."""
    return bool(date) and len(date) > 10 and date[10] == " "  # type: ignore[arg-type]


def _in_utc(local: datetime, zone: str | None, offset: str | None = None) -> str | None:
    """``local`` (naive) in UTC, from the zone abbreviation and the UTC offset written with it
    (``CET``, ``ET``, ``UTC+1``, ``GMT-3``); None when they do not say which instant it is: a
    zone not in ``_ZONE_HOURS`` (unknown, or CST and IST, each the name of two regions), a
    zone with an offset beside it that is not UTC's, an offset out of range. Every form of date
    that may carry a zone reads it here, so one table decides.

    >>> t = datetime(2022, 11, 4, 2, 0)
    >>> _in_utc(t, "CET"), _in_utc(t, "GMT", "+1"), _in_utc(t, "CST"), _in_utc(t, "XYZ")
    ('2022-11-04T01:00', '2022-11-04T01:00', None, None)
    """
    zone = zone.upper() if zone else None
    if zone in _SEASONAL_ZONES and not offset:
        try:
            from zoneinfo import ZoneInfo

            utc = local.replace(tzinfo=ZoneInfo(_SEASONAL_ZONES[zone])).astimezone(UTC)
        except (ImportError, KeyError, OSError, ValueError):  # no time zone database
            return None
        return f"{utc:%Y-%m-%dT%H:%M}"
    if zone is not None and zone not in _ZONE_HOURS:
        return None
    hours = _ZONE_HOURS.get(zone or "Z", 0.0)
    if offset:
        if zone not in (None, "Z", "UT", "UTC", "GMT"):  # "CET+1" is no zone of ours
            return None
        digits = offset[1:].replace(":", "")
        h, mins = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
        if h > 14 or mins > 59:
            return None
        hours = (1 if offset[0] == "+" else -1) * (h + mins / 60)
    return f"{local - timedelta(hours=hours):%Y-%m-%dT%H:%M}"


def written_date(s: str) -> str | None:
    """The first date written out in ``s``: ``3 novembre 2022``, ``November 3, 2022``,
    ``3 ноября 2022 г.``, ``2022年11月3日``; months in a dozen languages, or abbreviated.

    >>> written_date("Paris, le 3 nov. 2022"), written_date("WASHINGTON, Nov. 3, 2022 —"), written_date("2022年11月3日")
    ('2022-11-03', '2022-11-03', '2022-11-03')
    """
    found = _written_date(s)
    return found[0] if found else None


def _written_date(s: str) -> tuple[str, int] | None:
    # The date and where its match ends.
    found = _written_date_span(s)
    return (found[0], found[2]) if found else None


def _written_date_span(s: str) -> tuple[str, int, int] | None:
    # The date and where its match starts and ends.
    # A day the month has not ("30 février") is no date: the next match may be one.
    for m in _WRITTEN_DATE.finditer(s):
        month = _MONTHS.get(_fold(m.group(2)))
        if month and (day := _day(int(m.group(3)), month, int(m.group(1)))):
            return day, m.start(), m.end()
    for m in _WRITTEN_DATE_MDY.finditer(s):
        month = _MONTHS.get(_fold(m.group(1)))
        if month and (day := _day(int(m.group(3)), month, int(m.group(2)))):
            return day, m.start(), m.end()
    for m in _CJK_DATE.finditer(s):
        if day := _day(int(m.group(1)), int(m.group(2)), int(m.group(3))):
            return day, m.start(), m.end()
    return None


def normalise_date(value: object) -> str | None:
    """An input date as partial ISO 8601, or None when it cannot be read: no date, or a day or a
    time the calendar has not (``2022-02-31``, ``29.02.2023``, ``2022-11-03T25:00``). A time with
    a UTC offset or a zone is converted to UTC; a zone not in ``_ZONE_HOURS`` (unknown, or
    ambiguous as CST) leaves the day only, in every form.

    >>> normalise_date("2022-01-02T10:00:00Z"), normalise_date("02.01.2022"), normalise_date("x")
    ('2022-01-02T10:00', '2022-01-02', None)
    >>> normalise_date("Fri, 04 Nov 2022 02:00:00 CET"), normalise_date(20221104), normalise_date("31/02/2022")
    ('2022-11-04T01:00', '2022-11-04', None)
    """
    found = _read_date(value)
    # Each form checks its own fields; this once more for all of them, whatever path read it.
    return found if found is None or _on_calendar(found) else None


def _read_date(value: object) -> str | None:
    # normalise_date's reading, form by form.
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int) and 19000101 <= value <= 20991231:
        # 20221103 as a JSON number or a Parquet integer: read as the string is. (As Unix
        # seconds it would be 1970, which _from_timestamp refuses anyway.)
        value = str(value)
    elif isinstance(value, int | float) and not (isinstance(value, int) and 1900 <= value < 2100):
        # A number is a Unix time, unless it is a year.
        return _from_timestamp(float(value))
    s = str(value).strip()
    if not s:
        return None
    if re.fullmatch(r"\d{10}(?:\d{3})?(?:\.\d+)?", s):
        return _from_timestamp(float(s))
    m = _ISO_ZONED.match(s)
    if m:
        # A time with its UTC offset: converted to UTC, so that copies published in different
        # time zones compare in the right order.
        try:
            d = datetime.fromisoformat(f"{m.group(1)}T{m.group(2)}:{m.group(3)}:00{_offset(m.group(4))}")
        except ValueError:
            return None
        return f"{d.astimezone(UTC):%Y-%m-%dT%H:%M}"
    m = re.fullmatch(r"((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])", s) or _CJK_DATE.match(s)
    if m:
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.match(r"^((?:19|20)\d{2})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?", s)
    if m:
        y = int(m.group(1))
        if m.group(2) is None:
            return _iso(y)
        mo = int(m.group(2))
        if not 1 <= mo <= 12:
            return None
        if m.group(3) is None:
            return _iso(y, mo)
        day = _day(y, mo, int(m.group(3)))
        # The time and its zone as in every other form ("2022-11-04 02:00 CET").
        return None if day is None else _with_time(day, s, m.end(), naive=True)
    m = _NUMERIC_DATE.match(s)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        # Day first (the European and wire order) unless only the first number can be a
        # month: 01/20/2005 can only be January 20.
        day_n, month = (b, a) if a <= 12 < b else (a, b)
        day = _day(int(m.group(3)), month, day_n)
        return None if day is None else _with_time(day, s, m.end(), naive=True)
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{2})", s)
    if m:
        y = int(m.group(3))
        return _day(2000 + y if y < 70 else 1900 + y, int(m.group(2)), int(m.group(1)))
    if (s[:3].isalpha() and "," in s[:5] or _RFC_TIME_END.search(s)) and not _AM_PM.search(s):
        # RFC 2822, as RSS feeds and HTTP headers write dates: "Thu, 03 Nov 2022 10:00:00 GMT".
        # (A 12-hour time is a written date's, read below: email.utils ignores "PM".)
        found = _rfc_2822(s)
        if found:
            return found
    m = re.fullmatch(r"([^\W\d_]+)\.?,?\s+((?:19|20)\d{2})", s)
    if m and _MONTHS.get(_fold(m.group(1))):
        return _iso(int(m.group(2)), _MONTHS[_fold(m.group(1))])
    m = _CTIME.fullmatch(s)
    if m:
        return _ctime(m)
    found_written = _written_date(s)
    return _with_time(found_written[0], s, found_written[1], naive=True) if found_written else None


_RFC_TIME_END = re.compile(r"\d\d:\d\d(?::\d\d)? (?:[+-]\d{4}|[A-Z]{2,4})$")
_RFC_ZONE = re.compile(r"\s+([A-Za-z]{1,5})$")
_AM_PM = re.compile(r"\d\s*(?:[ap]\.?m\.?)(?![^\W\d_])", re.I)


def _rfc_2822(s: str) -> str | None:
    """An RFC 2822 date in UTC, its zone abbreviation read as every other form's
    (``_in_utc``: email.utils knows only the American ones and keeps any other's local time
    as if it were UTC); an unknown or ambiguous zone leaves the day only. None when ``s`` is
    no such date.

    >>> _rfc_2822("Fri, 04 Nov 2022 02:00:00 CET"), _rfc_2822("Fri, 04 Nov 2022 02:00:00 CST")
    ('2022-11-04T01:00', '2022-11-04')
    """
    zone = _RFC_ZONE.search(s)
    try:
        d = parsedate_to_datetime(s[:zone.start()] if zone else s)
    except (TypeError, ValueError, IndexError):
        return None
    if d is None or not 1900 <= d.year < 2100:
        return None
    if zone:
        utc = _in_utc(d.replace(tzinfo=None), zone.group(1))
        return f"{d:%Y-%m-%d}" if utc is None else utc
    if d.tzinfo is None:  # "-0000": the zone is unknown
        return local_time(d)
    return f"{d.astimezone(UTC):%Y-%m-%dT%H:%M}"


_CTIME = re.compile(
    r"[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):\d{2}(?:\s+([A-Za-z]{1,5}))?\s+((?:19|20)\d{2})"
)
"""ctime, as some scrapers write dates, with the zone ``date`` puts before the year:
``Thu Jan 20 09:14:00 2005``, ``Fri Nov  4 02:00:00 CET 2022``."""


def _ctime(m: re.Match[str]) -> str | None:
    # A _CTIME match in UTC when its zone is known, in its own time when it has none.
    month = _MONTHS.get(_fold(m.group(1)))
    day = _day(int(m.group(6)), month, int(m.group(2))) if month else None
    hour, minute = int(m.group(3)), int(m.group(4))
    if day is None or hour > 23 or minute > 59:
        return None
    local = datetime.fromisoformat(f"{day}T{hour:02d}:{minute:02d}")
    if m.group(5) is None:
        return local_time(local)
    utc = _in_utc(local, m.group(5))
    return day if utc is None else utc


_NUMERIC_DATE = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-]((?:19|20)\d{2})(?![\d])")
"""A numeric date with the year last, day or month first, before any time: ``20/01/2005 09:14``."""

_ISO_ZONED = re.compile(
    r"((?:19|20)\d{2}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$", re.I
)


def _offset(zone: str) -> str:
    """An ISO 8601 zone designator as ``datetime.fromisoformat`` reads it (``+0530`` -> ``+05:30``)."""
    if zone.upper() == "Z":
        return "+00:00"
    digits = zone[1:].replace(":", "")
    return f"{zone[0]}{digits[:2]}:{digits[2:4] or '00'}"


def _from_timestamp(t: float) -> str | None:
    """A Unix time (seconds, or milliseconds when too large for seconds) as a UTC date and time.

    >>> _from_timestamp(1667469600), _from_timestamp(1667469600000)
    ('2022-11-03T10:00', '2022-11-03T10:00')
    """
    if t > 1e11:
        t /= 1000.0
    if not 631152000 <= t < 4102444800:  # 1990 to 2100: anything else is not a publication date
        return None
    return f"{datetime.fromtimestamp(t, tz=UTC):%Y-%m-%dT%H:%M}"


# ---------------------------------------------------------------- language

_LETTERS = re.compile(r"[^\W\d_]")
_WORDS = re.compile(r"[^\W\d_]+")

# A few frequent function words per language (lower case, no accents): a cheap first guess
# at a text's language, decisive on most news text; the statistical detector handles the rest.
_STOPWORDS = {
    "en": "the and of to in is are was were for with that this by from as be have has it on at",
    "fr": "le la les des du de et est sont dans pour avec que qui une un sur par au aux ce ces",
    "de": "der die das und ist sind nicht mit fur von den dem ein eine zu auf auch sich im",
    "es": "el la los las del y es son en para con que una por al lo se como mas pero",
    "it": "il lo la gli le del della e sono per con che una di da non anche nel alla",
    "pt": "o os as do da dos das e sao em para com que uma por nao no na ao",
    "nl": "de het een en van is zijn niet met voor op dat die te ook aan",
    "id": "yang dan di ke dari untuk dengan ini itu pada adalah tidak dalam akan juga",
}
_STOP_LANGS: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOPWORDS.items():
    for _w in set(_words.split()):
        _STOP_LANGS[_w] = (*_STOP_LANGS.get(_w, ()), _lang)


def stopword_hits(tokens: list[str]) -> dict[str, int]:
    """How many of ``tokens`` are function words of each language with a list.

    >>> stopword_hits("le chat et la souris".split())["fr"]
    3
    """
    hits = dict.fromkeys(_STOPWORDS, 0)
    found = filter(_STOP_LANGS.__contains__, tokens)
    if len(tokens) < 64:  # a sentence: too few to repay counting first
        for t in found:
            for lang in _STOP_LANGS[t]:
                hits[lang] += 1
        return hits
    # Counting in C first leaves a handful of distinct function words to spread over languages.
    for t, n in Counter(found).items():
        for lang in _STOP_LANGS[t]:
            hits[lang] += n
    return hits


def stopword_hits_reference(tokens: list[str]) -> dict[str, int]:
    """``stopword_hits`` one token at a time: the tests' oracle."""
    hits = dict.fromkeys(_STOPWORDS, 0)
    for t in tokens:
        for lang in _STOP_LANGS.get(t, ()):
            hits[lang] += 1
    return hits


_OWN_LANG = {w: langs[0] for w, langs in _STOP_LANGS.items() if len(langs) == 1}


def _own_words_decide(words: list[str], best: str) -> bool:
    """Whether the function words found on ``best``'s list alone (8 or more, of 4 or more
    different words, three times any other language's) confirm it. Of 21,520 articles of six
    real corpora (OrangeSum, BBC, METER, PAN13, both WMT sets) and the seeds, it decides 2,306
    and agrees with the statistical detector on all but one (English notes on Latin motets,
    which py3langid calls Latin); the variety keeps one repeated word from deciding (French
    "il" is on the Italian list only)."""
    own = Counter(_OWN_LANG[w] for w in words if w in _OWN_LANG)
    n1 = own.pop(best, 0)
    # 8 or more and three times every rival also makes ``best`` the first of the ranking.
    return (n1 >= 8 and n1 >= 3 * max(own.values(), default=0)
            and len({w for w in words if _OWN_LANG.get(w) == best}) >= 4)


def _walk(nextmove, rowbase, output, data, slot):  # type: ignore[no-untyped-def]
    """The features py3langid's automaton emits over ``data`` (bytes) and how often, in order
    of first appearance (the order its Counter lists them in).

    The automaton's own walk is a Python loop over every byte (most of a classification);
    compiled, it takes microseconds. Same tables, same steps, so the same feature counts.
    ``slot`` is scratch space, one entry per feature, all -1 (and left so).
    """
    ids = np.empty(len(data), dtype=np.int64)
    counts = np.empty(len(data), dtype=np.int64)
    k = 0
    state = 0
    for byte in data:
        state = nextmove[rowbase[state] + byte]
        f = output[state]
        if f >= 0:
            at = slot[f]
            if at < 0:
                slot[f] = k
                ids[k] = f
                counts[k] = 1
                k += 1
            else:
                counts[at] += 1
    for i in range(k):
        slot[ids[i]] = -1
    return ids[:k], counts[:k]


@functools.lru_cache(maxsize=1)
def _stock_identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@functools.lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    """py3langid's identifier with its automaton walk compiled (``tests/test_segment_fast.py``
    compares it with the stock one); the stock one if its internals are not as expected."""
    from numba import njit
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    if not all(hasattr(LanguageIdentifier, a) for a in ("_raw_score", "_sparse_score")):
        return _stock_identifier()
    walk = njit(cache=True, nogil=True)(_walk)

    class CompiledWalk(LanguageIdentifier):
        tables = None
        table32 = None

        scratch = threading.local()

        def _raw_score(self, text):  # type: ignore[no-untyped-def]
            if not self.tables:
                return super()._raw_score(text)
            slot = getattr(self.scratch, "slot", None)
            if slot is None:
                slot = self.scratch.slot = np.full(len(self.table32), -1, dtype=np.int64)
            ids, counts = walk(*self.tables, np.frombuffer(text, dtype=np.uint8), slot)
            if not len(ids):
                return super()._raw_score(text)  # no features: the stock rule
            # Features in order of first appearance, as the stock Counter lists them, so the
            # scores are summed in the same order; the table widened to float32 once instead of
            # the rows gathered at each call (what the mixed-type product did).
            return np.log1p(counts.astype(np.float32)) @ self.table32[ids] + self.nb_pc

    fast = CompiledWalk.from_model_file(MODEL_FILE, norm_probs=True)
    try:
        fast.tables = (np.asarray(fast.tk_nextmove), np.asarray(fast._rowbase, dtype=np.int64),
                       np.asarray(fast.tk_output, dtype=np.int64))
        fast.table32 = np.asarray(fast.nb_ptc, dtype=np.float32)
    except AttributeError:
        return _stock_identifier()
    return fast


def load_language_model() -> None:
    """Load (and compile) the language identifier now, in this process.

    Worker processes forked afterwards share it instead of each spending seconds loading it.

    >>> load_language_model()
    """
    _identifier().classify("Le président a parlé.")


def detect_language(text: str, *, min_chars: int = 20) -> tuple[str | None, float]:
    """ISO 639-1 code and probability, offline (py3langid); None for too little text.

    >>> detect_language("Le président russe a parlé avec son homologue turc dimanche.")[0]
    'fr'
    """
    # 1,500 characters decide the language as well as the whole text, at a fraction of the cost.
    sample = text[:1500]
    # Letters counted by runs: a few dozen objects instead of one per letter; a prefix holds
    # no more of them than the whole, and news text has enough in its first line.
    if (sum(map(len, _WORDS.findall(sample, 0, 4 * min_chars))) < min_chars
            and sum(map(len, _WORDS.findall(sample, 0, 400))) < min_chars):
        return None, 0.0
    folded = _fold(sample)
    # At least 40 words, without listing them all.
    if len(folded.split(maxsplit=39)) >= 40:
        # A run of letters never spans a blank, so one pass over the text finds the words that
        # the reference finds token by token.
        words = _WORDS.findall(folded)
        hits = sorted(stopword_hits(words).items(), key=lambda kv: -kv[1])
        (best, n1), (_, n2) = hits[0], hits[1]
        # Decisive: many function words of one language and few of any other.
        if n1 >= 12 and n1 >= 3 * n2:
            return best, 0.99
        # Or so counting only the words no other list has: French "de" and "la" are also Dutch,
        # Spanish or Italian, and left 22% of OrangeSum articles to the slower detector.
        if _own_words_decide(words, best):
            return best, 0.99
    lang, prob = _identifier().classify(sample[:800])
    return str(lang), float(prob)


def detect_language_reference(text: str, *, min_chars: int = 20) -> tuple[str | None, float]:
    """``detect_language`` as first written: the tests' oracle."""
    sample = text[:1500]
    if len(_LETTERS.findall(sample[:400])) < min_chars:
        return None, 0.0
    tokens = _fold(sample).split()
    if len(tokens) >= 40:
        words = [w for t in tokens for w in _WORDS.findall(t)]
        hits = sorted(stopword_hits_reference(words).items(), key=lambda kv: -kv[1])
        (best, n1), (_, n2) = hits[0], hits[1]
        if n1 >= 12 and n1 >= 3 * n2:
            return best, 0.99
        own = dict.fromkeys(_STOPWORDS, 0)
        for w in words:
            if len(_STOP_LANGS.get(w, ())) == 1:
                own[_STOP_LANGS[w][0]] += 1
        ranked = sorted(own.items(), key=lambda kv: -kv[1])
        variety = {w for w in words if _STOP_LANGS.get(w) == (best,)}
        if ranked[0][0] == best and ranked[0][1] >= 8 and ranked[0][1] >= 3 * ranked[1][1] and len(variety) >= 4:
            return best, 0.99
    lang, prob = _stock_identifier().classify(sample[:800])
    return str(lang), float(prob)


# ---------------------------------------------------------------- machine-translation notices

_MT_CUES = re.compile(
    r"(automatic(?:ally)?|machine|\bAI\b|artificial intelligence|google translate|deepl)"
    r".{0,80}(translat|generat)"
    r"|(translat|generat)\w*.{0,60}(automatic(?:ally)?|by (?:a )?machine|by software"
    r"|(?:by|using|with) (?:the |an )?(?:AI\b|artificial intelligence))"
    r"|traduit[e]?s? automatiquement|traduction automatique"
    r"|traduit[e]?s?\b.{0,40}?\bpar (?:une |un |l'|l’)?(?:ia\b|intelligence artificielle|machine(?!\s+à\b)|logiciel)"
    r"|(?:maschinell|automatisch)\b.{0,60}?übersetzt|maschinelle übersetzung"
    r"|(?:mit|von|durch) (?:einer |eine )?(?:KI\b|künstliche[rn]? Intelligenz|Maschine|Software).{0,60}?übersetzt"
    r"|traducido automáticamente|traducción automática|tradotto automaticamente|traduzione automatica"
    r"|traducid[oa]s?\b.{0,40}?\bpor (?:una |un |la )?(?:ia\b|inteligencia artificial|máquina|software)"
    r"|tradott[oaie]\b.{0,40}?\bda (?:una |un |l'|l’)?(?:ia\b|intelligenza artificiale|macchina|software)"
    r"|traduzid[oa]s?\b.{0,40}?\bpor (?:uma |um |a )?(?:ia\b|inteligência artificial|máquina|software)"
    r"|traduzido automaticamente|tradução automática|diterjemahkan (?:secara )?otomatis"
    r"|terjemahan (?:mesin|otomatis)|automatisch vertaald|machinaal vertaald"
    r"|машинн\w* перевод|автоматическ\w* перевод|переведен\w* автоматически|машинний переклад"
    r"|автоматично перекладен|przetłumaczon\w* automatycznie|tłumaczenie maszynowe|tłumaczenie automatyczne"
    r"|makine çevirisi|otomatik (?:olarak )?çevril|dịch tự động|dịch máy|ترجمة آلية|مترجم آليا|ترجم آليا"
    r"|机器翻译|機器翻譯|自动翻译|自動翻譯|機械翻訳|自動翻訳|기계 번역|자동 번역|기계번역|मशीन अनुवाद"
    r"|स्वचालित अनुवाद",
    re.I,
)

_VERSIONS = re.compile(r"\bversions?\b|\blanguages?\b", re.I)
# A cue naming machine translation is a notice only when its sentence says that this text was
# translated: a past participle ("was translated", "traduit", "übersetzt"), the text itself as
# subject ("this article", "ce texte", "artikel ini"), or a line that is the label alone
# ("Traduction automatique"). News about translation software ("its machine translation
# system", "le logiciel de traduction automatique") has none of them.
_TRANSLATED = re.compile(
    r"translated\b|\btraduit(?:e|s|es)?\b|übersetzt|\btraducid[oa]s?\b|\btradott[oaie]\b|\btraduzid[oa]s?\b"
    r"|\bditerjemahkan\b|\bvertaald\b|переведен|переведён|перекладен|przetłumaczon|çevril",
    re.I,
)
_THIS_TEXT = re.compile(
    r"\b(?:this|these)\s+(?:\w+\s+)?(?:article|story|stories|report|text|page|content|news|piece|post|versions?)\b"
    r"|\b(?:ce|cet|cette|ces)\s+(?:\w+\s+)?(?:articles?|textes?|contenus?|dépêches?|pages?|versions?)\b"
    r"|\bdies(?:er|e|es)?\s+(?:\w+\s+)?(?:artikel|text|beitrag|bericht|meldung|inhalt)\b"
    r"|\b(?:este|esta)\s+(?:\w+\s+)?(?:artículo|texto|contenido|noticia|nota)\b"
    r"|\b(?:questo|questa)\s+(?:\w+\s+)?(?:articolo|testo|contenuto|notizia)\b"
    r"|\b(?:artikel|berita|teks|konten|tulisan) ini\b|\b(?:dit|deze)\s+(?:\w+\s+)?(?:artikel|tekst|bericht)\b"
    r"|\b(?:эт(?:а|от|у|и)|данн(?:ая|ый|ые))\s+(?:\w+\s+)?(?:стать|материал|текст|новост)",
    re.I,
)
# Cues in scripts whose notices are not checked this way (their verbs and nouns share one form).
_UNCHECKED_CUE = re.compile(r"[\u0600-\u06ff\u0900-\u097f\u3040-\u9fff\uac00-\ud7af]|dịch")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")

# Every notice the expression above matches contains one of these; checking them first is cheap.
_MT_STEMS = ("translat", "tradu", "tradott", "übersetz", "terjemah", "vertaald", "generat", "перев", "перекл",
             "tłumacz", "çev", "dịch", "ترجم", "翻译", "翻譯", "翻訳", "번역", "अनुवाद")


def _has_stem(text: str) -> bool:
    # Substring tests on the lowered text: several times faster than one case-blind expression.
    low = text.lower()
    return any(stem in low for stem in _MT_STEMS)

# Language names as they appear in notices (English, French, German, Spanish, Indonesian...).
_LANG_NAMES: dict[str, str] = {}
for _code, _names in {
    "en": "english anglais englisch ingles inggris inglese engels",
    "fr": "french francais franzosisch frances perancis francese frans",
    "de": "german allemand deutsch deutschen aleman jerman tedesco duits",
    "es": "spanish espagnol spanisch espanol spanyol spagnolo spaans",
    "it": "italian italien italienisch italiano italia",
    "pt": "portuguese portugais portugiesisch portugues portugis portoghese",
    "id": "indonesian indonesien indonesisch indonesio indonesia indonesiano indonesisch",
    "ms": "malay malais malaiisch melayu",
    "ru": "russian russe russisch ruso rusia russo",
    "uk": "ukrainian ukrainien ukrainisch ucraniano",
    "zh": "chinese chinois chinesisch chino mandarin cina",
    "ja": "japanese japonais japanisch japones jepang",
    "ar": "arabic arabe arabisch arab",
    "tr": "turkish turc turkisch turco turki",
    "nl": "dutch neerlandais niederlandisch holandes belanda",
    "pl": "polish polonais polnisch polaco polandia",
    "ro": "romanian roumain rumanisch rumano rumania",
    "ko": "korean coreen koreanisch coreano korea",
    "hi": "hindi",
    "fa": "persian persan persisch farsi",
    "vi": "vietnamese vietnamien vietnamesisch vietnam",
    "th": "thai thailandais",
}.items():
    for _n in _names.split():
        _LANG_NAMES.setdefault(_n, _code)

ISO_639_1 = frozenset(
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de "
    "dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie "
    "ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg "
    "mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro "
    "ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty "
    "ug uk ur uz ve vi vo wa wo xh yi yo za zh zu".split())
"""The two-letter language codes of ISO 639-1."""
_ISO_639_OTHER = {
    # Retired two-letter codes, and the three-letter codes (ISO 639-2/B, 639-2/T, 639-3) of the
    # languages most news is written in, as "iso=code,code".
    old: iso
    for entry in (
        "he=iw,heb id=in,ind yi=ji en=eng fr=fra,fre de=deu,ger es=spa it=ita pt=por nl=nld,dut ru=rus "
        "uk=ukr pl=pol cs=ces,cze sk=slk,slo ro=ron,rum hu=hun bg=bul hr=hrv sr=srp sl=slv el=ell,gre "
        "tr=tur ar=ara fa=fas,per hi=hin bn=ben ur=urd ms=msa,may,zsm th=tha vi=vie zh=zho,chi,cmn ja=jpn "
        "ko=kor sv=swe no=nor nb=nob nn=nno da=dan fi=fin et=est lv=lav lt=lit ca=cat eu=eus,baq gl=glg "
        "ga=gle cy=cym,wel is=isl,ice af=afr sw=swa tl=tgl,fil lb=ltz sq=sqi,alb mk=mkd,mac be=bel kk=kaz "
        "az=aze hy=hye,arm ka=kat,geo ta=tam te=tel mr=mar gu=guj pa=pan kn=kan ml=mal si=sin ne=nep "
        "km=khm lo=lao my=mya,bur am=amh so=som ha=hau yo=yor ig=ibo zu=zul xh=xho eo=epo la=lat"
    ).split()
    for iso, olds in [entry.split("=")]
    for old in olds.split(",")
}


def normalise_language(value: str | None) -> str | None:
    """The ISO 639-1 code of a language field as datasets and pages write it: a tag with its
    region or script (``fr-FR``, ``pt_BR``, ``zh-Hans``), any case, a three-letter code
    (``fra``, ``deu``) or the language's name (``French``, ``français``, ``Deutsch``). None when
    it names no language (``xx``, ``und``, ``mul``): the language is then detected from the text.

    >>> [normalise_language(v) for v in ("fr-FR", "PT_br", "zh-Hans", "fra", "Français", "xx", "und")]
    ['fr', 'pt', 'zh', 'fr', 'fr', None, None]
    """
    if not value or not value.strip():
        return None
    folded = _fold(value.strip())
    primary = re.split(r"[-_@.;,\s]", folded, maxsplit=1)[0]
    if primary in ISO_639_1:
        return primary
    if primary in _ISO_639_OTHER:
        return _ISO_639_OTHER[primary]
    return _language_name(folded) or _language_name(primary)


_SOURCE_CUE = re.compile(
    r"\b(from|original|originally|main|source|de l|depuis l|du|aus dem|aus|del|dari|asli|utama|dall|dal|do|"
    r"version originale|langue originale|our main language)\b",
    re.I,
)
_TARGET_CUE = re.compile(r"\b(versions?|into|en version|vers l|ins|al|ke dalam)\b", re.I)


@dataclass(frozen=True, slots=True)
class TranslationNotice:
    start: int
    end: int
    source_language: str | None


def _language_name(word: str) -> str | None:
    """The code of a folded language name, German inflections included (``Englischen``)."""
    code = _LANG_NAMES.get(word)
    if code is None and word.endswith(("ischen", "ischem", "ischer", "isches")):
        code = _LANG_NAMES.get(word[:-2])
    return code


def _named_languages(s: str) -> list[str]:
    return [c for c in (_language_name(w) for w in re.findall(r"[a-z]+", _fold(s))) if c]


def language_named(word: str) -> str | None:
    """The code of the language a word names, as credits write it ("French", "l'anglais",
    "Englischen", "inglés"); None for any other word.

    >>> [language_named(w) for w in ("French", "l'anglais", "Englischen", "inglés", "Monde")]
    ['fr', 'en', 'en', 'en', None]
    """
    folded = _fold(word).strip(".,;:'’")
    folded = re.sub(r"^[a-z]['’]", "", folded)
    return _language_name(folded) if folded.isalpha() else None


def named_language(text: str) -> str | None:
    """The one language ``text`` names, or None when it names none or several.

    >>> named_language("Translated from the French original in Le Monde"), named_language("in English or French")
    ('fr', None)
    """
    codes = set(_named_languages(text))
    return codes.pop() if len(codes) == 1 else None


def _cue_matches(text: str) -> Iterator[tuple[int, str, re.Match[str]]]:
    """``_MT_CUES.finditer(text)`` as (line start, line, match in the line).

    A cue never spans a line break (``.`` stops there) and always holds one of ``_MT_STEMS``,
    so only lines holding a stem are searched: the same matches, in the same order, without
    running the expression over the whole text (news mentions "generation" or "traduit" often).
    """
    start = 0
    for line in text.split("\n"):
        if _has_stem(line):
            for m in _MT_CUES.finditer(line):
                yield start, line, m
        start += len(line) + 1


def _says_this_text_is_translated(line: str, m: re.Match[str]) -> bool:
    """Whether the sentence of ``line`` holding the cue ``m`` says this text was machine
    translated, rather than speaking of machine translation.

    >>> cue = lambda t: _MT_CUES.search(t)
    >>> t = "This article was machine translated."
    >>> _says_this_text_is_translated(t, cue(t))
    True
    >>> t = "Its machine translation system now supports Malay."
    >>> _says_this_text_is_translated(t, cue(t))
    False
    """
    if _UNCHECKED_CUE.search(m.group(0)):
        return True
    ends = [x.end() for x in _SENTENCE_END.finditer(line, 0, m.start())]
    after = _SENTENCE_END.search(line, m.end())
    sentence = line[ends[-1] if ends else 0:after.start() if after else len(line)]
    if _TRANSLATED.search(sentence) or _THIS_TEXT.search(sentence):
        return True
    # A label opening the line: the cue and a few characters around it ("(Machine translation)",
    # "Машинный перевод; возможны неточности"), or with the original language ("Traduction
    # automatique depuis le russe.").
    if ends or line[:m.start()].strip(" \t([«\"'*-–—"):
        return False
    label = sentence.strip()
    return len(label) <= len(m.group(0)) + 16 or len(label) <= 60 and bool(_named_languages(label))


def translation_notice(text: str, *, doc_lang: str | None = None) -> TranslationNotice | None:
    """Find a machine-translation notice and the original language it names.

    The original is the language named in a clause that points at a source ("from Indonesian",
    "see Indonesian as our main language"), not the languages listed as generated versions.

    >>> n = translation_notice("Texte.\\n\\nThis article was automatically translated from Indonesian.")
    >>> n.source_language
    'id'
    """
    if not _has_stem(text):
        return None
    for start, para, m in _cue_matches(text):
        # The notice is the paragraph holding the cue.
        end = start + len(para)
        # "generated" alone ("machine learning generated revenue", "AI-generated image") is not
        # about translation; it is when the paragraph speaks of translation or language versions.
        if "generat" in m.group(0).lower():
            # ...and of this text, or of its language versions ("AI-generated translations of
            # leaflets" is news about translation).
            if _VERSIONS.search(para) or ("translat" in para.lower() and _THIS_TEXT.search(para)):
                break
        elif _says_this_text_is_translated(para, m):
            break
    else:
        return None
    clauses = re.split(r"(?<=[.;!?])\s+|,\s+(?=please|veuillez|bitte)", para)
    source: str | None = None
    listed: set[str] = set()
    for clause in clauses:
        names = _named_languages(clause)
        if not names:
            continue
        if len(set(names)) == 1 and _SOURCE_CUE.search(_fold(clause)):
            source = names[0]
        elif len(set(names)) > 1 or _TARGET_CUE.search(clause):
            listed.update(names)
    if source is None:
        # "translated from X into Y": the first language after "from".
        fm = re.search(r"\b(?:from|de l'|de l’|depuis l'|aus dem|del|dari|dall'|dall’|do)\s*(\w+)", _fold(para))
        if fm and _language_name(fm.group(1)):
            source = _language_name(fm.group(1))
    if source is None:
        rest = [c for c in _named_languages(para) if c not in listed and c != doc_lang]
        if len(set(rest)) == 1:
            source = rest[0]
    if source == doc_lang:
        source = None
    return TranslationNotice(start, end, source)
