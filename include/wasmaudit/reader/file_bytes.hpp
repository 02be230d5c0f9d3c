// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace wasmaudit {

/// The bytes of a file, memory-mapped when it is a regular file so that the sections the reader
/// skips (code, data) are never read from disk. Read-only; movable, not copyable.
class FileBytes {
 public:
  /// Opens `path`. Throws IoError naming the path: missing, a directory, not readable.
  static FileBytes open(const std::string& path);

  FileBytes(FileBytes&& other) noexcept;
  FileBytes& operator=(FileBytes&& other) noexcept;
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;
  ~FileBytes();

  std::span<const std::uint8_t> bytes() const noexcept { return {data_, size_}; }

 private:
  FileBytes() = default;
  void release() noexcept;

  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
  bool mapped_ = false;
  std::vector<std::uint8_t> buffer_;  // fallback for files that cannot be mapped (pipes, /proc)
};

}  // namespace wasmaudit
