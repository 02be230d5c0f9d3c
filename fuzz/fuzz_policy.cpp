// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: arbitrary text through the JSON document loaders — load_documents() on top of
// the built-in knowledge base (interfaces, runtimes, rules, toolchains, policies, profiles, …),
// load_host_manifest() and load_baseline(). A PolicyError is the expected answer to bad input;
// any other exception, a crash, a sanitizer report or a hang is a bug. A document that loads is
// then used: a small module is evaluated against the knowledge it produced.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "wasmaudit/error.hpp"
#include "wasmaudit/policy/evaluator.hpp"
#include "wasmaudit/policy/gate.hpp"
#include "wasmaudit/policy/loader.hpp"
#include "wasmaudit/reader/module_reader.hpp"

namespace {

using namespace wasmaudit;

/// A module importing from WASI, env and a socket extension: enough to exercise what a document changes.
const Module& probe() {
  static const Module m = [] {
    const std::vector<std::uint8_t> bytes = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00,  // () -> ()
        0x02, 0x2c, 0x02,                                                                   // 2 imports
        0x16, 'w', 'a', 's', 'i', '_', 's', 'n', 'a', 'p', 's', 'h', 'o', 't', '_', 'p', 'r', 'e', 'v', 'i', 'e',
        'w', '1', 0x09, 's', 'o', 'c', 'k', '_', 'o', 'p', 'e', 'n', 0x00, 0x00,
        0x03, 'e', 'n', 'v', 0x01, 'f', 0x00, 0x00};
    return read_module(bytes);
  }();
  return m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    Knowledge k = builtin_knowledge();
    load_documents(text, "fuzz.json", k);
    EvalOptions o;
    if (!k.runtimes.empty()) o.runtimes.push_back({k.runtimes.back().id, ""});
    (void)evaluate(probe(), k, o);
  } catch (const PolicyError&) {
  } catch (const std::invalid_argument&) {
    // evaluate(): a document may define a runtime selector's profile away; a usage error.
  }
  try {
    EvalOptions o;
    o.host = load_host_manifest(text, "host.json");
    (void)evaluate(probe(), builtin_knowledge(), o);
  } catch (const PolicyError&) {
  }
  try {
    const Baseline b = load_baseline(text, "baseline.json");
    (void)baseline_json(b.keys);
  } catch (const PolicyError&) {
  }
  return 0;
}
