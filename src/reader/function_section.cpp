// SPDX-License-Identifier: Apache-2.0
// Function section (core spec 5.5.6): vec(typeidx), one per function defined in the code section.
#include "sections.hpp"
#include "wasmaudit/binary/limits.hpp"

namespace wasmaudit::detail {

void read_function_section(ByteReader& r, Module& m) {
  const std::uint32_t n = r.read_count("function count", 1, limits::kMaxFunctions);
  m.functions.reserve(m.functions.size() + n);
  for (std::uint32_t i = 0; i < n; ++i) {
    m.functions.push_back({read_func_type_index(r, m, "function type index"), false});
  }
}

}  // namespace wasmaudit::detail
