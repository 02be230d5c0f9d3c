// SPDX-License-Identifier: Apache-2.0
// `wasm-audit diff` as a pull-request comment (GitHub-flavoured Markdown).
#include <fmt/format.h>

#include "markdown.hpp"
#include "wasmaudit/report/diff.hpp"
#include "report/escape.hpp"

namespace wasmaudit {
namespace {

std::string cell(std::string_view text) { return detail::md_text(text); }
std::string code(std::string_view text) { return detail::md_code(text, detail::MdIn::kTable); }

std::string optional_code(const std::optional<std::string>& s) {
  if (!s) return "";
  return s->empty() ? "(none)" : code(*s);
}

std::string describe_entry(const CheckEntry& e) {
  const Module& m = *e.module;
  const std::string what = m.kind == BinaryKind::kComponent
                               ? std::string("component")
                               : fmt::format("core module, {}", to_string(shape_of(m)));
  return fmt::format("{} ({}; `{}`)", code(e.path), what, to_string(e.result->verdict.verdict));
}

void write_table(const std::vector<const Change*>& changes, std::ostream& out) {
  out << "| change | subject | before | after | detail | reason |\n";
  out << "| --- | --- | --- | --- | --- | --- |\n";
  for (const Change* c : changes) {
    out << fmt::format("| {} | {} | {} | {} | {} | {} |\n", to_string(c->kind), code(c->subject),
                       optional_code(c->before), optional_code(c->after), cell(c->detail),
                       cell(c->reason));
  }
}

}  // namespace

void render_diff_markdown(const DiffReport& r, std::ostream& out) {
  const auto& changes = r.diff.changes;
  const std::size_t breaking = r.diff.breaking_count();
  const char* outcome = changes.empty() ? "no changes"
                        : breaking > 0  ? "breaking"
                                        : "no breaking change";
  out << "## wasm-audit diff: " << outcome << "\n\n";
  out << "- old: " << describe_entry(r.before) << '\n';
  out << "- new: " << describe_entry(r.after) << "\n\n";
  if (changes.empty()) {
    out << "The two releases have the same imports, exports, capabilities, runtime outcomes, "
           "verdict and "
           "toolchain (offsets, sizes and build ids are not compared).\n";
    return;
  }
  std::vector<const Change*> broken;
  std::vector<const Change*> others;
  for (const auto& c : changes) (c.breaking ? broken : others).push_back(&c);
  if (broken.empty()) {
    out << fmt::format(
        "{} change{}, none breaking: a consumer of the old release works with the new one.\n\n",
        changes.size(), changes.size() == 1 ? "" : "s");
    write_table(others, out);
    return;
  }
  out << fmt::format(
      "**{} of {} change{} break{} a consumer**: a host or program that used the old release "
      "may fail with the new one.\n\n",
      breaking, changes.size(), changes.size() == 1 ? "" : "s", breaking == 1 ? "s" : "");
  out << "### Breaking changes\n\n";
  write_table(broken, out);
  if (others.empty()) return;
  out << fmt::format("\n<details><summary>{} other change{}</summary>\n\n", others.size(),
                     others.size() == 1 ? "" : "s");
  write_table(others, out);
  out << "\n</details>\n";
}

}  // namespace wasmaudit
