// SPDX-License-Identifier: Apache-2.0
#include <stdexcept>

#include "binary/sha256.hpp"
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

std::string builtin_knowledge_digest() {
  std::string all;
  for (const auto& d : builtin_documents()) {
    (all += d.path) += '\0';
    (all += d.text) += '\0';
  }
  return sha256_hex({reinterpret_cast<const std::uint8_t*>(all.data()), all.size()});
}

namespace detail {
/// Generated from policies/toolchains by cmake/EmbedToolchains.cmake.
std::vector<ToolchainFingerprint> generated_toolchains();
}  // namespace detail

const std::vector<ToolchainFingerprint>& builtin_toolchains() {
  // Compiled in, not parsed: equal to what the loader reads from the same files (a unit test
  // checks), at no JSON cost for `inspect`.
  static const std::vector<ToolchainFingerprint> toolchains = detail::generated_toolchains();
  return toolchains;
}

}  // namespace wasmaudit
