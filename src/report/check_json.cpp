// SPDX-License-Identifier: Apache-2.0
#include "detection_report.hpp"
#include "json_common.hpp"
#include "wasmaudit/report/check.hpp"

namespace wasmaudit {
namespace {

using detail::Json;

Json strings(const std::vector<std::string>& v) {
  Json a = Json::array();
  for (const auto& s : v) a.push_back(s);
  return a;
}

Json run_json(const RunAdvice& run) {
  Json j;
  j["command"] = run.command.empty() ? Json(nullptr) : Json(run.command);
  j["snippet"] = run.snippet.empty() ? Json(nullptr)
                                     : Json({{"title", run.snippet_title},
                                             {"language", run.snippet_language},
                                             {"lines", strings(run.snippet)}});
  j["notes"] = strings(run.notes);
  return j;
}

void add_result(Json& f, const Module& m, const CheckResult& r) {
  f["kind"] = m.kind == BinaryKind::kComponent ? "component" : "module";
  f["shape"] = m.kind == BinaryKind::kComponent ? Json(nullptr) : Json(to_string(shape_of(m)));
  f["verdict"] = to_string(r.verdict.verdict);
  f["verdict_detail"] = {{"runtimes", strings(r.verdict.runtimes)}, {"summary", r.verdict.summary}};
  Json findings = Json::array();
  for (const auto& x : r.findings) {
    Json j;
    j["rule"] = x.rule_id;
    j["severity"] = to_string(x.severity);
    j["message"] = x.message;
    j["fix"] = x.fix;
    j["subject"] = x.subject;
    j["offset"] = x.range.offset;
    j["length"] = x.range.size;
    findings.push_back(std::move(j));
  }
  f["findings"] = std::move(findings);
  Json capabilities = Json::array();
  for (const auto& c : r.capabilities) {
    capabilities.push_back({{"id", c.id}, {"title", c.title}, {"imports", strings(c.imports)},
                            {"needs_grant", c.needs_grant}, {"without_grant", c.without_grant}});
  }
  f["capabilities"] = std::move(capabilities);
  f["needs_preopens"] = r.needs_preopens();
  Json paths = Json::array();
  for (const auto& p : r.paths) {
    paths.push_back({{"path", p.path},
                     {"offset", p.range.offset},
                     {"length", p.range.size},
                     {"library", p.library.empty() ? Json(nullptr) : Json(p.library)},
                     {"preopen", p.preopen ? Json(*p.preopen) : Json(nullptr)}});
  }
  f["paths"] = std::move(paths);
  Json runtimes = Json::object();
  for (const auto& rt : r.runtimes) {
    Json j;
    j["name"] = rt.name;
    j["version"] = rt.version;
    j["instantiates"] = rt.instantiates;
    j["missing"] = strings(rt.missing);
    j["error"] = rt.error ? Json(*rt.error) : Json(nullptr);
    j["grants"] = strings(rt.grants);
    j["notes"] = strings(rt.notes);
    j["run"] = rt.run ? run_json(*rt.run) : Json(nullptr);
    runtimes[rt.key] = std::move(j);
  }
  f["runtimes"] = std::move(runtimes);
}

}  // namespace

void render_check_json(const std::vector<CheckEntry>& entries, std::ostream& out) {
  Json doc;
  doc["schema"] = kCheckSchema;
  doc["tool"] = detail::tool_json();
  Json files = Json::array();
  std::size_t counts[3] = {0, 0, 0};
  for (const auto& e : entries) {
    Json f;
    f["path"] = e.path;
    if (e.module && e.result) {
      f["ok"] = true;
      add_result(f, *e.module, *e.result);
      if (e.detection) detail::add_detection_json(f, *e.detection);
      for (const auto& x : e.result->findings) ++counts[static_cast<int>(x.severity)];
    } else if (e.error) {
      f["ok"] = false;
      f["error"] = detail::input_error_json(e.path, *e.error);
    }
    files.push_back(std::move(f));
  }
  doc["files"] = std::move(files);
  doc["summary"] = {{"files", entries.size()}, {"errors", counts[2]}, {"warnings", counts[1]}, {"notes", counts[0]}};
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void render_runtimes_json(const Knowledge& k, std::ostream& out) {
  Json doc;
  doc["schema"] = "wasm-audit/runtimes/1";
  Json runtimes = Json::array();
  for (const auto& r : k.runtimes) {
    Json j;
    j["id"] = r.id;
    j["name"] = r.name;
    j["version"] = r.version;
    j["host"] = r.host;
    j["wasi_host"] = r.wasi_host;
    Json provides = Json::array();
    for (const auto& p : r.provides) {
      provides.push_back({{"interface", p.interface_id}, {"since", p.versions.since}, {"until", p.versions.until},
                          {"grant", p.grant}, {"source", p.provenance.source}, {"status", p.provenance.status}});
    }
    j["provides"] = std::move(provides);
    Json features = Json::object();
    for (const auto& [name, f] : r.features) {
      features[name] = {{"supported", f.supported}, {"since", f.versions.since}, {"until", f.versions.until},
                        {"grant", f.grant}, {"source", f.provenance.source}, {"status", f.provenance.status}};
    }
    j["features"] = std::move(features);
    j["source"] = r.provenance.source;
    j["status"] = r.provenance.status;
    runtimes.push_back(std::move(j));
  }
  doc["runtimes"] = std::move(runtimes);
  out << doc.dump(2) << '\n';
}

}  // namespace wasmaudit
