// SPDX-License-Identifier: Apache-2.0
// What built a module, and what else its bytes say beyond imports and exports: producers,
// target_features, function names, Go's module info, absolute paths in the data section.
// Reads only what it needs, never function bodies; a malformed custom section is a warning here,
// never an input error (an audit must not fail because a `name` section is broken).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wasmaudit/detect/fingerprint.hpp"
#include "wasmaudit/model/module.hpp"

namespace wasmaudit {

/// A fact the detection rests on, and where in the file it was read.
struct Evidence {
  std::string what;   ///< "producers language: Go go1.24.4", "import gojs::runtime.wasmExit", …
  std::string where;  ///< the part of the file: "custom section", "producers", "import",
                      ///< "imports", "export", "name section", "data section"
  ByteRange range;
  Confidence confidence = Confidence::kMedium;  ///< what this fact alone says
};

/// A Go module of the build, from the module info the Go linker leaves in the data section.
struct BuildModule {
  std::string path;
  std::string version;      ///< "(devel)" for a main module built from a checkout
  std::string sum;          ///< "h1:…", or empty
  std::string replaced_by;  ///< "path version" of a `=>` replacement, or empty
};

/// One toolchain the module was (probably) built with.
struct ToolchainGuess {
  std::string id;       ///< the fingerprint's id: "go", "tinygo", "rust", "wasm-bindgen", …
  std::string name;     ///< "Go (gc)"
  std::string version;  ///< "go1.24.4", "1.92.0"; empty if the binary does not say
  Confidence confidence = Confidence::kLow;  ///< the strongest evidence's
  /// Build settings as the binary records them. Go: the module info's `build` lines, keyed as Go
  /// writes them (`GOOS`, `GOARCH`, `-buildmode`, `CGO_ENABLED`, `-tags`, `-trimpath`,
  /// `-ldflags`, `vcs.revision`, …), values unquoted.
  std::map<std::string, std::string> settings;
  std::string package;                     ///< Go: the main package path (`path` line)
  std::optional<BuildModule> main_module;  ///< Go: the `mod` line
  std::vector<BuildModule> dependencies;   ///< Go: the `dep` lines, in order
  std::string build_id;                    ///< Go: the `go:buildid` section's build ID
  std::vector<Evidence> evidence;          ///< in the order the fingerprint lists its patterns
};

/// One value of the `producers` custom section (tool-conventions ProducersSection.md).
struct ProducerValue {
  std::string field;    ///< `language`, `processed-by`, `sdk` (or any other field name)
  std::string name;     ///< "Go", "rustc", "clang"
  std::string version;  ///< as written: "go1.24.4", "1.92.0 (ded5c06cf 2025-12-08)", often ""
  ByteRange range;      ///< the name and version strings in the file
};

/// A function in the `name` section that means a call that always fails on the target.
struct NotableCall {
  std::string toolchain;  ///< the fingerprint that lists it
  std::string function;   ///< as the name section spells it: "os_exec.__Cmd_.Start"
  std::string call;       ///< as messages name it: "os/exec.(*Cmd).Start"
  std::string rule;       ///< the rule id findings get
  std::uint32_t func_index = 0;
  ByteRange range;  ///< the name entry in the `name` section
};

/// A custom section (or the data scan) that could not be read. Never an input error.
struct DetectWarning {
  std::string section;  ///< "producers", "name", "target_features", "go:buildid", "data"
  std::string message;
  std::uint64_t offset = 0;  ///< file offset where reading failed
};

/// An absolute path that appears as a string in the data section.
struct PathHint {
  std::string path;
  ByteRange range;
};

/// Everything detection found.
struct Detection {
  std::vector<ToolchainGuess> toolchains;  ///< most confident first, then fingerprint order
  std::vector<ProducerValue> producers;    ///< in section order
  /// The `target_features` section as it lists them: "+atomics", "-simd128", ….
  std::vector<std::string> target_features;
  std::vector<DetectWarning> warnings;  ///< custom sections that could not be read, and why
  std::vector<PathHint> paths;
  /// Calls that always fail on the target, from the `name` section (fingerprints' `calls`), in
  /// function index order.
  std::vector<NotableCall> notable_calls;
  /// Function exports and the `name` section's name of the function each refers to
  /// (`_initialize` -> `_rt0_wasm_wasip1_lib`); only exports whose function has a name.
  std::map<std::string, std::string> export_functions;
  /// A component's: what detect() found in each of its core modules (`Module::parts`), in order.
  std::vector<Detection> parts;

  /// The guess with this fingerprint id, or nullptr.
  const ToolchainGuess* find(std::string_view id) const;
};

/// Bounds and inputs of the data-section path scan (`Detection::paths`).
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

/// Bounds and inputs of the scans detect() does.
struct DetectOptions {
  std::size_t max_data_scan = 16u << 20;  ///< bound on data-section bytes scanned for markers
  PathScanOptions paths;                  ///< the path-hint scan
};

/// Detects from the module and its file bytes (the same bytes read_module() read), applying
/// `fingerprints` (usually the knowledge base's toolchain documents). Never throws for bad input:
/// an unreadable custom section becomes a warning. Reads custom sections and the export list;
/// scans the data section (at most `options.max_data_scan` bytes) only for a detected toolchain
/// whose fingerprint says it embeds build info there; never decodes function bodies.
Detection detect(const Module& module, std::span<const std::uint8_t> bytes,
                 std::span<const ToolchainFingerprint> fingerprints,
                 const DetectOptions& options = {});

/// The same without fingerprints: producers, target_features and warnings, no toolchain guesses.
Detection detect(const Module& module, std::span<const std::uint8_t> bytes,
                 const DetectOptions& options = {});

}  // namespace wasmaudit
