// SPDX-License-Identifier: Apache-2.0
#include "cmd_inspect.hpp"

#include "exit_code.hpp"
#include "wasmaudit/audit.hpp"
#include "wasmaudit/report/inspect.hpp"

namespace wasmaudit::cli {

CLI::App* setup_inspect(CLI::App& app, InspectOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "inspect", "List a module's header, sections, imports and exports with their types");
  cmd->add_option("files", options.files, "WebAssembly binaries (core modules or components)")
      ->required();
  cmd->add_option("--format", options.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  return cmd;
}

int run_inspect(const InspectOptions& options, const Io& io) {
  std::vector<InspectEntry> entries;
  entries.reserve(options.files.size());
  bool failed = false;
  for (const auto& path : options.files) {
    entries.push_back(inspect_file(path));
    if (entries.back().error) {
      failed = true;
      io.err << format_error_line(path, *entries.back().error) << '\n';
    }
  }
  if (options.format == "json") {
    render_inspect_json(entries, io.out);
  } else {
    render_inspect_text(entries, io.out, TextOptions{io.color});
  }
  return to_int(failed ? ExitCode::kInputError : ExitCode::kOk);
}

}  // namespace wasmaudit::cli
