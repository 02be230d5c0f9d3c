// SPDX-License-Identifier: Apache-2.0
// `wasm-audit diff`: the changes between two audits, each marked breaking or not with a reason.
#include "wasmaudit/policy/diff.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

namespace wasmaudit {

std::string_view to_string(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kModuleKind:
      return "module.kind";
    case ChangeKind::kShape:
      return "module.shape";
    case ChangeKind::kVerdict:
      return "module.verdict";
    case ChangeKind::kRuntimeBroken:
      return "runtime.broken";
    case ChangeKind::kRuntimeFixed:
      return "runtime.fixed";
    case ChangeKind::kRuntimeChanged:
      return "runtime.changed";
    case ChangeKind::kExportRemoved:
      return "export.removed";
    case ChangeKind::kExportRetyped:
      return "export.retyped";
    case ChangeKind::kExportResized:
      return "export.resized";
    case ChangeKind::kExportAdded:
      return "export.added";
    case ChangeKind::kImportRemoved:
      return "import.removed";
    case ChangeKind::kImportRetyped:
      return "import.retyped";
    case ChangeKind::kImportAdded:
      return "import.added";
    case ChangeKind::kCapabilityLost:
      return "capability.lost";
    case ChangeKind::kCapabilityGrant:
      return "capability.grant";
    case ChangeKind::kCapabilityGained:
      return "capability.gained";
    case ChangeKind::kFindingRemoved:
      return "finding.removed";
    case ChangeKind::kFindingAdded:
      return "finding.added";
    case ChangeKind::kToolchainRemoved:
      return "toolchain.removed";
    case ChangeKind::kToolchainVersion:
      return "toolchain.version";
    case ChangeKind::kToolchainAdded:
      return "toolchain.added";
    case ChangeKind::kToolchainSetting:
      return "toolchain.setting";
    case ChangeKind::kToolchainDependency:
      return "toolchain.dependency";
  }
  return "?";
}

bool ModuleDiff::breaking() const {
  return std::any_of(changes.begin(), changes.end(), [](const Change& c) { return c.breaking; });
}

std::size_t ModuleDiff::breaking_count() const {
  return static_cast<std::size_t>(
      std::count_if(changes.begin(), changes.end(), [](const Change& c) { return c.breaking; }));
}

std::string_view runtime_state(const RuntimeResult& runtime) {
  if (!runtime.instantiates) return "fails";
  return runtime.missing.empty() ? "runs" : "traps";
}

namespace {

bool runs(const RuntimeResult& r) { return r.instantiates && r.missing.empty(); }

/// "a, b and 3 more" (at most `max` names).
std::string list(const std::vector<std::string>& items, std::size_t max = 4) {
  std::string out;
  const std::size_t shown = items.size() > max ? max - 1 : items.size();
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  if (shown < items.size()) out += fmt::format(" and {} more", items.size() - shown);
  return out;
}

/// The settings that identify one build rather than describe it (like a build id): never changes.
bool build_identity(const std::string& key) { return key.rfind("vcs.", 0) == 0; }

/// The imports or exports of one module by name: each name's types, as inspect renders them, in
/// order of first appearance (a name may be imported more than once).
struct Extern {
  std::string name;
  std::vector<std::string> types;  ///< unique, in order
  std::optional<Limits> limits;    ///< a memory's or table's (when every entry of the name has one)
  std::string shape;               ///< the type without its limits (kind, element, flags)
};

/// A module's imports or exports by name, in order, with an index (a module may have many).
struct ExternList {
  std::vector<Extern> items;
  std::map<std::string, std::size_t> index;

  auto begin() const { return items.begin(); }
  auto end() const { return items.end(); }
  const Extern* find(const std::string& name) const {
    const auto it = index.find(name);
    return it == index.end() ? nullptr : &items[it->second];
  }
};

void add_extern(ExternList& list, std::string name, std::string type, std::optional<Limits> limits,
                std::string shape) {
  auto [it, fresh] = list.index.emplace(name, list.items.size());
  if (fresh) {
    list.items.push_back({std::move(name), {std::move(type)}, limits, std::move(shape)});
    return;
  }
  Extern& e = list.items[it->second];
  if (std::find(e.types.begin(), e.types.end(), type) == e.types.end()) {
    e.types.push_back(std::move(type));
    e.limits.reset();  // several types for one name: compared as a whole
  }
}

/// `memory` / `table funcref` plus the flags a consumer depends on: what is left of a type when its
/// minimum and maximum are taken out.
std::string limits_shape(std::string_view kind, const Limits& l) {
  return fmt::format("{}{}{}{}", kind, l.shared ? " shared" : "", l.is64 ? " i64" : "",
                     l.page_size_log2 ? fmt::format(" pagesize 2^{}", *l.page_size_log2) : "");
}

ExternList imports_of(const Module& m) {
  ExternList out;
  for (const auto& i : m.imports) {
    std::optional<Limits> limits;
    std::string shape;
    if (i.kind == ExternKind::kMemory) {
      limits = i.memory.limits;
      shape = limits_shape("memory", i.memory.limits);
    } else if (i.kind == ExternKind::kTable) {
      limits = i.table.limits;
      shape = limits_shape("table " + to_string(i.table.element), i.table.limits);
    }
    add_extern(out, i.module + "::" + i.name, describe(m, i), limits, std::move(shape));
  }
  for (const auto& c : m.component_imports) {
    add_extern(out, c.name + c.version_suffix, std::string(to_string(c.sort)), std::nullopt, "");
  }
  return out;
}

ExternList exports_of(const Module& m) {
  ExternList out;
  for (const auto& e : m.exports) {
    std::optional<Limits> limits;
    std::string shape;
    if (e.kind == ExternKind::kMemory) {
      limits = m.memories.at(e.index).type.limits;
      shape = limits_shape("memory", *limits);
    } else if (e.kind == ExternKind::kTable) {
      const TableType& t = m.tables.at(e.index).type;
      limits = t.limits;
      shape = limits_shape("table " + to_string(t.element), t.limits);
    }
    add_extern(out, e.name, describe(m, e), limits, std::move(shape));
  }
  for (const auto& c : m.component_exports) {
    add_extern(out, c.name + c.version_suffix, std::string(to_string(c.sort)), std::nullopt, "");
  }
  return out;
}

std::string join_types(const std::vector<std::string>& types) {
  std::string out;
  for (const auto& t : types) out += (out.empty() ? "" : "; ") + t;
  return out;
}

bool same_types(const Extern& a, const Extern& b) {
  return std::set<std::string>(a.types.begin(), a.types.end()) ==
         std::set<std::string>(b.types.begin(), b.types.end());
}

/// Only the minimum or maximum of a memory or table changed.
bool only_resized(const Extern& a, const Extern& b) {
  return a.limits && b.limits && a.types.size() == 1 && b.types.size() == 1 && !a.shape.empty() &&
         a.shape == b.shape;
}

class Differ {
 public:
  Differ(const DiffSide& before, const DiffSide& after) : a_(before), b_(after) {}

  ModuleDiff run() {
    runtimes();  // first: the breaking reasons of imports and the verdict read what broke
    module();
    exports();
    imports();
    capabilities();
    findings();
    toolchains();
    std::stable_sort(out_.changes.begin(), out_.changes.end(),
                     [](const Change& x, const Change& y) { return x.kind < y.kind; });
    return std::move(out_);
  }

 private:
  Change& add(ChangeKind kind, std::string subject, std::optional<std::string> before,
              std::optional<std::string> after) {
    Change c;
    c.kind = kind;
    c.subject = std::move(subject);
    c.before = std::move(before);
    c.after = std::move(after);
    out_.changes.push_back(std::move(c));
    return out_.changes.back();
  }

  static std::string describe_kind(const Module& m) {
    return m.kind == BinaryKind::kComponent ? "component" : "core module";
  }

  void module() {
    const Module& ma = a_.module;
    const Module& mb = b_.module;
    if (ma.kind != mb.kind) {
      Change& c = add(ChangeKind::kModuleKind, "kind", describe_kind(ma), describe_kind(mb));
      c.breaking = true;
      c.reason =
          "a host loads a component and a core module differently: one that ran the old release "
          "cannot load the new one as it is";
    } else if (ma.kind == BinaryKind::kModule && shape_of(ma) != shape_of(mb)) {
      const Shape old_shape = shape_of(ma);
      Change& c = add(ChangeKind::kShape, "shape", std::string(to_string(old_shape)),
                      std::string(to_string(shape_of(mb))));
      const char* entry = old_shape == Shape::kCommand   ? "_start"
                          : old_shape == Shape::kReactor ? "_initialize"
                                                         : nullptr;
      if (entry == nullptr) {
        c.reason = old_shape == Shape::kLibrary
                       ? "the old release had no entry point a host relies on"
                       : "the old release exported both _start and _initialize, which "
                         "breaks the WASI application ABI";
      } else if (const Export* e = mb.find_export(entry);
                 e == nullptr || e->kind != ExternKind::kFunc) {
        c.breaking = true;
        c.reason =
            fmt::format("{} is gone: a host that ran the old release as a {} finds no entry point",
                        entry, to_string(old_shape));
      } else {
        c.reason = fmt::format(
            "{} is still exported: a host that ran the old release as a {} still finds it", entry,
            to_string(old_shape));
      }
    }
    const Verdict va = a_.result.verdict.verdict;
    const Verdict vb = b_.result.verdict.verdict;
    if (va != vb) {
      Change& c = add(ChangeKind::kVerdict, "verdict", std::string(to_string(va)),
                      std::string(to_string(vb)));
      c.detail = b_.result.verdict.summary;
      if (!broken_.empty()) {
        c.breaking = true;
        c.reason = fmt::format(
            "{} that ran the old release no longer {}: {}",
            broken_.size() == 1 ? "a runtime" : fmt::format("{} runtimes", broken_.size()),
            broken_.size() == 1 ? "does" : "do", list(broken_, 8));
      } else {
        c.reason = ran_before_.empty()
                       ? "no selected runtime ran the old release"
                       : "every runtime that ran the old release still runs the new one";
      }
    }
  }

  void runtimes() {
    for (const auto& rb : b_.result.runtimes) {
      const RuntimeResult* ra = nullptr;
      for (const auto& r : a_.result.runtimes) {
        if (r.key == rb.key) ra = &r;
      }
      if (ra == nullptr) continue;  // same options on both sides: the tables have the same keys
      if (runs(*ra)) {
        ran_before_.push_back(ra->key);
        missing_now_.emplace_back(rb.key,
                                  std::set<std::string>(rb.missing.begin(), rb.missing.end()));
      }
      const std::string_view sa = runtime_state(*ra);
      const std::string_view sb = runtime_state(rb);
      if (sa == sb) continue;
      ChangeKind kind = ChangeKind::kRuntimeChanged;
      if (runs(*ra)) kind = ChangeKind::kRuntimeBroken;
      if (runs(rb)) kind = ChangeKind::kRuntimeFixed;
      Change& c = add(kind, rb.key, std::string(sa), std::string(sb));
      if (!rb.instantiates && rb.error) {
        c.detail = error_summary(rb);
      } else if (!rb.missing.empty()) {
        c.detail = fmt::format("calling a missing import traps: {}", list(rb.missing, 3));
      }
      switch (kind) {
        case ChangeKind::kRuntimeBroken:
          c.breaking = true;
          broken_.push_back(rb.key);
          c.reason = rb.instantiates
                         ? "it ran the old release; the new one traps when it calls an import "
                           "the runtime lacks"
                         : "it ran the old release and does not instantiate the new one";
          break;
        case ChangeKind::kRuntimeFixed:
          c.reason = "it runs the new release";
          break;
        default:
          c.reason = "it did not run the old release either";
          break;
      }
    }
  }

  void exports() {
    const ExternList ea = exports_of(a_.module);
    const ExternList eb = exports_of(b_.module);
    for (const auto& x : ea) {
      const Extern* y = eb.find(x.name);
      if (y == nullptr) {
        Change& c = add(ChangeKind::kExportRemoved, x.name, join_types(x.types), std::nullopt);
        c.breaking = true;
        c.reason = "a consumer that uses this export finds nothing";
      } else if (!same_types(x, *y)) {
        if (only_resized(x, *y)) {
          Change& c =
              add(ChangeKind::kExportResized, x.name, join_types(x.types), join_types(y->types));
          c.reason =
              "only its limits changed: a consumer uses the memory or table the module exports, "
              "whatever its size";
        } else {
          Change& c =
              add(ChangeKind::kExportRetyped, x.name, join_types(x.types), join_types(y->types));
          c.breaking = true;
          c.reason =
              "a consumer that uses this export with its old type fails to link or misbehaves";
        }
      }
    }
    for (const auto& y : eb) {
      if (ea.find(y.name) != nullptr) continue;
      Change& c = add(ChangeKind::kExportAdded, y.name, std::nullopt, join_types(y.types));
      c.reason = "a new export: nothing a consumer used is gone";
    }
  }

  /// The runtimes that ran the old release and now lack `label` (an import, as module::name).
  std::vector<std::string> now_missing(const std::string& label) const {
    std::vector<std::string> out;
    for (const auto& [key, missing] : missing_now_) {
      if (missing.count(label) != 0) out.push_back(key);
    }
    return out;
  }

  void judge_import(Change& c) const {
    const auto missing = now_missing(c.subject);
    if (!missing.empty()) {
      c.breaking = true;
      c.reason = fmt::format("not provided by {}, which ran the old release", list(missing, 8));
    } else if (ran_before_.empty()) {
      c.reason = "no selected runtime ran the old release";
    } else if (broken_.empty()) {
      c.reason = "every runtime that ran the old release provides it";
    } else {
      // A runtime that broke without listing it (a component, a feature it lacks): not the cause.
      c.reason =
          "no runtime that ran the old release lists it as missing (those that broke fail for "
          "another reason)";
    }
  }

  void imports() {
    const ExternList ia = imports_of(a_.module);
    const ExternList ib = imports_of(b_.module);
    for (const auto& x : ia) {
      const Extern* y = ib.find(x.name);
      if (y == nullptr) {
        Change& c = add(ChangeKind::kImportRemoved, x.name, join_types(x.types), std::nullopt);
        c.reason = "a host need not provide this import any more";
      } else if (!same_types(x, *y)) {
        Change& c =
            add(ChangeKind::kImportRetyped, x.name, join_types(x.types), join_types(y->types));
        judge_import(c);
      }
    }
    for (const auto& y : ib) {
      if (ia.find(y.name) != nullptr) continue;
      Change& c = add(ChangeKind::kImportAdded, y.name, std::nullopt, join_types(y.types));
      judge_import(c);
    }
  }

  static std::string grant_word(const Capability& c) {
    return c.needs_grant ? "needs a grant" : "no grant";
  }

  static std::string without(const Capability& c) {
    return c.without_grant.empty() ? "" : "; without one: " + c.without_grant;
  }

  void capabilities() {
    const auto& ca = a_.result.capabilities;
    const auto& cb = b_.result.capabilities;
    auto find_cap = [](const std::vector<Capability>& v,
                       const std::string& id) -> const Capability* {
      for (const auto& c : v) {
        if (c.id == id) return &c;
      }
      return nullptr;
    };
    for (const auto& x : ca) {
      const Capability* y = find_cap(cb, x.id);
      if (y == nullptr) {
        Change& c = add(ChangeKind::kCapabilityLost, x.id, grant_word(x), std::nullopt);
        c.detail = x.title;
        c.reason = "the module asks less of its host";
      } else if (x.needs_grant != y->needs_grant) {
        Change& c = add(ChangeKind::kCapabilityGrant, x.id, grant_word(x), grant_word(*y));
        c.detail = y->title;
        c.breaking = y->needs_grant;
        c.reason = y->needs_grant
                       ? "a host that ran the old release without granting it must now grant it" +
                             without(*y)
                       : "a host no longer needs to grant it";
      }
    }
    for (const auto& y : cb) {
      if (find_cap(ca, y.id) != nullptr) continue;
      Change& c = add(ChangeKind::kCapabilityGained, y.id, std::nullopt, grant_word(y));
      c.detail = y.title;
      c.breaking = y.needs_grant;
      c.reason = y.needs_grant ? "a host must now grant it" + without(y)
                               : "it needs no grant" + without(y);
    }
  }

  void findings() {
    struct Keys {
      std::vector<std::pair<std::string, const Finding*>> order;  // (key, first finding)
      std::set<std::string> set;
    };
    auto keys = [](const CheckResult& r) {
      Keys out;
      for (const auto& f : r.findings) {
        std::string key = f.rule_id + " " + f.subject;
        if (out.set.insert(key).second) out.order.emplace_back(std::move(key), &f);
      }
      return out;
    };
    const Keys fa = keys(a_.result);
    const Keys fb = keys(b_.result);
    constexpr const char* kReason =
        "findings inform; only imports, exports, capabilities and runtimes break a consumer";
    for (const auto& [key, f] : fa.order) {
      if (fb.set.count(key) != 0) continue;
      Change& c =
          add(ChangeKind::kFindingRemoved, key, std::string(to_string(f->severity)), std::nullopt);
      c.detail = f->message;
      c.reason = kReason;
    }
    for (const auto& [key, f] : fb.order) {
      if (fa.set.count(key) != 0) continue;
      Change& c =
          add(ChangeKind::kFindingAdded, key, std::nullopt, std::string(to_string(f->severity)));
      c.detail = f->message;
      c.reason = kReason;
    }
  }

  static std::string dependency_version(const BuildModule& m) {
    return m.replaced_by.empty() ? m.version : m.version + " => " + m.replaced_by;
  }

  void toolchain_details(const ToolchainGuess& x, const ToolchainGuess& y) {
    constexpr const char* kReason = "how it was built, not what it imports, exports or asks for";
    for (const auto& [key, value] : x.settings) {
      if (build_identity(key)) continue;
      const auto it = y.settings.find(key);
      if (it != y.settings.end() && it->second == value) continue;
      Change& c =
          add(ChangeKind::kToolchainSetting, key, value,
              it == y.settings.end() ? std::nullopt : std::optional<std::string>(it->second));
      c.detail = y.name;
      c.reason = kReason;
    }
    for (const auto& [key, value] : y.settings) {
      if (build_identity(key) || x.settings.count(key) != 0) continue;
      Change& c = add(ChangeKind::kToolchainSetting, key, std::nullopt, value);
      c.detail = y.name;
      c.reason = kReason;
    }
    auto find_dep = [](const ToolchainGuess& t, const std::string& path) -> const BuildModule* {
      for (const auto& d : t.dependencies) {
        if (d.path == path) return &d;
      }
      return nullptr;
    };
    for (const auto& d : x.dependencies) {
      const BuildModule* e = find_dep(y, d.path);
      if (e != nullptr && dependency_version(*e) == dependency_version(d)) continue;
      Change& c =
          add(ChangeKind::kToolchainDependency, d.path, dependency_version(d),
              e == nullptr ? std::nullopt : std::optional<std::string>(dependency_version(*e)));
      c.detail = y.name;
      c.reason = kReason;
    }
    for (const auto& e : y.dependencies) {
      if (find_dep(x, e.path) != nullptr) continue;
      Change& c =
          add(ChangeKind::kToolchainDependency, e.path, std::nullopt, dependency_version(e));
      c.detail = y.name;
      c.reason = kReason;
    }
  }

  void toolchains() {
    constexpr const char* kReason = "how it was built, not what it imports, exports or asks for";
    const auto& ta = a_.detection.toolchains;
    const auto& tb = b_.detection.toolchains;
    for (const auto& x : ta) {
      const ToolchainGuess* y = b_.detection.find(x.id);
      if (y == nullptr) {
        Change& c = add(ChangeKind::kToolchainRemoved, x.id, x.version, std::nullopt);
        c.detail = x.name;
        c.reason = kReason;
        continue;
      }
      if (x.version != y->version) {
        Change& c = add(ChangeKind::kToolchainVersion, x.id, x.version, y->version);
        c.detail = y->name;
        c.reason = kReason;
      }
      toolchain_details(x, *y);
    }
    for (const auto& y : tb) {
      if (a_.detection.find(y.id) != nullptr) continue;
      Change& c = add(ChangeKind::kToolchainAdded, y.id, std::nullopt, y.version);
      c.detail = y.name;
      c.reason = kReason;
    }
  }

  const DiffSide& a_;
  const DiffSide& b_;
  ModuleDiff out_;
  std::vector<std::string> ran_before_;  ///< runtime keys that ran the old release
  std::vector<std::string> broken_;      ///< of those, the ones that no longer run the new one
  /// Of those, what each lacks in the new release (in table order).
  std::vector<std::pair<std::string, std::set<std::string>>> missing_now_;
};

}  // namespace

ModuleDiff diff_modules(const DiffSide& before, const DiffSide& after) {
  return Differ(before, after).run();
}

}  // namespace wasmaudit
