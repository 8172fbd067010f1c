"""Bilingual word tables read from FreeDict dictionaries (dictd format), cached on disk.

A dictd dictionary is a pair of files: ``NAME.index`` with one line per headword
(``headword<TAB>offset<TAB>length``, numbers in dictd's base64) and ``NAME.dict.dz``, a gzip
stream whose bytes at that offset hold the entry. Debian's ``dict-freedict-*`` packages put them
under /usr/share/dictd (``scripts/install-dictionaries.sh``). They are GPL / CC-BY-SA data and
are read from there at run time, never shipped with provenance.

:func:`lexicon` turns them into one table per source language: folded word → pivot-language
stems, by the direct dictionary, the reversed opposite one, and a bridge language (German) for
words the first two miss. Parsing takes seconds, so each table is pickled under
``$PROVENANCE_CACHE`` (default ``~/.cache/provenance``) keyed by the files' sizes and mtimes.

>>> cfg = LexiconConfig(dict_dirs=())
>>> lexicon("fr", "en", config=cfg)
{}
"""

from __future__ import annotations

import gzip
import hashlib
import os
import pickle
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from provenance.xling.text import ISO3, is_function_word, lemma, stem

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_B64_VALUE = {c: i for i, c in enumerate(_B64)}
# Bump when parsing or composition changes, so stale caches are not reused.
_FORMAT = 4


@dataclass(frozen=True, slots=True)
class LexiconConfig:
    """Where dictionaries and the cache live, and how many translations a word keeps.

    >>> LexiconConfig().max_translations
    5
    """

    dict_dirs: tuple[str, ...] = ("/usr/share/dictd", "/usr/local/share/dictd")
    cache_dir: str | None = None
    """None: ``$PROVENANCE_CACHE``, else ``$XDG_CACHE_HOME/provenance``, else ~/.cache/provenance."""
    max_translations: int = 5
    bridges: tuple[str, ...] = ("de", "fr")
    """Languages tried, in order, to reach the pivot when no direct dictionary knows a word."""
    stem_length: int = 6


DEFAULT = LexiconConfig()


def decode_b64(text: str) -> int:
    """Decode one dictd base64 number (big-endian digits, no padding).

    >>> decode_b64("B"), decode_b64("BA")
    (1, 64)
    """
    value = 0
    for c in text:
        value = value * 64 + _B64_VALUE[c]
    return value


def find_dictionary(src: str, tgt: str, *, config: LexiconConfig = DEFAULT) -> Path | None:
    """Path of the ``.index`` file of the FreeDict ``src``→``tgt`` dictionary, if installed.

    Languages are ISO 639-1 codes.

    >>> find_dictionary("fr", "en", config=LexiconConfig(dict_dirs=())) is None
    True
    """
    a, b = ISO3.get(src, src), ISO3.get(tgt, tgt)
    for d in config.dict_dirs:
        index = Path(d) / f"freedict-{a}-{b}.index"
        if index.is_file() and index.with_suffix(".dict.dz").is_file():
            return index
    return None


def installed_pairs(*, config: LexiconConfig = DEFAULT) -> set[tuple[str, str]]:
    """All (src, tgt) ISO 639-1 pairs with an installed FreeDict dictionary.

    >>> installed_pairs(config=LexiconConfig(dict_dirs=()))
    set()
    """
    back = {v: k for k, v in ISO3.items()}
    pairs = set()
    for d in config.dict_dirs:
        for index in Path(d).glob("freedict-*-*.index") if Path(d).is_dir() else ():
            parts = index.name[len("freedict-") : -len(".index")].split("-")
            if len(parts) == 2 and parts[0] in back and parts[1] in back:
                pairs.add((back[parts[0]], back[parts[1]]))
    return pairs


_BRACKETS = re.compile(r"<[^>]*>|\[[^\]]*\]|\([^)]*\)|\{[^}]*\}|/[^/]*/")
_NOISE = frozenset({"sth", "sb", "sth.", "sb.", "etc", "esp", "usu"})
_NUMBERED = re.compile(r"^\d+\.\s*")
_TRAILING_NUMBER = re.compile(r"\s+\d+\.\s*$")


def parse_entry(body: str, *, wiktionary: bool) -> list[str]:
    """Translation phrases of one dictd entry (headword line excluded from the result).

    FreeDict entries built from Wiktionary put a gloss in the source language after each
    numbered translation; those glosses are dropped by keeping only the first line and lines
    that open a numbered sense. Older dictionaries list translations on plain lines.

    >>> parse_entry("maison /mɛzɔ̃/ <n, fem>\\nhouse, home\\n", wiktionary=False)
    ['house', 'home']
    >>> parse_entry("Haus /haʊ̯s/ <n>\\n1. maison 2.\\nzum Wohnen dienendes Gebäude\\n", wiktionary=True)
    ['maison']
    """
    lines = body.split("\n")[1:]
    phrases: list[str] = []
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if wiktionary and not (i == 0 or _NUMBERED.match(raw)):
            continue
        if line.startswith(('"', "see:", "Synonym", "Note:", "Antonym", "Notes:")):
            continue
        line = _TRAILING_NUMBER.sub("", _NUMBERED.sub("", line))
        line = _BRACKETS.sub(" ", line)
        for piece in re.split(r"[,;]", line):
            piece = " ".join(piece.split()).strip(" .:!?")
            if piece and len(piece.split()) <= 3 and not piece[:1].isdigit():
                phrases.append(piece)
    return phrases


def read_dictd(index_path: Path) -> dict[str, list[str]]:
    """Parse a dictd dictionary into casefolded headword → translation phrases.

    Headwords of several words are kept (callers skip them if they want single words).
    """
    data = gzip.decompress(index_path.with_suffix(".dict.dz").read_bytes())
    head = data[:4000].decode("utf-8", "replace").casefold()
    wiktionary = "wiktionary" in head
    table: dict[str, list[str]] = {}
    with open(index_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3 or parts[0].startswith("00database") or parts[0].startswith("00-"):
                continue
            start, length = decode_b64(parts[1]), decode_b64(parts[2])
            body = data[start : start + length].decode("utf-8", "replace")
            phrases = parse_entry(body, wiktionary=wiktionary)
            if phrases:
                key = parts[0].casefold()
                known = table.setdefault(key, [])
                known.extend(p for p in phrases if p not in known)
    return table


def cache_dir(config: LexiconConfig = DEFAULT) -> Path:
    """The directory parsed tables are cached in (created on demand).

    >>> cache_dir(LexiconConfig(cache_dir="/tmp/x")).name
    'x'
    """
    if config.cache_dir:
        return Path(config.cache_dir)
    if os.environ.get("PROVENANCE_CACHE"):
        return Path(os.environ["PROVENANCE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "provenance"


def _fingerprint(paths: list[Path], extra: str) -> str:
    h = hashlib.sha1(f"{_FORMAT}|{extra}".encode())
    for p in paths:
        for f in (p, p.with_suffix(".dict.dz")):
            st = f.stat()
            h.update(f"{f}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def _cached(name: str, paths: list[Path], extra: str, config: LexiconConfig, build):  # type: ignore[no-untyped-def]
    path = cache_dir(config) / "xling" / f"{name}-{_fingerprint(paths, extra)}.pickle"
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    value = build()
    try:  # a read-only or full cache dir only costs speed
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in path.parent.glob(f"{name}-*.pickle"):  # stale versions of this table
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return value


def _pivot_stems(phrase: str, pivot: str, config: LexiconConfig) -> list[str]:
    words = [w for w in re.findall(r"[^\W\d_]+", phrase) if not is_function_word(w, pivot)]
    # Short words inside phrases are mostly abbreviations ("sth", "sb", "Rep.").
    if len(words) > 1:
        words = [w for w in words if len(w) > 3]
    return [stem(lemma(w, pivot), length=config.stem_length) for w in words if len(w) > 2 and w not in _NOISE]


def _add(table: dict[str, list[str]], key: str, stems: list[str], cap: int) -> None:
    known = table.setdefault(key, [])
    for s in stems:
        if len(known) >= cap:
            return
        if s not in known:
            known.append(s)


def _two_way(src: str, tgt: str, config: LexiconConfig) -> tuple[list[Path], list[tuple[str, list[str]]]]:
    """(files used, [(src word, tgt phrases)]) from src→tgt and reversed tgt→src dictionaries."""
    pairs: list[tuple[str, list[str]]] = []
    used: list[Path] = []
    direct = find_dictionary(src, tgt, config=config)
    if direct is not None:
        used.append(direct)
        pairs.extend((k, v) for k, v in read_dictd(direct).items() if " " not in k)
    reverse = find_dictionary(tgt, src, config=config)
    if reverse is not None:
        used.append(reverse)
        for head, phrases in read_dictd(reverse).items():
            for p in phrases:
                if " " not in p:
                    pairs.append((p.casefold(), [head]))
    return used, pairs


def _files_for(lang: str, pivot: str, config: LexiconConfig) -> list[Path]:
    langs = [lang, pivot, *config.bridges]
    found = []
    for a in langs:
        for b in langs:
            if a != b:
                p = find_dictionary(a, b, config=config)
                if p is not None:
                    found.append(p)
    return sorted(set(found))


@lru_cache(maxsize=32)
def lexicon(lang: str, pivot: str = "en", *, config: LexiconConfig = DEFAULT) -> dict[str, tuple[str, ...]]:
    """Folded-case word of ``lang`` → pivot stems, most reliable first; {} without dictionaries.

    Keys are casefolded words (accents kept) and their lemmas; values are at most
    ``config.max_translations`` stems as :func:`provenance.xling.text.stem` makes them.
    """
    if lang == pivot:
        return {}
    files = _files_for(lang, pivot, config)
    if not files:
        return {}

    def build() -> dict[str, tuple[str, ...]]:
        cap = config.max_translations
        table: dict[str, list[str]] = {}
        _, pairs = _two_way(lang, pivot, config)
        for word, phrases in pairs:
            for p in phrases:
                _add(table, word, _pivot_stems(p, pivot, config), cap)
        for bridge in config.bridges:
            if bridge in (lang, pivot):
                continue
            # No bridges on the onward leg: two hops are noisy enough, and it stops recursion.
            onward = lexicon(bridge, pivot, config=replace(config, bridges=()))
            if not onward:
                continue
            _, to_bridge = _two_way(lang, bridge, config)
            for word, phrases in to_bridge:
                if word in table and len(table[word]) >= 2:
                    continue  # the direct dictionaries are cleaner than a two-step path
                for p in phrases[:3]:
                    key = p.casefold()
                    hits = onward.get(key) or onward.get(lemma(key, bridge))
                    if hits:
                        _add(table, word, list(hits[:2]), cap)
        # Index lemmas too, so inflected forms found by simplemma hit the table.
        for word in list(table):
            lw = lemma(word, lang)
            if lw != word and lw not in table:
                table[lw] = table[word]
        return {k: tuple(v) for k, v in table.items() if v}

    extra = f"{lang}|{pivot}|{config.max_translations}|{config.bridges}|{config.stem_length}"
    return _cached(f"lexicon-{lang}-{pivot}", files, extra, config, build)  # type: ignore[no-any-return]
