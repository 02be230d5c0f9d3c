# SPDX-License-Identifier: Apache-2.0
# Debian 12's clang for wasm32-wasi (packages clang, lld, wasi-libc, libclang-rt-14-dev-wasm32;
# sysroot /usr), as a CMake toolchain file: the shape of a wasi-sdk project.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR wasm32)
set(CMAKE_C_COMPILER clang)
set(CMAKE_C_COMPILER_TARGET wasm32-wasi)
set(CMAKE_SYSROOT /usr)
set(CMAKE_EXECUTABLE_SUFFIX_C .wasm)
# The installed wasmaudit package is the build machine's: look for packages outside the sysroot.
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
