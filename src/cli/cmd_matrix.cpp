// SPDX-License-Identifier: Apache-2.0
#include "cmd_matrix.hpp"

#include <fmt/format.h>

#include "cmd_check.hpp"
#include "exit_code.hpp"
#include "wasmaudit/batch.hpp"
#include "wasmaudit/policy/gate.hpp"
#include "wasmaudit/report/format.hpp"
#include "wasmaudit/report/matrix.hpp"

namespace wasmaudit::cli {

CLI::App* setup_matrix(CLI::App& app, MatrixOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "matrix", "A compatibility matrix: modules × runtimes, what each runtime does with each module");
  cmd->add_option("files", o.files, "WebAssembly binaries, or directories (walked for *.wasm)")->required();
  cmd->add_option("--format", o.format, "Output format: " + format_help(Command::kMatrix))
      ->check(CLI::IsMember(format_names(Command::kMatrix)))
      ->capture_default_str();
  cmd->add_option("--runtime", o.runtimes,
                  "The columns (comma-separated; versions as columns of their own: wasmtime@24,wasmtime@48)")
      ->allow_extra_args(false);
  cmd->add_option("--policy", o.policies, "Load a policy or knowledge document (runtimes, interfaces)")
      ->allow_extra_args(false);
  cmd->add_option("-j,--jobs", o.jobs, "Audit N modules in parallel (0 = one per core); rows keep input order")
      ->capture_default_str();
  add_max_size_option(*cmd, o.max_size);
  return cmd;
}

int run_matrix(const MatrixOptions& o, const Io& io) {
  Outcome outcome;
  auto status = [&] { return to_int(exit_status(outcome)); };
  EvalOptions eval;
  eval.runtimes = parse_runtime_list(o.runtimes);
  Knowledge knowledge;
  if (!prepare_knowledge(o.policies, {{eval.runtimes, "--runtime"}}, knowledge, outcome, io)) return status();
  CheckBatchOptions batch;
  batch.jobs = o.jobs;
  batch.read.sha256 = o.format == "json" || o.format == "csv";
  batch.read.max_size = o.max_size;
  Matrix matrix;
  check_batch(expand_inputs(o.files), knowledge, eval, batch, [&](CheckEntry&& e) {
    if (e.error) {
      ++outcome.input_errors;
      io.err << format_error_line(e.path, *e.error) << '\n';
    }
    add_matrix_row(matrix, e);
  });
  const ReportOptions report = report_options(io, &knowledge);
  render_matrix(o.format, matrix, io.out, report);
  return status();
}

}  // namespace wasmaudit::cli
