// fill, copy (with dtype conversion), arange, linspace.
#include <cmath>
#include <cstring>

#include "backends/cpu/kernels.h"
#include "backends/cpu/loops.h"

namespace tscript::rt::cpu {

void fill(const Tensor& out, const Scalar& value) {
  if (out.numel() == 0) return;
  dispatch_all(out.dtype(), [&]<class T>() {
    const T v = value.to<T>();
    StridedPlan plan = make_plan({out});
    for_each_run(plan, [&](char** p, const int64_t* s, int64_t n) {
      if (s[0] == sizeof(T)) {
        T* dst = reinterpret_cast<T*>(p[0]);
        for (int64_t i = 0; i < n; ++i) dst[i] = v;
      } else {
        for (int64_t i = 0; i < n; ++i) *reinterpret_cast<T*>(p[0] + i * s[0]) = v;
      }
    });
  });
}

namespace {
// Converting one element. Float -> int goes through int64 with the range
// clamped (a C cast of an out-of-range float is undefined behaviour).
template <class To, class From>
inline To convert(From v) {
  if constexpr (std::is_same_v<To, bool>) {
    return static_cast<opmath_t<From>>(v) != 0;
  } else if constexpr (is_floating_v<From> && !is_floating_v<To>) {
    double d = static_cast<double>(static_cast<opmath_t<From>>(v));
    if (!(d > -9.2233720368547758e18 && d < 9.2233720368547758e18)) return static_cast<To>(INT64_MIN);
    return static_cast<To>(static_cast<int64_t>(d));
  } else if constexpr (std::is_same_v<To, Half> || std::is_same_v<To, BFloat16>) {
    return To(static_cast<float>(static_cast<opmath_t<From>>(v)));
  } else {
    return static_cast<To>(static_cast<opmath_t<From>>(v));
  }
}
}  // namespace

void copy(const Tensor& dst, const Tensor& src) {
  if (dst.numel() == 0) return;
  StridedPlan plan = make_plan({dst, src});
  if (dst.dtype() == src.dtype()) {
    size_t item = dst.element_size();
    for_each_run(plan, [&](char** p, const int64_t* s, int64_t n) {
      if (s[0] == static_cast<int64_t>(item) && s[1] == static_cast<int64_t>(item)) {
        std::memmove(p[0], p[1], n * item);
        return;
      }
      for (int64_t i = 0; i < n; ++i) std::memcpy(p[0] + i * s[0], p[1] + i * s[1], item);
    });
    return;
  }
  dispatch_all(dst.dtype(), [&]<class To>() {
    dispatch_all(src.dtype(), [&]<class From>() {
      for_each_run(plan, [&](char** p, const int64_t* s, int64_t n) {
        for (int64_t i = 0; i < n; ++i)
          *reinterpret_cast<To*>(p[0] + i * s[0]) = convert<To>(*reinterpret_cast<const From*>(p[1] + i * s[1]));
      });
    });
  });
}

// arange and linspace reproduce PyTorch's CPU kernels operation for operation
// (AVX2 build): runs of 2*W elements are produced W at a time from a base
// value, the tail one by one. Which multiply-adds GCC fused in PyTorch's build
// was measured against it: all of arange's; linspace's bases and scalar tail
// but not its in-vector steps (float). That way values
// such as linspace(-1, 1, 7)[3] == -2.9802e-08 come out identical.
namespace {
template <class T>
constexpr int64_t vector_width() {
  return 32 / static_cast<int64_t>(sizeof(T));
}

// Accumulation type of PyTorch's arange: double for float/double, float for
// the 16-bit floats, int64 for integers.
template <class T>
using arange_acc_t = std::conditional_t<std::is_same_v<T, float> || std::is_same_v<T, double>, double,
                                        std::conditional_t<is_floating_v<T>, float, int64_t>>;

template <class T, class Acc>
T acc_to(Acc v) {
  if constexpr (std::is_same_v<T, bool>) return v != 0;
  else return static_cast<T>(static_cast<opmath_t<T>>(v));
}

template <class A>
A fused(A a, A b, A c) {  // a * b + c
  if constexpr (std::is_floating_point_v<A>) return std::fma(a, b, c);
  else return static_cast<A>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b) + static_cast<uint64_t>(c));
}
}  // namespace

void arange(const Tensor& out, const Scalar& start, const Scalar& step) {
  int64_t n = out.numel();
  dispatch_all(out.dtype(), [&]<class T>() {
    if constexpr (!std::is_same_v<T, bool>) {
      using Acc = arange_acc_t<T>;
      T* dst = out.data<T>();  // freshly allocated: contiguous
      const Acc a = start.to<Acc>(), d = step.to<Acc>();
      constexpr int64_t W = vector_width<T>();
      parallel_for(0, n, kGrainSize, [&](int64_t b, int64_t e) {
        int64_t idx = b;
        for (; idx + 2 * W <= e; idx += W) {
          T base = acc_to<T>(fused(d, static_cast<Acc>(idx), a));
          for (int64_t k = 0; k < W; ++k)
            dst[idx + k] = acc_to<T>(fused(static_cast<Acc>(k), d, static_cast<Acc>(static_cast<opmath_t<T>>(base))));
        }
        for (; idx < e; ++idx) dst[idx] = acc_to<T>(fused(d, static_cast<Acc>(idx), a));
      });
    }
  });
}

void linspace(const Tensor& out, const Scalar& start, const Scalar& end) {
  const int64_t n = out.numel();
  if (n == 0) return;
  dispatch_all(out.dtype(), [&]<class T>() {
    if constexpr (!std::is_same_v<T, bool>) {
      T* dst = out.data<T>();
      // Integers step in double; floats in their own opmath type.
      using S = std::conditional_t<is_floating_v<T>, opmath_t<T>, double>;
      const S a = static_cast<S>(static_cast<opmath_t<T>>(start.to<T>()));
      const S z = static_cast<S>(static_cast<opmath_t<T>>(end.to<T>()));
      if (n == 1) {
        dst[0] = start.to<T>();
        return;
      }
      const S step = (z - a) / static_cast<S>(n - 1);
      const int64_t halfway = n / 2;
      auto value_at = [&](int64_t idx) -> S {
        return idx < halfway ? std::fma(step, static_cast<S>(idx), a)
                             : std::fma(-step, static_cast<S>(n - idx - 1), z);
      };
      constexpr int64_t W = vector_width<T>();
      parallel_for(0, n, kGrainSize, [&](int64_t b, int64_t e) {
        int64_t idx = b;
        for (; idx + 2 * W <= e; idx += W) {
          S base = static_cast<S>(static_cast<opmath_t<T>>(acc_to<T>(value_at(idx))));
          for (int64_t k = 0; k < W; ++k) dst[idx + k] = acc_to<T>(base + static_cast<S>(k) * step);
        }
        for (; idx < e; ++idx) dst[idx] = acc_to<T>(value_at(idx));
      });
    }
  });
}

}  // namespace tscript::rt::cpu
