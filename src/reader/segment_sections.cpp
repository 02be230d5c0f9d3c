// SPDX-License-Identifier: Apache-2.0
// The element, code and data sections (core spec 5.5.12, 5.5.13, 5.5.14): their counts and segment
// headers are read and checked — flags, table and memory indices, offset expressions, function
// indices, sizes; every function body and constant expression is decoded by the code scan
// (code_scan.hpp), while data bytes are skipped by size. The counts are held against the function
// and data count sections, as the spec requires.
#include <fmt/format.h>

#include "sections.hpp"
#include "wasmaudit/binary/limits.hpp"
#include "wording.hpp"

namespace wasmaudit::detail {
namespace {

std::size_t defined_functions(const Module& m) {
  std::size_t n = 0;
  for (const auto& f : m.functions) n += f.imported ? 0 : 1;
  return n;
}

/// `noun` is the singular; `nouns` the plural.
void check_index(std::uint64_t at, std::uint32_t index, std::size_t size, const char* what, const char* noun,
                 const char* nouns) {
  if (index >= size) {
    ByteReader::fail(at, fmt::format("{} {} out of range ({} {} defined)", what, index, size, size == 1 ? noun : nouns));
  }
}

}  // namespace

void read_element_section(ByteReader& r, Module& m, FeatureTally& features) {
  const std::uint32_t n = r.read_count("element segment count", 1, limits::kMaxElementSegments);
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint64_t at = r.offset();
    const std::uint32_t flags = r.read_u32("element segment flags");
    if (flags > 7) ByteReader::fail(at, fmt::format("invalid element segment flags {} (0 to 7)", flags));
    const bool active = (flags & 1) == 0;
    const bool expressions = (flags & 4) != 0;
    // Passive segments and expressions came with bulk memory; declarative ones with reference types.
    if (!active || expressions) features.use((flags & 3) == 3 ? Proposal::kReferenceTypes : Proposal::kBulkMemory, at);
    if (active) {
      const bool explicit_table = (flags & 2) != 0;
      const std::uint64_t table_at = explicit_table ? r.offset() : at;  // table 0 is implied by the flags
      const std::uint32_t table = explicit_table ? r.read_u32("element segment table index") : 0;
      check_index(table_at, table, m.tables.size(), "element segment table index", "table", "tables");
      if (table != 0) features.use(Proposal::kReferenceTypes, at);
      scan_const_expr(r, m, features);
    }
    if ((flags & 3) != 0) {  // an element kind (function indices) or a reference type (expressions)
      const std::uint64_t kind_at = r.offset();
      if (expressions) {
        const ValType t = read_val_type(r, "element segment type");
        if (t.kind != ValType::Kind::kRef) {
          ByteReader::fail(kind_at, fmt::format("element segment type {} is not a reference type", to_string(t)));
        }
        if (t != ValType::funcref()) note_val_type(t, kind_at, features);
      } else {
        const std::uint8_t kind = r.read_u8("element kind");
        if (kind != 0) ByteReader::fail(kind_at, fmt::format("invalid element kind 0x{:02x} (0x00 is funcref)", kind));
      }
    }
    const std::uint32_t items =
        r.read_count(expressions ? "element expression count" : "element function index count", 1,
                     limits::kMaxTableEntries);
    for (std::uint32_t k = 0; k < items; ++k) {
      if (expressions) {
        scan_const_expr(r, m, features);
      } else {
        const std::uint64_t index_at = r.offset();
        check_index(index_at, r.read_u32("element function index"), m.functions.size(), "element function index",
                    "function", "functions");
      }
    }
  }
}

void read_code_section(ByteReader& r, Module& m, FeatureTally& features) {
  const std::uint64_t at = r.offset();
  // Smallest body: its size, a local declaration count and `end`.
  const std::uint32_t n = r.read_count("function body count", 3, limits::kMaxFunctions);
  const std::size_t defined = defined_functions(m);
  if (n != defined) {
    ByteReader::fail(at, fmt::format("function and code section have inconsistent lengths: {} function bod{} for {}",
                                     n, n == 1 ? "y" : "ies", count_of(defined, "defined function")));
  }
  const auto imported = static_cast<std::uint32_t>(m.functions.size() - defined);
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint32_t size = r.read_u32("function body size");
    features.function = imported + i;
    scan_function_body(r.take(size, "function body"), m, features);
  }
  features.function = FeatureTally::kNoFunction;
  m.code_bodies = n;
}

void read_data_section(ByteReader& r, Module& m, FeatureTally& features) {
  const std::uint64_t at = r.offset();
  const std::uint32_t n = r.read_count("data segment count", 1, limits::kMaxDataSegments);
  if (m.data_count && *m.data_count != n) {
    ByteReader::fail(at, fmt::format("data count and data section have inconsistent lengths: {} after a data "
                                     "count of {}",
                                     count_of(n, "data segment"), *m.data_count));
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint64_t seg_at = r.offset();
    const std::uint32_t flags = r.read_u32("data segment flags");
    if (flags > 2) ByteReader::fail(seg_at, fmt::format("invalid data segment flags {} (0 to 2)", flags));
    if (flags == 1) features.use(Proposal::kBulkMemory, seg_at);  // passive
    if (flags != 1) {  // active: a memory (0, or explicit) and an offset expression
      const std::uint64_t mem_at = flags == 2 ? r.offset() : seg_at;  // memory 0 is implied by the flags
      const std::uint32_t memory = flags == 2 ? r.read_u32("data segment memory index") : 0;
      check_index(mem_at, memory, m.memories.size(), "data segment memory index", "memory", "memories");
      if (memory != 0) features.use(Proposal::kMultiMemory, seg_at);
      scan_const_expr(r, m, features);
    }
    const std::uint32_t size = r.read_u32("data segment size");
    r.take(size, "data segment bytes");
  }
  m.data_segments = n;
}

void check_section_counts(const Module& m) {
  const std::size_t defined = defined_functions(m);
  if (!m.code_bodies && defined > 0) {
    ByteReader::fail(m.file_size, fmt::format("function and code section have inconsistent lengths: {} and no "
                                              "code section",
                                              count_of(defined, "defined function")));
  }
  if (m.data_count && *m.data_count > 0 && !m.data_segments) {
    ByteReader::fail(m.file_size, fmt::format("data count and data section have inconsistent lengths: a data "
                                              "count of {} and no data section",
                                              *m.data_count));
  }
}

}  // namespace wasmaudit::detail
