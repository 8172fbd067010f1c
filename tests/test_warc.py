"""Web archives as input: the HTML pages of a WARC (or the texts of a WET file), streamed."""

from __future__ import annotations

import gzip
import html
import json
from pathlib import Path

import pytest

from provenance.errors import InputError
from provenance.load import load, read_records
from provenance.warc import iter_warc

SEED = "001_45e1b145ca42a96b.txt"
OTHER = next(p.name for p in (Path(__file__).resolve().parent.parent / "seeds").glob("002_*.txt"))


def _paragraphs(seeds: Path, name: str = SEED) -> list[str]:
    text = (seeds / name).read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if len(p.strip()) > 80]


def _page(paras: list[str], site: str, date: str | None = None, extra: str = "") -> str:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paras)
    return (f"<!DOCTYPE html><html><head><title>Erdogan et Poutine | {site}</title>{meta}</head><body>"
            f"<nav><a href='/'>Accueil</a></nav><article>{body}{extra}</article>"
            f"<footer><p>© {site} — Tous droits réservés</p></footer></body></html>")


def _record(kind: str, uri: str, block: bytes, content_type: str | None = None) -> bytes:
    head = f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n"
    if content_type:
        head += f"Content-Type: {content_type}\r\n"
    head += f"Content-Length: {len(block)}\r\n\r\n"
    return head.encode() + block + b"\r\n\r\n"


def _http(body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK",
          extra: str = "") -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra}\r\n".encode() + body


def _chunked(body: bytes, size: int = 100) -> bytes:
    parts = [b"%x\r\n%s\r\n" % (len(body[i:i + size]), body[i:i + size]) for i in range(0, len(body), size)]
    return b"".join(parts) + b"0\r\n\r\n"


def _warc_gz(path: Path, records: list[bytes]) -> Path:
    # One gzip member per record, as crawlers write them.
    path.write_bytes(b"".join(gzip.compress(r) for r in records))
    return path


def _crawl(seeds: Path, tmp_path: Path) -> Path:
    paras = _paragraphs(seeds)
    agency = _page(paras, "Agence", "2022-01-03T08:00:00Z").encode("utf-8")
    copy = _page(paras[:4], "Le Relais", "2022-01-03T15:00:00Z",
                 "<p>Lire aussi : Les marchés européens reculent</p>").encode("latin-1", "replace")
    # the same call reported independently (seed 002)
    other = _page(_paragraphs(seeds, OTHER), "Autre").encode("utf-8")
    gz = gzip.compress(copy)
    return _warc_gz(tmp_path / "crawl.warc.gz", [
        _record("warcinfo", "", b"software: test\r\n", "application/warc-fields"),
        _record("request", "https://agence.example/depeche", b"GET /depeche HTTP/1.1\r\n\r\n"),
        # chunked transfer encoding
        _record("response", "https://agence.example/depeche",
                _http(_chunked(agency), extra="Transfer-Encoding: chunked\r\n")),
        # gzip content encoding, Latin-1 declared in the HTTP header
        _record("response", "https://relais.example/monde/erdogan",
                _http(gz, "text/html; charset=ISO-8859-1", extra="Content-Encoding: gzip\r\n")),
        _record("response", "https://relais.example/old", _http(b"", status="301 Moved Permanently",
                                                                  extra="Location: /new\r\n")),
        _record("response", "https://relais.example/logo.png", _http(b"\x89PNG\r\n", "image/png")),
        _record("response", "https://autre.example/loi", _http(other)),
        _record("response", "https://autre.example/loi", _http(other)),  # crawled twice
        _record("resource", "https://autre.example/robots.txt", b"User-agent: *\r\nDisallow:\r\n", "text/plain"),
    ])


def test_pages_of_a_crawl_become_records(seeds: Path, tmp_path: Path) -> None:
    path = _crawl(seeds, tmp_path)
    skipped: list[tuple[str, str]] = []
    recs = list(iter_warc(path, skipped))
    assert [r["id"] for r in recs] == ["https://agence.example/depeche", "https://relais.example/monde/erdogan",
                                       "https://autre.example/loi", "https://autre.example/loi#2"]
    assert all(r["url"] == r["id"].split("#")[0] for r in recs)
    assert "é" in recs[1]["html"] and "Tous droits réservés" in recs[1]["html"]  # Latin-1, gunzipped
    assert recs[0]["html"].startswith("<!DOCTYPE html>") and recs[0]["html"].endswith("</html>")  # dechunked
    assert skipped == [(str(path), "5 of 9 records left out: 2 not an HTML page, 1 HTTP status 301, "
                                   "1 request records, 1 warcinfo records")]


def test_a_crawl_is_traced_like_pages_on_disk(seeds: Path, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = _crawl(seeds, tmp_path)
    res = load(path)
    docs = {d.id: d for d in res.documents}
    agency, copy = docs["https://agence.example/depeche"], docs["https://relais.example/monde/erdogan"]
    assert agency.date == "2022-01-03T08:00" and agency.source == "agence.example" and "<p>" not in agency.text
    assert copy.url == "https://relais.example/monde/erdogan"
    graphs = []
    for extra in ([], ["--partitioned"]):
        out = tmp_path / f"out{len(extra)}"
        r = run_cli("trace", path, "-o", out, "--no-svg", "-q", *extra)
        assert r.exit_code == 0, r.stderr
        graphs.append(json.loads((out / "graph.json").read_text()))
        edges = {(e["source"], e["target"], e["directed"]) for e in graphs[-1]["edges"]
                 if e["relation"] in ("excerpt", "rewrite", "near_duplicate", "duplicate")}
        assert ("https://agence.example/depeche", "https://relais.example/monde/erdogan", True) in edges
        # the page crawled twice is a duplicate of itself, and nothing else is linked to it
        assert {frozenset(e[:2]) for e in edges if "autre" in e[0] + e[1]} == {
            frozenset({"https://autre.example/loi", "https://autre.example/loi#2"})}
    assert graphs[0]["edges"] == graphs[1]["edges"]


def test_a_wet_file_gives_texts(tmp_path: Path) -> None:
    text = "Le Parlement a adopté mardi une loi sur la protection des données personnelles.\n"
    path = tmp_path / "crawl.warc.wet.gz"
    _warc_gz(path, [_record("warcinfo", "", b"x\r\n"),
                    _record("conversion", "https://a.example/loi", text.encode(), "text/plain"),
                    _record("conversion", "https://b.example/vide", b"  \n", "text/plain")])
    recs, skipped = read_records(path)
    assert [(r["id"], r["text"]) for r in recs] == [("https://a.example/loi", text)]
    assert skipped == [(str(path), "2 of 3 records left out: 1 empty text, 1 warcinfo records")]


@pytest.mark.parametrize("content, message", [
    (b"<html>not an archive</html>", "not a WARC file after record 0"),
    (b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 500\r\n\r\nHTTP/1.1 200 OK\r\n", "record 1 is cut short"),
    (b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: x\r\n\r\n", "record 1 has no valid Content-Length"),
])
def test_broken_archives_are_named(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.warc"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as err:
        read_records(path)
    assert str(path) in str(err.value)


def test_an_archive_with_no_page_says_why(tmp_path: Path) -> None:
    image = _http(b"\x89PNG\r\n", "image/png")
    path = _warc_gz(tmp_path / "images.warc.gz", [_record("response", "http://x.example/a.png", image)])
    with pytest.raises(InputError, match="no documents to trace .*1 of 1 records left out: 1 not an HTML page"):
        load(path)
