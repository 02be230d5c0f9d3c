// SPDX-License-Identifier: Apache-2.0
// Runs a peer tool (wasm-objdump, wasm-validate, node) through the shell and collects its output.
#pragma once

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace wasmaudit::test {

struct ProcessResult {
  std::string out;
  int status = -1;  ///< the exit status, or -1 when the command could not run or was killed
};

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// Runs `command` with /bin/sh; its standard output (add `2>&1` to merge standard error).
inline ProcessResult run_shell(const std::string& command) {
  ProcessResult r;
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf{};
  for (std::size_t n; (n = std::fread(buf.data(), 1, buf.size(), p)) > 0;) r.out.append(buf.data(), n);
  const int raw = pclose(p);
  r.status = raw != -1 && WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

}  // namespace wasmaudit::test
