#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Times `wasm-audit inspect` (text and JSON) against `wasm-objdump -x -j Import -j Export` and
# against wasm-audit's own process start, on a generated module with a large code section.
#
#   bench/compare.sh [BUILD_DIR] [CODE_MB] [RUNS]
#
# BUILD_DIR (default build-bench) must be configured with -DWASMAUDIT_BENCH=ON, ideally in
# Release; this script only builds the two targets it needs there (wasm-audit and
# wasmaudit_gen_large_module). CODE_MB is the code section size (default 50), RUNS the runs per
# command (default 30). Uses hyperfine when installed, else /usr/bin/time over repeated runs.
set -euo pipefail

build_arg=${1:-build-bench}
code_mb=${2:-50}
runs=${3:-30}

if [[ ! -f "$build_arg/CMakeCache.txt" ]]; then
  echo "compare.sh: $build_arg is not a configured build directory; configure it first:" >&2
  echo "  cmake -S . -B $build_arg -G Ninja -DCMAKE_BUILD_TYPE=Release -DWASMAUDIT_BENCH=ON" >&2
  exit 2
fi
if ! command -v wasm-objdump > /dev/null; then
  echo "compare.sh: wasm-objdump (wabt) is needed for the comparison" >&2
  exit 2
fi
build=$(cd "$build_arg" && pwd)

cmake --build "$build" --target wasm-audit wasmaudit_gen_large_module > /dev/null
exe=$build/src/wasm-audit
gen=$build/bench/wasmaudit_gen_large_module
wasm=$build/bench/big-${code_mb}mb.wasm

if [[ ! -f "$wasm" ]]; then
  "$gen" "$wasm" "$code_mb" > /dev/null
  if command -v wasm-validate > /dev/null; then
    wasm-validate "$wasm"
  fi
fi
size=$(wc -c < "$wasm")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

names=(start inspect_text inspect_json objdump)
labels=("wasm-audit --version" "wasm-audit inspect" "wasm-audit inspect --format json"
        "wasm-objdump -x -j Import -j Export")
commands=("'$exe' --version" "'$exe' inspect '$wasm'" "'$exe' inspect --format json '$wasm'"
          "wasm-objdump -x -j Import -j Export '$wasm'")

declare -A mean_ms
if command -v hyperfine > /dev/null; then
  timer="$(hyperfine --version), mean of $runs runs after 3 warm-up runs"
  args=()
  for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
  # -N: no intermediate shell; hyperfine discards the commands' output.
  hyperfine -N --warmup 3 --runs "$runs" --style none --export-csv "$tmp/times.csv" "${args[@]}" \
    > /dev/null 2> "$tmp/hyperfine.err" || { cat "$tmp/hyperfine.err" >&2; exit 1; }
  if grep -q outliers "$tmp/hyperfine.err"; then
    timer+=" (hyperfine saw outliers: a busy machine)"
  fi
  while IFS=, read -r name mean _; do
    [[ $name == command ]] && continue
    mean_ms[$name]=$(awk -v s="$mean" 'BEGIN { printf "%.3f", s * 1000 }')
  done < "$tmp/times.csv"
else
  timer="/usr/bin/time over $runs runs (no hyperfine)"
  for i in "${!names[@]}"; do
    eval "cmd=(${commands[$i]})"
    for _ in 1 2 3; do "${cmd[@]}" > /dev/null 2>&1; done  # warm the page cache
    if [[ -x /usr/bin/time ]]; then
      /usr/bin/time -f %e -o "$tmp/t" bash -c \
        'n=$1; shift; for ((k = 0; k < n; k++)); do "$@" > /dev/null 2>&1; done' _ "$runs" "${cmd[@]}"
      total=$(tail -n 1 "$tmp/t")
    else
      TIMEFORMAT=%R
      total=$({ time for ((k = 0; k < runs; k++)); do "${cmd[@]}" > /dev/null 2>&1; done; } 2>&1)
    fi
    mean_ms[${names[$i]}]=$(awk -v t="$total" -v n="$runs" 'BEGIN { printf "%.3f", t * 1000 / n }')
  done
fi

echo "module:  ${wasm#"$PWD"/} ($size bytes, $code_mb MB of code, 45 imports, 9 exports)"
echo "machine: $(nproc) cores; timer: $timer"
for i in "${!names[@]}"; do
  printf '  %-36s %9.2f ms\n' "${labels[$i]}" "${mean_ms[${names[$i]}]}"
done
awk -v s="${mean_ms[start]}" -v t="${mean_ms[inspect_text]}" -v j="${mean_ms[inspect_json]}" \
    -v o="${mean_ms[objdump]}" 'BEGIN {
  printf "inspect beyond process start: text %+.2f ms, json %+.2f ms\n", t - s, j - s
  printf "wasm-objdump / wasm-audit inspect: %.1fx (text), %.1fx (json)\n", o / t, o / j
}'
