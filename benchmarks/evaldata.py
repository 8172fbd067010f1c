"""Loaders for the third-party evaluation corpora in ``../shared/eval``.

Documents are made from the raw records by :func:`provenance.load.to_document`, the code path of
``provenance trace corpus.jsonl``: metadata the record lacks (wire-header dates, language, machine
translation notices) is recovered from the text the same way.

Every loader takes the data directory and raises :class:`MissingCorpus` (a ``FileNotFoundError``)
naming the file it looked for when a corpus is absent, so a benchmark can skip it and say so.
Nothing here copies data into the repository; records are read straight from the gzip files.

The corpora and their fields are described in ``../shared/eval/README.md``.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from provenance.load import to_document
from provenance.model import Document

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO.parent / "shared" / "eval"
"""``../shared/eval`` relative to the repository."""


class MissingCorpus(FileNotFoundError):
    """A corpus file is not in the data directory."""


def _path(data_dir: str | Path, name: str) -> Path:
    path = Path(data_dir) / name
    if not path.exists():
        raise MissingCorpus(f"{name} not found in {Path(data_dir).resolve()} (see shared/eval/README.md)")
    return path


def read_jsonl_gz(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


_WORDS = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Case-folded words joined by single spaces: what "identical text" means for duplicates."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORDS.findall(text))


# --- METER -------------------------------------------------------------------------------------


def meter_date(folder_date: str) -> str | None:
    """``01.03.00`` (day.month.year) -> ``2000-03-01``."""
    m = re.fullmatch(r"(\d\d)\.(\d\d)\.(\d\d)", folder_date or "")
    if not m:
        return None
    day, month, year = m.groups()
    century = "19" if int(year) > 50 else "20"
    return f"{century}{year}-{month}-{day}"


def load_meter(data_dir: str | Path) -> list[Document]:
    """PA wire copy and newspaper stories; ``source`` is the paper (``PA``, ``times``, ...);
    ``extra`` keeps ``kind``, ``story``, ``domain`` and ``folder_date``. The folder date is not
    given as the document date: it is the story's, the same on both sides, not a publication date.
    PA copy keeps its wire header, from which the loader recovers a date as for any input."""
    docs = []
    for r in read_jsonl_gz(_path(data_dir, "meter.jsonl.gz")):
        rec = {
            "id": r["id"],
            "text": r["text"],
            "source": r.get("paper"),
            "kind": r["kind"],
            "story": r["story"],
            "domain": r.get("domain"),
            "folder_date": r.get("date"),
            "__origin": "meter.jsonl.gz",
        }
        docs.append(to_document(rec))
    return docs


# --- Clough–Stevenson --------------------------------------------------------------------------


def load_clough_stevenson(data_dir: str | Path) -> tuple[dict[str, Document], list[Document]]:
    """(sources by id, answers). Each answer's ``extra`` has ``category`` and ``source_id``."""
    sources: dict[str, Document] = {}
    answers: list[Document] = []
    for r in read_jsonl_gz(_path(data_dir, "clough_stevenson.jsonl.gz")):
        doc = to_document(
            {
                "id": r["id"],
                "text": r["text"],
                "lang": "en",
                "category": r["category"],
                "source_id": r.get("source_id"),
                "task": r.get("task"),
            }
        )
        if r["category"] == "source":
            sources[r["id"]] = doc
        else:
            answers.append(doc)
    return sources, answers


# --- PAN 2013 text alignment -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PanCase:
    """One plagiarism case: a passage of ``susp`` copied from ``src`` (character offsets)."""

    susp: str
    src: str
    susp_offset: int
    susp_length: int
    src_offset: int
    src_length: int
    matched_frac: float


def load_pan13(data_dir: str | Path) -> tuple[dict[str, Document], list[PanCase]]:
    """(documents by id, truth cases). Case ids use the document ids (``susp/...``, ``src/...``)."""
    docs = {
        r["id"]: to_document({"id": r["id"], "text": r["text"], "lang": "en", "kind": r.get("kind")})
        for r in read_jsonl_gz(_path(data_dir, "pan13_noobf_docs.jsonl.gz"))
    }
    cases = []
    with open(_path(data_dir, "pan13_noobf_truth.tsv"), encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            cases.append(
                PanCase(
                    susp="susp/" + row["susp"].removesuffix(".txt"),
                    src="src/" + row["src"].removesuffix(".txt"),
                    susp_offset=int(row["this_offset"]),
                    susp_length=int(row["this_length"]),
                    src_offset=int(row["source_offset"]),
                    src_length=int(row["source_length"]),
                    matched_frac=float(row.get("matched_frac") or 1.0),
                )
            )
    return docs, cases


# --- MSRP --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SentencePair:
    label: int
    id1: str
    id2: str
    s1: str
    s2: str


def load_msrp(data_dir: str | Path, split: str) -> list[SentencePair]:
    """``split`` is ``train`` or ``test``."""
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', not {split!r}")
    path = _path(data_dir, f"msr_paraphrase_{split}.txt")
    pairs = []
    with open(path, encoding="utf-8-sig") as fh:
        next(fh)  # header
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 5:
                continue
            pairs.append(SentencePair(int(parts[0]), parts[1], parts[2], parts[3], parts[4]))
    return pairs


# --- BBC News ----------------------------------------------------------------------------------


def load_bbc(data_dir: str | Path, limit: int | None = None) -> list[Document]:
    """BBC News 2225. The first line of each text is the title; it stays in the text (as stored)."""
    docs = []
    for r in read_jsonl_gz(_path(data_dir, "bbc_news.jsonl.gz")):
        docs.append(to_document({**r, "__origin": "bbc_news.jsonl.gz"}))
        if limit is not None and len(docs) >= limit:
            break
    return docs


def bbc_records(data_dir: str | Path) -> list[dict]:
    """The raw BBC records (fast: no metadata recovery)."""
    return list(read_jsonl_gz(_path(data_dir, "bbc_news.jsonl.gz")))


def duplicate_groups(docs: list[Document] | list[dict]) -> list[list[str]]:
    """Groups (size >= 2) of documents (or raw records) whose normalised text is identical."""
    by_text: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        rid, text = (d["id"], d["text"]) if isinstance(d, dict) else (d.id, d.text)
        by_text[normalise(text)].append(rid)
    return sorted(sorted(ids) for ids in by_text.values() if len(ids) > 1)


# --- OrangeSum ---------------------------------------------------------------------------------


def load_orangesum(data_dir: str | Path, ids: set[str] | None = None) -> list[Document]:
    """OrangeSum articles (only ``ids`` if given): the body is the text, as the duplicate groups
    compare it; ``title``, ``date`` and the ``heading`` (in ``extra``) as stored."""
    docs = []
    for r in read_jsonl_gz(_path(data_dir, "orangesum_fr.jsonl.gz")):
        if ids is None or r["id"] in ids:
            docs.append(to_document({**r, "__origin": "orangesum_fr.jsonl.gz"}))
    return docs


def orangesum_records(data_dir: str | Path) -> list[dict]:
    """The raw OrangeSum records (fast: no metadata recovery)."""
    return list(read_jsonl_gz(_path(data_dir, "orangesum_fr.jsonl.gz")))


def load_orangesum_groups(data_dir: str | Path) -> list[list[str]]:
    """The authors' duplicate groups, as article ids (``N.json`` -> ``N``)."""
    groups = []
    with open(_path(data_dir, "orangesum_fr_duplicates.txt"), encoding="utf-8") as fh:
        for line in fh:
            ids = [x.strip().removesuffix(".json") for x in line.split(",") if x.strip()]
            if len(ids) > 1:
                groups.append(ids)
    return groups


# --- WMT22 fr<->de -----------------------------------------------------------------------------


def load_wmt22(data_dir: str | Path, domain: str = "news", half: int | None = None) -> list[dict]:
    """WMT22 records (``id``, ``text``, ``lang``, ``role``, ``system``, ``doc``, ``domain``) of
    one ``domain``; with ``half`` (0 or 1), only every other document (by sorted ``doc``),
    starting at that one: the even half is for choosing settings, the odd half for scoring."""
    recs = [r for r in read_jsonl_gz(_path(data_dir, "wmt22_frde_mt.jsonl.gz")) if r["domain"] == domain]
    docs = sorted({r["doc"] for r in recs})
    keep = set(docs if half is None else docs[half::2])
    return [r for r in recs if r["doc"] in keep]
