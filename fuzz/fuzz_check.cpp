// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: arbitrary bytes through everything `check` and `diff` run — read_module(),
// detect() with the knowledge base's fingerprints and path options, evaluate() with options the
// input picks (runtimes and versions, the plugin profile, preopens, a host manifest), the gate
// (with --require and a baseline), a check reporter the input picks (text at several widths,
// verbose and quiet, JSON, JSON Lines, SARIF, JUnit, Markdown) and, when it says so,
// diff_modules() of the module against a real one in a diff format it picks. A DecodeError is the expected answer to bad input; any other
// exception, a crash, a sanitizer report, a hang or an allocation the input cannot back is a bug.
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <span>
#include <streambuf>
#include <vector>

#include "binary/sha256.hpp"
#include "wasmaudit/detect/detect.hpp"
#include "wasmaudit/error.hpp"
#include "wasmaudit/policy/diff.hpp"
#include "wasmaudit/policy/gate.hpp"
#include "wasmaudit/policy/loader.hpp"
#include "wasmaudit/reader/module_reader.hpp"
#include "wasmaudit/report/diff.hpp"
#include "wasmaudit/report/format.hpp"

namespace {

using namespace wasmaudit;

class NullBuffer : public std::streambuf {
 protected:
  int_type overflow(int_type c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

/// The option choices come from the input's last bytes, so the fuzzer explores them too.
struct Choices {
  std::uint8_t a = 0, b = 0;
  Choices(const std::uint8_t* data, std::size_t size)
      : a(size > 0 ? data[size - 1] : 0), b(size > 1 ? data[size - 2] : 0) {}
  bool bit(int i) const { return ((i < 8 ? a : b) >> (i % 8) & 1) != 0; }
};

/// A tiny valid WASI command (imports fd_write, exports _start and memory): the other side of diff.
const std::vector<std::uint8_t>& reference_module() {
  static const std::vector<std::uint8_t> bytes = {
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,  // header
      0x01, 0x0c, 0x02, 0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7f, 0x01, 0x7f, 0x60, 0x00, 0x00,  // types
      0x02, 0x23, 0x01, 0x16, 'w', 'a', 's', 'i', '_', 's', 'n', 'a', 'p', 's', 'h', 'o', 't', '_', 'p', 'r',
      'e', 'v', 'i', 'e', 'w', '1', 0x08, 'f', 'd', '_', 'w', 'r', 'i', 't', 'e', 0x00, 0x00,  // import
      0x03, 0x02, 0x01, 0x01,                                                              // function
      0x05, 0x03, 0x01, 0x00, 0x01,                                                        // memory
      0x07, 0x13, 0x02, 0x06, 'm', 'e', 'm', 'o', 'r', 'y', 0x02, 0x00, 0x06, '_', 's', 't', 'a', 'r', 't', 0x00,
      0x01,                                                                                // exports
      0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b};                                                 // code
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Knowledge& knowledge = builtin_knowledge();
  const std::span<const std::uint8_t> bytes(data, size);
  const Choices c(data, size);

  CheckEntry entry;
  entry.path = c.bit(0) ? "dist/app.wasm" : "../a b/\x1b[31mapp|<x>.wasm";
  entry.sha256 = sha256_hex(bytes);
  EvalOptions eval;
  // Versions as a user types them, resolved by evaluate() (wamr@2.2 is 2.2.0).
  if (c.bit(1)) eval.runtimes = parse_runtime_list({"wasmtime@24,wazero,wamr@2.2", "node@22,browser"});
  if (c.bit(2)) eval.profile = "plugin";
  if (c.bit(3)) eval.preopens = {{"./data", "/data"}, {"/", "/"}};
  if (c.bit(4)) {
    Interface host;
    host.id = "host:env";
    host.module = "env";
    host.cls = InterfaceClass::kEmbedder;
    InterfaceItem item;
    item.name = "*";
    host.items.push_back(item);
    eval.host.push_back(host);
  }
  eval.file = entry.path;
  GateOptions gate;
  Baseline baseline;  // outlives the reporters, which read gate.baseline
  if (c.bit(5)) gate.require = parse_runtime_list({"wasmtime,wasm3"});
  gate.fail_on = c.bit(6) ? std::optional<Severity>(Severity::kNote) : std::nullopt;
  try {
    entry.module = read_module(bytes);
    DetectOptions d;
    d.paths = path_scan_options(knowledge);
    entry.detection = detect(*entry.module, bytes, knowledge.toolchains, d);
    eval.detection = &*entry.detection;
    eval.runtimes = with_required(eval.runtimes, gate.require, knowledge);
    entry.result = evaluate(*entry.module, knowledge, eval);
    baseline = load_baseline(baseline_json(baseline_keys(*entry.result, entry.path, gate)), "b.json");
    if (c.bit(7)) gate.baseline = &baseline;
    entry.gate = apply_gate(*entry.result, entry.path, gate);
  } catch (const DecodeError& e) {
    entry.module.reset();
    entry.detection.reset();
    entry.result.reset();
    entry.error = InputError::from(e);
  }

  NullBuffer buffer;
  std::ostream out(&buffer);
  // One check format per input (the input's bits pick it), so each run stays fast.
  const auto formats = format_names(Command::kCheck);
  for (const auto& format : {formats[(c.b >> 4) % formats.size()]}) {
    ReportOptions o;
    o.knowledge = &knowledge;
    o.gate = &gate;
    o.color = c.bit(8);
    o.width = c.bit(9) ? 40 : 80;
    o.verbose = c.bit(10);
    o.quiet = c.bit(11);
    auto reporter = make_check_reporter(format, out, o);
    reporter->add(entry);
    if (c.bit(12)) reporter->add(entry);  // a batch of two
    reporter->finish();
  }
  if (entry.result && c.bit(13)) {
    const auto& ref_bytes = reference_module();
    CheckEntry ref;
    ref.path = "ref.wasm";
    ref.module = read_module(ref_bytes);
    ref.detection = detect(*ref.module, ref_bytes, knowledge.toolchains);
    EvalOptions ref_eval = eval;
    ref_eval.detection = &*ref.detection;
    ref.result = evaluate(*ref.module, knowledge, ref_eval);
    const ModuleDiff diff = diff_modules({*ref.module, *ref.detection, *ref.result},
                                         {*entry.module, *entry.detection, *entry.result});
    const auto diff_formats = format_names(Command::kDiff);
    for (const auto& format : {diff_formats[(c.b >> 6) % diff_formats.size()]}) {
      ReportOptions o;
      o.width = c.bit(9) ? 40 : 80;
      render_diff(format, DiffReport{ref, entry, diff}, out, o);
    }
  }
  return 0;
}
