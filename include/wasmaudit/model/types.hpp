// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wasmaudit {

/// Abstract heap types (core spec 5.3.3, GC and exception-handling proposals): the byte that
/// encodes them, so a value of this enum is also its binary encoding.
enum class AbstractHeapType : std::uint8_t {
  kExn = 0x69,
  kArray = 0x6A,
  kStruct = 0x6B,
  kI31 = 0x6C,
  kEq = 0x6D,
  kAny = 0x6E,
  kExtern = 0x6F,
  kFunc = 0x70,
  kNone = 0x71,
  kNoExtern = 0x72,
  kNoFunc = 0x73,
  kNoExn = 0x74,
};

/// A value type: a number, a vector or a reference (`funcref`, `(ref null $t)`, `(ref any)`).
struct ValType {
  enum class Kind : std::uint8_t { kI32, kI64, kF32, kF64, kV128, kRef };
  Kind kind = Kind::kI32;
  bool nullable = false;       ///< references only
  bool heap_is_index = false;  ///< references only: `heap` is a type index, else an AbstractHeapType
  std::uint32_t heap = 0;

  static ValType i32() { return {Kind::kI32}; }
  static ValType i64() { return {Kind::kI64}; }
  static ValType f32() { return {Kind::kF32}; }
  static ValType f64() { return {Kind::kF64}; }
  static ValType funcref() {
    return {Kind::kRef, true, false, static_cast<std::uint32_t>(AbstractHeapType::kFunc)};
  }
  static ValType externref() {
    return {Kind::kRef, true, false, static_cast<std::uint32_t>(AbstractHeapType::kExtern)};
  }
  friend bool operator==(const ValType&, const ValType&) = default;
};

/// `i32`, `v128`, `funcref`, `(ref null 3)`, `(ref any)`.
std::string to_string(const ValType& type);

/// A function signature.
struct FuncType {
  std::vector<ValType> params;
  std::vector<ValType> results;
  friend bool operator==(const FuncType&, const FuncType&) = default;
};

/// `(i32, i32) -> i32`, `() -> ()`, `(i64) -> (i32, i32)`.
std::string to_string(const FuncType& type);

/// Table and memory limits, with the flags the limits byte carries.
struct Limits {
  std::uint64_t min = 0;
  std::optional<std::uint64_t> max;
  bool shared = false;                         ///< threads proposal
  bool is64 = false;                           ///< memory64 / table64: i64 addresses
  std::optional<std::uint32_t> page_size_log2;  ///< custom-page-sizes proposal
  friend bool operator==(const Limits&, const Limits&) = default;
};

/// `1..∞`, `1..16 shared`, `0..∞ i64`.
std::string to_string(const Limits& limits);

struct TableType {
  ValType element = ValType::funcref();
  Limits limits;
};

struct MemoryType {
  Limits limits;
};

struct GlobalType {
  ValType type;
  bool is_mutable = false;
};

/// What an import or export refers to. The numeric values are the binary encoding.
enum class ExternKind : std::uint8_t {
  kFunc = 0,
  kTable = 1,
  kMemory = 2,
  kGlobal = 3,
  kTag = 4,
};

/// `func`, `table`, `memory`, `global`, `tag`.
std::string_view to_string(ExternKind kind);

}  // namespace wasmaudit
