// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

namespace wasmaudit {

/// Glob match with '*' (any run of characters); no other metacharacters. Shared by detection
/// (fingerprints) and policy (interfaces, allow/deny patterns).
bool glob_match(std::string_view pattern, std::string_view text) noexcept;

}  // namespace wasmaudit
