// SPDX-License-Identifier: Apache-2.0
#include "detection_report.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "wasmaudit/report/escape.hpp"

namespace wasmaudit::detail {
namespace {

std::string bold(bool color, std::string_view s) {
  return color ? fmt::format("\x1b[1m{}\x1b[0m", s) : std::string(s);
}

/// Go quotes a build setting's value when it holds a space, tab, newline or quote
/// (runtime/debug quoteValue); the text report writes it back the same way.
std::string quoted(const std::string& value) {
  if (value.find_first_of(" \t\r\n\"`") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

/// Build settings in the order that matters most to a reader, then the rest as recorded.
std::vector<std::pair<std::string, std::string>> ordered(
    const std::map<std::string, std::string>& settings) {
  static const char* const kFirst[] = {"GOOS",  "GOARCH",    "-buildmode", "CGO_ENABLED",
                                       "-tags", "-trimpath", "-ldflags"};
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* key : kFirst) {
    if (auto it = settings.find(key); it != settings.end()) out.emplace_back(*it);
  }
  for (const auto& kv : settings) {
    if (std::find(std::begin(kFirst), std::end(kFirst), kv.first) == std::end(kFirst))
      out.emplace_back(kv);
  }
  return out;
}

std::string settings_text(const ToolchainGuess& t) {
  constexpr std::size_t kMaxValue = 48;  // DefaultGODEBUG runs to hundreds of characters
  std::string out;
  for (const auto& [key, value] : ordered(t.settings)) {
    std::string v = quoted(value);
    if (v.size() > kMaxValue) v = v.substr(0, kMaxValue) + "…";
    if (!out.empty()) out += ' ';
    out += escape_name(key) + "=" + escape_name(v);
  }
  return out;
}

std::string guess_text(const ToolchainGuess& t) {
  std::vector<std::string> wheres;
  for (const auto& e : t.evidence) {
    if (std::find(wheres.begin(), wheres.end(), e.where) == wheres.end()) wheres.push_back(e.where);
  }
  std::string from;
  for (const auto& w : wheres) from += (from.empty() ? "" : ", ") + w;
  return fmt::format("{}{}{} ({}: {})", escape_name(t.name), t.version.empty() ? "" : " ",
                     escape_name(t.version), to_string(t.confidence), from);
}

std::string module_text(const BuildModule& m) {
  std::string s = m.path;
  if (!m.version.empty()) s += " " + m.version;
  if (!m.replaced_by.empty()) s += " => " + m.replaced_by;
  return escape_name(s);
}

Json module_json(const BuildModule& m) {
  return {{"path", m.path},
          {"version", m.version},
          {"sum", m.sum.empty() ? Json(nullptr) : Json(m.sum)},
          {"replaced_by", m.replaced_by.empty() ? Json(nullptr) : Json(m.replaced_by)}};
}

}  // namespace

void write_detection_text(const Detection& d, DetectionText level, const std::string& indent,
                          bool color, std::ostream& out) {
  if (!d.toolchains.empty()) {
    std::string line;
    for (const auto& t : d.toolchains) line += (line.empty() ? "" : "; ") + guess_text(t);
    out << indent << bold(color, "toolchain:") << ' ' << line << '\n';
  }
  for (const auto& t : d.toolchains) {
    if (!t.settings.empty())
      out << indent << bold(color, "settings:") << "  " << settings_text(t) << '\n';
    if (level == DetectionText::kFull && (!t.package.empty() || t.main_module)) {
      std::string m = t.main_module ? module_text(*t.main_module) : escape_name(t.package);
      if (t.main_module && !t.package.empty() && t.package != t.main_module->path) {
        m = escape_name(t.package) + " in " + m;
      }
      if (!t.dependencies.empty()) {
        m += fmt::format(", {} dependenc{}", t.dependencies.size(),
                         t.dependencies.size() == 1 ? "y" : "ies");
      }
      out << indent << bold(color, "module:") << "    " << m << '\n';
    }
  }
  if (level == DetectionText::kFull) {
    if (!d.producers.empty()) {
      std::string line;
      std::string field;
      for (const auto& p : d.producers) {
        if (p.field != field) {
          line += (line.empty() ? "" : "; ") + escape_name(p.field) + " ";
          field = p.field;
        } else {
          line += ", ";
        }
        line += escape_name(p.version.empty() ? p.name : p.name + " " + p.version);
      }
      out << indent << bold(color, "producers:") << ' ' << line << '\n';
    }
    if (!d.target_features.empty()) {
      std::string line;
      for (const auto& f : d.target_features) line += (line.empty() ? "" : " ") + escape_name(f);
      out << indent << bold(color, "target features:") << ' ' << line << '\n';
    }
  }
  for (const auto& w : d.warnings) {
    out << indent << bold(color, "detection:") << ' '
        << fmt::format("{} @0x{:x}: {}", escape_name(w.section), w.offset, escape_name(w.message))
        << '\n';
  }
}

void add_detection_json(Json& file, const Detection& d) {
  Json toolchains = Json::array();
  for (const auto& t : d.toolchains) {
    Json j;
    j["id"] = t.id;
    j["name"] = t.name;
    j["version"] = t.version.empty() ? Json(nullptr) : Json(t.version);
    j["confidence"] = to_string(t.confidence);
    Json settings = Json::object();
    for (const auto& [key, value] : t.settings) settings[key] = value;
    j["settings"] = std::move(settings);
    if (!t.package.empty() || t.main_module || !t.dependencies.empty()) {
      Json deps = Json::array();
      for (const auto& m : t.dependencies) deps.push_back(module_json(m));
      j["module_info"] = {{"path", t.package.empty() ? Json(nullptr) : Json(t.package)},
                          {"main", t.main_module ? module_json(*t.main_module) : Json(nullptr)},
                          {"dependencies", std::move(deps)}};
    } else {
      j["module_info"] = nullptr;
    }
    j["build_id"] = t.build_id.empty() ? Json(nullptr) : Json(t.build_id);
    Json evidence = Json::array();
    for (const auto& e : t.evidence) {
      evidence.push_back({{"what", e.what},
                          {"where", e.where},
                          {"confidence", to_string(e.confidence)},
                          {"offset", e.range.offset},
                          {"size", e.range.size}});
    }
    j["evidence"] = std::move(evidence);
    toolchains.push_back(std::move(j));
  }
  file["toolchains"] = std::move(toolchains);
  Json producers = Json::array();
  for (const auto& p : d.producers) {
    producers.push_back({{"field", p.field},
                         {"name", p.name},
                         {"version", p.version},
                         {"offset", p.range.offset},
                         {"size", p.range.size}});
  }
  file["producers"] = std::move(producers);
  Json features = Json::array();
  for (const auto& f : d.target_features) features.push_back(f);
  file["target_features"] = std::move(features);
  Json warnings = Json::array();
  for (const auto& w : d.warnings) {
    warnings.push_back({{"section", w.section}, {"message", w.message}, {"offset", w.offset}});
  }
  file["detection_warnings"] = std::move(warnings);
}

}  // namespace wasmaudit::detail
