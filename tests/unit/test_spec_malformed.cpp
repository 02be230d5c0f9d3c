// SPDX-License-Identifier: Apache-2.0
// The spec test suite's 711 malformed binaries (fixtures/spec): every one is refused with a decode
// error, those whose fault lies inside a function body by the code scan.
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "fixtures.hpp"
#include "wasmaudit/error.hpp"
#include "wasmaudit/reader/module_reader.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

struct Case {
  std::string name;
  std::vector<std::uint8_t> bytes;
  std::string message;
};

std::vector<Case> cases() {
  std::vector<Case> out;
  std::istringstream in(read_text(source_fixture("spec/malformed.tsv")));
  for (std::string line; std::getline(in, line);) {
    const auto a = line.find('\t');
    const auto b = line.find('\t', a + 1);
    Case c{line.substr(0, a), {}, line.substr(b + 1)};
    const std::string hex = line.substr(a + 1, b - a - 1);
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
      c.bytes.push_back(static_cast<std::uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

TEST_CASE("the spec suite's malformed binaries are all refused", "[reader][spec]") {
  const auto all = cases();
  REQUIRE(all.size() == 711);
  std::size_t refused = 0;
  for (const auto& c : all) {
    INFO(c.name << " (spec: " << c.message << ")");
    bool threw = false;
    try {
      (void)read_module(c.bytes);
    } catch (const DecodeError& e) {
      threw = true;
      CHECK(e.offset() <= c.bytes.size());
    }
    CHECK(threw);
    refused += threw ? 1 : 0;
  }
  CHECK(refused == 711);
}

TEST_CASE("malformed function bodies are refused at the fault, with the spec's reason", "[reader][spec]") {
  // One of each kind among the 21 whose fault lies inside a function body; offsets counted by hand
  // from the hex (the fault's first byte; the body's end for a missing `end`).
  const std::map<std::string, std::pair<std::uint64_t, std::string>> expected = {
      {"align_0000", {0x1f, "malformed memop flags"}},
      {"binary-leb128_0018", {0x21, "integer representation too long"}},
      {"binary-leb128_0044", {0x21, "integer too large"}},
      {"binary-leb128_0058", {0x19, "integer representation too long"}},
      {"binary_0093", {0x1b, "END opcode expected"}},
      {"binary_0094", {0x1a, "END opcode expected"}},
      {"binary_0097", {0x17, "integer too large"}},
      {"binary_0099", {0x16, "too many locals"}},
      {"binary_0100", {0x18, "too many locals"}},
      {"binary_0108", {0x22, "needs a data count section"}},
      {"binary_0166", {0x18, "illegal opcode 0xff"}},
      {"memory64_binary_leb128_64_0180", {0x20, "integer too large"}},
  };
  std::size_t seen = 0;
  for (const auto& c : cases()) {
    auto it = expected.find(c.name);
    if (it == expected.end()) continue;
    ++seen;
    INFO(c.name);
    try {
      (void)read_module(c.bytes);
      FAIL("accepted");
    } catch (const DecodeError& e) {
      CHECK(e.offset() == it->second.first);
      CHECK_THAT(std::string(e.what()), Catch::Matchers::Contains(it->second.second));
    }
  }
  CHECK(seen == expected.size());
}
