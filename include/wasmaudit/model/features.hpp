// SPDX-License-Identifier: Apache-2.0
// WebAssembly proposals a module uses, as the reader finds them in its bytes: declarations (types,
// imports, memories, tables, globals, segments) and every instruction of every function body and
// constant expression.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace wasmaudit {

/// A proposal beyond the WebAssembly 1.0 (MVP) core, named as `wasm-tools validate --features`
/// names it. The numeric order is the order reports list them in when offsets tie.
enum class Proposal : std::uint8_t {
  kMutableGlobal,
  kSaturatingFloatToInt,
  kSignExtension,
  kMultiValue,
  kBulkMemory,
  kReferenceTypes,
  kSimd,
  kRelaxedSimd,
  kThreads,
  kTailCall,
  kExtendedConst,
  kMultiMemory,
  kMemory64,
  kExceptions,
  kLegacyExceptions,
  kFunctionReferences,
  kGc,
  kWideArithmetic,
  kCustomPageSizes,
  kStackSwitching,
};

inline constexpr std::size_t kProposalCount = static_cast<std::size_t>(Proposal::kStackSwitching) + 1;

/// `mutable-global`, `saturating-float-to-int`, `simd`, `tail-call`, …
std::string_view to_string(Proposal proposal);
/// The proposal with this name (`to_string`'s inverse), if any.
std::optional<Proposal> parse_proposal(std::string_view name);
/// Every proposal, in enum order.
const std::array<Proposal, kProposalCount>& all_proposals();

/// One proposal a module uses: where the reader first met it (a file offset: the instruction, the
/// type, the import, the segment) and how many times it met it.
struct FeatureUse {
  Proposal proposal = Proposal::kSimd;
  std::uint64_t offset = 0;
  std::uint64_t count = 0;
  std::optional<std::uint32_t> function;  ///< the function whose body holds the first use, if one does
  /// `exceptions` found from tags and `throw` alone, which legacy exception handling has too: a
  /// host with either proposal takes them.
  bool tags_only = false;
  std::optional<std::uint8_t> opcode;  ///< the first byte of the first use when it is an instruction
  /// For a prefixed instruction (atomics: 0xfe), what follows the prefix: 0x10 for i32.atomic.load.
  std::optional<std::uint32_t> sub_opcode;
  friend bool operator==(const FeatureUse&, const FeatureUse&) = default;
};

/// The text-format name of the instruction a FeatureUse's first use is, for the proposals whose
/// errors name it (atomics, exception handling, extended-const's arithmetic: "i32.atomic.load",
/// "try_table", "i32.add"); "" when this table does not name it. Spec facts (the core and threads specs' opcode tables).
std::string_view instruction_name(std::uint8_t opcode, std::optional<std::uint32_t> sub_opcode);

}  // namespace wasmaudit
