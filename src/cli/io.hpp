// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ostream>

namespace wasmaudit::cli {

/// Where a command writes, and whether it may colour its output.
struct Io {
  std::ostream& out;
  std::ostream& err;
  bool color = false;
};

}  // namespace wasmaudit::cli
