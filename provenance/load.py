"""Stage 1: read a corpus into :class:`~provenance.model.Document` records.

Accepted inputs: a folder (recursive ``*.txt`` / ``*.md``, saved web pages ``*.html`` /
``*.htm``, whose text and declared metadata :mod:`provenance.webpage` reads, and ``*.docx`` /
``*.odt`` / ``*.pdf`` files, read by :mod:`provenance.office`; the id is the path
relative to the folder without its extension; the records of its ``*.json`` files; and the
shards of a dump it holds), a JSON Lines file (``.jsonl``, ``.jsonl.gz``), a JSON file, CSV or
Parquet, or a web archive (``.warc``, ``.warc.gz``, Common Crawl's ``.wet.gz``), whose HTML pages
:mod:`provenance.warc` streams. A folder's hidden entries and earlier provenance outputs are not
read, and an earlier output given as the input is refused.
Unreadable files inside a folder, and files in formats not read, are skipped with a reason;
problems that make the whole input unusable (empty corpus, duplicate ids, a malformed JSONL line)
raise :class:`InputError`.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import os
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from . import metadata as md
from . import office, warc, webpage
from .errors import InputError
from .furniture import furniture_heads
from .model import Document
from .orient import translated_language
from .segment import cut_at, given_breaks, restore_breaks

KNOWN_FIELDS = ("id", "text", "date", "source", "url", "title", "lang")
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("article_id", "doc_id", "document_id", "story_id", "item_id", "guid", "uuid"),
    "text": ("maintext", "content", "body", "article", "article_text", "articleBody", "body_text", "full_text",
             "texte", "contenu", "corps"),
    "date": ("date_publish", "published", "published_at", "publish_date", "publication_date", "pubDate",
             "pub_date", "datePublished", "date_published", "published_date", "publish_time", "published_time",
             "dateTimePub", "datetime", "date_publication", "date_de_publication", "date_parution", "fecha", "datum"),
    "source": ("source_domain", "domain", "site", "site_name", "outlet", "publisher", "source_name", "media_name",
               "publication", "newspaper", "journal"),
    "url": ("link", "canonical_url", "source_url", "article_url", "permalink", "web_url", "lien"),
    "title": ("headline", "titre", "titulo", "titel"),
    "lang": ("language", "language_code", "langue"),
}
"""Names other tools and exports give the known fields (news-please, Common Crawl news sets, RSS
and CMS exports, spreadsheets in French, Spanish, German): read when the record lacks the field
itself. Names match whatever their case, accents, and spaces, underscores, hyphens or dots
(``Publication Date``, ``published-at`` and ``PublishedAt`` are ``published_at``: see
:func:`field_key`). A record without an ``id`` is named by its URL."""
TEXT_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class LoadConfig:
    """How records are read and which metadata is recovered from the text."""

    id_field: str = "id"
    text_field: str = "text"
    date_field: str = "date"
    source_field: str = "source"
    url_field: str = "url"
    title_field: str = "title"
    lang_field: str = "lang"
    """Each ``*_field`` names the input field read as that known field. Left at its default, the
    field is matched loosely (:func:`field_key`) and its aliases (``FIELD_ALIASES``) are read
    when the record lacks it; named otherwise, only that field is read (whatever its case)."""
    detect_language: bool = True
    recover_dates: bool = True
    day_first: bool = True
    """Read ambiguous numeric dates (``01/03/00``) as day/month, the European and wire order."""
    legacy_encoding: str = "cp1252"
    """What a text or CSV file that is neither UTF-8 nor marked by a byte-order mark is read as
    (``cp1251`` for a Russian archive, ``shift_jis``, ``latin-1``...)."""


@dataclass
class LoadResult:
    documents: list[Document]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(file, reason) for every input that was skipped."""
    notes: list[str] = field(default_factory=list)
    """What the reader should know about the input's fields (a column of dates that is read as none)."""


def decode_text(raw: bytes, legacy: str = "cp1252") -> tuple[str | None, str | None, str | None, int]:
    """A text file's text, the encoding it was read in, why it cannot be read (None when it
    can) and how many invalid bytes were replaced: the encoding its byte-order mark names;
    UTF-16 without a mark, in any script (:func:`utf16_without_bom`), or as ``legacy`` names it
    when that is a UTF-16 or UTF-32 codec; UTF-8, also with a few stray bytes
    (:func:`utf8_with_strays`); else ``legacy``, by default windows-1252, the commonest legacy
    encoding of Western news archives (the web's default for pages that declare none). A file
    readable in neither, or holding NUL bytes otherwise, is refused.

    >>> decode_text("Déjà vu".encode("cp1252"))
    ('Déjà vu', 'windows-1252', None, 0)
    >>> decode_text("Déjà vu".encode("utf-16"))
    ('Déjà vu', 'utf-16', None, 0)
    >>> decode_text("Путин провёл телефонный разговор".encode("utf-16-le"))
    ('Путин провёл телефонный разговор', 'utf-16-le', None, 0)
    >>> decode_text("Президент России заявил".encode("utf-8") + b"\\x92")
    ('Президент России заявил\ufffd', 'utf-8', None, 1)
    """
    wide = _wide(legacy) and b"\x00" in raw[:8192]
    enc = webpage.bom_encoding(raw) or (legacy if wide else utf16_without_bom(raw))
    if enc is not None:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as e:
            return None, None, f"not valid {encoding_name(enc).upper()} (byte {e.start})", 0
        if "\x00" in text:
            return None, None, "binary file (contains NUL characters)", 0
        return text, encoding_name(enc).removesuffix("-sig"), None, 0
    if b"\x00" in raw[:8192]:
        # What no check can tell: a short text, or one in an unusual byte order.
        return None, None, ("binary file (contains NUL bytes; if it is UTF-16 text without a byte-order mark, "
                            "give --encoding utf-16-le or utf-16-be)"), 0
    try:
        return raw.decode("utf-8"), "utf-8", None, 0
    except UnicodeDecodeError as e:
        first = e.start
    mended = utf8_with_strays(raw)
    if mended is not None:
        return mended[0], "utf-8", None, mended[1]
    name = encoding_name(legacy)
    try:
        return raw.decode(legacy), name, None, 0
    except UnicodeDecodeError:
        return None, None, f"neither UTF-8 (byte {first}) nor {name}: give its encoding with --encoding", 0


STRAY_SHARE = 0.2
"""Bytes that are not UTF-8 in a file that otherwise is: at most this share of its invalid
bytes and continuation bytes of valid multi-byte sequences (:func:`utf8_with_strays`). A file in
a legacy encoding has hardly any valid multi-byte sequence (an accented letter is followed by a
plain one), so nearly all of its non-ASCII bytes are invalid; Shift-JIS or GBK read as UTF-8 give
about three invalid bytes to one continuation byte."""


def utf8_counts(raw: bytes) -> tuple[str, int, int]:
    r"""``raw`` read as UTF-8 with each invalid byte escaped (``surrogateescape``), the number of
    invalid bytes, and the number of continuation bytes of valid multi-byte sequences (as many
    as its two-byte characters, twice its three-byte ones).

    >>> utf8_counts("été".encode("utf-8") + b"\x92")[1:]
    (1, 2)
    """
    text = raw.decode("utf-8", "surrogateescape")
    return text, len(_ESCAPED.findall(text)), len(raw) - len(text)


_ESCAPED = re.compile("[\udc80-\udcff]")


def utf8_with_strays(raw: bytes) -> tuple[str, int] | None:
    r"""``raw`` read as UTF-8 with each invalid byte replaced by U+FFFD, and how many were, when
    it is UTF-8 apart from a few stray bytes (a spreadsheet cell or a scrape pasted in another
    encoding): it holds valid multi-byte sequences, and few invalid bytes beside them
    (``STRAY_SHARE``). None when it is not UTF-8 as a whole.

    >>> utf8_with_strays("Президент России заявил".encode("utf-8") + b" \x92")
    ('Президент России заявил �', 1)
    >>> utf8_with_strays("Le ministère a décidé d'étendre la réforme à l'été".encode("cp1252")) is None
    True
    """
    text, bad, good = utf8_counts(raw)
    if not bad or not good or bad > STRAY_SHARE * (good + bad):
        return None
    return _ESCAPED.sub("\ufffd", text), bad


def stray_line(raw: bytes) -> int:
    """The line (from 1) of the first byte of ``raw`` that is not UTF-8 (0 when there is none)."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return raw.count(b"\n", 0, e.start) + 1
    return 0


Strays = list[tuple[str, int, int]]
"""Files read as UTF-8 with invalid bytes replaced: (file, bytes replaced, line of the first)."""
STRAYS_KEY = "__strays"
"""The record field that carries a text file's :data:`Strays` entry out of a worker."""
STRAYS_SHOWN = 10


def stray_lines(strays: Strays, limit: int = STRAYS_SHOWN) -> list[str]:
    """The warnings for files read as UTF-8 with stray bytes replaced: one per file, the first
    ``limit`` of them, then one line for the rest.

    >>> stray_lines([("a.csv", 1, 7), ("b.txt", 2, 3), ("c.txt", 1, 1)], limit=1)
    ['a.csv: 1 byte that is not UTF-8 (the first at line 7) read as U+FFFD (�); the rest of the file is UTF-8', '2 more files hold bytes that are not UTF-8 (3 in all), also read as U+FFFD']
    """
    lines = [f"{f}: {n} byte{'s' if n > 1 else ''} that {'are' if n > 1 else 'is'} not UTF-8 (the first at line {line}) "
             "read as U+FFFD (\ufffd); the rest of the file is UTF-8" for f, n, line in strays[:limit]]
    rest = strays[limit:]
    if rest:
        lines.append(f"{len(rest)} more files hold bytes that are not UTF-8 ({sum(n for _, n, _ in rest)} in all), "
                     "also read as U+FFFD")
    return lines


def encoding_name(codec: str) -> str:
    """The usual name of a codec ("cp1252" is windows-1252); raises LookupError for an unknown one.

    >>> encoding_name("cp1252"), encoding_name("CP1251"), encoding_name("latin_1")
    ('windows-1252', 'windows-1251', 'iso8859-1')
    """
    name = codecs.lookup(codec).name
    return f"windows-{name[2:]}" if re.fullmatch(r"cp125\d", name) else name


def looks_misread(text: str) -> bool:
    """Whether text read as windows-1252 looks like another single-byte encoding read wrongly:
    most of its letters are accented Latin-1 ones ("Ïðåçèäåíò" is "Президент" in windows-1251).

    >>> looks_misread("Ïðåçèäåíò Ðîññèè çàÿâèë"), looks_misread("Le président a déclaré")
    (True, False)
    """
    letters = sum(1 for c in text[:4000] if c.isalpha())
    high = sum(1 for c in text[:4000] if "\u00c0" <= c <= "\u00ff")
    return letters > 0 and high >= 0.4 * letters


def mixes_utf8(text: str, legacy: str = "cp1252") -> bool:
    """Whether text read in ``legacy`` was in part UTF-8 (a file pieced together from both:
    "Ã©" stands for "é"): its bytes hold valid multi-byte sequences, and not just a few.

    >>> mixes_utf8("Le ministÃ¨re de la Transition Ã©cologique"), mixes_utf8("Le ministère a décidé")
    (True, False)
    """
    _, bad, good = utf8_counts(text.encode(legacy, "ignore"))
    return good >= 2 and good >= STRAY_SHARE * (good + bad)


def utf16_without_bom(raw: bytes) -> str | None:
    r"""``utf-16-le`` or ``utf-16-be`` when ``raw`` reads as UTF-16 text without a byte-order mark,
    in any script, else None. Spaces, line breaks and digits put NUL bytes in UTF-16 text, on
    the high side of each character: there must be a few, the text must decode in that byte
    order into characters that text holds (no control, unassigned or private-use ones), and
    when both orders decode so, the NULs must lie on one side more than on the other.

    >>> utf16_without_bom("北京 11月3日电\n国务院总理出席会议。".encode("utf-16-le"))
    'utf-16-le'
    >>> utf16_without_bom("Президент России заявил".encode("utf-16-be"))
    'utf-16-be'
    >>> utf16_without_bom("Plain text.".encode("utf-8")) is None
    True
    """
    if len(raw) % 2:
        return None
    head = raw[:8192]
    if len(head) < 8 or head.count(0) < max(2, len(head) // 1000):
        return None
    fits = []
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            # Not final: the head may end inside a surrogate pair.
            text = codecs.getincrementaldecoder(enc)().decode(head)
        except UnicodeDecodeError:
            continue
        if _reads_as_text(text):
            fits.append(enc)
    if len(fits) < 2:
        return fits[0] if fits else None
    # Latin text in the wrong order still decodes, to CJK ideographs: ASCII's NULs decide.
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return "utf-16-le" if odd > even else "utf-16-be" if even > odd else None


def _reads_as_text(text: str) -> bool:
    """Whether decoded characters look like text: blanks between some of them, and hardly any
    control, unassigned, private-use or surrogate code point (which random bytes and text
    decoded in the wrong byte order give)."""
    if "\x00" in text or not re.search(r"[ \t\n\r]", text):
        return False
    odd = sum(1 for c in text if c not in "\t\n\r\f" and unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs"))
    return odd <= 0.01 * len(text)


def _wide(codec: str) -> bool:
    # A UTF-16 or UTF-32 codec, whose text holds NUL bytes.
    try:
        return codecs.lookup(codec).name.startswith(("utf-16", "utf-32"))
    except LookupError:
        return False


def _decode(raw: bytes, legacy: str = "cp1252") -> tuple[str | None, str | None, str | None, int]:
    text, enc, problem, strays = decode_text(raw, legacy)
    if text is not None and not text.strip():
        return None, None, "empty file", 0
    return text, enc, problem, strays


RECORD_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".json.gz")
TABLE_SUFFIXES = (".csv", ".tsv", ".parquet", ".pq")


def is_record_file(name: str) -> bool:
    """Whether a file holds many records (JSON Lines, a table, a web archive): a dump's shard.

    >>> is_record_file("part-0001.jsonl.gz"), is_record_file("a.txt")
    (True, False)
    """
    name = name.lower()
    return name.endswith(RECORD_SUFFIXES + TABLE_SUFFIXES) or warc.is_warc(name)


def is_output_folder(folder: Path) -> bool:
    """Whether ``folder`` holds an earlier output of ``provenance trace`` (its manifest and graph)."""
    return (folder / "manifest.json").is_file() and (folder / "graph.json").is_file()


def _folder_files(root: Path, skipped: list[tuple[str, str]]) -> list[Path]:
    """The readable inputs under ``root`` in path order: text files, web pages, JSON files and
    shards. Every other file is noted in ``skipped`` with the reason it is not read.

    Hidden files and folders (``.git``, stage caches) are left out, and so is any folder holding
    an earlier provenance output, noted in ``skipped``: tracing a folder after writing ``-o``
    inside it must not read the report and summary back as articles."""
    found: list[Path] = []
    unread: list[tuple[str, str]] = []
    for here, dirs, files in os.walk(root):
        base = Path(here)
        keep = []
        for d in sorted(dirs):
            if d.startswith("."):
                continue
            if is_output_folder(base / d):
                skipped.append((str(base / d), "an earlier provenance output (not read as input)"))
                continue
            keep.append(d)
        dirs[:] = keep
        for f in files:
            if f.startswith("."):
                continue
            # Not ``is_file()``: a dangling link named ``x.txt`` must be reported, not silently dropped.
            if f.lower().endswith(_FOLDER_SUFFIXES) or is_record_file(f):
                found.append(base / f)
            else:
                # Files in formats not read are named, not passed over in silence.
                unread.append((str(base / f), _unread_reason(f)))
    skipped.extend(sorted(unread))
    return sorted(found)


_FOLDER_SUFFIXES = TEXT_SUFFIXES + webpage.HTML_SUFFIXES + office.DOC_SUFFIXES + (".json",)
_FOLDER_FORMATS = ("a folder's articles are .txt, .md, .html, .docx, .odt, .pdf or .json files, "
                   "or a dump's shards (.jsonl, .csv, .tsv, .parquet, .warc...)")


def _unread_reason(name: str) -> str:
    """Why a file of a folder is not read, and what to do about it.

    >>> _unread_reason("story.rtf")
    'an RTF file, not read: save it as .docx, .pdf or .txt'
    >>> _unread_reason("feed.xml").split(":")[0]
    'a .xml file, not read'
    """
    suffix = Path(name).suffix.lower()
    if suffix in _UNREAD:
        return _UNREAD[suffix]
    inner = Path(Path(name).stem).suffix.lower()
    if suffix in _COMPRESSED and inner:
        return f"a compressed {inner} file, not read: decompress it, or save it as .jsonl.gz"
    kind = f"a {suffix} file" if suffix else "a file without an extension"
    return f"{kind}, not read: {_FOLDER_FORMATS}"


_COMPRESSED = (".gz", ".bz2", ".xz", ".zst", ".zip", ".7z")
_UNREAD = {
    ".doc": "a Word 97-2003 file, not read: save it as .docx or .pdf",
    ".rtf": "an RTF file, not read: save it as .docx, .pdf or .txt",
    ".pages": "a Pages file, not read: export it as .docx or .pdf",
    ".wpd": "a WordPerfect file, not read: save it as .docx or .pdf",
    ".wps": "a Works file, not read: save it as .docx or .pdf",
}


def _text_record(p: Path, root: Path, legacy: str = "cp1252") -> tuple[dict[str, Any] | None, str | None]:
    """One text file or saved web page of a folder as a record, or the reason it is skipped."""
    if p.exists() and not p.is_file():  # a FIFO or device would block or never end
        return None, "not a regular file"
    try:
        raw = p.read_bytes()
    except OSError as e:
        return None, f"unreadable: {e.strerror or e}"
    page = webpage.is_html(p.name)
    enc: str | None = None
    strays = 0
    rec: dict[str, Any] | None
    if office.is_document(p.name):
        rec, problem = office.document_record(p.name, raw)
        empty = "no text in the file"
    else:
        if page:
            text, _guessed, problem, used = webpage.decode_page_as(raw)
            enc = encoding_name(used) if used else None
        else:
            text, enc, problem, strays = _decode(raw, legacy)
        rec = None if text is None else webpage.page_record(text) if page else {"text": text}
        empty = "no text in the page" if page else "empty file"
    if rec is None:
        return None, problem or "unreadable"
    if not rec["text"].strip():
        return None, empty
    if enc not in (None, "utf-8"):
        # Kept with the document (the documents table's ``encoding`` column): a file read in a
        # guessed legacy encoding is worth a look.
        rec["encoding"] = enc
    if strays:
        rec[STRAYS_KEY] = (str(p), strays, stray_line(raw))
    return {"id": p.relative_to(root).with_suffix("").as_posix(), **rec, "__origin": str(p)}, None


def iter_records(path: str | Path, skipped: list[tuple[str, str]], legacy: str = "cp1252", *, workers: int = 1,
                 text_field: str = "text", strays: Strays | None = None) -> Iterator[dict[str, Any]]:
    """Stream the raw records (dicts) of any supported input, appending what is left out to
    ``skipped`` as ``(file, reason)``. A folder gives one record per text file or web page (the id
    is its path in the folder without the extension), the records of each JSON file
    (:func:`iter_json`; a file that holds none is skipped with the reason) and every record of
    each shard it holds (JSON Lines, CSV, Parquet, web archives: a dump split into parts), in path
    order; any other file is skipped with the reason. Text and CSV files that are not UTF-8 are
    read as ``legacy`` (``decode_text``); a file that is UTF-8 apart from a few stray bytes is read
    with U+FFFD for them and noted in ``strays``. ``workers`` processes share the extraction of a folder's
    Word, OpenDocument and PDF files. ``text_field`` names the field that makes a JSON object one
    record.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path((tmp := tempfile.TemporaryDirectory()).name)
    >>> _ = (d / "a.txt").write_text("Bonjour.")
    >>> _ = (d / "part-1.jsonl").write_text('{"id": "b", "text": "Salut."}\\n')
    >>> _ = (d / "c.json").write_text('{"id": "c", "text": "Coucou."}')
    >>> _ = (d / "d.xml").write_text('<p>Hello.</p>')
    >>> skipped = []
    >>> [r["id"] for r in iter_records(d, skipped)], [pathlib.Path(f).name for f, _ in skipped]
    (['a', 'c', 'b'], ['d.xml'])
    >>> tmp.cleanup()
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file or folder")
    if p.is_dir():
        if is_output_folder(p):
            raise InputError(_output_given(p))
        files = _folder_files(p, skipped)
        extracted = _extract_documents([f for f in files if office.is_document(f.name)], p, workers)
        for f in files:
            if is_record_file(f.name):
                yield from iter_records(f, skipped, legacy, workers=workers, text_field=text_field, strays=strays)
                continue
            if f.name.lower().endswith(".json"):
                yield from _folder_json(f, skipped, text_field, strays)
                continue
            rec, problem = extracted.pop(f) if f in extracted else _text_record(f, p, legacy)
            if rec is None:
                skipped.append((str(f), problem or "unreadable"))
            else:
                found = rec.pop(STRAYS_KEY, None)
                if found is not None and strays is not None:
                    strays.append(found)
                yield rec
        return
    name = p.name.lower()
    if name.endswith(RECORD_SUFFIXES):
        yield from iter_jsonl(p, strays)
    elif name.endswith(TABLE_SUFFIXES):
        yield from _read_table(p, legacy, strays)
    elif name.endswith(".json"):
        yield from iter_json(p, text_field, strays)
    elif warc.is_warc(name):
        yield from warc.iter_warc(p, skipped)
    elif name.endswith(TEXT_SUFFIXES + webpage.HTML_SUFFIXES + office.DOC_SUFFIXES):
        raise InputError(f"{p}: give the folder that holds the text files, not one file")
    else:
        raise InputError(
            f"{p}: unsupported input; give a folder (of .txt/.md/.html/.docx/.odt/.pdf/.json files or of shards), or a .jsonl, .jsonl.gz, "
            ".json, .csv, .tsv, .parquet, .warc, .warc.gz or .wet.gz file"
        )


def iter_json(path: Path, text_field: str = "text", strays: Strays | None = None) -> Iterator[dict[str, Any]]:
    """The records of a JSON file, as scrapers and APIs export them: one object with a text
    (``text_field``, a name other tools give it, or an ``html`` page: one article per file), a
    list of objects, or an object holding one list of objects (``{"articles": [...]}``). A file of
    one object per line is read as JSON Lines. A few bytes that are not UTF-8 are read as U+FFFD
    and noted in ``strays`` (:func:`utf8_with_strays`).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path((tmp := tempfile.TemporaryDirectory()).name) / "export.json"
    >>> _ = p.write_text('{"status": "ok", "articles": [{"id": "a", "text": "x"}, {"id": "b", "text": "y"}]}')
    >>> [r["id"] for r in iter_json(p)]
    ['a', 'b']
    >>> tmp.cleanup()
    """
    try:
        data_bytes = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None
    data_bytes = data_bytes.removeprefix(codecs.BOM_UTF8)
    mended = None
    try:
        raw = data_bytes.decode("utf-8")
    except UnicodeDecodeError as e:
        mended = utf8_with_strays(data_bytes)
        if mended is None:
            line = data_bytes.count(b"\n", 0, e.start) + 1
            raise InputError(f"{path}:{line}: not valid UTF-8 (byte {e.start + 1}); JSON must be UTF-8") from None
        raw = mended[0]
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        if e.msg == "Extra data":  # several values: JSON Lines under a .json name
            yield from iter_jsonl(path, strays)
            return
        raise InputError(f"{path}:{e.lineno}: malformed JSON ({e.msg}, column {e.colno})") from None
    if mended is not None and strays is not None:
        strays.append((str(path), mended[1], stray_line(data_bytes)))
    if isinstance(data, dict):
        # An article's own text comes first: its images or authors may be a list of objects.
        lists = [v for v in data.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        if _has_text(data, text_field):
            data = [data]
        elif len(lists) == 1:
            data = lists[0]
        elif not lists:
            raise InputError(f"{path}: expected a record with a '{text_field}' field (use --text-field to name it), "
                             "a list of records, or an object holding one list of them")
        else:
            raise InputError(f"{path}: expected a list of records, or an object holding one list of them "
                             f"(it holds {len(lists)} lists of objects)")
    if not isinstance(data, list):
        raise InputError(f"{path}: expected a list of records, got {type(data).__name__}")
    for i, rec in enumerate(data, 1):
        if not isinstance(rec, dict):
            raise InputError(f"{path}: record {i}: expected a JSON object, got {type(rec).__name__}")
        rec["__origin"] = f"{path}#{i}"
        yield rec


def _has_text(rec: dict[str, Any], text_field: str) -> bool:
    return isinstance(rec.get("html"), str) or isinstance(text_of(rec, LoadConfig(text_field=text_field)), str)


def _folder_json(path: Path, skipped: list[tuple[str, str]], text_field: str, strays: Strays | None = None,
                 ) -> list[dict[str, Any]]:
    """The records of a folder's JSON file, or none and the reason in ``skipped``: in a folder of
    one article per file, a truncated download or a crawler's own ``meta.json`` is one bad file
    among many, as an unreadable text file is, not a reason to stop the run."""
    if path.exists() and not path.is_file():
        skipped.append((str(path), "not a regular file"))
        return []
    try:
        return list(iter_json(path, text_field, strays))
    except InputError as e:
        # The message opens with the file (and the line), as origins are written.
        m = re.fullmatch(r"(:\d+)?: (.*)", str(e).removeprefix(str(path)), re.S)
        skipped.append((f"{path}{m[1] or ''}", m[2]) if m else (str(path), str(e)))
        return []


def _output_given(folder: Path) -> str:
    """The error for an earlier provenance output given as the input, naming what it was made from."""
    try:
        made_from = json.loads((folder / "manifest.json").read_text(encoding="utf-8")).get("input")
    except (OSError, ValueError, AttributeError):
        made_from = None
    source = f" ({made_from})" if isinstance(made_from, str) and made_from else ""
    return (f"{folder}: this folder is an earlier provenance output (it holds manifest.json and graph.json), "
            f"not a corpus: trace the input it was made from{source}, or read it with "
            f"'provenance lineage {folder} ID'")


def _extract_documents(files: list[Path], root: Path, workers: int) -> dict[Path, tuple[dict[str, Any] | None, str | None]]:
    # PDF text extraction is pure Python (about 11 ms a page): a folder of many releases is
    # shared over the workers; a few files are read in turn, where they come.
    if workers < 2 or len(files) < _PARALLEL_DOCUMENTS:
        return {}
    from .engines.local import LocalEngine

    found = LocalEngine(workers, min_parallel=_PARALLEL_DOCUMENTS, chunk=4).map(partial(_text_record, root=root), files)
    return dict(zip(files, found, strict=True))


_PARALLEL_DOCUMENTS = 16


def iter_jsonl(path: Path, strays: Strays | None = None) -> Iterator[dict[str, Any]]:
    r"""Stream the records of a JSONL file (``.gz`` too), one dict per non-blank line; a malformed
    line raises :class:`InputError` naming the file and line, and so does a compressed file that
    ends early (a cut download). A few bytes that are not UTF-8 are read as U+FFFD and noted in
    ``strays``; a file in another encoding (most of its non-ASCII bytes invalid, checked at its
    end: :data:`STRAY_SHARE`) stops the run. Nothing is held in memory.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path((tmp := tempfile.TemporaryDirectory()).name) / "c.jsonl"
    >>> _ = p.write_text('{"id": "a", "text": "x"}\n\n{"id": "b", "text": "y"}\n')
    >>> [r["id"] for r in iter_jsonl(p)]
    ['a', 'b']
    >>> tmp.cleanup()
    """
    gz = path.name.endswith(".gz")
    opener = gzip.open if gz else open
    lineno = 0
    bad = good = 0  # invalid bytes; non-ASCII bytes in valid sequences
    first_bad = first_byte = 0
    try:
        with opener(path, "rb") as fh:
            for lineno, raw in enumerate(fh, 1):
                if lineno == 1:
                    raw = raw.removeprefix(codecs.BOM_UTF8)
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as e:
                    line, n_bad, n_good = utf8_counts(raw)
                    line = _ESCAPED.sub("\ufffd", line)
                    bad += n_bad
                    good += n_good
                    if not first_bad:
                        first_bad, first_byte = lineno, e.start + 1
                else:
                    good += len(raw) - len(line)
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as e:
                    # A last line cut short (no line break after it) is most likely a cut file.
                    cut = "" if raw.endswith(b"\n") else "; the file ends in this line: it looks truncated"
                    raise InputError(f"{path}:{lineno}: malformed JSON ({_json_message(e)}){cut}") from None
                if not isinstance(rec, dict):
                    raise InputError(f"{path}:{lineno}: expected a JSON object, got {type(rec).__name__}")
                rec["__origin"] = f"{path}:{lineno}"
                yield rec
    except EOFError:
        raise InputError(f"{path}: the compressed file ends early, after line {lineno}: it looks truncated "
                         "(an interrupted download or copy); fetch it again, or drop it from the input") from None
    except (gzip.BadGzipFile, OSError, zlib.error) as e:
        where = f":{lineno + 1}" if lineno else ""
        raise InputError(f"{path}{where}: cannot read ({e.strerror or e})") from None
    if bad:
        if bad > STRAY_SHARE * (good + bad):
            raise InputError(f"{path}:{first_bad}: not valid UTF-8 (byte {first_byte} of the line; {bad} invalid "
                             f"byte{'s' if bad > 1 else ''} in all: the file looks like another encoding); JSON Lines must be UTF-8")
        if strays is not None:
            strays.append((str(path), bad, first_bad))


def _json_message(e: json.JSONDecodeError) -> str:
    # JSONDecodeError's str() ends in the position; its msg alone can end mid-phrase
    # ("Unterminated string starting at"): say where that is.
    if e.msg.endswith(" at"):
        return f"{e.msg} column {e.colno}"
    return f"{e.msg}, column {e.colno}"


def _read_table(path: Path, legacy: str = "cp1252", strays: Strays | None = None) -> list[dict[str, Any]]:
    import polars as pl

    text = path.suffix.lower() in (".csv", ".tsv")
    enc = None
    try:
        if text:
            with open(path, "rb") as fh:
                head = fh.read(8192)
            # UTF-8 (the common case) is read by polars straight from the file; a spreadsheet
            # saved as "CSV" on Windows (windows-1252) or as "Unicode text" (UTF-16) is decoded
            # as a text file is, then read as UTF-8.
            utf8 = (webpage.bom_encoding(head) in (None, "utf-8-sig") and utf16_without_bom(head) is None
                    and not (_wide(legacy) and b"\x00" in head))
            df = None
            if utf8:
                separator = _separator(path)
                try:
                    df = pl.read_csv(path, infer_schema_length=0, separator=separator)
                except Exception as e:
                    if "utf-8" not in str(e).lower() and "utf8" not in str(e).lower():
                        raise InputError(_csv_error(path, path.read_text(encoding="utf-8-sig"), separator, e)) from None
            if df is None:
                data = path.read_bytes()
                decoded, enc, problem, n_strays = decode_text(data, legacy)
                if decoded is None:
                    raise InputError(f"{path}: cannot read ({problem})") from None
                if n_strays and strays is not None:
                    strays.append((str(path), n_strays, stray_line(data)))
                separator = _separator_of(path, decoded.split("\n", 1)[0])
                try:
                    df = pl.read_csv(io.BytesIO(decoded.encode("utf-8")), infer_schema_length=0, separator=separator)
                except Exception as e:
                    raise InputError(_csv_error(path, decoded, separator, e)) from None
        else:
            df = pl.read_parquet(path)
    except InputError:
        raise
    except Exception as e:  # polars raises many kinds; all mean the same to the user
        raise InputError(f"{path}: cannot read ({e})") from None
    rows = df.to_dicts()
    for i, r in enumerate(rows, 2 if text else 1):
        r["__origin"] = f"{path}:{i}"
        if enc not in (None, "utf-8"):
            r.setdefault("encoding", enc)
    return rows


def _csv_error(path: Path, text: str, separator: str, error: Exception) -> str:
    """What is wrong with a CSV file polars refused, in our words and at its line (polars names
    neither the line nor anything but its own parameters).

    >>> _csv_error(Path("c.csv"), 'id,text\\na,"Hello."\\nb,"Hi",extra\\n', ",", ValueError())
    'c.csv:3: malformed CSV: 3 fields where the header has 2 (a text holding a comma must be in double quotes)'
    """
    found = _csv_problem(text, separator)
    if found is not None:
        return f"{path}:{found[0]}: malformed CSV: {found[1]}"
    first = next((line for line in str(error).splitlines() if line.strip()), type(error).__name__)
    return f"{path}: cannot read as CSV ({first})"


def _csv_problem(text: str, separator: str) -> tuple[int, str] | None:
    """The first line of ``text`` that is not a well-formed CSV row as long as the header, and why."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    name = {",": "a comma", ";": "a semicolon", "\t": "a tab"}.get(separator, repr(separator))
    width, start = None, 1
    try:
        for row in reader:
            if width is None:
                width = len(row)
            elif len(row) > width:
                return start, (f"{len(row)} fields where the header has {width} "
                               f"(a text holding {name} must be in double quotes)")
            start = reader.line_num + 1
    except csv.Error as e:
        if "unexpected end of data" in str(e):
            return start, "a double quote opened here is never closed"
        if "field larger than field limit" in str(e):
            return None  # a long text: the module's limit, not the file's fault
        if "expected after" in str(e):
            return start, 'text follows a closing double quote (a double quote inside a quoted text is written twice: "")'
        return start, str(e)
    return None


def _separator(path: Path) -> str:
    """The field separator of a CSV file, from its header line: a tab for ``.tsv``; else a comma,
    unless the header holds more semicolons or tabs than commas (a spreadsheet saved in a French
    or German locale writes ``id;text;date``).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path((tmp := tempfile.TemporaryDirectory()).name) / "c.csv"
    >>> _ = p.write_text('id;text;date\\n1;"Bonjour, le monde";2022-01-02\\n', encoding="utf-8")
    >>> _separator(p)
    ';'
    >>> tmp.cleanup()
    """
    if path.suffix.lower() == ".tsv":
        return "\t"
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            header = fh.readline()
    except OSError:
        return ","
    return _separator_of(path, header)


def _separator_of(path: Path, header: str) -> str:
    # _separator from the header line itself.
    if path.suffix.lower() == ".tsv":
        return "\t"
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: (counts[sep], sep == ","))
    return best if counts[best] else ","


def read_records(path: str | Path, config: LoadConfig = LoadConfig(), *, workers: int = 1, strays: Strays | None = None,
                 ) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Raw records (dicts) and skipped files from any supported input (:func:`iter_records`)."""
    skipped: list[tuple[str, str]] = []
    records = iter_records(path, skipped, config.legacy_encoding, workers=workers, text_field=config.text_field, strays=strays)
    return list(records), skipped


def to_document(rec: dict[str, Any], config: LoadConfig = LoadConfig()) -> Document:
    """Turn a raw record into a Document, recovering metadata the record lacks. A record with an
    ``html`` field instead of text is read as a saved web page (:mod:`provenance.webpage`).

    >>> d = to_document({"id": "a", "text": " date 2022-01 Le président russe a parlé hier soir au téléphone."})
    >>> d.date, d.lang
    ('2022-01', 'fr')
    """
    origin = str(rec.get("__origin", ""))
    rec, direct = _with_aliases(rec, config)
    rid = rec.get("id")
    text = rec.get("text")
    markup = rec["html"] if _no_value(text) and isinstance(rec.get("html"), str) else None
    if markup is None and isinstance(text, str) and webpage.looks_like_markup(text):
        markup = text
    if markup is not None:
        # A crawl's record holds the page itself (or an export holds the article's markup as
        # its text): its text and declared metadata, where the record does not give them.
        page = webpage.page_record(markup)
        given = {k: v for k, v in rec.items() if k not in ("html", "text") and v is not None}
        rec = {**{k: v for k, v in page.items() if k != "text"}, **given}
        rec["text"] = text = page["text"]
    if rid is None or (isinstance(rid, str) and not rid.strip()):
        also = " or 'url'" if config.id_field == "id" else ""
        raise InputError(f"{origin}: record has no '{config.id_field}'{also} field (use --id-field to name it)")
    if not isinstance(text, str):
        if "text" not in rec:
            raise InputError(f"{origin}: record has no '{config.text_field}' field (use --text-field to name it)")
        if not _no_value(text):
            raise InputError(f"{origin}: '{config.text_field}' must be a string, got {type(text).__name__}")
        # An empty cell or a null (a video or paywalled page in an export): an empty text,
        # which the load skips with that reason, as it does a blank string.
        text = ""
    raw, text = text, restore_breaks(text)
    flattened = text != raw
    if flattened:
        # A share bar or link known by its wording that ran into the next sentence.
        text = cut_at(text, heads) if (heads := furniture_heads(text)) else text
    extra = {
        k: v for k, v in rec.items()
        if k not in ("__origin", "__furniture", "__canonical") and k not in KNOWN_FIELDS and k not in direct
    }

    def opt(name: str) -> str | None:
        v = rec.get(name)
        return None if v is None or str(v).strip() == "" else str(v).strip()

    url = opt("url") or md.find_url(text)
    # A web page's canonical link to another site than its own address: a republication naming
    # its original (a syndication partner's page), not another address of this page.
    canonical = opt("__canonical")
    canonical = canonical if canonical and not (url and md.same_site(canonical, url)) else None
    wire = md.wire_header(text, day_first=config.day_first)
    own_date = rec.get("date")
    date, date_origin = md.normalise_date(own_date), "input"
    unread = None if date is not None or _no_value(own_date) else str(own_date)
    if date is None and config.recover_dates:
        for candidate, how in (
            (md.date_from_text(text), "header"),
            (md.date_from_url(url), "url"),
            (wire.date if wire else None, "wire"),
        ):
            if candidate:
                date, date_origin = candidate, how
                break
    if date is None:
        date_origin = None
    elif (
        date_origin != "input" and config.recover_dates
    ):  # a URL date is usually more precise than a header's month
        url_date = md.date_from_url(url)
        if url_date and url_date.startswith(date) and len(url_date) > len(date):
            date, date_origin = url_date, "url"
    if wire is not None and date == wire.date:
        # The wire's clock time orders an agency's versions of one day's story (first take, new
        # lead, substitute). It is the agency's local time: other texts of that day with no time
        # still compare as the same day.
        date = f"{date} {wire.time}"
    # "fr-FR" and "French" are French: a tag's region or a name must not make two copies of one
    # text read as two languages (and be aligned as a translation).
    lang = md.normalise_language(opt("lang"))
    if lang is None and config.detect_language:
        lang, _ = md.detect_language(text)
    notice = md.translation_notice(text, doc_lang=lang)
    return Document(
        id=str(rid),
        text=text,
        date=date,
        source=opt("source") or md.outlet_from_url(url),
        url=url,
        canonical=canonical,
        title=opt("title"),
        lang=lang,
        extra=extra,
        origin=origin,
        machine_translated=notice is not None,
        # A human translation's credit ("originally published in French by Le Monde") names
        # its original's language too.
        source_language=notice.source_language if notice else translated_language(text, lang),
        date_origin=date_origin,
        wire_header=wire is not None,
        flattened=flattened,
        # What users are shown is cut from the input's own characters (``model.input_text``).
        input_breaks=given_breaks(raw, text) if flattened else "",
        markup_furniture=tuple(tuple(x) for x in rec.get("__furniture") or ()),
        unread_date=unread,
    )


def _no_value(v: Any) -> bool:
    # What a record holds where it has no date: nothing, a blank, or a NaN (a float column's gap).
    return v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, float) and v != v)


def ids_from_urls(records: Iterable[dict[str, Any]], config: LoadConfig = LoadConfig()) -> Iterator[dict[str, Any]]:
    """Records without an id, named by their URL; an address met again gets ``#2``, ``#3``...
    in reading order (dumps often hold a page twice: those copies then show as duplicates
    instead of stopping the run). Records with an id pass unchanged.

    >>> [r["id"] for r in ids_from_urls([{"url": "u"}, {"Link": "u"}, {"id": "x", "url": "u"}])]
    ['u', 'u#2', 'x']
    """
    seen: dict[str, int] = {}
    for rec in records:
        if config.id_field == "id" and _field_in(rec, "id", config) is None:
            url = _url_of(rec, config)
            if url is not None:
                k = seen[url] = seen.get(url, 0) + 1
                rec = {**rec, "id": url if k == 1 else f"{url}#{k}"}
        yield rec


def _missing(rec: dict[str, Any], name: str) -> bool:
    v = rec.get(name)
    return v is None or (isinstance(v, str) and not v.strip())


@lru_cache(maxsize=4096)
def field_key(name: str) -> str:
    """How a field name is compared: case, accents, and the spaces, underscores, hyphens and
    dots between words do not count, as exports write one name many ways.

    >>> field_key("Publication Date") == field_key("publication_date") == field_key("PublicationDate")
    True
    """
    folded = unicodedata.normalize("NFKD", name.casefold())
    return re.sub(r"[\W_]+", "", "".join(c for c in folded if not unicodedata.combining(c)))


def _given_name(name: str, config: LoadConfig) -> str:
    # The name the user gave a known field (its own name unless an option renamed it).
    return str(getattr(config, f"{name}_field"))


def _field_in(rec: dict[str, Any], name: str, config: LoadConfig) -> tuple[str, bool] | None:
    """The key of ``rec`` that known field ``name`` is read from, and whether that key is an
    alias, or None when the record has none with a value (:func:`_field_keys` orders them).
    The text field alone is returned when present with no value (an empty cell, a JSON null:
    an empty text, not a missing field)."""
    candidates = _field_keys(tuple(rec), name, config)
    for key, alias in candidates:
        if not _missing(rec, key):
            return key, alias
    return candidates[0] if candidates and name == "text" else None


@lru_cache(maxsize=1024)
def _field_keys(keys: tuple[str, ...], name: str, config: LoadConfig) -> tuple[tuple[str, bool], ...]:
    """The keys known field ``name`` may be read from, best first, with whether each is an alias.
    A field the user named is read only under that name; a field left at its default also under
    its aliases, in ``FIELD_ALIASES`` order. Under each name the key written exactly so comes
    first, then the keys that match it loosely (:func:`field_key`), in the record's order: so
    of ``date`` and ``Date`` the first written is read, and ``Date`` before ``published``.
    (Cached by the record's keys: the rows of a table share them.)

    >>> _field_keys(("Published", "Date", "date"), "date", LoadConfig())
    (('date', False), ('Date', False), ('Published', True))
    """
    given = _given_name(name, config)
    names: tuple[str, ...] = (given,)
    if given == name and not (name == "text" and "html" in keys):
        # A crawl's record with markup has its text there, not under a name that may be a summary.
        names += FIELD_ALIASES.get(name, ())
    folded: dict[str, list[str]] = {}
    for key in keys:
        if not key.startswith("__"):
            folded.setdefault(field_key(key), []).append(key)
    found: list[tuple[str, bool]] = []
    for i, n in enumerate(names):
        for key in ([n] if n in keys else []) + [k for k in folded.get(field_key(n), ()) if k != n]:
            if all(key != k for k, _ in found):
                found.append((key, i > 0))
    return tuple(found)


def _url_of(rec: dict[str, Any], config: LoadConfig = LoadConfig()) -> str | None:
    """The record's address: its ``url``, else the first alias of it that it has."""
    found = _field_in(rec, "url", config)
    return None if found is None else str(rec[found[0]]).strip()


def _with_aliases(rec: dict[str, Any], config: LoadConfig) -> tuple[dict[str, Any], set[str]]:
    """``rec`` with each known field under its own name, read as :func:`_field_in` finds it
    (the id from the URL when the id field keeps its default name) or left out, and the keys
    read under their own or a given name (not repeated among the pass-through fields; an alias
    is, as it was written)."""
    out = dict(rec)
    direct: set[str] = set()
    for name in KNOWN_FIELDS:
        found = _field_in(rec, name, config)
        if found is None:
            out.pop(name, None)
            continue
        key, alias = found
        out[name] = rec[key]
        if not alias:
            direct.add(key)
    if config.id_field == "id" and "id" not in out and (url := _url_of(rec, config)) is not None:
        # A record read alone (``ids_from_urls`` numbers repeated addresses in a whole input).
        out["id"] = url
    return out, direct


def text_of(rec: dict[str, Any], config: LoadConfig = LoadConfig()) -> Any:
    """The value of ``rec``'s text field as :func:`to_document` reads it (None when it has none)."""
    found = _field_in(rec, "text", config)
    return None if found is None else rec[found[0]]


def check_unique(docs: Iterable[Document]) -> None:
    """Raise InputError naming the first id that occurs twice."""
    seen: dict[str, str] = {}
    for d in docs:
        if d.id in seen:
            raise InputError(f"duplicate id {d.id!r}: {seen[d.id]} and {d.origin}")
        seen[d.id] = d.origin


def load(path: str | Path, config: LoadConfig = LoadConfig(), *, engine: Any = None) -> LoadResult:
    """Read a corpus from ``path``; ``engine`` (optional) spreads metadata recovery over workers.

    >>> res = load("seeds")  # doctest: +SKIP
    >>> [d.id for d in res.documents][:1]  # doctest: +SKIP
    ['000_cbbe1e793155c078']
    """
    strays: Strays = []
    records, skipped = read_records(path, config, workers=getattr(engine, "workers", 1) if engine is not None else 1,
                                    strays=strays)
    records = list(ids_from_urls(records, config))
    notes = stray_lines(strays) + field_notes(records, config, path)
    if engine is not None and config.detect_language:
        # Loaded once here, the model is inherited by this map's workers and by later stages'.
        md.load_language_model()
    docs: list[Document] = []
    if engine is not None:
        # Workers get the records by index (the local engine forks with them) and send back
        # each document without the text it kept unchanged: pickling every text out and back
        # cost more than the metadata recovery the workers share.
        slim = engine.map(partial(_slim_document, records=records, config=config), range(len(records)))
        converted = [d if d.text or kept is False else
                     replace(d, text=text_of(records[i], config) if kept is True else cut_at(text_of(records[i], config), kept))
                     for i, (d, kept) in enumerate(slim)]
    else:
        converted = [to_document(r, config) for r in records]
    for d in converted:
        if d.text.strip():
            docs.append(d)
        else:
            skipped.append((d.origin, "empty text"))
    if not docs:
        detail = f" ({len(skipped)} file(s) skipped; {skipped[0][0]}: {skipped[0][1]})" if skipped else ""
        raise InputError(f"{path}: no documents to trace{detail}")
    check_unique(docs)
    return LoadResult(docs, skipped, notes)


OPTIONAL_FIELDS = ("date", "source", "url", "title", "lang")
"""The known fields a record may lack, each with its ``--<name>-field`` option."""
DATE_SCAN_RECORDS = 1000
"""How many records :func:`field_notes` reads for a column of dates (the first ones)."""


def field_notes(records: Sequence[dict[str, Any]], config: LoadConfig, path: str | Path) -> list[str]:
    """Warnings about the records' fields: when none has a date under a name known for one, a
    column whose values read as dates in more than half of the first ``DATE_SCAN_RECORDS``
    records is named, with the option that reads it. An optional field named by an option
    that no record has stops the run (a misspelt column would leave every value unread).

    >>> recs = [{"id": "a", "text": "x", "Erschienen": "13.01.2005"}, {"id": "b", "text": "y", "Erschienen": "14.01.2005"}]
    >>> field_notes(recs, LoadConfig(), "in.csv")  # doctest: +ELLIPSIS
    ["no date field was found, but the column 'Erschienen' holds dates in 2 of 2 records (e.g. '13.01.2005'): ..."]
    """
    if not records:
        return []
    shapes = {tuple(r) for r in records}
    for name in OPTIONAL_FIELDS:
        given = _given_name(name, config)
        if given != name and not any(_field_keys(keys, name, config) for keys in shapes):
            columns = ", ".join(repr(k) for k in records[0] if not k.startswith("__"))
            raise InputError(f"{path}: no record has a '{given}' field (--{name}-field); the first record's fields: {columns}")
    if any(_field_in(r, "date", config) is not None for r in records):
        return []
    scan = records[:DATE_SCAN_RECORDS]
    counts: dict[str, int] = {}
    examples: dict[str, str] = {}
    for rec in scan:
        known = {k for name in KNOWN_FIELDS for k, _ in _field_keys(tuple(rec), name, config)}
        for k, v in rec.items():
            # A short string: a long one is a text that may open with a date; a number may be a count.
            if k.startswith("__") or k in known or not isinstance(v, str) or not 6 <= len(v.strip()) <= 40:
                continue
            day = md.normalise_date(v)
            if day is not None and len(day) >= 7:
                counts[k] = counts.get(k, 0) + 1
                examples.setdefault(k, v.strip())
    if not counts:
        return []
    best = max(counts, key=lambda k: counts[k])  # the first column of the most dates
    if counts[best] * 2 <= len(scan):
        return []
    return [f"no date field was found, but the column '{best}' holds dates in {counts[best]} of {len(scan)} records "
            f"(e.g. {examples[best]!r}): give --date-field '{best}' to read them (the documents are dated from their "
            "texts and addresses only)"]


def _slim_document(i: int, records: Sequence[dict[str, Any]], config: LoadConfig) -> tuple[Document, bool | list[int]]:
    """``to_document`` of record ``i``, without its text when that is the record's own
    (flagged True; ``load`` puts it back) or the record's with line breaks restored (the
    breaks' offsets instead of the flag)."""
    doc = to_document(records[i], config)
    raw = text_of(records[i], config)
    if doc.text is raw:
        return replace(doc, text=""), True
    if doc.flattened and isinstance(raw, str) and len(raw) == len(doc.text):
        # restore_breaks only turns blanks into line breaks: the new ones say it all.
        breaks = []
        k = doc.text.find("\n")
        while k != -1:
            if raw[k] != "\n":
                breaks.append(k)
            k = doc.text.find("\n", k + 1)
        return replace(doc, text=""), breaks
    return doc, False


def from_texts(texts: dict[str, str], config: LoadConfig = LoadConfig()) -> list[Document]:
    """Documents from an ``{id: text}`` mapping, metadata recovered as for files.

    >>> [d.id for d in from_texts({"a": "Bonjour à tous les lecteurs du journal."})]
    ['a']
    """
    return [to_document({"id": k, "text": v, "__origin": k}, config) for k, v in texts.items()]


def with_metadata(doc: Document, **changes: Any) -> Document:
    """A copy of ``doc`` with fields replaced."""
    return replace(doc, **changes)
