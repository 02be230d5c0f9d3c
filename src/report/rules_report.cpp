// SPDX-License-Identifier: Apache-2.0
// `wasm-audit rules`, text and JSON.
#include <fmt/format.h>

#include "json_common.hpp"
#include "report/escape.hpp"
#include "wasmaudit/report/rules.hpp"
#include "wrap.hpp"

namespace wasmaudit {

Severity effective_severity(const Knowledge& k, const Rule& rule) {
  const auto it = k.severity_overrides.find(rule.id);
  return it == k.severity_overrides.end() ? rule.severity : it->second;
}

void render_rules_text(const Knowledge& k, std::ostream& out, const ReportOptions& options) {
  bool first = true;
  for (const auto& r : k.rules) {
    if (!first) out << '\n';
    first = false;
    const std::string head = fmt::format("{}  {}{}", r.id, to_string(effective_severity(k, r)),
                                         r.profile.empty() ? "" : " (--profile " + r.profile + ")");
    out << (options.color ? fmt::format("\x1b[1m{}\x1b[0m", head) : head) << '\n';
    out << detail::wrap_paragraph(escape_name(r.title), options.width, 2);
    if (!r.description.empty()) out << detail::wrap_paragraph(escape_name(r.description), options.width, 2);
    if (!r.fix.empty()) out << detail::wrap_paragraph("fix: " + escape_name(r.fix), options.width, 2);
  }
}

void render_rules_json(const Knowledge& k, std::ostream& out) {
  using detail::Json;
  Json doc;
  doc["schema"] = "wasm-audit/rules/1";
  doc["tool"] = detail::tool_json();
  Json rules = Json::array();
  for (const auto& r : k.rules) {
    Json j;
    j["id"] = r.id;
    j["severity"] = to_string(effective_severity(k, r));
    j["default_severity"] = to_string(r.severity);
    j["title"] = r.title;
    j["description"] = r.description;
    j["fix"] = r.fix;
    j["tags"] = r.tags;
    j["pitfalls"] = r.pitfalls;
    j["profile"] = r.profile.empty() ? Json(nullptr) : Json(r.profile);
    j["source"] = r.provenance.source;
    j["status"] = r.provenance.status;
    rules.push_back(std::move(j));
  }
  doc["rules"] = std::move(rules);
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace wasmaudit
