// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wasmaudit/detect/detect.hpp"
#include "wasmaudit/model/module.hpp"
#include "wasmaudit/policy/knowledge.hpp"

namespace wasmaudit {

/// One thing the audit says about a module: data, never an exception.
struct Finding {
  std::string rule_id;
  Severity severity = Severity::kWarning;
  std::string message;  ///< what and why
  std::string fix;      ///< what to change
  std::string subject;  ///< "wasi_snapshot_preview1::sock_open", "export _start", "module"
  ByteRange range;      ///< where in the file
  /// Every import a grouped finding covers (its `subject` is the first); empty when it covers only
  /// `subject`. A finding's identity across rebuilds is (rule, each subject): see policy/gate.hpp.
  std::vector<std::string> covers;
};

/// How to run the module on one runtime granting exactly what it asks and no more: a command line
/// and/or an embedder snippet, from the runtime profile's `run` templates.
struct RunAdvice {
  std::string command;                ///< one command line; "" when the runtime has none for it
  std::string snippet_title;          ///< "run.mjs", "Go, wazero library"; "" = no snippet
  std::string snippet_language;       ///< "js", "go"
  std::vector<std::string> snippet;   ///< the snippet's lines
  std::vector<std::string> notes;     ///< what the command cannot do (a reactor on wazero's CLI, …)
};

/// Whether one runtime's stock host instantiates the module, and if not what it prints.
struct RuntimeResult {
  std::string id;   ///< the profile's id
  std::string key;  ///< id, or id@version when a version other than the profile's was selected
  std::string name;
  std::string version;
  bool wasi_host = true;  ///< the profile's `wasi_host`: false for a browser (not a WASI runtime)
  bool instantiates = false;
  std::vector<std::string> missing;  ///< imports it does not provide, as module::name
  std::optional<std::string> error;  ///< the first error it would print, every line
  /// One line of it that says what failed (`unknown import: `env::f` has not been defined`), for
  /// table cells and one-line reports; "" when it instantiates.
  std::string summary;
  std::vector<std::string> grants;   ///< flags or settings the module needs there
  std::vector<std::string> notes;    ///< lazy-link traps, stubs, unverified facts
  /// Capabilities the module needs granted that no flag of this runtime (at this version) grants,
  /// each as the profile says why (`run.notes`): it instantiates, but they do nothing there.
  std::vector<std::string> ungranted;
  std::optional<RunAdvice> run;      ///< where it instantiates and the profile has `run` templates
};

/// What the module will ask of its host, derived from its imports (the interface items'
/// `capability`) and, for threads, a shared memory.
struct Capability {
  std::string id;                    ///< "filesystem", "env", "args", "clocks", "sockets", …
  std::string title;                 ///< from the capability catalogue (policies/capabilities)
  std::vector<std::string> imports;  ///< module::name each once, in import order ("memory 0 (shared)")
  bool needs_grant = false;          ///< some import does nothing useful unless the host grants it
  std::string without_grant;         ///< what the module gets when the host grants nothing
};

/// An absolute path the data section mentions, and what is known about it.
struct PathReference {
  std::string path;
  ByteRange range;
  std::string library;  ///< "" = the program's own; else who embeds it ("Go standard library: net")
  std::string source;   ///< where the library fact was read
  std::optional<std::string> preopen;  ///< with --preopen: the guest directory that covers it
};

/// The portability verdict: a small fixed vocabulary a pipeline can match on (docs/verdicts.md).
enum class Verdict : std::uint8_t {
  kPortable,             ///< every WASI runtime instantiates it; nothing to grant
  kPortableWithGrants,   ///< every WASI runtime instantiates it; it needs preopens or flags
  kPartiallyPortable,    ///< standard interfaces only, but some runtimes lack them
  kRuntimeLocked,        ///< needs a runtime's non-standard extension
  kNeedsEmbedder,        ///< imports that only a custom host can provide
  kNeedsComponentAdapter,  ///< a core module importing preview-2 names
  kBrowserTarget,        ///< imports JS glue: built for a browser / JS host
  kComponent,            ///< a component, not a preview-1 module
  kInvalidAbi,           ///< breaks the WASI application ABI
  kDynamicLibrary,       ///< a dynamic library (dylink.0): loaded by its main module, not on its own
  kComponentPart,        ///< a core module from inside a component (canonical ABI, the preview-1 adapter)
};

/// `portable`, `portable-with-grants`, `partially-portable`, `runtime-locked`, `needs-embedder`,
/// `needs-component-adapter`, `browser-target`, `component`, `invalid-abi`, `dynamic-library`,
/// `component-part`.
std::string_view to_string(Verdict verdict);

struct VerdictResult {
  Verdict verdict = Verdict::kPortable;
  std::vector<std::string> runtimes;  ///< the runtimes the verdict names (where it runs / fails)
  std::string summary;                ///< one human sentence
};

struct CheckResult {
  std::vector<Finding> findings;  ///< sorted by offset, then rule id
  std::vector<RuntimeResult> runtimes;
  VerdictResult verdict;
  std::vector<Capability> capabilities;  ///< in the capability catalogue's order
  std::vector<PathReference> paths;      ///< in file order

  /// Whether it opens paths at all (a filesystem import that needs a grant): if not, it needs no
  /// preopened directory (no --dir) on any runtime.
  bool needs_preopens() const;
};

/// A runtime's error in one line: its `summary`, else the first line of `error`, else "".
std::string error_summary(const RuntimeResult& runtime);

/// `wasmtime` or `wasmtime@24`.
struct RuntimeSelector {
  std::string id;
  std::string version;  ///< empty = the profile's version
  /// Selected only as part of the whole table (with_required): left out for a binary its profile
  /// does not load (a components-only host for a core module).
  bool implied = false;
};

/// A directory the host preopens: `--preopen HOST::GUEST` (wasmtime's order).
struct Preopen {
  std::string host;
  std::string guest;
};

/// "HOST::GUEST", or "DIR" for the same path on both sides; nullopt for an empty side.
std::optional<Preopen> parse_preopen(std::string_view text);

struct EvalOptions {
  std::vector<RuntimeSelector> runtimes;  ///< empty = every profile
  std::vector<Interface> host;            ///< functions an embedder declares (--host)
  const Detection* detection = nullptr;   ///< what detect() found, when the caller ran it
  std::vector<Preopen> preopens;  ///< --preopen: used in run advice and to check path hints
  std::string profile;            ///< --profile: enables the rules that name it ("" = none)
  std::string file = "app.wasm";  ///< the module's path as run advice writes it
};

/// The path scan's options from the knowledge base: its library paths (to split packed strings)
/// and the prefixes of strings that are not files (docs/policy-format.md, `library-paths`).
PathScanOptions path_scan_options(const Knowledge& knowledge);

/// The audit: a pure function of the module and the knowledge. A selector's version resolves as
/// on the command line (`wazero@1.9` is the newest 1.9.x release covered: key `wazero@1.9.0`).
/// Throws std::invalid_argument for a runtime selector naming no profile or a version the
/// knowledge base does not cover, or a --profile the knowledge does not define.
CheckResult evaluate(const Module& module, const Knowledge& knowledge, const EvalOptions& options);

}  // namespace wasmaudit
