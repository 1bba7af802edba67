// repr() of numbers and the format-spec mini-language, ported from CPython 3.11
// (Python/pystrtod.c, Python/formatter_unicode.c) so the output matches byte for byte.
//
// CPython gets its decimal digits from David Gay's dtoa. We get the same digits from
// std::to_chars: both are exact (correctly rounded, ties to even) and the shortest form is
// the same, so only the layout code needs porting.
#include "interpreter/objects/format.h"

#include <algorithm>
#include <charconv>
#include <cctype>
#include <climits>
#include <cmath>
#include <vector>

namespace tscript {

const char* FormatError::python_type() const noexcept {
  switch (kind) {
    case PyErrorKind::ValueError: return "ValueError";
    case PyErrorKind::TypeError: return "TypeError";
    case PyErrorKind::OverflowError: return "OverflowError";
    case PyErrorKind::ZeroDivisionError: return "ZeroDivisionError";
  }
  return "ValueError";
}

namespace {

[[noreturn]] void value_error(const std::string& message) {
  throw FormatError(PyErrorKind::ValueError, message);
}

// ---------------------------------------------------------------------------------------
// Decimal digits of a finite double, in the shape _Py_dg_dtoa returns them:
// |v| == 0.DIGITS * 10**decpt, no trailing zeros; a zero (or a value rounding to zero)
// is "0" with decpt 1. The sign is handled by the caller.
struct Digits {
  std::string digits;
  int64_t decpt = 1;
};

void strip_trailing_zeros(Digits& d) {
  while (!d.digits.empty() && d.digits.back() == '0') d.digits.pop_back();
  if (d.digits.empty()) {
    d.digits = "0";
    d.decpt = 1;
  }
}

// Parses to_chars' scientific form "d.ddde+XX".
Digits from_scientific(const char* begin, const char* end) {
  Digits d;
  const char* p = begin;
  for (; p < end && *p != 'e'; ++p)
    if (*p != '.') d.digits.push_back(*p);
  int exp = 0;
  const char* e = p + 1;
  if (e < end && *e == '+') ++e;  // from_chars accepts '-' but not '+'
  std::from_chars(e, end, exp);
  d.decpt = exp + 1;
  strip_trailing_zeros(d);
  return d;
}

// Parses to_chars' fixed form "123.4500" / "0.0012".
Digits from_fixed(const char* begin, const char* end) {
  Digits d;
  int64_t int_len = 0;
  bool seen_point = false;
  for (const char* p = begin; p < end; ++p) {
    if (*p == '.') {
      seen_point = true;
      continue;
    }
    if (!seen_point) ++int_len;
    d.digits.push_back(*p);
  }
  size_t lead = d.digits.find_first_not_of('0');
  if (lead == std::string::npos) {
    d.digits = "0";
    d.decpt = 1;
    return d;
  }
  d.digits.erase(0, lead);
  d.decpt = int_len - static_cast<int64_t>(lead);
  strip_trailing_zeros(d);
  return d;
}

// dtoa modes: 0 = shortest round-trip, 2 = `ndigits` significant digits,
// 3 = `ndigits` digits after the decimal point (ndigits >= 0 here).
Digits make_digits(double v, int mode, int ndigits) {
  double a = std::fabs(v);
  if (mode == 0) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, a, std::chars_format::scientific);
    return from_scientific(buf, r.ptr);
  }
  if (mode == 2) {
    int prec = std::max(ndigits, 1) - 1;
    std::string buf(static_cast<size_t>(prec) + 32, '\0');
    auto r =
        std::to_chars(buf.data(), buf.data() + buf.size(), a, std::chars_format::scientific, prec);
    return from_scientific(buf.data(), r.ptr);
  }
  std::string buf(static_cast<size_t>(ndigits) + 320, '\0');
  auto r = std::to_chars(buf.data(), buf.data() + buf.size(), a, std::chars_format::fixed, ndigits);
  return from_fixed(buf.data(), r.ptr);
}

// Port of format_float_short (Python/pystrtod.c). code is 'e', 'f', 'g' or 'r'.
std::string format_float_short(double d, char code, int mode, int precision, bool always_sign,
                               bool add_dot_0, bool alt, bool no_neg_0, bool upper) {
  std::string out;
  if (!std::isfinite(d)) {
    // The sign of a nan is never shown.
    bool negative = std::isinf(d) && std::signbit(d);
    if (negative)
      out += '-';
    else if (always_sign)
      out += '+';
    if (std::isinf(d))
      out += upper ? "INF" : "inf";
    else
      out += upper ? "NAN" : "nan";
    return out;
  }

  bool negative = std::signbit(d);
  Digits dg = make_digits(d, mode, precision);
  if (no_neg_0 && negative && dg.digits == "0") negative = false;

  // The output is a slice vdigits[vdigits_start:vdigits_end] of the digit string padded
  // with zeros on both sides, with the decimal point at decpt (see CPython's comments).
  const std::string& digits = dg.digits;
  int64_t digits_len = static_cast<int64_t>(digits.size());
  int64_t decpt = dg.decpt;
  int64_t vdigits_end = digits_len;
  bool use_exp = false;
  int64_t exp = 0;
  switch (code) {
    case 'e':
      use_exp = true;
      vdigits_end = precision;
      break;
    case 'f': vdigits_end = decpt + precision; break;
    case 'g':
      if (decpt <= -4 || decpt > (add_dot_0 ? precision - 1 : precision)) use_exp = true;
      if (alt) vdigits_end = precision;
      break;
    case 'r':
      // repr switches to exponent notation at 1e16 and below 1e-4.
      if (decpt <= -4 || decpt > 16) use_exp = true;
      break;
  }
  if (use_exp) {
    exp = decpt - 1;
    decpt = 1;
  }
  int64_t vdigits_start = decpt <= 0 ? decpt - 1 : 0;
  if (!use_exp && add_dot_0)
    vdigits_end = std::max(vdigits_end, decpt + 1);
  else
    vdigits_end = std::max(vdigits_end, decpt);

  if (negative)
    out += '-';
  else if (always_sign)
    out += '+';

  // Zero padding on the left of the digit string.
  if (decpt <= 0) {
    out.append(static_cast<size_t>(decpt - vdigits_start), '0');
    out += '.';
    out.append(static_cast<size_t>(-decpt), '0');
  } else {
    out.append(static_cast<size_t>(-vdigits_start), '0');
  }
  // The digits, with the decimal point inside them if it falls there.
  if (0 < decpt && decpt <= digits_len) {
    out.append(digits, 0, static_cast<size_t>(decpt));
    out += '.';
    out.append(digits, static_cast<size_t>(decpt));
  } else {
    out += digits;
  }
  // Zeros on the right.
  if (digits_len < decpt) {
    out.append(static_cast<size_t>(decpt - digits_len), '0');
    out += '.';
    out.append(static_cast<size_t>(vdigits_end - decpt), '0');
  } else {
    out.append(static_cast<size_t>(vdigits_end - digits_len), '0');
  }
  if (out.back() == '.' && !alt) out.pop_back();

  if (use_exp) {
    // printf("%+.02d"): sign always, at least two digits.
    out += upper ? 'E' : 'e';
    out += exp < 0 ? '-' : '+';
    int64_t mag = exp < 0 ? -exp : exp;
    if (mag < 10) out += '0';
    out += std::to_string(mag);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Number field layout: port of calc_number_widths, fill_number and
// _PyUnicode_InsertThousandsGrouping. The result looks like
//   <lpadding> <sign> <prefix> <spadding> <grouped digits> <decimal> <remainder> <rpadding>

// Groups `digits` from the right in groups of `group` (0: no grouping) separated by `sep`,
// and pads with '0' digits (and separators) up to min_width characters: this is how
// '0'-fill with '=' alignment produces '00,001,234'.
std::string group_digits(std::string_view digits, int64_t min_width, int group, char sep) {
  min_width = std::max<int64_t>(0, min_width);
  std::string rev;  // built right to left
  int64_t remaining = static_cast<int64_t>(digits.size());
  size_t pos = digits.size();
  bool use_sep = false;
  auto emit = [&](int64_t n_chars, int64_t n_zeros) {
    if (use_sep) rev += sep;
    for (int64_t i = 0; i < n_chars; ++i) rev += digits[--pos];
    rev.append(static_cast<size_t>(n_zeros), '0');
  };
  bool done = false;
  if (group > 0) {
    for (;;) {
      int64_t len = std::min<int64_t>(group, std::max({remaining, min_width, int64_t{1}}));
      int64_t n_zeros = std::max<int64_t>(0, len - remaining);
      int64_t n_chars = std::max<int64_t>(0, std::min(remaining, len));
      emit(n_chars, n_zeros);
      use_sep = true;
      remaining -= n_chars;
      min_width -= len;
      if (remaining <= 0 && min_width <= 0) {
        done = true;
        break;
      }
      min_width -= 1;  // the separator's width
    }
  }
  if (!done) {
    int64_t len = std::max({remaining, min_width, int64_t{1}});
    int64_t n_zeros = std::max<int64_t>(0, len - remaining);
    int64_t n_chars = std::max<int64_t>(0, std::min(remaining, len));
    emit(n_chars, n_zeros);
  }
  std::reverse(rev.begin(), rev.end());
  return rev;
}

std::string render_number(const FormatSpec& spec, char sign_char, std::string_view prefix,
                          std::string_view digits, bool has_decimal, std::string_view remainder,
                          int group, char sep) {
  char sign = '\0';
  switch (spec.sign) {
    case '+': sign = sign_char == '-' ? '-' : '+'; break;
    case ' ': sign = sign_char == '-' ? '-' : ' '; break;
    default:
      if (sign_char == '-') sign = '-';
  }
  int64_t n_sign = sign ? 1 : 0;
  int64_t n_non_digit = n_sign + static_cast<int64_t>(prefix.size()) + (has_decimal ? 1 : 0) +
                        static_cast<int64_t>(format_detail::utf8_length(remainder));
  int64_t min_width = (spec.fill == "0" && spec.align == '=') ? spec.width - n_non_digit : 0;
  // No digits only happens for 'c', inf and nan: those are never zero-padded by grouping.
  std::string grouped =
      digits.empty() ? std::string() : group_digits(digits, min_width, group, sep);

  int64_t lpad = 0, spad = 0, rpad = 0;
  int64_t n_padding = spec.width - (n_non_digit + static_cast<int64_t>(grouped.size()));
  if (n_padding > 0) {
    switch (spec.align) {
      case '<': rpad = n_padding; break;
      case '^':
        lpad = n_padding / 2;
        rpad = n_padding - lpad;
        break;
      case '=': spad = n_padding; break;
      default: lpad = n_padding; break;
    }
  }
  std::string out;
  auto pad = [&](int64_t n) {
    for (int64_t i = 0; i < n; ++i) out += spec.fill;
  };
  pad(lpad);
  if (sign) out += sign;
  out += prefix;
  pad(spad);
  out += grouped;
  if (has_decimal) out += '.';
  out += remainder;
  pad(rpad);
  return out;
}

// CPython prints a presentation type it cannot name as '\x..'.
std::string type_char_for_message(char32_t c) {
  if (c > 32 && c < 128) return std::string(1, static_cast<char>(c));
  char buf[16];
  auto r = std::to_chars(buf, buf + sizeof buf, static_cast<uint32_t>(c), 16);
  return "\\x" + std::string(buf, r.ptr);
}

[[noreturn]] void unknown_presentation_type(char32_t type, std::string_view type_name) {
  value_error("Unknown format code '" + type_char_for_message(type) + "' for object of type '" +
              std::string(type_name.substr(0, 200)) + "'");
}

// One character of a format spec and where its UTF-8 bytes are.
struct CodePoint {
  char32_t c;
  size_t begin, end;
};

// Reads a decimal number (any Unicode decimal digits, as Py_UNICODE_TODECIMAL), returning
// how many characters it used.
size_t get_integer(const std::vector<CodePoint>& cps, size_t& pos, int64_t& result) {
  int64_t acc = 0;
  size_t n = 0;
  for (; pos < cps.size(); ++pos, ++n) {
    int digit = format_detail::decimal_value(cps[pos].c);
    if (digit < 0) break;
    if (acc > (INT64_MAX - digit) / 10) value_error("Too many decimal digits in format string");
    acc = acc * 10 + digit;
  }
  result = acc;
  return n;
}

bool is_alignment_token(char32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }
bool is_sign_element(char32_t c) { return c == ' ' || c == '+' || c == '-'; }

// The grouping (group size, separator) a spec asks for; 'n' would use the locale, and
// CPython runs with the C locale for LC_NUMERIC, which has no grouping.
std::pair<int, char> grouping_of(const FormatSpec& spec) {
  if (spec.grouping == ',') return {3, ','};
  if (spec.grouping == '_') {
    bool pow2 = spec.type == 'b' || spec.type == 'o' || spec.type == 'x' || spec.type == 'X';
    return {pow2 ? 4 : 3, '_'};
  }
  return {0, '\0'};
}

// Port of format_float_internal.
std::string format_float_internal(double v, const FormatSpec& spec) {
  if (spec.precision > INT_MAX) value_error("precision too big");
  int precision = static_cast<int>(spec.precision);
  int default_precision = 6;
  unsigned flags = 0;
  if (spec.alternate) flags |= kDtsfAlt;
  if (spec.no_neg_0) flags |= kDtsfNoNegZero;
  char type = static_cast<char>(spec.type);
  if (type == '\0') {
    // No type: like repr() without a precision, else like 'g' but always with a
    // digit after the decimal point.
    flags |= kDtsfAddDot0;
    type = 'r';
    default_precision = 0;
  }
  if (type == 'n') type = 'g';
  bool add_pct = false;
  if (type == '%') {
    type = 'f';
    v *= 100;
    add_pct = true;
  }
  if (precision < 0)
    precision = default_precision;
  else if (type == 'r')
    type = 'g';

  std::string buf = double_to_string(v, type, precision, flags);
  if (add_pct) buf += '%';

  std::string_view body = buf;
  char sign_char = '\0';
  if (!body.empty() && body[0] == '-') {
    sign_char = '-';
    body.remove_prefix(1);
  }
  size_t n_int = 0;
  while (n_int < body.size() && body[n_int] >= '0' && body[n_int] <= '9') ++n_int;
  bool has_decimal = n_int < body.size() && body[n_int] == '.';
  std::string_view remainder = body.substr(n_int + (has_decimal ? 1 : 0));
  auto [group, sep] = grouping_of(spec);
  return render_number(spec, sign_char, "", body.substr(0, n_int), has_decimal, remainder, group,
                       sep);
}

// Port of format_long_internal.
std::string format_int_internal(int64_t v, const FormatSpec& spec) {
  if (spec.precision != -1) value_error("Precision not allowed in integer format specifier");
  if (spec.no_neg_0)
    value_error("Negative zero coercion (z) not allowed in integer format specifier");

  if (spec.type == 'c') {
    if (spec.sign != '\0') value_error("Sign not allowed with integer format specifier 'c'");
    if (spec.alternate)
      value_error("Alternate form (#) not allowed with integer format specifier 'c'");
    if (v < 0 || v > 0x10ffff)
      throw FormatError(PyErrorKind::OverflowError, "%c arg not in range(0x110000)");
    std::string ch;
    format_detail::utf8_append(ch, static_cast<char32_t>(v));
    // The character is laid out as a "remainder": copied, never grouped or padded.
    return render_number(spec, '\0', "", "", false, ch, 0, '\0');
  }

  int base = 10;
  const char* prefix = "";
  switch (spec.type) {
    case 'b':
      base = 2;
      prefix = "0b";
      break;
    case 'o':
      base = 8;
      prefix = "0o";
      break;
    case 'x':
      base = 16;
      prefix = "0x";
      break;
    case 'X':
      base = 16;
      prefix = "0X";
      break;
    default: break;
  }
  std::string digits = int_to_base(v, base, false);
  char sign_char = '\0';
  if (digits[0] == '-') {
    sign_char = '-';
    digits.erase(0, 1);
  }
  if (spec.type == 'X')
    for (char& c : digits) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto [group, sep] = grouping_of(spec);
  return render_number(spec, sign_char, spec.alternate ? prefix : "", digits, false, "", group,
                       sep);
}

}  // namespace

// ---------------------------------------------------------------------------------------

std::string double_to_string(double v, char code, int precision, unsigned flags) {
  bool upper = false;
  int mode = 0;
  switch (code) {
    case 'E':
      upper = true;
      code = 'e';
      [[fallthrough]];
    case 'e':
      mode = 2;
      precision++;
      break;
    case 'F':
      upper = true;
      code = 'f';
      [[fallthrough]];
    case 'f': mode = 3; break;
    case 'G':
      upper = true;
      code = 'g';
      [[fallthrough]];
    case 'g':
      mode = 2;
      // Precision 0 makes no sense for 'g'; CPython treats it as 1.
      if (precision == 0) precision = 1;
      break;
    case 'r':
      mode = 0;
      precision = 0;
      break;
    default: throw std::invalid_argument("double_to_string: bad format code");
  }
  return format_float_short(v, code, mode, precision, flags & kDtsfSign, flags & kDtsfAddDot0,
                            flags & kDtsfAlt, flags & kDtsfNoNegZero, upper);
}

std::string float_repr(double v) { return double_to_string(v, 'r', 0, kDtsfAddDot0); }

std::string int_repr(int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string int_to_base(int64_t v, int base, bool prefix) {
  // Work on the unsigned magnitude so INT64_MIN needs no special case.
  uint64_t mag = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  char buf[72];
  auto r = std::to_chars(buf, buf + sizeof buf, mag, base);
  std::string out;
  if (v < 0) out += '-';
  if (prefix) {
    if (base == 2)
      out += "0b";
    else if (base == 8)
      out += "0o";
    else if (base == 16)
      out += "0x";
  }
  out.append(buf, r.ptr);
  return out;
}

FormatSpec parse_format_spec(std::string_view text, std::string_view type_name,
                             char32_t default_type, char default_align) {
  std::vector<CodePoint> cps;
  for (size_t i = 0; i < text.size();) {
    size_t begin = i;
    char32_t c = format_detail::utf8_decode(text, i);
    cps.push_back({c, begin, i});
  }
  FormatSpec f;
  f.align = default_align;
  f.type = default_type;
  size_t pos = 0, end = cps.size();
  bool align_specified = false, fill_specified = false;

  // A fill character is only recognised when followed by an alignment token.
  if (end - pos >= 2 && is_alignment_token(cps[pos + 1].c)) {
    f.align = static_cast<char>(cps[pos + 1].c);
    f.fill = std::string(text.substr(cps[pos].begin, cps[pos].end - cps[pos].begin));
    fill_specified = align_specified = true;
    pos += 2;
  } else if (end - pos >= 1 && is_alignment_token(cps[pos].c)) {
    f.align = static_cast<char>(cps[pos].c);
    align_specified = true;
    ++pos;
  }
  if (pos < end && is_sign_element(cps[pos].c)) {
    f.sign = static_cast<char>(cps[pos].c);
    ++pos;
  }
  if (pos < end && cps[pos].c == 'z') {
    f.no_neg_0 = true;
    ++pos;
  }
  if (pos < end && cps[pos].c == '#') {
    f.alternate = true;
    ++pos;
  }
  // The '0' flag: zero fill, and for numbers (default '>') sign-aware '=' alignment.
  if (!fill_specified && pos < end && cps[pos].c == '0') {
    f.fill = "0";
    if (!align_specified && default_align == '>') f.align = '=';
    ++pos;
  }
  if (get_integer(cps, pos, f.width) == 0) f.width = -1;

  if (pos < end && cps[pos].c == ',') {
    f.grouping = ',';
    ++pos;
  }
  if (pos < end && cps[pos].c == '_') {
    if (f.grouping != '\0') value_error("Cannot specify both ',' and '_'.");
    f.grouping = '_';
    ++pos;
  }
  if (pos < end && cps[pos].c == ',' && f.grouping == '_')
    value_error("Cannot specify both ',' and '_'.");

  if (pos < end && cps[pos].c == '.') {
    ++pos;
    if (get_integer(cps, pos, f.precision) == 0) value_error("Format specifier missing precision");
  }
  if (end - pos > 1)
    value_error("Invalid format specifier '" + std::string(text) + "' for object of type '" +
                std::string(type_name.substr(0, 200)) + "'");
  if (end - pos == 1) f.type = cps[pos].c;

  if (f.grouping != '\0') {
    switch (f.type) {
      case 'd':
      case 'e':
      case 'f':
      case 'g':
      case 'E':
      case 'G':
      case '%':
      case 'F':
      case '\0': break;
      case 'b':
      case 'o':
      case 'x':
      case 'X':
        // '_' groups bin/oct/hex by four (PEP 515); ',' is not allowed there.
        if (f.grouping == '_') break;
        [[fallthrough]];
      default:
        value_error(std::string("Cannot specify '") + f.grouping + "' with '" +
                    type_char_for_message(f.type) + "'.");
    }
  }
  return f;
}

std::string format_int(int64_t v, std::string_view spec_text, std::string_view type_name) {
  if (spec_text.empty()) return int_repr(v);
  FormatSpec spec = parse_format_spec(spec_text, type_name, 'd', '>');
  switch (spec.type) {
    case 'b':
    case 'c':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
    case 'n': return format_int_internal(v, spec);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case '%': return format_float_internal(static_cast<double>(v), spec);
    default: unknown_presentation_type(spec.type, type_name);
  }
}

std::string format_float(double v, std::string_view spec_text, std::string_view type_name) {
  if (spec_text.empty()) return float_repr(v);
  FormatSpec spec = parse_format_spec(spec_text, type_name, '\0', '>');
  switch (spec.type) {
    case '\0':
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'n':
    case '%': return format_float_internal(v, spec);
    default: unknown_presentation_type(spec.type, type_name);
  }
}

std::string format_str(std::string_view s, std::string_view spec_text, std::string_view type_name) {
  if (spec_text.empty()) return std::string(s);
  FormatSpec spec = parse_format_spec(spec_text, type_name, 's', '<');
  if (spec.type != 's') unknown_presentation_type(spec.type, type_name);
  if (spec.sign == ' ') value_error("Space not allowed in string format specifier");
  if (spec.sign != '\0') value_error("Sign not allowed in string format specifier");
  if (spec.no_neg_0)
    value_error("Negative zero coercion (z) not allowed in string format specifier");
  if (spec.alternate) value_error("Alternate form (#) not allowed in string format specifier");
  if (spec.align == '=') value_error("'=' alignment not allowed in string format specifier");

  // Width and precision count code points, not bytes.
  int64_t len = 0;
  size_t cut = s.size();
  for (size_t i = 0; i < s.size(); ++len) {
    if (spec.precision >= 0 && len == spec.precision) {
      cut = i;
      break;
    }
    format_detail::utf8_decode(s, i);
  }
  std::string_view body = s.substr(0, cut);

  int64_t total = spec.width >= 0 ? std::max(len, spec.width) : len;
  int64_t lpad = 0;
  if (spec.align == '>')
    lpad = total - len;
  else if (spec.align == '^')
    lpad = (total - len) / 2;
  int64_t rpad = total - len - lpad;
  std::string out;
  out.reserve(body.size() + static_cast<size_t>(total - len) * spec.fill.size());
  for (int64_t i = 0; i < lpad; ++i) out += spec.fill;
  out += body;
  for (int64_t i = 0; i < rpad; ++i) out += spec.fill;
  return out;
}

std::string format_bool(bool b, std::string_view spec) {
  if (spec.empty()) return b ? "True" : "False";
  return format_int(b ? 1 : 0, spec, "bool");
}

std::string format_object(std::string_view str_value, std::string_view spec,
                          std::string_view type_name) {
  if (spec.empty()) return std::string(str_value);
  throw FormatError(PyErrorKind::TypeError, "unsupported format string passed to " +
                                                std::string(type_name) + ".__format__");
}

}  // namespace tscript
