// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

/// Implementation limits of decoding (the reader and detect's custom-section parsers), in one place (after wasmparser's `limits.rs`, whose values
/// match the JS-API limits engines enforce). A count above a limit is rejected before anything is
/// allocated; a count is also rejected when the bytes left cannot hold that many items.
namespace wasmaudit::limits {

inline constexpr std::uint32_t kMaxTypes = 1'000'000;
inline constexpr std::uint32_t kMaxSupertypes = 1;
inline constexpr std::uint32_t kMaxRecGroupSize = 1'000'000;
inline constexpr std::uint32_t kMaxFunctions = 1'000'000;
inline constexpr std::uint32_t kMaxImports = 100'000;
inline constexpr std::uint32_t kMaxExports = 100'000;
inline constexpr std::uint32_t kMaxGlobals = 1'000'000;
inline constexpr std::uint32_t kMaxTables = 100'000;
inline constexpr std::uint32_t kMaxMemories = 100'000;
inline constexpr std::uint32_t kMaxTags = 1'000'000;
inline constexpr std::uint32_t kMaxParams = 1'000;
inline constexpr std::uint32_t kMaxResults = 1'000;
inline constexpr std::uint32_t kMaxStructFields = 10'000;
inline constexpr std::uint32_t kMaxStringSize = 100'000;
inline constexpr std::uint32_t kMaxComponentExterns = 100'000;
/// Core modules in one component and components nested in one component (wasmparser's
/// MAX_WASM_MODULES and MAX_WASM_COMPONENTS), and how deep components nest (our own bound, which
/// keeps the reader's recursion shallow; real components nest one or two deep).
inline constexpr std::uint32_t kMaxComponentModules = 1'000;
inline constexpr std::uint32_t kMaxNestedComponents = 1'000;
inline constexpr std::uint32_t kMaxComponentNesting = 100;
inline constexpr std::uint32_t kMaxElementSegments = 100'000;
inline constexpr std::uint32_t kMaxDataSegments = 100'000;
inline constexpr std::uint32_t kMaxTableEntries = 10'000'000;
// Custom sections detect reads (real ones hold a handful of entries).
inline constexpr std::uint32_t kMaxProducerFields = 1'000;
inline constexpr std::uint32_t kMaxProducerValues = 1'000;
inline constexpr std::uint32_t kMaxTargetFeatures = 1'000;
// Input that is read rather than mapped (standard input, files that cannot be mapped): the most
// bytes held in memory, `--max-size` by default. Regular files are mapped, and only the pages of
// the sections decoded are touched, so they have no such limit.
inline constexpr std::uint64_t kMaxReadBytes = std::uint64_t{1} << 30;  // 1 GiB

}  // namespace wasmaudit::limits
