// SPDX-License-Identifier: Apache-2.0
// The `node` runtime verdict against reality: every valid fixture is instantiated by the real Node
// with node:wasi preview1 (tests/differential/node_instantiate.mjs), and the prediction must agree
// on whether it instantiates and on the exact error Node prints (less V8's " @+N" offset suffix).
#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>

#include "catch.hpp"
#include "fixtures.hpp"
#include "process.hpp"
#include "wasmaudit/audit.hpp"
#include "wasmaudit/policy/loader.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

struct Observed {
  bool instantiates = false;
  std::string error;
};

std::map<std::string, Observed> run_node(const std::vector<std::filesystem::path>& files) {
  std::string cmd = std::string(WASMAUDIT_NODE) + " " +
                    shell_quote(std::string(WASMAUDIT_SOURCE_DIR) + "/tests/differential/node_instantiate.mjs");
  for (const auto& f : files) cmd += " " + shell_quote(f.string());
  cmd += " 2>/dev/null";
  std::map<std::string, Observed> out;
  const ProcessResult node = run_shell(cmd);
  REQUIRE(node.status == 0);
  std::istringstream lines(node.out);
  for (std::string line; std::getline(lines, line);) {
    const auto j = nlohmann::json::parse(line);
    Observed o;
    o.instantiates = j.at("instantiates").get<bool>();
    if (!j.at("error").is_null()) o.error = j.at("error").get<std::string>();
    out[j.at("file").get<std::string>()] = o;
  }
  return out;
}

}  // namespace

TEST_CASE("the node verdict matches a real node:wasi instantiation", "[differential][node]") {
  const auto files = valid_fixtures();
  REQUIRE(files.size() >= 30);
  const auto observed = run_node(files);
  REQUIRE(observed.size() == files.size());
  EvalOptions options;
  options.runtimes.push_back({"node", ""});
  std::size_t instantiated = 0;
  std::size_t refused = 0;
  for (const auto& f : files) {
    DYNAMIC_SECTION(f.filename().string()) {
      const CheckEntry e = check_file(f.string(), builtin_knowledge(), options);
      REQUIRE(e.result);
      REQUIRE(e.result->runtimes.size() == 1);
      const RuntimeResult& node = e.result->runtimes.front();
      const Observed& o = observed.at(f.string());
      CHECK(node.instantiates == o.instantiates);
      if (!o.instantiates) {
        // V8 appends the byte offset of a compile error (" @+21"); profiles do not predict it.
        const auto strip = [](std::string text) {
          if (const auto at = text.rfind(" @+"); at != std::string::npos) text.resize(at);
          return text;
        };
        CHECK(strip(node.error.value_or("")) == strip(o.error));
      }
    }
    (observed.at(f.string()).instantiates ? instantiated : refused)++;
  }
  // Both outcomes must be exercised, or the comparison proves little.
  CHECK(instantiated >= 10);
  CHECK(refused >= 10);
}
