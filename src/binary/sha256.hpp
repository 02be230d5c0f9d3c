// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace wasmaudit {

/// The SHA-256 of `bytes` as 64 lowercase hex digits (FIPS 180-4): what SARIF's `artifacts[].hashes`
/// and the JSON Lines records carry, so results from many machines can be matched to one module.
/// Uses the x86 SHA extensions where the CPU has them (about 1.7 GB/s), else portable code.
std::string sha256_hex(std::span<const std::uint8_t> bytes);

namespace detail {
/// The portable code alone, so tests can hold the two against each other.
std::string sha256_hex_portable(std::span<const std::uint8_t> bytes);
}  // namespace detail

}  // namespace wasmaudit
