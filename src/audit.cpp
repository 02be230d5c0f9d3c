// SPDX-License-Identifier: Apache-2.0
#include "wasmaudit/audit.hpp"

#include "wasmaudit/reader/file_bytes.hpp"
#include "wasmaudit/reader/module_reader.hpp"

namespace wasmaudit {

InspectEntry inspect_file(const std::string& path) {
  InspectEntry entry;
  entry.path = path;
  try {
    const FileBytes file = FileBytes::open(path);
    entry.module = read_module(file.bytes());
  } catch (const DecodeError& e) {
    entry.error = InputError::from(e);
  } catch (const IoError& e) {
    entry.error = InputError::from(e);
  }
  return entry;
}

}  // namespace wasmaudit
