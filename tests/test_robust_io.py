"""Input and output robustness: stray bytes in UTF-8 files, cut downloads, the output folder's
mode, and what --partitioned and -q do with caches, unwritable folders and warnings."""

from __future__ import annotations

import gzip
import json
import os
import stat
from pathlib import Path

import pytest

from provenance.errors import InputError
from provenance.load import decode_text, load, read_records

FR = [
    "Le ministère de la Transition écologique a annoncé mardi un nouveau plan pour la rénovation des écoles.",
    "Selon le ministère, près de 40 000 bâtiments scolaires sont concernés d'ici à la fin de la décennie.",
    "Les élus locaux réclament depuis des années une aide de l'État pour financer ces travaux coûteux.",
    "Le gouvernement prévoit une enveloppe de deux milliards d'euros répartie sur cinq exercices budgétaires.",
]
EN = ("The council said on Tuesday that the new bridge would open in the spring, two years later than planned, "
      "after engineers found cracks in the steel supports.")


def _csv(path: Path, rows: list[tuple[str, str]]) -> bytes:
    data = "id,text\n" + "".join(f'{i},"{t}"\n' for i, t in rows)
    return data.encode("utf-8")


def test_stray_byte_in_a_utf8_csv_is_replaced_not_the_whole_file_misread(tmp_path: Path) -> None:
    # A spreadsheet export with one windows-1252 apostrophe pasted into row 3: every other
    # accented letter must stay as it is, and the warning names the file and the line.
    rows = [(f"r{i}", t) for i, t in enumerate(FR)]
    data = _csv(tmp_path / "x.csv", rows).replace("l'État".encode(), b"l\x92\xc3\x89tat")
    (tmp_path / "x.csv").write_bytes(data)
    res = load(tmp_path / "x.csv")
    texts = {d.id: d.text for d in res.documents}
    assert texts["r0"] == FR[0] and texts["r3"] == FR[3]
    assert texts["r2"] == FR[2].replace("l'État", "l\ufffdÉtat")
    assert not any("Ã" in t for t in texts.values())
    assert all(d.extra.get("encoding") is None for d in res.documents)  # not "windows-1252"
    assert res.notes == [f"{tmp_path / 'x.csv'}: 1 byte that is not UTF-8 (the first at line 4) read as U+FFFD (\ufffd); "
                         "the rest of the file is UTF-8"]


def test_text_files_with_stray_bytes_and_real_legacy_files(tmp_path: Path) -> None:
    (tmp_path / "utf8.txt").write_bytes(" ".join(FR).encode("utf-8").replace(b"40 000", b"40\x81000"))
    (tmp_path / "legacy.txt").write_bytes(" ".join(FR).encode("cp1252"))  # really windows-1252
    (tmp_path / "english.txt").write_bytes(EN.encode("ascii").replace(b"planned,", b"planned\x92"))
    res = load(tmp_path)
    docs = {d.id: d for d in res.documents}
    assert docs["utf8"].text == " ".join(FR).replace("40 000", "40\ufffd000")
    assert docs["utf8"].extra.get("encoding") is None
    assert docs["legacy"].text == " ".join(FR) and docs["legacy"].extra["encoding"] == "windows-1252"
    # No valid multi-byte sequence at all: the legacy reading is the right one (0x92 is ’).
    assert docs["english"].text == EN.replace("planned,", "planned\u2019")
    assert [n.split(":")[0] for n in res.notes] == [str(tmp_path / "utf8.txt")]


def test_decode_text_tells_stray_bytes_from_a_legacy_encoding() -> None:
    russian = "Президент России заявил, что переговоры продолжатся на следующей неделе в Стамбуле."
    assert decode_text(russian.encode("cp1251"), "cp1251")[:2] == (russian, "windows-1251")
    # Shift-JIS and GBK hold many byte pairs that are valid UTF-8 by chance: still far too few.
    japanese = "東京都は3日、新たに200人の感染を確認したと発表した。政府は対策を強化する方針だ。"
    assert decode_text(japanese.encode("shift_jis"), "shift_jis")[:2] == (japanese, "shift_jis")
    chinese = "国务院总理3日在北京出席会议，强调要进一步扩大对外开放，稳定经济增长。"
    assert decode_text(chinese.encode("gbk"), "gbk")[:2] == (chinese, "gbk")
    text, enc, problem, strays = decode_text(russian.encode("utf-8") + b"\xff\xfe", "cp1251")
    assert (text, enc, problem, strays) == (russian + "\ufffd\ufffd", "utf-8", None, 2)
    # Many invalid bytes beside the valid ones: not UTF-8 with strays (a mixed file is read as before).
    mixed = ("é".join(FR)).encode("utf-8") + " ".join(FR).encode("cp1252") * 3
    assert decode_text(mixed)[1] == "windows-1252"


@pytest.mark.parametrize("gz", [False, True])
def test_jsonl_with_a_stray_byte_is_read_with_a_warning(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("c.jsonl.gz" if gz else "c.jsonl")
    lines = [json.dumps({"id": f"a{i}", "text": t}, ensure_ascii=False).encode("utf-8") for i, t in enumerate(FR)]
    lines[2] = lines[2].replace(b"depuis", b"dep\xe9uis")
    data = b"\n".join(lines) + b"\n"
    if gz:
        with gzip.open(path, "wb") as fh:
            fh.write(data)
    else:
        path.write_bytes(data)
    res = load(path)
    assert [d.id for d in res.documents] == ["a0", "a1", "a2", "a3"]
    assert res.documents[2].text == FR[2].replace("depuis", "dep\ufffduis")
    assert res.notes[0].startswith(f"{path}: 1 byte that is not UTF-8 (the first at line 3)")


def test_jsonl_in_a_legacy_encoding_still_stops_at_its_first_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b"".join(json.dumps({"id": f"a{i}", "text": t}, ensure_ascii=False).encode("cp1252") + b"\n"
                              for i, t in enumerate(FR)))
    with pytest.raises(InputError, match=r"c\.jsonl:1: not valid UTF-8 \(byte \d+ of the line; \d+ invalid bytes in all: "
                                         r"the file looks like another encoding\)"):
        read_records(path)


def _gz_lines(n: int) -> bytes:
    return gzip.compress(b"".join(json.dumps({"id": f"a{i}", "text": f"{EN} ({i})"}).encode() + b"\n"
                                  for i in range(n)))


def test_truncated_gzip_names_the_file_and_the_last_line_read(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    full = _gz_lines(400)
    path.write_bytes(full[: len(full) * 2 // 3])
    with pytest.raises(InputError) as err:
        read_records(path)
    msg = str(err.value)
    assert msg.startswith(f"{path}: the compressed file ends early, after line ") and "looks truncated" in msg
    readable = int(msg.split("after line ")[1].split(":")[0])
    assert 0 < readable < 400


def test_cut_last_line_and_json_messages_are_whole(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "a", "text": EN}) + '\n{"id": "b", "text": "The coun', encoding="utf-8")
    with pytest.raises(InputError, match=r"c\.jsonl:2: malformed JSON \(Unterminated string starting at column 21\); "
                                         r"the file ends in this line: it looks truncated"):
        read_records(path)
    path.write_text('{"id": "a", "text": "two\tcolumns"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"c\.jsonl:1: malformed JSON \(Invalid control character at column 25\)$"):
        read_records(path)


def test_cli_warns_of_stray_bytes_and_does_not_call_the_file_legacy(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "in.csv"
    rows = [("a", " ".join(FR)), ("b", " ".join(FR[:3]) + " Fin."), ("c", EN)]
    src.write_bytes(_csv(src, rows).replace(b"Fin.", b"Fin\x92."))
    for extra in ([], ["--partitioned"]):
        res = run_cli("trace", src, "-o", tmp_path / f"out{len(extra)}", "-q", "--no-svg", *extra)
        assert res.exit_code == 0, res.stderr
        assert res.stdout == ""
        # -q keeps warnings about the input (README: "warnings ... still go to stderr")
        assert f"warning: {src}: 1 byte that is not UTF-8 (the first at line 3)" in res.stderr
        assert "were not UTF-8" not in res.stderr


def test_legacy_note_names_files_that_mix_in_utf8(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "in.csv"
    data = b"id,text\n" + b"".join(f'r{i},"{t}"\n'.encode("utf-8" if i % 2 else "cp1252") for i, t in enumerate(FR))
    src.write_bytes(data)
    res = run_cli("trace", src, "-o", tmp_path / "out", "-q", "--no-svg", "--no-report")
    assert res.exit_code == 0, res.stderr
    assert "note: 4 document(s) were not UTF-8 and were read as windows-1252" in res.stderr
    assert "2 of them mix in UTF-8" in res.stderr


def test_partitioned_refuses_cache_and_reports_unwritable_output_in_one_line(tmp_path: Path, seeds: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    res = run_cli("trace", seeds, "-o", tmp_path / "out", "--partitioned", "--cache", tmp_path / "c")
    assert res.exit_code == 2 and "--partitioned keeps no stage caches" in res.stderr
    assert not (tmp_path / "out").exists() and not (tmp_path / "c").exists()
    if not Path("/proc/self").is_dir():
        pytest.skip("needs /proc, a folder no one can write into")
    for extra in ([], ["--partitioned"]):
        res = run_cli("trace", seeds, "-o", "/proc/provenance-test", "--no-svg", *extra)
        assert res.exit_code == 1, res.stderr
        assert res.stderr.startswith("Error: /proc/provenance-test") and len(res.stderr.splitlines()) == 1


def test_output_folder_mode_follows_the_umask(tmp_path: Path, seeds: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    old = os.umask(0o027)
    try:
        for extra in ([], ["--partitioned"]):
            out = tmp_path / f"out{len(extra)}"
            assert run_cli("trace", seeds, "-o", out, "-q", "--no-svg", "--no-report", *extra).exit_code == 0
            assert stat.S_IMODE(out.stat().st_mode) == 0o750
    finally:
        os.umask(old)
