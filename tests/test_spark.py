"""The Spark engine gives exactly what the local engine gives.

Every comparison runs the same input through both engines and asserts identical output. Tests
marked ``spark`` need pyspark and Java and are skipped without pyspark; the missing-dependency
test runs everywhere. ``benchmarks/spark_equivalence.py`` runs the OrangeSum comparison
standalone with timings (and other slice sizes).
"""

from __future__ import annotations

import gzip
import importlib.util
import itertools
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from provenance.engines import get_engine
from provenance.errors import MissingDependencyError
from provenance.load import load, to_document
from provenance.lsh import EMPTY_KEY, LSHConfig, band_keys, candidate_pairs
from provenance.model import Document
from provenance.pipeline import trace

ORANGESUM = Path(__file__).resolve().parents[2] / "shared" / "eval" / "orangesum_fr.jsonl.gz"
ORANGESUM_DOCS = 5000

requires_pyspark = pytest.mark.skipif(
    importlib.util.find_spec("pyspark") is None,
    reason="pyspark is not installed (pip install 'provenance[spark]')",
)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """One local Spark session for the whole module (starting one takes 10-20 s)."""
    from pyspark.sql import SparkSession

    # Workers must run the test interpreter, which has provenance and its dependencies;
    # PySpark otherwise starts whatever `python3` is first on the PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")  # the test machine has 2 cores
        .appName("provenance-tests")
        # No web UI: it is not needed, and its port could clash with parallel test runs.
        .config("spark.ui.enabled", "false")
        # The engine's jobs are RDD jobs with their own partition counts; this caps any
        # DataFrame shuffle at 2 tasks instead of the default 200 tiny ones on 2 cores.
        .config("spark.sql.shuffle.partitions", "2")
        # Bind to loopback so the tests do not depend on how the host name resolves.
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        # Progress bars and INFO logs would bury pytest's output.
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.log.level", "ERROR")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def engine(spark: Any) -> Any:
    from provenance.engines.spark import SparkEngine

    return SparkEngine(session=spark)


def _random_case(seed: int, n_units: int, n_docs: int, values: int) -> tuple[np.ndarray, np.ndarray]:
    """Signatures drawn from ``values`` distinct values (few values: many collisions), with
    planted copies across documents and some empty units."""
    rng = np.random.default_rng(seed)
    sigs = rng.integers(0, values, size=(n_units, 16), dtype=np.uint32)
    copies = rng.integers(0, n_units, size=(n_units // 5, 2))
    sigs[copies[:, 1]] = sigs[copies[:, 0]]
    sigs[rng.random(n_units) < 0.05] = 0xFFFFFFFF
    groups = np.sort(rng.integers(0, n_docs, size=n_units))
    return groups, sigs


# ------------------------------------------------------------------ candidate pairs


@pytest.mark.parametrize(
    ("seed", "config", "values"),
    [
        (0, LSHConfig(bands=8, rows=2), 2**32 - 1),  # only planted copies collide
        (1, LSHConfig(bands=8, rows=2, max_bucket=6), 40),  # many buckets over the limit
        (2, LSHConfig(bands=4, rows=4, max_bucket=50), 5),
        (3, LSHConfig(bands=16, rows=1), 2000),  # one value per band: many small buckets
    ],
)
@pytest.mark.parametrize("partitions", [None, 3])
@pytest.mark.spark
@requires_pyspark
def test_candidate_pairs_match_local(
    spark: Any, seed: int, config: LSHConfig, values: int, partitions: int | None
) -> None:
    from provenance.engines.spark import SparkEngine

    groups, sigs = _random_case(seed, n_units=3000, n_docs=400, values=values)
    keys = band_keys(sigs, config)
    expected = candidate_pairs(groups, keys, config)
    got = SparkEngine(session=spark, partitions=partitions).candidate_pairs(groups, keys, config)
    assert got.dtype == expected.dtype == np.int64
    np.testing.assert_array_equal(got, expected)


@pytest.mark.spark
@requires_pyspark
def test_candidate_pairs_edge_cases(engine: Any) -> None:
    config = LSHConfig(bands=2, rows=1)
    none = np.empty((0, 2), dtype=np.uint64)
    assert engine.candidate_pairs(np.empty(0, dtype=np.int64), none, config).shape == (0, 3)
    one = np.array([[5, 6]], dtype=np.uint64)
    assert engine.candidate_pairs(np.array([0]), one, config).shape == (0, 3)
    empty = np.full((4, 2), EMPTY_KEY, dtype=np.uint64)  # empty units never collide
    assert engine.candidate_pairs(np.array([0, 1, 2, 3]), empty, config).shape == (0, 3)
    same_doc = np.array([[7, 7], [7, 7]], dtype=np.uint64)
    assert engine.candidate_pairs(np.array([0, 0]), same_doc, config).shape == (0, 3)
    with pytest.raises(ValueError, match="one column per band"):
        engine.candidate_pairs(np.array([0, 1]), np.zeros((2, 3), dtype=np.uint64), config)
    with pytest.raises(ValueError, match="one document index per unit"):
        engine.candidate_pairs(np.array([0]), np.zeros((2, 2), dtype=np.uint64), config)


@pytest.mark.spark
@requires_pyspark
def test_map_keeps_order(engine: Any) -> None:
    # A builtin: workers cannot import this test module, so a function defined here would not
    # unpickle there (the pipeline passes partials of provenance functions).
    items = list(range(101))
    assert engine.map(str, items) == [str(x) for x in items]
    assert engine.map(str, []) == []


# ------------------------------------------------------------------ whole pipeline


def _assert_same_trace(docs: list[Document], engine: Any) -> None:
    from polars.testing import assert_frame_equal

    local = trace(docs)
    distributed = trace(docs, engine=engine)
    assert distributed.candidates == local.candidates
    assert distributed.graph == local.graph
    assert_frame_equal(distributed.pairs_table(), local.pairs_table())


@pytest.mark.spark
@requires_pyspark
def test_trace_seeds_same_as_local(engine: Any, seeds: Path) -> None:
    docs = load(seeds).documents
    _assert_same_trace(docs, engine)


@pytest.mark.spark
@requires_pyspark
@pytest.mark.eval
@pytest.mark.skipif(not ORANGESUM.exists(), reason=f"{ORANGESUM} not found")
def test_trace_orangesum_same_as_local(engine: Any) -> None:
    with gzip.open(ORANGESUM, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in itertools.islice(f, ORANGESUM_DOCS)]
    docs = [to_document(r) for r in records]
    _assert_same_trace(docs, engine)


# ------------------------------------------------------------------ sessions and packaging


@pytest.mark.spark
@requires_pyspark
def test_reuses_active_session_and_leaves_it_running(spark: Any) -> None:
    eng = get_engine("spark")
    assert eng.session is spark
    eng.close()
    assert spark.sparkContext.parallelize([1, 2]).sum() == 3  # still running


@pytest.mark.spark
@requires_pyspark
def test_rejects_a_non_session(spark: Any) -> None:
    from provenance.engines.spark import SparkEngine

    with pytest.raises(TypeError, match="SparkSession"):
        SparkEngine(session="local[2]")


def test_missing_pyspark_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)  # makes `import pyspark` fail
    with pytest.raises(MissingDependencyError, match=r"pip install 'provenance\[spark\]'"):
        get_engine("spark")


@pytest.mark.spark
@requires_pyspark
def test_quiet_trace_on_spark_writes_nothing(repo_root: Path, seeds: Path, tmp_path: Path) -> None:
    """``-q`` is quiet on Spark too: the JVM's start-up lines (its note on incubator modules,
    Spark's log-level notes, log4j warnings) never reach the terminal. Run as a process of its
    own, whose stderr is the file descriptor the JVM writes on, and whose first session starts
    its JVM (this module's session has one running already)."""
    import subprocess

    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "provenance.cli", "trace", str(seeds), "-q", "--engine", "spark",
                           "--no-svg", "-o", str(out)], cwd=repo_root, capture_output=True, text=True, timeout=600,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert (proc.stdout, proc.stderr) == ("", "")
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["engine"] == "spark"


@pytest.mark.spark
@requires_pyspark
def test_a_spark_that_cannot_start_is_a_clean_error(repo_root: Path, seeds: Path, tmp_path: Path) -> None:
    """A master URL Spark refuses: the JVM's own words, then one line of ours naming what to
    check, exit status 1, no traceback and no output folder."""
    import subprocess

    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "provenance.cli", "trace", str(seeds), "-q", "--engine", "spark",
                           "--spark-master", "bogus://nowhere", "--no-svg", "-o", str(out)], cwd=repo_root,
                          capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 1
    assert "Master must either be" in proc.stderr  # the JVM's explanation, held back until the failure
    assert proc.stderr.rstrip().splitlines()[-1].startswith("Error: Spark could not start its driver JVM")
    assert "Traceback" not in proc.stderr and not out.exists()
