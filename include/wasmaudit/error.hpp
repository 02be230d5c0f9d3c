// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
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

/// A knowledge-base or policy document that is not valid JSON or not a valid document.
/// pointer() is a JSON Pointer to the offending value ("/runtimes/2/version"); for a JSON syntax
/// error it is empty and byte_offset() says where parsing stopped.
class PolicyError : public Error {
 public:
  PolicyError(std::string path, std::string pointer, std::string message,
              std::optional<std::uint64_t> byte_offset = std::nullopt)
      : Error(std::move(message)),
        path_(std::move(path)),
        pointer_(std::move(pointer)),
        byte_offset_(byte_offset) {}
  const std::string& path() const noexcept { return path_; }
  const std::string& pointer() const noexcept { return pointer_; }
  std::optional<std::uint64_t> byte_offset() const noexcept { return byte_offset_; }

 private:
  std::string path_;
  std::string pointer_;
  std::optional<std::uint64_t> byte_offset_;
};

}  // namespace wasmaudit
