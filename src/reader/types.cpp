// SPDX-License-Identifier: Apache-2.0
// Value types, limits, table/global types, constant expressions and the type section.
#include <fmt/format.h>

#include "sections.hpp"
#include "wasmaudit/binary/limits.hpp"
#include "wording.hpp"

namespace wasmaudit::detail {
namespace {

constexpr std::uint8_t kFirstAbstractHeap = 0x69;  // exn
constexpr std::uint8_t kLastAbstractHeap = 0x74;   // noexn

bool is_abstract_heap_byte(std::uint8_t b) {
  return b >= kFirstAbstractHeap && b <= kLastAbstractHeap;
}

}  // namespace

// heaptype ::= absheaptype (one byte) | typeidx (as s33, non-negative)
void read_heap_type(ByteReader& r, ValType& out) {
  const std::uint64_t at = r.offset();
  const std::uint8_t b = r.peek_u8("heap type");
  if (is_abstract_heap_byte(b)) {
    r.read_u8("heap type");
    out.heap_is_index = false;
    out.heap = b;
    return;
  }
  const std::int64_t v = r.read_s33("heap type");
  if (v < 0) ByteReader::fail(at, fmt::format("invalid heap type 0x{:02x}", b));
  out.heap_is_index = true;
  out.heap = static_cast<std::uint32_t>(v);
}

namespace {

// GC proposal: storagetype ::= valtype | 0x78 (i8) | 0x77 (i16); fieldtype ::= storagetype mut
void read_field_type(ByteReader& r) {
  const std::uint8_t b = r.peek_u8("field type");
  if (b == 0x78 || b == 0x77) {
    r.read_u8("field type");
  } else {
    read_val_type(r, "field type");
  }
  const std::uint64_t at = r.offset();
  const std::uint8_t mut = r.read_u8("field mutability");
  if (mut > 1) ByteReader::fail(at, fmt::format("invalid mutability 0x{:02x}", mut));
}

std::vector<ValType> read_val_types(ByteReader& r, const char* what, std::uint32_t max) {
  const std::uint32_t n = r.read_count(fmt::format("{} count", what), 1, max);
  std::vector<ValType> out;
  out.reserve(n);
  const std::string item = fmt::format("{} type", what);
  for (std::uint32_t i = 0; i < n; ++i) out.push_back(read_val_type(r, item));
  return out;
}

// comptype ::= 0x60 functype | 0x5F structtype | 0x5E arraytype | 0x5D typeidx (cont, stack switching)
TypeDef read_comp_type(ByteReader& r) {
  TypeDef def;
  const std::uint64_t at = r.offset();
  const std::uint8_t form = r.read_u8("type form");
  switch (form) {
    case 0x60:
      def.kind = CompositeKind::kFunc;
      def.func.params = read_val_types(r, "parameter", limits::kMaxParams);
      def.func.results = read_val_types(r, "result", limits::kMaxResults);
      break;
    case 0x5F: {
      def.kind = CompositeKind::kStruct;
      const std::uint32_t n = r.read_count("struct field count", 2, limits::kMaxStructFields);
      for (std::uint32_t i = 0; i < n; ++i) read_field_type(r);
      break;
    }
    case 0x5E:
      def.kind = CompositeKind::kArray;
      read_field_type(r);
      break;
    case 0x5D: {
      def.kind = CompositeKind::kCont;
      const std::uint64_t index_at = r.offset();
      if (r.read_s33("continuation type index") < 0) ByteReader::fail(index_at, "invalid continuation type index");
      break;
    }
    default:
      ByteReader::fail(at, fmt::format("unsupported type form 0x{:02x}", form));
  }
  def.range = {at, r.offset() - at};
  return def;
}

// subtype ::= 0x50 vec(typeidx) comptype | 0x4F vec(typeidx) comptype | comptype
TypeDef read_sub_type(ByteReader& r) {
  const std::uint64_t at = r.offset();
  const std::uint8_t b = r.peek_u8("type form");
  const bool sub = b == 0x50 || b == 0x4F;
  if (sub) {
    r.read_u8("type form");
    const std::uint32_t n = r.read_count("supertype count", 1, limits::kMaxSupertypes);
    for (std::uint32_t i = 0; i < n; ++i) r.read_u32("supertype index");
  }
  TypeDef def = read_comp_type(r);
  def.gc_form = sub;
  def.range = {at, r.offset() - at};
  return def;
}

}  // namespace

ValType read_val_type(ByteReader& r, std::string_view what) {
  const std::uint64_t at = r.offset();
  const std::uint8_t b = r.read_u8(what);
  ValType t;
  switch (b) {
    case 0x7F:
      return ValType::i32();
    case 0x7E:
      return ValType::i64();
    case 0x7D:
      return ValType::f32();
    case 0x7C:
      return ValType::f64();
    case 0x7B:
      return ValType{ValType::Kind::kV128};
    case 0x63:  // (ref null ht)
    case 0x64:  // (ref ht)
      t.kind = ValType::Kind::kRef;
      t.nullable = b == 0x63;
      read_heap_type(r, t);
      return t;
    default:
      if (is_abstract_heap_byte(b)) {  // shorthands: funcref, externref, anyref, …
        t.kind = ValType::Kind::kRef;
        t.nullable = true;
        t.heap = b;
        return t;
      }
      ByteReader::fail(at, fmt::format("invalid {} 0x{:02x}", what, b));
  }
}

// limits: flags (bit 0 max present, bit 1 shared, bit 2 64-bit, bit 3 custom page size), then min,
// max if present, and the page size's log2 if present. Tables only know bits 0 and 2.
Limits read_limits(ByteReader& r, ExternKind kind) {
  const std::uint64_t at = r.offset();
  const std::uint8_t flags = r.read_u8("limits flags");
  const std::uint8_t allowed = kind == ExternKind::kMemory ? 0x0F : 0x05;
  if ((flags & ~allowed) != 0) {
    ByteReader::fail(at, fmt::format("invalid {} limits flags 0x{:02x}", to_string(kind), flags));
  }
  Limits l;
  l.shared = (flags & 0x02) != 0;
  l.is64 = (flags & 0x04) != 0;
  if (l.is64) {
    l.min = r.read_u64("limits minimum");
    if (flags & 0x01) l.max = r.read_u64("limits maximum");
  } else {
    l.min = r.read_u32("limits minimum");
    if (flags & 0x01) l.max = r.read_u32("limits maximum");
  }
  if (flags & 0x08) {
    const std::uint64_t ps_at = r.offset();
    const std::uint32_t log2 = r.read_u32("page size");
    if (log2 > 16) ByteReader::fail(ps_at, fmt::format("invalid page size 2^{}", log2));
    l.page_size_log2 = log2;
  }
  return l;
}

TableType read_table_type(ByteReader& r) {
  TableType t;
  const std::uint64_t at = r.offset();
  t.element = read_val_type(r, "table element type");
  if (t.element.kind != ValType::Kind::kRef) {
    ByteReader::fail(
        at, fmt::format("table element type {} is not a reference type", to_string(t.element)));
  }
  t.limits = read_limits(r, ExternKind::kTable);
  return t;
}

GlobalType read_global_type(ByteReader& r) {
  GlobalType g;
  g.type = read_val_type(r, "global type");
  const std::uint64_t at = r.offset();
  const std::uint8_t mut = r.read_u8("global mutability");
  if (mut > 1) ByteReader::fail(at, fmt::format("invalid global mutability 0x{:02x}", mut));
  g.is_mutable = mut == 1;
  return g;
}

std::uint32_t read_func_type_index(ByteReader& r, const Module& m, const char* what) {
  const std::uint64_t at = r.offset();
  const std::uint32_t index = r.read_u32(what);
  if (index >= m.types.size()) {
    ByteReader::fail(at, fmt::format("{} {} out of range ({} defined)", what, index,
                                     count_of(m.types.size(), "type")));
  }
  if (m.types[index].kind != CompositeKind::kFunc) {
    ByteReader::fail(at, fmt::format("{} {} is not a function type", what, index));
  }
  return index;
}

// type section: vec(rectype); rectype ::= 0x4E vec(subtype) | subtype. Rec groups are flattened
// into the type index space.
void read_type_section(ByteReader& r, Module& m) {
  // Smallest type entry: an empty struct (0x5F 0x00) or an empty rec group (0x4E 0x00).
  const std::uint32_t n = r.read_count("type count", 2, limits::kMaxTypes);
  m.types.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (r.peek_u8("type form") == 0x4E) {
      r.read_u8("type form");
      // Smallest subtype: an empty struct (0x5F 0x00).
      const std::uint64_t group_at = r.offset();
      const std::uint32_t group = r.read_count("rec group size", 2, limits::kMaxRecGroupSize);
      if (m.types.size() + group > limits::kMaxTypes) {
        ByteReader::fail(group_at,
                         fmt::format("rec group size {} takes the type count past the limit of {}",
                                     group, limits::kMaxTypes));
      }
      for (std::uint32_t k = 0; k < group; ++k) {
        m.types.push_back(read_sub_type(r));
        m.types.back().gc_form = true;
      }
    } else {
      m.types.push_back(read_sub_type(r));
    }
  }
}

}  // namespace wasmaudit::detail
