"""MinHash: the fast kernel must equal the datasketch reference bit for bit."""

from __future__ import annotations

import numpy as np
import pytest
import xxhash
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.minhash import (
    EMPTY_VALUE,
    HASHFUNC,
    MinHashConfig,
    _encode,
    _xxh32,
    shingles,
    signatures,
    signatures_reference,
)
from provenance.segment import spaced

# Tokens: ASCII words, accented words, and arbitrary unicode (multi-byte UTF-8, long tokens that
# take xxh32's 16-byte stripe path). Spaces are the only separator, so tokens never contain one.
ascii_token = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=12)
unicode_token = st.text(
    alphabet=st.characters(blacklist_characters=" ", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=40,
)
# Scripts written without blanks: each character is a word of its own (marks stay with it).
unspaced_token = st.text(alphabet=st.sampled_from(list("新华社报道日本ニュースがจุงกรุงที่") + ["\u3099", "\u0e34"]),
                         min_size=1, max_size=10)
token = st.one_of(ascii_token, unicode_token, unspaced_token)
# Sentences mostly joined by single spaces, sometimes with stray doubled/leading spaces.
sentence = st.builds(
    lambda toks, sep: sep.join(toks), st.lists(token, max_size=25), st.sampled_from([" ", "  "])
)
configs = st.builds(
    MinHashConfig,
    num_perm=st.integers(1, 40),
    ngram=st.integers(1, 6),
    truncate=st.integers(0, 7),
    seed=st.integers(0, 2**32 - 1),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(sentence, max_size=8), configs)
def test_signatures_equal_reference(norms: list[str], config: MinHashConfig) -> None:
    np.testing.assert_array_equal(signatures(norms, config), signatures_reference(norms, config))


@settings(max_examples=20, deadline=None)
@given(st.lists(sentence, min_size=1, max_size=30), st.integers(1, 7))
def test_batches_and_threads_do_not_change_result(norms: list[str], batch: int) -> None:
    config = MinHashConfig(num_perm=16)
    expected = signatures(norms, config)
    np.testing.assert_array_equal(signatures(norms, config, workers=2, batch=batch), expected)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_xxh32_kernel_matches_xxhash(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    buf, _, _ = _encode([text])
    assert _xxh32(buf, 0, len(buf)) == xxhash.xxh32_intdigest(data)


@given(sentence, configs)
def test_shingles_shape(norm: str, config: MinHashConfig) -> None:
    tokens = [t for t in spaced(norm).split(" ") if t]
    got = shingles(norm, config)
    if not tokens:
        assert got == []
    elif len(tokens) < config.ngram:
        assert len(got) == 1
    else:
        assert len(got) == len(tokens) - config.ngram + 1
        assert all(len(s.split(" ")) == config.ngram for s in got)
    if config.truncate:
        assert all(len(t) <= config.truncate for s in got for t in s.split(" "))


def test_shingles_examples() -> None:
    config = MinHashConfig(ngram=2, truncate=3)
    assert shingles("élections présidentielles  françaises", config) == ["éle pré", "pré fra"]
    assert shingles("un", config) == ["un"]
    assert shingles("", config) == []
    assert shingles("  ", config) == []


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=10), st.just("a\ud800b")), max_size=6))
def test_encode_finds_each_unit(norms: list[str]) -> None:
    # Lone surrogates force the per-unit path; both paths must give the same spans.
    buf, starts, ends = _encode(norms)
    data = bytes(buf)
    assert [
        data[s:e].decode("utf-8", "surrogatepass") for s, e in zip(starts, ends, strict=True)
    ] == norms


def test_lone_surrogates_are_signed_like_the_reference() -> None:
    norms = ["caf\ud800 au lait chaud", "cafe au lait chaud"]
    config = MinHashConfig(num_perm=8, ngram=2)
    np.testing.assert_array_equal(signatures(norms, config), signatures_reference(norms, config))


def test_empty_units_are_all_max() -> None:
    sig = signatures(["", " ", "a b c"], MinHashConfig(num_perm=8))
    assert (sig[:2] == EMPTY_VALUE).all()
    assert not (sig[2] == EMPTY_VALUE).all()
    assert signatures([], MinHashConfig(num_perm=8)).shape == (0, 8)


def test_hashfunc_is_order_sensitive_and_32_bit() -> None:
    assert HASHFUNC("a b c") != HASHFUNC("c b a")
    assert HASHFUNC("ab") != HASHFUNC("a b")
    assert 0 <= HASHFUNC("x y z") < 2**32


def test_similar_sentences_have_similar_signatures() -> None:
    config = MinHashConfig(num_perm=128, ngram=2, truncate=0)
    a = "le president a annonce hier soir une nouvelle reforme des retraites tres contestee"
    b = a.replace("hier soir", "ce matin")
    sig = signatures([a, b, "rien a voir avec le reste du texte ici present"], config)
    assert (sig[0] == sig[1]).mean() > 0.4
    assert (sig[0] == sig[2]).mean() < 0.1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"num_perm": 0}, "num_perm"),
        ({"ngram": 0}, "ngram"),
        ({"truncate": -1}, "truncate"),
        ({"seed": -1}, "seed"),
    ],
)
def test_config_validation(kwargs: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        MinHashConfig(**kwargs)
