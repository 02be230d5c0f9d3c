// SPDX-License-Identifier: Apache-2.0
// The code scan's throughput: read_module() (which decodes every function body) over real
// modules in memory — the Go fixtures, the Emscripten and wasm-bindgen ones — and over the
// generated large module. The rate is the code section's bytes per second (`bytes_per_second`):
// the scan must keep at least 1 GB/s per core on real code. See bench/README.md.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "large_module.hpp"
#include "wasmaudit/reader/module_reader.hpp"

namespace {

std::vector<std::uint8_t> read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::uint64_t code_bytes(const wasmaudit::Module& m) {
  for (const auto& s : m.sections) {
    if (s.id == 10) return s.payload.size;
  }
  return 0;
}

void scan(benchmark::State& state, const std::vector<std::uint8_t>& bytes) {
  const std::uint64_t code = code_bytes(wasmaudit::read_module(bytes));
  for (auto _ : state) {
    wasmaudit::Module m = wasmaudit::read_module(bytes);
    benchmark::DoNotOptimize(m.features.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * code));
  state.counters["code_MB"] = static_cast<double>(code) / (1 << 20);
}

void register_fixture(const char* name) {
  const auto path = std::filesystem::path(WASMAUDIT_SOURCE_DIR) / "fixtures" / name;
  auto bytes = std::make_shared<std::vector<std::uint8_t>>(read_file(path));
  benchmark::RegisterBenchmark((std::string("read_module/") + name).c_str(),
                               [bytes](benchmark::State& state) { scan(state, *bytes); })
      ->Unit(benchmark::kMillisecond);
}

void BM_LargeModule(benchmark::State& state) {
  wasmaudit::bench::LargeModuleOptions options;
  options.code_bytes = static_cast<std::uint64_t>(state.range(0)) << 20;
  static std::vector<std::uint8_t> bytes;
  bytes = wasmaudit::bench::make_large_module(options);
  scan(state, bytes);
}
BENCHMARK(BM_LargeModule)->Arg(10)->Arg(50)->Unit(benchmark::kMillisecond);

const int registered = [] {
  for (const char* f : {"go/net_listen_go124.wasm", "go/wasip1_hello_go121.wasm", "go/js_hello_go124.wasm",
                        "npm/emscripten_web_tree_sitter.wasm", "npm/wasm_bindgen_lz4_wasm.wasm", "c/file_reader.wasm"}) {
    register_fixture(f);
  }
  return 0;
}();

}  // namespace

BENCHMARK_MAIN();
