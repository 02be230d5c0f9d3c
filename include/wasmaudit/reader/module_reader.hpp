// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <span>

#include "wasmaudit/model/module.hpp"

namespace wasmaudit {

/// Reads a core module or a component from its bytes.
///
/// Walks sections by size: reads the type, import, function, table, memory, tag, global, export and
/// start sections (and a component's top-level import and export sections) and records every
/// section's range; never decodes function bodies, element or data segments. Checks what it reads:
/// section order and uniqueness, LEB128 encodings, UTF-8 names, counts against the bytes left and
/// indices against their index spaces.
///
/// Throws DecodeError (with a file offset and the section as context) on malformed or unsupported
/// input. Never allocates in proportion to a count the bytes cannot back.
Module read_module(std::span<const std::uint8_t> bytes);

}  // namespace wasmaudit
