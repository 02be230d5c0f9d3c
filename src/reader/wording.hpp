// SPDX-License-Identifier: Apache-2.0
// Internal: small helpers that keep the reader's error messages grammatical.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace wasmaudit::detail {

/// "1 byte", "3 bytes", "0 types": a count with its noun, plural unless the count is one.
inline std::string count_of(std::uint64_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

}  // namespace wasmaudit::detail
