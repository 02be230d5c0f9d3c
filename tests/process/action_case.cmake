# SPDX-License-Identifier: Apache-2.0
# cmake -DSCRIPT=scripts/action.sh -DEXE=wasm-audit -DFILES=… -DREQUIRE=… -DOUT=dir -DEXPECT_EXIT=n -P action_case.cmake
# Runs the composite action's script as GitHub would (inputs as INPUT_* variables, GITHUB_OUTPUT and
# GITHUB_STEP_SUMMARY files) with the built tool, and checks what it wrote.
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${CMAKE_COMMAND} -E env WASM_AUDIT=${EXE} "INPUT_FILES=${FILES}" INPUT_REQUIRE=${REQUIRE}
                        INPUT_FAIL_ON=error INPUT_SARIF=${OUT}/out.sarif INPUT_SUMMARY=true
                        GITHUB_OUTPUT=${OUT}/output GITHUB_STEP_SUMMARY=${OUT}/summary.md
                        bash ${SCRIPT}
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code STREQUAL EXPECT_EXIT)
  message(FATAL_ERROR "exit ${code}, expected ${EXPECT_EXIT}\nstdout:\n${out}\nstderr:\n${err}")
endif()
file(READ ${OUT}/output outputs)
if(NOT outputs MATCHES "exit-code=${EXPECT_EXIT}\n" OR NOT outputs MATCHES "sarif=${OUT}/out.sarif\n")
  message(FATAL_ERROR "GITHUB_OUTPUT lacks exit-code or sarif:\n${outputs}")
endif()
file(READ ${OUT}/out.sarif sarif)
if(NOT sarif MATCHES "\"version\": \"2.1.0\"")
  message(FATAL_ERROR "no SARIF written:\n${sarif}")
endif()
file(READ ${OUT}/summary.md summary)
if(NOT summary MATCHES "Gate")
  message(FATAL_ERROR "no Markdown summary written:\n${summary}")
endif()
if(NOT out MATCHES "${EXPECT_STDOUT}")
  message(FATAL_ERROR "the log does not match '${EXPECT_STDOUT}':\n${out}")
endif()
