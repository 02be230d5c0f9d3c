# SPDX-License-Identifier: Apache-2.0
# Build-time fixtures: .wat compiled by wat2wasm, annotated .hex assembled by hex2wasm.

# wasmaudit_add_wat_fixtures(OUT_VAR SRC_DIR DEST_DIR): every SRC_DIR/*.wat -> DEST_DIR/*.wasm.
# All proposals wabt knows are enabled: fixtures exercise threads, memory64, exceptions, …
function(wasmaudit_add_wat_fixtures out_var src_dir dest_dir)
  file(GLOB wats CONFIGURE_DEPENDS ${src_dir}/*.wat)
  set(outputs)
  foreach(wat IN LISTS wats)
    get_filename_component(stem ${wat} NAME_WE)
    set(out ${dest_dir}/${stem}.wasm)
    add_custom_command(OUTPUT ${out}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${dest_dir}
      COMMAND ${WAT2WASM} --enable-all ${wat} -o ${out}
      DEPENDS ${wat} VERBATIM)
    list(APPEND outputs ${out})
  endforeach()
  set(${out_var} ${outputs} PARENT_SCOPE)
endfunction()

# wasmaudit_add_hex_fixtures(OUT_VAR SRC_DIR DEST_DIR): every SRC_DIR/*.hex -> DEST_DIR/*.wasm.
function(wasmaudit_add_hex_fixtures out_var src_dir dest_dir)
  file(GLOB hexes CONFIGURE_DEPENDS ${src_dir}/*.hex)
  set(outputs)
  foreach(hex IN LISTS hexes)
    get_filename_component(stem ${hex} NAME_WE)
    set(out ${dest_dir}/${stem}.wasm)
    add_custom_command(OUTPUT ${out}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${dest_dir}
      COMMAND wasmaudit_hex2wasm ${hex} ${out}
      DEPENDS ${hex} wasmaudit_hex2wasm VERBATIM)
    list(APPEND outputs ${out})
  endforeach()
  set(${out_var} ${outputs} PARENT_SCOPE)
endfunction()
