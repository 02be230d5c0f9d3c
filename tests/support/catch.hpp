// SPDX-License-Identifier: Apache-2.0
// The one place tests include Catch2 from (CLI11's tests/catch.hpp pattern): moving to Catch2 v3 is
// a change to this file and the CMake target only.
#pragma once

#ifdef WASMAUDIT_CATCH3
#include <catch2/catch_all.hpp>
#else
#include <catch2/catch.hpp>
#endif

#include <ostream>

#include "wasmaudit/model/byte_range.hpp"

namespace wasmaudit {
// Readable failure messages for model values.
inline std::ostream& operator<<(std::ostream& os, const ByteRange& r) {
  return os << "{offset " << r.offset << ", size " << r.size << "}";
}
}  // namespace wasmaudit
