// SPDX-License-Identifier: Apache-2.0
// The compatibility matrix: rows from check entries, and its text, Markdown, CSV and JSON forms
// (docs/json/matrix-1.md).
#include "wasmaudit/report/matrix.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "json_common.hpp"
#include "markdown.hpp"
#include "wasmaudit/report/escape.hpp"
#include "wasmaudit/report/input_error.hpp"
#include "wrap.hpp"

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

namespace {

using detail::Json;

/// The symbol a text cell shows, and its legend.
std::string_view symbol(CellState s) {
  switch (s) {
    case CellState::kRuns: return "ok";
    case CellState::kRunsWithFlag: return "flag";
    case CellState::kTraps: return "trap";
    case CellState::kFails: return "FAIL";
  }
  return "?";
}

MatrixCell cell_of(const RuntimeResult& r, const CheckResult& result) {
  MatrixCell c;
  c.grants = r.grants;
  c.missing = r.missing;
  if (!r.instantiates) {
    c.state = CellState::kFails;
    c.error = error_summary(r);
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
    const auto about = [&](const Finding& f) {
      const auto lacks = [&](const std::string& s) { return std::find(r.missing.begin(), r.missing.end(), s) != r.missing.end(); };
      return lacks(f.subject) || std::any_of(f.covers.begin(), f.covers.end(), lacks);
    };
    const Finding* best = nullptr;
    bool best_about = false;
    for (const auto& f : result.findings) {
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
  // Footnotes: each distinct (runtime, error) once.
  std::vector<std::string> notes;
  auto note_of = [&](const std::string& text) {
    auto it = std::find(notes.begin(), notes.end(), text);
    if (it == notes.end()) {
      notes.push_back(text);
      return notes.size();
    }
    return static_cast<std::size_t>(it - notes.begin()) + 1;
  };
  // Cell texts first (footnotes numbered in reading order), then the column widths.
  std::vector<std::vector<std::string>> texts;
  std::vector<std::size_t> widths;
  for (const auto& rt : m.runtimes) widths.push_back(rt.key.size());
  for (const auto& row : m.rows) {
    std::vector<std::string> line;
    if (!row.error.empty()) {
      line.push_back(fmt::format("input error [{}]", note_of(row.error)));
    } else {
      for (std::size_t i = 0; i < m.runtimes.size(); ++i) {
        const MatrixCell* c = cell_at(row, m.runtimes[i]);
        std::string text = c == nullptr ? "-" : std::string(symbol(c->state));
        if (c != nullptr && c->state != CellState::kRuns) {
          const std::string detail = c->state == CellState::kRunsWithFlag ? c->fix : c->error;
          text += fmt::format(" {}", note_of(m.runtimes[i].key + ": " + detail));
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
  out << "\n" << detail::wrap_paragraph("ok: runs; flag N: runs once granted the flag in note N; trap N: instantiates, "
                                        "but calling a missing import traps (note N); FAIL N: does not instantiate, "
                                        "note N is the error; -: not checked",
                                        options.width, 0);
  for (std::size_t i = 0; i < notes.size(); ++i) {
    out << detail::hanging(fmt::format("{:>3} ", i + 1), 4, escape_name(notes[i]), options.width, 4);
  }
}

void render_markdown(const Matrix& m, std::ostream& out) {
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
      const std::string detail = c->state == CellState::kRunsWithFlag ? c->fix : c->error;
      out << " " << to_string(c->state) << (detail.empty() ? "" : ": " + detail::md_text(detail)) << " |";
    }
    out << "\n";
  }
}

void render_csv(const Matrix& m, std::ostream& out) {
  out << "path,sha256,kind,verdict,toolchain,error";
  for (const auto& rt : m.runtimes) out << "," << csv(rt.key) << "," << csv(rt.key + " detail");
  out << "\n";
  for (const auto& row : m.rows) {
    out << csv(row.path) << "," << row.sha256 << "," << row.kind << "," << row.verdict << "," << csv(row.toolchain)
        << "," << csv(row.error);
    for (const auto& rt : m.runtimes) {
      const MatrixCell* c = cell_at(row, rt);
      if (c == nullptr) {
        out << ",,";
        continue;
      }
      out << "," << to_string(c->state) << "," << csv(c->state == CellState::kRunsWithFlag ? c->fix : c->error);
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
  MatrixRow row;
  row.path = e.path;
  row.sha256 = e.sha256;
  if (e.error || !e.result || !e.module) {
    row.error = e.error ? format_error_line(e.path, *e.error) : "not checked";
    if (row.error.rfind("wasm-audit: error: ", 0) == 0) row.error.erase(0, std::string_view("wasm-audit: error: ").size());
    matrix.rows.push_back(std::move(row));
    return;
  }
  const CheckResult& r = *e.result;
  row.kind = e.module->kind == BinaryKind::kComponent ? "component" : "module";
  row.verdict = std::string(to_string(r.verdict.verdict));
  if (e.detection && !e.detection->toolchains.empty()) {
    const auto& t = e.detection->toolchains.front();
    row.toolchain = t.name + (t.version.empty() ? "" : " " + t.version);
  }
  std::vector<const Finding*> by_severity;
  for (const auto& f : r.findings) by_severity.push_back(&f);
  std::stable_sort(by_severity.begin(), by_severity.end(),
                   [](const Finding* a, const Finding* b) { return a->severity > b->severity; });
  for (const Finding* f : by_severity) {
    if (std::find(row.findings.begin(), row.findings.end(), f->rule_id) == row.findings.end()) {
      row.findings.push_back(f->rule_id);
    }
  }
  for (const auto& rt : r.runtimes) {
    if (std::none_of(matrix.runtimes.begin(), matrix.runtimes.end(),
                     [&](const MatrixRuntime& m) { return m.key == rt.key; })) {
      matrix.runtimes.push_back({rt.key, rt.name, rt.version});
    }
    row.cells[rt.key] = cell_of(rt, r);
  }
  matrix.rows.push_back(std::move(row));
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
  } else {
    return false;
  }
  return true;
}

}  // namespace wasmaudit
