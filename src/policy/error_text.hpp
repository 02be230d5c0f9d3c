// SPDX-License-Identifier: Apache-2.0
// Internal to the policy module: the error templates of the knowledge base as lines. `check` fills
// them (evaluator.cpp: the one-line summary of a runtime's error) and `explain` inverts them
// (explain.cpp: recognising a pasted line). Both go through the same cleaning, so a line check
// predicts is a line explain recognises.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wasmaudit::detail {

/// The line of a template that says what failed: the one naming the most of {module}, {name},
/// {expected}, {actual}, {offset}, {offset_hex}, {function}, {index} or {wasi} (ties: the first
/// non-blank line).
std::string telling_line(std::string_view tmpl);

/// A line without its indentation, a log prefix (`[2024-…] [error] `, `[12:00:00:000 - 7f]: `), a
/// tree mark (`╰─▶ `, `╰─> `, `│ `) or a cause number (`1: `).
std::string clean_error_line(std::string line);

/// A template line compiled for matching: literal text between placeholders.
struct LinePattern {
  std::vector<std::string> literals;  ///< literals[i] comes before holes[i]; one more literal than holes
  std::vector<std::string> holes;     ///< placeholder names, without braces
  std::size_t literal_size() const;
};

/// Compiles a (cleaned) template line; `{timestamp}` and the like become holes, and so does `…`
/// (text the template leaves out, such as Wasmer's parameter lists), which captures nothing.
LinePattern compile_line(std::string_view line);

/// Matches `pattern` anywhere in `line` (a cleaned input line): its literals in order, each hole
/// taking the shortest text up to the next literal (a trailing hole takes the rest of the line up
/// to a space, quote or backtick). The captured values by hole name, or nullopt.
std::optional<std::map<std::string, std::string>> match_line(const LinePattern& pattern, std::string_view line);

}  // namespace wasmaudit::detail
