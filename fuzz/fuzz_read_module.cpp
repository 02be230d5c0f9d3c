// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: arbitrary bytes through read_module() and, when they decode, through detect()
// (with the built-in toolchain fingerprints) and both inspect reporters. A DecodeError is the expected answer to bad input; any other exception, a
// crash, a sanitizer report, a hang or an allocation the input cannot back is a bug.
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <span>
#include <streambuf>
#include <vector>

#include "wasmaudit/detect/detect.hpp"
#include "wasmaudit/error.hpp"
#include "wasmaudit/policy/loader.hpp"
#include "wasmaudit/reader/module_reader.hpp"
#include "wasmaudit/report/inspect.hpp"

namespace {

// Swallows everything written to it, so reports are fully formatted and then dropped.
class NullBuffer : public std::streambuf {
 protected:
  int_type overflow(int_type c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

void render_reports(const std::vector<wasmaudit::InspectEntry>& entries, bool color) {
  NullBuffer buffer;
  std::ostream null_out(&buffer);
  wasmaudit::render_inspect_text(entries, null_out, wasmaudit::TextOptions{color});
  wasmaudit::render_inspect_json(entries, null_out);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<wasmaudit::InspectEntry> entries(1);
  entries[0].path = "fuzz.wasm";
  try {
    const std::span<const std::uint8_t> bytes(data, size);
    entries[0].module = wasmaudit::read_module(bytes);
    // Detection never throws for bad input: a broken custom section is a warning.
    entries[0].detection = wasmaudit::detect(*entries[0].module, bytes, wasmaudit::builtin_toolchains());
  } catch (const wasmaudit::DecodeError& e) {
    // Error reports quote names from the input too: render the error line and the JSON error.
    entries[0].error = wasmaudit::InputError::from(e);
    (void)wasmaudit::format_error_line(entries[0].path, *entries[0].error);
  }
  // The last byte picks colour or not, so both text paths are covered without doubling the work.
  render_reports(entries, size > 0 && (data[size - 1] & 1) != 0);
  return 0;
}
