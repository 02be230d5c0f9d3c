# SPDX-License-Identifier: Apache-2.0
# The post-build step of wasmaudit_check() (WasmauditCheck.cmake):
#   cmake -DTOOL=wasm-audit -DMODULE=app.wasm [-DREQUIRE=a,b] [-DPOLICY=f] [-DSARIF=out] [-DFAIL_ON=x] -P …
set(args check)
if(REQUIRE)
  list(APPEND args --require "${REQUIRE}")
endif()
if(POLICY)
  list(APPEND args --policy "${POLICY}")
endif()
if(FAIL_ON)
  list(APPEND args --fail-on "${FAIL_ON}")
endif()
if(SARIF)
  execute_process(COMMAND "${TOOL}" ${args} --format sarif "${MODULE}" OUTPUT_FILE "${SARIF}" RESULT_VARIABLE sarif_code)
endif()
execute_process(COMMAND "${TOOL}" ${args} "${MODULE}" RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  string(REPLACE ";" " " shown "${args}")
  message(FATAL_ERROR "exit status ${code} from wasm-audit ${shown} ${MODULE} (1: the gate failed; 3: the "
                      "module could not be read; 4: a policy did not load)")
endif()
