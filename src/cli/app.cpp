// SPDX-License-Identifier: Apache-2.0
#include "app.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <cctype>
#include <cstdlib>

#include "cmd_check.hpp"
#include "cmd_diff.hpp"
#include "cmd_explain.hpp"
#include "cmd_matrix.hpp"
#include "cmd_inspect.hpp"
#include "cmd_rules.hpp"
#include "exit_code.hpp"
#include "io.hpp"
#include "wasmaudit/report/format.hpp"
#include "wasmaudit/version.hpp"

namespace wasmaudit::cli {
namespace {

constexpr const char* kFooter = R"(Exit status (the first that applies):
  2  usage error (bad command line)
  4  a --policy, --host or --baseline file does not load, or an output file cannot be written
  3  input error: a file is unreadable, not wasm, malformed or unsupported; the other files
     are still processed
  1  a module failed its gate: a --require runtime would not run it, a finding at or above
     --fail-on, or (without --require) it runs on no selected runtime or breaks the WASI ABI;
     diff: the new release breaks a consumer of the old one
  0  every module passed

Input errors are printed one per line:
  wasm-audit: error: FILE:0xOFFSET: SECTION: what went wrong

Environment:
  NO_COLOR  when set and not empty, never colour the output (unless --color=always)
  COLUMNS   the width the text report fits (default: the terminal's, else 80)

'wasm-audit help COMMAND' shows one command's options. Documentation: docs/cli.md)";

bool want_color(const std::string& mode, const Environment& env) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  return env.stdout_is_tty && !env.no_color;
}

// CLI11 reports a mistyped command as "A subcommand is required"; name the word instead.
std::string unknown_command(const CLI::App& app, int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--color") {
      ++i;
      continue;
    }
    if (!arg.empty() && arg[0] == '-') continue;
    for (const CLI::App* sub : app.get_subcommands({})) {
      if (sub->get_name() == arg) return {};
    }
    return arg;
  }
  return {};
}

}  // namespace

Environment Environment::current() {
  Environment env;
  env.stdout_is_tty = ::isatty(STDOUT_FILENO) == 1;
  const char* nc = std::getenv("NO_COLOR");
  env.no_color = nc != nullptr && *nc != '\0';
  if (const char* cols = std::getenv("COLUMNS"); cols != nullptr && *cols != '\0') {
    char* end = nullptr;
    const long n = std::strtol(cols, &end, 10);
    if (end != nullptr && *end == '\0' && n > 0) env.columns = static_cast<std::size_t>(n);
  }
  if (env.columns == 0 && env.stdout_is_tty) {
    winsize ws{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) env.columns = ws.ws_col;
  }
  return env;
}

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
        const Environment& env) {
  CLI::App app{"wasm-audit: audit WebAssembly binaries before they ship", "wasm-audit"};
  app.set_version_flag("-V,--version", [] { return version_text(); },
                       "Print the versions (tool and library, JSON schemas, knowledge base) and exit");
  app.require_subcommand(1);
  app.footer(kFooter);
  std::string color = "auto";
  app.add_option("--color", color, "Colour the text output: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();

  InspectOptions inspect;
  CLI::App* inspect_cmd = setup_inspect(app, inspect);
  CheckOptions check;
  CLI::App* check_cmd = setup_check(app, check);
  DiffOptions diff;
  CLI::App* diff_cmd = setup_diff(app, diff);
  ExplainOptions explain;
  CLI::App* explain_cmd = setup_explain(app, explain);
  MatrixOptions matrix;
  CLI::App* matrix_cmd = setup_matrix(app, matrix);
  RulesOptions rules;
  CLI::App* rules_cmd = setup_rules(app, rules);
  RuntimesOptions runtimes;
  CLI::App* runtimes_cmd = setup_runtimes(app, runtimes);
  std::string help_topic;
  CLI::App* help_cmd = app.add_subcommand("help", "Show the help of wasm-audit or of one command");
  help_cmd->add_option("command", help_topic, "The command, or 'formats' for the output formats");
  // Global options (--color) are accepted after the command too.
  for (CLI::App* sub : app.get_subcommands({})) sub->fallthrough();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {  // --help, --help-all, --version
      app.exit(e, out, err);
      return to_int(ExitCode::kOk);
    }
    const std::string word = unknown_command(app, argc, argv);
    std::string message = word.empty() ? std::string(e.what()) : "unknown command '" + word + "'";
    if (message == "A subcommand is required") message = "a command is required";
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    err << "wasm-audit: error: " << message << " (see 'wasm-audit --help')\n";
    return to_int(ExitCode::kUsage);
  }

  const std::size_t width = env.columns >= 40 ? env.columns : (env.columns == 0 ? 80 : 40);
  const Io io{out, err, want_color(color, env), width};
  if (inspect_cmd->parsed()) return run_inspect(inspect, io);
  if (check_cmd->parsed()) return run_check(check, io);
  if (diff_cmd->parsed()) return run_diff(diff, io);
  if (explain_cmd->parsed()) return run_explain(explain, io);
  if (matrix_cmd->parsed()) return run_matrix(matrix, io);
  if (rules_cmd->parsed()) return run_rules(rules, io);
  if (runtimes_cmd->parsed()) return run_runtimes(runtimes, io);
  if (help_cmd->parsed()) {
    if (help_topic.empty()) {
      out << app.help();
      return to_int(ExitCode::kOk);
    }
    if (help_topic == "formats") {
      out << format_table_text();
      return to_int(ExitCode::kOk);
    }
    for (const CLI::App* sub : app.get_subcommands({})) {
      if (sub->get_name() == help_topic) {
        out << sub->help();
        return to_int(ExitCode::kOk);
      }
    }
    err << "wasm-audit: error: unknown command '" << help_topic << "' (see 'wasm-audit --help')\n";
    return to_int(ExitCode::kUsage);
  }
  return to_int(ExitCode::kUsage);
}

}  // namespace wasmaudit::cli
