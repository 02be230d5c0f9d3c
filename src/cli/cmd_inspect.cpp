// SPDX-License-Identifier: Apache-2.0
#include "cmd_inspect.hpp"

#include "cmd_check.hpp"
#include "exit_code.hpp"
#include "wasmaudit/batch.hpp"
#include "wasmaudit/report/format.hpp"

namespace wasmaudit::cli {

CLI::App* setup_inspect(CLI::App& app, InspectOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "inspect", "List a module's header, sections, imports and exports with their types");
  cmd->add_option("files", options.files,
                  "WebAssembly binaries (core modules or components), or directories (walked for *.wasm)")
      ->required();
  cmd->add_option("--format", options.format, "Output format: " + format_help(Command::kInspect))
      ->check(CLI::IsMember(format_names(Command::kInspect)))
      ->capture_default_str();
  cmd->add_option("-j,--jobs", options.jobs, "Read N modules in parallel (0 = one per core); output keeps input order")
      ->capture_default_str();
  add_max_size_option(*cmd, options.max_size);
  return cmd;
}

int run_inspect(const InspectOptions& options, const Io& io) {
  const ReportOptions report = report_options(io);
  auto reporter = make_inspect_reporter(options.format, io.out, report);
  Outcome outcome;
  ReadOptions read;
  read.max_size = options.max_size;
  inspect_batch(expand_inputs(options.files), options.jobs, read, [&](InspectEntry&& entry) {
    if (entry.error) {
      ++outcome.input_errors;
      io.err << format_error_line(entry.path, *entry.error) << '\n';
    }
    reporter->add(entry);
  });
  reporter->finish();
  return to_int(exit_status(outcome));
}

}  // namespace wasmaudit::cli
