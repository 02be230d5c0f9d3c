// SPDX-License-Identifier: Apache-2.0
// The `wasm-audit/diff/1` JSON document (docs/json/diff-1.md).
#include "json_common.hpp"
#include "wasmaudit/report/diff.hpp"

namespace wasmaudit {
namespace {

using detail::Json;

Json side_json(const CheckEntry& e) {
  const Module& m = *e.module;
  Json j;
  j["path"] = e.path;
  j["sha256"] = e.sha256.empty() ? Json(nullptr) : Json(e.sha256);
  j["kind"] = m.kind == BinaryKind::kComponent ? "component" : "module";
  j["shape"] = m.kind == BinaryKind::kComponent ? Json(nullptr) : Json(to_string(shape_of(m)));
  j["verdict"] = to_string(e.result->verdict.verdict);
  return j;
}

Json optional_json(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

}  // namespace

void render_diff_json(const DiffReport& r, std::ostream& out) {
  Json doc;
  doc["schema"] = kDiffSchema;
  doc["tool"] = detail::tool_json();
  doc["old"] = side_json(r.before);
  doc["new"] = side_json(r.after);
  doc["breaking"] = r.diff.breaking();
  doc["summary"] = {{"changes", r.diff.changes.size()}, {"breaking", r.diff.breaking_count()}};
  Json changes = Json::array();
  for (const auto& c : r.diff.changes) {
    Json j;
    j["change"] = to_string(c.kind);
    j["subject"] = c.subject;
    j["before"] = optional_json(c.before);
    j["after"] = optional_json(c.after);
    j["detail"] = c.detail.empty() ? Json(nullptr) : Json(c.detail);
    j["breaking"] = c.breaking;
    j["reason"] = c.reason;
    changes.push_back(std::move(j));
  }
  doc["changes"] = std::move(changes);
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace wasmaudit
