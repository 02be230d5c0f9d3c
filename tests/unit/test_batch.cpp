// SPDX-License-Identifier: Apache-2.0
// The batch runner (batch.hpp): directories walked in a fixed order, results in input order
// whatever the number of threads, bad inputs reported without stopping the others.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "audit_helpers.hpp"
#include "catch.hpp"
#include "cli_runner.hpp"
#include "wasmaudit/batch.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;
namespace fs = std::filesystem;

namespace {

struct Tree {
  fs::path root = fs::temp_directory_path() / ("wasmaudit-batch-" + std::to_string(::getpid()));
  Tree() {
    fs::remove_all(root);
    fs::create_directories(root / "b" / "deep");
    fs::create_directories(root / "a");
    fs::create_directories(root / "empty");
    fs::create_directories(root / "dir.wasm");  // a directory named like a module is not one
    fs::copy_file(fixture_path("c/hello_command.wasm"), root / "b" / "deep" / "z.wasm");
    fs::copy_file(fixture_path("c/reactor.wasm"), root / "b" / "a.wasm");
    fs::copy_file(fixture_path("go/js_hello_go124.wasm"), root / "a" / "m.wasm");
    std::ofstream(root / "a" / "notes.txt") << "not a module";
    std::ofstream(root / "a" / "broken.wasm") << "garbage";
  }
  ~Tree() { fs::remove_all(root); }
  std::string operator/(const std::string& rel) const { return (root / rel).generic_string(); }
};

std::vector<std::string> paths(const std::vector<BatchInput>& inputs) {
  std::vector<std::string> out;
  for (const auto& i : inputs) out.push_back(i.path);
  return out;
}

}  // namespace

TEST_CASE("a directory is walked recursively for *.wasm, sorted", "[batch]") {
  Tree t;
  const auto inputs = expand_inputs({t / "b", t / "a", t / "empty", t / "missing.wasm"});
  CHECK(paths(inputs) == std::vector<std::string>{t / "b/a.wasm", t / "b/deep/z.wasm", t / "a/broken.wasm",
                                                  t / "a/m.wasm", t / "empty", t / "missing.wasm"});
  REQUIRE(inputs[4].error);
  CHECK(inputs[4].error->message == "no *.wasm file in this directory or below it");
  CHECK_FALSE(inputs[5].error);  // reading it reports the error, with the reader's words
  CHECK(paths(expand_inputs({t.root.string()})).size() == 4);
}

TEST_CASE("run_ordered emits in input order on any number of threads", "[batch]") {
  for (unsigned jobs : {0u, 1u, 2u, 8u}) {
    std::vector<int> done(100, 0);
    std::vector<std::size_t> emitted;
    std::atomic<int> running{0};
    std::atomic<int> most{0};
    run_ordered(
        100, jobs,
        [&](std::size_t i) {
          const int now = ++running;
          int seen = most.load();
          while (now > seen && !most.compare_exchange_weak(seen, now)) {
          }
          // Later items finish first, so emission has to wait for earlier ones.
          std::this_thread::sleep_for(std::chrono::microseconds((100 - i) * 20));
          done[i] = 1;
          --running;
        },
        [&](std::size_t i) {
          CHECK(done[i] == 1);
          emitted.push_back(i);
        });
    std::vector<std::size_t> expected(100);
    for (std::size_t i = 0; i < 100; ++i) expected[i] = i;
    CHECK(emitted == expected);
    if (jobs == 1) CHECK(most.load() == 1);
    if (jobs == 8) CHECK(most.load() <= 8);
  }
}

TEST_CASE("check over a directory: one bad file never stops the others, --jobs keeps the order", "[batch][cli]") {
  Tree t;
  const CliResult one = run_cli({"check", "--quiet", t.root.string()});
  const CliResult two = run_cli({"check", "--quiet", "--jobs", "2", t.root.string()});
  CHECK(one.out == two.out);
  CHECK(one.err == two.err);
  CHECK(one.exit_code == 3);  // the broken file; the gate failure of the js build is weaker
  CHECK(one.err == "wasm-audit: error: " + (t / "a/broken.wasm") +
                       ":0x0: header: not a WebAssembly binary: a text file (starts with 67 61 72 62, expected 00 61 73 6d)\n");
  // Every good module is reported, in sorted order, and the summary counts all four.
  const auto m = one.out.find(t / "a/m.wasm");
  const auto a = one.out.find(t / "b/a.wasm");
  const auto z = one.out.find(t / "b/deep/z.wasm");
  REQUIRE(m != std::string::npos);
  REQUIRE(a != std::string::npos);
  REQUIRE(z != std::string::npos);
  CHECK(m < a);
  CHECK(a < z);
  CHECK(one.out.find("4 files checked: 1 could not be read, 1 failed the gate") != std::string::npos);
}

TEST_CASE("JSON Lines: one complete object per module, in input order", "[batch][jsonl]") {
  Tree t;
  const CliResult r = run_cli({"check", "--format", "jsonl", "--jobs", "2", t.root.string()});
  std::vector<std::string> lines;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  REQUIRE(lines.size() == 4);
  for (const auto& l : lines) {
    CHECK(l.rfind("{\"schema\":\"wasm-audit/check-line/1\",\"tool\":{", 0) == 0);
    CHECK(l.find("\"sha256\":\"") != std::string::npos);
  }
  CHECK(lines[0].find("broken.wasm\"") != std::string::npos);
  CHECK(lines[0].find("\"ok\":false") != std::string::npos);
  CHECK(lines[1].find("\"verdict\":\"browser-target\"") != std::string::npos);
  CHECK(lines[1].find("\"gate\":{\"failed\":true") != std::string::npos);
  // The SHA-256 of a known file (sha256sum fixtures/c/hello_command.wasm).
  CHECK(lines[3].find(t / "b/deep/z.wasm") != std::string::npos);
  CHECK(lines[3].find("\"sha256\":\"9aa09168ccf331a91e10d355ed432f23c92359cbeb6962ff39ed5108acb3c178\"") !=
        std::string::npos);
}
