// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "wasmaudit/error.hpp"

namespace wasmaudit {

/// An input error as reports show it: what went wrong, where, in which part of the file.
struct InputError {
  std::string message;
  std::string context;                 ///< "import section", "header"; empty for I/O errors
  std::optional<std::uint64_t> offset;  ///< byte offset in the file; none for I/O errors

  static InputError from(const DecodeError& e) { return {e.what(), e.context(), e.offset()}; }
  static InputError from(const IoError& e) { return {e.what(), {}, std::nullopt}; }
};

/// The one-line diagnostic: `wasm-audit: error: FILE:0xOFFSET: CONTEXT: MESSAGE` (no newline).
std::string format_error_line(const std::string& path, const InputError& error);

}  // namespace wasmaudit
