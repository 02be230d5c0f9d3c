// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "io.hpp"

namespace wasmaudit::cli {

struct CheckOptions {
  std::vector<std::string> files;
  std::string format = "text";
  std::vector<std::string> runtimes;  ///< "wasmtime", "wasmtime@24", comma-separated allowed
  std::vector<std::string> policies;  ///< --policy files, in order
  std::vector<std::string> hosts;     ///< --host manifests
  std::string fail_on = "error";
  std::vector<std::string> preopens;  ///< --preopen HOST::GUEST, in order
  std::string profile;                ///< --profile NAME ("" = none)
};

CLI::App* setup_check(CLI::App& app, CheckOptions& options);
int run_check(const CheckOptions& options, const Io& io);

struct RuntimesOptions {
  std::string format = "text";
  std::vector<std::string> policies;
};

CLI::App* setup_runtimes(CLI::App& app, RuntimesOptions& options);
int run_runtimes(const RuntimesOptions& options, const Io& io);

}  // namespace wasmaudit::cli
