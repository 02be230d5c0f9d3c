// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace wasmaudit::test {

/// Fixtures built at build time (fixtures/wat -> wat2wasm, fixtures/malformed and fixtures/shapes
/// -> hex2wasm).
std::filesystem::path built_fixture(const std::string& relative);
/// Files committed under fixtures/ (real toolchain outputs, sources, policies).
std::filesystem::path source_fixture(const std::string& relative);
/// Every file with `extension` under a fixture folder, sorted by name.
std::vector<std::filesystem::path> list_fixtures(const std::filesystem::path& dir,
                                                 const std::string& extension);
/// Every valid module the suite knows: built .wat and shape fixtures and committed toolchain
/// binaries.
std::vector<std::filesystem::path> valid_fixtures();

std::vector<std::uint8_t> read_bytes(const std::filesystem::path& path);
std::string read_text(const std::filesystem::path& path);

}  // namespace wasmaudit::test
