// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the code scan: the input's first byte picks the module around it (a 32- or
// 64-bit memory, two memories, a data count section, a global to read in a constant expression),
// the rest is one function body, placed in a code section and read with read_module(). A
// DecodeError is the expected answer; any other exception, a crash, a sanitizer report or a hang
// is a bug, and so is a proposal use recorded outside the file.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "wasmaudit/error.hpp"
#include "wasmaudit/reader/module_reader.hpp"
#include "../tests/support/wasm_builder.hpp"

namespace {

using wasmaudit::test::Bytes;
using wasmaudit::test::cat;
using wasmaudit::test::section;
using wasmaudit::test::uleb;

Bytes module_around(std::uint8_t shape, std::span<const std::uint8_t> body) {
  Bytes m = cat({wasmaudit::test::core_header(), section(1, {0x01, 0x60, 0x00, 0x00}),  // type 0: () -> ()
                 section(3, {0x01, 0x00})});                                           // one function of type 0
  if (shape & 1) {  // memories: one, 64-bit when bit 1, two when bit 2
    Bytes mem = {static_cast<std::uint8_t>(shape & 4 ? 2 : 1), static_cast<std::uint8_t>(shape & 2 ? 0x04 : 0x00), 0x01};
    if (shape & 4) mem.insert(mem.end(), {0x00, 0x01});
    m = cat({m, section(5, mem)});
  }
  if (shape & 8) m = cat({m, section(6, {0x01, 0x7F, 0x00, 0x41, 0x00, 0x0B})});  // global i32 = 0
  if (shape & 16) m = cat({m, section(12, {0x00})});                             // data count 0
  const Bytes code = cat({Bytes{0x01}, uleb(body.size()), Bytes(body.begin(), body.end())});
  return cat({m, section(10, code)});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Bytes bytes = module_around(data[0], std::span<const std::uint8_t>(data + 1, size - 1));
  try {
    const wasmaudit::Module m = wasmaudit::read_module(bytes);
    for (const auto& f : m.features) {
      if (f.offset >= bytes.size() || f.count == 0) std::abort();
    }
  } catch (const wasmaudit::DecodeError& e) {
    if (e.offset() > bytes.size()) std::abort();
  }
  return 0;
}
