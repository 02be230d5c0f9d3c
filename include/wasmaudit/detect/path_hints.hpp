// SPDX-License-Identifier: Apache-2.0
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

#include "wasmaudit/model/module.hpp"

namespace wasmaudit {

struct PathHint;

struct PathScanOptions {
  std::size_t max_bytes = 16u << 20;  ///< bound on the data-section bytes scanned
  std::size_t max_hints = 256;        ///< stop after this many distinct paths
  /// Paths known to be embedded whole (usually the knowledge base's library paths, e.g.
  /// "/etc/hosts"): strings that start with one are cut after it, which splits strings that a
  /// toolchain stores without separators (Go: "/dev/stdout/dev/stderr").
  std::vector<std::string> known_paths;
  /// Strings starting so are not file paths (Go's runtime/metrics names, "/gc/heap/goal:bytes"):
  /// never reported.
  std::vector<std::string> not_path_prefixes;
  /// A run of path bytes holding one of these anywhere is not a file path at all (Cargo's
  /// registry sources in Rust panic locations, "$HOME/.cargo/registry/src/…"): skipped whole.
  std::vector<std::string> not_path_substrings;
};

/// Absolute paths in the data section, in file order, each once (at its first occurrence).
/// C strings end at their NUL; toolchains that store strings without a terminator (Go, Rust) pack
/// them end to end, so a candidate is cut at a known path, at a known file extension
/// ("config.jsonreflect.Value" -> "config.json"), or before a long digit run, and filtered for
/// junk (binary neighbours, one-letter names, source-file paths from debug data).
std::vector<PathHint> scan_path_hints(const Module& module, std::span<const std::uint8_t> bytes,
                                      const PathScanOptions& options = {});

}  // namespace wasmaudit
