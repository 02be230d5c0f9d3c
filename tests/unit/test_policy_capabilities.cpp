// SPDX-License-Identifier: Apache-2.0
// Capabilities derived from imports (src/policy/capabilities.cpp), on real fixtures: every
// capability the knowledge base names is covered by at least one.
#include <set>
#include <sstream>

#include "audit_helpers.hpp"
#include "catch.hpp"
#include "wasmaudit/reader/module_reader.hpp"
#include "wasmaudit/report/check.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

std::vector<std::string> ids(const CheckResult& r) {
  std::vector<std::string> out;
  for (const auto& c : r.capabilities) out.push_back(c.id);
  return out;
}

}  // namespace

TEST_CASE("a Go program using env, args, clocks and randomness", "[policy][capabilities]") {
  const CheckResult r = audit_fixture("go/env_args_go124.wasm");
  // The catalogue's order; Go's WASI base brings all of these, whatever the program does.
  CHECK(ids(r) == std::vector<std::string>{"filesystem", "env", "args", "clocks", "random", "stdio",
                                           "poll", "exit", "scheduling"});
  CHECK(capability_of(r, "env")->imports ==
        std::vector<std::string>{"wasi_snapshot_preview1::environ_get",
                                 "wasi_snapshot_preview1::environ_sizes_get"});
  CHECK(capability_of(r, "args")->imports ==
        std::vector<std::string>{"wasi_snapshot_preview1::args_get",
                                 "wasi_snapshot_preview1::args_sizes_get"});
  CHECK(capability_of(r, "clocks")->imports ==
        std::vector<std::string>{"wasi_snapshot_preview1::clock_time_get"});
  // crypto/rand imports random_get a second time: listed once.
  CHECK(capability_of(r, "random")->imports ==
        std::vector<std::string>{"wasi_snapshot_preview1::random_get"});
  CHECK(capability_of(r, "exit")->imports ==
        std::vector<std::string>{"wasi_snapshot_preview1::proc_exit"});
  CHECK(capability_of(r, "scheduling")->imports ==
        std::vector<std::string>{"wasi_snapshot_preview1::sched_yield"});
  CHECK(capability_of(r, "poll")->imports ==
        std::vector<std::string>{"wasi_snapshot_preview1::poll_oneoff"});
  // It lists preopens (fd_prestat_*) but opens no path: no --dir needed.
  const Capability* fs = capability_of(r, "filesystem");
  REQUIRE(fs != nullptr);
  CHECK_FALSE(fs->needs_grant);
  CHECK_FALSE(r.needs_preopens());
  CHECK(capability_of(r, "env")->title == "environment variables");
  CHECK_FALSE(capability_of(r, "env")->without_grant.empty());
}

TEST_CASE("a C program that opens a file needs a preopened directory", "[policy][capabilities]") {
  const CheckResult r = audit_fixture("c/file_reader.wasm");
  const Capability* fs = capability_of(r, "filesystem");
  REQUIRE(fs != nullptr);
  CHECK(fs->needs_grant);
  CHECK(std::find(fs->imports.begin(), fs->imports.end(), "wasi_snapshot_preview1::path_open") !=
        fs->imports.end());
  CHECK(r.needs_preopens());
}

TEST_CASE("sockets and threads", "[policy][capabilities]") {
  const CheckResult sockets = audit_fixture("wat/rule_standard_sockets.wasm");
  const Capability* s = capability_of(sockets, "sockets");
  REQUIRE(s != nullptr);
  CHECK(s->needs_grant);
  CHECK(s->imports == std::vector<std::string>{"wasi_snapshot_preview1::sock_accept",
                                               "wasi_snapshot_preview1::sock_recv",
                                               "wasi_snapshot_preview1::sock_send"});
  CHECK_FALSE(sockets.needs_preopens());

  const CheckResult shared = audit_fixture("wat/rule_shared_memory.wasm");
  REQUIRE(capability_of(shared, "threads") != nullptr);
  CHECK(capability_of(shared, "threads")->imports == std::vector<std::string>{"memory 0 (shared)"});

  const CheckResult spawn = audit_fixture("wat/rule_wasi_threads.wasm");
  REQUIRE(capability_of(spawn, "threads") != nullptr);
  CHECK(capability_of(spawn, "threads")->imports ==
        std::vector<std::string>{"wasi::thread-spawn", "memory 0 (shared)"});
}

TEST_CASE("signals, host processes, inference, embedder functions and JS glue",
          "[policy][capabilities]") {
  const CheckResult r = audit_fixture("wat/capabilities_other.wasm");
  CHECK(ids(r) == std::vector<std::string>{"process", "signals", "ml"});
  CHECK(capability_of(r, "signals")->imports ==
        std::vector<std::string>{"wasi_snapshot_preview1::proc_raise"});
  CHECK(capability_of(r, "process")->imports ==
        std::vector<std::string>{"wasmedge_process::wasmedge_process_run"});
  CHECK(capability_of(r, "ml")->imports == std::vector<std::string>{"wasi_ephemeral_nn::load"});
  CHECK(capability_of(r, "process")->without_grant.find("--allow-command") != std::string::npos);
  const CheckResult host = audit_fixture("wat/rule_host_abi_proxy_wasm.wasm");
  REQUIRE(capability_of(host, "host") != nullptr);
  const CheckResult js = audit_fixture("go/js_hello_go124.wasm");
  REQUIRE(capability_of(js, "js") != nullptr);
  CHECK(capability_of(js, "js")->imports.size() == 20);
}

TEST_CASE("a module with no imports, every capability id has a catalogue entry",
          "[policy][capabilities]") {
  const CheckResult none = audit_fixture("wat/no_imports.wasm");
  CHECK(none.capabilities.empty());
  CHECK_FALSE(none.needs_preopens());
  // Every capability id an interface names is in the catalogue (so reports have its title).
  std::set<std::string> named;
  for (const auto& i : builtin_knowledge().interfaces) {
    for (const auto& item : i.items) {
      if (!item.capability.empty()) named.insert(item.capability);
    }
  }
  for (const auto& id : named) {
    INFO(id);
    CHECK(builtin_knowledge().find_capability(id) != nullptr);
  }
}

TEST_CASE("capabilities the catalogue does not know come last, by id", "[policy][capabilities]") {
  Knowledge k = builtin_knowledge();
  k.capabilities.erase(std::remove_if(k.capabilities.begin(), k.capabilities.end(),
                                      [](const CapabilityInfo& c) { return c.id == "args"; }),
                       k.capabilities.end());
  const CheckResult r = audit_fixture("c/hello_command.wasm", {}, k);
  REQUIRE_FALSE(r.capabilities.empty());
  CHECK(r.capabilities.back().id == "args");
  CHECK(r.capabilities.back().title == "args");
}

TEST_CASE("preopen values: HOST::GUEST or DIR", "[policy][capabilities]") {
  const auto a = parse_preopen("./input::/input");
  REQUIRE(a);
  CHECK(a->host == "./input");
  CHECK(a->guest == "/input");
  const auto b = parse_preopen("/srv/data");
  REQUIRE(b);
  CHECK(b->host == "/srv/data");
  CHECK(b->guest == "/srv/data");
  CHECK_FALSE(parse_preopen("::/input"));
  CHECK_FALSE(parse_preopen("./input::"));
  CHECK_FALSE(parse_preopen(""));
}

TEST_CASE("the report says when no --dir is needed", "[policy][capabilities][report]") {
  auto text = [](const std::string& rel) {
    CheckEntry e;
    e.path = rel;
    e.module = read_module(read_bytes(fixture_path(rel)));
    e.result = audit_fixture(rel);
    std::ostringstream out;
    render_check_text({e}, out, TextOptions{false});
    return out.str();
  };
  CHECK(text("go/wasip1_hello_go124.wasm")
            .find("preopens: none needed: it imports no function that opens a path, "
                  "so no --dir") != std::string::npos);
  // Without --preopen the run lines preopen the guessed directories, and the line says so.
  const std::string guessed = text("c/file_reader.wasm");
  CHECK(guessed.find("preopens: needed to open paths; the run lines guess the directories from") !=
        std::string::npos);
  CHECK(guessed.find("(/data): check them, or say where with") != std::string::npos);
}
