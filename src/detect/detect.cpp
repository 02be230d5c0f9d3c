// SPDX-License-Identifier: Apache-2.0
#include "wasmaudit/detect/detect.hpp"

namespace wasmaudit {

Detection detect(const Module& module, std::span<const std::uint8_t> bytes,
                 const DetectOptions& options) {
  Detection d;
  d.paths = scan_path_hints(module, bytes, options.paths);  // path_hints.cpp
  return d;
}

}  // namespace wasmaudit
