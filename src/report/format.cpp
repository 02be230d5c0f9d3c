// SPDX-License-Identifier: Apache-2.0
#include "wasmaudit/report/format.hpp"

#include <algorithm>
#include <array>

#include "reporters.hpp"
#include "wasmaudit/policy/gate.hpp"
#include "wasmaudit/policy/loader.hpp"
#include "wasmaudit/report/diff.hpp"
#include "wasmaudit/report/explain.hpp"
#include "wasmaudit/report/matrix.hpp"
#include "wasmaudit/version.hpp"

namespace wasmaudit {
namespace {

constexpr unsigned bits(std::initializer_list<Command> commands) {
  unsigned b = 0;
  for (auto c : commands) b |= static_cast<unsigned>(c);
  return b;
}

using C = Command;
constexpr std::array kFormats = {
    OutputFormat{"text", "for a terminal (default)",
                 bits({C::kInspect, C::kCheck, C::kDiff, C::kRules, C::kRuntimes, C::kExplain, C::kMatrix})},
    OutputFormat{"json", "one JSON document (schema wasm-audit/<command>/1)",
                 bits({C::kInspect, C::kCheck, C::kDiff, C::kRules, C::kRuntimes, C::kExplain, C::kMatrix})},
    OutputFormat{"jsonl", "JSON Lines: one check object per module, flushed as each is done", bits({C::kCheck})},
    OutputFormat{"sarif", "SARIF 2.1.0 for code scanning (GitHub)", bits({C::kCheck})},
    OutputFormat{"junit", "JUnit XML: a test case per runtime (GitLab, Jenkins)", bits({C::kCheck})},
    OutputFormat{"markdown", "a pull-request comment or $GITHUB_STEP_SUMMARY", bits({C::kCheck, C::kDiff, C::kMatrix})},
    OutputFormat{"csv", "comma-separated values: a row per module, three columns per runtime", bits({C::kMatrix})},
    OutputFormat{"html", "one self-contained page: sortable, filterable, dark mode", bits({C::kMatrix})},
};

bool applies(const OutputFormat& f, Command c) { return (f.commands & static_cast<unsigned>(c)) != 0; }

}  // namespace

std::span<const OutputFormat> output_formats() { return kFormats; }

std::vector<std::string> format_names(Command command) {
  std::vector<std::string> out;
  for (const auto& f : kFormats) {
    if (applies(f, command)) out.emplace_back(f.name);
  }
  return out;
}

std::string format_help(Command command) {
  std::string out;
  for (const auto& f : kFormats) {
    if (!applies(f, command)) continue;
    out += (out.empty() ? "" : ", ") + std::string(f.name);
  }
  return out + " (docs/cli.md)";
}

std::string format_table_text() {
  std::string out = "Output formats (--format), and the commands that accept them:\n";
  const std::pair<Command, const char*> commands[] = {{Command::kInspect, "inspect"}, {Command::kCheck, "check"},
                                                      {Command::kDiff, "diff"}, {Command::kRules, "rules"},
                                                      {Command::kRuntimes, "runtimes"}, {Command::kExplain, "explain"},
                                                      {Command::kMatrix, "matrix"}};
  for (const auto& f : output_formats()) {
    std::string which;
    for (const auto& [c, name] : commands) {
      if ((f.commands & static_cast<unsigned>(c)) != 0) which += (which.empty() ? "" : ", ") + std::string(name);
    }
    out += "  " + std::string(f.name) + std::string(10 - std::min<std::size_t>(9, f.name.size()), ' ') +
           std::string(f.summary) + "\n" + std::string(12, ' ') + which + "\n";
  }
  return out;
}

std::string version_text() {
  std::string out = std::string("wasm-audit ") + kVersion + "\nlibrary: libwasmaudit " + kVersion + "\nJSON schemas:";
  for (const char* schema : {kInspectSchema, kCheckSchema, kCheckLineSchema, kDiffSchema, kExplainSchema, kMatrixSchema,
                             kBaselineSchema}) {
    out += std::string(" ") + schema;
  }
  return out + "\nknowledge base: " + std::to_string(builtin_documents().size()) + " documents, sha256 " +
         builtin_knowledge_digest().substr(0, 16);
}

void BatchSummary::add(const CheckEntry& entry) {
  ++files;
  if (entry.error) ++input_errors;
  if (entry.gate && entry.gate->failed()) ++gate_failures;
  if (entry.result) {
    for (const auto& f : entry.result->findings) ++findings[static_cast<int>(f.severity)];
  }
}

std::unique_ptr<CheckReporter> make_check_reporter(std::string_view format, std::ostream& out,
                                                   const ReportOptions& options) {
  if (format == "text") return detail::make_check_text(out, options);
  if (format == "json") return detail::make_check_json(out, options);
  if (format == "jsonl") return detail::make_check_jsonl(out, options);
  if (format == "sarif") return detail::make_check_sarif(out, options);
  if (format == "junit") return detail::make_check_junit(out, options);
  if (format == "markdown") return detail::make_check_markdown(out, options);
  return nullptr;
}

std::unique_ptr<InspectReporter> make_inspect_reporter(std::string_view format, std::ostream& out,
                                                       const ReportOptions& options) {
  if (format == "text") return detail::make_inspect_text(out, options);
  if (format == "json") return detail::make_inspect_json(out, options);
  return nullptr;
}

}  // namespace wasmaudit
