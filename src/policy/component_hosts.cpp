// SPDX-License-Identifier: Apache-2.0
// A component against a component host (a runtime profile's `component_model`): its imports
// against the interfaces and versions the host registers, its exports against the worlds the host
// runs, and the command that runs it.
#include <algorithm>

#include <fmt/format.h>

#include "advice.hpp"
#include "binary/glob.hpp"

namespace wasmaudit::detail {
namespace {

struct Semver {
  unsigned long long major = 0, minor = 0, patch = 0;
  bool pre = false;  ///< a prerelease (`-rc-2025-09-16`, `-draft`)
};

std::optional<Semver> parse_semver(std::string_view v) {
  if (const auto plus = v.find('+'); plus != std::string_view::npos) v = v.substr(0, plus);
  Semver s;
  if (const auto dash = v.find('-'); dash != std::string_view::npos) {
    s.pre = true;
    v = v.substr(0, dash);
  }
  unsigned long long* parts[] = {&s.major, &s.minor, &s.patch};
  for (int i = 0; i < 3; ++i) {
    const auto dot = v.find('.');
    const std::string_view digits = v.substr(0, dot);
    if (digits.empty() || digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string_view::npos) {
      return std::nullopt;
    }
    *parts[i] = std::stoull(std::string(digits));
    if ((dot == std::string_view::npos) != (i == 2)) return std::nullopt;
    if (dot != std::string_view::npos) v = v.substr(dot + 1);
  }
  return s;
}

/// wasmtime's `alternate_lookup_key`: "1" for 1.x.y, "0.2" for 0.2.x; none for a prerelease or 0.0.x.
std::optional<std::string> semver_key(std::string_view version) {
  const auto s = parse_semver(version);
  if (!s || s->pre) return std::nullopt;
  if (s->major != 0) return std::to_string(s->major);
  if (s->minor != 0) return fmt::format("0.{}", s->minor);
  return std::nullopt;
}

std::string quoted(const std::string& file) {
  const bool plain = std::all_of(file.begin(), file.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '/' || c == '-' || c == '_' || c == '@';
  });
  if (plain && !file.empty()) return file;
  std::string out = "'";
  for (char c : file) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

template <class T>
bool covered(const T& entry, std::string_view version) {
  return entry.versions.contains(version);
}

}  // namespace

ComponentName split_component_name(const ComponentExtern& e) {
  ComponentName n;
  std::string_view name = e.name;
  if (const auto at = name.find('@'); at != std::string_view::npos) {
    n.version = std::string(name.substr(at + 1));
    name = name.substr(0, at);
  } else if (!e.version_suffix.empty()) {
    n.version = e.version_suffix;
  }
  n.unversioned = std::string(name);
  if (const auto colon = name.find(':'); colon != std::string_view::npos) n.ns = std::string(name.substr(0, colon));
  return n;
}

bool versions_compatible(std::string_view match, std::string_view imported, std::string_view provided) {
  if (match == "any" || imported == provided) return true;
  if (match != "semver") return false;
  const auto a = semver_key(imported);
  const auto b = semver_key(provided);
  return a && b && *a == *b;
}

ComponentOutcome check_component(const Module& module, const RuntimeProfile& profile, std::string_view version,
                                 const EvalOptions& options) {
  ComponentOutcome out;
  const ComponentModel& cm = *profile.component_model;
  const ComponentWasi* wasi = cm.wasi_at(version);
  const ComponentMatching* matching = cm.matching_at(version);
  const std::string host_wasi = wasi != nullptr ? wasi->version : "";
  const std::string match = matching != nullptr ? matching->match : "exact";
  auto unverified = [&](const Provenance& p, std::string_view what) {
    if (p.status == "unverified") {
      out.notes.push_back(fmt::format("{} at this version is unverified ({})", what, p.source));
    }
  };
  if (wasi != nullptr) unverified(wasi->provenance, "the WASI version " + host_wasi);
  std::vector<std::string> grants;
  for (const ComponentExtern& imp : module.component_imports) {
    const ComponentName n = split_component_name(imp);
    const ComponentInterfaces* found = nullptr;
    for (const auto& group : cm.interfaces) {
      if (!covered(group, version)) continue;
      if (std::any_of(group.names.begin(), group.names.end(),
                      [&](const std::string& g) { return glob_match(g, n.unversioned); })) {
        found = &group;
        break;
      }
    }
    const std::string provided = found == nullptr ? "" : (found->version.empty() ? host_wasi : found->version);
    const bool ok = found != nullptr && (n.version.empty() ? provided.empty()
                                                           : !provided.empty() && versions_compatible(match, n.version, provided));
    if (!ok) {
      if (out.error_template.empty()) {
        out.error_template = "component_missing_import";
        out.values = {{"kind", std::string(to_string(imp.sort))}, {"name", imp.name},
                      {"unversioned", n.unversioned}, {"namespace", n.ns}, {"path", options.file},
                      {"wasi", host_wasi}};
      }
      out.missing.push_back(imp.name);
      continue;
    }
    if (!found->grant.empty() && std::find(grants.begin(), grants.end(), found->grant) == grants.end()) {
      grants.push_back(found->grant);
    }
    if (!found->note.empty()) {
      const std::string note = fmt::format(fmt::runtime(found->note), fmt::arg("name", imp.name));
      if (std::find(out.notes.begin(), out.notes.end(), note) == out.notes.end()) out.notes.push_back(note);
    }
    unverified(found->provenance, n.unversioned);
    if (match == "semver" && n.version != provided) {
      const auto a = parse_semver(n.version);
      const auto b = parse_semver(provided);
      if (a && b && std::tie(a->major, a->minor, a->patch) > std::tie(b->major, b->minor, b->patch)) {
        out.newer.push_back(imp.name);
      }
    }
  }
  if (!out.newer.empty()) {
    out.notes.push_back(fmt::format(
        "{} registers {}; it links {} by semver (a function added after {} would fail: "
        "`instance export `NAME` has the wrong type`)",
        profile.name + " " + std::string(version), host_wasi,
        out.newer.size() == 1 ? out.newer.front() : fmt::format("{} imports of a newer 0.2 ({} …)", out.newer.size(), out.newer.front()),
        host_wasi));
  }
  // Which world it exports decides how the host runs it.
  const ComponentWorld* world = nullptr;
  const ComponentWorld* first = nullptr;
  for (const auto& w : cm.worlds) {
    if (!covered(w, version)) continue;
    if (first == nullptr) first = &w;
    std::string glob = w.export_name;
    if (const auto at = glob.find("{wasi}"); at != std::string::npos) glob.replace(at, 6, host_wasi);
    if (std::any_of(module.component_exports.begin(), module.component_exports.end(),
                    [&](const ComponentExtern& e) { return glob_match(glob, e.name); })) {
      world = &w;
      break;
    }
  }
  std::string command;
  std::string note;
  if (world != nullptr) {
    command = world->command;
    note = world->note;
    unverified(world->provenance, "running " + world->export_name);
  } else if (!cm.library_command.empty()) {
    command = cm.library_command;
    note = cm.library_note;
  } else if (out.error_template.empty()) {
    out.error_template = "component_no_world";
    out.values = {{"wasi", host_wasi}, {"path", options.file}};
  }
  out.grants = grants;
  if (!command.empty() && out.error_template.empty()) {
    std::string flags;
    for (const auto& g : grants) flags += " " + g;
    std::string line = command;
    auto put = [&line](std::string_view key, const std::string& value) {
      for (auto at = line.find(key); at != std::string::npos; at = line.find(key, at + value.size())) {
        line.replace(at, key.size(), value);
      }
    };
    put("{grants}", flags);
    put("{file}", quoted(options.file));
    RunAdvice run;
    run.command = line;
    if (!note.empty()) run.notes.push_back(note);
    out.run = std::move(run);
  }
  return out;
}

}  // namespace wasmaudit::detail

namespace wasmaudit::detail {

std::vector<FindingDraft> component_findings(const Module& module, const Knowledge& knowledge,
                                             const CheckResult& result) {
  std::vector<FindingDraft> out;
  // The component hosts among the selected runtimes: those that got as far as its imports.
  std::vector<const RuntimeResult*> hosts;
  std::vector<std::string> world_globs;
  std::vector<std::pair<std::string, std::vector<std::string>>> worlds;  // export (unversioned) -> hosts
  for (const auto& r : result.runtimes) {
    const RuntimeProfile* p = knowledge.find_runtime(r.id);
    if (p == nullptr || !p->component_model) continue;
    const FeatureSupport* f = p->feature("components", r.version);
    if (f == nullptr || !f->supported) continue;
    hosts.push_back(&r);
    const ComponentWasi* wasi = p->component_model->wasi_at(r.version);
    for (const auto& w : p->component_model->worlds) {
      if (!w.versions.contains(r.version)) continue;
      std::string glob = w.export_name;
      if (const auto at = glob.find("{wasi}"); at != std::string::npos) {
        glob.replace(at, 6, wasi != nullptr ? wasi->version : "");
      }
      world_globs.push_back(glob);
      const std::string name = glob.substr(0, glob.find('@'));
      auto it = std::find_if(worlds.begin(), worlds.end(), [&](const auto& e) { return e.first == name; });
      if (it == worlds.end()) it = worlds.insert(worlds.end(), {name, {}});
      if (std::find(it->second.begin(), it->second.end(), r.key) == it->second.end()) it->second.push_back(r.key);
    }
  }
  if (hosts.empty()) return out;
  for (const ComponentExtern& imp : module.component_imports) {
    const bool nowhere = std::all_of(hosts.begin(), hosts.end(), [&](const RuntimeResult* r) {
      return std::find(r->missing.begin(), r->missing.end(), imp.name) != r->missing.end();
    });
    if (!nowhere) continue;
    std::vector<std::string> keys;
    for (const RuntimeResult* r : hosts) keys.push_back(r->key);
    std::string names;
    for (std::size_t i = 0; i < keys.size(); ++i) names += (i ? ", " : "") + keys[i];
    out.push_back({"component.unknown-import", imp.name, imp.range,
                   fmt::format("imports {} `{}`, which no selected component host links ({})",
                               to_string(imp.sort), imp.name, names),
                   ""});
  }
  const bool runs = std::any_of(module.component_exports.begin(), module.component_exports.end(),
                                [&](const ComponentExtern& e) {
                                  return std::any_of(world_globs.begin(), world_globs.end(),
                                                     [&](const std::string& g) { return glob_match(g, e.name); });
                                });
  if (!runs && !world_globs.empty()) {
    std::string exports;
    for (std::size_t i = 0; i < module.component_exports.size() && i < 5; ++i) {
      exports += (i ? ", " : "") + module.component_exports[i].name;
    }
    if (module.component_exports.size() > 5) exports += fmt::format(" and {} more", module.component_exports.size() - 5);
    std::string wanted;  // "wasi:cli/run (wasmtime, jco) or wasi:http/incoming-handler (wasmtime)"
    for (std::size_t i = 0; i < worlds.size(); ++i) {
      std::string keys;
      for (std::size_t k = 0; k < worlds[i].second.size(); ++k) keys += (k ? ", " : "") + worlds[i].second[k];
      wanted += fmt::format("{}{} ({})", i == 0 ? "" : " or ", worlds[i].first, keys);
    }
    out.push_back({"component.no-run-export", "module", {0, 0},
                   module.component_exports.empty()
                       ? fmt::format("exports nothing; the selected hosts run a component that exports {}", wanted)
                       : fmt::format("exports {} but not {}, what the selected hosts run", exports, wanted),
                   ""});
  }
  return out;
}

}  // namespace wasmaudit::detail
