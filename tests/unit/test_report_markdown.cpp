// SPDX-License-Identifier: Apache-2.0
// `check --format markdown` (src/report/check_markdown.cpp): the layout of a pull-request comment,
// collapsed long lists, the gate, the batch summary, and names that must not break the page.
#include <filesystem>
#include <fstream>
#include <random>
#include <unistd.h>

#include "audit_helpers.hpp"
#include "catch.hpp"
#include "text.hpp"
#include "temp_dir.hpp"
#include "cli_runner.hpp"
#include "wasm_builder.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;
namespace fs = std::filesystem;

namespace {

/// The `|` that separate a GFM table row's cells (those not escaped by a backslash).
std::size_t cell_separators(const std::string& row) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (row[i] == '\\') {
      ++i;
    } else if (row[i] == '|') {
      ++n;
    }
  }
  return n;
}

/// Every table row (a line starting with `|`) has as many cells as its table's header.
void check_tables(const std::string& md) {
  std::size_t columns = 0;
  bool in_table = false;
  for (const auto& l : lines_of(md)) {
    if (l.rfind("|", 0) != 0) {
      in_table = false;
      continue;
    }
    if (!in_table) {
      columns = cell_separators(l);
      in_table = true;
    }
    INFO(l);
    CHECK(cell_separators(l) == columns);
  }
}

/// `line` without its code spans (CommonMark: a run of n backticks up to the next run of exactly
/// n).
std::string without_code_spans(const std::string& line) {
  std::string out;
  for (std::size_t i = 0; i < line.size();) {
    if (line[i] != '`') {
      out += line[i++];
      continue;
    }
    std::size_t n = 0;
    while (i + n < line.size() && line[i + n] == '`') ++n;
    std::size_t j = i + n;
    std::size_t close = std::string::npos;
    while (j < line.size()) {
      if (line[j] != '`') {
        ++j;
        continue;
      }
      std::size_t m = 0;
      while (j + m < line.size() && line[j + m] == '`') ++m;
      if (m == n) {
        close = j;
        break;
      }
      j += m;
    }
    if (close == std::string::npos) {
      out += line.substr(i, n);
      i += n;
    } else {
      i = close + n;
    }
  }
  return out;
}

CliResult markdown(std::vector<std::string> args) {
  args.insert(args.begin(), {"check", "--format", "markdown"});
  return run_cli(args);
}

}  // namespace

TEST_CASE("markdown: a C command", "[report][markdown]") {
  const std::string path = fixture_path("c/hello_command.wasm");
  const CliResult r = markdown({path});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  check_tables(r.out);
  CHECK(r.out.rfind("### ✅ `" + path + "`: ", 0) == 0);
  CHECK(r.out.find("| runtime | version | result | error |\n| --- | --- | --- | --- |\n") !=
        std::string::npos);
  CHECK(r.out.find("| `wasmtime` | `48.0.0` | ✅ instantiates |  |\n") != std::string::npos);
  CHECK(r.out.find("**Gate: passes**") != std::string::npos);
  CHECK(r.out.find("### Summary") == std::string::npos);  // one file: no batch summary
}

TEST_CASE("markdown: a Go js build collapses its long lists", "[report][markdown]") {
  const CliResult r = markdown({fixture_path("go/js_hello_go124.wasm")});
  CHECK(r.exit_code == 1);
  check_tables(r.out);
  CHECK(r.out.find(": browser-target\n") != std::string::npos);
  CHECK(r.out.rfind("### ❌ ", 0) == 0);
  // Every runtime misses the same 20 imports: one collapsed list for all of them.
  CHECK(count(r.out,
              "<details><summary>20 imports missing on wasmtime, wazero, wasmedge, wasmer, wamr, "
              "wamr-cmake, wasm3, node, browser</summary>\n\n- `gojs::runtime.scheduleTimeoutEvent`\n") == 1);
  CHECK(r.out.find("</details>") != std::string::npos);
  CHECK(r.out.find(
            "| `wamr` | `2.4.5` | ⚠️ instantiates; 20 imports would trap on call |  |\n") !=
        std::string::npos);
  CHECK(r.out.find("| `wasmtime` | `48.0.0` | ❌ fails | ``unknown import: "
                   "`gojs::runtime.scheduleTimeoutEvent` "
                   "has not been defined`` |\n") != std::string::npos);
  CHECK(r.out.find(
            "- **error** `target.gojs` `gojs::runtime.scheduleTimeoutEvent`: Go browser build") !=
        std::string::npos);
  CHECK(r.out.find("\n  - fix: rebuild with GOOS=wasip1 GOARCH=wasm\n") != std::string::npos);
  CHECK(r.out.find("**Gate: fails**\n\n- runs on none of the selected WASI runtimes (verdict "
                   "browser-target)\n") != std::string::npos);
}

TEST_CASE("markdown: --require marks the required runtime", "[report][markdown]") {
  const CliResult r = markdown({"--require", "wazero", fixture_path("go/js_hello_go124.wasm")});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("| `wazero` (required) | `1.12.0` | ❌ fails | ") != std::string::npos);
  CHECK(r.out.find("- required runtime wazero 1.12.0 fails to instantiate: ") != std::string::npos);
}

TEST_CASE("markdown: capabilities are collapsed, run commands in code spans",
          "[report][markdown]") {
  const CliResult r = markdown({fixture_path("go/wasip1_hello_go124.wasm")});
  CHECK(r.out.find("<details><summary>Capabilities: filesystem, env, args, ") != std::string::npos);
  CHECK(r.out.find("<details><summary>How to run</summary>\n\n- `wasmtime`: `wasmtime run ") !=
        std::string::npos);
}

TEST_CASE("markdown: the gate counts what the baseline accepts", "[report][markdown]") {
  TempDir tmp;
  const std::string js = fixture_path("go/js_hello_go124.wasm");
  const std::string baseline = tmp.file("baseline.json", {});
  REQUIRE(run_cli({"check", "--write-baseline", baseline, js}).exit_code == 0);
  const CliResult r = markdown({"--baseline", baseline, js});
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("### ✅ ", 0) == 0);
  CHECK(r.out.find("**Gate: passes**\n\nBaseline: 2 accepted findings not counted.\n") !=
        std::string::npos);
}

TEST_CASE("markdown: embedder snippets only with --verbose", "[report][markdown]") {
  const std::string path = fixture_path("c/file_reader.wasm");
  const CliResult plain = markdown({path});
  const CliResult verbose = markdown({"--verbose", path});
  CHECK(plain.out.find("```js\n") == std::string::npos);
  CHECK(verbose.out.find("<details><summary>node: run.mjs</summary>\n\n```js\n") !=
        std::string::npos);
  CHECK(verbose.out.find("```go\n") != std::string::npos);
  check_tables(verbose.out);
}

TEST_CASE("markdown: a batch ends in a summary that lists input errors and gate failures",
          "[report][markdown]") {
  const std::string bad = built_fixture("malformed/header_bad_magic.wasm").string();
  const std::string js = fixture_path("go/js_hello_go124.wasm");
  const CliResult r = markdown({fixture_path("c/hello_command.wasm"), bad, js});
  CHECK(r.exit_code == 3);
  check_tables(r.out);
  CHECK(r.out.find("### ❌ `" + bad + "`: could not be read\n\n`0x0: header: ") !=
        std::string::npos);
  CHECK(r.out.find(
            "### Summary\n\n| files | input errors | gate failures | errors | warnings | notes |\n"
            "| ---: | ---: | ---: | ---: | ---: | ---: |\n| 3 | 1 | 1 | ") != std::string::npos);
  CHECK(r.out.find("**Failed the gate**\n\n- `" + js + "`\n") != std::string::npos);
  CHECK(r.out.find("**Input errors**\n\n- `" + bad + "`: `0x0: header: ") != std::string::npos);
}

TEST_CASE("markdown: hostile names cannot break a table or inject HTML",
          "[report][markdown][escape]") {
  TempDir tmp;
  const std::string evil = "x|y<img src=x onerror=alert(1)>*_`|\x1b[31m";
  const std::string path = tmp.file(
      "evil.wasm", module({
                       section(1, cat({uleb(1), Bytes{0x60, 0x00, 0x00}})),
                       section(2, cat({uleb(1), name("env"), name(evil), Bytes{0x00, 0x00}})),
                   }));
  const CliResult r = markdown({path});
  check_tables(r.out);
  CHECK(r.out.find('\x1b') == std::string::npos);
  // Outside code spans, the name is escaped text: no tag, no emphasis.
  for (const auto& l : lines_of(r.out)) {
    INFO(l);
    CHECK(without_code_spans(l).find("<img") == std::string::npos);
  }
  CHECK(r.out.find("env::x\\|y&lt;img src=x onerror=alert(1)&gt;\\*\\_\\`\\|\\\\x1b\\[31m") !=
        std::string::npos);
  // A code span with a longer fence holds the backtick; the control character is written visibly.
  CHECK(r.out.find("``env::x|y<img src=x onerror=alert(1)>*_`|\\x1b[31m``") != std::string::npos);
  // In a table cell the pipes are escaped.
  bool row = false;
  for (const auto& l : lines_of(r.out)) {
    if (l.rfind("| `wasmtime`", 0) == 0) {
      row = true;
      CHECK(l.find("env::x\\|y<img src=x onerror=alert(1)>*_`\\|\\x1b[31m") != std::string::npos);
    }
  }
  CHECK(row);
}

TEST_CASE("markdown: the heading says whether the gate failed, for every fixture",
          "[report][markdown]") {
  for (const auto& f : valid_fixtures()) {
    DYNAMIC_SECTION(f.filename().string()) {
      const CliResult r = markdown({f.string()});
      REQUIRE((r.exit_code == 0 || r.exit_code == 1));
      check_tables(r.out);
      CHECK(r.out.rfind(r.exit_code == 1 ? "### ❌ " : "### ✅ ", 0) == 0);
      CHECK((r.out.find("**Gate: fails**") != std::string::npos) == (r.exit_code == 1));
      CHECK(count(r.out, "<details>") == count(r.out, "</details>"));
    }
  }
}
