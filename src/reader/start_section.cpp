// SPDX-License-Identifier: Apache-2.0
// Start section (core spec 5.5.11): funcidx. Data count section (5.5.16): u32.
#include <fmt/format.h>

#include "sections.hpp"
#include "wording.hpp"

namespace wasmaudit::detail {

void read_start_section(ByteReader& r, Module& m) {
  const std::uint64_t at = r.offset();
  const std::uint32_t index = r.read_u32("start function index");
  if (index >= m.functions.size()) {
    ByteReader::fail(at, fmt::format("start function index {} out of range ({} defined)", index,
                                     count_of(m.functions.size(), "function")));
  }
  m.start = StartFunction{index, {at, r.offset() - at}};
}

void read_data_count_section(ByteReader& r, Module& m) { m.data_count = r.read_u32("data count"); }

}  // namespace wasmaudit::detail
