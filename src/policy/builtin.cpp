// SPDX-License-Identifier: Apache-2.0
#include <stdexcept>

#include "wasmaudit/error.hpp"
#include "wasmaudit/policy/loader.hpp"

namespace wasmaudit {

const Knowledge& builtin_knowledge() {
  // Loaded once; a broken built-in document is a build defect, caught by the tests.
  static const Knowledge knowledge = [] {
    Knowledge k;
    load_builtin_documents(k);
    return k;
  }();
  return knowledge;
}

}  // namespace wasmaudit
