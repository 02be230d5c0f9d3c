// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "wasmaudit/detect/detect.hpp"
#include "wasmaudit/model/module.hpp"
#include "wasmaudit/report/input_error.hpp"

namespace wasmaudit {

/// The result of inspecting one file: a module, or the input error that stopped reading it.
struct InspectEntry {
  std::string path;
  std::optional<Module> module;
  std::optional<Detection> detection;  ///< present whenever `module` is
  std::optional<InputError> error;
};

struct TextOptions {
  bool color = false;  ///< ANSI colours (headings, kinds)
};

/// Writes the human-readable inspect report of every entry that has a module. Entries with an
/// error are skipped here: their diagnostics go to stderr through format_error_line().
void render_inspect_text(const std::vector<InspectEntry>& entries, std::ostream& out,
                         const TextOptions& options);

/// Writes the `wasm-audit/inspect/1` JSON document (docs/json/inspect-1.md), errors included.
void render_inspect_json(const std::vector<InspectEntry>& entries, std::ostream& out);

/// The schema identifier written into the JSON document.
inline constexpr const char* kInspectSchema = "wasm-audit/inspect/1";

}  // namespace wasmaudit
