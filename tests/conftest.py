"""Shared fixtures: the repository root, the seed articles and an in-process CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from provenance.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The five seed articles shipped with the repository (read-only)."""
    assert SEEDS.is_dir(), f"seed folder missing: {SEEDS}"
    return SEEDS


@pytest.fixture()
def seeds_copy(tmp_path: Path, seeds: Path) -> Path:
    """A private copy of the seeds that a test may add files to."""
    dst = tmp_path / "seeds"
    shutil.copytree(seeds, dst)
    return dst


def _run(args: Sequence[str]) -> Result:
    # Click >= 8.2 keeps stderr apart from stdout by default.
    runner = CliRunner()
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="session")
def run_cli() -> Callable[..., Result]:
    """Run ``provenance ARGS...`` in-process; returns click's Result (exit_code, stdout, stderr)."""

    def run(*args: object) -> Result:
        return _run([str(a) for a in args])

    return run


@pytest.fixture(scope="session")
def seeds_trace(tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> tuple[Path, Result]:
    """One ``provenance trace seeds/`` run shared by the golden tests (parquet tables)."""
    out = tmp_path_factory.mktemp("trace") / "out"
    res = _run(["trace", str(seeds), "-o", str(out)])
    assert res.exit_code == 0, res.output + res.stderr
    return out, res
