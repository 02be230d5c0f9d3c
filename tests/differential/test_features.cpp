// SPDX-License-Identifier: Apache-2.0
// The proposals the code scan finds (Module::features), against the fixtures' own declarations and
// against peers:
// - fixtures/features: one proposal each, used only in code or in a constant expression where it
//   can be; each file says what it uses (`;; uses: NAME first=MNEMONIC` or `at=0xOFFSET`). The
//   offset of a `first=` use is the offset wabt's `wasm-objdump -d` prints for the first
//   instruction with that mnemonic; `at=` offsets (declarations, constant expressions, the hex
//   fixtures wabt 1.0.32 cannot disassemble) are read off the annotated bytes.
// - wabt's `wasm-validate`: every core fixture validates with exactly the proposals found enabled
//   (the defaults wabt has turned off when not found), and fails when any one found is turned off.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "catch.hpp"
#include "fixtures.hpp"
#include "process.hpp"
#include "text.hpp"
#include "wasmaudit/error.hpp"
#include "wasmaudit/reader/module_reader.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

struct Expected {
  Proposal proposal;
  std::string first;                  ///< mnemonic of the first use, located by wasm-objdump -d
  std::optional<std::uint64_t> at;    ///< or the offset itself
};

std::vector<Expected> expectations(const std::filesystem::path& source) {
  std::vector<Expected> out;
  for (const auto& line : lines_of(read_text(source))) {
    constexpr std::string_view kTag = ";; uses: ";
    if (!line.starts_with(kTag)) continue;
    std::istringstream in(line.substr(kTag.size()));
    std::string name;
    std::string where;
    in >> name >> where;
    const auto p = parse_proposal(name);
    INFO(source.filename().string() << ": " << line);
    REQUIRE(p);
    Expected e{*p, {}, {}};
    if (where.starts_with("first=")) {
      e.first = where.substr(6);
    } else {
      REQUIRE(where.starts_with("at="));
      e.at = std::stoull(where.substr(3), nullptr, 16);
    }
    out.push_back(e);
  }
  return out;
}

/// The offset wasm-objdump -d prints for the first instruction named `mnemonic`.
std::optional<std::uint64_t> objdump_offset(const std::filesystem::path& wasm, const std::string& mnemonic) {
  const auto r = run_shell(shell_quote(WASMAUDIT_WASM_OBJDUMP) + " -d " + shell_quote(wasm.string()) + " 2>&1");
  if (r.status != 0) return std::nullopt;
  for (const auto& line : lines_of(r.out)) {
    const auto bar = line.find('|');
    const auto colon = line.find(':');
    if (bar == std::string::npos || colon == std::string::npos || colon > bar) continue;
    std::istringstream text(line.substr(bar + 1));
    std::string op;
    text >> op;
    if (op == mnemonic) return std::stoull(line.substr(0, colon), nullptr, 16);
  }
  return std::nullopt;
}

std::set<Proposal> found(const Module& m) {
  std::set<Proposal> out;
  for (const auto& f : m.features) out.insert(f.proposal);
  return out;
}

// wabt 1.0.32's switch for each proposal it knows, and whether it is on by default.
struct WabtFlag {
  const char* name;
  bool default_on;
};
const std::map<Proposal, WabtFlag>& wabt_flags() {
  static const std::map<Proposal, WabtFlag> flags = {
      {Proposal::kMutableGlobal, {"mutable-globals", true}},
      {Proposal::kSaturatingFloatToInt, {"saturating-float-to-int", true}},
      {Proposal::kSignExtension, {"sign-extension", true}},
      {Proposal::kSimd, {"simd", true}},
      {Proposal::kMultiValue, {"multi-value", true}},
      {Proposal::kBulkMemory, {"bulk-memory", true}},
      {Proposal::kReferenceTypes, {"reference-types", true}},
      {Proposal::kThreads, {"threads", false}},
      {Proposal::kTailCall, {"tail-call", false}},
      {Proposal::kLegacyExceptions, {"exceptions", false}},
      {Proposal::kMemory64, {"memory64", false}},
      {Proposal::kMultiMemory, {"multi-memory", false}},
      {Proposal::kExtendedConst, {"extended-const", false}},
      {Proposal::kRelaxedSimd, {"relaxed-simd", false}},
  };
  return flags;
}

/// wasm-validate's flags for exactly `enabled`, or nothing when a proposal is beyond wabt 1.0.32.
std::optional<std::string> wabt_args(const std::set<Proposal>& enabled) {
  std::string args;
  for (Proposal p : enabled) {
    if (!wabt_flags().count(p)) return std::nullopt;
  }
  for (const auto& [p, flag] : wabt_flags()) {
    // wabt 1.0.32 refuses reference-types instructions while bulk memory is off: keep it on.
    const bool on = enabled.count(p) > 0 || (p == Proposal::kBulkMemory && enabled.count(Proposal::kReferenceTypes));
    if (on != flag.default_on) args += fmt::format(" --{}-{}", on ? "enable" : "disable", flag.name);
  }
  return args;
}

int wasm_validate(const std::filesystem::path& wasm, const std::string& args) {
  return run_shell(shell_quote(WASMAUDIT_WASM_VALIDATE) + args + " " + shell_quote(wasm.string()) + " >/dev/null 2>&1")
      .status;
}

std::vector<std::filesystem::path> feature_sources() {
  auto out = list_fixtures(source_fixture("features"), ".wat");
  for (auto& p : list_fixtures(source_fixture("features"), ".hex")) out.push_back(std::move(p));
  return out;
}

}  // namespace

TEST_CASE("each proposal fixture: the scan finds what it uses, where a peer says it is", "[features][differential]") {
  const auto sources = feature_sources();
  REQUIRE(sources.size() >= 20);
  std::set<Proposal> covered;
  for (const auto& source : sources) {
    const auto wasm = built_fixture("features/" + source.stem().string() + ".wasm");
    INFO(source.filename().string());
    const Module m = read_module(read_bytes(wasm));
    const auto expected = expectations(source);
    std::set<Proposal> want;
    for (const auto& e : expected) want.insert(e.proposal);
    CHECK(found(m) == want);
    for (const auto& e : expected) {
      INFO(to_string(e.proposal));
      const FeatureUse* use = m.feature(e.proposal);
      REQUIRE(use != nullptr);
      CHECK(use->count >= 1);
      if (e.at) {
        CHECK(use->offset == *e.at);
      } else {
        const auto peer = objdump_offset(wasm, e.first);
        REQUIRE(peer);
        CHECK(use->offset == *peer);
      }
      covered.insert(e.proposal);
    }
  }
  // Every proposal the scan knows has a fixture that makes it fire.
  for (Proposal p : all_proposals()) {
    INFO(to_string(p));
    CHECK(covered.count(p) == 1);
  }
}

TEST_CASE("a WebAssembly 1.0 module with every 1.0 immediate shape stays quiet", "[features]") {
  const Module m = read_module(read_bytes(built_fixture("features/quiet.wasm")));
  CHECK(m.features.empty());
  CHECK(wasm_validate(built_fixture("features/quiet.wasm"), *wabt_args({})) == 0);
}

TEST_CASE("the proposals found are the ones wasm-validate needs enabled", "[features][differential]") {
  auto files = valid_fixtures();
  for (auto& p : list_fixtures(built_fixture("features"), ".wasm")) files.push_back(std::move(p));
  std::size_t compared = 0;
  for (const auto& wasm : files) {
    const Module m = read_module(read_bytes(wasm));
    if (m.kind != BinaryKind::kModule) continue;
    const auto used = found(m);
    const auto args = wabt_args(used);
    if (!args) continue;  // uses a proposal wabt 1.0.32 does not know
    INFO(wasm.filename().string() << ": wasm-validate" << *args);
    CHECK(wasm_validate(wasm, *args) == 0);
    for (Proposal p : used) {
      auto fewer = used;
      fewer.erase(p);
      // wabt 1.0.32 checks mutable globals on imports only; an exported one passes regardless.
      const bool imported_mutable = std::any_of(m.imports.begin(), m.imports.end(), [](const Import& i) {
        return i.kind == ExternKind::kGlobal && i.global.is_mutable;
      });
      if (p == Proposal::kMutableGlobal && !imported_mutable) continue;
      if (p == Proposal::kBulkMemory && used.count(Proposal::kReferenceTypes)) continue;
      INFO("without " << to_string(p) << ": wasm-validate" << *wabt_args(fewer));
      CHECK(wasm_validate(wasm, *wabt_args(fewer)) != 0);
    }
    ++compared;
  }
  CHECK(compared >= 40);
}
