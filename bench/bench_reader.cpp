// SPDX-License-Identifier: Apache-2.0
// The reader's cost must not grow with the code section: it measures code and data, never decodes
// them. Each benchmark runs on modules with 1, 10, 50 and 100 MB of code and the same imports and
// exports; the times should be flat across the four sizes. See bench/README.md.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <span>
#include <streambuf>
#include <string>
#include <unistd.h>
#include <vector>

#include <benchmark/benchmark.h>

#include "large_module.hpp"
#include "wasmaudit/audit.hpp"
#include "wasmaudit/reader/module_reader.hpp"
#include "wasmaudit/report/inspect.hpp"

namespace {

namespace fs = std::filesystem;

const std::vector<std::uint8_t>& module_bytes(std::int64_t code_mb) {
  static std::map<std::int64_t, std::vector<std::uint8_t>> cache;
  auto it = cache.find(code_mb);
  if (it == cache.end()) {
    wasmaudit::bench::LargeModuleOptions options;
    options.code_bytes = static_cast<std::uint64_t>(code_mb) << 20;
    it = cache.emplace(code_mb, wasmaudit::bench::make_large_module(options)).first;
  }
  return it->second;
}

// The modules written to a temporary directory once, removed at exit.
class TempModules {
 public:
  ~TempModules() {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  const std::string& path(std::int64_t code_mb) {
    auto it = paths_.find(code_mb);
    if (it != paths_.end()) return it->second;
    if (dir_.empty()) {
      dir_ = fs::temp_directory_path() / ("wasmaudit-bench-" + std::to_string(::getpid()));
      fs::create_directories(dir_);
    }
    const fs::path file = dir_ / ("code_" + std::to_string(code_mb) + "mb.wasm");
    const auto& bytes = module_bytes(code_mb);
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    return paths_.emplace(code_mb, file.string()).first->second;
  }

 private:
  fs::path dir_;
  std::map<std::int64_t, std::string> paths_;
};

TempModules& temp_modules() {
  static TempModules modules;
  return modules;
}

class NullBuffer : public std::streambuf {
 protected:
  int_type overflow(int_type c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

void set_counters(benchmark::State& state) {
  state.counters["file_MB"] = static_cast<double>(module_bytes(state.range(0)).size()) / (1 << 20);
}

// read_module over bytes already in memory.
void bm_read_module(benchmark::State& state) {
  const auto& bytes = module_bytes(state.range(0));
  for (auto _ : state) {
    wasmaudit::Module m = wasmaudit::read_module(std::span<const std::uint8_t>(bytes));
    benchmark::DoNotOptimize(m);
  }
  set_counters(state);
}

// inspect_file: open, memory-map, read, unmap — what `wasm-audit inspect` does before reporting.
void bm_inspect_file(benchmark::State& state) {
  const std::string& path = temp_modules().path(state.range(0));
  for (auto _ : state) {
    wasmaudit::InspectEntry entry = wasmaudit::inspect_file(path);
    if (!entry.module) state.SkipWithError("inspect_file failed");
    benchmark::DoNotOptimize(entry);
  }
  set_counters(state);
}

// inspect_file plus the JSON report, written to a stream that drops it.
void bm_inspect_file_json(benchmark::State& state) {
  const std::string& path = temp_modules().path(state.range(0));
  NullBuffer buffer;
  std::ostream null_out(&buffer);
  for (auto _ : state) {
    const std::vector<wasmaudit::InspectEntry> entries = {wasmaudit::inspect_file(path)};
    wasmaudit::render_inspect_json(entries, null_out);
  }
  set_counters(state);
}

void code_sizes(benchmark::internal::Benchmark* b) {
  b->ArgName("code_MB")->Arg(1)->Arg(10)->Arg(50)->Arg(100)->Unit(benchmark::kMicrosecond);
}

BENCHMARK(bm_read_module)->Apply(code_sizes);
BENCHMARK(bm_inspect_file)->Apply(code_sizes);
BENCHMARK(bm_inspect_file_json)->Apply(code_sizes);

}  // namespace

BENCHMARK_MAIN();
