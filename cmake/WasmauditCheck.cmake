# SPDX-License-Identifier: Apache-2.0
# wasmaudit_check(TARGET <target> [REQUIRE <runtime>...] [POLICY <file>] [SARIF <out.sarif>]
#                 [FAIL_ON error|warning|note|none])
#
# Audits the .wasm a target builds, as a post-build step: `wasm-audit check` on the target's file,
# with --require (runtimes, comma- or list-separated: `REQUIRE wasmtime,wazero@1.9` or
# `REQUIRE wasmtime wazero`), --policy and --fail-on as the CLI takes them. The report goes to the
# build log; with SARIF the same check is also written there as SARIF (before the gate decides, so
# a failing build still leaves it for code scanning). The build fails whenever the CLI's exit status
# is not 0: a failed gate (1), an unreadable or malformed module (3), a policy that does not load (4).
#
# From the installed package (find_package(wasmaudit)) it runs the installed wasm-audit; from
# add_subdirectory/FetchContent the one built in the tree. See docs/library.md.
set(_WASMAUDIT_CHECK_RUN "${CMAKE_CURRENT_LIST_DIR}/WasmauditCheckRun.cmake")

function(wasmaudit_check)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "TARGET;POLICY;SARIF;FAIL_ON" "REQUIRE")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "wasmaudit_check: unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_TARGET)
    message(FATAL_ERROR "wasmaudit_check: TARGET <target> is required")
  endif()
  if(NOT TARGET ${arg_TARGET})
    message(FATAL_ERROR "wasmaudit_check: ${arg_TARGET} is not a target")
  endif()
  get_target_property(type ${arg_TARGET} TYPE)
  if(NOT type MATCHES "^(EXECUTABLE|SHARED_LIBRARY|MODULE_LIBRARY)$")
    message(FATAL_ERROR "wasmaudit_check: ${arg_TARGET} is a ${type}: TARGET must build the .wasm (an executable or a library)")
  endif()
  if(NOT TARGET wasmaudit::wasm-audit)
    message(FATAL_ERROR "wasmaudit_check: no wasmaudit::wasm-audit target (find_package(wasmaudit) or add_subdirectory first)")
  endif()
  if(arg_FAIL_ON AND NOT arg_FAIL_ON MATCHES "^(error|warning|note|none)$")
    message(FATAL_ERROR "wasmaudit_check: FAIL_ON must be error, warning, note or none, not ${arg_FAIL_ON}")
  endif()
  list(JOIN arg_REQUIRE "," require)
  set(policy "")
  if(arg_POLICY)
    get_filename_component(policy "${arg_POLICY}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  endif()
  set(sarif "")
  if(arg_SARIF)
    get_filename_component(sarif "${arg_SARIF}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  endif()
  add_custom_command(TARGET ${arg_TARGET} POST_BUILD
    COMMAND ${CMAKE_COMMAND} "-DTOOL=$<TARGET_FILE:wasmaudit::wasm-audit>" "-DMODULE=$<TARGET_FILE:${arg_TARGET}>"
            "-DREQUIRE=${require}" "-DPOLICY=${policy}" "-DSARIF=${sarif}" "-DFAIL_ON=${arg_FAIL_ON}"
            -P "${_WASMAUDIT_CHECK_RUN}"
    COMMENT "wasm-audit check $<TARGET_FILE_NAME:${arg_TARGET}>"
    VERBATIM)
endfunction()
