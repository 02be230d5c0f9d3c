# SPDX-License-Identifier: Apache-2.0
# `check --format junit` read by a real XML parser: the built wasm-audit writes a report for every
# fixture class (C, Go wasip1 and js, a component, Emscripten and wasm-bindgen, a malformed file,
# names with control characters, --require), xmllint checks that it is well-formed, then XPath
# checks the shape GitLab and Jenkins read: the counts of every <testsuite> and of <testsuites>
# match its test cases, each test case has one outcome at most, and a module's suite fails exactly
# when its gate test case does.
#
# Included from tests/CMakeLists.txt it adds the tests; run as a script it is one test:
#   cmake -DEXE=… -DXMLLINT=… -DARGS=a;b -DOUT=file.xml -DEXPECT_EXIT=n
#         [-DEXPECT_XPATH=expr;expr] -P junit.cmake
# (each EXPECT_XPATH expression must be true of the report).

if(CMAKE_SCRIPT_MODE_FILE)
  execute_process(COMMAND ${EXE} ${ARGS} OUTPUT_FILE ${OUT} ERROR_VARIABLE err RESULT_VARIABLE code)
  if(NOT code STREQUAL EXPECT_EXIT)
    file(READ ${OUT} out)
    message(FATAL_ERROR "exit ${code}, expected ${EXPECT_EXIT}\nstdout:\n${out}\nstderr:\n${err}")
  endif()
  execute_process(COMMAND ${XMLLINT} --noout ${OUT} ERROR_VARIABLE lint RESULT_VARIABLE lint_code)
  if(NOT lint_code EQUAL 0)
    message(FATAL_ERROR "xmllint --noout ${OUT} failed (${lint_code}):\n${lint}")
  endif()
  set(_checks
    "count(/testsuites) = 1 and count(/testsuites/testsuite) >= 1"
    "/testsuites/@tests = count(//testcase) and /testsuites/@failures = count(//testcase[failure]) and /testsuites/@errors = count(//testcase[error]) and /testsuites/@skipped = count(//testcase[skipped])"
    "count(//testsuite[@tests != count(testcase) or @failures != count(testcase[failure]) or @errors != count(testcase[error]) or @skipped != count(testcase[skipped])]) = 0"
    "count(//testsuite[not(@name) or @name = '']) = 0 and count(//testcase[not(@classname) or not(@name) or @name = '']) = 0"
    "count(//testcase[count(failure | error | skipped) > 1]) = 0 and count(//failure[not(@message)]) = 0 and count(//skipped[not(@message)]) = 0"
    "count(//testsuite[testcase[@classname = 'wasm-audit.gate']][(@failures > 0) != boolean(testcase[@classname = 'wasm-audit.gate']/failure)]) = 0"
    "count(//testsuite[count(testcase[@classname = 'wasm-audit.gate']) + count(testcase[error]) != 1]) = 0"
    ${EXPECT_XPATH})
  foreach(check IN LISTS _checks)
    execute_process(COMMAND ${XMLLINT} --xpath "boolean(${check})" ${OUT}
      OUTPUT_VARIABLE result ERROR_VARIABLE xerr RESULT_VARIABLE xcode)
    if(NOT xcode EQUAL 0 OR NOT result MATCHES "^true")
      file(READ ${OUT} out)
      message(FATAL_ERROR "${OUT}: not true: ${check}\n(${result}${xerr})\n${out}")
    endif()
  endforeach()
  return()
endif()

find_program(XMLLINT xmllint REQUIRED)
set(_junit_script ${CMAKE_CURRENT_LIST_FILE})
set(_junit_out ${CMAKE_CURRENT_BINARY_DIR}/formats/junit)
file(MAKE_DIRECTORY ${_junit_out})

# wasmaudit_junit_test(NAME EXIT n ARGS a… [XPATH expr…])
function(wasmaudit_junit_test name)
  cmake_parse_arguments(PARSE_ARGV 1 J "" "EXIT" "ARGS;XPATH")
  add_test(NAME formats.junit.${name} COMMAND ${CMAKE_COMMAND}
    -DEXE=$<TARGET_FILE:wasm-audit> -DXMLLINT=${XMLLINT} "-DARGS=check;--format;junit;${J_ARGS}"
    -DOUT=${_junit_out}/${name}.xml -DEXPECT_EXIT=${J_EXIT} "-DEXPECT_XPATH=${J_XPATH}" -P ${_junit_script})
endfunction()

set(_src ${PROJECT_SOURCE_DIR}/fixtures)
file(GLOB _c_fixtures ${_src}/c/*.wasm)
file(GLOB _npm_fixtures ${_src}/npm/*.wasm)
list(SORT _c_fixtures)
list(SORT _npm_fixtures)
list(LENGTH _c_fixtures _c_count)

# A suite per file, a test case per runtime of the table (9 profiles) and one for the gate.
wasmaudit_junit_test(c EXIT 1 ARGS ${_c_fixtures}
  XPATH "count(/testsuites/testsuite) = ${_c_count}"
        "count(//testsuite[count(testcase[starts-with(@classname, 'wasm-audit.') and contains(@name, ' instantiates')]) != 9]) = 0"
        "count(//testcase[@classname = 'wasm-audit.wasmtime' and starts-with(@name, 'wasmtime ')]) = ${_c_count}")
wasmaudit_junit_test(go EXIT 1
  ARGS ${_src}/go/wasip1_hello_go124.wasm ${_src}/go/js_hello_go124.wasm ${_src}/go/wasmedge_sock_go124.wasm
  XPATH "count(/testsuites/testsuite) = 3"
        # wasip1: runs everywhere but in the browser, which is no WASI runtime and is skipped.
        "/testsuites/testsuite[1]/@failures = 0 and /testsuites/testsuite[1]/testcase[@classname = 'wasm-audit.browser']/skipped"
        # js: no WASI runtime runs it (the gate fails on the verdict) and target.gojs is an error.
        "/testsuites/testsuite[2]/testcase[@classname = 'wasm-audit.wasmtime']/failure and /testsuites/testsuite[2]/testcase[@classname = 'wasm-audit.findings' and starts-with(@name, 'target.gojs ')]/failure"
        # WasmEdge sockets: runs on WasmEdge, so the others are skipped; the finding fails the gate.
        "/testsuites/testsuite[3]/testcase[@classname = 'wasm-audit.wasmtime']/skipped and /testsuites/testsuite[3]/testcase[@classname = 'wasm-audit.findings']/failure")
wasmaudit_junit_test(component EXIT 0 ARGS ${_src}/component/hello_command.component.wasm
  XPATH "/testsuites/@failures = 0 and /testsuites/testsuite/testcase[@classname = 'wasm-audit.wasmtime' and not(skipped)]")
wasmaudit_junit_test(npm EXIT 1 ARGS ${_npm_fixtures})
wasmaudit_junit_test(malformed EXIT 3
  ARGS ${FIXTURE_OUT}/malformed/header_bad_magic.wasm ${_src}/c/hello_command.wasm
  XPATH "/testsuites/@errors = 1 and /testsuites/testsuite[1]/testcase/error[@type = 'decode-error' and string-length(@message) > 0]"
        "/testsuites/testsuite[2]/@failures = 0")
# Names with control characters: replaced, so the document stays XML 1.0.
wasmaudit_junit_test(hostile_names EXIT 1 ARGS ${PROJECT_SOURCE_DIR}/tests/regressions/names_terminal_escapes.wasm)
# --require: the other runtimes are skipped as not required; the required one fails or passes.
wasmaudit_junit_test(require_wazero EXIT 1 ARGS --require wazero ${_src}/c/hello_command.wasm ${_src}/go/js_hello_go124.wasm
  XPATH "count(//testcase/skipped[@message = 'not required']) = 16"
        "count(//testsuite[1]/testcase[failure]) = 0"
        "//testsuite[2]/testcase[@classname = 'wasm-audit.wazero']/failure")
