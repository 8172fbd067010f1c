"""Engines do the bulk work (map documents, group band keys, map pairs); the algorithms live in
the stage modules and are written once. Optional engines import lazily."""

from __future__ import annotations

from typing import Any

from .local import LocalEngine

ENGINES = ("local", "spark")


def get_engine(name: str = "local", **options: Any) -> Any:
    """The engine called ``name``.

    >>> get_engine("local").name
    'local'
    """
    if name == "local":
        return LocalEngine(**options)
    if name == "spark":
        from .spark import SparkEngine  # lazy: pyspark is an optional extra

        return SparkEngine(**options)
    raise ValueError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
