// The byte-level side of open(): a stdio stream plus what the mode allows, CPython's
// newline handling, and the project rule that a file opened with 'w' or 'x' is written
// to a temporary file in the same folder and renamed onto its name when closed, so a
// crash never leaves a half-written file behind. No script objects here (file_object.cpp
// wraps this for scripts).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace tscript {

class FileStream {
 public:
  // newline= of open(): None translates \r and \r\n to \n when reading; '' splits lines
  // at all three without translating; '\n', '\r', '\r\n' end lines only there, and
  // writing turns '\n' into '\r' or '\r\n'.
  enum class Newline { Universal, Keep, LF, CR, CRLF };

  FileStream() = default;
  FileStream(const FileStream&) = delete;
  FileStream& operator=(const FileStream&) = delete;
  ~FileStream();  // closes (and commits a 'w'/'x' file) when still open

  // kind is 'r', 'w', 'a' or 'x'. Returns 0 or the errno CPython would report.
  int open(const std::string& path, char kind, bool plus, bool binary, Newline newline);
  // Flushes and closes; a 'w'/'x' file is synced and renamed onto its path. Returns 0 or
  // an errno. Does nothing when already closed.
  int close();
  bool is_open() const { return fp_ != nullptr; }

  bool readable() const { return readable_; }
  bool writable() const { return writable_; }
  bool binary() const { return binary_; }

  // Reads: bytes in binary mode; in text mode `size` counts characters (code points,
  // after newline translation). size < 0 reads to the end.
  std::string read(int64_t size);
  std::string read_line(int64_t size);
  // Writes s (translating '\n' for newline='\r'/'\r\n'); false with errno set on failure.
  bool write(std::string_view s);
  int flush();  // 0 or errno
  int64_t seek(int64_t offset, int whence);  // -1 with errno set on failure
  int64_t tell();
  int fileno() const;

 private:
  int text_char(std::string& out, bool line_mode);
  void before(bool write);
  int commit();

  std::FILE* fp_ = nullptr;
  bool readable_ = false, writable_ = false, binary_ = false, wrote_last_ = false, read_last_ = false;
  int64_t text_read_start_ = -1;  // where the current run of text reads began (see before())
  Newline newline_ = Newline::Universal;
  // Atomic replacement: bytes go to temp_, renamed onto target_ by close().
  std::string temp_, target_;
  bool exclusive_ = false;  // 'x': the rename must not replace a file created meanwhile
};

}  // namespace tscript
