// SPDX-License-Identifier: Apache-2.0
#include "wasmaudit/reader/file_bytes.hpp"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

#include "wasmaudit/error.hpp"

namespace wasmaudit {
namespace {

class Fd {
 public:
  explicit Fd(int fd) noexcept : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const noexcept { return fd_; }

 private:
  int fd_;
};

[[noreturn]] void fail_errno(const std::string& path, int err) {
  std::string message = std::strerror(err);  // "No such file or directory" -> lowercase
  if (!message.empty())
    message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
  throw IoError(path, message);
}

}  // namespace

FileBytes FileBytes::open(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) fail_errno(path, errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) fail_errno(path, errno);
  if (S_ISDIR(st.st_mode)) throw IoError(path, "is a directory");

  FileBytes out;
  if (S_ISREG(st.st_mode)) {
    out.size_ = static_cast<std::size_t>(st.st_size);
    if (out.size_ == 0) return out;
    void* p = ::mmap(nullptr, out.size_, PROT_READ, MAP_PRIVATE, fd.get(), 0);
    if (p != MAP_FAILED) {
      out.data_ = static_cast<const std::uint8_t*>(p);
      out.mapped_ = true;
      return out;
    }
    out.size_ = 0;
  }
  // Not mappable (a pipe, a character device, a file system without mmap): read it whole.
  std::uint8_t chunk[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd.get(), chunk, sizeof chunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail_errno(path, errno);
    }
    if (n == 0) break;
    out.buffer_.insert(out.buffer_.end(), chunk, chunk + n);
  }
  out.data_ = out.buffer_.data();
  out.size_ = out.buffer_.size();
  return out;
}

FileBytes::FileBytes(FileBytes&& other) noexcept { *this = std::move(other); }

FileBytes& FileBytes::operator=(FileBytes&& other) noexcept {
  if (this != &other) {
    release();
    mapped_ = std::exchange(other.mapped_, false);
    size_ = std::exchange(other.size_, 0);
    buffer_ = std::move(other.buffer_);
    data_ = mapped_ ? std::exchange(other.data_, nullptr) : buffer_.data();
    other.data_ = nullptr;
  }
  return *this;
}

FileBytes::~FileBytes() { release(); }

void FileBytes::release() noexcept {
  if (mapped_ && data_ != nullptr) ::munmap(const_cast<std::uint8_t*>(data_), size_);
  data_ = nullptr;
  size_ = 0;
  mapped_ = false;
}

}  // namespace wasmaudit
