// int()/float() of strings and repr() of strings, ported from CPython 3.11
// (Objects/longobject.c PyLong_FromString, Objects/floatobject.c float_from_string_inner,
// Python/pystrtod.c, Objects/unicodeobject.c unicode_repr).
#include "interpreter/objects/format.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

namespace tscript {

namespace {

using format_detail::decimal_value;
using format_detail::is_space;
using format_detail::utf8_decode;

// _PyUnicode_TransformDecimalAndSpaceToASCII: ASCII is kept, other whitespace becomes ' '
// and other decimal digits their ASCII digit. Any other character ends the text with '?',
// which no parser accepts.
std::string to_ascii_number_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t c = utf8_decode(s, i);
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (is_space(c)) {
      out += ' ';
    } else if (int d = decimal_value(c); d >= 0) {
      out += static_cast<char>('0' + d);
    } else {
      out += '?';
      break;
    }
  }
  return out;
}

// Py_ISSPACE: the ASCII whitespace the C-level parsers skip.
bool ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 37;  // larger than any base
}

bool ieq(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != lower[i]) return false;
  return true;
}

// float_from_string_inner after underscores are gone: strict decimal syntax (what
// _Py_dg_strtod accepts) or inf/infinity/nan, whole text only.
std::optional<double> parse_float_ascii(std::string_view t) {
  size_t b = 0, e = t.size();
  while (b < e && ascii_space(t[b])) ++b;
  while (e > b && ascii_space(t[e - 1])) --e;
  t = t.substr(b, e - b);
  if (t.empty()) return std::nullopt;

  bool negative = false;
  if (t[0] == '+' || t[0] == '-') {
    negative = t[0] == '-';
    t.remove_prefix(1);
  }
  if (ieq(t, "inf") || ieq(t, "infinity"))
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  if (ieq(t, "nan"))  // float('-nan') keeps its sign bit, as in CPython
    return std::copysign(std::numeric_limits<double>::quiet_NaN(), negative ? -1.0 : 1.0);

  // digits [. digits] [(e|E) [sign] digits], at least one mantissa digit.
  size_t i = 0;
  size_t int_digits = 0, frac_digits = 0;
  while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i, ++int_digits;
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return std::nullopt;
  size_t mantissa_end = i;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    size_t j = i + 1;
    if (j < t.size() && (t[j] == '+' || t[j] == '-')) ++j;
    size_t k = j;
    while (k < t.size() && t[k] >= '0' && t[k] <= '9') ++k;
    if (k > j) i = k;  // a bare 'e' is not part of the number (and so makes it invalid)
  }
  if (i != t.size()) return std::nullopt;

  double v = 0;
  auto r = std::from_chars(t.data(), t.data() + t.size(), v, std::chars_format::general);
  if (r.ec == std::errc::result_out_of_range) {
    // CPython gives inf on overflow and 0 on underflow. Decide which by the decimal
    // exponent of the leading nonzero digit.
    std::string_view mant = t.substr(0, mantissa_end);
    int64_t lead = -1, pos = 0;  // pos: power of ten of the current digit, relative
    int64_t point = static_cast<int64_t>(int_digits);
    for (char c : mant) {
      if (c == '.') continue;
      if (c != '0') {
        lead = point - 1 - pos;
        break;
      }
      ++pos;
    }
    int64_t exp10 = 0;
    if (mantissa_end < t.size()) {
      std::string_view ex = t.substr(mantissa_end + 1);
      bool eneg = !ex.empty() && ex[0] == '-';
      if (!ex.empty() && (ex[0] == '+' || ex[0] == '-')) ex.remove_prefix(1);
      for (char c : ex) exp10 = std::min<int64_t>(exp10 * 10 + (c - '0'), 1'000'000'000);
      if (eneg) exp10 = -exp10;
    }
    v = (lead + exp10 >= 0) ? std::numeric_limits<double>::infinity() : 0.0;
  }
  return negative ? -v : v;
}

}  // namespace

// ---------------------------------------------------------------------------------------

IntParseResult parse_int_ex(std::string_view s, int base) {
  if ((base != 0 && base < 2) || base > 36)
    throw FormatError(PyErrorKind::ValueError, "int() base must be >= 2 and <= 36, or 0");
  IntParseResult res;
  std::string text = to_ascii_number_text(s);
  // The C code walks a NUL-terminated buffer; past the end reads as '\0'.
  auto at = [&](size_t k) { return k < text.size() ? text[k] : '\0'; };
  size_t p = 0;
  while (ascii_space(at(p))) ++p;
  if (at(p) == '+') {
    ++p;
  } else if (at(p) == '-') {
    ++p;
    res.negative = true;
  }
  // Base 0 takes the base from the prefix; a leading 0 without one only allows zero
  // (old-style octal like '012' is rejected).
  bool error_if_nonzero = false;
  if (base == 0) {
    char c1 = at(p + 1);
    if (at(p) != '0')
      base = 10;
    else if (c1 == 'x' || c1 == 'X')
      base = 16;
    else if (c1 == 'o' || c1 == 'O')
      base = 8;
    else if (c1 == 'b' || c1 == 'B')
      base = 2;
    else {
      error_if_nonzero = true;
      base = 10;
    }
  }
  res.base = base;
  if (at(p) == '0') {
    char c1 = at(p + 1);
    if ((base == 16 && (c1 == 'x' || c1 == 'X')) || (base == 8 && (c1 == 'o' || c1 == 'O')) ||
        (base == 2 && (c1 == 'b' || c1 == 'B'))) {
      p += 2;
      if (at(p) == '_') ++p;  // one underscore may follow the prefix
    }
  }
  if (at(p) == '_') return res;  // may not start with an underscore

  // Digits, single underscores allowed between them.
  const uint64_t limit = res.negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  uint64_t value = 0;
  bool overflow = false;
  char prev = '\0';
  size_t start = p;
  while (digit_value(at(p)) < base || at(p) == '_') {
    char c = at(p);
    if (c == '_') {
      if (prev == '_') return res;
    } else {
      int d = digit_value(c);
      res.digits += c;
      if (!overflow) {
        if (value > (limit - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base))
          overflow = true;
        else
          value = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
      }
    }
    prev = c;
    ++p;
  }
  if (prev == '_') return res;  // trailing underscore
  if (p == start) return res;   // no digits
  if (error_if_nonzero && (overflow || value != 0)) return res;
  while (ascii_space(at(p))) ++p;
  if (p != text.size()) return res;

  if (overflow) {
    res.status = ParseStatus::Overflow;
    return res;
  }
  res.status = ParseStatus::Ok;
  res.value = res.negative ? static_cast<int64_t>(0 - value) : static_cast<int64_t>(value);
  return res;
}

std::optional<int64_t> parse_int(std::string_view s, int base) {
  IntParseResult r = parse_int_ex(s, base);
  if (r.status == ParseStatus::Overflow)
    throw FormatError(PyErrorKind::OverflowError, "int too large to convert to a 64-bit integer");
  if (r.status != ParseStatus::Ok) return std::nullopt;
  return r.value;
}

std::string invalid_int_literal_message(std::string_view s, int base) {
  // CPython formats the literal with %.200R: its repr, cut to 200 characters.
  std::string r = str_repr(s);
  size_t cut = r.size(), n = 0;
  for (size_t i = 0; i < r.size(); ++n) {
    if (n == 200) {
      cut = i;
      break;
    }
    utf8_decode(r, i);
  }
  r.resize(cut);
  return "invalid literal for int() with base " + std::to_string(base) + ": " + r;
}

std::optional<double> parse_float(std::string_view s) {
  std::string text = to_ascii_number_text(s);
  if (text.find('\0') != std::string::npos) return std::nullopt;  // no embedded NULs
  if (text.find('_') == std::string::npos) return parse_float_ascii(text);
  // _Py_string_to_number_with_underscores: an underscore must sit between two digits.
  std::string clean;
  char prev = '\0';
  for (char c : text) {
    bool digit = c >= '0' && c <= '9';
    if (c == '_') {
      if (!(prev >= '0' && prev <= '9')) return std::nullopt;
    } else {
      if (prev == '_' && !digit) return std::nullopt;
      clean += c;
    }
    prev = c;
  }
  if (prev == '_') return std::nullopt;
  return parse_float_ascii(clean);
}

std::string invalid_float_message(std::string_view s) {
  return "could not convert string to float: " + str_repr(s);
}

std::string str_repr(std::string_view s) {
  // Single quotes unless the text has a single quote and no double quote.
  bool squote = s.find('\'') != std::string_view::npos;
  bool dquote = s.find('"') != std::string_view::npos;
  char quote = squote && !dquote ? '"' : '\'';
  static const char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() + 2);
  out += quote;
  for (size_t i = 0; i < s.size();) {
    size_t begin = i;
    char32_t c = utf8_decode(s, i);
    if (c == static_cast<char32_t>(quote) || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < ' ' || c == 0x7F) {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else if (c < 0x7F || format_detail::is_printable(c)) {
      out.append(s.substr(begin, i - begin));
    } else {
      // \xhh, \uhhhh or \Uhhhhhhhh by magnitude.
      int n = c <= 0xFF ? 2 : c <= 0xFFFF ? 4 : 8;
      out += '\\';
      out += n == 2 ? 'x' : n == 4 ? 'u' : 'U';
      for (int k = n - 1; k >= 0; --k) out += hex[(c >> (4 * k)) & 15];
    }
  }
  out += quote;
  return out;
}

}  // namespace tscript
