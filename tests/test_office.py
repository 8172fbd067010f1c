"""Word, OpenDocument and PDF files in a folder (press releases beside the articles that copy them)
are read as documents, built here from the seeds' agency dispatch with the standard library."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from provenance.load import load
from provenance.office import document_record


def _paragraphs(seeds: Path) -> list[str]:
    text = next(seeds.glob("001_*.txt")).read_text(encoding="utf-8")
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()][1:]  # the seed's first line is its header


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_docx(path: Path, paras: list[str], title: str = "") -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{_esc(p)}</w:t></w:r></w:p>" for p in paras)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>')
        z.writestr("docProps/core.xml", '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                   f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{_esc(title)}</dc:title></cp:coreProperties>')


def write_odt(path: Path, paras: list[str]) -> None:
    t = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    body = "".join(f"<text:p>{_esc(p)}</text:p>" for p in paras)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
                   f'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="{t}">'
                   f"<office:body><office:text>{body}</office:text></office:body></office:document-content>")


def write_pdf(path: Path, paras: list[str]) -> None:
    """A one-font PDF with the paragraphs hard-wrapped at 80 characters, as a printed release."""
    lines: list[str] = []
    for p in paras:
        words, cur = p.split(), ""
        for word in words:
            if len(cur) + len(word) + 1 > 80:
                lines.append(cur)
                cur = word
            else:
                cur = f"{cur} {word}".strip()
        lines += [cur, ""]

    def pdf_string(s: str) -> bytes:
        raw = s.encode("cp1252", errors="replace")
        return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"

    ops = [b"BT /F1 9 Tf 11 TL 40 800 Td"] + [pdf_string(ln) + b" Tj T*" for ln in lines] + [b"ET"]
    stream = b"\n".join(ops)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))


def test_each_format_gives_the_paragraphs(tmp_path: Path, seeds: Path) -> None:
    paras = _paragraphs(seeds)
    write_docx(tmp_path / "release.docx", paras, title="Press Release Template")
    write_odt(tmp_path / "release.odt", paras)
    write_pdf(tmp_path / "release.pdf", paras)
    for name in ("release.docx", "release.odt"):
        rec, problem = document_record(name, (tmp_path / name).read_bytes())
        assert problem is None and rec is not None
        assert rec["text"].split("\n\n") == paras
    # the file's title is kept when the document prints it, not when it is a template's
    headline = "Erdogan et Poutine discutent sur l'Otan"
    write_docx(tmp_path / "titled.docx", [headline, *paras], title=headline)
    assert document_record("titled.docx", (tmp_path / "titled.docx").read_bytes())[0]["title"] == headline  # type: ignore[index]
    assert "title" not in document_record("release.docx", (tmp_path / "release.docx").read_bytes())[0]  # type: ignore[operator]
    rec, problem = document_record("release.pdf", (tmp_path / "release.pdf").read_bytes())
    assert problem is None and rec is not None
    # hard-wrapped lines: the same words in the same order (the quotes are cp1252's)
    assert rec["text"].split() == " ".join(paras).split()


def test_damaged_files_are_skipped_with_a_reason(tmp_path: Path, seeds: Path) -> None:
    (tmp_path / "good.txt").write_text("\n\n".join(_paragraphs(seeds)), encoding="utf-8")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    with zipfile.ZipFile(tmp_path / "nobody.odt", "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 an OLE file")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")  # not a document: named, not read
    res = load(tmp_path)
    assert [d.id for d in res.documents] == ["good"]
    reasons = {Path(f).name: why for f, why in res.skipped}
    assert reasons.pop("broken.pdf").startswith("not a readable PDF (")  # with pypdf's reason
    assert reasons.pop("photo.jpg").startswith("a .jpg file, not read: a folder's articles are")
    assert reasons == {"broken.docx": "not a readable Word file",
                       "nobody.odt": "no document body in the archive",
                       "old.doc": "a Word 97-2003 file, not read: save it as .docx or .pdf"}


def test_a_release_is_the_parent_of_the_article_that_copies_it(tmp_path: Path, seeds: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    paras = _paragraphs(seeds)
    write_pdf(corpus / "release.pdf", paras)
    rewrite = next(seeds.glob("000_*.txt"))
    (corpus / rewrite.name).write_bytes(rewrite.read_bytes())
    write_docx(corpus / "excerpt.docx", paras[:4])
    out = tmp_path / "out"
    res = run_cli("trace", corpus, "-o", out, "--no-svg")
    assert res.exit_code == 0, res.stderr
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    parents = {e["target"]: e["source"] for e in graph["edges"] if e["directed"]}
    assert parents[rewrite.stem] == "release"
    assert parents["excerpt"] == "release"


def test_workers_share_the_extraction_with_the_same_records(tmp_path: Path, seeds: Path) -> None:
    from provenance.load import LoadConfig, read_records

    paras = _paragraphs(seeds)
    for k in range(20):
        write_pdf(tmp_path / f"r{k:02d}.pdf", paras[k % 3:])
        write_docx(tmp_path / f"w{k:02d}.docx", paras[: 2 + k % 4])
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    (tmp_path / "note.txt").write_text(paras[0], encoding="utf-8")
    one, skipped_one = read_records(tmp_path, LoadConfig(), workers=1)
    two, skipped_two = read_records(tmp_path, LoadConfig(), workers=2)
    assert one == two and skipped_one == skipped_two
    assert [(f, why[:18]) for f, why in skipped_one] == [(str(tmp_path / "broken.pdf"), "not a readable PDF")]
    assert len(one) == 41


def test_a_press_release_is_the_source_of_an_undated_copy(tmp_path: Path, seeds: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    paras = _paragraphs(seeds)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    article = [p.replace("a affirmé", "a déclaré").replace("ont évoqué", "ont abordé") for p in paras]
    (corpus / "article.txt").write_text("\n\n".join(article), encoding="utf-8")
    write_docx(corpus / "release.docx", ["COMMUNIQUÉ DE PRESSE", *paras])
    out = tmp_path / "out"
    res = run_cli("trace", corpus, "-o", out, "--no-svg")
    assert res.exit_code == 0, res.stderr
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    (edge,) = [e for e in graph["edges"] if e["relation"] not in ("same_story", "shared_boilerplate")]
    assert (edge["source"], edge["target"], edge["directed"]) == ("release", "article", True)
    assert 'release is a press release ("COMMUNIQUÉ DE PRESSE"); article is not' in edge["evidence"]
    # without its header the release is one of two undated copies: nothing orders them
    write_docx(corpus / "release.docx", paras)
    run_cli("trace", corpus, "-o", out, "--no-svg")
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    (edge,) = [e for e in graph["edges"] if e["relation"] not in ("same_story", "shared_boilerplate")]
    assert not edge["directed"]


@pytest.mark.parametrize("header", [
    "Press Release", "FOR IMMEDIATE RELEASE", "Communiqué de presse", "PRESSEMITTEILUNG", "Nota de prensa",
    "Comunicato stampa", "Persbericht", "Siaran Pers", "ПРЕСС-РЕЛИЗ", "Comunicado à imprensa", "Informacja prasowa",
    "Basın bülteni", "新闻稿", "プレスリリース", "보도자료", "ACME CORPORATION PRESS RELEASE", "News release: 3 March 2022",
])
def test_press_release_headers(header: str) -> None:
    from provenance.orient import press_release

    assert press_release(f"{header}\nAcme opens a new plant in Lyon.\n\nThe plant will employ 300 people.") is not None
    # a mention in a sentence, or a headline about a release, is not one
    assert press_release(f"Acme said in a statement: {header.lower()} follows.\nBody.") is None


def test_a_text_box_is_read_once() -> None:
    from provenance.office import _docx_text

    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')
    box = "<w:txbxContent><w:p><w:r><w:t>Chiffres clés</w:t></w:r></w:p></w:txbxContent>"
    xml = (f"<w:document {ns}><w:body><w:p><w:r><w:t>Un</w:t></w:r></w:p><w:p><w:r><mc:AlternateContent>"
           f"<mc:Choice>{box}</mc:Choice><mc:Fallback>{box}</mc:Fallback></mc:AlternateContent>"
           f"<w:t>Deux</w:t></w:r></w:p></w:body></w:document>")
    assert _docx_text(xml.encode()) == "Un\n\nDeux\n\nChiffres clés"
