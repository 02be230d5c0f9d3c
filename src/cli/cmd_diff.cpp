// SPDX-License-Identifier: Apache-2.0
#include "cmd_diff.hpp"

#include <fmt/format.h>

#include "cmd_check.hpp"
#include "exit_code.hpp"
#include "wasmaudit/audit.hpp"
#include "wasmaudit/policy/diff.hpp"
#include "wasmaudit/policy/gate.hpp"
#include "wasmaudit/report/diff.hpp"
#include "wasmaudit/report/format.hpp"

namespace wasmaudit::cli {

CLI::App* setup_diff(CLI::App& app, DiffOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "diff",
      "Compare two releases of a module: what changed for its consumers; exit 1 if it breaks them");
  cmd->add_option("old", o.old_file, "The earlier release")->required();
  cmd->add_option("new", o.new_file, "The later release")->required();
  cmd->add_option("--format", o.format, "Output format: " + format_help(Command::kDiff))
      ->check(CLI::IsMember(format_names(Command::kDiff)))
      ->capture_default_str();
  cmd->add_option(
         "--runtime", o.runtimes,
         "Limit the runtimes compared (comma-separated; a version may be given: wasmtime@24)")
      ->allow_extra_args(false);  // one value per occurrence: never swallow OLD and NEW
  cmd->add_option(
         "--policy", o.policies,
         "Load a policy or knowledge document (runtimes, interfaces, severities); applies to both")
      ->allow_extra_args(false);
  add_max_size_option(*cmd, o.max_size);
  return cmd;
}

int run_diff(const DiffOptions& o, const Io& io) {
  Outcome outcome;
  auto status = [&] { return to_int(exit_status(outcome)); };
  EvalOptions eval;
  eval.runtimes = parse_runtime_list(o.runtimes);
  Knowledge knowledge;
  if (!prepare_knowledge(o.policies, {{eval.runtimes, "--runtime"}}, knowledge, outcome, io)) return status();

  // The same knowledge and options for both releases: only the artifact differs.
  ReadOptions read;
  read.sha256 = o.format == "json";
  read.max_size = o.max_size;
  const CheckEntry before = check_file(o.old_file, knowledge, eval, read);
  const CheckEntry after = check_file(o.new_file, knowledge, eval, read);
  for (const CheckEntry* e : {&before, &after}) {
    if (!e->error) continue;
    ++outcome.input_errors;
    io.err << format_error_line(e->path, *e->error) << '\n';
  }
  if (outcome.input_errors > 0) return status();

  const ModuleDiff diff = diff_modules({*before.module, *before.detection, *before.result},
                                       {*after.module, *after.detection, *after.result});
  const ReportOptions report = report_options(io, &knowledge);
  if (!render_diff(o.format, DiffReport{before, after, diff}, io.out,
                   report)) {  // --format's check prevents it
    io.err << fmt::format("wasm-audit: error: --format {} does not apply to diff\n", o.format);
    outcome.usage_error = true;
    return status();
  }
  if (diff.breaking()) outcome.gate_failures = 1;
  return status();
}

}  // namespace wasmaudit::cli
