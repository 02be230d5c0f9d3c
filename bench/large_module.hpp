// SPDX-License-Identifier: Apache-2.0
// Builds a valid core module whose code section has a chosen size while everything the reader
// decodes stays the same: ~45 WASI preview 1 imports, a few hundred functions, a handful of
// exports, one memory and a data segment. Shared by gen_large_module and bench_reader.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace wasmaudit::bench {

struct LargeModuleOptions {
  std::uint64_t code_bytes = 50ull << 20;  ///< target size of the code section payload
  std::uint32_t functions = 300;           ///< defined functions, each `() -> ()`
  std::uint32_t data_bytes = 64 << 10;     ///< one active data segment at address 1024
};

namespace detail {

using Bytes = std::vector<std::uint8_t>;

inline void put_uleb(Bytes& out, std::uint64_t v) {
  do {
    std::uint8_t b = v & 0x7F;
    v >>= 7;
    if (v != 0) b |= 0x80;
    out.push_back(b);
  } while (v != 0);
}

inline void put_name(Bytes& out, std::string_view s) {
  put_uleb(out, s.size());
  out.insert(out.end(), s.begin(), s.end());
}

inline void put_section(Bytes& out, std::uint8_t id, const Bytes& payload) {
  out.push_back(id);
  put_uleb(out, payload.size());
  out.insert(out.end(), payload.begin(), payload.end());
}

struct WasiImport {
  const char* name;
  const char* params;  ///< 'i' i32, 'I' i64
  const char* results;
};

// wasi_snapshot_preview1 functions with their real signatures.
inline constexpr WasiImport kWasiImports[] = {
    {"args_get", "ii", "i"},
    {"args_sizes_get", "ii", "i"},
    {"environ_get", "ii", "i"},
    {"environ_sizes_get", "ii", "i"},
    {"clock_res_get", "ii", "i"},
    {"clock_time_get", "iIi", "i"},
    {"fd_advise", "iIIi", "i"},
    {"fd_allocate", "iII", "i"},
    {"fd_close", "i", "i"},
    {"fd_datasync", "i", "i"},
    {"fd_fdstat_get", "ii", "i"},
    {"fd_fdstat_set_flags", "ii", "i"},
    {"fd_fdstat_set_rights", "iII", "i"},
    {"fd_filestat_get", "ii", "i"},
    {"fd_filestat_set_size", "iI", "i"},
    {"fd_filestat_set_times", "iIIi", "i"},
    {"fd_pread", "iiiIi", "i"},
    {"fd_prestat_get", "ii", "i"},
    {"fd_prestat_dir_name", "iii", "i"},
    {"fd_pwrite", "iiiIi", "i"},
    {"fd_read", "iiii", "i"},
    {"fd_readdir", "iiiIi", "i"},
    {"fd_renumber", "ii", "i"},
    {"fd_seek", "iIii", "i"},
    {"fd_sync", "i", "i"},
    {"fd_tell", "ii", "i"},
    {"fd_write", "iiii", "i"},
    {"path_create_directory", "iii", "i"},
    {"path_filestat_get", "iiiii", "i"},
    {"path_filestat_set_times", "iiiiIIi", "i"},
    {"path_link", "iiiiiii", "i"},
    {"path_open", "iiiiiIIii", "i"},
    {"path_readlink", "iiiiii", "i"},
    {"path_remove_directory", "iii", "i"},
    {"path_rename", "iiiiii", "i"},
    {"path_symlink", "iiiii", "i"},
    {"path_unlink_file", "iii", "i"},
    {"poll_oneoff", "iiii", "i"},
    {"proc_exit", "i", ""},
    {"random_get", "ii", "i"},
    {"sched_yield", "", "i"},
    {"sock_accept", "iii", "i"},
    {"sock_recv", "iiiiii", "i"},
    {"sock_send", "iiiii", "i"},
    {"sock_shutdown", "ii", "i"},
};

inline void put_val_types(Bytes& out, std::string_view codes) {
  put_uleb(out, codes.size());
  for (char c : codes) out.push_back(c == 'I' ? 0x7E : 0x7F);
}

}  // namespace detail

/// The module's bytes. The code section payload is within a few hundred bytes of `code_bytes`.
inline std::vector<std::uint8_t> make_large_module(const LargeModuleOptions& options) {
  using detail::Bytes;
  using detail::put_name;
  using detail::put_section;
  using detail::put_uleb;

  // Types: `() -> ()` for the defined functions first, then each distinct WASI signature.
  std::map<std::string, std::uint32_t> type_index;
  Bytes types_payload;
  std::vector<std::string> signatures = {"->"};
  for (const auto& imp : detail::kWasiImports) {
    signatures.push_back(std::string(imp.params) + "->" + imp.results);
  }
  Bytes type_entries;
  for (const auto& sig : signatures) {
    if (type_index.count(sig) != 0) continue;
    const auto arrow = sig.find("->");
    type_entries.push_back(0x60);
    detail::put_val_types(type_entries, std::string_view(sig).substr(0, arrow));
    detail::put_val_types(type_entries, std::string_view(sig).substr(arrow + 2));
    const auto index = static_cast<std::uint32_t>(type_index.size());
    type_index[sig] = index;
  }
  put_uleb(types_payload, type_index.size());
  types_payload.insert(types_payload.end(), type_entries.begin(), type_entries.end());

  Bytes imports;
  put_uleb(imports, std::size(detail::kWasiImports));
  for (const auto& imp : detail::kWasiImports) {
    put_name(imports, "wasi_snapshot_preview1");
    put_name(imports, imp.name);
    imports.push_back(0x00);  // func
    put_uleb(imports, type_index[std::string(imp.params) + "->" + imp.results]);
  }

  Bytes functions;
  put_uleb(functions, options.functions);
  for (std::uint32_t i = 0; i < options.functions; ++i) functions.push_back(0x00);

  // One memory, large enough for the data segment at 1024.
  Bytes memory;
  put_uleb(memory, 1);
  memory.push_back(0x00);
  put_uleb(memory, (1024 + options.data_bytes + 0xFFFF) / 0x10000);

  // Exports: memory, _start and a few more functions; defined functions follow the imports.
  const std::uint32_t first_defined = std::size(detail::kWasiImports);
  const std::uint32_t extra = options.functions > 8 ? 7 : options.functions - 1;
  Bytes exports;
  put_uleb(exports, 2 + extra);
  put_name(exports, "memory");
  exports.push_back(0x02);
  put_uleb(exports, 0);
  put_name(exports, "_start");
  exports.push_back(0x00);
  put_uleb(exports, first_defined);
  for (std::uint32_t i = 1; i <= extra; ++i) {
    put_name(exports, "run_" + std::to_string(i));
    exports.push_back(0x00);
    put_uleb(exports, first_defined + i);
  }

  // Bodies: no locals, then `i32.const 0; drop` repeated, then `end`.
  const std::uint64_t per_body = options.code_bytes / options.functions;
  const std::uint64_t pairs = per_body > 16 ? (per_body - 16) / 3 : 0;
  Bytes body;
  put_uleb(body, 0);
  body.reserve(pairs * 3 + 2);
  for (std::uint64_t k = 0; k < pairs; ++k) body.insert(body.end(), {0x41, 0x00, 0x1A});
  body.push_back(0x0B);
  Bytes body_size;
  put_uleb(body_size, body.size());
  Bytes count;
  put_uleb(count, options.functions);
  const std::uint64_t code_size = count.size() + static_cast<std::uint64_t>(options.functions) *
                                                     (body_size.size() + body.size());

  Bytes data;
  put_uleb(data, 1);
  data.insert(data.end(), {0x00, 0x41, 0x80, 0x08, 0x0B});  // active, memory 0, i32.const 1024
  put_uleb(data, options.data_bytes);
  for (std::uint32_t i = 0; i < options.data_bytes; ++i)
    data.push_back(static_cast<std::uint8_t>(i));

  Bytes out = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
  out.reserve(code_size + data.size() + 4096);
  put_section(out, 1, types_payload);
  put_section(out, 2, imports);
  put_section(out, 3, functions);
  put_section(out, 5, memory);
  put_section(out, 7, exports);
  out.push_back(10);  // code: written in place, it is the bulk of the file
  put_uleb(out, code_size);
  out.insert(out.end(), count.begin(), count.end());
  for (std::uint32_t i = 0; i < options.functions; ++i) {
    out.insert(out.end(), body_size.begin(), body_size.end());
    out.insert(out.end(), body.begin(), body.end());
  }
  put_section(out, 11, data);
  return out;
}

}  // namespace wasmaudit::bench
