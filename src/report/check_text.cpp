// SPDX-License-Identifier: Apache-2.0
// `check` for a terminal: every line fits ReportOptions::width columns (docs/cli.md).
#include <algorithm>
#include <unordered_set>
#include <limits>

#include <fmt/format.h>

#include "detection_report.hpp"
#include "reporters.hpp"
#include "wasmaudit/report/check.hpp"
#include "report/escape.hpp"
#include "wrap.hpp"

namespace wasmaudit {
namespace {

using detail::display_width;
using detail::hanging;
using detail::LongWords;
using detail::truncate_to;

constexpr std::size_t kAll = std::numeric_limits<std::size_t>::max();
constexpr std::size_t kRow = 4;     // a finding, capability, path or runtime row
constexpr std::size_t kDetail = 6;  // the lines under a row

std::string paint(bool color, std::string_view code, std::string_view s) {
  if (!color) return std::string(s);
  return fmt::format("\x1b[{}m{}\x1b[0m", code, s);
}

std::string_view severity_color(Severity s) {
  switch (s) {
    case Severity::kError:
      return "31";
    case Severity::kWarning:
      return "33";
    case Severity::kNote:
      return "36";
  }
  return "0";
}

std::string spaces(std::size_t n) { return std::string(n, ' '); }

/// `text` and spaces up to `width` columns.
std::string pad(const std::string& text, std::size_t width) {
  const std::size_t w = display_width(text);
  return w >= width ? text : text + spaces(width - w);
}

/// The items escaped, joined by ", "; past `max` the rest are counted ("a, b, … and 12 more"),
/// unless only one more would be left out.
std::string join(const std::vector<std::string>& items, std::size_t max) {
  const std::size_t shown = items.size() > max && items.size() - max > 1 ? max : items.size();
  std::string out;
  for (std::size_t i = 0; i < shown; ++i) {
    if (i) out += ", ";
    out += escape_name(items[i]);
  }
  if (shown < items.size()) out += fmt::format(", … and {} more", items.size() - shown);
  return out;
}

/// "a", "a and b", "a, b and c" (not escaped).
std::string and_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

/// An import's name without its module ("path_open"), for the capability lines.
std::string short_name(const std::string& label) {
  const auto sep = label.find("::");
  return sep == std::string::npos ? label : label.substr(sep + 2);
}

/// Go snippets are indented with tabs, as gofmt writes them; a terminal report uses spaces.
std::string expand_tabs(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '\t' ? std::string(4, ' ') : std::string(1, c);
  return out;
}

/// Writes one module's report, fitting `width` columns. Module paths (the user's) and words of a
/// command line are never split; everything else is wrapped, and names from the binary are escaped
/// before they are measured.
class EntryWriter {
 public:
  EntryWriter(std::ostream& out, const ReportOptions& o)
      : out_(out), color_(o.color), width_(o.width), verbose_(o.verbose) {}

  void write(const CheckEntry& e) {
    const Module& m = *e.module;
    const CheckResult& r = *e.result;
    const std::string what = m.kind == BinaryKind::kComponent
                                 ? std::string("component")
                                 : fmt::format("core module, {}", to_string(shape_of(m)));
    // The path as given, never split; what it is follows it, or goes under it when there is no
    // room.
    const std::string path = escape_name(e.path);
    const bool fits = display_width(path) + 3 + what.size() <= width_;
    out_ << paint(color_, "1", path) << (fits ? " " : "\n  ") << "(" << what << ")\n";
    if (e.detection) {
      detail::write_detection_text(
          *e.detection,
          verbose_ ? detail::DetectionText::kCompactAll : detail::DetectionText::kCompact, "  ",
          color_, width_, out_);
    }
    detail::write_parts_text(m, e.detection ? &*e.detection : nullptr, "  ", color_, width_, out_);
    write_findings(r);
    write_capabilities(r);
    write_paths(r);
    write_runtimes(r);
    write_missing(r);
    write_hint();
    std::string verdict(to_string(r.verdict.verdict));
    if (!r.verdict.runtimes.empty() && (r.verdict.verdict == Verdict::kRuntimeLocked)) {
      verdict += " (" + join(r.verdict.runtimes, 10) + ")";
    }
    out_ << hanging("  " + bold("verdict:") + " ", 11, verdict + " — " + r.verdict.summary, width_,
                    4);
  }

 private:
  std::string bold(std::string_view s) const { return paint(color_, "1", s); }
  std::size_t limit(std::size_t n) const { return verbose_ ? kAll : n; }
  /// `lead` (plain, `indent` columns of spaces and a label) then `text` under a hanging indent.
  void para(const std::string& lead, const std::string& text, std::size_t indent) {
    out_ << hanging(lead, display_width(lead), text, width_, indent);
  }

  void write_findings(const CheckResult& r) {
    out_ << fmt::format("  {} ({}):\n", bold("findings"), r.findings.size());
    for (const auto& f : r.findings) {
      const std::string sev(to_string(f.severity));
      const std::string rule = truncate_to(escape_name(f.rule_id), width_ - kRow - 8);
      const std::string head = paint(color_, severity_color(f.severity), sev) +
                               spaces(7 - std::min<std::size_t>(7, sev.size())) + " " + rule;
      const std::size_t head_w = kRow + 8 + display_width(rule);
      const std::string tail =
          escape_name(f.subject) + "  " + fmt::format("@0x{:x}", f.range.offset);
      if (head_w + 2 + display_width(tail) <= width_) {
        out_ << spaces(kRow) << head << "  " << tail << '\n';
      } else {
        out_ << spaces(kRow) << head << '\n';
        if (kDetail + display_width(tail) <= width_) {
          out_ << spaces(kDetail) << tail << '\n';
        } else {
          para(spaces(kDetail), tail, kDetail);
        }
      }
      para(spaces(kDetail), escape_name(f.message), kDetail);
      if (!f.fix.empty()) para(spaces(kDetail) + "fix: ", escape_name(f.fix), kDetail + 5);
    }
  }

  void write_capabilities(const CheckResult& r) {
    if (r.capabilities.empty()) return;
    out_ << fmt::format("  {}:\n", bold("capabilities"));
    std::size_t id_w = 0;
    for (const auto& c : r.capabilities) id_w = std::max(id_w, display_width(escape_name(c.id)));
    id_w = std::min<std::size_t>(id_w, 16);
    for (const auto& c : r.capabilities) {
      std::vector<std::string> names;
      for (const auto& i : c.imports) {
        const std::string n = short_name(i);
        if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
      }
      const std::string lead = spaces(kRow) + pad(escape_name(c.id), id_w) + "  ";
      para(lead,
           escape_name(c.title) + (c.needs_grant ? " (needs a grant)" : "") + ": " +
               join(names, limit(4)),
           kRow + id_w + 2);
    }
    std::vector<std::string> guests;
    std::unordered_set<std::string> seen;  // a data section may name a million paths
    for (const auto& p : r.paths) {
      if (!p.library.empty()) continue;
      std::string dir = p.path.substr(0, p.path.rfind('/'));
      if (dir.empty()) dir = "/";
      if (seen.insert(dir).second) guests.push_back(std::move(dir));
    }
    std::string text;
    if (!r.needs_preopens()) {
      text = "none needed: it imports no function that opens a path, so no --dir";
    } else if (!guests.empty()) {
      const bool given = std::any_of(r.paths.begin(), r.paths.end(), [](const PathReference& p) { return p.preopen.has_value(); });
      text = given ? "needed to open paths; the program names files under " + join(guests, limit(6))
                   // Without --preopen the run lines below preopen these: say they are a guess.
                   : "needed to open paths; the run lines guess the directories from the paths the program names (" +
                         join(guests, limit(6)) + "): check them, or say where with --preopen HOST::GUEST";
    } else {
      text = "needed to open paths; the data section names none of them";
    }
    out_ << hanging("  " + bold("preopens:") + " ", 12, text, width_, 4);
  }

  void write_paths(const CheckResult& r) {
    std::vector<const PathReference*> own;
    std::vector<std::string> libraries;
    std::size_t library_paths = 0;
    for (const auto& p : r.paths) {
      if (p.library.empty()) {
        own.push_back(&p);
      } else {
        ++library_paths;
        const std::string lib = p.library.substr(0, p.library.find(':'));
        if (std::find(libraries.begin(), libraries.end(), lib) == libraries.end())
          libraries.push_back(lib);
      }
    }
    if (own.empty() && library_paths == 0) return;
    const std::string libs = library_paths == 0 ? ""
                                                : fmt::format("{} from the {} not listed",
                                                              library_paths, join(libraries, 3));
    if (own.empty()) {
      out_ << hanging("  " + bold("paths:") + " ", 9, "none of the program's own; " + libs, width_,
                      4);
      return;
    }
    out_ << hanging("  " + bold("paths") + " ", 8,
                    fmt::format("({}{}):", own.size(), libs.empty() ? "" : "; " + libs), width_, 4);
    const bool checked =
        std::any_of(r.paths.begin(), r.paths.end(),
                    [](const PathReference& p) { return p.preopen.has_value(); }) ||
        std::any_of(r.findings.begin(), r.findings.end(),
                    [](const Finding& f) { return f.rule_id == "paths.outside-preopens"; });
    const std::size_t max = limit(8);
    const std::size_t shown = own.size() > max && own.size() - max > 1 ? max : own.size();
    struct Row {
      std::string path, at, where;
    };
    std::vector<Row> rows;
    std::size_t path_w = 0;
    std::size_t rest_w = 0;
    for (std::size_t i = 0; i < shown; ++i) {
      const PathReference& p = *own[i];
      Row row{escape_name(p.path), fmt::format("@0x{:x}", p.range.offset), ""};
      if (p.preopen) {
        row.where = "  under the preopen " + escape_name(*p.preopen);
      } else if (checked) {
        row.where = "  outside every preopen";
      }
      path_w = std::max(path_w, display_width(row.path));
      rest_w = std::max(rest_w, display_width(row.at) + display_width(row.where));
      rows.push_back(std::move(row));
    }
    // The path column: as wide as the widest path, unless that leaves no room for the rest.
    const std::size_t room = width_ > kRow + 2 + rest_w ? width_ - kRow - 2 - rest_w : 0;
    path_w = std::min(path_w, room);
    for (const auto& row : rows) {
      const std::string rest = row.at + row.where;
      if (display_width(row.path) <= path_w && kRow + path_w + 2 + display_width(rest) <= width_) {
        out_ << spaces(kRow) << pad(row.path, path_w) << "  " << rest << '\n';
      } else if (display_width(row.path) <= path_w) {
        para(spaces(kRow) + pad(row.path, path_w) + "  ", rest, kDetail);
      } else {
        para(spaces(kRow), row.path, kDetail);
        para(spaces(kDetail), rest, kDetail);
      }
    }
    if (shown < own.size())
      out_ << spaces(kRow) << fmt::format("… and {} more\n", own.size() - shown);
  }

  void write_runtimes(const CheckResult& r) {
    out_ << fmt::format("  {}:\n", bold("runtimes"));
    const auto label_of = [](const RuntimeResult& rt) {
      return escape_name(rt.id) + " " + escape_name(rt.version);
    };
    std::size_t label_w = 0;
    for (const auto& rt : r.runtimes) label_w = std::max(label_w, display_width(label_of(rt)));
    label_w = std::min(label_w, std::max<std::size_t>(width_ / 3, 12));
    for (const auto& rt : r.runtimes) {
      const std::string status =
          rt.instantiates ? paint(color_, "32", "instantiates") : paint(color_, "31", "fails");
      out_ << spaces(kRow) << pad(truncate_to(label_of(rt), label_w), label_w) << "  " << status;
      if (rt.error) {
        write_error(rt, kRow + label_w + 2 + (rt.instantiates ? 12 : 5) + 2);
      } else {
        out_ << '\n';
      }
      if (!rt.grants.empty())
        para(spaces(kDetail) + "grant: ", join(rt.grants, limit(8)), kDetail + 7);
      for (const auto& n : rt.ungranted) para(spaces(kDetail) + "no grant: ", escape_name(n), kDetail + 10);
      if (rt.run) write_run(rt, *rt.run);
      for (const auto& n : rt.notes) para(spaces(kDetail) + "note: ", escape_name(n), kDetail + 6);
    }
  }

  /// The rest of a runtime's row, from column `column`: its error. By default its summary line,
  /// wrapped to two lines at most (then cut); with --verbose every line, wrapped. Where the row
  /// leaves too little room, the error goes under it.
  void write_error(const RuntimeResult& rt, std::size_t column) {
    std::vector<std::string> lines;
    std::string_view text = *rt.error;
    for (;;) {
      const auto nl = text.find('\n');
      lines.push_back(escape_name(text.substr(0, nl)));
      if (nl == std::string_view::npos) break;
      text.remove_prefix(nl + 1);
    }
    bool first = width_ >= column + 20;  // the first line goes on the row
    out_ << (first ? "  " : "\n");
    if (!first) column = kDetail;
    const std::size_t w = width_ - column;
    const auto put = [&](const std::string& part) {
      out_ << (first ? "" : spaces(column)) << part << '\n';
      first = false;
    };
    if (!verbose_) {
      auto parts = detail::wrap_lines(escape_name(error_summary(rt)), w, w, LongWords::kBreak);
      if (lines.size() > 1 || parts.size() > 2) ++cut_errors_;
      if (parts.size() > 2) {
        parts[1] = truncate_to(parts[1] + " " + parts[2], w);
        parts.resize(2);
      }
      for (const auto& part : parts) put(part);
      return;
    }
    for (const auto& l : lines) {
      for (const auto& part : detail::wrap_lines(l, w, w, LongWords::kBreak)) put(part);
    }
  }

  void write_run(const RuntimeResult& rt, const RunAdvice& run) {
    if (!run.command.empty()) {
      const std::size_t lead = kDetail + 5;  // "run: "
      const auto lines =
          detail::wrap_command(escape_name(run.command), width_ > lead ? width_ - lead : 1,
                               width_ > lead + 2 ? width_ - lead - 2 : 1);
      for (std::size_t i = 0; i < lines.size(); ++i) {
        out_ << (i == 0 ? spaces(kDetail) + "run: " : spaces(lead + 2)) << lines[i] << '\n';
      }
    }
    if (!run.snippet.empty()) {
      if (verbose_) {
        // Code to copy: written as it is, never wrapped.
        out_ << spaces(kDetail) << escape_name(run.snippet_title) << ":\n";
        for (const auto& line : run.snippet)
          out_ << spaces(kDetail + 2) << escape_name(expand_tabs(line)) << '\n';
      } else {
        hidden_snippets_.push_back(escape_name(rt.key));
      }
    }
    for (const auto& n : run.notes) para(spaces(kDetail) + "note: ", escape_name(n), kDetail + 6);
  }

  /// The imports runtimes lack, each distinct list once, naming the runtimes that lack it.
  void write_missing(const CheckResult& r) {
    struct Group {
      const std::vector<std::string>* missing;
      std::vector<std::string> runtimes;
    };
    std::vector<Group> groups;
    for (const auto& rt : r.runtimes) {
      if (rt.missing.empty()) continue;
      auto g = std::find_if(groups.begin(), groups.end(),
                            [&](const Group& x) { return *x.missing == rt.missing; });
      if (g == groups.end()) {
        groups.push_back({&rt.missing, {}});
        g = groups.end() - 1;
      }
      g->runtimes.push_back(rt.key);  // join() escapes
    }
    for (const auto& g : groups) {
      const auto& missing = *g.missing;
      const std::string where = g.runtimes.size() == r.runtimes.size() && g.runtimes.size() > 1
                                    ? "every runtime"
                                    : join(g.runtimes, kAll);
      const std::string module = missing.front().substr(0, missing.front().find("::"));
      const bool one_module =
          std::all_of(missing.begin(), missing.end(), [&](const std::string& i) {
            return i.size() > module.size() + 2 &&
                   i.compare(0, module.size() + 2, module + "::") == 0;
          });
      std::string text;
      if (missing.size() == 1) {
        text = fmt::format("missing on {}: {}", where, escape_name(missing.front()));
      } else if (one_module) {
        std::vector<std::string> names;
        for (const auto& i : missing) names.push_back(i.substr(module.size() + 2));
        text = fmt::format("missing on {} ({} imports from {}): {}", where, missing.size(),
                           escape_name(module), join(names, limit(4)));
      } else {
        text = fmt::format("missing on {} ({} imports): {}", where, missing.size(),
                           join(missing, limit(4)));
      }
      para("  ", text, 4);
    }
  }

  /// What --verbose would add, in one line.
  void write_hint() {
    std::vector<std::string> parts;
    if (!hidden_snippets_.empty())
      parts.push_back("the embedder code for " + and_list(hidden_snippets_));
    if (cut_errors_ == 1) parts.push_back("the full error text");
    if (cut_errors_ > 1) parts.push_back(fmt::format("the full text of {} errors", cut_errors_));
    if (parts.size() == 2) parts = {parts[0] + ", and " + parts[1]};  // the first may hold an "and"
    if (!parts.empty()) para("  ", "--verbose shows " + parts.front(), 4);
  }

  std::ostream& out_;
  bool color_;
  std::size_t width_;
  bool verbose_;
  std::vector<std::string> hidden_snippets_;
  std::size_t cut_errors_ = 0;
};

}  // namespace

namespace detail {
namespace {

void write_gate(const GateResult& g, std::ostream& out, bool color, std::size_t width) {
  if (g.failed()) {
    out << fmt::format("  {} fails:\n", paint(color, "1;31", "gate:"));
    for (const auto& f : g.failures)
      out << hanging(spaces(kRow), kRow, escape_name(f.reason), width, kDetail);
  }
  if (!g.baselined.empty()) {
    out << hanging("  ", 2,
                   fmt::format("baseline: {} accepted finding{} not counted", g.baselined.size(),
                               g.baselined.size() == 1 ? "" : "s"),
                   width, 4);
  }
  for (const auto& k : g.fixed) {
    out << hanging(
        "  ", 2, fmt::format("baseline: no longer found: {} {}", k.rule_id, escape_name(k.subject)),
        width, 4);
  }
}

/// `--quiet`: `PATH: VERDICT (gate: pass)` or `PATH: VERDICT (gate: fail: first reason; N more)`.
/// One line per module, never cut: a CI log must say why, whatever the width.
void write_quiet(const CheckEntry& e, std::ostream& out, bool color) {
  const std::string head =
      escape_name(e.path) + ": " + std::string(to_string(e.result->verdict.verdict));
  if (!e.gate) {
    out << head << '\n';
  } else if (!e.gate->failed()) {
    out << head << " (gate: " << paint(color, "32", "pass") << ")\n";
  } else {
    const auto& f = e.gate->failures;
    out << head << " (gate: " << paint(color, "31", "fail") << ": " << escape_name(f.front().reason);
    if (f.size() > 1) out << fmt::format("; {} more", f.size() - 1);
    out << ")\n";
  }
}

class CheckTextReporter final : public CheckReporter {
 public:
  CheckTextReporter(std::ostream& out, const ReportOptions& o) : out_(out), o_(o) {
    o_.width = std::max<std::size_t>(o_.width, 40);  // as the CLI does; the layout needs it
  }
  void add(const CheckEntry& e) override {
    summary_.add(e);
    if (!e.module || !e.result) return;
    if (o_.quiet) {
      write_quiet(e, out_, o_.color);
      return;
    }
    if (!first_) out_ << '\n';
    first_ = false;
    EntryWriter(out_, o_).write(e);
    if (e.gate) write_gate(*e.gate, out_, o_.color, o_.width);
  }
  void finish() override {
    if (summary_.files < 2) return;
    if (!o_.quiet) out_ << '\n';
    out_ << hanging("", 0,
                    fmt::format("{} files checked: {} could not be read, {} failed the gate",
                                summary_.files, summary_.input_errors, summary_.gate_failures),
                    o_.width, 2);
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
    out << fmt::format("{}  {} {}  ({})\n", paint(options.color, "1", pad(r.id, width)), r.name,
                       r.version, r.host);
    const std::string indent(width + 2, ' ');
    if (r.releases.size() > 1) {
      out << indent << fmt::format("versions: {} ({} releases)\n", r.covered_versions(), r.releases.size());
    }
    std::vector<std::string> provides;
    for (const auto& p : r.provides) {
      std::string s = p.interface_id;
      if (!p.versions.since.empty() || !p.versions.until.empty()) {
        s += fmt::format(" [{}..{}]", p.versions.since, p.versions.until);
      }
      if (!p.grant.empty()) s += " (" + p.grant + ")";
      provides.push_back(std::move(s));
    }
    out << indent << "provides: " << (provides.empty() ? "nothing" : join(provides, 99)) << '\n';
    std::vector<std::string> features;
    for (const auto& [name, entries] : r.features) {  // at the newest version
      const FeatureSupport* f = r.feature(name, r.version);
      if (f == nullptr) continue;
      features.push_back(name + (f->supported ? (f->grant.empty() ? "" : " (" + f->grant + ")") : " no"));
    }
    if (!features.empty()) out << indent << "features: " << join(features, 99) << '\n';
    out << indent << "source:   " << r.provenance.source << " [" << r.provenance.status << "]\n";
  }
}

}  // namespace wasmaudit
