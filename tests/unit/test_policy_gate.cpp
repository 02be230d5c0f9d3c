// SPDX-License-Identifier: Apache-2.0
// The gate (policy/gate.hpp) on real fixtures, baselines and the allowlist draft; the exit status
// table (cli/exit_code.hpp).
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "audit_helpers.hpp"
#include "catch.hpp"
#include "cli_runner.hpp"
#include "exit_code.hpp"
#include "wasmaudit/error.hpp"
#include "wasmaudit/policy/gate.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

GateResult gate_of(const std::string& rel, GateOptions options, EvalOptions eval = {}) {
  eval.runtimes = with_required(eval.runtimes, options.require, builtin_knowledge());
  return apply_gate(audit_fixture(rel, eval), fixture_path(rel), options);
}

std::vector<std::string> reasons(const GateResult& g) {
  std::vector<std::string> out;
  for (const auto& f : g.failures) out.push_back(f.reason);
  return out;
}

}  // namespace

TEST_CASE("the gate with --require: exactly the required runtimes and the findings at --fail-on", "[gate]") {
  GateOptions wazero;
  wazero.require = parse_runtime_list({"wazero@1.9"});
  REQUIRE(resolve_versions(wazero.require, builtin_knowledge()).empty());  // as the CLI does
  REQUIRE(wazero.require[0].version == "1.9.0");
  wazero.fail_on = std::nullopt;

  SECTION("a runtime-locked module fails where its extension is missing") {
    const GateResult g = gate_of("go/wasmedge_sock_go124.wasm", wazero);
    REQUIRE(g.failures.size() == 1);
    CHECK(g.failures[0].key.rule_id == "runtime");
    CHECK(g.failures[0].key.subject == "wazero@1.9.0");  // not the profile's newest
    CHECK(g.failures[0].reason ==
          "required runtime wazero 1.9.0 fails to instantiate: error instantiating wasm binary: \"sock_open\" is not "
          "exported in module \"wasi_snapshot_preview1\"");
  }
  SECTION("and passes where it is provided, whatever the verdict says") {
    GateOptions wasmedge = wazero;
    wasmedge.require = parse_runtime_list({"wasmedge"});
    CHECK_FALSE(gate_of("go/wasmedge_sock_go124.wasm", wasmedge).failed());
  }
  SECTION("a lazily linking runtime with a missing import fails: it will trap on call") {
    GateOptions wasm3 = wazero;
    wasm3.require = parse_runtime_list({"wasm3"});
    const GateResult g = gate_of("c/socket_after.wasm", wasm3);
    REQUIRE(g.failures.size() == 1);
    CHECK(g.failures[0].reason ==
          "required runtime wasm3 0.5.0 instantiates only because it links lazily: "
          "wasi_snapshot_preview1::sock_accept will trap on call");
    CHECK_FALSE(gate_of("c/socket_before.wasm", wasm3).failed());
  }
  SECTION("several runtimes, comma-separated and repeated") {
    GateOptions both = wazero;
    both.require = parse_runtime_list({"wasmtime,wazero", "wasmedge"});
    REQUIRE(both.require.size() == 3);
    CHECK(reasons(gate_of("go/wasmedge_sock_go124.wasm", both)).size() == 2);
    CHECK_FALSE(gate_of("c/hello_command.wasm", both).failed());
  }
  SECTION("findings at or above --fail-on count beside the runtimes") {
    GateOptions with_findings = wazero;
    with_findings.require = parse_runtime_list({"wasmedge"});
    with_findings.fail_on = Severity::kError;
    const GateResult g = gate_of("go/wasmedge_sock_go124.wasm", with_findings);
    REQUIRE(g.failures.size() == 1);
    CHECK(g.failures[0].key.rule_id == "wasi.nonstandard-socket");
    CHECK(g.failures[0].key.subject == "wasi_snapshot_preview1::sock_open");
  }
}

TEST_CASE("without --require: runs nowhere, a component no runtime runs, invalid-abi", "[gate]") {
  GateOptions none;
  none.fail_on = std::nullopt;
  CHECK_FALSE(gate_of("c/hello_command.wasm", none).failed());
  CHECK_FALSE(gate_of("go/wasmedge_sock_go124.wasm", none).failed());  // runs on wasmedge
  CHECK_FALSE(gate_of("c/socket_after.wasm", none).failed());          // partially portable

  const GateResult gojs = gate_of("go/js_hello_go124.wasm", none);
  REQUIRE(gojs.failures.size() == 1);
  CHECK(gojs.failures[0].reason == "runs on none of the selected WASI runtimes (verdict browser-target)");

  const GateResult embedder = gate_of("c/env_import.wasm", none);
  REQUIRE(embedder.failures.size() == 1);
  CHECK(embedder.failures[0].key.subject == "needs-embedder");

  EvalOptions wazero_only;
  wazero_only.runtimes = parse_runtime_list({"wazero"});
  const GateResult component = gate_of("component/hello_command.component.wasm", none, wazero_only);
  REQUIRE(component.failures.size() == 1);
  CHECK(component.failures[0].reason == "a component that no selected runtime runs");

  // Exporting both _start and _initialize is an ABI error (a reactor without _initialize is legal).
  const GateResult abi = gate_of("wat/shape_both.wasm", none);
  REQUIRE_FALSE(abi.failures.empty());
  CHECK(abi.failures[0].key == FindingKey{normalise_module_path(fixture_path("wat/shape_both.wasm")),
                                          "verdict", "invalid-abi"});
}

TEST_CASE("with_required adds required runtimes to the table or sets their version", "[gate]") {
  const Knowledge& k = builtin_knowledge();
  const auto all = with_required({}, parse_runtime_list({"wazero@1.8"}), k);
  CHECK(all.size() == k.runtimes.size());
  const auto wazero = std::find_if(all.begin(), all.end(), [](const RuntimeSelector& s) { return s.id == "wazero"; });
  REQUIRE(wazero != all.end());
  CHECK(wazero->version == "1.8");
  const auto same = with_required({}, parse_runtime_list({"wazero@1.12.0"}), k);  // the profile's version
  CHECK(std::none_of(same.begin(), same.end(), [](const RuntimeSelector& s) { return !s.version.empty(); }));
  const auto added = with_required(parse_runtime_list({"wasmtime"}), parse_runtime_list({"node"}), k);
  REQUIRE(added.size() == 2);
  CHECK(added[1].id == "node");
  CHECK(with_required(parse_runtime_list({"wasmtime@24"}), {}, k).size() == 1);
}

TEST_CASE("baselines: identities without offsets, new findings only, disappeared ones listed", "[gate][baseline]") {
  GateOptions options;  // fail on errors
  const std::string path = "dist/app.wasm";
  const CheckResult before = audit_fixture("c/env_import.wasm");
  const auto keys = baseline_keys(before, "./dist/./app.wasm", options);
  const std::string text = baseline_json(keys);
  CHECK(text.find("\"offset\"") == std::string::npos);
  CHECK(text.find("\"path\": \"dist/app.wasm\"") != std::string::npos);
  const Baseline b = load_baseline(text, "baseline.json");
  CHECK(b.keys == keys);
  options.baseline = &b;

  SECTION("the same module passes against its own baseline") {
    const GateResult g = apply_gate(before, path, options);
    CHECK_FALSE(g.failed());
    CHECK_FALSE(g.baselined.empty());
    CHECK(g.fixed.empty());
  }
  SECTION("another module's path is not covered") {
    CHECK(apply_gate(before, "dist/other.wasm", options).failed());
  }
  SECTION("a finding that is gone is listed as fixed") {
    const CheckResult clean = audit_fixture("c/hello_command.wasm");
    const GateResult g = apply_gate(clean, path, options);
    CHECK_FALSE(g.failed());
    REQUIRE_FALSE(g.fixed.empty());
    CHECK(std::any_of(g.fixed.begin(), g.fixed.end(), [](const FindingKey& k) {
      return k.rule_id == "imports.embedder" && k.subject == "env::metrics_emit";
    }));
  }
  SECTION("a new import in a grouped finding is new") {
    CheckResult more = before;
    for (auto& f : more.findings) {
      if (f.rule_id == "imports.embedder") f.covers = {"env::metrics_emit", "env::metrics_flush"};
    }
    const GateResult g = apply_gate(more, path, options);
    REQUIRE(g.failures.size() == 1);
    CHECK(g.failures[0].key.subject == "env::metrics_flush");
    CHECK(g.failures[0].reason == "error imports.embedder env::metrics_flush (new since the baseline)");
  }
}

TEST_CASE("a baseline that does not load names the file and a pointer", "[gate][baseline]") {
  CHECK_THROWS_WITH(load_baseline("{\"schema\": \"x\"}", "b.json"), Catch::Contains("wasm-audit/baseline/1"));
  try {
    load_baseline(R"({"schema": "wasm-audit/baseline/1", "accepted": [{"path": "a", "rule": 3}]})", "b.json");
    FAIL("no error");
  } catch (const PolicyError& e) {
    CHECK(e.pointer() == "/accepted/0/rule");
  }
  try {
    load_baseline("{\"schema\": ", "b.json");
    FAIL("no error");
  } catch (const PolicyError& e) {
    CHECK(e.byte_offset().has_value());
  }
}

TEST_CASE("the CLI round-trips a baseline and drafts an allowlist", "[gate][baseline][cli]") {
  const auto dir = std::filesystem::temp_directory_path() / ("wasmaudit-baseline-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string baseline = (dir / "baseline.json").string();
  const std::string policy = (dir / "policy.json").string();
  const std::string env = fixture_path("c/env_import.wasm");

  CHECK(run_cli({"check", env}).exit_code == 1);
  const CliResult write = run_cli({"check", "--write-baseline", baseline, env});
  CHECK(write.exit_code == 0);
  CHECK(run_cli({"check", "--write-policy", policy, fixture_path("c/socket_before.wasm")}).exit_code == 0);
  CHECK(run_cli({"check", "--baseline", baseline, env}).exit_code == 0);

  // Another module against the same baseline: its own findings are new.
  const CliResult other = run_cli({"check", "--quiet", "--baseline", baseline, fixture_path("go/js_hello_go124.wasm")});
  CHECK(other.exit_code == 1);

  // The allowlist: the module passes, a module with another import gets policy.deny for it alone.
  const CliResult allowed = run_cli({"check", "--format", "json", "--policy", policy, fixture_path("c/socket_before.wasm")});
  CHECK(allowed.exit_code == 0);
  CHECK(allowed.out.find("policy.deny") == std::string::npos);
  const CliResult denied = run_cli({"check", "--format", "json", "--fail-on", "error", "--policy", policy,
                                    fixture_path("c/socket_after.wasm")});
  CHECK(denied.exit_code == 1);
  CHECK(denied.out.find("wasi_snapshot_preview1::sock_accept is not in the policy's allowlist") != std::string::npos);
  CHECK(denied.out.find("fd_write is not in the policy") == std::string::npos);
  CHECK(run_cli({"check", "--policy", policy, env}).exit_code == 1);  // env::metrics_emit is not in it
  std::filesystem::remove_all(dir);
}

TEST_CASE("a baseline round trip on a real rebuild: only the new import fails", "[gate][baseline][cli]") {
  const auto dir = std::filesystem::temp_directory_path() / ("wasmaudit-rebuild-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "dist");
  const std::string app = (dir / "dist" / "app.wasm").string();
  const std::string baseline = (dir / "baseline.json").string();
  // Release 1 needs an embedder (env::metrics_emit): accepted into the baseline.
  std::filesystem::copy_file(fixture_path("c/env_import.wasm"), app);
  CHECK(run_cli({"check", "--fail-on", "warning", app}).exit_code == 1);
  CHECK(run_cli({"check", "--fail-on", "warning", "--write-baseline", baseline, app}).exit_code == 0);
  CHECK(run_cli({"check", "--fail-on", "warning", "--baseline", baseline, app}).exit_code == 0);
  // Release 2 is a rebuild that adds a socket import: the old findings are gone (listed as fixed),
  // the new one alone fails the gate, in every format.
  std::filesystem::copy_file(fixture_path("c/socket_after.wasm"), app, std::filesystem::copy_options::overwrite_existing);
  const CliResult text = run_cli({"check", "--quiet", "--fail-on", "warning", "--baseline", baseline, app});
  CHECK(text.exit_code == 1);
  CHECK(text.out == app + ": partially-portable (gate: fail: warning wasi.sockets wasi_snapshot_preview1::sock_accept)\n");
  const CliResult json = run_cli({"check", "--format", "json", "--fail-on", "warning", "--baseline", baseline, app});
  CHECK(json.out.find(R"("reasons": [
          {
            "rule": "wasi.sockets",
            "subject": "wasi_snapshot_preview1::sock_accept",)") != std::string::npos);
  CHECK(json.out.find(R"("fixed": [
          {
            "rule": "imports.embedder",
            "subject": "env::metrics_emit"
          })") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("exit status: one function, one precedence", "[cli][exit]") {
  using cli::ExitCode;
  using cli::exit_status;
  using cli::Outcome;
  struct Row {
    Outcome outcome;
    ExitCode expected;
  };
  const Row rows[] = {
      {{}, ExitCode::kOk},
      {{.gate_failures = 1}, ExitCode::kGate},
      {{.input_errors = 1}, ExitCode::kInputError},
      {{.input_errors = 2, .gate_failures = 3}, ExitCode::kInputError},
      {{.config_error = true}, ExitCode::kConfigError},
      {{.config_error = true, .input_errors = 1, .gate_failures = 1}, ExitCode::kConfigError},
      {{.usage_error = true, .config_error = true, .input_errors = 1, .gate_failures = 1}, ExitCode::kUsage},
  };
  for (const auto& r : rows) CHECK(exit_status(r.outcome) == r.expected);
  CHECK(cli::to_int(ExitCode::kConfigError) == 4);
}
