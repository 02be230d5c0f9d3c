// SPDX-License-Identifier: Apache-2.0
// Internal to the report module: fitting text to a terminal's columns. Widths are counted on plain
// text: a caller that paints (ANSI colours) measures before painting, and passes a painted lead
// with its plain width (hanging()).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wasmaudit::detail {

/// Columns `text` takes: one per UTF-8 code point (continuation bytes count nothing).
std::size_t display_width(std::string_view text);

/// What wrapping does with a word wider than its line.
enum class LongWords : std::uint8_t {
  kKeep,   ///< a line of its own, whole, wider than the rest (a path, a word of a shell command)
  kCut,    ///< a line of its own, cut with a trailing `…`
  kBreak,  ///< split over as many lines as it takes (no character is lost)
};

/// `text` broken at spaces into lines of at most `width` columns; a word longer than `width` gets a
/// line of its own, cut at `width` with a trailing `…` only when `cut_long_words`. Never empty.
std::vector<std::string> wrap_text(std::string_view text, std::size_t width,
                                   bool cut_long_words = false);

/// `text` broken at spaces: the first line at most `first_width` columns (0: the first line stays
/// empty and the text starts on the second), the others at most `width`. A word that does not fit
/// an empty first line moves to the second when it would fit there. Never empty.
std::vector<std::string> wrap_lines(std::string_view text, std::size_t first_width,
                                    std::size_t width, LongWords long_words);

/// A paragraph with a hanging indent: `lead` (written as is: it may hold colour codes; it takes
/// `lead_width` columns) then `text` wrapped to `width` columns, the following lines indented by
/// `indent` spaces. Every line ends in '\n'.
std::string hanging(std::string_view lead, std::size_t lead_width, std::string_view text,
                    std::size_t width, std::size_t indent,
                    LongWords long_words = LongWords::kBreak);

/// Writes `text` wrapped to `width` columns, every line indented by `indent` spaces and ending in
/// '\n' (at least 10 columns of text per line).
std::string wrap_paragraph(std::string_view text, std::size_t width, std::size_t indent);

/// `text` cut to at most `width` columns, ending in `…` when cut.
std::string truncate_to(std::string_view text, std::size_t width);

/// Items packed onto lines, `separator` between two on the same line: the first line at most
/// `first_width` columns, the others at most `width`. An item is never split; one wider than its
/// line is cut with `…`. Never empty.
std::vector<std::string> pack_items(const std::vector<std::string>& items,
                                    std::string_view separator, std::size_t first_width,
                                    std::size_t width);

/// A shell command line wrapped at spaces outside quotes ('…', "…"), every line but the last
/// ending in ` \` (within the width), so that a shell reads the lines as one command. A word wider
/// than its line is kept whole. The first line at most `first_width` columns, the others `width`.
std::vector<std::string> wrap_command(std::string_view command, std::size_t first_width,
                                      std::size_t width);

}  // namespace wasmaudit::detail
