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

#include <fmt/format.h>

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

/// What a path is when it is not a regular file, for the error ("is a FIFO …"); "" for a regular file.
std::string not_regular(mode_t mode) {
  if (S_ISREG(mode)) return {};
  if (S_ISDIR(mode)) return "is a directory";
  if (S_ISFIFO(mode)) return "is a FIFO (named pipe), not a regular file: pipe it to standard input with '-'";
  if (S_ISCHR(mode)) return "is a character device, not a regular file";
  if (S_ISBLK(mode)) return "is a block device, not a regular file";
  if (S_ISSOCK(mode)) return "is a socket, not a regular file";
  return "is not a regular file";
}

/// Reads `fd` to its end into `out`, refusing more than `max_read` bytes.
void read_all(int fd, const std::string& path, std::uint64_t max_read, std::vector<std::uint8_t>& out) {
  std::uint8_t chunk[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail_errno(path, errno);
    }
    if (n == 0) return;
    if (out.size() + static_cast<std::size_t>(n) > max_read) {
      throw IoError(path, fmt::format("larger than {} bytes, the most that is read into memory (--max-size)",
                                      max_read));
    }
    out.insert(out.end(), chunk, chunk + n);
  }
}

}  // namespace

FileBytes FileBytes::open(const std::string& path, std::uint64_t max_read, bool allow_fifo) {
  FileBytes out;
  if (path == "-") {
    // Standard input redirected from a regular file (`< app.wasm`) is mapped like any file; a pipe
    // is read, bounded.
    struct stat in {};
    if (::fstat(STDIN_FILENO, &in) == 0 && S_ISREG(in.st_mode) && in.st_size > 0) {
      const auto size = static_cast<std::size_t>(in.st_size);
      void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, STDIN_FILENO, 0);
      if (p != MAP_FAILED) {
        out.data_ = static_cast<const std::uint8_t*>(p);
        out.size_ = size;
        out.mapped_ = true;
        return out;
      }
    }
    read_all(STDIN_FILENO, path, max_read, out.buffer_);
    out.data_ = out.buffer_.data();
    out.size_ = out.buffer_.size();
    return out;
  }
  // Look before opening: opening a FIFO with no writer would block, reading /dev/zero never ends.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) fail_errno(path, errno);
  if (allow_fifo && S_ISFIFO(st.st_mode)) {
    Fd fifo(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fifo.get() < 0) fail_errno(path, errno);
    read_all(fifo.get(), path, max_read, out.buffer_);
    out.data_ = out.buffer_.data();
    out.size_ = out.buffer_.size();
    return out;
  }
  if (std::string why = not_regular(st.st_mode); !why.empty()) throw IoError(path, why);
  // O_NONBLOCK: if the path was replaced by a FIFO since, open() still returns at once.
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (fd.get() < 0) fail_errno(path, errno);
  if (::fstat(fd.get(), &st) != 0) fail_errno(path, errno);
  if (std::string why = not_regular(st.st_mode); !why.empty()) throw IoError(path, why);

  out.size_ = static_cast<std::size_t>(st.st_size);
  if (out.size_ > 0) {
    void* p = ::mmap(nullptr, out.size_, PROT_READ, MAP_PRIVATE, fd.get(), 0);
    if (p != MAP_FAILED) {
      out.data_ = static_cast<const std::uint8_t*>(p);
      out.mapped_ = true;
      return out;
    }
  }
  // A regular file that cannot be mapped (a file system without mmap, /proc files that report
  // size 0): read it, bounded like standard input.
  out.size_ = 0;
  const int flags = ::fcntl(fd.get(), F_GETFL);
  if (flags >= 0) ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK);
  read_all(fd.get(), path, max_read, out.buffer_);
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
