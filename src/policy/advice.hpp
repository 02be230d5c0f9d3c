// SPDX-License-Identifier: Apache-2.0
// Internal to the policy module: what the evaluator's hooks call for capabilities, run advice, path
// hints and the --profile rules. Each returns data; the evaluator turns drafts into findings (so
// severity overrides, allow and deny apply to them like to every other finding).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "wasmaudit/policy/evaluator.hpp"

namespace wasmaudit::detail {

/// A finding before the evaluator gives it its severity (and, when `fix` is empty, the rule's fix).
struct FindingDraft {
  std::string rule_id;
  std::string subject;
  ByteRange range;
  std::string message;
  std::string fix;
};

/// How each import was classified: the interface and item that explain it (nullptr when none).
struct ImportClass {
  const Interface* iface = nullptr;
  const InterfaceItem* item = nullptr;
  bool sig_ok = false;
};

/// capabilities.cpp: what the module asks of its host, in the catalogue's order.
std::vector<Capability> derive_capabilities(const Module& module,
                                            const std::vector<ImportClass>& imports,
                                            const Knowledge& knowledge);

/// paths.cpp: the data section's paths, attributed to a library where the knowledge says so, and
/// matched against the preopens.
std::vector<PathReference> classify_paths(const Detection* detection, const Knowledge& knowledge,
                                          const std::vector<Preopen>& preopens);
/// paths.outside-preopens, for the program's paths no preopen covers (only with --preopen).
std::vector<FindingDraft> path_findings(const std::vector<PathReference>& paths,
                                        const EvalOptions& options);
/// The guest directory of `preopens` that covers `path`, or nullopt: the longest by whole path
/// components as wasi-libc matches them, or for a Go module (`go`) the longest name the absolute
/// path starts with, byte for byte, as Go's syscall.preparePath matches them.
std::optional<std::string> covering_preopen(const std::string& path,
                                            const std::vector<Preopen>& preopens, bool go = false);

/// run_advice.cpp: the run advice for one runtime, or nullopt where it does not instantiate or
/// its profile has no `run` templates. `cannot_grant` gets the profile's note for each capability
/// the module needs granted that neither of its templates grants at this version.
std::optional<RunAdvice> run_advice(const Module& module, const RuntimeProfile& profile,
                                    const RuntimeResult& runtime, const CheckResult& result,
                                    const EvalOptions& options, std::vector<std::string>& cannot_grant);

/// plugin_rules.cpp: the rules of the untrusted-plugin profile (plugin.*). Called only under it.
std::vector<FindingDraft> plugin_findings(const Module& module, const Knowledge& knowledge,
                                          const EvalOptions& options,
                                          const std::vector<ImportClass>& imports,
                                          const std::vector<Capability>& capabilities);

/// A component import or export name taken apart: `wasi:cli/environment@0.2.6` has the namespace
/// `wasi`, the unversioned name `wasi:cli/environment` and the version `0.2.6`.
struct ComponentName {
  std::string ns;
  std::string unversioned;
  std::string version;
};
ComponentName split_component_name(const ComponentExtern& name);

/// Whether a host that registered `provided` links an import of `imported` under the matching rule
/// `match` ("exact", "semver", "any"; knowledge.hpp ComponentMatching).
bool versions_compatible(std::string_view match, std::string_view imported, std::string_view provided);

/// component_hosts.cpp: a component on a host with a `component_model`.
struct ComponentOutcome {
  std::string error_template;  ///< the profile's error key when the host cannot run it ("" = it runs)
  std::map<std::string, std::string> values;  ///< the template's placeholders
  std::vector<std::string> missing;  ///< imports the host does not link
  std::vector<std::string> newer;    ///< imports of a newer version it links by semver
  std::vector<std::string> grants;
  std::vector<std::string> notes;
  std::optional<RunAdvice> run;
};
ComponentOutcome check_component(const Module& module, const RuntimeProfile& profile, std::string_view version,
                                 const EvalOptions& options);

/// component.unknown-import (an import no selected component host links) and
/// component.no-run-export (no world a host runs), from the runtimes' results.
std::vector<FindingDraft> component_findings(const Module& module, const Knowledge& knowledge,
                                             const CheckResult& result);

/// evaluator.cpp: the interface that best explains an import (check's classifier: a signature
/// match, then `yields_to`, then standard over extension over embedder, then the more specific
/// name), or nullptr.
const Interface* classify_import(const Module& module, const Import& imp, const std::vector<const Interface*>& all);

/// Whether detection says the module was built by Go (gc).
bool built_by_go(const Detection* detection);

}  // namespace wasmaudit::detail
