// SPDX-License-Identifier: Apache-2.0
// The output formats: one table that the CLI's --format choices, its help and the tests read, and
// one reporter interface per command that every format implements (docs/architecture.md, Output).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wasmaudit/report/check.hpp"
#include "wasmaudit/report/inspect.hpp"

namespace wasmaudit {

/// The commands a format may apply to (a bit set in OutputFormat::commands).
enum class Command : std::uint8_t { kInspect = 1, kCheck = 2, kDiff = 4, kRules = 8, kRuntimes = 16, kExplain = 32,
                                    kMatrix = 64 };

struct OutputFormat {
  std::string_view name;     ///< the --format value
  std::string_view summary;  ///< one line for --help
  unsigned commands;         ///< the Command bits it applies to
};

/// Every format, in the order help lists them.
std::span<const OutputFormat> output_formats();
/// The formats one command accepts, in table order ("text", "json", …).
std::vector<std::string> format_names(Command command);
/// "text, json, … (docs/cli.md)": the --format help of one command.
std::string format_help(Command command);
/// `wasm-audit help formats`: every format, its summary and the commands that accept it.
std::string format_table_text();

/// `wasm-audit --version`: the tool and library version (semantic versioning, CHANGELOG.md), the
/// JSON schema ids it writes (each versioned on its own: docs/json/), and the built-in knowledge
/// base (its document count and digest).
std::string version_text();

/// How reports are written. Each reporter reads what applies to its format.
struct ReportOptions {
  bool color = false;          ///< text: ANSI colours
  std::size_t width = 80;      ///< text: columns to fit (COLUMNS; at least 40)
  bool verbose = false;        ///< text, markdown: embedder snippets (Node's run.mjs, wazero's Go)
  bool quiet = false;          ///< text: one verdict line per module
  std::string sarif_root;      ///< SARIF: artifact URIs relative to this directory ("" = working directory)
  const Knowledge* knowledge = nullptr;  ///< the rule catalogue (SARIF's tool.driver.rules)
  const GateOptions* gate = nullptr;     ///< the gate the results were decided with
};

/// What a batch came to: the counts every format's summary states.
struct BatchSummary {
  std::size_t files = 0;          ///< inputs, including those that could not be read
  std::size_t input_errors = 0;   ///< inputs that could not be read or decoded
  std::size_t gate_failures = 0;  ///< modules whose gate failed
  std::size_t findings[3] = {0, 0, 0};  ///< by Severity (note, warning, error)
  void add(const CheckEntry& entry);
};

/// Receives the checked modules of a batch one at a time, in input order, then finish(). A format
/// that streams (JSON Lines) writes and flushes each module at once; the others may wait.
class CheckReporter {
 public:
  virtual ~CheckReporter() = default;
  virtual void add(const CheckEntry& entry) = 0;
  virtual void finish() = 0;
};

/// The reporter of `format` for `check`; nullptr for a name the table does not give to `check`.
std::unique_ptr<CheckReporter> make_check_reporter(std::string_view format, std::ostream& out,
                                                   const ReportOptions& options);

/// The same for `inspect`.
class InspectReporter {
 public:
  virtual ~InspectReporter() = default;
  virtual void add(const InspectEntry& entry) = 0;
  virtual void finish() = 0;
};
std::unique_ptr<InspectReporter> make_inspect_reporter(std::string_view format, std::ostream& out,
                                                       const ReportOptions& options);

}  // namespace wasmaudit
