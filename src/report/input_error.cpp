// SPDX-License-Identifier: Apache-2.0
#include "wasmaudit/report/input_error.hpp"

#include <fmt/format.h>

#include "report/escape.hpp"

namespace wasmaudit {

std::string format_error_line(const std::string& path, const InputError& error) {
  std::string line = "wasm-audit: error: " + escape_name(path);
  if (error.offset) line += fmt::format(":0x{:x}", *error.offset);
  line += ": ";
  if (!error.context.empty()) line += error.context + ": ";
  // Messages may quote names from the binary; keep the line one line and free of escapes.
  line += escape_name(error.message);
  return line;
}

}  // namespace wasmaudit
