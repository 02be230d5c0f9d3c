// SPDX-License-Identifier: Apache-2.0
// PLACEHOLDER being written: the sarif reporter.
#include "reporters.hpp"

namespace wasmaudit::detail {

std::unique_ptr<CheckReporter> make_check_sarif(std::ostream&, const ReportOptions&) { return nullptr; }

}  // namespace wasmaudit::detail
