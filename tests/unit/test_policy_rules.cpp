// SPDX-License-Identifier: Apache-2.0
// Every rule of the built-in catalogue fires on a real fixture and stays quiet on a clean one.
// Adding a rule to policies/rules/rules.json without a row here fails the last test case.
#include <set>

#include "catch.hpp"
#include "fixtures.hpp"
#include "wasmaudit/audit.hpp"
#include "wasmaudit/policy/loader.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

struct RuleCase {
  const char* rule;
  const char* fires;  ///< "wat/x.wasm", "shapes/x.wasm" (built) or "c/x.wasm", "go/x.wasm" (committed)
  const char* quiet;
};

// Options that some rules need: a --host manifest or a policy; everything else uses the defaults.
constexpr RuleCase kCases[] = {
    {"target.gojs", "go/js_hello_go124.wasm", "go/wasip1_hello_go124.wasm"},
    {"target.wasm-bindgen", "wat/rule_wasm_bindgen.wasm", "wat/wasi_command.wasm"},
    {"target.emscripten", "wat/rule_emscripten.wasm", "c/hello_command.wasm"},
    {"wasi.nonstandard-socket", "go/wasmedge_sock_go124.wasm", "wat/rule_standard_sockets.wasm"},
    {"wasi.extension", "wat/rule_extension_wasix.wasm", "wat/wasi_command.wasm"},
    {"wasi.sockets", "wat/rule_standard_sockets.wasm", "go/net_listen_go124.wasm"},
    {"wasi.unknown-function", "wat/rule_unknown_wasi_function.wasm", "wat/wasi_command.wasm"},
    {"wasi.signature-mismatch", "wat/rule_wasi_wrong_signature.wasm", "wat/wasi_reactor.wasm"},
    {"imports.embedder", "c/env_import.wasm", "c/hello_command.wasm"},
    {"imports.host-abi", "wat/rule_host_abi_proxy_wasm.wasm", "c/env_import.wasm"},
    // A dynamic library (dylink.0); quiet on an Emscripten main module that also carries dylink.0.
    {"module.dynamic-library", "npm/emscripten_side_tree_sitter_json.wasm", "npm/emscripten_web_tree_sitter.wasm"},
    // A component's core module: the preview-1 adapter (canonical-ABI exports, __main_module__).
    {"component.core-part", "npm/jco_preview1_adapter_command.wasm", "c/reactor.wasm"},
    {"wasi.legacy-preview0", "wat/rule_preview0.wasm", "wat/wasi_command.wasm"},
    {"wasi.preview2-in-core", "wat/rule_preview2_in_core.wasm", "wat/wasi_command.wasm"},
    {"component.not-core-module", "component/hello_command.component.wasm", "c/hello_command.wasm"},
    // A component importing an interface no component host links (my:pkg/unmapped@0.1.0).
    {"component.unknown-import", "component/custom_import.component.wasm", "component/hello_command.component.wasm"},
    // A component exporting no world a host runs (the reactor adapter: no wasi:cli/run).
    {"component.no-run-export", "component/reactor.component.wasm", "component/hello_command.component.wasm"},
    {"abi.reactor-without-initialize", "wat/rule_reactor_without_initialize.wasm", "c/reactor.wasm"},
    {"abi.command-and-reactor", "wat/shape_both.wasm", "wat/wasi_command.wasm"},
    {"abi.entry-signature", "wat/rule_entry_signature.wasm", "wat/wasi_command.wasm"},
    {"abi.no-memory-export", "wat/rule_no_memory_export.wasm", "wat/wasi_command.wasm"},
    {"threads.shared-memory", "wat/rule_shared_memory.wasm", "wat/wasi_command.wasm"},
    {"threads.wasi-thread-spawn", "wat/rule_wasi_threads.wasm", "wat/rule_shared_memory.wasm"},
    // From detection: Go's version, -buildmode and the function names in the name section.
    {"go.reactor-version", "shapes/go_renamed_start_go123.wasm", "go/reactor_go124.wasm"},
    {"go.os-exec", "go/os_exec_go124.wasm", "go/wasip1_hello_go124.wasm"},
    {"go.fake-network", "go/net_listen_go124.wasm", "go/net_file_listener_go124.wasm"},
};

// Rules that need options to fire have their own test cases below.
const std::set<std::string> kOptionRules = {"host.signature-mismatch", "policy.deny", "paths.outside-preopens",
                                            "plugin.unbounded-memory", "plugin.environment",
                                            "plugin.host-io-import"};

std::string fixture(const char* rel) {
  const std::string r = rel;
  const bool built = r.rfind("wat/", 0) == 0 || r.rfind("shapes/", 0) == 0;
  return (built ? built_fixture(r) : source_fixture(r)).string();
}

std::set<std::string> fired(const std::string& path, const Knowledge& k = builtin_knowledge(),
                            const EvalOptions& o = {}) {
  const CheckEntry e = check_file(path, k, o);
  if (e.error) FAIL(format_error_line(path, *e.error));
  std::set<std::string> ids;
  for (const auto& f : e.result->findings) ids.insert(f.rule_id);
  return ids;
}

}  // namespace

TEST_CASE("every rule fires on its fixture and stays quiet on a clean one", "[policy][rules]") {
  for (const auto& c : kCases) {
    DYNAMIC_SECTION(c.rule) {
      INFO("fires on " << c.fires);
      CHECK(fired(fixture(c.fires)).count(c.rule) == 1);
      INFO("quiet on " << c.quiet);
      CHECK(fired(fixture(c.quiet)).count(c.rule) == 0);
    }
  }
}

TEST_CASE("a fix is written for the toolchain that built the module, else neutral", "[policy][rules]") {
  auto fix_of = [](const std::string& path, const std::string& rule) {
    const CheckEntry e = check_file(path, builtin_knowledge(), {});
    if (!e.result) FAIL(path << " could not be read");
    for (const auto& f : e.result->findings) {
      if (f.rule_id == rule) return f.fix;
    }
    FAIL(rule << " did not fire on " << path);
    return std::string();
  };
  const Interface* sockets = builtin_knowledge().find_interface("wasmedge-sockets");
  REQUIRE(sockets != nullptr);
  // Go (the go fingerprint), C (clang) and a hand-written module (no toolchain) get three texts.
  const std::string go = fix_of(fixture("go/wasmedge_sock_go124.wasm"), "wasi.nonstandard-socket");
  const std::string c = fix_of(fixture("c/wasmedge_socket.wasm"), "wasi.nonstandard-socket");
  const std::string plain = fix_of(fixture("wat/rule_wasmedge_socket_v1.wasm"), "wasi.nonstandard-socket");
  CHECK(go == sockets->fix_for.at("go"));
  CHECK(c == sockets->fix_for.at("clang"));
  CHECK(plain == sockets->fix);
  CHECK(c.find("crate") == std::string::npos);  // no Rust advice for a C module
  CHECK(plain.find("tokio") == std::string::npos);
  // A rule's own fix: shared memory in a Go-shaped module gets no Rust or C flags.
  const Rule* shared = builtin_knowledge().find_rule("threads.shared-memory");
  REQUIRE(shared != nullptr);
  CHECK(fix_of(fixture("wat/rule_shared_memory.wasm"), "threads.shared-memory") == shared->fix);
}

TEST_CASE("every fix_for names a toolchain the knowledge base fingerprints", "[policy][rules]") {
  const Knowledge& k = builtin_knowledge();
  std::size_t texts = 0;
  auto check = [&](const std::map<std::string, std::string>& fix_for, const std::string& where) {
    for (const auto& [toolchain, text] : fix_for) {
      INFO(where << ": fix_for." << toolchain);
      CHECK(k.find_toolchain(toolchain) != nullptr);
      CHECK_FALSE(text.empty());
      ++texts;
    }
  };
  for (const auto& i : k.interfaces) check(i.fix_for, "interface " + i.id);
  for (const auto& r : k.rules) check(r.fix_for, "rule " + r.id);
  CHECK(texts >= 6);
}

TEST_CASE("WAMR's same-named socket functions are told apart by signature", "[policy][rules]") {
  const CheckEntry e = check_file(fixture("wat/rule_wamr_socket.wasm"), builtin_knowledge(), {});
  REQUIRE(e.result);
  bool wamr = false;
  for (const auto& f : e.result->findings) {
    if (f.rule_id == "wasi.nonstandard-socket") wamr = f.message.find("WAMR") != std::string::npos;
  }
  CHECK(wamr);
  CHECK(e.result->verdict.verdict == Verdict::kRuntimeLocked);
  CHECK(e.result->verdict.runtimes == std::vector<std::string>{"wamr", "wamr-cmake"});
  // WasmEdge's sock_open has three parameters: the same name is WasmEdge's there.
  const CheckEntry w = check_file(fixture("wat/rule_wasmedge_socket_v1.wasm"), builtin_knowledge(), {});
  REQUIRE(w.result);
  CHECK(w.result->verdict.verdict == Verdict::kRuntimeLocked);
  CHECK(w.result->verdict.runtimes == std::vector<std::string>{"wasmedge"});
}

TEST_CASE("host.signature-mismatch fires against a --host declaration", "[policy][rules]") {
  const std::string path = fixture("c/env_import.wasm");
  EvalOptions good;
  good.host = load_host_manifest(
      R"j({"functions": [{"module": "env", "name": "metrics_emit", "sig": "(i32, i32, i64) -> ()"}]})j", "host.json");
  const auto quiet = fired(path, builtin_knowledge(), good);
  CHECK(quiet.count("host.signature-mismatch") == 0);
  CHECK(quiet.count("imports.embedder") == 0);
  EvalOptions bad;
  bad.host = load_host_manifest(
      R"j({"functions": [{"module": "env", "name": "metrics_emit", "sig": "(i64) -> i32"}]})j", "host.json");
  CHECK(fired(path, builtin_knowledge(), bad).count("host.signature-mismatch") == 1);
}

TEST_CASE("policy.deny fires on a denied import and not on others", "[policy][rules]") {
  Knowledge k = builtin_knowledge();
  load_documents(R"j({"kind": "policy", "deny": [{"module": "wasi_snapshot_preview1", "name": "proc_exit",
                    "reason": "commands must return from _start"}]})j",
                 "deny.json", k);
  CHECK(fired(fixture("wat/wasi_command.wasm"), k).count("policy.deny") == 1);
  CHECK(fired(fixture("wat/wasi_reactor.wasm"), k).count("policy.deny") == 0);
}

TEST_CASE("paths.outside-preopens fires for a path no --preopen covers", "[policy][rules]") {
  const std::string path = fixture("c/file_reader.wasm");  // opens /data/config.json
  EvalOptions outside;
  outside.preopens = {{"./input", "/input"}};
  CHECK(fired(path, builtin_knowledge(), outside).count("paths.outside-preopens") == 1);
  EvalOptions covering;
  covering.preopens = {{"./input", "/input"}, {"./data", "/data"}};
  CHECK(fired(path, builtin_knowledge(), covering).count("paths.outside-preopens") == 0);
  // Without --preopen nothing is checked.
  CHECK(fired(path).count("paths.outside-preopens") == 0);
}

TEST_CASE("plugin.* fire under --profile plugin only", "[policy][rules]") {
  EvalOptions plugin;
  plugin.profile = "plugin";
  struct Case {
    const char* rule;
    const char* fires;
    const char* quiet;
  };
  for (const Case& c : {Case{"plugin.unbounded-memory", "c/hello_command.wasm", "c/imported_memory.wasm"},
                        Case{"plugin.environment", "c/hello_command.wasm", "c/imported_memory.wasm"},
                        Case{"plugin.host-io-import", "wat/plugin_host_io.wasm", "c/env_import.wasm"}}) {
    DYNAMIC_SECTION(c.rule) {
      INFO("fires on " << c.fires);
      CHECK(fired(fixture(c.fires), builtin_knowledge(), plugin).count(c.rule) == 1);
      INFO("quiet without the profile");
      CHECK(fired(fixture(c.fires)).count(c.rule) == 0);
      INFO("quiet on " << c.quiet);
      CHECK(fired(fixture(c.quiet), builtin_knowledge(), plugin).count(c.rule) == 0);
    }
  }
}

TEST_CASE("the rule table covers the whole catalogue", "[policy][rules]") {
  std::set<std::string> covered(kOptionRules);
  for (const auto& c : kCases) covered.insert(c.rule);
  for (const auto& rule : builtin_knowledge().rules) {
    INFO("rule " << rule.id << " has no fixture row in test_policy_rules.cpp");
    CHECK(covered.count(rule.id) == 1);
  }
  // Every rule id a toolchain's calls name exists in the catalogue.
  for (const auto& t : builtin_knowledge().toolchains) {
    for (const auto& c : t.calls) {
      INFO("toolchain " << t.id << " names rule " << c.rule);
      CHECK(builtin_knowledge().find_rule(c.rule) != nullptr);
    }
  }
  // And every rule id an interface names exists in the catalogue.
  for (const auto& i : builtin_knowledge().interfaces) {
    std::vector<std::string> ids{i.rule};
    for (const auto& item : i.items) ids.push_back(item.rule);
    for (const auto& id : ids) {
      if (id.empty()) continue;
      INFO("interface " << i.id << " names rule " << id);
      CHECK(builtin_knowledge().find_rule(id) != nullptr);
    }
  }
}
