// SPDX-License-Identifier: Apache-2.0
// ByteReader on bytes built in code: LEB128 boundaries, names, counts, sub-ranges and file offsets.
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "catch.hpp"
#include "wasm_builder.hpp"
#include "wasmaudit/error.hpp"
#include "binary/byte_reader.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

/// Runs `f`, which must throw a DecodeError at `offset` with exactly `message`.
template <typename F>
void check_error(F&& f, std::uint64_t offset, const std::string& message) {
  try {
    f();
    FAIL("no DecodeError; expected \"" << message << "\" at " << offset);
  } catch (const DecodeError& e) {
    CHECK(std::string(e.what()) == message);
    CHECK(e.offset() == offset);
    CHECK(e.context().empty());  // the reader adds contexts; ByteReader never does
  }
}

std::string_view sv(const char* s, std::size_t n) { return {s, n}; }

}  // namespace

TEST_CASE("u32 LEB128: boundaries, too large, too long, truncated", "[reader][leb]") {
  SECTION("0, 127, 128 and the maximum") {
    const Bytes b = {0x00, 0x7F, 0x80, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F};
    ByteReader r(b);
    CHECK(r.read_u32("x") == 0u);
    CHECK(r.read_u32("x") == 127u);
    CHECK(r.read_u32("x") == 128u);
    CHECK(r.read_u32("x") == std::numeric_limits<std::uint32_t>::max());
    CHECK(r.at_end());
  }
  SECTION("a padded (non-minimal) encoding of 5 bytes is valid") {
    const Bytes b = {0x80, 0x80, 0x80, 0x80, 0x00};
    ByteReader r(b);
    CHECK(r.read_u32("x") == 0u);
    CHECK(r.offset() == 5);
  }
  SECTION("5th byte with bits above bit 31: too large, at the number's first byte") {
    const Bytes b = {0xAA, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F};
    ByteReader r(b, 0x100);
    r.read_u8("pad");
    check_error([&] { r.read_u32("import count"); }, 0x101,
                "malformed LEB128 reading import count: integer too large");
  }
  SECTION("5th byte with the continuation bit: too long") {
    const Bytes b = {0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
    ByteReader r(b, 0x40);
    check_error([&] { r.read_u32("section size"); }, 0x40,
                "malformed LEB128 reading section size: integer representation too long");
  }
  SECTION("the range ends inside the number: at the end of the range") {
    const Bytes b = {0x80, 0x80};
    ByteReader r(b, 0x10);
    check_error([&] { r.read_u32("export index"); }, 0x12,
                "unexpected end of input reading export index");
  }
  SECTION("an empty range") {
    ByteReader r(std::span<const std::uint8_t>{}, 7);
    check_error([&] { r.read_u32("count"); }, 7, "unexpected end of input reading count");
  }
}

TEST_CASE("s32 LEB128: sign boundaries", "[reader][leb]") {
  SECTION("values") {
    const Bytes b = {
        0x7F,                          // -1
        0x3F,                          // 63
        0x40,                          // -64
        0xC0, 0x00,                    // 64
        0xFF, 0xFF, 0xFF, 0xFF, 0x07,  // INT32_MAX
        0x80, 0x80, 0x80, 0x80, 0x78,  // INT32_MIN
        0xFF, 0xFF, 0xFF, 0xFF, 0x7F,  // -1, padded to 5 bytes
    };
    ByteReader r(b);
    CHECK(r.read_s32("x") == -1);
    CHECK(r.read_s32("x") == 63);
    CHECK(r.read_s32("x") == -64);
    CHECK(r.read_s32("x") == 64);
    CHECK(r.read_s32("x") == std::numeric_limits<std::int32_t>::max());
    CHECK(r.read_s32("x") == std::numeric_limits<std::int32_t>::min());
    CHECK(r.read_s32("x") == -1);
    CHECK(r.at_end());
  }
  SECTION("unused bits of the 5th byte must copy the sign bit") {
    // 0x0F: sign bit (bit 3) set, bits 4-6 clear; 0x70: sign clear, bits 4-6 set; 0x08 likewise.
    for (const std::uint8_t last : Bytes{0x0F, 0x70, 0x08, 0x10}) {
      INFO("5th byte " << int{last});
      const Bytes b = {0xFF, 0xFF, 0xFF, 0xFF, last};
      ByteReader r(b, 0x20);
      check_error([&] { r.read_s32("i32.const immediate"); }, 0x20,
                  "malformed LEB128 reading i32.const immediate: integer too large");
    }
  }
  SECTION("too long") {
    const Bytes b = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F};
    ByteReader r(b, 3);
    check_error([&] { r.read_s32("x"); }, 3,
                "malformed LEB128 reading x: integer representation too long");
  }
  SECTION("truncated") {
    const Bytes b = {0xFF, 0xFF, 0xFF};
    ByteReader r(b, 3);
    check_error([&] { r.read_s32("x"); }, 6, "unexpected end of input reading x");
  }
}

TEST_CASE("s33 LEB128: the 33-bit range of heap types and block types", "[reader][leb]") {
  SECTION("values") {
    const Bytes b = {
        0xFF, 0xFF, 0xFF, 0xFF, 0x0F,  // 2^32 - 1, the largest
        0x80, 0x80, 0x80, 0x80, 0x70,  // -2^32, the smallest
        0x80, 0x80, 0x80, 0x80, 0x08,  // 2^31: too large for s32, fine for s33
        0x70,                          // -16 (funcref's heap type byte as s33)
    };
    ByteReader r(b);
    CHECK(r.read_s33("x") == 0xFFFFFFFFll);
    CHECK(r.read_s33("x") == -0x100000000ll);
    CHECK(r.read_s33("x") == 0x80000000ll);
    CHECK(r.read_s33("x") == -16);
    CHECK(r.at_end());
  }
  SECTION("too large: bits 5-6 of the 5th byte differ from the sign (bit 4)") {
    for (const std::uint8_t last : Bytes{0x20, 0x1F, 0x60, 0x50}) {
      INFO("5th byte " << int{last});
      const Bytes b = {0x80, 0x80, 0x80, 0x80, last};
      ByteReader r(b, 9);
      check_error([&] { r.read_s33("heap type"); }, 9,
                  "malformed LEB128 reading heap type: integer too large");
    }
  }
  SECTION("too long") {
    const Bytes b = {0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
    ByteReader r(b);
    check_error([&] { r.read_s33("block type"); }, 0,
                "malformed LEB128 reading block type: integer representation too long");
  }
}

TEST_CASE("s64 and u64 LEB128: 10-byte boundaries", "[reader][leb]") {
  SECTION("s64 extremes") {
    const Bytes b = {
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00,  // INT64_MAX
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F,  // INT64_MIN
        0x7F,                                                        // -1
    };
    ByteReader r(b);
    CHECK(r.read_s64("x") == std::numeric_limits<std::int64_t>::max());
    CHECK(r.read_s64("x") == std::numeric_limits<std::int64_t>::min());
    CHECK(r.read_s64("x") == -1);
    CHECK(r.at_end());
  }
  SECTION("s64 too large: the 10th byte's bits 1-6 must copy its bit 0") {
    for (const std::uint8_t last : Bytes{0x01, 0x02, 0x7E, 0x40}) {
      INFO("10th byte " << int{last});
      const Bytes b = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, last};
      ByteReader r(b, 0x30);
      check_error([&] { r.read_s64("i64.const immediate"); }, 0x30,
                  "malformed LEB128 reading i64.const immediate: integer too large");
    }
  }
  SECTION("s64 too long") {
    const Bytes b = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
    ByteReader r(b, 1);
    check_error([&] { r.read_s64("x"); }, 1,
                "malformed LEB128 reading x: integer representation too long");
  }
  SECTION("u64 maximum") {
    const Bytes b = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01};
    ByteReader r(b);
    CHECK(r.read_u64("x") == std::numeric_limits<std::uint64_t>::max());
  }
  SECTION("u64 too large and too long") {
    const Bytes large = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02};
    ByteReader r1(large, 0x50);
    check_error([&] { r1.read_u64("limits minimum"); }, 0x50,
                "malformed LEB128 reading limits minimum: integer too large");
    const Bytes long_ = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x81, 0x00};
    ByteReader r2(long_, 0x50);
    check_error([&] { r2.read_u64("limits minimum"); }, 0x50,
                "malformed LEB128 reading limits minimum: integer representation too long");
  }
  SECTION("u64 truncated after 9 bytes: at the end of the range") {
    const Bytes b = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    ByteReader r(b, 0x50);
    check_error([&] { r.read_u64("limits maximum"); }, 0x59,
                "unexpected end of input reading limits maximum");
  }
}

TEST_CASE("fixed-width reads and single bytes", "[reader]") {
  const Bytes b = {0x01, 0x00, 0x01, 0x00, 0x2A};
  ByteReader r(b, 4);
  CHECK(r.read_fixed_u32("version") == 0x00010001u);
  CHECK(r.peek_u8("x") == 0x2A);
  CHECK(r.offset() == 8);
  CHECK(r.read_u8("x") == 0x2A);
  check_error([&] { r.read_u8("section id"); }, 9, "unexpected end of input reading section id");
  check_error([&] { r.peek_u8("type form"); }, 9, "unexpected end of input reading type form");

  const Bytes three = {0x01, 0x00, 0x00};
  ByteReader short_version(three, 4);
  check_error([&] { short_version.read_fixed_u32("version"); }, 7,
              "unexpected end of input reading version");
}

TEST_CASE("read_name: valid and invalid UTF-8, lengths", "[reader][utf8]") {
  SECTION("valid names, empty included") {
    const Bytes b = cat({name(""), name("env"), name("h\xC3\xA9llo"), name("\xF4\x8F\xBF\xBF"),
                         name("\xF0\x9F\x98\x80")});
    ByteReader r(b);
    CHECK(r.read_name("n") == "");
    CHECK(r.read_name("n") == "env");
    CHECK(r.read_name("n") == "h\xC3\xA9llo");
    CHECK(r.read_name("n") == "\xF4\x8F\xBF\xBF");  // U+10FFFF, the largest code point
    CHECK(r.read_name("n") == "\xF0\x9F\x98\x80");
    CHECK(r.at_end());
  }
  // Each name is "ab" + bad bytes, read at base offset 0x100: length byte at 0x100, "ab" at
  // 0x101, so the first bad byte is at 0x103.
  const auto bad = [](std::string_view bytes, std::string_view what, std::uint64_t at) {
    const Bytes b = name(std::string("ab") + std::string(bytes));
    ByteReader r(b, 0x100);
    check_error([&] { r.read_name(what); }, at, "invalid UTF-8 in " + std::string(what));
  };
  SECTION("overlong forms") {
    bad("\xC0\xAF", "import name", 0x103);          // "/" in 2 bytes
    bad("\xC1\xBF", "import name", 0x103);          // U+007F in 2 bytes
    bad("\xE0\x80\xAF", "import name", 0x103);      // "/" in 3 bytes
    bad("\xF0\x80\x80\xAF", "import name", 0x103);  // "/" in 4 bytes
  }
  SECTION("surrogates") {
    bad("\xED\xA0\x80", "export name", 0x103);  // U+D800
    bad("\xED\xBF\xBF", "export name", 0x103);  // U+DFFF
  }
  SECTION("above U+10FFFF") {
    bad("\xF4\x90\x80\x80", "custom section name", 0x103);  // U+110000
    bad("\xF7\xBF\xBF\xBF", "custom section name", 0x103);
  }
  SECTION("truncated sequences and stray bytes") {
    bad("\xE2\x82", "import module name", 0x103);      // the euro sign without its last byte
    bad("\xC3", "import module name", 0x103);          // a lead byte at the end
    bad("\xC3(", "import module name", 0x103);         // a lead byte without a continuation
    bad("\x80", "import module name", 0x103);          // a lone continuation byte
    bad("\xFF", "import module name", 0x103);          // never in UTF-8
    bad("\xC3\xA9\xFE", "import module name", 0x105);  // after a valid "é"
  }
  SECTION("the declared length runs past the range: at the end of the range") {
    const Bytes b = {0x05, 'a', 'b'};
    ByteReader r(b, 0x20);
    check_error([&] { r.read_name("import name"); }, 0x23,
                "unexpected end of input reading import name (5 bytes declared, 2 left)");
  }
  SECTION("a length above limits::kMaxStringSize: at the length") {
    const Bytes b = cat({Bytes{0x00}, uleb(100001), Bytes{'x'}});
    ByteReader r(b, 0x20);
    r.read_u8("pad");
    check_error([&] { r.read_name("export name"); }, 0x21,
                "export name too long: 100001 bytes (limit 100000)");
  }
  SECTION("a malformed length") {
    const Bytes b = {0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
    ByteReader r(b, 0x20);
    check_error([&] { r.read_name("import name"); }, 0x20,
                "malformed LEB128 reading import name length: integer representation too long");
  }
}

TEST_CASE("read_count rejects counts the bytes cannot hold, before the caller allocates",
          "[reader][count]") {
  SECTION("a count that fits") {
    const Bytes b = {0x02, 0x00, 0x00, 0x00, 0x00};
    ByteReader r(b);
    CHECK(r.read_count("item count", 2, 10) == 2u);
    CHECK(r.remaining() == 4);
  }
  SECTION("exactly as many bytes as the items need") {
    const Bytes b = {0x03, 0x00, 0x00, 0x00};
    ByteReader r(b);
    CHECK(r.read_count("item count", 1, 10) == 3u);
  }
  SECTION("one item more than the bytes hold") {
    const Bytes b = {0x03, 0x00, 0x00, 0x00, 0x00, 0x00};
    ByteReader r(b, 0x40);
    check_error([&] { r.read_count("export count", 2, 100); }, 0x40,
                "export count 3 is larger than the 5 bytes left can hold");
  }
  SECTION("a huge count with a few bytes: refused without touching them") {
    const Bytes b = cat({uleb(99999), Bytes{0x00}});
    ByteReader r(b, 0x40);
    check_error([&] { r.read_count("import count", 4, 100000); }, 0x40,
                "import count 99999 is larger than the 1 byte left can hold");
  }
  SECTION("the maximum u32 count does not overflow the size check") {
    const Bytes b = cat({uleb(0xFFFFFFFF), Bytes(16, 0x00)});
    ByteReader r(b);
    check_error([&] { r.read_count("type count", 0xFFFFFFFF, 0xFFFFFFFF); }, 0,
                "type count 4294967295 is larger than the 16 bytes left can hold");
  }
  SECTION("above the limit: the limit is named, whatever the bytes left") {
    const Bytes b = cat({uleb(11), Bytes(100, 0x00)});
    ByteReader r(b, 0x40);
    check_error([&] { r.read_count("table count", 1, 10); }, 0x40,
                "table count 11 exceeds the limit of 10");
  }
  SECTION("zero items need no bytes") {
    const Bytes b = {0x00};
    ByteReader r(b);
    CHECK(r.read_count("global count", 3, 10) == 0u);
    CHECK(r.at_end());
  }
}

TEST_CASE("take() gives a sub-reader that keeps file offsets", "[reader]") {
  const Bytes b = {0x01, 0x02, 0x85, 0x80, 0x03, 0x04};
  ByteReader r(b, 0x1000);
  r.skip(2, "header");
  ByteReader sub = r.take(2, "section payload");
  CHECK(sub.offset() == 0x1002);
  CHECK(sub.end_offset() == 0x1004);
  CHECK(sub.remaining() == 2);
  CHECK(r.offset() == 0x1004);
  // A read that runs off the sub-range stops at the sub-range's end, not the parent's.
  check_error([&] { sub.read_u32("function count"); }, 0x1004,
              "unexpected end of input reading function count");

  // Nested takes keep adding up.
  ByteReader outer = r.take(2, "payload");
  outer.read_u8("x");
  ByteReader inner = outer.take(1, "item");
  CHECK(inner.offset() == 0x1005);
  CHECK(inner.read_u8("y") == 0x04);
  CHECK(inner.at_end());

  check_error([&] { r.take(1, "section payload"); }, 0x1006,
              "unexpected end of input reading section payload");
  check_error([&] { r.skip(1, "f32.const immediate"); }, 0x1006,
              "unexpected end of input reading f32.const immediate");
}

TEST_CASE("find_invalid_utf8 returns the first bad byte", "[reader][utf8]") {
  struct Case {
    std::string_view bytes;
    std::size_t expected;
  };
  const Case c = GENERATE(
      Case{sv("", 0), 0}, Case{sv("abc", 3), 3}, Case{sv("a\0b", 3), 3},       // NUL is UTF-8
      Case{sv("\x7F", 1), 1}, Case{sv("\xC2\x80", 2), 2},                      // U+0080
      Case{sv("\xDF\xBF", 2), 2}, Case{sv("\xE0\xA0\x80", 3), 3},              // U+07FF, U+0800
      Case{sv("\xED\x9F\xBF", 3), 3}, Case{sv("\xEE\x80\x80", 3), 3},          // U+D7FF, U+E000
      Case{sv("\xEF\xBF\xBF", 3), 3}, Case{sv("\xF0\x90\x80\x80", 4), 4},      // U+FFFF, U+10000
      Case{sv("\xF4\x8F\xBF\xBF", 4), 4},                                      // U+10FFFF
      Case{sv("\x80", 1), 0}, Case{sv("\xBF", 1), 0},                          // continuation bytes
      Case{sv("\xC0\x80", 2), 0}, Case{sv("\xC1\xBF", 2), 0},                  // overlong
      Case{sv("\xE0\x9F\xBF", 3), 0}, Case{sv("\xF0\x8F\xBF\xBF", 4), 0},      // overlong
      Case{sv("\xED\xA0\x80", 3), 0}, Case{sv("\xED\xBF\xBF", 3), 0},          // surrogates
      Case{sv("\xF4\x90\x80\x80", 4), 0}, Case{sv("\xF5\x80\x80\x80", 4), 0},  // > U+10FFFF
      Case{sv("\xF8\x88\x80\x80\x80", 5), 0}, Case{sv("\xFE", 1), 0}, Case{sv("\xFF", 1), 0},
      Case{sv("ab\xE2\x82", 4), 2}, Case{sv("\xC3", 1), 0},          // truncated at the end
      Case{sv("\xE2\x82(", 3), 0}, Case{sv("x\xF0\x9F\x98", 4), 1},  // truncated before more
      Case{sv("\xC3\xA9\xC3", 3), 2});                               // good, then bad
  INFO("bytes of size " << c.bytes.size());
  CHECK(find_invalid_utf8(c.bytes) == c.expected);
}
