// SPDX-License-Identifier: Apache-2.0
// Writes a large valid module for the benchmarks: gen_large_module OUT.wasm [CODE_MB] [FUNCTIONS]
// (defaults: 50 MB of code in 300 functions). See bench/README.md.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "large_module.hpp"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 4) {
    std::cerr << "usage: " << argv[0] << " OUT.wasm [CODE_MB] [FUNCTIONS]\n";
    return 2;
  }
  wasmaudit::bench::LargeModuleOptions options;
  try {
    if (argc > 2) options.code_bytes = std::stoull(argv[2]) << 20;
    if (argc > 3) options.functions = static_cast<std::uint32_t>(std::stoul(argv[3]));
  } catch (const std::exception&) {
    std::cerr << "gen_large_module: CODE_MB and FUNCTIONS must be numbers\n";
    return 2;
  }
  if (options.functions == 0) {
    std::cerr << "gen_large_module: FUNCTIONS must be at least 1\n";
    return 2;
  }
  const auto bytes = wasmaudit::bench::make_large_module(options);
  std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    std::cerr << "gen_large_module: cannot write " << argv[1] << '\n';
    return 1;
  }
  std::cout << argv[1] << ": " << bytes.size() << " bytes\n";
  return 0;
}
