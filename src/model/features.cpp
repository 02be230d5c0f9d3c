// SPDX-License-Identifier: Apache-2.0
#include "wasmaudit/model/features.hpp"

#include <string>

namespace wasmaudit {
namespace {

// Indexed by Proposal; the names `wasm-tools validate --features` takes.
constexpr std::array<std::string_view, kProposalCount> kNames = {
    "mutable-global", "saturating-float-to-int", "sign-extension", "multi-value", "bulk-memory",
    "reference-types", "simd", "relaxed-simd", "threads", "tail-call", "extended-const", "multi-memory",
    "memory64", "exceptions", "legacy-exceptions", "function-references", "gc", "wide-arithmetic",
    "custom-page-sizes", "stack-switching",
};

constexpr std::array<Proposal, kProposalCount> make_all() {
  std::array<Proposal, kProposalCount> out{};
  for (std::size_t i = 0; i < kProposalCount; ++i) out[i] = static_cast<Proposal>(i);
  return out;
}
constexpr std::array<Proposal, kProposalCount> kAll = make_all();

}  // namespace

std::string_view to_string(Proposal proposal) { return kNames[static_cast<std::size_t>(proposal)]; }

std::optional<Proposal> parse_proposal(std::string_view name) {
  for (std::size_t i = 0; i < kProposalCount; ++i) {
    if (kNames[i] == name) return static_cast<Proposal>(i);
  }
  return std::nullopt;
}

const std::array<Proposal, kProposalCount>& all_proposals() { return kAll; }

namespace {

// The threads proposal's 0xfe table (Overview.md, "Instruction encoding"), from 0x10 on: loads,
// stores, then seven widths of each read-modify-write operation, then the compare-exchanges.
constexpr std::array<std::string_view, 0x4F> kAtomic = [] {
  std::array<std::string_view, 0x4F> t{};
  t[0x00] = "memory.atomic.notify";
  t[0x01] = "memory.atomic.wait32";
  t[0x02] = "memory.atomic.wait64";
  t[0x03] = "atomic.fence";
  constexpr std::array<std::string_view, 7> kLoads{"i32.atomic.load",     "i64.atomic.load",     "i32.atomic.load8_u",
                                                   "i32.atomic.load16_u", "i64.atomic.load8_u",  "i64.atomic.load16_u",
                                                   "i64.atomic.load32_u"};
  constexpr std::array<std::string_view, 7> kStores{"i32.atomic.store",   "i64.atomic.store",   "i32.atomic.store8",
                                                    "i32.atomic.store16", "i64.atomic.store8",  "i64.atomic.store16",
                                                    "i64.atomic.store32"};
  for (std::size_t i = 0; i < 7; ++i) {
    t[0x10 + i] = kLoads[i];
    t[0x17 + i] = kStores[i];
  }
  return t;
}();

// "i32.atomic.rmw8.add_u": the read-modify-write names, 0x1e to 0x4e, built once.
const std::array<std::string, 0x4F>& rmw_names() {
  static const std::array<std::string, 0x4F> names = [] {
    std::array<std::string, 0x4F> n;
    constexpr std::array<std::string_view, 7> kOps{"add", "sub", "and", "or", "xor", "xchg", "cmpxchg"};
    constexpr std::array<std::string_view, 7> kWidths{"i32.atomic.rmw", "i64.atomic.rmw", "i32.atomic.rmw8",
                                                      "i32.atomic.rmw16", "i64.atomic.rmw8", "i64.atomic.rmw16",
                                                      "i64.atomic.rmw32"};
    for (std::size_t op = 0; op < kOps.size(); ++op) {
      for (std::size_t w = 0; w < kWidths.size(); ++w) {
        // The full-width forms have no _u: i32.atomic.rmw.add, i64.atomic.rmw.cmpxchg.
        n[0x1E + op * 7 + w] = std::string(kWidths[w]) + "." + std::string(kOps[op]) + (w < 2 ? "" : "_u");
      }
    }
    return n;
  }();
  return names;
}

}  // namespace

std::string_view instruction_name(std::uint8_t opcode, std::optional<std::uint32_t> sub_opcode) {
  switch (opcode) {
    case 0x06: return "try";
    case 0x07: return "catch";
    case 0x08: return "throw";
    case 0x09: return "rethrow";
    case 0x0A: return "throw_ref";
    case 0x18: return "delegate";
    case 0x19: return "catch_all";
    case 0x1F: return "try_table";
    // extended-const's arithmetic, as V8 names it in "opcode i32.add is not allowed in …".
    case 0x6A: return "i32.add";
    case 0x6B: return "i32.sub";
    case 0x6C: return "i32.mul";
    case 0x7C: return "i64.add";
    case 0x7D: return "i64.sub";
    case 0x7E: return "i64.mul";
    case 0xFE:
      if (!sub_opcode || *sub_opcode >= kAtomic.size()) return {};
      if (*sub_opcode >= 0x1E) return rmw_names()[*sub_opcode];
      return kAtomic[*sub_opcode];
    default: return {};
  }
}

}  // namespace wasmaudit
