// SPDX-License-Identifier: Apache-2.0
// `explain` as text and as the `wasm-audit/explain/1` JSON document.
#include <fmt/format.h>

#include "json_common.hpp"
#include "report/escape.hpp"
#include "wasmaudit/report/explain.hpp"
#include "wrap.hpp"

namespace wasmaudit {
namespace {

using detail::Json;

std::string runtimes_text(const Explanation& e) {
  std::string s;
  for (const auto& r : e.runtimes) {
    std::string versions;
    for (const auto& v : r.versions) versions += (versions.empty() ? "" : ", ") + v;
    s += fmt::format("{}{} ({})", s.empty() ? "" : "; ", r.name, versions);
  }
  return s;
}

}  // namespace

void render_explain_text(const ExplainResult& result, std::ostream& out, const ReportOptions& options) {
  const std::size_t width = options.width;
  if (!result.recognised()) {
    out << "not recognised: no runtime's error template in the knowledge base matches this text\n";
    if (!result.closest.empty()) {
      out << "closest templates:\n";
      for (const auto& c : result.closest) out << detail::hanging("  ", 2, escape_name(c), width, 4);
    }
    return;
  }
  bool first = true;
  for (const auto& e : result.explanations) {
    if (!first) out << '\n';
    first = false;
    out << detail::hanging(fmt::format("line {}: ", e.line), fmt::format("line {}: ", e.line).size(),
                           escape_name(detail::truncate_to(e.text, 400)), width, 4);
    out << detail::hanging("  printed by: ", 14, runtimes_text(e), width, 4);
    std::string what = e.kind;
    if (e.import) {
      what += fmt::format(" — {}::{}{}", escape_name(e.import->module), escape_name(e.import->name),
                          e.import->kind.empty() ? "" : " (" + e.import->kind + ")");
    }
    if (!e.feature.empty()) what += " — " + e.feature;
    out << detail::hanging("  what:       ", 14, what, width, 4);
    if (e.module) {
      out << detail::hanging("  module:     ", 14, escape_name(e.module->path), width, 4);
      for (const auto& c : e.module->confirms) out << detail::hanging("    - ", 6, c, width, 6);
    }
    if (!e.causes.empty()) out << "  likely causes:\n";
    for (std::size_t i = 0; i < e.causes.size(); ++i) {
      const auto& c = e.causes[i];
      const char* module_says = !c.confirmed ? "" : *c.confirmed ? "; the module confirms it" : "; the module rules it out";
      out << detail::hanging(fmt::format("    {}. ", i + 1), 7, fmt::format("{} ({}{})", c.cause, c.confidence, module_says),
                             width, 7);
      out << detail::hanging("       fix: ", 12, c.fix, width, 12);
    }
  }
}

void render_explain_json(const ExplainResult& result, std::ostream& out) {
  Json doc;
  doc["schema"] = kExplainSchema;
  doc["tool"] = detail::tool_json();
  doc["recognised"] = result.recognised();
  Json list = Json::array();
  for (const auto& e : result.explanations) {
    Json j;
    j["line"] = e.line;
    j["text"] = e.text;
    j["kind"] = e.kind;
    j["runtime"] = e.runtimes.empty() ? Json(nullptr) : Json(e.runtimes.front().id);
    Json runtimes = Json::array();
    for (const auto& r : e.runtimes) runtimes.push_back({{"id", r.id}, {"name", r.name}, {"versions", r.versions}});
    j["runtimes"] = std::move(runtimes);
    j["versions"] = e.runtimes.empty() ? Json::array() : Json(e.runtimes.front().versions);
    j["import"] = e.import ? Json{{"module", e.import->module}, {"name", e.import->name},
                                  {"kind", e.import->kind.empty() ? Json(nullptr) : Json(e.import->kind)}}
                           : Json(nullptr);
    j["feature"] = e.feature.empty() ? Json(nullptr) : Json(e.feature);
    Json causes = Json::array();
    for (const auto& c : e.causes) {
      Json cause{{"cause", c.cause}, {"fix", c.fix}, {"confidence", c.confidence}};
      if (e.module) cause["confirmed"] = c.confirmed ? Json(*c.confirmed) : Json(nullptr);  // with --module only
      causes.push_back(std::move(cause));
    }
    j["causes"] = std::move(causes);
    if (e.module) {
      const ExplainModule& m = *e.module;
      j["module"] = {{"path", m.path},
                     {"toolchain", m.toolchain.empty() ? Json(nullptr) : Json(m.toolchain)},
                     {"verdict", m.verdict},
                     {"runs_on", m.runs_on},
                     {"imports_it", m.imports_it ? Json(*m.imports_it) : Json(nullptr)},
                     {"import_type", m.import_type.empty() ? Json(nullptr) : Json(m.import_type)},
                     {"predicted_failure", m.predicted_failure ? Json(*m.predicted_failure) : Json(nullptr)},
                     {"predicted", m.predicted.empty() ? Json(nullptr) : Json(m.predicted)},
                     {"confirms", m.confirms}};
    }
    list.push_back(std::move(j));
  }
  doc["explanations"] = std::move(list);
  doc["closest"] = result.closest;
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

bool render_explain(std::string_view format, const ExplainResult& result, std::ostream& out,
                    const ReportOptions& options) {
  if (format == "text") {
    render_explain_text(result, out, options);
  } else if (format == "json") {
    render_explain_json(result, out);
  } else {
    return false;
  }
  return true;
}

}  // namespace wasmaudit
