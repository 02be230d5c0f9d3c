// SPDX-License-Identifier: Apache-2.0
// The gate a pipeline trusts: from one module's audit to "ship it or not", with the reasons.
// Pure functions of a CheckResult; the exit status (which also weighs input and configuration
// errors) is decided once, in the CLI (src/cli/exit_code.hpp).
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wasmaudit/model/module.hpp"
#include "wasmaudit/policy/evaluator.hpp"

namespace wasmaudit {

/// What a finding (or a gate failure) is, across rebuilds: the module, the rule, the import or
/// export — never an offset, a build id or a message.
struct FindingKey {
  std::string path;     ///< the module's path, normalised by normalise_module_path()
  std::string rule_id;  ///< a rule id, or `runtime` / `verdict` for gate failures
  std::string subject;  ///< `module::name`, `export _start`, a runtime key, a verdict
  auto operator<=>(const FindingKey&) const = default;
};

/// `a/./b.wasm` -> `a/b.wasm`, `./x.wasm` -> `x.wasm`: lexically normal, `/` separators.
std::string normalise_module_path(std::string_view path);

/// Findings a project accepts (`check --write-baseline`); `check --baseline` fails only on others.
struct Baseline {
  std::vector<FindingKey> keys;  ///< sorted, unique
  bool contains(const FindingKey& key) const;
};

struct GateOptions {
  /// `--require`: the runtimes the artifact ships to. Empty = no explicit list: the gate then fails
  /// a module that runs on none of the selected WASI runtimes, a component no selected runtime
  /// runs, and an `invalid-abi` verdict.
  std::vector<RuntimeSelector> require;
  std::optional<Severity> fail_on = Severity::kError;  ///< nullopt = `--fail-on none`
  const Baseline* baseline = nullptr;                  ///< `--baseline`
};

/// One reason the gate failed.
struct GateFailure {
  FindingKey key;      ///< what failed: (path, rule, subject) or (path, `runtime`, key) or (path, `verdict`, verdict)
  std::string reason;  ///< one line: "required runtime wazero 1.9.0 fails: …"
};

struct GateResult {
  std::vector<GateFailure> failures;  ///< in order: runtimes, verdict, findings
  std::vector<FindingKey> baselined;  ///< what would have failed but the baseline accepts
  std::vector<FindingKey> fixed;      ///< baseline entries of this module that no longer apply
  bool failed() const { return !failures.empty(); }
};

/// The row of the runtime table a --require selector names (same id; same version when it gives
/// one, compared numerically: `wazero@1.9` is the profile's 1.9.0), or nullptr.
const RuntimeResult* find_required(const CheckResult& result, const RuntimeSelector& selector);
/// find_required() for each of `options.require` that is in the table, in --require order.
std::vector<const RuntimeResult*> required_runtimes(const CheckResult& result, const GateOptions& options);

/// Decides the gate for one module at `path`.
GateResult apply_gate(const CheckResult& result, std::string_view path, const GateOptions& options);

/// The runtimes to evaluate so that every required one is in the table: `selection` (empty = every
/// profile) with each required runtime added, or its version replaced when it was selected without
/// one. Returns `selection` unchanged when nothing is required.
std::vector<RuntimeSelector> with_required(std::vector<RuntimeSelector> selection,
                                           const std::vector<RuntimeSelector>& require,
                                           const Knowledge& knowledge);

/// `wasmtime` / `wasmtime@24` / `wasmtime,wazero@1.9` (commas split; empty parts dropped).
std::vector<RuntimeSelector> parse_runtime_list(const std::vector<std::string>& values);

/// Resolves each selector's version against its profile's `releases`: `wasmtime@24` becomes the
/// newest 24.x release the knowledge base covers. Returns "" when every one resolves, else the
/// message for the first that does not: `wasmtime@99: not a version the knowledge base covers
/// (Wasmtime 24.0.13 to 48.0.0: 24.0.13, 25.0.3, …)`. Selectors naming no profile are left alone.
std::string resolve_versions(std::vector<RuntimeSelector>& selectors, const Knowledge& knowledge);

/// Every identity the module has now: each finding's (rule, subject) and each import it covers,
/// plus the gate failures under `options` (so a baseline written today passes today).
std::vector<FindingKey> baseline_keys(const CheckResult& result, std::string_view path,
                                      const GateOptions& options);

/// The `wasm-audit/baseline/1` document for these keys (sorted, unique), ending in a newline.
std::string baseline_json(std::vector<FindingKey> keys);
/// Parses a baseline document. Throws PolicyError (JSON Pointer, or byte offset for bad JSON).
Baseline load_baseline(std::string_view json_text, const std::string& source_name);

/// `check --write-policy`: a policy document whose `allowlist` holds exactly these imports
/// (`module`, `name`), drafted from the modules at `paths`, so that a later build importing
/// anything else gets a `policy.deny` error.
std::string allowlist_policy_json(const std::vector<std::pair<std::string, std::string>>& imports,
                                  const std::vector<std::string>& paths);

inline constexpr const char* kBaselineSchema = "wasm-audit/baseline/1";

}  // namespace wasmaudit
