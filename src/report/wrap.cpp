// SPDX-License-Identifier: Apache-2.0
#include "wrap.hpp"

namespace wasmaudit::detail {
namespace {

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// The byte length of the longest prefix of `text` that takes at most `width` columns.
std::size_t prefix_bytes(std::string_view text, std::size_t width) {
  std::size_t cols = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (continuation(text[i])) continue;
    if (cols == width) return i;
    ++cols;
  }
  return text.size();
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += continuation(c) ? 0 : 1;
  return n;
}

std::string truncate_to(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) return std::string(text);
  if (width == 0) return {};
  return std::string(text.substr(0, prefix_bytes(text, width - 1))) + "…";
}

std::vector<std::string> wrap_text(std::string_view text, std::size_t width, bool cut_long_words) {
  if (width < 10) width = 10;
  std::vector<std::string> lines;
  std::string line;
  std::size_t line_cols = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    if (pos >= text.size()) break;
    std::size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(pos, end - pos);
    pos = end;
    const std::size_t cols = display_width(word);
    if (line_cols > 0 && line_cols + 1 + cols <= width) {
      line += ' ';
      line += word;
      line_cols += 1 + cols;
      continue;
    }
    if (line_cols > 0) lines.push_back(std::move(line));
    line.clear();
    line_cols = 0;
    if (cols > width && cut_long_words) {
      lines.push_back(truncate_to(word, width));
      continue;
    }
    line = std::string(word);
    line_cols = cols;
  }
  if (line_cols > 0 || lines.empty()) lines.push_back(std::move(line));
  return lines;
}

std::string wrap_paragraph(std::string_view text, std::size_t width, std::size_t indent) {
  std::string out;
  const std::size_t avail = width > indent + 10 ? width - indent : 10;
  for (const auto& l : wrap_text(text, avail)) out += std::string(indent, ' ') + l + '\n';
  return out;
}

}  // namespace wasmaudit::detail
