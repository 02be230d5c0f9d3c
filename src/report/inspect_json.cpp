// SPDX-License-Identifier: Apache-2.0
#include "detection_report.hpp"
#include "json_common.hpp"
#include "reporters.hpp"
#include "wasmaudit/report/inspect.hpp"

namespace wasmaudit {
namespace {

using detail::Json;

Json limits_json(const Limits& l) {
  Json j;
  j["min"] = l.min;
  j["max"] = l.max ? Json(*l.max) : Json(nullptr);
  j["shared"] = l.shared;
  j["memory64"] = l.is64;
  if (l.page_size_log2) j["page_size"] = 1ull << *l.page_size_log2;
  return j;
}

Json signature_json(const Module& m, std::uint32_t type_index) {
  const FuncType* ft = m.type_at(type_index);
  Json j;
  j["type_index"] = type_index;
  Json params = Json::array();
  Json results = Json::array();
  if (ft != nullptr) {
    for (const auto& t : ft->params) params.push_back(to_string(t));
    for (const auto& t : ft->results) results.push_back(to_string(t));
  }
  j["params"] = std::move(params);
  j["results"] = std::move(results);
  return j;
}

Json table_json(const TableType& t) {
  Json j;
  j["element"] = to_string(t.element);
  j["limits"] = limits_json(t.limits);
  return j;
}

Json global_json(const GlobalType& g) {
  Json j;
  j["valtype"] = to_string(g.type);
  j["mutable"] = g.is_mutable;
  return j;
}

void add_range(Json& j, const ByteRange& r) {
  j["offset"] = r.offset;
  j["size"] = r.size;
}

Json import_json(const Module& m, const Import& i) {
  Json j;
  j["module"] = i.module;
  j["name"] = i.name;
  j["kind"] = to_string(i.kind);
  j["type"] = describe(m, i);
  switch (i.kind) {
    case ExternKind::kFunc:
    case ExternKind::kTag: j["signature"] = signature_json(m, i.type_index); break;
    case ExternKind::kTable: j["table"] = table_json(i.table); break;
    case ExternKind::kMemory: j["limits"] = limits_json(i.memory.limits); break;
    case ExternKind::kGlobal: j["global"] = global_json(i.global); break;
  }
  add_range(j, i.range);
  return j;
}

Json export_json(const Module& m, const Export& e) {
  Json j;
  j["name"] = e.name;
  j["kind"] = to_string(e.kind);
  j["index"] = e.index;
  j["type"] = describe(m, e);
  switch (e.kind) {
    case ExternKind::kFunc: j["signature"] = signature_json(m, m.functions[e.index].type_index); break;
    case ExternKind::kTag: j["signature"] = signature_json(m, m.tags[e.index].type_index); break;
    case ExternKind::kTable: j["table"] = table_json(m.tables[e.index].type); break;
    case ExternKind::kMemory: j["limits"] = limits_json(m.memories[e.index].type.limits); break;
    case ExternKind::kGlobal: j["global"] = global_json(m.globals[e.index].type); break;
  }
  add_range(j, e.range);
  return j;
}

Json component_extern_json(const ComponentExtern& e) {
  Json j;
  j["name"] = e.name;
  if (!e.version_suffix.empty()) j["version_suffix"] = e.version_suffix;
  j["sort"] = to_string(e.sort);
  add_range(j, e.range);
  return j;
}

void add_module(Json& j, const Module& m) {
  const bool component = m.kind == BinaryKind::kComponent;
  j["kind"] = component ? "component" : "module";
  j["version"] = m.version;
  j["size"] = m.file_size;
  j["shape"] = component ? Json(nullptr) : Json(to_string(shape_of(m)));
  Json sections = Json::array();
  for (const auto& s : m.sections) {
    Json js;
    js["id"] = s.id;
    js["name"] = s.name;
    js["custom"] = s.is_custom();
    add_range(js, s.range);
    js["payload"] = {{"offset", s.payload.offset}, {"size", s.payload.size}};
    sections.push_back(std::move(js));
  }
  j["sections"] = std::move(sections);

  Json imports = Json::array();
  Json exports = Json::array();
  if (component) {
    for (const auto& e : m.component_imports) imports.push_back(component_extern_json(e));
    for (const auto& e : m.component_exports) exports.push_back(component_extern_json(e));
    j["imports"] = std::move(imports);
    j["exports"] = std::move(exports);
    Json features = Json::array();
    for (const auto& f : m.features) {
      features.push_back({{"name", to_string(f.proposal)}, {"offset", f.offset}, {"count", f.count}});
    }
    j["features"] = std::move(features);
    return;
  }
  for (const auto& i : m.imports) imports.push_back(import_json(m, i));
  for (const auto& e : m.exports) exports.push_back(export_json(m, e));
  j["imports"] = std::move(imports);
  j["exports"] = std::move(exports);
  j["start"] = m.start ? Json{{"function", m.start->func_index},
                              {"offset", m.start->range.offset},
                              {"size", m.start->range.size}}
                       : Json(nullptr);
  std::size_t imported = 0;
  for (const auto& f : m.functions) imported += f.imported ? 1 : 0;
  j["functions"] = {{"imported", imported}, {"defined", m.functions.size() - imported}};
  Json features = Json::array();
  for (const auto& f : m.features) {
    features.push_back({{"name", to_string(f.proposal)}, {"offset", f.offset}, {"count", f.count}});
  }
  j["features"] = std::move(features);

  // Index spaces: {"index", "imported", then the entry's own fields}.
  const auto entry = [](std::size_t i, bool imported_item) {
    Json k;
    k["index"] = i;
    k["imported"] = imported_item;
    return k;
  };
  Json memories = Json::array();
  for (std::size_t i = 0; i < m.memories.size(); ++i) {
    Json k = entry(i, m.memories[i].imported);
    k["limits"] = limits_json(m.memories[i].type.limits);
    memories.push_back(std::move(k));
  }
  Json tables = Json::array();
  for (std::size_t i = 0; i < m.tables.size(); ++i) {
    Json k = entry(i, m.tables[i].imported);
    k["element"] = to_string(m.tables[i].type.element);
    k["limits"] = limits_json(m.tables[i].type.limits);
    tables.push_back(std::move(k));
  }
  Json globals = Json::array();
  for (std::size_t i = 0; i < m.globals.size(); ++i) {
    Json k = entry(i, m.globals[i].imported);
    k["valtype"] = to_string(m.globals[i].type.type);
    k["mutable"] = m.globals[i].type.is_mutable;
    globals.push_back(std::move(k));
  }
  Json tags = Json::array();
  for (std::size_t i = 0; i < m.tags.size(); ++i) {
    Json k = entry(i, m.tags[i].imported);
    k["signature"] = signature_json(m, m.tags[i].type_index);
    tags.push_back(std::move(k));
  }
  j["memories"] = std::move(memories);
  j["tables"] = std::move(tables);
  j["globals"] = std::move(globals);
  j["tags"] = std::move(tags);
}

}  // namespace

namespace detail {
namespace {

class InspectJsonReporter final : public InspectReporter {
 public:
  explicit InspectJsonReporter(std::ostream& out) : out_(out) {}
  void add(const InspectEntry& entry) override {
    Json f;
    f["path"] = entry.path;
    if (entry.module) {
      f["ok"] = true;
      add_module(f, *entry.module);
      if (entry.detection) add_detection_json(f, *entry.detection);
      if (entry.module && entry.module->kind == BinaryKind::kComponent) {
        f["parts"] = parts_json(*entry.module, entry.detection ? &*entry.detection : nullptr);
      }
    } else if (entry.error) {
      f["ok"] = false;
      f["error"] = input_error_json(entry.path, *entry.error);
    }
    files_.push_back(std::move(f));
  }
  void finish() override {
    Json doc;
    doc["schema"] = kInspectSchema;
    doc["tool"] = tool_json();
    doc["files"] = std::move(files_);
    // Names in a binary are valid UTF-8 (the reader checks), paths may not be: replace, never throw.
    out_ << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }

 private:
  std::ostream& out_;
  Json files_ = Json::array();
};

}  // namespace

std::unique_ptr<InspectReporter> make_inspect_json(std::ostream& out, const ReportOptions&) {
  return std::make_unique<InspectJsonReporter>(out);
}

}  // namespace detail

void render_inspect_json(const std::vector<InspectEntry>& entries, std::ostream& out) {
  auto r = detail::make_inspect_json(out, ReportOptions{});
  for (const auto& entry : entries) r->add(entry);
  r->finish();
}

}  // namespace wasmaudit
