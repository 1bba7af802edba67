#include "interpreter/front/source.h"

#include <algorithm>
#include <cstdio>

namespace tscript::front {

void throw_error(SyntaxErrorInfo info) { throw SyntaxError(std::move(info)); }

uint32_t decode_utf8(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  uint32_t cp = c & (0x3F >> n);
  ++i;
  for (int k = 0; k < n && i < s.size(); ++k, ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  return cp;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when invalid (overlong forms,
// surrogates and code points above U+10FFFF are invalid, as in CPython's decoder).
size_t utf8_len(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  auto cont = [&](size_t k) {
    return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
  };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
    if (c == 0xE0 && c1 < 0xA0) return 0;
    if (c == 0xED && c1 >= 0xA0) return 0;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
    if (c == 0xF0 && c1 < 0x90) return 0;
    if (c == 0xF4 && c1 >= 0x90) return 0;
    return 4;
  }
  return 0;
}

}  // namespace

Source::Source(std::string_view raw, std::string filename) : filename_(std::move(filename)) {
  if (raw.size() >= 3 && raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
  text_.reserve(raw.size());
  line_starts_.push_back(0);
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '\r') {
      if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
      c = '\n';
    }
    text_ += c;
    if (c == '\n') line_starts_.push_back(text_.size());
    if (static_cast<unsigned char>(c) >= 0x80) ascii_ = false;
  }
  // A trailing newline does not start a new line.
  if (line_starts_.size() > 1 && line_starts_.back() == text_.size()) line_starts_.pop_back();

  if (!ascii_) {
    for (size_t i = 0; i < text_.size();) {
      size_t n = utf8_len(text_, i);
      if (n == 0) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "%02x", static_cast<unsigned char>(text_[i]));
        std::string msg = std::string("Non-UTF-8 code starting with '\\x") + hex + "' in file " + filename_ +
                          " on line " + std::to_string(line_of(i)) +
                          ", but no encoding declared; see https://peps.python.org/pep-0263/ for details";
        SyntaxErrorInfo info;
        info.msg = std::move(msg);
        info.filename = filename_;
        throw_error(std::move(info));
      }
      i += n;
    }
  }
  size_t nul = text_.find('\0');
  if (nul != std::string::npos) {
    int line = line_of(nul);
    SyntaxErrorInfo info;
    info.msg = "source code cannot contain null bytes";
    info.filename = filename_;
    info.line = line;
    info.col = 0;
    std::string_view lt = line_text(line);
    info.text = std::string(lt.substr(0, std::min(lt.size(), nul - line_start(line))));
    throw_error(std::move(info));
  }
}

int Source::line_of(size_t off) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), off);
  return static_cast<int>(it - line_starts_.begin());
}

std::string_view Source::line_text(int line) const {
  if (line < 1 || line > line_count()) return {};
  size_t b = line_starts_[line - 1];
  size_t e = text_.find('\n', b);
  if (e == std::string::npos) e = text_.size();
  return std::string_view(text_).substr(b, e - b);
}

int Source::char_col(int line, int byte_col) const {
  if (ascii_ || byte_col <= 0) return byte_col;
  std::string_view lt = line_text(line);
  int n = 0;
  for (int i = 0; i < byte_col; ++i) {
    if (i >= static_cast<int>(lt.size())) {
      n += byte_col - i;
      break;
    }
    if ((static_cast<unsigned char>(lt[i]) & 0xC0) != 0x80) ++n;
  }
  return n;
}

SyntaxErrorInfo Source::error(std::string msg, int line, int col0, int end_col0, const char* type) const {
  int off = char_col(line, col0) + 1;
  int end = end_col0 < 0 ? 0 : char_col(line, end_col0) + 1;
  return error_raw(std::move(msg), line, off, end, type);
}

SyntaxErrorInfo Source::error_raw(std::string msg, int line, int offset, int end_offset, const char* type) const {
  SyntaxErrorInfo info;
  info.type = type;
  info.msg = std::move(msg);
  info.filename = filename_;
  info.line = line;
  info.col = offset;
  info.end_col = end_offset > 0 ? end_offset : 0;
  info.text = std::string(line_text(line));
  return info;
}

}  // namespace tscript::front
