// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace wasmaudit::cli {

/// The process exit status: a contract with pipelines (docs/cli.md). Only src/cli maps to these.
enum class ExitCode : int {
  kOk = 0,          ///< ran; nothing at or above --fail-on
  kFindings = 1,    ///< ran; findings at or above --fail-on
  kUsage = 2,       ///< bad command line (CLI11's own 100-127 never reach the user)
  kInputError = 3,  ///< unreadable file, malformed or unsupported wasm, invalid policy
};

constexpr int to_int(ExitCode c) { return static_cast<int>(c); }

}  // namespace wasmaudit::cli
