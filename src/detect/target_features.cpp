// SPDX-License-Identifier: Apache-2.0
// The `target_features` custom section wasm-ld writes: a vector of (prefix, feature name), the
// prefix `+` (used), `-` (disallowed) or `=` (required).
#include "parsers.hpp"
#include "wasmaudit/binary/limits.hpp"

namespace wasmaudit::detail {

std::vector<std::string> read_target_features(ByteReader r) {
  std::vector<std::string> out;
  const std::uint32_t count = r.read_count("target_features count", 2, limits::kMaxTargetFeatures);
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint64_t at = r.offset();
    const std::uint8_t prefix = r.read_u8("target_features prefix");
    if (prefix != '+' && prefix != '-' && prefix != '=') {
      ByteReader::fail(at, fmt::format("invalid target_features prefix 0x{:02x} (expected '+', "
                                       "'-' or '=')",
                                       prefix));
    }
    std::string feature(1, static_cast<char>(prefix));
    feature += r.read_name_view("target_features feature name");
    out.push_back(std::move(feature));
  }
  if (!r.at_end()) {
    ByteReader::fail(r.offset(),
                     fmt::format("{} unexpected bytes after the last feature", r.remaining()));
  }
  return out;
}

}  // namespace wasmaudit::detail
