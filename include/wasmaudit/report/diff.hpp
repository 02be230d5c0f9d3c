// SPDX-License-Identifier: Apache-2.0
// `wasm-audit diff OLD NEW`: one renderer per format (text, json, markdown: the format table's
// `diff` row), each a pure function of the two checked releases and their ModuleDiff.
#pragma once

#include <ostream>
#include <string_view>

#include "wasmaudit/policy/diff.hpp"
#include "wasmaudit/report/check.hpp"
#include "wasmaudit/report/format.hpp"

namespace wasmaudit {

/// The old release, the new one and what changed between them. Both entries were read and checked
/// with the same knowledge and options: `module`, `detection` and `result` are present.
struct DiffReport {
  const CheckEntry& before;
  const CheckEntry& after;
  const ModuleDiff& diff;
};

/// For a terminal, fitting `options.width` columns: the two files, then the changes grouped by
/// what changed (module, runtimes, exports, imports, capabilities, findings, toolchain), each
/// marked `!` when it breaks a consumer, with its reason; then one line saying how many changes
/// break a consumer, or that there are no changes. Colours with `options.color`.
void render_diff_text(const DiffReport& report, std::ostream& out, const ReportOptions& options);

/// The `wasm-audit/diff/1` JSON document (docs/json/diff-1.md).
void render_diff_json(const DiffReport& report, std::ostream& out);

/// A pull-request comment: a heading with the outcome, the two files, a table of the breaking
/// changes, then the others (folded in a `<details>` block when some change is breaking).
void render_diff_markdown(const DiffReport& report, std::ostream& out);

/// Renders `report` in `format` (`text`, `json`, `markdown`); false, writing nothing, for a format
/// the format table does not give to `diff`.
bool render_diff(std::string_view format, const DiffReport& report, std::ostream& out,
                 const ReportOptions& options);

inline constexpr const char* kDiffSchema = "wasm-audit/diff/1";

}  // namespace wasmaudit
