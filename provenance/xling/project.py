"""Projection of words into a pivot language, at stem level.

A French word becomes the stems of its English dictionary translations ("maisons" →
``house``/``home``); an English word becomes its own stem; a word no dictionary knows (a name, a
number, a rare word) is kept, accent-folded, because names and numbers survive translation.
Bag-of-words and shingles of a text and of its translation then overlap in the pivot.

>>> project_tokens(["Paris", "2014"], "fr", config=ProjectConfig(lexicon=LexiconConfig(dict_dirs=())))
['paris', '2014']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from provenance.xling.lexicon import LexiconConfig, lexicon
from provenance.xling.text import is_function_word, is_word, lemma, stem, tokenize


@dataclass(frozen=True, slots=True)
class ProjectConfig:
    """How words are projected.

    >>> ProjectConfig().keep_function_words
    False
    """

    lexicon: LexiconConfig = field(default_factory=LexiconConfig)
    keep_function_words: bool = False
    """Function words translate unreliably and carry no content; they are dropped by default."""
    min_length: int = 2


DEFAULT = ProjectConfig()


def _stem_len(config: ProjectConfig) -> int:
    return config.lexicon.stem_length


@lru_cache(maxsize=500_000)
def project_word(word: str, lang: str, pivot: str = "en", *, config: ProjectConfig = DEFAULT) -> tuple[str, ...]:
    """Pivot stems a word may stand for, best first; never empty for a word token.

    >>> project_word("Governments", "en")
    ('govern',)
    """
    n = _stem_len(config)
    if not is_word(word):
        return (word.replace(",", "."),)  # "3,5" and "3.5" are the same number
    low = word.casefold().rstrip("'’")
    if lang == pivot:
        return (stem(lemma(low, lang), length=n),)
    # A capitalised word is likelier a name than an inflected form ("Paris" is not a plural of
    # "pari"), so its own stem is taken from the surface form.
    own = stem(low if word[:1].isupper() else lemma(low, lang), length=n)
    table = lexicon(lang, pivot, config=config.lexicon)
    if table:
        hit = table.get(low) or table.get(lemma(low, lang))
        if hit is None and "-" in low:
            parts = [table.get(p) for p in low.split("-")]
            hit = tuple(p[0] for p in parts if p)
        if hit:
            # The word's own stem goes last: cognates ("économique"/"economic") and names that
            # a dictionary happens to list still meet their counterpart.
            return hit if own in hit else (*hit, own)
    return (own,)


def project_alternatives(
    tokens: list[str], lang: str, pivot: str = "en", *, config: ProjectConfig = DEFAULT
) -> list[tuple[str, ...]]:
    """For each content token, the tuple of pivot stems it may stand for.

    Punctuation and (unless configured) function words are skipped, so positions do not
    line up with ``tokens``.

    >>> project_alternatives(["the", "Ministers", ","], "en")
    [('minist',)]
    """
    out: list[tuple[str, ...]] = []
    for tok in tokens:
        if is_word(tok):
            if len(tok) < config.min_length:
                continue
            if not config.keep_function_words and is_function_word(tok, lang):
                continue
        elif not tok[:1].isdigit():
            continue
        out.append(project_word(tok, lang, pivot, config=config))
    return out


def project_tokens(tokens: list[str], lang: str, pivot: str = "en", *, config: ProjectConfig = DEFAULT) -> list[str]:
    """Map tokens into the pivot language: one stem per content token, the likeliest one.

    The result can be shingled or MinHashed like any token list.

    >>> project_tokens(["The", "ministers", "met", "in", "2014"], "en")
    ['minist', 'meet', '2014']
    """
    return [alts[0] for alts in project_alternatives(tokens, lang, pivot, config=config)]


def project_text(text: str, lang: str, pivot: str = "en", *, config: ProjectConfig = DEFAULT) -> list[str]:
    """:func:`project_tokens` of :func:`provenance.xling.text.tokenize` of ``text``.

    >>> project_text("Ministers met.", "en")
    ['minist', 'meet']
    """
    return project_tokens(tokenize(text), lang, pivot, config=config)
