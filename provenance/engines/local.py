"""The default engine: bulk work on this machine, in worker processes when there are several cores."""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

import numpy as np

from ..lsh import LSHConfig, candidate_pairs

T = TypeVar("T")
R = TypeVar("R")

_TASK: Callable[[Any], Any] | None = None


def _run_chunk(chunk: list[Any]) -> list[Any]:
    assert _TASK is not None
    return [_TASK(x) for x in chunk]


class LocalEngine:
    """Runs each bulk step on this machine, keeping input order (so output is identical for
    any number of workers).

    ``workers`` processes share the work of mapping documents and pairs; the function and its
    bound data reach them by ``fork`` (copy-on-write), not by pickling, so large corpora are
    not copied per task. Where ``fork`` is unavailable it runs in-process.

    >>> LocalEngine(workers=1).map(lambda x: x * 2, [1, 2])
    [2, 4]
    """

    name = "local"

    def __init__(self, workers: int | None = None, *, min_parallel: int = 400, chunk: int = 256) -> None:
        self.workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
        self.min_parallel = min_parallel
        self.chunk = chunk

    def map(self, fn: Callable[[T], R], items: Sequence[T], *, weight: int = 1) -> list[R]:
        """Apply ``fn`` to every item (documents or pairs), keeping order.

        ``weight``: how many documents or pairs one item stands for (a batch of records), so
        that batches are spread over the workers as finely as single items would be."""
        if self.workers == 1 or len(items) * weight < self.min_parallel or "fork" not in mp.get_all_start_methods():
            return [fn(x) for x in items]
        (out,) = self.map_stream(fn, [items], weight=weight)  # run to its end: the pool closes
        return out

    def map_stream(self, fn: Callable[[T], R], batches: Iterable[Sequence[T]], *, weight: int = 1) -> Iterator[list[R]]:
        """:meth:`map` over each batch of ``batches`` in turn, yielding each batch's results in
        order, with the next batch already running while the caller handles a batch's results
        (and while ``batches`` reads the one after): one pool for the whole stream.

        >>> [r for r in LocalEngine(workers=1).map_stream(lambda x: x + 1, iter([[1, 2], [3]]))]
        [[2, 3], [4]]
        """
        if self.workers == 1 or "fork" not in mp.get_all_start_methods():
            for items in batches:
                yield [fn(x) for x in items]
            return
        global _TASK
        _TASK = fn
        # The parent's objects are set aside from the collector: a worker's full collection
        # would otherwise write to every one of them and copy all their pages (fork shares them
        # copy-on-write), a private copy of the parent's heap per worker.
        gc.freeze()
        try:
            with mp.get_context("fork").Pool(self.workers) as pool:
                step = max(1, self.chunk // max(1, weight))
                pending = None
                for items in batches:
                    chunks = [list(items[i:i + step]) for i in range(0, len(items), step)]
                    running = pool.map_async(_run_chunk, chunks, chunksize=1)
                    if pending is not None:
                        yield [r for part in pending.get() for r in part]
                    pending = running
                if pending is not None:
                    yield [r for part in pending.get() for r in part]
        finally:
            _TASK = None
            gc.unfreeze()

    def map_beside(self, fn: Callable[[T], R], items: Sequence[T], meanwhile: Callable[[], Any]) -> tuple[list[R], Any]:
        """:meth:`map`, with ``meanwhile()`` run in this process while the workers map; returns
        both results. The parent's own work then no longer waits for the pool, nor the pool
        for it.

        >>> LocalEngine(workers=1).map_beside(lambda x: x * 2, [1, 2], lambda: "done")
        ([2, 4], 'done')
        """
        got: list[Any] = []

        def batches() -> Iterator[Sequence[T]]:
            yield items
            # map_stream reads the next batch while this one runs: the workers are busy now.
            got.append(meanwhile())

        if self.workers == 1 or len(items) < self.min_parallel or "fork" not in mp.get_all_start_methods():
            return [fn(x) for x in items], meanwhile()
        (out,) = self.map_stream(fn, batches())
        return out, got[0]

    def candidate_pairs(self, groups: np.ndarray, keys: np.ndarray, config: LSHConfig) -> np.ndarray:
        """Group band keys into candidate document pairs ``[doc_a, doc_b, hits]``.

        Bands are spread over ``workers`` threads; the pairs do not depend on their number."""
        return candidate_pairs(groups, keys, config, workers=self.workers)

    def close(self) -> None:
        """Nothing to release: pools live only inside ``map`` and ``map_stream``."""
