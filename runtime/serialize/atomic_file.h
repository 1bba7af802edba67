// Writes a file so that a crash or error never leaves a half-written file at its
// path: the bytes go to a temporary file in the same directory, which is flushed,
// fsync'ed and renamed over the target only when everything succeeded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace tscript::rt::serialize {

class AtomicFile {
 public:
  // Creates the temporary file; throws when the directory is missing or not writable.
  explicit AtomicFile(std::string path);
  ~AtomicFile();  // without commit(): removes the temporary file
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(const void* data, size_t n);
  uint64_t offset() const { return offset_; }
  // Flush, fsync, rename onto the target path, fsync the directory.
  void commit();
  const std::string& temp_path() const { return temp_; }

 private:
  void flush();
  [[noreturn]] void fail(const char* what) const;

  std::string path_, temp_;
  int fd_ = -1;
  uint64_t offset_ = 0;
  std::string buffer_;
  bool committed_ = false;
};

// Runs `fill` on an AtomicFile for `path` and commits it; when `fill` throws, the
// previous file (if any) is left untouched and the exception propagates.
void write_atomically(const std::string& path, const std::function<void(AtomicFile&)>& fill);

}  // namespace tscript::rt::serialize
