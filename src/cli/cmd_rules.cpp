// SPDX-License-Identifier: Apache-2.0
#include "cmd_rules.hpp"

#include "cmd_check.hpp"
#include "exit_code.hpp"
#include "wasmaudit/report/format.hpp"
#include "wasmaudit/report/rules.hpp"

namespace wasmaudit::cli {

CLI::App* setup_rules(CLI::App& app, RulesOptions& o) {
  CLI::App* cmd = app.add_subcommand("rules", "List every rule id with its default severity, meaning and fix");
  cmd->add_option("--format", o.format, "Output format: " + format_help(Command::kRules))
      ->check(CLI::IsMember(format_names(Command::kRules)))
      ->capture_default_str();
  cmd->add_option("--policy", o.policies, "Load more knowledge documents first (rules, severity overrides)")
      ->allow_extra_args(false);
  return cmd;
}

int run_rules(const RulesOptions& o, const Io& io) {
  Knowledge knowledge;
  if (!load_knowledge(o.policies, knowledge, io)) return to_int(exit_status({.config_error = true}));
  const ReportOptions report = report_options(io);
  if (o.format == "json") {
    render_rules_json(knowledge, io.out);
  } else {
    render_rules_text(knowledge, io.out, report);
  }
  return to_int(ExitCode::kOk);
}

}  // namespace wasmaudit::cli
