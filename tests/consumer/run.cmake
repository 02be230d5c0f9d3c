# SPDX-License-Identifier: Apache-2.0
# The library as its consumers see it (docs/library.md): the build installed into a scratch prefix,
# then three separate projects configured and built against it, as a user's would be.
#   1. tests/consumer/api: find_package(wasmaudit 0.1) and wasmaudit::wasmaudit; its program (the
#      docs' example) audits a real fixture from its path and from memory and prints JSON; and every
#      installed header compiles alone in a translation unit of its own.
#   2. the same asking for 1.0: find_package must refuse a 0.x package (SameMajorVersion).
#   3. pkg-config: the example compiled by hand from `pkg-config --cflags --libs wasmaudit`.
#   4. tests/consumer/wasm: a wasm32-wasi project (Debian's clang) whose targets are audited at build
#      time by wasmaudit_check(): hello passes REQUIRE wasmtime,wazero and leaves its SARIF;
#      needs_host (an env import) fails the build as the CLI's gate does.
#   5. tests/consumer/fetch: FetchContent from the checkout gives the same target and function; built
#      with BUILD_SHARED_LIBS=ON, installed, moved, and the installed tool still runs.
#
#   cmake -DBUILD=<the build> -DSOURCE=<the checkout> -DWORK=<scratch dir> -DFIXTURES=<fixtures/>
#         -DGENERATOR=Ninja -P run.cmake
cmake_minimum_required(VERSION 3.25)

function(run)
  cmake_parse_arguments(PARSE_ARGV 0 arg "MAY_FAIL" "OUT;CODE" "COMMAND")
  execute_process(COMMAND ${arg_COMMAND} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE code)
  if(NOT arg_MAY_FAIL AND NOT code EQUAL 0)
    string(REPLACE ";" " " shown "${arg_COMMAND}")
    message(FATAL_ERROR "${shown}: exit ${code}\n${out}\n${err}")
  endif()
  if(arg_OUT)
    set(${arg_OUT} "${out}${err}" PARENT_SCOPE)
  endif()
  if(arg_CODE)
    set(${arg_CODE} ${code} PARENT_SCOPE)
  endif()
endfunction()

function(expect text what)
  string(FIND "${text}" "${what}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "expected to find \"${what}\" in:\n${text}")
  endif()
endfunction()

file(REMOVE_RECURSE ${WORK})
set(prefix ${WORK}/prefix)
run(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${prefix})
foreach(f bin/wasm-audit share/man/man1/wasm-audit.1 include/wasmaudit/audit.hpp include/wasmaudit/version.hpp
          lib/cmake/wasmaudit/wasmaudit-config.cmake lib/cmake/wasmaudit/wasmaudit-config-version.cmake
          lib/pkgconfig/wasmaudit.pc)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "cmake --install did not install ${f}")
  endif()
endforeach()

# The man page is the tool's help, and reads as one.
file(READ ${prefix}/share/man/man1/wasm-audit.1 man)
expect("${man}" ".TH WASM\\-AUDIT 1 ")
foreach(command inspect check diff explain matrix rules runtimes)
  expect("${man}" ".SS ${command}\n")
endforeach()
find_program(MAN man)
if(MAN)
  set(ENV{MANWIDTH} 100)
  run(COMMAND ${MAN} -l ${prefix}/share/man/man1/wasm-audit.1 OUT rendered)
  expect("${rendered}" "wasm-audit check [OPTIONS] files...")
  expect("${rendered}" "0  every module passed")
endif()

# No public header includes fmt or nlohmann_json: a consumer needs neither.
file(GLOB_RECURSE headers ${prefix}/include/wasmaudit/*.hpp)
foreach(h IN LISTS headers)
  file(STRINGS ${h} leaks REGEX "#include [<\"](fmt|nlohmann)/")
  if(leaks)
    message(FATAL_ERROR "${h} includes ${leaks}: the library's interface must not need fmt or nlohmann_json")
  endif()
endforeach()

# 1. find_package and the API.
run(COMMAND ${CMAKE_COMMAND} -S ${SOURCE}/tests/consumer/api -B ${WORK}/api -G ${GENERATOR}
            -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${prefix} -DWASMAUDIT_EACH_HEADER=ON OUT out)
expect("${out}" "each header alone: ")
run(COMMAND ${CMAKE_COMMAND} --build ${WORK}/api)
run(COMMAND ${WORK}/api/audit_example ${FIXTURES}/c/env_import.wasm wasmtime wazero@1.9 OUT out)
expect("${out}" "libwasmaudit ")
expect("${out}" "env_import.wasm: 4 imports, 2 exports")
expect("${out}" "  wasmtime 48.0.0: fails: unknown import: `env::metrics_emit` has not been defined")
expect("${out}" "  wazero@1.9.0 1.9.0: fails: error instantiating wasm binary: module[env] not instantiated")
expect("${out}" "verdict: needs-embedder\nfrom memory: needs-embedder\n")
expect("${out}" "\"schema\": \"wasm-audit/check/1\"")
run(COMMAND ${WORK}/api/audit_example ${FIXTURES}/c/README.md MAY_FAIL OUT out CODE code)
if(NOT code EQUAL 3)
  message(FATAL_ERROR "a file that is not wasm: exit ${code}, expected 3\n${out}")
endif()
expect("${out}" "README.md:0x0: header: not a WebAssembly binary")

# 2. A version the package does not promise.
run(COMMAND ${CMAKE_COMMAND} -S ${SOURCE}/tests/consumer/api -B ${WORK}/api-1.0 -G ${GENERATOR}
            -DCMAKE_PREFIX_PATH=${prefix} -DWASMAUDIT_WANT=1.0 MAY_FAIL OUT out CODE code)
if(code EQUAL 0)
  message(FATAL_ERROR "find_package(wasmaudit 1.0) accepted version 0.1.0:\n${out}")
endif()
expect("${out}" "compatible with requested version \"1.0\"")
expect("${out}" "wasmaudit-config.cmake, version: 0.1.0")

# 3. pkg-config.
find_program(PKG_CONFIG pkg-config REQUIRED)
set(ENV{PKG_CONFIG_PATH} ${prefix}/lib/pkgconfig)
run(COMMAND ${PKG_CONFIG} --cflags --libs wasmaudit OUT flags)
string(STRIP "${flags}" flags)
separate_arguments(flags UNIX_COMMAND "${flags}")
run(COMMAND c++ ${SOURCE}/tests/consumer/api/main.cpp ${flags} -o ${WORK}/pkg-config-example)
run(COMMAND ${WORK}/pkg-config-example ${FIXTURES}/c/hello_command.wasm wasmtime OUT out)
expect("${out}" "verdict: portable\n")

# 4. A wasm32-wasi project audited at build time.
run(COMMAND ${CMAKE_COMMAND} -S ${SOURCE}/tests/consumer/wasm -B ${WORK}/wasm -G ${GENERATOR}
            -DCMAKE_TOOLCHAIN_FILE=${SOURCE}/tests/consumer/wasm/wasi-toolchain.cmake -DCMAKE_PREFIX_PATH=${prefix})
run(COMMAND ${CMAKE_COMMAND} --build ${WORK}/wasm --target hello OUT out)
expect("${out}" "consumer/wasm/hello.wasm (core module, command)")
expect("${out}" "verdict: portable")
file(READ ${WORK}/wasm/hello.sarif sarif)
expect("${sarif}" "\"version\": \"2.1.0\"")
run(COMMAND ${CMAKE_COMMAND} --build ${WORK}/wasm --target needs_host MAY_FAIL OUT out CODE code)
if(code EQUAL 0)
  message(FATAL_ERROR "wasmaudit_check let needs_host build:\n${out}")
endif()
expect("${out}" "error   imports.embedder  env::host_log")
expect("${out}" "exit status 1 from wasm-audit check --require wasmtime --fail-on error")
# 5. FetchContent from the checkout: the library built as a subproject (its tests are not), the
#    same target and function. Built shared (BUILD_SHARED_LIBS=ON), which also tests the shared
#    library: the example links libwasmaudit.so.0, and the tool installed from this build finds it
#    from wherever the prefix is ($ORIGIN/../lib).
run(COMMAND ${CMAKE_COMMAND} -S ${SOURCE}/tests/consumer/fetch -B ${WORK}/fetch -G ${GENERATOR}
            -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON -DWASMAUDIT_SOURCE=${SOURCE})
run(COMMAND ${CMAKE_COMMAND} --build ${WORK}/fetch)
if(EXISTS ${WORK}/fetch/_deps/wasmaudit-build/tests)
  message(FATAL_ERROR "FetchContent built wasm-audit's own tests: they are for the top-level project only")
endif()
run(COMMAND ${WORK}/fetch/audit_example ${FIXTURES}/c/hello_command.wasm wasmtime OUT out)
expect("${out}" "verdict: portable\n")
set(shared ${WORK}/shared-prefix)
run(COMMAND ${CMAKE_COMMAND} --install ${WORK}/fetch --prefix ${shared})
file(GLOB shared_libs ${shared}/lib/libwasmaudit.so.0*)
if(NOT shared_libs OR EXISTS ${shared}/lib/libwasmaudit.a)
  message(FATAL_ERROR "BUILD_SHARED_LIBS=ON did not install libwasmaudit.so.0 (and no libwasmaudit.a)")
endif()
find_program(READELF readelf)
if(READELF)
  foreach(exe ${WORK}/fetch/audit_example ${shared}/bin/wasm-audit)
    run(COMMAND ${READELF} -d ${exe} OUT dynamic)
    expect("${dynamic}" "[libwasmaudit.so.0]")
  endforeach()
  expect("${dynamic}" "[$ORIGIN/../lib]")
endif()
file(RENAME ${shared} ${WORK}/shared-moved)
run(COMMAND ${WORK}/shared-moved/bin/wasm-audit check ${FIXTURES}/c/hello_command.wasm --require wasmtime OUT out)
expect("${out}" "verdict: portable")
message(STATUS "consumer: find_package, pkg-config, a version refused, wasmaudit_check pass and fail, FetchContent, shared: ok")
