// SPDX-License-Identifier: Apache-2.0
// `check`'s text report (src/report/check_text.cpp) is read in a terminal: it fits the width, says
// a list of missing imports once, shows embedder snippets only with --verbose, and --quiet gives
// one line per module.
#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "report/wrap.hpp"
#include "catch.hpp"
#include "text.hpp"
#include "fixtures.hpp"
#include "wasmaudit/audit.hpp"
#include "wasmaudit/policy/gate.hpp"
#include "wasmaudit/policy/loader.hpp"
#include "report/escape.hpp"
#include "wasmaudit/report/format.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;
using detail::display_width;

namespace {

/// "go/x.wasm" for fixtures/go/x.wasm: the path as a user in the fixture folder types it, so that
/// the report's layout does not depend on where the repository or the build lives.
std::string short_path(const std::filesystem::path& p) {
  return (p.parent_path().filename() / p.filename()).string();
}

/// What `check` hands its reporter for this file (the gate at its defaults), under `short_path`.
CheckEntry entry_of(const std::filesystem::path& p) {
  const Knowledge& k = builtin_knowledge();
  CheckEntry e = check_file(p.string(), k, EvalOptions{});
  if (!e.module) FAIL("cannot read " << p);
  e.path = short_path(p);
  EvalOptions o;
  o.detection = &*e.detection;
  o.file = e.path;
  e.result = evaluate(*e.module, k, o);
  e.gate = apply_gate(*e.result, e.path, GateOptions{});
  return e;
}

std::string render(const std::vector<CheckEntry>& entries, ReportOptions o) {
  std::ostringstream out;
  auto r = make_check_reporter("text", out, o);
  REQUIRE(r);
  for (const auto& e : entries) r->add(e);
  r->finish();
  return out.str();
}

std::string render(const CheckEntry& e, std::size_t width = 80, bool verbose = false) {
  ReportOptions o;
  o.width = width;
  o.verbose = verbose;
  return render(std::vector<CheckEntry>{e}, o);
}

/// The text without ANSI colour codes (ESC [ … m).
std::string strip_colour(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b' && i + 1 < s.size() && s[i + 1] == '[') {
      i = s.find('m', i);
      if (i == std::string::npos) break;
      continue;
    }
    out += s[i];
  }
  return out;
}

const std::vector<CheckEntry>& all_entries() {
  static const std::vector<CheckEntry> entries = [] {
    std::vector<CheckEntry> out;
    for (const auto& p : valid_fixtures()) out.push_back(entry_of(p));
    return out;
  }();
  return entries;
}

}  // namespace

TEST_CASE("check text: every line of every valid fixture's report fits 80 and 60 columns",
          "[report][text]") {
  REQUIRE(all_entries().size() >= 20);
  for (const std::size_t width : {80u, 60u}) {
    for (const auto& e : all_entries()) {
      const std::string text = render(e, width);
      for (const auto& line : lines_of(text)) {
        INFO(e.path << " at " << width << " columns: " << line);
        CHECK(display_width(line) <= width);
      }
      // --verbose too, but for the embedder snippets: code to copy, written as it is.
      std::vector<std::string> titles;
      for (const auto& rt : e.result->runtimes) {
        if (rt.run && !rt.run->snippet.empty())
          titles.push_back("      " + rt.run->snippet_title + ":");
      }
      bool in_snippet = false;
      for (const auto& line : lines_of(render(e, width, true))) {
        if (in_snippet && line.rfind("        ", 0) == 0) continue;
        in_snippet = std::find(titles.begin(), titles.end(), line) != titles.end();
        INFO(e.path << " --verbose at " << width << " columns: " << line);
        CHECK(display_width(line) <= width);
      }
      // Colour codes take no columns: with colour on, the same report once they are removed.
      ReportOptions coloured;
      coloured.width = width;
      coloured.color = true;
      const std::string painted = render(std::vector<CheckEntry>{e}, coloured);
      CHECK(painted != text);
      CHECK(strip_colour(painted) == text);
    }
  }
}

TEST_CASE("check text: a Go hello world is short, and a shared missing list is said once",
          "[report][text]") {
  const CheckEntry hello = entry_of(source_fixture("go/wasip1_hello_go124.wasm"));
  const std::string text = render(hello);
  INFO(text);
  CHECK(lines_of(text).size() <= 46);  // 62 before the report fit a terminal; 9 runtimes now
  // The run: lines stay; the snippets do not.
  CHECK(text.find("      run: wasmtime run go/wasip1_hello_go124.wasm\n") != std::string::npos);
  CHECK(text.find("      run: node run.mjs\n") != std::string::npos);
  CHECK(text.find("--verbose shows the embedder code for wazero and node") != std::string::npos);

  // The Go js build misses the same 20 imports on all eight runtimes: one list.
  const std::string js = render(entry_of(source_fixture("go/js_hello_go124.wasm")));
  INFO(js);
  CHECK(count(js, "missing on") == 1);
  CHECK(
      js.find("  missing on every runtime (20 imports from gojs): runtime.scheduleTimeoutEvent,") !=
      std::string::npos);
  CHECK(js.find("… and 16 more") != std::string::npos);
  // Named in the finding, the capabilities, the one list and the gate: not once per runtime.
  CHECK(count(js, "runtime.resetMemoryDataView") == 4);

  // Runtimes that lack different imports: one list per distinct set, naming its runtimes.
  const std::string sock = render(entry_of(source_fixture("go/wasmedge_sock_go124.wasm")));
  INFO(sock);
  CHECK(sock.find("  missing on wasmtime, wazero, wasmer, wamr, wamr-cmake, node:\n"
                  "    wasi_snapshot_preview1::sock_open\n") != std::string::npos);
  CHECK(sock.find("  missing on wasm3 (2 imports from wasi_snapshot_preview1): sched_yield,\n"
                  "    sock_open\n") != std::string::npos);  // wasm3 0.5.0 lacks sched_yield too
  CHECK(sock.find("  missing on browser (17 imports from wasi_snapshot_preview1): ") !=
        std::string::npos);
}

TEST_CASE("check text: embedder snippets and full error texts only with --verbose",
          "[report][text]") {
  const CheckEntry hello = entry_of(source_fixture("go/wasip1_hello_go124.wasm"));
  const std::string plain = render(hello);
  const std::string verbose = render(hello, 80, true);
  for (const char* snippet :
       {"Go, wazero library:", "wasi_snapshot_preview1.MustInstantiate(ctx, r)",
        "run.mjs:", "import { WASI } from 'node:wasi';"}) {
    INFO(snippet);
    CHECK(plain.find(snippet) == std::string::npos);
    CHECK(verbose.find(snippet) != std::string::npos);
  }
  CHECK(verbose.find("--verbose shows") == std::string::npos);
  for (const char* run :
       {"      run: wazero run go/wasip1_hello_go124.wasm\n", "      run: node run.mjs\n"}) {
    INFO(run);
    CHECK(plain.find(run) != std::string::npos);
    CHECK(verbose.find(run) != std::string::npos);
  }
  // Go code keeps its lines (a break would change what it means); it is indented with spaces.
  CHECK(verbose.find("\n            log.Fatal(err)\n") != std::string::npos);

  // WasmEdge logs five lines, each after "[time] [error] ": the table shows the one that names
  // the import, without the prefix; --verbose every line as printed.
  const CheckEntry js = entry_of(source_fixture("go/js_hello_go124.wasm"));
  const std::string js_plain = render(js);
  const std::string js_verbose = render(js, 80, true);
  CHECK(js_plain.find("fails  When linking module: \"gojs\" , function name:") != std::string::npos);
  CHECK(js_plain.find("Code: 0x302") == std::string::npos);
  CHECK(js_plain.find("[error]") == std::string::npos);
  CHECK(js_plain.find("--verbose shows the full text of ") != std::string::npos);
  CHECK(js_verbose.find("[{timestamp}] [error] instantiation failed:") != std::string::npos);
  CHECK(js_verbose.find("Code: 0x302") != std::string::npos);
  // Verbose lists every missing import.
  CHECK(js_verbose.find("runtime.wasmExit") != std::string::npos);
  CHECK(js_verbose.find("… and") == std::string::npos);
}

TEST_CASE("check text: --quiet gives one line per module, and a summary for several",
          "[report][text]") {
  ReportOptions quiet;
  quiet.quiet = true;
  const CheckEntry hello = entry_of(source_fixture("go/wasip1_hello_go124.wasm"));
  CHECK(render(std::vector<CheckEntry>{hello}, quiet) ==
        "go/wasip1_hello_go124.wasm: partially-portable (gate: pass)\n");

  const CheckEntry js = entry_of(source_fixture("go/js_hello_go124.wasm"));
  const auto js_lines = lines_of(render(std::vector<CheckEntry>{js}, quiet));
  REQUIRE(js_lines.size() == 1);
  CHECK(js_lines[0].rfind("go/js_hello_go124.wasm: browser-target (gate: fail: ", 0) == 0);
  CHECK(js_lines[0].back() == ')');

  // A batch: one line per module in order, then the summary line; input errors go to stderr.
  CheckEntry unreadable;
  unreadable.path = "missing.wasm";
  unreadable.error = InputError{};
  const auto batch = lines_of(render(std::vector<CheckEntry>{hello, unreadable, js}, quiet));
  REQUIRE(batch.size() == 3);
  CHECK(batch[0].rfind("go/wasip1_hello_go124.wasm: ", 0) == 0);
  CHECK(batch[1].rfind("go/js_hello_go124.wasm: ", 0) == 0);
  CHECK(batch[2] == "3 files checked: 1 could not be read, 1 failed the gate");

  // Every valid fixture: exactly one line, whatever the width: the gate's first reason in full
  // (a CI log must say why), and how many more there are.
  for (const std::size_t width : {80u, 60u}) {
    quiet.width = width;
    const auto lines = lines_of(render(all_entries(), quiet));
    REQUIRE(lines.size() == all_entries().size() + 1);
    for (std::size_t i = 0; i < all_entries().size(); ++i) {
      const CheckEntry& e = all_entries()[i];
      const std::string head = e.path + ": " + std::string(to_string(e.result->verdict.verdict));
      INFO(lines[i]);
      if (e.gate->failed()) {
        CHECK(lines[i].rfind(head + " (gate: fail: " + escape_name(e.gate->failures.front().reason), 0) == 0);
      } else {
        CHECK(lines[i] == head + " (gate: pass)");
      }
    }
  }
}

TEST_CASE("inspect text: the toolchain and settings lines fit the width too", "[report][text]") {
  for (const std::size_t width : {80u, 60u}) {
    for (const auto& p : valid_fixtures()) {
      InspectEntry e = inspect_file(p.string());
      REQUIRE(e.module);
      e.path = short_path(p);
      ReportOptions o;
      o.width = width;
      std::ostringstream out;
      auto r = make_inspect_reporter("text", out, o);
      r->add(e);
      r->finish();
      // The detection lines come after the module's facts and before its sections.
      bool in_detection = false;
      for (const auto& line : lines_of(out.str())) {
        if (line.rfind("  sections (", 0) == 0) break;
        if (in_detection) {
          INFO(e.path << " at " << width << " columns: " << line);
          CHECK(display_width(line) <= width);
        }
        if (line.rfind("  functions: ", 0) == 0 || line.rfind("  kind:   component", 0) == 0)
          in_detection = true;
      }
    }
  }
}
