// SPDX-License-Identifier: Apache-2.0
// tests/explain/messages.json: error texts real runtimes printed, each with its source. explain's
// test reads it as text → cause; the observed-prediction test as fixture → text.
#pragma once

#include <nlohmann/json.hpp>

#include "fixtures.hpp"

namespace wasmaudit::test {

inline nlohmann::json messages_corpus() {
  return nlohmann::json::parse(read_text(source_fixture("../tests/explain/messages.json")));
}

}  // namespace wasmaudit::test
