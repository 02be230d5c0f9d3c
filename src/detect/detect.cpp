// SPDX-License-Identifier: Apache-2.0
#include "wasmaudit/detect/detect.hpp"

namespace wasmaudit {

Detection detect(const Module& /*module*/, std::span<const std::uint8_t> /*bytes*/,
                 const DetectOptions& /*options*/) {
  return {};
}

}  // namespace wasmaudit
