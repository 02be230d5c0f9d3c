#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Peak memory of `wasm-audit check` against the input's size: the generated large module (mapped,
# and piped through standard input), the largest Go fixture, and /dev/zero (refused before
# reading). Two figures: the peak heap (valgrind's massif: what the tool allocates) and the peak
# resident set (/usr/bin/time), which also counts the clean, shared page-cache pages of a mapped
# file — some kernels map a whole file's pages on the first fault, so for a mapped module it tracks
# the file's size without the tool reading it. Usage: bench/memory.sh BUILD_DIR [CODE_MB]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: bench/memory.sh BUILD_DIR [CODE_MB]}
mb=${2:-50}
source bench/build_release.sh
bench_build "$build" wasm-audit wasmaudit_gen_large_module
tool=$build/src/wasm-audit
big=$build/bench/big-${mb}mb.wasm
[[ -f $big ]] || "$build/bench/wasmaudit_gen_large_module" "$big" "$mb" >/dev/null
go=fixtures/go/net_listen_go124.wasm

peak() {  # peak RSS in KiB of a command; standard input from $input when set
  local f
  f=$(mktemp)
  /usr/bin/time -f '%M' -o "$f" "$@" <"${input:-/dev/null}" >/dev/null 2>&1 || true
  tail -n 1 "$f"
  rm -f "$f"
}
heap() {  # peak heap in KiB (massif); standard input from $input when set
  local f
  f=$(mktemp)
  valgrind --tool=massif --massif-out-file="$f" "$@" <"${input:-/dev/null}" >/dev/null 2>&1 || true
  awk -F= '/mem_heap_B/ {if ($2 > m) m = $2} END {print int(m / 1024)}' "$f"
  rm -f "$f"
}
printf '%-58s %10s %10s %10s\n' "command" "input KiB" "heap KiB" "RSS KiB"
row() { printf '%-58s %10s %10s %10s\n' "$1" "$2" "$3" "$4"; }
size_kib() { echo $(( $(stat -c %s "$1") / 1024 )); }
both() { echo "$(heap "$@") $(peak "$@")"; }
# shellcheck disable=SC2046
row "wasm-audit --version (the floor)" 0 $(both "$tool" --version)
row "check $(basename "$big")" "$(size_kib "$big")" $(both "$tool" check --fail-on none "$big")
row "check --format sarif $(basename "$big") (hashes every byte)" "$(size_kib "$big")" $(both "$tool" check --format sarif --fail-on none "$big")
row "check - < $(basename "$big") (standard input, a file: mapped)" "$(size_kib "$big")" $(input=$big both "$tool" check --fail-on none -)
fifo=$(mktemp -u)
mkfifo "$fifo"
(cat "$big" >"$fifo" &)
row "cat $(basename "$big") | check - (a pipe: read)" "$(size_kib "$big")" $(input=$fifo heap "$tool" check --fail-on none -) "-"
rm -f "$fifo"
row "check $(basename "$go")" "$(size_kib "$go")" $(both "$tool" check --fail-on none "$go")
row "check /dev/zero (refused)" "-" $(both "$tool" check /dev/zero)
