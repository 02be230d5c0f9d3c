// SPDX-License-Identifier: Apache-2.0
// The knowledge base in typed form: what the JSON documents under policies/ say (docs/policy-format.md).
// Facts only; the evaluator that applies them is generic.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "wasmaudit/detect/fingerprint.hpp"
#include "wasmaudit/model/types.hpp"

namespace wasmaudit {

enum class Severity : std::uint8_t { kNote, kWarning, kError };

/// `note`, `warning`, `error`.
std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

/// A dotted version ("48.0.0", "1.24", "0.14.1") compared component by component, numerically.
/// An empty version means "unbounded".
int compare_versions(std::string_view a, std::string_view b);

/// Where a fact comes from: a repository file at a commit, a document, an observation.
struct Provenance {
  std::string source;  ///< e.g. "bytecodealliance/wasmtime crates/wasi/src/p1.rs @ e6b33de5"
  std::string status;  ///< "verified" (read in source), "observed" (run here), "documented"
};

/// One importable item of an interface.
struct InterfaceItem {
  std::string name;             ///< exact name, or a glob with '*' (patterns never carry a signature)
  ExternKind kind = ExternKind::kFunc;
  std::optional<FuncType> sig;  ///< functions: the signature; none = any signature is accepted
  std::string capability;       ///< what it asks of the host: "filesystem", "sockets", "env", …
  bool needs_grant = false;     ///< does nothing useful unless the host grants something (preopens)
  std::string rule;             ///< rule id fired when imported (overrides the interface's)
};

/// What an interface is, for the verdict.
enum class InterfaceClass : std::uint8_t {
  kStandard,   ///< a WASI standard or proposal every WASI runtime may implement
  kExtension,  ///< a runtime's own, non-standard functions
  kBrowser,    ///< JS glue: the module targets a browser/JS host
  kEmbedder,   ///< served by a particular embedding application or SDK, not a runtime's CLI
  kComponent,  ///< preview 2 / component-model names, which no core-module host serves
  kDynamicLinking,  ///< what a main module's dynamic linker gives a dynamic library (dylink.0)
};

std::string_view to_string(InterfaceClass c);

/// A named set of imports under one module (or a module glob): WASI preview 1, WasmEdge's socket
/// extension, Go's `gojs` glue, proxy-wasm, …
struct Interface {
  std::string id;
  std::string title;
  std::string module;  ///< exact, or a glob with '*'
  InterfaceClass cls = InterfaceClass::kStandard;
  std::string rule;       ///< rule id fired by importing anything of it ("" = none)
  std::string served_by;  ///< who provides it, for messages ("wasm_exec.js", "Envoy", …)
  std::string fix;        ///< what to change, for messages, whatever built the module
  /// The fix in a toolchain's own terms, by fingerprint id ("go", "rust", "clang", …): used
  /// when detection names that toolchain; `fix` otherwise.
  std::map<std::string, std::string> fix_for;
  /// Applies only to modules that carry this custom section ("dylink.0"); "" = to every module.
  std::string requires_custom_section;
  /// Classes whose interfaces explain an import better than this one, whatever the ranks: a
  /// dynamic library's `env` imports yield to Emscripten's JS glue (a main module's imports).
  std::vector<InterfaceClass> yields_to;
  std::vector<InterfaceItem> items;
  Provenance provenance;
};

/// A fact that holds for a range of a runtime's versions: [since, until], both inclusive, either
/// open-ended when empty.
struct VersionRange {
  std::string since;
  std::string until;
  bool contains(std::string_view version) const;
};

/// One interface a runtime's stock host links, and how.
struct Provision {
  std::string interface_id;
  VersionRange versions;
  std::string grant;  ///< a flag or setting needed for it ("-S threads"); "" = on by default
  Provenance provenance;
};

/// How a runtime reacts at link time.
enum class LinkBehaviour : std::uint8_t {
  kFail,        ///< instantiation fails
  kTrapOnCall,  ///< instantiates; calling the import traps
  kAccept,      ///< instantiates and works (e.g. JS functions accept any signature)
};

/// Which imports a linking exception covers, at which of a runtime's versions.
struct ImportScope {
  std::vector<std::string> modules;     ///< globs of the import's module name
  std::vector<std::string> names{"*"};  ///< globs of its field name
  VersionRange versions;
  Provenance provenance;
  /// Whether the import `module`::`name` is covered at `version`.
  bool covers(std::string_view version, std::string_view module, std::string_view name) const;
};

/// A memory, table or global import the stock host satisfies itself, whoever exports it
/// (iwasm creates `env` memories from the declared limits; wasm3 leaves tables unresolved):
/// the import links although no interface provides it.
struct HostCreated : ImportScope {
  std::vector<ExternKind> kinds;  ///< memory, table, global
  /// Only for modules that import a function from one of these (globs); empty = any module.
  std::vector<std::string> when_imports;
  std::string note;  ///< told beside the verdict; placeholders {kind} {module} {name}
};

/// Function imports a host binds by name without checking their type (WasmEdge 0.13 binds any
/// wasi_snapshot_preview1 import to its host function): a mismatched signature links, and what a
/// call does is undefined.
struct UncheckedTypes : ImportScope {
  std::string note;  ///< told beside the verdict; placeholders {module} {name} {expected} {actual}
};

/// Whether a runtime's stock host has a WebAssembly proposal (named as in features.md, plus
/// `components`) over a range of its versions.
struct FeatureSupport {
  bool supported = true;
  VersionRange versions;  ///< the versions this entry speaks for
  std::string grant;      ///< flag needed to turn it on ("" = on by default)
  std::string error;      ///< what the runtime prints when a module needs it and it is off
  std::string error_in_code;  ///< the same when the first use is an instruction in a function body ("" = `error`)
  std::string notes;
  Provenance provenance;
};

/// What a runtime prints for one kind of failure, over a range of its versions; placeholders
/// {module} {name} {kind} {index} {expected} {actual} {path} (docs/policy-format.md).
struct ErrorTemplate {
  std::string text;
  VersionRange versions;
  Provenance provenance;
  /// Globs of the import's module: the text is what the runtime prints for imports from these
  /// modules only (WasmEdge's hint line for `env`); empty = any import.
  std::vector<std::string> modules;
};

/// An error a runtime prints in a situation check does not model (`errors.explain_only`): an
/// embedder's import object of the wrong type, a reactor run as a command, a file that is not
/// WebAssembly, an older release's wording. Only `explain` uses it, with its kind and, where the
/// kind's own causes are not the likely ones, a cause and fix of its own; placeholders as in
/// ErrorTemplate (any other `{name}` captures text too), and the cause and fix may name them.
struct ExplainOnlyError {
  std::string text;
  std::string kind;     ///< an explain kind: "missing-memory", "no-run-export", "invalid-module", …
  std::string feature;  ///< the proposal, for "feature-disabled"
  std::string cause;    ///< "" = only the kind's own causes
  std::string fix;
  std::string confidence = "high";
  VersionRange versions;
  Provenance provenance;
};

/// How one granted item is written for a runtime ("--dir {host}::{guest}"), for the versions it
/// applies to. An empty `each` means the runtime cannot grant it (see RunProfile::notes).
struct GrantTemplate {
  std::string each;
  std::string join = " ";  ///< between items of the same capability
  VersionRange versions;
};

/// One line of a run recipe, kept only when `when` holds for the module: "" (always), "command",
/// "reactor" (also a library), or a capability id the module asks for.
struct RunLine {
  std::string text;
  std::string when;
};

/// A command line or an embedder snippet: lines with placeholders (docs/policy-format.md, `run`).
struct RunRecipe {
  std::string title;     ///< snippets: "run.mjs", "Go, wazero library"
  std::string language;  ///< "sh" (a command line), "js", "go": how placeholder values are quoted
  std::vector<RunLine> lines;
  std::map<std::string, GrantTemplate> grants;  ///< capability -> how each granted item is written

  /// The template that writes `capability` at `version`, or nullptr when this recipe cannot grant it.
  const GrantTemplate* grant(std::string_view capability, std::string_view version) const;
};

/// The minimal way to run a module on this runtime: a command line and/or an embedder snippet.
struct RunProfile {
  std::optional<RunRecipe> cli;
  std::optional<RunRecipe> embed;
  /// Shown when they apply: "reactor", or a capability id the runtime cannot grant.
  std::map<std::string, std::string> notes;
  Provenance provenance;

  /// Whether the command line or the snippet can grant `capability` at `version`.
  bool can_grant(std::string_view capability, std::string_view version) const;
};

/// The WASI version a component host registers its interfaces under (`wasi:cli/environment@0.2.6`),
/// over a range of the host's versions.
struct ComponentWasi {
  std::string version;  ///< "0.2.6"
  VersionRange versions;
  Provenance provenance;
};

/// How a component host matches an import's version with the version it registered, over a range
/// of its versions: "exact"; "semver" (wasmtime's alternate lookup key: 0.2.x with any 0.2.y,
/// 1.x with any 1.y; prereleases and 0.0.x only exactly); "any" (the version is ignored, as jco's
/// import map does).
struct ComponentMatching {
  std::string match;
  VersionRange versions;
  Provenance provenance;
};

/// Interfaces a component host links for a component's imports.
struct ComponentInterfaces {
  std::vector<std::string> names;  ///< globs over names without the version: "wasi:cli/*"
  std::string version;             ///< the version registered ("" = the host's `wasi` version)
  std::string grant;               ///< the flag that links them ("" = linked by default)
  std::string note;                ///< told when a component imports one; placeholder {name}
  VersionRange versions;
  Provenance provenance;
};

/// An export a component host runs, and the command that runs it (`wasi:cli/run` -> `wasmtime run`).
struct ComponentWorld {
  std::string export_name;  ///< glob over the component's export names; {wasi} is the host's version
  std::string command;      ///< placeholders {file} {grants}
  std::string note;         ///< told beside the run line
  VersionRange versions;
  Provenance provenance;
};

/// How a runtime's stock host runs components (policies/runtimes `component_model`). Its error
/// texts are the profile's `errors`: "component_missing_import" ({kind} {name} {unversioned}
/// {namespace} {wasi} {path}) and "component_no_world" ({wasi}: the WASI version whose
/// wasi:cli/run it looks for, {path}).
struct ComponentModel {
  std::vector<ComponentWasi> wasi;
  std::vector<ComponentMatching> matching;
  std::vector<ComponentInterfaces> interfaces;
  std::vector<ComponentWorld> worlds;  ///< tried in order; the first the component exports runs
  /// How a component that exports none of the worlds is used (`jco transpile {file}`); "" = the
  /// host cannot run it and prints `component_no_world`.
  std::string library_command;
  std::string library_note;
  Provenance provenance;

  const ComponentWasi* wasi_at(std::string_view version) const;
  const ComponentMatching* matching_at(std::string_view version) const;
};

/// A runtime's stock host (its CLI, or Node with node:wasi preview1).
struct RuntimeProfile {
  std::string id;       ///< "wasmtime", "node", …
  std::string name;     ///< "Wasmtime"
  std::string version;  ///< the version evaluated by default: the newest whose facts were verified
  /// The releases the facts cover, oldest first (the newest patch of each line); empty = any
  /// version is accepted (documents of one's own).
  std::vector<std::string> releases;
  std::string host;     ///< what "stock host" means here ("wasmtime run", "node:wasi preview1")
  bool wasi_host = true;  ///< false for hosts with no WASI at all (browsers)
  /// Whether it loads core modules (`runs`: "module"); a host of components only (jco) is left out
  /// of a core module's audit unless selected by name.
  bool runs_modules = true;
  std::optional<ComponentModel> component_model;  ///< how it runs components, where it does
  std::vector<Provision> provides;
  LinkBehaviour missing_function = LinkBehaviour::kFail;
  LinkBehaviour signature_mismatch = LinkBehaviour::kFail;
  std::vector<HostCreated> host_creates;  ///< non-function imports the host makes itself
  std::vector<UncheckedTypes> unchecked_types;  ///< function imports linked whatever their type
  /// Error templates: "missing_function", "missing_module", "missing_memory", "missing_table",
  /// "missing_global", "missing_other", "signature_mismatch", "trap_on_call"; each a list of
  /// version-bounded texts.
  std::map<std::string, std::vector<ErrorTemplate>> errors;
  std::vector<ExplainOnlyError> explain_only;  ///< `errors.explain_only`: what only explain recognises
  /// `errors.cli_prefixes`: what the stock CLI writes before the engine's own error
  /// ("error instantiating wasm binary: "); an embedder prints the error without it.
  std::vector<std::string> cli_prefixes;
  std::string signature_style = "wat";  ///< how {expected}/{actual} are written: "wat" or "wazero"
  /// Per proposal ("simd", "tail-call", …, "components"): version-bounded entries.
  std::map<std::string, std::vector<FeatureSupport>> features;
  /// How the stock host grants a capability: "filesystem" -> "--dir HOST::GUEST", …
  std::map<std::string, std::string> grants;
  std::optional<RunProfile> run;  ///< how to run a module with exactly what it asks
  std::vector<std::string> notes;
  Provenance provenance;

  /// The entry for `proposal` that covers `version`, or nullptr when none is recorded.
  const FeatureSupport* feature(std::string_view proposal, std::string_view version) const;
  /// The text for `key` at `version`, or nullptr.
  /// With `module` (the import's), an entry limited to `modules` applies only when one matches;
  /// without, only entries for any module do.
  const ErrorTemplate* error_template(std::string_view key, std::string_view version,
                                      std::string_view module = {}) const;
  /// The release a requested version means: "" is `version`; "24" or "24.0" the newest release
  /// of that line; a full release itself. nullopt when the knowledge base does not cover it.
  std::optional<std::string> resolve_version(std::string_view requested) const;
  /// "24.0.13 to 48.0.0" (or the one release), for messages.
  std::string covered_versions() const;
  /// Why `requested` does not resolve: `wasmtime@99: not a version the knowledge base covers
  /// (Wasmtime 24.0.13 to 48.0.0: 24.0.13, 25.0.3, …)`.
  std::string version_not_covered(std::string_view requested) const;
};

/// A rule of the catalogue: stable id, default severity, what it means and how to fix it.
struct Rule {
  std::string id;
  Severity severity = Severity::kWarning;
  std::string title;        ///< one line: what fired ("reactor without _initialize")
  std::string description;  ///< what it means and why it matters (`wasm-audit rules`, SARIF)
  std::string fix;
  std::map<std::string, std::string> fix_for;  ///< by toolchain id, as Interface::fix_for
  std::vector<std::string> tags;  ///< SARIF tags beside the rule's category ("portability", …)
  std::vector<int> pitfalls;  ///< numbers in the Go wasip1 pitfalls list it covers
  std::string profile;        ///< active only under this --profile ("" = always)
  Provenance provenance;
};

/// What a capability is, for reports (policies/capabilities): "filesystem" -> "files (preopened
/// directories)". The order of the catalogue is the order reports list capabilities in.
struct CapabilityInfo {
  std::string id;
  std::string title;
  std::string without_grant;  ///< what the module gets when the host grants nothing
  Provenance provenance;
};

/// Absolute paths a language runtime or library embeds in every module that links it
/// (policies/paths): they say nothing about what the program itself opens.
struct LibraryPathGroup {
  std::string library;              ///< "net", "os"
  std::vector<std::string> paths;   ///< exact paths
  std::vector<std::string> prefixes;  ///< strings starting so are the library's ("/gc/")
  /// Strings holding one of these anywhere are the library's, and never files (files: false only).
  std::vector<std::string> contains;
  std::size_t min_present = 1;      ///< exact paths: the group counts when this many appear
  bool files = true;                ///< false: not file paths at all (metric names); never listed
  Provenance provenance;
};

struct LibraryPaths {
  std::string id;     ///< "go-stdlib"
  std::string title;  ///< "Go standard library"
  std::vector<LibraryPathGroup> groups;
  Provenance provenance;
};

/// A --profile: a named set of rules (rules name it) and the data they use.
struct AuditProfile {
  std::string id;     ///< "plugin"
  std::string title;  ///< "untrusted plugin"
  /// Import names that look like host I/O (globs, compared without case, '_', '-' or '.').
  std::vector<std::string> host_io_names;
  Provenance provenance;
};

/// A user's allow/deny entry: import patterns (globs) with a reason.
struct ImportPattern {
  std::string module = "*";
  std::string name = "*";
  std::string reason;
  bool matches(std::string_view module, std::string_view name) const;
};

/// An error a toolchain prints (a toolchain document's `errors`): for `explain`, with its cause
/// and fix; placeholders {name}, {type}, {path}, {file}, … capture anything.
struct ToolchainError {
  std::string toolchain;  ///< the fingerprint id ("go")
  std::string name;       ///< the toolchain's name ("Go (gc)")
  std::string text;
  std::string cause;
  std::string fix;
  std::string confidence = "high";
  VersionRange versions;
  Provenance provenance;
};

/// Everything loaded: built-in documents, then --policy files (later documents with the same id
/// replace earlier ones).
struct Knowledge {
  std::vector<Interface> interfaces;
  std::vector<RuntimeProfile> runtimes;
  std::vector<Rule> rules;
  std::vector<ToolchainFingerprint> toolchains;  ///< policies/toolchains: what detect() applies
  std::vector<ToolchainError> toolchain_errors;  ///< policies/toolchains `errors`: what explain recognises
  std::vector<CapabilityInfo> capabilities;
  std::vector<LibraryPaths> library_paths;
  std::vector<AuditProfile> profiles;
  std::vector<ImportPattern> allow;
  std::vector<ImportPattern> deny;
  /// A policy's `"allowlist"`: when present, an import no entry matches is a policy.deny error
  /// (`check --write-policy` drafts one from a module). Unlike `allow`, it drops no finding.
  std::optional<std::vector<ImportPattern>> allowlist;
  std::map<std::string, Severity> severity_overrides;  ///< rule id -> severity

  const Interface* find_interface(std::string_view id) const;
  const RuntimeProfile* find_runtime(std::string_view id) const;
  const Rule* find_rule(std::string_view id) const;
  const ToolchainFingerprint* find_toolchain(std::string_view id) const;
  const CapabilityInfo* find_capability(std::string_view id) const;
  const AuditProfile* find_profile(std::string_view id) const;
};


/// Parses a signature as the reports print it: "(i32, i32) -> i32", "() -> ()", "(i64) -> (i32, i32)".
std::optional<FuncType> parse_func_type(std::string_view text);

}  // namespace wasmaudit
