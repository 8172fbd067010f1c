"""Stage 6b, passages: aligned sentences become passages of shared text whose ends sit on the
shared words, the same seen from either document."""

from __future__ import annotations

import doctest
from pathlib import Path

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

import provenance.passages as P
from provenance.align import Link, align_documents
from provenance.load import from_texts
from provenance.passages import (
    Passage,
    PassageConfig,
    group_links,
    matching_runs,
    matching_runs_reference,
    passages,
)
from provenance.segment import segment

FLOOD = (
    "The river rose by two metres overnight and flooded the lower town near the old bridge. "
    "Residents of forty houses were taken to the sports hall by firefighters in boats. "
    "The regional prefect said the water would not go down before Thursday at the earliest."
)


def _pair(text_a: str, text_b: str):  # type: ignore[no-untyped-def]
    a, b = from_texts({"a": text_a, "b": text_b})
    sa, sb = segment(0, a), segment(1, b)
    return a, b, sa, sb, align_documents(sa, sb).content


def _shared(a, b, p: Passage) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    return a.text[p.start_a:p.end_a], b.text[p.start_b:p.end_b]


def test_copy_starting_mid_sentence_is_trimmed_to_the_shared_words() -> None:
    intro = "In a statement on Monday morning, the mayor of the town told reporters that "
    copy = "the river rose by two metres overnight and flooded the lower town near the old bridge."
    text_b = intro + copy + " " + FLOOD.split(". ", 1)[1]
    a, b, sa, sb, links = _pair(FLOOD, text_b)
    (p,) = passages(links, sa, sb, a.text, b.text)
    assert p.start_a == 0 and p.end_a == len(FLOOD)
    assert p.start_b == len(intro) and p.end_b == len(text_b)
    ta, tb = _shared(a, b, p)
    assert tb.startswith("the river rose") and ta.startswith("The river rose")
    assert p.links == 3 and p.sents_a == (0, 2) and p.sents_b == (0, 2)


def test_copy_ending_mid_sentence_is_trimmed_and_the_overhang_left_out() -> None:
    first, rest = FLOOD.split(". ", 1)
    text_b = first + ", according to the morning edition of the local paper and its website. " + rest
    text_a = FLOOD.replace("Thursday at the earliest.", "Thursday at the earliest, officials warned on the radio.")
    a, b, sa, sb, links = _pair(text_a, text_b)
    (p,) = passages(links, sa, sb, a.text, b.text)
    ta, tb = _shared(a, b, p)
    # "earliest," and "earliest." share the word, not the punctuation after it
    assert ta.endswith("before Thursday at the earliest") and tb.endswith("before Thursday at the earliest")
    assert p.end_a == text_a.index(", officials warned") and p.end_b == len(text_b) - 1


def test_passage_grows_into_a_neighbour_whose_end_was_copied() -> None:
    lead = "Our correspondent in the valley saw shops closed all day because heavy rain fell all night. "
    text_a = lead + FLOOD
    text_b = "Heavy rain fell all night. " + FLOOD
    a, b, sa, sb, links = _pair(text_a, text_b)
    assert all(0 not in lk.a for lk in links)  # the lead sentence itself is not aligned
    (p,) = passages(links, sa, sb, a.text, b.text)
    ta, tb = _shared(a, b, p)
    assert ta.startswith("heavy rain fell all night.") and tb.startswith("Heavy rain fell all night.")
    assert p.start_a == text_a.index("heavy rain") and p.start_b == 0
    assert p.sents_a[0] == 0 and p.sents_b[0] == 0


def test_swapping_the_pair_swaps_the_spans() -> None:
    intro = "In a statement on Monday morning, the mayor of the town told reporters that "
    text_b = intro + FLOOD[0].lower() + FLOOD[1:] + " Schools stay closed, the mayor added."
    a, b, sa, sb, links = _pair(FLOOD, text_b)
    ab = passages(links, sa, sb, a.text, b.text)
    swapped_links = [Link(lk.b, lk.a, lk.score) for lk in links]
    ba = passages(swapped_links, sb, sa, b.text, a.text)
    assert ba == [p.swapped() for p in ab]
    realigned = passages(align_documents(sb, sa).content, sb, sa, b.text, a.text)
    assert realigned == ba


def test_consecutive_links_merge_and_distant_ones_stay_apart() -> None:
    filler = " ".join(f"Paragraph {k} of the second story talks about something else entirely." for k in range(8))
    tail = "A spokesman for the fire brigade confirmed that nobody had been hurt during the night."
    text_a = FLOOD + " " + filler + " " + tail
    text_b = FLOOD + " " + tail
    a, b, sa, sb, links = _pair(text_a, text_b)
    found = passages(links, sa, sb, a.text, b.text)
    assert [p.links for p in found] == [3, 1]
    # text_a is one flattened paragraph: its sentences were put on lines of their own.
    assert [" ".join(t.split()) for t in _shared(a, b, found[0])] == [FLOOD, FLOOD]
    assert _shared(a, b, found[1]) == (tail, tail)
    runs = group_links(links, sa, sb, gap_chars=10_000)
    assert [len(r) for r in runs] == [4]


def test_rewritten_sentences_keep_their_whole_extent() -> None:
    text_a = "Officials evacuated forty homes when the river burst its banks overnight."
    text_b = "Forty households had to leave after overnight flooding, officials said."
    a, b, sa, sb, _ = _pair(text_a, text_b)
    link = Link((0,), (0,), 66.0)  # as a translation or a heavy rewrite would be linked
    (p,) = passages([link], sa, sb, a.text, b.text)
    assert (p.start_a, p.end_a, p.start_b, p.end_b) == (sa[0].start, sa[0].end, sb[0].start, sb[0].end)


def test_sentence_reworded_around_a_gap_is_not_cut_to_its_first_words() -> None:
    # shared words on both sides of "pleaded not guilty to" / "denied the": a rewording, so
    # the passage keeps the sentences whole instead of ending after "The former chief"
    text_a = "The former chief executive has pleaded not guilty to charges of fraud and conspiracy."
    text_b = "The former chief executive has denied the charges of conspiracy and fraud."
    a, b, sa, sb, links = _pair(text_a, text_b)
    assert links
    (p,) = passages(links, sa, sb, a.text, b.text)
    assert _shared(a, b, p) == (text_a, text_b)


def test_refine_false_gives_whole_sentences() -> None:
    intro = "In a statement on Monday morning, the mayor of the town told reporters that "
    a, b, sa, sb, links = _pair(FLOOD, intro + FLOOD)
    (p,) = passages(links, sa, sb, a.text, b.text, PassageConfig(refine=False))
    assert (p.start_b, p.end_b) == (sb[0].start, sb[-1].end)


def test_no_links_no_passages() -> None:
    a, b, sa, sb, _ = _pair(FLOOD, "Something else entirely, about the football results.")
    assert passages([], sa, sb, a.text, b.text) == []


WORD = st.sampled_from(["the", "river", "rose", "two", "metres", "town", "bridge"])


@settings(max_examples=200, deadline=None)
@given(st.lists(WORD, max_size=14), st.lists(WORD, max_size=14), st.booleans())
def test_matching_runs_are_a_longest_common_subsequence(wa: list[str], wb: list[str], from_end: bool) -> None:
    runs = matching_runs(wa, wb, from_end=from_end)
    assert sum(n for _, _, n in runs) == matching_runs_reference(wa, wb)
    for i, j, n in runs:
        assert wa[i:i + n] == wb[j:j + n] and n > 0
    assert all(i0 + n0 <= i1 and j0 + n0 <= j1 for (i0, j0, n0), (i1, j1, _) in zip(runs, runs[1:], strict=False))
    assert matching_runs(wb, wa, from_end=from_end) == [(j, i, n) for i, j, n in runs]


def test_docstring_examples() -> None:
    assert doctest.testmod(P).failed == 0


def test_passages_table_points_into_the_texts(seeds_trace, seeds: Path) -> None:  # type: ignore[no-untyped-def]
    out, _ = seeds_trace
    ps = pl.read_parquet(out / "passages.parquet")
    al = pl.read_parquet(out / "alignments.parquet").filter(pl.col("kind") == "content")
    texts = {p.stem: p.read_text(encoding="utf-8") for p in seeds.glob("*.txt")}
    assert ps.height >= 1
    for r in ps.to_dicts():
        assert texts[r["doc_a"]][r["start_a"]:r["end_a"]] == r["text_a"] and r["text_a"]
        assert texts[r["doc_b"]][r["start_b"]:r["end_b"]] == r["text_b"] and r["text_b"]
        assert r["links"] >= 1 and r["n_a"] >= 1 and r["n_b"] >= 1
    # every content pair of the alignments has its passages, and no more links than it aligned
    per_pair = al.group_by("doc_a", "doc_b").len().rows()
    linked = ps.group_by("doc_a", "doc_b").agg(pl.col("links").sum()).rows()
    assert sorted(per_pair) == sorted(linked)



@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab é.,-\n_1"), max_size=60), st.integers(-2, 65), st.integers(-2, 65))
def test_word_range_by_bisection_equals_the_scan(text: str, lo: int, hi: int) -> None:
    from provenance.passages import _word_range, _word_range_reference, _words

    _, spans = _words(text, 0, len(text))
    assert _word_range(spans, lo, hi) == _word_range_reference(spans, lo, hi)


def test_passages_table_same_in_worker_processes(seeds: Path) -> None:
    from provenance.engines.local import LocalEngine
    from provenance.export import passages_table
    from provenance.load import load
    from provenance.pipeline import trace

    res = trace(load(seeds).documents)
    assert res.pairs
    serial = passages_table(res)
    assert passages_table(res, LocalEngine(workers=2, min_parallel=1, chunk=1)).equals(serial)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab é.,-\n_1ßİ"), max_size=40), st.text(alphabet=st.sampled_from("xy .\n"), max_size=8),
       st.text(alphabet=st.sampled_from("xy .\n"), max_size=8), st.booleans())
def test_verbatim_windows_need_no_second_tokenisation(window: str, before_a: str, before_b: str, from_end: bool) -> None:
    # The premises of _refine_end's shortcut for identical windows: the same words, spans
    # moved by the offset, and one run of all the words.
    from provenance.passages import _words

    text_a, text_b = before_a + window + "z", before_b + window + "!"
    wa, sa = _words(text_a, len(before_a), len(before_a) + len(window))
    wb, sb = _words(text_b, len(before_b), len(before_b) + len(window))
    shift = len(before_b) - len(before_a)
    assert wb == wa and sb == tuple((x + shift, y + shift) for x, y in sa)
    assert matching_runs(list(wa), list(wa), from_end=from_end) == ([(0, 0, len(wa))] if wa else [])


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab é.,-\n_1ßİ'٣\u0301\u200b"), max_size=50), st.integers(0, 55), st.integers(0, 55))
def test_words_from_alternating_runs_equal_matching_each_word(text: str, start: int, end: int) -> None:
    # Windows may start or end inside a word (a fragment is a word, as re.finditer gives it).
    from provenance.passages import _words, _words_reference

    assert _words(text, start, end) == _words_reference(text, start, end)
