// SPDX-License-Identifier: Apache-2.0
// Toolchain fingerprints in typed form: what policies/toolchains/*.json say a toolchain leaves in a
// binary (docs/policy-format.md, "toolchain"). The policy loader fills these; detect() applies
// them. Facts only: no toolchain is named in detect's C++.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wasmaudit/model/types.hpp"

namespace wasmaudit {

/// How strongly a piece of evidence points at a toolchain (docs/detection.md).
enum class Confidence : std::uint8_t { kLow, kMedium, kHigh };

/// `low`, `medium`, `high`.
std::string_view to_string(Confidence confidence);
/// The confidence `to_string` spells as `text`, or nullopt.
std::optional<Confidence> parse_confidence(std::string_view text);

/// What part of a binary an evidence pattern looks at.
enum class EvidenceKind : std::uint8_t {
  kProducer,       ///< a value of the `producers` custom section
  kCustomSection,  ///< a custom section, by name
  kImport,         ///< an import, by module and name (and signature)
  kImportSet,      ///< several function imports of one module, all present
  kExport,         ///< an export, by name
  kFunction,       ///< a function name in the `name` section (subsection 1)
  kData,           ///< a literal string in the data section (its first DetectOptions::max_data_scan bytes)
};

/// `producer`, `custom_section`, `import`, `imports`, `export`, `function`, `data`.
std::string_view to_string(EvidenceKind kind);

/// One thing a toolchain leaves in a binary. Names are exact or globs with `*`.
struct EvidencePattern {
  EvidenceKind kind = EvidenceKind::kCustomSection;
  std::string field;    ///< kProducer: `language`, `processed-by` or `sdk`
  std::string module;   ///< kImport: the import module
  std::string name;     ///< producer value name, custom section, import or export name, function; kData: the literal
  std::string version;  ///< kProducer: a glob the value's version must match ("" = any)
  std::optional<FuncType> sig;     ///< kImport: the function type it must have (none = any)
  std::vector<std::string> names;  ///< kImportSet: exact names, all imported from `module`
  bool first = false;  ///< kImportSet: the names are the module's first imports, in this order
  /// kProducer: the matched value's version is the toolchain's version (its first word).
  bool gives_version = false;
  Confidence confidence = Confidence::kMedium;
  std::string source;  ///< where the fact was read or observed
  std::string status;  ///< `verified`, `observed` or `documented`
  friend bool operator==(const EvidencePattern&, const EvidencePattern&) = default;
};

/// A function that, when linked into a module, means a call that always fails on the target
/// (Go's os/exec on wasip1, its in-process fake network). Detect lists the matches; the rule named
/// here turns them into findings.
struct CallPattern {
  std::string function;  ///< glob over `name`-section function names, as the toolchain spells them
  std::string call;      ///< how messages name the call: "os/exec.(*Cmd).Start"
  std::string rule;      ///< the rule id findings get
  std::string source;
  std::string status;
  friend bool operator==(const CallPattern&, const CallPattern&) = default;
};

/// Extra data a toolchain embeds that detection reads once the toolchain is detected.
enum class BuildInfoFormat : std::uint8_t {
  kNone,
  kGoModuleInfo,  ///< Go's module info text between its two 16-byte sentinels in the data section
};

/// A toolchain and the evidence that identifies it.
struct ToolchainFingerprint {
  std::string id;    ///< "go", "tinygo", "rust", "wasm-bindgen", "emscripten", …
  std::string name;  ///< "Go (gc)"
  std::vector<EvidencePattern> evidence;
  /// Ids of guesses this one makes redundant when both are detected (TinyGo and Zig link with
  /// their own clang, which would otherwise also be reported as plain clang).
  std::vector<std::string> supersedes;
  BuildInfoFormat build_info = BuildInfoFormat::kNone;
  /// What a module this toolchain built is, where that is not a program: "component-part" (a
  /// core module made to sit inside a component: wit-bindgen's canonical ABI, the preview-1
  /// adapter). "" for programs and libraries.
  std::string role;
  std::vector<CallPattern> calls;
  std::string source;
  std::string status;  ///< `verified`, `observed` or `documented`
  friend bool operator==(const ToolchainFingerprint&, const ToolchainFingerprint&) = default;
};

}  // namespace wasmaudit
