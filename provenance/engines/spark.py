"""The scale-out engine: the same bulk steps as :class:`~provenance.engines.local.LocalEngine`,
run on Apache Spark (``pip install 'provenance[spark]'``).

The algorithm is not rewritten here. :meth:`SparkEngine.candidate_pairs` distributes the steps
that :mod:`provenance.lsh` exposes for this purpose:

1. the units are cut into slices; each task turns its slice's band keys into
   ``(band, key, unit, group)`` rows with :func:`~provenance.lsh.bucket_rows`;
2. Spark shuffles the rows so that every bucket ``(band, key)`` lands in one partition, where
   the rows are grouped by bucket and each bucket is paired with
   :func:`~provenance.lsh.bucket_pairs` (which skips buckets over ``max_bucket``);
3. Spark shuffles the unit pairs so that every document pair lands in one partition, where the
   unit pairs are made distinct (a pair colliding in several bands counts once) and counted
   with :func:`~provenance.lsh.doc_pairs`;
4. the driver concatenates and sorts: the same array the local engine returns.

Rows move between tasks as numpy blocks, so the per-row work is numpy's, not the Python
worker's (one Python object per row made the same job ~20x slower).

pyspark is imported when an engine is built, never at module import time, so the rest of the
package works without it.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from ..errors import EngineError, MissingDependencyError
from ..lsh import LSHConfig, bucket_pairs, bucket_rows, doc_pairs

T = TypeVar("T")
R = TypeVar("R")

INSTALL_HINT = "pip install 'provenance[spark]'"

_CHUNK_UNITS = 50_000
"""Units per input slice of :meth:`SparkEngine.candidate_pairs` (at most ``bands`` times as many
rows): small enough for a task, large enough that numpy does the per-row work."""

_ROWS_PER_PARTITION = 4_000_000
"""Bucket rows per grouping partition (32 bytes each, so ~128 MB): sets the partition count of
:meth:`SparkEngine.candidate_pairs` when ``partitions`` is not given."""


def _identity(p: int) -> int:
    return p


def _require_pyspark() -> Any:
    try:
        import pyspark
        from pyspark.sql import SparkSession  # noqa: F401  (fails on a broken install, too)
    except ImportError as e:
        raise MissingDependencyError(
            f"the Spark engine needs pyspark, which is not installed ({e}); "
            f"install it with: {INSTALL_HINT} (and have Java 17 or later on the PATH), "
            f"or use the default engine (--engine local)"
        ) from None
    return pyspark


_QUIET_LOG4J = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
# Spark takes this logger's level for a shell's (PySpark's) default one: at the root's level, it
# prints no "Setting default log level" note, nor "Setting Spark log level" at each new session.
logger.gateway.name = org.apache.spark.api.python.PythonGatewayServer
logger.gateway.level = error
"""


def _quiet_log4j() -> Path:
    """A log4j2 configuration that prints errors only, written once to the temp folder."""
    path = Path(tempfile.gettempdir()) / "provenance-spark-log4j2.properties"
    if not path.exists() or path.read_text() != _QUIET_LOG4J:
        # Written beside and renamed: another run starting at the same time reads a whole file.
        fd, tmp = tempfile.mkstemp(prefix=".provenance-log4j2-", dir=path.parent)
        with os.fdopen(fd, "w") as fh:
            fh.write(_QUIET_LOG4J)
        os.replace(tmp, path)
    return path


_STARTED = "provenance: the Spark session is up"
"""What the driver JVM is made to print on its stderr once the session is built: the line that
ends its start-up output (``_JvmStderr``)."""


def _to_stderr(data: bytes) -> None:
    try:
        while data:
            data = data[os.write(2, data):]
    except OSError:
        pass  # a closed stderr must not stop the relay: the JVM would block on a full pipe


class _JvmStderr:
    """The driver JVM's stderr, relayed to ours by a daemon thread, except what the JVM writes
    while it starts (the JVM's note on incubator modules, Spark's "Setting default log level",
    warnings logged before log4j reads our configuration): held back, and shown only if the
    start fails, where it says why. What comes after (errors, a Python worker's traceback) is
    relayed as it comes."""

    def __init__(self, read_fd: int) -> None:
        self._held: list[bytes] | None = []
        self._lock = threading.Lock()
        self._up = threading.Event()
        self._thread = threading.Thread(target=self._relay, args=(read_fd,), name="spark-jvm-stderr", daemon=True)
        self._thread.start()

    def _relay(self, read_fd: int) -> None:
        with os.fdopen(read_fd, "rb") as stream:
            for line in stream:
                with self._lock:
                    if self._held is None:
                        _to_stderr(line)
                    elif line.rstrip(b"\r\n") == _STARTED.encode():
                        self._held = None
                        self._up.set()
                    else:
                        self._held.append(line)
        self._up.set()  # the JVM is gone: nobody is to wait for the line

    def started(self, gateway: Any) -> None:
        """The session is up: drop the start-up output, relay what follows. The JVM prints the
        line that ends it, so nothing it wrote before is relayed, however late it is read."""
        gateway.jvm.java.lang.System.err.println(_STARTED)
        self._up.wait(timeout=30)
        with self._lock:
            self._held = None

    def failed(self) -> None:
        """The start failed: show what the JVM wrote (a JVM that exited has written it all)."""
        self._thread.join(timeout=2)
        with self._lock:
            _to_stderr(b"".join(self._held or []))
            self._held = None


def _launch_gateway(conf: Any) -> tuple[Any, _JvmStderr] | None:
    """Start the driver JVM for ``conf`` with its stderr through a :class:`_JvmStderr`; None
    when this process has one already (a session built and stopped before, or a driver that
    ``spark-submit`` started), which started and printed what it had to print already."""
    from pyspark import SparkContext
    from pyspark.java_gateway import launch_gateway

    if SparkContext._gateway is not None or "PYSPARK_GATEWAY_PORT" in os.environ:
        return None
    read_fd, write_fd = os.pipe()
    relay = _JvmStderr(read_fd)
    try:
        try:
            # popen_kwargs is pyspark's hook for capturing the JVM's output.
            gateway = launch_gateway(conf, popen_kwargs={"stderr": write_fd})
        finally:
            os.close(write_fd)  # the JVM holds its own copy: the pipe ends when the JVM does
    except BaseException as e:
        relay.failed()
        if isinstance(e, Exception):
            # The JVM's own words are above (held back until now); this says what to check.
            raise EngineError(f"Spark could not start its driver JVM ({' '.join(str(e).split())[:200]}); "
                              "what it printed is above. Check the master URL (--spark-master: local[N], "
                              "spark://host:port, yarn, k8s://...) and that JAVA_HOME names Java 17 "
                              "(java -version)") from e
        raise
    return gateway, relay


# ------------------------------------------------------------------ per-task functions
# Module-level so that Spark pickles a reference to them, not their code. Rows travel between
# tasks as numpy blocks (a few per task), not one Python object per row: the per-row work stays
# in numpy, and Spark only moves the blocks to where the grouping happens.

_Block = tuple[np.ndarray, ...]


def _spread(part_of_row: np.ndarray, block: _Block, parts: int) -> Iterator[tuple[int, _Block]]:
    """Split the rows of ``block`` (parallel arrays) by target partition."""
    order = np.argsort(part_of_row, kind="stable")
    bounds = np.r_[0, np.cumsum(np.bincount(part_of_row, minlength=parts))]
    for p in range(parts):
        lo, hi = bounds[p], bounds[p + 1]
        if hi > lo:
            yield p, tuple(col[order[lo:hi]] for col in block)


def _band_rows(
    chunk: tuple[int, np.ndarray, np.ndarray], parts: int
) -> Iterator[tuple[int, _Block]]:
    """The ``(band, key, unit, group)`` rows of one slice of units, sent to the partition of
    their bucket; empty bands are dropped (by :func:`bucket_rows`)."""
    start, keys, groups = chunk
    cols: list[list[np.ndarray]] = [[], [], [], []]
    for band in range(keys.shape[1]):
        bucket_keys, units = bucket_rows(keys, band)
        cols[0].append(np.full(len(units), band, dtype=np.int64))
        cols[1].append(bucket_keys)
        cols[2].append(units.astype(np.int64) + start)
        cols[3].append(groups[units])
    block = tuple(np.concatenate(c) for c in cols)
    # Band keys are 64-bit hashes, so their low bits spread buckets evenly over partitions.
    yield from _spread((block[1] % np.uint64(parts)).astype(np.int64), block, parts)


def _bucket_unit_pairs(
    blocks: Iterable[tuple[int, _Block]], config: LSHConfig, parts: int
) -> Iterator[tuple[int, _Block]]:
    """Group one partition's rows by ``(band, key)`` and pair each bucket's members.

    Yields ``(i, j, group_i, group_j)`` unit pairs, sent to the partition of their document
    pair so that each document pair is counted in one place.
    """
    got = [b for _, b in blocks]
    if not got:
        return
    band, key, unit, group = (np.concatenate(c) for c in zip(*got, strict=True))
    order = np.lexsort((unit, key, band))
    band, key, unit, group = band[order], key[order], unit[order], group[order]
    new_bucket = np.r_[True, (band[1:] != band[:-1]) | (key[1:] != key[:-1])]
    starts = np.flatnonzero(new_bucket)
    ends = np.r_[starts[1:], len(band)]
    found = []
    for lo, hi in zip(starts.tolist(), ends.tolist(), strict=True):
        if hi - lo < 2:
            continue
        members, member_groups = unit[lo:hi], group[lo:hi]
        pairs = bucket_pairs(members, member_groups, config)  # skips buckets over max_bucket
        if len(pairs):
            # Members are ascending and unique (one key per unit and band): look groups up.
            found.append(np.hstack([pairs, member_groups[np.searchsorted(members, pairs)]]))
    if not found:
        return
    rows = np.concatenate(found)
    doc_code = rows[:, 2].astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15) ^ rows[:, 3].astype(
        np.uint64
    )
    part = (doc_code % np.uint64(parts)).astype(np.int64)
    yield from _spread(part, (rows,), parts)


def _doc_hits(blocks: Iterable[tuple[int, _Block]]) -> Iterator[np.ndarray]:
    """``[doc_a, doc_b, hits]`` of one partition's unit pairs, each unit pair counted once."""
    got = [b[0] for _, b in blocks]
    if not got:
        return
    # A unit pair colliding in several bands counts once.
    rows = np.unique(np.concatenate(got), axis=0)
    # doc_pairs wants unit pairs and a unit -> document table; number the 2p unit ends of the
    # p pairs 0..2p-1 so that the table is just their groups, interleaved.
    ends = np.arange(2 * len(rows), dtype=np.int64).reshape(-1, 2)
    yield doc_pairs(ends, rows[:, 2:].ravel())


# ------------------------------------------------------------------ engine


class SparkEngine:
    """Runs the bulk steps on Spark; output is identical to the local engine's.

    ``session`` is a SparkSession you already have (it is used as is and never stopped).
    Without one, a local session is built (``master``, default ``local[2]``), or the active
    session is reused if there is one; :meth:`close` stops only a session this engine built.
    ``partitions`` is the number of slices each step is cut into (default: Spark's
    ``defaultParallelism``).
    """

    name = "spark"

    def __init__(
        self, master: str | None = None, session: Any = None, partitions: int | None = None
    ) -> None:
        _require_pyspark()
        from pyspark.sql import SparkSession

        if partitions is not None and partitions < 1:
            raise ValueError(f"partitions must be at least 1, got {partitions}")
        self._owned = False
        if session is None:
            session = SparkSession.getActiveSession()
            if session is None:
                session = self._build_session(SparkSession, master or "local[2]")
                self._owned = True
        if not isinstance(session, SparkSession):
            raise TypeError(
                f"session must be a pyspark.sql.SparkSession (the Python API), got "
                f"{type(session).__name__}; Spark Connect sessions cannot run RDD jobs"
            )
        self.session = session
        self.partitions = partitions

    @staticmethod
    def _build_session(builder_cls: Any, master: str) -> Any:
        from pyspark import SparkConf, SparkContext

        if master.startswith("local"):
            # Local workers must run this interpreter, the one with provenance and its
            # dependencies installed; PySpark otherwise starts whatever `python3` is on the PATH.
            # (A cluster's workers run the PYSPARK_PYTHON its administrator set.)
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        conf = (
            SparkConf().setMaster(master).setAppName("provenance")
            # The CLI prints its own stage progress; Spark's progress bars would garble it.
            .set("spark.ui.showConsoleProgress", "false")
            # Spark's INFO/WARN chatter is not for provenance users; errors still show. The
            # log4j file quiets the JVM from launch (host-name warnings and the like), the log
            # level (Spark >= 3.5) the context from its start; what the JVM prints on its own
            # while starting is held back by _launch_gateway.
            .set("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={_quiet_log4j().as_uri()}")
            .set("spark.log.level", "ERROR")
        )
        launched = _launch_gateway(conf)
        try:
            if launched is not None:
                SparkContext(conf=conf, gateway=launched[0])
            session = builder_cls.builder.config(conf=conf).getOrCreate()
        except BaseException as e:
            if launched is not None:
                launched[1].failed()
            if isinstance(e, Exception):
                raise EngineError(f"Spark could not start a session on master {master!r} "
                                  f"({' '.join(str(e).split())[:200]})") from e
            raise
        if launched is not None:
            launched[1].started(launched[0])
        return session

    @property
    def _sc(self) -> Any:
        return self.session.sparkContext

    def _slices(self, n_items: int) -> int:
        wanted = self.partitions or self._sc.defaultParallelism
        return max(1, min(wanted, n_items))

    def map(self, fn: Callable[[T], R], items: Sequence[T], *, weight: int = 1) -> list[R]:
        """Apply ``fn`` to every item on the cluster, keeping order (``fn`` must pickle).

        ``weight`` (items standing for batches) is accepted for the local engine's sake; Spark
        slices by item count."""
        items = list(items)
        if not items:
            return []
        return self._sc.parallelize(items, self._slices(len(items))).map(fn).collect()

    def candidate_pairs(
        self, groups: np.ndarray, keys: np.ndarray, config: LSHConfig
    ) -> np.ndarray:
        """Group band keys into candidate document pairs ``[doc_a, doc_b, hits]`` with Spark.

        Same contract and same output as :func:`provenance.lsh.candidate_pairs`.
        """
        if keys.ndim != 2 or keys.shape[1] != config.bands:
            raise ValueError(
                f"keys must have one column per band: expected shape (n, {config.bands}), got "
                f"{keys.shape}; compute them with band_keys(sigs, config) using the same LSHConfig"
            )
        groups = np.asarray(groups)
        if groups.shape != (len(keys),):
            raise ValueError(
                f"groups must give one document index per unit: expected shape ({len(keys)},), "
                f"got {groups.shape}"
            )
        groups = groups.astype(np.int64, copy=False)
        n = len(keys)
        if n < 2:
            return np.empty((0, 3), dtype=np.int64)
        parts = self.partitions or max(
            self._sc.defaultParallelism, -(-n * config.bands // _ROWS_PER_PARTITION)
        )
        chunk = max(1, min(_CHUNK_UNITS, -(-n // parts)))
        chunks = [(s, keys[s : s + chunk], groups[s : s + chunk]) for s in range(0, n, chunk)]
        blocks = (
            self._sc.parallelize(chunks, len(chunks))
            .flatMap(partial(_band_rows, parts=parts))
            .partitionBy(parts, _identity)  # rows of one bucket meet in one partition
            .mapPartitions(partial(_bucket_unit_pairs, config=config, parts=parts))
            .partitionBy(parts, _identity)  # unit pairs of one document pair meet
            .mapPartitions(_doc_hits)
            .collect()
        )
        if not blocks:
            return np.empty((0, 3), dtype=np.int64)
        out = np.concatenate(blocks)
        return out[np.lexsort((out[:, 1], out[:, 0]))]

    def close(self) -> None:
        """Stop the Spark session if this engine built it; a session passed in is left running."""
        if self._owned:
            self.session.stop()
            self._owned = False

    def __enter__(self) -> SparkEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
