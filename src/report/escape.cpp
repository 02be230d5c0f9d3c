// SPDX-License-Identifier: Apache-2.0
#include "report/escape.hpp"

#include <fmt/format.h>

namespace wasmaudit {

std::string escape_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c == '\\') {
      out += "\\\\";
    } else if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02x}", c);
    } else if (c == 0xC2 && i + 1 < name.size() &&
               static_cast<unsigned char>(name[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(name[i + 1]) <= 0x9F) {
      // C1 control characters U+0080..U+009F (CSI among them) are encoded as C2 80..C2 9F.
      out += fmt::format("\\u{{{:x}}}", static_cast<unsigned char>(name[i + 1]));
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace wasmaudit
