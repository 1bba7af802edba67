// open()'s byte level: POSIX open flags as CPython's FileIO sets them, stdio buffering,
// newline translation, and the temporary-file-and-rename protocol for 'w' and 'x'.
#include "interpreter/builtins/file_stream.h"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <algorithm>
#include <fcntl.h>
#include <mutex>
#include <random>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_set>

namespace tscript {

namespace {

// Every open stream, so that files a script never closed (kept alive by a reference
// cycle, say) are still flushed and renamed into place when the process exits, as
// CPython flushes them at shutdown.
struct OpenStreams {
  std::mutex mu;
  std::unordered_set<FileStream*> set;
};
OpenStreams& open_streams() {
  static OpenStreams* s = [] {
    auto* x = new OpenStreams();  // never destroyed: the exit hook may run after statics die
    std::atexit([] {
      std::unordered_set<FileStream*> left;
      {
        std::lock_guard<std::mutex> lock(open_streams().mu);
        left = open_streams().set;
      }
      for (FileStream* f : left) f->close();
    });
    return x;
  }();
  return *s;
}
void track(FileStream* f, bool open) {
  OpenStreams& s = open_streams();
  std::lock_guard<std::mutex> lock(s.mu);
  if (open) s.set.insert(f);
  else s.set.erase(f);
}

bool is_continuation(int c) { return (c & 0xc0) == 0x80; }

}  // namespace

FileStream::~FileStream() { close(); }

int FileStream::open(const std::string& path, char kind, bool plus, bool binary, Newline newline) {
  binary_ = binary;
  newline_ = newline;
  readable_ = kind == 'r' || plus;
  writable_ = kind != 'r' || plus;
  int fd = -1;
  const char* stdio_mode = plus ? (kind == 'a' ? "a+" : "r+") : (kind == 'r' ? "r" : kind == 'a' ? "a" : "w");
  if ((kind == 'w' || kind == 'x') && !plus) {
    // Replaced on close: check now what opening the target itself would have refused.
    struct stat st, lst;
    if (path.empty()) return ENOENT;
    if (kind == 'x' && ::lstat(path.c_str(), &lst) == 0) return EEXIST;
    if (path.back() == '/') return EISDIR;  // O_CREAT refuses a name ending in '/'
    bool exists = ::stat(path.c_str(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) return EISDIR;
    if (exists && ::access(path.c_str(), W_OK) != 0) return errno;
    target_ = path;
    char real[PATH_MAX];
    if (exists && ::realpath(path.c_str(), real)) target_ = real;  // write through symlinks
    // O_EXCL with a random suffix rather than mkstemp, so the file gets open()'s usual
    // 0666 & ~umask mode; an existing file's mode is kept.
    std::random_device rd;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
      char suffix[32];
      std::snprintf(suffix, sizeof suffix, ".tmp%08x", rd());
      temp_ = target_ + suffix;
      fd = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd < 0 && errno != EEXIST) break;
    }
    if (fd < 0) {
      temp_.clear();
      return errno;
    }
    if (exists) ::fchmod(fd, st.st_mode & 07777);
    exclusive_ = kind == 'x';
  } else {
    int flags = O_CLOEXEC | (plus ? O_RDWR : kind == 'r' ? O_RDONLY : O_WRONLY);
    if (kind == 'w') flags |= O_CREAT | O_TRUNC;
    if (kind == 'x') flags |= O_CREAT | O_EXCL;
    if (kind == 'a') flags |= O_CREAT | O_APPEND;
    fd = ::open(path.c_str(), flags, 0666);
    if (fd < 0) return errno;
    struct stat st;
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
      ::close(fd);
      return EISDIR;
    }
    if (kind == 'w' || kind == 'x') stdio_mode = "w+";  // fdopen does not truncate
  }
  fp_ = ::fdopen(fd, stdio_mode);
  if (!fp_) {
    int err = errno;
    ::close(fd);
    if (!temp_.empty()) ::unlink(temp_.c_str());
    temp_.clear();
    return err;
  }
  if (kind == 'a') std::fseek(fp_, 0, SEEK_END);  // CPython starts append streams at the end
  track(this, true);
  return 0;
}

int FileStream::close() {
  if (!fp_) return 0;
  int err = 0;
  if (std::fflush(fp_) != 0) err = errno;
  // Synced before the rename so a crash cannot leave an empty file under the name.
  if (!temp_.empty() && !err && ::fsync(::fileno(fp_)) != 0) err = errno;
  if (std::fclose(fp_) != 0 && !err) err = errno;
  fp_ = nullptr;
  track(this, false);
  if (!temp_.empty()) {
    if (!err) err = commit();
    if (err) ::unlink(temp_.c_str());  // the previous file, if any, stays as it was
    temp_.clear();
  }
  return err;
}

// Renames the finished temporary file onto the target ('x': only if still absent).
int FileStream::commit() {
  if (!exclusive_) return ::rename(temp_.c_str(), target_.c_str()) == 0 ? 0 : errno;
  if (::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, target_.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS) return errno;
  // A filesystem without RENAME_NOREPLACE: link() refuses an existing name too.
  if (::link(temp_.c_str(), target_.c_str()) != 0) return errno;
  ::unlink(temp_.c_str());
  return 0;
}

// stdio needs a flush or seek between a write and a read on the same stream.
void FileStream::before(bool write) {
  if (write && read_last_) {
    int64_t pos = ::ftello(fp_);
    if (!binary_ && text_read_start_ >= 0 && pos > text_read_start_) {
      // CPython's TextIOWrapper reads ahead in 8192-byte chunks and a later write lands
      // after the last chunk it read (capped at the end of the file); do the same.
      constexpr int64_t kChunk = 8192;
      int64_t chunks = (pos - text_read_start_ + kChunk - 1) / kChunk;
      ::fseeko(fp_, 0, SEEK_END);
      pos = std::min(text_read_start_ + chunks * kChunk, static_cast<int64_t>(::ftello(fp_)));
    }
    ::fseeko(fp_, pos, SEEK_SET);
  }
  if (!write && !read_last_) text_read_start_ = ::ftello(fp_);
  if (!write && wrote_last_) std::fflush(fp_);
  wrote_last_ = write;
  read_last_ = !write;
}

// Appends one character to out: 0 at the end of the file, 2 when it ended a line
// (line_mode: readline's view of the newline setting), else 1.
int FileStream::text_char(std::string& out, bool line_mode) {
  int c = std::getc(fp_);
  if (c == EOF) return 0;
  if (c == '\r' || c == '\n') {
    bool translate = newline_ == Newline::Universal;
    if (!line_mode && !translate) {
      out += static_cast<char>(c);
      return 1;
    }
    if (c == '\n') {
      out += '\n';
      return newline_ == Newline::CR || newline_ == Newline::CRLF ? 1 : 2;
    }
    if (newline_ == Newline::LF || newline_ == Newline::CR) {
      out += '\r';
      return newline_ == Newline::CR ? 2 : 1;
    }
    int d = std::getc(fp_);
    bool crlf = d == '\n';
    if (!crlf && d != EOF) std::ungetc(d, fp_);
    if (translate) {
      out += '\n';
      return 2;
    }
    out += crlf ? "\r\n" : "\r";
    return crlf || newline_ == Newline::Keep ? 2 : 1;
  }
  out += static_cast<char>(c);
  int more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;  // UTF-8 continuation bytes
  for (; more > 0; --more) {
    int d = std::getc(fp_);
    if (d == EOF) break;
    if (!is_continuation(d)) {
      std::ungetc(d, fp_);
      break;
    }
    out += static_cast<char>(d);
  }
  return 1;
}

std::string FileStream::read(int64_t size) {
  before(false);
  std::string out;
  if (size < 0) {
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, fp_)) > 0) out.append(buf, n);
    if (binary_ || newline_ != Newline::Universal) return out;
    std::string t;
    t.reserve(out.size());
    for (size_t i = 0; i < out.size(); ++i) {
      if (out[i] != '\r') t += out[i];
      else if (i + 1 < out.size() && out[i + 1] == '\n') continue;  // "\r\n": the '\n' follows
      else t += '\n';
    }
    return t;
  }
  if (binary_) {
    out.resize(static_cast<size_t>(size));
    out.resize(std::fread(out.data(), 1, out.size(), fp_));
    return out;
  }
  for (int64_t i = 0; i < size && text_char(out, false); ++i) {
  }
  return out;
}

std::string FileStream::read_line(int64_t size) {
  before(false);
  std::string out;
  for (int64_t i = 0; size < 0 || i < size; ++i) {
    if (binary_) {
      int c = std::getc(fp_);
      if (c == EOF) break;
      out += static_cast<char>(c);
      if (c == '\n') break;
    } else {
      int kind = text_char(out, true);
      if (kind != 1) break;
    }
  }
  return out;
}

bool FileStream::write(std::string_view s) {
  before(true);
  std::string translated;
  if (!binary_ && (newline_ == Newline::CR || newline_ == Newline::CRLF)) {
    for (char c : s) {
      if (c == '\n') translated += newline_ == Newline::CR ? "\r" : "\r\n";
      else translated += c;
    }
    s = translated;
  }
  return std::fwrite(s.data(), 1, s.size(), fp_) == s.size();
}

int FileStream::flush() {
  wrote_last_ = false;
  return std::fflush(fp_) == 0 ? 0 : errno;
}

int64_t FileStream::seek(int64_t offset, int whence) {
  wrote_last_ = read_last_ = false;
  if (::fseeko(fp_, offset, whence) != 0) return -1;
  return ::ftello(fp_);
}

int64_t FileStream::tell() { return ::ftello(fp_); }

int FileStream::fileno() const { return ::fileno(fp_); }

}  // namespace tscript
