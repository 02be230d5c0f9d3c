#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs every fuzz target for SECONDS each (default 600), one after the other, with its seeds; prints
# each run's final statistics (executions, coverage). Builds build-fuzz/ first (clang).
# Usage: fuzz/run.sh [SECONDS] [JOBS] [TARGET...]   (targets: read_module code_scan check policy;
# default all). Runs of different targets may go at the same time: each has its own folders.
# Crashers land in build-fuzz/fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
jobs=${2:-1}
shift $(( $# > 2 ? 2 : $# ))
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(read_module code_scan check policy)
root=$PWD
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DWASMAUDIT_FUZZ=ON -DBUILD_TESTING=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C build-fuzz wasmaudit_fuzz_read_module wasmaudit_fuzz_code_scan wasmaudit_fuzz_check wasmaudit_fuzz_policy \
  wasmaudit_fuzz_seeds
out=$root/build-fuzz/fuzz
wasm_seeds=("$out/seeds/wat" "$out/seeds/toolchain" "$root/tests/regressions" "$root/fuzz/corpus/check")
for target in "${targets[@]}"; do
  # Each target works in a folder of its own: with -jobs, libFuzzer writes fuzz-N.log there.
  work=$out/run-$target
  mkdir -p "$work" "$out/corpus-$target" "$out/artifacts/$target"
  case $target in
    policy)
      seeds=("$root/policies" "$root/fixtures/policies" "$root/fuzz/corpus/policy")
      extra=(-max_len=16384) ;;
    code_scan)
      seeds=("$root/fuzz/corpus/code_scan")
      extra=(-max_len=4096 "-dict=$root/fuzz/dict/wasm.dict") ;;
    *)
      seeds=("${wasm_seeds[@]}")
      extra=(-max_len=65536 "-dict=$root/fuzz/dict/wasm.dict") ;;
  esac
  parallel=()
  [[ $jobs -gt 1 ]] && parallel=(-jobs="$jobs" -workers="$jobs")
  echo "== $target: ${seconds}s"
  (cd "$work" && "$out/wasmaudit_fuzz_$target" "${extra[@]}" -timeout=30 -rss_limit_mb=2048 \
    -max_total_time="$seconds" -print_final_stats=1 "${parallel[@]}" -artifact_prefix="$out/artifacts/$target/" \
    "$out/corpus-$target" "${seeds[@]}" 2>&1 | grep -E '^(stat::|#[0-9]+[[:space:]]+DONE|==[0-9]+==|SUMMARY|Done)') || true
done
