// SPDX-License-Identifier: Apache-2.0
// `matrix --from`: `check --format jsonl` output, made anywhere, merged into one matrix by SHA-256.
// The shard test is docs/scale.md's recipe run for real: the fixture list split into four shards,
// each checked by its own wasm-audit process under `xargs -P 4`, the JSON Lines merged, and the
// result compared with one process checking everything.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "catch.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

using namespace wasmaudit::test;
using nlohmann::json;

namespace {

void write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

/// The rows of a `matrix --format json` document (the tool and schema aside).
json rows_of(const std::string& out) {
  const json doc = json::parse(out);
  return json{{"runtimes", doc.at("runtimes")}, {"modules", doc.at("modules")}};
}

}  // namespace

TEST_CASE("matrix --from gives the matrix of the modules the records were made from", "[matrix][from]") {
  TempDir dir("matrix-from");
  const std::vector<std::string> files = {source_fixture("c/socket_after.wasm").string(),
                                          source_fixture("c/env_import.wasm").string(),
                                          source_fixture("go/wasip1_hello_go121.wasm").string(),
                                          source_fixture("component/hello_command.component.wasm").string()};
  std::vector<std::string> check = {"check", "--format", "jsonl", "--runtime", "wasmtime@24,wasmtime,wazero,node,wasm3"};
  check.insert(check.end(), files.begin(), files.end());
  const CliResult lines = run_cli(check);
  REQUIRE(lines.exit_code == 1);  // env_import fails its gate
  write(dir.path() / "results.jsonl", lines.out);

  std::vector<std::string> direct = {"matrix", "--format", "json", "--runtime", "wasmtime@24,wasmtime,wazero,node,wasm3"};
  direct.insert(direct.end(), files.begin(), files.end());
  const CliResult checked = run_cli(direct);
  REQUIRE(checked.exit_code == 0);
  const CliResult merged = run_cli({"matrix", "--format", "json", "--from", (dir.path() / "results.jsonl").string()});
  INFO(merged.err);
  REQUIRE(merged.exit_code == 0);
  CHECK(rows_of(merged.out) == rows_of(checked.out));
  // Every format renders rows read back the same as rows checked here.
  for (const char* format : {"text", "markdown", "csv", "html"}) {
    direct[2] = format;
    CHECK(run_cli({"matrix", "--format", format, "--from", (dir.path() / "results.jsonl").string()}).out ==
          run_cli(direct).out);
  }
}

TEST_CASE("matrix merges modules with the same bytes into one row", "[matrix][from]") {
  TempDir dir("matrix-dedupe");
  const auto original = source_fixture("c/file_reader.wasm");
  const auto copy = dir.path() / "renamed.wasm";
  std::filesystem::copy_file(original, copy);
  // Checked here, twice under two names: one row, the second path a duplicate.
  const CliResult both = run_cli({"matrix", "--format", "json", original.string(), copy.string()});
  REQUIRE(both.exit_code == 0);
  const json doc = json::parse(both.out);
  REQUIRE(doc.at("modules").size() == 1);
  CHECK(doc.at("modules")[0].at("path") == original.string());
  CHECK(doc.at("modules")[0].at("duplicates") == json::array({copy.string()}));
  // Shards that overlap, each checked on other runtimes: one row with the cells of both.
  const CliResult a = run_cli({"check", "--format", "jsonl", "--runtime", "wasmtime", original.string()});
  const CliResult b = run_cli({"check", "--format", "jsonl", "--runtime", "wazero,wasmtime", copy.string(),
                               source_fixture("c/hello_command.wasm").string()});
  write(dir.path() / "a.jsonl", a.out);
  write(dir.path() / "b.jsonl", b.out);
  const CliResult merged = run_cli({"matrix", "--format", "json", "--from", (dir.path() / "a.jsonl").string(),
                                    (dir.path() / "b.jsonl").string()});
  REQUIRE(merged.exit_code == 0);
  const json m = json::parse(merged.out);
  REQUIRE(m.at("modules").size() == 2);
  CHECK(m.at("modules")[0].at("cells").size() == 2);  // wasmtime from a, wazero from b
  CHECK(m.at("modules")[0].at("duplicates") == json::array({copy.string()}));
  CHECK(m.at("runtimes").size() == 2);
}

TEST_CASE("matrix --from reports a bad record by file, offset and JSON pointer, and goes on", "[matrix][from]") {
  TempDir dir("matrix-bad");
  const CliResult good = run_cli({"check", "--format", "jsonl", "--runtime", "wasmtime",
                                  source_fixture("c/hello_command.wasm").string()});
  const std::string good_line = good.out;  // one line, with its newline
  std::string wrong_type = good_line;
  wrong_type.replace(wrong_type.find("\"instantiates\":true"), 19, "\"instantiates\":\"yes\"");
  const std::string text = "{\"schema\": \"wasm-audit/check-line/1\", \"path\": 3}\n" + std::string("not json at all\n") +
                           wrong_type + "\n" + good_line + "{\"schema\": \"wasm-audit/diff/1\"}\n";  // line 4 is empty
  const auto path = dir.path() / "mixed.jsonl";
  write(path, text);
  const CliResult r = run_cli({"matrix", "--format", "csv", "--from", path.string()});
  CHECK(r.exit_code == 3);
  const std::string p = path.string();
  CHECK(r.err.find(p + ":0x0: line 1: /path: expected a string\n") != std::string::npos);
  CHECK(r.err.find(p + ":0x32: line 2: not JSON") != std::string::npos);  // line 1 is 50 bytes
  CHECK(r.err.find(": line 3: /runtimes/wasmtime/instantiates: expected true or false\n") != std::string::npos);
  CHECK(r.err.find(": line 6: /schema: not a check --format jsonl record: wasm-audit/diff/1\n") != std::string::npos);
  CHECK(r.err.find(": line 4:") == std::string::npos);  // a blank line is no record, and no error
  // The good line is still a row.
  CHECK(r.out.find("hello_command.wasm,") != std::string::npos);

  // Not a file: refused before it is read; no input at all is a usage error.
  CHECK(run_cli({"matrix", "--from", dir.path().string()}).exit_code == 3);
  CHECK(run_cli({"matrix", "--from", (dir.path() / "absent.jsonl").string()}).exit_code == 3);
  const CliResult none = run_cli({"matrix"});
  CHECK(none.exit_code == 2);
  CHECK(none.err == "wasm-audit: error: matrix takes modules (FILE|DIR...), or --from RESULTS.jsonl, or both\n");
}

TEST_CASE("docs/scale.md: shards checked by separate processes merge into the one-process matrix", "[matrix][from][scale]") {
  TempDir dir("matrix-shards");
  const std::string exe = shell_quote(WASMAUDIT_EXE);
  // Every module of the repository and of the build, the malformed ones too (input-error rows).
  const std::string fixtures = shell_quote(source_fixture("").string()) + " " + shell_quote(built_fixture("").string());
  // The recipe of docs/scale.md with xargs -P in place of GNU parallel's -S hosts.
  const std::string script =
      "set -e\ncd " + shell_quote(dir.path().string()) + "\n{\n" +
      "find " + fixtures + " -name '*.wasm' | LC_ALL=C sort > modules.txt\n"
      "split -n l/4 -d modules.txt shard.\n"
      "ls shard.0? | xargs -P 4 -I{} sh -c 'xargs " + exe + " check --format jsonl < {} > {}.jsonl || test $? -le 123'\n" +
      exe + " matrix --format json --from shard.0?.jsonl > merged.json || test $? -eq 3\n" +
      "xargs " + exe + " matrix --format json < modules.txt > one.json || test $? -eq 123\n"
      "wc -l < modules.txt\n";
  const ProcessResult run = run_shell("sh -c " + shell_quote(script + "} 2> errors.txt\n") + " 2>&1");
  INFO(run.out);
  REQUIRE(run.status == 0);
  const int modules = std::stoi(run.out);
  CHECK(modules >= 150);
  const json merged = rows_of(read_text(dir.path() / "merged.json"));
  const json one = rows_of(read_text(dir.path() / "one.json"));
  CHECK(merged.at("modules").size() >= 100);  // fewer than the files: identical copies are one row
  CHECK(merged.at("modules").size() <= static_cast<std::size_t>(modules));
  CHECK(merged == one);
  for (int i = 0; i < 4; ++i) CHECK(std::filesystem::file_size(dir.path() / ("shard.0" + std::to_string(i) + ".jsonl")) > 0);
}
