#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# From a fresh Debian 12 machine to wasm-audit auditing a bundled example: installs what is
# missing, builds the tool (build/), and inspects a real clang-built WASI command.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh build
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
cmake --build build --target wasm-audit
echo
echo "$ build/src/wasm-audit inspect fixtures/c/hello_command.wasm"
build/src/wasm-audit inspect fixtures/c/hello_command.wasm
