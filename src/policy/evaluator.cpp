// SPDX-License-Identifier: Apache-2.0
// The evaluator: generic over the knowledge base. It knows the WASI application ABI (which is the
// spec, not a runtime fact) and how to apply interfaces, runtime profiles and rules; every fact
// about a runtime or toolchain comes from the Knowledge it is given.
#include "wasmaudit/policy/evaluator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <unordered_set>
#include <map>
#include <set>
#include <stdexcept>

#include "advice.hpp"
#include "binary/glob.hpp"
#include "error_text.hpp"
#include "go_rules.hpp"

namespace wasmaudit {

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPortable: return "portable";
    case Verdict::kPortableWithGrants: return "portable-with-grants";
    case Verdict::kPartiallyPortable: return "partially-portable";
    case Verdict::kRuntimeLocked: return "runtime-locked";
    case Verdict::kNeedsEmbedder: return "needs-embedder";
    case Verdict::kNeedsComponentAdapter: return "needs-component-adapter";
    case Verdict::kDynamicLibrary: return "dynamic-library";
    case Verdict::kComponentPart: return "component-part";
    case Verdict::kBrowserTarget: return "browser-target";
    case Verdict::kComponent: return "component";
    case Verdict::kInvalidAbi: return "invalid-abi";
  }
  return "?";
}

namespace {

std::string import_label(const Import& i) { return i.module + "::" + i.name; }

/// The type an import has, to compare with an interface item.
bool item_accepts(const Module& m, const Import& imp, const InterfaceItem& item) {
  if (item.kind != imp.kind) return false;
  if (imp.kind != ExternKind::kFunc || !item.sig) return true;
  const FuncType* ft = m.type_at(imp.type_index);
  return ft != nullptr && *ft == *item.sig;
}

bool item_names(const InterfaceItem& item, const Import& imp) {
  return item.kind == imp.kind && glob_match(item.name, imp.name);
}

/// How an import relates to one interface.
struct Match {
  const Interface* iface = nullptr;
  const InterfaceItem* item = nullptr;
  bool sig_ok = false;
};

std::optional<Match> match_in(const Module& m, const Import& imp, const Interface& iface) {
  if (!glob_match(iface.module, imp.module)) return std::nullopt;
  if (!iface.requires_custom_section.empty() && m.find_custom(iface.requires_custom_section) == nullptr) {
    return std::nullopt;
  }
  std::optional<Match> named;
  for (const auto& item : iface.items) {
    if (!item_names(item, imp)) continue;
    if (item_accepts(m, imp, item)) return Match{&iface, &item, true};
    if (!named) named = Match{&iface, &item, false};
  }
  return named;
}

int class_rank(InterfaceClass c) {
  switch (c) {
    case InterfaceClass::kDynamicLinking: return -1;  // only where the module is a dynamic library
    case InterfaceClass::kStandard: return 0;
    case InterfaceClass::kExtension: return 1;
    case InterfaceClass::kEmbedder: return 2;
    case InterfaceClass::kComponent: return 3;
    case InterfaceClass::kBrowser: return 4;
  }
  return 5;
}

bool yields(const Interface& a, const Interface& b) {
  return std::find(a.yields_to.begin(), a.yields_to.end(), b.cls) != a.yields_to.end();
}

/// How much of a name glob is literal: the characters that are not `*`.
std::size_t specificity(std::string_view glob) {
  return static_cast<std::size_t>(std::count_if(glob.begin(), glob.end(), [](char c) { return c != '*'; }));
}

/// The best explanation of an import: a signature match beats a name match; then an interface
/// that another yields to (`yields_to`) beats it; then standard beats extension beats embedder;
/// then the item whose name glob is more specific.
/// Host-declared interfaces (--host) come first among equals.
std::optional<Match> classify(const Module& m, const Import& imp, const std::vector<const Interface*>& all) {
  std::optional<Match> best;
  for (const Interface* iface : all) {
    auto match = match_in(m, imp, *iface);
    if (!match) continue;
    if (!best || (match->sig_ok && !best->sig_ok)) {
      best = match;
    } else if (match->sig_ok == best->sig_ok) {
      if (yields(*best->iface, *match->iface)) {
        best = match;
      } else if (!yields(*match->iface, *best->iface)) {
        const int a = class_rank(match->iface->cls);
        const int b = class_rank(best->iface->cls);
        // Among equals, the more specific name wins (emnapi's `_emnapi_*` over Emscripten's `_*_js`).
        if (a < b || (a == b && specificity(match->item->name) > specificity(best->item->name))) best = match;
      }
    }
  }
  return best;
}

std::string sig_text(const FuncType& f, const std::string& style) {
  if (style == "wazero") {  // wazero's FunctionType.key: param names then '_' then result names, 'v' if none
    auto key = [](const std::vector<ValType>& v) {
      if (v.empty()) return std::string("v");
      std::string s;
      for (const auto& t : v) s += to_string(t);
      return s;
    };
    return key(f.params) + "_" + key(f.results);
  }
  std::string s = "(func";  // wasmtime's type text: (func (param i32 i32) (result i32))
  if (!f.params.empty()) {
    s += " (param";
    for (const auto& t : f.params) s += " " + to_string(t);
    s += ")";
  }
  if (!f.results.empty()) {
    s += " (result";
    for (const auto& t : f.results) s += " " + to_string(t);
    s += ")";
  }
  return s + ")";
}

// WasmEdge's FuncType lists: "i32 , i32" (empty when none).
std::string type_list(const std::vector<ValType>& types) {
  std::string s;
  for (const auto& t : types) s += (s.empty() ? "" : " , ") + to_string(t);
  return s;
}

std::string kind_word(ExternKind k) { return k == ExternKind::kFunc ? "function" : std::string(to_string(k)); }

std::string fill(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [key, value] : values) {
    const std::string token = "{" + key + "}";
    for (std::size_t pos = 0; (pos = text.find(token, pos)) != std::string::npos; pos += value.size()) {
      text.replace(pos, token.size(), value);
    }
  }
  return text;
}

/// The line of an error template that says what failed: the one naming the most of the import,
/// the signatures, the offset or the function (ties: the first), filled and cleaned
/// (error_text.hpp: the same cleaning `explain` applies to the text a user pastes).
std::string summary_of(const std::string& tmpl, const std::map<std::string, std::string>& values) {
  return detail::clean_error_line(fill(detail::telling_line(tmpl), values));
}

}  // namespace

std::string error_summary(const RuntimeResult& rt) {
  if (!rt.summary.empty()) return rt.summary;
  if (!rt.error) return {};
  return rt.error->substr(0, rt.error->find('\n'));
}

namespace {

std::string list_names(const std::vector<std::string>& names, std::size_t max = 3) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < max; ++i) {
    if (i) out += ", ";
    out += names[i];
  }
  if (names.size() > max) out += fmt::format(" and {} more", names.size() - max);
  return out;
}

class Evaluation {
 public:
  Evaluation(const Module& m, const Knowledge& k, const EvalOptions& o) : m_(m), k_(k), o_(o) {
    for (const auto& i : o_.host) all_.push_back(&i);
    for (const auto& i : k_.interfaces) all_.push_back(&i);
  }

  CheckResult run() {
    select_runtimes();
    if (m_.kind == BinaryKind::kModule) {
      find_component_part();
      classify_imports();
      // The WASI application ABI does not apply to a module built for a JS host's glue, nor to a
      // dynamic library, which its main module loads.
      if (!matched(InterfaceClass::kBrowser) && !matched(InterfaceClass::kDynamicLinking) && part_of_ == nullptr) {
        check_abi();
      }
      check_threads();
    } else {
      add("component.not-core-module", "module", {0, 0},
          "this is a component (layer 1), not a preview-1 core module; it needs a runtime that runs "
          "components",
          "");
    }
    if (m_.kind == BinaryKind::kModule) {  // capabilities and paths: advice.hpp
      result_.capabilities = detail::derive_capabilities(m_, import_classes(), k_);
      result_.paths = detail::classify_paths(o_.detection, k_, o_.preopens);
    }
    evaluate_runtimes();
    if (m_.kind == BinaryKind::kComponent) add_drafts(detail::component_findings(m_, k_, result_));
    advise_runs();
    if (part_of_ != nullptr) {
      component_part_finding();
    } else {
      imports_findings();
    }
    add_drafts(detail::toolchain_findings(m_, k_, o_.detection));  // go_rules.cpp
    add_drafts(detail::path_findings(result_.paths, o_));
    if (!o_.profile.empty()) {
      add_drafts(detail::plugin_findings(m_, k_, o_, import_classes(), result_.capabilities));
    }
    apply_policy();
    std::sort(result_.findings.begin(), result_.findings.end(), [](const Finding& a, const Finding& b) {
      if (a.range.offset != b.range.offset) return a.range.offset < b.range.offset;
      return a.rule_id < b.rule_id;
    });
    decide();
    return std::move(result_);
  }

 private:
  struct Selected {
    const RuntimeProfile* profile;
    std::string version;
  };

  /// "wasmtime", or "wasmtime@24" when another version than the profile's was selected.
  static std::string key_of(const Selected& s) {
    return s.version == s.profile->version ? s.profile->id : s.profile->id + "@" + s.version;
  }

  void select_runtimes() {
    if (!o_.profile.empty() && k_.find_profile(o_.profile) == nullptr) {
      throw std::invalid_argument(fmt::format("unknown profile '{}'", o_.profile));
    }
    if (o_.runtimes.empty()) {  // every profile that loads this kind of binary
      for (const auto& r : k_.runtimes) {
        if (r.runs_modules || m_.kind == BinaryKind::kComponent) selected_.push_back({&r, r.version});
      }
      return;
    }
    for (const auto& sel : o_.runtimes) {
      const RuntimeProfile* p = k_.find_runtime(sel.id);
      if (p == nullptr) throw std::invalid_argument(fmt::format("unknown runtime '{}'", sel.id));
      if (sel.implied && !p->runs_modules && m_.kind != BinaryKind::kComponent) continue;
      // "wazero@1.9" means the newest 1.9.x release covered, as on the command line.
      std::optional<std::string> version = p->resolve_version(sel.version);
      if (!version) throw std::invalid_argument(p->version_not_covered(sel.version));
      selected_.push_back({p, *version});
    }
  }

  Severity severity_of(const std::string& rule_id) const {
    if (auto it = k_.severity_overrides.find(rule_id); it != k_.severity_overrides.end()) return it->second;
    if (const Rule* r = k_.find_rule(rule_id)) return r->severity;
    return Severity::kWarning;
  }

  void add(const std::string& rule_id, std::string subject, ByteRange range, std::string message,
           std::string fix) {
    const Rule* rule = k_.find_rule(rule_id);
    if (rule != nullptr && !rule->profile.empty() && rule->profile != o_.profile) return;
    Finding f;
    f.rule_id = rule_id;
    f.severity = severity_of(rule_id);
    f.subject = std::move(subject);
    f.range = range;
    f.message = std::move(message);
    if (fix.empty()) {
      if (const Rule* r = k_.find_rule(rule_id)) fix = fix_of(r->fix, r->fix_for);
    }
    f.fix = std::move(fix);
    result_.findings.push_back(std::move(f));
  }

  /// A finding about several imports: its subject is the first, `covers` lists them all.
  void add_covering(const std::string& rule_id, const Import& first, const std::vector<std::string>& names,
                    std::string message, std::string fix) {
    const std::size_t before = result_.findings.size();
    add(rule_id, import_label(first), first.range, std::move(message), std::move(fix));
    if (names.size() > 1 && result_.findings.size() > before) result_.findings.back().covers = names;
  }

  void add_drafts(std::vector<detail::FindingDraft> drafts) {
    for (auto& d : drafts) add(d.rule_id, std::move(d.subject), d.range, std::move(d.message), std::move(d.fix));
  }

  std::vector<detail::ImportClass> import_classes() const {
    std::vector<detail::ImportClass> out;
    for (const auto& mt : matches_) {
      out.push_back(mt ? detail::ImportClass{mt->iface, mt->item, mt->sig_ok} : detail::ImportClass{});
    }
    return out;
  }

  /// Run advice for every runtime that instantiates the module (run_advice.cpp).
  void advise_runs() {
    for (auto& r : result_.runtimes) {
      if (m_.kind == BinaryKind::kComponent) continue;  // set by check_component
      const RuntimeProfile* p = k_.find_runtime(r.id);
      if (p == nullptr) continue;
      r.run = detail::run_advice(m_, *p, r, result_, o_, r.ungranted);
    }
  }

  /// A fix in the terms of the toolchain that built the module (the most confident one with a
  /// text of its own), else the neutral `fix`.
  std::string fix_of(const std::string& fix, const std::map<std::string, std::string>& fix_for) const {
    if (o_.detection != nullptr && !fix_for.empty()) {
      for (const auto& guess : o_.detection->toolchains) {
        if (auto it = fix_for.find(guess.id); it != fix_for.end()) return it->second;
      }
    }
    return fix;
  }

  /// A core module made to sit inside a component: a toolchain whose fingerprint has the role
  /// "component-part", detected with high confidence.
  void find_component_part() {
    if (o_.detection == nullptr) return;
    for (const auto& guess : o_.detection->toolchains) {
      const ToolchainFingerprint* f = k_.find_toolchain(guess.id);
      if (f != nullptr && f->role == "component-part" && guess.confidence == Confidence::kHigh) {
        part_of_ = &guess;
        return;
      }
    }
  }

  /// One finding for a component's core module, instead of one per import: the component's
  /// other instances satisfy them all.
  void component_part_finding() {
    std::vector<std::string> marks;
    for (const auto& e : part_of_->evidence) {
      if (e.confidence == Confidence::kHigh) marks.push_back(e.what);
    }
    std::vector<std::string> names;
    for (const auto& imp : m_.imports) names.push_back(import_label(imp));
    const ByteRange at = part_of_->evidence.empty() ? ByteRange{0, 0} : part_of_->evidence.front().range;
    add("component.core-part", "module", at,
        fmt::format("a core module from inside a component ({}): its {} {} satisfied by the component's "
                    "other instances, not by a preview-1 host",
                    list_names(marks, 3), names.size() == 1 ? "import" : fmt::format("{} imports", names.size()),
                    names.size() == 1 ? "is" : "are"),
        "");
    if (!names.empty() && !result_.findings.empty() && result_.findings.back().rule_id == "component.core-part") {
      result_.findings.back().covers = names;
    }
  }

  void classify_imports() {
    matches_.reserve(m_.imports.size());
    for (const auto& imp : m_.imports) matches_.push_back(classify(m_, imp, all_));
    // `yields_to` at the module's scale: where the module uses an interface of a class another
    // yields to (an Emscripten main module's JS glue), that interface's imports are served there
    // too (its memory, table and GOT come from the .js file, not from a main module).
    for (auto& mt : matches_) {
      if (!mt || mt->iface->yields_to.empty()) continue;
      for (const auto& other : matches_) {
        if (other && other->sig_ok && yields(*mt->iface, *other->iface)) {
          mt->iface = other->iface;
          break;
        }
      }
    }
  }

  bool matched(InterfaceClass c) const {
    return std::any_of(matches_.begin(), matches_.end(),
                       [&](const std::optional<Match>& mt) { return mt && mt->sig_ok && mt->iface->cls == c; });
  }

  bool is_standard_module(const std::string& module) const {
    return std::any_of(k_.interfaces.begin(), k_.interfaces.end(), [&](const Interface& i) {
      return i.cls == InterfaceClass::kStandard && i.module == module;
    });
  }

  /// A module that imports a WASI function or exports _start or _initialize, and exports no memory
  /// named "memory" (what `errors.wasi_memory_export` is printed for).
  bool wasi_memory_unexported() const {
    const Export* mem = m_.find_export("memory");
    if (mem != nullptr && mem->kind == ExternKind::kMemory) return false;
    const auto entry = [&](const char* name) {
      const Export* e = m_.find_export(name);
      return e != nullptr && e->kind == ExternKind::kFunc;
    };
    return entry("_start") || entry("_initialize") ||
           std::any_of(m_.imports.begin(), m_.imports.end(), [&](const Import& i) {
             return i.kind == ExternKind::kFunc && is_standard_module(i.module);
           });
  }

  bool imports_wasi() const {
    return std::any_of(matches_.begin(), matches_.end(), [](const std::optional<Match>& mt) {
      return mt && mt->iface->cls == InterfaceClass::kStandard;
    }) || std::any_of(m_.imports.begin(), m_.imports.end(),
                      [&](const Import& i) { return is_standard_module(i.module); });
  }

  // Per-import findings, grouped: one finding per (rule, interface) for the rules interfaces
  // declare, one per import for mismatches and unknown names.
  void imports_findings() {
    struct Group {
      const Interface* iface;
      std::vector<std::size_t> imports;
    };
    std::map<std::string, Group> groups;  // key: rule id + interface id
    std::vector<std::string> group_order;
    // Unknown names of a standard module, per module; signature mismatches, per interface: one
    // finding each, however many imports (a report a person can read; JSON lists them all).
    std::map<std::string, std::vector<std::size_t>> unknown_standard;
    std::vector<std::string> unknown_standard_order;
    std::map<std::string, std::vector<std::size_t>> mismatches;
    std::vector<std::string> mismatch_order;
    for (std::size_t i = 0; i < m_.imports.size(); ++i) {
      const Import& imp = m_.imports[i];
      const auto& mt = matches_[i];
      if (!mt) {
        if (is_standard_module(imp.module)) {
          if (!unknown_standard.count(imp.module)) unknown_standard_order.push_back(imp.module);
          unknown_standard[imp.module].push_back(i);
        } else {
          unknown_.push_back(i);
        }
        continue;
      }
      if (!mt->sig_ok) {
        const std::string key = mt->iface->id;
        if (!mismatches.count(key)) mismatch_order.push_back(key);
        mismatches[key].push_back(i);
        continue;
      }
      const std::string rule = !mt->item->rule.empty() ? mt->item->rule : mt->iface->rule;
      if (rule.empty()) continue;
      const std::string key = rule + "\n" + mt->iface->id;
      if (!groups.count(key)) group_order.push_back(key);
      auto& g = groups[key];
      g.iface = mt->iface;
      g.imports.push_back(i);
    }
    for (const auto& key : group_order) {
      const Group& g = groups[key];
      const std::string rule = key.substr(0, key.find('\n'));
      std::vector<std::string> names;
      for (auto i : g.imports) names.push_back(import_label(m_.imports[i]));
      const Import& first = m_.imports[g.imports.front()];
      const std::size_t before = result_.findings.size();
      add(rule, import_label(first), first.range, group_message(rule, *g.iface, names),
          fix_of(g.iface->fix, g.iface->fix_for));
      if (names.size() > 1 && result_.findings.size() > before) result_.findings.back().covers = names;
    }
    for (const auto& module : unknown_standard_order) {
      const auto& list = unknown_standard[module];
      std::vector<std::string> names;
      for (auto i : list) names.push_back(import_label(m_.imports[i]));
      const Import& first = m_.imports[list.front()];
      add_covering("wasi.unknown-function", first, names,
                   fmt::format("{} {} not a function of {} in any standard or known extension; runtimes "
                               "fail to link {}",
                               list_names(names), names.size() == 1 ? "is" : "are", module,
                               names.size() == 1 ? "it" : "them"),
                   "");
    }
    for (const auto& key : mismatch_order) {
      const auto& list = mismatches[key];
      const Interface& iface = *matches_[list.front()]->iface;
      std::vector<std::string> names;
      std::vector<std::string> details;
      for (auto i : list) {
        const Import& imp = m_.imports[i];
        const FuncType* ft = m_.type_at(imp.type_index);
        const auto& item = *matches_[i]->item;
        names.push_back(import_label(imp));
        details.push_back(fmt::format("{} is imported as {} but defined as {}", import_label(imp),
                                      ft ? to_string(*ft) : "?", item.sig ? to_string(*item.sig) : "?"));
      }
      const Import& first = m_.imports[list.front()];
      const auto& first_item = *matches_[list.front()]->item;
      const bool standard = iface.cls == InterfaceClass::kStandard;
      add_covering(standard ? "wasi.signature-mismatch" : "host.signature-mismatch", first, names,
                   fmt::format("{} ({}); runtimes fail with \"incompatible import type\"",
                               list_names(details), iface.title),
                   names.size() == 1
                       ? fmt::format("declare the import with the signature {}",
                                     first_item.sig ? to_string(*first_item.sig) : "?")
                       : fmt::format("declare each import with the signature {} defines", iface.title));
    }
    if (!unknown_.empty()) {
      // Unknown imports, one finding per module.
      std::map<std::string, std::vector<std::size_t>> by_module;
      std::vector<std::string> order;
      for (auto i : unknown_) {
        if (!by_module.count(m_.imports[i].module)) order.push_back(m_.imports[i].module);
        by_module[m_.imports[i].module].push_back(i);
      }
      for (const auto& module : order) {
        std::vector<std::string> names;
        for (auto i : by_module[module]) names.push_back(import_label(m_.imports[i]));
        const Import& first = m_.imports[by_module[module].front()];
        const std::size_t before = result_.findings.size();
        if (matched(InterfaceClass::kBrowser)) {
          // A build for a JS host (wasm-bindgen, Emscripten, napi-rs): its glue supplies the rest.
          const std::size_t count_before = result_.findings.size();
          add("imports.host-abi", import_label(first), first.range,
              fmt::format("imports {} from module \"{}\", which its JavaScript glue supplies (the module "
                          "is built for a JS host; no WASI runtime provides {})",
                          list_names(names), module, names.size() == 1 ? "it" : "them"),
              "");
          if (names.size() > 1 && result_.findings.size() > count_before) result_.findings.back().covers = names;
          continue;
        }
        // A memory, table or global some hosts make themselves (host_creates) is not "provided by
        // no stock host": say where it links.
        const std::string where = where_provided(names);
        const bool somewhere = where.rfind("provided by ", 0) == 0;
        std::vector<std::string> made;  // memories, tables, globals: some hosts make them
        for (auto i : by_module[module]) {
          if (m_.imports[i].kind != ExternKind::kFunc) made.push_back(import_label(m_.imports[i]));
        }
        const std::string made_where = made.empty() || somewhere ? "" : where_provided(made);
        add("imports.embedder", import_label(first), first.range,
            somewhere ? fmt::format("imports {} from module \"{}\" ({}): elsewhere an embedder must supply {}",
                                    list_names(names), module, where, names.size() == 1 ? "it" : "them")
                      : fmt::format("imports {} from module \"{}\", which no runtime's stock host provides{}: an "
                                    "embedder must supply {}",
                                    list_names(names), module,
                                    made_where.rfind("provided by ", 0) == 0
                                        ? fmt::format(" (only {}: {})", list_names(made), made_where)
                                        : "",
                                    names.size() == 1 ? "it" : "them"),
            "");
        if (names.size() > 1 && result_.findings.size() > before) result_.findings.back().covers = names;
      }
    }
  }

  /// Where these imports are provided, from the runtime results (so every interface that serves
  /// them counts, e.g. wasm3's own subset of preview 1).
  std::string where_provided(const std::vector<std::string>& names) const {
    std::vector<std::string> yes;
    std::vector<std::string> no;
    for (const auto& r : result_.runtimes) {
      const RuntimeProfile* p = k_.find_runtime(r.id);
      if (p == nullptr || !p->wasi_host) continue;
      // A set, not a search per name: names and missing may both hold tens of thousands.
      const std::unordered_set<std::string_view> missing(r.missing.begin(), r.missing.end());
      const bool all = std::none_of(names.begin(), names.end(),
                                    [&](const std::string& n) { return missing.count(n) != 0; });
      (all ? yes : no).push_back(r.key);
    }
    std::string out = yes.empty() ? "no selected runtime provides them" : "provided by " + list_names(yes, 10);
    if (!no.empty() && !yes.empty()) out += "; not by " + list_names(no, 10);
    return out;
  }

  std::string group_message(const std::string& rule, const Interface& iface,
                            const std::vector<std::string>& names) const {
    std::string msg = names.size() == 1
                          ? fmt::format("imports {} from {}", names.front(), iface.title)
                          : fmt::format("{} imports from {}: {}", names.size(), iface.title, list_names(names));
    if (!iface.served_by.empty()) msg += fmt::format("; served by {}", iface.served_by);
    if (iface.cls != InterfaceClass::kBrowser && iface.cls != InterfaceClass::kComponent &&
        iface.cls != InterfaceClass::kDynamicLinking) {
      msg += "; " + where_provided(names);
    }
    if (const Rule* r = k_.find_rule(rule)) msg = r->title + ": " + msg;
    return msg;
  }

  // The WASI application ABI (WebAssembly/WASI legacy/application-abi.md): the spec, not a runtime fact.
  void check_abi() {
    const Shape shape = shape_of(m_);
    const Export* start = m_.find_export("_start");
    const Export* init = m_.find_export("_initialize");
    const bool wasi = imports_wasi();
    if (shape == Shape::kInvalid) {
      add("abi.command-and-reactor", "export _start", start->range,
          "exports both _start (a command) and _initialize (a reactor); the application ABI says "
          "the two are exclusive and hosts should refuse the module",
          "");
    }
    for (const Export* e : {start, init}) {
      if (e == nullptr || e->kind != ExternKind::kFunc) continue;
      const FuncType* ft = m_.func_type(e->index);
      if (ft != nullptr && !(ft->params.empty() && ft->results.empty())) {
        add("abi.entry-signature", "export " + e->name, e->range,
            fmt::format("{} has type {}; the application ABI requires () -> ()", e->name, to_string(*ft)),
            "");
      }
    }
    if (wasi && shape == Shape::kLibrary) {
      const bool exports_functions = std::any_of(m_.exports.begin(), m_.exports.end(),
                                                 [](const Export& e) { return e.kind == ExternKind::kFunc; });
      if (exports_functions) {
        add("abi.reactor-without-initialize", "module", {0, 0},
            "imports WASI and exports functions but neither _start nor _initialize: hosts treat it "
            "as a reactor with nothing to initialise, so start-up work its language runtime needs "
            "(C++ or libc constructors) never runs",
            "");
      }
    }
    if (wasi) {
      const Export* mem = m_.find_export("memory");
      if (mem == nullptr || mem->kind != ExternKind::kMemory) {
        const bool imported = std::any_of(m_.imports.begin(), m_.imports.end(),
                                          [](const Import& i) { return i.kind == ExternKind::kMemory; });
        add("abi.no-memory-export", "module", {0, 0},
            imported ? "imports WASI but does not export its memory as \"memory\" (it imports its memory "
                       "instead); WASI hosts read and write guest buffers through that export"
                     : "imports WASI but does not export a memory named \"memory\"; WASI hosts read and "
                       "write guest buffers through that export",
            "");
      }
    }
  }

  void check_threads() {
    for (std::size_t i = 0; i < m_.memories.size(); ++i) {
      if (!m_.memories[i].type.limits.shared) continue;
      const auto& mem = m_.memories[i];
      std::vector<std::string> yes;
      std::vector<std::string> no;
      for (const auto& s : selected_) {
        const FeatureSupport* f = s.profile->feature("threads", s.version);
        if (f == nullptr) continue;
        (f->supported ? yes : no).push_back(f->supported && !f->grant.empty() ? fmt::format("{} ({})", key_of(s), f->grant)
                                                                              : key_of(s));
      }
      add("threads.shared-memory", fmt::format("memory {}", i), mem.range,
          fmt::format("memory {} is shared (threads proposal); accepted by {}{}", i,
                      yes.empty() ? "no selected runtime" : list_names(yes, 10),
                      no.empty() ? "" : "; refused by " + list_names(no, 10)),
          "");
      break;
    }
  }

  void evaluate_runtimes() {
    for (const auto& s : selected_) {
      const RuntimeProfile& p = *s.profile;
      RuntimeResult r;
      r.id = p.id;
      r.key = key_of(s);
      r.name = p.name;
      r.version = s.version;
      r.wasi_host = p.wasi_host;
      r.instantiates = true;
      // `tmpl` filled with `values`; its summary is the line that names the most of them.
      auto fail = [&](const std::string& tmpl, const std::map<std::string, std::string>& values) {
        if (r.instantiates) {
          r.error = fill(tmpl, values);
          r.summary = summary_of(tmpl, values);
        }
        r.instantiates = false;
      };
      std::vector<const Interface*> provided;
      std::vector<std::string> grants_for;
      for (const auto& h : o_.host) provided.push_back(&h), grants_for.emplace_back();
      for (const auto& pr : p.provides) {
        if (!pr.versions.contains(s.version)) continue;
        if (const Interface* i = k_.find_interface(pr.interface_id)) {
          provided.push_back(i);
          grants_for.push_back(pr.grant);
        }
      }
      if (m_.kind == BinaryKind::kComponent) {
        const FeatureSupport* f = p.feature("components", s.version);
        if (f == nullptr || !f->supported) {
          fail(f != nullptr && !f->error.empty() ? f->error : "not a core module (a component)", {{"path", o_.file}});
        } else if (!f->grant.empty()) {
          r.grants.push_back(f->grant);
        }
        note_unverified(r, f, "components");
      } else if (!p.runs_modules) {
        fail(template_of(p, "not_a_component", s.version), {{"path", o_.file}});
      }
      if (!r.instantiates) {
        result_.runtimes.push_back(std::move(r));
        continue;
      }
      // Compilation comes before linking: a proposal the runtime lacks is what it reports first,
      // the one met first in the file.
      for (const auto& use : m_.features) {
        std::string_view name = to_string(use.proposal);
        const FeatureSupport* f = p.feature(name, s.version);
        if (use.tags_only && (f == nullptr || !f->supported || !f->grant.empty())) {
          // Tags and `throw` only: legacy exception handling takes them too.
          const FeatureSupport* legacy = p.feature("legacy-exceptions", s.version);
          if (legacy != nullptr && legacy->supported && (f == nullptr || !f->supported || legacy->grant.empty())) {
            f = legacy;
            name = "legacy-exceptions";
          }
        }
        if (f == nullptr) {
          r.notes.push_back(fmt::format("uses {}; support in {} {} is not recorded", name, p.name, s.version));
          continue;
        }
        note_unverified(r, f, name);
        // The text for an instruction in a function body, or for a declaration.
        const std::string& error = use.function && !f->error_in_code.empty() ? f->error_in_code : f->error;
        if (!f->supported) {
          fail(!error.empty() ? error : fmt::format("{} is not supported", name), feature_values(use));
        } else if (!f->grant.empty()) {
          add_unique(r.grants, f->grant);
          if (!error.empty()) {
            add_unique(r.notes, fmt::format("{} needs {}; without it: {}", name, f->grant, fill(error, feature_values(use))));
          }
        }
      }
      if (m_.kind == BinaryKind::kComponent) {  // its parts' proposals are checked above
        if (p.component_model) {
          detail::ComponentOutcome c = detail::check_component(m_, p, s.version, o_);
          if (!c.error_template.empty()) fail(template_of(p, c.error_template, s.version), c.values);
          for (auto& g : c.grants) add_unique(r.grants, g);
          for (auto& n : c.notes) add_unique(r.notes, n);
          r.missing = std::move(c.missing);
          if (r.instantiates) r.run = std::move(c.run);
        }
        if (!r.instantiates) r.grants.clear();
        result_.runtimes.push_back(std::move(r));
        continue;
      }
      // A WASI module (one importing a preview-1 function, or a command or reactor) that exports no
      // memory named "memory": hosts with `wasi_memory_export` refuse it at load, before linking.
      if (r.instantiates && wasi_memory_unexported()) {
        if (const ErrorTemplate* t = p.error_template("wasi_memory_export", s.version)) fail(t->text, {{"path", o_.file}});
      }
      std::vector<std::string> traps;  // lazily linked imports: one note for all of them
      // Imports the host makes itself: one note per entry of host_creates.
      std::vector<std::pair<const HostCreated*, std::map<std::string, std::string>>> created;
      for (std::size_t idx = 0; idx < m_.imports.size(); ++idx) {
        const Import& imp = m_.imports[idx];
        std::map<std::string, std::string> values{{"module", imp.module}, {"name", imp.name},
                                                  {"index", std::to_string(idx)}, {"kind", kind_word(imp.kind)},
                                                  {"path", "app.wasm"}};
        const FuncType* actual = imp.kind == ExternKind::kFunc ? m_.type_at(imp.type_index) : nullptr;
        if (actual) {
          values["actual"] = sig_text(*actual, p.signature_style);
          // WasmEdge's "Expected: FuncType {params{…} returns{…}}" is the import's declared type.
          values["expected_params"] = type_list(actual->params);
          values["expected_results"] = type_list(actual->results);
        }
        bool module_known = false;
        const InterfaceItem* named = nullptr;
        bool ok = false;
        for (std::size_t k = 0; k < provided.size() && !ok; ++k) {
          const Interface& iface = *provided[k];
          if (!glob_match(iface.module, imp.module)) continue;
          module_known = true;
          for (const auto& item : iface.items) {
            if (!item_names(item, imp)) continue;
            if (item_accepts(m_, imp, item)) {
              ok = true;
              if (!grants_for[k].empty()) add_unique(r.grants, grants_for[k]);
              // The stock host's grant, where its run templates can write one at this version.
              if (item.needs_grant && !item.capability.empty() && (!p.run || p.run->can_grant(item.capability, s.version))) {
                if (auto g = p.grants.find(item.capability); g != p.grants.end()) add_unique(r.grants, g->second);
              }
              break;
            }
            if (named == nullptr) named = &item;
          }
        }
        if (!ok && imp.kind != ExternKind::kFunc) {
          if (const HostCreated* h = host_created(p, s.version, imp)) {
            ok = true;
            created.emplace_back(h, values);
          }
        }
        if (ok) continue;
        if (named != nullptr && named->sig) {
          values["expected"] = sig_text(*named->sig, p.signature_style);
          values["actual_params"] = type_list(named->sig->params);  // WasmEdge's "Got:": the host's
          values["actual_results"] = type_list(named->sig->results);
          if (const UncheckedTypes* u = unchecked(p, s.version, imp)) {
            // Linked whatever its type: it instantiates, but the import does not do what it should.
            r.missing.push_back(import_label(imp));
            add_unique(r.notes, fill(u->note, values));
            continue;
          }
          const std::string tmpl = template_of(p, "signature_mismatch", s.version, imp.module);
          const std::string text = fill(tmpl, values);
          if (p.signature_mismatch == LinkBehaviour::kFail) {
            fail(tmpl, values);
          } else if (p.signature_mismatch == LinkBehaviour::kTrapOnCall) {
            // Linked as missing: it instantiates, but the import is not really provided.
            r.missing.push_back(import_label(imp));
            r.notes.push_back("instantiates, but calling " + import_label(imp) + " traps: " + text);
          }
          continue;
        }
        r.missing.push_back(import_label(imp));
        if (imp.kind == ExternKind::kFunc && p.missing_function == LinkBehaviour::kTrapOnCall) {
          traps.push_back(fill(template_of(p, "trap_on_call", s.version, imp.module), values));
          continue;
        }
        const char* which = imp.kind == ExternKind::kMemory ? "missing_memory"
                            : imp.kind == ExternKind::kTable ? "missing_table"
                            : imp.kind == ExternKind::kGlobal ? "missing_global"
                            : imp.kind != ExternKind::kFunc  ? "missing_other"
                            : module_known                   ? "missing_function"
                                                             : "missing_module";
        fail(template_of(p, which, s.version, imp.module), values);
      }
      for (std::size_t i = 0; i < created.size(); ++i) {
        const HostCreated* h = created[i].first;
        if (h == nullptr) continue;  // told with an earlier one
        std::string note = fill(h->note, created[i].second);
        std::vector<std::string> more;
        for (std::size_t j = i + 1; j < created.size(); ++j) {
          if (created[j].first != h) continue;
          more.push_back(created[j].second.at("module") + "::" + created[j].second.at("name"));
          created[j].first = nullptr;
        }
        if (!more.empty()) note += fmt::format(" (likewise {})", list_names(more, 5));
        if (h->provenance.status == "unverified") note += fmt::format(" (unverified: {})", h->provenance.source);
        r.notes.push_back(std::move(note));
      }
      if (!r.instantiates) r.grants.clear();  // nothing to grant where it cannot load
      if (!traps.empty()) {
        r.notes.push_back(traps.size() == 1
                              ? "calling the missing import traps: " + traps.front()
                              : fmt::format("calling any of the {} missing imports traps: {} (and {} more)",
                                            traps.size(), traps.front(), traps.size() - 1));
      }
      result_.runtimes.push_back(std::move(r));
    }
  }

  static bool any_glob(const std::vector<std::string>& globs, std::string_view text) {
    return std::any_of(globs.begin(), globs.end(), [&](const std::string& g) { return glob_match(g, text); });
  }

  /// The entry of `p.unchecked_types` that covers the function import `imp` at `version`, or nullptr.
  static const UncheckedTypes* unchecked(const RuntimeProfile& p, std::string_view version, const Import& imp) {
    for (const auto& u : p.unchecked_types) {
      if (u.covers(version, imp.module, imp.name)) return &u;
    }
    return nullptr;
  }

  /// The entry of `p.host_creates` that satisfies `imp` at `version`, or nullptr.
  const HostCreated* host_created(const RuntimeProfile& p, std::string_view version, const Import& imp) const {
    for (const auto& h : p.host_creates) {
      if (!h.covers(version, imp.module, imp.name)) continue;
      if (std::find(h.kinds.begin(), h.kinds.end(), imp.kind) == h.kinds.end()) continue;
      if (!h.when_imports.empty() && std::none_of(m_.imports.begin(), m_.imports.end(), [&](const Import& i) {
            return i.kind == ExternKind::kFunc && any_glob(h.when_imports, i.module);
          })) {
        continue;
      }
      return &h;
    }
    return nullptr;
  }

  static void add_unique(std::vector<std::string>& v, const std::string& s) {
    if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
  }

  /// The runtime's text for `key` at `version`; a memory, table or global falls back to
  /// `missing_other`, that and a missing module to `missing_function`.
  /// `module`: the import's, for texts the runtime words per module (ErrorTemplate::modules).
  static std::string template_of(const RuntimeProfile& p, const std::string& key, std::string_view version,
                                 std::string_view module = {}) {
    if (const ErrorTemplate* t = p.error_template(key, version, module)) return t->text;
    if (key == "missing_memory" || key == "missing_table" || key == "missing_global") {
      return template_of(p, "missing_other", version, module);
    }
    if (key == "missing_module" || key == "missing_other") return template_of(p, "missing_function", version, module);
    if (key.rfind("component_", 0) == 0 || key == "not_a_component") {
      return "cannot run {path} (what " + p.name + " " + std::string(version) + " prints is not recorded)";
    }
    return "cannot link {module}::{name} (what " + p.name + " " + std::string(version) + " prints is not recorded)";
  }

  /// Values for a feature error: {offset} (decimal), {offset_hex}, {offset_hex8} (8 digits, no 0x), {function} (the index of the
  /// function whose body holds the first use), {opcode_hex} (its instruction's first byte),
  /// {instruction} (its name, where instruction_name() knows it: "i32.atomic.load"),
  /// {opcode_decimal} (a prefixed instruction's sub-opcode in decimal), {path}; for multi-memory
  /// {count} (memories the module declares) and {imported} (memories it imports).
  std::map<std::string, std::string> feature_values(const FeatureUse& use) const {
    std::map<std::string, std::string> v{{"offset", std::to_string(use.offset)},
                                         {"offset_hex", fmt::format("{:#x}", use.offset)},
                                         {"offset_hex8", fmt::format("{:08x}", use.offset)},  // WasmEdge: 0x{:08x}
                                         {"path", o_.file}};
    if (use.function) v["function"] = std::to_string(*use.function);
    if (use.opcode) {
      v["opcode_hex"] = fmt::format("{:#04x}", *use.opcode);
      if (const std::string_view name = instruction_name(*use.opcode, use.sub_opcode); !name.empty()) {
        v["instruction"] = std::string(name);
      }
      if (use.sub_opcode) v["opcode_decimal"] = std::to_string(*use.sub_opcode);  // V8: "prefixed opcode 257"
    }
    if (use.proposal == Proposal::kMultiMemory) {  // "memory count of 2", "declared 2, imported 0"
      const auto imported = static_cast<std::size_t>(
          std::count_if(m_.memories.begin(), m_.memories.end(), [](const Memory& mem) { return mem.imported; }));
      v["count"] = std::to_string(m_.memories.size() - imported);
      v["imported"] = std::to_string(imported);
    }
    return v;
  }

  /// A fact the sources did not settle is said so beside the verdict.
  static void note_unverified(RuntimeResult& r, const FeatureSupport* f, std::string_view name) {
    if (f != nullptr && f->provenance.status == "unverified") {
      add_unique(r.notes, fmt::format("{} support at this version is unverified ({})", name, f->provenance.source));
    }
  }

  void apply_policy() {
    // allow: drop import findings about allowed imports; deny: an error per denied import.
    auto allowed = [&](const Finding& f) {
      const auto sep = f.subject.find("::");
      if (sep == std::string::npos) return false;
      const std::string module = f.subject.substr(0, sep);
      const std::string name = f.subject.substr(sep + 2);
      return std::any_of(k_.allow.begin(), k_.allow.end(),
                         [&](const ImportPattern& p) { return p.matches(module, name); });
    };
    result_.findings.erase(std::remove_if(result_.findings.begin(), result_.findings.end(), allowed),
                           result_.findings.end());
    for (const auto& imp : m_.imports) {
      if (k_.allowlist && std::none_of(k_.allowlist->begin(), k_.allowlist->end(), [&](const ImportPattern& p) {
            return p.matches(imp.module, imp.name);
          })) {
        add("policy.deny", import_label(imp), imp.range,
            fmt::format("{} is not in the policy's allowlist", import_label(imp)),
            "remove the import, or add it to the policy's allowlist once it is reviewed");
        continue;
      }
      for (const auto& d : k_.deny) {
        if (!d.matches(imp.module, imp.name)) continue;
        add("policy.deny", import_label(imp), imp.range,
            fmt::format("{} is denied by policy{}", import_label(imp), d.reason.empty() ? "" : ": " + d.reason),
            "");
        break;
      }
    }
  }

  void decide() {
    VerdictResult& v = result_.verdict;
    auto has_rule_prefix = [&](std::string_view prefix, Severity at_least) {
      return std::any_of(result_.findings.begin(), result_.findings.end(), [&](const Finding& f) {
        return f.rule_id.compare(0, prefix.size(), prefix) == 0 && f.severity >= at_least;
      });
    };
    auto matched_class = [&](InterfaceClass c) { return matched(c); };
    std::vector<std::string> wasi_ok;
    std::vector<std::string> wasi_fail;
    bool grants = false;
    for (const auto& r : result_.runtimes) {
      const RuntimeProfile* p = k_.find_runtime(r.id);
      if (p == nullptr || !p->wasi_host) continue;
      // A lazily linking runtime instantiates despite missing imports, but the module does not run
      // there: for portability, it counts as failing.
      (r.instantiates && r.missing.empty() ? wasi_ok : wasi_fail).push_back(r.key);
      grants = grants || (r.instantiates && !r.grants.empty());
    }
    const bool host_only = std::any_of(matches_.begin(), matches_.end(), [&](const std::optional<Match>& mt) {
      return mt && mt->iface->cls == InterfaceClass::kEmbedder && mt->iface->id.rfind("host:", 0) == 0;
    });
    if (m_.kind == BinaryKind::kComponent) {
      v.verdict = Verdict::kComponent;
      v.runtimes = wasi_ok;
      std::vector<std::string> unlinked;  // imports no selected component host links
      for (const auto& f : result_.findings) {
        if (f.rule_id == "component.unknown-import") add_unique(unlinked, f.subject);
      }
      v.summary = !wasi_ok.empty() ? "a component; runs on " + list_names(wasi_ok, 10)
                  : !unlinked.empty()
                      ? "a component whose imports no selected host provides (" + list_names(unlinked, 3) +
                            "): it needs an embedder that defines them"
                      : "a component; no selected runtime runs it";
    } else if (part_of_ != nullptr) {
      v.verdict = Verdict::kComponentPart;
      v.summary = "a core module from inside a component: run the component it belongs to";
    } else if (has_rule_prefix("abi.", Severity::kError)) {
      v.verdict = Verdict::kInvalidAbi;
      v.summary = "breaks the WASI application ABI (see the abi.* findings)";
    } else if (matched_class(InterfaceClass::kBrowser)) {
      v.verdict = Verdict::kBrowserTarget;
      v.summary = "imports JavaScript glue: built for a browser or JS host, not for WASI runtimes";
    } else if (matched_class(InterfaceClass::kComponent)) {
      v.verdict = Verdict::kNeedsComponentAdapter;
      v.summary = "a core module importing preview-2 names: it must be made a component first";
    } else if (matched_class(InterfaceClass::kDynamicLinking)) {
      v.verdict = Verdict::kDynamicLibrary;
      v.summary = "a dynamic library (dylink.0): its main module's dynamic linker loads it; no runtime runs it alone";
    } else if (!unknown_.empty() || (matched_class(InterfaceClass::kEmbedder) && !host_only) ||
               has_rule_prefix("wasi.unknown-function", Severity::kNote)) {
      v.verdict = Verdict::kNeedsEmbedder;
      v.summary = "imports functions that no runtime's stock host provides: it needs an embedder";
    } else if (!wasi_fail.empty()) {
      const bool extension = matched_class(InterfaceClass::kExtension);
      v.verdict = extension ? Verdict::kRuntimeLocked : Verdict::kPartiallyPortable;
      v.runtimes = extension ? wasi_ok : wasi_fail;
      v.summary = extension ? (wasi_ok.empty() ? "relies on non-standard extensions no selected runtime provides"
                                               : "instantiates only on " + list_names(wasi_ok, 10))
                            : "does not run on " + list_names(wasi_fail, 10) +
                                  " (fails to instantiate, or lacks imports it links lazily)";
    } else if (grants) {
      v.verdict = Verdict::kPortableWithGrants;
      v.summary = "instantiates on every WASI runtime; grant what it asks for (see the runtime table)";
    } else {
      v.verdict = Verdict::kPortable;
      v.summary = "instantiates on every selected WASI runtime";
    }
  }

  const Module& m_;
  const Knowledge& k_;
  const EvalOptions& o_;
  std::vector<const Interface*> all_;
  std::vector<Selected> selected_;
  std::vector<std::optional<Match>> matches_;
  std::vector<std::size_t> unknown_;
  const ToolchainGuess* part_of_ = nullptr;  ///< the evidence that it is a component's core module
  CheckResult result_;
};

}  // namespace

namespace detail {

const Interface* classify_import(const Module& module, const Import& imp, const std::vector<const Interface*>& all) {
  const auto match = classify(module, imp, all);
  return match ? match->iface : nullptr;
}

}  // namespace detail

CheckResult evaluate(const Module& module, const Knowledge& knowledge, const EvalOptions& options) {
  return Evaluation(module, knowledge, options).run();
}

}  // namespace wasmaudit
