// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "wasmaudit/model/module.hpp"
#include "wasmaudit/policy/evaluator.hpp"
#include "wasmaudit/policy/gate.hpp"
#include "wasmaudit/report/input_error.hpp"
#include "wasmaudit/report/inspect.hpp"

namespace wasmaudit {

/// The result of checking one file: the module and its audit, or the input error.
struct CheckEntry {
  std::string path;
  std::optional<Module> module;
  std::optional<Detection> detection;  ///< present whenever `module` is
  std::optional<CheckResult> result;
  std::optional<InputError> error;
  std::optional<GateResult> gate;  ///< when the caller decided the gate (the CLI always does)
  std::string sha256;              ///< the file's SHA-256 in hex, when asked for ("" otherwise)
};

/// Findings (all of them, with rule id, severity, subject, cause and fix), then the runtime table,
/// then one `verdict:` line, for every entry that was read.
void render_check_text(const std::vector<CheckEntry>& entries, std::ostream& out,
                       const TextOptions& options);

/// The `wasm-audit/check/1` JSON document (docs/json/check-1.md).
void render_check_json(const std::vector<CheckEntry>& entries, std::ostream& out);

inline constexpr const char* kCheckSchema = "wasm-audit/check/1";
/// The schema of each line of `--format jsonl`: a file object of check/1 with schema and tool.
inline constexpr const char* kCheckLineSchema = "wasm-audit/check-line/1";

/// `wasm-audit runtimes`: the profiles the knowledge base holds, with versions and sources.
void render_runtimes_text(const Knowledge& knowledge, std::ostream& out, const TextOptions& options);
void render_runtimes_json(const Knowledge& knowledge, std::ostream& out);

}  // namespace wasmaudit
