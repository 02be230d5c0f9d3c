// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace wasmaudit::test {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `wasm-audit ARGS…` in-process through cli::run (no terminal, NO_COLOR unset).
CliResult run_cli(const std::vector<std::string>& args);

}  // namespace wasmaudit::test
