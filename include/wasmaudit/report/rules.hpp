// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ostream>

#include "wasmaudit/policy/knowledge.hpp"
#include "wasmaudit/report/format.hpp"

namespace wasmaudit {

/// `wasm-audit rules`: per rule, its id, severity (after --policy overrides), title, what it means
/// and its fix, wrapped to `options.width`.
void render_rules_text(const Knowledge& knowledge, std::ostream& out, const ReportOptions& options);
/// The `wasm-audit/rules/1` document: {"schema", "tool", "rules": [{"id", "severity", "title",
/// "description", "fix", "tags", "pitfalls", "profile", "source", "status"}]}.
void render_rules_json(const Knowledge& knowledge, std::ostream& out);

/// The severity a rule has in `knowledge`: its default, or a policy's override.
Severity effective_severity(const Knowledge& knowledge, const Rule& rule);

}  // namespace wasmaudit
