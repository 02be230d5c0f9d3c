#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `wasm-audit check` (which decodes every function body) against wabt's `wasm-validate` on a
# module of about 14 MB of real Go code: fixtures/go/net_listen_go124.wasm's bodies seven times
# (bench/replicate_code.py). Usage: bench/validate_compare.sh BUILD_DIR [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: bench/validate_compare.sh BUILD_DIR [RUNS]}
runs=${2:-10}
source bench/build_release.sh
bench_build "$build" wasm-audit
big=$build/bench/go-code-x7.wasm
python3 bench/replicate_code.py fixtures/go/net_listen_go124.wasm "$big" 7
wasm-validate "$big"
echo "module: $big, $(stat -c %s "$big") bytes"
hyperfine -N -w 2 -r "$runs" \
  "$build/src/wasm-audit check --format json $big" \
  "$build/src/wasm-audit inspect $big" \
  "wasm-validate $big"
