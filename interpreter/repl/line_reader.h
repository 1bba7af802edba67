// Where the REPL's lines come from: libedit on a terminal, plain stdin otherwise.
#pragma once

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "interpreter/repl/completion.h"

namespace tscript::repl {

enum class ReadStatus {
  Line,         // `text` holds the line, without its newline
  Interrupted,  // Ctrl-C while typing: the line was discarded
  EndOfInput,   // Ctrl-D on an empty line, or the end of the stream
};

struct ReadResult {
  ReadStatus status;
  std::string text;
};

class LineReader {
 public:
  virtual ~LineReader() = default;
  // Shows `prompt` and reads one line. On Interrupted and EndOfInput the reader has already
  // ended the screen line, so the caller's output starts on a fresh one.
  virtual ReadResult read(const std::string& prompt) = 0;
};

// Completes the word before the cursor, given the line up to the cursor.
using Completer = std::function<Completion(std::string_view line_before_cursor)>;

// libedit line editing (emacs keys, ~/.editrc) with history kept in `history_path`
// ("" for none) and Tab completion. Needs stdin and stdout to be terminals.
std::unique_ptr<LineReader> make_terminal_reader(Completer completer, const std::string& history_path);

// Reads lines from `in` with no editing; prompts go to stderr, as CPython's do when stdin
// is not a terminal, so stdout carries only the program's output.
std::unique_ptr<LineReader> make_stream_reader(std::FILE* in);

}  // namespace tscript::repl
