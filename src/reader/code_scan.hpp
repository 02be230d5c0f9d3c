// SPDX-License-Identifier: Apache-2.0
// Internal: the code scan. One pass over every function body and constant expression that decodes
// each instruction and its immediates (no validation, no IR) to find the proposals a module uses,
// and refuses bodies that cannot be decoded, with the offset of the fault.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "binary/byte_reader.hpp"
#include "wasmaudit/model/features.hpp"
#include "wasmaudit/model/module.hpp"

namespace wasmaudit::detail {

/// Proposal evidence gathered while reading: per proposal a count and the first file offset. One
/// extra slot holds exception tags and `throw`, which the two exception proposals share; which of
/// them a module uses is settled once the code has been read (finish_features).
struct FeatureTally {
  static constexpr std::size_t kSharedExceptions = kProposalCount;
  static constexpr std::size_t kSlots = kProposalCount + 1;
  static constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();

  static constexpr std::uint32_t kNoFunction = 0xFFFFFFFF;
  static constexpr std::uint32_t kNoSub = 0xFFFFFFFF;

  std::array<std::uint64_t, kSlots> count{};
  std::array<std::uint64_t, kSlots> first;
  std::array<std::uint32_t, kSlots> first_function;  ///< the function holding the first use
  std::array<std::int16_t, kSlots> first_opcode;     ///< its first byte, or -1 for a declaration
  std::array<std::uint32_t, kSlots> first_sub;       ///< a prefixed first use's sub-opcode, or kNoSub
  std::uint32_t function = kNoFunction;              ///< the body being scanned

  FeatureTally() {
    first.fill(kNever);
    first_function.fill(kNoFunction);
    first_opcode.fill(-1);
    first_sub.fill(kNoSub);
  }
  /// `opcode`: the first byte of the instruction that uses it, or -1 (a declaration).
  void use(std::size_t slot, std::uint64_t at, std::uint64_t n = 1, int opcode = -1) noexcept {
    count[slot] += n;
    if (at < first[slot]) {
      first[slot] = at;
      first_function[slot] = function;
      first_opcode[slot] = static_cast<std::int16_t>(opcode);
      first_sub[slot] = kNoSub;
    }
  }
  /// The sub-opcode of a prefixed instruction (0xfe 0x10) at `at`, kept when it is the first use.
  void sub_opcode(Proposal p, std::uint64_t at, std::uint32_t sub) noexcept {
    const auto slot = static_cast<std::size_t>(p);
    if (first[slot] == at) first_sub[slot] = sub;
  }
  void use(Proposal p, std::uint64_t at, std::uint64_t n = 1, int opcode = -1) noexcept {
    use(static_cast<std::size_t>(p), at, n, opcode);
  }
};

/// Records what a value type needs: v128 (simd), funcref/externref (reference-types), exnref
/// (exceptions), non-nullable or indexed references (function-references), GC heap types (gc).
void note_val_type(const ValType& type, std::uint64_t at, FeatureTally& tally) noexcept;

/// Decodes a constant expression up to and including its `end`, recording what it uses
/// (extended-const arithmetic, `global.get` of a defined global, SIMD, GC instructions).
void scan_const_expr(ByteReader& r, const Module& m, FeatureTally& tally);

/// Decodes one function body: its local declarations (at most 2^32 - 1 locals in all), then every
/// instruction up to the `end` that closes the body, which must be its last byte.
void scan_function_body(ByteReader body, const Module& m, FeatureTally& tally);

/// The proposals used, by first offset: the tally plus what the declarations show (types,
/// imports, memories, tables, globals, exports).
std::vector<FeatureUse> finish_features(const Module& m, const FeatureTally& tally);

}  // namespace wasmaudit::detail
