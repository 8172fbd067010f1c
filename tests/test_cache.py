"""Stage caches: a rerun resumes from the first stage whose input, settings or code changed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from provenance import cache as cache_mod
from provenance.cache import StageCache
from provenance.load import load
from provenance.pipeline import TraceConfig, trace


def _run(seeds: Path, folder: Path, config: TraceConfig | None = None, force: bool = False):  # type: ignore[no-untyped-def]
    docs = load(seeds).documents
    return trace(docs, config or TraceConfig(), cache=StageCache(folder, force=force))


def test_rerun_reuses_every_stage_and_gives_the_same_graph(seeds: Path, tmp_path: Path) -> None:
    first = _run(seeds, tmp_path)
    again = _run(seeds, tmp_path)
    assert first.reused == [] and again.reused == ["segments", "candidates", "pairs"]
    assert again.graph == first.graph


def test_a_late_setting_recomputes_only_from_its_stage(seeds: Path, tmp_path: Path) -> None:
    _run(seeds, tmp_path)
    base = TraceConfig()
    changed = dataclasses.replace(base, relation=dataclasses.replace(base.relation, template_share=0.9))
    assert _run(seeds, tmp_path, changed).reused == ["segments", "candidates"]
    assert _run(seeds, tmp_path, force=True).reused == []


def test_other_code_never_reads_old_entries(seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _run(seeds, tmp_path)
    monkeypatch.setattr(cache_mod, "code_key", lambda: "another version of the package")
    assert _run(seeds, tmp_path).reused == []
