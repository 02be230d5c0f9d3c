// SPDX-License-Identifier: Apache-2.0
#include "wasmaudit/policy/gate.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

#include "wasmaudit/error.hpp"

namespace wasmaudit {
namespace {

using OrderedJson = nlohmann::ordered_json;

std::string list(const std::vector<std::string>& items, std::size_t max) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < max; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > max) out += fmt::format(" and {} more", items.size() - max);
  return out;
}

bool same_version(std::string_view a, std::string_view b) { return compare_versions(a, b) == 0; }

/// Why one runtime does not run the module, or "" when it does.
std::string runtime_problem(const RuntimeResult& rt) {
  if (!rt.instantiates) {
    return fmt::format("fails to instantiate: {}", rt.error ? error_summary(rt) : std::string("(no error text)"));
  }
  if (!rt.missing.empty()) {
    return fmt::format("instantiates only because it links lazily: {} will trap on call", list(rt.missing, 3));
  }
  return {};
}

bool runs(const RuntimeResult& rt) { return rt.instantiates && rt.missing.empty(); }

}  // namespace

const RuntimeResult* find_required(const CheckResult& r, const RuntimeSelector& sel) {
  for (const auto& rt : r.runtimes) {
    if (rt.id == sel.id && (sel.version.empty() || same_version(rt.version, sel.version))) return &rt;
  }
  return nullptr;
}

std::vector<const RuntimeResult*> required_runtimes(const CheckResult& r, const GateOptions& options) {
  std::vector<const RuntimeResult*> out;
  for (const auto& sel : options.require) {
    if (const RuntimeResult* rt = find_required(r, sel)) out.push_back(rt);
  }
  return out;
}

std::string normalise_module_path(std::string_view path) {
  std::string out = std::filesystem::path(path).lexically_normal().generic_string();
  return out.empty() ? std::string(path) : out;
}

bool Baseline::contains(const FindingKey& key) const { return std::binary_search(keys.begin(), keys.end(), key); }

std::vector<RuntimeSelector> parse_runtime_list(const std::vector<std::string>& values) {
  std::vector<RuntimeSelector> out;
  for (const auto& v : values) {
    std::size_t start = 0;
    while (start <= v.size()) {
      const auto comma = v.find(',', start);
      const std::string part = v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!part.empty()) {
        RuntimeSelector s;
        const auto at = part.find('@');
        s.id = part.substr(0, at);
        if (at != std::string::npos) s.version = part.substr(at + 1);
        out.push_back(std::move(s));
      }
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return out;
}

std::string resolve_versions(std::vector<RuntimeSelector>& selectors, const Knowledge& knowledge) {
  for (auto& s : selectors) {
    const RuntimeProfile* p = knowledge.find_runtime(s.id);
    if (p == nullptr || s.version.empty()) continue;
    if (const auto v = p->resolve_version(s.version)) {
      s.version = *v;
      continue;
    }
    return p->version_not_covered(s.version);
  }
  return {};
}

std::vector<RuntimeSelector> with_required(std::vector<RuntimeSelector> selection,
                                           const std::vector<RuntimeSelector>& require,
                                           const Knowledge& knowledge) {
  if (require.empty()) return selection;
  if (selection.empty()) {
    for (const auto& r : knowledge.runtimes) selection.push_back({r.id, "", true});
  }
  for (const auto& req : require) {
    bool covered = false;
    for (auto& s : selection) {
      if (s.id != req.id) continue;
      if (req.version.empty() || (!s.version.empty() && same_version(s.version, req.version))) {
        covered = true;
        break;
      }
      if (s.version.empty()) {  // selected at the profile's version: evaluate the required one instead
        const RuntimeProfile* p = knowledge.find_runtime(s.id);
        if (p != nullptr && same_version(p->version, req.version)) {
          covered = true;
          break;
        }
        s.version = req.version;
        covered = true;
        break;
      }
    }
    if (!covered) selection.push_back(req);
  }
  return selection;
}

GateResult apply_gate(const CheckResult& result, std::string_view path, const GateOptions& options) {
  GateResult gate;
  const std::string module_path = normalise_module_path(path);
  std::vector<GateFailure> candidates;
  auto fail = [&](std::string rule, std::string subject, std::string reason) {
    candidates.push_back({{module_path, std::move(rule), std::move(subject)}, std::move(reason)});
  };

  if (!options.require.empty()) {
    for (const auto& req : options.require) {
      const RuntimeResult* rt = find_required(result, req);
      const std::string wanted = req.version.empty() ? req.id : req.id + "@" + req.version;
      if (rt == nullptr) {
        fail("runtime", wanted, fmt::format("required runtime {} was not evaluated", wanted));
        continue;
      }
      const std::string problem = runtime_problem(*rt);
      if (!problem.empty()) {
        fail("runtime", rt->key, fmt::format("required runtime {} {} {}", rt->id, rt->version, problem));
      }
    }
  } else if (result.verdict.verdict == Verdict::kInvalidAbi) {
    fail("verdict", "invalid-abi", "verdict invalid-abi: " + result.verdict.summary);
  } else {
    // The runtimes that count: the selected WASI runtimes, or every selected one if none is WASI.
    std::vector<const RuntimeResult*> counted;
    for (const auto& rt : result.runtimes) {
      if (rt.wasi_host) counted.push_back(&rt);
    }
    if (counted.empty()) {
      for (const auto& rt : result.runtimes) counted.push_back(&rt);
    }
    const bool any = std::any_of(counted.begin(), counted.end(), [](const RuntimeResult* rt) { return runs(*rt); });
    if (!counted.empty() && !any) {
      const std::string_view verdict = to_string(result.verdict.verdict);
      fail("verdict", std::string(verdict),
           result.verdict.verdict == Verdict::kComponent
               ? std::string("a component that no selected runtime runs")
               : fmt::format("runs on none of the selected {}runtimes (verdict {})",
                             counted.front()->wasi_host ? "WASI " : "", verdict));
    }
  }
  if (options.fail_on) {
    for (const auto& f : result.findings) {
      if (f.severity < *options.fail_on) continue;
      // A grouped finding is new when any import it covers is new.
      std::vector<std::string> subjects = f.covers.empty() ? std::vector<std::string>{f.subject} : f.covers;
      std::vector<std::string> fresh;
      for (auto& s : subjects) {
        if (options.baseline == nullptr || !options.baseline->contains({module_path, f.rule_id, s})) fresh.push_back(s);
      }
      if (fresh.empty()) {
        gate.baselined.push_back({module_path, f.rule_id, f.subject});
        continue;
      }
      const bool partly = options.baseline != nullptr && fresh.size() < subjects.size();
      fail(f.rule_id, fresh.front(),
           fmt::format("{} {} {}{}", to_string(f.severity), f.rule_id, list(fresh, 3),
                       partly ? " (new since the baseline)" : ""));
    }
  }
  for (auto& c : candidates) {
    if (options.baseline != nullptr && c.key.rule_id != std::string_view("runtime") &&
        c.key.rule_id != std::string_view("verdict")) {
      gate.failures.push_back(std::move(c));  // findings were matched per subject above
    } else if (options.baseline != nullptr && options.baseline->contains(c.key)) {
      gate.baselined.push_back(c.key);
    } else {
      gate.failures.push_back(std::move(c));
    }
  }
  if (options.baseline != nullptr) {
    const auto now = baseline_keys(result, path, options);
    for (const auto& k : options.baseline->keys) {
      if (k.path == module_path && !std::binary_search(now.begin(), now.end(), k)) gate.fixed.push_back(k);
    }
  }
  return gate;
}

std::vector<FindingKey> baseline_keys(const CheckResult& result, std::string_view path, const GateOptions& options) {
  const std::string module_path = normalise_module_path(path);
  std::vector<FindingKey> keys;
  for (const auto& f : result.findings) {
    keys.push_back({module_path, f.rule_id, f.subject});
    for (const auto& s : f.covers) keys.push_back({module_path, f.rule_id, s});
  }
  GateOptions plain = options;
  plain.baseline = nullptr;
  plain.fail_on = std::nullopt;
  for (auto& failure : apply_gate(result, path, plain).failures) keys.push_back(std::move(failure.key));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

std::string baseline_json(std::vector<FindingKey> keys) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  OrderedJson doc;
  doc["schema"] = kBaselineSchema;
  OrderedJson items = OrderedJson::array();
  for (const auto& k : keys) items.push_back({{"path", k.path}, {"rule", k.rule_id}, {"subject", k.subject}});
  doc["accepted"] = std::move(items);
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Baseline load_baseline(std::string_view json_text, const std::string& source_name) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::parse_error& e) {
    throw PolicyError(source_name, "", fmt::format("invalid JSON: {}", e.what()), e.byte == 0 ? 0 : e.byte - 1);
  }
  auto fail = [&](const std::string& pointer, const std::string& message) {
    throw PolicyError(source_name, pointer, message);
  };
  if (!doc.is_object()) fail("/", "expected a baseline object");
  if (!doc.contains("schema") || doc["schema"] != kBaselineSchema) {
    fail("/schema", fmt::format("expected \"{}\" (write one with check --write-baseline)", kBaselineSchema));
  }
  if (!doc.contains("accepted") || !doc["accepted"].is_array()) fail("/accepted", "expected an array");
  Baseline b;
  const auto& items = doc["accepted"];
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string at = "/accepted/" + std::to_string(i);
    if (!items[i].is_object()) fail(at, "expected an object");
    FindingKey k;
    for (const char* key : {"path", "rule", "subject"}) {
      if (!items[i].contains(key) || !items[i][key].is_string()) {
        fail(at + "/" + key, "missing or not a string");
      }
    }
    k.path = normalise_module_path(items[i]["path"].get<std::string>());
    k.rule_id = items[i]["rule"].get<std::string>();
    k.subject = items[i]["subject"].get<std::string>();
    b.keys.push_back(std::move(k));
  }
  std::sort(b.keys.begin(), b.keys.end());
  b.keys.erase(std::unique(b.keys.begin(), b.keys.end()), b.keys.end());
  return b;
}

std::string allowlist_policy_json(const std::vector<std::pair<std::string, std::string>>& imports,
                                  const std::vector<std::string>& paths) {
  std::string from;
  for (const auto& p : paths) from += (from.empty() ? "" : ", ") + normalise_module_path(p);
  OrderedJson doc;
  doc["kind"] = "policy";
  doc["notes"] = fmt::format(
      "Drafted by wasm-audit check --write-policy from {}: the imports it has today. Review each (and say "
      "why in its reason), then load it with --policy: any other import is a policy.deny error.",
      from);
  OrderedJson allow = OrderedJson::array();
  for (const auto& [module, name] : imports) allow.push_back({{"module", module}, {"name", name}, {"reason", ""}});
  doc["allowlist"] = std::move(allow);
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace wasmaudit
