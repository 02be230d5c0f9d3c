// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include <algorithm>

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

void write_entry(const CheckEntry& e, std::ostream& out, bool color) {
  const Module& m = *e.module;
  const CheckResult& r = *e.result;
  const std::string what = m.kind == BinaryKind::kComponent
                               ? std::string("component")
                               : fmt::format("core module, {}", to_string(shape_of(m)));
  out << paint(color, "1", escape_name(e.path)) << fmt::format(" ({})\n", what);

  out << fmt::format("  {} ({}):\n", paint(color, "1", "findings"), r.findings.size());
  for (const auto& f : r.findings) {
    out << fmt::format("    {:<7} {}  {}  {}\n",
                       paint(color, severity_color(f.severity), to_string(f.severity)), f.rule_id,
                       escape_name(f.subject), fmt::format("@0x{:x}", f.range.offset));
    out << fmt::format("            {}\n", escape_name(f.message));
    if (!f.fix.empty()) out << fmt::format("            fix: {}\n", escape_name(f.fix));
  }

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
    for (const auto& n : rt.notes) out << indent << "note: " << escape_name(n) << '\n';
  }
  std::string verdict(to_string(r.verdict.verdict));
  if (!r.verdict.runtimes.empty() && (r.verdict.verdict == Verdict::kRuntimeLocked)) {
    verdict += " (" + join(r.verdict.runtimes, 10) + ")";
  }
  out << fmt::format("  {} {} — {}\n", paint(color, "1", "verdict:"), verdict, r.verdict.summary);
}

}  // namespace

void render_check_text(const std::vector<CheckEntry>& entries, std::ostream& out,
                       const TextOptions& options) {
  bool first = true;
  for (const auto& e : entries) {
    if (!e.module || !e.result) continue;
    if (!first) out << '\n';
    first = false;
    write_entry(e, out, options.color);
  }
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
