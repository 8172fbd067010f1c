"""Which side of a translated pair is the original: translationese cues and a tiny model.

Translations tend to be longer than their source (explicitation), to use a narrower vocabulary
(lower type/token ratio), more function words and fewer rare words, and to carry the source's
punctuation habits. :func:`style_features` measures such cues on one text and
:func:`pair_features` compares the two sides; a logistic regression over them, fitted on WMT
news test sets (``benchmarks/crosslang.py --fit``, which picks one of a few cue families fixed
in advance), gives the probability that the first text is the original, capped at the model's
held-out accuracy. The shipped fr-en model uses the length cue alone (explicitation), so it
assumes both texts are complete versions of each other: when only part of a text was
translated, pass the aligned parts.

>>> p = original_probability("Un texte.", "fr", "A text.", "en")
>>> 0.0 <= p <= 1.0
True
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from provenance.xling._direction_models import FITTED
from provenance.xling.align import AlignConfig, align_profiles
from provenance.xling.similarity import SimilarityConfig, profile, profile_similarity
from provenance.xling.text import fold, is_function_word, is_word, tokenize

STYLE_FEATURES = (
    "log_chars",
    "mattr",
    "function_rate",
    "word_length",
    "sentence_length",
    "comma_rate",
    "quote_rate",
    "paren_rate",
    "colon_rate",
    "dash_rate",
    "capital_rate",
    "digit_rate",
    "hapax_rate",
    "guillemet_rate",
    "straight_quote_rate",
    "curly_quote_rate",
    "curly_apostrophe_share",
    "space_before_punct_share",
    "decimal_comma_share",
)
"""Names of :func:`style_features`, in order."""

PAIR_FEATURES = ("log_length_ratio",)
"""Names of :func:`pair_features`, in order: cues that compare the two sides."""


def pair_features(a_feats: list[float], b_feats: list[float]) -> list[float]:
    """Cues of a pair from the :func:`style_features` of both sides, in :data:`PAIR_FEATURES` order.

    ``log_length_ratio`` (log characters of a minus log characters of b) measures explicitation:
    a translation tends to come out longer than its original, relative to the language pair's
    usual ratio (which a fitted model learns on dev data as its mean).

    >>> round(pair_features(style_features("Un texte.", "fr"), style_features("A text.", "en"))[0], 3)
    0.223
    """
    i = STYLE_FEATURES.index("log_chars")
    return [a_feats[i] - b_feats[i]]


def _mattr(words: list[str], window: int = 50) -> float:
    # Moving-average type/token ratio: plain TTR falls with length, this does not.
    if len(words) <= window:
        return len(set(words)) / max(1, len(words))
    counts: dict[str, int] = {}
    for w in words[:window]:
        counts[w] = counts.get(w, 0) + 1
    total = len(counts)
    for i in range(window, len(words)):
        out, inn = words[i - window], words[i]
        counts[out] -= 1
        if counts[out] == 0:
            del counts[out]
        counts[inn] = counts.get(inn, 0) + 1
        total += len(counts)
    return total / ((len(words) - window + 1) * window)


def style_features(text: str, lang: str) -> list[float]:
    """Translationese cues of one text, in the order of :data:`STYLE_FEATURES`.

    >>> len(style_features("Il a dit : « oui ».", "fr")) == len(STYLE_FEATURES)
    True
    """
    tokens = tokenize(text)
    words = [t for t in tokens if is_word(t)]
    nw = max(1, len(words))
    folded = [fold(w) for w in words]
    counts: dict[str, int] = {}
    for w in folded:
        counts[w] = counts.get(w, 0) + 1
    sentences = max(1, len(re.findall(r"[.!?…]+(?:\s|$)", text)) or 1, text.count("\n") + 1)
    punct = {p: sum(1 for t in tokens if t in p) for p in (",", "\"«»“”„'‘’", "()[]", ":;", "-–—")}
    return [
        math.log1p(len(text)),
        _mattr(folded),
        sum(1 for w in words if is_function_word(w, lang)) / nw,
        sum(len(w) for w in words) / nw,
        math.log1p(nw / sentences),
        punct[","] / nw,
        punct["\"«»“”„'‘’"] / nw,
        punct["()[]"] / nw,
        punct[":;"] / nw,
        punct["-–—"] / nw,
        sum(1 for w in words if w[:1].isupper()) / nw,
        sum(1 for t in tokens if t[:1].isdigit()) / nw,
        sum(1 for c in counts.values() if c == 1) / nw,
        # Typography is where translators most often keep the source's habits (a calque of form):
        # quote marks, apostrophes, a space before ":;?!" (French style), decimal commas.
        (text.count("«") + text.count("»")) / nw,
        text.count('"') / nw,
        (text.count("“") + text.count("”")) / nw,
        _share(text.count("’"), text.count("'")),
        _share(len(_SPACED_PUNCT.findall(text)), len(_TIGHT_PUNCT.findall(text))),
        _share(len(_DECIMAL_COMMA.findall(text)), len(_DECIMAL_POINT.findall(text))),
    ]


_SPACED_PUNCT = re.compile(r"\s[:;?!]")
_TIGHT_PUNCT = re.compile(r"\w[:;?!]")
_DECIMAL_COMMA = re.compile(r"\d,\d")
_DECIMAL_POINT = re.compile(r"\d\.\d")


def _share(a: int, b: int) -> float:
    # Share of the first variant among both; 0.5 (no evidence) when neither occurs.
    return a / (a + b) if a + b else 0.5


@dataclass(frozen=True, slots=True)
class DirectionModel:
    """A fitted logistic regression for one language pair (a_lang, b_lang).

    Inputs are the selected style features (``features``, names from :data:`STYLE_FEATURES`)
    of side a, then of side b, then the selected pair features (``pair``, names from
    :data:`PAIR_FEATURES`), standardised with ``mean`` and ``scale``; the output is the
    probability that side a is the original, kept within ``[1 - accuracy, accuracy]`` where
    ``accuracy`` is the model's measured accuracy on held-out data (no more confident than
    it has been right).
    """

    langs: tuple[str, str]
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    note: str = ""
    pair: tuple[str, ...] = ()
    accuracy: float = 1.0
    """Held-out accuracy; probabilities are capped to it."""

    def probability(self, a_feats: list[float], b_feats: list[float]) -> float:
        """P(side a is the original) from the two feature vectors."""
        pick = [STYLE_FEATURES.index(f) for f in self.features]
        both = pair_features(a_feats, b_feats)
        x = [a_feats[i] for i in pick] + [b_feats[i] for i in pick] + [both[PAIR_FEATURES.index(f)] for f in self.pair]
        z = self.intercept + sum(c * (v - m) / s for c, v, m, s in zip(self.coef, x, self.mean, self.scale, strict=True))
        p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
        return max(1 - self.accuracy, min(self.accuracy, p))


def _fitted() -> dict[tuple[str, str], DirectionModel]:
    # Coefficients are generated data in _direction_models.py (`benchmarks/crosslang.py --fit`).
    return {
        pair: DirectionModel(
            pair, tuple(m["features"]), tuple(m["mean"]), tuple(m["scale"]), tuple(m["coef"]), m["intercept"], m["note"],
            tuple(m.get("pair", ())), float(m.get("accuracy", 1.0)),
        )
        for pair, m in FITTED.items()
    }


MODELS = _fitted()


@dataclass(frozen=True, slots=True)
class DirectionConfig:
    """The fitted models, by language pair.

    >>> ("fr", "en") in DirectionConfig().models or not DirectionConfig().models
    True
    """

    models: dict[tuple[str, str], DirectionModel] = field(default_factory=lambda: dict(MODELS))


DEFAULT = DirectionConfig()


def original_probability(
    a_text: str, a_lang: str, b_text: str, b_lang: str, *, config: DirectionConfig = DEFAULT
) -> float:
    """Probability that ``a_text`` is the original and ``b_text`` its translation.

    0.5 (no opinion) for a language pair without a fitted model. Never further from 0.5 than
    the model's held-out accuracy allows. Both texts should cover the same content (see the
    module docstring): the length cue reads an incomplete translation as an original.

    >>> original_probability("Hallo", "de", "Halo", "id")
    0.5
    """
    model = config.models.get((a_lang, b_lang))
    if model is not None:
        return model.probability(style_features(a_text, a_lang), style_features(b_text, b_lang))
    model = config.models.get((b_lang, a_lang))
    if model is not None:
        return 1 - model.probability(style_features(b_text, b_lang), style_features(a_text, a_lang))
    return 0.5


def literalness(
    source: str, source_lang: str, translation: str, translation_lang: str, *, config: SimilarityConfig | None = None
) -> float:
    """How closely a translation follows its source, sentence by sentence, in [0, 1].

    Meant as a machine-translation cue (systems translate line by line and literally), but on
    WMT22 French<->German it separates machine from human translations only weakly (AUC about
    0.58, see benchmarks/RESULTS-crosslang.md): do not read a verdict into it.

    >>> literalness("Il pleut.", "fr", "It is raining.", "en") > 0
    True
    """
    cfg = config or SimilarityConfig()
    a = [profile(s, source_lang, config=cfg) for s in source.split("\n") if s.strip()]
    b = [profile(s, translation_lang, config=cfg) for s in translation.split("\n") if s.strip()]
    if not a or not b:
        return 0.0
    if len(a) == len(b):
        return sum(profile_similarity(x, y, config=cfg) for x, y in zip(a, b, strict=True)) / len(a)
    links = align_profiles(a, b, config=AlignConfig(similarity=cfg))
    return sum(s for _, _, s in links) / max(len(a), len(b))
