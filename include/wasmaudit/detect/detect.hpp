// SPDX-License-Identifier: Apache-2.0
// What built a module, and what else its bytes say beyond imports and exports: producers,
// target_features, function names, Go's module info, absolute paths in the data section.
// Reads only what it needs, never function bodies; a malformed custom section is a warning here,
// never an input error (an audit must not fail because a `name` section is broken).
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "wasmaudit/detect/path_hints.hpp"
#include "wasmaudit/model/module.hpp"

namespace wasmaudit {

/// A fact the detection rests on, and where in the file it was read.
struct Evidence {
  std::string what;  ///< "producers: language Go go1.24.4", "import module gojs", …
  ByteRange range;
};

/// One toolchain the module was (probably) built with.
struct ToolchainGuess {
  std::string id;          ///< "go", "tinygo", "rust", "wasm-bindgen", "emscripten", "wasi-sdk", …
  std::string name;        ///< "Go (gc)"
  std::string version;     ///< "go1.24.4"; empty if the binary does not say
  std::string confidence;  ///< "high", "medium", "low"
  std::map<std::string, std::string> settings;  ///< Go: GOOS, GOARCH, -buildmode, CGO_ENABLED, …
  std::vector<Evidence> evidence;
};

/// An absolute path that appears as a string in the data section.
struct PathHint {
  std::string path;
  ByteRange range;
};

/// Everything detection found.
struct Detection {
  std::vector<ToolchainGuess> toolchains;  ///< most confident first
  std::map<std::string, std::vector<std::string>> producers;  ///< field -> "name version" values
  std::vector<std::string> target_features;  ///< "+atomics", "-simd128", … as the section lists them
  std::vector<std::string> warnings;         ///< custom sections that could not be read, and why
  std::vector<PathHint> paths;
  /// Function names of interest from the `name` section (e.g. Go calls that always fail on
  /// wasip1), as the name section spells them.
  std::vector<std::string> notable_functions;
};

struct DetectOptions {
  std::size_t max_data_scan = 16u << 20;  ///< bound on data-section bytes scanned for markers
  PathScanOptions paths;                  ///< the path-hint scan (path_hints.hpp)
};

/// Detects from the module and its file bytes (the same bytes read_module() read).
Detection detect(const Module& module, std::span<const std::uint8_t> bytes,
                 const DetectOptions& options = {});

}  // namespace wasmaudit
