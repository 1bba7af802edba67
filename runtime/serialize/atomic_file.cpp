#include "runtime/serialize/atomic_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <cstdio>
#include <random>
#include <utility>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/tensor/error.h"

namespace tscript::rt::serialize {

namespace {

constexpr size_t kBufferSize = 1 << 20;

std::string parent_dir(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  std::string dir = parent_dir(path_);
  struct stat st;
  // PyTorch's wording for the common mistake.
  TS_CHECK(::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode), "Parent directory ", dir, " does not exist.");
  // O_EXCL with a random suffix (not mkstemp) so the file gets the usual 0666 & ~umask mode.
  std::random_device rd;
  for (int attempt = 0; attempt < 100 && fd_ < 0; ++attempt) {
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, ".tmp%08x", rd());
    temp_ = path_ + suffix;
    fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ < 0 && errno != EEXIST) fail("cannot create");
  }
  if (fd_ < 0) fail("cannot create");
  buffer_.reserve(kBufferSize);
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(temp_.c_str());
}

void AtomicFile::fail(const char* what) const {
  TS_ERROR(what, " '", temp_.empty() ? path_ : temp_, "' while writing '", path_, "': ", std::strerror(errno));
}

void AtomicFile::write(const void* data, size_t n) {
  offset_ += n;
  if (buffer_.size() + n <= kBufferSize) {
    buffer_.append(static_cast<const char*>(data), n);
    return;
  }
  flush();
  const char* p = static_cast<const char*>(data);
  while (n > 0) {  // large blocks (tensor data) bypass the buffer
    ssize_t w = ::write(fd_, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) fail("cannot write");
    p += w;
    n -= static_cast<size_t>(w);
  }
}

void AtomicFile::flush() {
  size_t done = 0;
  while (done < buffer_.size()) {
    ssize_t w = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) fail("cannot write");
    done += static_cast<size_t>(w);
  }
  buffer_.clear();
}

void AtomicFile::commit() {
  flush();
  if (::fsync(fd_) != 0) fail("cannot sync");
  int fd = std::exchange(fd_, -1);
  if (::close(fd) != 0) fail("cannot close");
  if (::rename(temp_.c_str(), path_.c_str()) != 0) fail("cannot rename");
  committed_ = true;
  // Make the rename itself durable.
  int dir = ::open(parent_dir(path_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

void write_atomically(const std::string& path, const std::function<void(AtomicFile&)>& fill) {
  AtomicFile f(path);
  fill(f);
  f.commit();
}

}  // namespace tscript::rt::serialize
