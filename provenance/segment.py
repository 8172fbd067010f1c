"""Stage 2: normalise and segment each document into sentences with character offsets.

Hard-wrapped lines (wire copy) are joined back into paragraphs first; sentences then end at
``.!?…`` followed by a capital, a quote or a digit, unless the period closes an abbreviation
(``M.``, ``Dr.``, ``U.S.``) or an initial. Headings glued to the next sentence by a lost line
break (``...du Kremlin.Les deux``) are split too. Chinese and Japanese sentences end at
``。！？``, which no blank follows, and so do the stops of scripts that use them for nothing
else (Armenian ``։``, Ethiopic ``።`` and ``፧``, Burmese ``။``); Khmer's ``។`` ends one as ``.``
does. A Greek question ends at ``;`` (or its look-alike U+037E) between Greek words, the next
opening with a capital, and an Armenian sentence at the ``:`` that keyboards type for ``։``.

Scripts written without blanks between words (Chinese, Japanese kana, Thai, Lao, Khmer,
Burmese) have no words to shingle or count: :func:`words` takes each of their characters as a
word, the usual unit for those scripts in near-duplicate detection.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import islice

import numpy as np
import xxhash

from .metadata import month_number
from .model import Document, Segment

ABBREVIATIONS = frozenset(
    """m mm mme mmes mlle mr mrs ms dr drs prof st ste sr jr gen gov sen rep lt col capt cmdr sgt
    no nr vol art fig p pp ch ed etc vs cf ca approx dept inc ltd co corp av bd bld jan feb mar apr
    jun jul aug sep sept oct nov dec janv fev fevr avr juil sept oct dec hr herr frau bzw usw
    г гг ул им др тыс млн млрд руб
    z.b u.s u.k e.g i.e""".split()
)
_TERMINAL = ".!?…‼⁇⁈⁉‽。！？｡؟۔।॥։።፧။។៕\u037e"
_CLOSERS = "\"'»”“’‘)]」』）"
# What may open a sentence: a capital (Latin, Greek, Cyrillic, Armenian), a digit, or a letter
# of a script without case (Hebrew, Arabic, the Indic scripts, Thai, Georgian, Hangul, Han...).
_OPENER = ("A-ZÀ-ÖØ-Þ0-9\u0386\u0388-\u038f\u0391-\u03ab\u0400-\u042f\u0531-\u0556"
           "\u0590-\u0dff\u0e00-\u0fff\u1000-\u109f\u10d0-\u10ff\u1100-\u139f\u1780-\u17ff"
           "\u3040-\u9fff\uac00-\ud7af")
_OPENING = "[\"'«“‘„‚(\\[¿¡]?\\s?"
_GREEK_CAPITAL = ("\u0386\u0388-\u038f\u0391-\u03ab\u1f08-\u1f0f\u1f18-\u1f1d\u1f28-\u1f2f\u1f38-\u1f3f"
                  "\u1f48-\u1f4d\u1f59\u1f5b\u1f5d\u1f5f\u1f68-\u1f6f\u1fb8-\u1fbc\u1fc8-\u1fcc\u1fd8-\u1fdb"
                  "\u1fe8-\u1fec\u1ff8-\u1ffc")
_BOUNDARY = re.compile(
    # A stop may be followed by closing quotes: English ” ’, German “ ‘, and French » › after
    # the space French typography puts before them ("« Je pars. » Puis...").
    r"([.!?…‼⁇⁈⁉‽؟۔।॥។៕]+(?:[\"'»”“’‘)\]]|[ \u00a0\u202f\u2009][»›])*)(\s+)(?=" + _OPENING + "[" + _OPENER + r"])"
    r"|(?<=[a-zà-öø-ÿ]{2})([.!?])(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ])"
    # A full-width stop ends a sentence wherever it stands (no blank follows it in CJK text), and
    # so do the stops of scripts that have no other use for them: Armenian, Ethiopic, Burmese.
    # (Khmer's "។" needs a blank after it: "។ល។", "and so on", runs on inside a sentence.)
    r"|([。！？｡։።፧။]+[\"'»”’)\]」』）]*)(\s*)(?=\S)"
    # Signs that end a sentence only in one script: the Greek question mark (";", or U+037E that
    # canonical forms turn into it) after a Greek letter, before a Greek capital; the colon that
    # Armenian keyboards type for "։", after an Armenian letter, before an Armenian capital.
    r"|((?:(?<=[\u0370-\u03ff\u1f00-\u1fff])[;\u037e](?=[\"'»”’)\]]*\s+" + _OPENING + "[" + _GREEK_CAPITAL + r"])"
    r"|(?<=[\u0561-\u0587]):(?=[\"'»”’)\]]*\s+" + _OPENING + r"[\u0531-\u0556]))[\"'»”’)\]]*)(\s+)"
)
_STOP = re.compile(r"[.!?…‼⁇⁈⁉‽。！？｡؟۔।॥։።፧။។៕;:\u037e]")
"""The characters a boundary match starts with (every branch of ``_BOUNDARY``)."""
_WORD_BEFORE = re.compile(r"(\w+(?:\.\w+)*)\W*$")
_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)
_APOS = re.compile(r"['’`´]")
_SPACE = re.compile(r"\s+")
_COMBINING = re.compile(
    r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    r"\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]"
)
"""Where the optional marks are: accents (Latin, Greek, Cyrillic), Hebrew points, Arabic
vowel signs and hamza. Only the marks (Unicode category M) in these ranges are dropped."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class SegmentConfig:
    """Sentence splitting and normalisation settings."""

    join_wrapped: bool = True
    """Join hard-wrapped lines (a line without end punctuation followed by more text)."""
    wrap_min_chars: int = 55
    """A line at least this long that ends without punctuation is taken as hard-wrapped, if it
    also reaches ``wrap_width_share`` of the text's width (its ``wrap_width_quantile`` line
    length): a text wrapped at a fixed width has its lines near that width, while in a text with
    one paragraph per line (scrapers often separate paragraphs by a single line break) a
    headline or a "Read also" link is much shorter than the paragraphs and is its own
    paragraph. A next line starting in lower case continues the line in any text."""
    wrap_width_share: float = 0.6
    wrap_width_quantile: float = 0.8
    max_sentence_chars: int = 400
    """Longer sentences are cut at the nearest separator, so one run-on line cannot swamp the
    alignment."""
    runon_sentences: int = 5
    runon_share: float = 0.9
    """A paragraph of at least ``runon_sentences`` sentences holding at least ``runon_share`` of
    its text's characters is a text whose line breaks were lost (a scraper's or a dataset's
    flattened article): ``restore_breaks`` puts each of its sentences on a line of its own."""
    glue_min_words: int = 4
    glue_min_chars: int = 40
    """In a flattened text, a line without end punctuation (a share bar, a link, a headline)
    runs into the next sentence. A sentence is cut at a blank after a word without end
    punctuation and before a capital (``glue_points``) when what follows, normalised, is a whole
    sentence of another document of at least ``glue_min_words`` words and ``glue_min_chars``
    characters (``glue_cuts``). 0 words turns the cut off."""


def _char_image(c: str) -> str:
    """One character as :func:`normalise` writes it: case-folded, compatibility-decomposed,
    optional marks dropped, apostrophes and punctuation turned into blanks.

    Other marks stay in their word: a vowel sign or a virama is part of a Hindi or Thai word,
    and turning it into a blank would cut every word in pieces.

    >>> _char_image("É"), _char_image("’"), _char_image("\u093e")
    ('e', ' ', '\u093e')
    """
    out = []
    for m in unicodedata.normalize("NFKD", c.casefold()):
        if unicodedata.category(m)[0] == "M":
            if not _COMBINING.match(m):
                out.append(m)
        elif _APOS.match(m) or _PUNCT.match(m):
            out.append(" ")
        else:
            out.append(m)
    return "".join(out)


class _NormTable(dict[int, str]):
    """Each character's :func:`_char_image`, worked out on first sight: one ``str.translate``
    pass then does the work of the per-character steps."""

    def __missing__(self, cp: int) -> str:
        out = self[cp] = _char_image(chr(cp))
        return out


_NORM_TABLE = _NormTable()

# Most news text is Latin-1 once encoded (98% of OrangeSum's sentences), and for those one byte
# table does the work at C speed: each Latin-1 character whose image is one Latin-1 character
# (or nothing) maps byte to byte; the few with longer images ("ß" -> "ss", "½" -> "1 2", "µ" ->
# Greek mu) send the text down the general path.
_LATIN1_IMAGES = [_NORM_TABLE[cp] for cp in range(256)]
_LATIN1_TABLE = bytes(ord(x) if len(x) == 1 and ord(x) < 256 else 0 for x in _LATIN1_IMAGES)
_LATIN1_DELETE = bytes(cp for cp, x in enumerate(_LATIN1_IMAGES) if x == "")
_LATIN1_LONGER = re.compile(
    b"[" + b"".join(re.escape(bytes([cp])) for cp, x in enumerate(_LATIN1_IMAGES)
                    if len(x) > 1 or (len(x) == 1 and ord(x) > 255)) + b"]"
)


_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _unescaped(text: str) -> str:
    # Feeds and exports often leave HTML character references in plain text ("l&#39;AFP",
    # "communiqu&#233;"): a copy escaped once and one not are the same words.
    return html.unescape(text) if "&" in text and _ENTITY.search(text) else text


def normalise(text: str) -> str:
    """Case-folded, accent-free, punctuation-free words separated by single spaces; HTML
    character references are read as the characters they stand for.

    >>> normalise("M. Poutine a « confirmé » l’intention !")
    'm poutine a confirme l intention'
    >>> normalise("L&#39;AFP a cit&eacute; le communiqu&#233;")
    'l afp a cite le communique'
    """
    text = _unescaped(text)
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        raw = None
    if raw is not None and not _LATIN1_LONGER.search(raw):
        return " ".join(raw.translate(_LATIN1_TABLE, _LATIN1_DELETE).decode("latin-1").split())
    return " ".join(text.translate(_NORM_TABLE).split())


def normalise_reference(text: str) -> str:
    """``normalise`` by its definition: each character's :func:`_char_image`, blanks collapsed.
    The fast path is tested against it.

    Characters are decomposed one at a time, so combining marks keep the order they were
    typed in (whole-text NFKD may reorder a run of them; the same text gives the same words).

    >>> normalise_reference("M. Poutine a « confirmé » l’intention !")
    'm poutine a confirme l intention'
    >>> normalise_reference("भारत सरकार ने घोषणा की।")
    'भारत सरकार ने घोषणा की'
    """
    return _SPACE.sub(" ", "".join(_char_image(c) for c in _unescaped(text))).strip()


# Scripts written without blanks between words: Thai, Lao, Burmese, Khmer, kana, Han.
_UNSPACED_BLOCKS = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x3040, 0x30FF), (0x31F0, 0x31FF),
                    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
_UNSPACED_MARKS = "".join(chr(cp) for lo, hi in _UNSPACED_BLOCKS[:5] for cp in range(lo, hi + 1)
                          if unicodedata.category(chr(cp))[0] == "M")
_UNSPACED_CLASS = "[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _UNSPACED_BLOCKS) + "]"
_UNSPACED_UNIT = re.compile(_UNSPACED_CLASS + "[" + re.escape(_UNSPACED_MARKS) + "]*")
# Tested before any spacing: most text is ASCII once normalised (str.isascii is a C scan), and
# the search rules out the rest at C speed (max() over a text's characters cost a few µs).
_UNSPACED_ANY = re.compile(_UNSPACED_CLASS)
_SPACES = re.compile(" {2,}")


def spaced(norm: str) -> str:
    """A normalised text with each character of a script written without blanks (Chinese,
    Japanese, Thai, ...) standing as a word of its own, with the marks that follow it.

    >>> spaced("le chat dort"), spaced("新华社 报道 abc")
    ('le chat dort', '新 华 社 报 道 abc')
    """
    if norm.isascii() or not _UNSPACED_ANY.search(norm):
        return norm
    return _SPACES.sub(" ", _UNSPACED_UNIT.sub(r" \g<0> ", norm)).strip(" ")


_UNSPACED_RUN = re.compile(f"(?:{_UNSPACED_UNIT.pattern})+")


def character_pairs(norm: str) -> list[str]:
    """Adjacent characters in each run of a script written without blanks (with their marks):
    what stands in for its words where words are compared as a set.

    >>> character_pairs("le 国家统计局 dit 报道"), character_pairs("rien")
    (['国家', '家统', '统计', '计局', '报道'], [])
    """
    if norm.isascii() or not _UNSPACED_ANY.search(norm):
        return []
    out = []
    for run in _UNSPACED_RUN.findall(norm):
        units = _UNSPACED_UNIT.findall(run)
        out.extend(a + b for a, b in zip(units, units[1:], strict=False))
    return out


def words(norm: str) -> list[str]:
    """The words of a normalised text: what shingles are made of and word counts count
    (:func:`spaced` split on blanks).

    >>> words("il a dit"), words("ニュースが伝えた")
    (['il', 'a', 'dit'], ['ニ', 'ュ', 'ー', 'ス', 'が', '伝', 'え', 'た'])
    """
    return spaced(norm).split()


def norm_hash(norm: str) -> int:
    """A 64-bit key of a normalised sentence (the partitioned trace's sentence hash).

    >>> norm_hash("read more at x") == norm_hash("read more at x") != norm_hash("read more at y")
    True
    """
    return xxhash.xxh3_64_intdigest(norm.encode("utf-8", "surrogatepass"))


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, stripped of surrounding blanks and control chars."""
    out = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        start, end = pos, pos + len(line)
        pos += len(raw)
        while start < end and (text[start].isspace() or _CONTROL.match(text[start])):
            start += 1
        while end > start and (text[end - 1].isspace() or _CONTROL.match(text[end - 1]) or text[end - 1] == "<"):
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def paragraphs(text: str, config: SegmentConfig = SegmentConfig()) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blank-separated lines, hard wraps joined.

    >>> t = "A line that was wrapped by the wire service at a fixed width of\\ncharacters here.\\nNext."
    >>> len(paragraphs(t))
    2
    >>> long = "A paragraph on one line, as scrapers write them, runs on well past any fixed width. " * 3
    >>> len(paragraphs(f"Read also: a headline of another story on the same site\\n{long}\\n{long}"))
    3
    """
    lines = _lines(text)
    if not config.join_wrapped or not lines:
        return lines
    lengths = sorted(e - s for s, e in lines)
    width = lengths[int(config.wrap_width_quantile * (len(lengths) - 1))]
    wrap_at = max(config.wrap_min_chars, config.wrap_width_share * width)
    out: list[tuple[int, int]] = []
    cur_s, cur_e = lines[0]
    for s, e in lines[1:]:
        prev = text[cur_s:cur_e]
        gap = text[cur_e:s]
        nxt = text[s:e].lstrip("\"'«“‘(")
        contiguous = gap.count("\n") <= 1
        last_line = prev[prev.rfind("\n") + 1:] if "\n" in prev else prev
        wrapped = (
            contiguous
            and prev[-1] not in _TERMINAL + _CLOSERS + ":;"
            and (nxt[:1].islower() or len(last_line) >= wrap_at)
        )
        if wrapped:
            cur_e = e
        else:
            out.append((cur_s, cur_e))
            cur_s, cur_e = s, e
    out.append((cur_s, cur_e))
    return out


_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")


def _is_abbreviation_word(word: str) -> bool:
    if word.lower() in ABBREVIATIONS:
        return True
    # An initial ("J. Biden") or a dotted acronym ("U.S.").
    return (len(word) == 1 and word.isalpha() and word.isupper()) or bool(_ACRONYM.fullmatch(word))


def _is_abbreviation(before: str) -> bool:
    m = _WORD_BEFORE.search(before)
    return bool(m) and _is_abbreviation_word(m.group(1))


_NEXT_WORD = re.compile(r"\s*(\w+)")


def _day_before_month(word: str | None, chunk: str, pos: int) -> bool:
    """Whether the period after ``word`` is a day's ordinal dot before a month ("am 11.
    Dezember 2021", German and other languages write dates so), not a sentence end.

    >>> _day_before_month("11", "11. Dezember", 3), _day_before_month("11", "11. Die Zahl", 3)
    (True, False)
    """
    if word is None or not word.isdigit() or len(word) > 2:
        return False
    m = _NEXT_WORD.match(chunk, pos)
    return m is not None and month_number(m.group(1)) is not None


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _word_before(chunk: str, lo: int, hi: int) -> str | None:
    """The word ``_WORD_BEFORE.search(chunk[lo:hi])`` captures, found by scanning from the end.

    That search tries every start and backtracks at each (tens of microseconds a sentence).
    Its match is the last run of word characters joined by single dots (``U.S``); only blanks
    and punctuation may follow it.
    """
    end = hi
    while end > lo and not _is_word_char(chunk[end - 1]):
        end -= 1
    if end == lo:
        return None
    i = end - 1
    while True:
        while i > lo and _is_word_char(chunk[i - 1]):
            i -= 1
        if i - 2 >= lo and chunk[i - 1] == "." and _is_word_char(chunk[i - 2]):
            i -= 2
            continue
        return chunk[i:end]


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in ``text[start:end]``.

    >>> t = "M. Poutine a parlé. Il a dit « oui ». Puis rien."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['M. Poutine a parlé.', 'Il a dit « oui ».', 'Puis rien.']
    """
    end = len(text) if end is None else end
    chunk = text[start:end]
    spans = []
    cur = 0
    pos = 0
    # Every boundary starts at a stop character: trying the boundary expression only there
    # finds the same matches as scanning with it (ten times slower, for its look-behind).
    match = _BOUNDARY.match
    for c in _STOP.finditer(chunk):
        if c.start() < pos:
            continue
        m = match(chunk, c.start())
        if m is None:
            continue
        pos = m.end()
        stop = m.group(1)
        if stop is not None:
            cut = m.end(1)
            nxt = pos
            if stop == ".":
                word = _word_before(chunk, cur, cut - 1)
                if word is not None and (_is_abbreviation_word(word) or _day_before_month(word, chunk, pos)):
                    continue
        elif m.group(4) is not None:
            cut, nxt = m.end(4), pos
        elif m.group(6) is not None:
            cut, nxt = m.end(6), pos
        else:
            cut = nxt = m.end(3)
        if chunk[cur:cut].strip():
            spans.append((start + cur, start + cut))
        cur = nxt
    if chunk[cur:].strip():
        spans.append((start + cur, end))
    return spans


def split_sentences_reference(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``split_sentences`` as first written (each abbreviation test reads the whole sentence).

    >>> split_sentences_reference("M. X a parlé. Puis rien.")
    [(0, 13), (14, 24)]
    """
    end = len(text) if end is None else end
    chunk = text[start:end]
    spans = []
    cur = 0
    for m in _BOUNDARY.finditer(chunk):
        if m.group(1) is not None:
            cut = m.start(1) + len(m.group(1))
            nxt = m.end()
            if m.group(1) == "." and _is_abbreviation(chunk[cur:m.start(1)]):
                continue
            before = _WORD_BEFORE.search(chunk[cur:m.start(1)])
            if m.group(1) == "." and _day_before_month(before.group(1) if before else None, chunk, m.end()):
                continue
        elif m.group(4) is not None:
            cut, nxt = m.end(4), m.end()
        elif m.group(6) is not None:
            cut, nxt = m.end(6), m.end()
        else:
            cut = nxt = m.end(3)
        if chunk[cur:cut].strip():
            spans.append((start + cur, start + cut))
        cur = nxt
    if chunk[cur:].strip():
        spans.append((start + cur, end))
    return spans


def _cap(spans: list[tuple[int, int]], text: str, limit: int) -> list[tuple[int, int]]:
    out = []
    for s, e in spans:
        while e - s > limit:
            window = text[s:s + limit]
            # Prefer a line break, then a clause break, then any space, past a third of the limit.
            cut = -1
            for sep in ("\n", "; ", "；", ", ", "，", "、", " "):
                cut = window.rfind(sep)
                if cut > limit // 3:
                    break
            cut = cut + 1 if cut > limit // 3 else limit
            out.append((s, s + cut))
            s += cut
            while s < e and text[s].isspace():
                s += 1
        if e > s:
            out.append((s, e))
    return out


def restore_breaks(text: str, config: SegmentConfig = SegmentConfig()) -> str:
    """``text`` with a line break before each sentence of a flattened paragraph (see
    ``SegmentConfig.runon_sentences``), in place of the blank before it: offsets are unchanged.

    A headline, a notice or a byline that ended with punctuation then stands on its own line, as
    it did on the page, where line-based steps (furniture, header metadata) look for it.

    >>> flat = "Partagez. " + " ".join(f"Phrase numéro {i} du texte." for i in range(6))
    >>> restore_breaks(flat).splitlines()[:2]
    ['Partagez.', 'Phrase numéro 0 du texte.']
    >>> restore_breaks("Titre\\n\\nUne phrase. Une autre.")
    'Titre\\n\\nUne phrase. Une autre.'
    """
    paras = paragraphs(text, config)
    if not paras:
        return text
    least = config.runon_share * sum(e - s for s, e in paras)
    breaks = []
    for ps, pe in paras:
        if pe - ps < least:
            continue
        spans = split_sentences(text, ps, pe)
        if len(spans) < config.runon_sentences:
            continue
        for s, e in spans[1:]:
            while s < e and text[s].isspace():
                s += 1
            if s > ps and text[s - 1] in " \t\u00a0":
                breaks.append(s - 1)
    return cut_at(text, breaks) if breaks else text


_UPPER = "".join(sorted({c for c in map(chr, range(0x10000)) if c.isupper()} - set("\\]^-")))
# A blank where a line break may have been lost: after a word that ends without punctuation,
# before a capital.
_GLUE = re.compile(r"(?<=[\w)\]|>])[ \t\u00a0]+(?=[" + _UPPER + "])")


def glue_points(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(blank, next word) offsets in ``text[start:end]`` where two lines may have been glued
    when a text's line breaks were lost: after a word without end punctuation, before a capital.

    >>> t = "Partager sur Facebook Le ministre a parlé, puis Paris a répondu."
    >>> [t[w:w + 5] for _, w in glue_points(t, 0, len(t))]
    ['Faceb', 'Le mi', 'Paris']
    """
    return [(m.start(), m.end()) for m in _GLUE.finditer(text, start, end)]


def _glued_sentence(rest: str, config: SegmentConfig) -> bool:
    return len(rest) >= config.glue_min_chars and rest.count(" ") + 1 >= config.glue_min_words


def glue_tails(text: str, start: int, end: int, config: SegmentConfig = SegmentConfig()) -> list[tuple[int, int]]:
    """(blank, norm hash of what follows) at each glue point of the sentence ``text[start:end]``
    where what follows is long enough to be a sentence glued there (``SegmentConfig.glue_min_words``).

    >>> t = "Share on Twitter The minister resigned on Monday evening after the vote."
    >>> [(b, h == norm_hash("the minister resigned on monday evening after the vote")) for b, h in glue_tails(t, 0, len(t))]
    [(8, False), (16, True)]
    """
    out = []
    for blank, word in glue_points(text, start, end):
        rest = normalise(text[word:end])
        if not _glued_sentence(rest, config):
            break
        out.append((blank, norm_hash(rest)))
    return out


def glue_hashes(norms: Sequence[str], config: SegmentConfig = SegmentConfig()) -> tuple[list[int], list[int]]:
    """(end key, norm hash) of each sentence: a glued sentence ends as the sentence glued into it
    does, so only sentences sharing their last ``glue_min_chars`` characters (the end key, 0
    for a shorter sentence) with another can hold one. 0 for an empty norm.

    >>> ends, fulls = glue_hashes(["the minister resigned on monday evening after the vote", "hello"])
    >>> ends[0] == norm_hash("resigned on monday evening after the vote"[-40:]), ends[1], fulls[1] == norm_hash("hello")
    (True, 0, True)
    """
    k = config.glue_min_chars
    return ([norm_hash(n[-k:]) if len(n) >= k else 0 for n in norms], [norm_hash(n) if n else 0 for n in norms])


def _distinct_pairs(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (a, b) rows, sorted by a then b."""
    order = np.lexsort((b, a))
    a, b = a[order], b[order]
    keep = np.ones(len(a), dtype=bool)
    keep[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
    return a[keep], b[keep]


def glue_search(end: np.ndarray, full: np.ndarray, flat: np.ndarray) -> np.ndarray:
    """Which sentences (rows: end key, norm hash, in a flattened document) to search for glue
    points: those of flattened documents whose end key another, different sentence shares.

    >>> import numpy as np
    >>> glue_search(np.array([7, 7, 9], np.uint64), np.array([1, 2, 3], np.uint64), np.array([True, False, True]))
    array([ True, False, False])
    """
    keyed = end != 0
    ends, _ = _distinct_pairs(end[keyed], full[keyed])
    many = np.zeros(len(ends), dtype=bool)
    many[1:] = ends[1:] == ends[:-1]
    shared = np.unique(ends[many])
    if not len(shared):
        return np.zeros(len(end), dtype=bool)
    pos = np.minimum(np.searchsorted(shared, end), len(shared) - 1)
    return flat & keyed & (shared[pos] == end)


def held_elsewhere(hashes: np.ndarray, docs: np.ndarray, full: np.ndarray, doc: np.ndarray) -> np.ndarray:
    """For each norm hash ``hashes[i]``, whether a document other than ``docs[i]`` holds that
    sentence, given every sentence's norm hash ``full`` and document ``doc``.

    >>> import numpy as np
    >>> held_elsewhere(np.array([5, 5, 6], np.uint64), np.array([0, 1, 0]), np.array([5, 6], np.uint64), np.array([0, 1]))
    array([False,  True,  True])
    """
    wanted = np.unique(hashes)
    pos = np.minimum(np.searchsorted(wanted, full), len(wanted) - 1)
    mine = wanted[pos] == full  # only the rows of the sentences asked about
    fulls, docs_of = _distinct_pairs(full[mine], doc[mine].astype(np.int64))
    lo = np.searchsorted(fulls, hashes, side="left")
    hi = np.searchsorted(fulls, hashes, side="right")
    first = docs_of[np.minimum(lo, max(len(fulls) - 1, 0))] if len(fulls) else np.zeros(len(hashes), np.int64)
    return (hi - lo >= 2) | ((hi - lo == 1) & (first != docs))


def glue_cuts(texts: Mapping[int, str], spans: Mapping[int, Sequence[int]],
              rows: tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray, np.ndarray],
              config: SegmentConfig = SegmentConfig()) -> dict[int, list[int]]:
    """The blanks to turn into line breaks in the flattened documents ``texts`` (by document
    index, with their sentences' ``spans`` as flat (start, end, line) triples): at each sentence's
    first glue point whose remainder is a sentence of another document. ``rows`` gives every
    sentence of the corpus: document, index in it, end key and norm hash (``glue_hashes``), and
    whether its document is flattened. The end keys (None: not computed) only spare the search
    of sentences that no other ends as.

    >>> import numpy as np
    >>> t = "Lire aussi : la suite Le ministre a parlé hier de la réforme des retraites."
    >>> other = "le ministre a parle hier de la reforme des retraites"
    >>> ends, fulls = glue_hashes([normalise(t), other])
    >>> rows = (np.array([0, 1]), np.array([0, 0]), np.array(ends, np.uint64), np.array(fulls, np.uint64), np.array([True, False]))
    >>> glue_cuts({0: t}, {0: [x for span in sentence_spans(t) for x in span]}, rows)
    {0: [21]}
    """
    doc, index, end, full, flat = rows
    if not config.glue_min_words or not len(doc):
        return {}
    found: list[tuple[int, int, int, int]] = []
    # Without end keys every sentence of a flattened document is searched: the same cuts.
    for r in np.flatnonzero(flat if end is None else glue_search(end, full, flat)).tolist():
        d = int(doc[r])
        i = 3 * int(index[r])
        found.extend((r, d, blank, h) for blank, h in glue_tails(texts[d], spans[d][i], spans[d][i + 1], config))
    if not found:
        return {}
    cand = np.array([(d, h) for _, d, _, h in found], dtype=np.uint64).reshape(-1, 2)
    ok = held_elsewhere(cand[:, 1], cand[:, 0].astype(np.int64), full, doc)
    cuts: dict[int, list[int]] = {}
    done = -1
    for (r, d, blank, _), keep in zip(found, ok.tolist(), strict=True):
        if keep and r != done:  # a sentence's first glue point whose remainder is held elsewhere
            cuts.setdefault(d, []).append(blank)
            done = r
    return cuts


def glue_cuts_reference(texts: Sequence[str], flattened: Sequence[bool],
                        config: SegmentConfig = SegmentConfig()) -> dict[int, list[int]]:
    """``glue_cuts`` as first written, by brute force over every glue point: the tests' oracle."""
    spans = [sentence_spans(t, config) for t in texts]
    holders: dict[str, set[int]] = {}
    for d, t in enumerate(texts):
        for s, e, _ in spans[d]:
            holders.setdefault(normalise(t[s:e]), set()).add(d)
    cuts: dict[int, list[int]] = {}
    for d, t in enumerate(texts):
        if not flattened[d] or not config.glue_min_words:
            continue
        for s, e, _ in spans[d]:
            for blank, word in glue_points(t, s, e):
                rest = normalise(t[word:e])
                if _glued_sentence(rest, config) and holders.get(rest, set()) - {d}:
                    cuts.setdefault(d, []).append(blank)
                    break
    return cuts


def cut_at(text: str, blanks: Sequence[int]) -> str:
    """``text`` with a line break in place of each blank at ``blanks``: offsets are unchanged.

    >>> cut_at("Share this The end.", [10])
    'Share this\\nThe end.'
    """
    pieces = []
    last = 0
    for b in sorted(blanks):
        pieces.append(text[last:b])
        last = b + 1
    pieces.append(text[last:])
    return "\n".join(pieces)


def given_breaks(given: str, text: str) -> str:
    """What ``given`` has at each line break of ``text``, the same text with line breaks put in
    place of some of its blanks (``cut_at``), in order: ``Document.input_breaks``.

    >>> given_breaks("Titre\\nUne phrase.\\u00a0Une autre.", "Titre\\nUne phrase.\\nUne autre.")
    '\\n\\xa0'
    """
    out = []
    k = text.find("\n")
    while k != -1:
        out.append(given[k])
        k = text.find("\n", k + 1)
    return "".join(out)


def sentence_spans(text: str, config: SegmentConfig = SegmentConfig()) -> list[tuple[int, int, int]]:
    """(start, end, line) of each sentence, blanks trimmed: ``segment`` without the records.

    >>> sentence_spans("Titre\\n\\nM. X a parlé. Il a dit oui.")
    [(0, 5, 0), (7, 20, 1), (21, 34, 1)]
    """
    out = []
    limit = config.max_sentence_chars
    for line_no, (ps, pe) in enumerate(paragraphs(text, config)):
        for s, e in _cap(split_sentences(text, ps, pe), text, limit):
            raw = text[s:e]
            kept = raw.lstrip()
            if not kept:
                continue
            # Offsets point at the words themselves, not the blanks kept at span edges.
            out.append((s + len(raw) - len(kept), e - len(kept) + len(kept.rstrip()), line_no))
    return out


def segment(doc_index: int, doc: Document, config: SegmentConfig = SegmentConfig()) -> list[Segment]:
    """Sentences of one document.

    >>> segs = segment(0, Document(id="a", text="Titre\\n\\nM. X a parlé. Il a dit oui."))
    >>> [(s.line, s.text) for s in segs]
    [(0, 'Titre'), (1, 'M. X a parlé.'), (1, 'Il a dit oui.')]
    """
    text = doc.text
    out = []
    for k, (s, e, line) in enumerate(sentence_spans(text, config)):
        t = text[s:e]
        out.append(Segment(doc_index, k, s, e, line, t, normalise(t)))
    return out


# A picture's credit above the story: "Photo: Reuters/John Smith", "Crédit photo : AFP", "Image
# copyright Getty Images", "Foto: dpa", "AFP PHOTO / Ludovic Marin", "© Reuters".
_CREDIT = re.compile(
    r"^\W*(?:©|\(c\)\s"
    r"|(?i:(?:photo|picture|image|foto|bild|imagen|immagine|afbeelding)\s*(?:credits?|copyright|source|nachweis|quelle)"
    r"|cr[ée]dits?\s+(?:photos?|images?|fotos?)|cr[ée]dito\s+(?:de\s+)?(?:foto|imagen)|copyright\s+(?:photo|image|foto)"
    r"|bildquelle|bildnachweis|fotonachweis|fotocredit|(?:photo|foto|picture)(?:graph)?\s+(?:by|par|von|por|di|door)\s)"
    r"|(?i:photos?|pictures?|pics?|images?|fotos?|bilder|bild|illustrations?|cr[ée]dits?|copyright|cr[ée]dito)\s*[:©|/]"
    r"|[\w .&-]{1,30}?\b(?i:photo|foto)\s*/)")
# An embargo or release line of a press release: "EMBARGOED UNTIL 00:01 GMT 5 MAY", "For
# immediate release", "Sous embargo jusqu'au 5 mai", "Sperrfrist: ...".
_RELEASE = re.compile(
    r"^(?:embargo(?:ed)?\s+(?:until|till|to|jusqu|au|bis|hasta|fino|tot|ate)\b|embargo(?:ed)?\s*[:\d]|embargoed"
    r"|(?:under|sous|unter|bajo|sotto|onder|sob)\s+embargo|embargo\s*$|sperrfrist|strictly\s+embargoed"
    r"|(?:for|hold\s+for)\s+(?:immediate\s+)?release|immediate\s+release|not\s+for\s+(?:publication|release|broadcast)"
    r"|(?:pour|a)\s+(?:diffusion|publication)\s+immediate|(?:diffusion|publication)\s+immediate|a\s+diffuser"
    r"|zur\s+(?:sofortigen\s+)?(?:veroffentlichung|freigabe)|para\s+(?:su\s+)?(?:publicacion|difusion|divulgacao|publicacao)"
    r"\s+(?:inmediata|imediata)|per\s+(?:la\s+)?(?:diffusione|pubblicazione)\s+immediata"
    r"|voor\s+(?:onmiddellijke\s+)?(?:publicatie|vrijgave|release))")
# A dateline alone on its line: a place, then a date, an agency or both ("PARIS, 5 mai (Reuters)",
# "WASHINGTON, May 5", "NEW YORK (AP)"), perhaps its dash.
_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][\w'’.-]*(?:[ -]+[^\W\d_][\w'’.-]*){0,3})"
    r"(?:\s*,\s*(?P<date>[\w.,/ ]{1,40}?))?\s*(?P<agency>\([^()]{1,40}\)|/[^/]{1,40}/)?\s*[-–—]*\s*$")
_DATE_WORDS = frozenset("le la the am den el il de del du on op em".split())
_DIGITS = re.compile(r"\d{1,4}")
# The first word of a line, after quotes, dashes or a bullet (not after a bracket: a note in
# brackets below a headline, "(after extra time)", is no continuation).
_OPENING_WORD = re.compile(r"[^\w(\[{]*?(\w+)")


def _dateline_only(text: str) -> bool:
    """Whether ``text`` is a dateline with nothing after it: a place and a date (day and month,
    "5 mai", "May 5, 2022", "05/05/2022") and/or an agency in brackets; a place in capitals
    when there is no date.

    >>> _dateline_only("PARIS, 5 mai (Reuters)"), _dateline_only("NEW YORK (AP)"), _dateline_only("Paris, le 5 mai 2022")
    (True, True, True)
    >>> _dateline_only("Erdogan Visits Moscow (Video)"), _dateline_only("Paris, capitale du monde")
    (False, False)
    """
    if "," not in text and "(" not in text and "/" not in text:
        return False
    m = _DATELINE.match(text.strip())
    if m is None or not m.group("place")[:1].isupper():
        return False
    date, agency = m.group("date"), m.group("agency")
    if date is None:
        return agency is not None and m.group("place").isupper()
    tokens = [t for t in re.split(r"[\s.,/]+", date) if t]
    months = sum(1 for t in tokens if month_number(t) is not None)
    numbers = sum(1 for t in tokens if _DIGITS.fullmatch(t))
    others = len(tokens) - months - numbers - sum(1 for t in tokens if t.lower() in _DATE_WORDS)
    return numbers >= 1 and (months >= 1 or numbers >= 3 or "/" in date) and others <= 1


def _wrapped_short_of(segs: Sequence[Segment], length: int, lines: int = 3) -> bool:
    """Whether ``segs`` are a hard-wrapped text (at least ``lines`` line breaks inside their
    first 40 sentences) none of whose lines (there) reaches ``length``: a text wrapped at a width
    that a line of ``length`` would not have fitted in.

    >>> segs = segment(0, Document(id="a", text="One line that was wrapped\\nby a mail program. And one\\nmore, and yet\\nanother."))
    >>> _wrapped_short_of(segs, 26), _wrapped_short_of(segs, 25)
    (True, False)
    """
    inner = 0
    for s in islice(segs, 40):
        if len(s.text) < length:
            inner += s.text.count("\n")
        elif "\n" not in s.text or any(len(ln.rstrip()) >= length for ln in s.text.split("\n")):
            return False
        else:
            inner += s.text.count("\n")
    return inner >= lines


def _runs_on(first: Segment, after: Segment, rest: Sequence[Segment]) -> bool:
    """Whether ``after`` goes on with the sentence that ``first`` began: it opens with a word in
    lower case (a hard-wrapped line, or a tabloid's first line set apart from the rest of its
    sentence), or ``first`` (its last line, if it was joined from several) and the next word
    would not have fitted on one line of the text, ``rest``, hard-wrapped at a fixed width.

    >>> segs = segment(0, Document(id="a", text="A WOMAN was jailed for seven years yesterday\\n\\nfor torturing him."))
    >>> _runs_on(segs[0], segs[1], segs[1:])
    True
    """
    nxt = _OPENING_WORD.match(after.text)
    if nxt is not None and nxt.group(1).islower():
        return True
    word = after.text.split(None, 1)[:1]
    return bool(word) and _wrapped_short_of(rest, len(first.text.rsplit("\n", 1)[-1]) + 1 + len(word[0]))


_SENTENCE_ENDS = tuple(_TERMINAL + ":;,-–—")


def _not_a_headline(first: Segment, after: Segment, max_words: int) -> bool:
    """Whether ``first``, above ``after``, is no headline by its own text: see ``headline``."""
    text = first.text.strip()
    # (a flattened text puts every sentence on a line of its own: its first line is a lede, a
    # question or an exclamation as often as a headline, so those endings count as a sentence's)
    end = text.rstrip(_CLOSERS).rstrip()
    if end.endswith(_SENTENCE_ENDS) or text.startswith(("(", "[")):
        return True
    if not 3 <= len(words(first.norm)) <= max_words:
        return True
    # What stands above a story without titling it: a picture's credit, a press release's
    # embargo or release line, a dateline alone on its line.
    return bool(_CREDIT.match(text) or _RELEASE.match(first.norm) or _dateline_only(text))


def headline(segs: Sequence[Segment], max_words: int = 20) -> int | None:
    """``Segment.index`` of the document's headline, or None: its first content sentence, when
    that stands on a line of its own above more content, is 3 to ``max_words`` words long, does
    not end as a sentence or a lead-in does (a full stop, a question or exclamation mark, a
    colon, a comma, a dateline's dash; inside closing quotes too), is not a note in brackets,
    is not a picture credit, an embargo or release line or a dateline alone, and is not the
    first line of a hard-wrapped sentence (which goes on in lower case on the next line, or
    filled its line: ``_runs_on``).

    >>> headline(segment(0, Document(id="a", text="Big night in the league\\n\\nThe game was won. It ended late.")))
    0
    >>> headline(segment(0, Document(id="a", text="The game was won.\\n\\nIt ended late."))) is None
    True
    >>> headline(segment(0, Document(id="a", text="Photo: Reuters/Jane Doe\\n\\nThe game was won. It ended late."))) is None
    True
    """
    content = [(k, s) for k, s in islice(((k, s) for k, s in enumerate(segs) if not s.furniture), 2)]
    if len(content) < 2 or content[1][1].line == content[0][1].line:
        return None
    (k, first), (_, after) = content
    # (a hard-wrapped paragraph's first line is cut off from its sentence where ``paragraphs``
    # does not join it: after a bracket or a quotation, or a short line before a capital)
    if _not_a_headline(first, after, max_words) or _runs_on(first, after, segs[k + 1:k + 41]):
        return None
    return first.index


def segment_reference(doc_index: int, doc: Document, config: SegmentConfig = SegmentConfig()) -> list[Segment]:
    """``segment`` as first written, on the reference splitter and normaliser.

    >>> [s.norm for s in segment_reference(0, Document(id="a", text="Titre\\n\\nM. X a parlé."))]
    ['titre', 'm x a parle']
    """
    text = doc.text
    out: list[Segment] = []
    for line_no, (ps, pe) in enumerate(paragraphs(text, config)):
        spans = _cap(split_sentences_reference(text, ps, pe), text, config.max_sentence_chars)
        for s, e in spans:
            raw = text[s:e]
            # Trim blanks kept at span edges so offsets point at the words themselves.
            lead = len(raw) - len(raw.lstrip())
            trail = len(raw) - len(raw.rstrip())
            s, e = s + lead, e - trail
            if e <= s:
                continue
            out.append(
                Segment(
                    doc=doc_index,
                    index=len(out),
                    start=s,
                    end=e,
                    line=line_no,
                    text=text[s:e],
                    norm=normalise_reference(text[s:e]),
                )
            )
    return out
