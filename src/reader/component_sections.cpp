// SPDX-License-Identifier: Apache-2.0
// A component's top-level import (id 10) and export (id 11) sections, after the component model's
// Binary.md:
//   import      ::= in:<importname'> ed:<externdesc>
//   export      ::= en:<exportname'> si:<sortidx> ed?:<externdesc>?
//   importname' ::= 0x00 len:<u32> in:<name> | 0x01 len:<u32> in:<name> vs:<versionsuffix'>
//   externdesc  ::= 0x00 0x11 i:<core:typeidx> | 0x01 i:<typeidx> | 0x02 b:<valuebound>
//                 | 0x03 b:<typebound> | 0x04 i:<typeidx> | 0x05 i:<typeidx>
//   sortidx     ::= sort:<sort> idx:<u32>;  sort ::= 0x00 cs:<core:sort> | 0x01 … 0x05
#include <fmt/format.h>

#include "sections.hpp"
#include "wasmaudit/binary/limits.hpp"

namespace wasmaudit::detail {
namespace {

void read_extern_name(ByteReader& r, ComponentExtern& e, const char* what) {
  const std::uint64_t at = r.offset();
  const std::uint8_t form = r.read_u8("name encoding");
  if (form > 1) ByteReader::fail(at, fmt::format("invalid {} encoding 0x{:02x}", what, form));
  e.name = r.read_name(what);
  if (form == 1) e.version_suffix = r.read_name("version suffix");
}

ComponentSort read_sort(ByteReader& r) {
  const std::uint64_t at = r.offset();
  const std::uint8_t sort = r.read_u8("sort");
  if (sort == 0x00) {
    const std::uint8_t core = r.read_u8("core sort");
    switch (core) {
      case 0x00:
        return ComponentSort::kCoreFunc;
      case 0x01:
        return ComponentSort::kCoreTable;
      case 0x02:
        return ComponentSort::kCoreMemory;
      case 0x03:
        return ComponentSort::kCoreGlobal;
      case 0x10:
        return ComponentSort::kCoreType;
      case 0x11:
        return ComponentSort::kCoreModule;
      case 0x12:
        return ComponentSort::kCoreInstance;
      default:
        ByteReader::fail(at + 1, fmt::format("invalid core sort 0x{:02x}", core));
    }
  }
  switch (sort) {
    case 0x01:
      return ComponentSort::kFunc;
    case 0x02:
      return ComponentSort::kValue;
    case 0x03:
      return ComponentSort::kType;
    case 0x04:
      return ComponentSort::kComponent;
    case 0x05:
      return ComponentSort::kInstance;
    default:
      ByteReader::fail(at, fmt::format("invalid sort 0x{:02x}", sort));
  }
}

ComponentSort read_extern_desc(ByteReader& r) {
  const std::uint64_t at = r.offset();
  const std::uint8_t kind = r.read_u8("extern descriptor");
  switch (kind) {
    case 0x00: {
      const std::uint64_t core_at = r.offset();
      if (r.read_u8("core sort") != 0x11) {
        ByteReader::fail(core_at, "invalid extern descriptor: expected 0x11 (core module)");
      }
      r.read_u32("core type index");
      return ComponentSort::kCoreModule;
    }
    case 0x01:
      r.read_u32("type index");
      return ComponentSort::kFunc;
    case 0x02: {  // valuebound ::= 0x00 valueidx | 0x01 valtype (primitive byte or s33 index)
      const std::uint8_t bound = r.read_u8("value bound");
      if (bound == 0x00) {
        r.read_u32("value index");
      } else if (bound == 0x01) {
        r.read_s33("value type");
      } else {
        ByteReader::fail(r.offset() - 1, fmt::format("invalid value bound 0x{:02x}", bound));
      }
      return ComponentSort::kValue;
    }
    case 0x03: {  // typebound ::= 0x00 typeidx (eq) | 0x01 (sub resource)
      const std::uint8_t bound = r.read_u8("type bound");
      if (bound == 0x00) {
        r.read_u32("type index");
      } else if (bound != 0x01) {
        ByteReader::fail(r.offset() - 1, fmt::format("invalid type bound 0x{:02x}", bound));
      }
      return ComponentSort::kType;
    }
    case 0x04:
      r.read_u32("type index");
      return ComponentSort::kComponent;
    case 0x05:
      r.read_u32("type index");
      return ComponentSort::kInstance;
    default:
      ByteReader::fail(at, fmt::format("invalid extern descriptor 0x{:02x}", kind));
  }
}

}  // namespace

void read_component_import_section(ByteReader& r, Module& m) {
  const std::uint32_t n = r.read_count("import count", 4, limits::kMaxComponentExterns);
  m.component_imports.reserve(m.component_imports.size() + n);
  for (std::uint32_t i = 0; i < n; ++i) {
    ComponentExtern e;
    const std::uint64_t start = r.offset();
    read_extern_name(r, e, "import name");
    e.sort = read_extern_desc(r);
    e.range = {start, r.offset() - start};
    m.component_imports.push_back(std::move(e));
  }
}

void read_component_export_section(ByteReader& r, Module& m) {
  const std::uint32_t n = r.read_count("export count", 5, limits::kMaxComponentExterns);
  m.component_exports.reserve(m.component_exports.size() + n);
  for (std::uint32_t i = 0; i < n; ++i) {
    ComponentExtern e;
    const std::uint64_t start = r.offset();
    read_extern_name(r, e, "export name");
    e.sort = read_sort(r);
    r.read_u32("export index");
    const std::uint64_t at = r.offset();
    const std::uint8_t has_desc = r.read_u8("export type ascription");
    if (has_desc == 0x01) {
      read_extern_desc(r);
    } else if (has_desc != 0x00) {
      ByteReader::fail(at, fmt::format("invalid export type ascription flag 0x{:02x}", has_desc));
    }
    e.range = {start, r.offset() - start};
    m.component_exports.push_back(std::move(e));
  }
}

}  // namespace wasmaudit::detail
