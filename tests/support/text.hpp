// SPDX-License-Identifier: Apache-2.0
// Small helpers for tests that read a report as text.
#pragma once

#include <sstream>
#include <string>
#include <vector>

namespace wasmaudit::test {

/// How many times `needle` occurs in `s`, without overlaps.
inline std::size_t count(const std::string& s, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = s.find(needle); pos != std::string::npos; pos = s.find(needle, pos + needle.size())) ++n;
  return n;
}

/// `s` split into lines, without their '\n'.
inline std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

}  // namespace wasmaudit::test
