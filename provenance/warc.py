"""Web archives (WARC, and the WET text extracts of Common Crawl) as input records.

News crawls are shipped as WARC files (ISO 28500; Common Crawl's CC-NEWS among them): each
``response`` record holds one HTTP response, page and headers. This reader streams them, one
record at a time, and yields what :func:`provenance.load.to_document` reads:

- an HTML page (``response`` or ``resource`` record, status 200, an HTML content type) gives a
  record with its ``html`` (decoded by the charset its HTTP header or its markup declares) and
  its ``url`` (``WARC-Target-URI``); the workers read the page's text and metadata;
- a WET ``conversion`` record (text already extracted) gives a record with its ``text``.

The id is the address; an address crawled again gets ``#2``, ``#3``... in reading order. Other
records (requests, metadata, revisits, images, scripts, redirects, errors) are left out and
counted in one line of the skipped list. The crawl date is not the publication date and is not
used as one. Transfer encodings (chunked) and content encodings (gzip, deflate) are undone.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from .errors import InputError
from .webpage import decode_page

WARC_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz", ".warc.wet.gz")


def is_warc(name: str) -> bool:
    """Whether a file name is a web archive.

    >>> is_warc("CC-NEWS-20240101.warc.gz"), is_warc("x.jsonl.gz")
    (True, False)
    """
    return name.lower().endswith(WARC_SUFFIXES)


def _headers(lines: list[bytes]) -> dict[str, str]:
    out: dict[str, str] = {}
    for raw in lines:
        key, sep, value = raw.decode("utf-8", "replace").partition(":")
        if sep:
            out[key.strip().lower()] = value.strip()
    return out


def _read_header_block(fh: BinaryIO) -> list[bytes] | None:
    """The header lines of the next record (after its ``WARC/x.y`` line); None at the end."""
    line = fh.readline()
    while line in (b"\r\n", b"\n"):
        line = fh.readline()
    if not line:
        return None
    if not line.startswith(b"WARC/"):
        raise ValueError(f"a record starts with {line[:40]!r}, not a WARC/1.x version line")
    out = []
    while True:
        line = fh.readline()
        if line in (b"\r\n", b"\n", b""):
            return out
        out.append(line.rstrip(b"\r\n"))


def _dechunk(body: bytes) -> bytes:
    """The body of an HTTP message sent with ``Transfer-Encoding: chunked``.

    >>> _dechunk(b"4\\r\\nWiki\\r\\n5;x=y\\r\\npedia\\r\\n0\\r\\n\\r\\n")
    b'Wikipedia'
    """
    out, pos = [], 0
    while True:
        end = body.find(b"\r\n", pos)
        if end < 0:
            break
        size = int(body[pos:end].split(b";")[0].strip() or b"0", 16)
        if size == 0:
            break
        out.append(body[end + 2 : end + 2 + size])
        pos = end + 2 + size + 2
    return b"".join(out)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _http_page(block: bytes) -> tuple[bytes, str] | str:
    """(body, content type) of an HTTP response, or why it is left out."""
    head, sep, body = block.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = block.partition(b"\n\n")
    lines = head.split(b"\n")
    status = lines[0].split()
    if len(status) < 2 or not status[0].startswith(b"HTTP/"):
        return "not an HTTP response"
    if status[1] != b"200":
        return f"HTTP status {status[1].decode('ascii', 'replace')}"
    headers = _headers([x.rstrip(b"\r") for x in lines[1:]])
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    coding = headers.get("content-encoding", "").lower().strip()
    if coding in ("gzip", "x-gzip", "deflate"):
        try:
            body = zlib.decompress(body, 47 if coding != "deflate" else zlib.MAX_WBITS)
        except zlib.error:
            try:
                body = zlib.decompress(body, -zlib.MAX_WBITS)
            except zlib.error:
                return f"undecodable {coding} body"
    elif coding not in ("", "identity"):
        return f"{coding} content encoding"
    return body, headers.get("content-type", "")


def _looks_html(body: bytes, content_type: str) -> bool:
    """A declared HTML type, or, with none declared, markup that says it is HTML."""
    if content_type.strip():
        return "html" in content_type.lower()
    head = body[:2048].lower()
    return b"<html" in head or b"<!doctype html" in head


def iter_warc(path: Path, skipped: list[tuple[str, str]] | None = None) -> Iterator[dict[str, Any]]:
    """Stream the pages of a WARC or WET file (``.gz`` too) as input records; what is left out is
    counted in one ``(file, reason)`` entry appended to ``skipped``. A file that is not a web
    archive, or is cut short, raises :class:`InputError` naming it.

    >>> import tempfile, pathlib
    >>> page = b"HTTP/1.1 200 OK\\r\\nContent-Type: text/html; charset=utf-8\\r\\n\\r\\n<p>Bonjour.</p>"
    >>> rec = (b"WARC/1.0\\r\\nWARC-Type: response\\r\\nWARC-Target-URI: https://a.example/x\\r\\n"
    ...        b"Content-Length: %d\\r\\n\\r\\n" % len(page) + page + b"\\r\\n\\r\\n")
    >>> p = pathlib.Path((tmp := tempfile.TemporaryDirectory()).name) / "crawl.warc"
    >>> _ = p.write_bytes(rec + rec)
    >>> [(r["id"], r["html"]) for r in iter_warc(p)]
    [('https://a.example/x', '<p>Bonjour.</p>'), ('https://a.example/x#2', '<p>Bonjour.</p>')]
    >>> tmp.cleanup()
    """
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    seen: dict[str, int] = {}
    left_out: dict[str, int] = {}
    number = 0
    try:
        with opener(path, "rb") as fh:
            while True:
                try:
                    lines = _read_header_block(fh)  # type: ignore[arg-type]
                except ValueError as e:
                    raise InputError(f"{path}: not a WARC file after record {number} ({e})") from None
                if lines is None:
                    break
                number += 1
                headers = _headers(lines)
                try:
                    length = int(headers.get("content-length", ""))
                except ValueError:
                    raise InputError(f"{path}: record {number} has no valid Content-Length") from None
                block = fh.read(length)
                if len(block) < length:
                    raise InputError(f"{path}: record {number} is cut short ({len(block)} of {length} bytes)")
                kind = headers.get("warc-type", "").lower()
                uri = headers.get("warc-target-uri", "").strip("<>") or headers.get("warc-record-id", f"record-{number}")
                rec: dict[str, Any] | None = None
                why = None
                if kind == "conversion":
                    text = block.decode("utf-8", "replace")
                    rec = {"text": text} if text.strip() else None
                    why = None if rec else "empty text"
                elif kind in ("response", "resource"):
                    if kind == "response":
                        got = _http_page(block)
                    else:
                        got = (block, headers.get("content-type", ""))
                    if isinstance(got, str):
                        why = got
                    elif not _looks_html(got[0], got[1]):
                        why = "not an HTML page"
                    else:
                        html, _ = decode_page(got[0], _charset(got[1]))
                        rec = {"html": html} if html else None
                        why = None if rec else "unreadable page"
                else:
                    why = f"{kind or 'untyped'} records"
                if rec is None:
                    left_out[why or "unreadable"] = left_out.get(why or "unreadable", 0) + 1
                    continue
                k = seen[uri] = seen.get(uri, 0) + 1
                rec["id"] = uri if k == 1 else f"{uri}#{k}"
                rec["url"] = uri
                rec["__origin"] = f"{path}:record {number}"
                yield rec
    except (gzip.BadGzipFile, EOFError, zlib.error, OSError) as e:
        raise InputError(f"{path}: cannot read ({e})") from None
    if left_out and skipped is not None:
        parts = ", ".join(f"{n} {why}" for why, n in sorted(left_out.items(), key=lambda t: (-t[1], t[0])))
        skipped.append((str(path), f"{sum(left_out.values())} of {number} records left out: {parts}"))
