// SPDX-License-Identifier: Apache-2.0
// Internal to the policy module: findings that come from detection rather than from imports —
// calls that always fail on the target (any fingerprint's `calls`) and the Go reactor rule.
#pragma once

#include <vector>

#include "advice.hpp"

namespace wasmaudit::detail {

/// go_rules.cpp: one draft per rule among detection's notable calls (go.os-exec,
/// go.fake-network, …), naming the calls; go.reactor-version for a Go reactor that cannot be one.
std::vector<FindingDraft> toolchain_findings(const Module& module, const Knowledge& knowledge,
                                             const Detection* detection);

}  // namespace wasmaudit::detail
