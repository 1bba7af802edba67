// json.loads: a port of CPython 3.11's C scanner (Modules/_json.c, scan_once_unicode and
// friends) so errors carry the same messages and positions. The scanner walks UTF-8
// bytes (every character it tests is ASCII); positions become code-point indices only
// when an error is reported.
#include <cmath>

#include "interpreter/builtins/json_internal.h"

namespace tscript {

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Raised where the C scanner raises StopIteration(idx): decode() turns it into
// "Expecting value".
struct NoValue {
  size_t pos;
};

class Decoder {
 public:
  Decoder(const std::string& doc, const JsonDecodeOptions& o) : s_(doc), o_(o) {}

  Value decode() {
    size_t idx = skip_ws(0), end;
    Value v;
    try {
      v = scan(idx, end);
    } catch (const NoValue& e) {
      fail("Expecting value", e.pos);
    }
    end = skip_ws(end);
    if (end != s_.size()) fail("Extra data", end);
    return v;
  }

 private:
  [[noreturn]] void fail(const char* msg, size_t byte_pos) {
    int64_t pos = static_cast<int64_t>(format_detail::utf8_length(std::string_view(s_).substr(0, byte_pos)));
    raise_value(make_json_decode_error(msg, s_, pos));
  }
  size_t skip_ws(size_t i) const {
    while (i < s_.size() && is_ws(s_[i])) ++i;
    return i;
  }
  bool at(size_t i, char c) const { return i < s_.size() && s_[i] == c; }
  bool has_word(size_t i, std::string_view w) const { return s_.compare(i, w.size(), w) == 0; }

  // Nesting costs C++ stack: cap it at the script recursion limit, as CPython does.
  struct Depth {
    int& d;
    Depth(int& depth, const char* what) : d(depth) {
      if (++d > json_max_depth()) {
        --d;
        raise(exc_types().recursion_error,
              std::string("maximum recursion depth exceeded while decoding a JSON ") + what + " from a unicode string");
      }
    }
    ~Depth() { --d; }
  };

  Value scan(size_t idx, size_t& next) {
    if (idx >= s_.size()) throw NoValue{idx};
    switch (s_[idx]) {
      case '"': return string(idx + 1, next);
      case '{': {
        Depth d(depth_, "object");
        return object(idx + 1, next);
      }
      case '[': {
        Depth d(depth_, "array");
        return array(idx + 1, next);
      }
      case 'n':
        if (has_word(idx, "null")) return next = idx + 4, Value();
        break;
      case 't':
        if (has_word(idx, "true")) return next = idx + 4, Value(true);
        break;
      case 'f':
        if (has_word(idx, "false")) return next = idx + 5, Value(false);
        break;
      case 'N':
        if (has_word(idx, "NaN")) return constant("NaN", NAN, idx, next);
        break;
      case 'I':
        if (has_word(idx, "Infinity")) return constant("Infinity", INFINITY, idx, next);
        break;
      case '-':
        if (has_word(idx, "-Infinity")) return constant("-Infinity", -INFINITY, idx, next);
        break;
      default: break;
    }
    return number(idx, next);
  }

  Value constant(const char* word, double value, size_t idx, size_t& next) {
    next = idx + std::string_view(word).size();
    if (!o_.parse_constant.is_none()) return call(o_.parse_constant, {str(word)});
    return Value(value);
  }

  // _match_number_unicode
  Value number(size_t start, size_t& next) {
    size_t idx = start, n = s_.size();
    if (s_[idx] == '-' && ++idx >= n) throw NoValue{start};
    if (s_[idx] >= '1' && s_[idx] <= '9') {
      while (++idx < n && is_digit(s_[idx])) {
      }
    } else if (s_[idx] == '0') {
      ++idx;
    } else {
      throw NoValue{start};
    }
    bool is_float = false;
    if (idx + 1 < n && s_[idx] == '.' && is_digit(s_[idx + 1])) {
      is_float = true;
      idx += 2;
      while (idx < n && is_digit(s_[idx])) ++idx;
    }
    if (idx + 1 < n && (s_[idx] == 'e' || s_[idx] == 'E')) {
      size_t e_start = idx++;
      if (idx + 1 < n && (s_[idx] == '-' || s_[idx] == '+')) ++idx;
      while (idx < n && is_digit(s_[idx])) ++idx;
      if (is_digit(s_[idx - 1])) is_float = true;
      else idx = e_start;  // no exponent digits: backtrack
    }
    next = idx;
    std::string text = s_.substr(start, idx - start);
    const Value& hook = is_float ? o_.parse_float : o_.parse_int;
    if (!hook.is_none()) return call(hook, {str(text)});
    if (is_float) return Value(*parse_float(text));
    auto v = parse_int_ex(text, 10);
    if (v.status != ParseStatus::Ok) overflow_error();
    return Value(v.value);
  }

  // scanstring_unicode: `end` is just after the opening quote.
  Value string(size_t end, size_t& next_out) {
    size_t begin = end - 1, n = s_.size();
    std::string out;
    for (;;) {
      size_t next = end;
      char c = 0;
      for (; next < n; ++next) {
        c = s_[next];
        if (c == '"' || c == '\\') break;
        if (static_cast<unsigned char>(c) <= 0x1f && o_.strict) fail("Invalid control character at", next);
      }
      if (next >= n) fail("Unterminated string starting at", begin);
      out.append(s_, end, next - end);
      if (c == '"') {
        next_out = next + 1;
        return str(std::move(out));
      }
      if (++next == n) fail("Unterminated string starting at", begin);
      c = s_[next];
      if (c != 'u') {
        end = next + 1;
        switch (c) {
          case '"': case '\\': case '/': out += c; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          default: fail("Invalid \\escape", end - 2);
        }
        continue;
      }
      ++next;
      end = next + 4;
      if (end >= n) fail("Invalid \\uXXXX escape", next - 1);
      char32_t cp = hex4(next, end);
      // A high surrogate followed by an escaped low one is one character.
      if (cp >= 0xd800 && cp <= 0xdbff && end + 6 < n && s_[end] == '\\' && s_[end + 1] == 'u') {
        char32_t low = hex4(end + 2, end + 6);
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          end += 6;
        }
      }
      format_detail::utf8_append(out, cp);
    }
  }
  char32_t hex4(size_t from, size_t end) {
    char32_t cp = 0;
    for (size_t i = from; i < end; ++i) {
      int h = hex_value(s_[i]);
      if (h < 0) fail("Invalid \\uXXXX escape", end - 5);
      cp = (cp << 4) | static_cast<char32_t>(h);
    }
    return cp;
  }

  Value object(size_t idx, size_t& next) {
    auto d = make<Dict>();
    auto pairs = make<List>();  // for object_pairs_hook
    bool want_pairs = !o_.object_pairs_hook.is_none();
    idx = skip_ws(idx);
    if (!at(idx, '}')) {
      for (;;) {
        if (!at(idx, '"')) fail("Expecting property name enclosed in double quotes", idx);
        Value key = string(idx + 1, idx);
        idx = skip_ws(idx);
        if (!at(idx, ':')) fail("Expecting ':' delimiter", idx);
        idx = skip_ws(idx + 1);
        Value value = scan(idx, idx);
        if (want_pairs) pairs->items.push_back(Value::steal(new Tuple({key, value})));
        else d->set(key, value);
        idx = skip_ws(idx);
        if (at(idx, '}')) break;
        if (!at(idx, ',')) fail("Expecting ',' delimiter", idx);
        idx = skip_ws(idx + 1);
      }
    }
    next = idx + 1;
    if (want_pairs) return call(o_.object_pairs_hook, {Value(static_cast<Object*>(pairs.get()))});
    Value obj(static_cast<Object*>(d.get()));
    if (!o_.object_hook.is_none()) return call(o_.object_hook, {obj});
    return obj;
  }

  Value array(size_t idx, size_t& next) {
    auto l = make<List>();
    idx = skip_ws(idx);
    if (!at(idx, ']')) {
      for (;;) {
        l->items.push_back(scan(idx, idx));
        idx = skip_ws(idx);
        if (at(idx, ']')) break;
        if (!at(idx, ',')) fail("Expecting ',' delimiter", idx);
        idx = skip_ws(idx + 1);
      }
    }
    next = idx + 1;
    return Value(static_cast<Object*>(l.get()));
  }

  const std::string& s_;
  const JsonDecodeOptions& o_;
  int depth_ = 0;
};

}  // namespace

Value json_decode(const std::string& doc, const JsonDecodeOptions& options) {
  if (doc.compare(0, 3, "\xef\xbb\xbf") == 0) raise_value(make_json_decode_error("Unexpected UTF-8 BOM (decode using utf-8-sig)", doc, 0));
  return Decoder(doc, options).decode();
}

}  // namespace tscript
