// SPDX-License-Identifier: Apache-2.0
#include "app.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>

#include <cctype>
#include <cstdlib>

#include "cmd_check.hpp"
#include "cmd_inspect.hpp"
#include "exit_code.hpp"
#include "io.hpp"
#include "wasmaudit/version.hpp"

namespace wasmaudit::cli {
namespace {

constexpr const char* kFooter = R"(Exit status:
  0  ran; no finding at or above --fail-on
  1  ran; findings at or above --fail-on
  2  usage error (bad command line)
  3  input error: a file is unreadable, not wasm, malformed or unsupported; the other files
     are still processed

Input errors are printed one per line:
  wasm-audit: error: FILE:0xOFFSET: SECTION: what went wrong

Environment:
  NO_COLOR  when set and not empty, never colour the output (unless --color=always)

Documentation: docs/cli.md)";

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
  return env;
}

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
        const Environment& env) {
  CLI::App app{"wasm-audit: audit WebAssembly binaries before they ship", "wasm-audit"};
  app.set_version_flag("--version", std::string("wasm-audit ") + kVersion, "Print the version and exit");
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
  RuntimesOptions runtimes;
  CLI::App* runtimes_cmd = setup_runtimes(app, runtimes);

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

  const Io io{out, err, want_color(color, env)};
  if (inspect_cmd->parsed()) return run_inspect(inspect, io);
  if (check_cmd->parsed()) return run_check(check, io);
  if (runtimes_cmd->parsed()) return run_runtimes(runtimes, io);
  return to_int(ExitCode::kUsage);
}

}  // namespace wasmaudit::cli
