// SPDX-License-Identifier: Apache-2.0
// Path hints against the knowledge base and the preopens: which of the data section's absolute
// paths a library embeds (policies/paths), which the program's own, and which no preopened guest
// directory covers (paths.outside-preopens).
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "advice.hpp"

namespace wasmaudit {

PathScanOptions path_scan_options(const Knowledge& knowledge) {
  PathScanOptions o;
  for (const auto& lib : knowledge.library_paths) {
    for (const auto& g : lib.groups) {
      if (g.files) {
        for (const auto& p : g.paths) o.known_paths.push_back(p);
      } else {
        for (const auto& p : g.prefixes) o.not_path_prefixes.push_back(p);
        for (const auto& p : g.paths) o.not_path_prefixes.push_back(p);
        for (const auto& p : g.contains) o.not_path_substrings.push_back(p);
      }
    }
  }
  return o;
}

namespace detail {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

std::string_view strip_leading_slashes(std::string_view s) {
  while (!s.empty() && s.front() == '/') s.remove_prefix(1);
  return s;
}

/// wasi-libc's prefix_matches (libc-bottom-half/sources/preopens.c): the prefix, without trailing
/// slashes, followed by the end of the path or a '/'. Both sides without leading slashes.
bool component_prefix(std::string_view prefix, std::string_view path) {
  while (!prefix.empty() && prefix.back() == '/') prefix.remove_suffix(1);
  if (prefix.empty()) return true;  // the root covers everything
  if (!starts_with(path, prefix)) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '/';
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

std::optional<std::string> covering_preopen(const std::string& path,
                                            const std::vector<Preopen>& preopens, bool go) {
  std::optional<std::string> best;
  std::size_t best_len = 0;
  for (const auto& pre : preopens) {
    std::size_t len = 0;
    if (go) {
      // Go's syscall.preparePath (src/syscall/fs_wasip1.go): the absolute path must start with the
      // preopen's name as the runtime reports it, byte for byte ("input" never matches, "/in"
      // matches "/input/…"); the longest name wins.
      if (!starts_with(path, pre.guest)) continue;
      len = pre.guest.size();
    } else {
      // wasi-libc strips leading '/' from both and matches whole components; the longest wins.
      const std::string_view g = strip_leading_slashes(pre.guest);
      if (!component_prefix(g, strip_leading_slashes(path))) continue;
      len = g.size();
    }
    if (!best || len > best_len) {
      best = pre.guest;
      best_len = len;
    }
  }
  return best;
}

std::vector<PathReference> classify_paths(const Detection* detection, const Knowledge& knowledge,
                                          const std::vector<Preopen>& preopens) {
  std::vector<PathReference> out;
  if (detection == nullptr) return out;
  std::set<std::string> present;
  for (const auto& h : detection->paths) present.insert(h.path);
  // Library attribution: a group counts when enough of its exact paths appear together.
  struct Attribution {
    std::string library;
    std::string source;
  };
  std::map<std::string, Attribution> exact;
  std::vector<std::pair<std::string, Attribution>> prefixes;
  std::vector<std::string> not_files;
  for (const auto& lib : knowledge.library_paths) {
    for (const auto& g : lib.groups) {
      const Attribution a{lib.title + ": " + g.library, g.provenance.source};
      if (!g.files) {
        for (const auto& p : g.prefixes) not_files.push_back(p);
        for (const auto& p : g.paths) not_files.push_back(p);
        continue;
      }
      for (const auto& p : g.prefixes) prefixes.emplace_back(p, a);
      const auto n = static_cast<std::size_t>(
          std::count_if(g.paths.begin(), g.paths.end(),
                        [&](const std::string& p) { return present.count(p) > 0; }));
      if (n == 0 || n < g.min_present) continue;
      for (const auto& p : g.paths) exact.emplace(p, a);
    }
  }
  for (const auto& h : detection->paths) {
    if (std::any_of(not_files.begin(), not_files.end(),
                    [&](const std::string& p) { return starts_with(h.path, p); })) {
      continue;
    }
    PathReference r;
    r.path = h.path;
    r.range = h.range;
    if (auto it = exact.find(h.path); it != exact.end()) {
      r.library = it->second.library;
      r.source = it->second.source;
    } else {
      for (const auto& [prefix, a] : prefixes) {
        if (!starts_with(h.path, prefix)) continue;
        r.library = a.library;
        r.source = a.source;
        break;
      }
    }
    r.preopen = covering_preopen(h.path, preopens, built_by_go(detection));
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<FindingDraft> path_findings(const std::vector<PathReference>& paths,
                                        const EvalOptions& options) {
  std::vector<FindingDraft> out;
  if (options.preopens.empty()) return out;
  std::vector<std::string> guests;
  for (const auto& p : options.preopens) guests.push_back(p.guest);
  const bool go = built_by_go(options.detection);
  for (const auto& p : paths) {
    if (!p.library.empty() || p.preopen) continue;
    std::string dir = p.path.substr(0, p.path.rfind('/'));
    if (dir.empty()) dir = "/";
    FindingDraft d;
    d.rule_id = "paths.outside-preopens";
    d.subject = "path " + p.path;
    d.range = p.range;
    d.message = fmt::format(
        "{} is named in the data section but lies outside every preopened directory ({}): opening "
        "it "
        "at run time will likely fail{}",
        p.path, join(guests),
        go ? " — Go reports it as EBADF \"Bad file number\" (syscall.preparePath passes directory "
             "fd "
             "-1 when no preopen matches), not as \"no such file or directory\""
           : " with ENOENT \"No such file or directory\" (wasi-libc finds no preopen for it); Go "
             "programs report EBADF \"Bad file number\" instead");
    d.fix = fmt::format(
        "preopen a directory that covers it (--preopen HOST::{}), or make the program open it "
        "under "
        "a preopened directory",
        dir);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace detail
}  // namespace wasmaudit
