// SPDX-License-Identifier: Apache-2.0
// `check --format sarif` (src/report/check_sarif.cpp) on real fixtures: the log parsed back and its
// structure, locations and fingerprints checked. tests/formats/sarif.cmake validates the same
// output with Microsoft's SARIF Multitool.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include <nlohmann/json.hpp>

#include "audit_helpers.hpp"
#include "catch.hpp"
#include "cli_runner.hpp"
#include "findings.hpp"
#include "wasmaudit/policy/gate.hpp"
#include "wasmaudit/report/format.hpp"
#include "wasmaudit/report/rules.hpp"
#include "wasmaudit/version.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;
using nlohmann::json;

namespace {

/// A fixture checked as the CLI checks it (with its SHA-256 and a gate), at its absolute path or,
/// when `as` is given, as if it had been found at `as`.
CheckEntry entry_at(const std::string& path, const GateOptions& gate = {},
                    const std::string& as = "") {
  const Knowledge& knowledge = builtin_knowledge();
  EvalOptions eval;
  eval.runtimes = with_required({}, gate.require, knowledge);
  CheckEntry e = check_file(path, knowledge, eval, ReadOptions{.sha256 = true});
  if (!as.empty()) e.path = as;
  if (e.result) e.gate = apply_gate(*e.result, e.path, gate);
  return e;
}
CheckEntry entry_of(const std::string& rel, const GateOptions& gate = {},
                    const std::string& as = "") {
  return entry_at(fixture_path(rel), gate, as);
}

struct Sarif {
  std::string text;
  json doc;
  const json& run() const { return doc.at("runs").at(0); }
  const json& results() const { return run().at("results"); }
  const json& rules() const { return run().at("tool").at("driver").at("rules"); }
};

Sarif sarif_of(const std::vector<CheckEntry>& entries, ReportOptions options = {},
               const Knowledge& knowledge = builtin_knowledge()) {
  if (options.knowledge == nullptr) options.knowledge = &knowledge;
  std::ostringstream out;
  auto reporter = make_check_reporter("sarif", out, options);
  REQUIRE(reporter != nullptr);
  for (const auto& e : entries) reporter->add(e);
  reporter->finish();
  return {out.str(), json::parse(out.str())};
}

std::vector<json> results_of(const Sarif& s, const std::string& rule) {
  std::vector<json> out;
  for (const auto& r : s.results()) {
    if (r.at("ruleId") == rule) out.push_back(r);
  }
  return out;
}

const json& region_of(const json& result) {
  return result.at("locations").at(0).at("physicalLocation").at("region");
}
std::string uri_of(const json& result) {
  return result.at("locations").at(0).at("physicalLocation").at("artifactLocation").at("uri");
}
std::string fingerprint_of(const json& result) {
  return result.at("partialFingerprints").at("wasmAudit/v1");
}

std::string fixtures_dir() { return source_fixture("").string(); }

}  // namespace

TEST_CASE("SARIF: one run, the driver and every rule of the knowledge base", "[sarif][report]") {
  const Sarif s = sarif_of({entry_of("c/hello_command.wasm")});
  CHECK(s.doc.at("version") == "2.1.0");
  CHECK(s.doc.at("$schema") == "https://json.schemastore.org/sarif-2.1.0.json");
  REQUIRE(s.doc.at("runs").size() == 1);
  const json& driver = s.run().at("tool").at("driver");
  CHECK(driver.at("name") == "wasm-audit");
  CHECK(driver.at("version") == kVersion);
  CHECK(driver.at("semanticVersion") == kVersion);

  const Knowledge& k = builtin_knowledge();
  REQUIRE(s.rules().size() == k.rules.size() + 2);  // + gate.runtime, gate.verdict
  for (std::size_t i = 0; i < k.rules.size(); ++i) {
    const Rule& rule = k.rules[i];
    const json& r = s.rules().at(i);
    INFO(rule.id);
    CHECK(r.at("id") == rule.id);
    CHECK(r.at("shortDescription").at("text").get<std::string>().starts_with(rule.title));
    CHECK(r.at("fullDescription").at("text").get<std::string>().starts_with(rule.description));
    CHECK(r.at("help").at("text").get<std::string>().find(rule.fix) != std::string::npos);
    CHECK(r.at("help").at("markdown").get<std::string>().find("**Fix:**") != std::string::npos);
    CHECK(r.at("defaultConfiguration").at("level") == to_string(rule.severity));
    // The category (the id up to its first dot) first, then the rule's own tags, each once.
    const auto tags = r.at("properties").at("tags").get<std::vector<std::string>>();
    REQUIRE_FALSE(tags.empty());
    CHECK(tags.front() == rule.id.substr(0, rule.id.find('.')));
    CHECK(std::set<std::string>(tags.begin(), tags.end()).size() == tags.size());
    for (const auto& t : rule.tags) CHECK(std::find(tags.begin(), tags.end(), t) != tags.end());
  }
  CHECK(s.rules().at(k.rules.size()).at("id") == "gate.runtime");
  CHECK(s.rules().at(k.rules.size() + 1).at("id") == "gate.verdict");
  CHECK(s.rules().at(0).at("name") == "TargetGojs");
  for (const auto& r : s.rules()) {
    INFO(r.at("id"));
    const std::string name = r.at("name");
    CHECK_FALSE(name.empty());
    CHECK(name.find_first_of(".-") == std::string::npos);
  }
}

TEST_CASE("SARIF: a policy's severity override is the rule's default level", "[sarif][report]") {
  Knowledge k = builtin_knowledge();
  k.severity_overrides["wasi.sockets"] = Severity::kNote;
  const Sarif s = sarif_of({}, {}, k);
  for (const auto& r : s.rules()) {
    if (r.at("id") == "wasi.sockets") CHECK(r.at("defaultConfiguration").at("level") == "note");
  }
}

TEST_CASE("SARIF: every result names a rule of the driver, in place", "[sarif][report]") {
  std::vector<CheckEntry> entries;
  for (const auto& p : valid_fixtures()) {
    EvalOptions eval;
    CheckEntry e = check_file(p.string(), builtin_knowledge(), eval, ReadOptions{.sha256 = true});
    if (e.result) e.gate = apply_gate(*e.result, e.path, GateOptions{});
    entries.push_back(std::move(e));
  }
  REQUIRE(entries.size() > 20);
  std::size_t findings = 0, gate_failures = 0;
  for (const auto& e : entries) {
    REQUIRE(e.result);
    findings += e.result->findings.size();
    for (const auto& g : e.gate->failures) gate_failures += g.key.rule_id == "verdict" ? 1 : 0;
  }
  const Sarif s = sarif_of(entries);
  CHECK(s.results().size() == findings + gate_failures);
  CHECK(gate_failures > 0);
  CHECK(s.run().at("artifacts").size() == entries.size());
  std::set<std::string> fingerprints;
  for (const auto& r : s.results()) {
    const std::string id = r.at("ruleId");
    INFO(id << " " << r.at("message").at("text"));
    const std::size_t index = r.at("ruleIndex");
    REQUIRE(index < s.rules().size());
    CHECK(s.rules().at(index).at("id") == id);
    CHECK(region_of(r).at("startLine") == 1);
    const std::string uri = uri_of(r);
    CHECK_FALSE(uri.starts_with("/"));
    CHECK(uri.find("://") == std::string::npos);
    const std::size_t artifact =
        r.at("locations").at(0).at("physicalLocation").at("artifactLocation").at("index");
    CHECK(s.run().at("artifacts").at(artifact).at("location").at("uri") == uri);
    CHECK(r.at("message").at("text").get<std::string>().ends_with("."));
    fingerprints.insert(fingerprint_of(r));
  }
  // Different findings (rule, subject, module) never share a fingerprint.
  CHECK(fingerprints.size() == s.results().size());
  // No path of this machine in the log.
  CHECK(s.text.find(WASMAUDIT_SOURCE_DIR) == std::string::npos);
  CHECK(s.text.find(WASMAUDIT_FIXTURE_BUILD_DIR) == std::string::npos);
  CHECK(s.run().at("invocations").at(0).at("executionSuccessful") == true);
}

TEST_CASE("SARIF: a result is located by the finding's byte range", "[sarif][report]") {
  const CheckEntry e = entry_of("go/wasmedge_sock_go124.wasm");
  const Sarif s = sarif_of({e});
  const auto sockets = findings_of(*e.result, "wasi.nonstandard-socket");
  REQUIRE(sockets.size() == 1);
  REQUIRE(sockets[0]->range.size > 0);
  const auto results = results_of(s, "wasi.nonstandard-socket");
  REQUIRE(results.size() == 1);
  const json& region = region_of(results[0]);
  CHECK(region.at("startLine") == 1);
  CHECK(region.at("byteOffset") == sockets[0]->range.offset);
  CHECK(region.at("byteLength") == sockets[0]->range.size);
  CHECK(results[0].at("level") == "error");
  const std::string text = results[0].at("message").at("text");
  CHECK(text.starts_with(sockets[0]->message.substr(0, 20)));
  CHECK(text.find(" Fix: " + sockets[0]->fix) != std::string::npos);
  CHECK(results[0].at("properties").at("subject") == sockets[0]->subject);

  const json& artifact = s.run().at("artifacts").at(0);
  CHECK(artifact.at("length") == e.module->file_size);
  CHECK(artifact.at("hashes").at("sha-256") == e.sha256);
  CHECK(e.sha256.size() == 64);
}

TEST_CASE("SARIF: a finding about the whole module covers the whole file", "[sarif][report]") {
  const CheckEntry e = entry_of("component/hello_command.component.wasm");
  const auto whole = findings_of(*e.result, "component.not-core-module");
  REQUIRE(whole.size() == 1);
  REQUIRE(whole[0]->range == ByteRange{});
  const auto results = results_of(sarif_of({e}), "component.not-core-module");
  REQUIRE(results.size() == 1);
  CHECK(region_of(results[0]).at("byteOffset") == 0);
  CHECK(region_of(results[0]).at("byteLength") == e.module->file_size);
}

TEST_CASE("SARIF: fingerprints survive a rebuild that moves the finding", "[sarif][report]") {
  // The same import declared by two builds (C and Go's //go:wasmimport; a C and a Go socket
  // server): the same finding at another offset, with another message, keeps its fingerprint.
  for (const auto& [rule, before, after] :
       {std::tuple{"imports.embedder", "c/env_import.wasm", "go/wasmimport_env_go124.wasm"},
        std::tuple{"wasi.sockets", "c/socket_after.wasm", "go/net_file_listener_go124.wasm"}}) {
    INFO(rule << ": " << before << " -> " << after);
    const auto ra = results_of(sarif_of({entry_of(before, {}, "dist/app.wasm")}), rule);
    const auto rb = results_of(sarif_of({entry_of(after, {}, "./dist/app.wasm")}), rule);
    REQUIRE(ra.size() == 1);
    REQUIRE(rb.size() == 1);
    REQUIRE(ra[0].at("properties").at("subject") == rb[0].at("properties").at("subject"));
    CHECK(region_of(ra[0]).at("byteOffset") != region_of(rb[0]).at("byteOffset"));
    CHECK(fingerprint_of(ra[0]) == fingerprint_of(rb[0]));
    CHECK(ra[0].at("partialFingerprints") == rb[0].at("partialFingerprints"));
    CHECK(uri_of(ra[0]) == "dist/app.wasm");
    CHECK(uri_of(rb[0]) == "dist/app.wasm");
  }
  // Go 1.21 and Go 1.24 builds of the same GOOS=js program: one finding, one fingerprint.
  const auto js121 =
      results_of(sarif_of({entry_of("go/js_hello_go121.wasm", {}, "app.wasm")}), "target.gojs");
  const auto js124 =
      results_of(sarif_of({entry_of("go/js_hello_go124.wasm", {}, "app.wasm")}), "target.gojs");
  REQUIRE(js121.size() == 1);
  REQUIRE(js124.size() == 1);
  CHECK(fingerprint_of(js121[0]) == fingerprint_of(js124[0]));
  // The same finding in another module is another alert, and so is another rule on the same import.
  const auto other =
      results_of(sarif_of({entry_of("go/js_hello_go124.wasm", {}, "other.wasm")}), "target.gojs");
  REQUIRE(other.size() == 1);
  CHECK(fingerprint_of(other[0]) != fingerprint_of(js124[0]));
  const Sarif env = sarif_of({entry_of("c/env_import.wasm", {}, "app.wasm")});
  std::set<std::string> distinct;
  for (const auto& r : env.results()) distinct.insert(fingerprint_of(r));
  CHECK(distinct.size() == env.results().size());
}

TEST_CASE("SARIF: URIs are relative to the working directory or --sarif-root", "[sarif][report]") {
  const CheckEntry e = entry_of("go/js_hello_go124.wasm");  // an absolute path
  REQUIRE(std::filesystem::path(e.path).is_absolute());

  SECTION("the working directory") {
    const auto r = results_of(sarif_of({e}), "target.gojs");
    REQUIRE(r.size() == 1);
    const std::string uri = uri_of(r[0]);
    CHECK_FALSE(uri.starts_with("/"));
    CHECK(std::filesystem::equivalent(std::filesystem::current_path() / uri, e.path));
  }
  SECTION("--sarif-root") {
    ReportOptions o;
    o.sarif_root = fixtures_dir();
    const auto in_fixtures = results_of(sarif_of({e}, o), "target.gojs");
    o.sarif_root = fixtures_dir() + "go/";
    const auto in_go = results_of(sarif_of({e}, o), "target.gojs");
    o.sarif_root = fixtures_dir() + "c";
    const auto beside = results_of(sarif_of({e}, o), "target.gojs");
    REQUIRE(in_fixtures.size() == 1);
    REQUIRE(in_go.size() == 1);
    REQUIRE(beside.size() == 1);
    CHECK(uri_of(in_fixtures[0]) == "go/js_hello_go124.wasm");
    CHECK(uri_of(in_go[0]) == "js_hello_go124.wasm");
    CHECK(uri_of(beside[0]) == "../go/js_hello_go124.wasm");
    CHECK(fingerprint_of(in_fixtures[0]) != fingerprint_of(in_go[0]));
    CHECK(in_fixtures[0]
              .at("locations")
              .at(0)
              .at("physicalLocation")
              .at("artifactLocation")
              .at("uriBaseId") == "%SRCROOT%");
  }
  SECTION("a relative path under --sarif-root .") {
    CheckEntry rel = e;
    rel.path = "./build/../out/app.wasm";
    ReportOptions o;
    o.sarif_root = ".";
    const auto r = results_of(sarif_of({rel}, o), "target.gojs");
    REQUIRE(r.size() == 1);
    CHECK(uri_of(r[0]) == "out/app.wasm");
  }
}

TEST_CASE("SARIF: characters a URI cannot hold are percent-encoded", "[sarif][report]") {
  CheckEntry e = entry_of("go/js_hello_go124.wasm", {}, "out dir/a#b%c?\xc3\xa9:x.wasm");
  const auto r = results_of(sarif_of({e}), "target.gojs");
  REQUIRE(r.size() == 1);
  CHECK(uri_of(r[0]) == "out%20dir/a%23b%25c%3F%C3%A9%3Ax.wasm");
}

TEST_CASE("SARIF: an input error is a tool execution notification", "[sarif][report]") {
  const CheckEntry bad = entry_at(built_fixture("malformed/header_bad_magic.wasm").string());
  REQUIRE(bad.error);
  REQUIRE_FALSE(bad.result);
  const CheckEntry missing = entry_of("c/no_such_file.wasm");
  REQUIRE(missing.error);
  ReportOptions o;
  o.sarif_root = std::filesystem::path(WASMAUDIT_FIXTURE_BUILD_DIR).parent_path().string();
  const Sarif s = sarif_of({entry_of("c/hello_command.wasm"), bad, missing}, o);
  const json& invocation = s.run().at("invocations").at(0);
  CHECK(invocation.at("executionSuccessful") == false);
  const json& notes = invocation.at("toolExecutionNotifications");
  REQUIRE(notes.size() == 2);
  CHECK(notes.at(0).at("level") == "error");
  const std::string line = notes.at(0).at("message").at("text");
  CHECK(line.starts_with("wasm-audit: error: fixtures/malformed/header_bad_magic.wasm:0x0: "));
  const json& where = notes.at(0).at("locations").at(0).at("physicalLocation");
  CHECK(where.at("artifactLocation").at("uri") == "fixtures/malformed/header_bad_magic.wasm");
  CHECK(where.at("region").at("byteOffset") == 0);
  // An I/O error has no offset, and no hash: the file was never read.
  const json& io = notes.at(1).at("locations").at(0).at("physicalLocation");
  CHECK_FALSE(io.contains("region"));
  const json& artifacts = s.run().at("artifacts");
  REQUIRE(artifacts.size() == 3);
  CHECK(artifacts.at(io.at("artifactLocation").at("index").get<std::size_t>()).count("hashes") ==
        0);
  CHECK(artifacts.at(1).at("hashes").at("sha-256").get<std::string>().size() == 64);
  // Results only from the module that was read.
  for (const auto& r : s.results())
    CHECK(r.at("locations").at(0).at("physicalLocation").at("artifactLocation").at("index") == 0);
}

TEST_CASE("SARIF: a failed gate is a result", "[sarif][report]") {
  GateOptions wazero;
  wazero.require = parse_runtime_list({"wazero"});
  const CheckEntry e = entry_of("go/wasmedge_sock_go124.wasm", wazero, "app.wasm");
  REQUIRE(e.gate->failed());
  const Sarif s = sarif_of({e});
  const auto gate = results_of(s, "gate.runtime");
  REQUIRE(gate.size() == 1);
  CHECK(gate[0].at("level") == "error");
  CHECK(gate[0].at("message").at("text").get<std::string>().starts_with(
      "The gate fails: " + e.gate->failures.front().reason));
  CHECK(region_of(gate[0]).at("byteLength") == e.module->file_size);
  CHECK(s.run().at("artifacts").at(0).at("properties").at("gate") == "failed");

  // Without --require, a module that runs nowhere fails on its verdict.
  const CheckEntry js = entry_of("go/js_hello_go124.wasm", {}, "app.wasm");
  REQUIRE(js.gate->failed());
  CHECK(results_of(sarif_of({js}), "gate.verdict").size() == 1);
  // And one that runs has no gate result.
  const CheckEntry hello = entry_of("c/hello_command.wasm", {}, "app.wasm");
  REQUIRE_FALSE(hello.gate->failed());
  CHECK(results_of(sarif_of({hello}), "gate.verdict").empty());
}

TEST_CASE("SARIF: with a baseline, results say whether they are new", "[sarif][report]") {
  const CheckEntry e = entry_of("go/js_hello_go124.wasm", {}, "app.wasm");
  const auto gojs = findings_of(*e.result, "target.gojs");
  REQUIRE(gojs.size() == 1);
  Baseline baseline;
  const std::vector<std::string> subjects =
      gojs[0]->covers.empty() ? std::vector<std::string>{gojs[0]->subject} : gojs[0]->covers;
  for (const auto& subject : subjects)
    baseline.keys.push_back({"app.wasm", "target.gojs", subject});
  std::sort(baseline.keys.begin(), baseline.keys.end());
  GateOptions gate;
  gate.baseline = &baseline;
  ReportOptions o;
  o.gate = &gate;
  const Sarif s = sarif_of({e}, o);
  for (const auto& r : s.results()) {
    INFO(r.at("ruleId"));
    CHECK(r.at("baselineState") == (r.at("ruleId") == "target.gojs" ? "unchanged" : "new"));
  }
  CHECK_FALSE(sarif_of({e}).results().at(0).contains("baselineState"));
}

TEST_CASE("SARIF: the output is a pure function of its input", "[sarif][report]") {
  const std::vector<CheckEntry> entries{entry_of("c/hello_command.wasm"),
                                        entry_of("go/wasip1_hello_go124.wasm")};
  CHECK(sarif_of(entries).text == sarif_of(entries).text);
}

TEST_CASE("SARIF: check --format sarif --sarif-root", "[sarif][cli]") {
  const CliResult r = run_cli({"check", "--format", "sarif", "--sarif-root", fixtures_dir(),
                               fixture_path("c/socket_before.wasm")});
  CHECK(r.err.empty());
  const json doc = json::parse(r.out);
  const json& artifact = doc.at("runs").at(0).at("artifacts").at(0);
  CHECK(artifact.at("location").at("uri") == "c/socket_before.wasm");
  CHECK(artifact.at("hashes").at("sha-256").get<std::string>().size() == 64);
}
