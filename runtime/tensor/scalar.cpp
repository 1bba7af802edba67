#include "runtime/tensor/scalar.h"

#include <cmath>
#include <cstdio>

namespace tscript::rt {

int64_t Scalar::to_int() const {
  if (kind_ != Kind::Float) return i_;
  if (std::isnan(d_)) return INT64_MIN;  // what a C cast gives on x86, but without UB
  if (d_ >= 9.2233720368547758e18) return INT64_MAX;
  if (d_ <= -9.2233720368547758e18) return INT64_MIN;
  return static_cast<int64_t>(d_);
}

std::string Scalar::repr() const {
  if (kind_ == Kind::Bool) return i_ ? "True" : "False";
  if (kind_ == Kind::Int) return std::to_string(i_);
  if (std::isnan(d_)) return "nan";
  if (std::isinf(d_)) return d_ > 0 ? "inf" : "-inf";
  char buf[32];
  for (int precision = 1; precision <= 17; ++precision) {  // shortest round-trip
    std::snprintf(buf, sizeof buf, "%.*g", precision, d_);
    if (std::strtod(buf, nullptr) == d_) break;
  }
  std::string s = buf;
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

}  // namespace tscript::rt
