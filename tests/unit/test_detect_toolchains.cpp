// SPDX-License-Identifier: Apache-2.0
// Toolchain detection beyond Go: real clang output (fixtures/c), and modules shaped like TinyGo,
// rustc + wasm-bindgen, zig cc, Emscripten, AssemblyScript and napi-rs output (fixtures/shapes,
// fixtures/wat). Each asserts the toolchains detected, their versions and confidence.
#include <string>
#include <vector>

#include "catch.hpp"
#include "fixtures.hpp"
#include "wasmaudit/detect/detect.hpp"
#include "wasmaudit/policy/loader.hpp"
#include "wasmaudit/reader/module_reader.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

Detection detect_path(const std::filesystem::path& path) {
  const std::vector<std::uint8_t> bytes = read_bytes(path);
  const Module m = read_module(bytes);
  return detect(m, bytes, builtin_toolchains());
}

Detection detect_rel(const std::string& rel) {
  const bool built = rel.rfind("wat/", 0) == 0 || rel.rfind("shapes/", 0) == 0;
  return detect_path(built ? built_fixture(rel) : source_fixture(rel));
}

/// "id version confidence" for each guess, most confident first.
std::vector<std::string> summary(const Detection& d) {
  std::vector<std::string> out;
  for (const auto& t : d.toolchains) {
    out.push_back(t.id + " " + (t.version.empty() ? "-" : t.version) + " " +
                  std::string(to_string(t.confidence)));
  }
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("clang with wasi-libc: the C fixtures", "[detect][toolchains]") {
  for (const char* f :
       {"c/hello_command.wasm", "c/reactor.wasm", "c/file_reader.wasm", "c/env_import.wasm"}) {
    INFO(f);
    const Detection d = detect_rel(f);
    CHECK(summary(d) == Strings{"clang 14.0.6 high"});
    CHECK(d.toolchains[0].name == "C/C++ (clang; wasi-sdk or wasi-libc)");
    CHECK(d.warnings.empty());
  }
  // Freestanding: no wasi-libc, producers without a language.
  const Detection d = detect_rel("c/imported_memory.wasm");
  CHECK(summary(d) == Strings{"clang 14.0.6 high"});
  REQUIRE(d.toolchains[0].evidence.size() == 1);
  CHECK(d.toolchains[0].evidence[0].what == "producers processed-by: Debian clang 14.0.6");
  CHECK(detect_rel("c/reactor.wasm").target_features == Strings{"+mutable-globals"});
}

TEST_CASE("TinyGo: producers name TinyGo and hide its own clang", "[detect][toolchains]") {
  const Detection d = detect_rel("shapes/tinygo_wasip1_reactor.wasm");
  CHECK(summary(d) == Strings{"tinygo 0.40.1 high"});
  Strings whats;
  for (const auto& e : d.toolchains[0].evidence) whats.push_back(e.what);
  CHECK(whats ==
        Strings{"producers processed-by: TinyGo 0.40.1",
                "producers processed-by: clang 20.1.1 (https://github.com/tinygo-org/llvm-project "
                "1cd4e3d8e9a5a0ebd1ba1c5d8f5b4d4d0a2a1f33)",
                "function main.reset#wasmexport"});
  CHECK(d.target_features == Strings{"+mutable-globals", "+nontrapping-fptoint", "+sign-ext"});
  CHECK(d.producers.size() == 4);
}

TEST_CASE("Rust with wasm-bindgen: both, with their versions", "[detect][toolchains]") {
  const Detection d = detect_rel("shapes/rust_wasm_bindgen_web.wasm");
  CHECK(summary(d) == Strings{"rust 1.76.0-nightly high", "wasm-bindgen 0.2.92 high"});
  Strings bindgen;
  for (const auto& e : d.toolchains[1].evidence) bindgen.push_back(e.what);
  CHECK(bindgen == Strings{"producers processed-by: wasm-bindgen 0.2.92 (2a4a49362)",
                           "import wbg::__wbindgen_throw", "export __wbindgen_malloc"});
  // The import-only shape (no producers): wasm-bindgen alone.
  CHECK(summary(detect_rel("wat/rule_wasm_bindgen.wasm")) == Strings{"wasm-bindgen - high"});
}

TEST_CASE("zig cc: Zig's clang, no Zig version", "[detect][toolchains]") {
  const Detection d = detect_rel("shapes/zig_cc_freestanding.wasm");
  CHECK(summary(d) == Strings{"zig - high"});
}

TEST_CASE("Emscripten, AssemblyScript and napi-rs from imports and exports",
          "[detect][toolchains]") {
  CHECK(summary(detect_rel("wat/rule_emscripten.wasm")) == Strings{"emscripten - high"});
  const Detection as = detect_rel("wat/toolchain_assemblyscript.wasm");
  CHECK(summary(as) == Strings{"assemblyscript - medium"});
  CHECK(as.toolchains[0].evidence[0].what == "import env::abort (i32, i32, i32, i32) -> ()");
  CHECK(summary(detect_rel("wat/toolchain_napi_rs.wasm")) == Strings{"napi-rs - high"});
}

TEST_CASE("modules without any tell detect nothing", "[detect][toolchains]") {
  for (const char* f : {"wat/no_imports.wasm", "wat/wasi_command.wasm", "wat/library.wasm",
                        "component/hello_command.component.wasm"}) {
    INFO(f);
    const Detection d = detect_rel(f);
    CHECK(d.toolchains.empty());
    CHECK(d.warnings.empty());
  }
}

TEST_CASE("every valid fixture detects without warnings", "[detect][toolchains]") {
  for (const auto& path : valid_fixtures()) {
    INFO(path.string());
    CHECK(detect_path(path).warnings.empty());
  }
}
