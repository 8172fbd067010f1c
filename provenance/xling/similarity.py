"""Similarity of two texts in different languages: projected words plus character n-grams.

Two signals, blended:

* word overlap in the pivot language: the share of content words on each side that have a
  dictionary translation (or a cognate stem) on the other side, combined by harmonic mean;
* CL-CNG: cosine of the character 4-gram sets of the accent-folded texts, which catches names,
  numbers, and cognates between close languages, and is all that is left without dictionaries.

Sentence alignment (:mod:`provenance.xling.align`) adds two weaker kinds of evidence to the word
overlap, for sentences with few dictionary words: *marks* (question and exclamation marks,
quotation marks, parentheses), which a translation keeps, and *cognates*: stems that share a
prefix without being equal ("excusa"/"excuse") earn part of a match.

>>> cfg = SimilarityConfig(project=ProjectConfig(lexicon=LexiconConfig(dict_dirs=())))
>>> s = cross_similarity("Angela Merkel à Paris en 2014.", "fr", "Angela Merkel in Paris in 2014.", "en", config=cfg)
>>> 0.5 < s <= 1.0
True
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from provenance.xling.lexicon import LexiconConfig, find_dictionary, installed_pairs, lexicon
from provenance.xling.project import ProjectConfig, project_alternatives
from provenance.xling.text import char_ngram_set, tokenize

_SPACE = re.compile(r"\s+")
# Marks a translation keeps: the kind of sentence (? !), quoted speech, asides. Quotation marks
# differ by language (« » in French, “ ” or " in English), so all count as one mark.
_QUOTES = frozenset('"«»“”„')
_MARKS = frozenset("?!()")
# Shortest shared stem prefix that counts as a partial (cognate) match.
_MIN_PREFIX = 4


@dataclass(frozen=True, slots=True)
class SimilarityConfig:
    """Weights of the two signals and the pivot language.

    >>> SimilarityConfig().ngram
    4
    """

    project: ProjectConfig = field(default_factory=ProjectConfig)
    pivot: str = "en"
    ngram: int = 4
    word_weight: float = 0.7
    """Share of the word-overlap signal when both languages reach the pivot by dictionary."""
    fallback_word_weight: float = 0.4
    """Share of the word signal without dictionaries (then only cognate stems can match)."""


DEFAULT = SimilarityConfig()


@dataclass(frozen=True, slots=True)
class Profile:
    """What the similarity needs to know about one text, computed once.

    >>> profile("Les ministres.", "fr").chars
    13
    """

    lang: str
    words: tuple[tuple[tuple[str, ...], int], ...]
    """Distinct content words as (pivot stems the word may stand for, occurrences)."""
    stems: frozenset[str]
    """Union of ``alts``."""
    grams: frozenset[str]
    chars: int
    """Number of non-space characters, for length ratios."""
    marks: tuple[tuple[str, int], ...] = ()
    """Marks a translation keeps, as (mark, occurrences); quotation marks count once, as ``"``."""
    heads: frozenset[str] = frozenset()
    """Prefixes of the word stems in ``stems``, from 4 characters to the whole stem, for cognates."""


def profile(text: str, lang: str, *, config: SimilarityConfig = DEFAULT) -> Profile:
    """Project and n-gram one text.

    >>> "minist" in profile("Les ministres.", "fr").stems
    True
    """
    counts = Counter(project_alternatives(tokenize(text), lang, config.pivot, config=config.project))
    stems = frozenset(s for a in counts for s in a)
    grams = char_ngram_set(text, config.ngram)
    return Profile(lang, tuple(counts.items()), stems, grams, len(_SPACE.sub("", text)), marks(text), _heads(stems))


def marks(text: str) -> tuple[tuple[str, int], ...]:
    """The marks of ``text`` a translation keeps, as (mark, occurrences), sorted.

    Quotation marks of any style count once: French opens and closes with « », English with “ ”,
    and a quote may span sentences.

    >>> marks("« Pourquoi ? » a-t-il dit (deux fois) ?")
    (('"', 1), ('(', 1), (')', 1), ('?', 2))
    """
    counts = Counter(c for c in text if c in _MARKS)
    if any(c in _QUOTES for c in text):
        counts['"'] = 1
    return tuple(sorted(counts.items()))


def _heads(stems: frozenset[str]) -> frozenset[str]:
    # Words only: numbers that share leading digits ("2014", "2015") are different numbers.
    return frozenset(s[:k] for s in stems if s[:1].isalpha() for k in range(_MIN_PREFIX, len(s) + 1))


def merge(a: Profile, b: Profile) -> Profile:
    """Profile of the concatenation of two texts of the same language.

    >>> merge(profile("Un.", "fr"), profile("Deux.", "fr")).chars
    8
    """
    counts = Counter(dict(a.words))
    counts.update(dict(b.words))
    both = Counter(dict(a.marks))
    both.update(dict(b.marks))
    return Profile(
        a.lang, tuple(counts.items()), a.stems | b.stems, a.grams | b.grams, a.chars + b.chars,
        tuple(sorted(both.items())), a.heads | b.heads,
    )


def prefix_credit(alts: tuple[str, ...], heads: frozenset[str], *, stem_length: int = 6) -> float:
    """Partial match of a word none of whose stems is opposite: the longest prefix of one of them
    found in ``heads`` (the other side's :attr:`Profile.heads`), on a scale from 3 shared
    characters (0) to a whole stem (1).

    >>> prefix_credit(("excusa",), frozenset({"excu", "excus", "excuse"}))
    0.6666666666666666
    >>> prefix_credit(("hungri",), frozenset({"hung", "hunge", "hunger"})), prefix_credit(("cat",), frozenset({"catt"}))
    (0.3333333333333333, 0.0)
    """
    mine = _prefixes(alts, stem_length)
    # Heads hold every prefix from 4 characters on, so no 4-character match means no match at all.
    if not mine or mine[-1].isdisjoint(heads):
        return 0.0
    for k, pre in zip(range(stem_length - 1, _MIN_PREFIX - 1, -1), mine, strict=True):
        if not pre.isdisjoint(heads):
            return (k - _MIN_PREFIX + 1) / (stem_length - _MIN_PREFIX + 1)
    return 0.0


@lru_cache(maxsize=200_000)
def _prefixes(alts: tuple[str, ...], stem_length: int) -> tuple[frozenset[str], ...]:
    # One set per prefix length, longest first; cached because the alignment asks for every
    # unmatched word of every sentence pair (a set test in C beats a loop over the stems).
    return tuple(
        frozenset(s[:k] for s in alts if len(s) >= k and s[:1].isalpha())
        for k in range(stem_length - 1, _MIN_PREFIX - 1, -1)
    )


def _coverage(
    a: Profile, b: Profile, idf: Mapping[str, float] | None, *, marks: bool = False, cognates: int = 0
) -> float:
    total = hit = 0.0
    other = b.stems
    for alts, n in a.words:
        w = n if idf is None else n * idf.get(alts[0], 1.0)
        total += w
        if not other.isdisjoint(alts):
            hit += w
        elif cognates:
            hit += w * prefix_credit(alts, b.heads, stem_length=cognates)
    if marks:
        theirs = dict(b.marks)
        for m, n in a.marks:
            w = n if idf is None else n * idf.get(m, 1.0)
            total += w
            if m in theirs:
                hit += w
    return hit / total if total else 0.0


def word_overlap(
    a: Profile, b: Profile, *, idf: Mapping[str, float] | None = None, marks: bool = False, cognates: int = 0
) -> float:
    """Harmonic mean of the shares of each side's content words found on the other side.

    ``marks`` counts :func:`marks` as words; ``cognates`` (the stem length; 0: off) gives a word
    whose stems share only a prefix with a stem opposite partial credit (:func:`prefix_credit`).

    >>> p = profile("Les ministres européens.", "fr"); q = profile("European ministers.", "en")
    >>> word_overlap(p, q) > 0.9
    True
    """
    ca = _coverage(a, b, idf, marks=marks, cognates=cognates)
    cb = _coverage(b, a, idf, marks=marks, cognates=cognates)
    return 2 * ca * cb / (ca + cb) if ca + cb else 0.0


def ngram_cosine(a: Profile, b: Profile) -> float:
    """Cosine of the two character n-gram sets.

    >>> ngram_cosine(profile("Obama", "fr"), profile("Obama", "en"))
    1.0
    """
    if not a.grams or not b.grams:
        return 0.0
    return len(a.grams & b.grams) / math.sqrt(len(a.grams) * len(b.grams))


def available(lang_a: str, lang_b: str, *, config: SimilarityConfig = DEFAULT) -> bool:
    """True when dictionaries connect both languages to the pivot (or to each other).

    >>> available("en", "en")
    True
    """
    if lang_a == lang_b:
        return True
    lex = config.project.lexicon
    if find_dictionary(lang_a, lang_b, config=lex) or find_dictionary(lang_b, lang_a, config=lex):
        if config.pivot in (lang_a, lang_b):
            return True
    return all(lang == config.pivot or bool(lexicon(lang, config.pivot, config=lex)) for lang in (lang_a, lang_b))


def missing_dictionaries_hint(*, config: LexiconConfig | None = None) -> str | None:
    """One-line install hint when no FreeDict dictionary is installed, else None.

    >>> missing_dictionaries_hint(config=LexiconConfig(dict_dirs=())).startswith("No FreeDict")
    True
    """
    if installed_pairs(config=config or LexiconConfig()):
        return None
    return (
        "No FreeDict dictionaries found (cross-language matching falls back to character "
        "n-grams): run scripts/install-dictionaries.sh, or apt-get install dict-freedict-fra-eng "
        "dict-freedict-eng-fra dict-freedict-deu-eng dict-freedict-eng-deu"
    )


def profile_similarity(
    a: Profile, b: Profile, *, idf: Mapping[str, float] | None = None, config: SimilarityConfig = DEFAULT
) -> float:
    """Blend of :func:`word_overlap` and :func:`ngram_cosine`, in [0, 1].

    >>> profile_similarity(profile("Paris", "fr"), profile("Paris", "en"))
    1.0
    """
    w = config.word_weight if available(a.lang, b.lang, config=config) else config.fallback_word_weight
    return w * word_overlap(a, b, idf=idf) + (1 - w) * ngram_cosine(a, b)


def cross_similarity(
    a_text: str, a_lang: str, b_text: str, b_lang: str, *, config: SimilarityConfig = DEFAULT
) -> float:
    """How likely ``b_text`` renders the same content as ``a_text``, in [0, 1].

    Works for sentences and whole documents; identical texts score 1.

    >>> cross_similarity("Le gouvernement a présenté son budget.", "fr", "The government presented its budget.", "en") > 0.5
    True
    """
    return profile_similarity(profile(a_text, a_lang, config=config), profile(b_text, b_lang, config=config), config=config)
