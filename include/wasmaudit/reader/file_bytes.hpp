// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "wasmaudit/binary/limits.hpp"

namespace wasmaudit {

/// The bytes of a file, memory-mapped when it is a regular file so that the sections the reader
/// skips (code, data) are never read from disk. Read-only; movable, not copyable.
class FileBytes {
 public:
  /// Opens `path`: a regular file is memory-mapped; `-` reads standard input, at most `max_read`
  /// bytes. Anything else is refused at once, before it is opened for reading, so nothing blocks
  /// and nothing grows without bound: a directory, a FIFO (named pipe), a character or block
  /// device (`/dev/zero`), a socket. Throws IoError naming the path: missing, not readable, not a
  /// regular file, or larger than `max_read` where it has to be read.
  /// With `allow_fifo` (configuration documents: `--policy <(…)`), a FIFO is read, bounded too.
  static FileBytes open(const std::string& path, std::uint64_t max_read = limits::kMaxReadBytes,
                        bool allow_fifo = false);

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
