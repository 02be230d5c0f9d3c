// SPDX-License-Identifier: Apache-2.0
// Table section (core spec 5.5.7): vec(table); table ::= tabletype | 0x40 0x00 tabletype expr.
#include <fmt/format.h>

#include "sections.hpp"
#include "wasmaudit/binary/limits.hpp"

namespace wasmaudit::detail {

void read_table_section(ByteReader& r, Module& m, FeatureTally& features) {
  // Smallest table: a one-byte reference type, limits flags and a minimum.
  const std::uint32_t n = r.read_count("table count", 3, limits::kMaxTables);
  m.tables.reserve(m.tables.size() + n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint64_t start = r.offset();
    bool has_init = false;
    if (r.peek_u8("table type") == 0x40) {  // function-references: table with an initialiser
      r.read_u8("table type");
      const std::uint64_t at = r.offset();
      if (r.read_u8("table reserved byte") != 0x00) {
        ByteReader::fail(at, "invalid table encoding: expected 0x00 after 0x40");
      }
      has_init = true;
    }
    Table t;
    t.type = read_table_type(r);
    if (has_init) {
      features.use(Proposal::kFunctionReferences, start);
      scan_const_expr(r, m, features);
    }
    t.range = {start, r.offset() - start};
    m.tables.push_back(t);
  }
}

}  // namespace wasmaudit::detail
