"""Stage caches, so a rerun resumes instead of recomputing.

Each cached stage output is a pickle named by a key: the SHA-256 of the corpus (ids, texts and
the metadata the stages read), of the settings of that stage and every stage before it, and of
the package's source code. A rerun with the same input and earlier settings loads it; changing a
late setting (say, the graph or direction weights) recomputes only from that stage on, and other
code (an upgrade) recomputes everything. Files are written atomically,
so a crash leaves no half-written entry. Delete the folder, or pass ``force``, to start over.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

from .model import Document

T = TypeVar("T")
FORMAT = 1
"""Bumped when cached objects change shape, so old entries are never misread."""


def corpus_key(docs: Sequence[Document]) -> str:
    """SHA-256 over what the stages read from each document.

    >>> corpus_key([Document("a", "x")]) == corpus_key([Document("a", "x")])
    True
    """
    h = hashlib.sha256()
    for d in docs:
        row = (d.id, d.text, d.date, d.source, d.lang, d.machine_translated, d.source_language, d.wire_header,
               d.markup_furniture)
        h.update(json.dumps(row, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        h.update(b"\n")
    return h.hexdigest()


@functools.cache
def code_key() -> str:
    """SHA-256 of this package's source: an entry written by other code (an upgrade, a local
    change) is never read back, even under the same settings.

    >>> len(code_key())
    64
    """
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def settings_key(*configs: Any) -> str:
    """SHA-256 of stage settings (frozen dataclasses) and of the code that applies them."""
    blob = json.dumps([code_key(), *(asdict(c) for c in configs)], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


class StageCache:
    """Pickled stage outputs in ``folder``; ``force`` ignores (and overwrites) what is there."""

    def __init__(self, folder: str | Path, *, force: bool = False) -> None:
        self.folder = Path(folder)
        self.force = force
        self.hits: list[str] = []

    def get_or_compute(self, stage: str, key: str, compute: Callable[[], T]) -> T:
        """The cached output of ``stage`` under ``key``, computing and storing it when absent."""
        path = self.folder / f"{stage}-{key[:32]}.v{FORMAT}.pkl"
        if not self.force and path.exists():
            try:
                with path.open("rb") as fh:
                    value: T = pickle.load(fh)
                self.hits.append(stage)
                return value
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                pass  # unreadable entry: recompute and replace it
        value = compute()
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{stage}-", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return value
