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
// Converting one element. Float -> integer conversions reproduce what x86
// (and so PyTorch) does, without C++'s undefined behaviour: 64-bit targets get
// INT64_MIN when out of range; narrower ones go through int32 (INT32_MIN when
// out of range) and keep the low bits.
template <class To, class From>
inline To convert(From v) {
  if constexpr (std::is_same_v<To, bool>) {
    return static_cast<opmath_t<From>>(v) != 0;
  } else if constexpr (is_floating_v<From> && !is_floating_v<To>) {
    double d = static_cast<double>(static_cast<opmath_t<From>>(v));
    if constexpr (sizeof(To) == 8) {
      if (!(d >= -9.2233720368547758e18 && d < 9.2233720368547758e18)) return static_cast<To>(INT64_MIN);
      return static_cast<To>(static_cast<int64_t>(d));
    } else {
      int32_t w = (d >= -2147483648.0 && d < 2147483648.0) ? static_cast<int32_t>(d) : INT32_MIN;
      return static_cast<To>(w);
    }
  } else if constexpr (std::is_same_v<To, Half> || std::is_same_v<To, BFloat16>) {
    return To(static_cast<float>(static_cast<opmath_t<From>>(v)));
  } else {
    return static_cast<To>(static_cast<opmath_t<From>>(v));
  }
}
}  // namespace

namespace {
template <class U>
void strided_move(char* d, int64_t sd, const char* s, int64_t ss, int64_t n) {
  for (int64_t i = 0; i < n; ++i) *reinterpret_cast<U*>(d + i * sd) = *reinterpret_cast<const U*>(s + i * ss);
}

// Same-dtype copy of one run, element by element in a type of the item's size.
void move_run(char* d, int64_t sd, const char* s, int64_t ss, int64_t n, size_t item) {
  const int64_t it = static_cast<int64_t>(item);
  if (sd == it && ss == it) {
    std::memmove(d, s, n * item);
    return;
  }
  switch (item) {
    case 1: return strided_move<uint8_t>(d, sd, s, ss, n);
    case 2: return strided_move<uint16_t>(d, sd, s, ss, n);
    case 4: return strided_move<uint32_t>(d, sd, s, ss, n);
    default: return strided_move<uint64_t>(d, sd, s, ss, n);
  }
}

// A transpose-like copy (the destination walks memory along the last dim,
// the source along the one before): copy in 32x32 tiles so that both sides
// stay in cache.
bool try_tiled_copy(const StridedPlan& plan, size_t item) {
  const int nd = plan.ndim();
  const int64_t it = static_cast<int64_t>(item);
  if (nd < 2) return false;
  const int64_t n0 = plan.sizes[nd - 2], n1 = plan.sizes[nd - 1];
  const int64_t d0 = plan.strides[0][nd - 2], d1 = plan.strides[0][nd - 1];
  const int64_t s0 = plan.strides[1][nd - 2], s1 = plan.strides[1][nd - 1];
  if (d1 != it || s0 != it || n0 < 16 || n1 < 16) return false;
  constexpr int64_t kTile = 32;
  int64_t outer = plan.numel / (n0 * n1);
  const int64_t tiles0 = (n0 + kTile - 1) / kTile;
  parallel_for(0, outer * tiles0, std::max<int64_t>(1, kGrainSize / (kTile * n1)), [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) {
      int64_t o = r / tiles0, i0 = (r % tiles0) * kTile;
      char* dbase = plan.data[0];
      const char* sbase = plan.data[1];
      int64_t rem = o;
      for (int d = nd - 3; d >= 0; --d) {
        int64_t idx = rem % plan.sizes[d];
        rem /= plan.sizes[d];
        dbase += idx * plan.strides[0][d];
        sbase += idx * plan.strides[1][d];
      }
      const int64_t i1 = std::min(n0, i0 + kTile);
      for (int64_t j0 = 0; j0 < n1; j0 += kTile) {
        const int64_t j1 = std::min(n1, j0 + kTile);
        for (int64_t i = i0; i < i1; ++i)
          move_run(dbase + i * d0 + j0 * d1, d1, sbase + i * s0 + j0 * s1, s1, j1 - j0, item);
      }
    }
  });
  return true;
}
}  // namespace

void copy(const Tensor& dst, const Tensor& src) {
  if (dst.numel() == 0) return;
  StridedPlan plan = make_plan({dst, src});
  if (dst.dtype() == src.dtype()) {
    const size_t item = dst.element_size();
    if (try_tiled_copy(plan, item)) return;
    for_each_run(plan, [&](char** p, const int64_t* s, int64_t n) { move_run(p[0], s[0], p[1], s[1], n, item); });
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
