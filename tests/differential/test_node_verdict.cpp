// SPDX-License-Identifier: Apache-2.0
// The `node` runtime verdict against reality: every valid fixture and every proposal fixture is
// instantiated by real Nodes with node:wasi preview1 (tests/differential/node_instantiate.mjs) — the
// system's Node 20 and, through WASMAUDIT_NODES, Node 18, 22 and 24 from npm (scripts/deps.sh) —
// and the prediction for that Node's release must agree on whether it instantiates (without flags)
// and on the exact error Node prints, V8's " @+N" offsets included.
#include <map>
#include <optional>

#include "catch.hpp"
#include "fixtures.hpp"
#include "process.hpp"
#include "runtime_runs.hpp"
#include "wasmaudit/policy/knowledge.hpp"
#include "wasmaudit/audit.hpp"
#include "wasmaudit/policy/loader.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

std::map<std::string, Observed> run_node(const std::string& node_binary, const std::vector<std::filesystem::path>& files) {
  std::string cmd = shell_quote(node_binary) + " " +
                    shell_quote(std::string(WASMAUDIT_SOURCE_DIR) + "/tests/differential/node_instantiate.mjs");
  for (const auto& f : files) cmd += " " + shell_quote(f.string());
  cmd += " 2>/dev/null";
  const ProcessResult node = run_shell(cmd);
  REQUIRE(node.status == 0);
  return parse_observations(node.out);
}

}  // namespace

TEST_CASE("the node verdict matches a real node:wasi instantiation", "[differential][node]") {
  auto files = valid_fixtures();
  for (auto& p : list_fixtures(built_fixture("features"), ".wasm")) files.push_back(std::move(p));
  REQUIRE(files.size() >= 50);
  std::size_t instantiated = 0;
  std::size_t refused = 0;
  // Catch runs the test case once per section: each Node runs over the files once, then is reused.
  static std::map<std::string, std::map<std::string, Observed>> runs;
  for (const auto& binary : node_binaries()) {
  if (!runs.count(binary)) runs[binary] = run_node(binary, files);
  const auto& observed = runs.at(binary);
  REQUIRE(observed.size() == files.size());
  // The profile at the version of this Node (its release, or its line's newest).
  static std::map<std::string, std::string> versions;
  if (!versions.count(binary)) versions[binary] = node_version(binary);
  const std::string version = versions.at(binary);
  const RuntimeProfile* profile = builtin_knowledge().find_runtime("node");
  REQUIRE(profile != nullptr);
  auto resolved = profile->resolve_version(version);
  if (!resolved) resolved = profile->resolve_version(version.substr(0, version.find('.')));
  INFO("node " << version);
  REQUIRE(resolved);
  EvalOptions options;
  options.runtimes.push_back({"node", *resolved});
  for (const auto& f : files) {
    DYNAMIC_SECTION("node " << version << ": " << f.filename().string()) {
      const CheckEntry e = check_file(f.string(), builtin_knowledge(), options);
      REQUIRE(e.result);
      REQUIRE(e.result->runtimes.size() == 1);
      const RuntimeResult& node = e.result->runtimes.front();
      const Observed& o = observed.at(f.string());
      const std::optional<std::string> flagged = without_flag(node);  // this one runs without flags
      CHECK((node.instantiates && !flagged) == o.instantiates);
      if (!o.instantiates) {
        if (node.instantiates) {
          REQUIRE(flagged);
          INFO(*flagged);
          CHECK(matches_template(*flagged, o.error));
        } else {
          INFO(node.error.value_or(""));
          CHECK(matches_template(node.error.value_or(""), o.error));  // offsets (" @+21") included
        }
      }
    }
    (observed.at(f.string()).instantiates ? instantiated : refused)++;
  }
  }
  // Both outcomes must be exercised, or the comparison proves little.
  CHECK(instantiated >= 10);
  CHECK(refused >= 10);
}
