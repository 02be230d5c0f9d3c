// SPDX-License-Identifier: Apache-2.0
// Export section (core spec 5.5.10): vec(export); export ::= name exportdesc.
#include <string_view>
#include <unordered_set>

#include <fmt/format.h>

#include "sections.hpp"
#include "wasmaudit/binary/limits.hpp"

namespace wasmaudit::detail {
namespace {

std::size_t index_space_size(const Module& m, ExternKind kind) {
  switch (kind) {
    case ExternKind::kFunc:
      return m.functions.size();
    case ExternKind::kTable:
      return m.tables.size();
    case ExternKind::kMemory:
      return m.memories.size();
    case ExternKind::kGlobal:
      return m.globals.size();
    case ExternKind::kTag:
      return m.tags.size();
  }
  return 0;
}

}  // namespace

void read_export_section(ByteReader& r, Module& m) {
  const std::uint32_t n = r.read_count("export count", 3, limits::kMaxExports);
  m.exports.reserve(n);
  std::unordered_set<std::string_view> seen;
  seen.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    Export e;
    const std::uint64_t start = r.offset();
    e.name = r.read_name("export name");
    const std::uint64_t kind_at = r.offset();
    const std::uint8_t kind = r.read_u8("export kind");
    if (kind > 0x04) ByteReader::fail(kind_at, fmt::format("invalid export kind 0x{:02x}", kind));
    e.kind = static_cast<ExternKind>(kind);
    const std::uint64_t index_at = r.offset();
    e.index = r.read_u32("export index");
    const std::size_t space = index_space_size(m, e.kind);
    if (e.index >= space) {
      ByteReader::fail(index_at, fmt::format("export \"{}\": {} index {} out of range ({} defined)",
                                             e.name, to_string(e.kind), e.index, space));
    }
    e.range = {start, r.offset() - start};
    m.exports.push_back(std::move(e));
  }
  // Names are checked after all are read: the vector no longer moves, so views into it stay valid.
  for (const Export& e : m.exports) {
    if (!seen.insert(e.name).second) {
      ByteReader::fail(e.range.offset, fmt::format("duplicate export name \"{}\"", e.name));
    }
  }
}

}  // namespace wasmaudit::detail
