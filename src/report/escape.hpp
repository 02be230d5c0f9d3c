// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace wasmaudit {

/// Makes a name taken from a binary safe to print on a terminal: control characters (C0, DEL, C1)
/// and backslashes become escapes (`\x1b`, `\u{85}`, `\\`); everything else is kept as UTF-8.
std::string escape_name(std::string_view name);

}  // namespace wasmaudit
