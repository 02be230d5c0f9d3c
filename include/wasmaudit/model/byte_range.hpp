// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

namespace wasmaudit {

/// A half-open range of bytes [offset, offset + size) in the file being audited.
struct ByteRange {
  std::uint64_t offset = 0;
  std::uint64_t size = 0;

  std::uint64_t end() const noexcept { return offset + size; }
  friend bool operator==(const ByteRange&, const ByteRange&) = default;
};

}  // namespace wasmaudit
