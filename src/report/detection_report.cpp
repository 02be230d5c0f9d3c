// SPDX-License-Identifier: Apache-2.0
#include "detection_report.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "report/escape.hpp"
#include "wrap.hpp"

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

/// The settings as `key=value` words, values cut after 48 columns.
std::vector<std::string> settings_items(const ToolchainGuess& t) {
  constexpr std::size_t kMaxValue = 48;  // DefaultGODEBUG runs to hundreds of characters
  std::vector<std::string> out;
  for (const auto& [key, value] : ordered(t.settings)) {
    out.push_back(escape_name(key) + "=" + truncate_to(escape_name(quoted(value)), kMaxValue + 1));
  }
  return out;
}

/// As many items as fit `width` columns on one line, then `… and N more`.
std::string one_line(const std::vector<std::string>& items, std::size_t width) {
  for (std::size_t k = items.size(); k > 0; --k) {
    std::string text;
    for (std::size_t i = 0; i < k; ++i) text += (i == 0 ? "" : " ") + items[i];
    if (k < items.size()) text += fmt::format(" … and {} more", items.size() - k);
    if (display_width(text) <= width) return text;
  }
  return truncate_to(items.empty() ? std::string() : items.front(), width);
}

/// "Go (gc) go1.24.4 (high: custom section, producers, …)": the first `max` places the evidence
/// was found in, then how many more.
std::string guess_text(const ToolchainGuess& t, std::size_t max = std::string::npos) {
  std::vector<std::string> wheres;
  for (const auto& e : t.evidence) {
    if (std::find(wheres.begin(), wheres.end(), e.where) == wheres.end()) wheres.push_back(e.where);
  }
  std::string from;
  for (std::size_t i = 0; i < wheres.size() && i < max; ++i)
    from += (from.empty() ? "" : ", ") + wheres[i];
  if (wheres.size() > max)
    from += fmt::format("{}… and {} more", from.empty() ? "" : ", ", wheres.size() - max);
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
                          bool color, std::size_t width, std::ostream& out) {
  // `label` and the spaces after it, then `text` wrapped under the text's first column.
  const auto line = [&](std::string_view label, std::string_view gap, const std::string& text) {
    const std::size_t lead = indent.size() + label.size() + gap.size();
    out << hanging(indent + bold(color, label) + std::string(gap), lead, text, width, lead);
  };
  if (!d.toolchains.empty()) {
    const auto text_with = [&](std::size_t max) {
      std::string text;
      for (const auto& t : d.toolchains) text += (text.empty() ? "" : "; ") + guess_text(t, max);
      return text;
    };
    std::string text = text_with(std::string::npos);
    // check: one line when fewer places of evidence make it fit (inspect lists them all).
    if (level == DetectionText::kCompact && d.toolchains.size() == 1) {
      const std::size_t room = width > indent.size() + 11 ? width - indent.size() - 11 : 0;
      for (std::size_t max = d.toolchains.front().evidence.size();
           display_width(text) > room && max > 0; --max) {
        text = text_with(max - 1);
      }
    }
    line("toolchain:", " ", text);
  }
  for (const auto& t : d.toolchains) {
    if (!t.settings.empty()) {
      const std::size_t lead = indent.size() + 11;
      const auto items = settings_items(t);
      const std::string label = indent + bold(color, "settings:") + "  ";
      if (level == DetectionText::kCompact) {
        out << label << one_line(items, width > lead ? width - lead : 1) << '\n';
      } else {
        const auto lines = pack_items(items, " ", width > lead ? width - lead : 1,
                                      width > lead ? width - lead : 1);
        for (std::size_t i = 0; i < lines.size(); ++i) {
          out << (i == 0 ? label : std::string(lead, ' ')) << lines[i] << '\n';
        }
      }
    }
    if (level == DetectionText::kFull && (!t.package.empty() || t.main_module)) {
      std::string m = t.main_module ? module_text(*t.main_module) : escape_name(t.package);
      if (t.main_module && !t.package.empty() && t.package != t.main_module->path) {
        m = escape_name(t.package) + " in " + m;
      }
      if (!t.dependencies.empty()) {
        m += fmt::format(", {} dependenc{}", t.dependencies.size(),
                         t.dependencies.size() == 1 ? "y" : "ies");
      }
      line("module:", "    ", m);
    }
  }
  if (level == DetectionText::kFull) {
    if (!d.producers.empty()) {
      std::string text;
      std::string field;
      for (const auto& p : d.producers) {
        if (p.field != field) {
          text += (text.empty() ? "" : "; ") + escape_name(p.field) + " ";
          field = p.field;
        } else {
          text += ", ";
        }
        text += escape_name(p.version.empty() ? p.name : p.name + " " + p.version);
      }
      line("producers:", " ", text);
    }
    if (!d.target_features.empty()) {
      std::string text;
      for (const auto& f : d.target_features) text += (text.empty() ? "" : " ") + escape_name(f);
      line("target features:", " ", text);
    }
  }
  for (const auto& w : d.warnings) {
    line("detection:", " ",
         fmt::format("{} @0x{:x}: {}", escape_name(w.section), w.offset, escape_name(w.message)));
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

namespace wasmaudit::detail {
namespace {

/// Import modules in first-use order with how many imports each: "wasi_snapshot_preview1 (9)".
std::vector<std::pair<std::string, std::size_t>> import_modules(const Module& m) {
  std::vector<std::pair<std::string, std::size_t>> out;
  for (const auto& i : m.imports) {
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& e) { return e.first == i.module; });
    if (it == out.end()) {
      out.emplace_back(i.module, 1);
    } else {
      ++it->second;
    }
  }
  return out;
}

}  // namespace

void write_parts_text(const Module& m, const Detection* d, const std::string& indent, bool color,
                      std::size_t width, std::ostream& out) {
  if (m.parts.empty()) return;
  out << indent << bold(color, "core modules") << fmt::format(" ({}):\n", m.parts.size());
  for (std::size_t i = 0; i < m.parts.size(); ++i) {
    const ComponentPart& part = m.parts[i];
    const Detection* pd = d != nullptr && i < d->parts.size() ? &d->parts[i] : nullptr;
    std::string built = pd != nullptr && !pd->toolchains.empty() ? guess_text(pd->toolchains.front(), 1)
                                                                  : std::string("toolchain not recognised");
    std::vector<std::string> items;
    for (const auto& [module, count] : import_modules(part.module)) {
      items.push_back(fmt::format("{} ({})", escape_name(module), count));
    }
    const std::string head = fmt::format("{}{}  @{:#x}  {} bytes{}: ", indent + "  ", i, part.range.offset,
                                         part.range.size, part.depth > 0 ? fmt::format(" (nested {})", part.depth) : "");
    const std::size_t room = width > head.size() + 20 ? width - head.size() : 20;
    out << head << truncate_to(built, room) << "\n";
    const std::string sub = indent + "     ";
    const std::size_t line_room = width > sub.size() + 28 ? width - sub.size() - 8 : 20;
    out << sub << (items.empty() ? std::string("imports nothing") : "imports " + one_line(items, line_room)) << "\n";
  }
}

Json parts_json(const Module& m, const Detection* d) {
  Json parts = Json::array();
  for (std::size_t i = 0; i < m.parts.size(); ++i) {
    const ComponentPart& part = m.parts[i];
    Json j;
    j["index"] = i;
    j["offset"] = part.range.offset;
    j["size"] = part.range.size;
    j["depth"] = part.depth;
    j["shape"] = to_string(shape_of(part.module));
    Json imports = Json::array();
    for (const auto& [module, count] : import_modules(part.module)) {
      imports.push_back({{"module", module}, {"count", count}});
    }
    j["imports"] = std::move(imports);
    j["exports"] = part.module.exports.size();
    Json features = Json::array();
    for (const auto& f : part.module.features) features.push_back(to_string(f.proposal));
    j["features"] = std::move(features);
    Json toolchains = Json::array();
    if (d != nullptr && i < d->parts.size()) {
      for (const auto& t : d->parts[i].toolchains) {
        toolchains.push_back({{"id", t.id}, {"version", t.version.empty() ? Json(nullptr) : Json(t.version)},
                              {"confidence", to_string(t.confidence)}});
      }
    }
    j["toolchains"] = std::move(toolchains);
    parts.push_back(std::move(j));
  }
  return parts;
}

}  // namespace wasmaudit::detail
