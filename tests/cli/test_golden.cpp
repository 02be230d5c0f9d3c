// SPDX-License-Identifier: Apache-2.0
// Golden CLI cases: tests/cli/cases/<case>.args holds the arguments (one per line) and
// <case>.stdout, <case>.stderr, <case>.exit the expected results. In arguments and outputs,
// %built% stands for the build's fixture folder and %source% for the repository's fixtures/.
// WASMAUDIT_BLESS=1 rewrites the expected files from the actual output; review the diff.
#include <cstdlib>
#include <fstream>

#include "catch.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"

using namespace wasmaudit::test;

namespace {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  if (from.empty()) return s;
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

const std::string& built_dir() {
  static const std::string dir = built_fixture("").string();
  return dir;
}
const std::string& source_dir() {
  static const std::string dir = source_fixture("").string();
  return dir;
}

std::string expand(const std::string& s) {
  return replace_all(replace_all(s, "%built%/", built_dir()), "%source%/", source_dir());
}
std::string unexpand(const std::string& s) {
  return replace_all(replace_all(s, built_dir(), "%built%/"), source_dir(), "%source%/");
}

void write_file(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("golden CLI cases", "[cli][golden]") {
  const auto dir = std::filesystem::path(WASMAUDIT_SOURCE_DIR) / "tests" / "cli" / "cases";
  const auto cases = list_fixtures(dir, ".args");
  REQUIRE(cases.size() >= 6);
  const bool bless = std::getenv("WASMAUDIT_BLESS") != nullptr;
  for (const auto& args_file : cases) {
    const std::string name = args_file.stem().string();
    DYNAMIC_SECTION(name) {
      std::vector<std::string> args;
      std::istringstream lines(read_text(args_file));
      for (std::string line; std::getline(lines, line);) {
        if (!line.empty()) args.push_back(expand(line));
      }
      const CliResult r = run_cli(args);
      const std::string out = unexpand(r.out);
      const std::string err = unexpand(r.err);
      const std::string code = std::to_string(r.exit_code) + "\n";
      auto expected = [&](const char* ext) { return dir / (name + ext); };
      if (bless) {
        write_file(expected(".stdout"), out);
        write_file(expected(".stderr"), err);
        write_file(expected(".exit"), code);
      }
      CHECK(out == read_text(expected(".stdout")));
      CHECK(err == read_text(expected(".stderr")));
      CHECK(code == read_text(expected(".exit")));
    }
  }
}
