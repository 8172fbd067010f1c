"""Cross-language copies: find a text's translation and tell which side is the original.

Offline, from FreeDict bilingual dictionaries (``scripts/install-dictionaries.sh``) and
character n-grams; without dictionaries everything still runs on n-grams alone.

>>> from provenance.xling import cross_similarity
>>> cross_similarity("Barack Obama à Berlin", "fr", "Barack Obama in Berlin", "en") > 0.5
True
"""

from provenance.xling.align import AlignConfig, align_profiles, align_sentences
from provenance.xling.direction import (
    DirectionConfig,
    literalness,
    original_probability,
    style_features,
)
from provenance.xling.index import SENTENCE_INDEX, CrossIndex, IndexConfig
from provenance.xling.lexicon import LexiconConfig, lexicon
from provenance.xling.project import ProjectConfig, project_text, project_tokens
from provenance.xling.similarity import (
    Profile,
    SimilarityConfig,
    available,
    cross_similarity,
    missing_dictionaries_hint,
    profile,
    profile_similarity,
)

__all__ = [
    "literalness",
    "DirectionConfig",
    "original_probability",
    "style_features",
    "AlignConfig",
    "align_profiles",
    "SENTENCE_INDEX",
    "CrossIndex",
    "IndexConfig",
    "LexiconConfig",
    "Profile",
    "ProjectConfig",
    "SimilarityConfig",
    "align_sentences",
    "available",
    "cross_similarity",
    "lexicon",
    "missing_dictionaries_hint",
    "profile",
    "profile_similarity",
    "project_text",
    "project_tokens",
]
