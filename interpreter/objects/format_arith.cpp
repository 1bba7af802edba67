// round() and the division family with Python semantics, ported from CPython 3.11
// (Objects/floatobject.c double_round, float___round___impl, _float_div_mod, float_rem;
// Objects/longobject.c l_divmod, long_true_divide).
#include "interpreter/objects/format.h"

#include <charconv>
#include <cmath>
#include <string>

namespace tscript {

namespace {

[[noreturn]] void zero_division(const char* message) {
  throw FormatError(PyErrorKind::ZeroDivisionError, message);
}

// Converts a decimal string to the nearest double like _Py_dg_strtod, reporting overflow.
double decimal_to_double(const std::string& text, bool negative) {
  double v = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec == std::errc::result_out_of_range)
    throw FormatError(PyErrorKind::OverflowError, "rounded value too large to represent");
  return negative ? -v : v;
}

// _float_div_mod: fmod is exact, so the quotient is recovered from (a - mod) / b and
// snapped to the nearest integer; signed zeros follow the divisor / true quotient.
void float_div_mod(double vx, double wx, double* floordiv, double* mod) {
  *mod = std::fmod(vx, wx);
  double div = (vx - *mod) / wx;
  if (*mod != 0.0) {
    // The remainder takes the sign of the divisor.
    if ((wx < 0) != (*mod < 0)) {
      *mod += wx;
      div -= 1.0;
    }
  } else {
    *mod = std::copysign(0.0, wx);
  }
  if (div != 0.0) {
    *floordiv = std::floor(div);
    if (div - *floordiv > 0.5) *floordiv += 1.0;
  } else {
    *floordiv = std::copysign(0.0, vx / wx);
  }
}

}  // namespace

double round_float(double x, int64_t ndigits) {
  if (!std::isfinite(x)) return x;
  // Beyond these bounds x rounds to itself / to a signed zero (CPython's NDIGITS_MAX and
  // NDIGITS_MIN, from log10(2) bounds on the double range).
  if (ndigits > 323) return x;
  if (ndigits < -308) return 0.0 * x;

  bool negative = std::signbit(x);
  double a = std::fabs(x);
  if (ndigits >= 0) {
    // to_chars rounds the exact binary value to ndigits decimals, ties to even, which is
    // what dtoa mode 3 does: round(2.675, 2) sees 2.67499999... and gives 2.67.
    std::string buf(static_cast<size_t>(ndigits) + 320, '\0');
    auto r = std::to_chars(buf.data(), buf.data() + buf.size(), a, std::chars_format::fixed,
                           static_cast<int>(ndigits));
    buf.resize(static_cast<size_t>(r.ptr - buf.data()));
    return decimal_to_double(buf, negative);
  }

  // Rounding to a multiple of 10**-ndigits: round the exact integer part by hand; the
  // fraction only matters as a tie-breaker (anything nonzero is above a tie).
  double ip = std::floor(a);
  bool sticky = a != ip;
  char buf[320];
  auto r = std::to_chars(buf, buf + sizeof buf, ip, std::chars_format::fixed, 0);
  std::string digits(buf, r.ptr);
  int64_t keep = static_cast<int64_t>(digits.size()) + ndigits;  // digits that survive
  if (keep < 0) return negative ? -0.0 : 0.0;
  std::string kept = digits.substr(0, static_cast<size_t>(keep));
  char first_dropped = digits[static_cast<size_t>(keep)];
  bool rest_nonzero =
      sticky || digits.find_first_not_of('0', static_cast<size_t>(keep) + 1) != std::string::npos;
  bool last_odd = !kept.empty() && ((kept.back() - '0') & 1);
  bool up = first_dropped > '5' || (first_dropped == '5' && (rest_nonzero || last_odd));
  if (up) {
    // Propagate the carry; a leading carry adds a digit.
    int k = static_cast<int>(kept.size()) - 1;
    for (; k >= 0 && kept[static_cast<size_t>(k)] == '9'; --k) kept[static_cast<size_t>(k)] = '0';
    if (k >= 0)
      ++kept[static_cast<size_t>(k)];
    else
      kept.insert(kept.begin(), '1');
  }
  if (kept.empty()) return negative ? -0.0 : 0.0;
  return decimal_to_double(kept + "e" + std::to_string(-ndigits), negative);
}

double round_half_even(double x) {
  double rounded = std::round(x);
  if (std::fabs(x - rounded) == 0.5) rounded = 2.0 * std::round(x / 2.0);
  return rounded;
}

double float_truediv(double a, double b) {
  if (b == 0.0) zero_division("float division by zero");
  return a / b;
}

double float_floordiv(double a, double b) {
  if (b == 0.0) zero_division("float floor division by zero");
  double q, m;
  float_div_mod(a, b, &q, &m);
  return q;
}

double float_mod(double a, double b) {
  if (b == 0.0) zero_division("float modulo");
  double mod = std::fmod(a, b);
  if (mod != 0.0) {
    if ((b < 0) != (mod < 0)) mod += b;
  } else {
    mod = std::copysign(0.0, b);
  }
  return mod;
}

std::pair<double, double> float_divmod(double a, double b) {
  if (b == 0.0) zero_division("float divmod()");
  double q, m;
  float_div_mod(a, b, &q, &m);
  return {q, m};
}

std::optional<int64_t> int_floordiv(int64_t a, int64_t b) {
  if (b == 0) zero_division("integer division or modulo by zero");
  if (a == INT64_MIN && b == -1) return std::nullopt;
  int64_t q = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0))) --q;  // C truncates; Python floors
  return q;
}

int64_t int_mod(int64_t a, int64_t b) {
  if (b == 0) zero_division("integer modulo by zero");
  if (b == -1) return 0;  // INT64_MIN % -1 is undefined in C++
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

std::optional<std::pair<int64_t, int64_t>> int_divmod(int64_t a, int64_t b) {
  if (b == 0) zero_division("integer division or modulo by zero");
  if (a == INT64_MIN && b == -1) return std::nullopt;
  return std::make_pair(*int_floordiv(a, b), int_mod(a, b));
}

double int_truediv(int64_t a, int64_t b) {
  if (b == 0) zero_division("division by zero");
  bool negative = (a < 0) != (b < 0);
  uint64_t ua = a < 0 ? 0 - static_cast<uint64_t>(a) : static_cast<uint64_t>(a);
  uint64_t ub = b < 0 ? 0 - static_cast<uint64_t>(b) : static_cast<uint64_t>(b);
  if (ua == 0) return negative ? -0.0 : 0.0;
  constexpr uint64_t kExact = uint64_t{1} << 53;
  if (ua <= kExact && ub <= kExact) {
    // Both convert exactly, so one IEEE division is correctly rounded.
    double q = static_cast<double>(ua) / static_cast<double>(ub);
    return negative ? -q : q;
  }
  // Otherwise converting first would round twice. Compute ua * 2**shift / ub as a 128-bit
  // integer with at least 64 significant bits, fold the remainder and the bits below 64
  // into a sticky bit, and let the single uint64 -> double conversion round.
  int shift = 64 + __builtin_clzll(ua);
  unsigned __int128 n = static_cast<unsigned __int128>(ua) << shift;
  unsigned __int128 q = n / ub;
  bool sticky = n % ub != 0;
  int bits =
      128 - (static_cast<uint64_t>(q >> 64) ? __builtin_clzll(static_cast<uint64_t>(q >> 64))
                                            : 64 + __builtin_clzll(static_cast<uint64_t>(q)));
  int drop = bits - 64;
  if (drop > 0) {
    sticky = sticky || (q & ((static_cast<unsigned __int128>(1) << drop) - 1)) != 0;
    q >>= drop;
  } else {
    drop = 0;
  }
  uint64_t top = static_cast<uint64_t>(q) | (sticky ? 1 : 0);
  double result = std::ldexp(static_cast<double>(top), drop - shift);
  return negative ? -result : result;
}

}  // namespace tscript
