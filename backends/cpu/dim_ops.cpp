// Kernels that work along one dim, lane by lane: argmax/argmin (with values),
// cumulative sum/product, softmax/log_softmax.
#include <algorithm>
#include <bit>
#include <cmath>
#include <vector>

#include "backends/cpu/kernels.h"
#include "backends/cpu/loops.h"
#include "backends/cpu/math.h"
#include "backends/cpu/sleef_float.h"
#include "runtime/tensor/error.h"

namespace tscript::rt::cpu {

namespace {
int64_t byte_stride(const Tensor& t, int64_t dim) {
  return t.dim() == 0 ? 0 : t.strides()[dim] * static_cast<int64_t>(t.element_size());
}
int64_t lane_length(const Tensor& t, int64_t dim) { return t.dim() == 0 ? 1 : t.sizes()[dim]; }
}  // namespace

void arg_reduce(bool is_max, const Tensor& values, const Tensor& indices, const Tensor& in, int64_t dim) {
  const int64_t len = lane_length(in, dim);
  if (in.numel() == 0) return;
  const int64_t st = byte_stride(in, dim);
  dispatch_all(in.dtype(), [&]<class T>() {
    using C = opmath_t<T>;
    auto lane = [&](char** p) {
      const char* x = p[0];
      C best = static_cast<C>(*reinterpret_cast<const T*>(x));
      int64_t best_i = 0;
      for (int64_t i = 1; i < len; ++i) {
        C v = static_cast<C>(*reinterpret_cast<const T*>(x + i * st));
        if constexpr (is_floating_v<T>) {
          if (std::isnan(best)) break;  // the first NaN wins
          if (std::isnan(v)) {
            best = v;
            best_i = i;
            break;
          }
        }
        if (is_max ? v > best : v < best) {
          best = v;
          best_i = i;
        }
      }
      *reinterpret_cast<int64_t*>(p[1]) = best_i;
      if (values.defined()) *reinterpret_cast<T*>(p[2]) = static_cast<T>(best);
    };
    if (values.defined()) for_each_lane({in, indices, values}, dim, len, lane);
    else for_each_lane({in, indices}, dim, len, lane);
  });
}

void cumulative(bool is_prod, const Tensor& out, const Tensor& in, int64_t dim) {
  const int64_t len = lane_length(in, dim);
  if (in.numel() == 0) return;
  const int64_t si = byte_stride(in, dim), so = byte_stride(out, dim);
  dispatch_all(in.dtype(), [&]<class T>() {
    // PyTorch accumulates floats in double and integers in int64.
    using Acc = std::conditional_t<is_floating_v<T>, double, int64_t>;
    for_each_lane({out, in}, dim, len, [&](char** p) {
      Acc acc = is_prod ? 1 : 0;
      for (int64_t i = 0; i < len; ++i) {
        Acc v = static_cast<Acc>(static_cast<opmath_t<T>>(*reinterpret_cast<const T*>(p[1] + i * si)));
        acc = is_prod ? wrapping_mul(acc, v) : wrapping_add(acc, v);
        *reinterpret_cast<T*>(p[0] + i * so) = static_cast<T>(static_cast<opmath_t<T>>(acc));
      }
    });
  });
}

namespace {

// Sum of n floats in the order of ATen's vec::reduce_all on AVX2: eight lane
// accumulators (a short tail folds into the first lanes), then the
// permute/shuffle tree of VecReduceAllSIMD; fewer than 8 values add in order.
float aten_vec_sum(const float* e, int64_t n) {
  float a = e[0];
  if (n < 8) {
    for (int64_t i = 1; i < n; ++i) a += e[i];
    return a;
  }
  float acc[8];
  for (int j = 0; j < 8; ++j) acc[j] = e[j];
  int64_t d = 8;
  for (; d < n - n % 8; d += 8)
    for (int j = 0; j < 8; ++j) acc[j] += e[d + j];
  for (int64_t j = 0; j < n - d; ++j) acc[j] += e[d + j];
  const float s0 = acc[0] + acc[4], s1 = acc[1] + acc[5], s2 = acc[2] + acc[6], s3 = acc[3] + acc[7];
  return (s0 + s2) + (s1 + s3);
}

// ATen's _vec_softmax_lastdim / _vec_log_softmax_lastdim for float32: SLEEF
// exp and log (every element through the vector code), NaN-propagating max,
// the sum above; softmax scales by the reciprocal of the sum.
void softmax_lastdim_f32(const Tensor& out, const Tensor& in, int64_t dim, int64_t len, bool log) {
  const int64_t si = byte_stride(in, dim), so = byte_stride(out, dim);
  for_each_lane({out, in}, dim, len, [&](char** p) {
    auto x = [&](int64_t i) { return *reinterpret_cast<const float*>(p[1] + i * si); };
    std::vector<float> e(static_cast<size_t>(len));
    float max = x(0);
    for (int64_t i = 1; i < len; ++i)
      max = (std::isnan(max) || std::isnan(x(i))) ? std::bit_cast<float>(0xffffffffu) : std::max(max, x(i));
    for (int64_t i = 0; i < len; ++i) e[i] = sleef::exp(x(i) - max);
    const float sum = aten_vec_sum(e.data(), len);
    auto y = [&](int64_t i) -> float& { return *reinterpret_cast<float*>(p[0] + i * so); };
    if (log) {
      const float log_sum = sleef::log(sum);
      for (int64_t i = 0; i < len; ++i) y(i) = x(i) - max - log_sum;
    } else {
      const float inv = 1.0f / sum;
      for (int64_t i = 0; i < len; ++i) y(i) = e[i] * inv;
    }
  });
}

}  // namespace

void softmax(const Tensor& out, const Tensor& in, int64_t dim, bool log) {
  const int64_t len = lane_length(in, dim);
  if (in.numel() == 0) return;
  if (in.dtype() == DType::Float32 && (in.dim() == 0 || dim == in.dim() - 1) && len > 0)
    return softmax_lastdim_f32(out, in, dim, len, log);
  const int64_t si = byte_stride(in, dim), so = byte_stride(out, dim);
  dispatch_all(in.dtype(), [&]<class T>() {
    if constexpr (is_floating_v<T>) {
      using C = opmath_t<T>;
      for_each_lane({out, in}, dim, len, [&](char** p) {
        auto x = [&](int64_t i) { return static_cast<C>(*reinterpret_cast<const T*>(p[1] + i * si)); };
        auto y = [&](int64_t i) -> T& { return *reinterpret_cast<T*>(p[0] + i * so); };
        C max = -INFINITY;
        for (int64_t i = 0; i < len; ++i) max = (std::isnan(x(i)) || x(i) > max) ? x(i) : max;
        if (std::isinf(max) && max < 0) max = 0;  // all -inf: avoid inf - inf
        C sum = 0;
        if (log) {
          for (int64_t i = 0; i < len; ++i) sum += std::exp(x(i) - max);
          C lse = std::log(sum);
          for (int64_t i = 0; i < len; ++i) y(i) = static_cast<T>(x(i) - max - lse);
        } else if constexpr (std::is_same_v<T, C>) {
          // Exponentials go to the output once, then get scaled in place.
          for (int64_t i = 0; i < len; ++i) {
            C e = std::exp(x(i) - max);
            y(i) = e;
            sum += e;
          }
          C inv = C(1) / sum;
          for (int64_t i = 0; i < len; ++i) y(i) *= inv;
        } else {
          for (int64_t i = 0; i < len; ++i) sum += std::exp(x(i) - max);
          C inv = C(1) / sum;
          for (int64_t i = 0; i < len; ++i) y(i) = static_cast<T>(std::exp(x(i) - max) * inv);
        }
      });
    } else {
      TS_ERROR("\"softmax_lastdim_kernel_impl\" not implemented for '", scalar_type_name(in.dtype()), "'");
    }
  });
}

}  // namespace tscript::rt::cpu
