// SPDX-License-Identifier: Apache-2.0
// The module boundaries of docs/architecture.md ("Modules": what each may include) and the line
// between the public API and the internals (docs/library.md, "What is public"), checked on every
// #include line of include/ and src/: a layering slip fails here, in every build, not in review.
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "catch.hpp"

namespace fs = std::filesystem;

namespace {

struct IncludeLine {
  std::string file;    ///< relative to the source tree: "src/detect/detect.cpp"
  std::string module;  ///< the including file's module: "detect"
  bool public_header;  ///< under include/wasmaudit
  char delimiter;      ///< '<' or '"'
  std::string target;  ///< what it includes: "wasmaudit/model/module.hpp", "parsers.hpp"
};

// The module of a path below include/wasmaudit or src: its first directory, or "facade" for the
// top-level files (audit, batch, error, version).
std::string module_of(const fs::path& rel) {
  auto it = rel.begin();
  if (std::distance(rel.begin(), rel.end()) <= 1) return "facade";
  return it->string();
}

std::vector<IncludeLine> include_lines() {
  const fs::path root = WASMAUDIT_SOURCE_DIR;
  const std::regex include_re(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
  std::vector<IncludeLine> lines;
  for (const auto& [dir, is_public] : {std::pair{root / "include" / "wasmaudit", true}, {root / "src", false}}) {
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      const auto ext = e.path().extension();
      if (!e.is_regular_file() || (ext != ".hpp" && ext != ".cpp")) continue;
      std::ifstream in(e.path());
      std::string line;
      std::smatch m;
      while (std::getline(in, line)) {
        if (!std::regex_search(line, m, include_re)) continue;
        lines.push_back({fs::relative(e.path(), root).generic_string(), module_of(fs::relative(e.path(), dir)),
                         is_public, m[1].str()[0], m[2].str()});
      }
    }
  }
  return lines;
}

// The module an include names: "wasmaudit/detect/detect.hpp" and "detect/path_hints.hpp" are
// detect; "wasmaudit/error.hpp" is the facade; a bare name ("parsers.hpp") is the includer's own.
std::string target_module(const IncludeLine& l) {
  std::string t = l.target;
  if (t.rfind("wasmaudit/", 0) == 0) t.erase(0, 10);
  const auto slash = t.find('/');
  if (slash == std::string::npos) {
    static const std::set<std::string> facade{"audit.hpp", "batch.hpp", "error.hpp", "version.hpp"};
    return facade.contains(t) && l.target.rfind("wasmaudit/", 0) == 0 ? "facade" : l.module;
  }
  return t.substr(0, slash);
}

bool is_third_party(const IncludeLine& l, std::string_view library) {
  return l.delimiter == '<' && l.target.rfind(std::string(library) + "/", 0) == 0;
}

}  // namespace

TEST_CASE("layering: every module includes only what docs/architecture.md allows it", "[layering]") {
  // "error" (wasmaudit/error.hpp) is everyone's; "facade" here means error.hpp and version.hpp for
  // the modules below the facade, which must not include audit.hpp or batch.hpp.
  const std::map<std::string, std::set<std::string>> may_include{
      {"model", {"model"}},
      {"binary", {"binary", "facade"}},
      {"reader", {"reader", "model", "binary", "facade"}},
      {"detect", {"detect", "model", "binary", "facade"}},
      {"policy", {"policy", "model", "detect", "binary", "facade"}},
      {"report", {"report", "model", "detect", "policy", "binary", "facade"}},
      {"facade", {"facade", "model", "binary", "reader", "detect", "policy", "report"}},
      {"cli", {"cli", "facade", "model", "binary", "reader", "detect", "policy", "report"}},
  };
  const auto lines = include_lines();
  REQUIRE(lines.size() > 300);  // the walk found the tree
  std::set<std::string> modules_seen;
  for (const auto& l : lines) {
    modules_seen.insert(l.module);
    if (l.delimiter == '<') continue;
    INFO(l.file << ": #include \"" << l.target << "\"");
    const auto allowed = may_include.find(l.module);
    REQUIRE(allowed != may_include.end());
    CHECK(allowed->second.contains(target_module(l)));
    // Below the facade, only error.hpp and version.hpp of the top-level headers.
    if (l.module != "facade" && l.module != "cli" && target_module(l) == "facade") {
      CHECK((l.target == "wasmaudit/error.hpp" || l.target == "wasmaudit/version.hpp"));
    }
  }
  CHECK(modules_seen == std::set<std::string>{"model", "binary", "reader", "detect", "policy", "report", "facade",
                                              "cli"});
}

TEST_CASE("layering: public headers include only public headers and the standard library", "[layering]") {
  std::size_t public_headers = 0;
  for (const auto& l : include_lines()) {
    if (!l.public_header) continue;
    ++public_headers;
    INFO(l.file << ": #include " << l.delimiter << l.target);
    if (l.delimiter == '"') {
      CHECK(l.target.rfind("wasmaudit/", 0) == 0);  // never an internal header from src/
    } else {
      CHECK(l.target.find('/') == std::string::npos);  // <vector>, never <fmt/…>, <nlohmann/…>, <CLI/…>
    }
  }
  CHECK(public_headers > 50);
}

TEST_CASE("layering: CLI11 only in the CLI, nlohmann_json only in policy and report, the CLI on public headers",
          "[layering]") {
  for (const auto& l : include_lines()) {
    INFO(l.file << ": #include " << l.delimiter << l.target);
    if (is_third_party(l, "CLI")) CHECK(l.module == "cli");
    if (is_third_party(l, "nlohmann")) {
      CHECK(!l.public_header);
      CHECK((l.module == "policy" || l.module == "report"));
    }
    // The CLI is a consumer of the library like any other: public headers and its own files only.
    if (l.module == "cli" && l.delimiter == '"') {
      CHECK((l.target.rfind("wasmaudit/", 0) == 0 || l.target.find('/') == std::string::npos));
    }
  }
}
