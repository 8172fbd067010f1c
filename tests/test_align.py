"""Stage 6, align: the fast kernel is held to the slow reference, and to the properties of an
order-keeping alignment."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from provenance.align import (
    AlignConfig,
    Link,
    align,
    align_documents,
    align_in_order,
    align_in_order_reference,
    align_reference,
    chain_weight,
    ratio_reference,
)
from provenance.load import load
from provenance.segment import segment

# Sentences over a tiny vocabulary, so that near matches, merges and ties are common.
WORDS = st.sampled_from(["le", "president", "russe", "a", "parle", "turc", "otan", "hier", "kremlin"])
SENTENCE = st.lists(WORDS, min_size=1, max_size=9).map(" ".join)
DOC = st.lists(SENTENCE, max_size=7)
CONFIGS = st.builds(
    AlignConfig,
    min_score=st.sampled_from([50.0, 65.0, 80.0]),
    strong_score=st.sampled_from([85.0, 95.0]),
    min_chars=st.sampled_from([1, 12]),
    merges=st.booleans(),
)


def _increasing(links) -> bool:  # type: ignore[no-untyped-def]
    return all(p.a[-1] < q.a[0] and p.b[-1] < q.b[0] for p, q in zip(links, links[1:], strict=False))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_ratio_reference_equals_rapidfuzz(s1: str, s2: str) -> None:
    assert ratio_reference(s1, s2) == pytest.approx(fuzz.ratio(s1, s2), abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(SENTENCE, SENTENCE)
def test_ratio_reference_on_sentences(s1: str, s2: str) -> None:
    assert ratio_reference(s1, s2) == pytest.approx(fuzz.ratio(s1, s2), abs=1e-9)
    assert ratio_reference(s1, s2) == pytest.approx(ratio_reference(s2, s1), abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(DOC, DOC, CONFIGS)
def test_fast_chain_has_the_reference_weight(a: list[str], b: list[str], config: AlignConfig) -> None:
    fast = align_in_order(a, b, config)
    ref = align_in_order_reference(a, b, config)
    assert chain_weight(fast, config) == pytest.approx(chain_weight(ref, config), abs=1e-6)
    assert _increasing(fast) and _increasing(ref)


@settings(max_examples=100, deadline=None)
@given(DOC, DOC, CONFIGS)
def test_alignment_is_symmetric_in_weight(a: list[str], b: list[str], config: AlignConfig) -> None:
    ab = align_in_order(a, b, config)
    ba = align_in_order(b, a, config)
    assert chain_weight(ab, config) == pytest.approx(chain_weight(ba, config), abs=1e-6)
    # Each link's score is the similarity of the sentences it joins.
    for lk in ab:
        assert lk.score == pytest.approx(
            fuzz.ratio(" ".join(a[i] for i in lk.a), " ".join(b[j] for j in lk.b)), abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(DOC, DOC, CONFIGS)
def test_in_order_result_is_monotone_and_valid(a: list[str], b: list[str], config: AlignConfig) -> None:
    links = align_in_order(a, b, config)
    assert _increasing(links)
    for lk in links:
        assert lk.score >= config.min_score
        assert all(0 <= i < len(a) for i in lk.a) and all(0 <= j < len(b) for j in lk.b)
        assert (len(lk.a), len(lk.b)) in {(1, 1), (1, 2), (2, 1)}
        assert lk.a == tuple(range(lk.a[0], lk.a[-1] + 1)) and lk.b == tuple(range(lk.b[0], lk.b[-1] + 1))


@settings(max_examples=150, deadline=None)
@given(DOC, DOC, SENTENCE, CONFIGS)
def test_more_text_never_lowers_the_weight(a: list[str], b: list[str], extra: str, config: AlignConfig) -> None:
    base = chain_weight(align_in_order(a, b, config), config)
    assert chain_weight(align_in_order([*a, extra], b, config), config) >= base - 1e-9
    assert chain_weight(align_in_order([extra, *a], b, config), config) >= base - 1e-9


@settings(max_examples=150, deadline=None)
@given(DOC, DOC, CONFIGS)
def test_full_alignment_matches_reference(a: list[str], b: list[str], config: AlignConfig) -> None:
    fast, ref = align(a, b, config), align_reference(a, b, config)
    # Each sentence is used at most once; the in-order part weighs what the reference's does.
    for links in (fast, ref):
        used_a = [i for lk in links for i in lk.a]
        used_b = [j for lk in links for j in lk.b]
        assert len(used_a) == len(set(used_a)) and len(used_b) == len(set(used_b))
    assert len(fast) == len(ref)
    assert sum(lk.score for lk in fast) == pytest.approx(sum(lk.score for lk in ref), abs=1e-6)


def test_identical_documents_align_one_to_one() -> None:
    a = ["le president russe a parle hier", "le kremlin a confirme l intention", "les tensions montent en ukraine"]
    links = align(a, a)
    assert [(lk.a, lk.b, lk.score) for lk in links] == [((i,), (i,), 100.0) for i in range(3)]


def test_split_sentence_gives_a_merge_link() -> None:
    a = ["le president russe et son homologue turc ont parle dimanche au telephone de l otan"]
    b = ["le president russe et son homologue turc ont parle dimanche", "au telephone de l otan"]
    assert [(lk.a, lk.b) for lk in align(a, b)] == [((0,), (0, 1))]
    assert [(lk.a, lk.b) for lk in align(b, a)] == [((0, 1), (0,))]
    assert all(len(lk.a) == len(lk.b) == 1 for lk in align(a, b, AlignConfig(merges=False)))


def test_moved_sentence_is_kept_when_strong() -> None:
    a = ["premiere phrase du texte original ici", "deuxieme phrase du texte original ici",
         "la conclusion de l article sur la crise"]
    b = ["la conclusion de l article sur la crise", "premiere phrase du texte original ici",
         "deuxieme phrase du texte original ici"]
    in_order = align_in_order(a, b)
    assert [(lk.a, lk.b) for lk in in_order] == [((0,), (1,)), ((1,), (2,))]
    assert [(lk.a, lk.b) for lk in align(a, b)] == [((0,), (1,)), ((1,), (2,)), ((2,), (0,))]


def test_short_and_dissimilar_sentences_never_align() -> None:
    assert align(["72", "0"], ["72", "0"]) == []
    assert align(["le president russe a parle"], ["la bourse de tokyo a chute de trois pour cent"]) == []
    assert align([], ["x"]) == [] and align(["x"], []) == []


def test_seed_rewrite_alignment(seeds) -> None:  # type: ignore[no-untyped-def]
    docs = {d.id[:3]: d for d in load(seeds).documents}
    sa, sb = segment(0, docs["001"]), segment(1, docs["000"])
    al = align_documents(sa, sb)
    pairs = {(sa[lk.a[0]].text[:30], sb[lk.b[0]].text[:30]) for lk in al.content}
    assert ("La présidence turque a affirmé", "Selon la présidence turque, le") in pairs
    assert ("Le Kremlin a indiqué que les d", "Dans le même temps, le Kremlin") in pairs
    assert len(al.content) >= 4
    assert _increasing([lk for lk in al.content])  # this rewrite keeps the order


_LINKS = st.lists(
    st.tuples(st.integers(0, 12), st.integers(1, 2), st.integers(0, 12), st.integers(1, 2),
              st.floats(65.0, 100.0, allow_nan=False)).filter(lambda t: t[1] == 1 or t[3] == 1),
    max_size=14,
).map(lambda ts: [Link(tuple(range(i, i + n)), tuple(range(j, j + m)), s) for i, n, j, m, s in ts])


@settings(max_examples=300, deadline=None)
@given(_LINKS | st.integers(0, 14).map(lambda n: [Link((k,), (2 * k,), 90.0 + k % 3) for k in range(n)]))
def test_chain_shortcut_equals_the_search(cands: list) -> None:
    from provenance.align import _chain, _chain_search

    config = AlignConfig()
    ordered = sorted(cands, key=lambda k: (k.a[-1], k.b[-1], k.a[0], k.b[0]))
    assert _chain(cands, config) == _chain_search(ordered, config)


def test_long_documents_are_aligned_a_block_of_rows_at_a_time(seeds, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from provenance import align as A

    docs = {d.id[:3]: d for d in load(seeds).documents}
    a = [s.norm for s in segment(0, docs["001"])] * 3
    b = [s.norm for s in segment(1, docs["000"])] * 2
    whole, in_order = A.align(a, b), A.align_in_order(a, b)
    assert whole
    for block in (7, 3 * len(b) + 1):  # one row per block; blocks that do not divide the rows
        monkeypatch.setattr(A, "_BLOCK_CELLS", block)
        assert A.align(a, b) == whole and A.align_in_order(a, b) == in_order


@settings(max_examples=300, deadline=None)
@given(_LINKS | st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6), st.sampled_from([70.0, 80.0, 90.0])),
                         max_size=30).map(lambda ts: [Link((i,), (j,), s) for i, j, s in ts]))
def test_indexed_chain_weighs_what_the_search_finds(cands: list) -> None:
    from provenance.align import _chain_search, _chain_search_indexed, chain_weight

    config = AlignConfig()
    ordered = sorted(set(cands), key=lambda k: (k.a[-1], k.b[-1], k.a[0], k.b[0]))
    if not ordered:
        return
    fast, slow = _chain_search_indexed(ordered, config), _chain_search(ordered, config)
    assert chain_weight(fast, config) == pytest.approx(chain_weight(slow, config), abs=1e-6)
    assert all(p.a[-1] < q.a[0] and p.b[-1] < q.b[0] for p, q in zip(fast, fast[1:], strict=False))


def test_results_tables_align_in_bounded_time() -> None:
    # 300 lines of football results against 300 others: every line resembles every other, so
    # the candidate links number tens of thousands (minutes with the all-pairs search).
    import random

    rng = random.Random(2)
    teams = ["paris saint germain", "olympique de marseille", "olympique lyonnais", "as monaco", "lille osc"]

    def line() -> str:
        a, b = rng.sample(teams, 2)
        return f"{a} {rng.randint(0, 4)} {b} {rng.randint(0, 4)} score final du match de ligue"

    a, b = [line() for _ in range(300)], [line() for _ in range(300)]
    chain = align_in_order(a, b)
    assert len(chain) >= 200
    assert all(p.a[-1] < q.a[0] and p.b[-1] < q.b[0] for p, q in zip(chain, chain[1:], strict=False))
    assert len(align(a, b)) >= len(chain)


def _shares_a_bigram(x: str, y: str, b: list[str], df: int) -> bool:
    def keys(s: str) -> set[str]:
        w = s.split()
        return {f"{p} {q}" for p, q in zip(w, w[1:], strict=False)} if len(w) > 1 else set(w)

    return any(sum(k in keys(z) for z in b) <= df for k in keys(x) & keys(y))


@settings(max_examples=200, deadline=None)
@given(DOC, DOC, st.sampled_from([1, 2, 64]), CONFIGS)
def test_sparse_cells_are_the_exhaustive_cells_of_pairs_sharing_a_bigram(a: list[str], b: list[str], df: int,
                                                                         config: AlignConfig) -> None:
    """Documents too long to score every sentence pair score the pairs that share a bigram no
    more common than ``bigram_df`` in the second document, exactly as the exhaustive pass does."""
    from dataclasses import replace

    from provenance.align import _cells, _cells_sparse

    config = replace(config, bigram_df=df)
    full = {(i, j): s for i, j, s in _cells(a, b, config)}
    sparse = _cells_sparse(a, b, config)
    assert [(i, j) for i, j, _ in sparse] == sorted((i, j) for i, j, _ in sparse)  # row-major, as _cells
    assert all(full[(i, j)] == s for i, j, s in sparse)
    assert {(i, j) for i, j, _ in sparse} == {(i, j) for i, j in full if _shares_a_bigram(a[i], b[j], b, df)}


def test_giant_documents_align_sparsely_with_the_same_links(seeds) -> None:  # type: ignore[no-untyped-def]
    """Over ``exhaustive_cells`` sentence pairs (forced here with 0), the seeds' copies align
    exactly as when every pair is scored: sentences that align share bigrams."""
    docs = {d.id[:3]: d for d in load(seeds).documents}
    giant = AlignConfig(exhaustive_cells=0)
    for x, y in (("001", "000"), ("003", "004")):
        a, b = [s.norm for s in segment(0, docs[x])], [s.norm for s in segment(1, docs[y])]
        assert align(a, b) and align(a, b, giant) == align(a, b)
        assert align(a * 4, b * 3, giant) == align(a * 4, b * 3)
