// SPDX-License-Identifier: Apache-2.0
#include "cmd_matrix.hpp"

#include <fmt/format.h>

#include "cmd_check.hpp"
#include "exit_code.hpp"
#include "wasmaudit/batch.hpp"
#include "wasmaudit/policy/gate.hpp"
#include "wasmaudit/report/format.hpp"
#include "wasmaudit/reader/file_bytes.hpp"
#include "wasmaudit/report/input_error.hpp"
#include "wasmaudit/report/matrix.hpp"

namespace wasmaudit::cli {

CLI::App* setup_matrix(CLI::App& app, MatrixOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "matrix", "A compatibility matrix: modules × runtimes, what each runtime does with each module");
  cmd->add_option("files", o.files, "WebAssembly binaries, or directories (walked for *.wasm)");
  cmd->add_option("--from", o.from,
                  "Also rows from `check --format jsonl` output made anywhere (shards), merged by SHA-256; - reads "
                  "standard input");
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
  if (o.files.empty() && o.from.empty()) {
    io.err << "wasm-audit: error: matrix takes modules (FILE|DIR...), or --from RESULTS.jsonl, or both\n";
    outcome.usage_error = true;
    return status();
  }
  EvalOptions eval;
  eval.runtimes = parse_runtime_list(o.runtimes);
  Knowledge knowledge;
  if (!prepare_knowledge(o.policies, {{eval.runtimes, "--runtime"}}, knowledge, outcome, io)) return status();
  CheckBatchOptions batch;
  batch.jobs = o.jobs;
  batch.read.sha256 = true;  // rows are merged by it
  batch.read.max_size = o.max_size;
  Matrix matrix;
  if (!o.files.empty()) {
    check_batch(expand_inputs(o.files), knowledge, eval, batch, [&](CheckEntry&& e) {
      if (e.error) io.err << format_error_line(e.path, *e.error) << '\n';
      add_matrix_row(matrix, e);
    });
  }
  for (const auto& path : o.from) {
    // Read as a module is (a directory or a device is refused, standard input is bounded); a FIFO
    // (`--from <(ssh host …)`) is read too.
    try {
      const FileBytes file = FileBytes::open(path, limits::kMaxReadBytes, /*allow_fifo=*/true);
      const auto bytes = file.bytes();
      add_matrix_jsonl(matrix, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                       [&](const InputError& error) {
                         ++outcome.input_errors;
                         io.err << format_error_line(path, error) << '\n';
                       });
    } catch (const IoError& e) {
      io.err << format_error_line(path, InputError::from(e)) << '\n';
      ++outcome.input_errors;
    }
  }
  // Exit status 3 for any row that is an input error, here or where its record was made.
  for (const auto& row : matrix.rows) outcome.input_errors += row.error.empty() ? 0 : 1;
  const ReportOptions report = report_options(io, &knowledge);
  render_matrix(o.format, matrix, io.out, report);
  return status();
}

}  // namespace wasmaudit::cli
