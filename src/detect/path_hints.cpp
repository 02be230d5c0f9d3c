// SPDX-License-Identifier: Apache-2.0
// The data-section path scan (detect/path_hints.hpp). Works on raw bytes: the
// data section's payload is scanned as is, segment headers included (they are binary, so they end
// a string like any other non-path byte).
#include "detect/path_hints.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <set>
#include <string_view>

#include "wasmaudit/detect/detect.hpp"

namespace wasmaudit {
namespace {

constexpr std::uint8_t kDataSection = 11;
constexpr std::size_t kMaxPath = 200;             // longer candidates are not paths a program opens
constexpr std::size_t kMaxCandidatesPerRun = 16;  // bounds the work on one run of path bytes

bool is_alpha(std::uint8_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(std::uint8_t c) { return c >= '0' && c <= '9'; }

/// Bytes a path is made of here: letters, digits and `/ . _ - + @ ~`. Spaces, quotes, `:` and `%`
/// end a path, which keeps format strings and URLs out. A table: this is asked for every byte of
/// the data section.
constexpr std::array<bool, 256> kPathBytes = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[static_cast<std::size_t>(c)] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                     (c >= '0' && c <= '9') || c == '/' || c == '.' || c == '_' ||
                                     c == '-' || c == '+' || c == '@' || c == '~';
  }
  return t;
}();

inline bool is_path_byte(std::uint8_t c) { return kPathBytes[c]; }

/// A byte that may sit next to a string: NUL (C strings), printable ASCII, or whitespace. Binary
/// neighbours mean the "path" is a coincidence inside numbers or code.
bool is_text_neighbour(std::uint8_t c) {
  return c == 0 || c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7f);
}

/// Extensions of data files a program opens. A candidate from a string packed against its
/// neighbour ("config.jsonreflect.Value") is cut after the longest one its last name starts with.
constexpr std::array<std::string_view, 44> kDataExtensions = {
    "json",    "yaml", "yml", "toml", "ini",  "conf", "cfg",  "config", "txt",
    "csv",     "tsv",  "log", "xml",  "html", "htm",  "md",   "env",    "properties",
    "pem",     "crt",  "cer", "key",  "der",  "p12",  "pfx",  "db",     "sqlite",
    "sqlite3", "wasm", "bin", "dat",  "png",  "jpg",  "jpeg", "gif",    "svg",
    "tar",     "gz",   "tgz", "zip",  "pid",  "lock", "sock", "so"};

/// Source files: paths to them come from debug data and panic messages (Go's pclntab, Rust's
/// `/rustc/…/library/…`), not from files the program opens.
constexpr std::array<std::string_view, 12> kSourceExtensions = {
    "go", "s", "S", "c", "h", "cc", "cpp", "hpp", "rs", "zig", "wat", "ts"};

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

/// Whether some name in `p` has a source-file extension, ended by the end, a '/', '+' or a capital
/// letter: packed strings follow a Rust panic location with anything ("uts46.rsPunycode").
bool names_a_source_file(std::string_view p) {
  for (std::size_t dot = p.find('.'); dot != std::string_view::npos; dot = p.find('.', dot + 1)) {
    const std::string_view rest = p.substr(dot + 1);
    for (auto ext : kSourceExtensions) {
      if (!starts_with(rest, ext)) continue;
      if (rest.size() == ext.size()) return true;
      const char next = rest[ext.size()];
      if (next == '/' || next == '+' || (next >= 'A' && next <= 'Z')) return true;
    }
  }
  return false;
}

/// The extension of the last name of `path` ("" if none).
std::string_view extension_of(std::string_view path) {
  const auto slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return name.substr(dot + 1);
}

std::size_t name_count_of(std::string_view p) {
  std::string_view body = p;
  while (body.size() > 1 && body.back() == '/') body.remove_suffix(1);
  return static_cast<std::size_t>(std::count(body.begin(), body.end(), '/'));
}

/// Where to cut a packed candidate after a data-file extension in its last name: the end of the
/// longest known extension that the text after the last name's first dot starts with (following
/// chained extensions: "x.tar.gzfoo" -> "x.tar.gz"). 0 = no known extension.
std::size_t extension_cut(std::string_view c) {
  const auto slash = c.rfind('/');
  if (slash == std::string_view::npos) return 0;
  auto dot = c.find('.', slash + 1);
  if (dot == std::string_view::npos || dot == slash + 1) return 0;
  std::size_t cut = 0;
  while (dot != std::string_view::npos && dot + 1 < c.size()) {
    const std::string_view rest = c.substr(dot + 1);
    std::size_t best = 0;
    for (auto ext : kDataExtensions) {
      if (ext.size() > best && starts_with(rest, ext)) best = ext.size();
    }
    if (best == 0) break;
    cut = dot + 1 + best;
    dot = cut < c.size() && c[cut] == '.' ? cut : std::string_view::npos;
  }
  return cut;
}

/// Cuts a candidate before a run of 6 or more digits that follows a letter: Go packs its decimal
/// tables ("12207031256103515625") against neighbouring strings.
std::size_t digit_cut(std::string_view c) {
  for (std::size_t i = 1; i < c.size(); ++i) {
    if (!is_digit(static_cast<std::uint8_t>(c[i])) ||
        !is_alpha(static_cast<std::uint8_t>(c[i - 1])))
      continue;
    std::size_t j = i;
    while (j < c.size() && is_digit(static_cast<std::uint8_t>(c[j]))) ++j;
    if (j - i >= 6) return i;
  }
  return c.size();
}

/// A regular-expression literal with its flags: two names, the last one to three of Ruby's, Perl's
/// or JavaScript's flag letters ("/taRget/i", "/exc/i", "/x/gm").
bool regex_literal(std::string_view p) {
  if (name_count_of(p) != 2) return false;
  const std::string_view last = p.substr(p.rfind('/') + 1);
  if (last.empty() || last.size() > 3) return false;
  return std::all_of(last.begin(), last.end(), [](char ch) {
    return std::string_view("imxounsgy").find(ch) != std::string_view::npos;
  });
}

/// Whether a name of a packed candidate reads as two strings glued together: an extension that no
/// data file has and that is too long for one ("mime.typestext" in
/// "/etc/apache2/mime.typestext/css"; "mime.typesaccept-encoding…").
bool glued_name(std::string_view p) {
  std::size_t start = 1;
  while (start < p.size()) {
    auto end = p.find('/', start);
    if (end == std::string_view::npos) end = p.size();
    const std::string_view name = p.substr(start, end - start);
    const auto dot = name.find('.');
    if (dot != std::string_view::npos && dot != 0) {
      const std::string_view ext = name.substr(dot + 1);
      const bool known = std::any_of(kDataExtensions.begin(), kDataExtensions.end(),
                                     [&](std::string_view e) { return starts_with(ext, e); });
      const bool last = end == p.size();
      // A directory's dotted suffix is short ("conf.d", "3.3.0"); a file's unknown one is a word.
      if (!known && ext.size() > (last ? 10u : 4u) && ext.find('.') == std::string_view::npos) {
        return true;
      }
    }
    start = end + 1;
  }
  return false;
}

/// The shape every reported path has: "/name[/name…]" with names of path bytes, no empty name, a
/// first name of two or more characters with a letter (three for a one-name path), no trailing
/// dot, not a source file.
bool plausible(std::string_view p) {
  if (p.size() < 3 || p.size() > kMaxPath || p.front() != '/') return false;
  if (p.find("//") != std::string_view::npos) return false;
  // A trailing '/' does not make a second name: "/foo/" is a regular expression (`=~ /wasm/`) or a
  // directory pattern (`/pkg/` in a .gitignore), one name all the same.
  const std::string_view body = p.back() == '/' ? p.substr(0, p.size() - 1) : p;
  const auto second = body.find('/', 1);
  const std::string_view first =
      p.substr(1, second == std::string_view::npos ? std::string_view::npos : second - 1);
  if (first.size() < 2) return false;
  if (!std::any_of(first.begin(), first.end(),
                   [](char ch) { return is_alpha(static_cast<std::uint8_t>(ch)); })) {
    return false;
  }
  if (p.back() == '.' || p.back() == '-') return false;
  if (p.find("--") != std::string_view::npos) return false;  // an option glued on ("…--log-level")
  const std::string_view ext = extension_of(p);
  // One name alone ("/component", "/don" from "/don't …") is mostly a message that happens to
  // start with '/' (or a length byte that is 0x2f): only a data file's name counts.
  if (second == std::string_view::npos &&
      std::find(kDataExtensions.begin(), kDataExtensions.end(), ext) == kDataExtensions.end()) {
    return false;
  }
  if (names_a_source_file(p)) return false;
  if (regex_literal(p)) return false;
  // A name with a dot followed by a capital letter is a Go or Java identifier ("t.Kind").
  for (std::size_t i = 0; i + 1 < p.size(); ++i) {
    if (p[i] == '.' && p[i + 1] >= 'A' && p[i + 1] <= 'Z') return false;
  }
  return true;
}

std::size_t name_count(std::string_view p) {
  return static_cast<std::size_t>(std::count(p.begin(), p.end(), '/'));
}

/// Bytes that continue a path in a template or a regular expression rather than end it: a
/// placeholder ("/proc/%d/status", "/data/{}.json", "$(srcdir)/…") or regex syntax ("/usr/(lib|…)",
/// "\\A/usr/local\\z").
bool template_after(std::uint8_t c) { return std::string_view("%{$\\|*?^").find(static_cast<char>(c)) != std::string_view::npos; }
bool template_before(std::uint8_t c) { return std::string_view("%}$\\^|*?").find(static_cast<char>(c)) != std::string_view::npos; }

bool has_data_extension(std::string_view p) {
  const std::string_view ext = extension_of(p);
  return std::find(kDataExtensions.begin(), kDataExtensions.end(), ext) != kDataExtensions.end();
}

/// Printable text or whitespace: what a string's bytes are.
bool is_text(std::uint8_t c) { return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7f); }

/// A NUL-terminated string holds at most this many bytes; a longer stretch of text without a NUL
/// is strings packed end to end (Go, Rust) or an embedded text file.
constexpr std::size_t kMaxCString = 1024;
/// A stretch with this many line breaks within kDocWindow bytes of a path is a text file embedded
/// whole (source code, documentation, a .gitignore), not a string the program holds.
constexpr std::size_t kDocLines = 4;
constexpr std::size_t kDocWindow = 256;

class Scanner {
 public:
  Scanner(const PathScanOptions& o, std::uint64_t base, std::string_view data)
      : o_(o), base_(base), data_(data) {
    for (const auto& k : o_.known_paths) {
      if (k.size() >= 2) second_bytes_[static_cast<std::uint8_t>(k[1])] = true;
    }
  }

  /// Scans one run of path bytes `run` (maximal: the bytes around it are not path bytes).
  /// `terminated`: the run is followed by NUL, so it is a whole C string.
  void run(std::string_view run, std::uint64_t at, bool terminated) {
    if (starts_with(run, "//")) return;  // the rest of a URL ("https:" ends before it)
    if (std::any_of(o_.not_path_substrings.begin(), o_.not_path_substrings.end(),
                    [&](const std::string& s) { return run.find(s) != std::string_view::npos; })) {
      return;
    }
    std::size_t pos = 0;
    for (std::size_t tries = 0; tries < kMaxCandidatesPerRun && pos < run.size(); ++tries) {
      const auto k = run.find('/', pos);
      if (k == std::string_view::npos) return;
      const bool at_start = k == 0;  // the '/' starts the run: a string boundary
      const std::string_view rest = run.substr(k, std::min(run.size() - k, kMaxPath + 64));
      const bool whole = at_start && terminated && rest.size() == run.size();
      // A known path, whole or packed against its neighbour.
      if (const std::string_view known = known_prefix(rest, whole); !known.empty()) {
        emit(known, at + k);
        pos = k + known.size();
        continue;
      }
      if (!at_start) {
        // Inside a run, only a data file's path can count, and never inside a whole C string (a
        // relative path or a symbol: "crypto/internal/fips140.init"). Checked first because Go's
        // function and type names make most runs with a '/' of this kind.
        if (terminated || rest.find('.') == std::string_view::npos) {
          pos = k + 1;
          continue;
        }
      }
      if (ignored(rest)) {
        pos = k + 1;
        continue;
      }
      std::string_view cand = rest;
      if (!whole) {
        if (const std::size_t cut = extension_cut(cand); cut != 0) {
          cand = cand.substr(0, cut);
        } else if (at_start) {
          cand = cand.substr(0, digit_cut(cand));
        } else {
          // Inside a run ("adlinkvolume/input/config.json"): only a data file's path counts, so
          // package paths ("internal/runtime/sys") and identifiers stay out.
          pos = k + 1;
          continue;
        }
      }
      if (!at_start && name_count(cand) < 2) {
        pos = k + 1;
        continue;
      }
      if (plausible(cand) && (whole || !glued_name(cand)) &&
          stands_alone(at, run.size(), at + k, cand, at_start)) {
        emit(cand, at + k);
        pos = k + cand.size();
      } else {
        pos = k + 1;
      }
    }
  }

  bool full() const { return hints_.size() >= o_.max_hints; }
  std::vector<PathHint> take() { return std::move(hints_); }

 private:
  /// The longest known path `rest` starts with. A whole C string is taken as it is
  /// ("/etc/hostsfile" is not "/etc/hosts"); a packed one is cut after the known path, whatever
  /// follows (Go packs strings of equal length end to end, so the neighbour may start with any
  /// letter: "/dev/stdout/dev/stderr").
  std::string_view known_prefix(std::string_view rest, bool whole) const {
    std::string_view best;
    if (rest.size() < 2 || !second_bytes_[static_cast<std::uint8_t>(rest[1])]) return best;
    for (const auto& k : o_.known_paths) {
      if (k.size() <= best.size() || !starts_with(rest, k)) continue;
      if (whole && k.size() != rest.size()) continue;
      best = k;
    }
    return best;
  }

  /// Whether the candidate `cand` at `start` (in the run at `run_at` of `run_size` bytes) is a path
  /// on its own rather than part of a template, a regular expression, a longer C string or an
  /// embedded text file. Asked only of candidates about to be reported, so the context is read a
  /// bounded number of times.
  bool stands_alone(std::size_t run_at, std::size_t run_size, std::size_t start,
                    std::string_view cand, bool at_start) const {
    const std::size_t run_end = run_at + run_size;
    const std::uint8_t before = run_at == 0 ? 0 : static_cast<std::uint8_t>(data_[run_at - 1]);
    const std::uint8_t after =
        run_end >= data_.size() ? 0 : static_cast<std::uint8_t>(data_[run_end]);
    const bool to_run_end = start + cand.size() == run_end;
    if (to_run_end) {
      // A data file's name may be followed by a packed neighbour starting with '%' or '{' (Go's
      // "%!(NOVERB)"); regex syntax after it still makes it a pattern.
      const bool placeholder = after == '%' || after == '{';
      if (template_after(after) && !(placeholder && has_data_extension(cand))) return false;
      if ((after == '(' || after == '[') && !has_data_extension(cand)) return false;
    }
    if (at_start) {
      if (template_before(before)) return false;
      if (before == ')' && opened_by_dollar(run_at - 1)) return false;  // "$(srcdir)/…"
      if (before == '=' && build_option(run_at - 1)) return false;
    }
    // The stretch of text around the run: where the NULs are, how many lines.
    std::size_t back = 0;
    std::size_t lines = 0;
    while (back <= kMaxCString && back < run_at && is_text(static_cast<std::uint8_t>(data_[run_at - 1 - back]))) {
      if (back < kDocWindow && data_[run_at - 1 - back] == '\n') ++lines;
      ++back;
    }
    const bool nul_before = back < run_at ? data_[run_at - 1 - back] == '\0' : false;
    std::size_t fwd = 0;
    while (fwd <= kMaxCString && run_end + fwd < data_.size() &&
           is_text(static_cast<std::uint8_t>(data_[run_end + fwd]))) {
      if (fwd < kDocWindow && data_[run_end + fwd] == '\n') ++lines;
      ++fwd;
    }
    const bool nul_after = run_end + fwd < data_.size() && data_[run_end + fwd] == '\0';
    const bool c_string = nul_before && nul_after && back + run_size + fwd <= kMaxCString;
    // Inside a C string, a '/' within a word is part of a symbol or a relative path
    // ("crypto/internal/fips140/ecdsa.init.OnceValue[…]" cut after "ini" is no file).
    if (c_string) return at_start;
    if (lines >= kDocLines) {
      // An embedded text file: only a quoted string literal counts ("/proc/self/status" in Ruby
      // source is as likely a path as anywhere; "/pkg/" in a .gitignore or a path in prose is not).
      const bool quote = before == '"' || before == '\'' || before == '`';
      return at_start && quote && to_run_end && after == before;
    }
    return true;
  }

  /// Whether the '=' at `eq` ends an option or a variable of a recorded build command line
  /// ("'--with-zlib-dir=/home/…'", "'AR=/…/llvm-ar'" in Ruby's configure arguments): a name that
  /// starts with '-' or is all capitals, digits and '_'. Build-machine paths, not opened at run time.
  bool build_option(std::size_t eq) const {
    std::size_t i = eq;
    while (i > 0 && eq - i < 64) {
      const char ch = data_[i - 1];
      if (!(is_alpha(static_cast<std::uint8_t>(ch)) || is_digit(static_cast<std::uint8_t>(ch)) ||
            ch == '-' || ch == '_')) {
        break;
      }
      --i;
    }
    const std::string_view name = data_.substr(i, eq - i);
    if (name.empty()) return false;
    if (name.front() == '-') return true;
    return std::all_of(name.begin(), name.end(), [](char ch) {
      return (ch >= 'A' && ch <= 'Z') || is_digit(static_cast<std::uint8_t>(ch)) || ch == '_';
    });
  }

  /// Whether the ')' at `close` ends a "$(" variable reference (at most 64 bytes back).
  bool opened_by_dollar(std::size_t close) const {
    for (std::size_t i = close, n = 0; i > 0 && n < 64; --i, ++n) {
      if (data_[i - 1] == '(') return i >= 2 && data_[i - 2] == '$';
      if (!is_text(static_cast<std::uint8_t>(data_[i - 1]))) return false;
    }
    return false;
  }

  bool ignored(std::string_view rest) const {
    return std::any_of(o_.not_path_prefixes.begin(), o_.not_path_prefixes.end(),
                       [&](const std::string& p) { return starts_with(rest, p); });
  }

  void emit(std::string_view path, std::uint64_t at) {
    if (full()) return;
    if (!seen_.insert(std::string(path)).second) return;
    PathHint h;
    h.path = std::string(path);
    h.range = {base_ + at, path.size()};
    hints_.push_back(std::move(h));
  }

  const PathScanOptions& o_;
  std::uint64_t base_;
  std::string_view data_;  ///< the data section's bytes scanned: the context of every run
  std::array<bool, 256> second_bytes_{};  ///< second bytes of the known paths: a quick filter
  std::set<std::string> seen_;
  std::vector<PathHint> hints_;
};

}  // namespace

std::vector<PathHint> scan_path_hints(const Module& module, std::span<const std::uint8_t> bytes,
                                      const PathScanOptions& options) {
  std::vector<PathHint> out;
  if (module.kind != BinaryKind::kModule) return out;  // a component's section 11 is its exports
  for (const auto& s : module.sections) {
    if (s.id != kDataSection) continue;
    if (s.payload.offset > bytes.size()) break;
    const std::size_t size = static_cast<std::size_t>(std::min<std::uint64_t>(
        {s.payload.size, bytes.size() - s.payload.offset, options.max_bytes}));
    const std::span<const std::uint8_t> data =
        bytes.subspan(static_cast<std::size_t>(s.payload.offset), size);
    const std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
    Scanner scanner(options, s.payload.offset, text);
    const std::uint8_t* p = data.data();
    const std::size_t n = data.size();
    // Only runs of path bytes that hold a '/' matter: find each '/' with memchr, then the run
    // around it. Every byte is looked at a bounded number of times.
    std::size_t i = 0;
    while (i < n) {
      const void* slash = std::memchr(p + i, '/', n - i);
      if (slash == nullptr) break;
      const auto k = static_cast<std::size_t>(static_cast<const std::uint8_t*>(slash) - p);
      std::size_t a = k;  // i is past the last run, and p[i - 1] ended it: a stops at or after i
      while (a > i && is_path_byte(p[a - 1])) --a;
      std::size_t b = k + 1;
      while (b < n && is_path_byte(p[b])) ++b;
      const std::uint8_t before = a == 0 ? 0 : p[a - 1];
      const std::uint8_t after = b == n ? 0 : p[b];
      // Only runs with text on both sides are candidates; a NUL after the run makes it a whole C
      // string (the end of the section does not).
      if (is_text_neighbour(before) && is_text_neighbour(after)) {
        scanner.run(text.substr(a, b - a), a, b < n && p[b] == 0);
        if (scanner.full()) break;
      }
      i = b;
    }
    out = scanner.take();
    break;  // a module has one data section
  }
  return out;
}

}  // namespace wasmaudit
