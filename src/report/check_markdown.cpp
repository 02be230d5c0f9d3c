// SPDX-License-Identifier: Apache-2.0
// PLACEHOLDER being written: the markdown reporter.
#include "reporters.hpp"

namespace wasmaudit::detail {

std::unique_ptr<CheckReporter> make_check_markdown(std::ostream&, const ReportOptions&) { return nullptr; }

}  // namespace wasmaudit::detail
