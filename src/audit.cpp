// SPDX-License-Identifier: Apache-2.0
#include "wasmaudit/audit.hpp"

#include "wasmaudit/binary/sha256.hpp"
#include "wasmaudit/detect/detect.hpp"
#include "wasmaudit/policy/loader.hpp"
#include "wasmaudit/reader/file_bytes.hpp"
#include "wasmaudit/reader/module_reader.hpp"

namespace wasmaudit {

InspectEntry inspect_file(const std::string& path) { return inspect_file(path, DetectOptions{}); }

namespace {

/// Reads `path` and runs detection with these toolchain fingerprints.
InspectEntry inspect_with(const std::string& path, std::span<const ToolchainFingerprint> toolchains,
                          const DetectOptions& options, const ReadOptions& read, std::string* sha256 = nullptr) {
  InspectEntry entry;
  entry.path = path;
  try {
    const FileBytes file = FileBytes::open(path, read.max_size);
    if (sha256 != nullptr && read.sha256) *sha256 = sha256_hex(file.bytes());
    entry.module = read_module(file.bytes());
    entry.detection = detect(*entry.module, file.bytes(), toolchains, options);
  } catch (const DecodeError& e) {
    entry.error = InputError::from(e);
  } catch (const IoError& e) {
    entry.error = InputError::from(e);
  }
  return entry;
}

}  // namespace

InspectEntry inspect_file(const std::string& path, const DetectOptions& options, const ReadOptions& read) {
  return inspect_with(path, builtin_toolchains(), options, read);
}

CheckEntry check_file(const std::string& path, const Knowledge& knowledge, const EvalOptions& options,
                      const ReadOptions& read) {
  DetectOptions detect_options;
  detect_options.paths = path_scan_options(knowledge);  // library paths split packed strings
  CheckEntry entry;
  InspectEntry inspected = inspect_with(path, knowledge.toolchains, detect_options, read, &entry.sha256);
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

}  // namespace wasmaudit
