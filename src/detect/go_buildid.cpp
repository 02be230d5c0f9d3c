// SPDX-License-Identifier: Apache-2.0
// Go's `go:buildid` custom section: the Go linker writes the data of its `go:buildid` symbol, the
// build ID header `\xff Go build ID: "<id>"\n \xff`, right after the module header
// (cmd/link/internal/wasm/asm.go writeBuildID, go1.21.13-go1.24.4; observed in every fixture).
#include <algorithm>

#include "parsers.hpp"

namespace wasmaudit::detail {

std::optional<std::string> read_go_build_id(std::span<const std::uint8_t> payload) {
  constexpr std::string_view kPrefix = "\xff Go build ID: \"";
  constexpr std::string_view kSuffix = "\"\n \xff";
  const std::string_view text(reinterpret_cast<const char*>(payload.data()), payload.size());
  if (text.size() < kPrefix.size() + kSuffix.size() || text.substr(0, kPrefix.size()) != kPrefix ||
      text.substr(text.size() - kSuffix.size()) != kSuffix) {
    return std::nullopt;
  }
  const std::string_view id =
      text.substr(kPrefix.size(), text.size() - kPrefix.size() - kSuffix.size());
  // Build IDs are base64-like hashes joined by '/': printable ASCII without quotes.
  const bool plain = std::all_of(
      id.begin(), id.end(), [](char c) { return c > ' ' && c < 0x7f && c != '"' && c != '\\'; });
  if (!plain) return std::nullopt;
  return std::string(id);
}

}  // namespace wasmaudit::detail
