// SPDX-License-Identifier: Apache-2.0
// detect(): reads the custom sections detection needs, applies the toolchain fingerprints the
// caller passes (facts from policies/toolchains, never named here), and reads a detected
// toolchain's build info from the data section. Rules and confidence: docs/detection.md.
#include "wasmaudit/detect/detect.hpp"

#include "binary/glob.hpp"
#include "detect/path_hints.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "parsers.hpp"

namespace wasmaudit {

std::string_view to_string(Confidence confidence) {
  switch (confidence) {
    case Confidence::kLow:
      return "low";
    case Confidence::kMedium:
      return "medium";
    case Confidence::kHigh:
      return "high";
  }
  return "?";
}

std::optional<Confidence> parse_confidence(std::string_view text) {
  for (auto c : {Confidence::kLow, Confidence::kMedium, Confidence::kHigh}) {
    if (to_string(c) == text) return c;
  }
  return std::nullopt;
}

std::string_view to_string(EvidenceKind kind) {
  switch (kind) {
    case EvidenceKind::kProducer:
      return "producer";
    case EvidenceKind::kCustomSection:
      return "custom_section";
    case EvidenceKind::kImport:
      return "import";
    case EvidenceKind::kImportSet:
      return "imports";
    case EvidenceKind::kExport:
      return "export";
    case EvidenceKind::kFunction:
      return "function";
    case EvidenceKind::kData:
      return "data";
  }
  return "?";
}

const ToolchainGuess* Detection::find(std::string_view id) const {
  for (const auto& t : toolchains) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

namespace detail {

bool glob(std::string_view pattern, std::string_view text) noexcept {
  return glob_match(pattern, text);
}

ByteReader reader_over(std::span<const std::uint8_t> bytes, const ByteRange& range) {
  if (range.offset > bytes.size() || range.size > bytes.size() - range.offset) {
    ByteReader::fail(bytes.size(), "section extends past the end of the file");
  }
  return ByteReader(
      bytes.subspan(static_cast<std::size_t>(range.offset), static_cast<std::size_t>(range.size)),
      range.offset);
}

}  // namespace detail

namespace {

using detail::glob;

/// The first word of a producers version: "1.92.0 (ded5c06cf 2025-12-08)" -> "1.92.0".
std::string first_word(std::string_view version) {
  const auto space = version.find(' ');
  return std::string(version.substr(0, space));
}

/// A fact found for one evidence pattern.
struct Hit {
  std::string what;
  ByteRange range;
  std::string version;  ///< kProducer with gives_version
};

/// Evidence::where for a pattern kind.
std::string_view where_of(EvidenceKind kind) {
  switch (kind) {
    case EvidenceKind::kProducer:
      return "producers";
    case EvidenceKind::kCustomSection:
      return "custom section";
    case EvidenceKind::kImport:
      return "import";
    case EvidenceKind::kImportSet:
      return "imports";
    case EvidenceKind::kExport:
      return "export";
    case EvidenceKind::kFunction:
      return "name section";
    case EvidenceKind::kData:
      return "data";
  }
  return "?";
}

class Detector {
 public:
  Detector(const Module& m, std::span<const std::uint8_t> bytes,
           std::span<const ToolchainFingerprint> fingerprints, const DetectOptions& options)
      : m_(m), bytes_(bytes), fps_(fingerprints), options_(options) {}

  Detection run() {
    read_custom_sections();
    guess();
    read_build_info();
    keep_calls();
    return std::move(d_);
  }

 private:
  void warn(const SectionInfo& s, const DecodeError& e) {
    d_.warnings.push_back({s.name, e.what(), e.offset()});
  }

  void read_custom_sections() {
    bool producers = false;
    bool features = false;
    bool names = false;
    for (const auto& s : m_.sections) {
      if (!s.is_custom()) continue;
      // Each is read once (tool conventions: at most one of each); a second copy is ignored.
      try {
        if (s.name == "producers" && !producers) {
          producers = true;
          d_.producers = detail::read_producers(detail::reader_over(bytes_, s.payload));
        } else if (s.name == "target_features" && !features) {
          features = true;
          d_.target_features = detail::read_target_features(detail::reader_over(bytes_, s.payload));
        } else if (s.name == "name" && !names) {
          names = true;
          read_names(s);
        } else if (s.name == "go:buildid" && !build_id_) {
          const ByteReader r = detail::reader_over(bytes_, s.payload);
          build_id_ = detail::read_go_build_id(
              bytes_.subspan(static_cast<std::size_t>(s.payload.offset), r.remaining()));
          if (!build_id_) {
            build_id_ = std::string();
            d_.warnings.push_back({s.name,
                                   "not a Go build ID (expected \\xff Go build ID: \"…\"\\n \\xff)",
                                   s.payload.offset});
          }
        }
      } catch (const DecodeError& e) {
        warn(s, e);
      }
    }
  }

  /// A glob with its literal prefix and suffix, so that most names are rejected by one
  /// comparison.
  struct Matcher {
    std::string_view pattern;
    std::string_view prefix;  ///< up to the first '*'
    std::string_view suffix;  ///< after the last '*'
    bool exact = true;        ///< no '*' at all
    explicit Matcher(std::string_view p)
        : pattern(p),
          prefix(p.substr(0, p.find('*'))),
          suffix(p.find('*') == std::string_view::npos ? p : p.substr(p.rfind('*') + 1)),
          exact(p.find('*') == std::string_view::npos) {}
    bool operator()(std::string_view text) const {
      if (exact) return text == pattern;
      if (text.size() < prefix.size() + suffix.size()) return false;
      return text.substr(0, prefix.size()) == prefix &&
             text.substr(text.size() - suffix.size()) == suffix && glob(pattern, text);
    }
  };
  struct FunctionPattern {
    std::size_t fingerprint;
    std::size_t pattern;
    Matcher match;
  };
  struct CallRef {
    std::size_t fingerprint;
    std::size_t call;
    Matcher match;
  };

  /// One pass over the function names: the fingerprints' function patterns (first match each),
  /// their call patterns (first match each) and the names of exported functions. Nothing is kept
  /// if the section turns out to be malformed.
  void read_names(const SectionInfo& s) {
    std::vector<FunctionPattern> open;
    std::vector<CallRef> calls;
    for (std::size_t f = 0; f < fps_.size(); ++f) {
      for (std::size_t p = 0; p < fps_[f].evidence.size(); ++p) {
        if (fps_[f].evidence[p].kind == EvidenceKind::kFunction) {
          open.push_back({f, p, Matcher(fps_[f].evidence[p].name)});
        }
      }
      for (std::size_t c = 0; c < fps_[f].calls.size(); ++c) {
        calls.push_back({f, c, Matcher(fps_[f].calls[c].function)});
      }
    }
    std::multimap<std::uint32_t, const Export*> exported;
    for (const auto& e : m_.exports) {
      if (e.kind == ExternKind::kFunc) exported.emplace(e.index, &e);
    }
    std::map<std::pair<std::size_t, std::size_t>, Hit> hits;
    std::vector<NotableCall> found_calls;
    std::map<std::string, std::string> export_functions;
    detail::read_function_names(detail::reader_over(bytes_, s.payload), [&](const detail::
                                                                                FunctionName& n) {
      for (auto it = open.begin(); it != open.end();) {
        if (it->match(n.name)) {
          hits[{it->fingerprint, it->pattern}] = {fmt::format("function {}", n.name), n.range, ""};
          it = open.erase(it);
        } else {
          ++it;
        }
      }
      for (auto it = calls.begin(); it != calls.end();) {
        const CallPattern& c = fps_[it->fingerprint].calls[it->call];
        if (it->match(n.name)) {
          found_calls.push_back(
              {fps_[it->fingerprint].id, std::string(n.name), c.call, c.rule, n.index, n.range});
          it = calls.erase(it);
        } else {
          ++it;
        }
      }
      const auto [lo, hi] = exported.equal_range(n.index);
      for (auto it = lo; it != hi; ++it) export_functions[it->second->name] = std::string(n.name);
    });
    function_hits_ = std::move(hits);
    d_.notable_calls = std::move(found_calls);
    d_.export_functions = std::move(export_functions);
  }

  std::optional<Hit> match(std::size_t f, std::size_t p) const {
    const EvidencePattern& e = fps_[f].evidence[p];
    switch (e.kind) {
      case EvidenceKind::kProducer:
        for (const auto& v : d_.producers) {
          if (v.field != e.field || !glob(e.name, v.name)) continue;
          if (!e.version.empty() && !glob(e.version, v.version)) continue;
          return Hit{fmt::format("producers {}: {}{}{}", v.field, v.name,
                                 v.version.empty() ? "" : " ", v.version),
                     v.range, e.gives_version ? first_word(v.version) : std::string()};
        }
        return std::nullopt;
      case EvidenceKind::kCustomSection:
        for (const auto& s : m_.sections) {
          if (s.is_custom() && glob(e.name, s.name)) {
            return Hit{fmt::format("custom section \"{}\"", s.name), s.range, ""};
          }
        }
        return std::nullopt;
      case EvidenceKind::kImport:
        for (const auto& i : m_.imports) {
          if (!glob(e.module, i.module) || !glob(e.name, i.name)) continue;
          if (e.sig) {
            const FuncType* ft = i.kind == ExternKind::kFunc ? m_.type_at(i.type_index) : nullptr;
            if (ft == nullptr || !(*ft == *e.sig)) continue;
          }
          return Hit{fmt::format("import {}::{}{}", i.module, i.name,
                                 e.sig ? " " + to_string(*e.sig) : ""),
                     i.range, ""};
        }
        return std::nullopt;
      case EvidenceKind::kImportSet: {
        // Every name imported (as a function) from the module; the range spans them. With `first`,
        // they are the module's first imports, in this order.
        if (e.first) {
          if (m_.imports.size() < e.names.size()) return std::nullopt;
          for (std::size_t n = 0; n < e.names.size(); ++n) {
            const Import& i = m_.imports[n];
            if (i.kind != ExternKind::kFunc || i.module != e.module || i.name != e.names[n])
              return std::nullopt;
          }
        }
        std::uint64_t first = UINT64_MAX;
        std::uint64_t end = 0;
        for (const auto& name : e.names) {
          const auto it = std::find_if(m_.imports.begin(), m_.imports.end(), [&](const Import& i) {
            return i.kind == ExternKind::kFunc && i.module == e.module && i.name == name;
          });
          if (it == m_.imports.end()) return std::nullopt;
          first = std::min(first, it->range.offset);
          end = std::max(end, it->range.end());
        }
        if (e.names.empty()) return std::nullopt;
        return Hit{
            fmt::format("{} {}: {}::{}{}", e.first ? "first imports, in order," : "imports all",
                        e.names.size(), e.module, e.names.front(), e.names.size() > 1 ? ", …" : ""),
            {first, end - first},
            ""};
      }
      case EvidenceKind::kExport:
        for (const auto& x : m_.exports) {
          if (glob(e.name, x.name)) return Hit{fmt::format("export {}", x.name), x.range, ""};
        }
        return std::nullopt;
      case EvidenceKind::kFunction:
        if (auto it = function_hits_.find({f, p}); it != function_hits_.end()) return it->second;
        return std::nullopt;
      case EvidenceKind::kData: {
        // A literal in the data section's payload, within the scan bound (memory: the mapped bytes).
        for (const auto& s : m_.sections) {
          if (s.is_custom() || s.id != 11 || e.name.empty()) continue;
          if (s.payload.offset > bytes_.size()) return std::nullopt;
          const std::size_t size = static_cast<std::size_t>(
              std::min<std::uint64_t>({s.payload.size, bytes_.size() - s.payload.offset, options_.max_data_scan}));
          const auto* begin = reinterpret_cast<const char*>(bytes_.data() + s.payload.offset);
          const std::string_view hay(begin, size);
          const auto at = hay.find(e.name);
          if (at == std::string_view::npos) return std::nullopt;
          return Hit{fmt::format("data \"{}\"", e.name), {s.payload.offset + at, e.name.size()}, ""};
        }
        return std::nullopt;
      }
    }
    return std::nullopt;
  }

  void guess() {
    std::vector<std::pair<std::size_t, ToolchainGuess>> guesses;  // fingerprint index, guess
    for (std::size_t f = 0; f < fps_.size(); ++f) {
      const ToolchainFingerprint& fp = fps_[f];
      ToolchainGuess g;
      g.id = fp.id;
      g.name = fp.name;
      for (std::size_t p = 0; p < fp.evidence.size(); ++p) {
        auto hit = match(f, p);
        if (!hit) continue;
        const Confidence c = fp.evidence[p].confidence;
        if (g.evidence.empty() || c > g.confidence) g.confidence = c;
        if (g.version.empty() && !hit->version.empty()) g.version = hit->version;
        g.evidence.push_back(
            {std::move(hit->what), std::string(where_of(fp.evidence[p].kind)), hit->range, c});
      }
      if (!g.evidence.empty()) guesses.emplace_back(f, std::move(g));
    }
    // A more specific toolchain hides the generic one it builds on (TinyGo's own clang).
    std::vector<std::string> hidden;
    for (const auto& [f, g] : guesses) {
      for (const auto& id : fps_[f].supersedes) hidden.push_back(id);
    }
    std::stable_sort(guesses.begin(), guesses.end(), [](const auto& a, const auto& b) {
      return a.second.confidence > b.second.confidence;
    });
    for (auto& [f, g] : guesses) {
      if (std::find(hidden.begin(), hidden.end(), g.id) != hidden.end()) continue;
      fingerprint_of_.push_back(f);
      d_.toolchains.push_back(std::move(g));
    }
  }

  void read_build_info() {
    if (m_.kind != BinaryKind::kModule) return;  // a component's section 11 is its exports
    for (std::size_t i = 0; i < d_.toolchains.size(); ++i) {
      if (fps_[fingerprint_of_[i]].build_info != BuildInfoFormat::kGoModuleInfo) continue;
      read_go(d_.toolchains[i]);
    }
  }

  void read_go(ToolchainGuess& g) {
    if (build_id_ && !build_id_->empty()) g.build_id = *build_id_;
    const SectionInfo* data = nullptr;
    for (const auto& s : m_.sections) {
      if (s.id == 11 && !s.is_custom()) data = &s;
    }
    if (data == nullptr) return;
    const bool want_version = g.version.empty();
    const detail::GoDataScan scan =
        detail::scan_go_data(bytes_, data->payload, options_.max_data_scan, want_version);
    if (scan.module_info) {
      const detail::GoModuleInfo& info = *scan.module_info;
      for (const auto& [key, value] : info.settings) g.settings[key] = value;
      g.package = info.package;
      g.main_module = info.main_module;
      g.dependencies = info.dependencies;
      if (g.version.empty() && !info.go_version.empty()) g.version = info.go_version;
      g.evidence.push_back({fmt::format("Go module info in the data section ({} build settings)",
                                        info.settings.size()),
                            "data section", info.range, Confidence::kHigh});
      g.confidence = Confidence::kHigh;
    }
    if (g.version.empty() && !scan.version.empty()) {
      g.version = scan.version;
      g.evidence.push_back(
          {fmt::format("runtime.buildVersion \"{}\" in the data section", scan.version),
           "data section", scan.version_range, Confidence::kMedium});
    }
    if (!scan.module_info && scan.truncated) {
      d_.warnings.push_back(
          {"data",
           fmt::format("Go's module info was looked for in the first {} bytes of the "
                       "{}-byte data section only",
                       options_.max_data_scan, data->payload.size),
           data->payload.offset + options_.max_data_scan});
    }
  }

  /// Calls are reported for the toolchains detected, in function index order.
  void keep_calls() {
    auto& calls = d_.notable_calls;
    calls.erase(
        std::remove_if(calls.begin(), calls.end(),
                       [&](const NotableCall& c) { return d_.find(c.toolchain) == nullptr; }),
        calls.end());
    std::stable_sort(calls.begin(), calls.end(), [](const NotableCall& a, const NotableCall& b) {
      return a.func_index < b.func_index;
    });
  }

  const Module& m_;
  std::span<const std::uint8_t> bytes_;
  std::span<const ToolchainFingerprint> fps_;
  const DetectOptions& options_;
  Detection d_;
  std::map<std::pair<std::size_t, std::size_t>, Hit> function_hits_;
  std::optional<std::string> build_id_;
  std::vector<std::size_t> fingerprint_of_;  ///< per d_.toolchains entry
};

}  // namespace

Detection detect(const Module& module, std::span<const std::uint8_t> bytes,
                 std::span<const ToolchainFingerprint> fingerprints, const DetectOptions& options) {
  Detection d = Detector(module, bytes, fingerprints, options).run();
  d.paths = scan_path_hints(module, bytes, options.paths);  // path_hints.cpp
  for (const ComponentPart& part : module.parts) {  // file offsets: the same bytes serve every part
    d.parts.push_back(detect(part.module, bytes, fingerprints, options));
  }
  return d;
}

Detection detect(const Module& module, std::span<const std::uint8_t> bytes,
                 const DetectOptions& options) {
  return detect(module, bytes, {}, options);
}

}  // namespace wasmaudit
