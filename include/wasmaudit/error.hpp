// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace wasmaudit {

/// Base of every input error the library throws. Findings are never exceptions; bugs are asserts.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Malformed or unsupported WebAssembly binary.
///
/// offset() is a byte offset into the file: the byte at which decoding failed, or for truncation the
/// end of the enclosing range (section or file). context() names where it happened ("import
/// section", "header", ...); what() is the bare message without context or offset.
class DecodeError : public Error {
 public:
  DecodeError(std::uint64_t offset, std::string message, std::string context = {})
      : Error(std::move(message)), offset_(offset), context_(std::move(context)) {}

  std::uint64_t offset() const noexcept { return offset_; }
  const std::string& context() const noexcept { return context_; }

  /// A copy with `context` set if none was set yet (innermost context wins).
  DecodeError with_context(const std::string& context) const {
    return context_.empty() ? DecodeError(offset_, what(), context) : *this;
  }

 private:
  std::uint64_t offset_;
  std::string context_;
};

/// A file that cannot be read: missing, a directory, no permission, I/O failure.
class IoError : public Error {
 public:
  IoError(std::string path, std::string message)
      : Error(std::move(message)), path_(std::move(path)) {}
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

}  // namespace wasmaudit
