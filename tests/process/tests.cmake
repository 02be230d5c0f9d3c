# SPDX-License-Identifier: Apache-2.0
# Real-process tests of the wasm-audit executable (exit codes, stream split, colour rules).
set(_case ${CMAKE_CURRENT_LIST_DIR}/run_case.cmake)
set(_hello ${FIXTURE_OUT}/wat/wasi_command.wasm)

add_test(NAME process.inspect_ok COMMAND ${CMAKE_COMMAND}
  -DEXE=$<TARGET_FILE:wasm-audit> "-DARGS=inspect;${_hello}" -DEXPECT_EXIT=0
  "-DEXPECT_STDOUT=shape:  command" -DEXPECT_STDERR_EMPTY=1 -DEXPECT_NO_ESCAPES=1 -P ${_case})
add_test(NAME process.inspect_batch_goes_on COMMAND ${CMAKE_COMMAND}
  -DEXE=$<TARGET_FILE:wasm-audit> "-DARGS=inspect;${CMAKE_CURRENT_SOURCE_DIR};${_hello}"
  -DEXPECT_EXIT=3 "-DEXPECT_STDOUT=shape:  command"
  "-DEXPECT_STDERR=^wasm-audit: error: [^\n]*: is a directory\n$" -P ${_case})
add_test(NAME process.usage_is_2 COMMAND ${CMAKE_COMMAND}
  -DEXE=$<TARGET_FILE:wasm-audit> "-DARGS=inspect;--format;yaml;${_hello}" -DEXPECT_EXIT=2
  "-DEXPECT_STDERR=^wasm-audit: error: " -P ${_case})
add_test(NAME process.no_command_is_2 COMMAND ${CMAKE_COMMAND}
  -DEXE=$<TARGET_FILE:wasm-audit> -DEXPECT_EXIT=2 -P ${_case})
add_test(NAME process.help_is_0 COMMAND ${CMAKE_COMMAND}
  -DEXE=$<TARGET_FILE:wasm-audit> "-DARGS=--help" -DEXPECT_EXIT=0
  "-DEXPECT_STDOUT=Exit status:" -P ${_case})
add_test(NAME process.version COMMAND ${CMAKE_COMMAND}
  -DEXE=$<TARGET_FILE:wasm-audit> "-DARGS=--version" -DEXPECT_EXIT=0
  "-DEXPECT_STDOUT=^wasm-audit ${PROJECT_VERSION}" -P ${_case})
add_test(NAME process.no_color_env COMMAND ${CMAKE_COMMAND}
  -DEXE=$<TARGET_FILE:wasm-audit> "-DARGS=--color;auto;inspect;${_hello}" -DENV=NO_COLOR=1
  -DEXPECT_EXIT=0 -DEXPECT_NO_ESCAPES=1 -P ${_case})
