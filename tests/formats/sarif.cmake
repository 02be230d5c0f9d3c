# SPDX-License-Identifier: Apache-2.0
# The SARIF output checked by its real client: Microsoft's SARIF Multitool (pinned to 5.7.0 and
# installed by `scripts/deps.sh test` into .cache/npm), with GitHub's rules and the SARIF rules.
#
# Included from tests/CMakeLists.txt, this file adds one test per fixture class. Each test runs
# this same file as a script (cmake -P) that runs `wasm-audit check --format sarif`, writes the log
# into the build tree and validates it; any `error` or `warning` line of the validator fails the
# test (notes are allowed). The Multitool exits 0 even when it reports errors, so its console output
# is what counts.
#
# Script mode: cmake -DEXE=… -DARGS=a;b -DEXPECT_EXIT=n -DOUT=file.sarif -DMULTITOOL=…
#                    [-DWORKDIR=dir] [-DEXPECT_SARIF=regex;regex] -P sarif.cmake
if(CMAKE_SCRIPT_MODE_FILE)
  set(_version 5.7.0)
  if(NOT EXISTS "${MULTITOOL}")
    message(FATAL_ERROR
      "the SARIF Multitool is not installed (expected ${MULTITOOL}): run scripts/deps.sh test")
  endif()
  set(_env ${CMAKE_COMMAND} -E env DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1)
  execute_process(COMMAND ${_env} ${MULTITOOL} --version
    RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0 OR NOT "${out}${err}" MATCHES "SARIF Multitool ${_version}[+ \n]")  # on stderr
    message(FATAL_ERROR
      "expected SARIF Multitool ${_version} at ${MULTITOOL} (run scripts/deps.sh test), "
      "got exit ${code}:\n${out}${err}")
  endif()

  if(NOT DEFINED WORKDIR)
    set(WORKDIR .)
  endif()
  execute_process(COMMAND ${EXE} ${ARGS} WORKING_DIRECTORY ${WORKDIR}
    RESULT_VARIABLE code OUTPUT_VARIABLE sarif ERROR_VARIABLE err)
  if(NOT code STREQUAL EXPECT_EXIT)
    message(FATAL_ERROR "wasm-audit: exit ${code}, expected ${EXPECT_EXIT}\nstderr:\n${err}")
  endif()
  file(WRITE ${OUT} "${sarif}")
  foreach(re IN LISTS EXPECT_SARIF)
    if(NOT sarif MATCHES "${re}")
      message(FATAL_ERROR "${OUT} does not match '${re}'")
    endif()
  endforeach()

  execute_process(COMMAND ${_env} ${MULTITOOL} validate --rule-kind "Gh;Sarif" --level "Error;Warning;Note"
      ${OUT} -o ${OUT}.validation.sarif --log ForceOverwrite
    RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0 OR NOT out MATCHES "Analysis completed successfully")
    message(FATAL_ERROR "the SARIF Multitool failed (exit ${code}):\n${out}${err}")
  endif()
  string(REGEX MATCHALL "[^\n]*: (error|warning) [A-Z]+[0-9]+:[^\n]*" problems "${out}${err}")
  if(problems)
    list(JOIN problems "\n" problems)
    message(FATAL_ERROR "the SARIF Multitool reports problems in ${OUT}:\n${problems}")
  endif()
  string(REGEX MATCHALL ": note [A-Z]+[0-9]+:" notes "${out}")
  list(LENGTH notes n)
  list(REMOVE_DUPLICATES notes)
  string(REPLACE ": note " "" notes "${notes}")
  string(REPLACE ":" "" notes "${notes}")
  message(STATUS "${OUT}: valid (0 errors, 0 warnings, ${n} notes: ${notes})")
  return()
endif()

set(_multitool ${PROJECT_SOURCE_DIR}/.cache/npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool)
set(_sarif_out ${CMAKE_CURRENT_BINARY_DIR}/sarif)
file(MAKE_DIRECTORY ${_sarif_out})

# wasmaudit_sarif_test(NAME EXIT code [WORKDIR dir] [EXPECT regex...] ARGS arg...)
function(wasmaudit_sarif_test name)
  cmake_parse_arguments(PARSE_ARGV 1 t "" "EXIT;WORKDIR" "ARGS;EXPECT")
  set(extra "")
  if(t_WORKDIR)
    list(APPEND extra -DWORKDIR=${t_WORKDIR})
  endif()
  add_test(NAME sarif.${name} COMMAND ${CMAKE_COMMAND}
    -DEXE=$<TARGET_FILE:wasm-audit> "-DARGS=check;--format;sarif;${t_ARGS}" -DEXPECT_EXIT=${t_EXIT}
    -DOUT=${_sarif_out}/${name}.sarif -DMULTITOOL=${_multitool} "-DEXPECT_SARIF=${t_EXPECT}" ${extra}
    -P ${CMAKE_CURRENT_FUNCTION_LIST_FILE})
endfunction()

# Paths as a CI job gives them: relative to the checkout, which is the working directory.
file(GLOB _c RELATIVE ${PROJECT_SOURCE_DIR} CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/fixtures/c/*.wasm)
wasmaudit_sarif_test(c EXIT 1 WORKDIR ${PROJECT_SOURCE_DIR} ARGS ${_c}
  EXPECT "\"uri\": \"fixtures/c/hello_command.wasm\"" "\"ruleId\": \"wasi.sockets\"")
wasmaudit_sarif_test(go EXIT 1 WORKDIR ${PROJECT_SOURCE_DIR}
  ARGS fixtures/go/wasip1_hello_go124.wasm fixtures/go/js_hello_go124.wasm
       fixtures/go/wasmedge_sock_go124.wasm
  EXPECT "\"ruleId\": \"target.gojs\"" "\"ruleId\": \"wasi.nonstandard-socket\"")
wasmaudit_sarif_test(component EXIT 0 WORKDIR ${PROJECT_SOURCE_DIR}
  ARGS fixtures/component/hello_command.component.wasm
  EXPECT "\"ruleId\": \"component.not-core-module\"")
file(GLOB _npm RELATIVE ${PROJECT_SOURCE_DIR} CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/fixtures/npm/*.wasm)
wasmaudit_sarif_test(npm EXIT 1 WORKDIR ${PROJECT_SOURCE_DIR} ARGS ${_npm}
  EXPECT "\"ruleId\": \"target.emscripten\"" "\"ruleId\": \"target.wasm-bindgen\"")
# Absolute paths under --sarif-root, a gate (--require wazero), and malformed inputs, which become
# tool execution notifications.
file(GLOB _malformed CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/fixtures/malformed/*.hex)
set(_bad "")
foreach(hex IN LISTS _malformed)
  get_filename_component(stem ${hex} NAME_WE)
  list(APPEND _bad ${FIXTURE_OUT}/malformed/${stem}.wasm)
endforeach()
wasmaudit_sarif_test(batch_require_malformed EXIT 3
  ARGS --require wazero --sarif-root ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/fixtures/go/wasip1_hello_go124.wasm
       ${PROJECT_SOURCE_DIR}/fixtures/go/wasmedge_sock_go124.wasm ${_bad}
  EXPECT "\"ruleId\": \"gate.runtime\"" "\"toolExecutionNotifications\"" "\"executionSuccessful\": false")
