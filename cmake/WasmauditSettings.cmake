# SPDX-License-Identifier: Apache-2.0
# wasmaudit_settings: the flags every target of ours shares. Flags live on targets, never in
# CMAKE_CXX_FLAGS, so a consumer of the library is not forced into our warnings or sanitizers.
add_library(wasmaudit_settings INTERFACE)
target_compile_features(wasmaudit_settings INTERFACE cxx_std_20)
target_compile_options(wasmaudit_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
  -Wnull-dereference -Wcast-align
  $<$<BOOL:${WASMAUDIT_WERROR}>:-Werror>)
target_compile_definitions(wasmaudit_settings INTERFACE $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)
if(WASMAUDIT_SANITIZE)
  string(REPLACE ";" "," _wasmaudit_san "${WASMAUDIT_SANITIZE}")
  target_compile_options(wasmaudit_settings INTERFACE
    -fsanitize=${_wasmaudit_san} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(wasmaudit_settings INTERFACE -fsanitize=${_wasmaudit_san})
endif()

# Integer-width bugs in the reader are security bugs: stricter conversions there.
set(WASMAUDIT_READER_WARNINGS -Wconversion -Wsign-conversion)
