// SPDX-License-Identifier: Apache-2.0
// `matrix --format html` in a real browser: the page for the real fixtures (C, Go, npm packages,
// components, and a file that is not WebAssembly) is opened in headless Chromium (Debian's
// `chromium`, installed by the test command) by tests/formats/matrix_html.mjs over the DevTools
// protocol. It must load without a console error and fetch nothing; its cells must be modules ×
// runtimes, each in the state the JSON form gives; clicking headers must sort and the filters must
// keep exactly the rows the JSON says they should; a cell's note must open beside it; and it must
// fit a phone's width and turn dark with the system. Screenshots are left in the build folder
// (tests/matrix-html/*.png) for a person to look at.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "catch.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "process.hpp"
#include "runtime_runs.hpp"

using namespace wasmaudit::test;
using nlohmann::json;

namespace {

std::vector<std::string> strings(const json& j) {
  std::vector<std::string> out;
  for (const auto& v : j) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("matrix --format html works in headless Chromium", "[matrix][html][browser]") {
  const std::filesystem::path out_dir = std::filesystem::path(WASMAUDIT_FIXTURE_BUILD_DIR).parent_path() / "matrix-html";
  std::filesystem::create_directories(out_dir);
  const std::vector<std::string> inputs = {source_fixture("c").string(), source_fixture("go").string(),
                                           source_fixture("npm").string(), source_fixture("component").string(),
                                           source_fixture("c/README.md").string()};
  std::vector<std::string> args = {"matrix", "--format", "html"};
  args.insert(args.end(), inputs.begin(), inputs.end());
  const CliResult page = run_cli(args);
  REQUIRE(page.exit_code == 3);  // c/README.md is not WebAssembly: an input-error row
  const std::filesystem::path html = out_dir / "matrix.html";
  std::ofstream(html) << page.out;
  args[2] = "json";
  const CliResult doc = run_cli(args);
  const json matrix = json::parse(doc.out);
  const auto& modules = matrix.at("modules");
  std::size_t readable = 0;
  for (const auto& m : modules) readable += m.at("error").is_null() ? 1 : 0;
  const std::size_t runtimes = matrix.at("runtimes").size();
  REQUIRE(readable >= 30);
  REQUIRE(runtimes >= 9);

  const std::string node = websocket_node();
  if (node.empty()) FAIL("no Node 22 or later on PATH or in WASMAUDIT_NODES (scripts/test.sh sets it)");
  const std::string cmd = shell_quote(node) + " " +
                          shell_quote(std::string(WASMAUDIT_SOURCE_DIR) + "/tests/formats/matrix_html.mjs") + " " +
                          shell_quote(WASMAUDIT_CHROMIUM) + " " + shell_quote(html.string()) + " " +
                          shell_quote(out_dir.string());
  ProcessResult run = run_shell(cmd + " 2>&1");
  if (run.status != 0) {
    WARN("matrix_html.mjs failed once; running it again:\n" << run.out.substr(run.out.size() > 3000 ? run.out.size() - 3000 : 0));
    run = run_shell(cmd + " 2>&1");
  }
  INFO(run.out.substr(run.out.size() > 3000 ? run.out.size() - 3000 : 0));
  REQUIRE(run.status == 0);
  const json seen = json::parse(run.out.substr(run.out.rfind('{', run.out.find("\"errors\""))));

  SECTION("it loads without an error and fetches nothing") {
    CHECK(seen.at("errors").empty());
    CHECK(seen.at("resources").empty());
    CHECK(page.out.find("http://") == std::string::npos);
    CHECK(page.out.find("https://") == std::string::npos);
  }

  SECTION("every module is a row and every readable one has a cell per runtime, in the JSON's state") {
    REQUIRE(seen.at("rows").size() == modules.size());
    CHECK(seen.at("cells").get<std::size_t>() == readable * runtimes);
    std::vector<std::string> keys;
    for (const auto& rt : matrix.at("runtimes")) keys.push_back(rt.at("key").get<std::string>());
    CHECK(strings(seen.at("runtimes")) == keys);
    for (std::size_t i = 0; i < modules.size(); ++i) {
      const auto& m = modules[i];
      CHECK(seen.at("rows")[i].get<std::string>() == m.at("path").get<std::string>());
      if (!m.at("error").is_null()) continue;
      std::vector<std::string> expected;
      for (const auto& key : keys) {
        const auto& cells = m.at("cells");
        expected.push_back(key + "=" + (cells.contains(key) ? cells.at(key).at("state").get<std::string>() : "none"));
      }
      CHECK(strings(seen.at("states")[i]) == expected);
    }
    CHECK(seen.at("count").get<std::string>() == std::to_string(modules.size()) + " of " + std::to_string(modules.size()) + " modules");
  }

  SECTION("clicking a header sorts") {
    const auto& sorted = seen.at("sorted");
    auto paths = strings(sorted.at("ascending"));
    CHECK(std::is_sorted(paths.begin(), paths.end(), [](std::string a, std::string b) {
      std::transform(a.begin(), a.end(), a.begin(), ::tolower);
      std::transform(b.begin(), b.end(), b.begin(), ::tolower);
      return a < b;
    }));
    CHECK(sorted.at("ariaAscending") == "ascending");
    auto descending = strings(sorted.at("descending"));
    std::reverse(descending.begin(), descending.end());
    std::set<std::string> unique(paths.begin(), paths.end());
    if (unique.size() == paths.size()) CHECK(descending == paths);
    const auto ranks = sorted.at("ranks").get<std::vector<int>>();
    CHECK(std::is_sorted(ranks.begin(), ranks.end()));
    CHECK(ranks.front() < ranks.back());  // the column has more than one state
  }

  SECTION("each filter keeps exactly the rows the JSON says") {
    const auto& f = seen.at("filtered");
    // The rows are in the order the last sort left them: compared as sets.
    const auto keep = [&](auto pred) {
      std::vector<std::string> out;
      for (const auto& m : modules) {
        if (pred(m)) out.push_back(m.at("path").get<std::string>());
      }
      std::sort(out.begin(), out.end());
      return out;
    };
    const auto rows = [](const json& j) {
      auto out = strings(j);
      std::sort(out.begin(), out.end());
      return out;
    };
    const std::string verdict = f.at("f-verdict").at("value");
    CHECK(rows(f.at("f-verdict").at("rows")) == keep([&](const json& m) {
            return (m.at("error").is_null() ? m.at("verdict").get<std::string>() : "input error") == verdict;
          }));
    const std::string toolchain = f.at("f-toolchain").at("value");
    CHECK(rows(f.at("f-toolchain").at("rows")) ==
          keep([&](const json& m) { return m.at("toolchain").is_string() && m.at("toolchain") == toolchain; }));
    const std::string finding = f.at("f-finding").at("value");
    const auto with_finding = keep([&](const json& m) {
      const auto ids = strings(m.at("findings"));
      return std::find(ids.begin(), ids.end(), finding) != ids.end();
    });
    CHECK(rows(f.at("f-finding").at("rows")) == with_finding);
    CHECK_FALSE(with_finding.empty());
    // A runtime shows its column only; every row stays.
    const std::string runtime = f.at("f-runtime").at("value");
    CHECK(f.at("f-runtime").at("rows").size() == modules.size());
    CHECK(f.at("f-runtime").at("hiddenColumns").size() == runtimes - 1);
    CHECK(std::find(f.at("f-runtime").at("hiddenColumns").begin(), f.at("f-runtime").at("hiddenColumns").end(), runtime) ==
          f.at("f-runtime").at("hiddenColumns").end());
    CHECK(rows(f.at("f-text").at("rows")) == keep([](const json& m) {
            std::string p = m.at("path");
            std::transform(p.begin(), p.end(), p.begin(), ::tolower);
            return p.find("go") != std::string::npos;
          }));
    const std::string on = f.at("state").at("runtime");
    const auto failing = keep([&](const json& m) {
      return m.at("cells").contains(on) && m.at("cells").at(on).at("state") == "fails";
    });
    CHECK(rows(f.at("state").at("rows")) == failing);
    CHECK_FALSE(failing.empty());
    CHECK(f.at("state").at("after").get<std::size_t>() == modules.size());  // reset shows every row again
  }

  SECTION("a cell's note opens beside it, with the error and the fix") {
    const auto& popup = seen.at("popup");
    REQUIRE(popup.is_object());
    CHECK(popup.at("shown") == true);
    CHECK(popup.at("text") == popup.at("note"));
    CHECK(popup.at("text").get<std::string>().size() > 10);
  }

  SECTION("it turns dark with the system and fits a phone") {
    CHECK(seen.at("dark") != seen.at("light"));
    CHECK(seen.at("phone").at("page").get<int>() <= seen.at("phone").at("viewport").get<int>());
    CHECK(seen.at("phone").at("table") == true);  // the table scrolls inside its box instead
    for (const char* shot : {"matrix-light.png", "matrix-dark.png", "matrix-phone.png", "matrix-popup.png"}) {
      CHECK(std::filesystem::file_size(out_dir / shot) > 1000);
    }
  }
}
