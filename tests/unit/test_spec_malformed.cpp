// SPDX-License-Identifier: Apache-2.0
// The spec test suite's 711 malformed binaries (fixtures/spec): every one is refused with a decode
// error, but the 21 whose fault lies inside a function body, which the reader skips by size.
#include <fstream>
#include <set>
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

std::set<std::string> in_function_bodies() {
  std::set<std::string> out;
  std::istringstream in(read_text(source_fixture("spec/in_function_bodies.txt")));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') out.insert(line.substr(0, line.find('\t')));
  }
  return out;
}

}  // namespace

TEST_CASE("the spec suite's malformed binaries are refused, but faults inside function bodies",
          "[reader][spec]") {
  const auto all = cases();
  const auto bodies = in_function_bodies();
  REQUIRE(all.size() == 711);
  REQUIRE(bodies.size() == 21);
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
    if (bodies.count(c.name)) {
      CHECK_FALSE(threw);  // when function bodies are decoded, move it out of the list
    } else {
      CHECK(threw);
      refused += threw ? 1 : 0;
    }
  }
  CHECK(refused == 690);
}
