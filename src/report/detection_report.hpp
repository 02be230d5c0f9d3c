// SPDX-License-Identifier: Apache-2.0
// Internal to the reporters: what detect() found, as text lines and as JSON keys, shared by the
// inspect and check reports (docs/json/inspect-1.md, "Detection").
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include "json_common.hpp"
#include "wasmaudit/detect/detect.hpp"

namespace wasmaudit::detail {

enum class DetectionText : std::uint8_t {
  kCompact,     ///< check: `toolchain:` and `settings:` (settings cut to one line), warnings
  kCompactAll,  ///< check --verbose: the same with every setting
  kFull,        ///< inspect: every setting, the Go module, `producers:` and `target features:`
};

/// Writes the detection lines, each starting with `indent` and fitting `width` columns (wrapped
/// with a hanging indent under the value); nothing when nothing was found. Labels are bold when
/// `color` is on (the codes count no columns).
void write_detection_text(const Detection& d, DetectionText level, const std::string& indent,
                          bool color, std::size_t width, std::ostream& out);

/// Adds "toolchains", "producers", "target_features" and "detection_warnings" to a file object.
void add_detection_json(Json& file, const Detection& d);

/// A component's core modules, one line each under a `core modules (N):` heading: where, how big,
/// what built it (from `d->parts`, when detection ran), and its imports by module.
void write_parts_text(const Module& m, const Detection* d, const std::string& indent, bool color,
                      std::size_t width, std::ostream& out);

/// A component's core modules as the "parts" array (docs/json/inspect-1.md).
Json parts_json(const Module& m, const Detection* d);

}  // namespace wasmaudit::detail
