// SPDX-License-Identifier: Apache-2.0
// Golden CLI cases: tests/cli/cases/<case>.args holds the arguments (one per line) and
// <case>.stdout, <case>.stderr, <case>.exit the expected results. In arguments and outputs,
// %built% stands for the build's fixture folder and %source% for the repository's fixtures/.
// Each case runs in a scratch directory where `%built%` and `%source%` are symbolic links to those
// folders, so the arguments are real relative paths, every output names them the same way on
// every machine and build directory, and a report's layout (wrapped to 80 columns) does not
// depend on where the checkout is. WASMAUDIT_BLESS=1 rewrites the expected files from the actual
// output; review the diff.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
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

std::string unexpand(const std::string& s) {
  return replace_all(replace_all(s, built_dir(), "%built%/"), source_dir(), "%source%/");
}

/// The scratch directory with the `%built%` and `%source%` links; made once per run, removed at exit.
struct ScratchDir {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("wasmaudit-golden-" + std::to_string(::getpid()));
  ScratchDir() {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
    std::filesystem::create_directory_symlink(built_fixture(""), path / "%built%");
    std::filesystem::create_directory_symlink(source_fixture(""), path / "%source%");
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

const std::filesystem::path& scratch_dir() {
  static const ScratchDir dir;
  return dir.path;
}

/// Runs the CLI with the scratch directory as the working directory, then goes back.
CliResult run_in_scratch(const std::vector<std::string>& args) {
  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(scratch_dir());
  CliResult r = run_cli(args);
  std::filesystem::current_path(previous);
  return r;
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
        if (!line.empty()) args.push_back(line);
      }
      const CliResult r = run_in_scratch(args);
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
