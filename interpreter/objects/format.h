#pragma once
// Number and string formatting/parsing that reproduces CPython 3.11 byte for byte:
// repr()/str() of floats, ints and strs, the format-spec mini-language used by
// format()/f-strings/str.format, int()/float() string parsing, round(), and the
// Python-signed float/int division helpers.
//
// Everything here is a pure function over std::string (UTF-8) and C++ scalars, so it
// does not depend on the interpreter's object model. Failures throw FormatError, which
// names the Python exception type the caller should raise and carries CPython's message.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace tscript {

// The Python exception a FormatError stands for.
enum class PyErrorKind { ValueError, TypeError, OverflowError, ZeroDivisionError };

struct FormatError : std::runtime_error {
  PyErrorKind kind;
  FormatError(PyErrorKind k, const std::string& message) : std::runtime_error(message), kind(k) {}
  // "ValueError", "TypeError", "OverflowError" or "ZeroDivisionError".
  const char* python_type() const noexcept;
};

// ---------------------------------------------------------------------------------------
// repr()/str()

// repr(float) == str(float): shortest round-trip digits, exponent form when the decimal
// exponent is < -4 or >= 16 ('1e+16', '1e-05', '0.0001', '-0.0', 'inf', 'nan').
std::string float_repr(double v);
// str(int) / repr(int).
std::string int_repr(int64_t v);
// bin()/oct()/hex() (base 2, 8, 16 with prefix = true: '-0x2a'); any base 2..36 without
// prefix gives plain lowercase digits.
std::string int_to_base(int64_t v, int base, bool prefix = true);
// repr(str): CPython's quote choice and escapes; printable non-ASCII kept as UTF-8.
// Bytes that are not valid UTF-8 are shown as '\udcXX' (as surrogateescape would decode them).
std::string str_repr(std::string_view s);

// PyOS_double_to_string: the engine behind float repr/format and '%'-style formatting.
// code is one of 'e' 'E' 'f' 'F' 'g' 'G' 'r' ('r' = repr, precision must be 0).
enum DoubleFormatFlags : unsigned {
  kDtsfSign = 1,       // always emit a sign ('+' for non-negative)
  kDtsfAddDot0 = 2,    // '1' -> '1.0' when the result looks like an integer
  kDtsfAlt = 4,        // '#' alternate form: keep trailing zeros ('g') and the '.'
  kDtsfNoNegZero = 8,  // 'z': a result that rounds to zero loses its '-'
};
std::string double_to_string(double v, char code, int precision, unsigned flags = 0);

// ---------------------------------------------------------------------------------------
// Format-spec mini-language: [[fill]align][sign][z][#][0][width][grouping][.precision][type]

struct FormatSpec {
  std::string fill = " ";  // one code point, UTF-8 encoded
  char align = '>';        // '<' '>' '^' '=' (resolved against the type's default)
  char sign = '\0';        // '+', '-', ' ' or '\0' when absent
  bool no_neg_0 = false;   // 'z'
  bool alternate = false;  // '#'
  int64_t width = -1;      // -1: not given
  char grouping = '\0';    // ',' or '_' or '\0'
  int64_t precision = -1;  // -1: not given
  char32_t type = '\0';    // presentation type (any code point; validated by the formatter)
};

// Parses like CPython's parse_internal_render_format_spec. type_name only appears in the
// "Invalid format specifier" message; default_type/default_align are per type: int uses
// ('d', '>'), float ('\0', '>'), str ('s', '<').
// Throws FormatError(ValueError) with CPython's messages.
FormatSpec parse_format_spec(std::string_view spec, std::string_view type_name = "object",
                             char32_t default_type = '\0', char default_align = '>');

// format(v, spec) for each built-in type. An empty spec gives str(v). type_name is the
// Python type name used in error messages (pass "bool" for bools, or a subclass name).
std::string format_int(int64_t v, std::string_view spec, std::string_view type_name = "int");
std::string format_float(double v, std::string_view spec, std::string_view type_name = "float");
std::string format_str(std::string_view s, std::string_view spec,
                       std::string_view type_name = "str");
// bool is an int subclass: format(True, '') == 'True' but any non-empty spec formats it
// as the int 1/0, so format(True, '>6') == '     1' and format(True, 'd') == '1'.
std::string format_bool(bool b, std::string_view spec);
// object.__format__ for everything else (None, list, ...): the empty spec gives
// str_value, anything else raises TypeError
// "unsupported format string passed to NoneType.__format__".
std::string format_object(std::string_view str_value, std::string_view spec,
                          std::string_view type_name);

// ---------------------------------------------------------------------------------------
// int() / float() of a string.

enum class ParseStatus { Ok, Invalid, Overflow };
struct IntParseResult {
  ParseStatus status = ParseStatus::Invalid;
  int64_t value = 0;  // valid when status == Ok
  bool negative = false;
  int base = 10;       // the base actually used (resolved when 0 was passed)
  std::string digits;  // ASCII digits without sign, prefix or underscores (Ok/Overflow),
                       // so an arbitrary-precision int can be built on Overflow
};
// int(s, base): surrounding whitespace (incl. Unicode spaces), sign, 0x/0o/0b prefixes
// (base 0 or matching base), single underscores between digits, Unicode decimal digits.
// Throws FormatError(ValueError, "int() base must be >= 2 and <= 36, or 0") for a bad base.
IntParseResult parse_int_ex(std::string_view s, int base = 10);
// Same, nullopt when the text is invalid. Throws FormatError(OverflowError) when the
// value is valid but does not fit in 64 bits.
std::optional<int64_t> parse_int(std::string_view s, int base = 10);
// "invalid literal for int() with base 10: 'abc'" (repr truncated to 200 chars as CPython).
std::string invalid_int_literal_message(std::string_view s, int base);

// float(s): whitespace, sign, 'inf'/'infinity'/'nan' in any case, decimal and exponent
// forms, underscores between digits. Overflow gives +-inf and underflow +-0.0 as CPython.
std::optional<double> parse_float(std::string_view s);
// "could not convert string to float: 'abc'"
std::string invalid_float_message(std::string_view s);

// ---------------------------------------------------------------------------------------
// round() and arithmetic with Python semantics.

// round(x, ndigits): correctly rounded through the exact decimal value of x, so
// round(2.675, 2) == 2.67 and round(0.125, 2) == 0.12 (ties to even).
// Throws FormatError(OverflowError, "rounded value too large to represent").
double round_float(double x, int64_t ndigits);
// round(x) before the conversion to int: nearest integer, ties to even (returns a double;
// the caller converts and raises for inf/nan).
double round_half_even(double x);

// float / // % divmod with Python signs (CPython's float_divmod, including signed zeros).
// Throw FormatError(ZeroDivisionError) with CPython's messages for a zero divisor.
double float_truediv(double a, double b);
double float_floordiv(double a, double b);
double float_mod(double a, double b);
std::pair<double, double> float_divmod(double a, double b);

// int // % divmod (floor semantics). nullopt when the quotient overflows int64
// (INT64_MIN // -1). Throw FormatError(ZeroDivisionError) for b == 0.
std::optional<int64_t> int_floordiv(int64_t a, int64_t b);
int64_t int_mod(int64_t a, int64_t b);
std::optional<std::pair<int64_t, int64_t>> int_divmod(int64_t a, int64_t b);
// int / int, correctly rounded like CPython's long_true_divide (also for |a|, |b| > 2**53).
double int_truediv(int64_t a, int64_t b);

// ---------------------------------------------------------------------------------------
// Unicode helpers the formatting code needs (Unicode 14.0, as CPython 3.11).
namespace format_detail {
bool is_printable(char32_t c);  // str.isprintable() for one character
bool is_space(char32_t c);      // str.isspace() for one character
int decimal_value(char32_t c);  // unicodedata.decimal(c, -1)
// Decodes one code point at s[i], advancing i; an invalid byte b decodes as U+DC00+b.
char32_t utf8_decode(std::string_view s, size_t& i);
void utf8_append(std::string& out, char32_t c);
size_t utf8_length(std::string_view s);  // number of code points
}  // namespace format_detail

}  // namespace tscript
