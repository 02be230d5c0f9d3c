// SPDX-License-Identifier: Apache-2.0
// Internal to the JSON reporters: pieces every schema shares.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "wasmaudit/report/input_error.hpp"
#include "wasmaudit/version.hpp"

namespace wasmaudit {
struct CheckEntry;
struct GateResult;
struct BatchSummary;
}  // namespace wasmaudit

namespace wasmaudit::detail {

using Json = nlohmann::ordered_json;

/// One file object of `wasm-audit/check/1` (check_json.cpp): what `json` lists and `jsonl` streams.
Json check_entry_json(const CheckEntry& entry);
/// A file's `"gate"` object: {"failed", "reasons": [{"rule", "subject", "reason"}], "baselined", "fixed"}.
Json gate_json(const GateResult& gate);
/// The `"summary"` object: files, finding counts by severity, input errors, gate failures.
Json summary_json(const BatchSummary& summary);

/// {"name": "wasm-audit", "version": …}
inline Json tool_json() { return Json{{"name", "wasm-audit"}, {"version", kVersion}}; }

/// The "error" object of a file that could not be read (docs/json/inspect-1.md).
inline Json input_error_json(const std::string& path, const InputError& error) {
  Json e;
  e["message"] = error.message;
  e["context"] = error.context.empty() ? Json(nullptr) : Json(error.context);
  e["offset"] = error.offset ? Json(*error.offset) : Json(nullptr);
  e["line"] = format_error_line(path, error);
  return e;
}

}  // namespace wasmaudit::detail
