// Source text as the front end sees it: normalised newlines, line table, and helpers that
// turn byte offsets into CPython-style positions and SyntaxErrorInfo values.
// Internal to interpreter/front.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/front/parser.h"

namespace tscript::front {

class Source {
 public:
  // Normalises "\r\n" and "\r" to "\n" and drops a UTF-8 byte-order mark. Throws
  // SyntaxError for NUL bytes and invalid UTF-8 (as CPython does for source files).
  Source(std::string_view raw, std::string filename);

  const std::string& text() const { return text_; }
  const std::string& filename() const { return filename_; }
  bool ascii() const { return ascii_; }
  int line_count() const { return static_cast<int>(line_starts_.size()); }

  // 1-based line containing byte offset `off` (an offset == size() is on the last line).
  int line_of(size_t off) const;
  size_t line_start(int line) const { return line_starts_[line - 1]; }
  // The line's text without its newline ("" for lines past the end).
  std::string_view line_text(int line) const;
  // Byte column of `off` on its line.
  int col_of(size_t off) const { return static_cast<int>(off - line_starts_[line_of(off) - 1]); }
  // Number of characters (code points) in the first `byte_col` bytes of `line`.
  int char_col(int line, int byte_col) const;

  // A SyntaxErrorInfo at a position. `col0` and `end_col0` are 0-based byte columns on
  // `line`; the info gets CPython's 1-based character offsets (end 0 when end_col0 < 0).
  SyntaxErrorInfo error(std::string msg, int line, int col0, int end_col0 = -1,
                        const char* type = "SyntaxError") const;
  // Same, with raw CPython offset values (1-based, no conversion besides bytes->chars).
  SyntaxErrorInfo error_raw(std::string msg, int line, int offset, int end_offset,
                            const char* type = "SyntaxError") const;

 private:
  std::string text_;
  std::string filename_;
  std::vector<size_t> line_starts_;
  bool ascii_ = true;
};

[[noreturn]] void throw_error(SyntaxErrorInfo info);

// Decodes one UTF-8 sequence at s[i] (assumed valid); advances i.
uint32_t decode_utf8(std::string_view s, size_t& i);
void append_utf8(std::string& out, uint32_t cp);

}  // namespace tscript::front
