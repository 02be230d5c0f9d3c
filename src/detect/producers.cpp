// SPDX-License-Identifier: Apache-2.0
// The `producers` custom section (WebAssembly/tool-conventions ProducersSection.md), as every tool
// writes it: a vector of fields, each a name and a vector of (name, version) values.
#include "parsers.hpp"
#include "wasmaudit/binary/limits.hpp"

namespace wasmaudit::detail {

std::vector<ProducerValue> read_producers(ByteReader r) {
  std::vector<ProducerValue> out;
  // Smallest field: an empty name and a zero count; smallest value: two empty strings.
  const std::uint32_t fields = r.read_count("producers field count", 2, limits::kMaxProducerFields);
  for (std::uint32_t f = 0; f < fields; ++f) {
    const std::string field(r.read_name_view("producers field name"));
    const std::uint32_t values =
        r.read_count("producers value count", 2, limits::kMaxProducerValues);
    for (std::uint32_t v = 0; v < values; ++v) {
      ProducerValue value;
      value.field = field;
      value.range.offset = r.offset();
      value.name = std::string(r.read_name_view("producers value name"));
      value.version = std::string(r.read_name_view("producers value version"));
      value.range.size = r.offset() - value.range.offset;
      out.push_back(std::move(value));
    }
  }
  if (!r.at_end()) {
    ByteReader::fail(r.offset(), fmt::format("{} unexpected bytes after the last producers field",
                                             r.remaining()));
  }
  return out;
}

}  // namespace wasmaudit::detail
