// SPDX-License-Identifier: Apache-2.0
// `wasm-audit --version` (version_text): the tool's and library's version, every JSON schema id the
// tool writes, and the built-in knowledge base's document count and digest. Not a golden case: the
// digest changes with every fact the knowledge base learns.
#include <sstream>

#include "catch.hpp"
#include "cli_runner.hpp"
#include "binary/sha256.hpp"
#include "wasmaudit/policy/loader.hpp"
#include "wasmaudit/report/format.hpp"
#include "wasmaudit/version.hpp"

using namespace wasmaudit;

TEST_CASE("wasm-audit --version names the library, the JSON schemas and the knowledge base", "[report][version]") {
  const test::CliResult r = test::run_cli({"-V"});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == version_text() + "\n");
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line);
  CHECK(line == std::string("wasm-audit ") + kVersion);
  CHECK(std::string(kVersion) == std::to_string(kVersionMajor) + "." + std::to_string(kVersionMinor) + "." +
                                     std::to_string(kVersionPatch));
  std::getline(lines, line);
  CHECK(line == std::string("library: libwasmaudit ") + kVersion);
  std::getline(lines, line);
  for (const char* schema : {"wasm-audit/inspect/1", "wasm-audit/check/1", "wasm-audit/check-line/1", "wasm-audit/diff/1",
                             "wasm-audit/explain/1", "wasm-audit/matrix/1", "wasm-audit/baseline/1"}) {
    CHECK(line.find(std::string(" ") + schema) != std::string::npos);
  }
  std::getline(lines, line);
  // The digest of every built-in document's path and text, recomputed here.
  std::string all;
  for (const auto& d : builtin_documents()) all += std::string(d.path) + '\0' + d.text + '\0';
  const std::string digest = sha256_hex({reinterpret_cast<const std::uint8_t*>(all.data()), all.size()});
  CHECK(builtin_knowledge_digest() == digest);
  CHECK(line == "knowledge base: " + std::to_string(builtin_documents().size()) + " documents, sha256 " +
                    digest.substr(0, 16));
  CHECK(builtin_documents().size() > 50);
  CHECK_FALSE(std::getline(lines, line));
}
