"""A mixed-language chain on real text: an English original, its French translation carrying a
machine-translation notice, and a French copy of the translation that dropped a paragraph and the
notice. Uses WMT newstest documents whose original language is English (skipped without
../shared/eval) and the FreeDict dictionaries (skipped without them)."""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from pathlib import Path

import pytest

from provenance.load import to_document
from provenance.pipeline import trace
from provenance.xling import available

WMT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "wmt_newstest_fren.jsonl.gz"

pytestmark = [
    pytest.mark.skipif(not WMT.exists(), reason="../shared/eval/wmt_newstest_fren.jsonl.gz not present"),
    pytest.mark.skipif(not available("fr", "en"), reason="FreeDict fr/en not installed"),
]


def _english_originals(n: int) -> list[tuple[str, str]]:
    docs: dict[tuple[str, str], dict[str, dict]] = defaultdict(dict)
    with gzip.open(WMT, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            docs[(r["testset"], r["docid"])][r["lang"]] = r
    out = [(v["en"]["text"], v["fr"]["text"]) for _k, v in sorted(docs.items())
           if v["en"]["origlang"] == "en" and 10 <= v["en"]["n_segments"] <= 14]
    return out[:n]


def test_english_original_french_translation_french_copy() -> None:
    chains = 0
    cases = _english_originals(8)
    assert len(cases) == 8
    for en, fr in cases:
        lines = fr.split("\n")
        records = [
            {"id": "en", "text": en, "date": "2014-03-01"},
            {"id": "fr", "text": fr + "\n\nCet article a été traduit automatiquement de l'anglais."},
            {"id": "fr-copy", "text": "\n".join(lines[:3] + lines[5:]) + "\n\nPartager sur Facebook"},
        ]
        graph = trace([to_document(r) for r in records]).graph
        directed = {(e["source"], e["target"]): e for e in graph["edges"] if e["directed"]}
        # The copy always hangs under the translation it was made from, never the other way.
        assert ("fr", "fr-copy") in directed and ("fr-copy", "fr") not in directed
        # A translation link, when found, never points from French to English.
        assert ("fr", "en") not in directed and ("fr-copy", "en") not in directed
        if ("en", "fr") in directed:
            assert directed[("en", "fr")]["relation"] == "translation"
            chains += 1
    # Cross-language alignment misses some pairs (see benchmarks/RESULTS-crosslang.md); most
    # chains are complete.
    assert chains >= len(cases) // 2
