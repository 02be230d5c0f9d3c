// SPDX-License-Identifier: Apache-2.0
// Internal to the report module: fitting text to a terminal's columns.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wasmaudit::detail {

/// Columns `text` takes: one per UTF-8 code point (continuation bytes count nothing).
std::size_t display_width(std::string_view text);

/// `text` broken at spaces into lines of at most `width` columns; a word longer than `width` gets a
/// line of its own, cut at `width` with a trailing `…` only when `cut_long_words`. Never empty.
std::vector<std::string> wrap_text(std::string_view text, std::size_t width, bool cut_long_words = false);

/// Writes `text` wrapped: the first line after `first` (already `first_width` columns of the line),
/// the rest indented by `indent` spaces; every line ends in '\n'.
std::string wrap_paragraph(std::string_view text, std::size_t width, std::size_t indent);

/// `text` cut to at most `width` columns, ending in `…` when cut.
std::string truncate_to(std::string_view text, std::size_t width);

}  // namespace wasmaudit::detail
