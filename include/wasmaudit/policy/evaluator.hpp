// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
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
};

/// Whether one runtime's stock host instantiates the module, and if not what it prints.
struct RuntimeResult {
  std::string id;   ///< the profile's id
  std::string key;  ///< id, or id@version when a version other than the profile's was selected
  std::string name;
  std::string version;
  bool instantiates = false;
  std::vector<std::string> missing;  ///< imports it does not provide, as module::name
  std::optional<std::string> error;  ///< the first error it would print
  std::vector<std::string> grants;   ///< flags or settings the module needs there
  std::vector<std::string> notes;    ///< lazy-link traps, stubs, unverified facts
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
};

/// `portable`, `portable-with-grants`, `partially-portable`, `runtime-locked`, `needs-embedder`,
/// `needs-component-adapter`, `browser-target`, `component`, `invalid-abi`.
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
};

/// `wasmtime` or `wasmtime@24`.
struct RuntimeSelector {
  std::string id;
  std::string version;  ///< empty = the profile's version
};

struct EvalOptions {
  std::vector<RuntimeSelector> runtimes;  ///< empty = every profile
  std::vector<Interface> host;            ///< functions an embedder declares (--host)
  const Detection* detection = nullptr;   ///< what detect() found, when the caller ran it
};

/// The audit: a pure function of the module and the knowledge. Throws std::invalid_argument for a
/// runtime selector naming no profile.
CheckResult evaluate(const Module& module, const Knowledge& knowledge, const EvalOptions& options);

}  // namespace wasmaudit
