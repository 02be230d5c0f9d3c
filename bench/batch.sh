#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Times `wasm-audit check` over every committed fixture module in one call (fixtures/ walked for
# *.wasm: the C, Go, component and npm modules), as SARIF, text and JSON Lines, with --jobs 1 and 2.
# Usage: bench/batch.sh BUILD_DIR [RUNS]   (BUILD_DIR is configured Release if it does not exist)
# Uses hyperfine when installed (Debian package hyperfine), else a loop timed with `date`.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: bench/batch.sh BUILD_DIR [RUNS]}
runs=${2:-20}

if [[ ! -f $build/build.ninja ]]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
fi
cmake --build "$build" --target wasm-audit >/dev/null
tool=$build/src/wasm-audit

count=$(find fixtures -name '*.wasm' -type f | wc -l)
bytes=$(find fixtures -name '*.wasm' -type f -printf '%s\n' | awk '{s += $1} END {print s}')
echo "batch: fixtures/ — $count modules, $bytes bytes; $(nproc) cores"

commands=(
  "$tool check --format sarif --fail-on none fixtures"
  "$tool check --format sarif --fail-on none --jobs 2 fixtures"
  "$tool check --fail-on none fixtures"
  "$tool check --fail-on none --jobs 2 fixtures"
  "$tool check --format jsonl --fail-on none --jobs 2 fixtures"
)
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs "$runs" --ignore-failure --output=null "${commands[@]}"
else
  for c in "${commands[@]}"; do
    start=$(date +%s%N)
    for ((i = 0; i < runs; i++)); do $c >/dev/null || true; done
    end=$(date +%s%N)
    echo "$c: $(((end - start) / runs / 1000)) us mean of $runs"
  done
fi
