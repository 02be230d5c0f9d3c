// SPDX-License-Identifier: Apache-2.0
#include "cli_runner.hpp"

#include <sstream>

#include "app.hpp"

namespace wasmaudit::test {

CliResult run_cli(const std::vector<std::string>& args) {
  std::vector<const char*> argv{"wasm-audit"};
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out;
  std::ostringstream err;
  CliResult r;
  r.exit_code = cli::run(static_cast<int>(argv.size()), argv.data(), out, err, cli::Environment{});
  r.out = out.str();
  r.err = err.str();
  return r;
}

}  // namespace wasmaudit::test
