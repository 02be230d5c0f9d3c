// SPDX-License-Identifier: Apache-2.0
// `wasm-audit diff` (src/policy/diff.cpp): the changes between real pairs of releases, checked
// in-process with the built-in knowledge, and the rules for what breaks a consumer on small
// hand-made audits.
#include <algorithm>
#include <sstream>

#include "audit_helpers.hpp"
#include "catch.hpp"
#include "wasmaudit/policy/diff.hpp"
#include "wasmaudit/report/diff.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

CheckEntry checked(const std::string& rel, const EvalOptions& options = {}) {
  CheckEntry e = check_file(fixture_path(rel), builtin_knowledge(), options);
  if (!e.module) FAIL("cannot read " << rel);
  return e;
}

ModuleDiff diff_of(const CheckEntry& a, const CheckEntry& b) {
  return diff_modules({*a.module, *a.detection, *a.result}, {*b.module, *b.detection, *b.result});
}

const Change* find_change(const ModuleDiff& d, ChangeKind kind, const std::string& subject) {
  for (const auto& c : d.changes) {
    if (c.kind == kind && c.subject == subject) return &c;
  }
  return nullptr;
}

std::vector<std::string> subjects(const ModuleDiff& d, ChangeKind kind) {
  std::vector<std::string> out;
  for (const auto& c : d.changes) {
    if (c.kind == kind) out.push_back(c.subject);
  }
  return out;
}

std::vector<std::string> ids(const ModuleDiff& d) {
  std::vector<std::string> out;
  for (const auto& c : d.changes) out.push_back(std::string(to_string(c.kind)) + " " + c.subject);
  return out;
}

std::size_t widest_line(const std::string& text) {
  std::size_t widest = 0;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::size_t cols = 0;
    for (char ch : line) cols += (static_cast<unsigned char>(ch) & 0xC0) == 0x80 ? 0 : 1;
    widest = std::max(widest, cols);
  }
  return widest;
}

std::string text_of(const CheckEntry& a, const CheckEntry& b, const ModuleDiff& d) {
  std::ostringstream out;
  render_diff_text(DiffReport{a, b, d}, out, ReportOptions{});
  return out.str();
}

/// A hand-made side of a diff: a module, an empty detection and an audit.
struct Side {
  Module module;
  Detection detection;
  CheckResult result;
  DiffSide view() const { return {module, detection, result}; }
};

std::uint32_t add_type(Module& m, FuncType t) {
  TypeDef d;
  d.func = std::move(t);
  m.types.push_back(std::move(d));
  return static_cast<std::uint32_t>(m.types.size() - 1);
}

void export_func(Module& m, const std::string& name, FuncType t) {
  const std::uint32_t type = add_type(m, std::move(t));
  m.functions.push_back({type, false});
  m.exports.push_back(
      {name, ExternKind::kFunc, static_cast<std::uint32_t>(m.functions.size() - 1), {}});
}

void export_memory(Module& m, const std::string& name, Limits limits) {
  Memory mem;
  mem.type.limits = limits;
  m.memories.push_back(mem);
  m.exports.push_back(
      {name, ExternKind::kMemory, static_cast<std::uint32_t>(m.memories.size() - 1), {}});
}

void import_func(Module& m, const std::string& module, const std::string& name, FuncType t) {
  Import i;
  i.module = module;
  i.name = name;
  i.type_index = add_type(m, std::move(t));
  m.imports.push_back(std::move(i));
}

RuntimeResult runtime(const std::string& key, bool instantiates,
                      std::vector<std::string> missing = {}) {
  RuntimeResult r;
  r.id = r.key = r.name = key;
  r.version = "1.0";
  r.instantiates = instantiates;
  r.missing = std::move(missing);
  if (!instantiates) r.error = "unknown import\nsecond line";
  return r;
}

const FuncType kVoid{};
const FuncType kI32ToI32{{ValType::i32()}, {ValType::i32()}};

Limits mem_limits(std::uint64_t min, std::optional<std::uint64_t> max = std::nullopt,
              bool shared = false) {
  Limits l;
  l.min = min;
  l.max = max;
  l.shared = shared;
  return l;
}

}  // namespace

TEST_CASE("the same Go program built by Go 1.21 and Go 1.24", "[diff]") {
  const CheckEntry a = checked("go/wasip1_hello_go121.wasm");
  const CheckEntry b = checked("go/wasip1_hello_go124.wasm");
  const ModuleDiff d = diff_of(a, b);
  // The same imports, exports and capabilities; every runtime as before. The linear memory's
  // initial size and the toolchain are all that differ; sizes, offsets and the build id are not
  // changes.
  CHECK(ids(d) == std::vector<std::string>{"export.resized memory", "toolchain.version go",
                                           "toolchain.setting DefaultGODEBUG"});
  CHECK_FALSE(d.breaking());
  CHECK(d.breaking_count() == 0);

  const Change* version = find_change(d, ChangeKind::kToolchainVersion, "go");
  REQUIRE(version != nullptr);
  CHECK(version->before == "go1.21.13");
  CHECK(version->after == "go1.24.4");
  CHECK(version->detail == "Go (gc)");
  CHECK_FALSE(version->breaking);

  const Change* memory = find_change(d, ChangeKind::kExportResized, "memory");
  REQUIRE(memory != nullptr);
  CHECK(memory->before == "memory 271..∞");
  CHECK(memory->after == "memory 36..∞");
  CHECK_FALSE(memory->breaking);

  const Change* godebug = find_change(d, ChangeKind::kToolchainSetting, "DefaultGODEBUG");
  REQUIRE(godebug != nullptr);
  CHECK_FALSE(godebug->before.has_value());  // Go 1.21 did not record it
  CHECK(godebug->after.value_or("").rfind("asynctimerchan=1,", 0) == 0);
}

TEST_CASE("a Go program's wasip1 and js builds", "[diff]") {
  const CheckEntry a = checked("go/wasip1_hello_go124.wasm");
  const CheckEntry b = checked("go/js_hello_go124.wasm");
  const ModuleDiff d = diff_of(a, b);
  CHECK(d.breaking());

  const Change* shape = find_change(d, ChangeKind::kShape, "shape");
  REQUIRE(shape != nullptr);
  CHECK(shape->before == "command");
  CHECK(shape->after == "library");
  CHECK(shape->breaking);
  CHECK(shape->reason ==
        "_start is gone: a host that ran the old release as a command finds no entry point");

  const Change* verdict = find_change(d, ChangeKind::kVerdict, "verdict");
  REQUIRE(verdict != nullptr);
  CHECK(verdict->before == "partially-portable");  // wasm3 0.5.0 lacks sched_yield
  CHECK(verdict->after == "browser-target");
  CHECK(verdict->breaking);

  // Every WASI runtime but wasm3 ran it; none runs the js build. WAMR and wasm3 link lazily: they
  // still instantiate it, and trap at the first call to glue they lack (wasm3 already lacked
  // sched_yield). The browser failed before too.
  CHECK(subjects(d, ChangeKind::kRuntimeBroken) ==
        std::vector<std::string>{"wasmtime", "wazero", "wasmedge", "wasmer", "wamr", "wamr-cmake", "node"});
  CHECK(subjects(d, ChangeKind::kRuntimeChanged).empty());
  CHECK(subjects(d, ChangeKind::kRuntimeFixed).empty());
  const Change* wasmtime = find_change(d, ChangeKind::kRuntimeBroken, "wasmtime");
  REQUIRE(wasmtime != nullptr);
  CHECK(wasmtime->before == "runs");
  CHECK(wasmtime->after == "fails");
  CHECK(wasmtime->detail ==
        "unknown import: `gojs::runtime.scheduleTimeoutEvent` has not been defined");
  CHECK(wasmtime->breaking);
  const Change* wasmedge = find_change(d, ChangeKind::kRuntimeBroken, "wasmedge");
  REQUIRE(wasmedge != nullptr);
  // The line of its five that names the import, without WasmEdge's "[time] [error]" prefix.
  CHECK(wasmedge->detail == "When linking module: \"gojs\" , function name: \"runtime.scheduleTimeoutEvent\"");
  const Change* wamr = find_change(d, ChangeKind::kRuntimeBroken, "wamr");
  REQUIRE(wamr != nullptr);
  CHECK(wamr->after == "traps");
  CHECK(wamr->breaking);

  // Go's js build exports its memory as `mem`, wasip1 as `memory`: removed and added, not renamed.
  CHECK(subjects(d, ChangeKind::kExportRemoved) == std::vector<std::string>{"_start", "memory"});
  const Change* start = find_change(d, ChangeKind::kExportRemoved, "_start");
  CHECK(start->before == "func () -> ()");
  CHECK_FALSE(start->after.has_value());
  CHECK(start->breaking);
  CHECK(find_change(d, ChangeKind::kExportRemoved, "memory")->breaking);
  CHECK(subjects(d, ChangeKind::kExportAdded) ==
        std::vector<std::string>{"run", "resume", "getsp", "mem"});
  CHECK(find_change(d, ChangeKind::kExportAdded, "mem")->after == "memory 36..∞");
  CHECK(find_change(d, ChangeKind::kExportAdded, "run")->after == "func (i32, i32) -> ()");
  CHECK_FALSE(find_change(d, ChangeKind::kExportAdded, "run")->breaking);

  CHECK(subjects(d, ChangeKind::kImportAdded).size() == 20);
  const Change* exit = find_change(d, ChangeKind::kImportAdded, "gojs::runtime.wasmExit");
  REQUIRE(exit != nullptr);
  CHECK(exit->after == "func (i32) -> ()");
  CHECK(exit->breaking);
  CHECK(exit->reason ==
        "not provided by wasmtime, wazero, wasmedge, wasmer, wamr, wamr-cmake and node, which ran the old "
        "release");
  // 16 imports, 15 names: Go imports random_get twice (crypto/rand).
  CHECK(subjects(d, ChangeKind::kImportRemoved).size() == 15);
  const Change* fd_write =
      find_change(d, ChangeKind::kImportRemoved, "wasi_snapshot_preview1::fd_write");
  REQUIRE(fd_write != nullptr);
  CHECK_FALSE(fd_write->breaking);

  const Change* js = find_change(d, ChangeKind::kCapabilityGained, "js");
  REQUIRE(js != nullptr);
  CHECK(js->detail == "JavaScript glue");
  const Change* goos = find_change(d, ChangeKind::kToolchainSetting, "GOOS");
  REQUIRE(goos != nullptr);
  CHECK(goos->before == "wasip1");
  CHECK(goos->after == "js");
  CHECK_FALSE(goos->breaking);
  CHECK(find_change(d, ChangeKind::kFindingAdded,
                    "target.gojs gojs::runtime.scheduleTimeoutEvent") != nullptr);
  CHECK(find_change(d, ChangeKind::kToolchainVersion, "go") == nullptr);
}

TEST_CASE("a C module before and after adding a socket import", "[diff]") {
  const CheckEntry a = checked("c/socket_before.wasm");
  const CheckEntry b = checked("c/socket_after.wasm");
  const ModuleDiff d = diff_of(a, b);
  CHECK(ids(d) == std::vector<std::string>{
                      "module.verdict verdict",
                      "runtime.broken wasm3",
                      "import.added wasi_snapshot_preview1::sock_accept",
                      "capability.gained sockets",
                      "finding.added wasi.sockets wasi_snapshot_preview1::sock_accept",
                  });
  CHECK(d.breaking_count() == 4);

  const Change* imp =
      find_change(d, ChangeKind::kImportAdded, "wasi_snapshot_preview1::sock_accept");
  REQUIRE(imp != nullptr);
  CHECK(imp->after == "func (i32, i32, i32) -> i32");
  CHECK(imp->breaking);
  CHECK(imp->reason == "not provided by wasm3, which ran the old release");

  // The knowledge base: preview 1 cannot create a socket, only accept on one the host preopened.
  const Change* sockets = find_change(d, ChangeKind::kCapabilityGained, "sockets");
  REQUIRE(sockets != nullptr);
  CHECK(sockets->after == "needs a grant");
  CHECK(sockets->detail == "sockets the host preopens");
  CHECK(sockets->breaking);
  CHECK(sockets->reason.rfind("a host must now grant it; without one: none: preview 1 cannot", 0) ==
        0);

  // wasm3 lacks sock_accept and links lazily: it instantiates, and traps when it is called. The
  // others provide it; the browser failed before and still does.
  const Change* wasm3 = find_change(d, ChangeKind::kRuntimeBroken, "wasm3");
  REQUIRE(wasm3 != nullptr);
  CHECK(wasm3->before == "runs");
  CHECK(wasm3->after == "traps");
  CHECK(wasm3->detail == "calling a missing import traps: wasi_snapshot_preview1::sock_accept");

  const Change* verdict = find_change(d, ChangeKind::kVerdict, "verdict");
  REQUIRE(verdict != nullptr);
  CHECK(verdict->before == "portable");
  CHECK(verdict->after == "partially-portable");
  CHECK(verdict->reason == "a runtime that ran the old release no longer does: wasm3");

  const Change* finding =
      find_change(d, ChangeKind::kFindingAdded, "wasi.sockets wasi_snapshot_preview1::sock_accept");
  REQUIRE(finding != nullptr);
  CHECK(finding->after == "warning");
  CHECK_FALSE(finding->breaking);
}

TEST_CASE("a core module and a component", "[diff]") {
  const ModuleDiff d = diff_of(checked("go/wasip1_hello_go124.wasm"),
                               checked("component/hello_command.component.wasm"));
  const Change* kind = find_change(d, ChangeKind::kModuleKind, "kind");
  REQUIRE(kind != nullptr);
  CHECK(kind->breaking);
  CHECK(find_change(d, ChangeKind::kShape, "shape") == nullptr);
  // Wasmtime runs both. WasmEdge loads the component (--enable-component) but links no WASI 0.2
  // interface, so it breaks on its imports; the others no longer run it for being a component.
  CHECK(subjects(d, ChangeKind::kRuntimeBroken) ==
        std::vector<std::string>{"wazero", "wasmedge", "wasmer", "wamr", "wamr-cmake", "node"});
  const Change* preopens =
      find_change(d, ChangeKind::kImportAdded, "wasi:filesystem/preopens@0.2.12");
  REQUIRE(preopens != nullptr);
  CHECK(preopens->after == "instance");
  CHECK(preopens->breaking);
  INFO(preopens->reason);
  CHECK(preopens->reason.find("wasmedge") != std::string::npos);
  CHECK(find_change(d, ChangeKind::kExportAdded, "wasi:cli/run@0.2.12") != nullptr);
  CHECK(find_change(d, ChangeKind::kExportRemoved, "_start")->breaking);
}

TEST_CASE("the socket pair with the runtimes limited to the ones that provide sockets", "[diff]") {
  EvalOptions o;
  o.runtimes = {{"wasmtime", ""}, {"wazero", ""}};
  const ModuleDiff d =
      diff_of(checked("c/socket_before.wasm", o), checked("c/socket_after.wasm", o));
  // Both still run it; the import alone breaks nobody, but the capability needs a grant.
  const Change* imp =
      find_change(d, ChangeKind::kImportAdded, "wasi_snapshot_preview1::sock_accept");
  REQUIRE(imp != nullptr);
  CHECK_FALSE(imp->breaking);
  CHECK(imp->reason == "every runtime that ran the old release provides it");
  CHECK(subjects(d, ChangeKind::kRuntimeBroken).empty());
  CHECK(find_change(d, ChangeKind::kCapabilityGained, "sockets")->breaking);
  CHECK(d.breaking_count() == 1);
}

TEST_CASE("a file diffed against itself has no changes", "[diff]") {
  for (const char* rel :
       {"go/js_hello_go124.wasm", "c/socket_after.wasm", "wat/wasi_command.wasm"}) {
    const CheckEntry a = checked(rel);
    const CheckEntry b = checked(rel);
    const ModuleDiff d = diff_of(a, b);
    CHECK(d.empty());
    CHECK_FALSE(d.breaking());
    const std::string text = text_of(a, b, d);
    CHECK(text.find("no changes") != std::string::npos);
  }
}

TEST_CASE("the text report fits 80 columns", "[diff][report]") {
  const std::vector<std::pair<const char*, const char*>> pairs = {
      {"go/wasip1_hello_go121.wasm", "go/wasip1_hello_go124.wasm"},
      {"go/wasip1_hello_go124.wasm", "go/js_hello_go124.wasm"},
      {"c/socket_before.wasm", "c/socket_after.wasm"},
  };
  for (const auto& [x, y] : pairs) {
    const CheckEntry a = checked(x);
    const CheckEntry b = checked(y);
    const std::string text = text_of(a, b, diff_of(a, b));
    INFO(text);
    // The header names the fixtures by their full paths, which depend on the checkout.
    std::string body = text.substr(text.find('\n', text.find("new:")) + 1);
    CHECK(widest_line(body) <= 80);
  }
}

TEST_CASE("exports: removed or retyped breaks, resized and added do not", "[diff]") {
  Side a;
  export_func(a.module, "_start", kVoid);
  export_func(a.module, "add", kI32ToI32);
  export_func(a.module, "gone", kVoid);
  export_memory(a.module, "memory", mem_limits(1));
  export_memory(a.module, "shared", mem_limits(1, 16));
  Side b;
  export_func(b.module, "_start", kVoid);
  export_func(b.module, "add", FuncType{{ValType::i64()}, {ValType::i32()}});
  export_memory(b.module, "memory", mem_limits(17, 32));
  export_memory(b.module, "shared", mem_limits(1, 16, true));
  export_func(b.module, "extra", kVoid);

  const ModuleDiff d = diff_modules(a.view(), b.view());
  CHECK(ids(d) == std::vector<std::string>{"export.removed gone", "export.retyped add",
                                           "export.retyped shared", "export.resized memory",
                                           "export.added extra"});
  CHECK(find_change(d, ChangeKind::kExportRemoved, "gone")->breaking);
  const Change* add = find_change(d, ChangeKind::kExportRetyped, "add");
  CHECK(add->before == "func (i32) -> i32");
  CHECK(add->after == "func (i64) -> i32");
  CHECK(add->breaking);
  // Sharing a memory changes how a consumer may use it: a retype, not a resize.
  CHECK(find_change(d, ChangeKind::kExportRetyped, "shared")->breaking);
  const Change* memory = find_change(d, ChangeKind::kExportResized, "memory");
  CHECK(memory->before == "memory 1..∞");
  CHECK(memory->after == "memory 17..32");
  CHECK_FALSE(memory->breaking);
  CHECK_FALSE(find_change(d, ChangeKind::kExportAdded, "extra")->breaking);
  CHECK(d.breaking_count() == 3);
}

TEST_CASE("shapes: losing the old entry point breaks", "[diff]") {
  Side command;
  export_func(command.module, "_start", kVoid);
  Side reactor;
  export_func(reactor.module, "_initialize", kVoid);
  Side library;
  Side invalid;
  export_func(invalid.module, "_start", kVoid);
  export_func(invalid.module, "_initialize", kVoid);

  const ModuleDiff to_reactor = diff_modules(command.view(), reactor.view());
  const Change* shape = find_change(to_reactor, ChangeKind::kShape, "shape");
  REQUIRE(shape != nullptr);
  CHECK(shape->before == "command");
  CHECK(shape->after == "reactor");
  CHECK(shape->breaking);

  const ModuleDiff to_command = diff_modules(library.view(), command.view());
  CHECK_FALSE(find_change(to_command, ChangeKind::kShape, "shape")->breaking);
  CHECK_FALSE(to_command.breaking());

  // `_start` is still there (next to a new `_initialize`): the shape alone breaks no command host.
  const ModuleDiff to_invalid = diff_modules(command.view(), invalid.view());
  CHECK_FALSE(find_change(to_invalid, ChangeKind::kShape, "shape")->breaking);

  Side component;
  component.module.kind = BinaryKind::kComponent;
  const ModuleDiff to_component = diff_modules(command.view(), component.view());
  const Change* kind = find_change(to_component, ChangeKind::kModuleKind, "kind");
  REQUIRE(kind != nullptr);
  CHECK(kind->before == "core module");
  CHECK(kind->after == "component");
  CHECK(kind->breaking);
  CHECK(find_change(to_component, ChangeKind::kShape, "shape") == nullptr);
}

TEST_CASE("runtimes: only losing one that ran it breaks", "[diff]") {
  Side a;
  a.result.runtimes = {runtime("r1", true), runtime("r2", false), runtime("r3", true, {"env::f"}),
                       runtime("r4", false), runtime("r5", true)};
  Side b;
  b.result.runtimes = {runtime("r1", false), runtime("r2", true), runtime("r3", false),
                       runtime("r4", false), runtime("r5", true)};
  const ModuleDiff d = diff_modules(a.view(), b.view());
  CHECK(ids(d) ==
        std::vector<std::string>{"runtime.broken r1", "runtime.fixed r2", "runtime.changed r3"});
  const Change* r1 = find_change(d, ChangeKind::kRuntimeBroken, "r1");
  CHECK(r1->before == "runs");
  CHECK(r1->after == "fails");
  CHECK(r1->detail == "unknown import");
  CHECK(r1->breaking);
  CHECK(r1->reason == "it ran the old release and does not instantiate the new one");
  CHECK_FALSE(find_change(d, ChangeKind::kRuntimeFixed, "r2")->breaking);
  // r3 only instantiated with an import missing (a trap at its first call): it never ran it.
  const Change* r3 = find_change(d, ChangeKind::kRuntimeChanged, "r3");
  CHECK(r3->before == "traps");
  CHECK_FALSE(r3->breaking);
}

TEST_CASE("imports: breaking only where a runtime that ran it lacks one", "[diff]") {
  Side a;
  import_func(a.module, "env", "f", kVoid);
  import_func(a.module, "env", "g", kVoid);
  import_func(a.module, "env", "old", kVoid);
  // The same name imported twice with one type is one import.
  import_func(a.module, "wasi_snapshot_preview1", "random_get", kI32ToI32);
  import_func(a.module, "wasi_snapshot_preview1", "random_get", kI32ToI32);
  a.result.runtimes = {runtime("lazy", true), runtime("strict", true)};
  Side b;
  import_func(b.module, "env", "f", kI32ToI32);
  import_func(b.module, "env", "g", kI32ToI32);
  import_func(b.module, "wasi_snapshot_preview1", "random_get", kI32ToI32);
  import_func(b.module, "env", "new", kVoid);
  b.result.runtimes = {runtime("lazy", true, {"env::f", "env::new"}), runtime("strict", true)};

  const ModuleDiff d = diff_modules(a.view(), b.view());
  CHECK(ids(d) == std::vector<std::string>{"runtime.broken lazy", "import.removed env::old",
                                           "import.retyped env::f", "import.retyped env::g",
                                           "import.added env::new"});
  CHECK(find_change(d, ChangeKind::kImportRetyped, "env::f")->breaking);
  CHECK(find_change(d, ChangeKind::kImportRetyped, "env::f")->reason ==
        "not provided by lazy, which ran the old release");
  CHECK_FALSE(find_change(d, ChangeKind::kImportRetyped, "env::g")->breaking);
  CHECK(find_change(d, ChangeKind::kImportRetyped, "env::g")->before == "func () -> ()");
  CHECK(find_change(d, ChangeKind::kImportAdded, "env::new")->breaking);
  CHECK_FALSE(find_change(d, ChangeKind::kImportRemoved, "env::old")->breaking);
}

TEST_CASE("capabilities: a grant newly needed breaks", "[diff]") {
  auto capability = [](const std::string& id, bool grant) {
    Capability c;
    c.id = id;
    c.title = id + " title";
    c.needs_grant = grant;
    c.without_grant = grant ? "nothing" : "";
    return c;
  };
  Side a;
  a.result.capabilities = {capability("filesystem", false), capability("env", false),
                           capability("sockets", true)};
  Side b;
  b.result.capabilities = {capability("filesystem", true), capability("clocks", false)};
  const ModuleDiff d = diff_modules(a.view(), b.view());
  CHECK(ids(d) == std::vector<std::string>{"capability.lost env", "capability.lost sockets",
                                           "capability.grant filesystem",
                                           "capability.gained clocks"});
  const Change* fs = find_change(d, ChangeKind::kCapabilityGrant, "filesystem");
  CHECK(fs->before == "no grant");
  CHECK(fs->after == "needs a grant");
  CHECK(fs->breaking);
  CHECK(fs->reason ==
        "a host that ran the old release without granting it must now grant it; without one: "
        "nothing");
  CHECK_FALSE(find_change(d, ChangeKind::kCapabilityLost, "sockets")->breaking);
  CHECK_FALSE(find_change(d, ChangeKind::kCapabilityGained, "clocks")->breaking);
  CHECK(find_change(d, ChangeKind::kCapabilityGained, "clocks")->reason == "it needs no grant");

  // The other way round: no longer needing a grant breaks nobody.
  const ModuleDiff back = diff_modules(b.view(), a.view());
  CHECK_FALSE(find_change(back, ChangeKind::kCapabilityGrant, "filesystem")->breaking);
  CHECK(find_change(back, ChangeKind::kCapabilityGained, "sockets")->breaking);
}

TEST_CASE("toolchains: versions, settings and dependencies, never build identities", "[diff]") {
  auto go = [](const std::string& version) {
    ToolchainGuess g;
    g.id = "go";
    g.name = "Go (gc)";
    g.version = version;
    g.build_id = "id-" + version;
    return g;
  };
  Side a;
  ToolchainGuess ga = go("go1.23.0");
  ga.settings = {
      {"GOOS", "wasip1"}, {"-tags", "netgo"}, {"vcs.revision", "aaaa"}, {"vcs.time", "t1"}};
  ga.dependencies = {{"golang.org/x/sys", "v0.1.0", "", ""},
                     {"example.com/gone", "v1.0.0", "", ""}};
  a.detection.toolchains = {ga};
  ToolchainGuess rust;
  rust.id = "rust";
  rust.name = "Rust";
  a.detection.toolchains.push_back(rust);
  Side b;
  ToolchainGuess gb = go("go1.23.0");
  gb.settings = {{"GOOS", "wasip1"}, {"CGO_ENABLED", "0"}, {"vcs.revision", "bbbb"}};
  gb.dependencies = {{"golang.org/x/sys", "v0.2.0", "", ""},
                     {"example.com/new", "v0.0.1", "", "../new"}};
  b.detection.toolchains = {gb};

  const ModuleDiff d = diff_modules(a.view(), b.view());
  CHECK(ids(d) == std::vector<std::string>{"toolchain.removed rust", "toolchain.setting -tags",
                                           "toolchain.setting CGO_ENABLED",
                                           "toolchain.dependency golang.org/x/sys",
                                           "toolchain.dependency example.com/gone",
                                           "toolchain.dependency example.com/new"});
  CHECK_FALSE(d.breaking());
  CHECK(find_change(d, ChangeKind::kToolchainSetting, "-tags")->before == "netgo");
  CHECK_FALSE(find_change(d, ChangeKind::kToolchainSetting, "-tags")->after.has_value());
  CHECK(find_change(d, ChangeKind::kToolchainDependency, "golang.org/x/sys")->after == "v0.2.0");
  CHECK(find_change(d, ChangeKind::kToolchainDependency, "example.com/new")->after ==
        "v0.0.1 => ../new");
}

TEST_CASE("every change kind has a distinct id", "[diff]") {
  std::vector<std::string> seen;
  for (int k = 0; k <= static_cast<int>(ChangeKind::kToolchainDependency); ++k) {
    const std::string id(to_string(static_cast<ChangeKind>(k)));
    CHECK(id != "?");
    CHECK(std::find(seen.begin(), seen.end(), id) == seen.end());
    seen.push_back(id);
  }
}
