// SPDX-License-Identifier: Apache-2.0
// Internal (not installed): the scan behind Detection::paths; its options are in detect.hpp.
// Absolute paths that appear as strings in the data section ("/etc/hosts", "/input/config.json"):
// what a program will probably try to open, so an audit can say which directories it needs.
// A bounded byte scan, never a decode of code. Heuristic by nature (docs/architecture.md, "Path
// hints").
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "wasmaudit/detect/detect.hpp"
#include "wasmaudit/model/module.hpp"

namespace wasmaudit {

/// Absolute paths in the data section, in file order, each once (at its first occurrence).
/// C strings end at their NUL; toolchains that store strings without a terminator (Go, Rust) pack
/// them end to end, so a candidate is cut at a known path, at a known file extension
/// ("config.jsonreflect.Value" -> "config.json"), or before a long digit run, and filtered for
/// junk (binary neighbours, one-letter names, source-file paths from debug data).
std::vector<PathHint> scan_path_hints(const Module& module, std::span<const std::uint8_t> bytes,
                                      const PathScanOptions& options = {});

}  // namespace wasmaudit
