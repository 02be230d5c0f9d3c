// SPDX-License-Identifier: Apache-2.0
// A tiny byte builder for in-test modules (wabt's test-binary-reader style): tests spell out bytes
// with a comment per field, and the builder only does the bookkeeping (LEB128, names, sizes).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace wasmaudit::test {

using Bytes = std::vector<std::uint8_t>;

inline Bytes uleb(std::uint64_t v) {
  Bytes out;
  do {
    std::uint8_t b = v & 0x7F;
    v >>= 7;
    if (v != 0) b |= 0x80;
    out.push_back(b);
  } while (v != 0);
  return out;
}

inline Bytes name(std::string_view s) {
  Bytes out = uleb(s.size());
  out.insert(out.end(), s.begin(), s.end());
  return out;
}

inline Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

/// id, size (LEB128), payload.
inline Bytes section(std::uint8_t id, const Bytes& payload) {
  return cat({Bytes{id}, uleb(payload.size()), payload});
}

inline Bytes core_header() { return {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00}; }
inline Bytes component_header() { return {0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00}; }

/// A core module made of the header and these sections.
inline Bytes module(std::initializer_list<Bytes> sections) {
  Bytes out = core_header();
  for (const auto& s : sections) out.insert(out.end(), s.begin(), s.end());
  return out;
}

}  // namespace wasmaudit::test
