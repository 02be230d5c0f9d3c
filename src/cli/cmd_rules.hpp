// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "io.hpp"

namespace wasmaudit::cli {

struct RulesOptions {
  std::string format = "text";
  std::vector<std::string> policies;
};

/// `wasm-audit rules`: every rule id with its default severity, what it means and its fix.
CLI::App* setup_rules(CLI::App& app, RulesOptions& options);
int run_rules(const RulesOptions& options, const Io& io);

}  // namespace wasmaudit::cli
