// SPDX-License-Identifier: Apache-2.0
// explain: the runtime profiles' error templates, inverted. Every line of every template is
// cleaned as check cleans its summaries (error_text.hpp) and compiled once; every line of the input
// is cleaned the same way and matched against them; the most specific templates that match (the most literal
// text) say which runtime and versions print it, and their placeholders give the import or the
// feature. The causes come from the same classifier and facts check uses.
#include "wasmaudit/policy/explain.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "advice.hpp"
#include "error_text.hpp"

namespace wasmaudit {
namespace {

/// A template line that identifies a failure well enough to be recognised: this many characters of
/// literal text at least.
constexpr std::size_t kMinLiteral = 12;

/// V8 names the API call that failed (`WebAssembly.instantiate(): `, `WebAssembly.Instance(): `,
/// `WebAssembly.Module(): `, `WebAssembly.compile(): `, `WebAssembly Instantiation: ` in older
/// Chrome): the same error whichever call the embedder made, so explain compares without it.
std::string without_v8_api(std::string line) {
  static constexpr std::string_view kCalls[] = {"WebAssembly.instantiate(): ", "WebAssembly.Instance(): ",
                                                "WebAssembly.Module(): ",      "WebAssembly.compile(): ",
                                                "WebAssembly.instantiateStreaming(): ", "WebAssembly.compileStreaming(): ",
                                                "WebAssembly Instantiation: "};
  for (std::string_view call : kCalls) {
    for (auto at = line.find(call); at != std::string::npos; at = line.find(call, at)) line.erase(at, call.size());
  }
  return line;
}

struct Template {
  const RuntimeProfile* runtime = nullptr;
  const ToolchainError* toolchain = nullptr;  ///< a toolchain's error instead of a runtime's
  const ExplainOnlyError* only = nullptr;     ///< from the profile's `errors.explain_only`
  std::string key;      ///< the `errors` key, or "feature:<name>"
  std::string kind;     ///< Explanation::kind
  std::string feature;  ///< for feature errors
  std::string line;     ///< the cleaned template line
  detail::LinePattern pattern;
  VersionRange versions;
};

std::string kind_of_key(const std::string& key) {
  if (key == "missing_function" || key == "missing_module" || key == "missing_other") return "unknown-import";
  if (key == "missing_memory" || key == "wasi_memory_export") return "missing-memory";
  if (key == "missing_table") return "missing-table";
  if (key == "missing_global") return "missing-global";
  if (key == "signature_mismatch") return "signature-mismatch";
  if (key == "trap_on_call") return "trap-on-call";
  if (key == "component_missing_import") return "component-import";
  if (key == "component_no_world") return "no-run-export";
  if (key == "not_a_component") return "not-a-component";
  return key;
}

/// The import kind an `errors.explain_only` entry's kind implies ("" when the kind does not say).
std::string import_kind_of_kind(const std::string& kind) {
  if (kind == "missing-memory") return "memory";
  if (kind == "missing-table") return "table";
  if (kind == "missing-global") return "global";
  if (kind == "signature-mismatch" || kind == "trap-on-call") return "function";
  if (kind == "component-import") return "instance";
  return "";
}

/// `text` with every `{name}` of `values` filled in (an explain-only entry's cause and fix).
std::string fill(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [name, value] : values) {
    const std::string hole = "{" + name + "}";
    for (auto at = text.find(hole); at != std::string::npos; at = text.find(hole, at + value.size())) {
      text.replace(at, hole.size(), value);
    }
  }
  return text;
}

std::string import_kind_of_key(const std::string& key) {
  if (key == "missing_memory") return "memory";
  if (key == "missing_table") return "table";
  if (key == "missing_global") return "global";
  if (key == "missing_function" || key == "missing_module" || key == "signature_mismatch" || key == "trap_on_call") {
    return "function";
  }
  if (key == "component_missing_import") return "instance";
  return "";
}

std::string range_text(const VersionRange& v) {
  if (v.since.empty() && v.until.empty()) return "any";
  if (v.since == v.until) return v.since;
  if (v.until.empty()) return ">=" + v.since;
  if (v.since.empty()) return "<=" + v.until;
  return v.since + ".." + v.until;
}

/// The smallest range holding all of `ranges` (open ends stay open).
VersionRange span_of(const std::vector<VersionRange>& ranges) {
  VersionRange out = ranges.front();
  for (const auto& r : ranges) {
    if (r.since.empty() || (!out.since.empty() && compare_versions(r.since, out.since) < 0)) out.since = r.since;
    if (r.until.empty() || (!out.until.empty() && compare_versions(r.until, out.until) > 0)) out.until = r.until;
  }
  return out;
}

/// The templates' lines that can identify a failure: every non-blank line of a template (cleaned
/// as check cleans its summaries) with enough literal text, except lines that templates of another
/// kind share (`Error: failed to run main module …` says nothing about what failed).
std::vector<Template> templates_of(const Knowledge& k) {
  std::vector<Template> out;
  auto add = [&](const RuntimeProfile& p, const std::string& key, const std::string& kind, const std::string& feature,
                 const std::string& text, const VersionRange& versions, const ExplainOnlyError* only = nullptr) {
    std::size_t start = 0;
    while (start <= text.size()) {
      const auto nl = text.find('\n', start);
      const std::string raw = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
      Template t;
      t.runtime = &p;
      t.only = only;
      t.key = key;
      t.kind = kind;
      t.feature = feature;
      t.line = without_v8_api(detail::clean_error_line(raw));
      t.versions = versions;
      // What the stock CLI writes before the engine's error, an embedder does not: the line
      // without it is the same error from the runtime used as a library.
      for (const auto& prefix : p.cli_prefixes) {
        if (!t.line.starts_with(prefix)) continue;
        Template bare = t;
        bare.line = t.line.substr(prefix.size());
        bare.pattern = detail::compile_line(bare.line);
        if (bare.pattern.literal_size() >= kMinLiteral) out.push_back(std::move(bare));
      }
      t.pattern = detail::compile_line(t.line);
      if (t.pattern.literal_size() >= kMinLiteral) out.push_back(std::move(t));
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  };
  for (const auto& p : k.runtimes) {
    for (const auto& [key, entries] : p.errors) {
      for (const auto& e : entries) add(p, key, kind_of_key(key), "", e.text, e.versions);
    }
    for (const auto& [name, entries] : p.features) {
      const std::string kind = name == "components" ? "not-a-core-module" : "feature-disabled";
      for (const auto& f : entries) {
        add(p, "feature:" + name, kind, name, f.error, f.versions);
        if (f.error_in_code != f.error) add(p, "feature:" + name, kind, name, f.error_in_code, f.versions);
      }
    }
    for (const auto& x : p.explain_only) add(p, "explain_only", x.kind, x.feature, x.text, x.versions, &x);
  }
  for (const auto& e : k.toolchain_errors) {
    const std::string line = detail::clean_error_line(e.text.substr(0, e.text.find('\n')));
    Template t;
    t.toolchain = &e;
    t.key = "toolchain";
    t.kind = "toolchain";
    t.line = without_v8_api(line);
    t.pattern = detail::compile_line(t.line);
    t.versions = e.versions;
    if (t.pattern.literal_size() >= kMinLiteral) out.push_back(std::move(t));
  }
  std::map<std::string, std::set<std::string>> kinds;     // line -> the kinds using it
  std::map<std::string, std::set<std::string>> features;  // line -> the proposals using it
  for (const auto& t : out) {
    kinds[t.line].insert(t.kind);
    if (!t.feature.empty()) features[t.line].insert(t.feature);
  }
  // A line that names the import (or the signatures, the WASI version) says what failed even
  // when several kinds print it; an offset or an index alone does not.
  const auto telling = [](const Template& t) {
    return std::any_of(t.pattern.holes.begin(), t.pattern.holes.end(), [](const std::string& h) {
      return h == "module" || h == "name" || h == "expected" || h == "actual" || h == "wasi";
    });
  };
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](const Template& t) { return kinds[t.line].size() > 1 && !telling(t); }),
            out.end());
  // A line several proposals print (wasm3's unknown opcode for simd and relaxed-simd) names them all.
  for (auto& t : out) {
    const auto& f = features[t.line];
    if (f.size() > 1) {
      std::string all;
      for (const auto& name : f) all += (all.empty() ? "" : " or ") + name;
      t.feature = all;
    }
  }
  return out;
}

/// Runtimes whose stock host provides `iface` (at some version), as "wasmtime", "wazero >=1.2.0".
std::vector<std::string> providers_of(const Knowledge& k, const Interface& iface) {
  std::vector<std::string> out;
  for (const auto& p : k.runtimes) {
    for (const auto& pr : p.provides) {
      if (pr.interface_id != iface.id) continue;
      const std::string r = range_text(pr.versions);
      out.push_back(r == "any" ? p.id : p.id + " " + r);
      break;
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& items, std::size_t max = 6) {
  std::string s;
  for (std::size_t i = 0; i < items.size() && i < max; ++i) s += (i ? ", " : "") + items[i];
  if (items.size() > max) s += fmt::format(" and {} more", items.size() - max);
  return s;
}

class Explainer {
 public:
  explicit Explainer(const Knowledge& k) : k_(k), templates_(templates_of(k)) {
    for (const auto& i : k_.interfaces) all_.push_back(&i);
  }

  ExplainResult run(std::string_view text) {
    ExplainResult result;
    std::size_t number = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
      const auto nl = text.find('\n', start);
      std::string_view raw = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
      ++number;
      if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
      // The lines just before this one, recognised one after the other: one message, whose earlier
      // line may say the kind a later one leaves open (WasmEdge's "incompatible import type" above
      // the "When linking module" line every kind of link error prints).
      std::vector<const Explanation*> before;
      for (auto it = result.explanations.rbegin(); it != result.explanations.rend(); ++it) {
        if (it->line + before.size() + 1 != number) break;
        before.push_back(&*it);
      }
      if (auto e = explain_line(raw, number, before)) result.explanations.push_back(std::move(*e));
      if (nl == std::string_view::npos) break;
      start = nl + 1;
    }
    if (!result.recognised()) result.closest = closest(text);
    return result;
  }

 private:
  /// `before`: the explanations of the lines just before this one, nearest first.
  std::optional<Explanation> explain_line(std::string_view raw, std::size_t number,
                                          const std::vector<const Explanation*>& before) {
    const std::string line = without_v8_api(detail::clean_error_line(std::string(raw)));
    if (line.size() < kMinLiteral) return std::nullopt;
    std::size_t best = 0;
    std::vector<std::pair<const Template*, std::map<std::string, std::string>>> hits;
    for (const auto& t : templates_) {
      if (t.pattern.literal_size() < best) continue;
      auto values = detail::match_line(t.pattern, line);
      if (!values) continue;
      if (t.pattern.literal_size() > best) {
        best = t.pattern.literal_size();
        hits.clear();
      }
      hits.emplace_back(&t, std::move(*values));
    }
    if (hits.empty()) return std::nullopt;
    const auto id_of = [](const Template& t) { return t.toolchain != nullptr ? t.toolchain->toolchain : t.runtime->id; };
    bool mixed = std::any_of(hits.begin(), hits.end(), [&](const auto& h) { return h.first->kind != hits.front().first->kind; });
    // A line several kinds print, right after a line of the same message that said which kind it
    // is (by the same runtime): that kind's templates only.
    for (const Explanation* prev : before) {
      if (!mixed) break;
      const auto same = [&](const auto& h) {
        return h.first->kind == prev->kind && std::any_of(prev->runtimes.begin(), prev->runtimes.end(),
                                                          [&](const ExplainRuntime& r) { return r.id == id_of(*h.first); });
      };
      if (std::none_of(hits.begin(), hits.end(), same)) continue;
      hits.erase(std::remove_if(hits.begin(), hits.end(), [&](const auto& h) { return !same(h); }), hits.end());
      mixed = false;
    }
    Explanation e;
    e.line = number;
    e.text = std::string(raw);
    const Template& first = *hits.front().first;
    e.kind = first.kind;
    e.feature = first.feature;
    // One line several kinds print (wasmtime's "unknown import" for functions, memories, tables and
    // globals alike): an unknown import of a kind the line does not say.
    if (mixed) e.kind = "unknown-import";
    std::map<std::string, std::vector<VersionRange>> ranges;
    for (const auto& [t, values] : hits) {
      const std::string id = id_of(*t);
      const std::string name = t->toolchain != nullptr ? t->toolchain->name : t->runtime->name;
      auto it = std::find_if(e.runtimes.begin(), e.runtimes.end(), [&](const ExplainRuntime& r) { return r.id == id; });
      if (it == e.runtimes.end()) it = e.runtimes.insert(e.runtimes.end(), {id, name, {}});
      ranges[it->id].push_back(t->versions);
      if (!e.import) e.import = import_of(*t, values);
    }
    for (auto& r : e.runtimes) r.versions.push_back(range_text(span_of(ranges[r.id])));
    if (mixed && e.import && e.import->kind != "instance") e.import->kind.clear();
    // An explain-only entry's own cause comes first (filled with what the line names); the kind's
    // causes follow where they still apply: for an import or a proposal, not for a kind whose
    // generic cause is another situation (a component without wasi:cli/run for no-run-export).
    std::vector<ExplainCause> own;
    for (const auto& [t, values] : hits) {
      if (t->only == nullptr || t->only->cause.empty()) continue;
      // A core module's run export (a reactor given to a CLI that runs _start), or what the line names.
      ExplainCause c{fill(t->only->cause, values), fill(t->only->fix, values), t->only->confidence,
                     t->kind == "no-run-export" ? "no-start" : ""};
      if (std::none_of(own.begin(), own.end(), [&](const ExplainCause& o) { return o.cause == c.cause; })) {
        own.push_back(std::move(c));
      }
    }
    e.causes = std::move(own);
    if (e.causes.empty() || e.import || e.kind == "feature-disabled") {
      for (auto& c : causes(e)) e.causes.push_back(std::move(c));
    }
    for (const auto& [t, values] : hits) {  // a toolchain's error carries its own cause and fix
      if (t->toolchain != nullptr) {
        e.causes.push_back({t->toolchain->cause, t->toolchain->fix, t->toolchain->confidence, "toolchain:" + t->toolchain->toolchain});
      }
    }
    // What a module would show for the rest: a cause of what the module is or imports.
    for (auto& c : e.causes) {
      if (!c.evidence.empty()) continue;
      if (e.kind == "feature-disabled") c.evidence = "uses-feature";
      else if (e.kind == "not-a-core-module") c.evidence = "component";
      else if (e.kind == "not-a-component") c.evidence = "core";
      else if (e.kind == "no-run-export") c.evidence = "component";  // a component without wasi:cli/run
      else if (e.import) c.evidence = "imports";
    }
    return e;
  }

  static std::optional<ExplainImport> import_of(const Template& t, const std::map<std::string, std::string>& v) {
    ExplainImport imp;
    if (auto m = v.find("module"); m != v.end()) imp.module = m->second;
    if (auto n = v.find("name"); n != v.end()) imp.name = n->second;
    if (imp.module.empty() && imp.name.empty()) return std::nullopt;
    imp.kind = t.only != nullptr ? import_kind_of_kind(t.kind) : import_kind_of_key(t.key);
    if (auto k = v.find("kind"); k != v.end() && !k->second.empty()) imp.kind = k->second == "func" ? "function" : k->second;
    return imp;
  }

  const Interface* classify(const ExplainImport& imp) const {
    Module m;
    Import i;
    i.module = imp.module;
    i.name = imp.name;
    i.kind = imp.kind == "memory" ? ExternKind::kMemory
             : imp.kind == "table" ? ExternKind::kTable
             : imp.kind == "global" ? ExternKind::kGlobal
                                    : ExternKind::kFunc;
    i.type_index = 0;  // no type section: any signature item matches by name only
    return detail::classify_import(m, i, all_);
  }

  std::vector<ExplainCause> causes(const Explanation& e) const {
    std::vector<ExplainCause> out;
    const std::string who = e.runtimes.empty() ? "the runtime" : e.runtimes.front().name;
    if (e.kind == "feature-disabled") {
      feature_causes(e, out);
    } else if (e.kind == "not-a-core-module") {
      std::vector<std::string> hosts;
      for (const auto& p : k_.runtimes) {
        const auto it = p.features.find("components");
        if (it == p.features.end()) continue;
        if (std::any_of(it->second.begin(), it->second.end(), [](const FeatureSupport& f) { return f.supported; }) &&
            p.component_model && !p.component_model->interfaces.empty()) {
          hosts.push_back(p.id);
        }
      }
      out.push_back({"a component (a WASI 0.2 / preview-2 binary) was given to a host that loads only core modules",
                     "run it on a component host (" + join(hosts) + "), or build a preview-1 core module (wasm32-wasip1, GOOS=wasip1) for this runtime",
                     "high"});
    } else if (e.kind == "not-a-component") {
      out.push_back({"a core module was given to a host that runs only components",
                     "make it a component first (jco new FILE --wasi-command, or wasm-tools component new FILE --adapt wasi_snapshot_preview1.command.wasm), or run the core module on a preview-1 runtime",
                     "high"});
    } else if (e.kind == "no-run-export") {
      out.push_back({"the component exports no wasi:cli/run: it is a library component, not a command",
                     "call its exports from an embedder or from JavaScript (jco transpile), or build it as a command (a world that exports wasi:cli/run)",
                     "high"});
    } else if (e.kind == "component-import") {
      out.push_back({fmt::format("the component imports {} `{}`, which {} does not link",
                                 e.import && !e.import->kind.empty() ? e.import->kind : "an interface",
                                 e.import ? e.import->name : "?", who),
                     "define it in the embedder (a component Linker, jco transpile --map), compose the component with one that exports it, or rebuild against the interfaces the host provides",
                     "high"});
    } else if (e.import) {
      import_causes(e, who, out);
    }
    return out;
  }

  void feature_causes(const Explanation& e, std::vector<ExplainCause>& out) const {
    for (const auto& r : e.runtimes) {
      const RuntimeProfile* p = k_.find_runtime(r.id);
      if (p == nullptr) continue;
      const auto it = p->features.find(e.feature);
      if (it == p->features.end()) continue;
      std::vector<std::string> with_grant;
      std::vector<std::string> on;
      for (const auto& f : it->second) {
        if (!f.supported) continue;
        (f.grant.empty() ? on : with_grant).push_back(f.grant.empty() ? range_text(f.versions)
                                                                      : range_text(f.versions) + " with " + f.grant);
      }
      if (!with_grant.empty()) {
        out.push_back({fmt::format("{} has {} but not on by default", p->name, e.feature),
                       fmt::format("turn it on: {} {}", p->name, join(with_grant)), "high"});
      }
      if (!on.empty()) {
        out.push_back({fmt::format("this {} is too old for {}", p->name, e.feature),
                       fmt::format("use {} {}", p->name, join(on)), with_grant.empty() ? "high" : "medium"});
      }
      if (with_grant.empty() && on.empty()) {
        out.push_back({fmt::format("{} does not support {} at any recorded version", p->name, e.feature),
                       fmt::format("run it on a runtime that does (wasm-audit runtimes), or build without {}", e.feature),
                       "high"});
      }
    }
    out.push_back({fmt::format("the module uses {} without needing to (a compiler flag or a dependency turned it on)", e.feature),
                   fmt::format("build without {} (wasm-audit inspect shows where it is first used)", e.feature), "low"});
  }

  void import_causes(const Explanation& e, const std::string& who, std::vector<ExplainCause>& out) const {
    const ExplainImport& imp = *e.import;
    const std::string label = imp.name.empty() ? "module \"" + imp.module + "\"" : imp.module + "::" + imp.name;
    const Interface* iface = classify(imp);
    if (e.kind == "signature-mismatch") {
      out.push_back({fmt::format("{} is declared with another type than {} defines{}", label, who,
                                 iface != nullptr ? " (" + iface->title + ")" : ""),
                     "declare the import with the interface's signature (check FILE shows the expected one); with Go, match the //go:wasmimport parameter types",
                     "high"});
      return;
    }
    if (iface == nullptr) {
      const bool standard_module = std::any_of(k_.interfaces.begin(), k_.interfaces.end(), [&](const Interface& i) {
        return i.cls == InterfaceClass::kStandard && i.module == imp.module;
      });
      if (standard_module) {
        out.push_back({fmt::format("{} is not a function of {} in any standard or known extension", imp.name, imp.module),
                       "check the name (a typo, or a function of a newer or older WASI snapshot), or rebuild against the standard headers",
                       "high"});
      } else {
        out.push_back({fmt::format("{} is an import only a custom embedder provides (module \"{}\" is no runtime's)",
                                   imp.name.empty() ? "it" : label, imp.module),
                       "run it in the embedder that defines it (a wazero host module, a wasmtime Linker, the Node import object; audit with --host), or remove the declaration (//go:wasmimport, an extern with import_module) for a standalone build",
                       "high"});
      }
      return;
    }
    const std::string fix = iface->fix;
    switch (iface->cls) {
      case InterfaceClass::kBrowser:
        out.push_back({fmt::format("built for a browser or JS host: {} is {}{}", label, iface->title,
                                   iface->served_by.empty() ? "" : ", served by " + iface->served_by),
                       fix, "high"});
        if (std::any_of(e.runtimes.begin(), e.runtimes.end(), [](const ExplainRuntime& r) { return r.id == "node" || r.id == "browser"; })) {
          out.push_back({"the JS glue that loaded it comes from another release of the toolchain than the one that built the module (its import object lacks this name)",
                         "load the glue of the exact release that built it (Go: $(go env GOROOT)/lib/wasm/wasm_exec.js, misc/wasm before Go 1.24; TinyGo: its own targets/wasm_exec.js)",
                         "medium", "needs-import"});
        }
        break;
      case InterfaceClass::kExtension: {
        const auto providers = providers_of(k_, *iface);
        out.push_back({fmt::format("{} is from {}, a runtime's own extension{}", label, iface->title,
                                   providers.empty() ? "" : "; provided by " + join(providers)),
                       fix, "high"});
        break;
      }
      case InterfaceClass::kStandard: {
        const auto providers = providers_of(k_, *iface);
        bool here = false;
        for (const auto& r : e.runtimes) {
          here = here || std::any_of(providers.begin(), providers.end(), [&](const std::string& p) { return p.rfind(r.id, 0) == 0; });
        }
        if (here) {
          const RuntimeProfile* p = k_.find_runtime(e.runtimes.front().id);
          out.push_back({fmt::format("every {} release the knowledge base covers ({}) provides {}: the message comes from an "
                                     "older release, or from an embedder that links only part of {}",
                                     who, p != nullptr ? p->covered_versions() : "?", label, iface->title),
                         fmt::format("upgrade {} (wasm-audit check FILE --runtime {}@VERSION tells which releases run it), or link "
                                     "all of {} in the embedder",
                                     who, e.runtimes.front().id, iface->title),
                         "high", "runtime-runs"});
        } else {
          out.push_back({fmt::format("{} does not implement {} ({})", who, label, iface->title),
                         providers.empty() ? fix : "run it on a runtime that provides it: " + join(providers), "high"});
        }
        break;
      }
      case InterfaceClass::kEmbedder:
        out.push_back({fmt::format("{} belongs to {}: a plug-in or addon ABI{}", label, iface->title,
                                   iface->served_by.empty() ? "" : ", served by " + iface->served_by),
                       fix, "high"});
        break;
      case InterfaceClass::kComponent:
        out.push_back({fmt::format("a core module importing preview-2 names ({}): no core-module host serves them", label), fix, "high"});
        break;
      case InterfaceClass::kDynamicLinking:
        out.push_back({fmt::format("a dynamic library (dylink.0) loaded on its own: {} comes from its main module", label), fix, "high"});
        break;
    }
  }

  /// The templates that share the most words with the text (for "not recognised").
  std::vector<std::string> closest(std::string_view text) const {
    auto words = [](std::string_view s) {
      std::vector<std::string> out;
      std::string w;
      for (char c : s) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
          w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!w.empty()) {
          if (w.size() > 2) out.push_back(w);
          w.clear();
        }
      }
      if (w.size() > 2) out.push_back(w);
      std::sort(out.begin(), out.end());
      out.erase(std::unique(out.begin(), out.end()), out.end());
      return out;
    };
    const auto given = words(text);
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const auto& t : templates_) {
      const auto tw = words(t.line);
      std::size_t common = 0;
      for (const auto& w : tw) common += std::binary_search(given.begin(), given.end(), w) ? 1 : 0;
      if (common == 0) continue;
      std::string label = (t.toolchain != nullptr ? t.toolchain->toolchain : t.runtime->id) + ": " + t.line;
      if (std::none_of(scored.begin(), scored.end(), [&](const auto& s) { return s.second == label; })) {
        scored.emplace_back(common, std::move(label));
      }
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < scored.size() && i < 3; ++i) out.push_back(scored[i].second);
    return out;
  }

  const Knowledge& k_;
  std::vector<Template> templates_;
  std::vector<const Interface*> all_;
};

}  // namespace

ExplainResult explain_errors(std::string_view text, const Knowledge& knowledge) {
  return Explainer(knowledge).run(text);
}

void confirm_with_module(ExplainResult& result, const std::string& path, const Module& module,
                         const Detection* detection, const CheckResult& check) {
  for (auto& e : result.explanations) {
    ExplainModule m;
    m.path = path;
    if (detection != nullptr && !detection->toolchains.empty()) {
      const auto& t = detection->toolchains.front();
      m.toolchain = t.name + (t.version.empty() ? "" : " " + t.version);
    }
    m.verdict = std::string(to_string(check.verdict.verdict));
    for (const auto& r : check.runtimes) {
      if (r.instantiates && r.missing.empty()) m.runs_on.push_back(r.key);
    }
    if (e.import && module.kind == BinaryKind::kModule) {
      const auto it = std::find_if(module.imports.begin(), module.imports.end(), [&](const Import& i) {
        return i.module == e.import->module && (e.import->name.empty() || i.name == e.import->name);
      });
      m.imports_it = it != module.imports.end();
      if (it != module.imports.end()) m.import_type = describe(module, *it);
      const std::string label = e.import->module + (e.import->name.empty() ? "" : "::" + e.import->name);
      m.confirms.push_back(*m.imports_it
                               ? fmt::format("it imports {} ({})", label, m.import_type)
                               : fmt::format("it does not import {}: the error comes from another build or another module", label));
    } else if (e.import && module.kind == BinaryKind::kComponent) {
      m.imports_it = std::any_of(module.component_imports.begin(), module.component_imports.end(),
                                 [&](const ComponentExtern& c) { return c.name == e.import->name; });
    }
    if (!m.toolchain.empty()) m.confirms.push_back("built by " + m.toolchain);
    for (const auto& rt : e.runtimes) {
      const auto r = std::find_if(check.runtimes.begin(), check.runtimes.end(),
                                  [&](const RuntimeResult& x) { return x.id == rt.id; });
      if (r == check.runtimes.end()) continue;
      const bool fails = !r->instantiates || !r->missing.empty();
      m.predicted_failure = fails;
      m.predicted = error_summary(*r);
      m.confirms.push_back(fails ? fmt::format("check predicts that {} {} fails too: {}", r->name, r->version,
                                               m.predicted.empty() ? "it lacks imports it links lazily" : m.predicted)
                                 : fmt::format("check predicts that {} {} runs it: the error comes from another version "
                                               "or setup of {} (an older release, missing flags, an embedder)",
                                               r->name, r->version, r->name));
      break;
    }
    m.confirms.push_back(m.runs_on.empty() ? "check finds no selected runtime that runs it (verdict " + m.verdict + ")"
                                           : "it runs on " + join(m.runs_on, 10) + " (verdict " + m.verdict + ")");
    // Each cause against what the module shows; the confirmed ones first, the ruled-out ones last.
    for (auto& c : e.causes) {
      if (c.evidence == "imports") {
        c.confirmed = m.imports_it;
      } else if (c.evidence == "needs-import") {  // possible only if it imports it; importing it proves nothing
        if (m.imports_it == false) c.confirmed = false;
      } else if (c.evidence == "runtime-runs") {
        // The module imports it and check says this runtime runs it: another release or setup printed it.
        if (m.imports_it == false) c.confirmed = false;
        else if (m.predicted_failure) c.confirmed = !*m.predicted_failure;
      } else if (c.evidence == "uses-feature") {
        c.confirmed = std::any_of(module.features.begin(), module.features.end(), [&](const FeatureUse& u) {
          return e.feature.find(std::string(to_string(u.proposal))) != std::string::npos;
        });
      } else if (c.evidence == "no-start") {
        c.confirmed = module.kind == BinaryKind::kModule && module.find_export("_start") == nullptr;
      } else if (c.evidence == "component") {
        c.confirmed = module.kind == BinaryKind::kComponent;
      } else if (c.evidence == "core") {
        c.confirmed = module.kind == BinaryKind::kModule;
      } else if (c.evidence.starts_with("toolchain:") && detection != nullptr) {
        const std::string id = c.evidence.substr(10);
        c.confirmed = std::any_of(detection->toolchains.begin(), detection->toolchains.end(),
                                  [&](const auto& t) { return t.id == id; });
      }
    }
    const auto rank = [](const ExplainCause& c) { return !c.confirmed ? 1 : *c.confirmed ? 0 : 2; };
    std::stable_sort(e.causes.begin(), e.causes.end(),
                     [&](const ExplainCause& a, const ExplainCause& b) { return rank(a) < rank(b); });
    e.module = std::move(m);
  }
}

}  // namespace wasmaudit
