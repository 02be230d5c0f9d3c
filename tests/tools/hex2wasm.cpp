// SPDX-License-Identifier: Apache-2.0
// hex2wasm IN.hex OUT.wasm: builds a binary from annotated hex in the format `wat2wasm -v` prints.
//
//   0000008: 01             ; section code
//   0000009: 05             ; FIXUP section size
//
// Each line's bytes are written at the line's offset (so wat2wasm's FIXUP lines just work);
// everything after ';' is a comment. Lines that start with ';' or are blank are skipped. The
// output is as long as the highest byte written.
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: hex2wasm IN.hex OUT.wasm\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "hex2wasm: cannot open " << argv[1] << "\n";
    return 1;
  }
  std::vector<std::uint8_t> out;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (const auto semi = line.find(';'); semi != std::string::npos) line.resize(semi);
    const auto colon = line.find(':');
    std::size_t i = 0;
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    if (i == line.size()) continue;
    if (colon == std::string::npos) {
      std::cerr << argv[1] << ":" << line_no << ": expected 'OFFSET: BYTES'\n";
      return 1;
    }
    std::size_t offset = 0;
    for (; i < colon; ++i) {
      const int v = hex_value(line[i]);
      if (v < 0) {
        std::cerr << argv[1] << ":" << line_no << ": bad offset\n";
        return 1;
      }
      offset = offset * 16 + static_cast<std::size_t>(v);
    }
    for (i = colon + 1; i < line.size();) {
      if (std::isspace(static_cast<unsigned char>(line[i]))) {
        ++i;
        continue;
      }
      const int hi = hex_value(line[i]);
      const int lo = i + 1 < line.size() ? hex_value(line[i + 1]) : -1;
      if (hi < 0 || lo < 0) {
        std::cerr << argv[1] << ":" << line_no << ": bad byte '" << line.substr(i, 2) << "'\n";
        return 1;
      }
      if (out.size() <= offset) out.resize(offset + 1);
      out[offset++] = static_cast<std::uint8_t>(hi * 16 + lo);
      i += 2;
    }
  }
  std::ofstream o(argv[2], std::ios::binary);
  o.write(reinterpret_cast<const char*>(out.data()), static_cast<std::streamsize>(out.size()));
  return o ? 0 : 1;
}
