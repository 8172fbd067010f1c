"""Errors that carry a message meant for the user."""

from __future__ import annotations


class ProvenanceError(Exception):
    """Base class: the message says what is wrong and how to fix it."""


class InputError(ProvenanceError):
    """The input corpus cannot be used (empty, duplicate ids, malformed records)."""


class MissingDependencyError(ProvenanceError):
    """An optional component (Spark, graphviz ``dot``) is not installed."""


class EngineError(ProvenanceError):
    """An engine could not start (Spark's driver JVM, a cluster's master)."""
