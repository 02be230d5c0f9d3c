// SPDX-License-Identifier: Apache-2.0
#include "catch.hpp"
#include "fixtures.hpp"
#include "wasm_builder.hpp"
#include "wasmaudit/reader/module_reader.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

Module read(const Bytes& b) { return read_module(b); }

Module read_fixture(const std::string& rel) {
  const Bytes b = read_bytes(built_fixture(rel));
  return read_module(b);
}

}  // namespace

TEST_CASE("a WASI command's imports, exports and shape", "[reader]") {
  const Module m = read_fixture("wat/wasi_command.wasm");
  CHECK(m.kind == BinaryKind::kModule);
  CHECK(m.version == 1);
  REQUIRE(m.imports.size() == 2);
  CHECK(m.imports[0].module == "wasi_snapshot_preview1");
  CHECK(m.imports[0].name == "fd_write");
  CHECK(m.imports[0].kind == ExternKind::kFunc);
  CHECK(describe(m, m.imports[0]) == "func (i32, i32, i32, i32) -> i32");
  CHECK(describe(m, m.imports[1]) == "func (i32) -> ()");
  REQUIRE(m.exports.size() == 2);
  CHECK(m.find_export("memory") != nullptr);
  CHECK(m.find_export("_start")->kind == ExternKind::kFunc);
  CHECK(shape_of(m) == Shape::kCommand);
  CHECK(m.memories.size() == 1);
  CHECK_FALSE(m.memories[0].imported);
  // The code and data sections are recorded, not decoded.
  CHECK(m.sections.back().name == "data");
}

TEST_CASE("shapes follow the _start and _initialize exports", "[reader]") {
  CHECK(shape_of(read_fixture("wat/wasi_reactor.wasm")) == Shape::kReactor);
  CHECK(shape_of(read_fixture("wat/library.wasm")) == Shape::kLibrary);
  CHECK(shape_of(read_fixture("wat/shape_both.wasm")) == Shape::kInvalid);
}

TEST_CASE("every import kind is read with its type", "[reader]") {
  const Module m = read_fixture("wat/all_import_kinds.wasm");
  REQUIRE(m.imports.size() == 6);
  CHECK(describe(m, m.imports[0]) == "func (i32, i32) -> i32");
  CHECK(describe(m, m.imports[1]) == "table funcref 2..10");
  CHECK(describe(m, m.imports[2]) == "memory 1..65536 shared");
  CHECK(describe(m, m.imports[3]) == "global i64 mut");
  CHECK(describe(m, m.imports[4]) == "tag (i32) -> ()");
  CHECK(describe(m, m.imports[5]) == "global externref");
  CHECK(m.imports[2].memory.limits.shared);
  // Index spaces put imports first.
  CHECK(m.globals.size() == 3);
  CHECK(m.globals[0].imported);
  CHECK_FALSE(m.globals[2].imported);
  CHECK(m.tags.size() == 2);
  const Export* oops = m.find_export("oops");
  REQUIRE(oops != nullptr);
  CHECK(describe(m, *oops) == "tag (i64, i64) -> ()");
  CHECK(describe(m, *m.find_export("tbl")) == "table externref 1..\u221e");
  CHECK(describe(m, *m.find_export("run")) == "func (f32, f64) -> i32");
}

TEST_CASE("memory64 and multiple memories", "[reader]") {
  const Module m = read_fixture("wat/memory64.wasm");
  REQUIRE(m.memories.size() == 3);
  CHECK(m.memories[0].imported);
  CHECK(m.memories[1].type.limits.is64);
  CHECK(m.memories[1].type.limits.max == 1000u);
  CHECK(to_string(m.memories[1].type.limits) == "2..1000 i64");
}

TEST_CASE("start function, multi-value and UTF-8 names", "[reader]") {
  const Module m = read_fixture("wat/start_function.wasm");
  REQUIRE(m.start.has_value());
  CHECK(m.start->func_index == 0);
  CHECK(describe(m, *m.find_export("pair")) == "func () -> (i32, i64)");
  CHECK(m.find_export("h\xc3\xa9llo \xf0\x9f\x98\x80") != nullptr);
}

TEST_CASE("every item carries its byte range", "[reader]") {
  const Bytes b = module({
      section(1, cat({uleb(1), Bytes{0x60, 0x00, 0x00}})),                     // type: () -> ()
      section(2, cat({uleb(1), name("env"), name("f"), Bytes{0x00, 0x00}})),  // import env::f
  });
  const Module m = read(b);
  REQUIRE(m.imports.size() == 1);
  // header 8 + type section 6 (id, size, count, 0x60 0 0) = 14; the import section's id and size
  // take 2 bytes, its count 1, so the import starts at 17: "env" 4 + "f" 2 + kind and type 2 = 8.
  CHECK(m.imports[0].range == ByteRange{17, 8});
  CHECK(m.sections[1].range == ByteRange{14, 11});
  CHECK(m.sections[1].payload == ByteRange{16, 9});
}

TEST_CASE("GC type encodings do not stop import and export reading", "[reader]") {
  const Bytes b = module({
      section(1, cat({uleb(2),
                      // rec group of 2: a struct with an i32 and a mutable i8 field, and a sub final
                      // func type whose param is (ref null 0)
                      Bytes{0x4E, 0x02, 0x5F, 0x02, 0x7F, 0x00, 0x78, 0x01},
                      Bytes{0x4F, 0x00, 0x60, 0x01, 0x63, 0x00, 0x00},
                      // an array of anyref
                      Bytes{0x5E, 0x6E, 0x00}})),
      section(2, cat({uleb(1), name("env"), name("consume"), Bytes{0x00, 0x01}})),
  });
  const Module m = read(b);
  REQUIRE(m.types.size() == 3);
  CHECK(m.types[0].kind == CompositeKind::kStruct);
  CHECK(m.types[2].kind == CompositeKind::kArray);
  REQUIRE(m.imports.size() == 1);
  CHECK(describe(m, m.imports[0]) == "func ((ref null 0)) -> ()");
}

TEST_CASE("a component lists its component-level imports and exports", "[reader]") {
  const Bytes b = cat({
      component_header(),
      // import section: one instance import named with the 0x00 encoding
      section(10, cat({uleb(1), Bytes{0x00}, name("wasi:cli/environment@0.2.0"), Bytes{0x05, 0x00}})),
      // export section: export an instance, no type ascription
      section(11, cat({uleb(1), Bytes{0x00}, name("wasi:cli/run@0.2.0"), Bytes{0x05, 0x00, 0x00}})),
  });
  const Module m = read(b);
  CHECK(m.kind == BinaryKind::kComponent);
  REQUIRE(m.component_imports.size() == 1);
  CHECK(m.component_imports[0].name == "wasi:cli/environment@0.2.0");
  CHECK(m.component_imports[0].sort == ComponentSort::kInstance);
  REQUIRE(m.component_exports.size() == 1);
  CHECK(m.component_exports[0].name == "wasi:cli/run@0.2.0");
  CHECK(m.imports.empty());
}
