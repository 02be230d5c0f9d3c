// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <ostream>

namespace wasmaudit::cli {

/// What the process environment says about output, read once in main() so run() stays testable.
struct Environment {
  bool stdout_is_tty = false;
  bool no_color = false;  ///< NO_COLOR is set and not empty (no-color.org)
  std::size_t columns = 0;  ///< COLUMNS, else the terminal's width; 0 = unknown (80 is used)
  static Environment current();
};

/// Runs the command line. Writes reports to `out`, diagnostics to `err`; returns the exit code.
/// The only place that catches input errors and maps outcomes to exit codes.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
        const Environment& env);

}  // namespace wasmaudit::cli
