// SPDX-License-Identifier: Apache-2.0
#include "wasmaudit/audit.hpp"

#include "binary/sha256.hpp"
#include "wasmaudit/detect/detect.hpp"
#include "wasmaudit/policy/loader.hpp"
#include "wasmaudit/reader/file_bytes.hpp"
#include "wasmaudit/reader/module_reader.hpp"

namespace wasmaudit {

InspectEntry inspect_file(const std::string& path) { return inspect_file(path, DetectOptions{}); }

namespace {

/// Decodes `bytes` and runs detection with these toolchain fingerprints; a decoding error becomes
/// `entry.error`.
void inspect_into(InspectEntry& entry, std::span<const std::uint8_t> bytes,
                  std::span<const ToolchainFingerprint> toolchains, const DetectOptions& options) {
  try {
    entry.module = read_module(bytes);
    entry.detection = detect(*entry.module, bytes, toolchains, options);
  } catch (const DecodeError& e) {
    entry.module.reset();
    entry.error = InputError::from(e);
  }
}

/// Reads `path` and runs detection with these toolchain fingerprints.
InspectEntry inspect_with(const std::string& path, std::span<const ToolchainFingerprint> toolchains,
                          const DetectOptions& options, const ReadOptions& read, std::string* sha256 = nullptr) {
  InspectEntry entry;
  entry.path = path;
  try {
    const FileBytes file = FileBytes::open(path, read.max_size);
    if (sha256 != nullptr && read.sha256) *sha256 = sha256_hex(file.bytes());
    inspect_into(entry, file.bytes(), toolchains, options);
  } catch (const IoError& e) {
    entry.error = InputError::from(e);
  }
  return entry;
}

/// check_file()'s work after reading: the evaluation of a decoded entry.
CheckEntry check_inspected(InspectEntry&& inspected, const Knowledge& knowledge, const EvalOptions& options,
                           std::string sha256) {
  CheckEntry entry;
  entry.sha256 = std::move(sha256);
  entry.path = std::move(inspected.path);
  entry.error = std::move(inspected.error);
  if (inspected.module) {
    EvalOptions with_detection = options;
    with_detection.detection = &*inspected.detection;
    with_detection.file = entry.path;
    entry.result = evaluate(*inspected.module, knowledge, with_detection);
    entry.module = std::move(inspected.module);
    entry.detection = std::move(inspected.detection);
  }
  return entry;
}

DetectOptions detect_options_for(const Knowledge& knowledge) {
  DetectOptions detect_options;
  detect_options.paths = path_scan_options(knowledge);  // library paths split packed strings
  return detect_options;
}

}  // namespace

InspectEntry inspect_file(const std::string& path, const DetectOptions& options, const ReadOptions& read) {
  return inspect_with(path, builtin_toolchains(), options, read);
}

CheckEntry check_file(const std::string& path, const Knowledge& knowledge, const EvalOptions& options,
                      const ReadOptions& read) {
  std::string sha256;
  InspectEntry inspected = inspect_with(path, knowledge.toolchains, detect_options_for(knowledge), read, &sha256);
  return check_inspected(std::move(inspected), knowledge, options, std::move(sha256));
}

InspectEntry inspect_bytes(std::span<const std::uint8_t> bytes, const std::string& name) {
  InspectEntry entry;
  entry.path = name;
  inspect_into(entry, bytes, builtin_toolchains(), DetectOptions{});
  return entry;
}

CheckEntry check_bytes(std::span<const std::uint8_t> bytes, const std::string& name, const Knowledge& knowledge,
                       const EvalOptions& options) {
  InspectEntry inspected;
  inspected.path = name;
  inspect_into(inspected, bytes, knowledge.toolchains, detect_options_for(knowledge));
  return check_inspected(std::move(inspected), knowledge, options, sha256_hex(bytes));
}

}  // namespace wasmaudit
