// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "io.hpp"
#include "wasmaudit/binary/limits.hpp"

namespace wasmaudit::cli {

struct InspectOptions {
  std::vector<std::string> files;  ///< files and directories (walked for *.wasm)
  std::string format = "text";
  unsigned jobs = 1;
  std::uint64_t max_size = limits::kMaxReadBytes;  ///< --max-size
};

/// Adds the `inspect` subcommand to `app`, binding its options to `options`.
CLI::App* setup_inspect(CLI::App& app, InspectOptions& options);

/// Inspects every file; returns the exit code (3 if any file could not be read).
int run_inspect(const InspectOptions& options, const Io& io);

}  // namespace wasmaudit::cli
