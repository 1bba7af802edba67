// Strided iteration over N same-shaped operands (the output first).
//
// make_plan() turns the operands' geometry into byte strides, drops size-1
// dims, orders dims so memory is walked forwards, and merges dims that are
// contiguous in every operand, so most real cases become one flat 1-D run.
// Broadcast inputs are expanded views (stride 0), so kernels never special-
// case broadcasting beyond the "scalar operand" fast path below.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <utility>

#include "backends/cpu/parallel.h"
#include "runtime/tensor/tensor.h"

namespace tscript::rt::cpu {

inline constexpr int kMaxOperands = 4;

struct StridedPlan {
  int nops = 0;
  int64_t numel = 0;
  DimVector sizes;                                // outermost first
  std::array<DimVector, kMaxOperands> strides;    // in bytes, per operand
  std::array<char*, kMaxOperands> data{};
  int ndim() const { return static_cast<int>(sizes.size()); }
};

// All operands must have the same sizes. With reorder = false the logical
// row-major order is kept (for kernels whose result depends on the order).
StridedPlan make_plan(std::initializer_list<Tensor> operands, bool reorder = true);

// Calls loop(char** ptrs, const int64_t* strides, int64_t n) for runs of the
// innermost dim covering elements [begin, end) of the plan's order.
// `base` replaces plan.data (to walk the same geometry from other addresses).
template <class Loop>
void for_each_run_range(const StridedPlan& plan, int64_t begin, int64_t end, const Loop& loop,
                        const std::array<char*, kMaxOperands>& base) {
  const int nops = plan.nops;
  const int nd = plan.ndim();
  std::array<char*, kMaxOperands> ptrs = base;
  std::array<int64_t, kMaxOperands> inner{};
  if (begin >= end) return;
  if (nd == 0) {
    if (begin < end) loop(ptrs.data(), inner.data(), int64_t{1});
    return;
  }
  for (int k = 0; k < nops; ++k) inner[k] = plan.strides[k][nd - 1];
  DimVector idx(nd);
  int64_t rem = begin;
  for (int d = nd - 1; d >= 0; --d) {
    idx[d] = rem % plan.sizes[d];
    rem /= plan.sizes[d];
    for (int k = 0; k < nops; ++k) ptrs[k] += idx[d] * plan.strides[k][d];
  }
  const int64_t inner_size = plan.sizes[nd - 1];
  int64_t pos = begin;
  while (pos < end) {
    int64_t n = std::min(inner_size - idx[nd - 1], end - pos);
    loop(ptrs.data(), inner.data(), n);
    pos += n;
    idx[nd - 1] += n;
    for (int k = 0; k < nops; ++k) ptrs[k] += n * inner[k];
    for (int d = nd - 1; d > 0 && idx[d] == plan.sizes[d]; --d) {
      idx[d] = 0;
      idx[d - 1]++;
      for (int k = 0; k < nops; ++k) ptrs[k] += plan.strides[k][d - 1] - plan.sizes[d] * plan.strides[k][d];
    }
  }
}

template <class Loop>
void for_each_run_range(const StridedPlan& plan, int64_t begin, int64_t end, const Loop& loop) {
  for_each_run_range(plan, begin, end, loop, plan.data);
}

template <class Loop>
void for_each_run(const StridedPlan& plan, const Loop& loop, int64_t grain = kGrainSize) {
  parallel_for(0, plan.numel, grain,
               [&](int64_t b, int64_t e) { for_each_run_range(plan, b, e, loop); });
}

template <class T>
inline opmath_t<T> load_as_opmath(const char* p) {
  return static_cast<opmath_t<T>>(*reinterpret_cast<const T*>(p));
}

namespace detail {
template <class Out, class... In, class F, size_t... I>
inline void basic_loop(char** p, const int64_t* s, int64_t n, const F& f, std::index_sequence<I...>) {
  for (int64_t i = 0; i < n; ++i)
    *reinterpret_cast<Out*>(p[0] + i * s[0]) = static_cast<Out>(f(load_as_opmath<In>(p[I + 1] + i * s[I + 1])...));
}
}  // namespace detail

// out[i] = f(in[i]...) with In/Out the stored types; f sees opmath values
// (float for Half/BFloat16). Contiguous and scalar-operand runs get loops with
// constant strides, which the compiler vectorises.
template <class Out, class... In, class F>
void elementwise(const StridedPlan& plan, const F& f, int64_t grain = kGrainSize) {
  constexpr size_t N = sizeof...(In);
  using Seq = std::make_index_sequence<N>;
  for_each_run(
      plan,
      [&](char** p, const int64_t* s, int64_t n) {
        constexpr int64_t sizes[] = {static_cast<int64_t>(sizeof(Out)), static_cast<int64_t>(sizeof(In))...};
        bool contiguous = true;
        for (size_t k = 0; k <= N; ++k) contiguous = contiguous && s[k] == sizes[k];
        if (contiguous) return detail::basic_loop<Out, In...>(p, sizes, n, f, Seq{});
        if constexpr (N == 1) {
          if (s[0] == sizes[0] && s[1] == 0) {
            constexpr int64_t cs[] = {sizes[0], 0};
            return detail::basic_loop<Out, In...>(p, cs, n, f, Seq{});
          }
        } else if constexpr (N == 2) {
          if (s[0] == sizes[0] && s[1] == 0 && s[2] == sizes[2]) {
            constexpr int64_t cs[] = {sizes[0], 0, sizes[2]};
            return detail::basic_loop<Out, In...>(p, cs, n, f, Seq{});
          }
          if (s[0] == sizes[0] && s[1] == sizes[1] && s[2] == 0) {
            constexpr int64_t cs[] = {sizes[0], sizes[1], 0};
            return detail::basic_loop<Out, In...>(p, cs, n, f, Seq{});
          }
        }
        detail::basic_loop<Out, In...>(p, s, n, f, Seq{});
      },
      grain);
}

// A view of `t` with dim `dim` reduced to size 1 (same storage and strides).
Tensor lane_view(const Tensor& t, int64_t dim);

// Calls f(char** lane_starts) once per lane along `dim`: for every position of
// the other dims, the address of element 0 of that lane in each tensor. The
// tensors must agree in every dim but `dim`. Lanes run in parallel.
template <class F>
void for_each_lane(std::initializer_list<Tensor> tensors, int64_t dim, int64_t lane_len, const F& f) {
  std::array<Tensor, kMaxOperands> views;
  int k = 0;
  for (const Tensor& t : tensors) views[k++] = lane_view(t, dim);
  StridedPlan plan = k == 1   ? make_plan({views[0]})
                     : k == 2 ? make_plan({views[0], views[1]})
                     : k == 3 ? make_plan({views[0], views[1], views[2]})
                              : make_plan({views[0], views[1], views[2], views[3]});
  int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(lane_len, 1));
  for_each_run(
      plan,
      [&](char** p, const int64_t* s, int64_t n) {
        std::array<char*, kMaxOperands> q{};
        for (int64_t i = 0; i < n; ++i) {
          for (int j = 0; j < k; ++j) q[j] = p[j] + i * s[j];
          f(q.data());
        }
      },
      grain);
}

}  // namespace tscript::rt::cpu
