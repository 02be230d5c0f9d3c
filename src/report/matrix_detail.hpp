// SPDX-License-Identifier: Apache-2.0
// Internal to the report module: what every matrix format says about a cell (matrix.cpp), and the
// HTML page (matrix_html.cpp).
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "wasmaudit/report/matrix.hpp"

namespace wasmaudit::detail {

/// The text form's symbol: `ok`, `flag`, `trap`, `FAIL`.
std::string_view cell_symbol(CellState state);
/// What a cell's note says: the flags (runs-with-flag), the error (traps, fails), or what no flag
/// grants there (`no grant: …`, runs); "" when nothing.
std::string cell_detail(const MatrixCell& cell);
/// The fix a cell's note refers to: that of a cell that traps or fails ("" otherwise).
const std::string& cell_fix(const MatrixCell& cell);

/// Texts each once, in order of first use (notes, fixes).
class Numbered {
 public:
  /// The text's index, from 0; added when new.
  std::size_t index(const std::string& text);
  const std::vector<std::string>& items() const { return items_; }

 private:
  std::vector<std::string> items_;
  std::unordered_map<std::string, std::size_t> index_;  ///< text -> its place in items_
};

/// A fix's label: "a".."z", "aa"…
std::string letter(std::size_t index);

/// matrix_html.cpp: one self-contained page (no network), sortable and filterable.
void render_matrix_html(const Matrix& matrix, std::ostream& out);

}  // namespace wasmaudit::detail
