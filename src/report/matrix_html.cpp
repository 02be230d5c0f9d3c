// SPDX-License-Identifier: Apache-2.0
// The matrix as one self-contained HTML page: no network (a Content-Security-Policy forbids it), the
// table rendered here so it reads without scripts, and a small script that sorts by any column and
// filters by runtime, state, verdict, toolchain, finding and path. Readable on a phone (the table
// scrolls under a sticky first column) and in dark mode (prefers-color-scheme). A cell's error and
// fix are one click away: a numbered note below the table, shown beside the cell by the script.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "matrix_detail.hpp"
#include "wasmaudit/version.hpp"

namespace wasmaudit::detail {
namespace {

std::string html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

constexpr std::string_view kStyle = R"css(
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#59636e;--line:#d1d9e0;--head:#f6f8fa;
--runs:#dafbe1;--runs-fg:#116329;--flag:#ddf4ff;--flag-fg:#0550ae;--traps:#fff8c5;--traps-fg:#7d4e00;
--fails:#ffebe9;--fails-fg:#a40e26;--none:#f6f8fa;--none-fg:#59636e;--accent:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--head:#151b23;
--runs:#12261e;--runs-fg:#57ab5a;--flag:#0c2d6b;--flag-fg:#79c0ff;--traps:#2e2a13;--traps-fg:#d29922;
--fails:#3c1618;--fails-fg:#ff7b72;--none:#151b23;--none-fg:#9198a1;--accent:#4493f8}}
*{box-sizing:border-box}
body{margin:0;padding:12px;background:var(--bg);color:var(--fg);font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif}
h1{font-size:1.3em;margin:0 0 4px}h2{font-size:1.1em;margin:20px 0 6px}
.meta,small{color:var(--muted)}
form{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:end;margin:10px 0}
label{display:flex;flex-direction:column;font-size:.85em;color:var(--muted)}
select,input{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:4px 6px;min-width:8em;max-width:16em}
output{font-size:.9em;color:var(--muted);padding-bottom:6px}
.scroll{overflow:auto;max-width:100%;border:1px solid var(--line);border-radius:6px}
table{border-collapse:separate;border-spacing:0;min-width:100%}
th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top;white-space:nowrap}
thead th{position:sticky;top:0;background:var(--head);z-index:2}
th.path{position:sticky;left:0;background:var(--head);z-index:1;min-width:10em;max-width:22em;white-space:normal;overflow-wrap:anywhere;font-weight:normal}
thead th.path{z-index:3;font-weight:bold}
th button{all:unset;cursor:pointer;font-weight:bold}th button:focus-visible{outline:2px solid var(--accent)}
th[aria-sort=ascending] button::after{content:" \25B2"}th[aria-sort=descending] button::after{content:" \25BC"}
td.cell{text-align:center;font-variant-numeric:tabular-nums}
td.cell a{color:inherit;text-decoration:none;display:block}
.s-runs{background:var(--runs);color:var(--runs-fg)}.s-runs-with-flag{background:var(--flag);color:var(--flag-fg)}
.s-traps{background:var(--traps);color:var(--traps-fg)}.s-fails{background:var(--fails);color:var(--fails-fg);font-weight:bold}
.s-none{background:var(--none);color:var(--none-fg)}
td.error{color:var(--fails-fg);white-space:normal}
.aside{white-space:normal;min-width:7em;max-width:12em;font-size:.85em}
.hidden{display:none}
ol.notes li{margin:4px 0;word-break:break-word}ol.notes li:target{outline:2px solid var(--accent)}
.fix{display:block;color:var(--muted)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.92em}
#pop{position:fixed;z-index:10;max-width:min(36em,92vw);background:var(--bg);color:var(--fg);border:1px solid var(--line);
border-radius:8px;padding:10px 12px;box-shadow:0 8px 24px rgba(0,0,0,.25);word-break:break-word}
@media (max-width:600px){body{padding:6px}#pop{left:4vw!important;right:4vw;bottom:8px;top:auto!important}
th.path{min-width:7em;max-width:9em}.aside{display:none}}
)css";

constexpr std::string_view kScript = R"js(
(function () {
  'use strict';
  var table = document.getElementById('matrix');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var count = document.getElementById('count');
  var RANK = { 'runs': 0, 'runs-with-flag': 1, 'traps': 2, 'fails': 3, 'none': 4 };
  var pop = document.getElementById('pop');
  var f = {
    runtime: document.getElementById('f-runtime'), state: document.getElementById('f-state'),
    verdict: document.getElementById('f-verdict'), toolchain: document.getElementById('f-toolchain'),
    finding: document.getElementById('f-finding'), text: document.getElementById('f-text')
  };
  function key(row, th) {
    var what = th.getAttribute('data-sort');
    if (what === 'cell') {
      var cell = row.querySelector('td.cell[data-rt="' + th.getAttribute('data-rt') + '"]');
      return cell ? (RANK[cell.getAttribute('data-state')] || 0) : 9;
    }
    return (row.getAttribute('data-' + what) || '').toLowerCase();
  }
  function sortBy(th) {
    var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
    heads.forEach(function (h) { if (h.hasAttribute('data-sort')) h.setAttribute('aria-sort', 'none'); });
    th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
    rows.sort(function (a, b) {
      var x = key(a, th), y = key(b, th);
      if (x < y) return -dir;
      if (x > y) return dir;
      return Number(a.getAttribute('data-order')) - Number(b.getAttribute('data-order'));
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function apply() {
    var rt = f.runtime.value, state = f.state.value, text = f.text.value.trim().toLowerCase();
    table.querySelectorAll('[data-rt]').forEach(function (el) {
      el.classList.toggle('hidden', rt !== '' && el.getAttribute('data-rt') !== rt);
    });
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (f.verdict.value === '' || row.getAttribute('data-verdict') === f.verdict.value) &&
               (f.toolchain.value === '' || row.getAttribute('data-toolchain') === f.toolchain.value) &&
               (f.finding.value === '' || (' ' + row.getAttribute('data-findings') + ' ').indexOf(' ' + f.finding.value + ' ') >= 0) &&
               (text === '' || row.getAttribute('data-path').toLowerCase().indexOf(text) >= 0);
      if (ok && state !== '') {
        var cells = row.querySelectorAll('td.cell' + (rt !== '' ? '[data-rt="' + rt + '"]' : ''));
        ok = Array.prototype.some.call(cells, function (c) { return c.getAttribute('data-state') === state; });
      }
      row.classList.toggle('hidden', !ok);
      if (ok) shown++;
    });
    count.value = shown + ' of ' + rows.length + ' modules';
  }
  function show(cell) {
    var note = document.getElementById(cell.getAttribute('data-note'));
    if (!note) return;
    pop.innerHTML = note.innerHTML;
    pop.hidden = false;
    var r = cell.getBoundingClientRect();
    pop.style.top = Math.min(r.bottom + 4, window.innerHeight - pop.offsetHeight - 8) + 'px';
    pop.style.left = Math.max(8, Math.min(r.left, window.innerWidth - pop.offsetWidth - 8)) + 'px';
  }
  heads.forEach(function (th) {
    var b = th.querySelector('button');
    if (b) b.addEventListener('click', function () { sortBy(th); });
  });
  Object.keys(f).forEach(function (k) { f[k].addEventListener(k === 'text' ? 'input' : 'change', apply); });
  body.addEventListener('click', function (e) {
    var cell = e.target.closest('td.cell[data-note]');
    if (!cell) return;
    e.preventDefault();
    show(cell);
  });
  document.addEventListener('click', function (e) {
    if (!pop.hidden && !pop.contains(e.target) && !e.target.closest('td.cell[data-note]')) pop.hidden = true;
  });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') pop.hidden = true; });
  apply();
})();
)js";

void options(std::ostream& out, const std::set<std::string>& values) {
  for (const auto& v : values) out << "<option value=\"" << html(v) << "\">" << html(v) << "</option>";
}

}  // namespace

void render_matrix_html(const Matrix& m, std::ostream& out) {
  std::set<std::string> verdicts, toolchains, findings;
  std::size_t modules = 0;
  for (const auto& row : m.rows) {
    verdicts.insert(row.error.empty() ? "input error" : row.verdict);
    if (!row.toolchain.empty()) toolchains.insert(row.toolchain);
    findings.insert(row.findings.begin(), row.findings.end());
    if (row.error.empty()) ++modules;
  }
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "script-src 'unsafe-inline'\">\n"
      << fmt::format("<title>wasm-audit matrix: {} modules × {} runtimes</title>\n", m.rows.size(), m.runtimes.size())
      << "<style>" << kStyle << "</style>\n</head>\n<body>\n<header>\n<h1>WebAssembly runtime compatibility</h1>\n"
      << fmt::format("<p class=\"meta\">{} modules × {} runtimes, as <code>wasm-audit check</code> {} predicts "
                     "them. Click a cell for its error and fix; click a column to sort.</p>\n</header>\n",
                     m.rows.size(), m.runtimes.size(), kVersion);
  out << "<form id=\"filters\" role=\"search\" onsubmit=\"return false\">\n"
         "<label>Runtime<select id=\"f-runtime\"><option value=\"\">all</option>";
  for (const auto& rt : m.runtimes) out << "<option value=\"" << html(rt.key) << "\">" << html(rt.key) << "</option>";
  out << "</select></label>\n<label>State<select id=\"f-state\"><option value=\"\">any</option>";
  for (CellState s : {CellState::kRuns, CellState::kRunsWithFlag, CellState::kTraps, CellState::kFails}) {
    out << "<option value=\"" << to_string(s) << "\">" << to_string(s) << "</option>";
  }
  out << "</select></label>\n<label>Verdict<select id=\"f-verdict\"><option value=\"\">all</option>";
  options(out, verdicts);
  out << "</select></label>\n<label>Toolchain<select id=\"f-toolchain\"><option value=\"\">all</option>";
  options(out, toolchains);
  out << "</select></label>\n<label>Finding<select id=\"f-finding\"><option value=\"\">all</option>";
  options(out, findings);
  out << "</select></label>\n<label>Path<input id=\"f-text\" type=\"search\" placeholder=\"part of a path\"></label>\n"
      << fmt::format("<output id=\"count\">{0} of {0} modules</output>\n</form>\n", m.rows.size());

  out << "<div class=\"scroll\">\n<table id=\"matrix\">\n<thead><tr>"
         "<th class=\"path\" data-sort=\"path\" aria-sort=\"none\"><button type=\"button\">module</button></th>"
         "<th class=\"aside\" data-sort=\"verdict\" aria-sort=\"none\"><button type=\"button\">verdict</button></th>"
         "<th class=\"aside\" data-sort=\"toolchain\" aria-sort=\"none\"><button type=\"button\">toolchain</button></th>";
  for (const auto& rt : m.runtimes) {
    out << "<th data-sort=\"cell\" data-rt=\"" << html(rt.key) << "\" aria-sort=\"none\" title=\"" << html(rt.name) << " "
        << html(rt.version) << "\"><button type=\"button\">" << html(rt.key) << "</button><br><small>" << html(rt.version)
        << "</small></th>";
  }
  out << "</tr></thead>\n<tbody>\n";
  Numbered notes;
  std::vector<std::pair<std::string, std::string>> note_fix;  // by note index: runtime + detail, fix
  for (std::size_t i = 0; i < m.rows.size(); ++i) {
    const MatrixRow& row = m.rows[i];
    std::string findings_attr;
    for (const auto& f : row.findings) findings_attr += (findings_attr.empty() ? "" : " ") + f;
    out << "<tr data-order=\"" << i << "\" data-path=\"" << html(row.path) << "\" data-verdict=\""
        << html(row.error.empty() ? row.verdict : "input error") << "\" data-toolchain=\"" << html(row.toolchain)
        << "\" data-findings=\"" << html(findings_attr) << "\">";
    out << "<th class=\"path\" scope=\"row\" title=\"" << html(row.path) << (row.sha256.empty() ? "" : "\nsha256 " + row.sha256);
    for (const auto& d : row.duplicates) out << "\nalso " << html(d);
    // The file's name first, its directory under it: what tells modules apart on a narrow screen.
    const auto slash = row.path.find_last_of('/');
    const bool dir = slash != std::string::npos && slash + 1 < row.path.size();
    out << "\"><code>" << html(dir ? row.path.substr(slash + 1) : row.path) << "</code>";
    if (dir) out << "<br><small>" << html(row.path.substr(0, slash + 1)) << "</small>";
    if (!row.duplicates.empty()) out << " <small>(+" << row.duplicates.size() << " same)</small>";
    if (!row.findings.empty()) out << "<br><small>" << html(findings_attr) << "</small>";
    out << "</th>";
    if (!row.error.empty()) {
      out << "<td class=\"aside\">input error</td><td class=\"aside\"></td><td class=\"error\" colspan=\"" << m.runtimes.size() << "\">"
          << html(row.error) << "</td></tr>\n";
      continue;
    }
    out << "<td class=\"aside\">" << html(row.verdict) << "</td><td class=\"aside\">" << html(row.toolchain) << "</td>";
    for (const auto& rt : m.runtimes) {
      const auto it = row.cells.find(rt.key);
      const MatrixCell* c = it == row.cells.end() ? nullptr : &it->second;
      const std::string state = c == nullptr ? "none" : std::string(to_string(c->state));
      out << "<td class=\"cell s-" << state << "\" data-rt=\"" << html(rt.key) << "\" data-state=\"" << state << "\"";
      const std::string detail = c == nullptr ? "" : cell_detail(*c);
      const std::string symbol = c == nullptr ? "–" : std::string(cell_symbol(c->state));
      if (detail.empty()) {
        out << " title=\"" << (c == nullptr ? "not checked" : html(to_string(c->state))) << "\">" << symbol << "</td>";
        continue;
      }
      const std::string fix = cell_fix(*c);
      const std::size_t n = notes.index(rt.key + "\n" + detail + "\n" + fix) + 1;
      if (n > note_fix.size()) note_fix.emplace_back(detail, fix);
      out << " data-note=\"n" << n << "\"><a href=\"#n" << n << "\">" << symbol
          << "<sup>" << n << "</sup></a></td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n</div>\n";
  out << "<p class=\"meta\">ok: instantiates and runs; flag: runs once granted the flag in its note; trap: "
         "instantiates, but calling a missing import traps; FAIL: does not instantiate; –: not checked. A numbered "
         "ok runs, but no flag grants what its note names there.</p>\n";
  if (!notes.items().empty()) out << "<h2>Notes</h2>\n<ol class=\"notes\">\n";
  for (std::size_t i = 0; i < notes.items().size(); ++i) {
    const std::string& text = notes.items()[i];
    const std::string runtime = text.substr(0, text.find('\n'));
    out << "<li id=\"n" << i + 1 << "\"><b>" << html(runtime) << "</b>: " << html(note_fix[i].first);
    if (!note_fix[i].second.empty()) out << "<span class=\"fix\">fix: " << html(note_fix[i].second) << "</span>";
    out << "</li>\n";
  }
  if (!notes.items().empty()) out << "</ol>\n";
  out << "<div id=\"pop\" role=\"dialog\" hidden></div>\n<script>" << kScript << "</script>\n</body>\n</html>\n";
}

}  // namespace wasmaudit::detail
