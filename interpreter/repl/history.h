// The REPL's persistent, size-limited input history (libedit's history list and file format).
#pragma once

#include <histedit.h>

#include <string>

namespace tscript::repl {

// ~/.tscript_history, or $TSCRIPT_HISTORY when set; "" (no file) when it is set empty or
// there is no home directory.
std::string history_file_path();

class HistoryFile {
 public:
  static constexpr int kMaxEntries = 1000;

  // Loads `path` if it exists; "" keeps history in memory only.
  explicit HistoryFile(std::string path);
  ~HistoryFile();
  HistoryFile(const HistoryFile&) = delete;
  HistoryFile& operator=(const HistoryFile&) = delete;

  // Appends a line (consecutive duplicates are kept once) and rewrites the file, so an
  // abruptly ended session loses nothing.
  void add(const std::string& line);
  ::History* handle() const { return history_; }

 private:
  ::History* history_;
  std::string path_;
};

}  // namespace tscript::repl
