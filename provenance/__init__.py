"""provenance: find copied news articles in a corpus and trace where each copy came from."""

__version__ = "0.1.0"
