// SPDX-License-Identifier: Apache-2.0
#include "wasmaudit/model/features.hpp"

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

}  // namespace wasmaudit
