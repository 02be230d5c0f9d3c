// SPDX-License-Identifier: Apache-2.0
// `check --format junit` (src/report/check_junit.cpp): the counts GitLab and Jenkins read, the
// skips, the agreement with the gate, and escaping. tests/formats/junit.cmake has xmllint read the
// real executable's output.
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

/// The value of attribute `name` in the first element starting with `open` (e.g. "<testsuites ").
std::string attr(const std::string& xml, const std::string& open, const std::string& name,
                 std::size_t from = 0) {
  const auto start = xml.find(open, from);
  if (start == std::string::npos) return "(no " + open + ")";
  const auto end = xml.find('>', start);
  const auto a = xml.find(" " + name + "=\"", start);
  if (a == std::string::npos || a > end) return "(no " + name + ")";
  const auto v = a + name.size() + 3;
  return xml.substr(v, xml.find('"', v) - v);
}

/// Each <testsuite>'s text, in order.
std::vector<std::string> suites(const std::string& xml) {
  std::vector<std::string> out;
  for (auto pos = xml.find("<testsuite "); pos != std::string::npos;
       pos = xml.find("<testsuite ", pos + 1)) {
    out.push_back(xml.substr(pos, xml.find("</testsuite>", pos) - pos));
  }
  return out;
}

/// The <testcase …>…</testcase> (or self-closed) of classname `cls` whose name starts with `name`.
std::string testcase(const std::string& suite, const std::string& cls,
                     const std::string& name = "") {
  const std::string open = "<testcase classname=\"" + cls + "\" name=\"" + name;
  const auto pos = suite.find(open);
  if (pos == std::string::npos) return {};
  const auto self = suite.find("/>", pos);
  const auto gt = suite.find('>', pos);
  if (self != std::string::npos && self + 1 == gt) return suite.substr(pos, gt + 1 - pos);
  return suite.substr(pos, suite.find("</testcase>", pos) + 11 - pos);
}

/// The counts of a suite agree with its test cases; returns its failures.
std::size_t checked_counts(const std::string& suite) {
  const auto cases = count(suite, "<testcase ");
  const auto failures = count(suite, "<failure ");
  const auto skipped = count(suite, "<skipped ");
  const auto errors = count(suite, "<error ");
  CHECK(attr(suite, "<testsuite ", "tests") == std::to_string(cases));
  CHECK(attr(suite, "<testsuite ", "failures") == std::to_string(failures));
  CHECK(attr(suite, "<testsuite ", "skipped") == std::to_string(skipped));
  CHECK(attr(suite, "<testsuite ", "errors") == std::to_string(errors));
  return failures;
}

void checked_totals(const std::string& xml) {
  CHECK(xml.rfind(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"wasm-audit check\" ",
            0) == 0);
  CHECK(attr(xml, "<testsuites ", "tests") == std::to_string(count(xml, "<testcase ")));
  CHECK(attr(xml, "<testsuites ", "failures") == std::to_string(count(xml, "<failure ")));
  CHECK(attr(xml, "<testsuites ", "skipped") == std::to_string(count(xml, "<skipped ")));
  CHECK(attr(xml, "<testsuites ", "errors") == std::to_string(count(xml, "<error ")));
  CHECK(xml.size() >= 14);
  CHECK(xml.substr(xml.size() - 14) == "</testsuites>\n");
  for (const auto& s : suites(xml)) checked_counts(s);
}

/// No character that XML 1.0 refuses (C0 but tab and newline), nor a C1 control.
bool xml_safe(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 && c != '\n' && c != '\t') return false;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9F)
      return false;
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
        static_cast<unsigned char>(s[i + 2]) >= 0xBE)
      return false;
  }
  return true;
}

CliResult junit(std::vector<std::string> args) {
  args.insert(args.begin(), {"check", "--format", "junit"});
  return run_cli(args);
}

}  // namespace

TEST_CASE("junit: a C command passes on every WASI runtime", "[report][junit]") {
  const CliResult r = junit({fixture_path("c/hello_command.wasm")});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  checked_totals(r.out);
  const auto s = suites(r.out);
  REQUIRE(s.size() == 1);
  CHECK(attr(s[0], "<testsuite ", "name") == fixture_path("c/hello_command.wasm"));
  // A test case per runtime of the knowledge base (9), and the gate; the browser is no WASI host.
  CHECK(attr(s[0], "<testsuite ", "tests") == "10");
  CHECK(attr(s[0], "<testsuite ", "failures") == "0");
  CHECK(testcase(s[0], "wasm-audit.wasmtime", "wasmtime ").find(" instantiates\"") !=
        std::string::npos);
  CHECK(testcase(s[0], "wasm-audit.browser")
            .find("<skipped message=\"not a WASI runtime: fails to instantiate: ") !=
        std::string::npos);
  CHECK(testcase(s[0], "wasm-audit.gate", "gate").find("<system-out>passes\n") !=
        std::string::npos);
  CHECK(s[0].find("<property name=\"verdict\" value=\"") != std::string::npos);
}

TEST_CASE("junit: a Go js build fails on each WASI runtime, on its error finding and on the gate",
          "[report][junit]") {
  const CliResult r = junit({fixture_path("go/js_hello_go124.wasm")});
  CHECK(r.exit_code == 1);
  checked_totals(r.out);
  const auto s = suites(r.out);
  REQUIRE(s.size() == 1);
  // Eight WASI runtimes that do not run it (wamr, wamr-cmake and wasm3 link lazily: the calls
  // would trap), target.gojs (an error at the default --fail-on error) and the gate.
  CHECK(attr(s[0], "<testsuite ", "failures") == "10");
  CHECK(attr(s[0], "<testsuite ", "skipped") == "1");  // the browser
  const std::string wasmtime = testcase(s[0], "wasm-audit.wasmtime");
  CHECK(wasmtime.find("<failure message=\"fails to instantiate: unknown import: "
                      "`gojs::runtime.scheduleTimeoutEvent` "
                      "has not been defined\" type=\"fails-to-instantiate\">") !=
        std::string::npos);
  CHECK(wasmtime.find("missing (20):\n  gojs::runtime.scheduleTimeoutEvent\n") !=
        std::string::npos);
  const std::string wamr = testcase(s[0], "wasm-audit.wamr");
  CHECK(wamr.find("<failure message=\"instantiates only because it links lazily: 20 imports will "
                  "trap on call\" "
                  "type=\"traps-on-call\">") != std::string::npos);
  CHECK(wamr.find("note: calling any of the 20 missing imports traps") != std::string::npos);
  const std::string finding =
      testcase(s[0], "wasm-audit.findings", "target.gojs gojs::runtime.scheduleTimeoutEvent");
  CHECK(finding.find("<failure message=\"error: Go browser build (GOOS=js)") != std::string::npos);
  CHECK(finding.find("fix: rebuild with GOOS=wasip1 GOARCH=wasm\n") != std::string::npos);
  const std::string gate = testcase(s[0], "wasm-audit.gate", "gate");
  CHECK(gate.find("<failure message=\"runs on none of the selected WASI runtimes (verdict "
                  "browser-target) (and 1 "
                  "more)\" type=\"gate\">") != std::string::npos);

  SECTION("--fail-on none: only the runtimes and the gate fail") {
    const CliResult n = junit({"--fail-on", "none", fixture_path("go/js_hello_go124.wasm")});
    CHECK(n.exit_code == 1);
    checked_totals(n.out);
    CHECK(attr(n.out, "<testsuite ", "failures") == "9");
    CHECK(n.out.find("wasm-audit.findings") == std::string::npos);
  }
}

TEST_CASE("junit: with --require, the other runtimes are skipped as not required",
          "[report][junit]") {
  const CliResult r = junit({"--require", "wazero", fixture_path("c/hello_command.wasm"),
                             fixture_path("go/js_hello_go124.wasm")});
  CHECK(r.exit_code == 1);
  checked_totals(r.out);
  const auto s = suites(r.out);
  REQUIRE(s.size() == 2);
  CHECK(count(s[0], "<skipped message=\"not required\"/>") == 8);
  CHECK(count(s[1], "<skipped message=\"not required\"/>") == 8);
  CHECK(attr(s[0], "<testsuite ", "failures") == "0");
  CHECK(testcase(s[0], "wasm-audit.wazero").find("<skipped") == std::string::npos);
  // js: wazero fails (a runtime failure of the gate), target.gojs, the gate.
  CHECK(attr(s[1], "<testsuite ", "failures") == "3");
  CHECK(testcase(s[1], "wasm-audit.wazero").find("<failure message=\"fails to instantiate: ") !=
        std::string::npos);
  CHECK(testcase(s[1], "wasm-audit.gate")
            .find("required runtime wazero 1.12.0 fails to instantiate") != std::string::npos);
}

TEST_CASE("junit: a runtime-locked module skips the runtimes the gate does not count",
          "[report][junit]") {
  // Without --require the gate needs one WASI runtime that runs the module: WasmEdge does, so the
  // others are skipped with their reason; the error finding alone fails the gate.
  const CliResult r = junit({fixture_path("go/wasmedge_sock_go124.wasm")});
  CHECK(r.exit_code == 1);
  checked_totals(r.out);
  CHECK(testcase(r.out, "wasm-audit.wasmedge").find("<failure") == std::string::npos);
  CHECK(testcase(r.out, "wasm-audit.wasmtime")
            .find("<skipped message=\"not required: fails to instantiate: unknown import: "
                  "`wasi_snapshot_preview1::sock_open` has not been defined\"/>") !=
        std::string::npos);
  CHECK(testcase(r.out, "wasm-audit.wamr")
            .find("<skipped message=\"not required: instantiates only because it links lazily: "
                  "wasi_snapshot_preview1::sock_open will trap on call\"/>") != std::string::npos);
  CHECK(attr(r.out, "<testsuite ", "failures") == "2");  // the finding and the gate
}

TEST_CASE("junit: what the baseline accepts is skipped, and the gate passes", "[report][junit]") {
  TempDir tmp;
  const std::string js = fixture_path("go/js_hello_go124.wasm");
  const std::string baseline = tmp.file("baseline.json", {});
  REQUIRE(run_cli({"check", "--write-baseline", baseline, js}).exit_code == 0);
  const CliResult r = junit({"--baseline", baseline, js});
  CHECK(r.exit_code == 0);
  checked_totals(r.out);
  CHECK(attr(r.out, "<testsuite ", "failures") == "0");
  CHECK(testcase(r.out, "wasm-audit.findings", "target.gojs ")
            .find("<skipped message=\"accepted by the baseline\"/>") != std::string::npos);
  CHECK(testcase(r.out, "wasm-audit.wasmtime")
            .find("<skipped message=\"accepted by the baseline: fails to instantiate: ") !=
        std::string::npos);
  CHECK(testcase(r.out, "wasm-audit.gate")
            .find("accepted by the baseline: verdict browser-target\n") != std::string::npos);
}

TEST_CASE("junit: an input error is a suite with one error test case", "[report][junit]") {
  const std::string bad = built_fixture("malformed/header_bad_magic.wasm").string();
  const CliResult r = junit({bad, fixture_path("c/hello_command.wasm")});
  CHECK(r.exit_code == 3);
  checked_totals(r.out);
  const auto s = suites(r.out);
  REQUIRE(s.size() == 2);
  CHECK(attr(s[0], "<testsuite ", "name") == bad);
  CHECK(attr(s[0], "<testsuite ", "tests") == "1");
  CHECK(attr(s[0], "<testsuite ", "errors") == "1");
  CHECK(s[0].find("<testcase classname=\"wasm-audit.input\" name=\"read and decode\"") !=
        std::string::npos);
  CHECK(s[0].find("<error message=\"0x0: header: ") != std::string::npos);
  CHECK(s[0].find("type=\"decode-error\">wasm-audit: error: " + bad + ":0x0: header: ") !=
        std::string::npos);
  CHECK(attr(r.out, "<testsuites ", "errors") == "1");
}

TEST_CASE("junit: names from the binary are escaped", "[report][junit][escape]") {
  SECTION("control characters (tests/regressions/names_terminal_escapes.wasm)") {
    const CliResult r = junit(
        {(fs::path(WASMAUDIT_SOURCE_DIR) / "tests" / "regressions" / "names_terminal_escapes.wasm")
             .string()});
    checked_totals(r.out);
    CHECK(xml_safe(r.out));
    CHECK(r.out.find("\\x1b") != std::string::npos);
  }
  SECTION("markup, quotes, controls and noncharacters in an import name") {
    TempDir tmp;
    const std::string evil = "a\"b'c<d>&e]]>\x01\x7f\xc2\x9b\xef\xbf\xbe\\";
    const std::string path = tmp.file(
        "evil.wasm", module({
                         section(1, cat({uleb(1), Bytes{0x60, 0x00, 0x00}})),  // type 0: () -> ()
                         section(2, cat({uleb(1), name("env"), name(evil), Bytes{0x00, 0x00}})),
                     }));
    const CliResult r = junit({path});
    checked_totals(r.out);
    CHECK(xml_safe(r.out));
    const std::string escaped =
        "env::a&quot;b&apos;c&lt;d&gt;&amp;e]]&gt;\\x01\\x7f\\u{9b}\\u{fffe}\\\\";
    CHECK(r.out.find(escaped) != std::string::npos);
    CHECK(r.out.find(evil) == std::string::npos);
    CHECK(r.out.find("<d>") == std::string::npos);
  }
}

TEST_CASE("junit: a module's suite fails exactly when its gate does", "[report][junit]") {
  for (const auto& f : valid_fixtures()) {
    for (const char* fail_on : {"error", "warning", "none"}) {
      DYNAMIC_SECTION(f.filename().string() << " --fail-on " << fail_on) {
        const CliResult r = junit({"--fail-on", fail_on, f.string()});
        REQUIRE((r.exit_code == 0 || r.exit_code == 1));
        checked_totals(r.out);
        const auto s = suites(r.out);
        REQUIRE(s.size() == 1);
        const bool gate_failed =
            testcase(s[0], "wasm-audit.gate", "gate").find("<failure ") != std::string::npos;
        CHECK(gate_failed == (r.exit_code == 1));
        CHECK((checked_counts(s[0]) > 0) == gate_failed);
      }
    }
  }
}

TEST_CASE("junit: the same input gives the same bytes", "[report][junit]") {
  const std::vector<std::string> files = {fixture_path("c/file_reader.wasm"),
                                          fixture_path("go/wasip1_hello_go124.wasm")};
  const CliResult a = junit(files);
  const CliResult b = junit({"--jobs", "2", files[0], files[1]});
  CHECK(a.out == b.out);
}
