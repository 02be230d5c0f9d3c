// SPDX-License-Identifier: Apache-2.0
// Run advice (src/policy/run_advice.cpp): every command line and snippet the built-in runtime
// profiles suggest, on real fixtures, plus the template mechanics (versions, quoting, dropped
// lines) on a small knowledge base.
#include "audit_helpers.hpp"
#include "wasmaudit/policy/loader.hpp"
#include "catch.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

std::string command_of(const CheckResult& r, const std::string& key) {
  const RuntimeResult& rt = runtime_of(r, key);
  return rt.run ? rt.run->command : std::string("(no advice)");
}

EvalOptions with_preopens(std::vector<Preopen> preopens) {
  EvalOptions o;
  o.preopens = std::move(preopens);
  return o;
}

bool contains(const std::vector<std::string>& lines, const std::string& s) {
  return std::find(lines.begin(), lines.end(), s) != lines.end();
}

}  // namespace

TEST_CASE("a Go program that reads a file, with --preopen", "[policy][run]") {
  const CheckResult r =
      audit_fixture("go/read_file_go124.wasm", with_preopens({{"./input", "/input"}}));
  CHECK(command_of(r, "wasmtime") == "wasmtime run --dir ./input::/input app.wasm");
  CHECK(command_of(r, "wazero") == "wazero run --mount=./input:/input app.wasm");
  CHECK(command_of(r, "wasmedge") == "wasmedge --dir /input:./input app.wasm");
  CHECK(command_of(r, "wasmer") == "wasmer run --mapdir /input:./input app.wasm");
  CHECK(command_of(r, "wamr") == "iwasm --map-dir=/input::./input app.wasm");
  // wasm3 0.5.0 does not link sched_yield, which Go's runtime imports: no advice that would fail.
  CHECK(runtime_of(r, "wasm3").missing == std::vector<std::string>{"wasi_snapshot_preview1::sched_yield"});
  CHECK_FALSE(runtime_of(r, "wasm3").run.has_value());
  // A C program that reads a file links on wasm3: its advice says how wasm3 maps directories.
  const CheckResult c = audit_fixture("c/file_reader.wasm", with_preopens({{"./input", "/input"}}));
  CHECK(command_of(c, "wasm3") == "wasm3 app.wasm");
  CHECK(runtime_of(c, "wasm3").grants.empty());  // no flag: what it does instead is what no flag grants
  CHECK(runtime_of(c, "wasm3").ungranted ==
        std::vector<std::string>{
            "wasm3 has no preopen flag: its uvwasi backend preopens the current directory as / "
            "(and ./), so the guest paths (/input) resolve under the directory it runs in"});
  CHECK(command_of(r, "node") == "node run.mjs");
  CHECK_FALSE(runtime_of(r, "browser").run.has_value());  // no WASI: nothing to run

  const RunAdvice& node = *runtime_of(r, "node").run;
  CHECK(node.snippet_title == "run.mjs");
  CHECK(node.snippet_language == "js");
  CHECK(node.snippet ==
        std::vector<std::string>{
            "import { readFile } from 'node:fs/promises';",
            "import { WASI } from 'node:wasi';",
            "const wasi = new WASI({",
            "  version: 'preview1',",
            "  args: ['app.wasm'],",
            "  env: {}, // none unless listed: {NAME: 'value'}",
            "  preopens: {'/input': './input'},",
            "});",
            "const { instance } = await WebAssembly.instantiate(await readFile('app.wasm'), "
            "{ wasi_snapshot_preview1: wasi.wasiImport });",
            "process.exitCode = wasi.start(instance); // returns the proc_exit status",
        });

  const RunAdvice& wazero = *runtime_of(r, "wazero").run;
  CHECK(wazero.snippet_title == "Go, wazero library");
  CHECK(wazero.snippet_language == "go");
  CHECK(contains(wazero.snippet, "wasm, err := os.ReadFile(\"app.wasm\")"));
  CHECK(contains(wazero.snippet, "config = config.WithArgs(\"app.wasm\")"));
  CHECK(
      contains(wazero.snippet,
               "config = config.WithStdin(os.Stdin).WithStdout(os.Stdout).WithStderr(os.Stderr)"));
  CHECK(contains(wazero.snippet, "config = config.WithSysWalltime().WithSysNanotime()"));
  CHECK(contains(wazero.snippet, "config = config.WithSysNanosleep()"));
  CHECK(contains(wazero.snippet, "config = config.WithRandSource(rand.Reader) // crypto/rand"));
  CHECK(contains(
      wazero.snippet,
      "config = config.WithFSConfig(wazero.NewFSConfig().WithDirMount(\"./input\", \"/input\"))"));
  CHECK(contains(
      wazero.snippet,
      "if _, err := r.InstantiateWithConfig(ctx, wasm, config); err != nil { // runs _start"));
  CHECK_FALSE(contains(
      wazero.snippet,
      "config = config.WithStartFunctions(\"_initialize\") // the default is _start only"));
  CHECK(wazero.notes.empty());
}

TEST_CASE("without --preopen the guest directories come from the data section's paths",
          "[policy][run]") {
  const CheckResult go = audit_fixture("go/read_file_go124.wasm");
  CHECK(command_of(go, "wasmtime") ==
        "wasmtime run --dir HOST_DIR_1::/etc --dir HOST_DIR_2::/input app.wasm");
  CHECK(command_of(go, "wasmedge") ==
        "wasmedge --dir /etc:HOST_DIR_1 --dir /input:HOST_DIR_2 app.wasm");
  const CheckResult c = audit_fixture("c/file_reader.wasm");
  CHECK(command_of(c, "wasmtime") == "wasmtime run --dir HOST_DIR::/data app.wasm");
  CHECK(command_of(c, "wazero") == "wazero run --mount=HOST_DIR:/data app.wasm");
  CHECK(contains(runtime_of(c, "node").run->snippet, "  preopens: {'/data': 'HOST_DIR'},"));
  // Several preopens keep their order; wasi-libc's longest match does not change the advice.
  const CheckResult two =
      audit_fixture("c/file_reader.wasm", with_preopens({{"/srv/a", "/data"}, {"/srv/b", "/tmp"}}));
  CHECK(command_of(two, "wasmtime") ==
        "wasmtime run --dir /srv/a::/data --dir /srv/b::/tmp app.wasm");
  CHECK(contains(runtime_of(two, "node").run->snippet,
                 "  preopens: {'/data': '/srv/a', '/tmp': '/srv/b'},"));
}

TEST_CASE("a module that opens no path gets no directory flag", "[policy][run]") {
  const CheckResult r = audit_fixture("go/wasip1_hello_go124.wasm");
  CHECK(command_of(r, "wasmtime") == "wasmtime run app.wasm");
  CHECK(command_of(r, "wazero") == "wazero run app.wasm");
  CHECK(command_of(r, "wasmedge") == "wasmedge app.wasm");
  CHECK(command_of(r, "wasmer") == "wasmer run app.wasm");
  CHECK(command_of(r, "wamr") == "iwasm app.wasm");
  const CheckResult c = audit_fixture("c/hello_command.wasm");
  CHECK(command_of(c, "wasm3") == "wasm3 app.wasm");
  CHECK(runtime_of(c, "wasm3").run->notes.empty());
  const RunAdvice& node = *runtime_of(r, "node").run;
  CHECK_FALSE(contains(node.snippet, "  preopens: {},"));
  for (const auto& line : node.snippet) CHECK(line.find("preopens") == std::string::npos);
  for (const auto& line : runtime_of(r, "wazero").run->snippet)
    CHECK(line.find("WithFSConfig") == std::string::npos);
}

TEST_CASE("preview 0 on Node: version 'unstable', bound as wasi_unstable", "[policy][run]") {
  const CheckResult r = audit_fixture("wat/rule_preview0.wasm");
  const RunAdvice& node = *runtime_of(r, "node").run;
  CHECK(contains(node.snippet, "  version: 'unstable', // preview 0: wasi_unstable"));
  CHECK_FALSE(contains(node.snippet, "  version: 'preview1',"));
  CHECK(contains(node.snippet,
                 "const { instance } = await WebAssembly.instantiate(await readFile('app.wasm'), "
                 "{ wasi_unstable: wasi.wasiImport });"));
  // Node 18 ignores `version`: no preview 0 there.
  EvalOptions at18;
  at18.runtimes = {{"node", "18.20.8"}};
  CHECK_FALSE(audit_fixture("wat/rule_preview0.wasm", at18).runtimes.at(0).instantiates);
  // A preview-1 module keeps preview 1.
  const CheckResult hello = audit_fixture("c/hello_command.wasm");
  const RunAdvice& p1 = *runtime_of(hello, "node").run;
  CHECK(contains(p1.snippet, "  version: 'preview1',"));
  CHECK_FALSE(contains(p1.snippet, "  version: 'unstable', // preview 0: wasi_unstable"));
}

TEST_CASE("host-declared imports: CLI rows drop their command and say how to embed, node's run.mjs stays",
          "[policy][run]") {
  EvalOptions o;
  o.host = load_host_manifest(R"j({"memories": [{"module": "env", "name": "memory"}],
                                   "functions": [{"module": "env", "name": "log_value", "sig": "(i32) -> ()"}]})j",
                              "h.json");
  const CheckResult r = audit_fixture("c/imported_memory.wasm", o);
  const RunAdvice& wasmtime = *runtime_of(r, "wasmtime").run;
  CHECK(wasmtime.command.empty());  // `wasmtime run` would fail to link env::log_value
  REQUIRE(wasmtime.notes.size() == 1);
  CHECK(wasmtime.notes.front().rfind("wasmtime run cannot supply env::memory, env::log_value (declared with --host)",
                                     0) == 0);
  CHECK(wasmtime.notes.front().find("linker.func_wrap(\"env\", NAME, …)") != std::string::npos);
  const RunAdvice& node = *runtime_of(r, "node").run;
  CHECK(node.command == "node run.mjs");  // the command runs the embedder code shown
  CHECK(node.notes.back().rfind("add env::memory, env::log_value (declared with --host) to the import object", 0) == 0);
  // Without --host nothing runs there, so there is no advice at all.
  CHECK_FALSE(runtime_of(audit_fixture("c/imported_memory.wasm"), "wasmtime").run.has_value());
}

TEST_CASE("a reactor: invoke an export after _initialize", "[policy][run]") {
  const CheckResult r = audit_fixture("go/reactor_go124.wasm");
  CHECK(command_of(r, "wasmtime") == "wasmtime run --invoke add app.wasm");
  CHECK(command_of(r, "wasmedge") == "wasmedge --reactor app.wasm add");
  CHECK(command_of(r, "wasmer") == "wasmer run --invoke add app.wasm");
  CHECK(command_of(r, "wamr") == "iwasm -f add app.wasm");
  CHECK_FALSE(runtime_of(r, "wasm3").run.has_value());  // wasm3 0.5.0 lacks sched_yield
  const CheckResult c = audit_fixture("c/reactor.wasm");
  CHECK(command_of(c, "wasm3") == "wasm3 --func checksum app.wasm");
  CHECK(runtime_of(c, "wasm3").run->notes ==
        std::vector<std::string>{
            "wasm3 --func calls only that function: it does not call _initialize first"});
  // wazero's CLI cannot: the advice is the embedder snippet, with _initialize as start function.
  const RunAdvice& wazero = *runtime_of(r, "wazero").run;
  CHECK(wazero.command.empty());
  CHECK(contains(
      wazero.snippet,
      "config = config.WithStartFunctions(\"_initialize\") // the default is _start only"));
  CHECK(contains(wazero.snippet,
                 "results, err := mod.ExportedFunction(\"add\").Call(ctx /* , arguments */)"));
  REQUIRE(wazero.notes.size() == 1);
  CHECK(wazero.notes[0].find("never initialises a reactor") != std::string::npos);
  const RunAdvice& node = *runtime_of(r, "node").run;
  CHECK(contains(node.snippet, "wasi.initialize(instance);"));
  CHECK(contains(node.snippet, "console.log(instance.exports.add(/* arguments */));"));
  CHECK_FALSE(contains(node.snippet,
                       "process.exitCode = wasi.start(instance); // returns the proc_exit status"));
}

TEST_CASE("sockets: a preopened listener where a runtime can grant one", "[policy][run]") {
  const CheckResult r = audit_fixture("wat/rule_standard_sockets.wasm");
  CHECK(command_of(r, "wazero") == "wazero run --listen=HOST:PORT app.wasm");
  CHECK(command_of(r, "wasmer") == "wasmer run --net app.wasm");
  // iwasm preopens no socket: --addr-pool is for WAMR's own sock_open family, not for this.
  CHECK(command_of(r, "wamr") == "iwasm app.wasm");
  REQUIRE(runtime_of(r, "wamr").ungranted.size() == 1);
  CHECK(runtime_of(r, "wamr").ungranted.front().rfind("iwasm preopens no socket", 0) == 0);
  // WAMR's own socket functions (capability network) get --addr-pool.
  CHECK(command_of(audit_fixture("wat/rule_wamr_socket.wasm"), "wamr") == "iwasm --addr-pool=ADDR/MASK app.wasm");
  CHECK(contains(runtime_of(r, "wazero").run->snippet,
                 "ctx = sock.WithConfig(ctx, sock.NewConfig().WithTCPListener(\"HOST\", PORT)) // "
                 "wazero/experimental/sock"));
  // wasmtime 47+ cannot (no grant, the reason instead); 46 can, with the legacy preview 1. ("46"
  // resolves to the newest 46.x release covered, as on the command line.)
  CHECK(command_of(r, "wasmtime") == "wasmtime run app.wasm");
  CHECK(runtime_of(r, "wasmtime").grants.empty());
  REQUIRE(runtime_of(r, "wasmtime").ungranted.size() == 1);
  CHECK(runtime_of(r, "wasmtime").ungranted.front().rfind("wasmtime 47 and later cannot preopen a socket", 0) == 0);
  EvalOptions at46;
  at46.runtimes = {{"wasmtime", "46"}, {"wazero", "1.1"}};
  const CheckResult old = audit_fixture("wat/rule_standard_sockets.wasm", at46);
  CHECK(command_of(old, "wasmtime@46.0.3") ==
        "wasmtime run -S preview2=n -S tcplisten=HOST:PORT app.wasm");
  CHECK(runtime_of(old, "wasmtime@46.0.3").grants == std::vector<std::string>{"-S preview2=n -S tcplisten=HOST:PORT"});
  CHECK(runtime_of(old, "wasmtime@46.0.3").ungranted.empty());
  // wazero grants a listener from 1.2.0 (--listen, sock.NewConfig), not before.
  CHECK(runtime_of(old, "wazero@1.1.0").grants.empty());
  CHECK(runtime_of(old, "wazero@1.1.0").ungranted ==
        std::vector<std::string>{"wazero before v1.2.0 has no --listen: its sock_* functions are ENOSYS stubs"});
  CHECK(runtime_of(r, "wazero").grants == std::vector<std::string>{"--listen HOST:PORT (preopened TCP listener, since v1.2.0)"});
  CHECK(runtime_of(r, "node").grants.empty());
  CHECK(runtime_of(r, "node").ungranted ==
        std::vector<std::string>{
            "node:wasi cannot preopen a socket (new WASI() has no option for it)"});
}

TEST_CASE("threads: the feature flags of the runtime table", "[policy][run]") {
  const CheckResult r = audit_fixture("wat/rule_shared_memory.wasm");
  CHECK(command_of(r, "wasmtime") == "wasmtime run -W shared-memory=y app.wasm");
  CHECK(command_of(r, "wasmedge") == "wasmedge --enable-threads app.wasm");
  CHECK(command_of(r, "node") == "node run.mjs");
  CHECK_FALSE(runtime_of(r, "wazero").run.has_value());  // it refuses shared memory: no advice
}

TEST_CASE("values are quoted for the shell, JavaScript and Go", "[policy][run]") {
  EvalOptions o = with_preopens({{"my dir", "/data"}});
  o.file = "it's here/app.wasm";
  const CheckResult r = audit_fixture("c/file_reader.wasm", o);
  CHECK(command_of(r, "wasmtime") == "wasmtime run --dir 'my dir'::/data 'it'\\''s here/app.wasm'");
  const RunAdvice& node = *runtime_of(r, "node").run;
  CHECK(contains(node.snippet, "  preopens: {'/data': 'my dir'},"));
  CHECK(contains(
      node.snippet,
      "const { instance } = await WebAssembly.instantiate(await readFile('it\\'s here/app.wasm'), "
      "{ wasi_snapshot_preview1: wasi.wasiImport });"));
  CHECK(contains(runtime_of(r, "wazero").run->snippet,
                 "wasm, err := os.ReadFile(\"it's here/app.wasm\")"));
}

TEST_CASE("no advice where the module does not instantiate", "[policy][run]") {
  const CheckResult r = audit_fixture("go/js_hello_go124.wasm");
  for (const auto& rt : r.runtimes) {
    INFO(rt.key);
    if (!rt.instantiates) CHECK_FALSE(rt.run.has_value());
  }
  CHECK_FALSE(runtime_of(r, "wasmtime").run.has_value());
}

TEST_CASE("every built-in WASI profile has run templates with a source", "[policy][run]") {
  for (const auto& p : builtin_knowledge().runtimes) {
    INFO(p.id);
    if (!p.wasi_host) {
      CHECK_FALSE(p.run.has_value());
      continue;
    }
    if (!p.runs_modules) {  // a components-only host: its run lines are its component_model's worlds
      REQUIRE(p.component_model.has_value());
      CHECK_FALSE(p.component_model->worlds.empty());
      continue;
    }
    REQUIRE(p.run.has_value());
    CHECK_FALSE(p.run->provenance.source.empty());
    REQUIRE(p.run->cli.has_value());
  }
}
