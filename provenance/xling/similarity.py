"""Similarity of two texts in different languages: projected words plus character n-grams.

Two signals, blended:

* word overlap in the pivot language: the share of content words on each side that have a
  dictionary translation (or a cognate stem) on the other side, combined by harmonic mean;
* CL-CNG: cosine of the character 4-gram sets of the accent-folded texts, which catches names,
  numbers, and cognates between close languages, and is all that is left without dictionaries.

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

from provenance.xling.lexicon import LexiconConfig, find_dictionary, installed_pairs, lexicon
from provenance.xling.project import ProjectConfig, project_alternatives
from provenance.xling.text import char_ngram_set, tokenize

_SPACE = re.compile(r"\s+")


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


def profile(text: str, lang: str, *, config: SimilarityConfig = DEFAULT) -> Profile:
    """Project and n-gram one text.

    >>> "minist" in profile("Les ministres.", "fr").stems
    True
    """
    counts = Counter(project_alternatives(tokenize(text), lang, config.pivot, config=config.project))
    stems = frozenset(s for a in counts for s in a)
    grams = char_ngram_set(text, config.ngram)
    return Profile(lang, tuple(counts.items()), stems, grams, len(_SPACE.sub("", text)))


def merge(a: Profile, b: Profile) -> Profile:
    """Profile of the concatenation of two texts of the same language.

    >>> merge(profile("Un.", "fr"), profile("Deux.", "fr")).chars
    8
    """
    counts = Counter(dict(a.words))
    counts.update(dict(b.words))
    return Profile(a.lang, tuple(counts.items()), a.stems | b.stems, a.grams | b.grams, a.chars + b.chars)


def _coverage(a: Profile, b: Profile, idf: Mapping[str, float] | None) -> float:
    total = hit = 0.0
    other = b.stems
    for alts, n in a.words:
        w = n if idf is None else n * idf.get(alts[0], 1.0)
        total += w
        if not other.isdisjoint(alts):
            hit += w
    return hit / total if total else 0.0


def word_overlap(a: Profile, b: Profile, *, idf: Mapping[str, float] | None = None) -> float:
    """Harmonic mean of the shares of each side's content words found on the other side.

    >>> p = profile("Les ministres européens.", "fr"); q = profile("European ministers.", "en")
    >>> word_overlap(p, q) > 0.9
    True
    """
    ca, cb = _coverage(a, b, idf), _coverage(b, a, idf)
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
