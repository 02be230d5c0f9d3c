// SPDX-License-Identifier: Apache-2.0
#include "wasmaudit/model/types.hpp"

#include <fmt/format.h>

namespace wasmaudit {
namespace {

std::string_view abstract_heap_name(std::uint32_t code) {
  switch (static_cast<AbstractHeapType>(code)) {
    case AbstractHeapType::kExn: return "exn";
    case AbstractHeapType::kArray: return "array";
    case AbstractHeapType::kStruct: return "struct";
    case AbstractHeapType::kI31: return "i31";
    case AbstractHeapType::kEq: return "eq";
    case AbstractHeapType::kAny: return "any";
    case AbstractHeapType::kExtern: return "extern";
    case AbstractHeapType::kFunc: return "func";
    case AbstractHeapType::kNone: return "none";
    case AbstractHeapType::kNoExtern: return "noextern";
    case AbstractHeapType::kNoFunc: return "nofunc";
    case AbstractHeapType::kNoExn: return "noexn";
  }
  return "?";
}

std::string join(const std::vector<ValType>& types) {
  std::string out;
  for (const auto& t : types) {
    if (!out.empty()) out += ", ";
    out += to_string(t);
  }
  return out;
}

}  // namespace

std::string to_string(const ValType& type) {
  switch (type.kind) {
    case ValType::Kind::kI32: return "i32";
    case ValType::Kind::kI64: return "i64";
    case ValType::Kind::kF32: return "f32";
    case ValType::Kind::kF64: return "f64";
    case ValType::Kind::kV128: return "v128";
    case ValType::Kind::kRef: break;
  }
  if (type.heap_is_index) {
    return fmt::format("(ref {}{})", type.nullable ? "null " : "", type.heap);
  }
  const auto heap = abstract_heap_name(type.heap);
  if (type.nullable) {
    // funcref, externref, anyref, …; the bottom types' shorthands are the text format's nullref,
    // nullfuncref, nullexternref and nullexnref.
    switch (static_cast<AbstractHeapType>(type.heap)) {
      case AbstractHeapType::kNone: return "nullref";
      case AbstractHeapType::kNoFunc: return "nullfuncref";
      case AbstractHeapType::kNoExtern: return "nullexternref";
      case AbstractHeapType::kNoExn: return "nullexnref";
      default: return fmt::format("{}ref", heap);
    }
  }
  return fmt::format("(ref {})", heap);
}

std::string to_string(const FuncType& type) {
  std::string results;
  if (type.results.size() == 1) {
    results = to_string(type.results.front());
  } else {
    results = fmt::format("({})", join(type.results));
  }
  return fmt::format("({}) -> {}", join(type.params), results);
}

std::string to_string(const Limits& limits) {
  std::string out = std::to_string(limits.min) + "..";
  out += limits.max ? std::to_string(*limits.max) : std::string("\u221e");
  if (limits.shared) out += " shared";
  if (limits.is64) out += " i64";
  if (limits.page_size_log2) out += fmt::format(" pagesize={}", 1ull << *limits.page_size_log2);
  return out;
}

std::string_view to_string(ExternKind kind) {
  switch (kind) {
    case ExternKind::kFunc: return "func";
    case ExternKind::kTable: return "table";
    case ExternKind::kMemory: return "memory";
    case ExternKind::kGlobal: return "global";
    case ExternKind::kTag: return "tag";
  }
  return "?";
}

}  // namespace wasmaudit
