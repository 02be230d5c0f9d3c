// SPDX-License-Identifier: Apache-2.0
#include "binary/byte_reader.hpp"

#include <cstring>

#include <fmt/format.h>

#include "wasmaudit/binary/limits.hpp"

namespace wasmaudit {
namespace {

/// "1 byte", "3 bytes".
std::string bytes_text(std::size_t n) { return fmt::format("{} byte{}", n, n == 1 ? "" : "s"); }

}  // namespace

void ByteReader::fail(std::uint64_t offset, std::string message) {
  throw DecodeError(offset, std::move(message));
}

void ByteReader::fail_eof(std::string_view what) const {
  fail(end_offset(), fmt::format("unexpected end of input reading {}", what));
}

std::uint8_t ByteReader::peek_u8(std::string_view what) const {
  if (at_end()) fail_eof(what);
  return bytes_[pos_];
}

std::uint8_t ByteReader::read_u8(std::string_view what) {
  const std::uint8_t b = peek_u8(what);
  ++pos_;
  return b;
}

std::uint32_t ByteReader::read_fixed_u32(std::string_view what) {
  if (remaining() < 4) fail_eof(what);
  std::uint32_t v = 0;
  for (unsigned i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(bytes_[pos_ + i]) << (8 * i);
  pos_ += 4;
  return v;
}

// LEB128 (core spec 5.2.2): at most ceil(bits / 7) bytes; the unused bits of the last byte must be
// zero (unsigned) or a sign extension (signed). Both errors point at the first byte of the number.
std::uint64_t ByteReader::read_uleb(std::string_view what, unsigned bits) {
  const std::uint64_t start = offset();
  const unsigned max_bytes = (bits + 6) / 7;
  std::uint64_t value = 0;
  for (unsigned i = 0;; ++i) {
    const std::uint8_t byte = read_u8(what);
    const unsigned shift = 7 * i;
    if (i + 1 == max_bytes) {
      if (byte & 0x80) {
        fail(start,
             fmt::format("malformed LEB128 reading {}: integer representation too long", what));
      }
      const unsigned used = bits - shift;  // payload bits the last byte may use
      if (used < 7 && (byte >> used) != 0) {
        fail(start, fmt::format("malformed LEB128 reading {}: integer too large", what));
      }
    }
    value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return value;
  }
}

std::int64_t ByteReader::read_sleb(std::string_view what, unsigned bits) {
  const std::uint64_t start = offset();
  const unsigned max_bytes = (bits + 6) / 7;
  std::uint64_t value = 0;
  unsigned shift = 0;
  std::uint8_t byte = 0;
  for (unsigned i = 0;; ++i) {
    byte = read_u8(what);
    if (i + 1 == max_bytes) {
      if (byte & 0x80) {
        fail(start,
             fmt::format("malformed LEB128 reading {}: integer representation too long", what));
      }
      // The bits above the value's width, including the sign bit, must all be equal.
      const unsigned used = bits - shift;  // 1..7 payload bits, the top one being the sign
      if (used < 7) {
        const int rest = static_cast<std::int8_t>(static_cast<std::uint8_t>(byte << 1)) >> used;
        if (rest != 0 && rest != -1) {
          fail(start, fmt::format("malformed LEB128 reading {}: integer too large", what));
        }
      }
    }
    value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    shift += 7;
    if ((byte & 0x80) == 0) break;
  }
  if (shift < 64 && (byte & 0x40)) value |= ~std::uint64_t{0} << shift;
  return static_cast<std::int64_t>(value);
}

std::uint32_t ByteReader::read_u32(std::string_view what) {
  return static_cast<std::uint32_t>(read_uleb(what, 32));
}
std::uint64_t ByteReader::read_u64(std::string_view what) { return read_uleb(what, 64); }
std::int32_t ByteReader::read_s32(std::string_view what) {
  return static_cast<std::int32_t>(read_sleb(what, 32));
}
std::int64_t ByteReader::read_s33(std::string_view what) { return read_sleb(what, 33); }
std::int64_t ByteReader::read_s64(std::string_view what) { return read_sleb(what, 64); }

std::string ByteReader::read_name(std::string_view what) {
  return std::string(read_name_view(what));
}

std::string_view ByteReader::read_name_view(std::string_view what) {
  const std::uint64_t length_offset = offset();
  // Most names are shorter than 128 bytes: a one-byte length cannot be malformed, so skip
  // formatting the label an error would need.
  std::uint32_t length = 0;
  if (!at_end() && bytes_[pos_] < 0x80) {
    length = bytes_[pos_++];
  } else {
    length = read_u32(fmt::format("{} length", what));
  }
  if (length > limits::kMaxStringSize) {
    fail(length_offset,
         fmt::format("{} too long: {} bytes (limit {})", what, length, limits::kMaxStringSize));
  }
  if (length > remaining()) {
    fail(end_offset(),
         fmt::format("unexpected end of input reading {} ({} bytes declared, {} left)", what,
                     length, remaining()));
  }
  const std::string_view text(reinterpret_cast<const char*>(bytes_.data() + pos_), length);
  const std::size_t bad = find_invalid_utf8(text);
  if (bad != text.size()) {
    fail(offset() + bad, fmt::format("invalid UTF-8 in {}", what));
  }
  pos_ += length;
  return text;
}

std::uint32_t ByteReader::read_count(std::string_view what, std::size_t min_item_size,
                                     std::uint32_t max) {
  const std::uint64_t count_offset = offset();
  const std::uint32_t count = read_u32(what);
  if (count > max) {
    fail(count_offset, fmt::format("{} {} exceeds the limit of {}", what, count, max));
  }
  if (static_cast<std::uint64_t>(count) * min_item_size > remaining()) {
    fail(count_offset, fmt::format("{} {} is larger than the {} left can hold", what, count,
                                   bytes_text(remaining())));
  }
  return count;
}

void ByteReader::skip(std::size_t n, std::string_view what) {
  if (n > remaining()) fail_eof(what);
  pos_ += n;
}

ByteReader ByteReader::take(std::size_t n, std::string_view what) {
  if (n > remaining()) fail_eof(what);
  ByteReader sub(bytes_.subspan(pos_, n), offset());
  pos_ += n;
  return sub;
}

std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& cp) noexcept {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char c = s[i];
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  std::size_t len = 0;
  char32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (text.size() - i < len) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((s[i + k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i + k] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

std::size_t find_invalid_utf8(std::string_view text) noexcept {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII fast path, eight bytes at a time (names are mostly ASCII).
    while (n - i >= 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, s + i, 8);
      if ((word & 0x8080808080808080ull) != 0) break;
      i += 8;
    }
    if (i == n) break;
    char32_t cp = 0;
    const std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) return i;
    i += len;
  }
  return n;
}

}  // namespace wasmaudit
