// SPDX-License-Identifier: Apache-2.0
// Findings and fixes in the terms of the toolchain that built a module, on real modules from npm
// packages (fixtures/npm) and the Go and C fixtures: the advice of one ecosystem never reaches a
// module of another, and a module with no toolchain evidence gets the neutral text.
#include <algorithm>
#include <string>

#include "audit_helpers.hpp"
#include "findings.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

const Finding& only(const CheckResult& r, const std::string& rule) {
  const auto found = findings_of(r, rule);
  REQUIRE(found.size() == 1);
  return *found.front();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("napi-rs wasm32-wasip1-threads: a JS-host build, its env.memory from the loader", "[policy][toolchains]") {
  const CheckResult r = audit_fixture("npm/napi_rs_snappy_wasm32_wasi.wasm");
  CHECK(r.verdict.verdict == Verdict::kBrowserTarget);
  // emnapi's _emnapi_*_js helpers are emnapi's (the more specific name), not Emscripten's `_*_js`.
  CHECK(findings_of(r, "target.emscripten").empty());
  // The shared env.memory its loader passes is not "an embedder's function".
  CHECK(findings_of(r, "imports.embedder").empty());
  bool memory_from_glue = false;
  for (const Finding* f : findings_of(r, "imports.host-abi")) {
    if (f->subject == "env::memory") memory_from_glue = has(f->message, "JavaScript glue");
  }
  CHECK(memory_from_glue);
  CHECK(has(only(r, "threads.wasi-thread-spawn").fix, "@napi-rs/wasm-runtime"));
}

TEST_CASE("a Rust wasip1 library without _initialize is a legal reactor, not an invalid ABI", "[policy][toolchains]") {
  const CheckResult r = audit_fixture("npm/rust_wasip1_swc_plugin_noop.wasm");
  const Finding& f = only(r, "abi.reactor-without-initialize");
  CHECK(f.severity == Severity::kWarning);
  CHECK(r.verdict.verdict == Verdict::kNeedsEmbedder);  // its env:: imports are the plugin host's
  // Stripped (no producers, no name section): Rust only from its /rustc/ panic locations in the
  // data, and the advice is Rust's, never Go's or clang's.
  CHECK(has(f.fix, "Rust cdylib"));
  CHECK_FALSE(has(f.fix, "-mexec-model"));
  CHECK_FALSE(has(only(r, "imports.embedder").fix, "build tag"));
  DetectOptions d;
  const InspectEntry e = inspect_file(fixture_path("npm/rust_wasip1_swc_plugin_noop.wasm"), d);
  REQUIRE(e.detection);
  REQUIRE(e.detection->toolchains.size() == 1);
  CHECK(e.detection->toolchains[0].id == "rust");
  CHECK(e.detection->toolchains[0].confidence == Confidence::kMedium);
  REQUIRE(e.detection->toolchains[0].evidence.size() == 1);
  CHECK(e.detection->toolchains[0].evidence[0].where == "data");
}

TEST_CASE("a C reactor without _initialize is told to link with -mexec-model=reactor", "[policy][toolchains]") {
  const CheckResult r = audit_fixture("wat/rule_reactor_without_initialize.wasm", {}, builtin_knowledge(),
                                      [](Detection& d) {
                                        ToolchainGuess g;
                                        g.id = "clang";
                                        d.toolchains.insert(d.toolchains.begin(), g);
                                      });
  CHECK(has(only(r, "abi.reactor-without-initialize").fix, "-mexec-model=reactor"));
  CHECK(r.verdict.verdict != Verdict::kInvalidAbi);
}

TEST_CASE("a TinyGo GOOS=js build is sent to TinyGo's wasm_exec.js, not Go's", "[policy][toolchains]") {
  const CheckResult r = audit_fixture("npm/tinygo_js_sh_syntax.wasm");
  const Finding& f = only(r, "target.gojs");
  CHECK(has(f.fix, "TinyGo"));
  CHECK(has(f.fix, "wasm_exec.js"));
  CHECK_FALSE(has(f.fix, "GOOS=wasip1"));
  // A Go build keeps Go's advice.
  CHECK(has(only(audit_fixture("go/js_hello_go124.wasm"), "target.gojs").fix, "GOOS=wasip1"));
}

TEST_CASE("embedder imports: a build tag only for Go", "[policy][toolchains]") {
  // Zig (zig cc): the neutral text.
  const CheckResult zig = audit_fixture("npm/zig_cc_md4w.wasm");
  REQUIRE(!zig.findings.empty());
  CHECK_FALSE(has(only(zig, "imports.embedder").fix, "build tag"));
  CHECK(has(only(zig, "imports.embedder").fix, "--host"));
  // Go: //go:wasmimport behind a build tag.
  CHECK(has(only(audit_fixture("go/wasmimport_env_go124.wasm"), "imports.embedder").fix, "build tag"));
}

TEST_CASE("an imported memory some hosts create is not provided by no host", "[policy][toolchains]") {
  const CheckResult r = audit_fixture("c/imported_memory.wasm");
  const Finding& f = only(r, "imports.embedder");
  INFO(f.message);
  CHECK(has(f.message, "only env::memory: provided by wamr"));
}

TEST_CASE("an AssemblyScript module is recognised from its abort import alone", "[policy][toolchains]") {
  DetectOptions d;
  const InspectEntry e = inspect_file(fixture_path("npm/assemblyscript_as_sha256.wasm"), d);
  REQUIRE(e.detection);
  REQUIRE(!e.detection->toolchains.empty());
  CHECK(e.detection->toolchains.front().id == "assemblyscript");
  const CheckResult r = audit_fixture("npm/assemblyscript_as_sha256.wasm");
  CHECK(has(only(r, "imports.host-abi").fix, "--use abort="));
}
