# SPDX-License-Identifier: Apache-2.0
# cmake -DROOT=<source dir> -P layering.cmake
# Keeps the module dependency rules of docs/architecture.md true: scans the #include lines of each
# module's headers and sources and fails on a forbidden edge.
#   model  -> std only (its sources may use fmt to format)
#   binary -> error, fmt (the bounds-checked cursor and the decoding limits)
#   reader -> model, binary, error, fmt
#   detect -> model, binary, error, fmt
#   policy -> model, detect, error, fmt, nlohmann
#   report -> model, detect, policy, error, fmt, nlohmann
#   cli    -> everything (the only place CLI11 may appear)
set(rules
  "model|wasmaudit/(binary|reader|detect|policy|report|audit)|CLI/|nlohmann/"
  "binary|wasmaudit/(model|reader|detect|policy|report|audit)|CLI/|nlohmann/"
  "reader|wasmaudit/(detect|policy|report|audit)|CLI/|nlohmann/"
  "detect|wasmaudit/(reader|policy|report|audit)|CLI/|nlohmann/"
  "policy|wasmaudit/(reader|report|audit)|CLI/"
  "report|wasmaudit/(reader|audit)|CLI/")
set(failures "")
foreach(rule IN LISTS rules)
  string(REPLACE "|" ";" parts "${rule}")
  list(GET parts 0 module)
  list(SUBLIST parts 1 -1 forbidden_parts)
  string(REPLACE ";" "|" forbidden "${forbidden_parts}")
  file(GLOB_RECURSE files ${ROOT}/include/wasmaudit/${module}/* ${ROOT}/src/${module}/*)
  foreach(f IN LISTS files)
    file(STRINGS ${f} includes REGEX "^#include")
    foreach(line IN LISTS includes)
      if(line MATCHES "[<\"](${forbidden})")
        file(RELATIVE_PATH rel ${ROOT} ${f})
        string(APPEND failures "  ${rel}: ${line} (module '${module}' may not include this)\n")
      endif()
    endforeach()
  endforeach()
endforeach()
# Model headers are the contract between modules: standard library only.
file(GLOB model_headers ${ROOT}/include/wasmaudit/model/*)
foreach(f IN LISTS model_headers)
  file(STRINGS ${f} includes REGEX "^#include <(fmt|nlohmann|CLI)/")
  if(includes)
    file(RELATIVE_PATH rel ${ROOT} ${f})
    string(APPEND failures "  ${rel}: ${includes} (model headers are std-only)\n")
  endif()
endforeach()
if(failures)
  message(FATAL_ERROR "layering violations:\n${failures}")
endif()
