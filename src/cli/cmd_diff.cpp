// SPDX-License-Identifier: Apache-2.0
// PLACEHOLDER being written.
#include "cmd_diff.hpp"

#include "exit_code.hpp"
#include "wasmaudit/report/format.hpp"

namespace wasmaudit::cli {

CLI::App* setup_diff(CLI::App& app, DiffOptions& o) {
  CLI::App* cmd = app.add_subcommand("diff", "What changed between two releases of a module");
  cmd->add_option("old", o.old_file, "The earlier release")->required();
  cmd->add_option("new", o.new_file, "The later release")->required();
  return cmd;
}

int run_diff(const DiffOptions&, const Io&) { return to_int(ExitCode::kUsage); }

}  // namespace wasmaudit::cli
