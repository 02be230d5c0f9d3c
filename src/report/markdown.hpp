// SPDX-License-Identifier: Apache-2.0
// Internal to the report module: writing names from a binary into GitHub-flavoured Markdown so that
// none can break a table or inject HTML (check_markdown.cpp, diff_markdown.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace wasmaudit::detail {

/// Where a piece of Markdown goes: a table cell must not hold an unescaped `|`.
enum class MdIn : std::uint8_t { kText, kTable };

/// `s` as a code span: escape_name() first (no control character reaches the page), then a fence
/// of backticks longer than any run inside, padded when the text starts or ends with a backtick or
/// a space; in a table, `|` is escaped (GFM reads `\|` inside code spans in tables as `|`).
std::string md_code(std::string_view s, MdIn in = MdIn::kText);

/// `s` as Markdown text, in running text or a table cell: escape_name() first, then the characters
/// Markdown or HTML would read as markup are backslash-escaped (`\*`, `\_`, `` \` ``, `\|`, …) or
/// written as entities (`&lt;`).
std::string md_text(std::string_view s);

/// `s` inside raw HTML (a <summary>): entities only.
std::string md_html(std::string_view s);

}  // namespace wasmaudit::detail
