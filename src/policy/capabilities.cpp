// SPDX-License-Identifier: Apache-2.0
// Capabilities: what a module asks of its host, from the `capability` of the interface items its
// imports match (policies/interfaces) and, for threads, from a shared memory. Titles and order come
// from the capability catalogue (policies/capabilities).
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "advice.hpp"

namespace wasmaudit {

bool CheckResult::needs_preopens() const {
  return std::any_of(capabilities.begin(), capabilities.end(),
                     [](const Capability& c) { return c.id == "filesystem" && c.needs_grant; });
}

std::optional<Preopen> parse_preopen(std::string_view text) {
  Preopen p;
  if (const auto sep = text.find("::"); sep != std::string_view::npos) {
    p.host = std::string(text.substr(0, sep));
    p.guest = std::string(text.substr(sep + 2));
  } else {
    p.host = p.guest = std::string(text);
  }
  if (p.host.empty() || p.guest.empty()) return std::nullopt;
  return p;
}

namespace detail {

bool built_by_go(const Detection* detection) {
  if (detection == nullptr) return false;
  return std::any_of(detection->toolchains.begin(), detection->toolchains.end(),
                     [](const ToolchainGuess& t) { return t.id == "go"; });
}

std::vector<Capability> derive_capabilities(const Module& module,
                                            const std::vector<ImportClass>& imports,
                                            const Knowledge& knowledge) {
  std::map<std::string, Capability> found;
  auto add = [&](const std::string& id, const std::string& label, bool needs_grant) {
    Capability& c = found[id];
    c.id = id;
    if (std::find(c.imports.begin(), c.imports.end(), label) == c.imports.end())
      c.imports.push_back(label);
    c.needs_grant = c.needs_grant || needs_grant;
  };
  for (std::size_t i = 0; i < module.imports.size() && i < imports.size(); ++i) {
    const InterfaceItem* item = imports[i].item;
    if (item == nullptr || item->capability.empty()) continue;
    const Import& imp = module.imports[i];
    add(item->capability, imp.module + "::" + imp.name, item->needs_grant);
  }
  for (std::size_t i = 0; i < module.memories.size(); ++i) {
    if (module.memories[i].type.limits.shared)
      add("threads", fmt::format("memory {} (shared)", i), false);
  }
  std::vector<Capability> out;
  for (const auto& info : knowledge.capabilities) {  // the catalogue's order
    auto it = found.find(info.id);
    if (it == found.end()) continue;
    it->second.title = info.title;
    it->second.without_grant = info.without_grant;
    out.push_back(std::move(it->second));
    found.erase(it);
  }
  for (auto& [id, c] : found) {  // ids the catalogue does not know, by name
    c.title = id;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace detail
}  // namespace wasmaudit
