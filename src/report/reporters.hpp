// SPDX-License-Identifier: Apache-2.0
// Internal to the report module: one factory per format, each in its own file (check_<format>.cpp,
// inspect_<format>.cpp); format.cpp's table is the only caller.
#pragma once

#include <memory>
#include <ostream>

#include "wasmaudit/report/format.hpp"

namespace wasmaudit::detail {

std::unique_ptr<CheckReporter> make_check_text(std::ostream& out, const ReportOptions& options);
std::unique_ptr<CheckReporter> make_check_json(std::ostream& out, const ReportOptions& options);
std::unique_ptr<CheckReporter> make_check_jsonl(std::ostream& out, const ReportOptions& options);
std::unique_ptr<CheckReporter> make_check_sarif(std::ostream& out, const ReportOptions& options);
std::unique_ptr<CheckReporter> make_check_junit(std::ostream& out, const ReportOptions& options);
std::unique_ptr<CheckReporter> make_check_markdown(std::ostream& out, const ReportOptions& options);

std::unique_ptr<InspectReporter> make_inspect_text(std::ostream& out, const ReportOptions& options);
std::unique_ptr<InspectReporter> make_inspect_json(std::ostream& out, const ReportOptions& options);

}  // namespace wasmaudit::detail
