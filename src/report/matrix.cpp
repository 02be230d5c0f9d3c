// SPDX-License-Identifier: Apache-2.0
// The compatibility matrix: rows from check entries, and its text, Markdown, CSV and JSON forms
// (docs/json/matrix-1.md).
#include "wasmaudit/report/matrix.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "json_common.hpp"
#include "markdown.hpp"
#include "report/escape.hpp"
#include "wasmaudit/report/input_error.hpp"
#include "wrap.hpp"
#include "matrix_detail.hpp"

namespace wasmaudit {

std::string_view to_string(CellState state) {
  switch (state) {
    case CellState::kRuns: return "runs";
    case CellState::kRunsWithFlag: return "runs-with-flag";
    case CellState::kTraps: return "traps";
    case CellState::kFails: return "fails";
  }
  return "?";
}

namespace detail {

std::string_view cell_symbol(CellState s) {
  switch (s) {
    case CellState::kRuns: return "ok";
    case CellState::kRunsWithFlag: return "flag";
    case CellState::kTraps: return "trap";
    case CellState::kFails: return "FAIL";
  }
  return "?";
}

std::string cell_detail(const MatrixCell& c) {
  switch (c.state) {
    case CellState::kRunsWithFlag: return c.fix;
    case CellState::kTraps:
    case CellState::kFails: return c.error;
    case CellState::kRuns: break;
  }
  std::string out;
  for (const auto& u : c.ungranted) out += (out.empty() ? "no grant: " : "; ") + u;
  return out;
}

const std::string& cell_fix(const MatrixCell& c) {
  static const std::string none;
  return c.state == CellState::kTraps || c.state == CellState::kFails ? c.fix : none;
}

std::size_t Numbered::index(const std::string& text) {
  const auto [it, added] = index_.emplace(text, items_.size());
  if (added) items_.push_back(text);
  return it->second;
}

std::string letter(std::size_t i) {
  std::string out;
  for (++i; i > 0; i = (i - 1) / 26) out.insert(out.begin(), static_cast<char>('a' + (i - 1) % 26));
  return out;
}

}  // namespace detail

namespace {

using detail::cell_detail;
using detail::cell_fix;
using detail::letter;
using detail::Numbered;

using detail::Json;

/// What a row is made of, whether it comes from a check entry or from a JSON Lines record.
struct FindingFacts {
  Severity severity = Severity::kNote;
  std::string rule;
  std::string fix;
  std::string subject;
  std::vector<std::string> covers;
};

struct RuntimeFacts {
  std::string key;
  std::string name;
  std::string version;
  bool instantiates = false;
  std::string summary;
  std::vector<std::string> missing;
  std::vector<std::string> grants;
  std::vector<std::string> ungranted;
};

struct RowFacts {
  std::string path;
  std::string sha256;
  std::string error;
  std::string kind;
  std::string verdict;
  std::string toolchain;
  std::vector<FindingFacts> findings;
  std::vector<RuntimeFacts> runtimes;
};

MatrixCell cell_of(const RuntimeFacts& r, const std::vector<FindingFacts>& findings) {
  MatrixCell c;
  c.grants = r.grants;
  c.missing = r.missing;
  c.ungranted = r.ungranted;
  if (!r.instantiates) {
    c.state = CellState::kFails;
    c.error = r.summary;
  } else if (!r.missing.empty()) {
    c.state = CellState::kTraps;
    c.error = "calling " + r.missing.front() + (r.missing.size() > 1 ? fmt::format(" (or {} more)", r.missing.size() - 1) : "") +
              " traps";
  } else if (!r.grants.empty()) {
    c.state = CellState::kRunsWithFlag;
  }
  if (c.state == CellState::kRunsWithFlag) {
    for (const auto& g : r.grants) c.fix += (c.fix.empty() ? "" : " ") + g;
  } else if (c.state != CellState::kRuns) {
    // The fix of the most severe finding about what this runtime lacks (its subject or an import
    // it covers), else of the most severe finding.
    const auto about = [&](const FindingFacts& f) {
      const auto lacks = [&](const std::string& s) { return std::find(r.missing.begin(), r.missing.end(), s) != r.missing.end(); };
      return lacks(f.subject) || std::any_of(f.covers.begin(), f.covers.end(), lacks);
    };
    const FindingFacts* best = nullptr;
    bool best_about = false;
    for (const auto& f : findings) {
      const bool a = about(f);
      if (best == nullptr || (a && !best_about) || (a == best_about && f.severity > best->severity)) {
        best = &f;
        best_about = a;
      }
    }
    if (best != nullptr) c.fix = best->fix;
  }
  return c;
}

void add_column(Matrix& matrix, const RuntimeFacts& rt) {
  if (std::none_of(matrix.runtimes.begin(), matrix.runtimes.end(), [&](const MatrixRuntime& m) { return m.key == rt.key; })) {
    matrix.runtimes.push_back({rt.key, rt.name, rt.version});
  }
}

/// The row of `facts`, or its merge into the row with the same SHA-256.
void add_row(Matrix& matrix, RowFacts&& facts) {
  for (const auto& rt : facts.runtimes) add_column(matrix, rt);
  if (!facts.sha256.empty() && facts.error.empty()) {
    if (auto it = matrix.row_of_sha256.find(facts.sha256); it != matrix.row_of_sha256.end()) {
      MatrixRow& row = matrix.rows[it->second];
      if (facts.path != row.path &&
          std::find(row.duplicates.begin(), row.duplicates.end(), facts.path) == row.duplicates.end()) {
        row.duplicates.push_back(facts.path);
      }
      for (const auto& rt : facts.runtimes) {
        if (row.cells.count(rt.key) == 0) row.cells[rt.key] = cell_of(rt, facts.findings);
      }
      return;
    }
  }
  MatrixRow row;
  row.path = std::move(facts.path);
  row.sha256 = std::move(facts.sha256);
  row.error = std::move(facts.error);
  if (row.error.rfind("wasm-audit: error: ", 0) == 0) row.error.erase(0, std::string_view("wasm-audit: error: ").size());
  row.kind = std::move(facts.kind);
  row.verdict = std::move(facts.verdict);
  row.toolchain = std::move(facts.toolchain);
  std::vector<const FindingFacts*> by_severity;
  for (const auto& f : facts.findings) by_severity.push_back(&f);
  std::stable_sort(by_severity.begin(), by_severity.end(),
                   [](const FindingFacts* a, const FindingFacts* b) { return a->severity > b->severity; });
  for (const FindingFacts* f : by_severity) {
    if (std::find(row.findings.begin(), row.findings.end(), f->rule) == row.findings.end()) row.findings.push_back(f->rule);
  }
  for (const auto& rt : facts.runtimes) row.cells[rt.key] = cell_of(rt, facts.findings);
  if (!row.sha256.empty() && row.error.empty()) matrix.row_of_sha256.emplace(row.sha256, matrix.rows.size());
  matrix.rows.push_back(std::move(row));
}

/// A `wasm-audit/check-line/1` record read back: a wrong value throws its JSON pointer.
struct BadRecord {
  std::string pointer;
  std::string message;
};

class Record {
 public:
  Record(const Json& j, std::string pointer) : j_(j), pointer_(std::move(pointer)) {}

  Record at(std::string_view key) const {
    const std::string p = pointer_ + "/" + std::string(key);
    if (!j_.is_object()) throw BadRecord{pointer_, "expected an object"};
    const auto it = j_.find(key);
    if (it == j_.end()) throw BadRecord{p, "missing"};
    return Record(*it, p);
  }
  bool has(std::string_view key) const { return j_.is_object() && j_.contains(key) && !j_.at(key).is_null(); }
  std::string str() const {
    if (!j_.is_string()) throw BadRecord{pointer_, "expected a string"};
    return j_.get<std::string>();
  }
  std::string str_or(std::string_view key, std::string fallback = {}) const { return has(key) ? at(key).str() : fallback; }
  bool boolean() const {
    if (!j_.is_boolean()) throw BadRecord{pointer_, "expected true or false"};
    return j_.get<bool>();
  }
  std::vector<std::string> strings_or(std::string_view key) const {
    std::vector<std::string> out;
    if (!has(key)) return out;
    for (const Record& r : at(key).elements()) out.push_back(r.str());
    return out;
  }
  std::vector<Record> elements() const {
    if (!j_.is_array()) throw BadRecord{pointer_, "expected an array"};
    std::vector<Record> out;
    for (std::size_t i = 0; i < j_.size(); ++i) out.emplace_back(j_[i], pointer_ + "/" + std::to_string(i));
    return out;
  }
  std::vector<std::pair<std::string, Record>> members() const {
    if (!j_.is_object()) throw BadRecord{pointer_, "expected an object"};
    std::vector<std::pair<std::string, Record>> out;
    for (const auto& [k, v] : j_.items()) out.emplace_back(k, Record(v, pointer_ + "/" + k));
    return out;
  }

 private:
  const Json& j_;
  std::string pointer_;
};

RowFacts facts_of(const Record& rec) {
  RowFacts f;
  const std::string schema = rec.at("schema").str();
  if (schema != kCheckLineSchema) throw BadRecord{"/schema", "not a check --format jsonl record: " + schema};
  f.path = rec.at("path").str();
  f.sha256 = rec.str_or("sha256");
  if (!rec.at("ok").boolean()) {
    const Record e = rec.at("error");
    f.error = e.has("line") ? e.at("line").str() : e.at("message").str();
    return f;
  }
  f.kind = rec.at("kind").str();
  f.verdict = rec.at("verdict").str();
  if (rec.has("toolchains")) {
    const auto t = rec.at("toolchains").elements();
    if (!t.empty()) {
      const std::string version = t.front().str_or("version");
      f.toolchain = t.front().at("name").str() + (version.empty() ? "" : " " + version);
    }
  }
  for (const Record& fr : rec.at("findings").elements()) {
    FindingFacts ff;
    const Record sev = fr.at("severity");
    const auto parsed = parse_severity(sev.str());
    if (!parsed) throw BadRecord{"", "unknown severity " + sev.str()};
    ff.severity = *parsed;
    ff.rule = fr.at("rule").str();
    ff.fix = fr.str_or("fix");
    ff.subject = fr.str_or("subject");
    ff.covers = fr.strings_or("covers");
    f.findings.push_back(std::move(ff));
  }
  for (const auto& [key, r] : rec.at("runtimes").members()) {
    RuntimeFacts rt;
    rt.key = key;
    rt.name = r.at("name").str();
    rt.version = r.at("version").str();
    rt.instantiates = r.at("instantiates").boolean();
    rt.summary = r.str_or("summary");
    rt.missing = r.strings_or("missing");
    rt.grants = r.strings_or("grants");
    rt.ungranted = r.strings_or("ungranted");
    f.runtimes.push_back(std::move(rt));
  }
  return f;
}

std::string csv(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char ch : text) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

const MatrixCell* cell_at(const MatrixRow& row, const MatrixRuntime& rt) {
  const auto it = row.cells.find(rt.key);
  return it == row.cells.end() ? nullptr : &it->second;
}

void render_text(const Matrix& m, std::ostream& out, const ReportOptions& options) {
  std::size_t path_width = 6;  // "module"
  for (const auto& r : m.rows) path_width = std::max(path_width, detail::display_width(escape_name(r.path)));
  path_width = std::min<std::size_t>(path_width, 44);
  // Notes: each distinct (runtime, detail, fix) once; fixes each once, by letter.
  Numbered notes;
  Numbered fixes;
  // Cell texts first (notes numbered in reading order), then the column widths.
  std::vector<std::vector<std::string>> texts;
  std::vector<std::size_t> widths;
  for (const auto& rt : m.runtimes) widths.push_back(rt.key.size());
  for (const auto& row : m.rows) {
    std::vector<std::string> line;
    if (!row.error.empty()) {
      line.push_back(fmt::format("input error [{}]", notes.index(row.error) + 1));
    } else {
      for (std::size_t i = 0; i < m.runtimes.size(); ++i) {
        const MatrixCell* c = cell_at(row, m.runtimes[i]);
        std::string text = c == nullptr ? "-" : std::string(detail::cell_symbol(c->state));
        const std::string detail = c == nullptr ? "" : cell_detail(*c);
        if (!detail.empty()) {
          std::string note = m.runtimes[i].key + ": " + detail;
          if (!cell_fix(*c).empty()) note += fmt::format(" (fix {})", letter(fixes.index(cell_fix(*c))));
          text += fmt::format(" {}", notes.index(note) + 1);
        }
        widths[i] = std::max(widths[i], text.size());
        line.push_back(std::move(text));
      }
    }
    texts.push_back(std::move(line));
  }
  std::string header = fmt::format("{:<{}}", "module", path_width);
  for (std::size_t i = 0; i < m.runtimes.size(); ++i) header += "  " + fmt::format("{:<{}}", m.runtimes[i].key, widths[i]);
  while (!header.empty() && header.back() == ' ') header.pop_back();
  out << header << "\n";
  for (std::size_t r = 0; r < m.rows.size(); ++r) {
    std::string line = fmt::format("{:<{}}", detail::truncate_to(escape_name(m.rows[r].path), path_width), path_width);
    for (std::size_t i = 0; i < texts[r].size(); ++i) {
      line += "  " + (texts[r].size() == 1 && !m.rows[r].error.empty() ? texts[r][i] : fmt::format("{:<{}}", texts[r][i], widths[i]));
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
  out << "\n" << detail::wrap_paragraph("ok: runs (ok N: runs, but no flag grants what note N names); flag N: runs once "
                                        "granted the flag in note N; trap N: instantiates, but calling a missing import "
                                        "traps (note N); FAIL N: does not instantiate, note N is the error; -: not checked",
                                        options.width, 0);
  for (std::size_t i = 0; i < notes.items().size(); ++i) {
    out << detail::hanging(fmt::format("{:>3} ", i + 1), 4, escape_name(notes.items()[i]), options.width, 4);
  }
  if (!fixes.items().empty()) out << "fixes:\n";
  for (std::size_t i = 0; i < fixes.items().size(); ++i) {
    out << detail::hanging(fmt::format("{:>3} ", letter(i)), 4, escape_name(fixes.items()[i]), options.width, 4);
  }
}

void render_markdown(const Matrix& m, std::ostream& out) {
  Numbered fixes;
  out << "| module | verdict |";
  for (const auto& rt : m.runtimes) out << " " << rt.key << " |";
  out << "\n| --- | --- |";
  for (std::size_t i = 0; i < m.runtimes.size(); ++i) out << " --- |";
  out << "\n";
  for (const auto& row : m.rows) {
    out << "| " << detail::md_code(row.path, detail::MdIn::kTable) << " | " << (row.error.empty() ? row.verdict : "input error") << " |";
    for (const auto& rt : m.runtimes) {
      const MatrixCell* c = row.error.empty() ? cell_at(row, rt) : nullptr;
      if (c == nullptr) {
        out << " — |";
        continue;
      }
      const std::string detail = cell_detail(*c);
      out << " " << to_string(c->state) << (detail.empty() ? "" : ": " + detail::md_text(detail));
      if (!cell_fix(*c).empty()) out << " (fix " << letter(fixes.index(cell_fix(*c))) << ")";
      out << " |";
    }
    out << "\n";
  }
  if (fixes.items().empty()) return;
  out << "\nFixes:\n\n";
  for (std::size_t i = 0; i < fixes.items().size(); ++i) out << "- " << letter(i) << ": " << detail::md_text(fixes.items()[i]) << "\n";
}

void render_csv(const Matrix& m, std::ostream& out) {
  out << "path,sha256,kind,verdict,toolchain,error";
  for (const auto& rt : m.runtimes) out << "," << csv(rt.key) << "," << csv(rt.key + " detail") << "," << csv(rt.key + " fix");
  out << "\n";
  for (const auto& row : m.rows) {
    out << csv(row.path) << "," << row.sha256 << "," << row.kind << "," << row.verdict << "," << csv(row.toolchain)
        << "," << csv(row.error);
    for (const auto& rt : m.runtimes) {
      const MatrixCell* c = cell_at(row, rt);
      if (c == nullptr) {
        out << ",,,";
        continue;
      }
      out << "," << to_string(c->state) << "," << csv(cell_detail(*c)) << "," << csv(cell_fix(*c));
    }
    out << "\n";
  }
}

void render_json(const Matrix& m, std::ostream& out) {
  Json doc;
  doc["schema"] = kMatrixSchema;
  doc["tool"] = detail::tool_json();
  Json runtimes = Json::array();
  for (const auto& rt : m.runtimes) runtimes.push_back({{"key", rt.key}, {"name", rt.name}, {"version", rt.version}});
  doc["runtimes"] = std::move(runtimes);
  Json rows = Json::array();
  for (const auto& row : m.rows) {
    Json j;
    j["path"] = row.path;
    j["sha256"] = row.sha256.empty() ? Json(nullptr) : Json(row.sha256);
    j["duplicates"] = row.duplicates;
    j["error"] = row.error.empty() ? Json(nullptr) : Json(row.error);
    j["kind"] = row.kind.empty() ? Json(nullptr) : Json(row.kind);
    j["verdict"] = row.verdict.empty() ? Json(nullptr) : Json(row.verdict);
    j["toolchain"] = row.toolchain.empty() ? Json(nullptr) : Json(row.toolchain);
    j["findings"] = row.findings;
    Json cells = Json::object();
    for (const auto& [key, c] : row.cells) {
      cells[key] = {{"state", to_string(c.state)},
                    {"error", c.error.empty() ? Json(nullptr) : Json(c.error)},
                    {"grants", c.grants},
                    {"missing", c.missing},
                    {"ungranted", c.ungranted},
                    {"fix", c.fix.empty() ? Json(nullptr) : Json(c.fix)}};
    }
    j["cells"] = std::move(cells);
    rows.push_back(std::move(j));
  }
  doc["modules"] = std::move(rows);
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace

void add_matrix_row(Matrix& matrix, const CheckEntry& e) {
  RowFacts f;
  f.path = e.path;
  f.sha256 = e.sha256;
  if (e.error || !e.result || !e.module) {
    f.error = e.error ? format_error_line(e.path, *e.error) : "not checked";
    add_row(matrix, std::move(f));
    return;
  }
  const CheckResult& r = *e.result;
  f.kind = e.module->kind == BinaryKind::kComponent ? "component" : "module";
  f.verdict = std::string(to_string(r.verdict.verdict));
  if (e.detection && !e.detection->toolchains.empty()) {
    const auto& t = e.detection->toolchains.front();
    f.toolchain = t.name + (t.version.empty() ? "" : " " + t.version);
  }
  for (const auto& finding : r.findings) {
    f.findings.push_back({finding.severity, finding.rule_id, finding.fix, finding.subject, finding.covers});
  }
  for (const auto& rt : r.runtimes) {
    f.runtimes.push_back({rt.key, rt.name, rt.version, rt.instantiates, rt.instantiates ? "" : error_summary(rt),
                          rt.missing, rt.grants, rt.ungranted});
  }
  add_row(matrix, std::move(f));
}

void add_matrix_jsonl(Matrix& matrix, std::string_view text, const std::function<void(const InputError&)>& on_error) {
  std::size_t line_no = 0;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(at, end - at);
    ++line_no;
    const std::size_t offset = at;
    at = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const std::string where = fmt::format("line {}", line_no);
    Json j;
    try {
      j = Json::parse(line.begin(), line.end());
    } catch (const nlohmann::json::parse_error& err) {
      const std::size_t byte = err.byte > 0 ? err.byte - 1 : 0;
      on_error({"not JSON: a check --format jsonl line was expected", where, offset + std::min(byte, line.size())});
      continue;
    }
    try {
      add_row(matrix, facts_of(Record(j, "")));
    } catch (const BadRecord& bad) {
      on_error({(bad.pointer.empty() ? "" : bad.pointer + ": ") + bad.message, where, offset});
    }
  }
}

bool render_matrix(std::string_view format, const Matrix& matrix, std::ostream& out, const ReportOptions& options) {
  if (format == "text") {
    render_text(matrix, out, options);
  } else if (format == "markdown") {
    render_markdown(matrix, out);
  } else if (format == "csv") {
    render_csv(matrix, out);
  } else if (format == "json") {
    render_json(matrix, out);
  } else if (format == "html") {
    detail::render_matrix_html(matrix, out);
  } else {
    return false;
  }
  return true;
}

}  // namespace wasmaudit
