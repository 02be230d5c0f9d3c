// SPDX-License-Identifier: Apache-2.0
// Import section (core spec 5.5.5): vec(import); import ::= module:name name:name importdesc.
#include <fmt/format.h>

#include "sections.hpp"
#include "wasmaudit/binary/limits.hpp"

namespace wasmaudit::detail {

void read_import_section(ByteReader& r, Module& m) {
  // Smallest import: two empty names, a kind and a one-byte descriptor.
  const std::uint32_t n = r.read_count("import count", 4, limits::kMaxImports);
  m.imports.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    Import imp;
    const std::uint64_t start = r.offset();
    imp.module = r.read_name("import module name");
    imp.name = r.read_name("import name");
    const std::uint64_t kind_at = r.offset();
    const std::uint8_t kind = r.read_u8("import kind");
    switch (kind) {
      case 0x00:
        imp.kind = ExternKind::kFunc;
        imp.type_index = read_func_type_index(r, m, "function type index");
        m.functions.push_back({imp.type_index, true});
        break;
      case 0x01:
        imp.kind = ExternKind::kTable;
        imp.table = read_table_type(r);
        break;
      case 0x02:
        imp.kind = ExternKind::kMemory;
        imp.memory.limits = read_limits(r, ExternKind::kMemory);
        break;
      case 0x03:
        imp.kind = ExternKind::kGlobal;
        imp.global = read_global_type(r);
        break;
      case 0x04: {
        imp.kind = ExternKind::kTag;
        const std::uint64_t at = r.offset();
        const std::uint8_t attribute = r.read_u8("tag attribute");
        if (attribute != 0)
          ByteReader::fail(at, fmt::format("invalid tag attribute 0x{:02x}", attribute));
        imp.type_index = read_func_type_index(r, m, "tag type index");
        break;
      }
      case 0x7E:
      case 0x7F:
        // The compact-imports proposal groups imports behind an empty name and 0x7F/0x7E.
        // Misreading it would produce a wrong import list, so refuse it.
        if (imp.name.empty()) {
          ByteReader::fail(kind_at, fmt::format("unsupported compact import encoding 0x{:02x} "
                                                "(compact-imports proposal)",
                                                kind));
        }
        [[fallthrough]];
      default:
        ByteReader::fail(kind_at, fmt::format("invalid import kind 0x{:02x}", kind));
    }
    imp.range = {start, r.offset() - start};
    switch (imp.kind) {
      case ExternKind::kTable:
        m.tables.push_back({imp.table, true, imp.range});
        break;
      case ExternKind::kMemory:
        m.memories.push_back({imp.memory, true, imp.range});
        break;
      case ExternKind::kGlobal:
        m.globals.push_back({imp.global, true, imp.range});
        break;
      case ExternKind::kTag:
        m.tags.push_back({imp.type_index, true, imp.range});
        break;
      case ExternKind::kFunc:
        break;
    }
    m.imports.push_back(std::move(imp));
  }
}

}  // namespace wasmaudit::detail
