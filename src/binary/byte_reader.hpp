// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "wasmaudit/error.hpp"

namespace wasmaudit {

/// A bounds-checked cursor over a byte range of a file.
///
/// Every read names what it reads (`"import module name"`) so that errors say so, and every error
/// carries a *file* offset: the reader knows where its bytes start in the file (`base_offset`).
/// Truncation is reported at the end of the reader's range; a bad value at the start of the field.
class ByteReader {
 public:
  ByteReader(std::span<const std::uint8_t> bytes, std::uint64_t base_offset = 0) noexcept
      : bytes_(bytes), base_(base_offset) {}

  /// File offset of the next byte to read.
  std::uint64_t offset() const noexcept { return base_ + pos_; }
  /// File offset one past the last byte of this reader's range.
  std::uint64_t end_offset() const noexcept { return base_ + bytes_.size(); }
  std::size_t remaining() const noexcept { return bytes_.size() - pos_; }
  bool at_end() const noexcept { return pos_ == bytes_.size(); }
  /// The bytes not read yet (for decoders that walk them with a pointer, then `skip` what they used).
  std::span<const std::uint8_t> rest() const noexcept { return bytes_.subspan(pos_); }

  std::uint8_t peek_u8(std::string_view what) const;
  std::uint8_t read_u8(std::string_view what);
  std::uint32_t read_u32(std::string_view what);  ///< unsigned LEB128, at most 5 bytes
  std::uint64_t read_u64(std::string_view what);  ///< unsigned LEB128, at most 10 bytes
  std::int32_t read_s32(std::string_view what);   ///< signed LEB128, at most 5 bytes
  std::int64_t read_s33(std::string_view what);   ///< signed LEB128 of 33 bits, at most 5 bytes
  std::int64_t read_s64(std::string_view what);   ///< signed LEB128, at most 10 bytes
  /// Reads a fixed-width little-endian u32 (the header's version field).
  std::uint32_t read_fixed_u32(std::string_view what);

  /// A name: u32 length, then that many bytes of valid UTF-8 (at most limits::kMaxStringSize).
  std::string read_name(std::string_view what);
  /// The same, as a view into the reader's bytes (no copy): valid as long as those bytes are.
  std::string_view read_name_view(std::string_view what);

  /// A count of items that each take at least `min_item_size` bytes; rejects counts above `max`
  /// and counts the bytes left cannot hold, before the caller allocates anything.
  std::uint32_t read_count(std::string_view what, std::size_t min_item_size, std::uint32_t max);

  void skip(std::size_t n, std::string_view what);
  /// Takes the next `n` bytes as a reader of their own, keeping file offsets.
  ByteReader take(std::size_t n, std::string_view what);

  /// Throws a DecodeError at `offset`.
  [[noreturn]] static void fail(std::uint64_t offset, std::string message);

 private:
  [[noreturn]] void fail_eof(std::string_view what) const;
  std::uint64_t read_uleb(std::string_view what, unsigned bits);
  std::int64_t read_sleb(std::string_view what, unsigned bits);

  std::span<const std::uint8_t> bytes_;
  std::uint64_t base_;
  std::size_t pos_ = 0;
};

/// Decodes the strict UTF-8 sequence at `text[i]` into `cp`: its length (1 to 4), or 0 when the
/// bytes there are not valid UTF-8 (overlong, surrogate, above U+10FFFF, truncated).
std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& cp) noexcept;

/// The offset of the first byte that makes `bytes` invalid UTF-8, or bytes.size() if valid.
/// Strict: rejects overlong forms, surrogates and code points above U+10FFFF.
std::size_t find_invalid_utf8(std::string_view bytes) noexcept;

}  // namespace wasmaudit
