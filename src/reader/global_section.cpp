// SPDX-License-Identifier: Apache-2.0
// Global section (core spec 5.5.9): vec(global); global ::= globaltype expr.
#include "sections.hpp"
#include "wasmaudit/binary/limits.hpp"

namespace wasmaudit::detail {

void read_global_section(ByteReader& r, Module& m, FeatureTally& features) {
  // Smallest global: a value type, a mutability byte and `end`.
  const std::uint32_t n = r.read_count("global count", 3, limits::kMaxGlobals);
  m.globals.reserve(m.globals.size() + n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint64_t start = r.offset();
    Global g;
    g.type = read_global_type(r);
    scan_const_expr(r, m, features);
    g.range = {start, r.offset() - start};
    m.globals.push_back(g);
  }
}

}  // namespace wasmaudit::detail
