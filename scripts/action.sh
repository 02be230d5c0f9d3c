#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The body of the composite action (action.yml): builds wasm-audit from the action's checkout
# (unless WASM_AUDIT names a built tool), then audits the inputs once per output:
#   - SARIF to $INPUT_SARIF (for github/codeql-action/upload-sarif),
#   - Markdown to $GITHUB_STEP_SUMMARY (the job summary),
#   - the gate last, as text in the log; its exit status is the step's.
# Inputs come as environment variables (INPUT_FILES, INPUT_REQUIRE, INPUT_FAIL_ON, INPUT_POLICY,
# INPUT_BASELINE, INPUT_SARIF, INPUT_SUMMARY), as action.yml sets them.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

tool=${WASM_AUDIT:-}
if [[ -z $tool ]]; then
  bash "$here/scripts/deps.sh" build
  cmake -S "$here" -B "$here/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
  cmake --build "$here/build" --target wasm-audit >/dev/null
  tool=$here/build/src/wasm-audit
fi

read -r -a files <<<"${INPUT_FILES:?INPUT_FILES: the modules or directories to audit}"
args=(--fail-on "${INPUT_FAIL_ON:-error}")
[[ -n ${INPUT_REQUIRE:-} ]] && args+=(--require "$INPUT_REQUIRE")
[[ -n ${INPUT_POLICY:-} ]] && args+=(--policy "$INPUT_POLICY")
[[ -n ${INPUT_BASELINE:-} ]] && args+=(--baseline "$INPUT_BASELINE")

# The reports never decide the step: only the gate below does (a broken configuration, 4, shows
# up there too).
if [[ -n ${INPUT_SARIF:-} ]]; then
  "$tool" check --format sarif "${args[@]}" "${files[@]}" >"$INPUT_SARIF" || true
  [[ -n ${GITHUB_OUTPUT:-} ]] && echo "sarif=$INPUT_SARIF" >>"$GITHUB_OUTPUT"
fi
if [[ ${INPUT_SUMMARY:-true} == true && -n ${GITHUB_STEP_SUMMARY:-} ]]; then
  "$tool" check --format markdown "${args[@]}" "${files[@]}" >>"$GITHUB_STEP_SUMMARY" || true
fi
status=0
"$tool" --color never check --quiet "${args[@]}" "${files[@]}" || status=$?
[[ -n ${GITHUB_OUTPUT:-} ]] && echo "exit-code=$status" >>"$GITHUB_OUTPUT"
exit "$status"
