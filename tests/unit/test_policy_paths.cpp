// SPDX-License-Identifier: Apache-2.0
// Path hints against the knowledge base and --preopen (src/policy/paths.cpp): which paths a
// library embeds, which preopen covers a path, and paths.outside-preopens.
#include "../../src/policy/advice.hpp"
#include "audit_helpers.hpp"
#include "catch.hpp"
#include "findings.hpp"

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
  // Go's os/exec adds /dev/null to os's group.
  const CheckResult exec = audit_fixture("go/os_exec_go124.wasm");
  REQUIRE(path_of(exec, "/dev/null") != nullptr);
  CHECK_FALSE(path_of(exec, "/dev/null")->library.empty());
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
