// SPDX-License-Identifier: Apache-2.0
#include "wrap.hpp"

#include <algorithm>

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

/// The words of `text`: runs of characters other than a space.
std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    if (pos >= text.size()) break;
    std::size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    words.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return words;
}

/// The words of a shell command: split at spaces that are not inside quotes or escaped.
std::vector<std::string_view> shell_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t start = std::string_view::npos;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (start == std::string_view::npos) {
      if (c == ' ') continue;
      start = i;
    }
    if (quote == '\'') {
      if (c == '\'') quote = 0;
    } else if (c == '\\') {
      ++i;  // the next character is taken literally (also inside "…")
    } else if (quote == '"') {
      if (c == '"') quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == ' ') {
      words.push_back(text.substr(start, i - start));
      start = std::string_view::npos;
    }
  }
  if (start != std::string_view::npos) words.push_back(text.substr(start));
  return words;
}

std::string rtrim(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
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

std::vector<std::string> wrap_lines(std::string_view text, std::size_t first_width,
                                    std::size_t width, LongWords long_words) {
  width = std::max<std::size_t>(width, 1);
  std::vector<std::string> lines;
  std::string line;
  std::size_t cols = 0;
  const auto limit = [&] { return lines.empty() ? first_width : width; };
  const auto flush = [&] {
    lines.push_back(std::move(line));
    line.clear();
    cols = 0;
  };
  for (std::string_view word : words_of(text)) {
    std::size_t wc = display_width(word);
    if (cols > 0) {
      if (cols + 1 + wc <= limit()) {
        line += ' ';
        line += word;
        cols += 1 + wc;
        continue;
      }
      flush();
    }
    if (wc <= limit()) {
      line = std::string(word);
      cols = wc;
      continue;
    }
    // The word does not fit an empty line. On a short first line, try the next one.
    if (lines.empty() && first_width < width && (wc <= width || long_words != LongWords::kBreak))
      flush();
    switch (long_words) {
      case LongWords::kKeep:
        line = std::string(word);
        cols = wc;
        break;
      case LongWords::kCut:
        if (limit() == 0) flush();
        line = truncate_to(word, limit());
        cols = display_width(line);
        break;
      case LongWords::kBreak:
        while (wc > limit()) {
          if (limit() == 0) {
            flush();
            continue;
          }
          const std::size_t n = prefix_bytes(word, limit());
          line = std::string(word.substr(0, n));
          flush();
          word.remove_prefix(n);
          wc = display_width(word);
        }
        line = std::string(word);
        cols = wc;
        break;
    }
  }
  if (cols > 0 || lines.empty()) flush();
  return lines;
}

std::vector<std::string> wrap_text(std::string_view text, std::size_t width, bool cut_long_words) {
  width = std::max<std::size_t>(width, 10);
  return wrap_lines(text, width, width, cut_long_words ? LongWords::kCut : LongWords::kKeep);
}

std::string hanging(std::string_view lead, std::size_t lead_width, std::string_view text,
                    std::size_t width, std::size_t indent, LongWords long_words) {
  const std::size_t first = width > lead_width ? width - lead_width : 0;
  const std::size_t rest = width > indent + 10 ? width - indent : 10;
  const auto lines = wrap_lines(text, first, rest, long_words);
  std::string out(lead);
  if (lines.front().empty()) {
    out = rtrim(std::move(out));
  } else {
    out += lines.front();
  }
  out += '\n';
  for (std::size_t i = 1; i < lines.size(); ++i) out += std::string(indent, ' ') + lines[i] + '\n';
  return out;
}

std::string wrap_paragraph(std::string_view text, std::size_t width, std::size_t indent) {
  std::string out;
  const std::size_t avail = width > indent + 10 ? width - indent : 10;
  for (const auto& l : wrap_text(text, avail)) out += std::string(indent, ' ') + l + '\n';
  return out;
}

std::vector<std::string> pack_items(const std::vector<std::string>& items,
                                    std::string_view separator, std::size_t first_width,
                                    std::size_t width) {
  width = std::max<std::size_t>(width, 1);
  const std::string trail = rtrim(std::string(separator));  // ends a line that goes on: "," of ", "
  const std::size_t sep_w = display_width(separator);
  const std::size_t trail_w = display_width(trail);
  std::vector<std::string> lines;
  std::string line;
  std::size_t cols = 0;
  const auto limit = [&] { return lines.empty() ? first_width : width; };
  const auto flush = [&] {
    lines.push_back(std::move(line));
    line.clear();
    cols = 0;
  };
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::size_t iw = display_width(items[i]);
    const std::size_t tw = i + 1 < items.size() ? trail_w : 0;
    if (cols > 0) {
      if (cols + sep_w + iw + tw <= limit()) {
        line += separator;
        line += items[i];
        cols += sep_w + iw;
        continue;
      }
      line += trail;
      flush();
    }
    if (iw + tw > limit() && lines.empty() && first_width < width) flush();
    if (iw + tw <= limit()) {
      line = items[i];
    } else {
      line = truncate_to(items[i], limit() > tw ? limit() - tw : 1);
    }
    cols = display_width(line);
  }
  if (cols > 0 || lines.empty()) flush();
  return lines;
}

std::vector<std::string> wrap_command(std::string_view command, std::size_t first_width,
                                      std::size_t width) {
  const auto words = shell_words(command);
  std::vector<std::string> lines;
  std::string line;
  std::size_t cols = 0;
  const auto limit = [&] { return lines.empty() ? first_width : width; };
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::size_t wc = display_width(words[i]);
    const std::size_t reserve = i + 1 < words.size() ? 2 : 0;  // " \"
    if (cols > 0) {
      if (cols + 1 + wc + reserve <= limit()) {
        line += ' ';
        line += words[i];
        cols += 1 + wc;
        continue;
      }
      lines.push_back(line + " \\");
      line.clear();
      cols = 0;
    }
    line = std::string(words[i]);
    cols = wc;
  }
  if (cols > 0 || lines.empty()) lines.push_back(std::move(line));
  return lines;
}

}  // namespace wasmaudit::detail
