// SPDX-License-Identifier: Apache-2.0
// The `jco` runtime verdict against reality: every component fixture and one core module are given
// to the real jco (@bytecodealliance/jco 1.35.0 with its preview2-shim, installed by the test
// command into .cache/jco and named by WASMAUDIT_JCO; run by the system's Node). `jco run FILE x`
// for every file; for a component without wasi:cli/run, also `jco transpile FILE -o DIR` and an
// import of the module it wrote (tests/differential/jco_import.mjs: that import instantiates it).
// The prediction must agree on whether it instantiates, on which of the two commands uses it, and,
// where it fails, on what jco prints.
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "fixtures.hpp"
#include "process.hpp"
#include "runtime_runs.hpp"
#include "temp_dir.hpp"
#include "wasmaudit/audit.hpp"
#include "wasmaudit/policy/knowledge.hpp"
#include "wasmaudit/policy/loader.hpp"
#include "wasmaudit/reader/module_reader.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

constexpr const char* kTimeout = "timeout -k 10 180 ";  // seconds; a run takes about two

/// WASMAUDIT_JCO, or a failure that says how to get it.
std::string jco_binary() {
  const char* env = std::getenv("WASMAUDIT_JCO");
  if (env == nullptr || *env == '\0' || !std::filesystem::is_regular_file(env)) {
    FAIL("WASMAUDIT_JCO " << (env == nullptr ? std::string("is not set") : "names no file: " + std::string(env))
                          << ". The test command installs jco and sets it (scripts/test.sh); or: "
                             "bash scripts/deps.sh test && export WASMAUDIT_JCO=$PWD/.cache/jco/node_modules/.bin/jco");
  }
  return env;
}

struct Run {
  int status = -1;  ///< exit status; 124 when the timeout ended it
  std::string out;
  std::string err;
};

/// `command` through the shell with a timeout, its standard error kept apart in `scratch`.
Run run_with_stderr(const std::string& command, const std::filesystem::path& scratch) {
  const auto err_file = scratch / "stderr.txt";
  const ProcessResult p = run_shell(kTimeout + command + " 2>" + shell_quote(err_file.string()));
  return {p.status, p.out, read_text(err_file)};
}

std::string node_jco(const std::string& jco) {
  return shell_quote(WASMAUDIT_NODE) + " " + shell_quote(jco);
}

std::string tail(const std::string& s) { return s.substr(s.size() > 3000 ? s.size() - 3000 : 0); }

/// Each line of `predicted` jco must print, in order, compared without its indentation: the lines
/// that hold no elided part ("at runComponent (…)") and no placeholder.
bool lines_in_order(const std::string& predicted, const std::string& printed) {
  std::size_t at = 0;
  std::istringstream lines(predicted);
  for (std::string line; std::getline(lines, line);) {
    const auto first = line.find_first_not_of(' ');
    if (first == std::string::npos || line.find("…") != std::string::npos || line.find('{') != std::string::npos) {
      continue;
    }
    at = printed.find(line.substr(first), at);
    if (at == std::string::npos) return false;
  }
  return true;
}

bool exports_run(const Module& m) {
  for (const auto& e : m.component_exports) {
    if (e.name.rfind("wasi:cli/run@", 0) == 0) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("the jco verdict matches the real jco run and jco transpile", "[differential][jco]") {
  const std::string jco = jco_binary();
  std::vector<std::filesystem::path> files = list_fixtures(source_fixture("component"), ".wasm");
  REQUIRE(files.size() >= 3);
  files.push_back(source_fixture("c/hello_command.wasm"));  // a core module: jco runs components only

  const RuntimeProfile* profile = builtin_knowledge().find_runtime("jco");
  REQUIRE(profile != nullptr);
  static const std::string version = [&] {
    std::string v = run_shell(node_jco(jco) + " --version 2>&1").out;
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.pop_back();
    return v;
  }();
  INFO("jco " << version << " (" << jco << ")");
  const auto resolved = profile->resolve_version(version);
  REQUIRE(resolved);  // a jco the profile covers (deps.sh pins 1.35.0)
  EvalOptions options;
  options.runtimes.push_back({"jco", *resolved});
  const ErrorTemplate* no_world = profile->error_template("component_no_world", *resolved);
  REQUIRE(no_world != nullptr);

  for (const auto& f : files) {
    DYNAMIC_SECTION("jco " << version << ": " << f.filename().string()) {
      const CheckEntry e = check_file(f.string(), builtin_knowledge(), options);
      REQUIRE(e.result);
      REQUIRE(e.module);
      REQUIRE(e.result->runtimes.size() == 1);
      const RuntimeResult& predicted = e.result->runtimes.front();
      const bool component = e.module->kind == BinaryKind::kComponent;
      const bool command = component && exports_run(*e.module);
      INFO("predicted: " << (predicted.instantiates ? "instantiates" : "fails") << "; error: "
                         << predicted.error.value_or("") << "; run: " << (predicted.run ? predicted.run->command : ""));

      TempDir scratch("jco");
      // `x`: hello_command's main() exits 0 when given an argument (1 without: fixtures/c/hello_command.c).
      const Run run = run_with_stderr(node_jco(jco) + " run " + shell_quote(f.string()) + " x", scratch.path());
      INFO("jco run: exit " << run.status << "\nstdout:\n" << tail(run.out) << "\nstderr:\n" << tail(run.err));
      REQUIRE(run.status != 124);  // not ended by the timeout

      if (!component || command) {
        // The prediction is about `jco run`.
        CHECK(predicted.instantiates == (run.status == 0));
        if (predicted.instantiates) {
          REQUIRE(predicted.run);
          CHECK(predicted.run->command.rfind("npx @bytecodealliance/jco run ", 0) == 0);
          if (f.filename() == "hello_command.component.wasm") CHECK(run.out.find("hello, world\nargv[1] = x\n") == 0);
        } else {
          const std::string first_line = !predicted.summary.empty()
                                             ? predicted.summary
                                             : predicted.error.value_or("").substr(0, predicted.error.value_or("").find('\n'));
          REQUIRE(!first_line.empty());
          // What a terminal shows: jco writes its "(jco run) " prefix to stdout, then the error to
          // stderr.
          const std::string shown = run.out + run.err;
          CHECK(shown.find(first_line) != std::string::npos);
          CHECK(lines_in_order(predicted.error.value_or(""), shown));
        }
        continue;
      }

      // No wasi:cli/run: `jco run` refuses it, with the profile's component_no_world text, and the
      // prediction is about `jco transpile` and importing what it writes.
      CHECK(run.status != 0);
      CHECK(run.err.find(no_world->text) != std::string::npos);
      const auto out_dir = scratch.path() / "out";
      const Run transpile = run_with_stderr(
          node_jco(jco) + " transpile " + shell_quote(f.string()) + " -o " + shell_quote(out_dir.string()) + " -q",
          scratch.path());
      INFO("jco transpile: exit " << transpile.status << "\nstdout:\n" << tail(transpile.out) << "\nstderr:\n"
                                  << tail(transpile.err));
      REQUIRE(transpile.status != 124);
      std::string imported_status = "not imported";
      bool imported = false;
      if (transpile.status == 0) {
        const auto js = out_dir / (f.stem().string() + ".js");  // custom.component.wasm -> custom.component.js
        REQUIRE(std::filesystem::is_regular_file(js));
        const Run import = run_with_stderr(
            shell_quote(WASMAUDIT_NODE) + " " +
                shell_quote(std::string(WASMAUDIT_SOURCE_DIR) + "/tests/differential/jco_import.mjs") + " " +
                shell_quote(jco) + " " + shell_quote(js.string()),
            scratch.path());
        INFO("jco_import.mjs: exit " << import.status << "\n" << import.out << import.err);
        REQUIRE(import.status == 0);
        const auto observed = parse_observations(import.out);
        REQUIRE(observed.count(js.string()) == 1);
        imported = observed.at(js.string()).instantiates;
        imported_status = observed.at(js.string()).error;
      }
      INFO("import of the transpiled module: " << (imported ? "instantiated" : imported_status));
      CHECK(predicted.instantiates == (transpile.status == 0 && imported));
      if (predicted.instantiates) {
        REQUIRE(predicted.run);
        CHECK(predicted.run->command.rfind("npx @bytecodealliance/jco transpile ", 0) == 0);
        // The run advice says why not `jco run`, in jco's words.
        bool told = false;
        for (const auto& note : predicted.run->notes) told = told || note.find(no_world->text) != std::string::npos;
        CHECK(told);
      } else {
        const std::string first_line = predicted.summary;
        CHECK(((transpile.err + imported_status).find(first_line) != std::string::npos));
      }
    }
  }
}
