# SPDX-License-Identifier: Apache-2.0
# cmake -DTOOL=<wasm-audit> -DOUT=<wasm-audit.1> -DVERSION=<x.y.z> -P ManPage.cmake
# The man page, generated from the tool's own help (wasm-audit --help and each command's --help), so
# it never says other than the tool: NAME, SYNOPSIS, DESCRIPTION and OPTIONS from the main help,
# one subsection per command with its help as written, EXIT STATUS from the help's footer.
execute_process(COMMAND ${TOOL} --help OUTPUT_VARIABLE main RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "${TOOL} --help: exit ${code}")
endif()

# Backslashes and leading dots or quotes would be troff requests: escape them.
function(troff_escape text out)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

string(REGEX MATCH "Subcommands:\n(.*)\n\n" _ "${main}")
set(commands_block "${CMAKE_MATCH_1}")
string(REGEX MATCHALL "\n  ([a-z]+) " names "\n${commands_block}")
set(commands "")
foreach(n IN LISTS names)
  string(STRIP "${n}" n)
  if(NOT n STREQUAL "help")
    list(APPEND commands ${n})
  endif()
endforeach()

string(TIMESTAMP date "%Y-%m-%d" UTC)  # SOURCE_DATE_EPOCH, when set, makes it reproducible
set(page ".TH WASM\\-AUDIT 1 \"${date}\" \"wasm-audit ${VERSION}\" \"User Commands\"\n")
string(APPEND page ".SH NAME\nwasm\\-audit \\- audit WebAssembly binaries before they ship\n")
string(APPEND page ".SH SYNOPSIS\n.B wasm\\-audit\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]\n")
string(APPEND page ".SH DESCRIPTION\nwasm\\-audit reads a .wasm (a core module or a component), lists its imports and exports, "
                   "recognises what built it, and predicts for each WebAssembly runtime and version whether it will "
                   "instantiate, what the runtime will print if not, and what to change. The sections below are the "
                   "tool's own help.\n")
string(FIND "${main}" "Exit status" exit_at)
string(SUBSTRING "${main}" 0 ${exit_at} head)
string(SUBSTRING "${main}" ${exit_at} -1 footer)
troff_escape("${head}" head)
string(APPEND page ".SH OVERVIEW\n.nf\n${head}.fi\n.SH COMMANDS\n")
foreach(c IN LISTS commands)
  execute_process(COMMAND ${TOOL} ${c} --help OUTPUT_VARIABLE help RESULT_VARIABLE code)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "${TOOL} ${c} --help: exit ${code}")
  endif()
  troff_escape("${help}" help)
  string(APPEND page ".SS ${c}\n.nf\n${help}.fi\n")
endforeach()
troff_escape("${footer}" footer)
string(APPEND page ".SH EXIT STATUS AND ERRORS\n.nf\n${footer}.fi\n")
string(APPEND page ".SH SEE ALSO\nThe documentation in the source tree: docs/cli.md, docs/library.md, docs/errors.md.\n")
file(WRITE ${OUT}.tmp "${page}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUT}.tmp ${OUT})
