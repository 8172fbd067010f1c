"""Stage 1, load: every input format, field remapping, pass-through fields and bad input."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import polars as pl
import pytest

from provenance.errors import InputError
from provenance.load import LoadConfig, load, read_records

ARTICLE_FR = (
    "Le président russe Vladimir Poutine et son homologue turc Recep Tayyip Erdogan ont évoqué "
    "par téléphone dimanche les exigences présentées par Moscou à l'égard de l'Alliance atlantique."
)
ARTICLE_EN = (
    "The Russian president and his Turkish counterpart discussed on Sunday the demands Moscow "
    "has made of the Atlantic alliance over the crisis in Ukraine, the Kremlin said."
)
RECORDS = [
    {"id": "fr-1", "text": ARTICLE_FR, "date": "2022-01-02", "source": "example.fr",
     "section": "monde", "wordcount": 31},
    {"id": "en-1", "text": ARTICLE_EN, "url": "https://www.example.com/20220103/putin-erdogan.html",
     "section": "world", "wordcount": 30},
]


def _write_jsonl(path: Path, records: list[dict], *, gz: bool = False) -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if gz:
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            fh.write(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def _check_records(docs) -> None:  # type: ignore[no-untyped-def]
    by_id = {d.id: d for d in docs}
    assert set(by_id) == {"fr-1", "en-1"}
    fr, en = by_id["fr-1"], by_id["en-1"]
    assert fr.text == ARTICLE_FR and en.text == ARTICLE_EN
    assert fr.date == "2022-01-02" and fr.date_origin == "input"
    assert fr.source == "example.fr"
    assert fr.lang == "fr" and en.lang == "en"
    # Metadata the record lacks is recovered: the date and the outlet from the URL.
    assert en.date == "2022-01-03" and en.date_origin == "url"
    assert en.source == "example.com"
    # Fields the pipeline does not know pass through untouched (as read).
    assert fr.extra["section"] == "monde" and en.extra["section"] == "world"


# ------------------------------------------------------------------ formats


def test_folder_recursive_ids_are_relative_paths(tmp_path: Path, seeds: Path) -> None:
    texts = sorted(seeds.glob("*.txt"))
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "top.txt").write_bytes(texts[0].read_bytes())
    (tmp_path / "sub" / "middle.md").write_bytes(texts[1].read_bytes())
    (tmp_path / "sub" / "deeper" / "UPPER.TXT").write_bytes(texts[2].read_bytes())
    (tmp_path / "sub" / "notes.rst").write_text("not an article, other suffix", encoding="utf-8")
    res = load(tmp_path)
    ids = sorted(d.id for d in res.documents)
    assert ids == ["sub/deeper/UPPER", "sub/middle", "top"]
    by_id = {d.id: d for d in res.documents}
    assert by_id["top"].text == texts[0].read_text(encoding="utf-8")
    assert by_id["sub/middle"].origin.endswith("middle.md")
    # A file of another kind is not read, but named: input never disappears silently.
    assert [(Path(f).name, why.split(":")[0]) for f, why in res.skipped] == [("notes.rst", "a .rst file, not read")]


def test_seed_folder(seeds: Path) -> None:
    res = load(seeds)
    assert [d.id for d in res.documents] == sorted(p.stem for p in seeds.glob("*.txt"))
    assert all(d.lang == "fr" for d in res.documents)


def test_jsonl(tmp_path: Path) -> None:
    _check_records(load(_write_jsonl(tmp_path / "c.jsonl", RECORDS)).documents)


def test_jsonl_gz(tmp_path: Path) -> None:
    _check_records(load(_write_jsonl(tmp_path / "c.jsonl.gz", RECORDS, gz=True)).documents)


def test_csv(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    pl.DataFrame(RECORDS).write_csv(path)
    docs = load(path).documents
    _check_records(docs)
    # CSV has no types: pass-through values stay the strings the file holds.
    assert {d.extra["wordcount"] for d in docs} == {"31", "30"}


def test_csv_with_semicolons_or_tabs(tmp_path: Path) -> None:
    """A spreadsheet saved in a French or German locale separates fields with semicolons; a
    .tsv file with tabs. Both read as the comma-separated file does."""
    semi = tmp_path / "c.csv"
    pl.DataFrame(RECORDS).write_csv(semi, separator=";")
    assert semi.read_text(encoding="utf-8").startswith("id;text;")
    _check_records(load(semi).documents)
    tab = tmp_path / "c.tsv"
    pl.DataFrame(RECORDS).write_csv(tab, separator="\t")
    _check_records(load(tab).documents)
    assert load(semi).documents[0].origin == f"{semi}:2"


def test_csv_saved_by_a_spreadsheet_in_a_legacy_encoding(tmp_path: Path) -> None:
    text = "Le président a parlé hier soir, devant les députés réunis à Paris."
    (tmp_path / "excel.csv").write_bytes(f'id;text\na;"{text}"\n'.encode("cp1252"))
    (tmp_path / "unicode.csv").write_bytes(f"id\ttext\nb\t{text}\n".encode("utf-16"))
    (tmp_path / "plain.csv").write_text(f'id,text,encoding\nc,"{text}",latin-9\n', encoding="utf-8")
    got = {r["id"]: r for name in ("excel", "unicode", "plain") for r in read_records(tmp_path / f"{name}.csv")[0]}
    assert {k: (r["text"], r["encoding"]) for k, r in got.items()} == {
        "a": (text, "windows-1252"), "b": (text, "utf-16"), "c": (text, "latin-9")}  # a field of the input is kept
    (tmp_path / "bad.csv").write_bytes(b"id,text\na,caf\xc3 \x81\n")
    with pytest.raises(InputError, match="bad.csv: cannot read"):
        read_records(tmp_path / "bad.csv")


def test_parquet(tmp_path: Path) -> None:
    path = tmp_path / "c.parquet"
    pl.DataFrame(RECORDS).write_parquet(path)
    docs = load(path).documents
    _check_records(docs)
    assert {d.extra["wordcount"] for d in docs} == {31, 30}


def test_folder_of_shards_reads_every_record_in_path_order(tmp_path: Path, seeds: Path) -> None:
    """A dump split into parts (JSON Lines, gzipped, CSV, Parquet) and loose text files, in one
    folder: every record of every shard, in path order, as if the parts were one file."""
    _write_jsonl(tmp_path / "part-0.jsonl", RECORDS[:1])
    (tmp_path / "more").mkdir()
    _write_jsonl(tmp_path / "more" / "part-1.jsonl.gz", RECORDS[1:], gz=True)
    pl.DataFrame([{"id": "csv-1", "text": ARTICLE_FR + " Encore."}]).write_csv(tmp_path / "more" / "part-2.csv")
    pl.DataFrame([{"id": "pq-1", "text": ARTICLE_EN + " Again."}]).write_parquet(tmp_path / "part-3.parquet")
    (tmp_path / "loose.txt").write_bytes(sorted(seeds.glob("*.txt"))[0].read_bytes())
    res = load(tmp_path)
    assert [d.id for d in res.documents] == ["loose", "en-1", "csv-1", "fr-1", "pq-1"]
    _check_records([d for d in res.documents if d.id in ("fr-1", "en-1")])
    assert res.documents[1].origin == f"{tmp_path / 'more' / 'part-1.jsonl.gz'}:1"
    assert res.skipped == []


def test_folder_shard_problems_name_the_shard(tmp_path: Path) -> None:
    _write_jsonl(tmp_path / "a.jsonl", RECORDS)
    (tmp_path / "b.jsonl").write_text('{"id": "x", "text": "y"}\n{broken\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"b\.jsonl:2: malformed JSON"):
        load(tmp_path)
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "fr-1", "text": "same id again"}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="duplicate id 'fr-1'"):
        load(tmp_path)


def test_folder_leaves_out_hidden_entries_and_earlier_outputs(tmp_path: Path, seeds: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """Writing ``-o`` inside the traced folder, then tracing the folder again, reads the same
    articles: the earlier output (its report and summary) is not read back as articles."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in seeds.glob("*.txt"):
        (corpus / p.name).write_bytes(p.read_bytes())
    (corpus / ".git").mkdir()
    (corpus / ".git" / "notes.txt").write_text(ARTICLE_FR, encoding="utf-8")
    (corpus / ".draft.txt").write_text(ARTICLE_EN, encoding="utf-8")
    first = run_cli("trace", corpus, "-o", corpus / "out", "-q", "--no-svg")
    assert first.exit_code == 0, first.stderr
    graph = json.loads((corpus / "out" / "graph.json").read_text(encoding="utf-8"))
    again = run_cli("trace", corpus, "-o", corpus / "out2", "--no-svg")
    assert again.exit_code == 0, again.stderr
    assert "an earlier provenance output" in again.stderr
    assert json.loads((corpus / "out2" / "graph.json").read_text(encoding="utf-8")) == graph
    res = load(corpus)
    assert [d.id for d in res.documents] == sorted(p.stem for p in seeds.glob("*.txt"))
    assert {Path(f).name for f, _ in res.skipped} == {"out", "out2"}


def test_id_and_text_field_remap(tmp_path: Path) -> None:
    recs = [{"ref": r["id"], "body": r["text"], **{k: v for k, v in r.items() if k not in ("id", "text")}}
            for r in RECORDS]
    path = _write_jsonl(tmp_path / "c.jsonl", recs)
    with pytest.raises(InputError, match="--id-field"):
        load(path)
    docs = load(path, LoadConfig(id_field="ref", text_field="body")).documents
    _check_records(docs)
    # The renamed fields are not repeated among the pass-through fields.
    assert all("ref" not in d.extra and "body" not in d.extra for d in docs)
    # an export's own id column is read as the id
    recs = [{"Article ID": r["id"], **{k: v for k, v in r.items() if k != "id"}} for r in RECORDS]
    assert [d.id for d in load(_write_jsonl(tmp_path / "d.jsonl", recs)).documents] == [r["id"] for r in RECORDS]


def test_missing_text_field_names_the_option(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "c.jsonl", [{"id": "a", "haupttext": ARTICLE_FR}])
    with pytest.raises(InputError, match="--text-field") as e:
        load(path)
    assert "c.jsonl:1" in str(e.value)


def test_extra_fields_reach_documents_table(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    src = _write_jsonl(tmp_path / "c.jsonl", RECORDS)
    out = tmp_path / "out"
    res = run_cli("trace", src, "-o", out, "-q", "--no-svg")
    assert res.exit_code == 0, res.stderr
    df = pl.read_parquet(out / "documents.parquet")
    rows = {r["id"]: r for r in df.to_dicts()}
    assert rows["fr-1"]["section"] == "monde" and rows["en-1"]["section"] == "world"
    assert rows["fr-1"]["wordcount"] == "31"
    assert rows["en-1"]["source"] == "example.com"


# ------------------------------------------------------------------ bad files in a folder


def _bad_folder(root: Path, seeds: Path) -> dict[str, str]:
    """Two good articles and one file of each kind of bad input; returns name -> expected reason."""
    good = sorted(seeds.glob("*.txt"))[:2]
    for p in good:
        (root / p.name).write_bytes(p.read_bytes())
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    # 0x81 and 0x8d are in no UTF-8 sequence here and undefined in windows-1252
    (root / "undecodable.txt").write_bytes("Le président a parlé ce matin.".encode("latin-1") + b" \x81\x8d")
    (root / "blank.md").write_text("   \n\n  \n", encoding="utf-8")
    os.symlink(root / "does-not-exist.txt", root / "dangling.txt")
    return {"binary.txt": "binary", "undecodable.txt": "neither UTF-8", "blank.md": "empty",
            "dangling.txt": "unreadable"}


def test_bad_files_are_skipped_with_reason(tmp_path: Path, seeds: Path) -> None:
    expected = _bad_folder(tmp_path, seeds)
    res = load(tmp_path)
    assert len(res.documents) == 2
    reasons = {Path(f).name: why for f, why in res.skipped}
    assert set(reasons) == set(expected)
    for name, word in expected.items():
        assert word in reasons[name], (name, reasons[name])


def test_text_files_in_other_encodings_are_read_and_named(tmp_path: Path, seeds: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    seed = sorted(seeds.glob("001_*.txt"))[0]
    text = seed.read_text(encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / seed.name).write_text(text, encoding="utf-8")
    legacy = "".join(c if c.encode("cp1252", errors="ignore") else "?" for c in text)
    encoded = {
        "cp1252.txt": (legacy.encode("cp1252"), "windows-1252", legacy),
        "utf16.txt": (text.encode("utf-16"), "utf-16", text),
        "utf16be.txt": (text.encode("utf-16-be"), "utf-16-be", text),
        "utf32.txt": (text.encode("utf-32"), "utf-32", text),
        "utf8bom.txt": (text.encode("utf-8-sig"), None, text),
    }
    for name, (raw, _, _) in encoded.items():
        (corpus / name).write_bytes(raw)
    res = load(corpus)
    assert res.skipped == []
    got = {Path(d.origin).name: d for d in res.documents}
    for name, (_, enc, want) in encoded.items():
        assert got[name].text == want, name
        assert got[name].extra.get("encoding") == enc, name
    out = tmp_path / "out"
    cli = run_cli("trace", corpus, "-o", out, "--no-svg")
    assert cli.exit_code == 0, cli.stderr
    assert "note: 1 document(s) were not UTF-8 and were read as windows-1252" in cli.stderr
    docs = pl.read_parquet(out / "documents.parquet")
    assert dict(zip(docs["id"], docs["encoding"], strict=True))["cp1252"] == "windows-1252"
    # the windows-1252 copy is the seed's copy, as the others are
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    linked = {x for e in graph["edges"] if e["relation"] in ("duplicate", "near_duplicate") for x in (e["source"], e["target"])}
    assert {"cp1252", "utf16", "utf16be", "utf32", "utf8bom", seed.stem} <= linked


def test_another_legacy_encoding_is_given_with_encoding(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    text = ("Президент России Владимир Путин провёл телефонный разговор с президентом Турции. "
            "Стороны обсудили ситуацию вокруг Украины и вопросы безопасности в Европе.")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(text.encode("cp1251"))
    (corpus / "b.txt").write_text(text, encoding="utf-8")
    guessed = run_cli("trace", corpus, "-o", tmp_path / "out1", "--no-svg")
    assert guessed.exit_code == 0, guessed.stderr
    assert "1 of them look like another encoding (Cyrillic, Greek, Japanese...): give it with --encoding" in guessed.stderr
    res = load(corpus, LoadConfig(legacy_encoding="cp1251"))
    assert {d.id: (d.text, d.extra.get("encoding")) for d in res.documents} == {"a": (text, "windows-1251"), "b": (text, None)}
    given = run_cli("trace", corpus, "-o", tmp_path / "out2", "--no-svg", "--encoding", "cp1251")
    assert given.exit_code == 0, given.stderr
    assert "note: 1 document(s) were not UTF-8 and were read as windows-1251" in given.stderr and "look like" not in given.stderr
    graph = json.loads((tmp_path / "out2" / "graph.json").read_text(encoding="utf-8"))
    assert [e["relation"] for e in graph["edges"]] == ["duplicate"]
    bad = run_cli("trace", corpus, "-o", tmp_path / "out3", "--encoding", "klingon")
    assert bad.exit_code == 2 and "unknown encoding 'klingon'" in bad.stderr


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_permission_is_skipped(tmp_path: Path, seeds: Path) -> None:
    good = sorted(seeds.glob("*.txt"))[0]
    (tmp_path / good.name).write_bytes(good.read_bytes())
    locked = tmp_path / "locked.txt"
    locked.write_text(ARTICLE_FR, encoding="utf-8")
    locked.chmod(0)
    try:
        res = load(tmp_path)
    finally:
        locked.chmod(0o644)
    assert [Path(f).name for f, _ in res.skipped] == ["locked.txt"]
    assert "unreadable" in res.skipped[0][1]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_is_skipped_not_read(tmp_path: Path, seeds: Path) -> None:
    good = sorted(seeds.glob("*.txt"))[0]
    (tmp_path / good.name).write_bytes(good.read_bytes())
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever
    res = load(tmp_path)
    assert [Path(f).name for f, _ in res.skipped] == ["pipe.txt"]


def test_bad_files_warned_and_counted_by_cli(tmp_path: Path, seeds: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    expected = _bad_folder(corpus, seeds)
    out = tmp_path / "out"
    res = run_cli("trace", corpus, "-o", out, "--no-svg")
    assert res.exit_code == 0, res.stderr
    for name in expected:
        assert f"warning: skipped {corpus / name}" in res.stderr
    assert f"skipped {len(expected)}" in res.stdout
    man = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert man["counts"]["skipped"] == len(expected)
    assert man["counts"]["documents"] == 2
    assert sorted(Path(s["file"]).name for s in man["skipped"]) == sorted(expected)


# ------------------------------------------------------------------ fatal input errors


def _fatal(tmp_path: Path, run_cli, src: Path) -> str:  # type: ignore[no-untyped-def]
    """Run trace on ``src``; it must fail with exit 1 and leave nothing beside the output."""
    parent = tmp_path / "outputs"
    parent.mkdir()
    res = run_cli("trace", src, "-o", parent / "out")
    assert res.exit_code == 1, (res.exit_code, res.stdout, res.stderr)
    assert res.stderr.startswith("Error: ")
    assert "Traceback" not in res.stderr
    assert list(parent.iterdir()) == []  # no output folder, no temporary folder
    return res.stderr


def test_empty_folder_fails_cleanly(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no documents" in _fatal(tmp_path, run_cli, empty)


def test_folder_of_only_bad_files_fails_cleanly(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    err = _fatal(tmp_path, run_cli, corpus)
    assert "no documents" in err and "1 file(s) skipped" in err


def test_empty_jsonl_fails_cleanly(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "c.jsonl"
    src.write_text("\n\n", encoding="utf-8")
    assert "no documents" in _fatal(tmp_path, run_cli, src)


def test_duplicate_ids_fail_cleanly(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    src = _write_jsonl(tmp_path / "c.jsonl", [RECORDS[0], RECORDS[1], {**RECORDS[1], "text": ARTICLE_FR}])
    err = _fatal(tmp_path, run_cli, src)
    assert "duplicate id 'en-1'" in err
    assert "c.jsonl:2" in err and "c.jsonl:3" in err


def test_duplicate_ids_in_folder(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "story.txt").write_text(ARTICLE_FR, encoding="utf-8")
    (corpus / "story.md").write_text(ARTICLE_EN, encoding="utf-8")
    err = _fatal(tmp_path, run_cli, corpus)
    assert "duplicate id 'story'" in err


def test_malformed_jsonl_line_fails_with_line_number(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "c.jsonl"
    lines = [json.dumps(RECORDS[0]), "", '{"id": "broken", "text": "unterminated', json.dumps(RECORDS[1])]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = _fatal(tmp_path, run_cli, src)
    assert "c.jsonl:3" in err and "malformed JSON" in err


def test_jsonl_not_in_utf8_names_the_line(tmp_path: Path) -> None:
    for name, opener in (("c.jsonl", open), ("c.jsonl.gz", gzip.open)):
        with opener(tmp_path / name, "wb") as fh:
            fh.write(b'{"id": "a", "text": "ok"}\n\n{"id": "b", "text": "pr\xe9sident"}\n')
        with pytest.raises(InputError, match=rf"{name}:3: not valid UTF-8 \(byte 24 of the line; 1 invalid byte in all"):
            read_records(tmp_path / name)


def test_jsonl_line_not_an_object(tmp_path: Path) -> None:
    src = tmp_path / "c.jsonl"
    src.write_text(json.dumps(RECORDS[0]) + "\n[1, 2]\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"c\.jsonl:2: expected a JSON object"):
        load(src)


def test_unsupported_and_missing_inputs(tmp_path: Path, seeds: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_records(tmp_path / "nope")
    one = sorted(seeds.glob("*.txt"))[0]
    with pytest.raises(InputError, match="folder"):
        read_records(one)
    odd = tmp_path / "c.xml"
    odd.write_text("<a/>", encoding="utf-8")
    with pytest.raises(InputError, match="unsupported input"):
        read_records(odd)


def test_corrupt_gzip_is_an_input_error(tmp_path: Path) -> None:
    src = tmp_path / "c.jsonl.gz"
    src.write_bytes(b"this is not gzip data at all")
    with pytest.raises(InputError, match="cannot read"):
        load(src)


def test_fields_as_other_tools_name_them(tmp_path: Path) -> None:
    # news-please writes maintext, date_publish, source_domain; a record without an id is named
    # by its URL.
    recs = [{"url": "https://a.example/x", "maintext": ARTICLE_FR, "date_publish": "2022-01-03 09:15:00",
             "source_domain": "a.example", "headline": "Titre", "language": "fr"},
            {"link": "https://b.example/y", "content": ARTICLE_FR + " Fin.", "pubDate": "Tue, 04 Jan 2022 10:00:00 GMT",
             "publisher": "B"}]
    docs = load(_write_jsonl(tmp_path / "c.jsonl", recs)).documents
    a, b = docs
    assert (a.id, a.url, a.date, a.source, a.title, a.lang) == (
        "https://a.example/x", "https://a.example/x", "2022-01-03 09:15", "a.example", "Titre", "fr")
    assert (b.id, b.date, b.source) == ("https://b.example/y", "2022-01-04T10:00", "B")
    assert a.text == ARTICLE_FR and a.date_origin == "input"
    # a record's own field wins over an alias
    c = load(_write_jsonl(tmp_path / "d.jsonl", [{**recs[0], "id": "own", "date": "2021-12-31"}])).documents[0]
    assert (c.id, c.date) == ("own", "2021-12-31")
    # no id and no URL: the error names both
    with pytest.raises(InputError, match="no 'id' or 'url' field"):
        load(_write_jsonl(tmp_path / "e.jsonl", [{"maintext": ARTICLE_FR}]))


def test_a_page_met_twice_in_a_dump_is_numbered_not_refused(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    rec = {"url": "https://a.example/x", "maintext": ARTICLE_FR}
    other = {"url": "https://b.example/y", "maintext": RECORDS[1]["text"]}
    path = _write_jsonl(tmp_path / "dump.jsonl", [rec, other, rec])
    assert [d.id for d in load(path).documents] == ["https://a.example/x", "https://b.example/y",
                                                    "https://a.example/x#2"]
    edges = []
    for extra in ([], ["--partitioned"]):
        out = tmp_path / f"out{len(extra)}"
        res = run_cli("trace", path, "-o", out, "-q", "--no-svg", *extra)
        assert res.exit_code == 0, res.stderr
        graph = json.loads((out / "graph.json").read_text())
        edges.append([(e["source"], e["target"], e["relation"]) for e in graph["edges"]])
    assert edges[0] == edges[1] == [("https://a.example/x", "https://a.example/x#2", "duplicate")]
    # ids given twice are still an error: they name two documents
    with pytest.raises(InputError, match="duplicate id 'a'"):
        load(_write_jsonl(tmp_path / "ids.jsonl", [{**rec, "id": "a"}, {**rec, "id": "a"}]))


def test_workers_give_the_documents_of_a_serial_load(tmp_path: Path) -> None:
    """The local engine's workers send back documents without the texts they kept unchanged;
    the load puts them back, so the documents equal a serial load's: plain texts, texts under
    an alias field, pages whose text is read from their markup and flattened texts, which get
    line breaks in place of blanks and are shown in the input's own characters."""
    from provenance.engines.local import LocalEngine
    from provenance.model import input_text

    recs = []
    for i in range(450):
        if i % 3 == 0:
            recs.append({"id": f"t{i}", "text": f"{ARTICLE_FR} Numéro {i}.", "date": "2022-01-02"})
        elif i % 3 == 1:
            recs.append({"id": f"c{i}", "content": f"{ARTICLE_EN} Number {i}."})
        else:
            recs.append({"id": f"h{i}", "html": f"<html><body><article><p>{ARTICLE_EN} Page {i}.</p></article>"
                                                 "<footer>All rights reserved.</footer></body></html>"})
    flat = {f"f{i}": " ".join(f"Phrase numéro {k} du texte {i}." for k in range(6)).replace(". P", ".\u00a0P", 2)
            for i in range(60)}
    recs.extend({"id": k, "text": v} for k, v in flat.items())
    path = tmp_path / "mixed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    serial = load(path).documents
    parallel = load(path, engine=LocalEngine(workers=2, min_parallel=1)).documents
    assert parallel == serial
    assert all(d.text.strip() for d in parallel)
    assert parallel[1].text.startswith("The Russian president")
    restored = [d for d in parallel if d.flattened]
    assert [d.id for d in restored] == list(flat) and all("\n" in d.text for d in restored)
    assert [input_text(d) for d in restored] == list(flat.values())


def test_language_tags_names_and_codes_are_read_as_iso_639_1(seeds: Path) -> None:
    """A dump's language field written "fr-FR", "FRA" or "French" is French; a value naming no
    language ("xx", "und") is ignored and the language detected. Two copies of one text whose
    records write French differently are then a duplicate, not a translation."""
    from provenance.load import to_document
    from provenance.pipeline import trace

    for tag in ("fr", "fr-FR", "fr_CA", "FR", "fra", "fre", "French", "Français", "francais", "xx", "und", ""):
        assert to_document({"id": "a", "text": ARTICLE_FR, "lang": tag}).lang == "fr", tag
    assert to_document({"id": "a", "text": ARTICLE_FR, "lang": "de-DE"}).lang == "de"  # as given
    text = next(seeds.glob("001_*.txt")).read_text(encoding="utf-8")
    docs = [to_document({"id": "a", "text": text, "lang": "fr-FR", "source": "a.example"}),
            to_document({"id": "b", "text": text, "lang": "fr", "source": "b.example"})]
    rel = {p.relation for p in trace(docs).pairs}
    assert rel == {"duplicate"}


def test_json_exports_of_scrapers_and_apis(tmp_path: Path) -> None:
    recs = [{"id": "a", "text": ARTICLE_FR}, {"id": "b", "text": ARTICLE_FR + " Fin."}]
    shapes = {
        "list.json": recs,
        "wrapped.json": {"status": "ok", "total": 2, "articles": recs},
        "one.json": recs[0],
    }
    for name, data in shapes.items():
        (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")
    assert [d.id for d in load(tmp_path / "list.json").documents] == ["a", "b"]
    assert [d.id for d in load(tmp_path / "wrapped.json").documents] == ["a", "b"]
    assert [d.id for d in load(tmp_path / "one.json").documents] == ["a"]
    (tmp_path / "lines.json").write_text("\n".join(json.dumps(r) for r in recs), encoding="utf-8")
    assert [d.id for d in load(tmp_path / "lines.json").documents] == ["a", "b"]
    (tmp_path / "bad.json").write_text('[{"id": "a",\n "text": }]', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.json:2: malformed JSON"):
        load(tmp_path / "bad.json")
    (tmp_path / "two.json").write_text(json.dumps({"a": recs, "b": recs}), encoding="utf-8")
    with pytest.raises(InputError, match="holds 2 lists"):
        load(tmp_path / "two.json")
    (tmp_path / "numbers.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError, match="record 1: expected a JSON object"):
        load(tmp_path / "numbers.json")


def test_many_skipped_records_are_counted_not_listed(tmp_path: Path, seeds: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    # A dump with many empty records: the first few are named, the rest counted by reason, and
    # the manifest keeps every one.
    text = next(seeds.glob("001_*.txt")).read_text(encoding="utf-8")
    rows = [{"id": f"e{i}", "text": ""} for i in range(25)] + [{"id": "a", "text": text}, {"id": "b", "text": text}]
    src = tmp_path / "dump.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    res = run_cli("trace", src, "-o", out, "--no-svg")
    assert res.exit_code == 0, res.stderr
    assert res.stderr.count("warning: skipped ") == 11
    assert "skipped 15 more (15 empty text); all are listed in manifest.json" in res.stderr
    assert res.stdout.count("  skipped ") == 11 and "skipped 25:" in res.stdout
    man = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(man["skipped"]) == 25


# ------------------------------------------------------------------ dates that cannot be read


def test_a_yyyymmdd_number_is_read_as_the_string_is(tmp_path: Path) -> None:
    # A JSON number or a Parquet integer column; Unix times in seconds or milliseconds still are.
    rows = [{"id": "n", "text": ARTICLE_FR, "date": 20220102}, {"id": "s", "text": ARTICLE_EN, "date": 1667469600},
            {"id": "ms", "text": ARTICLE_EN + " Again.", "date": 1667469600000}]
    want = {"n": "2022-01-02", "s": "2022-11-03T10:00", "ms": "2022-11-03T10:00"}
    pl.DataFrame(rows, schema={"id": pl.String, "text": pl.String, "date": pl.Int64}).write_parquet(tmp_path / "c.parquet")
    for path in (_write_jsonl(tmp_path / "c.jsonl", rows), tmp_path / "c.parquet"):
        assert {d.id: d.date for d in load(path).documents} == want, path


def test_unreadable_dates_are_warned_of_in_one_line(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    rows = [{"id": "doc7", "text": ARTICLE_FR, "date": "2022-13-01"},
            {"id": "doc8", "text": ARTICLE_EN, "date": 0},
            {"id": "doc9", "text": ARTICLE_EN + " More.", "date": "31/02/2022"},
            {"id": "url", "text": "https://example.com/20220105/x.html\n\n" + ARTICLE_FR, "date": "soon"},
            {"id": "ok", "text": ARTICLE_FR + " Encore.", "date": "2022-01-02"},
            {"id": "blank", "text": ARTICLE_EN + " Blank.", "date": " "},
            {"id": "none", "text": ARTICLE_EN + " None.", "date": None}]
    path = _write_jsonl(tmp_path / "c.jsonl", rows)
    docs = {d.id: d for d in load(path).documents}
    assert [i for i, d in docs.items() if d.unread_date is not None] == ["doc7", "doc8", "doc9", "url"]
    assert docs["url"].date == "2022-01-05" and docs["doc7"].date is None
    for extra in ([], ["--partitioned"]):
        res = run_cli("trace", path, "-o", tmp_path / f"out{len(extra)}", "-q", "--no-svg", "--no-report", *extra)
        assert res.exit_code == 0, res.stderr
        warned = [ln for ln in res.stderr.splitlines() if "could not be read" in ln]
        assert warned == ["warning: 4 record(s) have a date that could not be read (doc7: '2022-13-01', doc8: '0', ...); "
                          "1 dated from its text or URL instead, the others traced undated"], (extra, res.stderr)


def test_no_warning_when_every_date_is_read(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    res = run_cli("trace", _write_jsonl(tmp_path / "c.jsonl", RECORDS), "-o", tmp_path / "out", "-q", "--no-svg")
    assert res.exit_code == 0 and "date" not in res.stderr, res.stderr


# ------------------------------------------------------------------ JSON files and other kinds in a folder


def test_folder_reads_json_files_record_by_record(tmp_path: Path, seeds: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """One article per ``N.json`` (a scraper's layout), beside text files: every record is read
    as the top-level JSON reader reads it, and files that hold none are named, not dropped."""
    corpus = tmp_path / "corpus"
    (corpus / "more").mkdir(parents=True)
    text = next(seeds.glob("001_*.txt")).read_text(encoding="utf-8")
    for i in range(3):
        (corpus / f"{i}.json").write_text(json.dumps({"id": f"art{i}", "text": f"Article {i}. {text}"}), encoding="utf-8")
    # news-please's own layout: maintext and a URL, no id
    (corpus / "more" / "np.json").write_text(json.dumps(
        {"url": "https://www.example.com/20220103/a.html", "maintext": ARTICLE_EN, "authors": []}), encoding="utf-8")
    (corpus / "more" / "list.json").write_text(json.dumps({"articles": RECORDS}), encoding="utf-8")
    (corpus / "loose.txt").write_text(text, encoding="utf-8")
    (corpus / "broken.json").write_text('{"id": "cut", "text": "a download cut sh', encoding="utf-8")
    (corpus / "meta.json").write_text(json.dumps({"crawler": "x", "pages": 4}), encoding="utf-8")
    for name in ("feed.xml", "notes.text", "dump.csv.gz", "README"):
        (corpus / name).write_text("Some words.", encoding="utf-8")
    res = load(corpus)
    assert [d.id for d in res.documents] == ["art0", "art1", "art2", "loose", "fr-1", "en-1",
                                             "https://www.example.com/20220103/a.html"]
    assert res.documents[0].origin == f"{corpus / '0.json'}#1"
    assert res.documents[-1].text == ARTICLE_EN and res.documents[-1].date == "2022-01-03"
    reasons = {Path(f).name: why for f, why in res.skipped}
    assert set(reasons) == {"broken.json:1", "meta.json", "feed.xml", "notes.text", "dump.csv.gz", "README"}
    assert reasons["broken.json:1"].startswith("malformed JSON (")
    assert "'text' field (use --text-field" in reasons["meta.json"]
    assert reasons["feed.xml"].startswith("a .xml file, not read: a folder's articles are .txt, .md, .html")
    assert reasons["notes.text"].startswith("a .text file, not read")
    assert reasons["dump.csv.gz"] == "a compressed .csv file, not read: decompress it, or save it as .jsonl.gz"
    assert reasons["README"].startswith("a file without an extension, not read")
    # The QA report's case: a folder of nothing but N.json files is traced, by both readers.
    only = tmp_path / "only"
    only.mkdir()
    for i in range(3):
        (only / f"{i}.json").write_bytes((corpus / f"{i}.json").read_bytes())
    for extra in ((), ("--partitioned",)):
        cli = run_cli("trace", only, "-o", tmp_path / f"out{len(extra)}", "--no-svg", "--no-report", *extra)
        assert cli.exit_code == 0, cli.stderr
        assert "Read 3 documents." in cli.stdout


def test_a_json_file_of_one_article_with_lists_is_one_record(tmp_path: Path) -> None:
    # Its images are a list of objects, but its text makes it an article, not a wrapper of records.
    src = tmp_path / "a.json"
    src.write_text(json.dumps({"id": "a", "content": ARTICLE_FR, "images": [{"src": "1.jpg"}]}), encoding="utf-8")
    assert [(d.id, d.text) for d in load(src).documents] == [("a", ARTICLE_FR)]
    src.write_text(json.dumps({"id": "a", "corps": ARTICLE_FR, "images": [{"src": "1.jpg"}, {"src": "2.jpg"}]}),
                   encoding="utf-8")
    assert [d.text for d in load(src, LoadConfig(text_field="corps")).documents] == [ARTICLE_FR]


# ------------------------------------------------------------------ UTF-16 without a byte-order mark


UTF16_TEXTS = {
    "ru": ("Президент России Владимир Путин провёл телефонный разговор с президентом Турции.\n"
           "Стороны обсудили ситуацию вокруг Украины и вопросы безопасности в Европе.\n"),
    "zh": ("新华社北京11月3日电\n国务院总理主持召开国务院常务会议，部署进一步做好稳就业工作。\n"
           "会议指出，一季度经济运行总体平稳，就业形势保持稳定。\n"),
    "ar": ("قال الرئيس الروسي فلاديمير بوتين إن المحادثات مع نظيره التركي كانت بناءة.\n"
           "وأضاف أن الجانبين ناقشا الوضع في أوكرانيا والأمن في أوروبا.\n"),
    "ja": ("　東京都は３日、新たに感染者を確認したと発表した。\n"
           "　都の担当者は「引き続き警戒が必要だ」と話した。\n"),
}


def test_utf16_without_a_mark_is_read_in_any_script(tmp_path: Path) -> None:
    for lang, text in UTF16_TEXTS.items():
        for enc in ("utf-16-le", "utf-16-be"):
            (tmp_path / f"{lang}-{enc}.txt").write_bytes(text.encode(enc))
    res = load(tmp_path)
    assert res.skipped == []
    got = {d.id: (d.text, d.extra.get("encoding")) for d in res.documents}
    assert got == {f"{lang}-{enc}": (text, enc) for lang, text in UTF16_TEXTS.items() for enc in ("utf-16-le", "utf-16-be")}


def test_utf16_that_cannot_be_told_names_the_option(tmp_path: Path, seeds: Path) -> None:
    good = next(seeds.glob("001_*.txt"))
    (tmp_path / good.name).write_bytes(good.read_bytes())
    # Two words: one space, one NUL byte, too few to tell text from a binary file.
    (tmp_path / "short.txt").write_bytes("Президент России".encode("utf-16-le"))
    (tmp_path / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    res = load(tmp_path)
    reasons = {Path(f).name: why for f, why in res.skipped}
    assert set(reasons) == {"short.txt", "picture.txt"}
    assert reasons["short.txt"].startswith("binary file") and "--encoding utf-16-le" in reasons["short.txt"]
    told = load(tmp_path, LoadConfig(legacy_encoding="utf-16-le"))
    assert {d.id: d.text for d in told.documents}["short"] == "Президент России"
    assert [Path(f).name for f, _ in told.skipped] == ["picture.txt"]


# ------------------------------------------------------------------ an earlier output given as the input


def test_an_earlier_output_given_as_input_is_refused_clearly(tmp_path: Path, seeds: Path, seeds_trace, run_cli) -> None:  # type: ignore[no-untyped-def]
    out, _ = seeds_trace
    for extra in ((), ("--partitioned",)):
        parent = tmp_path / f"run{len(extra)}"
        parent.mkdir()
        res = run_cli("trace", out, "-o", parent / "again", *extra)
        assert res.exit_code == 1, res.stdout
        assert res.stderr.startswith(f"Error: {out}: this folder is an earlier provenance output")
        assert f"trace the input it was made from ({seeds})" in res.stderr
        assert f"provenance lineage {out} ID" in res.stderr
        assert "alignments.parquet" not in res.stderr and "Traceback" not in res.stderr
        assert list(parent.iterdir()) == []


# ------------------------------------------------------------------ malformed CSV


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-16"])
def test_ragged_csv_row_is_named_by_line(tmp_path: Path, encoding: str) -> None:
    # cp1252 and UTF-16 are decoded before polars reads them: a second path to the same error.
    src = tmp_path / "c.csv"
    src.write_bytes('id;text\na;"Le président a parlé."\nb;"Deux; champs";de trop;encore\nc;x\n'.encode(encoding))
    with pytest.raises(InputError) as e:
        load(src)
    assert str(e.value) == (f"{src}:3: malformed CSV: 4 fields where the header has 2 "
                            "(a text holding a semicolon must be in double quotes)")


def test_malformed_csv_fails_in_our_words(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "c.csv"
    src.write_text('id,text\na,"one"\nb,"two",extra\n', encoding="utf-8")
    err = _fatal(tmp_path, run_cli, src)
    assert f"{src}:3: malformed CSV: 3 fields where the header has 2" in err
    assert "truncate_ragged_lines" not in err and "Consider" not in err
    src.write_text('id,text\na,"one"\nb,"never closed\nc,three\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"c\.csv:3: malformed CSV: a double quote opened here is never closed"):
        load(src)
    src.write_text('id,text\na,"one" and more\n', encoding="utf-8")
    with pytest.raises(InputError, match=r'c\.csv:2: malformed CSV: text follows a closing double quote'):
        load(src)


# ------------------------------------------------------------------ field names as exports write them


def test_capitalised_and_spaced_headers_are_the_known_fields(tmp_path: Path) -> None:
    # An English spreadsheet export (ID, Title, Text, Date, URL, Source) and a French one, with
    # semicolons and its own names (identifiant is not a known name: --id-field names it).
    en = tmp_path / "export.csv"
    en.write_text("ID,Title,Text,Publish Date,URL,Source\n"
                  f'x1,Talks by phone,"{ARTICLE_EN}",2022-01-03 09:15,https://a.example/x1,A News\n', encoding="utf-8")
    d = load(en).documents[0]
    assert (d.id, d.title, d.date, d.url, d.source, d.date_origin) == (
        "x1", "Talks by phone", "2022-01-03 09:15", "https://a.example/x1", "A News", "input")
    # The columns read under their own names are not repeated; an alias passes through as written.
    assert d.extra == {"Publish Date": "2022-01-03 09:15"}
    fr = tmp_path / "export_fr.csv"
    fr.write_text("identifiant;titre;corps;date_publication;site\n"
                  f"a1;Entretien téléphonique;{ARTICLE_FR};13/01/2022 14:05;lemonde.fr\n", encoding="utf-8")
    d = load(fr, LoadConfig(id_field="identifiant")).documents[0]
    assert (d.id, d.title, d.text, d.date, d.source) == ("a1", "Entretien téléphonique", ARTICLE_FR, "2022-01-13 14:05", "lemonde.fr")
    # Named by an option, a field is found whatever its case.
    d = load(fr, LoadConfig(id_field="Identifiant", text_field="CORPS")).documents[0]
    assert (d.id, d.text) == ("a1", ARTICLE_FR)


def test_of_two_columns_for_one_field_the_choice_is_fixed(tmp_path: Path) -> None:
    rec = {"id": "a", "text": ARTICLE_EN, "Published": "2022-01-01", "Date": "2022-01-02", "date": "2022-01-03"}
    assert load(_write_jsonl(tmp_path / "a.jsonl", [rec])).documents[0].date == "2022-01-03"  # its own name, exactly
    del rec["date"]
    assert load(_write_jsonl(tmp_path / "b.jsonl", [rec])).documents[0].date == "2022-01-02"  # its own name, any case
    # an empty cell gives way to the next name that has a value
    rec["Date"] = ""
    assert load(_write_jsonl(tmp_path / "c.jsonl", [rec])).documents[0].date == "2022-01-01"


def test_field_options_name_other_columns(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    recs = [{"id": "a", "text": ARTICLE_EN, "Erschienen": "2022-01-03T09:15:00+01:00", "Medium": "Der Kurier",
             "Adresse": "https://kurier.example/a", "Schlagzeile": "Telefonat", "Sprache": "en", "date": "unused"}]
    cfg = LoadConfig(date_field="erschienen", source_field="Medium", url_field="Adresse", title_field="Schlagzeile",
                     lang_field="Sprache", detect_language=False)
    d = load(_write_jsonl(tmp_path / "a.jsonl", recs), cfg).documents[0]
    assert (d.date, d.source, d.url, d.title, d.lang) == ("2022-01-03T08:15", "Der Kurier", "https://kurier.example/a", "Telefonat", "en")
    # A named field replaces the default one, which is not read.
    assert d.extra == {}
    # A misspelt column is an error that lists the fields there are.
    with pytest.raises(InputError, match=r"no record has a 'Erschienen am' field \(--date-field\).*'Erschienen'"):
        load(tmp_path / "a.jsonl", LoadConfig(date_field="Erschienen am"))
    out = tmp_path / "out"
    two = _write_jsonl(tmp_path / "two.jsonl", [recs[0], {**recs[0], "id": "b", "text": ARTICLE_EN + " It ended."}])
    res = run_cli("explain", two, "a", "b", "--date-field", "Erschienen", "--source-field", "Medium")
    assert res.exit_code == 0, res.stderr  # explain takes them too
    res = run_cli("trace", tmp_path / "a.jsonl", "-o", out, "-q", "--no-svg", "--no-report", "--date-field", "Erschienen",
                  "--title-field", "Schlagzeile")
    assert res.exit_code == 0, res.stderr
    docs = pl.read_parquet(out / "documents.parquet")
    assert docs.select("date", "title").row(0) == ("2022-01-03T08:15", "Telefonat")


def test_a_column_of_dates_under_an_unknown_name_is_pointed_out(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "export.csv"
    src.write_text("id,text,Erschienen am,Ressort\n"
                   f'a,"{ARTICLE_EN}",03.01.2022,Politik\n'
                   f'b,"{ARTICLE_FR}",04.01.2022,Politik\n', encoding="utf-8")
    res = load(src)
    assert [d.date for d in res.documents] == [None, None]
    assert len(res.notes) == 1 and "'Erschienen am' holds dates in 2 of 2 records" in res.notes[0]
    assert "--date-field 'Erschienen am'" in res.notes[0]
    cli = run_cli("trace", src, "-o", tmp_path / "out", "-q", "--no-svg", "--no-report")
    assert cli.exit_code == 0 and "warning: no date field was found, but the column 'Erschienen am'" in cli.stderr
    assert load(src, LoadConfig(date_field="Erschienen am")).notes == []
    # A date field that is read (even when some of its values are not dates) leaves no note.
    src.write_text("id,text,date,Erschienen am\n"
                   f'a,"{ARTICLE_EN}",gestern,03.01.2022\n', encoding="utf-8")
    assert load(src).notes == []


def test_an_empty_or_null_text_is_skipped_not_fatal(tmp_path: Path) -> None:
    csv_src = tmp_path / "export.csv"
    csv_src.write_text(f'id,text\na,"{ARTICLE_EN}"\nvideo,\n', encoding="utf-8")
    res = load(csv_src)
    assert [d.id for d in res.documents] == ["a"] and res.skipped == [(f"{csv_src}:3", "empty text")]
    null = _write_jsonl(tmp_path / "null.jsonl", [{"id": "a", "text": ARTICLE_EN}, {"id": "paywalled", "text": None}])
    res = load(null)
    assert [d.id for d in res.documents] == ["a"] and res.skipped == [(f"{null}:2", "empty text")]
    # No text field at all is still an error that names the file and the option.
    with pytest.raises(InputError, match=r"nofield\.jsonl:2: record has no 'text' field \(use --text-field"):
        load(_write_jsonl(tmp_path / "nofield.jsonl", [{"id": "a", "text": ARTICLE_EN}, {"id": "b", "body_html": "x"}]))
