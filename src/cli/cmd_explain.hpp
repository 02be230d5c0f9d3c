// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "io.hpp"

namespace wasmaudit::cli {

struct ExplainOptions {
  std::vector<std::string> text;      ///< the message, as arguments (joined by spaces); "-" reads standard input
  std::string file;                   ///< --file LOG
  std::string format = "text";
  std::vector<std::string> policies;  ///< --policy, as for check
  std::string module;                 ///< --module FILE: the module the error came from
};

/// `wasm-audit explain TEXT | --file LOG | -`: from a runtime's error message to its causes.
CLI::App* setup_explain(CLI::App& app, ExplainOptions& options);
int run_explain(const ExplainOptions& options, const Io& io);

}  // namespace wasmaudit::cli
