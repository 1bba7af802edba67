// The math module (floats; integer helpers factorial/gcd/lcm/comb/perm/isqrt on int64).
#include <cmath>
#include <numeric>

#include "interpreter/builtins/builtins_internal.h"

namespace tscript {

namespace {

[[noreturn]] void domain_error() { value_error("math domain error"); }

double F(const Value& v) { return arg_float(v, "math"); }

// Checks a libm result like CPython's math_1: domain errors for NaN from finite input,
// range errors for overflow.
Value checked(double x, double r, bool can_overflow = true) {
  if (std::isnan(r) && !std::isnan(x)) domain_error();
  if (std::isinf(r) && std::isfinite(x)) {
    if (can_overflow) raise(exc_types().overflow_error, "math range error");
    domain_error();
  }
  return Value(r);
}

#define UNARY(NAME, EXPR, OVERFLOWS)             \
  Value m_##NAME(Value* a, const Value&) {        \
    double x = F(a[0]);                           \
    return checked(x, EXPR, OVERFLOWS);           \
  }
UNARY(sqrt, std::sqrt(x), false)
UNARY(exp, std::exp(x), true)
UNARY(expm1, std::expm1(x), true)
UNARY(sin, std::sin(x), false)
UNARY(cos, std::cos(x), false)
UNARY(tan, std::tan(x), false)
UNARY(asin, std::asin(x), false)
UNARY(acos, std::acos(x), false)
UNARY(atan, std::atan(x), false)
UNARY(sinh, std::sinh(x), true)
UNARY(cosh, std::cosh(x), true)
UNARY(tanh, std::tanh(x), false)
UNARY(asinh, std::asinh(x), false)
UNARY(acosh, std::acosh(x), false)
UNARY(atanh, std::atanh(x), false)
UNARY(erf, std::erf(x), false)
UNARY(erfc, std::erfc(x), false)
UNARY(gamma, std::tgamma(x), true)
UNARY(lgamma, std::lgamma(x), true)
UNARY(fabs, std::fabs(x), false)
UNARY(degrees, x * 180.0 / M_PI, true)
UNARY(radians, x * M_PI / 180.0, false)
#undef UNARY

double log_of(const Value& v) {
  if (v.is_intlike() && v.as_int() <= 0) domain_error();
  double x = F(v);
  if (x <= 0 || std::isnan(x)) {
    if (std::isnan(x)) return x;
    domain_error();
  }
  return std::log(x);
}

Value m_log(Value* a, const Value&) {
  double num = log_of(a[0]);
  if (a[1].is_null()) return Value(num);
  double den = log_of(a[1]);
  if (den == 0) raise(exc_types().zero_division_error, "float division by zero");
  return Value(num / den);
}
Value m_log2(Value* a, const Value&) {
  double x = F(a[0]);
  if (x <= 0) domain_error();
  return Value(std::log2(x));
}
Value m_log10(Value* a, const Value&) {
  double x = F(a[0]);
  if (x <= 0) domain_error();
  return Value(std::log10(x));
}
Value m_log1p(Value* a, const Value&) {
  double x = F(a[0]);
  if (x <= -1) domain_error();
  return Value(std::log1p(x));
}

Value to_int(double d) {
  if (std::isnan(d)) value_error("cannot convert float NaN to integer");
  if (std::isinf(d)) raise(exc_types().overflow_error, "cannot convert float infinity to integer");
  if (std::fabs(d) >= 9.2233720368547758e18) overflow_error();
  return Value(static_cast<int64_t>(d));
}
Value int_or_dunder(const Value& v, const char* dunder, double (*fn)(double)) {
  if (v.is_intlike()) return Value(v.as_int());
  if (v.is_float()) return to_int(fn(v.as_float()));
  Value m = type_lookup(v, intern(dunder));
  if (!m.is_null()) return call(m, {v});
  return to_int(fn(F(v)));
}
Value m_floor(Value* a, const Value&) { return int_or_dunder(a[0], "__floor__", std::floor); }
Value m_ceil(Value* a, const Value&) { return int_or_dunder(a[0], "__ceil__", std::ceil); }
Value m_trunc(Value* a, const Value&) { return int_or_dunder(a[0], "__trunc__", std::trunc); }

Value m_pow(Value* a, const Value&) {
  double x = F(a[0]), y = F(a[1]);
  if (x == 0 && y < 0) domain_error();
  if (x < 0 && std::isfinite(y) && y != std::floor(y)) domain_error();
  double r = std::pow(x, y);
  if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) raise(exc_types().overflow_error, "math range error");
  return Value(r);
}
Value m_atan2(Value* a, const Value&) { return Value(std::atan2(F(a[0]), F(a[1]))); }
Value m_hypot(Value* a, const Value&) {
  double acc = 0;
  for (auto& v : a[0].as<Tuple>()->items) acc = std::hypot(acc, F(v));
  return Value(acc);
}
Value m_copysign(Value* a, const Value&) { return Value(std::copysign(F(a[0]), F(a[1]))); }
Value m_fmod(Value* a, const Value&) {
  double x = F(a[0]), y = F(a[1]);
  if (y == 0 && !std::isnan(x)) domain_error();
  if (std::isinf(x) && !std::isnan(y)) domain_error();
  return Value(std::fmod(x, y));
}
Value m_modf(Value* a, const Value&) {
  double x = F(a[0]), ip;
  double fp = std::modf(x, &ip);
  return Value::steal(new Tuple({Value(fp), Value(ip)}));
}
Value m_frexp(Value* a, const Value&) {
  int e;
  double m = std::frexp(F(a[0]), &e);
  return Value::steal(new Tuple({Value(m), Value(static_cast<int64_t>(e))}));
}
Value m_ldexp(Value* a, const Value&) { return checked(F(a[0]), std::ldexp(F(a[0]), static_cast<int>(arg_int(a[1], "ldexp")))); }
Value m_isnan(Value* a, const Value&) { return Value(std::isnan(F(a[0]))); }
Value m_isinf(Value* a, const Value&) { return Value(std::isinf(F(a[0]))); }
Value m_isfinite(Value* a, const Value&) { return Value(std::isfinite(F(a[0]))); }
Value m_isclose(Value* a, const Value&) {
  double x = F(a[0]), y = F(a[1]), rel = F(a[2]), abs_tol = F(a[3]);
  if (rel < 0 || abs_tol < 0) value_error("tolerances must be non-negative");
  if (x == y) return Value(true);
  if (std::isinf(x) || std::isinf(y)) return Value(false);
  double diff = std::fabs(y - x);
  return Value(diff <= std::fabs(rel * y) || diff <= std::fabs(rel * x) || diff <= abs_tol);
}

int64_t int_arg(const Value& v, const char* fname) {
  if (v.is_float()) type_error("'float' object cannot be interpreted as an integer");
  return arg_int(v, fname);
}
Value m_factorial(Value* a, const Value&) {
  int64_t n = int_arg(a[0], "factorial");
  if (n < 0) value_error("factorial() not defined for negative values");
  int64_t r = 1;
  for (int64_t i = 2; i <= n; ++i)
    if (__builtin_mul_overflow(r, i, &r)) overflow_error();
  return Value(r);
}
Value m_gcd(Value* a, const Value&) {
  int64_t g = 0;
  for (auto& v : a[0].as<Tuple>()->items) g = std::gcd(g, int_arg(v, "gcd"));
  return Value(g < 0 ? -g : g);
}
Value m_lcm(Value* a, const Value&) {
  int64_t l = 1;
  for (auto& v : a[0].as<Tuple>()->items) {
    int64_t x = int_arg(v, "lcm");
    if (x == 0) return Value(int64_t(0));
    l = std::lcm(l, x);
  }
  return Value(l < 0 ? -l : l);
}
Value m_isqrt(Value* a, const Value&) {
  int64_t n = int_arg(a[0], "isqrt");
  if (n < 0) value_error("isqrt() argument must be nonnegative");
  int64_t r = static_cast<int64_t>(std::sqrt(static_cast<double>(n)));
  while (r * r > n) --r;
  while ((r + 1) * (r + 1) <= n) ++r;
  return Value(r);
}
Value m_comb(Value* a, const Value&) {
  int64_t n = int_arg(a[0], "comb"), k = int_arg(a[1], "comb");
  if (n < 0 || k < 0) value_error("n must be a non-negative integer");
  if (k > n) return Value(int64_t(0));
  k = std::min(k, n - k);
  __int128 r = 1;
  for (int64_t i = 1; i <= k; ++i) {
    r = r * (n - k + i) / i;
    if (r > INT64_MAX) overflow_error();
  }
  return Value(static_cast<int64_t>(r));
}
Value m_perm(Value* a, const Value&) {
  int64_t n = int_arg(a[0], "perm");
  int64_t k = a[1].is_none() ? n : int_arg(a[1], "perm");
  if (n < 0 || k < 0) value_error("n must be a non-negative integer");
  if (k > n) return Value(int64_t(0));
  int64_t r = 1;
  for (int64_t i = 0; i < k; ++i)
    if (__builtin_mul_overflow(r, n - i, &r)) overflow_error();
  return Value(r);
}
Value m_prod(Value* a, const Value&) {
  Value acc = a[1];
  for (auto& v : to_vector(a[0])) acc = binary_op(ast::Operator::Mult, acc, v);
  return acc;
}
Value m_fsum(Value* a, const Value&) {
  // Neumaier compensated summation (exact to the last bit for typical inputs).
  double s = 0, c = 0;
  for (auto& v : to_vector(a[0])) {
    double x = F(v);
    double t = s + x;
    c += std::fabs(s) >= std::fabs(x) ? (s - t) + x : (x - t) + s;
    s = t;
  }
  return Value(s + c);
}
Value m_dist(Value* a, const Value&) {
  auto p = to_vector(a[0]), q = to_vector(a[1]);
  if (p.size() != q.size()) value_error("both points must have the same number of dimensions");
  double acc = 0;
  for (size_t i = 0; i < p.size(); ++i) acc = std::hypot(acc, F(p[i]) - F(q[i]));
  return Value(acc);
}

}  // namespace

Ref<Module> make_math(VM&) {
  auto m = make<Module>("math");
  Dict* d = m->dict.get();
  set_global(d, "pi", Value(M_PI));
  set_global(d, "e", Value(M_E));
  set_global(d, "tau", Value(2 * M_PI));
  set_global(d, "inf", Value(HUGE_VAL));
  set_global(d, "nan", Value(std::nan("")));
  def(d, "sqrt(x, /)", m_sqrt);
  def(d, "exp(x, /)", m_exp);
  def(d, "expm1(x, /)", m_expm1);
  def(d, "sin(x, /)", m_sin);
  def(d, "cos(x, /)", m_cos);
  def(d, "tan(x, /)", m_tan);
  def(d, "asin(x, /)", m_asin);
  def(d, "acos(x, /)", m_acos);
  def(d, "atan(x, /)", m_atan);
  def(d, "sinh(x, /)", m_sinh);
  def(d, "cosh(x, /)", m_cosh);
  def(d, "tanh(x, /)", m_tanh);
  def(d, "asinh(x, /)", m_asinh);
  def(d, "acosh(x, /)", m_acosh);
  def(d, "atanh(x, /)", m_atanh);
  def(d, "erf(x, /)", m_erf);
  def(d, "erfc(x, /)", m_erfc);
  def(d, "gamma(x, /)", m_gamma);
  def(d, "lgamma(x, /)", m_lgamma);
  def(d, "fabs(x, /)", m_fabs);
  def(d, "degrees(x, /)", m_degrees);
  def(d, "radians(x, /)", m_radians);
  auto log = native("log(x, base=None, /)", m_log);
  log->defaults = {Value::null()};
  set_global(d, "log", Value(static_cast<Object*>(log.get())));
  def(d, "log2(x, /)", m_log2);
  def(d, "log10(x, /)", m_log10);
  def(d, "log1p(x, /)", m_log1p);
  def(d, "floor(x, /)", m_floor);
  def(d, "ceil(x, /)", m_ceil);
  def(d, "trunc(x, /)", m_trunc);
  def(d, "pow(x, y, /)", m_pow);
  def(d, "atan2(y, x, /)", m_atan2);
  def(d, "hypot(*coordinates)", m_hypot);
  def(d, "copysign(x, y, /)", m_copysign);
  def(d, "fmod(x, y, /)", m_fmod);
  def(d, "modf(x, /)", m_modf);
  def(d, "frexp(x, /)", m_frexp);
  def(d, "ldexp(x, i, /)", m_ldexp);
  def(d, "isnan(x, /)", m_isnan);
  def(d, "isinf(x, /)", m_isinf);
  def(d, "isfinite(x, /)", m_isfinite);
  def(d, "isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)", m_isclose);
  def(d, "factorial(n, /)", m_factorial);
  def(d, "gcd(*integers)", m_gcd);
  def(d, "lcm(*integers)", m_lcm);
  def(d, "isqrt(n, /)", m_isqrt);
  def(d, "comb(n, k, /)", m_comb);
  def(d, "perm(n, k=None, /)", m_perm);
  def(d, "prod(iterable, /, *, start=1)", m_prod);
  def(d, "fsum(seq, /)", m_fsum);
  def(d, "dist(p, q, /)", m_dist);
  return m;
}

}  // namespace tscript
