// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "exit_code.hpp"
#include "io.hpp"
#include "wasmaudit/binary/limits.hpp"
#include "wasmaudit/policy/evaluator.hpp"
#include "wasmaudit/policy/knowledge.hpp"
#include "wasmaudit/report/format.hpp"

namespace wasmaudit::cli {

struct CheckOptions {
  std::vector<std::string> files;     ///< files and directories (walked for *.wasm)
  std::string format = "text";
  std::vector<std::string> runtimes;  ///< "wasmtime", "wasmtime@24", comma-separated allowed
  std::vector<std::string> require;   ///< --require: runtimes the artifact ships to
  std::vector<std::string> policies;  ///< --policy files, in order
  std::vector<std::string> hosts;     ///< --host manifests
  std::string fail_on = "error";
  std::vector<std::string> preopens;  ///< --preopen HOST::GUEST, in order
  std::string profile;                ///< --profile NAME ("" = none)
  std::string baseline;               ///< --baseline FILE
  std::string write_baseline;         ///< --write-baseline FILE
  std::string write_policy;           ///< --write-policy FILE
  std::string sarif_root;             ///< --sarif-root DIR
  unsigned jobs = 1;                  ///< --jobs N (0 = one per core)
  std::uint64_t max_size = limits::kMaxReadBytes;  ///< --max-size: standard input's limit
  bool verbose = false;
  bool quiet = false;
};

CLI::App* setup_check(CLI::App& app, CheckOptions& options);
int run_check(const CheckOptions& options, const Io& io);

struct RuntimesOptions {
  std::string format = "text";
  std::vector<std::string> policies;
};

CLI::App* setup_runtimes(CLI::App& app, RuntimesOptions& options);
int run_runtimes(const RuntimesOptions& options, const Io& io);

/// Loads the built-in knowledge plus `policies`; prints the error line and returns false on failure
/// (exit status 4). Shared by every command that reads the knowledge base.
bool load_knowledge(const std::vector<std::string>& policies, Knowledge& knowledge, const Io& io);

/// Adds `--max-size SIZE` (bytes, or with a unit: 64MiB, 1G) to a command that reads modules.
void add_max_size_option(CLI::App& command, std::uint64_t& max_size);

/// Runtime selectors as an option gave them (`--runtime`, `--require`).
struct SelectorOption {
  std::vector<RuntimeSelector>& selectors;  ///< versions resolved in place (`wasmtime@24` -> 24.0.13)
  const char* option;
};

/// The report options every command starts from: the terminal's colour and width, and the
/// knowledge base the reporters may name rules and runtimes from (nullptr: none).
ReportOptions report_options(const Io& io, const Knowledge* knowledge = nullptr);

/// How every command that audits modules starts: the knowledge base with `policies` loaded, and
/// each selector checked against its runtime profiles and its version resolved against their
/// releases. On failure prints the one-line error, marks
/// `outcome` (a configuration error, or a usage error for an unknown runtime) and returns false.
bool prepare_knowledge(const std::vector<std::string>& policies, std::initializer_list<SelectorOption> selectors,
                       Knowledge& knowledge, Outcome& outcome, const Io& io);

}  // namespace wasmaudit::cli
