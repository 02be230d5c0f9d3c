# SPDX-License-Identifier: Apache-2.0
# cmake -DEXE=… -DARGS=a;b -DEXPECT_EXIT=n [-DEXPECT_STDOUT=regex] [-DEXPECT_STDERR=regex]
#       [-DEXPECT_STDERR_EMPTY=1] [-DENV=NAME=value] [-DINPUT=file for standard input] -P run_case.cmake
# Runs the real executable and checks its exit code and streams.
if(DEFINED ENV)
  set(_env ${CMAKE_COMMAND} -E env ${ENV})
endif()
if(DEFINED INPUT)
  set(_input INPUT_FILE ${INPUT})
endif()
execute_process(COMMAND ${_env} ${EXE} ${ARGS} ${_input}
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code STREQUAL EXPECT_EXIT)
  message(FATAL_ERROR "exit ${code}, expected ${EXPECT_EXIT}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED EXPECT_STDOUT AND NOT out MATCHES "${EXPECT_STDOUT}")
  message(FATAL_ERROR "stdout does not match '${EXPECT_STDOUT}':\n${out}")
endif()
if(DEFINED EXPECT_STDERR AND NOT err MATCHES "${EXPECT_STDERR}")
  message(FATAL_ERROR "stderr does not match '${EXPECT_STDERR}':\n${err}")
endif()
if(EXPECT_STDERR_EMPTY AND NOT err STREQUAL "")
  message(FATAL_ERROR "stderr should be empty:\n${err}")
endif()
if(EXPECT_NO_ESCAPES AND out MATCHES "\x1b")
  message(FATAL_ERROR "stdout has ANSI escapes:\n${out}")
endif()
