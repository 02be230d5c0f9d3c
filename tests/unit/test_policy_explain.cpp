// SPDX-License-Identifier: Apache-2.0
// explain on real error text: tests/explain/messages.json holds messages real runtimes printed
// (runs here, issue threads, each with its source). For every message of a runtime the knowledge
// base profiles, explain must name that runtime, the kind of failure and the import the message
// names. Messages marked "gap" are known misses (a wording the knowledge base lacks): the test
// checks that they are still missed, so that fixing one means removing its mark.
#include <set>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "fixtures.hpp"
#include "messages_corpus.hpp"
#include "wasmaudit/audit.hpp"
#include "wasmaudit/policy/explain.hpp"
#include "wasmaudit/policy/loader.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

/// Whether one of the explanations names the message's runtime, kind and (when the text names it) import.
bool explained(const nlohmann::json& m, const ExplainResult& r, std::string& why) {
  const std::string runtime = m["runtime"];
  const std::string kind = m["kind"];
  const bool import_kinds = kind == "trap-on-call" || kind.rfind("missing-", 0) == 0;
  why = "not recognised";
  for (const auto& e : r.explanations) {
    bool runtime_ok = false;
    for (const auto& rt : e.runtimes) runtime_ok = runtime_ok || rt.id == runtime;
    // One line several kinds print is an unknown import of an unsaid kind.
    const bool kind_ok = e.kind == kind || (import_kinds && e.kind == "unknown-import");
    bool import_ok = true;
    if (m.contains("import")) {
      const auto& imp = m["import"];
      const std::string name = imp.value("name", "");
      const std::string module = imp.value("module", "");
      const std::string text = m["text"];
      // The text names the import when it holds its name and its module (wasm3's "unallocated
      // linear memory" says "memory" without naming env.memory).
      const bool named = !(name.empty() ? module : name).empty() && text.find(name) != std::string::npos &&
                         (name.empty() || module.empty() || text.find(module) != std::string::npos);
      if (named) {
        import_ok = e.import.has_value() && (module.empty() || e.import->module == module) &&
                    (e.import->name.empty() || name.empty() || e.import->name == name);
      }
    }
    // A line several proposals print names them all ("relaxed-simd or simd").
    const bool feature_ok = !m.contains("feature") || e.feature.find(m["feature"].get<std::string>()) != std::string::npos;
    if (runtime_ok && kind_ok && import_ok && feature_ok) return true;
    why = "kind " + e.kind + (e.feature.empty() ? "" : " (" + e.feature + ")") +
          (e.import ? ", import " + e.import->module + "::" + e.import->name : "");
  }
  return false;
}

}  // namespace

TEST_CASE("explain recognises real error messages: runtime, kind and import", "[explain]") {
  const Knowledge& k = builtin_knowledge();
  std::set<std::string> profiles;
  for (const auto& p : k.runtimes) profiles.insert(p.id);
  for (const auto& t : k.toolchains) profiles.insert(t.id);  // toolchain errors (policies/toolchains `errors`)
  std::size_t checked = 0;
  std::size_t gaps = 0;
  std::set<std::string> runtimes_seen;
  for (const auto& m : messages_corpus()) {
    REQUIRE(m.contains("source"));
    REQUIRE(profiles.count(m["runtime"]) == 1);  // every message is from a profiled runtime or toolchain
    const std::string text = m["text"];
    INFO("message: " << text << "\nsource: " << m["source"].get<std::string>());
    const ExplainResult r = explain_errors(text, k);
    std::string why;
    const bool ok = explained(m, r, why);
    INFO("explain: " << why);
    if (m.contains("gap")) {
      ++gaps;
      CHECK_FALSE(ok);  // a known gap that now works: remove its "gap" mark
    } else {
      ++checked;
      CHECK(ok);
      runtimes_seen.insert(m["runtime"]);
    }
  }
  CHECK(checked >= 40);
  // Every profiled runtime has messages explain recognises.
  for (const char* id : {"wasmtime", "wazero", "wasmedge", "wasmer", "wamr", "wasm3", "node", "browser", "jco"}) {
    INFO(id);
    CHECK(runtimes_seen.count(id) == 1);
  }
  WARN(checked << " messages explained, " << gaps << " known gaps");
}

TEST_CASE("explain: the causes of a wasmtime unknown import of a preview-1 function", "[explain]") {
  const ExplainResult r = explain_errors(
      "Error: failed to run main module `app.wasm`\n\nCaused by:\n    0: failed to instantiate \"app.wasm\"\n"
      "    1: unknown import: `wasi_snapshot_preview1::sock_accept` has not been defined\n",
      builtin_knowledge());
  REQUIRE(r.explanations.size() == 1);
  const Explanation& e = r.explanations[0];
  CHECK(e.line == 5);
  REQUIRE(e.runtimes.size() == 1);
  CHECK(e.runtimes[0].id == "wasmtime");
  CHECK(e.kind == "unknown-import");
  REQUIRE(e.import);
  CHECK(e.import->module == "wasi_snapshot_preview1");
  CHECK(e.import->name == "sock_accept");
  // Every covered wasmtime provides it: an older release or a trimmed embedder printed this.
  REQUIRE(!e.causes.empty());
  CHECK(e.causes[0].cause.find("older release") != std::string::npos);
  CHECK(e.causes[0].confidence == "high");
}

TEST_CASE("explain: Node's LinkError for Go's gojs glue names the wrong target and the glue version", "[explain]") {
  const ExplainResult r = explain_errors(
      "LinkError: WebAssembly.instantiate(): Import #0 module=\"gojs\" function=\"runtime.wasmExit\" error: "
      "function import requires a callable",
      builtin_knowledge());
  REQUIRE(r.explanations.size() == 1);
  const Explanation& e = r.explanations[0];
  REQUIRE(e.import);
  CHECK(e.import->module == "gojs");
  CHECK(e.import->name == "runtime.wasmExit");
  REQUIRE(e.causes.size() >= 2);
  CHECK(e.causes[0].fix.find("GOOS=wasip1") != std::string::npos);
  CHECK(e.causes[1].cause.find("another release") != std::string::npos);
}

TEST_CASE("explain: a log with several errors among other output, and text it does not know", "[explain]") {
  const std::string log =
      "building...\nok\n"
      "error instantiating wasm binary: module[env] not instantiated\n"
      "some other line\n"
      "[2026-11-30 10:52:00.100] [error] instantiation failed: unknown import, Code: 0x302\n"
      "[2026-11-30 10:52:00.100] [error]     When linking module: \"env\" , function name: \"host_log\"\n"
      "[2026-11-30 10:52:00.100] [error]     At AST node: import description\n";
  const ExplainResult r = explain_errors(log, builtin_knowledge());
  REQUIRE(r.explanations.size() >= 2);
  CHECK(r.explanations.front().line == 3);
  CHECK(r.explanations.front().runtimes.front().id == "wazero");
  // WasmEdge's first line is the same for every kind of import; its second names the import.
  CHECK(r.explanations.back().line == 6);
  CHECK(r.explanations.back().runtimes.front().id == "wasmedge");
  REQUIRE(r.explanations.back().import);
  CHECK(r.explanations.back().import->name == "host_log");

  const ExplainResult none = explain_errors("the build passed, all good", builtin_knowledge());
  CHECK_FALSE(none.recognised());
}

TEST_CASE("explain --module: the module confirms the import, the toolchain and check's prediction", "[explain]") {
  const Knowledge& k = builtin_knowledge();
  ExplainResult r = explain_errors(
      "LinkError: WebAssembly.instantiate(): Import #0 module=\"gojs\" function=\"runtime.wasmExit\" error: "
      "function import requires a callable",
      k);
  REQUIRE(r.explanations.size() == 1);
  const CheckEntry entry = check_file(source_fixture("go/js_hello_go121.wasm").string(), k, EvalOptions{});
  REQUIRE(entry.module);
  confirm_with_module(r, entry.path, *entry.module, &*entry.detection, *entry.result);
  REQUIRE(r.explanations[0].module);
  const ExplainModule& m = *r.explanations[0].module;
  CHECK(m.imports_it == true);
  CHECK(m.import_type == "func (i32) -> ()");
  CHECK(m.toolchain == "Go (gc) go1.21.13");
  CHECK(m.verdict == "browser-target");
  CHECK(m.predicted_failure == true);  // node:wasi's stock host has no gojs module
  CHECK(m.runs_on.empty());

  // A module that does not import it rules the error out as this module's.
  ExplainResult other = explain_errors(
      "LinkError: WebAssembly.instantiate(): Import #0 module=\"gojs\" function=\"runtime.wasmExit\" error: "
      "function import requires a callable",
      k);
  const CheckEntry c = check_file(source_fixture("c/hello_command.wasm").string(), k, EvalOptions{});
  confirm_with_module(other, c.path, *c.module, &*c.detection, *c.result);
  REQUIRE(other.explanations[0].module);
  CHECK(other.explanations[0].module->imports_it == false);
  CHECK(other.explanations[0].module->runs_on.size() >= 8);
}

TEST_CASE("explain --module: each cause confirmed or ruled out by the module, confirmed ones first", "[explain]") {
  const Knowledge& k = builtin_knowledge();
  const std::string sock_accept =
      "Error: failed to run main module `app.wasm`\n\nCaused by:\n    0: failed to instantiate \"app.wasm\"\n"
      "    1: unknown import: `wasi_snapshot_preview1::sock_accept` has not been defined\n";
  const auto with = [&](const std::string& text, const char* fixture) {
    ExplainResult r = explain_errors(text, k);
    const CheckEntry c = check_file(source_fixture(fixture).string(), k, EvalOptions{});
    REQUIRE(c.module);
    confirm_with_module(r, c.path, *c.module, &*c.detection, *c.result);
    REQUIRE(r.explanations.size() == 1);
    // Confirmed causes first, then those the module says nothing about, then the ruled-out ones.
    const auto rank = [](const ExplainCause& x) { return !x.confirmed ? 1 : *x.confirmed ? 0 : 2; };
    for (std::size_t i = 1; i < r.explanations[0].causes.size(); ++i) {
      CHECK(rank(r.explanations[0].causes[i - 1]) <= rank(r.explanations[0].causes[i]));
    }
    return r.explanations[0];
  };
  // Every covered wasmtime links sock_accept: a module that imports it and that check says
  // wasmtime runs confirms "an older release or a trimmed embedder"; one without it rules it out.
  const Explanation imports = with(sock_accept, "c/socket_after.wasm");
  REQUIRE(!imports.causes.empty());
  CHECK(imports.causes[0].cause.find("older release") != std::string::npos);
  CHECK(imports.causes[0].confirmed == true);
  const Explanation other = with(sock_accept, "c/hello_command.wasm");
  CHECK(other.causes.back().confirmed == false);

  // wasm3 run on a reactor: the module exports no _start.
  const Explanation reactor = with("Error: function lookup failed ('_start')", "c/reactor.wasm");
  REQUIRE(!reactor.causes.empty());
  CHECK(reactor.kind == "no-run-export");
  CHECK(reactor.causes[0].confirmed == true);
  CHECK(with("Error: function lookup failed ('_start')", "c/hello_command.wasm").causes[0].confirmed == false);

  // V8's wrong import object for a memory the module imports.
  const Explanation memory = with(
      "LinkError: WebAssembly.instantiate(): Import #0 \"env\" \"memory\": memory import must be a WebAssembly.Memory object",
      "c/imported_memory.wasm");
  CHECK(memory.kind == "missing-memory");
  REQUIRE(!memory.causes.empty());
  CHECK(memory.causes[0].cause.find("is not a WebAssembly.Memory") != std::string::npos);
  CHECK(memory.causes[0].confirmed == true);
}

TEST_CASE("explain: a line several kinds print takes the kind of the line above it in the same message", "[explain]") {
  const ExplainResult r = explain_errors(
      "[2026-11-30 10:49:55.244] [error] instantiation failed: incompatible import type, Code: 0x301\n"
      "[2026-11-30 10:49:55.244] [error]     When linking module: \"wasi_snapshot_preview1\" , function name: \"random_get\"\n"
      "\n"
      "[2026-11-30 10:49:55.300] [error]     When linking module: \"env\" , function name: \"host_log\"\n",
      builtin_knowledge());
  REQUIRE(r.explanations.size() == 3);
  CHECK(r.explanations[1].kind == "signature-mismatch");
  REQUIRE(r.explanations[1].import);
  CHECK(r.explanations[1].import->kind == "function");
  // After a blank line it is another message: the kind is left open.
  CHECK(r.explanations[2].kind == "unknown-import");
}
