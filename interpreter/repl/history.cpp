#include "interpreter/repl/history.h"

#include <cstdlib>

namespace tscript::repl {

std::string history_file_path() {
  if (const char* env = std::getenv("TSCRIPT_HISTORY")) return env;
  const char* home = std::getenv("HOME");
  if (!home || !*home) return "";
  return std::string(home) + "/.tscript_history";
}

HistoryFile::HistoryFile(std::string path) : history_(history_init()), path_(std::move(path)) {
  HistEvent ev;
  history(history_, &ev, H_SETSIZE, kMaxEntries);
  history(history_, &ev, H_SETUNIQUE, 1);
  // A missing or unreadable file just means an empty history.
  if (!path_.empty()) history(history_, &ev, H_LOAD, path_.c_str());
}

HistoryFile::~HistoryFile() { history_end(history_); }

void HistoryFile::add(const std::string& line) {
  HistEvent ev;
  history(history_, &ev, H_ENTER, line.c_str());
  // libedit writes the file with mode 0600; a failure (read-only home) is not worth an error.
  if (!path_.empty()) history(history_, &ev, H_SAVE, path_.c_str());
}

}  // namespace tscript::repl
