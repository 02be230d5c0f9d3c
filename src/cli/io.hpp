// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <ostream>

namespace wasmaudit::cli {

/// Where a command writes, whether it may colour its output, and how wide the terminal is.
struct Io {
  std::ostream& out;
  std::ostream& err;
  bool color = false;
  std::size_t width = 80;  ///< columns the text report fits: COLUMNS, else the terminal's, else 80
};

}  // namespace wasmaudit::cli
