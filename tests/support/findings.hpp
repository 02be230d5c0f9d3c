// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "wasmaudit/policy/evaluator.hpp"

namespace wasmaudit::test {

/// The findings of `r` with rule id `rule`, in report order.
inline std::vector<const Finding*> findings_of(const CheckResult& r, const std::string& rule) {
  std::vector<const Finding*> out;
  for (const auto& f : r.findings) {
    if (f.rule_id == rule) out.push_back(&f);
  }
  return out;
}

}  // namespace wasmaudit::test
