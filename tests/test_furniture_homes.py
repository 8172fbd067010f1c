"""Furniture at home on one outlet, carried into another outlet's page by copy-paste, directs a pair."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.engines import get_engine
from provenance.furniture import (
    furniture_homes,
    furniture_homes_reference,
    infer_sites,
    segment_homes,
    shared_text_stories,
)
from provenance.load import load
from provenance.model import Segment
from provenance.partitioned import SINGLE_LANGUAGE, PartitionConfig, trace_partitioned
from provenance.pipeline import TraceConfig, trace
from provenance.relation import carried_furniture
from provenance.segment import norm_hash

READ_ALSO = "Read also: The council votes on the budget of the new tram line"

STORIES = {
    "a": [
        "The regional water authority announced on Tuesday that reservoir levels had fallen to their lowest point in a decade.",
        "Engineers blamed three months without significant rain and an unusually warm spring for the decline.",
        "Households in the northern districts will be asked to limit garden watering from next week.",
        "The authority said it was also bringing forward repairs to leaking mains that lose millions of litres a day.",
        "Farmers' groups warned that a ban on irrigation would hit vegetable growers hardest.",
    ],
    "b": [
        "A museum in the old harbour quarter reopened its doors after a renovation that lasted almost four years.",
        "Visitors can now see the restored ship models in a gallery lit by the original skylights.",
        "The director said the works had cost less than planned thanks to donations from local firms.",
        "Entry will be free for schoolchildren during the first month.",
    ],
    "c": [
        "The city's main hospital opened a new emergency wing designed to cut waiting times at night.",
        "Twenty additional beds and a separate area for children are part of the extension.",
        "Staff unions welcomed the building but said more nurses would be needed to run it.",
        "The health board promised to recruit forty people before the winter.",
    ],
}


def _page(story: str, *, read_also: bool = True, footer: str = "") -> str:
    sents = STORIES[story]
    paras = [" ".join(sents[:2]), *([READ_ALSO] if read_also else []), " ".join(sents[2:])]
    return "\n\n".join(paras + ([footer] if footer else [])) + "\n"


def _corpus(tmp: Path, records: list[dict], name: str = "corpus.jsonl") -> Path:
    path = tmp / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _records(*, home_pages: bool = True, sibling: bool = False) -> list[dict]:
    recs = [{"id": "x1", "source": "x.example", "text": _page("a")}]
    if home_pages:
        # The outlet repeats its own "Read also" link on its other pages.
        recs += [{"id": "x2", "source": "x.example", "text": _page("b")},
                 {"id": "x3", "source": "x.example", "text": _page("c")}]
    # Another outlet's page: x1's article pasted whole, the link included, and its own share line.
    recs.append({"id": "y1", "source": "y.example", "text": _page("a", footer="Share this article on Y News")})
    if sibling:
        recs.append({"id": "z1", "source": "z.example", "text": _page("a", footer="Share this article on Z Daily")})
    return recs


def _edge(graph: dict, a: str, b: str) -> dict:
    (e,) = [e for e in graph["edges"] if {str(e["source"]), str(e["target"])} == {a, b}]
    return e


def _parents(graph: dict, child: str) -> list[str]:
    return sorted(str(e["source"]) for e in graph["edges"] if str(e["target"]) == child and e.get("directed"))


def test_a_page_carrying_another_outlets_link_is_the_copy(tmp_path: Path) -> None:
    for order in (1, -1):
        path = _corpus(tmp_path, _records()[::order], f"corpus{order}.jsonl")
        graph = trace(load(path).documents, engine=get_engine("local", workers=1)).graph
        e = _edge(graph, "x1", "y1")
        assert e["directed"] and (str(e["source"]), str(e["target"])) == ("x1", "y1")
        assert any("carries furniture of x.example" in ev for ev in e["evidence"])


def test_a_line_with_no_home_does_not_direct_the_pair(tmp_path: Path) -> None:
    # Only x1 and y1 carry the link: nothing says whose site it belongs to.
    graph = trace(load(_corpus(tmp_path, _records(home_pages=False))).documents, engine=get_engine("local", workers=1)).graph
    assert not any("carries furniture of" in ev for ev in _edge(graph, "x1", "y1")["evidence"])


def test_a_line_other_outlets_print_on_unrelated_pages_is_generic(tmp_path: Path) -> None:
    # y2 tells another story yet carries x.example's line: the line is generic (a platform's
    # share button), so it says nothing about who copied whom, though x.example has most pages.
    recs = _records() + [{"id": "y2", "source": "y.example",
                          "text": "\n\n".join(["A local bakery won the regional prize for the best sourdough loaf this year.",
                                                 READ_ALSO, "The owners plan to open a second shop near the station."]) + "\n"}]
    graph = trace(load(_corpus(tmp_path, recs)).documents, engine=get_engine("local", workers=1)).graph
    assert not any("carries furniture of" in ev for ev in _edge(graph, "x1", "y1")["evidence"])


def test_copies_carrying_the_same_link_hang_under_its_home_page(tmp_path: Path) -> None:
    graph = trace(load(_corpus(tmp_path, _records(sibling=True))).documents, engine=get_engine("local", workers=1)).graph
    assert _parents(graph, "y1") == ["x1"] and _parents(graph, "z1") == ["x1"]


def _both_traces(path: Path, work: Path):  # type: ignore[no-untyped-def]
    """The in-memory and the partitioned trace of ``path`` (two documents a partition), checked equal."""
    eng = get_engine("local", workers=1)
    mem = trace(load(path).documents, SINGLE_LANGUAGE, engine=eng)
    part = trace_partitioned(path, work, SINGLE_LANGUAGE, engine=eng,
                             partition=replace(PartitionConfig(), docs=2, compare_docs=2, verify_docs=2))
    assert part.partitions >= 3
    assert part.graph == mem.graph and part.pairs_table().equals(mem.pairs_table())
    return mem, part


def test_partitioned_trace_finds_the_same_homes(tmp_path: Path) -> None:
    mem, _ = _both_traces(_corpus(tmp_path, _records(sibling=True)), tmp_path / "work")
    assert any("carries furniture of x.example" in ev for e in mem.graph["edges"] for ev in e["evidence"])


def test_segment_homes_of_the_corpus(tmp_path: Path) -> None:
    res = trace(load(_corpus(tmp_path, _records(sibling=True))).documents, engine=get_engine("local", workers=1))
    homes = segment_homes([d.source for d in res.documents], res.segments, 5)
    assert homes == {norm_hash(s.norm): "x.example" for ss in res.segments for s in ss if s.text == READ_ALSO}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3) | st.just(2**64 - 1), st.integers(0, 7)), max_size=30),
       st.lists(st.sampled_from([None, "", "x.example", "y.example", "z.example"]), min_size=8, max_size=8), st.randoms())
def test_homes_are_a_strict_majority_whatever_the_order(rows: list[tuple[int, int]], sources: list[str | None], rnd) -> None:  # type: ignore[no-untyped-def]
    homes = furniture_homes([h for h, _ in rows], [d for _, d in rows], sources)
    assert homes == furniture_homes_reference([h for h, _ in rows], [d for _, d in rows], sources)
    linked = np.array([(a, b) for a in range(8) for b in range(a + 1, 8) if rnd.random() < 0.4], dtype=np.int64).reshape(-1, 2)
    some = furniture_homes([h for h, _ in rows], [d for _, d in rows], sources, linked=linked)
    assert some == furniture_homes_reference([h for h, _ in rows], [d for _, d in rows], sources, linked=linked)
    assert some.items() <= homes.items()
    shuffled = rows[:]
    rnd.shuffle(shuffled)
    assert furniture_homes([h for h, _ in shuffled], [d for _, d in shuffled], sources) == homes
    for h, home in homes.items():
        carriers = {d for g, d in rows if g == h}
        at_home = sum(1 for d in carriers if sources[d] == home)
        assert at_home >= 2 and 2 * at_home > len(carriers)


def _seg(doc: int, k: int, norm: str) -> Segment:
    return Segment(doc, k, 0, len(norm), k, norm, norm, "pattern")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["read also one two", "share this page now", "more from us today"]), max_size=3),
       st.lists(st.sampled_from(["read also one two", "share this page now", "more from us today"]), max_size=3),
       st.sampled_from(["x.example", "y.example", None]), st.sampled_from(["x.example", "y.example", None]))
def test_carried_furniture_changes_sign_when_the_pair_is_swapped(fa: list[str], fb: list[str], sa: str | None, sb: str | None) -> None:
    homes = {norm_hash("read also one two"): "x.example", norm_hash("share this page now"): "y.example"}
    a = [_seg(0, k, n) for k, n in enumerate(fa)]
    b = [_seg(1, k, n) for k, n in enumerate(fb)]
    assert carried_furniture(a, b, sa, sb, homes) == -carried_furniture(b, a, sb, sa, homes)


# ------------------------------------------------------------------ sites of pages given no outlet

MORE = {
    "d": ["The national rail operator said night trains to the coast would run again from June.",
          "Tickets go on sale next month, with discounts for families and students.",
          "The service was suspended three years ago when the old carriages were withdrawn."],
}
X_LINES = ("Follow X News on all the social networks", "Subscribe to the X News morning newsletter today")


def _unsourced() -> list[dict]:
    # Four pages of one site with no source given (its two footer lines and its "Read also"
    # link on each), and another site's page that pasted x1's article, the link included.
    recs = []
    for i, story in enumerate(("a", "b", "c", "d"), 1):
        sents = {**STORIES, **MORE}[story]
        text = "\n\n".join([" ".join(sents[:2]), READ_ALSO, " ".join(sents[2:]), *X_LINES]) + "\n"
        recs.append({"id": f"x{i}", "text": text})
    recs.append({"id": "y1", "text": _page("a", footer="Share this article on Y News")})
    return recs


def test_pages_with_no_source_are_placed_on_their_site(tmp_path: Path) -> None:
    path = _corpus(tmp_path, _unsourced())
    res = trace(load(path).documents, engine=get_engine("local", workers=1))
    assert {d.id: d.site for d in res.documents} == {"x1": "site of x1", "x2": "site of x1", "x3": "site of x1",
                                                     "x4": "site of x1", "y1": None}
    e = _edge(res.graph, "x1", "y1")
    assert e["directed"] and (str(e["source"]), str(e["target"])) == ("x1", "y1")
    assert any("carries furniture of the site of x1" in ev for ev in e["evidence"])
    assert res.documents_table()["site"].to_list() == ["site of x1"] * 4 + [None]
    # Without sites nothing says the link is x1's site's own.
    off = replace(SINGLE_LANGUAGE, furniture=replace(SINGLE_LANGUAGE.furniture, site_min_pages=0))
    plain = trace(load(path).documents, off, engine=get_engine("local", workers=1))
    assert not any("carries furniture of" in ev for ev in _edge(plain.graph, "x1", "y1")["evidence"])


def test_links_carried_along_by_copies_of_one_story_make_no_site(tmp_path: Path) -> None:
    # A page with two "Read also" links, and three copies of it on three other sites (each with
    # its own footer): the pair of links stands on four pages, but all tell one story.
    second = "Read also: Residents protest against the closure of the night bus routes"
    page = "\n\n".join([" ".join(STORIES["a"][:2]), READ_ALSO, second, " ".join(STORIES["a"][2:])])
    recs = [{"id": "p0", "text": page + "\n"}]
    recs += [{"id": f"copy{k}", "text": f"{page}\n\nShare this article on Site {k} News\n"} for k in range(3)]
    path = _corpus(tmp_path, recs)
    res = trace(load(path).documents, engine=get_engine("local", workers=1))
    assert [d.site for d in res.documents] == [None] * 4
    # Counting pages alone, the copies' sites would be one.
    alone = replace(TraceConfig(), furniture=replace(TraceConfig().furniture, site_min_stories=1))
    merged = trace(load(path).documents, alone, engine=get_engine("local", workers=1))
    assert len({d.site for d in merged.documents}) == 1 and merged.documents[0].site is not None


def test_the_cli_reports_the_sites_it_found(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = _corpus(tmp_path, _unsourced())
    for extra in ([], ["--partitioned"]):
        out = tmp_path / f"out{len(extra)}"
        res = run_cli("trace", path, "-o", out, "--no-svg", *extra)
        assert res.exit_code == 0, res.stderr
        assert "4 documents given no source were placed on 1 site by their furniture" in res.stdout
        man = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert man["counts"]["inferred_sites"] == 1 and man["counts"]["documents_on_inferred_sites"] == 4


def test_partitioned_trace_finds_the_same_sites(tmp_path: Path) -> None:
    mem, part = _both_traces(_corpus(tmp_path, _unsourced()), tmp_path / "work")
    assert [d.site for d in part.documents] == [d.site for d in mem.documents]
    assert any("carries furniture of the site of x1" in ev for e in mem.graph["edges"] for ev in e["evidence"])


def _sites_reference(rows: list[tuple[int, int]], sources: list[str | None], min_pages: int,
                     story: dict[int, int] | None = None, min_stories: int = 1) -> dict[int, int]:
    # Every pair of lines: the documents with no source carrying both (if the lines are each
    # carried by two such documents); a pair carried by min_pages or more joins its documents.
    lines: dict[int, set[int]] = {}
    for h, d in rows:
        if not sources[d]:
            lines.setdefault(d, set()).add(h)
    carried = {h: sum(h in hs for hs in lines.values()) for hs in lines.values() for h in hs}
    label = {d: d for d in lines}
    hashes = sorted(carried)
    for i, x in enumerate(hashes):
        for y in hashes[i + 1:]:
            ds = sorted(d for d, hs in lines.items() if {x, y} <= hs and carried[x] >= 2 and carried[y] >= 2)
            if len(ds) >= min_pages and len({(story or {}).get(d, d) for d in ds}) >= min_stories:
                merged = {label[d] for d in ds}
                low = min(merged)
                label = {d: low if g in merged else g for d, g in label.items()}
    size: dict[int, int] = {}
    for g in label.values():
        size[g] = size.get(g, 0) + 1
    return {d: g for d, g in sorted(label.items()) if size[g] >= 2}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 9)), max_size=60),
       st.lists(st.sampled_from([None, None, None, "x.example"]), min_size=10, max_size=10), st.integers(2, 4), st.randoms(),
       st.lists(st.tuples(st.integers(0, 3), st.integers(0, 9)), max_size=12), st.integers(1, 3))
def test_sites_match_the_reference_in_any_order(rows: list[tuple[int, int]], sources: list[str | None], min_pages: int,
                                                rnd, text: list[tuple[int, int]], min_stories: int) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    got = infer_sites([h for h, _ in shuffled], [d for _, d in shuffled], sources, min_pages=min_pages)
    assert got == infer_sites([h for h, _ in rows], [d for _, d in rows], sources, min_pages=min_pages)
    assert got == _sites_reference(rows, sources, min_pages)
    # Pages sharing a sentence of text (text: sentence, document) tell one story, closed under
    # sharing; a pair of lines must stand on pages of min_stories stories.
    story = shared_text_stories([h for h, _ in text], [d for _, d in text])
    shared = {h: {d for g, d in text if g == h} for h, _ in text}
    for ds in shared.values():
        assert len({story.get(d, d) for d in ds}) == 1
    assert set(story) == {d for ds in shared.values() if len(ds) > 1 for d in ds}
    got = infer_sites([h for h, _ in shuffled], [d for _, d in shuffled], sources, min_pages=min_pages, story=story,
                      min_stories=min_stories)
    assert got == _sites_reference(rows, sources, min_pages, story, min_stories)
