// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "io.hpp"
#include "wasmaudit/binary/limits.hpp"

namespace wasmaudit::cli {

struct DiffOptions {
  std::string old_file;
  std::string new_file;
  std::string format = "text";
  std::vector<std::string> runtimes;  ///< --runtime, as for check
  std::vector<std::string> policies;  ///< --policy, as for check
  std::uint64_t max_size = limits::kMaxReadBytes;  ///< --max-size
};

/// `wasm-audit diff OLD NEW`: what changed between two releases of an artifact.
CLI::App* setup_diff(CLI::App& app, DiffOptions& options);
int run_diff(const DiffOptions& options, const Io& io);

}  // namespace wasmaudit::cli
