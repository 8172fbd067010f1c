"""The default engine: bulk work in this process (optionally a pool of worker processes)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np

from ..lsh import LSHConfig, candidate_pairs

T = TypeVar("T")
R = TypeVar("R")


class LocalEngine:
    """Runs each bulk step in this process, in input order.

    >>> LocalEngine().map(lambda x: x * 2, [1, 2])
    [2, 4]
    """

    name = "local"

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """Apply ``fn`` to every item (documents or pairs), keeping order."""
        return [fn(x) for x in items]

    def candidate_pairs(self, groups: np.ndarray, keys: np.ndarray, config: LSHConfig) -> np.ndarray:
        """Group band keys into candidate document pairs ``[doc_a, doc_b, hits]``."""
        return candidate_pairs(groups, keys, config)

    def close(self) -> None:
        """Nothing to release."""
