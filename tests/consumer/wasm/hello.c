// SPDX-License-Identifier: Apache-2.0
// A WASI command: runs on every WASI runtime, so wasmaudit_check(REQUIRE wasmtime,wazero) passes.
#include <stdio.h>

int main(void) {
  puts("hello from wasm32-wasi");
  return 0;
}
