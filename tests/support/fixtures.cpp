// SPDX-License-Identifier: Apache-2.0
#include "fixtures.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace wasmaudit::test {

std::filesystem::path built_fixture(const std::string& relative) {
  return std::filesystem::path(WASMAUDIT_FIXTURE_BUILD_DIR) / relative;
}

std::filesystem::path source_fixture(const std::string& relative) {
  return std::filesystem::path(WASMAUDIT_SOURCE_DIR) / "fixtures" / relative;
}

std::vector<std::filesystem::path> list_fixtures(const std::filesystem::path& dir,
                                                 const std::string& extension) {
  std::vector<std::filesystem::path> out;
  if (!std::filesystem::is_directory(dir)) return out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == extension) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::filesystem::path> valid_fixtures() {
  std::vector<std::filesystem::path> out = list_fixtures(built_fixture("wat"), ".wasm");
  for (auto& p : list_fixtures(built_fixture("shapes"), ".wasm")) out.push_back(std::move(p));
  for (const char* dir : {"c", "go", "component", "npm"}) {
    for (auto& p : list_fixtures(source_fixture(dir), ".wasm")) out.push_back(std::move(p));
  }
  return out;
}

std::vector<std::uint8_t> read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open fixture " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open fixture " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace wasmaudit::test
