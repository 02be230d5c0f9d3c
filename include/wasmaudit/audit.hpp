// SPDX-License-Identifier: Apache-2.0
// The library facade: file in, model or input error out. What the CLI calls; what embedders call.
#pragma once

#include <string>

#include "wasmaudit/report/inspect.hpp"

namespace wasmaudit {

/// Reads `path` (memory-mapped) and decodes it. Never throws for bad input: an unreadable file or a
/// malformed binary comes back as `entry.error`.
InspectEntry inspect_file(const std::string& path);

}  // namespace wasmaudit
