# SPDX-License-Identifier: Apache-2.0
# `cmake --install`: the tool, the public headers, the library (static, or shared with
# BUILD_SHARED_LIBS=ON), the man page, and the package consumers find: a CMake package
# (wasmaudit-config.cmake with the exported targets wasmaudit::wasmaudit and wasmaudit::wasm-audit,
# a version file with SameMajorVersion compatibility, wasmaudit_check()) and wasmaudit.pc
# (docs/library.md).
include(CMakePackageConfigHelpers)

set(WASMAUDIT_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/wasmaudit)

# A shared library is found from the installed tool relative to it ($ORIGIN/../lib), so the prefix
# may be anywhere and moved.
if(BUILD_SHARED_LIBS)
  file(RELATIVE_PATH _wasmaudit_bin_to_lib "/prefix/${CMAKE_INSTALL_BINDIR}" "/prefix/${CMAKE_INSTALL_LIBDIR}")
  set_target_properties(wasm-audit PROPERTIES INSTALL_RPATH "$ORIGIN/${_wasmaudit_bin_to_lib}")
endif()

install(TARGETS wasmaudit_core wasm-audit EXPORT wasmaudit-targets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/wasmaudit DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.hpp")
install(FILES ${PROJECT_BINARY_DIR}/generated/wasmaudit/version.hpp
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/wasmaudit)
install(EXPORT wasmaudit-targets NAMESPACE wasmaudit:: DESTINATION ${WASMAUDIT_CMAKE_DIR}
  FILE wasmaudit-targets.cmake)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/wasmaudit-config.cmake.in
  ${PROJECT_BINARY_DIR}/generated/wasmaudit-config.cmake
  INSTALL_DESTINATION ${WASMAUDIT_CMAKE_DIR})
# ARCH_INDEPENDENT: a wasm32 project (32-bit pointers) finds the package too, for the tool and
# wasmaudit_check(); linking the 64-bit library into it would fail anyway.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/generated/wasmaudit-config-version.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion ARCH_INDEPENDENT)
install(FILES
  ${PROJECT_BINARY_DIR}/generated/wasmaudit-config.cmake
  ${PROJECT_BINARY_DIR}/generated/wasmaudit-config-version.cmake
  ${PROJECT_SOURCE_DIR}/cmake/WasmauditCheck.cmake
  ${PROJECT_SOURCE_DIR}/cmake/WasmauditCheckRun.cmake
  DESTINATION ${WASMAUDIT_CMAKE_DIR})

# The man page, from the tool's own help (cmake/ManPage.cmake).
set(WASMAUDIT_MAN ${PROJECT_BINARY_DIR}/generated/wasm-audit.1)
add_custom_command(OUTPUT ${WASMAUDIT_MAN}
  COMMAND ${CMAKE_COMMAND} -DTOOL=$<TARGET_FILE:wasm-audit> -DOUT=${WASMAUDIT_MAN} -DVERSION=${PROJECT_VERSION}
          -P ${PROJECT_SOURCE_DIR}/cmake/ManPage.cmake
  DEPENDS wasm-audit ${PROJECT_SOURCE_DIR}/cmake/ManPage.cmake
  COMMENT "Writing the man page from wasm-audit --help" VERBATIM)
add_custom_target(wasmaudit_man ALL DEPENDS ${WASMAUDIT_MAN})
install(FILES ${WASMAUDIT_MAN} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# pkg-config: paths relative to where the .pc file lies (${pcfiledir}), so the package may be
# installed under any --prefix.
file(RELATIVE_PATH WASMAUDIT_PC_TO_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(WASMAUDIT_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  set(WASMAUDIT_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(WASMAUDIT_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
else()
  set(WASMAUDIT_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/wasmaudit.pc.in ${PROJECT_BINARY_DIR}/generated/wasmaudit.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/generated/wasmaudit.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
