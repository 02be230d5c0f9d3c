#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian 12 packages wasm-audit needs, and only those that are missing: a second run
# costs a dpkg query, not an apt-get update. Usage: scripts/deps.sh [build|test]
set -euo pipefail

want=(cmake ninja-build g++ libfmt-dev nlohmann-json3-dev libcli11-dev)
if [[ "${1:-build}" == test ]]; then
  # catch2: unit tests; wabt: wat2wasm fixtures and the wasm-objdump differential; nodejs: the
  # node:wasi differential test. (The fuzzer itself needs clang; see fuzz/README.md.)
  want+=(catch2 wabt nodejs)
fi

missing=()
for pkg in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
# A Node.js installed outside Debian's packages (e.g. /usr/local) is fine for the tests.
if [[ " ${missing[*]} " == *" nodejs "* ]] && command -v node >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs}")
fi
missing=(${missing[@]+"${missing[@]}"})
((${#missing[@]} == 0)) && exit 0

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "deps.sh: run as root to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "deps.sh: installing ${missing[*]}" >&2
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
