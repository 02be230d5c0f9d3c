// SPDX-License-Identifier: Apache-2.0
// Go's module info in the data section. `go build` hands the linker the text of
// runtime/debug.BuildInfo.String() (without the `go` line) framed by two 16-byte sentinels
// (cmd/go/internal/modload/build.go infoStart/infoEnd, ModInfoData; identical in go1.21.13,
// go1.23.5 and go1.24.4), and the linker stores it as the ordinary string runtime.modinfo. Go
// writes no `\xff Go buildinf:` header into wasm, so `go version -m` cannot read these files.
// The end sentinel holds a 0x00 and the text none, so the linker's splitting of data segments at
// runs of 8 or more zero bytes never cuts the framed text: a byte scan of the section finds it.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <functional>

#include "parsers.hpp"

namespace wasmaudit::detail {
namespace {

constexpr std::array<std::uint8_t, 16> kInfoStart = {
    0x30, 0x77, 0xaf, 0x0c, 0x92, 0x74, 0x08, 0x02, 0x41, 0xe1, 0xc1, 0x07, 0xe6, 0xd6, 0x18, 0xe6};
constexpr std::array<std::uint8_t, 16> kInfoEnd = {0xf9, 0x32, 0x43, 0x31, 0x86, 0x18, 0x20, 0x72,
                                                   0x00, 0x82, 0x42, 0x10, 0x41, 0x16, 0xd8, 0xf2};

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (;;) {
    const auto at = s.find(sep);
    out.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return out;
    s.remove_prefix(at + 1);
  }
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Reads a Go double-quoted string literal (strconv.Quote's output) at the start of `s`. Returns
/// the value and how many bytes the literal took, or nullopt if it is not one.
std::optional<std::pair<std::string, std::size_t>> unquote_prefix(std::string_view s) {
  if (s.empty() || s.front() != '"') return std::nullopt;
  std::string out;
  std::size_t i = 1;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '"') return std::make_pair(std::move(out), i + 1);
    if (c != '\\') {
      out += c;
      ++i;
      continue;
    }
    if (i + 1 >= s.size()) return std::nullopt;
    const char e = s[i + 1];
    i += 2;
    switch (e) {
      case 'a':
        out += '\a';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case '\\':
        out += '\\';
        break;
      case '"':
        out += '"';
        break;
      case '\'':
        out += '\'';
        break;
      case 'x':
      case 'u':
      case 'U': {
        const std::size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        if (i + n > s.size()) return std::nullopt;
        std::uint32_t v = 0;
        for (std::size_t k = 0; k < n; ++k) {
          const int d = hex_digit(s[i + k]);
          if (d < 0) return std::nullopt;
          v = (v << 4) | static_cast<std::uint32_t>(d);
        }
        i += n;
        if (e == 'x') {
          out += static_cast<char>(v);
        } else {
          if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return std::nullopt;
          append_utf8(out, v);
        }
        break;
      }
      default: {
        // \ooo: three octal digits, at most 0377.
        if (e < '0' || e > '3' || i + 2 > s.size()) return std::nullopt;
        std::uint32_t v = static_cast<std::uint32_t>(e - '0');
        for (std::size_t k = 0; k < 2; ++k) {
          const char d = s[i + k];
          if (d < '0' || d > '7') return std::nullopt;
          v = (v << 3) | static_cast<std::uint32_t>(d - '0');
        }
        i += 2;
        out += static_cast<char>(v);
      }
    }
  }
  return std::nullopt;
}

BuildModule read_module_line(const std::vector<std::string_view>& words) {
  BuildModule m;
  if (words.size() > 1) m.path = words[1];
  if (words.size() > 2) m.version = words[2];
  if (words.size() > 3) m.sum = words[3];
  return m;
}

/// `KEY=VALUE`, either side possibly Go-quoted (runtime/debug quoteKey/quoteValue).
std::optional<std::pair<std::string, std::string>> read_setting(std::string_view s) {
  std::string key;
  if (!s.empty() && s.front() == '"') {
    auto q = unquote_prefix(s);
    if (!q) return std::nullopt;
    key = std::move(q->first);
    s.remove_prefix(q->second);
    if (s.empty() || s.front() != '=') return std::nullopt;
    s.remove_prefix(1);
  } else {
    const auto eq = s.find('=');
    if (eq == std::string_view::npos || eq == 0) return std::nullopt;
    key = std::string(s.substr(0, eq));
    s.remove_prefix(eq + 1);
  }
  std::string value;
  if (!s.empty() && s.front() == '"') {
    auto q = unquote_prefix(s);
    if (!q || q->second != s.size()) return std::nullopt;
    value = std::move(q->first);
  } else {
    value = std::string(s);
  }
  return std::make_pair(std::move(key), std::move(value));
}

using Iter = std::span<const std::uint8_t>::iterator;

/// The first occurrence of `needle` in [first, last), or last. memchr finds candidates for the
/// needle's rarest-looking byte (its last; the sentinels end in 0xe6 and 0xf2), memcmp confirms.
template <std::size_t N>
Iter find(Iter first, Iter last, const std::array<std::uint8_t, N>& needle) {
  static_assert(N > 0);
  if (last - first < static_cast<std::ptrdiff_t>(N)) return last;
  const std::uint8_t* base = &*first;
  const std::size_t size = static_cast<std::size_t>(last - first);
  std::size_t at = N - 1;
  while (at < size) {
    const void* hit = std::memchr(base + at, needle[N - 1], size - at);
    if (hit == nullptr) return last;
    const std::size_t end = static_cast<std::size_t>(static_cast<const std::uint8_t*>(hit) - base);
    if (std::memcmp(base + end + 1 - N, needle.data(), N) == 0)
      return first + static_cast<std::ptrdiff_t>(end + 1 - N);
    at = end + 1;
  }
  return last;
}

bool is_go_version_char(std::uint8_t c) { return std::isalnum(c) != 0 || c == '.'; }

/// `go1.N`, `go1.N.P`, `go1.NrcK`, `go1.NbetaK`: the forms of runtime.Version() for a release.
bool is_go_release(std::string_view s) {
  if (s.substr(0, 4) != "go1.") return false;
  std::size_t i = 4;
  auto digits = [&] {
    const std::size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) != 0) ++i;
    return i > start;
  };
  if (!digits()) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  for (std::string_view tag : {"rc", "beta"}) {
    if (s.substr(i, tag.size()) == tag) {
      i += tag.size();
      if (!digits()) return false;
      break;
    }
  }
  return i == s.size();
}

}  // namespace

GoModuleInfo parse_go_module_info(std::string_view text) {
  GoModuleInfo info;
  BuildModule* last = nullptr;  // the module a `=>` line replaces
  for (std::string_view line : split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    const auto words = split(line, '\t');
    const std::string_view word = words[0];
    if (word == "go" && words.size() > 1) {
      info.go_version = words[1];
    } else if (word == "path" && words.size() > 1) {
      info.package = line.substr(5);
    } else if (word == "mod") {
      info.main_module = read_module_line(words);
      last = &*info.main_module;
    } else if (word == "dep") {
      info.dependencies.push_back(read_module_line(words));
      last = &info.dependencies.back();
    } else if (word == "=>" && last != nullptr) {
      const BuildModule r = read_module_line(words);
      last->replaced_by = r.version.empty() ? r.path : r.path + " " + r.version;
      if (!r.sum.empty()) last->sum = r.sum;
      last = nullptr;
    } else if (word == "build" && words.size() > 1) {
      if (auto kv = read_setting(line.substr(6))) info.settings.push_back(std::move(*kv));
    }
  }
  return info;
}

GoDataScan scan_go_data(std::span<const std::uint8_t> bytes, const ByteRange& data,
                        std::size_t max_bytes, bool want_version) {
  GoDataScan scan;
  if (data.offset > bytes.size()) return scan;
  const std::size_t size =
      static_cast<std::size_t>(std::min<std::uint64_t>(data.size, bytes.size() - data.offset));
  const std::size_t limit = std::min(size, max_bytes);
  scan.truncated = limit < size;
  const auto first = bytes.begin() + static_cast<std::ptrdiff_t>(data.offset);
  const auto last = first + static_cast<std::ptrdiff_t>(limit);

  const auto start = find(first, last, kInfoStart);
  if (start != last) {
    const auto text_begin = start + kInfoStart.size();
    const auto end = find(text_begin, last, kInfoEnd);
    if (end != last) {
      const std::string_view text(reinterpret_cast<const char*>(&*text_begin),
                                  static_cast<std::size_t>(end - text_begin));
      GoModuleInfo info = parse_go_module_info(text);
      info.range = {static_cast<std::uint64_t>(text_begin - bytes.begin()), text.size()};
      scan.module_info = std::move(info);
    }
  }

  if (want_version) {
    // runtime.buildVersion: a release string with a zero byte on both sides. Taken only when the
    // scanned bytes hold exactly one distinct such string.
    constexpr std::array<std::uint8_t, 4> kGo = {'g', 'o', '1', '.'};
    const std::boyer_moore_horspool_searcher searcher(kGo.begin(), kGo.end());
    std::string found;
    bool ambiguous = false;
    for (auto it = std::search(first, last, searcher); it != last;
         it = std::search(it + 1, last, searcher)) {
      if (it == first || *(it - 1) != 0) continue;
      auto e = it;
      while (e != last && is_go_version_char(*e)) ++e;
      if (e == last || *e != 0) continue;
      const std::string_view candidate(reinterpret_cast<const char*>(&*it),
                                       static_cast<std::size_t>(e - it));
      if (!is_go_release(candidate)) continue;
      if (found.empty()) {
        found = candidate;
        scan.version_range = {static_cast<std::uint64_t>(it - bytes.begin()), candidate.size()};
      } else if (found != candidate) {
        ambiguous = true;
      }
    }
    if (!ambiguous) scan.version = found;
  }
  return scan;
}

}  // namespace wasmaudit::detail
