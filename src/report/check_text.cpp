// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include <algorithm>

#include "detection_report.hpp"
#include "reporters.hpp"
#include "wasmaudit/report/check.hpp"
#include "wasmaudit/report/escape.hpp"

namespace wasmaudit {
namespace {

std::string paint(bool color, std::string_view code, std::string_view s) {
  if (!color) return std::string(s);
  return fmt::format("\x1b[{}m{}\x1b[0m", code, s);
}

std::string_view severity_color(Severity s) {
  switch (s) {
    case Severity::kError: return "31";
    case Severity::kWarning: return "33";
    case Severity::kNote: return "36";
  }
  return "0";
}

std::string join(const std::vector<std::string>& items, std::size_t max) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < max; ++i) {
    if (i) out += ", ";
    out += escape_name(items[i]);
  }
  if (items.size() > max) out += fmt::format(", … ({} in all)", items.size());
  return out;
}

/// An import's name without its module ("path_open"), for the capability lines.
std::string short_name(const std::string& label) {
  const auto sep = label.find("::");
  return sep == std::string::npos ? label : label.substr(sep + 2);
}

void write_capabilities(const CheckResult& r, std::ostream& out, bool color) {
  if (r.capabilities.empty()) return;
  out << fmt::format("  {}:\n", paint(color, "1", "capabilities"));
  std::size_t width = 0;
  for (const auto& c : r.capabilities) width = std::max(width, c.id.size());
  for (const auto& c : r.capabilities) {
    std::vector<std::string> names;
    for (const auto& i : c.imports) {
      const std::string n = short_name(i);
      if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    }
    out << fmt::format("    {:<{}}  {}{}: {}\n", c.id, width, escape_name(c.title),
                       c.needs_grant ? " (needs a grant)" : "", join(names, 4));
  }
  std::vector<std::string> guests;
  for (const auto& p : r.paths) {
    if (!p.library.empty()) continue;
    std::string dir = p.path.substr(0, p.path.rfind('/'));
    if (dir.empty()) dir = "/";
    if (std::find(guests.begin(), guests.end(), dir) == guests.end()) guests.push_back(dir);
  }
  if (!r.needs_preopens()) {
    out << "    preopens: none needed: it imports no function that opens a path, so no --dir\n";
  } else if (!guests.empty()) {
    out << "    preopens: needed to open paths; the program names files under " << join(guests, 6) << '\n';
  } else {
    out << "    preopens: needed to open paths; the data section names none of them\n";
  }
}

void write_paths(const CheckResult& r, std::ostream& out, bool color) {
  std::vector<const PathReference*> own;
  std::vector<std::string> libraries;
  std::size_t library_paths = 0;
  for (const auto& p : r.paths) {
    if (p.library.empty()) {
      own.push_back(&p);
    } else {
      ++library_paths;
      const std::string lib = p.library.substr(0, p.library.find(':'));
      if (std::find(libraries.begin(), libraries.end(), lib) == libraries.end()) libraries.push_back(lib);
    }
  }
  if (own.empty() && library_paths == 0) return;
  const std::string libs =
      library_paths == 0 ? "" : fmt::format("{} from the {} not listed", library_paths, join(libraries, 3));
  if (own.empty()) {
    out << fmt::format("  {}: none of the program's own; {}\n", paint(color, "1", "paths"), libs);
    return;
  }
  out << fmt::format("  {} ({}{}):\n", paint(color, "1", "paths"), own.size(), libs.empty() ? "" : "; " + libs);
  std::size_t width = 0;
  for (const auto* p : own) width = std::max(width, p->path.size());
  const bool checked = std::any_of(r.paths.begin(), r.paths.end(), [](const PathReference& p) { return p.preopen.has_value(); }) ||
                       std::any_of(r.findings.begin(), r.findings.end(),
                                   [](const Finding& f) { return f.rule_id == "paths.outside-preopens"; });
  for (const auto* p : own) {
    std::string where;
    if (p->preopen) {
      where = "  under the preopen " + escape_name(*p->preopen);
    } else if (checked) {
      where = "  outside every preopen";
    }
    out << fmt::format("    {:<{}}  @0x{:x}{}\n", escape_name(p->path), width, p->range.offset, where);
  }
}

/// Go snippets are indented with tabs, as gofmt writes them; a terminal report uses spaces.
std::string expand_tabs(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '\t' ? std::string(4, ' ') : std::string(1, c);
  return out;
}

void write_run(const RunAdvice& run, const std::string& indent, std::ostream& out) {
  if (!run.command.empty()) out << indent << "run: " << escape_name(run.command) << '\n';
  if (!run.snippet.empty()) {
    out << indent << "  " << escape_name(run.snippet_title) << ":\n";
    for (const auto& line : run.snippet) out << indent << "    " << escape_name(expand_tabs(line)) << '\n';
  }
  for (const auto& n : run.notes) out << indent << "note: " << escape_name(n) << '\n';
}

void write_entry(const CheckEntry& e, std::ostream& out, bool color) {
  const Module& m = *e.module;
  const CheckResult& r = *e.result;
  const std::string what = m.kind == BinaryKind::kComponent
                               ? std::string("component")
                               : fmt::format("core module, {}", to_string(shape_of(m)));
  out << paint(color, "1", escape_name(e.path)) << fmt::format(" ({})\n", what);
  if (e.detection) {
    detail::write_detection_text(*e.detection, detail::DetectionText::kCompact, "  ", color, out);
  }

  out << fmt::format("  {} ({}):\n", paint(color, "1", "findings"), r.findings.size());
  for (const auto& f : r.findings) {
    out << fmt::format("    {:<7} {}  {}  {}\n",
                       paint(color, severity_color(f.severity), to_string(f.severity)), f.rule_id,
                       escape_name(f.subject), fmt::format("@0x{:x}", f.range.offset));
    out << fmt::format("            {}\n", escape_name(f.message));
    if (!f.fix.empty()) out << fmt::format("            fix: {}\n", escape_name(f.fix));
  }

  write_capabilities(r, out, color);
  write_paths(r, out, color);

  out << fmt::format("  {}:\n", paint(color, "1", "runtimes"));
  std::size_t width = 0;
  for (const auto& rt : r.runtimes) width = std::max(width, rt.id.size() + 1 + rt.version.size());
  for (const auto& rt : r.runtimes) {
    const std::string label = rt.id + " " + rt.version;
    const std::string yes = rt.instantiates ? paint(color, "32", "instantiates") : paint(color, "31", "fails       ");
    out << fmt::format("    {:<{}}  {}", label, width, yes);
    const std::string indent(width + 6, ' ');
    if (rt.error) {
      // Some runtimes print several lines (WasmEdge): keep them, aligned under the first.
      std::string_view text = *rt.error;
      for (bool first = true;; first = false) {
        const auto nl = text.find('\n');
        out << (first ? "  " : "\n" + indent + std::string(14, ' ')) << escape_name(text.substr(0, nl));
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
      }
    }
    out << '\n';
    if (!rt.missing.empty()) {
      out << indent << fmt::format("missing ({}): {}\n", rt.missing.size(), join(rt.missing, 4));
    }
    if (!rt.grants.empty()) out << indent << "grant: " << join(rt.grants, 8) << '\n';
    if (rt.run) write_run(*rt.run, indent, out);
    for (const auto& n : rt.notes) out << indent << "note: " << escape_name(n) << '\n';
  }
  std::string verdict(to_string(r.verdict.verdict));
  if (!r.verdict.runtimes.empty() && (r.verdict.verdict == Verdict::kRuntimeLocked)) {
    verdict += " (" + join(r.verdict.runtimes, 10) + ")";
  }
  out << fmt::format("  {} {} — {}\n", paint(color, "1", "verdict:"), verdict, r.verdict.summary);
}

}  // namespace

namespace detail {
namespace {

void write_gate(const GateResult& g, std::ostream& out, bool color) {
  if (g.failed()) {
    out << fmt::format("  {} fails:\n", paint(color, "1;31", "gate:"));
    for (const auto& f : g.failures) out << "    " << escape_name(f.reason) << '\n';
  }
  if (!g.baselined.empty()) {
    out << fmt::format("  baseline: {} accepted finding{} not counted\n", g.baselined.size(),
                       g.baselined.size() == 1 ? "" : "s");
  }
  for (const auto& k : g.fixed) {
    out << fmt::format("  baseline: no longer found: {} {}\n", k.rule_id, escape_name(k.subject));
  }
}

class CheckTextReporter final : public CheckReporter {
 public:
  CheckTextReporter(std::ostream& out, const ReportOptions& o) : out_(out), o_(o) {}
  void add(const CheckEntry& e) override {
    summary_.add(e);
    if (!e.module || !e.result) return;
    if (!first_) out_ << '\n';
    first_ = false;
    write_entry(e, out_, o_.color);
    if (e.gate) write_gate(*e.gate, out_, o_.color);
  }
  void finish() override {
    if (summary_.files < 2) return;
    out_ << fmt::format("\n{} files checked: {} could not be read, {} failed the gate\n", summary_.files,
                        summary_.input_errors, summary_.gate_failures);
  }

 private:
  std::ostream& out_;
  ReportOptions o_;
  BatchSummary summary_;
  bool first_ = true;
};

}  // namespace

std::unique_ptr<CheckReporter> make_check_text(std::ostream& out, const ReportOptions& options) {
  return std::make_unique<CheckTextReporter>(out, options);
}

}  // namespace detail

void render_check_text(const std::vector<CheckEntry>& entries, std::ostream& out,
                       const TextOptions& options) {
  ReportOptions o;
  o.color = options.color;
  auto r = detail::make_check_text(out, o);
  for (const auto& e : entries) r->add(e);
  r->finish();
}

void render_runtimes_text(const Knowledge& k, std::ostream& out, const TextOptions& options) {
  std::size_t width = 0;
  for (const auto& r : k.runtimes) width = std::max(width, r.id.size());
  for (const auto& r : k.runtimes) {
    out << fmt::format("{:<{}}  {} {}  ({})\n", paint(options.color, "1", r.id), width, r.name,
                       r.version, r.host);
    std::vector<std::string> provides;
    for (const auto& p : r.provides) {
      std::string s = p.interface_id;
      if (!p.versions.since.empty() || !p.versions.until.empty()) {
        s += fmt::format(" [{}..{}]", p.versions.since, p.versions.until);
      }
      if (!p.grant.empty()) s += " (" + p.grant + ")";
      provides.push_back(std::move(s));
    }
    const std::string indent(width + 2, ' ');
    out << indent << "provides: " << (provides.empty() ? "nothing" : join(provides, 99)) << '\n';
    std::vector<std::string> features;
    for (const auto& [name, f] : r.features) {
      features.push_back(name + (f.supported ? (f.grant.empty() ? "" : " (" + f.grant + ")") : " no"));
    }
    if (!features.empty()) out << indent << "features: " << join(features, 99) << '\n';
    out << indent << "source:   " << r.provenance.source << " [" << r.provenance.status << "]\n";
  }
}

}  // namespace wasmaudit
