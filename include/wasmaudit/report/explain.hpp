// SPDX-License-Identifier: Apache-2.0
// Rendering what `explain` recognised (policy/explain.hpp): text for a terminal, JSON
// (docs/json/explain-1.md).
#pragma once

#include <ostream>
#include <string_view>

#include "wasmaudit/policy/explain.hpp"
#include "wasmaudit/report/format.hpp"

namespace wasmaudit {

void render_explain_text(const ExplainResult& result, std::ostream& out, const ReportOptions& options);
void render_explain_json(const ExplainResult& result, std::ostream& out);

/// Renders `result` in `format` (`text`, `json`); false, writing nothing, for another format.
bool render_explain(std::string_view format, const ExplainResult& result, std::ostream& out,
                    const ReportOptions& options);

inline constexpr const char* kExplainSchema = "wasm-audit/explain/1";

}  // namespace wasmaudit
