// SPDX-License-Identifier: Apache-2.0
// Tag section (exception handling, id 13, between memory and global): vec(tag); tag ::= 0x00
// typeidx.
#include <fmt/format.h>

#include "sections.hpp"
#include "wasmaudit/binary/limits.hpp"

namespace wasmaudit::detail {

void read_tag_section(ByteReader& r, Module& m) {
  const std::uint32_t n = r.read_count("tag count", 2, limits::kMaxTags);
  m.tags.reserve(m.tags.size() + n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint64_t start = r.offset();
    const std::uint8_t attribute = r.read_u8("tag attribute");
    if (attribute != 0)
      ByteReader::fail(start, fmt::format("invalid tag attribute 0x{:02x}", attribute));
    Tag t;
    t.type_index = read_func_type_index(r, m, "tag type index");
    t.range = {start, r.offset() - start};
    m.tags.push_back(t);
  }
}

}  // namespace wasmaudit::detail
