// SPDX-License-Identifier: Apache-2.0
#include "wasmaudit/policy/knowledge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "binary/glob.hpp"

namespace wasmaudit {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::kNote: return "note";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "?";
}

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "note") return Severity::kNote;
  if (text == "warning") return Severity::kWarning;
  if (text == "error") return Severity::kError;
  return std::nullopt;
}

std::string_view to_string(InterfaceClass c) {
  switch (c) {
    case InterfaceClass::kStandard: return "standard";
    case InterfaceClass::kExtension: return "extension";
    case InterfaceClass::kBrowser: return "browser";
    case InterfaceClass::kEmbedder: return "embedder";
    case InterfaceClass::kComponent: return "component";
    case InterfaceClass::kDynamicLinking: return "dynamic-linking";
  }
  return "?";
}

int compare_versions(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() || j < b.size()) {
    unsigned long x = 0;
    unsigned long y = 0;
    while (i < a.size() && std::isdigit(static_cast<unsigned char>(a[i]))) x = x * 10 + (a[i++] - '0');
    while (j < b.size() && std::isdigit(static_cast<unsigned char>(b[j]))) y = y * 10 + (b[j++] - '0');
    if (x != y) return x < y ? -1 : 1;
    // Skip one separator (or any other character) on each side.
    if (i < a.size()) ++i;
    if (j < b.size()) ++j;
  }
  return 0;
}

bool VersionRange::contains(std::string_view version) const {
  if (version.empty()) return true;
  if (!since.empty() && compare_versions(version, since) < 0) return false;
  if (!until.empty() && compare_versions(version, until) > 0) {
    // "until 46" includes 46.0.3: compare only as many components as `until` has.
    const std::string_view prefix = version.substr(0, until.size());
    if (!(prefix == until && (version.size() == until.size() || version[until.size()] == '.'))) {
      return false;
    }
  }
  return true;
}

bool ImportScope::covers(std::string_view version, std::string_view module, std::string_view name) const {
  auto any = [](const std::vector<std::string>& globs, std::string_view text) {
    return std::any_of(globs.begin(), globs.end(), [&](const std::string& g) { return glob_match(g, text); });
  };
  return versions.contains(version) && any(modules, module) && any(names, name);
}

namespace {

/// The first entry under `key` whose version range holds `version` (and that `also` accepts), or
/// nullptr.
template <class Entry, class Also = bool (*)(const Entry&)>
const Entry* entry_for(const std::map<std::string, std::vector<Entry>>& table, std::string_view key,
                       std::string_view version, Also also = [](const Entry&) { return true; }) {
  const auto it = table.find(std::string(key));
  if (it == table.end()) return nullptr;
  for (const auto& e : it->second) {
    if (e.versions.contains(version) && also(e)) return &e;
  }
  return nullptr;
}

}  // namespace

const GrantTemplate* RunRecipe::grant(std::string_view capability, std::string_view version) const {
  const auto it = grants.find(std::string(capability));
  if (it == grants.end() || it->second.each.empty() || !it->second.versions.contains(version)) return nullptr;
  return &it->second;
}

bool RunProfile::can_grant(std::string_view capability, std::string_view version) const {
  return (cli && cli->grant(capability, version) != nullptr) || (embed && embed->grant(capability, version) != nullptr);
}

const FeatureSupport* RuntimeProfile::feature(std::string_view proposal, std::string_view v) const {
  return entry_for(features, proposal, v);
}

const ErrorTemplate* RuntimeProfile::error_template(std::string_view key, std::string_view v,
                                                   std::string_view module) const {
  return entry_for(errors, key, v, [module](const ErrorTemplate& e) {
    return e.modules.empty() || std::any_of(e.modules.begin(), e.modules.end(), [module](const std::string& g) {
             return !module.empty() && glob_match(g, module);
           });
  });
}

std::optional<std::string> RuntimeProfile::resolve_version(std::string_view requested) const {
  if (requested.empty()) return version;
  if (releases.empty()) return std::string(requested);
  // The newest release whose leading components are the requested ones ("24" -> "24.0.13").
  std::optional<std::string> best;
  for (const auto& r : releases) {
    const bool prefix = r.size() >= requested.size() && r.compare(0, requested.size(), requested) == 0 &&
                        (r.size() == requested.size() || r[requested.size()] == '.');
    if (prefix && (!best || compare_versions(r, *best) > 0)) best = r;
  }
  return best;
}

std::string RuntimeProfile::covered_versions() const {
  if (releases.empty()) return version;
  if (releases.size() == 1) return releases.front();
  return releases.front() + " to " + releases.back();
}

std::string RuntimeProfile::version_not_covered(std::string_view requested) const {
  std::string list;
  for (const auto& r : releases) list += (list.empty() ? "" : ", ") + r;
  return fmt::format("{}@{}: not a version the knowledge base covers ({} {}: {})", id, requested, name,
                     covered_versions(), list);
}

bool ImportPattern::matches(std::string_view m, std::string_view n) const {
  return glob_match(module, m) && glob_match(name, n);
}

const Interface* Knowledge::find_interface(std::string_view id) const {
  for (const auto& i : interfaces) {
    if (i.id == id) return &i;
  }
  return nullptr;
}

const RuntimeProfile* Knowledge::find_runtime(std::string_view id) const {
  for (const auto& r : runtimes) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

const Rule* Knowledge::find_rule(std::string_view id) const {
  for (const auto& r : rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

const ToolchainFingerprint* Knowledge::find_toolchain(std::string_view id) const {
  for (const auto& t : toolchains) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

const CapabilityInfo* Knowledge::find_capability(std::string_view id) const {
  for (const auto& c : capabilities) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

const AuditProfile* Knowledge::find_profile(std::string_view id) const {
  for (const auto& p : profiles) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::optional<ValType> parse_val_type(std::string_view s) {
  s = trim(s);
  if (s == "i32") return ValType::i32();
  if (s == "i64") return ValType::i64();
  if (s == "f32") return ValType::f32();
  if (s == "f64") return ValType::f64();
  if (s == "v128") return ValType{ValType::Kind::kV128};
  if (s == "funcref") return ValType::funcref();
  if (s == "externref") return ValType::externref();
  return std::nullopt;
}

std::optional<std::vector<ValType>> parse_list(std::string_view s) {
  s = trim(s);
  if (s.size() < 2 || s.front() != '(' || s.back() != ')') return std::nullopt;
  s = trim(s.substr(1, s.size() - 2));
  std::vector<ValType> out;
  while (!s.empty()) {
    const auto comma = s.find(',');
    auto t = parse_val_type(s.substr(0, comma));
    if (!t) return std::nullopt;
    out.push_back(*t);
    if (comma == std::string_view::npos) break;
    s = s.substr(comma + 1);
  }
  return out;
}

}  // namespace

std::optional<FuncType> parse_func_type(std::string_view text) {
  const auto arrow = text.find("->");
  if (arrow == std::string_view::npos) return std::nullopt;
  auto params = parse_list(text.substr(0, arrow));
  if (!params) return std::nullopt;
  const std::string_view rest = trim(text.substr(arrow + 2));
  FuncType f;
  f.params = std::move(*params);
  if (!rest.empty() && rest.front() == '(') {
    auto results = parse_list(rest);
    if (!results) return std::nullopt;
    f.results = std::move(*results);
  } else {
    auto one = parse_val_type(rest);
    if (!one) return std::nullopt;
    f.results.push_back(*one);
  }
  return f;
}

}  // namespace wasmaudit

namespace wasmaudit {

const ComponentWasi* ComponentModel::wasi_at(std::string_view version) const {
  for (const auto& w : wasi) {
    if (w.versions.contains(version)) return &w;
  }
  return nullptr;
}

const ComponentMatching* ComponentModel::matching_at(std::string_view version) const {
  for (const auto& m : matching) {
    if (m.versions.contains(version)) return &m;
  }
  return nullptr;
}

}  // namespace wasmaudit
