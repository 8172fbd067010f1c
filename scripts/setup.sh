#!/usr/bin/env bash
# Set up provenance on a Debian/Ubuntu machine: a virtual environment in .venv with the package
# and its test tools, the graphviz `dot` program (for graph.svg) and the FreeDict dictionaries
# (for cross-language matching). Safe to run again.
#
#   bash scripts/setup.sh            # everything
#   PROVENANCE_NO_APT=1 bash ...     # never call apt-get (then install graphviz yourself)
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
  echo "error: provenance needs Python 3.11 or newer as '$PY' (set PYTHON=/path/to/python3.11)" >&2
  exit 1
fi

can_apt() { [[ -z "${PROVENANCE_NO_APT:-}" ]] && command -v apt-get >/dev/null && [[ $(id -u) -eq 0 ]]; }
apt_updated=""
apt_install() {
  if [[ -z "$apt_updated" ]]; then apt-get update -qq >/dev/null 2>&1 || true; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Debian splits venv out of the interpreter package.
if ! "$PY" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  if can_apt; then
    echo "setup: installing python3-venv (apt-get)" >&2
    apt_install python3-venv
  else
    echo "error: Python's venv module is missing; install it with: sudo apt-get install python3-venv" >&2
    exit 1
  fi
fi

if [[ ! -x .venv/bin/python ]]; then
  echo "setup: creating .venv" >&2
  "$PY" -m venv .venv
fi
echo "setup: installing provenance and its dependencies into .venv" >&2
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e '.[test,spark]'

if ! command -v dot >/dev/null; then
  if can_apt; then
    echo "setup: installing graphviz (apt-get) for graph.svg" >&2
    apt_install graphviz
  else
    echo "error: the graphviz 'dot' program is missing; install it with: sudo apt-get install graphviz" >&2
    echo "       (provenance still writes graph.json and graph.dot without it)" >&2
    exit 1
  fi
fi

if [[ -x scripts/install-dictionaries.sh ]] || [[ -f scripts/install-dictionaries.sh ]]; then
  if can_apt; then
    bash scripts/install-dictionaries.sh >/dev/null 2>&1 || echo "setup: dictionaries not installed (cross-language matching falls back to character n-grams)" >&2
  else
    echo "setup: for cross-language matching, run: sudo bash scripts/install-dictionaries.sh" >&2
  fi
fi
echo "setup: done. Run: .venv/bin/provenance trace seeds/" >&2
