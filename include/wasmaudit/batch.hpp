// SPDX-License-Identifier: Apache-2.0
// The one batch runner every command uses: arguments -> inputs (directories walked), audited on
// `jobs` threads, handed on in input order. One bad input never stops the others.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "wasmaudit/audit.hpp"
#include "wasmaudit/report/input_error.hpp"

namespace wasmaudit {

/// One input of a batch: a path to audit, or an argument that could not be expanded.
struct BatchInput {
  std::string path;
  std::optional<InputError> error;  ///< a directory that cannot be walked or holds no *.wasm
};

/// Expands command-line arguments: a directory is walked recursively for regular files named
/// `*.wasm` (symbolic links to files are followed, to directories not), sorted by path so the order
/// is the same on every machine; any other argument is taken as given (reading it reports its
/// error). A directory with no `*.wasm` file is an input error: a gate must not pass an empty build.
std::vector<BatchInput> expand_inputs(const std::vector<std::string>& arguments);

/// Runs `work(i)` for every i in [0, count) on up to `jobs` threads (0 = one per core) and calls
/// `emit(i)` on the calling thread for i = 0, 1, … in order, each as soon as `work` finished it and
/// everything before it. At most a few results per thread wait for emission, so a batch of any
/// size holds a bounded number of results in memory.
void run_ordered(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& work,
                 const std::function<void(std::size_t)>& emit);

/// `check` over a batch: each input checked (`check_file`), with its gate when `gate` is given, and
/// handed to `sink` in input order.
struct CheckBatchOptions {
  unsigned jobs = 1;
  ReadOptions read;                      ///< SHA-256 (SARIF, JSON Lines), --max-size
  const GateOptions* gate = nullptr;     ///< decide the gate of each module
};
void check_batch(const std::vector<BatchInput>& inputs, const Knowledge& knowledge, const EvalOptions& options,
                 const CheckBatchOptions& batch, const std::function<void(CheckEntry&&)>& sink);

/// `inspect` over a batch.
void inspect_batch(const std::vector<BatchInput>& inputs, unsigned jobs, const ReadOptions& read,
                   const std::function<void(InspectEntry&&)>& sink);

}  // namespace wasmaudit
