// SPDX-License-Identifier: Apache-2.0
// The example of docs/library.md, built by the consumer test against the installed package:
// audit one .wasm with the library, from its path and from memory, print what each runtime does
// with it, and render the whole result in a format the CLI has (JSON here).
//
//   audit_example FILE.wasm [RUNTIME...]     e.g.  audit_example app.wasm wasmtime wazero@1.9
#include <cstdint>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

#include "wasmaudit/audit.hpp"               // check_file, check_bytes
#include "wasmaudit/policy/loader.hpp"       // builtin_knowledge, load_documents
#include "wasmaudit/report/format.hpp"       // make_check_reporter: every output format
#include "wasmaudit/report/input_error.hpp"  // format_error_line
#include "wasmaudit/version.hpp"             // kVersion

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: audit_example FILE.wasm [RUNTIME[@VERSION]...]\n";
    return 2;
  }
  // The knowledge base compiled into the library; load_documents() adds a policy of your own.
  const wasmaudit::Knowledge& knowledge = wasmaudit::builtin_knowledge();
  wasmaudit::EvalOptions options;  // every runtime, unless some are named
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto at = arg.find('@');
    options.runtimes.push_back({arg.substr(0, at), at == std::string::npos ? "" : arg.substr(at + 1)});
  }

  // From a path. Bad input never throws: it comes back as entry.error, with its byte offset.
  const wasmaudit::CheckEntry entry = wasmaudit::check_file(argv[1], knowledge, options);
  if (entry.error) {
    std::cerr << wasmaudit::format_error_line(entry.path, *entry.error) << '\n';
    return 3;
  }
  // From memory: the same audit of bytes you already hold.
  std::ifstream in(argv[1], std::ios::binary);
  const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const wasmaudit::CheckEntry same = wasmaudit::check_bytes(bytes, argv[1], knowledge, options);

  std::cout << "libwasmaudit " << wasmaudit::kVersion << ": " << entry.path << ": " << entry.module->imports.size()
            << " imports, " << entry.module->exports.size() << " exports\n";
  for (const auto& rt : entry.result->runtimes) {
    std::cout << "  " << rt.key << " " << rt.version << ": "
              << (rt.instantiates ? "instantiates" : "fails: " + wasmaudit::error_summary(rt)) << '\n';
  }
  std::cout << "verdict: " << wasmaudit::to_string(entry.result->verdict.verdict) << '\n';
  std::cout << "from memory: " << wasmaudit::to_string(same.result->verdict.verdict) << '\n';

  // Any output format of the CLI: "text", "json", "jsonl", "sarif", "junit", "markdown".
  wasmaudit::ReportOptions report;
  report.knowledge = &knowledge;
  const auto reporter = wasmaudit::make_check_reporter("json", std::cout, report);
  reporter->add(entry);
  reporter->finish();
  return 0;
}
