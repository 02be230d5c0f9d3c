// SPDX-License-Identifier: Apache-2.0
// SHA-256 (binary/sha256.hpp): FIPS 180-4 test vectors, and the SHA-NI code against the portable
// code at every length around the block and padding boundaries.
#include <string>
#include <vector>

#include "catch.hpp"
#include "fixtures.hpp"
#include "binary/sha256.hpp"

using namespace wasmaudit;

namespace {

std::span<const std::uint8_t> bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace

TEST_CASE("SHA-256 of the FIPS 180-4 examples", "[binary][sha256]") {
  CHECK(sha256_hex(bytes_of("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex(bytes_of("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex(bytes_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  const std::string million(1000000, 'a');
  CHECK(sha256_hex(bytes_of(million)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  CHECK(detail::sha256_hex_portable(bytes_of(million)) == sha256_hex(bytes_of(million)));
}

TEST_CASE("SHA-256: the fast path equals the portable code at every length up to 300", "[binary][sha256]") {
  std::string data;
  std::uint32_t x = 12345;
  for (std::size_t n = 0; n <= 300; ++n) {
    INFO(n);
    CHECK(sha256_hex(bytes_of(data)) == detail::sha256_hex_portable(bytes_of(data)));
    x = x * 1103515245u + 12345u;
    data.push_back(static_cast<char>(x >> 16));
  }
}

TEST_CASE("SHA-256 of a fixture, as sha256sum prints it", "[binary][sha256]") {
  const auto bytes = test::read_bytes(test::source_fixture("c/hello_command.wasm"));
  CHECK(sha256_hex(bytes) == "9aa09168ccf331a91e10d355ed432f23c92359cbeb6962ff39ed5108acb3c178");
}
