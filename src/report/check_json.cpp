// SPDX-License-Identifier: Apache-2.0
#include "detection_report.hpp"
#include "json_common.hpp"
#include "reporters.hpp"
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
    j["covers"] = strings(x.covers);
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
    j["summary"] = rt.error ? Json(error_summary(rt)) : Json(nullptr);
    j["grants"] = strings(rt.grants);
    j["ungranted"] = strings(rt.ungranted);
    j["notes"] = strings(rt.notes);
    j["run"] = rt.run ? run_json(*rt.run) : Json(nullptr);
    runtimes[rt.key] = std::move(j);
  }
  f["runtimes"] = std::move(runtimes);
}

}  // namespace

namespace detail {

Json gate_json(const GateResult& g) {
  auto keys = [](const std::vector<FindingKey>& v) {
    Json a = Json::array();
    for (const auto& k : v) a.push_back({{"rule", k.rule_id}, {"subject", k.subject}});
    return a;
  };
  Json reasons = Json::array();
  for (const auto& f : g.failures) {
    reasons.push_back({{"rule", f.key.rule_id}, {"subject", f.key.subject}, {"reason", f.reason}});
  }
  return Json{{"failed", g.failed()}, {"reasons", std::move(reasons)}, {"baselined", keys(g.baselined)},
              {"fixed", keys(g.fixed)}};
}

Json check_entry_json(const CheckEntry& e) {
  Json f;
  f["path"] = e.path;
  if (!e.sha256.empty()) f["sha256"] = e.sha256;
  if (e.module && e.result) {
    f["ok"] = true;
    add_result(f, *e.module, *e.result);
    if (e.detection) add_detection_json(f, *e.detection);
    if (e.module->kind == BinaryKind::kComponent) f["parts"] = parts_json(*e.module, e.detection ? &*e.detection : nullptr);
  } else if (e.error) {
    f["ok"] = false;
    f["error"] = input_error_json(e.path, *e.error);
  }
  if (e.gate) f["gate"] = gate_json(*e.gate);
  return f;
}

Json summary_json(const BatchSummary& s) {
  return Json{{"files", s.files},
              {"errors", s.findings[2]},
              {"warnings", s.findings[1]},
              {"notes", s.findings[0]},
              {"input_errors", s.input_errors},
              {"gate_failures", s.gate_failures}};
}

namespace {

class JsonReporter final : public CheckReporter {
 public:
  explicit JsonReporter(std::ostream& out) : out_(out) {}
  void add(const CheckEntry& e) override {
    summary_.add(e);
    files_.push_back(check_entry_json(e));
  }
  void finish() override {
    Json doc;
    doc["schema"] = kCheckSchema;
    doc["tool"] = tool_json();
    doc["files"] = std::move(files_);
    doc["summary"] = summary_json(summary_);
    out_ << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }

 private:
  std::ostream& out_;
  Json files_ = Json::array();
  BatchSummary summary_;
};

/// One line per module: the file object of wasm-audit/check/1 with the schema and tool in front.
class JsonLinesReporter final : public CheckReporter {
 public:
  explicit JsonLinesReporter(std::ostream& out) : out_(out) {}
  void add(const CheckEntry& e) override {
    Json line;
    line["schema"] = kCheckLineSchema;
    line["tool"] = tool_json();
    Json file = check_entry_json(e);
    for (auto it = file.begin(); it != file.end(); ++it) line[it.key()] = std::move(it.value());
    out_ << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    out_.flush();
  }
  void finish() override {}

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<CheckReporter> make_check_json(std::ostream& out, const ReportOptions&) {
  return std::make_unique<JsonReporter>(out);
}
std::unique_ptr<CheckReporter> make_check_jsonl(std::ostream& out, const ReportOptions&) {
  return std::make_unique<JsonLinesReporter>(out);
}

}  // namespace detail

void render_check_json(const std::vector<CheckEntry>& entries, std::ostream& out) {
  auto r = detail::make_check_json(out, ReportOptions{});
  for (const auto& e : entries) r->add(e);
  r->finish();
}

void render_runtimes_json(const Knowledge& k, std::ostream& out) {
  Json doc;
  doc["schema"] = "wasm-audit/runtimes/2";
  Json runtimes = Json::array();
  for (const auto& r : k.runtimes) {
    Json j;
    j["id"] = r.id;
    j["name"] = r.name;
    j["version"] = r.version;
    j["releases"] = r.releases;
    j["host"] = r.host;
    j["wasi_host"] = r.wasi_host;
    Json provides = Json::array();
    for (const auto& p : r.provides) {
      provides.push_back({{"interface", p.interface_id}, {"since", p.versions.since}, {"until", p.versions.until},
                          {"grant", p.grant}, {"source", p.provenance.source}, {"status", p.provenance.status}});
    }
    j["provides"] = std::move(provides);
    Json features = Json::object();
    for (const auto& [name, entries] : r.features) {
      Json list = Json::array();
      for (const auto& f : entries) {
        list.push_back({{"supported", f.supported}, {"since", f.versions.since}, {"until", f.versions.until},
                        {"grant", f.grant}, {"source", f.provenance.source}, {"status", f.provenance.status}});
      }
      features[name] = std::move(list);
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
