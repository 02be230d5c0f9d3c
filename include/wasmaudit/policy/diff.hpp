// SPDX-License-Identifier: Apache-2.0
// What changed between two releases of an artifact, for its consumers: imports and exports,
// capabilities, each runtime's outcome, shape, verdict, findings and what built it. A pure function
// of the two audits (`wasm-audit diff OLD NEW`; docs/json/diff-1.md). Offsets, build ids, section
// sizes and findings' byte ranges are never changes: only what a consumer can observe is compared.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wasmaudit/detect/detect.hpp"
#include "wasmaudit/model/module.hpp"
#include "wasmaudit/policy/evaluator.hpp"

namespace wasmaudit {

/// What changed. Each value has a stable id (`to_string`) that the JSON and pipelines match on;
/// the enum's order is the order in which a ModuleDiff lists its changes.
enum class ChangeKind : std::uint8_t {
  kModuleKind,      ///< `module.kind`: core module <-> component
  kShape,           ///< `module.shape`: command, reactor, library, invalid
  kVerdict,         ///< `module.verdict`
  kRuntimeBroken,   ///< `runtime.broken`: ran there (instantiated, nothing missing), no longer does
  kRuntimeFixed,    ///< `runtime.fixed`: runs there now, did not before
  kRuntimeChanged,  ///< `runtime.changed`: did not run before and still does not (fails <-> traps)
  kExportRemoved,   ///< `export.removed`
  kExportRetyped,   ///< `export.retyped`: another kind or type (a memory's sharing, a table's
                    ///< element)
  kExportResized,   ///< `export.resized`: only a memory's or table's limits changed
  kExportAdded,     ///< `export.added`
  kImportRemoved,   ///< `import.removed`
  kImportRetyped,   ///< `import.retyped`
  kImportAdded,     ///< `import.added`
  kCapabilityLost,  ///< `capability.lost`
  kCapabilityGrant,      ///< `capability.grant`: the same capability, now (or no longer) needing a
                         ///< grant
  kCapabilityGained,     ///< `capability.gained`
  kFindingRemoved,       ///< `finding.removed`: a (rule, subject) no longer found
  kFindingAdded,         ///< `finding.added`
  kToolchainRemoved,     ///< `toolchain.removed`: a toolchain no longer detected
  kToolchainVersion,     ///< `toolchain.version`: the same toolchain, another version
  kToolchainAdded,       ///< `toolchain.added`
  kToolchainSetting,     ///< `toolchain.setting`: a build setting (Go: GOOS, -tags, …) changed
  kToolchainDependency,  ///< `toolchain.dependency`: a dependency (Go module) added, removed or
                         ///< changed
};

/// `module.kind`, `module.shape`, `module.verdict`, `runtime.broken`, `runtime.fixed`,
/// `runtime.changed`, `export.removed`, …, `toolchain.dependency` (see ChangeKind).
std::string_view to_string(ChangeKind kind);

/// One change, marked breaking or not, with the reason.
struct Change {
  ChangeKind kind = ChangeKind::kVerdict;
  /// What changed: `wasi_snapshot_preview1::sock_accept` (import), `_start` (export), `sockets`
  /// (capability), a runtime key (`wasmtime`, `wasmtime@24`), `shape`, `verdict`, `kind`, a rule
  /// id and subject (`wasi.sockets wasi_snapshot_preview1::sock_accept`), a toolchain id (`go`), a
  /// build setting (`GOOS`) or a dependency's module path.
  std::string subject;
  /// The old value; none for what was added. A type as inspect renders it (`func (i32) -> i32`;
  /// several, `; `-separated, for a name imported with more than one type), a runtime state
  /// (`runs`, `traps`, `fails`), a shape, a verdict, a version, a setting's value, a finding's
  /// severity, `needs a grant` / `no grant`.
  std::optional<std::string> before;
  std::optional<std::string> after;  ///< the new value; none for what was removed
  /// More about the new state: a runtime's name and version, then (`runtime.*`) the first line of
  /// the error it now prints or the imports it now lacks; a capability's title; a finding's
  /// message; a toolchain's name. "" when there is nothing to add.
  std::string detail;
  bool breaking = false;  ///< a consumer of the old release may fail with the new one
  std::string reason;     ///< one sentence: why it breaks a consumer, or why not
};

/// Everything that changed, in ChangeKind order (then the old module's order for what was removed
/// and the new module's for the rest).
struct ModuleDiff {
  std::vector<Change> changes;

  bool empty() const { return changes.empty(); }
  /// Whether some change breaks a consumer: the gate of `wasm-audit diff` (exit status 1).
  bool breaking() const;
  /// How many changes break a consumer.
  std::size_t breaking_count() const;
};

/// One side of a diff: a module, what detection found and its audit (all from the same knowledge
/// and options as the other side).
struct DiffSide {
  const Module& module;
  const Detection& detection;
  const CheckResult& result;
};

/// `runs` (instantiates, nothing missing), `traps` (instantiates, calling a missing import traps)
/// or `fails` (does not instantiate): one runtime's outcome as a diff compares it.
std::string_view runtime_state(const RuntimeResult& runtime);

/// The changes from `before` to `after`. Breaking: a runtime that ran the module no longer does;
/// an export removed or retyped; the module's kind changed; the old shape's entry point is gone; a
/// capability gained (or kept) that now needs a grant; an import (added or retyped) that a runtime
/// which ran the old module does not provide; the verdict, when a runtime broke. Not compared:
/// offsets, sizes, build ids, findings' byte ranges, run advice, evidence and confidence.
ModuleDiff diff_modules(const DiffSide& before, const DiffSide& after);

}  // namespace wasmaudit
