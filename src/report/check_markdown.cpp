// SPDX-License-Identifier: Apache-2.0
// `check --format markdown`: GitHub-flavoured Markdown for a pull-request comment or
// $GITHUB_STEP_SUMMARY. Per module: a heading with the path, the verdict and whether the gate
// passes; the runtime table; missing imports, notes and run commands; the findings; the
// capabilities; the gate. Long lists go into collapsed <details> blocks. Names from a binary are
// written in code spans (which Markdown does not interpret, and in which GitHub links no mention or
// reference) or escaped, so that no name can break a table or inject HTML.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "markdown.hpp"
#include "reporters.hpp"
#include "wasmaudit/policy/gate.hpp"
#include "wasmaudit/report/check.hpp"
#include "report/escape.hpp"

namespace wasmaudit {
namespace {

using detail::md_code;
using detail::md_html;
using detail::md_text;
using detail::MdIn;

/// A list longer than this is collapsed into a <details> block.
constexpr std::size_t kLongList = 5;

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

/// `a`, `b` and `c` as code spans.
std::string code_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += md_code(items[i]);
  }
  return out;
}

/// A titled bullet list: bold title and bullets when short, a collapsed block when long.
/// `items` are Markdown already; `title` is plain text.
void write_list(std::ostream& out, const std::string& title, const std::vector<std::string>& items,
                bool collapse_always = false) {
  if (items.empty()) return;
  if (items.size() > kLongList || collapse_always) {
    out << fmt::format("<details><summary>{}</summary>\n\n", md_html(title));
    for (const auto& i : items) out << "- " << i << '\n';
    out << "\n</details>\n\n";
  } else {
    out << "**" << md_text(title) << "**\n\n";
    for (const auto& i : items) out << "- " << i << '\n';
    out << '\n';
  }
}

/// An import's name without its module, for the capability lines.
std::string short_name(const std::string& label) {
  const auto sep = label.find("::");
  return sep == std::string::npos ? label : label.substr(sep + 2);
}

/// A fenced code block: a fence longer than any backtick run in the lines.
void write_code_block(std::ostream& out, const std::string& language,
                      const std::vector<std::string>& lines) {
  std::vector<std::string> escaped;
  std::size_t longest = 0;
  for (const auto& l : lines) {
    // escape_name() writes a tab as \x09: keep gofmt's tabs, escape what lies between them.
    std::string e;
    std::size_t start = 0;
    for (;;) {
      const auto tab = l.find('\t', start);
      e += escape_name(std::string_view(l).substr(
          start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      e += '\t';
      start = tab + 1;
    }
    std::size_t run = 0;
    for (char c : e) {
      run = c == '`' ? run + 1 : 0;
      longest = std::max(longest, run);
    }
    escaped.push_back(std::move(e));
  }
  const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
  std::string lang;
  for (char c : language) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '+') lang += c;
  }
  out << fence << lang << '\n';
  for (const auto& l : escaped) out << l << '\n';
  out << fence << "\n";
}

bool runs(const RuntimeResult& rt) { return rt.instantiates && rt.missing.empty(); }

void write_runtimes(const CheckResult& r, const GateOptions& options, bool verbose,
                    std::ostream& out) {
  if (r.runtimes.empty()) return;
  const auto required = required_runtimes(r, options);
  out << "| runtime | version | result | error |\n| --- | --- | --- | --- |\n";
  for (const auto& rt : r.runtimes) {
    const bool req = std::find(required.begin(), required.end(), &rt) != required.end();
    std::string result;
    if (runs(rt)) {
      result = "✅ instantiates";
    } else if (rt.instantiates) {
      result = fmt::format("⚠️ instantiates; {} trap on call",
                           plural(rt.missing.size(), "import would", "imports would"));
    } else {
      result = "❌ fails";
    }
    out << fmt::format("| {}{} | {} | {} | {} |\n", md_code(rt.id, MdIn::kTable),
                       req ? " (required)" : "", md_code(rt.version, MdIn::kTable), result,
                       rt.error ? md_code(error_summary(rt), MdIn::kTable) : "");
  }
  out << '\n';

  // Missing imports: runtimes that miss the same imports share one list.
  std::vector<std::pair<const std::vector<std::string>*, std::vector<std::string>>> missing;
  for (const auto& rt : r.runtimes) {
    if (rt.missing.empty()) continue;
    auto it = std::find_if(missing.begin(), missing.end(),
                           [&](const auto& m) { return *m.first == rt.missing; });
    if (it == missing.end()) {
      missing.push_back({&rt.missing, {rt.id}});
    } else {
      it->second.push_back(rt.id);
    }
  }
  for (const auto& [list, ids] : missing) {
    std::string on;
    for (std::size_t i = 0; i < ids.size(); ++i) on += (i ? ", " : "") + ids[i];
    if (list->size() <= kLongList) {
      out << fmt::format("Missing on {}: {}\n\n", md_text(on), code_list(*list));
    } else {
      std::vector<std::string> items;
      for (const auto& m : *list) items.push_back(md_code(m));
      write_list(out,
                 fmt::format("{} missing on {}", plural(list->size(), "import", "imports"), on),
                 items);
    }
  }

  std::vector<std::string> notes;
  std::vector<std::string> run;
  for (const auto& rt : r.runtimes) {
    for (const auto& n : rt.ungranted) notes.push_back(md_code(rt.id) + ": no grant: " + md_text(n));
    for (const auto& n : rt.notes) notes.push_back(md_code(rt.id) + ": " + md_text(n));
    if (rt.run) {
      for (const auto& n : rt.run->notes) notes.push_back(md_code(rt.id) + ": " + md_text(n));
    }
    std::string line;
    if (rt.run && !rt.run->command.empty()) line = md_code(rt.id) + ": " + md_code(rt.run->command);
    if (!rt.grants.empty()) {
      line += (line.empty() ? md_code(rt.id) + ": grant " : "; grant ") + code_list(rt.grants);
    }
    if (!line.empty()) run.push_back(std::move(line));
  }
  write_list(out, "Notes", notes);
  write_list(out, "How to run", run);
  if (!verbose) return;
  for (const auto& rt : r.runtimes) {
    if (!rt.run || rt.run->snippet.empty()) continue;
    out << fmt::format("<details><summary>{}: {}</summary>\n\n", md_html(rt.id),
                       md_html(rt.run->snippet_title));
    write_code_block(out, rt.run->snippet_language, rt.run->snippet);
    out << "\n</details>\n\n";
  }
}

void write_findings(const CheckResult& r, std::ostream& out) {
  if (r.findings.empty()) {
    out << "No findings.\n\n";
    return;
  }
  std::size_t counts[3] = {0, 0, 0};
  std::vector<std::string> items;
  for (const auto& f : r.findings) {
    ++counts[static_cast<int>(f.severity)];
    std::string item = fmt::format("**{}** {} {}: {}", to_string(f.severity), md_code(f.rule_id),
                                   md_code(f.subject), md_text(f.message));
    if (!f.fix.empty()) item += "\n  - fix: " + md_text(f.fix);
    items.push_back(std::move(item));
  }
  std::string title = fmt::format("Findings ({}", r.findings.size());
  const char* names[3] = {"note", "warning", "error"};
  for (int s = 2; s >= 0; --s) {
    if (counts[s] > 0 && counts[s] != r.findings.size()) {
      title += fmt::format(", {} {}{}", counts[s], names[s], counts[s] == 1 ? "" : "s");
    }
  }
  write_list(out, title + ")", items);
}

void write_capabilities(const CheckResult& r, std::ostream& out) {
  std::vector<std::string> items;
  for (const auto& c : r.capabilities) {
    std::vector<std::string> names;
    for (const auto& i : c.imports) {
      const std::string n = short_name(i);
      if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    }
    items.push_back(fmt::format("**{}** — {}{}: {}", md_text(c.id), md_text(c.title),
                                c.needs_grant ? " (needs a grant)" : "", code_list(names)));
  }
  if (!items.empty()) {
    items.push_back(r.needs_preopens() ? std::string("preopens: needed to open paths")
                                       : std::string("preopens: none needed (it opens no path)"));
  }
  std::vector<std::string> paths;
  for (const auto& p : r.paths) {
    if (!p.library.empty()) continue;
    std::string item = md_code(p.path) + fmt::format(" at 0x{:x}", p.range.offset);
    if (p.preopen) item += ", under the preopen " + md_code(*p.preopen);
    paths.push_back(std::move(item));
  }
  if (!items.empty()) {
    std::string ids;
    for (const auto& c : r.capabilities) ids += (ids.empty() ? "" : ", ") + c.id;
    write_list(out, fmt::format("Capabilities: {}", ids), items, true);
  }
  write_list(out, fmt::format("Paths the program names ({})", paths.size()), paths);
}

void write_gate(const GateResult& g, std::ostream& out) {
  if (g.failed()) {
    std::vector<std::string> reasons;
    for (const auto& f : g.failures) reasons.push_back(md_text(f.reason));
    out << "**Gate: fails**\n\n";
    for (const auto& r : reasons) out << "- " << r << '\n';
    out << '\n';
  } else {
    out << "**Gate: passes**\n\n";
  }
  if (!g.baselined.empty()) {
    out << fmt::format("Baseline: {} not counted.\n\n",
                       plural(g.baselined.size(), "accepted finding", "accepted findings"));
  }
  std::vector<std::string> fixed;
  for (const auto& k : g.fixed) fixed.push_back(md_code(k.rule_id) + " " + md_code(k.subject));
  write_list(out, "No longer found (remove from the baseline)", fixed);
}

std::string kind_of(const CheckEntry& e) {
  const Module& m = *e.module;
  std::string s = m.kind == BinaryKind::kComponent
                      ? std::string("component")
                      : fmt::format("core module, {}", to_string(shape_of(m)));
  if (e.detection && !e.detection->toolchains.empty()) {
    const auto& t = e.detection->toolchains.front();
    s += " · " + md_text(t.version.empty() ? t.name : t.name + " " + t.version);
  }
  return s;
}

void write_module(const CheckEntry& e, const GateResult& gate, const GateOptions& options,
                  bool verbose, std::ostream& out) {
  const CheckResult& r = *e.result;
  out << fmt::format("### {} {}: {}\n\n", gate.failed() ? "❌" : "✅", md_code(e.path),
                     to_string(r.verdict.verdict));
  out << md_text(r.verdict.summary) << "\n\n" << kind_of(e) << "\n\n";
  write_runtimes(r, options, verbose, out);
  write_findings(r, out);
  write_capabilities(r, out);
  write_gate(gate, out);
}

std::string error_text(const InputError& error) {
  std::string s;
  if (error.offset) s += fmt::format("0x{:x}: ", *error.offset);
  if (!error.context.empty()) s += error.context + ": ";
  return s + error.message;
}

}  // namespace

namespace detail {
namespace {

class MarkdownReporter final : public CheckReporter {
 public:
  MarkdownReporter(std::ostream& out, const ReportOptions& o) : out_(out), verbose_(o.verbose) {
    if (o.gate != nullptr) gate_ = *o.gate;  // decides the gate of an entry that comes without one
  }
  void add(const CheckEntry& e) override {
    summary_.add(e);
    if (e.module && e.result) {
      const GateResult gate = e.gate ? *e.gate : apply_gate(*e.result, e.path, gate_);
      if (gate.failed()) failed_.push_back(e.path);
      write_module(e, gate, gate_, verbose_, out_);
    } else if (e.error) {
      errors_.push_back(md_code(e.path) + ": " + md_code(error_text(*e.error)));
      out_ << fmt::format("### ❌ {}: could not be read\n\n{}\n\n", md_code(e.path),
                          md_code(error_text(*e.error)));
    }
  }
  void finish() override {
    if (summary_.files > 1) {
      out_ << "### Summary\n\n";
      out_ << "| files | input errors | gate failures | errors | warnings | notes |\n";
      out_ << "| ---: | ---: | ---: | ---: | ---: | ---: |\n";
      out_ << fmt::format("| {} | {} | {} | {} | {} | {} |\n\n", summary_.files,
                          summary_.input_errors, summary_.gate_failures, summary_.findings[2],
                          summary_.findings[1], summary_.findings[0]);
      std::vector<std::string> failed;
      for (const auto& p : failed_) failed.push_back(md_code(p));
      write_list(out_, "Failed the gate", failed);
      write_list(out_, "Input errors", errors_);
    }
    out_.flush();
  }

 private:
  std::ostream& out_;
  bool verbose_;
  GateOptions gate_;
  BatchSummary summary_;
  std::vector<std::string> failed_;
  std::vector<std::string> errors_;
};

}  // namespace

std::unique_ptr<CheckReporter> make_check_markdown(std::ostream& out,
                                                   const ReportOptions& options) {
  return std::make_unique<MarkdownReporter>(out, options);
}

}  // namespace detail
}  // namespace wasmaudit
