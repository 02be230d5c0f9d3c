// SPDX-License-Identifier: Apache-2.0
// JSON documents -> Knowledge. Syntax errors carry nlohmann's byte position; every semantic error
// carries a JSON Pointer to the offending value (docs/policy-format.md).
#include "wasmaudit/policy/loader.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "wasmaudit/error.hpp"
#include "wasmaudit/model/features.hpp"

namespace wasmaudit {
namespace {

using Json = nlohmann::json;

/// A JSON value with its pointer, and typed accessors that throw PolicyError naming both.
class Node {
 public:
  Node(const Json& value, std::string pointer, const std::string& source)
      : v_(value), ptr_(std::move(pointer)), source_(source) {}

  [[noreturn]] void fail(const std::string& message) const {
    throw PolicyError(source_, ptr_.empty() ? "/" : ptr_, message);
  }
  const std::string& pointer() const { return ptr_; }
  const Json& json() const { return v_; }

  Node at(const std::string& key) const {
    return Node(v_.at(key), ptr_ + "/" + escape(key), source_);
  }
  Node at(std::size_t i) const { return Node(v_.at(i), ptr_ + "/" + std::to_string(i), source_); }
  bool has(const std::string& key) const { return v_.is_object() && v_.contains(key); }

  void expect_object() const {
    if (!v_.is_object()) fail(fmt::format("expected an object, found {}", v_.type_name()));
  }
  void expect_array() const {
    if (!v_.is_array()) fail(fmt::format("expected an array, found {}", v_.type_name()));
  }
  /// Rejects keys outside `known`: a misspelt key must not be silently ignored.
  void only_keys(std::initializer_list<std::string_view> known) const {
    for (const auto& [key, value] : v_.items()) {
      bool ok = false;
      for (auto k : known) ok = ok || k == key;
      if (!ok) at(key).fail(fmt::format("unknown key \"{}\"", key));
    }
  }
  std::string str() const {
    if (!v_.is_string()) fail(fmt::format("expected a string, found {}", v_.type_name()));
    return v_.get<std::string>();
  }
  std::string str(const std::string& key) const {  // required
    if (!has(key)) fail(fmt::format("missing required key \"{}\"", key));
    std::string s = at(key).str();
    if (s.empty()) at(key).fail("must not be empty");
    return s;
  }
  std::string str_or(const std::string& key, std::string fallback) const {
    return has(key) ? at(key).str() : std::move(fallback);
  }
  bool boolean_or(const std::string& key, bool fallback) const {
    if (!has(key)) return fallback;
    const Node n = at(key);
    if (!n.v_.is_boolean()) n.fail(fmt::format("expected true or false, found {}", n.v_.type_name()));
    return n.v_.get<bool>();
  }
  std::vector<Node> elements() const {
    expect_array();
    std::vector<Node> out;
    for (std::size_t i = 0; i < v_.size(); ++i) out.push_back(at(i));
    return out;
  }

 private:
  static std::string escape(const std::string& key) {  // RFC 6901
    std::string out;
    for (char c : key) {
      if (c == '~') out += "~0";
      else if (c == '/') out += "~1";
      else out += c;
    }
    return out;
  }
  const Json& v_;
  std::string ptr_;
  const std::string& source_;
};

Provenance read_provenance(const Node& n, bool required) {
  Provenance p;
  p.source = required ? n.str("source") : n.str_or("source", "");
  p.status = n.str_or("status", "verified");
  if (p.status != "verified" && p.status != "observed" && p.status != "documented" && p.status != "unverified") {
    n.at("status").fail("expected \"verified\", \"observed\", \"documented\" or \"unverified\"");
  }
  return p;
}

VersionRange read_versions(const Node& n) {
  VersionRange r;
  r.since = n.str_or("since", "");
  r.until = n.str_or("until", "");
  return r;
}

ExternKind read_kind(const Node& n) {
  const std::string k = n.str();
  for (ExternKind kind : {ExternKind::kFunc, ExternKind::kTable, ExternKind::kMemory,
                          ExternKind::kGlobal, ExternKind::kTag}) {
    if (to_string(kind) == k) return kind;
  }
  n.fail("expected \"func\", \"table\", \"memory\", \"global\" or \"tag\"");
}

FuncType read_sig(const Node& n) {
  auto f = parse_func_type(n.str());
  if (!f) n.fail(fmt::format("invalid signature \"{}\" (expected e.g. \"(i32, i32) -> i32\")", n.str()));
  return *f;
}

/// `fix_for`: {"go": "…", "rust": "…"}, keyed by toolchain fingerprint id.
std::map<std::string, std::string> read_fix_for(const Node& n) {
  std::map<std::string, std::string> out;
  if (!n.has("fix_for")) return out;
  const Node f = n.at("fix_for");
  f.expect_object();
  for (const auto& [toolchain, value] : f.json().items()) out[toolchain] = f.at(toolchain).str();
  return out;
}

InterfaceClass read_class(const Node& n) {
  const std::string cls = n.str();
  for (auto c : {InterfaceClass::kStandard, InterfaceClass::kExtension, InterfaceClass::kBrowser,
                 InterfaceClass::kEmbedder, InterfaceClass::kComponent, InterfaceClass::kDynamicLinking}) {
    if (to_string(c) == cls) return c;
  }
  n.fail("expected \"standard\", \"extension\", \"browser\", \"embedder\", \"component\" or \"dynamic-linking\"");
}

Interface read_interface(const Node& n) {
  n.only_keys({"kind", "id", "title", "module", "class", "rule", "served_by", "fix", "fix_for",
               "requires_custom_section", "yields_to", "items", "source", "status", "notes"});
  Interface i;
  i.id = n.str("id");
  i.title = n.str("title");
  i.module = n.str("module");
  i.cls = read_class(n.at("class"));
  i.fix_for = read_fix_for(n);
  i.requires_custom_section = n.str_or("requires_custom_section", "");
  if (n.has("yields_to")) {
    for (const Node& c : n.at("yields_to").elements()) i.yields_to.push_back(read_class(c));
  }
  i.rule = n.str_or("rule", "");
  i.served_by = n.str_or("served_by", "");
  i.fix = n.str_or("fix", "");
  i.provenance = read_provenance(n, true);
  if (!n.has("items")) n.fail("missing required key \"items\"");
  for (const Node& item : n.at("items").elements()) {
    item.expect_object();
    item.only_keys({"name", "kind", "sig", "capability", "needs_grant", "rule", "notes"});
    InterfaceItem it;
    it.name = item.str("name");
    if (item.has("kind")) it.kind = read_kind(item.at("kind"));
    if (item.has("sig")) {
      if (it.kind != ExternKind::kFunc) item.at("sig").fail("only functions have a signature");
      if (it.name.find('*') != std::string::npos) item.at("sig").fail("a name pattern cannot have a signature");
      it.sig = read_sig(item.at("sig"));
    }
    it.capability = item.str_or("capability", "");
    it.needs_grant = item.boolean_or("needs_grant", false);
    it.rule = item.str_or("rule", "");
    i.items.push_back(std::move(it));
  }
  return i;
}

std::vector<std::string> read_strings(const Node& n) {
  std::vector<std::string> out;
  for (const Node& e : n.elements()) out.push_back(e.str());
  return out;
}

/// The `modules`, `names`, `since`/`until` and provenance of a linking exception.
void read_import_scope(const Node& n, ImportScope& scope) {
  if (!n.has("modules")) n.fail("missing required key \"modules\"");
  scope.modules = read_strings(n.at("modules"));
  if (n.has("names")) scope.names = read_strings(n.at("names"));
  scope.versions = read_versions(n);
  scope.provenance = read_provenance(n, true);
}

/// `linking.host_creates[]`: {"kinds": ["memory"], "modules": ["env"], "names": ["memory"],
/// "when_imports": ["wasi_snapshot_preview1"], "note": "…", since/until, source}.
HostCreated read_host_created(const Node& n) {
  n.expect_object();
  n.only_keys({"kinds", "modules", "names", "when_imports", "note", "since", "until", "source", "status", "notes"});
  HostCreated h;
  if (!n.has("kinds")) n.fail("missing required key \"kinds\"");
  for (const Node& k : n.at("kinds").elements()) {
    const ExternKind kind = read_kind(k);
    if (kind == ExternKind::kFunc || kind == ExternKind::kTag) k.fail("expected \"memory\", \"table\" or \"global\"");
    h.kinds.push_back(kind);
  }
  read_import_scope(n, h);
  if (n.has("when_imports")) h.when_imports = read_strings(n.at("when_imports"));
  h.note = n.str_or("note", "creates the imported {kind} {module}::{name} itself");
  return h;
}

/// `linking.unchecked_types[]`: {"modules": ["wasi_snapshot_preview1"], "names": ["*"], "note": "…",
/// since/until, source}.
UncheckedTypes read_unchecked_types(const Node& n) {
  n.expect_object();
  n.only_keys({"modules", "names", "note", "since", "until", "source", "status", "notes"});
  UncheckedTypes u;
  read_import_scope(n, u);
  u.note = n.str_or("note", "links {module}::{name} without checking its type ({actual}, not {expected})");
  return u;
}

LinkBehaviour read_link(const Node& n) {
  const std::string s = n.str();
  if (s == "fail") return LinkBehaviour::kFail;
  if (s == "trap-on-call") return LinkBehaviour::kTrapOnCall;
  if (s == "accept") return LinkBehaviour::kAccept;
  n.fail("expected \"fail\", \"trap-on-call\" or \"accept\"");
}

/// `{"each": "--dir {host}::{guest}", "join": " ", "since": "…", "until": "…"}`, or just the
/// `each` string.
GrantTemplate read_grant_template(const Node& n) {
  GrantTemplate g;
  if (n.json().is_string()) {
    g.each = n.str();
    return g;
  }
  n.expect_object();
  n.only_keys({"each", "join", "since", "until", "notes"});
  g.each = n.str_or("each", "");
  g.join = n.str_or("join", " ");
  g.versions = read_versions(n);
  return g;
}

/// A recipe's lines: strings, or `{"text": "…", "when": "reactor"}`.
RunLine read_run_line(const Node& n) {
  if (n.json().is_string()) return {n.str(), ""};
  n.expect_object();
  n.only_keys({"text", "when"});
  RunLine line;
  line.text = n.str_or("text", "");
  line.when = n.str("when");
  return line;
}

void read_recipe_grants(const Node& n, RunRecipe& recipe) {
  if (!n.has("grants")) return;
  const Node g = n.at("grants");
  g.expect_object();
  for (const auto& [capability, value] : g.json().items()) {
    recipe.grants[capability] = read_grant_template(g.at(capability));
  }
}

/// `"cli": {"command": "…", "reactor": "…", "grants": {…}}`: a command line for commands and one
/// for reactors (either may be absent).
RunRecipe read_run_cli(const Node& n) {
  n.expect_object();
  n.only_keys({"command", "reactor", "grants", "notes"});
  RunRecipe r;
  r.language = "sh";
  if (n.has("command")) r.lines.push_back({n.at("command").str(), "command"});
  if (n.has("reactor")) r.lines.push_back({n.at("reactor").str(), "reactor"});
  if (r.lines.empty()) n.fail("expected \"command\" or \"reactor\"");
  read_recipe_grants(n, r);
  return r;
}

RunRecipe read_run_embed(const Node& n) {
  n.expect_object();
  n.only_keys({"title", "language", "lines", "grants", "notes"});
  RunRecipe r;
  r.title = n.str("title");
  r.language = n.str("language");
  if (r.language != "js" && r.language != "go" && r.language != "sh") {
    n.at("language").fail("expected \"js\", \"go\" or \"sh\"");
  }
  if (!n.has("lines")) n.fail("missing required key \"lines\"");
  for (const Node& line : n.at("lines").elements()) r.lines.push_back(read_run_line(line));
  read_recipe_grants(n, r);
  return r;
}

RunProfile read_run(const Node& n) {
  n.expect_object();
  n.only_keys({"cli", "embed", "notes", "source", "status"});
  RunProfile r;
  if (n.has("cli")) r.cli = read_run_cli(n.at("cli"));
  if (n.has("embed")) r.embed = read_run_embed(n.at("embed"));
  if (n.has("notes")) {
    const Node notes = n.at("notes");
    notes.expect_object();
    for (const auto& [key, value] : notes.json().items()) r.notes[key] = notes.at(key).str();
  }
  r.provenance = read_provenance(n, true);
  return r;
}

/// An object, or an array of objects (one per version range): `each` reads one.
template <class Each>
void one_or_many(const Node& n, Each each) {
  if (n.json().is_array()) {
    for (const Node& e : n.elements()) each(e);
  } else {
    each(n);
  }
}

FeatureSupport read_feature(const Node& f) {
  f.expect_object();
  f.only_keys({"supported", "since", "until", "grant", "error", "error_in_code", "source", "status", "notes"});
  FeatureSupport s;
  s.supported = f.boolean_or("supported", true);
  s.versions = read_versions(f);
  s.grant = f.str_or("grant", "");
  s.error = f.str_or("error", "");
  s.error_in_code = f.str_or("error_in_code", "");
  s.notes = f.str_or("notes", "");
  s.provenance = read_provenance(f, true);
  return s;
}

/// One entry of `errors.explain_only`: a text only explain recognises, with its kind.
ExplainOnlyError read_explain_only(const Node& v) {
  v.expect_object();
  v.only_keys({"text", "kind", "feature", "cause", "fix", "confidence", "since", "until", "source", "status", "notes"});
  ExplainOnlyError x;
  x.text = v.str("text");
  x.kind = v.str("kind");
  static const std::set<std::string> kinds = {"unknown-import", "signature-mismatch", "missing-memory",
                                              "missing-table", "missing-global", "trap-on-call",
                                              "feature-disabled", "not-a-core-module", "not-a-component",
                                              "component-import", "no-run-export", "invalid-module"};
  if (kinds.count(x.kind) == 0) v.at("kind").fail("\"" + x.kind + "\" is not a kind explain reports");
  x.feature = v.str_or("feature", "");
  if ((x.kind == "feature-disabled") != !x.feature.empty()) {
    v.fail("\"feature\" is required with kind feature-disabled, and only with it");
  }
  x.cause = v.str_or("cause", "");
  x.fix = v.str_or("fix", "");
  if (x.cause.empty() != x.fix.empty()) v.fail("\"cause\" and \"fix\" go together");
  x.confidence = v.str_or("confidence", "high");
  if (x.confidence != "high" && x.confidence != "medium" && x.confidence != "low") {
    v.at("confidence").fail("expected \"high\", \"medium\" or \"low\"");
  }
  x.versions = read_versions(v);
  x.provenance = read_provenance(v, true);
  return x;
}

/// `releases`: dotted versions, oldest first, the profile's `version` among them.
std::vector<std::string> read_releases(const Node& n, const std::string& newest) {
  std::vector<std::string> out;
  for (const Node& e : n.elements()) {
    const std::string v = e.str();
    if (v.empty() || v.find_first_not_of("0123456789.") != std::string::npos || v.front() == '.' || v.back() == '.') {
      e.fail(fmt::format("\"{}\" is not a dotted version", v));
    }
    if (!out.empty() && compare_versions(out.back(), v) >= 0) e.fail("releases must be listed oldest first, once each");
    out.push_back(v);
  }
  if (out.empty()) n.fail("must list at least one release");
  if (std::find(out.begin(), out.end(), newest) == out.end()) {
    n.fail(fmt::format("the profile's version \"{}\" must be one of its releases", newest));
  }
  return out;
}

/// `component_model`: {"wasi": [...], "matching": [...], "interfaces": [...], "worlds": [...],
/// "library_command", "library_note", "source", "status"} (docs/policy-format.md).
ComponentModel read_component_model(const Node& n) {
  n.expect_object();
  n.only_keys({"wasi", "matching", "interfaces", "worlds", "library_command", "library_note", "source", "status",
               "notes"});
  ComponentModel c;
  c.provenance = read_provenance(n, true);
  for (const Node& e : n.at("wasi").elements()) {
    e.expect_object();
    e.only_keys({"version", "since", "until", "source", "status", "notes"});
    c.wasi.push_back({e.str("version"), read_versions(e), read_provenance(e, true)});
  }
  for (const Node& e : n.at("matching").elements()) {
    e.expect_object();
    e.only_keys({"match", "since", "until", "source", "status", "notes"});
    const std::string match = e.str("match");
    if (match != "exact" && match != "semver" && match != "any") {
      e.at("match").fail("expected \"exact\", \"semver\" or \"any\"");
    }
    c.matching.push_back({match, read_versions(e), read_provenance(e, true)});
  }
  for (const Node& e : n.at("interfaces").elements()) {
    e.expect_object();
    e.only_keys({"names", "version", "grant", "note", "since", "until", "source", "status", "notes"});
    ComponentInterfaces i;
    i.names = read_strings(e.at("names"));
    i.version = e.str_or("version", "");
    i.grant = e.str_or("grant", "");
    i.note = e.str_or("note", "");
    i.versions = read_versions(e);
    i.provenance = read_provenance(e, true);
    c.interfaces.push_back(std::move(i));
  }
  if (n.has("worlds")) {
    for (const Node& e : n.at("worlds").elements()) {
      e.expect_object();
      e.only_keys({"export", "command", "note", "since", "until", "source", "status", "notes"});
      c.worlds.push_back({e.str("export"), e.str("command"), e.str_or("note", ""), read_versions(e),
                          read_provenance(e, true)});
    }
  }
  c.library_command = n.str_or("library_command", "");
  c.library_note = n.str_or("library_note", "");
  return c;
}

RuntimeProfile read_runtime(const Node& n, const Knowledge& k) {
  n.only_keys({"kind", "id", "name", "version", "releases", "host", "wasi_host", "runs", "component_model",
               "engine", "provides", "linking", "errors", "signature_style", "features", "grants", "run", "notes", "source",
               "status"});
  RuntimeProfile r;
  r.id = n.str("id");
  r.name = n.str("name");
  r.version = n.str("version");
  if (n.has("releases")) r.releases = read_releases(n.at("releases"), r.version);
  r.host = n.str("host");
  r.wasi_host = n.boolean_or("wasi_host", true);
  r.provenance = read_provenance(n, true);
  if (n.has("runs")) {
    const std::vector<std::string> runs = read_strings(n.at("runs"));
    for (const std::string& what : runs) {
      if (what != "module" && what != "component") n.at("runs").fail("expected \"module\" and/or \"component\"");
    }
    r.runs_modules = std::find(runs.begin(), runs.end(), "module") != runs.end();
  }
  if (n.has("component_model")) r.component_model = read_component_model(n.at("component_model"));
  if (n.has("provides")) {
    for (const Node& p : n.at("provides").elements()) {
      p.expect_object();
      p.only_keys({"interface", "since", "until", "grant", "source", "status", "notes"});
      Provision pr;
      pr.interface_id = p.str("interface");
      if (k.find_interface(pr.interface_id) == nullptr) {
        p.at("interface").fail(fmt::format("unknown interface \"{}\" (interfaces must be loaded first)",
                                           pr.interface_id));
      }
      pr.versions = read_versions(p);
      pr.grant = p.str_or("grant", "");
      pr.provenance = read_provenance(p, true);
      r.provides.push_back(std::move(pr));
    }
  }
  if (n.has("linking")) {
    const Node l = n.at("linking");
    l.expect_object();
    l.only_keys({"missing_function", "signature_mismatch", "host_creates", "unchecked_types", "source", "status",
                 "notes"});
    if (l.has("missing_function")) r.missing_function = read_link(l.at("missing_function"));
    if (l.has("signature_mismatch")) r.signature_mismatch = read_link(l.at("signature_mismatch"));
    if (l.has("host_creates")) {
      for (const Node& h : l.at("host_creates").elements()) r.host_creates.push_back(read_host_created(h));
    }
    if (l.has("unchecked_types")) {
      for (const Node& u : l.at("unchecked_types").elements()) r.unchecked_types.push_back(read_unchecked_types(u));
    }
  }
  if (n.has("errors")) {
    const Node e = n.at("errors");
    e.expect_object();
    e.only_keys({"missing_function", "missing_module", "missing_memory", "missing_table", "missing_global",
                 "missing_other", "signature_mismatch", "trap_on_call", "component_missing_import", "not_a_component",
                 "component_no_world", "wasi_memory_export", "explain_only", "cli_prefixes", "source", "status",
                 "notes"});
    const Provenance shared = read_provenance(e, false);
    if (e.has("cli_prefixes")) {
      for (const Node& p : e.at("cli_prefixes").elements()) {
        if (p.str().empty()) p.fail("expected a non-empty prefix");
        r.cli_prefixes.push_back(p.str());
      }
    }
    if (e.has("explain_only")) {
      for (const Node& v : e.at("explain_only").elements()) r.explain_only.push_back(read_explain_only(v));
    }
    for (const auto& [key, value] : e.json().items()) {
      if (key == "source" || key == "status" || key == "notes" || key == "explain_only" || key == "cli_prefixes") continue;
      const Node t = e.at(key);
      if (t.json().is_string()) {  // one text for every version, sourced by the object's (or the profile's) `source`
        r.errors[key].push_back({t.str(), {}, shared.source.empty() ? r.provenance : shared, {}});
        continue;
      }
      for (const Node& v : t.elements()) {
        v.expect_object();
        v.only_keys({"text", "modules", "since", "until", "source", "status", "notes"});
        ErrorTemplate entry{v.str("text"), read_versions(v), read_provenance(v, true), {}};
        if (v.has("modules")) {
          for (const Node& m : v.at("modules").elements()) {
            if (m.str().empty()) m.fail("expected a module name or glob");
            entry.modules.push_back(m.str());
          }
          if (entry.modules.empty()) v.at("modules").fail("expected at least one module");
        }
        r.errors[key].push_back(std::move(entry));
      }
    }
  }
  r.signature_style = n.str_or("signature_style", "wat");
  if (r.signature_style != "wat" && r.signature_style != "wazero") {
    n.at("signature_style").fail("expected \"wat\" or \"wazero\"");
  }
  if (n.has("features")) {
    const Node fs = n.at("features");
    fs.expect_object();
    for (const auto& [key, value] : fs.json().items()) {
      const Node f = fs.at(key);
      if (key != "components" && !parse_proposal(key)) {
        f.fail(fmt::format("unknown proposal \"{}\" (the names are in docs/features.md, and \"components\")", key));
      }
      auto& entries = r.features[key];  // named: clang 14 cannot capture a structured binding
      one_or_many(f, [&entries](const Node& e) { entries.push_back(read_feature(e)); });
    }
  }
  if (n.has("engine")) {  // a host that runs core code in another profile's engine (jco in Node)
    const std::string id = n.str("engine");
    const RuntimeProfile* engine = k.find_runtime(id);
    if (engine == nullptr) {
      n.at("engine").fail(fmt::format("unknown runtime \"{}\" (the engine's profile must be loaded first)", id));
    }
    for (const auto& [proposal, entries] : engine->features) {
      if (r.features.count(proposal) != 0) continue;  // its own entries win
      for (const FeatureSupport& f : entries) {
        if (!f.versions.contains(engine->version)) continue;
        FeatureSupport copy = f;
        copy.versions = {};
        copy.notes = fmt::format("as {} {}{}{}", engine->name, engine->version, f.notes.empty() ? "" : ": ", f.notes);
        r.features[proposal].push_back(std::move(copy));
      }
    }
  }
  if (n.has("grants")) {
    const Node g = n.at("grants");
    g.expect_object();
    for (const auto& [capability, value] : g.json().items()) {
      r.grants[capability] = g.at(capability).str();
    }
  }
  if (n.has("run")) r.run = read_run(n.at("run"));
  if (n.has("notes")) {
    for (const Node& note : n.at("notes").elements()) r.notes.push_back(note.str());
  }
  return r;
}

Rule read_rule(const Node& n) {
  n.expect_object();
  n.only_keys({"id", "severity", "title", "description", "fix", "fix_for", "tags", "pitfalls", "profile",
               "source", "status"});
  Rule r;
  r.id = n.str("id");
  const auto sev = parse_severity(n.str("severity"));
  if (!sev) n.at("severity").fail("expected \"error\", \"warning\" or \"note\"");
  r.severity = *sev;
  r.title = n.str("title");
  r.description = n.str_or("description", "");
  r.fix = n.str_or("fix", "");
  r.fix_for = read_fix_for(n);
  if (n.has("tags")) {
    for (const Node& t : n.at("tags").elements()) r.tags.push_back(t.str());
  }
  if (n.has("pitfalls")) {
    for (const Node& p : n.at("pitfalls").elements()) {
      if (!p.json().is_number_integer()) p.fail("expected a pitfall number");
      r.pitfalls.push_back(p.json().get<int>());
    }
  }
  r.profile = n.str_or("profile", "");
  r.provenance = read_provenance(n, true);
  return r;
}

CapabilityInfo read_capability(const Node& n) {
  n.expect_object();
  n.only_keys({"id", "title", "without_grant", "source", "status", "notes"});
  CapabilityInfo c;
  c.id = n.str("id");
  c.title = n.str("title");
  c.without_grant = n.str_or("without_grant", "");
  c.provenance = read_provenance(n, true);
  return c;
}

LibraryPaths read_library_paths(const Node& n) {
  n.only_keys({"kind", "id", "title", "groups", "source", "status", "notes"});
  LibraryPaths l;
  l.id = n.str("id");
  l.title = n.str("title");
  l.provenance = read_provenance(n, true);
  if (!n.has("groups")) n.fail("missing required key \"groups\"");
  for (const Node& g : n.at("groups").elements()) {
    g.expect_object();
    g.only_keys({"library", "paths", "prefixes", "contains", "min_present", "files", "source", "status", "notes"});
    LibraryPathGroup group;
    group.library = g.str("library");
    if (g.has("paths")) group.paths = read_strings(g.at("paths"));
    if (g.has("prefixes")) group.prefixes = read_strings(g.at("prefixes"));
    if (g.has("contains")) group.contains = read_strings(g.at("contains"));
    for (const auto& p : group.paths) {
      if (p.empty() || p.front() != '/') g.at("paths").fail(fmt::format("\"{}\" is not an absolute path", p));
    }
    if (group.paths.empty() && group.prefixes.empty() && group.contains.empty()) {
      g.fail("expected \"paths\", \"prefixes\" or \"contains\"");
    }
    if (g.has("min_present")) {
      const Node m = g.at("min_present");
      if (!m.json().is_number_unsigned() || m.json().get<std::size_t>() == 0) m.fail("expected a positive integer");
      group.min_present = m.json().get<std::size_t>();
    }
    group.files = g.boolean_or("files", true);
    if (group.files && !group.contains.empty()) g.at("contains").fail("only a group of non-files (\"files\": false) takes \"contains\"");
    group.provenance = read_provenance(g, true);
    l.groups.push_back(std::move(group));
  }
  return l;
}

AuditProfile read_profile(const Node& n) {
  n.only_keys({"kind", "id", "title", "host_io_names", "source", "status", "notes"});
  AuditProfile p;
  p.id = n.str("id");
  p.title = n.str("title");
  if (n.has("host_io_names")) p.host_io_names = read_strings(n.at("host_io_names"));
  p.provenance = read_provenance(n, true);
  return p;
}

std::vector<ImportPattern> read_patterns(const Node& n) {
  std::vector<ImportPattern> out;
  for (const Node& p : n.elements()) {
    p.expect_object();
    p.only_keys({"module", "name", "reason"});
    ImportPattern ip;
    ip.module = p.str_or("module", "*");
    ip.name = p.str_or("name", "*");
    ip.reason = p.str_or("reason", "");
    out.push_back(std::move(ip));
  }
  return out;
}

/// `{"kind": "toolchain", "id": …, "name": …, "evidence": [...], "calls": [...]}`
/// (docs/policy-format.md, "toolchain"). Each evidence entry has exactly one of `producer`,
/// `custom_section`, `import`, `imports`, `export` or `function`, and a confidence.
ToolchainFingerprint read_toolchain(const Node& n) {
  n.only_keys({"kind", "id", "name", "evidence", "supersedes", "build_info", "role", "calls", "errors", "source",
               "status", "notes"});
  ToolchainFingerprint t;
  t.id = n.str("id");
  t.name = n.str("name");
  const Provenance p = read_provenance(n, true);
  t.source = p.source;
  t.status = p.status;
  if (!n.has("evidence")) n.fail("missing required key \"evidence\"");
  for (const Node& e : n.at("evidence").elements()) {
    e.expect_object();
    e.only_keys({"producer", "custom_section", "import", "imports", "export", "function", "data",
                 "confidence", "source", "status", "notes"});
    EvidencePattern pat;
    int kinds = 0;
    if (e.has("producer")) {
      ++kinds;
      const Node v = e.at("producer");
      v.expect_object();
      v.only_keys({"field", "name", "version", "gives_version"});
      pat.kind = EvidenceKind::kProducer;
      pat.field = v.str("field");
      pat.name = v.str("name");
      pat.version = v.str_or("version", "");
      pat.gives_version = v.boolean_or("gives_version", false);
    }
    if (e.has("custom_section")) {
      ++kinds;
      pat.kind = EvidenceKind::kCustomSection;
      pat.name = e.str("custom_section");
    }
    if (e.has("import")) {
      ++kinds;
      const Node v = e.at("import");
      v.expect_object();
      v.only_keys({"module", "name", "sig"});
      pat.kind = EvidenceKind::kImport;
      pat.module = v.str("module");
      pat.name = v.str_or("name", "*");
      if (v.has("sig")) pat.sig = read_sig(v.at("sig"));
    }
    if (e.has("imports")) {
      ++kinds;
      const Node v = e.at("imports");
      v.expect_object();
      v.only_keys({"module", "names", "first"});
      pat.kind = EvidenceKind::kImportSet;
      pat.module = v.str("module");
      pat.first = v.boolean_or("first", false);
      if (!v.has("names")) v.fail("missing required key \"names\"");
      for (const Node& name : v.at("names").elements()) pat.names.push_back(name.str());
      if (pat.names.empty()) v.at("names").fail("must not be empty");
    }
    if (e.has("export")) {
      ++kinds;
      pat.kind = EvidenceKind::kExport;
      pat.name = e.str("export");
    }
    if (e.has("function")) {
      ++kinds;
      pat.kind = EvidenceKind::kFunction;
      pat.name = e.str("function");
    }
    if (e.has("data")) {
      ++kinds;
      pat.kind = EvidenceKind::kData;
      pat.name = e.str("data");
      if (pat.name.empty()) e.at("data").fail("must not be empty");
    }
    if (kinds != 1) {
      e.fail("expected exactly one of \"producer\", \"custom_section\", \"import\", \"imports\", "
             "\"export\", \"function\" or \"data\"");
    }
    const auto c = parse_confidence(e.str("confidence"));
    if (!c) e.at("confidence").fail("expected \"high\", \"medium\" or \"low\"");
    pat.confidence = *c;
    // Empty source and status mean the document's (not copied: nothing reads them per pattern).
    const Provenance ep = read_provenance(e, false);
    pat.source = ep.source;
    pat.status = e.has("status") ? ep.status : "";
    t.evidence.push_back(std::move(pat));
  }
  if (t.evidence.empty()) n.at("evidence").fail("a toolchain needs at least one evidence pattern");
  if (n.has("supersedes")) {
    for (const Node& id : n.at("supersedes").elements()) t.supersedes.push_back(id.str());
  }
  t.role = n.str_or("role", "");
  if (!t.role.empty() && t.role != "component-part") n.at("role").fail("expected \"component-part\"");
  if (n.has("build_info")) {
    const std::string b = n.at("build_info").str();
    if (b != "go") n.at("build_info").fail("expected \"go\"");
    t.build_info = BuildInfoFormat::kGoModuleInfo;
  }
  if (n.has("calls")) {
    for (const Node& c : n.at("calls").elements()) {
      c.expect_object();
      c.only_keys({"function", "call", "rule", "source", "status", "notes"});
      CallPattern call;
      call.function = c.str("function");
      call.call = c.str("call");
      call.rule = c.str("rule");
      const Provenance cp = read_provenance(c, false);
      call.source = cp.source;
      call.status = c.has("status") ? cp.status : "";
      t.calls.push_back(std::move(call));
    }
  }
  return t;
}

template <typename T>
void upsert(std::vector<T>& items, T item) {
  for (auto& existing : items) {
    if (existing.id == item.id) {
      existing = std::move(item);
      return;
    }
  }
  items.push_back(std::move(item));
}

void read_document(const Node& n, Knowledge& k) {
  n.expect_object();
  const std::string kind = n.str("kind");
  if (kind == "interface") {
    upsert(k.interfaces, read_interface(n));
  } else if (kind == "runtime") {
    upsert(k.runtimes, read_runtime(n, k));
  } else if (kind == "rules") {
    n.only_keys({"kind", "rules", "notes"});
    for (const Node& r : n.at("rules").elements()) {
      Rule rule = read_rule(r);
      if (!rule.profile.empty() && k.find_profile(rule.profile) == nullptr) {
        r.at("profile").fail(fmt::format("unknown profile \"{}\" (profiles must be loaded first)", rule.profile));
      }
      upsert(k.rules, std::move(rule));
    }
  } else if (kind == "capabilities") {
    n.only_keys({"kind", "capabilities", "notes"});
    if (!n.has("capabilities")) n.fail("missing required key \"capabilities\"");
    for (const Node& c : n.at("capabilities").elements()) upsert(k.capabilities, read_capability(c));
  } else if (kind == "library-paths") {
    upsert(k.library_paths, read_library_paths(n));
  } else if (kind == "profile") {
    upsert(k.profiles, read_profile(n));
  } else if (kind == "toolchain") {
    upsert(k.toolchains, read_toolchain(n));
    const std::string id = n.str("id");
    k.toolchain_errors.erase(std::remove_if(k.toolchain_errors.begin(), k.toolchain_errors.end(),
                                            [&](const ToolchainError& e) { return e.toolchain == id; }),
                             k.toolchain_errors.end());
    if (n.has("errors")) {
      for (const Node& e : n.at("errors").elements()) {
        e.expect_object();
        e.only_keys({"text", "cause", "fix", "confidence", "since", "until", "source", "status", "notes"});
        ToolchainError te;
        te.toolchain = id;
        te.name = n.str("name");
        te.text = e.str("text");
        te.cause = e.str("cause");
        te.fix = e.str("fix");
        te.confidence = e.str_or("confidence", "high");
        if (te.confidence != "high" && te.confidence != "medium" && te.confidence != "low") {
          e.at("confidence").fail("expected \"high\", \"medium\" or \"low\"");
        }
        te.versions = read_versions(e);
        te.provenance = read_provenance(e, true);
        k.toolchain_errors.push_back(std::move(te));
      }
    }
  } else if (kind == "policy") {
    n.only_keys({"kind", "allow", "deny", "allowlist", "severity", "notes"});
    if (n.has("allowlist")) {
      if (!k.allowlist) k.allowlist.emplace();
      for (auto& p : read_patterns(n.at("allowlist"))) k.allowlist->push_back(std::move(p));
    }
    if (n.has("allow")) {
      for (auto& p : read_patterns(n.at("allow"))) k.allow.push_back(std::move(p));
    }
    if (n.has("deny")) {
      for (auto& p : read_patterns(n.at("deny"))) k.deny.push_back(std::move(p));
    }
    if (n.has("severity")) {
      const Node s = n.at("severity");
      s.expect_object();
      for (const auto& [rule, value] : s.json().items()) {
        const auto sev = parse_severity(s.at(rule).str());
        if (!sev) s.at(rule).fail("expected \"error\", \"warning\" or \"note\"");
        // A typo in a rule id would otherwise silently do nothing.
        if (k.find_rule(rule) == nullptr) s.at(rule).fail(fmt::format("unknown rule id \"{}\"", rule));
        k.severity_overrides[rule] = *sev;
      }
    }
  } else {
    n.at("kind").fail(fmt::format("unknown document kind \"{}\" (expected interface, runtime, rules, capabilities, library-paths, profile, toolchain or policy)", kind));
  }
}

/// Parses JSON; a syntax error becomes a PolicyError at the byte where parsing stopped.
Json parse_json(std::string_view text, const std::string& source_name) {
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    // nlohmann's message starts "[json.exception.parse_error.101] parse error at line 1, column 2: ".
    std::string what = e.what();
    if (const auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    throw PolicyError(source_name, "", "invalid JSON: " + what, e.byte > 0 ? e.byte - 1 : 0);
  }
}

}  // namespace

std::vector<Interface> load_host_manifest(std::string_view json_text, const std::string& source_name) {
  const Json doc = parse_json(json_text, source_name);
  const Node root(doc, "", source_name);
  root.expect_object();
  root.only_keys({"functions", "memories", "tables", "globals", "notes"});
  if (!root.has("functions") && !root.has("memories") && !root.has("tables") && !root.has("globals")) {
    root.fail("expected at least one of \"functions\", \"memories\", \"tables\" or \"globals\"");
  }
  std::vector<Interface> out;
  // Each declared item: functions with their signature; memories, tables and globals by name.
  std::vector<std::pair<std::string, InterfaceItem>> declared;
  if (root.has("functions")) {
    for (const Node& f : root.at("functions").elements()) {
      f.expect_object();
      f.only_keys({"module", "name", "sig", "notes"});
      InterfaceItem item;
      item.name = f.str("name");
      if (!f.has("sig")) f.fail("missing required key \"sig\"");
      item.sig = read_sig(f.at("sig"));
      declared.emplace_back(f.str("module"), std::move(item));
    }
  }
  for (const auto& [key, kind] : {std::pair{"memories", ExternKind::kMemory}, std::pair{"tables", ExternKind::kTable},
                                  std::pair{"globals", ExternKind::kGlobal}}) {
    if (!root.has(key)) continue;
    for (const Node& f : root.at(key).elements()) {
      f.expect_object();
      f.only_keys({"module", "name", "notes"});
      InterfaceItem item;
      item.name = f.str("name");
      item.kind = kind;
      declared.emplace_back(f.str("module"), std::move(item));
    }
  }
  for (auto& entry : declared) {
    const std::string& module = entry.first;  // named: clang 14 cannot capture a structured binding
    auto it = std::find_if(out.begin(), out.end(), [&](const Interface& i) { return i.module == module; });
    if (it == out.end()) {
      Interface i;
      i.id = "host:" + module;
      i.title = "imports declared in " + source_name;
      i.module = module;
      i.cls = InterfaceClass::kEmbedder;
      i.served_by = "the embedder (" + source_name + ")";
      i.provenance = {source_name, "documented"};
      out.push_back(std::move(i));
      it = out.end() - 1;
    }
    it->items.push_back(std::move(entry.second));
  }
  return out;
}

namespace {

/// Reads every document of one file into `k`, which is left partly updated on error.
void read_all(std::string_view json_text, const std::string& source_name, Knowledge& k) {
  const Json doc = parse_json(json_text, source_name);
  const Node root(doc, "", source_name);
  if (doc.is_array()) {
    for (const Node& d : root.elements()) read_document(d, k);
  } else {
    read_document(root, k);
  }
}

}  // namespace

void load_documents(std::string_view json_text, const std::string& source_name, Knowledge& knowledge) {
  Knowledge staged = knowledge;  // all or nothing
  read_all(json_text, source_name, staged);
  knowledge = std::move(staged);
}

void load_builtin_documents(Knowledge& knowledge) {
  // One staging copy for all of them, not one per document: this runs on every `check`.
  Knowledge staged = knowledge;
  for (const auto& d : builtin_documents()) read_all(d.text, d.path, staged);
  knowledge = std::move(staged);
}

}  // namespace wasmaudit
