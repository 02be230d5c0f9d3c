// SPDX-License-Identifier: Apache-2.0
#include "error_text.hpp"

#include <array>

namespace wasmaudit::detail {

std::string telling_line(std::string_view tmpl) {
  static constexpr std::array<std::string_view, 9> kTelling = {"{module}", "{name}",   "{expected}",
                                                               "{actual}", "{offset}", "{offset_hex}",
                                                               "{function}", "{index}", "{wasi}"};
  std::string_view best;
  std::size_t best_score = 0;
  std::size_t start = 0;
  bool first = true;
  while (start <= tmpl.size()) {
    const auto nl = tmpl.find('\n', start);
    const std::string_view line = tmpl.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    std::size_t score = 0;
    for (auto p : kTelling) {
      for (auto at = line.find(p); at != std::string_view::npos; at = line.find(p, at + 1)) ++score;
    }
    const bool blank = line.find_first_not_of(' ') == std::string_view::npos;
    if (!blank && (first || score > best_score)) {
      best = line;
      best_score = score;
      first = false;
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return std::string(best);
}

std::string clean_error_line(std::string s) {
  const auto trim = [&] {
    s.erase(0, std::min(s.find_first_not_of(" \t"), s.size()));
    while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.pop_back();
  };
  trim();
  for (int i = 0; i < 2 && s.starts_with('['); ++i) {  // "[2024-…] [error] ", "[12:00:00:000 - 7f]: "
    const auto close = s.find(']');
    if (close == std::string::npos) break;
    s.erase(0, close + 1);
    if (s.starts_with(':')) s.erase(0, 1);
    trim();
  }
  // Tree marks of error chains (Wasmer's "╰─▶ 1: ", older "╰─> 1: ", "│   1: ").
  for (std::string_view mark : {"\u2570\u2500\u25b6", "\u2570\u2500>", "\u2502"}) {
    if (s.starts_with(mark)) {
      s.erase(0, mark.size());
      trim();
      break;
    }
  }
  const auto digits = s.find_first_not_of("0123456789");
  if (digits != 0 && digits != std::string::npos && s.compare(digits, 2, ": ") == 0) s.erase(0, digits + 2);
  return s;
}

std::size_t LinePattern::literal_size() const {
  std::size_t n = 0;
  for (const auto& l : literals) n += l.size();
  return n;
}

LinePattern compile_line(std::string_view line) {
  LinePattern p;
  std::string literal;
  static constexpr std::string_view kEllipsis = "\u2026";  // "…": text the template leaves out
  for (std::size_t i = 0; i < line.size();) {
    if (line.substr(i, kEllipsis.size()) == kEllipsis) {
      p.literals.push_back(std::move(literal));
      literal.clear();
      p.holes.emplace_back();  // anonymous: matched, not captured
      i += kEllipsis.size();
      continue;
    }
    if (line[i] == '{') {
      const auto close = line.find('}', i);
      const std::string_view name = close == std::string_view::npos ? std::string_view() : line.substr(i + 1, close - i - 1);
      // A placeholder's name: lower-case letters, digits after the first ({v8_offset}), underscores.
      const bool hole = !name.empty() && name.front() >= 'a' && name.front() <= 'z' &&
                        name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string_view::npos;
      if (hole) {
        p.literals.push_back(std::move(literal));
        literal.clear();
        p.holes.emplace_back(name);
        i = close + 1;
        continue;
      }
    }
    literal += line[i++];
  }
  p.literals.push_back(std::move(literal));
  return p;
}

std::optional<std::map<std::string, std::string>> match_line(const LinePattern& p, std::string_view line) {
  // Try every place the first literal occurs (a short prefix may repeat in the line).
  const std::string& head = p.literals.front();
  for (std::size_t start = line.find(head); start != std::string_view::npos; start = line.find(head, start + 1)) {
    std::map<std::string, std::string> values;
    std::size_t at = start + head.size();
    bool ok = true;
    for (std::size_t h = 0; h < p.holes.size() && ok; ++h) {
      const std::string& next = p.literals[h + 1];
      std::size_t end;
      if (!next.empty()) {
        end = line.find(next, at);
        if (end == std::string_view::npos) ok = false;
      } else if (h + 1 == p.holes.size()) {  // a trailing hole: up to a space, quote or backtick
        end = line.find_first_of(" \"'`", at);
        if (end == std::string_view::npos) end = line.size();
      } else {
        end = at;  // two holes in a row: the first takes nothing
      }
      if (!ok) break;
      if (!p.holes[h].empty()) values[p.holes[h]] = std::string(line.substr(at, end - at));
      at = end + next.size();
    }
    if (ok) return values;
    if (head.empty()) break;
  }
  return std::nullopt;
}

}  // namespace wasmaudit::detail
