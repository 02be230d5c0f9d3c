// SPDX-License-Identifier: Apache-2.0
// Go detection on the real Go fixtures (fixtures/go, built by Go 1.21.13, 1.23.5 and 1.24.4): the
// exact version, the build settings from the module info in the data section, the build ID, the
// evidence and its byte ranges, and the calls that always fail on wasip1.
#include <map>

#include "catch.hpp"
#include "fixtures.hpp"
#include "wasmaudit/audit.hpp"
#include "wasmaudit/detect/detect.hpp"
#include "wasmaudit/policy/loader.hpp"
#include "wasmaudit/reader/module_reader.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

struct Detected {
  std::vector<std::uint8_t> bytes;
  Module module;
  Detection detection;
};

Detected detect_fixture(const std::string& rel, const DetectOptions& options = {}) {
  Detected d;
  d.bytes = read_bytes(source_fixture(rel));
  d.module = read_module(d.bytes);
  d.detection = detect(d.module, d.bytes, builtin_toolchains(), options);
  return d;
}

const ToolchainGuess& go_of(const Detected& d) {
  REQUIRE(!d.detection.toolchains.empty());
  REQUIRE(d.detection.toolchains.front().id == "go");
  return d.detection.toolchains.front();
}

/// The settings without DefaultGODEBUG (long, and it differs by version; checked separately).
std::map<std::string, std::string> settings_of(const ToolchainGuess& g) {
  auto s = g.settings;
  s.erase("DefaultGODEBUG");
  return s;
}

const std::map<std::string, std::string> kExeWasip1 = {{"-buildmode", "exe"}, {"-compiler", "gc"},
                                                       {"-trimpath", "true"}, {"CGO_ENABLED", "0"},
                                                       {"GOARCH", "wasm"},    {"GOOS", "wasip1"}};

}  // namespace

TEST_CASE("Go version and build settings of each Go fixture", "[detect][go]") {
  struct Case {
    const char* file;
    const char* version;
    const char* goos;
    const char* buildmode;
    const char* program;
    bool godebug;  ///< go.mod says go 1.21, so Go 1.23+ records DefaultGODEBUG
  };
  const Case cases[] = {
      {"go/wasip1_hello_go121.wasm", "go1.21.13", "wasip1", "exe", "wasip1_hello", false},
      {"go/wasip1_hello_go123.wasm", "go1.23.5", "wasip1", "exe", "wasip1_hello", true},
      {"go/wasip1_hello_go124.wasm", "go1.24.4", "wasip1", "exe", "wasip1_hello", true},
      {"go/js_hello_go121.wasm", "go1.21.13", "js", "exe", "js_hello", false},
      {"go/js_hello_go124.wasm", "go1.24.4", "js", "exe", "js_hello", true},
      {"go/reactor_go124.wasm", "go1.24.4", "wasip1", "c-shared", "reactor", false},
      {"go/wasmimport_env_go124.wasm", "go1.24.4", "wasip1", "exe", "wasmimport_env", false},
      {"go/net_listen_go124.wasm", "go1.24.4", "wasip1", "exe", "net_listen", false},
      {"go/net_file_listener_go124.wasm", "go1.24.4", "wasip1", "exe", "net_file_listener", false},
      {"go/os_exec_go124.wasm", "go1.24.4", "wasip1", "exe", "os_exec", false},
      {"go/read_file_go124.wasm", "go1.24.4", "wasip1", "exe", "read_file", false},
      {"go/env_args_go124.wasm", "go1.24.4", "wasip1", "exe", "env_args", false},
      {"go/wasmimport_wasi_wrong_sig_go124.wasm", "go1.24.4", "wasip1", "exe",
       "wasmimport_wasi_wrong_sig", false},
      {"go/wasmedge_sock_go124.wasm", "go1.24.4", "wasip1", "exe", "wasmedge_sock", false},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.file) {
      const Detected d = detect_fixture(c.file);
      CHECK(d.detection.warnings.empty());
      CHECK(d.detection.toolchains.size() == 1);
      const ToolchainGuess& go = go_of(d);
      CHECK(go.name == "Go (gc)");
      CHECK(go.version == c.version);
      CHECK(go.confidence == Confidence::kHigh);
      const std::map<std::string, std::string> expected = {
          {"-buildmode", c.buildmode}, {"-compiler", "gc"}, {"-trimpath", "true"},
          {"CGO_ENABLED", "0"},        {"GOARCH", "wasm"},  {"GOOS", c.goos}};
      CHECK(settings_of(go) == expected);
      CHECK(go.settings.count("DefaultGODEBUG") == (c.godebug ? 1u : 0u));
      const std::string path = std::string("example.com/wasmaudit/fixtures/") + c.program;
      CHECK(go.package == path);
      REQUIRE(go.main_module);
      CHECK(go.main_module->path == path);
      CHECK(go.main_module->version == "(devel)");
      CHECK(go.main_module->sum.empty());
      CHECK(go.dependencies.empty());
      CHECK(go.build_id.size() == 83);  // four 20-character hashes joined by '/'
      // producers: language and processed-by, both with the version.
      REQUIRE(d.detection.producers.size() == 2);
      CHECK(d.detection.producers[0].field == "language");
      CHECK(d.detection.producers[0].name == "Go");
      CHECK(d.detection.producers[0].version == c.version);
      CHECK(d.detection.producers[1].name == "Go cmd/compile");
      CHECK(d.detection.target_features.empty());
    }
  }
}

TEST_CASE("Go evidence points at the bytes it was read from", "[detect][go]") {
  const Detected d = detect_fixture("go/reactor_go124.wasm");
  const ToolchainGuess& go = go_of(d);
  const std::string_view file(reinterpret_cast<const char*>(d.bytes.data()), d.bytes.size());
  const auto text_at = [&](const Evidence& e) { return file.substr(e.range.offset, e.range.size); };
  std::map<std::string, const Evidence*> by_what;
  for (const auto& e : go.evidence) by_what[e.what] = &e;
  REQUIRE(by_what.count("custom section \"go:buildid\""));
  CHECK(by_what["custom section \"go:buildid\""]->range.offset == 8);  // first section
  REQUIRE(by_what.count("producers language: Go go1.24.4"));
  CHECK(text_at(*by_what["producers language: Go go1.24.4"]) ==
        std::string_view("\x02Go\x08go1.24.4", 12));
  REQUIRE(by_what.count("function _rt0_wasm_wasip1"));
  CHECK(by_what["function _rt0_wasm_wasip1"]->confidence == Confidence::kHigh);
  const Evidence* info = by_what["Go module info in the data section (6 build settings)"];
  REQUIRE(info != nullptr);
  CHECK(text_at(*info).substr(0, 5) == "path\t");
  CHECK(text_at(*info).find("build\t-buildmode=c-shared\n") != std::string_view::npos);
  // The module info lies inside the data section.
  const SectionInfo* data = nullptr;
  for (const auto& s : d.module.sections) {
    if (s.id == 11) data = &s;
  }
  REQUIRE(data != nullptr);
  CHECK(info->range.offset > data->payload.offset);
  CHECK(info->range.end() < data->payload.end());
  // The reactor's entry, from the name section.
  CHECK(d.detection.export_functions.at("_initialize") == "_rt0_wasm_wasip1_lib");
  CHECK(d.detection.export_functions.at("add") == "add");
}

TEST_CASE("Go's import fingerprint and its js glue are evidence too", "[detect][go]") {
  const Detected wasip1 = detect_fixture("go/wasip1_hello_go121.wasm");
  bool base = false;
  for (const auto& e : go_of(wasip1).evidence) {
    base =
        base || (e.what == "first imports, in order, 10: wasi_snapshot_preview1::sched_yield, …" &&
                 e.confidence == Confidence::kMedium);
  }
  CHECK(base);
  const Detected js = detect_fixture("go/js_hello_go121.wasm");
  std::vector<std::string> whats;
  for (const auto& e : go_of(js).evidence) whats.push_back(e.what);
  CHECK(std::count(whats.begin(), whats.end(), "import gojs::runtime.wasmExit (i32) -> ()") == 1);
  CHECK(std::count(whats.begin(), whats.end(), "export getsp") == 1);
  CHECK(std::count(whats.begin(), whats.end(), "function _rt0_wasm_js") == 1);
}

TEST_CASE("calls that always fail on wasip1 are read from the name section", "[detect][go]") {
  const auto calls_of = [](const Detected& d) {
    std::vector<std::string> out;
    for (const auto& c : d.detection.notable_calls)
      out.push_back(c.rule + " " + c.call + " = " + c.function);
    return out;
  };
  CHECK(calls_of(detect_fixture("go/os_exec_go124.wasm")) ==
        std::vector<std::string>{"go.os-exec os.StartProcess = os.StartProcess",
                                 "go.os-exec os/exec.(*Cmd).Start = os_exec.__Cmd_.Start"});
  CHECK(calls_of(detect_fixture("go/net_listen_go124.wasm")) ==
        std::vector<std::string>{"go.fake-network net.Listen = net.fakeListen",
                                 "go.fake-network net.Dial = net.fakeConnect"});
  // FileListener links fakeNetFD's methods (netFD embeds it) but not the fake listen/connect.
  CHECK(calls_of(detect_fixture("go/net_file_listener_go124.wasm")).empty());
  CHECK(calls_of(detect_fixture("go/wasip1_hello_go124.wasm")).empty());
  const Detected d = detect_fixture("go/os_exec_go124.wasm");
  const NotableCall& c = d.detection.notable_calls.front();
  const std::string_view file(reinterpret_cast<const char*>(d.bytes.data()), d.bytes.size());
  CHECK(file.substr(c.range.offset, c.range.size).find("os.StartProcess") !=
        std::string_view::npos);
}

TEST_CASE("the data scan is bounded", "[detect][go]") {
  DetectOptions tiny;
  tiny.max_data_scan = 1024;  // far short of the module info
  const Detected d = detect_fixture("go/wasip1_hello_go124.wasm", tiny);
  const ToolchainGuess& go = go_of(d);
  CHECK(go.version == "go1.24.4");  // from producers
  CHECK(go.settings.empty());
  REQUIRE(d.detection.warnings.size() == 1);
  CHECK(d.detection.warnings[0].section == "data");
  CHECK(d.detection.warnings[0].message.find("first 1024 bytes") != std::string::npos);
}

TEST_CASE("without producers the version comes from runtime.buildVersion in the data",
          "[detect][go]") {
  // Strip the producers section the way wasm-opt --strip-producers would: rename it so the reader
  // sees an unknown custom section (same length, so every offset stays).
  std::vector<std::uint8_t> bytes = read_bytes(source_fixture("go/wasip1_hello_go121.wasm"));
  const std::string needle = "\x09producers";
  auto it = std::search(bytes.begin(), bytes.end(), needle.begin(), needle.end());
  REQUIRE(it != bytes.end());
  std::copy_n("Xroducers", 9, it + 1);
  const Module m = read_module(bytes);
  const Detection d = detect(m, bytes, builtin_toolchains());
  REQUIRE(d.toolchains.size() == 1);
  CHECK(d.toolchains[0].version == "go1.21.13");
  CHECK(d.producers.empty());
  bool from_data = false;
  for (const auto& e : d.toolchains[0].evidence) {
    from_data = from_data || e.what == "runtime.buildVersion \"go1.21.13\" in the data section";
  }
  CHECK(from_data);
}

TEST_CASE("a Go-shaped module records every kind of module-info line", "[detect][go]") {
  const std::vector<std::uint8_t> bytes =
      read_bytes(built_fixture("shapes/go_renamed_start_go123.wasm"));
  const Module m = read_module(bytes);
  const Detection d = detect(m, bytes, builtin_toolchains());
  REQUIRE(!d.toolchains.empty());
  const ToolchainGuess& go = d.toolchains.front();
  CHECK(go.id == "go");
  CHECK(go.version == "go1.23.5");
  CHECK(go.build_id ==
        "shapeAAAAAAAAAAAAAAA/shapeBBBBBBBBBBBBBBB/shapeCCCCCCCCCCCCCCC/shapeDDDDDDDDDDDDDDD");
  CHECK(go.package == "example.com/shapes/renamed");
  REQUIRE(go.main_module);
  CHECK(go.main_module->version == "v0.3.1");
  REQUIRE(go.dependencies.size() == 2);
  CHECK(go.dependencies[0].path == "golang.org/x/sys");
  CHECK(go.dependencies[0].version == "v0.20.0");
  CHECK(go.dependencies[0].sum == "h1:Od9JTbYCk261bKm4M/mw7AklTlFYIa0bIp9BgSm1S8Y=");
  CHECK(go.dependencies[1].path == "example.com/old");
  CHECK(go.dependencies[1].replaced_by == "example.com/new v1.1.0");
  CHECK(go.dependencies[1].sum == "h1:3Bvd1vtjpb6s3Xq2OYY7+KlctNSmr8Oo8JvUpyNN1nk=");
  const std::map<std::string, std::string> expected = {
      {"-buildmode", "exe"},
      {"-compiler", "gc"},
      {"-ldflags", "-X main.version=v0.3.1 -s"},  // unquoted
      {"-tags", "netgo,timetzdata"},
      {"CGO_ENABLED", "0"},
      {"GOARCH", "wasm"},
      {"GOOS", "wasip1"},
      {"vcs", "git"},
      {"vcs.revision", "4b825dc642cb6eb9a060e54bf8d69288fbee4904"},
      {"vcs.time", "2025-01-10T12:00:00Z"},
      {"vcs.modified", "false"}};
  CHECK(go.settings == expected);
  CHECK(d.export_functions.at("_initialize") == "_rt0_wasm_wasip1");
}
