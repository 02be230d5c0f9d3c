// SPDX-License-Identifier: Apache-2.0
#include "cmd_explain.hpp"

#include <fmt/format.h>

#include "cmd_check.hpp"
#include "exit_code.hpp"
#include "wasmaudit/audit.hpp"
#include "wasmaudit/reader/file_bytes.hpp"
#include "wasmaudit/policy/explain.hpp"
#include "wasmaudit/report/input_error.hpp"
#include "wasmaudit/report/explain.hpp"
#include "wasmaudit/report/format.hpp"

namespace wasmaudit::cli {

CLI::App* setup_explain(CLI::App& app, ExplainOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "explain",
      "From a runtime's error message (or a whole log) to what it means, its likely causes and their fixes");
  cmd->add_option("text", o.text, "The message (quote it), or - to read it from standard input");
  cmd->add_option("--file", o.file, "Read the message, or a whole log, from this file");
  cmd->add_option("--format", o.format, "Output format: " + format_help(Command::kExplain))
      ->check(CLI::IsMember(format_names(Command::kExplain)))
      ->capture_default_str();
  cmd->add_option("--module", o.module,
                  "The module the error came from: check it and say which cause it confirms");
  cmd->add_option("--policy", o.policies, "Load a policy or knowledge document (runtimes and their error texts)")
      ->allow_extra_args(false);
  // explain's own statuses (run_explain), not check's gate.
  cmd->footer(R"(Exit status (the first that applies):
  2  usage error (bad command line)
  4  a --policy file does not load
  3  input error: the --file cannot be read, or the --module FILE is unreadable, not wasm,
     malformed or unsupported
  1  no line of the text was recognised (the closest templates are listed)
  0  at least one line was recognised

Environment:
  NO_COLOR  when set and not empty, never colour the output (unless --color=always)
  COLUMNS   the width the text report fits (default: the terminal's, else 80)

Documentation: docs/cli.md (explain), docs/errors.md (every error text it knows))");
  return cmd;
}

int run_explain(const ExplainOptions& o, const Io& io) {
  Outcome outcome;
  auto status = [&] { return to_int(exit_status(outcome)); };
  const bool from_stdin = o.text.size() == 1 && o.text.front() == "-";
  if (o.text.empty() == o.file.empty() || (!o.file.empty() && from_stdin)) {
    io.err << "wasm-audit: error: explain takes the message as arguments, or --file LOG, or - (standard input)\n";
    outcome.usage_error = true;
    return status();
  }
  Knowledge knowledge;
  if (!prepare_knowledge(o.policies, {}, knowledge, outcome, io)) return status();
  std::string text;
  if (!o.file.empty() || from_stdin) {
    // The same reading as a module's: a directory, a device or a FIFO is refused, standard input
    // is bounded.
    const std::string path = from_stdin ? "-" : o.file;
    try {
      const FileBytes file = FileBytes::open(path);
      text.assign(reinterpret_cast<const char*>(file.bytes().data()), file.bytes().size());
    } catch (const IoError& e) {
      io.err << format_error_line(path, InputError::from(e)) << '\n';
      ++outcome.input_errors;
      return status();
    }
  } else {
    for (const auto& part : o.text) text += (text.empty() ? "" : " ") + part;
  }
  ExplainResult result = explain_errors(text, knowledge);
  if (!o.module.empty()) {
    const CheckEntry entry = check_file(o.module, knowledge, EvalOptions{});
    if (entry.error) {
      io.err << format_error_line(entry.path, *entry.error) << '\n';
      ++outcome.input_errors;
      return status();
    }
    confirm_with_module(result, entry.path, *entry.module, entry.detection ? &*entry.detection : nullptr,
                        *entry.result);
  }
  const ReportOptions report = report_options(io, &knowledge);
  render_explain(o.format, result, io.out, report);
  if (!result.recognised()) outcome.gate_failures = 1;  // exit status 1: nothing recognised
  return status();
}

}  // namespace wasmaudit::cli
