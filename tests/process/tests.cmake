# SPDX-License-Identifier: Apache-2.0
# Real-process tests of the wasm-audit executable (exit codes, stream split, colour rules).
set(_case ${CMAKE_CURRENT_LIST_DIR}/run_case.cmake)
set(_hello ${FIXTURE_OUT}/wat/wasi_command.wasm)

add_test(NAME process.inspect_ok COMMAND ${CMAKE_COMMAND}
  -DEXE=$<TARGET_FILE:wasm-audit> "-DARGS=inspect;${_hello}" -DEXPECT_EXIT=0
  "-DEXPECT_STDOUT=shape:  command" -DEXPECT_STDERR_EMPTY=1 -DEXPECT_NO_ESCAPES=1 -P ${_case})
add_test(NAME process.inspect_batch_goes_on COMMAND ${CMAKE_COMMAND}
  -DEXE=$<TARGET_FILE:wasm-audit> "-DARGS=inspect;${CMAKE_CURRENT_SOURCE_DIR}/process;${_hello}"
  -DEXPECT_EXIT=3 "-DEXPECT_STDOUT=shape:  command"
  "-DEXPECT_STDERR=^wasm-audit: error: [^\n]*/process: no [*][.]wasm file in this directory or below it\n$" -P ${_case})
add_test(NAME process.usage_is_2 COMMAND ${CMAKE_COMMAND}
  -DEXE=$<TARGET_FILE:wasm-audit> "-DARGS=inspect;--format;yaml;${_hello}" -DEXPECT_EXIT=2
  "-DEXPECT_STDERR=^wasm-audit: error: " -P ${_case})
add_test(NAME process.no_command_is_2 COMMAND ${CMAKE_COMMAND}
  -DEXE=$<TARGET_FILE:wasm-audit> -DEXPECT_EXIT=2 -P ${_case})
add_test(NAME process.help_is_0 COMMAND ${CMAKE_COMMAND}
  -DEXE=$<TARGET_FILE:wasm-audit> "-DARGS=--help" -DEXPECT_EXIT=0
  "-DEXPECT_STDOUT=Exit status \\(the first that applies\\):" -P ${_case})
add_test(NAME process.version COMMAND ${CMAKE_COMMAND}
  -DEXE=$<TARGET_FILE:wasm-audit> "-DARGS=--version" -DEXPECT_EXIT=0
  "-DEXPECT_STDOUT=^wasm-audit ${PROJECT_VERSION}" -P ${_case})
add_test(NAME process.no_color_env COMMAND ${CMAKE_COMMAND}
  -DEXE=$<TARGET_FILE:wasm-audit> "-DARGS=--color;auto;inspect;${_hello}" -DENV=NO_COLOR=1
  -DEXPECT_EXIT=0 -DEXPECT_NO_ESCAPES=1 -P ${_case})

# The exit status, case by case, from the real process (docs/cli.md, "Exit status"):
# 0 pass, 1 gate, 2 usage, 3 input, 4 configuration; and their precedence in a mixed batch.
set(_src ${PROJECT_SOURCE_DIR}/fixtures)
set(_bad ${FIXTURE_OUT}/malformed/header_bad_magic.wasm)
set(_sock ${_src}/go/wasmedge_sock_go124.wasm)
set(_gojs ${_src}/go/js_hello_go124.wasm)
set(_policy_bad ${_src}/policies/bad_severity.json)
foreach(spec
    "exit_0_portable|check;${_src}/c/hello_command.wasm|0"
    "exit_0_required_runtime_runs|check;--require;wasmtime,wazero@1.9;${_src}/c/hello_command.wasm|0"
    "exit_1_required_runtime_fails|check;--require;wazero@1.9;--fail-on;none;${_sock}|1"
    "exit_0_required_runtime_provides|check;--require;wasmedge;--fail-on;none;${_sock}|0"
    "exit_1_runs_nowhere|check;--fail-on;none;${_gojs}|1"
    "exit_1_component_no_runtime|check;--runtime;wazero;${_src}/component/hello_command.component.wasm|1"
    "exit_2_usage|check;--require;nope;${_sock}|2"
    "exit_3_input|check;${_bad}|3"
    "exit_4_policy|check;--policy;${_policy_bad};${_sock}|4"
    "exit_3_over_1|check;${_gojs};${_bad}|3"
    "exit_4_over_3|check;--policy;${_policy_bad};${_bad};${_gojs}|4"
    "exit_2_over_4|check;--policy;${_policy_bad};--fail-on;never;${_bad}|2")
  string(REPLACE "|" ";" parts "${spec}")
  list(GET parts 0 name)
  list(GET parts -1 code)
  list(SUBLIST parts 1 -1 rest)
  list(REMOVE_AT rest -1)
  add_test(NAME process.${name} COMMAND ${CMAKE_COMMAND}
    -DEXE=$<TARGET_FILE:wasm-audit> "-DARGS=${rest}" -DEXPECT_EXIT=${code} -P ${_case})
endforeach()

# The composite action (action.yml) runs scripts/action.sh: run it as GitHub would.
add_test(NAME process.action_passes COMMAND ${CMAKE_COMMAND} -DSCRIPT=${PROJECT_SOURCE_DIR}/scripts/action.sh
  -DEXE=$<TARGET_FILE:wasm-audit> "-DFILES=${_src}/c/hello_command.wasm ${_src}/c/file_reader.wasm" -DREQUIRE=wasmtime,wazero -DEXPECT_EXIT=0
  -DOUT=${CMAKE_CURRENT_BINARY_DIR}/action_passes "-DEXPECT_STDOUT=hello_command.wasm: portable" -P ${CMAKE_CURRENT_LIST_DIR}/action_case.cmake)
add_test(NAME process.action_gate_fails COMMAND ${CMAKE_COMMAND} -DSCRIPT=${PROJECT_SOURCE_DIR}/scripts/action.sh
  -DEXE=$<TARGET_FILE:wasm-audit> -DFILES=${_sock} -DREQUIRE=wazero -DEXPECT_EXIT=1
  -DOUT=${CMAKE_CURRENT_BINARY_DIR}/action_gate_fails "-DEXPECT_STDOUT=wazero" -P ${CMAKE_CURRENT_LIST_DIR}/action_case.cmake)

# Standard input ('-'): read whole, bounded by --max-size; devices are refused before reading.
add_test(NAME process.stdin_module COMMAND ${CMAKE_COMMAND}
  -DEXE=$<TARGET_FILE:wasm-audit> "-DARGS=check;--quiet;-" -DINPUT=${_src}/c/hello_command.wasm
  -DEXPECT_EXIT=0 "-DEXPECT_STDOUT=^-: portable \\(gate: pass\\)" -DEXPECT_STDERR_EMPTY=1 -P ${_case})
add_test(NAME process.stdin_pipe_over_max_size COMMAND ${CMAKE_COMMAND} -DEXE=sh
  "-DARGS=-c;cat '${_src}/c/hello_command.wasm' | '$<TARGET_FILE:wasm-audit>' inspect --max-size 16KiB -"
  -DEXPECT_EXIT=3 "-DEXPECT_STDERR=^wasm-audit: error: -: larger than 16384 bytes, the most that is read into memory \\(--max-size\\)\n$"
  -P ${_case})
add_test(NAME process.stdin_pipe_module COMMAND ${CMAKE_COMMAND} -DEXE=sh
  "-DARGS=-c;cat '${_src}/c/hello_command.wasm' | '$<TARGET_FILE:wasm-audit>' check --quiet -"
  -DEXPECT_EXIT=0 "-DEXPECT_STDOUT=^-: portable \\(gate: pass\\)" -DEXPECT_STDERR_EMPTY=1 -P ${_case})
add_test(NAME process.dev_zero_refused COMMAND ${CMAKE_COMMAND}
  -DEXE=$<TARGET_FILE:wasm-audit> "-DARGS=check;/dev/zero;${_src}/c/hello_command.wasm" -DEXPECT_EXIT=3
  "-DEXPECT_STDERR=^wasm-audit: error: /dev/zero: is a character device, not a regular file\n$"
  "-DEXPECT_STDOUT=hello_command.wasm" -P ${_case})
set_tests_properties(process.dev_zero_refused process.stdin_pipe_over_max_size PROPERTIES TIMEOUT 30)
