// SPDX-License-Identifier: Apache-2.0
// The library facade: file in, model or input error out. What the CLI calls; what embedders call.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "wasmaudit/binary/limits.hpp"

#include "wasmaudit/policy/evaluator.hpp"
#include "wasmaudit/report/check.hpp"
#include "wasmaudit/report/inspect.hpp"

namespace wasmaudit {

/// How a module's file is read.
struct ReadOptions {
  bool sha256 = false;                             ///< also hash its bytes (`CheckEntry::sha256`)
  std::uint64_t max_size = limits::kMaxReadBytes;  ///< the most bytes read into memory (`-`, --max-size)
};

/// Reads `path` (memory-mapped) and decodes it. Never throws for bad input: an unreadable file or a
/// malformed binary comes back as `entry.error`.
InspectEntry inspect_file(const std::string& path);
/// The same with detection options (check_file passes the knowledge base's path-scan options).
InspectEntry inspect_file(const std::string& path, const DetectOptions& options,
                          const ReadOptions& read = {});

/// Reads and audits `path` against `knowledge`. Input errors come back as `entry.error`; an
/// unknown runtime in `options` throws std::invalid_argument (a usage error, not an input error).
CheckEntry check_file(const std::string& path, const Knowledge& knowledge, const EvalOptions& options,
                      const ReadOptions& read = {});

/// The same for a module already in memory; `name` is what reports call it (its path, a URL).
/// A malformed binary comes back as `entry.error`, its offset into `bytes`.
InspectEntry inspect_bytes(std::span<const std::uint8_t> bytes, const std::string& name);
/// check_file() for a module in memory (`entry.sha256` is always set).
CheckEntry check_bytes(std::span<const std::uint8_t> bytes, const std::string& name, const Knowledge& knowledge,
                       const EvalOptions& options);

}  // namespace wasmaudit
