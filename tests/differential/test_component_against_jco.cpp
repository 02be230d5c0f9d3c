// SPDX-License-Identifier: Apache-2.0
// Differential test for components, which wabt cannot read: our reader's top-level imports and
// exports of every committed component fixture against the world jco printed for it (`jco wit`,
// recorded next to the fixture as <name>.wit by fixtures/component/build.sh).
#include <sstream>
#include <string>
#include <vector>

#include <algorithm>

#include "catch.hpp"
#include "fixtures.hpp"
#include "wasmaudit/reader/module_reader.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

struct World {
  std::vector<std::string> imports;
  std::vector<std::string> exports;
};

// The `import NAME;` and `export NAME;` lines of a world that only imports and exports interfaces
// (instances). Any other item in the world fails: the test would need to learn it.
World parse_world(const std::string& wit) {
  World w;
  std::istringstream in(wit);
  bool in_world = false;
  for (std::string line; std::getline(in, line);) {
    const std::size_t first = line.find_first_not_of(' ');
    if (first == std::string::npos) continue;
    line = line.substr(first);
    if (line.rfind("//", 0) == 0) continue;
    if (line.rfind("world ", 0) == 0) {
      in_world = true;
      continue;
    }
    if (!in_world) continue;
    if (line == "}") break;
    const bool is_import = line.rfind("import ", 0) == 0;
    const bool is_export = line.rfind("export ", 0) == 0;
    if ((!is_import && !is_export) || line.back() != ';' || line.find(':') == std::string::npos ||
        line.find(' ', 7) != std::string::npos) {
      FAIL("unexpected world item: " << line);
    }
    (is_import ? w.imports : w.exports).push_back(line.substr(7, line.size() - 8));
  }
  return w;
}

std::vector<std::string> names(const std::vector<ComponentExtern>& externs) {
  std::vector<std::string> out;
  for (const auto& e : externs) {
    CHECK(e.sort == ComponentSort::kInstance);
    // jco 1.35 writes every name in the plain (0x00) form; no fixture has a 0x01 version suffix.
    CHECK(e.version_suffix.empty());
    out.push_back(e.name);
  }
  return out;
}

}  // namespace

TEST_CASE("component imports and exports agree with jco wit", "[differential][component]") {
  const auto components = list_fixtures(source_fixture("component"), ".wasm");
  REQUIRE(!components.empty());
  for (const auto& path : components) {
    INFO("fixture " << path.string());
    std::filesystem::path wit_path = path;
    wit_path.replace_extension(".wit");
    const World world = parse_world(read_text(wit_path));
    REQUIRE(!(world.imports.empty() && world.exports.empty()));  // the .wit file was read

    const Module m = read_module(read_bytes(path));
    REQUIRE(m.kind == BinaryKind::kComponent);
    CHECK(names(m.component_imports) == world.imports);
    CHECK(names(m.component_exports) == world.exports);
  }
}

TEST_CASE("the jco command component imports WASI 0.2 interfaces and exports wasi:cli/run",
          "[differential][component]") {
  const Module m =
      read_module(read_bytes(source_fixture("component/hello_command.component.wasm")));
  REQUIRE(m.kind == BinaryKind::kComponent);
  CHECK(m.version == 0x0D);
  REQUIRE(m.component_imports.size() == 15);
  CHECK(m.component_imports.front().name == "wasi:cli/environment@0.2.12");
  CHECK(m.component_imports.back().name == "wasi:filesystem/preopens@0.2.12");
  REQUIRE(m.component_exports.size() == 1);
  CHECK(m.component_exports[0].name == "wasi:cli/run@0.2.12");
  CHECK(m.component_exports[0].sort == ComponentSort::kInstance);
  // Four embedded core modules (as `jco metadata-show` lists them): the C program, the preview-1
  // adapter, and wit-component's shim and fixup modules.
  std::size_t core_modules = 0;
  for (const auto& s : m.sections) core_modules += s.id == 1 ? 1 : 0;
  CHECK(core_modules == 4);
  // Each is read as a part, at the file offset of its section's payload.
  REQUIRE(m.parts.size() == 4);
  std::size_t i = 0;
  for (const auto& s : m.sections) {
    if (s.id != 1) continue;
    CHECK(m.parts[i].range.offset == s.payload.offset);
    CHECK(m.parts[i].range.size == s.payload.size);
    CHECK(m.parts[i].module.kind == BinaryKind::kModule);
    ++i;
  }
  // The C program imports preview 1; the adapter imports the program (__main_module__) and WASI 0.2.
  CHECK(m.parts[0].module.imports.size() == 9);
  CHECK(m.parts[0].module.imports.front().module == "wasi_snapshot_preview1");
  CHECK(std::any_of(m.parts[1].module.imports.begin(), m.parts[1].module.imports.end(),
                    [](const Import& imp) { return imp.module == "__main_module__"; }));
  // A component's features are those of its parts.
  CHECK(m.feature(Proposal::kBulkMemory) != nullptr);
}
