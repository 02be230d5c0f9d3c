// SPDX-License-Identifier: Apache-2.0
// Memory section (core spec 5.5.8): vec(memtype); memtype ::= limits.
#include "sections.hpp"
#include "wasmaudit/binary/limits.hpp"

namespace wasmaudit::detail {

void read_memory_section(ByteReader& r, Module& m) {
  const std::uint32_t n = r.read_count("memory count", 2, limits::kMaxMemories);
  m.memories.reserve(m.memories.size() + n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint64_t start = r.offset();
    Memory mem;
    mem.type.limits = read_limits(r, ExternKind::kMemory);
    mem.range = {start, r.offset() - start};
    m.memories.push_back(mem);
  }
}

}  // namespace wasmaudit::detail
