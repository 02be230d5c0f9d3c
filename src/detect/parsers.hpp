// SPDX-License-Identifier: Apache-2.0
// Internal to detect: the custom-section parsers (one file each) and the Go module-info scan.
// Parsers take a ByteReader over the section payload (file offsets) and throw DecodeError on
// malformed input; detect() catches that per section and records a warning.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "binary/byte_reader.hpp"
#include "wasmaudit/detect/detect.hpp"

namespace wasmaudit::detail {

/// Glob match with '*' (any run of characters), as the knowledge base's globs.
bool glob(std::string_view pattern, std::string_view text) noexcept;

/// A reader over `range` of the file.
ByteReader reader_over(std::span<const std::uint8_t> bytes, const ByteRange& range);

/// `producers` (tool-conventions ProducersSection.md): field count, then per field its name and a
/// vector of (name, version) strings.
std::vector<ProducerValue> read_producers(ByteReader r);

/// `target_features` (written by wasm-ld): a vector of (prefix `+`, `-` or `=`, feature name);
/// returned as "+atomics".
std::vector<std::string> read_target_features(ByteReader r);

/// One entry of the `name` section's function names (subsection 1).
struct FunctionName {
  std::uint32_t index = 0;
  std::string_view name;  ///< points into the file's bytes
  ByteRange range;        ///< the entry: index and name
};

/// Calls `visit` for every function name of the `name` section, in order; other subsections
/// are skipped by size. Throws DecodeError at an entry whose index is not above the one before it
/// (a name map is strictly increasing), after visiting the entries before it.
void read_function_names(ByteReader r, const std::function<void(const FunctionName&)>& visit);

/// The build ID in Go's `go:buildid` payload (`\xff Go build ID: "…"\n \xff`), or nullopt if the
/// payload does not have that form.
std::optional<std::string> read_go_build_id(std::span<const std::uint8_t> payload);

/// Go's module info: the text the go command hands the linker as `runtime.modinfo`.
struct GoModuleInfo {
  std::string go_version;  ///< a `go` line, which current releases do not write
  std::string package;
  std::optional<BuildModule> main_module;
  std::vector<BuildModule> dependencies;
  std::vector<std::pair<std::string, std::string>> settings;  ///< `build` lines, in order
  ByteRange range;                                            ///< the text between the sentinels
};

/// Parses the module info text (lines of tab-separated words; `build KEY=VALUE` with Go-quoted
/// keys and values). Unknown lines are ignored.
GoModuleInfo parse_go_module_info(std::string_view text);

/// What the bounded scan of the data section found.
struct GoDataScan {
  std::optional<GoModuleInfo> module_info;
  std::string version;  ///< `runtime.buildVersion` ("go1.24.4"), when exactly one candidate
  ByteRange version_range;
  bool truncated = false;  ///< the data section is larger than the scan bound
};

/// Looks for Go's module-info sentinels (cmd/go/internal/modload/build.go `infoStart`, `infoEnd`)
/// in the first `max_bytes` of `data` (the data section's payload); with `want_version`, also for
/// a NUL-delimited `go1.N[.P]` string.
GoDataScan scan_go_data(std::span<const std::uint8_t> bytes, const ByteRange& data,
                        std::size_t max_bytes, bool want_version);

}  // namespace wasmaudit::detail
