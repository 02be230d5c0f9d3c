// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>

namespace wasmaudit::cli {

/// The process exit status: a contract with pipelines (docs/cli.md, "Exit status"). Only src/cli
/// maps to these, and only through exit_status() below.
enum class ExitCode : int {
  kOk = 0,           ///< ran; every module passed its gate
  kGate = 1,         ///< ran; a module failed its gate (a required runtime, a finding at --fail-on, …)
  kUsage = 2,        ///< bad command line (CLI11's own 100-127 never reach the user)
  kInputError = 3,   ///< an artifact is unreadable, not wasm, malformed or unsupported
  kConfigError = 4,  ///< a --policy, --host or --baseline file does not load, or an output file cannot be written
};

constexpr int to_int(ExitCode c) { return static_cast<int>(c); }

/// What happened in one run, for the exit status.
struct Outcome {
  bool usage_error = false;
  bool config_error = false;
  std::size_t input_errors = 0;   ///< inputs that could not be read or decoded
  std::size_t gate_failures = 0;  ///< modules that failed their gate
};

/// The one place the exit status is decided. Precedence: usage (2) over configuration (4) over
/// input (3) over gate (1): a status a pipeline reads as "the artifact is bad" (1) is only given
/// when every input was read and the configuration loaded, so 1 never hides a broken run.
constexpr ExitCode exit_status(const Outcome& o) {
  if (o.usage_error) return ExitCode::kUsage;
  if (o.config_error) return ExitCode::kConfigError;
  if (o.input_errors > 0) return ExitCode::kInputError;
  if (o.gate_failures > 0) return ExitCode::kGate;
  return ExitCode::kOk;
}

}  // namespace wasmaudit::cli
