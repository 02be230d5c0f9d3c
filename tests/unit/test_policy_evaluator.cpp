// SPDX-License-Identifier: Apache-2.0
// The evaluator's mechanism, against a small test knowledge base (fixtures/policies/test_kb.json)
// so these tests do not move when the real profiles are corrected.
#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "catch.hpp"
#include "audit_helpers.hpp"
#include "binary/glob.hpp"
#include "fixtures.hpp"
#include "wasm_builder.hpp"
#include "wasmaudit/policy/evaluator.hpp"
#include "wasmaudit/policy/loader.hpp"
#include "wasmaudit/reader/module_reader.hpp"
#include "wasmaudit/report/check.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

Knowledge test_kb() {
  Knowledge k;
  load_documents(read_text(source_fixture("policies/test_kb.json")), "test_kb.json", k);
  return k;
}

// A module importing `imports` (module, name, signature index) with types:
// 0 = (i32, i32) -> i32, 1 = (i32) -> (), 2 = (i64) -> (), exporting memory and _start.
Module module_with(std::initializer_list<std::tuple<const char*, const char*, std::uint8_t>> imports,
                   bool shared_memory = false) {
  Bytes types = cat({uleb(4), Bytes{0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F}, Bytes{0x60, 0x01, 0x7F, 0x00},
                     Bytes{0x60, 0x01, 0x7E, 0x00}, Bytes{0x60, 0x00, 0x00}});
  Bytes imp = uleb(imports.size());
  for (const auto& [m, n, t] : imports) imp = cat({imp, name(m), name(n), Bytes{0x00, t}});
  const Bytes funcs = cat({uleb(1), uleb(3)});
  const Bytes memory = shared_memory ? Bytes{0x01, 0x03, 0x01, 0x10} : Bytes{0x01, 0x00, 0x01};
  const auto nfuncs = static_cast<std::uint8_t>(imports.size());
  const Bytes exports = cat({uleb(2), name("memory"), Bytes{0x02, 0x00}, name("_start"), Bytes{0x00, nfuncs}});
  const Bytes code = cat({uleb(1), Bytes{0x02, 0x00, 0x0B}});
  return read_module(module({section(1, types), section(2, imp), section(3, funcs), section(5, memory),
                             section(7, exports), section(10, code)}));
}

const RuntimeResult& runtime(const CheckResult& r, const std::string& id) {
  for (const auto& rt : r.runtimes) {
    if (rt.id == id) return rt;
  }
  FAIL("no runtime " << id);
  throw;
}

}  // namespace

TEST_CASE("a module using only a standard interface", "[policy][evaluator]") {
  const Knowledge k = test_kb();
  const CheckResult r = evaluate(module_with({{"std", "write", 1}}), k, {});
  CHECK(runtime(r, "eager").instantiates);
  CHECK(runtime(r, "eager").missing.empty());
  CHECK_FALSE(runtime(r, "eager").error.has_value());
  // Lazy provides t-std only until 0.9; at 1.0 the import is missing but links lazily.
  const RuntimeResult& lazy = runtime(r, "lazy");
  CHECK(lazy.instantiates);
  CHECK(lazy.missing == std::vector<std::string>{"std::write"});
  CHECK(lazy.notes == std::vector<std::string>{"calling the missing import traps: trap: unlinked (std, write)"});
  // The browser-like host is not a WASI host: it does not count toward portability.
  CHECK_FALSE(runtime(r, "web").instantiates);
  CHECK(runtime(r, "web").error == "TypeError: Import #0 \"std\": module is not an object or function");
  // Instantiating is not running: with an import missing, lazy counts against portability.
  CHECK(r.verdict.verdict == Verdict::kPartiallyPortable);
  CHECK(r.verdict.runtimes == std::vector<std::string>{"lazy"});
  EvalOptions eager_only;
  eager_only.runtimes = {{"eager", ""}, {"web", ""}};
  CHECK(evaluate(module_with({{"std", "write", 1}}), k, eager_only).verdict.verdict == Verdict::kPortable);
}

TEST_CASE("versions select facts: --runtime lazy@0.9", "[policy][evaluator]") {
  const Knowledge k = test_kb();
  EvalOptions o;
  o.runtimes = {{"lazy", "0.9"}};
  const CheckResult r = evaluate(module_with({{"std", "write", 1}}), k, o);
  REQUIRE(r.runtimes.size() == 1);
  CHECK(r.runtimes[0].version == "0.9");
  CHECK(r.runtimes[0].key == "lazy@0.9");  // the JSON key: two versions of one runtime never collide
  CHECK(evaluate(module_with({}), k, {}).runtimes.at(1).key == "lazy");
  CHECK(r.runtimes[0].missing.empty());
  CHECK(r.runtimes[0].notes.empty());
}

TEST_CASE("versions resolve in the library as on the command line: wazero@1.9 is 1.9.0", "[policy][evaluator]") {
  const Knowledge& k = builtin_knowledge();
  EvalOptions o;
  o.runtimes = {{"wazero", "1.9"}, {"wasmtime", "24.0"}};
  const CheckResult r = evaluate(module_with({{"wasi_snapshot_preview1", "proc_exit", 1}}), k, o);
  REQUIRE(r.runtimes.size() == 2);
  CHECK(r.runtimes[0].key == "wazero@1.9.0");
  CHECK(r.runtimes[0].version == "1.9.0");
  CHECK(r.runtimes[1].key.rfind("wasmtime@24.0.", 0) == 0);  // the newest 24.0.x release covered
  // A version the knowledge base does not cover is the caller's mistake: invalid_argument, naming
  // what is covered.
  o.runtimes = {{"wasmtime", "99"}};
  std::string what;
  try {
    (void)evaluate(module_with({}), k, o);
  } catch (const std::invalid_argument& e) {
    what = e.what();
  }
  CHECK(what.rfind("wasmtime@99: not a version the knowledge base covers (Wasmtime ", 0) == 0);
}

TEST_CASE("host_creates: memories, tables and globals a host makes itself", "[policy][evaluator]") {
  const Knowledge k = test_kb();
  // Imports std.write (unless `wasi` is false), env.memory, env.tab (a table) and x.g, x.h (globals).
  auto module_importing = [](bool wasi) {
    const Bytes types = cat({uleb(1), Bytes{0x60, 0x01, 0x7F, 0x00}});
    Bytes imp = uleb(wasi ? 5 : 4);
    if (wasi) imp = cat({imp, name("std"), name("write"), Bytes{0x00, 0x00}});
    imp = cat({imp, name("env"), name("memory"), Bytes{0x02, 0x00, 0x01}, name("env"), name("tab"),
               Bytes{0x01, 0x70, 0x00, 0x01}, name("x"), name("g"), Bytes{0x03, 0x7F, 0x00}, name("x"), name("h"),
               Bytes{0x03, 0x7F, 0x00}});
    return read_module(module({section(1, types), section(2, imp)}));
  };
  EvalOptions o;
  o.runtimes = {{"lazy", "1.0"}, {"lazy", "0.9"}, {"eager", ""}};
  const CheckResult r = evaluate(module_importing(true), k, o);
  REQUIRE(r.runtimes.size() == 3);
  // 1.0 makes env.memory for modules importing from std (which it no longer provides); the table
  // and globals stay missing.
  const RuntimeResult& now = r.runtimes[0];
  CHECK(now.missing == std::vector<std::string>{"std::write", "env::tab", "x::g", "x::h"});
  CHECK(std::find(now.notes.begin(), now.notes.end(), "lazy makes memory env::memory") != now.notes.end());
  // 0.9 leaves tables and globals unresolved, one note per entry, marked unverified.
  const RuntimeResult& old = r.runtimes[1];
  CHECK(old.missing == std::vector<std::string>{"env::memory"});
  CHECK(std::find(old.notes.begin(), old.notes.end(),
                  "old lazy ignores table env::tab (likewise x::g, x::h) (unverified: test)") != old.notes.end());
  // A runtime without host_creates fails on the first of them.
  CHECK_FALSE(r.runtimes[2].instantiates);
  CHECK(r.runtimes[2].error == "cannot import memory env::memory");
  // `when_imports`: without a function from std, 1.0 does not make the memory.
  o.runtimes = {{"lazy", "1.0"}};
  const CheckResult plain = evaluate(module_importing(false), k, o);
  CHECK(plain.runtimes.at(0).missing == std::vector<std::string>{"env::memory", "env::tab", "x::g", "x::h"});
  CHECK(plain.runtimes.at(0).notes.empty());
}

TEST_CASE("unchecked_types: a mismatched import a host links whatever its type", "[policy][evaluator]") {
  const Knowledge k = test_kb();
  EvalOptions o;
  o.runtimes = {{"eager", "2.0"}, {"eager", "3.0"}};
  // std.read imported as (i32) -> (): the interface says (i32, i32) -> i32.
  const CheckResult r = evaluate(module_with({{"std", "read", 1}}), k, o);
  REQUIRE(r.runtimes.size() == 2);
  const RuntimeResult& old = r.runtimes[0];
  CHECK(old.instantiates);
  CHECK(old.missing == std::vector<std::string>{"std::read"});  // linked, but not to what it needs
  CHECK(old.notes == std::vector<std::string>{"old eager links std::read unchecked ((func (param i32)))"});
  const RuntimeResult& now = r.runtimes[1];
  CHECK_FALSE(now.instantiates);
  CHECK(now.error == "type mismatch for std::read: want (func (param i32 i32) (result i32)), got (func (param i32))");
  // A name the entry does not cover fails at 2.0 as it always did.
  o.runtimes = {{"eager", "2.0"}};
  const CheckResult w = evaluate(module_with({{"std", "write", 0}}), k, o);
  CHECK_FALSE(w.runtimes.at(0).instantiates);
}

TEST_CASE("unchecked_types: WasmEdge 0.13 links a mismatched preview-1 import, 0.14 and later refuse it",
          "[policy][evaluator]") {
  EvalOptions o;
  o.runtimes = {{"wasmedge", "0.13"}, {"wasmedge", "0.16"}, {"wasmedge", "0.17"}};
  const CheckResult r = audit_fixture("go/wasmimport_wasi_wrong_sig_go124.wasm", o);
  REQUIRE(r.runtimes.size() == 3);
  CHECK(r.runtimes[0].instantiates);
  CHECK(r.runtimes[0].missing == std::vector<std::string>{"wasi_snapshot_preview1::random_get"});
  REQUIRE_FALSE(r.runtimes[0].notes.empty());
  CHECK(r.runtimes[0].notes.front().rfind("WasmEdge 0.13 links wasi_snapshot_preview1::random_get without checking", 0) == 0);
  CHECK_FALSE(r.runtimes[1].instantiates);  // random_get is not a socket name
  CHECK_FALSE(r.runtimes[2].instantiates);
}

TEST_CASE("grants: capabilities that need one, and provisions behind a flag", "[policy][evaluator]") {
  const Knowledge k = test_kb();
  EvalOptions o;
  o.runtimes = {{"eager", ""}};
  const CheckResult r = evaluate(module_with({{"std", "read", 0}, {"std", "ext_thing", 1}}), k, o);
  const RuntimeResult& eager = runtime(r, "eager");
  CHECK(eager.instantiates);
  CHECK(eager.grants == std::vector<std::string>{"--dir HOST::GUEST", "--ext"});
  // t-ext is an extension: the verdict names it, and its rule fires.
  CHECK(r.findings.size() == 1);
  CHECK(r.findings[0].rule_id == "t.ext");
  CHECK(r.findings[0].severity == Severity::kError);
  CHECK(r.findings[0].fix == "stop");
  // Before version 2, eager lacks the extension: the template names the import and its index.
  o.runtimes = {{"eager", "1.5"}};
  const CheckResult old = evaluate(module_with({{"std", "read", 0}, {"std", "ext_thing", 1}}), k, o);
  CHECK_FALSE(runtime(old, "eager").instantiates);
  CHECK(runtime(old, "eager").error == "unknown import std::ext_thing (#1)");
  CHECK(old.verdict.verdict == Verdict::kRuntimeLocked);
  CHECK(old.verdict.runtimes.empty());
}

TEST_CASE("a signature mismatch picks the matching interface, else fills the template", "[policy][evaluator]") {
  const Knowledge k = test_kb();
  // write (i64) -> () is t-ext's write, not t-std's: classified as the extension.
  const CheckResult ext = evaluate(module_with({{"std", "write", 2}}), k, {});
  CHECK(ext.findings.at(0).rule_id == "t.ext");
  // read with the wrong type matches nothing by signature: a standard-interface mismatch.
  const CheckResult r = evaluate(module_with({{"std", "read", 1}}), k, {});
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].rule_id == "wasi.signature-mismatch");
  CHECK(r.findings[0].subject == "std::read");
  CHECK(runtime(r, "eager").error ==
        "type mismatch for std::read: want (func (param i32 i32) (result i32)), got (func (param i32))");
  // The lazy runtime at 0.9 traps on call instead, in wazero's signature style.
  EvalOptions o;
  o.runtimes = {{"lazy", "0.9"}};
  const CheckResult lazy = evaluate(module_with({{"std", "read", 1}}), k, o);
  CHECK(lazy.runtimes[0].instantiates);
  CHECK(lazy.runtimes[0].missing == std::vector<std::string>{"std::read"});
  REQUIRE(lazy.runtimes[0].notes.size() == 1);
  CHECK(lazy.runtimes[0].notes[0] ==
        "instantiates, but calling std::read traps: sig std.read: i32i32_i32 != i32_v");
}

TEST_CASE("unknown modules need an embedder, unless --host declares them", "[policy][evaluator]") {
  const Knowledge k = test_kb();
  const Module m = module_with({{"std", "write", 1}, {"env", "metrics_emit", 0}});
  const CheckResult r = evaluate(m, k, {});
  CHECK(r.verdict.verdict == Verdict::kNeedsEmbedder);
  CHECK(runtime(r, "eager").error == "no module env");
  CHECK(r.findings.at(0).rule_id == "imports.embedder");
  EvalOptions o;
  o.runtimes = {{"eager", ""}};
  o.host = load_host_manifest(
      R"j({"functions": [{"module": "env", "name": "metrics_emit", "sig": "(i32, i32) -> i32"}]})j", "h.json");
  const CheckResult hosted = evaluate(m, k, o);
  CHECK(hosted.findings.empty());
  CHECK(runtime(hosted, "eager").instantiates);
  CHECK(hosted.verdict.verdict == Verdict::kPortable);
}

TEST_CASE("host manifests declare memories, tables and globals too", "[policy][evaluator]") {
  // A C library importing env.memory and env.log_value (fixtures/c/imported_memory.c).
  EvalOptions o;
  o.runtimes = {{"wasmtime", ""}, {"node", ""}};
  const CheckResult bare = audit_fixture("c/imported_memory.wasm", o);
  CHECK(bare.verdict.verdict == Verdict::kNeedsEmbedder);
  CHECK(bare.runtimes.at(0).error.value_or("").find("`env::memory` has not been defined") != std::string::npos);
  // The function alone leaves the memory missing; with the memory too it links everywhere.
  o.host = load_host_manifest(R"j({"functions": [{"module": "env", "name": "log_value", "sig": "(i32) -> ()"}]})j",
                              "h.json");
  CHECK(audit_fixture("c/imported_memory.wasm", o).runtimes.at(0).missing ==
        std::vector<std::string>{"env::memory"});
  o.host = load_host_manifest(R"j({"memories": [{"module": "env", "name": "memory"}],
                                   "functions": [{"module": "env", "name": "log_value", "sig": "(i32) -> ()"}]})j",
                              "h.json");
  const CheckResult hosted = audit_fixture("c/imported_memory.wasm", o);
  CHECK(hosted.findings.empty());
  CHECK(hosted.runtimes.at(0).instantiates);
  CHECK(hosted.runtimes.at(1).instantiates);
  CHECK(hosted.verdict.verdict == Verdict::kPortable);
  // A memory declared as a table does not satisfy it; a manifest must declare something.
  o.host = load_host_manifest(R"j({"tables": [{"module": "env", "name": "memory"}],
                                   "functions": [{"module": "env", "name": "log_value", "sig": "(i32) -> ()"}]})j",
                              "h.json");
  CHECK_FALSE(audit_fixture("c/imported_memory.wasm", o).runtimes.at(0).instantiates);
  CHECK_THROWS_AS(load_host_manifest(R"j({"notes": "nothing"})j", "h.json"), PolicyError);
  CHECK_THROWS_AS(load_host_manifest(R"j({"globals": [{"module": "env", "name": "g", "sig": "(i32) -> ()"}]})j", "h.json"),
                  PolicyError);  // only functions have a signature
}

TEST_CASE("features: recorded support, flags and errors", "[policy][evaluator]") {
  const Knowledge k = test_kb();
  EvalOptions o;
  o.runtimes = {{"eager", ""}, {"lazy", ""}};
  const CheckResult r = evaluate(module_with({{"std", "write", 1}}, /*shared_memory=*/true), k, o);
  CHECK(runtime(r, "eager").instantiates);
  CHECK(runtime(r, "eager").grants == std::vector<std::string>{"--threads"});
  // Lazy records nothing about threads: said so, never guessed.
  CHECK(runtime(r, "lazy").instantiates);
  CHECK(runtime(r, "lazy").notes.front() == "uses threads; support in Lazy 1.0 is not recorded");
  o.runtimes = {{"eager", "2.0"}};
  const CheckResult old = evaluate(module_with({{"std", "write", 1}}, true), k, o);
  CHECK(runtime(old, "eager").error == "threads are off");
}

TEST_CASE("allow drops findings, deny adds them, severities can change", "[policy][evaluator]") {
  Knowledge k = test_kb();
  load_documents(R"j({"kind": "policy", "allow": [{"module": "env", "name": "metrics_*"}],
                     "deny": [{"module": "std", "name": "wr*", "reason": "no output"}],
                     "severity": {"t.ext": "note"}})j",
                 "p.json", k);
  const CheckResult r = evaluate(module_with({{"std", "write", 2}, {"env", "metrics_emit", 0}}), k, {});
  std::vector<std::string> ids;
  for (const auto& f : r.findings) ids.push_back(f.rule_id + ":" + std::string(to_string(f.severity)));
  CHECK(ids == std::vector<std::string>{"policy.deny:error", "t.ext:note"});
}

TEST_CASE("an unknown runtime selector is refused", "[policy][evaluator]") {
  EvalOptions o;
  o.runtimes = {{"nope", ""}};
  CHECK_THROWS_AS(evaluate(module_with({}), test_kb(), o), std::invalid_argument);
}

TEST_CASE("version ranges and globs", "[policy]") {
  CHECK(compare_versions("48.0.0", "47") > 0);
  CHECK(compare_versions("1.24", "1.9") > 0);
  CHECK(compare_versions("0.14.1", "0.14.1") == 0);
  CHECK(compare_versions("17", "17.0") == 0);
  VersionRange until46{"", "46"};
  CHECK(until46.contains("46"));
  CHECK(until46.contains("46.0.3"));
  CHECK_FALSE(until46.contains("47.0.0"));
  CHECK_FALSE(until46.contains("460"));
  VersionRange since17{"17.0", ""};
  CHECK(since17.contains("17"));
  CHECK_FALSE(since17.contains("16.9"));
  CHECK(glob_match("wasi:*", "wasi:cli/environment@0.2.0"));
  CHECK(glob_match("proxy_*_value", "proxy_get_header_map_value"));
  CHECK_FALSE(glob_match("proxy_*", "env"));
  CHECK(glob_match("*", ""));
  CHECK(parse_func_type("(i32, i64) -> (i32, i32)")->results.size() == 2);
  CHECK(parse_func_type("() -> ()")->params.empty());
  CHECK_FALSE(parse_func_type("(i32 -> i32").has_value());
  CHECK_FALSE(parse_func_type("(string) -> i32").has_value());
}

TEST_CASE("30,000 unknown WASI imports are one finding, the text report stays small", "[evaluator][large]") {
  // The issue's module: 30,000 imports no interface knows, from the standard module. One finding
  // per import made an 11 MB report; grouped, the text names three and counts the rest, and the
  // JSON lists every one in `covers`.
  constexpr std::uint32_t kCount = 30000;
  Bytes imports = uleb(kCount);
  for (std::uint32_t i = 0; i < kCount; ++i) {
    const Bytes one = cat({name("wasi_snapshot_preview1"), name("fn_" + std::to_string(i)), Bytes{0x00, 0x00}});
    imports.insert(imports.end(), one.begin(), one.end());
  }
  const Bytes bytes = module({section(1, {0x01, 0x60, 0x00, 0x00}), section(2, imports)});
  const Module m = read_module(bytes);
  const CheckResult r = evaluate(m, builtin_knowledge(), {});
  std::size_t unknown = 0;
  for (const auto& f : r.findings) {
    if (f.rule_id != "wasi.unknown-function") continue;
    ++unknown;
    CHECK(f.covers.size() == kCount);
    CHECK(f.message.rfind("wasi_snapshot_preview1::fn_0, wasi_snapshot_preview1::fn_1, "
                          "wasi_snapshot_preview1::fn_2 and 29997 more are not a function of",
                          0) == 0);
  }
  CHECK(unknown == 1);
  CheckEntry e;
  e.path = "big.wasm";
  e.module = m;
  e.detection = Detection{};
  e.result = r;
  std::ostringstream text;
  render_check_text({e}, text, TextOptions{});
  CHECK(text.str().size() < 20000);
}
