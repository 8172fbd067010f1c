#!/usr/bin/env bash
# Run the whole test suite: lint (ruff), then pytest (unit, end-to-end, Spark-marked tests).
# Sets the project up first when .venv is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -x .venv/bin/provenance ]] || bash scripts/setup.sh
.venv/bin/ruff check provenance tests benchmarks
.venv/bin/python -m pytest -p no:cacheprovider "$@"
