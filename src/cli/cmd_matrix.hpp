// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "io.hpp"
#include "wasmaudit/binary/limits.hpp"

namespace wasmaudit::cli {

struct MatrixOptions {
  std::vector<std::string> files;     ///< modules, or directories walked for *.wasm
  std::vector<std::string> from;      ///< --from: `check --format jsonl` output to merge (`-`: standard input)
  std::string format = "text";
  std::vector<std::string> runtimes;  ///< --runtime, as for check (versions allowed: wasmtime@24,wasmtime@48)
  std::vector<std::string> policies;  ///< --policy, as for check
  unsigned jobs = 1;                  ///< --jobs
  std::uint64_t max_size = limits::kMaxReadBytes;
};

/// `wasm-audit matrix FILE|DIR… [--from results.jsonl…]`: modules × runtimes, what check predicts
/// in each cell; modules checked here and records checked anywhere, merged by SHA-256.
CLI::App* setup_matrix(CLI::App& app, MatrixOptions& options);
int run_matrix(const MatrixOptions& options, const Io& io);

}  // namespace wasmaudit::cli
