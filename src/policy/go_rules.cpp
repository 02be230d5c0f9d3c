// SPDX-License-Identifier: Apache-2.0
// Findings from what detect() found: the calls a toolchain's fingerprint lists as always failing
// on the target (generic: the rule and the call names come from policies/toolchains), and
// go.reactor-version, which reads the Go version and -buildmode detection extracted.
#include "go_rules.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

namespace wasmaudit::detail {
namespace {

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ") {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

/// "go1.23.5" -> "1.23.5"; "devel go1.24-abcdef" and other non-release strings -> "".
std::string go_release(std::string_view version) {
  if (version.substr(0, 3) != "go1") return "";
  version.remove_prefix(2);
  std::size_t n = 0;
  while (n < version.size() &&
         (std::isdigit(static_cast<unsigned char>(version[n])) != 0 || version[n] == '.'))
    ++n;
  return std::string(version.substr(0, n));
}

void call_findings(const Knowledge& k, const Detection& d, std::vector<FindingDraft>& out) {
  struct Group {
    std::vector<std::string> calls;
    std::vector<std::string> functions;
    const NotableCall* first = nullptr;
  };
  std::map<std::string, Group> groups;
  std::vector<std::string> order;
  for (const auto& c : d.notable_calls) {
    if (!groups.count(c.rule)) order.push_back(c.rule);
    Group& g = groups[c.rule];
    if (g.first == nullptr) g.first = &c;
    add_unique(g.calls, c.call);
    add_unique(g.functions, c.function);
  }
  for (const auto& rule : order) {
    const Group& g = groups[rule];
    const Rule* r = k.find_rule(rule);
    std::string target;
    if (const ToolchainGuess* t = d.find(g.first->toolchain)) {
      if (auto goos = t->settings.find("GOOS"); goos != t->settings.end()) {
        target = fmt::format(" (built for GOOS={})", goos->second);
      }
    }
    out.push_back({rule, "function " + g.first->function, g.first->range,
                   fmt::format("{}{}: {} (from {} in the name section)", r ? r->title : rule,
                               target, join(g.calls), join(g.functions)),
                   ""});
  }
}

/// A Go reactor exports _initialize. Go builds one only from 1.24 on, with -buildmode=c-shared,
/// whose entry is _rt0_wasm_wasip1_lib; an _initialize anywhere else is not Go's reactor entry.
void reactor_version(const Module& m, const Detection& d, std::vector<FindingDraft>& out) {
  const ToolchainGuess* go = d.find("go");
  const Export* init = m.find_export("_initialize");
  if (go == nullptr || init == nullptr) return;
  const auto mode = go->settings.find("-buildmode");
  const auto entry = d.export_functions.find("_initialize");
  const std::string release = go_release(go->version);
  std::vector<std::string> why;
  if (!release.empty() && compare_versions(release, "1.24") < 0) {
    why.push_back(
        fmt::format("{} cannot build a reactor (-buildmode=c-shared on wasip1 and "
                    "//go:wasmexport arrived in Go 1.24)",
                    go->version));
  }
  if (mode != go->settings.end() && mode->second != "c-shared") {
    why.push_back(fmt::format("the module info says -buildmode={}, not c-shared", mode->second));
  }
  if (entry != d.export_functions.end() && entry->second != "_rt0_wasm_wasip1_lib") {
    why.push_back(
        fmt::format("_initialize is {}{}", entry->second,
                    entry->second == "_rt0_wasm_wasip1"
                        ? ", Go's command entry (a renamed _start: it runs main and exits)"
                        : ", not Go's reactor entry _rt0_wasm_wasip1_lib"));
  }
  if (why.empty()) return;
  out.push_back({"go.reactor-version", "export _initialize", init->range,
                 fmt::format("exports _initialize but is not a Go reactor: {}", join(why, "; ")),
                 ""});
}

}  // namespace

std::vector<FindingDraft> toolchain_findings(const Module& module, const Knowledge& knowledge,
                                             const Detection* detection) {
  std::vector<FindingDraft> out;
  if (detection == nullptr || module.kind != BinaryKind::kModule) return out;
  call_findings(knowledge, *detection, out);
  reactor_version(module, *detection, out);
  return out;
}

}  // namespace wasmaudit::detail
