"""Stage 1 (formats): the text of word-processor files and PDFs in a folder.

Press releases, statements and reports reach newsrooms as ``.docx``, ``.odt`` or ``.pdf`` files,
and copying them into articles is churnalism's commonest form; so a folder may hold them beside
the articles. Word and OpenDocument files are zip archives of XML, read with the standard library:
paragraphs (table cells included) in document order, tracked deletions left out, and the title of
the file's properties. PDF text comes from pypdf, page after page; the segmenter joins the hard-
wrapped lines back into paragraphs, as it does for wire copy.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
import zipfile
from typing import Any
from xml.etree import ElementTree as ET

DOC_SUFFIXES = (".docx", ".odt", ".pdf")

_MAX_XML = 256 << 20
"""Largest uncompressed document part read (bytes): a larger one is a zip bomb, not a release."""
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_HYPHENATED = re.compile(r"(?<=[a-zà-ÿ])-\n(?=[a-zà-ÿ])")


def is_document(name: str) -> bool:
    """Whether ``name`` is a word-processor file or a PDF by its extension.

    >>> is_document("release.DOCX"), is_document("a.txt")
    (True, False)
    """
    return name.lower().endswith(DOC_SUFFIXES)


def document_record(name: str, raw: bytes) -> tuple[dict[str, Any] | None, str | None]:
    """``{"text": ..., "title": ...}`` of a .docx, .odt or .pdf file from its bytes, or None
    and why it cannot be read (the title only when the file's properties give one).

    >>> document_record("x.pdf", b"not a pdf")[1].startswith("not a readable PDF")
    True
    """
    low = name.lower()
    if low.endswith(".pdf"):
        return _pdf(raw)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            if low.endswith(".docx"):
                body, meta = _part(z, "word/document.xml"), _part(z, "docProps/core.xml")
                text = _docx_text(body) if body is not None else None
            else:
                body, meta = _part(z, "content.xml"), _part(z, "meta.xml")
                text = _odt_text(body) if body is not None else None
    except (zipfile.BadZipFile, ET.ParseError, EOFError, ValueError, NotImplementedError):
        return None, "not a readable " + ("Word" if low.endswith(".docx") else "OpenDocument") + " file"
    except _TooLarge:
        return None, "document part too large (over 256 MB uncompressed)"
    if text is None:
        return None, "no document body in the archive"
    return _with_title({"text": text}, _title(meta)), None


def _with_title(rec: dict[str, Any], title: str | None) -> dict[str, Any]:
    """``rec`` with the file's title, when the document prints it: properties often hold a
    template's or a file's name ("Press Release", "Microsoft Word - cp_0312.docx"), which would
    give unrelated files a shared headline.

    >>> _with_title({"text": "Acme opens a plant in Lyon\\n\\nThe plant..."}, "Acme opens a plant in Lyon")["title"]
    'Acme opens a plant in Lyon'
    >>> "title" in _with_title({"text": "PRESS RELEASE\\n\\nAcme opens a plant"}, "Press Release")
    False
    """
    if title and len(title.split()) >= 3 and not _FILE_NAME.search(title):
        from .segment import normalise

        if normalise(title) in normalise(rec["text"][:2000]):
            return {**rec, "title": title}
    return rec


_FILE_NAME = re.compile(r"\.(?:docx?|odt|pdf|rtf|txt)\b|^microsoft (?:word|powerpoint)|^untitled", re.I)


class _TooLarge(Exception):
    pass


def _part(z: zipfile.ZipFile, member: str) -> bytes | None:
    try:
        info = z.getinfo(member)
    except KeyError:
        return None
    if info.file_size > _MAX_XML:
        raise _TooLarge
    return z.read(info)


def _title(meta: bytes | None) -> str | None:
    if not meta:
        return None
    try:
        found = ET.fromstring(meta).find(f".//{_DC_TITLE}")
    except ET.ParseError:
        return None
    return " ".join(found.text.split()) if found is not None and found.text and found.text.strip() else None


def _docx_text(xml: bytes) -> str:
    """The paragraphs of a WordprocessingML body, one per line pair, in document order.

    >>> w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    >>> _docx_text(f'<w:document {w}><w:body><w:p><w:r><w:t>Un</w:t></w:r><w:r><w:tab/><w:t>deux</w:t></w:r>'
    ...            f'<w:del><w:r><w:delText>non</w:delText></w:r></w:del></w:p><w:p><w:r><w:t>Trois</w:t></w:r></w:p>'
    ...            f'</w:body></w:document>'.encode())
    'Un\\tdeux\\n\\nTrois'
    """
    root = ET.fromstring(xml)
    paras = []
    for p in (n for n in _docx_walk(root, into_paragraphs=True) if n.tag == f"{_W}p"):
        parts = []
        for el in _docx_walk(p, into_paragraphs=False):
            if el.tag == f"{_W}t" and el.text:
                parts.append(el.text)
            elif el.tag == f"{_W}tab":
                parts.append("\t")
            elif el.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif el.tag == f"{_W}noBreakHyphen":
                parts.append("-")
        line = "".join(parts).strip()
        if line:
            paras.append(line)
    return "\n\n".join(paras)


_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _docx_walk(el: ET.Element, *, into_paragraphs: bool) -> list[ET.Element]:
    # The elements under ``el`` in document order, none from a markup-compatibility fallback:
    # Word stores a text box twice, once for older readers, and its text would be read twice.
    # Without ``into_paragraphs``, nested paragraphs (a text box's) are left for their own turn.
    out: list[ET.Element] = []
    stack = list(reversed(list(el)))
    while stack:
        node = stack.pop()
        if node.tag == _FALLBACK or (node.tag == f"{_W}p" and not into_paragraphs):
            continue
        out.append(node)
        stack.extend(reversed(list(node)))
    return out


def _odt_text(xml: bytes) -> str:
    """The paragraphs and headings of an OpenDocument text body, in document order.

    >>> t = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    >>> _odt_text(f'<r {t}><text:h>Titre</text:h><text:p>Un<text:s text:c="2"/>deux <text:span>trois</text:span>'
    ...           f'</text:p></r>'.encode())
    'Titre\\n\\nUn  deux trois'
    """
    root = ET.fromstring(xml)
    paras = []
    for p in root.iter():
        if p.tag not in (f"{_TEXT}p", f"{_TEXT}h"):
            continue
        line = "".join(_odt_inline(p)).strip()
        if line:
            paras.append(line)
    return "\n\n".join(paras)


def _odt_inline(el: ET.Element) -> list[str]:
    # Text of a paragraph with its spans, spaces (text:s, text:c of them), tabs and breaks; a
    # nested paragraph (in a note or frame) is read as its own paragraph, not here.
    out = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag == f"{_TEXT}s":
            out.append(" " * int(child.get(f"{_TEXT}c", "1") or 1))
        elif tag == f"{_TEXT}tab":
            out.append("\t")
        elif tag == f"{_TEXT}line-break":
            out.append("\n")
        elif tag not in (f"{_TEXT}p", f"{_TEXT}h", f"{_TEXT}note"):
            out.extend(_odt_inline(child))
        out.append(child.tail or "")
    return out


def _pdf(raw: bytes) -> tuple[dict[str, Any] | None, str | None]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - a dependency; kept for trimmed installs
        return None, "reading PDF needs pypdf: pip install pypdf"
    # pypdf logs what it repairs or cannot read; the skip reason says it once, in the summary.
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(raw))
            if reader.is_encrypted and reader.decrypt("") == 0:
                return None, "encrypted PDF"
            pages = [page.extract_text() or "" for page in reader.pages]
            title = reader.metadata.title if reader.metadata is not None else None
    except PdfReadError as e:
        return None, f"not a readable PDF ({e})"
    except Exception:  # pypdf raises many kinds on damaged files; all mean the same to the user
        return None, "not a readable PDF"
    finally:
        log.setLevel(level)
    # Words split at a line end ("infor-\nmation") are joined; pages are paragraphs apart.
    text = "\n\n".join(_HYPHENATED.sub("", p).strip() for p in pages if p.strip())
    if not text:
        return None, "no text in the PDF (a scan needs OCR first)"
    return _with_title({"text": text}, " ".join(title.split()) if isinstance(title, str) else None), None
