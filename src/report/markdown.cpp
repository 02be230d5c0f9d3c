// SPDX-License-Identifier: Apache-2.0
#include "markdown.hpp"

#include <algorithm>

#include "wasmaudit/report/escape.hpp"

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

std::string md_text(std::string_view s) {
  const std::string plain = escape_name(s);
  std::string out;
  out.reserve(plain.size());
  for (char c : plain) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '~':
      case '#':
      case '!':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string md_html(std::string_view s) {
  const std::string plain = escape_name(s);
  std::string out;
  for (char c : plain) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace wasmaudit::detail
