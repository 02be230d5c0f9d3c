// SPDX-License-Identifier: Apache-2.0
// The untrusted-plugin profile (src/policy/plugin_rules.cpp): what each plugin.* finding says.
// test_policy_rules.cpp has the fires/quiet rows.
#include <stdexcept>

#include "audit_helpers.hpp"
#include "catch.hpp"
#include "findings.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

EvalOptions plugin() {
  EvalOptions o;
  o.profile = "plugin";
  return o;
}

}  // namespace

TEST_CASE("plugin.host-io-import: pointer and length, named like I/O, not the runtime's",
          "[policy][plugin]") {
  const CheckResult r = audit_fixture("wat/plugin_host_io.wasm", plugin());
  const auto f = findings_of(r, "plugin.host-io-import");
  REQUIRE(f.size() ==
          2);  // read_file and http_get; not log (no I/O name), not open_count (no pointer)
  CHECK(f[0]->subject == "env::read_file");
  CHECK(f[0]->message ==
        "env::read_file (i32, i32) -> i32 takes a guest pointer and length and is named like host "
        "I/O: the "
        "host will open, read, fetch or run whatever path, URL or command the plugin writes there");
  CHECK(f[0]->fix.find("confine and validate in the host") == 0);
  CHECK(f[1]->subject == "env::http_get");
  // WASI's own path_open is the runtime's, confined by preopens: never reported.
  CHECK(
      findings_of(audit_fixture("c/file_reader.wasm", plugin()), "plugin.host-io-import").empty());
}

TEST_CASE("plugin.unbounded-memory names the memory and the host's limit", "[policy][plugin]") {
  const CheckResult r = audit_fixture("wat/plugin_host_io.wasm", plugin());
  const auto f = findings_of(r, "plugin.unbounded-memory");
  REQUIRE(f.size() == 1);
  CHECK(f[0]->subject == "memory 0");
  CHECK(f[0]->message ==
        "memory 0 has no maximum (1 pages, 64 KiB at start): the plugin can grow it until the "
        "host's own "
        "limit, 4 GiB for a 32-bit memory");
  CHECK(f[0]->fix.find("wasm-ld --max-memory=BYTES") != std::string::npos);
  CHECK(f[0]->fix.find("WithMemoryLimitPages") != std::string::npos);
  const CheckResult reactor = audit_fixture("go/reactor_go124.wasm", plugin());
  const auto go = findings_of(reactor, "plugin.unbounded-memory");
  REQUIRE(go.size() == 1);
  CHECK(go[0]->message.find("(29 pages, 1 MiB at start)") != std::string::npos);
}

TEST_CASE("plugin.environment: useful on Go, where every program imports environ_get",
          "[policy][plugin]") {
  const CheckResult hello =
      audit_fixture("go/wasip1_hello_go124.wasm", plugin(), builtin_knowledge(), as_go);
  const auto go = findings_of(hello, "plugin.environment");
  REQUIRE(go.size() == 1);
  CHECK(go[0]->subject == "wasi_snapshot_preview1::environ_get");
  CHECK(go[0]->message.find(
            "imports environ_get, environ_sizes_get: the plugin can read every environment "
            "variable the host passes to it") == 0);
  CHECK(go[0]->message.find(
            "this is a Go build, and Go's runtime imports environ_get in every wasip1 program") !=
        std::string::npos);
  CHECK(go[0]->fix.find("pass only the variables the plugin's contract names") == 0);
  const CheckResult command = audit_fixture("c/hello_command.wasm", plugin());
  const auto c = findings_of(command, "plugin.environment");
  REQUIRE(c.size() == 1);
  CHECK(c[0]->message.find("Go") == std::string::npos);
}

TEST_CASE("a severity override and allow apply to plugin findings like to any other",
          "[policy][plugin]") {
  Knowledge k = builtin_knowledge();
  load_documents(R"j({"kind": "policy", "severity": {"plugin.environment": "error"},
                      "allow": [{"module": "env", "name": "http_get", "reason": "our host checks URLs"}]})j",
                 "p.json", k);
  const CheckResult env = audit_fixture("c/hello_command.wasm", plugin(), k);
  REQUIRE(findings_of(env, "plugin.environment").size() == 1);
  CHECK(findings_of(env, "plugin.environment")[0]->severity == Severity::kError);
  const CheckResult host_io = audit_fixture("wat/plugin_host_io.wasm", plugin(), k);
  const auto io = findings_of(host_io, "plugin.host-io-import");
  REQUIRE(io.size() == 1);
  CHECK(io[0]->subject == "env::read_file");
}

TEST_CASE("an unknown profile is an error", "[policy][plugin]") {
  EvalOptions o;
  o.profile = "nope";
  CHECK_THROWS_AS(audit_fixture("c/hello_command.wasm", o), std::invalid_argument);
}
