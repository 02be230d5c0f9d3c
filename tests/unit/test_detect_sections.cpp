// SPDX-License-Identifier: Apache-2.0
// The custom-section parsers detect uses (producers, target_features, name, go:buildid), on
// modules built in code: what they read, and that a malformed section is a warning with the offset
// where reading failed, never an input error, and never stops the other sections.
#include "catch.hpp"
#include "wasm_builder.hpp"
#include "wasmaudit/detect/detect.hpp"
#include "wasmaudit/policy/loader.hpp"
#include "wasmaudit/reader/module_reader.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

Bytes custom(std::string_view section_name, const Bytes& payload) {
  return section(0, cat({name(section_name), payload}));
}

/// (name, version) pairs of one producers field.
Bytes field(std::string_view field_name,
            std::initializer_list<std::pair<const char*, const char*>> values) {
  Bytes out = cat({name(field_name), uleb(values.size())});
  for (const auto& [n, v] : values) out = cat({out, name(n), name(v)});
  return out;
}

Bytes names_section(std::initializer_list<std::pair<std::uint32_t, const char*>> funcs) {
  Bytes entries = uleb(funcs.size());
  for (const auto& [i, n] : funcs) entries = cat({entries, uleb(i), name(n)});
  return custom("name", cat({Bytes{0x01}, uleb(entries.size()), entries}));
}

// type 0 = () -> (); one function, exported as "run".
const Bytes kOneFunction = cat({section(1, {0x01, 0x60, 0x00, 0x00}), section(3, {0x01, 0x00}),
                                section(7, cat({Bytes{0x01}, name("run"), Bytes{0x00, 0x00}})),
                                section(10, {0x01, 0x02, 0x00, 0x0b})});

Detection run(const Bytes& bytes) {
  const Module m = read_module(bytes);  // must not throw: custom sections are not its business
  return detect(m, bytes, builtin_toolchains());
}

/// Offset of the first byte of the payload of the custom section `section_name`.
std::uint64_t payload_of(const Bytes& bytes, std::string_view section_name) {
  const Module m = read_module(bytes);
  const SectionInfo* s = m.find_custom(section_name);
  REQUIRE(s != nullptr);
  return s->payload.offset;
}

}  // namespace

TEST_CASE("producers: every field and value, in order, with ranges", "[detect][sections]") {
  const Bytes bytes =
      module({kOneFunction,
              custom("producers",
                     cat({uleb(2), field("language", {{"Rust", ""}, {"C11", ""}}),
                          field("processed-by", {{"rustc", "1.92.0 (ded5c06cf 2025-12-08)"}})}))});
  const Detection d = run(bytes);
  CHECK(d.warnings.empty());
  REQUIRE(d.producers.size() == 3);
  CHECK(d.producers[0].field == "language");
  CHECK(d.producers[0].name == "Rust");
  CHECK(d.producers[0].version.empty());
  CHECK(d.producers[1].name == "C11");
  CHECK(d.producers[2].field == "processed-by");
  CHECK(d.producers[2].version == "1.92.0 (ded5c06cf 2025-12-08)");
  // The range covers the name and version strings.
  const std::string_view file(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  CHECK(file.substr(d.producers[0].range.offset, d.producers[0].range.size) ==
        std::string_view("\x04Rust\x00", 6));
  // rustc gives Rust its version (first word); C11 makes clang a medium guess.
  REQUIRE(d.toolchains.size() == 2);
  CHECK(d.toolchains[0].id == "rust");
  CHECK(d.toolchains[0].version == "1.92.0");
  CHECK(d.toolchains[1].id == "clang");
  CHECK(d.toolchains[1].confidence == Confidence::kMedium);
}

TEST_CASE("a truncated producers section is a warning, the rest is still read",
          "[detect][sections]") {
  // The value count says 2, one value follows; a target_features section comes after it.
  const Bytes producers =
      cat({uleb(1), name("processed-by"), uleb(2), name("rustc"), name("1.92.0")});
  const Bytes bytes =
      module({kOneFunction, custom("producers", producers),
              custom("target_features", cat({uleb(1), Bytes{'+'}, name("sign-ext")})),
              names_section({{0, "run"}})});
  const Detection d = run(bytes);
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0].section == "producers");
  CHECK(d.warnings[0].message == "unexpected end of input reading producers value name length");
  const std::uint64_t end = payload_of(bytes, "producers") + producers.size();
  CHECK(d.warnings[0].offset == end);  // truncation: the end of the section
  CHECK(d.producers.empty());          // a broken section contributes nothing
  CHECK(d.toolchains.empty());
  CHECK(d.target_features == std::vector<std::string>{"+sign-ext"});
  CHECK(d.export_functions.at("run") == "run");
}

TEST_CASE("producers: a count larger than the section can hold, and trailing bytes",
          "[detect][sections]") {
  const Bytes huge = cat({uleb(500), name("language")});
  const Bytes a = module({custom("producers", huge)});
  const Detection da = run(a);
  REQUIRE(da.warnings.size() == 1);
  CHECK(da.warnings[0].message ==
        "producers field count 500 is larger than the 9 bytes left can hold");
  CHECK(da.warnings[0].offset == payload_of(a, "producers"));
  const Bytes trailing = cat({uleb(0), Bytes{0xAA, 0xBB}});
  const Bytes b = module({custom("producers", trailing)});
  const Detection db = run(b);
  REQUIRE(db.warnings.size() == 1);
  CHECK(db.warnings[0].message == "2 unexpected bytes after the last producers field");
  CHECK(db.warnings[0].offset == payload_of(b, "producers") + 1);
}

TEST_CASE("target_features: the prefix must be +, - or =", "[detect][sections]") {
  const Bytes payload = cat({uleb(2), Bytes{'+'}, name("atomics"), Bytes{'?'}, name("simd128")});
  const Bytes bytes = module({custom("target_features", payload)});
  const Detection d = run(bytes);
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0].section == "target_features");
  CHECK(d.warnings[0].message == "invalid target_features prefix 0x3f (expected '+', '-' or '=')");
  CHECK(d.warnings[0].offset == payload_of(bytes, "target_features") + 1 + 1 + 8);
  CHECK(d.target_features.empty());
}

TEST_CASE("name: a subsection cut short is a warning, other sections still count",
          "[detect][sections]") {
  // The function-names subsection declares 9 bytes; 6 follow.
  const Bytes broken = cat({Bytes{0x01, 0x09, 0x01, 0x00}, name("run")});
  const Bytes bytes =
      module({kOneFunction, custom("name", broken),
              custom("producers", cat({uleb(1), field("processed-by", {{"rustc", "1.92.0"}})}))});
  const Detection d = run(bytes);
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0].section == "name");
  CHECK(d.warnings[0].message == "unexpected end of input reading name subsection");
  CHECK(d.warnings[0].offset == payload_of(bytes, "name") + broken.size());
  CHECK(d.export_functions.empty());
  REQUIRE(d.toolchains.size() == 1);
  CHECK(d.toolchains[0].id == "rust");
}

TEST_CASE("name: invalid UTF-8 in a function name", "[detect][sections]") {
  const Bytes entries = cat({uleb(1), uleb(0), Bytes{0x02, 0xC3, 0x28}});
  const Bytes payload = cat({Bytes{0x01}, uleb(entries.size()), entries});
  const Bytes bytes = module({kOneFunction, custom("name", payload)});
  const Detection d = run(bytes);
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0].message == "invalid UTF-8 in function name");
  CHECK(d.warnings[0].offset == payload_of(bytes, "name") + 2 + 1 + 1 + 1);
}

TEST_CASE("name: other subsections are skipped by size", "[detect][sections]") {
  const Bytes module_name = cat({Bytes{0x00}, uleb(4), name("app")});
  const Bytes entries = cat({uleb(1), uleb(0), name("main.run")});
  const Bytes bytes =
      module({kOneFunction,
              custom("name", cat({module_name, Bytes{0x01}, uleb(entries.size()), entries}))});
  const Detection d = run(bytes);
  CHECK(d.warnings.empty());
  CHECK(d.export_functions.at("run") == "main.run");
}

TEST_CASE("go:buildid: a payload that is not Go's header is a warning", "[detect][sections]") {
  const Bytes bytes = module({custom("go:buildid", Bytes{'x', 'y'}), kOneFunction});
  const Detection d = run(bytes);
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0].section == "go:buildid");
  CHECK(d.warnings[0].offset == payload_of(bytes, "go:buildid"));
  // The section itself is still evidence of Go.
  REQUIRE(d.toolchains.size() == 1);
  CHECK(d.toolchains[0].id == "go");
  CHECK(d.toolchains[0].build_id.empty());
}

TEST_CASE("an import's type is part of its evidence", "[detect][sections]") {
  // env.abort () -> () is not AssemblyScript's abort (message, fileName, line, column).
  const Bytes types =
      section(1, {0x02, 0x60, 0x00, 0x00, 0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7f, 0x00});
  const Bytes wrong =
      module({types, section(2, cat({uleb(1), name("env"), name("abort"), Bytes{0x00, 0x00}}))});
  CHECK(run(wrong).toolchains.empty());
  const Bytes right =
      module({types, section(2, cat({uleb(1), name("env"), name("abort"), Bytes{0x00, 0x01}}))});
  const Detection d = run(right);
  REQUIRE(d.toolchains.size() == 1);
  CHECK(d.toolchains[0].id == "assemblyscript");
}

TEST_CASE("without fingerprints, sections are read and nothing is guessed", "[detect][sections]") {
  const Bytes bytes =
      module({custom("producers", cat({uleb(1), field("processed-by", {{"rustc", "1.92.0"}})}))});
  const Module m = read_module(bytes);
  const Detection d = detect(m, bytes);
  CHECK(d.producers.size() == 1);
  CHECK(d.toolchains.empty());
}

TEST_CASE("name: indices must increase, 40,000 names of one exported function stop at the second",
          "[detect][sections][quadratic]") {
  // The module: 40,000 exports of function 0 and a name map repeating index 0 40,000 times.
  // Matching every name against every export of its function was exports x entries (1.6e9 steps,
  // over a minute); with the order checked, the walk stops at the first entry out of order.
  constexpr std::uint32_t kCount = 40000;
  auto append = [](Bytes& to, const Bytes& more) { to.insert(to.end(), more.begin(), more.end()); };
  Bytes exports = uleb(kCount);
  for (std::uint32_t i = 0; i < kCount; ++i) {
    append(exports, name("e" + std::to_string(i)));
    append(exports, {0x00, 0x00});
  }
  Bytes entries = uleb(kCount);
  for (std::uint32_t i = 0; i < kCount; ++i) append(entries, cat({uleb(0), name("f")}));
  const Bytes payload = cat({Bytes{0x01}, uleb(entries.size()), entries});
  const Bytes bytes = module({section(1, {0x01, 0x60, 0x00, 0x00}), section(3, {0x01, 0x00}), section(7, exports),
                              section(10, {0x01, 0x02, 0x00, 0x0b}), custom("name", payload)});
  const Detection d = run(bytes);
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0].section == "name");
  CHECK(d.warnings[0].message ==
        "function index 0 after 0: a name map's indices must be strictly increasing");
  // The second entry: after the subsection id, its size, the count and the first entry (0, "f").
  CHECK(d.warnings[0].offset ==
        payload_of(bytes, "name") + 1 + uleb(entries.size()).size() + uleb(kCount).size() + 1 + 2);
  CHECK(d.export_functions.empty());  // nothing is kept from a malformed name map
}

TEST_CASE("name: increasing indices name each exported function", "[detect][sections]") {
  const Bytes bytes = module({section(1, {0x01, 0x60, 0x00, 0x00}), section(3, {0x02, 0x00, 0x00}),
                              section(7, cat({Bytes{0x02}, name("a"), Bytes{0x00, 0x00}, name("b"), Bytes{0x00, 0x01}})),
                              section(10, {0x02, 0x02, 0x00, 0x0b, 0x02, 0x00, 0x0b}),
                              names_section({{0, "first"}, {1, "second"}})});
  const Detection d = run(bytes);
  CHECK(d.warnings.empty());
  CHECK(d.export_functions.at("a") == "first");
  CHECK(d.export_functions.at("b") == "second");
}
