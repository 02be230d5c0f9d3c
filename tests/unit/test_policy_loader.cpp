// SPDX-License-Identifier: Apache-2.0
// Knowledge documents: the built-in ones load and cite sources; broken ones name the file and a JSON
// Pointer (or, for syntax errors, the byte offset); a failed load changes nothing.
#include "catch.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "wasmaudit/error.hpp"
#include "wasmaudit/policy/loader.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

PolicyError load_error(const std::string& fixture) {
  Knowledge k = builtin_knowledge();
  try {
    load_documents(read_text(source_fixture("policies/" + fixture)), fixture, k);
  } catch (const PolicyError& e) {
    return e;
  }
  FAIL(fixture << " loaded without an error");
  throw;
}

}  // namespace

TEST_CASE("the built-in knowledge base loads and every fact has a source", "[policy][loader]") {
  const Knowledge& k = builtin_knowledge();
  CHECK(k.find_interface("wasi-preview1")->items.size() == 46);
  CHECK(k.find_interface("wasi-preview0")->items.size() == 45);
  for (const char* id : {"wasmtime", "wazero", "wasmedge", "wasmer", "wamr", "wasm3", "node", "browser"}) {
    INFO(id);
    REQUIRE(k.find_runtime(id) != nullptr);
    CHECK_FALSE(k.find_runtime(id)->version.empty());
  }
  for (const auto& r : k.runtimes) {
    CHECK_FALSE(r.provenance.source.empty());
    for (const auto& p : r.provides) CHECK_FALSE(p.provenance.source.empty());
    for (const auto& [name, entries] : r.features) {
      for (const auto& f : entries) CHECK_FALSE(f.provenance.source.empty());
    }
  }
  for (const auto& i : k.interfaces) CHECK_FALSE(i.provenance.source.empty());
  for (const auto& r : k.rules) CHECK_FALSE(r.provenance.source.empty());
  for (const auto& r : k.runtimes) {
    for (const auto& h : r.host_creates) CHECK_FALSE(h.provenance.source.empty());
  }
}

TEST_CASE("host_creates and unchecked_types: what they need, with a source", "[policy][loader]") {
  auto error_of = [](const std::string& host_creates) -> std::string {
    Knowledge k;
    try {
      load_documents(R"j({"kind": "runtime", "id": "r", "name": "R", "version": "1", "host": "h", "source": "s",
                         "linking": {"host_creates": [)j" + host_creates + "]}}", "r.json", k);
    } catch (const PolicyError& e) {
      return std::string(e.pointer()) + ": " + e.what();
    }
    return "loaded " + std::to_string(k.runtimes.at(0).host_creates.size());
  };
  CHECK(error_of(R"({"kinds": ["memory"], "modules": ["env"], "source": "s"})") == "loaded 1");
  CHECK(error_of(R"({"kinds": ["func"], "modules": ["env"], "source": "s"})") ==
        "/linking/host_creates/0/kinds/0: expected \"memory\", \"table\" or \"global\"");
  CHECK(error_of(R"({"kinds": ["memory"], "source": "s"})") ==
        "/linking/host_creates/0: missing required key \"modules\"");
  CHECK(error_of(R"({"kinds": ["memory"], "modules": ["env"]})").find("source") != std::string::npos);
  // unchecked_types: modules and a source are required too.
  Knowledge k;
  try {
    load_documents(R"j({"kind": "runtime", "id": "r", "name": "R", "version": "1", "host": "h", "source": "s",
                       "linking": {"unchecked_types": [{"names": ["x"], "source": "s"}]}})j", "r.json", k);
    FAIL("loaded");
  } catch (const PolicyError& e) {
    CHECK(std::string(e.pointer()) + ": " + e.what() == "/linking/unchecked_types/0: missing required key \"modules\"");
  }
}

TEST_CASE("error texts for some modules only: `modules` picks the entry, mistakes name a pointer",
          "[policy][loader]") {
  auto load = [](const std::string& entries) {
    Knowledge k;
    load_documents(R"j({"kind": "runtime", "id": "r", "name": "R", "version": "1", "host": "h", "source": "s",
                       "errors": {"missing_module": [)j" + entries + "]}}", "r.json", k);
    return k;
  };
  const Knowledge k = load(R"j({"text": "no {module} (a host module?)", "modules": ["env", "host_*"], "source": "s"},
                              {"text": "no {module}", "source": "s"})j");
  const RuntimeProfile& r = k.runtimes.at(0);
  CHECK(r.error_template("missing_module", "1", "env")->text == "no {module} (a host module?)");
  CHECK(r.error_template("missing_module", "1", "host_io")->text == "no {module} (a host module?)");
  CHECK(r.error_template("missing_module", "1", "gojs")->text == "no {module}");
  CHECK(r.error_template("missing_module", "1")->text == "no {module}");  // no import: any-module entries only
  auto error_of = [&](const std::string& entries) -> std::string {
    try {
      load(entries);
    } catch (const PolicyError& e) {
      return std::string(e.pointer()) + ": " + e.what();
    }
    return "loaded";
  };
  CHECK(error_of(R"({"text": "t", "modules": [], "source": "s"})") ==
        "/errors/missing_module/0/modules: expected at least one module");
  CHECK(error_of(R"({"text": "t", "modules": [""], "source": "s"})") ==
        "/errors/missing_module/0/modules/0: expected a module name or glob");
}

TEST_CASE("broken documents name the file and a JSON Pointer", "[policy][loader]") {
  const PolicyError sev = load_error("bad_severity.json");
  CHECK(sev.pointer() == "/rules/0/severity");
  CHECK(std::string(sev.what()) == "expected \"error\", \"warning\" or \"note\"");
  const PolicyError key = load_error("unknown_key.json");
  CHECK(key.pointer() == "/deny/0/nmae");
  CHECK(std::string(key.what()) == "unknown key \"nmae\"");
  const PolicyError iface = load_error("unknown_interface.json");
  CHECK(iface.pointer() == "/provides/0/interface");
  const PolicyError rule = load_error("unknown_rule.json");
  CHECK(rule.pointer() == "/severity/wasi.no-such-rule");
  const PolicyError syntax = load_error("broken_syntax.json");
  CHECK(syntax.pointer().empty());
  REQUIRE(syntax.byte_offset().has_value());
  CHECK(*syntax.byte_offset() == 48);  // the '}' after the trailing comma
}

TEST_CASE("a failed load leaves the knowledge as it was", "[policy][loader]") {
  Knowledge k = builtin_knowledge();
  const std::size_t before = k.runtimes.size();
  CHECK_THROWS_AS(load_documents(R"j([{"kind": "runtime", "id": "new", "name": "N", "version": "1",
                                     "host": "h", "source": "s"}, {"kind": "nope"}])j",
                                 "x.json", k),
                  PolicyError);
  CHECK(k.runtimes.size() == before);
}

TEST_CASE("a document with an existing id replaces it", "[policy][loader]") {
  Knowledge k = builtin_knowledge();
  load_documents(R"j({"kind": "runtime", "id": "wasm3", "name": "wasm3 (patched)", "version": "0.6",
                     "host": "wasm3", "source": "our fork", "provides": [{"interface": "wasi-preview1", "source": "our fork"}]})j",
                 "fork.json", k);
  CHECK(k.find_runtime("wasm3")->name == "wasm3 (patched)");
  CHECK(k.runtimes.size() == builtin_knowledge().runtimes.size());
}

TEST_CASE("policy errors on the command line: one line, exit 4", "[policy][cli]") {
  const auto bad = source_fixture("policies/bad_severity.json").string();
  const CliResult r = run_cli({"check", "--policy", bad, built_fixture("wat/wasi_command.wasm").string()});
  CHECK(r.exit_code == 4);
  CHECK(r.err == "wasm-audit: error: " + bad + ": /rules/0/severity: expected \"error\", \"warning\" or \"note\"\n");
  CHECK(r.out.empty());
  const auto syntax = source_fixture("policies/broken_syntax.json").string();
  const CliResult s = run_cli({"check", "--policy", syntax, built_fixture("wat/wasi_command.wasm").string()});
  CHECK(s.exit_code == 4);
  CHECK(s.err.rfind("wasm-audit: error: " + syntax + ":0x30: invalid JSON: ", 0) == 0);
  const CliResult missing = run_cli({"check", "--host", "no-such-host.json", built_fixture("wat/wasi_command.wasm").string()});
  CHECK(missing.exit_code == 4);
  CHECK(missing.err == "wasm-audit: error: no-such-host.json: no such file or directory\n");
  const CliResult runtime = run_cli({"check", "--runtime", "wasmtime,nope", built_fixture("wat/wasi_command.wasm").string()});
  CHECK(runtime.exit_code == 2);
  CHECK(runtime.err.find("--runtime: unknown runtime 'nope'") != std::string::npos);
  const CliResult baseline = run_cli({"check", "--baseline", syntax, built_fixture("wat/wasi_command.wasm").string()});
  CHECK(baseline.exit_code == 4);
  CHECK(baseline.err.rfind("wasm-audit: error: " + syntax + ":0x", 0) == 0);
}

TEST_CASE("run templates, capabilities, library paths and profiles load, mistakes name a pointer",
          "[policy][loader][run]") {
  const Knowledge& k = builtin_knowledge();
  const RuntimeProfile* wt = k.find_runtime("wasmtime");
  REQUIRE(wt->run);
  REQUIRE(wt->run->cli);
  CHECK(wt->run->cli->language == "sh");
  REQUIRE(wt->run->cli->lines.size() == 2);
  CHECK(wt->run->cli->lines[0].when == "command");
  CHECK(wt->run->cli->lines[1].when == "reactor");
  CHECK(wt->run->cli->grants.at("filesystem").each == "--dir {host}::{guest}");
  CHECK(wt->run->cli->grants.at("sockets").versions.until == "46");
  CHECK(k.find_runtime("node")->run->embed->grants.at("filesystem").join == ", ");
  CHECK(k.find_profile("plugin") != nullptr);
  CHECK(k.find_rule("plugin.environment")->profile == "plugin");
  CHECK(k.find_rule("paths.outside-preopens")->profile.empty());
  CHECK(k.find_capability("filesystem") != nullptr);
  REQUIRE_FALSE(k.library_paths.empty());
  for (const auto& lib : k.library_paths) {
    for (const auto& g : lib.groups) CHECK_FALSE(g.provenance.source.empty());
  }

  auto error = [](const std::string& json) {
    Knowledge kb = builtin_knowledge();
    try {
      load_documents(json, "x.json", kb);
    } catch (const PolicyError& e) {
      return std::string(e.pointer()) + ": " + e.what();
    }
    return std::string("no error");
  };
  const std::string runtime = R"({"kind": "runtime", "id": "x", "name": "X", "version": "1", "host": "h",
                                  "source": "s", "run": )";
  CHECK(error(runtime + R"({"source": "s", "cli": {"command": "x {file}", "grnts": {}}}})") ==
        "/run/cli/grnts: unknown key \"grnts\"");
  CHECK(error(runtime + R"({"source": "s", "cli": {"grants": {}}}})") ==
        "/run/cli: expected \"command\" or \"reactor\"");
  CHECK(error(runtime + R"({"source": "s", "embed": {"title": "t", "language": "py", "lines": []}}})") ==
        "/run/embed/language: expected \"js\", \"go\" or \"sh\"");
  CHECK(error(runtime + R"({"source": "s", "embed": {"title": "t", "language": "js", "lines": [{"text": "x"}]}}})") ==
        "/run/embed/lines/0: missing required key \"when\"");
  CHECK(error(runtime + R"({"cli": {"command": "x"}}})") == "/run: missing required key \"source\"");
  CHECK(error(R"({"kind": "rules", "rules": [{"id": "a.b", "severity": "note", "title": "t", "source": "s",
                  "profile": "nope"}]})") ==
        "/rules/0/profile: unknown profile \"nope\" (profiles must be loaded first)");
  CHECK(error(R"({"kind": "library-paths", "id": "l", "title": "L", "source": "s",
                  "groups": [{"library": "x", "paths": ["etc/hosts"], "source": "s"}]})") ==
        "/groups/0/paths: \"etc/hosts\" is not an absolute path");
  CHECK(error(R"({"kind": "library-paths", "id": "l", "title": "L", "source": "s",
                  "groups": [{"library": "x", "source": "s"}]})") == "/groups/0: expected \"paths\", \"prefixes\" or \"contains\"");
  CHECK(error(R"({"kind": "library-paths", "id": "l", "title": "L", "source": "s",
                  "groups": [{"library": "x", "contains": ["/.cache/"], "source": "s"}]})") ==
        "/groups/0/contains: only a group of non-files (\"files\": false) takes \"contains\"");
  CHECK(error(R"({"kind": "capabilities", "capabilities": [{"id": "c", "title": "C"}]})") ==
        "/capabilities/0: missing required key \"source\"");
  CHECK(error(R"({"kind": "profile", "id": "p", "title": "P", "source": "s", "names": []})") ==
        "/names: unknown key \"names\"");
}

TEST_CASE("toolchain documents: the compiled-in fingerprints equal what the loader reads", "[policy][loader]") {
  // builtin_toolchains() comes from cmake/EmbedToolchains.cmake, builtin_knowledge() from the
  // loader; both read policies/toolchains/*.json.
  const Knowledge& k = builtin_knowledge();
  REQUIRE(k.toolchains.size() == builtin_toolchains().size());
  for (std::size_t i = 0; i < k.toolchains.size(); ++i) {
    INFO(k.toolchains[i].id);
    CHECK(k.toolchains[i] == builtin_toolchains()[i]);
  }
  for (const char* id : {"go", "tinygo", "rust", "wasm-bindgen", "emscripten", "assemblyscript", "clang", "zig",
                         "napi-rs"}) {
    INFO(id);
    REQUIRE(k.find_toolchain(id) != nullptr);
  }
  for (const auto& t : k.toolchains) {
    INFO(t.id);
    CHECK_FALSE(t.source.empty());
    // Patterns and calls without their own source and status inherit the document's.
    for (const auto& e : t.evidence) {
      if (!e.status.empty()) CHECK((e.status == "verified" || e.status == "observed" || e.status == "documented"));
    }
  }
  const ToolchainFingerprint& go = *k.find_toolchain("go");
  CHECK(go.build_info == BuildInfoFormat::kGoModuleInfo);
  CHECK(go.evidence.front().kind == EvidenceKind::kCustomSection);
  CHECK(go.evidence.front().name == "go:buildid");
}

TEST_CASE("toolchain documents: errors name the key", "[policy][loader]") {
  const auto error = [](const std::string& json) {
    Knowledge kb;
    try {
      load_documents(json, "t.json", kb);
    } catch (const PolicyError& e) {
      return std::string(e.pointer()) + ": " + e.what();
    }
    return std::string("no error");
  };
  const std::string head = R"({"kind": "toolchain", "id": "t", "name": "T", "source": "s", "evidence": )";
  CHECK(error(head + R"([{"export": "x", "confidence": "high"}]})") == "no error");
  CHECK(error(head + R"([{"export": "x", "function": "y", "confidence": "high"}]})") ==
        "/evidence/0: expected exactly one of \"producer\", \"custom_section\", \"import\", \"imports\", "
        "\"export\", \"function\" or \"data\"");
  CHECK(error(head + R"([{"data": "", "confidence": "high"}]})") == "/evidence/0/data: must not be empty");
  CHECK(error(head + R"([{"export": "x", "confidence": "certain"}]})") ==
        "/evidence/0/confidence: expected \"high\", \"medium\" or \"low\"");
  CHECK(error(head + R"([{"export": "x"}]})") == "/evidence/0: missing required key \"confidence\"");
  CHECK(error(head + R"([{"producer": {"field": "language", "name": "Go", "versions": "*"}, "confidence": "high"}]})") ==
        "/evidence/0/producer/versions: unknown key \"versions\"");
  CHECK(error(head + R"([{"import": {"module": "env", "sig": "(i32"}, "confidence": "low"}]})") ==
        "/evidence/0/import/sig: invalid signature \"(i32\" (expected e.g. \"(i32, i32) -> i32\")");
  CHECK(error(head + R"([{"imports": {"module": "m", "names": []}, "confidence": "low"}]})") ==
        "/evidence/0/imports/names: must not be empty");
  CHECK(error(head + R"([]})") == "/evidence: a toolchain needs at least one evidence pattern");
  CHECK(error(head + R"([{"export": "x", "confidence": "high"}], "build_info": "rust"})") ==
        "/build_info: expected \"go\"");
  CHECK(error(head + R"([{"export": "x", "confidence": "high"}], "calls": [{"function": "f", "rule": "r"}]})") ==
        "/calls/0: missing required key \"call\"");
}

TEST_CASE("every built-in rule says what it means, for `wasm-audit rules` and SARIF", "[policy][rules]") {
  const Knowledge& k = builtin_knowledge();
  REQUIRE(k.rules.size() >= 20);
  for (const auto& r : k.rules) {
    INFO(r.id);
    CHECK(r.description.size() > r.title.size());
    CHECK(r.description.back() == '.');
    CHECK_FALSE(r.tags.empty());
    CHECK_FALSE(r.provenance.source.empty());
  }
  const CliResult text = run_cli({"rules"});
  CHECK(text.exit_code == 0);
  for (const auto& r : k.rules) CHECK(text.out.find(r.id + "  " + std::string(to_string(r.severity))) != std::string::npos);
  // A policy's severity override shows in the listing (wasi.legacy-preview0: warning -> error).
  const CliResult json = run_cli({"rules", "--format", "json"});
  CHECK(json.out.find(R"("id": "wasi.legacy-preview0",
      "severity": "warning",)") != std::string::npos);
  const CliResult overridden =
      run_cli({"rules", "--format", "json", "--policy", source_fixture("policies/allow_env_metrics.json").string()});
  CHECK(overridden.exit_code == 0);
  CHECK(overridden.out.find(R"("id": "wasi.legacy-preview0",
      "severity": "error",
      "default_severity": "warning",)") != std::string::npos);
}
