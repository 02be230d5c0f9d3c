// SPDX-License-Identifier: Apache-2.0
// hex2wasm IN.hex OUT.wasm: builds a binary from annotated hex in the format `wat2wasm -v` prints.
//
//   0000008: 01                                        ; section code
//   0000009: 05                                        ; FIXUP section size
//   0000014: 656e 76                                  env  ; import module name
//
// Each line's bytes are written at the line's offset (so wat2wasm's FIXUP lines just work). The
// bytes are hex groups separated by single spaces; two or more spaces end them. What follows may be
// wat2wasm's printed-characters column (the line's bytes, unprintable ones as '.'), which is
// checked against the bytes, and then a comment starting with ';'. Lines that start with ';' or are
// blank are skipped. The output is as long as the highest byte written; a file without bytes gives
// an empty output.
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

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// wat2wasm's character column for these bytes.
std::string printed_chars(const std::vector<std::uint8_t>& bytes) {
  std::string s;
  for (const std::uint8_t b : bytes) s += std::isprint(b) ? static_cast<char>(b) : '.';
  return s;
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
  const auto fail = [&](const std::string& message) {
    std::cerr << argv[1] << ":" << line_no << ": " << message << "\n";
    return 1;
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::size_t i = 0;
    while (i < line.size() && is_space(line[i])) ++i;
    if (i == line.size() || line[i] == ';') continue;
    const auto colon = line.find(':', i);
    if (colon == std::string::npos) return fail("expected 'OFFSET: BYTES'");
    std::size_t offset = 0;
    for (; i < colon; ++i) {
      const int v = hex_value(line[i]);
      if (v < 0) return fail("bad offset");
      offset = offset * 16 + static_cast<std::size_t>(v);
    }
    // The hex column: pairs of digits, single spaces between groups; two spaces (or ';') end it.
    std::vector<std::uint8_t> bytes;
    i = colon + 1;
    while (i < line.size() && is_space(line[i])) ++i;
    while (i < line.size() && line[i] != ';') {
      if (is_space(line[i])) {
        if (i + 1 < line.size() && is_space(line[i + 1])) break;
        ++i;
        continue;
      }
      const int hi = hex_value(line[i]);
      const int lo = i + 1 < line.size() ? hex_value(line[i + 1]) : -1;
      if (hi < 0 || lo < 0) return fail("bad byte '" + line.substr(i, 2) + "'");
      bytes.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
      i += 2;
    }
    // Then, optionally, the character column (it may itself contain ';'), then a comment.
    while (i < line.size() && is_space(line[i])) ++i;
    if (i < line.size() && line[i] != ';') {
      std::string chars = printed_chars(bytes);
      chars.erase(0, chars.find_first_not_of(' '));  // the spaces skipped above
      if (chars.empty() || line.compare(i, chars.size(), chars) != 0) {
        return fail("unexpected text '" + line.substr(i) +
                    "' (not a comment and not the bytes as characters)");
      }
      i += chars.size();
      while (i < line.size() && is_space(line[i])) ++i;
      if (i < line.size() && line[i] != ';') {
        return fail("unexpected text '" + line.substr(i) + "' after the characters");
      }
    }
    if (!bytes.empty() && out.size() < offset + bytes.size()) out.resize(offset + bytes.size());
    for (const std::uint8_t b : bytes) out[offset++] = b;
  }
  std::ofstream o(argv[2], std::ios::binary | std::ios::trunc);
  o.write(reinterpret_cast<const char*>(out.data()), static_cast<std::streamsize>(out.size()));
  return o ? 0 : 1;
}
