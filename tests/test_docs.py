"""The README documents every command and option a user can type."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from provenance.cli import main


@pytest.fixture(scope="module")
def readme(repo_root: Path) -> str:
    path = repo_root / "README.md"
    if not path.exists():
        pytest.skip("README.md is not written yet")
    return path.read_text(encoding="utf-8")


def test_every_command_is_in_the_readme(readme: str) -> None:
    for name in main.commands:
        assert f"provenance {name}" in readme, f"command {name!r} is not documented in README.md"


def test_every_option_is_in_the_readme(readme: str) -> None:
    missing = []
    for name, cmd in main.commands.items():
        for p in cmd.params:
            if isinstance(p, click.Option) and "--help" not in p.opts:
                if not any(re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", readme) for o in p.opts):
                    missing.append(f"{name} {p.opts[-1]}")
    assert not missing, f"options not documented in README.md: {missing}"


def test_readme_mentions_version_and_help(readme: str) -> None:
    assert "--version" in readme and "-h" in readme
