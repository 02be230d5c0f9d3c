// SPDX-License-Identifier: Apache-2.0
// A WASI command that also imports a function only an embedder provides (env.host_log): no stock
// runtime instantiates it, so wasmaudit_check(REQUIRE wasmtime) fails the build.
__attribute__((import_module("env"), import_name("host_log"))) void host_log(int code);

int main(void) {
  host_log(42);
  return 0;
}
