// SPDX-License-Identifier: Apache-2.0
#include <iostream>

#include "app.hpp"

int main(int argc, char** argv) {
  return wasmaudit::cli::run(argc, argv, std::cout, std::cerr, wasmaudit::cli::Environment::current());
}
