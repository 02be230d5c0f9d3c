// SPDX-License-Identifier: Apache-2.0
// Auditing a fixture in-process with the built-in knowledge, as check_file() does, but with the
// module written as "app.wasm" in run advice (so expected command lines do not name machine paths).
#pragma once

#include <functional>
#include <string>

#include "catch.hpp"
#include "fixtures.hpp"
#include "wasmaudit/audit.hpp"
#include "wasmaudit/policy/loader.hpp"

namespace wasmaudit::test {

/// "wat/x.wasm" (built) or "c/x.wasm", "go/x.wasm" (committed).
inline std::string fixture_path(const std::string& rel) {
  return (rel.rfind("wat/", 0) == 0 ? built_fixture(rel) : source_fixture(rel)).string();
}

/// The audit of a fixture with `options` (its `file` as given, "app.wasm" by default); `adjust`
/// may change what detection found before the evaluation sees it.
inline CheckResult audit_fixture(const std::string& rel, EvalOptions options = {},
                                 const Knowledge& knowledge = builtin_knowledge(),
                                 const std::function<void(Detection&)>& adjust = {}) {
  DetectOptions d;
  d.paths = path_scan_options(knowledge);
  InspectEntry e = inspect_file(fixture_path(rel), d);
  if (!e.module) FAIL("cannot read " << rel);
  if (adjust) adjust(*e.detection);
  options.detection = &*e.detection;
  return evaluate(*e.module, knowledge, options);
}

/// An `adjust` for audit_fixture: detection says Go, whatever the fingerprints found.
inline void as_go(Detection& d) {
  for (const auto& t : d.toolchains) {
    if (t.id == "go") return;
  }
  ToolchainGuess g;
  g.id = "go";
  d.toolchains.push_back(g);
}

inline const RuntimeResult& runtime_of(const CheckResult& r, const std::string& key) {
  for (const auto& rt : r.runtimes) {
    if (rt.key == key) return rt;
  }
  FAIL("no runtime " << key);
  throw;
}

inline const Capability* capability_of(const CheckResult& r, const std::string& id) {
  for (const auto& c : r.capabilities) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

}  // namespace wasmaudit::test
