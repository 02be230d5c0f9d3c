// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace wasmaudit {

/// The SHA-256 of `bytes` as 64 lowercase hex digits (FIPS 180-4): what SARIF's `artifacts[].hashes`
/// and the JSON Lines records carry, so results from many machines can be matched to one module.
std::string sha256_hex(std::span<const std::uint8_t> bytes);

}  // namespace wasmaudit
