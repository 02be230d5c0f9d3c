// SPDX-License-Identifier: Apache-2.0
#include "markdown.hpp"

#include <algorithm>

#include "report/escape.hpp"

namespace wasmaudit::detail {

std::string md_code(std::string_view s, MdIn in) {
  std::string text = escape_name(s);
  if (text.empty()) return "*(empty)*";
  std::size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  if (in == MdIn::kTable) {
    std::string piped;
    for (char c : text) {
      if (c == '|') piped += '\\';
      piped += c;
    }
    text = std::move(piped);
  }
  const std::string fence(longest + 1, '`');
  const bool pad =
      text.front() == '`' || text.back() == '`' || text.front() == ' ' || text.back() == ' ';
  return pad ? fence + " " + text + " " + fence : fence + text + fence;
}

namespace {

/// The HTML entity for `c` (`&lt;`, `&gt;`, `&amp;`, and `&quot;` when `quote`), or nullptr.
const char* entity(char c, bool quote) {
  switch (c) {
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '&': return "&amp;";
    case '"': return quote ? "&quot;" : nullptr;
    default: return nullptr;
  }
}

}  // namespace

std::string md_text(std::string_view s) {
  static constexpr std::string_view kMarkup = "\\`*_[]|~#!";
  std::string out;
  for (char c : escape_name(s)) {
    if (const char* e = entity(c, false)) {
      out += e;
    } else {
      if (kMarkup.find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

std::string md_html(std::string_view s) {
  std::string out;
  for (char c : escape_name(s)) {
    const char* e = entity(c, true);
    out += e != nullptr ? std::string(e) : std::string(1, c);
  }
  return out;
}

}  // namespace wasmaudit::detail
