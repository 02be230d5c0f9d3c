// SPDX-License-Identifier: Apache-2.0
// Path hints against the knowledge base and --preopen (src/policy/paths.cpp): which paths a
// library embeds, which preopen covers a path, and paths.outside-preopens.
#include <algorithm>

#include "policy/advice.hpp"
#include "audit_helpers.hpp"
#include "catch.hpp"
#include "cli_runner.hpp"
#include "findings.hpp"
#include "temp_dir.hpp"
#include "wasm_builder.hpp"
#include "wasmaudit/reader/module_reader.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

const PathReference* path_of(const CheckResult& r, const std::string& path) {
  for (const auto& p : r.paths) {
    if (p.path == path) return &p;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("the program's own paths and the Go standard library's", "[policy][paths]") {
  const CheckResult r = audit_fixture("go/read_file_go124.wasm");
  REQUIRE(path_of(r, "/etc/hosts") != nullptr);
  // Only /etc/hosts of net's five paths: net is not linked, so the path is the program's.
  CHECK(path_of(r, "/etc/hosts")->library.empty());
  REQUIRE(path_of(r, "/input/config.json") != nullptr);
  CHECK(path_of(r, "/input/config.json")->library.empty());
  REQUIRE(path_of(r, "/dev/stdout") != nullptr);
  CHECK(path_of(r, "/dev/stdout")->library ==
        "Go standard library: os (standard streams, DevNull)");
  CHECK_FALSE(path_of(r, "/dev/stdout")->source.empty());
  // Paths are in file order, each with its place in the file.
  for (std::size_t i = 1; i < r.paths.size(); ++i)
    CHECK(r.paths[i - 1].range.offset < r.paths[i].range.offset);

  const CheckResult net = audit_fixture("go/net_listen_go124.wasm");
  for (const char* p : {"/etc/hosts", "/etc/services", "/etc/protocols", "/etc/resolv.conf",
                        "/etc/nsswitch.conf"}) {
    INFO(p);
    REQUIRE(path_of(net, p) != nullptr);
    CHECK(path_of(net, p)->library ==
          "Go standard library: net (hosts, services, protocols, resolver and NSS configuration)");
  }
  // net/http links mime: its six type files are the library's, and the program has no path of its
  // own (so the run lines preopen nothing it names).
  const CheckResult http = audit_fixture("go/http_server_go124.wasm");
  CHECK(http.paths.size() == 14);
  for (const auto& p : http.paths) {
    INFO(p.path);
    CHECK_FALSE(p.library.empty());
  }
  for (const char* p : {"/etc/mime.types", "/etc/apache2/mime.types", "/etc/apache/mime.types",
                        "/etc/httpd/conf/mime.types", "/usr/local/share/mime/globs2",
                        "/usr/share/mime/globs2"}) {
    INFO(p);
    REQUIRE(path_of(http, p) != nullptr);
    CHECK(path_of(http, p)->library ==
          "Go standard library: mime (MIME type files and the shared MIME-info globs)");
  }
  // Go's os/exec adds /dev/null to os's group.
  const CheckResult exec = audit_fixture("go/os_exec_go124.wasm");
  REQUIRE(path_of(exec, "/dev/null") != nullptr);
  CHECK_FALSE(path_of(exec, "/dev/null")->library.empty());
}

TEST_CASE("the knowledge base's C libraries and placeholders", "[policy][paths]") {
  const Knowledge& k = builtin_knowledge();
  const PathScanOptions o = path_scan_options(k);
  auto has = [](const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  };
  CHECK(has(o.known_paths, "/usr/local/ssl/cert.pem"));  // c.json: OpenSSL's defaults
  CHECK(has(o.known_paths, "/dev/urandom"));
  CHECK(has(o.not_path_substrings, "/wasi-sdk-"));
  CHECK(has(o.not_path_substrings, "/path/to/"));  // examples.json
  // OpenSSL's random devices together are the library's; one of them alone is the program's.
  Detection d;
  for (const char* p : {"/dev/urandom", "/dev/random", "/data/app.json"}) d.paths.push_back({p, {}});
  const auto refs = detail::classify_paths(&d, k, {});
  REQUIRE(refs.size() == 3);
  CHECK(refs[0].library == "C libraries: OpenSSL (random devices of the seed source)");
  CHECK(refs[2].library.empty());
  Detection alone;
  alone.paths.push_back({"/dev/urandom", {}});
  CHECK(detail::classify_paths(&alone, k, {})[0].library.empty());
}

TEST_CASE("which preopen covers a path: whole components, the longest guest", "[policy][paths]") {
  using detail::covering_preopen;
  const std::vector<Preopen> pre{{"a", "/data"}, {"b", "/data/deep"}, {"c", "/in/"}, {"d", "rel"}};
  CHECK(covering_preopen("/data/x.json", pre) == "/data");
  CHECK(covering_preopen("/data", pre) == "/data");
  CHECK(covering_preopen("/data/deep/y", pre) == "/data/deep");
  CHECK(covering_preopen("/in/z", pre) == "/in/");
  CHECK(covering_preopen("/rel/f", pre) == "rel");    // wasi-libc strips the leading '/' of both
  CHECK_FALSE(covering_preopen("/database/x", pre));  // not a whole component
  CHECK_FALSE(covering_preopen("/etc/hosts", pre));
  CHECK(covering_preopen("/etc/hosts", {{"host", "/"}}) == "/");
}

TEST_CASE("Go matches preopens by its own rule", "[policy][paths]") {
  using detail::covering_preopen;
  // syscall.preparePath: a byte prefix of the absolute path, the name as the runtime reports it.
  CHECK_FALSE(covering_preopen("/input/config.json", {{"a", "input"}}, true));
  CHECK(covering_preopen("/input/config.json", {{"a", "input"}}, false) == "input");
  CHECK(covering_preopen("/input/config.json", {{"a", "/in"}}, true) == "/in");
  CHECK_FALSE(covering_preopen("/input/config.json", {{"a", "/in"}}, false));
  CHECK(covering_preopen("/input/config.json", {{"a", "/"}, {"b", "/input"}}, true) == "/input");
  // So does the evaluation, once detection says Go.
  EvalOptions o;
  o.preopens = {{"./input", "input"}};
  const CheckResult go = audit_fixture("go/read_file_go124.wasm", o, builtin_knowledge(), as_go);
  const auto f = findings_of(go, "paths.outside-preopens");
  CHECK(f.size() == 2);
}

TEST_CASE("paths.outside-preopens: Go says EBADF, C says ENOENT", "[policy][paths]") {
  EvalOptions o;
  o.preopens = {{"./input", "/input"}};
  const CheckResult go = audit_fixture("go/read_file_go124.wasm", o, builtin_knowledge(), as_go);
  CHECK(path_of(go, "/input/config.json")->preopen == "/input");
  CHECK_FALSE(path_of(go, "/etc/hosts")->preopen);
  const auto f = findings_of(go, "paths.outside-preopens");
  REQUIRE(f.size() == 1);  // /etc/hosts only: the library's /dev/* are not the program's
  CHECK(f[0]->subject == "path /etc/hosts");
  CHECK(f[0]->severity == Severity::kWarning);
  CHECK(f[0]->range == path_of(go, "/etc/hosts")->range);
  CHECK(f[0]->message ==
        "/etc/hosts is named in the data section but lies outside every preopened directory "
        "(/input): opening "
        "it at run time will likely fail — Go reports it as EBADF \"Bad file number\" "
        "(syscall.preparePath "
        "passes directory fd -1 when no preopen matches), not as \"no such file or directory\"");
  CHECK(f[0]->fix ==
        "preopen a directory that covers it (--preopen HOST::/etc), or make the program open it "
        "under a "
        "preopened directory");

  const CheckResult c = audit_fixture("c/file_reader.wasm", o);
  const auto cf = findings_of(c, "paths.outside-preopens");
  REQUIRE(cf.size() == 1);
  CHECK(cf[0]->message.find(
            "with ENOENT \"No such file or directory\" (wasi-libc finds no preopen for it); Go "
            "programs report EBADF \"Bad file number\" instead") != std::string::npos);
  CHECK(cf[0]->fix.find("--preopen HOST::/data") != std::string::npos);
}

TEST_CASE("library paths and paths without --preopen never fire", "[policy][paths]") {
  EvalOptions o;
  o.preopens = {{"./x", "/x"}};
  CHECK(
      findings_of(audit_fixture("go/net_listen_go124.wasm", o), "paths.outside-preopens").empty());
  CHECK(findings_of(audit_fixture("go/read_file_go124.wasm"), "paths.outside-preopens").empty());
}

TEST_CASE("100,000 distinct paths in the data section: bounded hints, a bounded run line", "[paths][large]") {
  // A crafted data section naming 100,000 files in 100,000 directories, in a command that opens
  // files: the scan keeps the first 256 (PathScanOptions::max_hints), and the run advice guesses at
  // most 16 directories (each checked against the others for nesting).
  constexpr int kCount = 100000;
  Bytes text;
  for (int i = 0; i < kCount; ++i) {
    const std::string p = "/d" + std::to_string(i) + "/f.json";
    text.insert(text.end(), p.begin(), p.end());
    text.push_back(0);
  }
  const Bytes path_open = cat({name("wasi_snapshot_preview1"), name("path_open"), Bytes{0x00, 0x00}});
  Bytes data = cat({uleb(1), Bytes{0x01}, uleb(text.size())});
  data.insert(data.end(), text.begin(), text.end());
  const Bytes bytes = module(
      {section(1, {0x02, 0x60, 0x09, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7e, 0x7e, 0x7f, 0x7f, 0x01, 0x7f, 0x60, 0x00,
                   0x00}),
       section(2, cat({uleb(1), path_open})), section(3, {0x01, 0x01}), section(5, {0x01, 0x00, 0x01}),
       section(7, cat({uleb(2), name("memory"), Bytes{0x02, 0x00}, name("_start"), Bytes{0x00, 0x01}})),
       section(10, {0x01, 0x02, 0x00, 0x0b}), section(11, data)});
  TempDir tmp("paths");
  const std::string file = tmp.file("many.wasm", bytes);
  const CliResult json = run_cli({"check", "--format", "json", file});
  REQUIRE(json.err.empty());
  std::size_t listed = 0;
  for (auto at = json.out.find("\"path\": \"/d"); at != std::string::npos; at = json.out.find("\"path\": \"/d", at + 1)) {
    ++listed;
  }
  CHECK(listed == PathScanOptions{}.max_hints);
  const CliResult text_report = run_cli({"check", file});
  CHECK(text_report.out.size() < 64 * 1024);
  const auto wasmtime = text_report.out.find("run: wasmtime run");
  REQUIRE(wasmtime != std::string::npos);
  const std::string run_block = text_report.out.substr(wasmtime, text_report.out.find("\n    wazero", wasmtime) - wasmtime);
  std::size_t dirs = 0;
  for (auto at = run_block.find("--dir"); at != std::string::npos; at = run_block.find("--dir", at + 1)) ++dirs;
  CHECK(dirs == 16);
}

TEST_CASE("30,000 imports of one glob interface: one finding, and where it is provided in linear time",
          "[evaluator][large]") {
  // gojs::* matches any name: 30,000 of them make one target.gojs finding whose message says where
  // they are provided: a search of every runtime's missing list per name was 9e8 steps a runtime.
  constexpr std::uint32_t kCount = 30000;
  Bytes imports = uleb(kCount);
  for (std::uint32_t i = 0; i < kCount; ++i) {
    const Bytes one = cat({name("gojs"), name("runtime.f" + std::to_string(i)), Bytes{0x00, 0x00}});
    imports.insert(imports.end(), one.begin(), one.end());
  }
  const Bytes bytes = module({section(1, {0x01, 0x60, 0x01, 0x7f, 0x00}), section(2, imports)});
  const Module m = read_module(bytes);
  const CheckResult r = evaluate(m, builtin_knowledge(), {});
  const auto gojs = std::count_if(r.findings.begin(), r.findings.end(),
                                  [](const Finding& f) { return f.rule_id == "target.gojs"; });
  CHECK(gojs == 1);
  for (const auto& f : r.findings) {
    if (f.rule_id == "target.gojs") CHECK(f.covers.size() == kCount);
  }
}
