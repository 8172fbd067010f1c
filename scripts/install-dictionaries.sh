#!/usr/bin/env bash
# Install the FreeDict bilingual dictionaries that provenance.xling projects words with.
#
# The dictionaries are GPL / CC-BY-SA data from Debian's dict-freedict-* packages; they are
# installed on the machine (under /usr/share/dictd), never copied into this repository.
# Safe to run again: packages already installed are skipped.
#
# Not root?  Run it with sudo, or ask an administrator to run:
#     apt-get install dict-freedict-fra-eng dict-freedict-eng-fra ...
# Without the dictionaries provenance.xling still works, with character n-grams only
# (weaker across languages that do not share vocabulary).
#
# Usage: scripts/install-dictionaries.sh [--print]   (--print lists the packages and exits)
set -euo pipefail

# Pairs into and out of the pivot (English), plus French<->German, for common news languages.
PACKAGES=(
  dict-freedict-fra-eng dict-freedict-eng-fra
  dict-freedict-deu-eng dict-freedict-eng-deu
  dict-freedict-fra-deu dict-freedict-deu-fra
  dict-freedict-eng-ind dict-freedict-deu-ind
  dict-freedict-spa-eng dict-freedict-eng-spa
  dict-freedict-ita-eng dict-freedict-eng-ita
  dict-freedict-por-eng dict-freedict-eng-por
  dict-freedict-nld-eng dict-freedict-eng-nld
  dict-freedict-pol-eng dict-freedict-eng-pol
  dict-freedict-tur-eng dict-freedict-eng-tur
  dict-freedict-eng-rus dict-freedict-ara-eng
)

if [[ "${1:-}" == "--print" ]]; then
  printf '%s\n' "${PACKAGES[@]}"
  exit 0
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-dictionaries: all ${#PACKAGES[@]} FreeDict packages already installed."
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-dictionaries: apt-get not found; install these FreeDict dictionaries by other means" >&2
  echo "  (dictd .index + .dict.dz files under /usr/share/dictd): ${missing[*]}" >&2
  exit 1
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install-dictionaries: not root and no sudo; ask an administrator to run:" >&2
    echo "  apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

# Some packages may not exist on older releases; install those that the archive knows.
$SUDO apt-get update -qq
available=()
for pkg in "${missing[@]}"; do
  if apt-cache show "$pkg" >/dev/null 2>&1; then
    available+=("$pkg")
  else
    echo "install-dictionaries: $pkg not in the archive, skipped" >&2
  fi
done
if [[ ${#available[@]} -gt 0 ]]; then
  # --no-install-recommends: the dictd server is not needed, only the data files.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${available[@]}"
fi
echo "install-dictionaries: installed ${#available[@]} package(s)."
