// SPDX-License-Identifier: Apache-2.0
// The `name` custom section (core spec, appendix "Name Section"): subsections of an id byte and a
// size; only the function names (id 1) are read, the others skipped by size.
#include "parsers.hpp"
#include "wasmaudit/binary/limits.hpp"

namespace wasmaudit::detail {

namespace {
constexpr std::uint8_t kFunctionNames = 1;
}  // namespace

void read_function_names(ByteReader r, const std::function<void(const FunctionName&)>& visit) {
  while (!r.at_end()) {
    const std::uint8_t id = r.read_u8("name subsection id");
    const std::uint32_t size = r.read_u32("name subsection size");
    ByteReader sub = r.take(size, "name subsection");
    if (id != kFunctionNames) continue;
    // Smallest entry: a one-byte index and an empty name.
    const std::uint32_t count = sub.read_count("function name count", 2, limits::kMaxFunctions);
    std::uint32_t previous = 0;
    for (std::uint32_t i = 0; i < count; ++i) {
      FunctionName entry;
      entry.range.offset = sub.offset();
      entry.index = sub.read_u32("function index");
      // A name map's indices are strictly increasing (core spec, appendix 7.4.3 "Name Maps"):
      // so each function is named once, and work stays linear in the section's size.
      if (i > 0 && entry.index <= previous) {
        ByteReader::fail(entry.range.offset,
                         fmt::format("function index {} after {}: a name map's indices must be strictly increasing",
                                     entry.index, previous));
      }
      previous = entry.index;
      entry.name = sub.read_name_view("function name");
      entry.range.size = sub.offset() - entry.range.offset;
      visit(entry);
    }
    if (!sub.at_end()) {
      ByteReader::fail(sub.offset(), fmt::format("{} unexpected bytes after the function names",
                                                 sub.remaining()));
    }
  }
}

}  // namespace wasmaudit::detail
