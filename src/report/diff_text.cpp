// SPDX-License-Identifier: Apache-2.0
// `wasm-audit diff` for a terminal, and the dispatch by format.
#include <fmt/format.h>

#include "wasmaudit/report/diff.hpp"
#include "report/escape.hpp"
#include "wrap.hpp"

namespace wasmaudit {
namespace {

using detail::display_width;
using detail::truncate_to;
using detail::wrap_text;

std::string paint(bool color, std::string_view code, std::string_view s) {
  if (!color) return std::string(s);
  return fmt::format("\x1b[{}m{}\x1b[0m", code, s);
}

/// The group a change is listed under; changes come in ChangeKind order, so groups are contiguous.
std::string_view group_of(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kModuleKind:
    case ChangeKind::kShape:
    case ChangeKind::kVerdict:
      return "module";
    case ChangeKind::kRuntimeBroken:
    case ChangeKind::kRuntimeFixed:
    case ChangeKind::kRuntimeChanged:
      return "runtimes";
    case ChangeKind::kExportRemoved:
    case ChangeKind::kExportRetyped:
    case ChangeKind::kExportResized:
    case ChangeKind::kExportAdded:
      return "exports";
    case ChangeKind::kImportRemoved:
    case ChangeKind::kImportRetyped:
    case ChangeKind::kImportAdded:
      return "imports";
    case ChangeKind::kCapabilityLost:
    case ChangeKind::kCapabilityGrant:
    case ChangeKind::kCapabilityGained:
      return "capabilities";
    case ChangeKind::kFindingRemoved:
    case ChangeKind::kFindingAdded:
      return "findings";
    case ChangeKind::kToolchainRemoved:
    case ChangeKind::kToolchainVersion:
    case ChangeKind::kToolchainAdded:
      return "toolchain";
    case ChangeKind::kToolchainSetting:
      return "build settings";
    case ChangeKind::kToolchainDependency:
      return "dependencies";
  }
  return "other";
}

std::string describe_entry(const CheckEntry& e) {
  const Module& m = *e.module;
  const std::string what = m.kind == BinaryKind::kComponent
                               ? std::string("component")
                               : fmt::format("core module, {}", to_string(shape_of(m)));
  return fmt::format("{} ({}; {})", escape_name(e.path), what,
                     to_string(e.result->verdict.verdict));
}

constexpr std::size_t kIndent = 4;  // before the `!` column
constexpr std::size_t kNested = 8;  // detail and reason lines

/// `+ name`, `- name` or `name`, and the value: `type`, or `before → after`. A capability gained or
/// lost shows its title (and whether it needs a grant) in place of the grant word.
std::pair<std::string, std::string> head_of(const Change& c) {
  const std::string subject = escape_name(c.subject);
  if (c.kind == ChangeKind::kCapabilityGained || c.kind == ChangeKind::kCapabilityLost) {
    const bool grant = c.before.value_or(c.after.value_or("")) == "needs a grant";
    return {(c.before ? "- " : "+ ") + subject,
            escape_name(c.detail) + (grant ? " (needs a grant)" : "")};
  }
  if (!c.before) return {"+ " + subject, escape_name(c.after.value_or(""))};
  if (!c.after) return {"- " + subject, escape_name(*c.before)};
  const std::string before = c.before->empty() ? "(none)" : escape_name(*c.before);
  const std::string after = c.after->empty() ? "(none)" : escape_name(*c.after);
  return {subject, before + " → " + after};
}

/// The detail line(s) the text shows: at most two, the second cut with `…`. None for what the head
/// already says (a capability's title) or what adds nothing (a toolchain's name).
std::vector<std::string> detail_lines(const Change& c, std::size_t width) {
  switch (c.kind) {
    case ChangeKind::kCapabilityGained:
    case ChangeKind::kCapabilityLost:
    case ChangeKind::kToolchainRemoved:
    case ChangeKind::kToolchainVersion:
    case ChangeKind::kToolchainAdded:
    case ChangeKind::kToolchainSetting:
    case ChangeKind::kToolchainDependency:
      return {};
    default:
      break;
  }
  if (c.detail.empty()) return {};
  auto lines = wrap_text(escape_name(c.detail), width, true);
  if (lines.size() > 2) {
    lines.resize(2);
    lines[1] = truncate_to(lines[1] + " …", width);  // ends in `…` either way
  }
  return lines;
}

void write_lines(std::string_view prefix_word, const std::string& text, std::size_t width,
                 std::ostream& out) {
  const std::string indent(kNested, ' ');
  const std::string body = std::string(prefix_word) + text;
  for (const auto& line : wrap_text(body, width - kNested, true)) out << indent << line << '\n';
}

void write_group(const std::vector<const Change*>& changes, std::size_t width, bool color,
                 std::ostream& out) {
  std::size_t subject_width = 0;
  std::vector<std::pair<std::string, std::string>> heads;
  for (const Change* c : changes) {
    heads.push_back(head_of(*c));
    subject_width = std::max(subject_width, display_width(heads.back().first));
  }
  subject_width = std::min<std::size_t>(subject_width, 44);
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const Change& c = *changes[i];
    const auto& [subject, value] = heads[i];
    const std::string mark = c.breaking ? paint(color, "1;31", "!") : " ";
    const std::size_t pad =
        subject_width > display_width(subject) ? subject_width - display_width(subject) : 0;
    const std::size_t used = kIndent + 2 + display_width(subject) + pad + 2;
    out << std::string(kIndent, ' ') << mark << ' ';
    if (value.empty()) {
      out << truncate_to(subject, width - kIndent - 2) << '\n';
    } else if (used + display_width(value) <= width) {
      out << subject << std::string(pad, ' ') << "  " << value << '\n';
    } else if (kIndent + 2 + display_width(subject) + 2 + display_width(value) <= width) {
      out << subject << "  " << value << '\n';
    } else {
      out << truncate_to(subject, width - kIndent - 2) << '\n';
      out << std::string(kNested, ' ') << truncate_to(value, width - kNested) << '\n';
    }
    for (const auto& line : detail_lines(c, width - kNested)) {
      out << std::string(kNested, ' ') << line << '\n';
    }
    // One reason for a run of changes that share it (twenty imports of the same glue, …).
    const bool last_of_run = i + 1 == changes.size() || changes[i + 1]->breaking != c.breaking ||
                             changes[i + 1]->reason != c.reason || changes[i + 1]->kind != c.kind;
    if (last_of_run) {
      write_lines(c.breaking ? "breaking: " : "compatible: ", escape_name(c.reason), width, out);
    }
  }
}

}  // namespace

void render_diff_text(const DiffReport& r, std::ostream& out, const ReportOptions& options) {
  const std::size_t width = std::max<std::size_t>(options.width, 40);
  const bool color = options.color;
  // Never wrapped, as check writes its header: a path is one word, and where a line breaks must not
  // depend on how long the paths are.
  out << paint(color, "1", "old:") << ' ' << describe_entry(r.before) << '\n';
  out << paint(color, "1", "new:") << ' ' << describe_entry(r.after) << '\n';
  const auto& changes = r.diff.changes;
  if (changes.empty()) {
    for (const auto& line : wrap_text(
             "no changes: the same imports, exports, capabilities, runtime outcomes, verdict and "
             "toolchain (offsets, sizes and build ids are not compared)",
             width)) {
      out << line << '\n';
    }
    return;
  }
  for (std::size_t i = 0; i < changes.size();) {
    const std::string_view group = group_of(changes[i].kind);
    std::vector<const Change*> members;
    for (; i < changes.size() && group_of(changes[i].kind) == group; ++i)
      members.push_back(&changes[i]);
    out << "  " << paint(color, "1", group) << ":\n";
    write_group(members, width, color, out);
  }
  const std::size_t n = changes.size();
  const std::size_t breaking = r.diff.breaking_count();
  const std::string summary =
      breaking == 0
          ? fmt::format(
                "{} change{}, none breaking: consumers of the old release work with the new one", n,
                n == 1 ? "" : "s")
          : fmt::format("{} of {} change{} breaking (!): a consumer of the old release may fail",
                        breaking, n, n == 1 ? "" : "s");
  const auto lines = wrap_text(summary, width);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out << (i == 0 && breaking > 0 ? paint(color, "1;31", lines[i]) : lines[i]) << '\n';
  }
}

bool render_diff(std::string_view format, const DiffReport& report, std::ostream& out,
                 const ReportOptions& options) {
  if (format == "text") {
    render_diff_text(report, out, options);
  } else if (format == "json") {
    render_diff_json(report, out);
  } else if (format == "markdown") {
    render_diff_markdown(report, out);
  } else {
    return false;
  }
  return true;
}

}  // namespace wasmaudit
