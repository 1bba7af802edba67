// Reductions over any set of dims: one driver, one small reducer per op.
//
// The driver splits the dims into kept ones (one output element each) and
// reduced ones, and picks a strategy:
//  - one output: the reduced range is split across threads, partial results
//    combined in a fixed order (deterministic);
//  - the input's fastest dim is kept (e.g. sum over dim 0 of a matrix): rows
//    are accumulated into a block of outputs at once ("vertical"), so memory
//    is read in order and the inner loop vectorises;
//  - otherwise each output reduces its own (often contiguous) slice.
#include <cmath>
#include <limits>
#include <vector>

#include "backends/cpu/kernels.h"
#include "backends/cpu/loops.h"
#include "backends/cpu/math.h"
#include "runtime/tensor/error.h"

namespace tscript::rt::cpu {
namespace {

struct ReducePlan {
  StridedPlan outer;  // (out, in) over the kept dims
  StridedPlan inner;  // (in) over the reduced dims
};

ReducePlan make_reduce_plan(const Tensor& out, const Tensor& in) {
  DimVector red_sizes, red_strides;
  for (int64_t d = 0; d < in.dim(); ++d) {
    if (out.sizes()[d] == 1 && in.sizes()[d] != 1) {
      red_sizes.push_back(in.sizes()[d]);
      red_strides.push_back(in.strides()[d]);
    }
  }
  Tensor in_outer(IntrusivePtr<TensorImpl>::make(in.storage(), in.dtype(), out.sizes(), in.strides(),
                                                 in.storage_offset()));
  Tensor in_inner(
      IntrusivePtr<TensorImpl>::make(in.storage(), in.dtype(), red_sizes, red_strides, in.storage_offset()));
  return {make_plan({out, in_outer}), make_plan({in_inner})};
}

// ---- reducers: acc type, identity, step, combine, finish ----

template <class T>
using wide_t = std::conditional_t<is_floating_v<T>, double, int64_t>;

template <class T>
struct SumReducer {
  using acc_t = wide_t<T>;
  using out_t = std::conditional_t<is_floating_v<T>, T, int64_t>;
  acc_t identity() const { return 0; }
  void step(acc_t& acc, T x) const { acc = wrapping_add(acc, static_cast<acc_t>(static_cast<opmath_t<T>>(x))); }
  acc_t combine(acc_t a, acc_t b) const { return wrapping_add(a, b); }
  out_t finish(acc_t a) const { return static_cast<out_t>(a); }
  // Contiguous runs: eight independent lanes, summed pairwise at the end.
  void run(acc_t& acc, const char* p, int64_t stride, int64_t n) const {
    if (stride != static_cast<int64_t>(sizeof(T)) || n < 16) {
      for (int64_t i = 0; i < n; ++i) step(acc, *reinterpret_cast<const T*>(p + i * stride));
      return;
    }
    const T* x = reinterpret_cast<const T*>(p);
    acc_t lane[8] = {};
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
      for (int k = 0; k < 8; ++k)
        lane[k] = wrapping_add(lane[k], static_cast<acc_t>(static_cast<opmath_t<T>>(x[i + k])));
    acc_t total = combine(combine(combine(lane[0], lane[1]), combine(lane[2], lane[3])),
                          combine(combine(lane[4], lane[5]), combine(lane[6], lane[7])));
    for (; i < n; ++i) step(total, x[i]);
    acc = combine(acc, total);
  }
};

template <class T>
struct ProdReducer {
  using acc_t = wide_t<T>;
  using out_t = std::conditional_t<is_floating_v<T>, T, int64_t>;
  acc_t identity() const { return 1; }
  void step(acc_t& acc, T x) const { acc = wrapping_mul(acc, static_cast<acc_t>(static_cast<opmath_t<T>>(x))); }
  acc_t combine(acc_t a, acc_t b) const { return wrapping_mul(a, b); }
  out_t finish(acc_t a) const { return static_cast<out_t>(a); }
};

template <class T, bool IsMax>
struct ExtremumReducer {
  using acc_t = opmath_t<T>;
  using out_t = T;
  acc_t identity() const {
    if constexpr (std::is_same_v<T, bool>) return !IsMax;
    else if constexpr (is_floating_v<T>) return IsMax ? -INFINITY : INFINITY;
    else return IsMax ? std::numeric_limits<T>::lowest() : std::numeric_limits<T>::max();
  }
  void step(acc_t& acc, T v) const { acc = combine(acc, static_cast<acc_t>(v)); }
  acc_t combine(acc_t a, acc_t x) const {
    if constexpr (is_floating_v<T>) {
      if (std::isnan(a)) return a;
      if (std::isnan(x)) return x;
    }
    return IsMax ? (x > a ? x : a) : (x < a ? x : a);
  }
  out_t finish(acc_t a) const { return static_cast<out_t>(a); }
  // Contiguous runs: 16 independent lanes with branch-free selects (NaN
  // sticks because a NaN lane never compares false into a number).
  void run(acc_t& acc, const char* p, int64_t stride, int64_t n) const {
    if (stride != static_cast<int64_t>(sizeof(T)) || n < 32) {
      for (int64_t i = 0; i < n; ++i) step(acc, *reinterpret_cast<const T*>(p + i * stride));
      return;
    }
    const T* x = reinterpret_cast<const T*>(p);
    constexpr int K = 16;
    acc_t lane[K];
    for (int k = 0; k < K; ++k) lane[k] = static_cast<acc_t>(x[k]);
    int64_t i = K;
    for (; i + K <= n; i += K) {
      for (int k = 0; k < K; ++k) {
        acc_t v = static_cast<acc_t>(x[i + k]);
        bool take = IsMax ? !(lane[k] >= v) : !(lane[k] <= v);  // true for a NaN v
        if constexpr (is_floating_v<T>) take = take && !(lane[k] != lane[k]);
        lane[k] = take ? v : lane[k];
      }
    }
    for (int k = 0; k < K; ++k) acc = combine(acc, lane[k]);
    for (; i < n; ++i) step(acc, x[i]);
  }
};

template <class T, bool IsAll>
struct LogicalReducer {
  using acc_t = bool;
  using out_t = bool;
  acc_t identity() const { return IsAll; }
  void step(acc_t& acc, T v) const {
    bool x = static_cast<opmath_t<T>>(v) != opmath_t<T>(0);
    acc = IsAll ? (acc && x) : (acc || x);
  }
  acc_t combine(acc_t a, acc_t b) const { return IsAll ? (a && b) : (a || b); }
  out_t finish(acc_t a) const { return a; }
};

enum class NormKind { P, Two, One, Zero, Inf, NegInf };

template <class T>
struct NormReducer {
  using acc_t = double;
  using out_t = T;
  NormKind kind;
  double p;
  acc_t identity() const { return kind == NormKind::NegInf ? INFINITY : 0.0; }
  void step(acc_t& acc, T v) const {
    double x = std::abs(static_cast<double>(static_cast<opmath_t<T>>(v)));
    switch (kind) {
      case NormKind::Two: acc += x * x; break;
      case NormKind::One: acc += x; break;
      case NormKind::Zero: acc += x != 0; break;
      case NormKind::P: acc += std::pow(x, p); break;
      case NormKind::Inf: acc = combine(acc, x); break;
      case NormKind::NegInf: acc = combine(acc, x); break;
    }
  }
  acc_t combine(acc_t a, acc_t b) const {
    if (kind == NormKind::Inf) return (std::isnan(a) || a > b) ? a : b;
    if (kind == NormKind::NegInf) return (std::isnan(a) || a < b) ? a : b;
    return a + b;
  }
  out_t finish(acc_t a) const {
    if (kind == NormKind::Two) return static_cast<out_t>(std::sqrt(a));
    if (kind == NormKind::P) return static_cast<out_t>(std::pow(a, 1.0 / p));
    return static_cast<out_t>(a);
  }
};

// Welford's running mean/variance in double, with Chan's rule to combine.
struct WelfordAcc {
  double mean = 0, m2 = 0;
  int64_t n = 0;
};
template <class T>
struct WelfordReducer {
  using acc_t = WelfordAcc;
  using out_t = T;
  acc_t identity() const { return {}; }
  void step(acc_t& a, T v) const {
    double x = static_cast<double>(static_cast<opmath_t<T>>(v));
    a.n++;
    double delta = x - a.mean;
    a.mean += delta / static_cast<double>(a.n);
    a.m2 += delta * (x - a.mean);
  }
  acc_t combine(acc_t a, acc_t b) const {
    if (a.n == 0) return b;
    if (b.n == 0) return a;
    int64_t n = a.n + b.n;
    double delta = b.mean - a.mean;
    double nb_over_n = static_cast<double>(b.n) / static_cast<double>(n);
    return {a.mean + delta * nb_over_n, a.m2 + b.m2 + delta * delta * static_cast<double>(a.n) * nb_over_n, n};
  }
  WelfordAcc finish(acc_t a) const { return a; }
};

// Contiguous-run hook: reducers without their own `run` step element by element.
template <class R, class T>
void run_slice(const R& r, typename R::acc_t& acc, const char* p, int64_t stride, int64_t n) {
  if constexpr (requires { r.run(acc, p, stride, n); }) {
    r.run(acc, p, stride, n);
  } else {
    for (int64_t i = 0; i < n; ++i) r.step(acc, *reinterpret_cast<const T*>(p + i * stride));
  }
}

// Runs reducer r; store(out_ptr, acc) writes one result.
template <class T, class R, class Store>
void run_reduction(const ReducePlan& rp, const R& r, const Store& store) {
  using acc_t = typename R::acc_t;
  const int64_t n_out = rp.outer.numel, n_red = rp.inner.numel;
  if (n_out == 0) return;
  auto reduce_range = [&](const char* in_base, int64_t b, int64_t e) {
    acc_t acc = r.identity();
    for_each_run_range(
        rp.inner, b, e, [&](char** p, const int64_t* s, int64_t n) { run_slice<R, T>(r, acc, p[0], s[0], n); },
        {const_cast<char*>(in_base)});
    return acc;
  };

  if (n_out == 1) {
    const char* in_base = rp.outer.data[1];
    int64_t chunks = std::max<int64_t>(1, std::min<int64_t>(max_threads(), n_red / kGrainSize));
    std::vector<acc_t> partial(chunks, r.identity());
    int64_t per = (n_red + chunks - 1) / chunks;
    parallel_for(0, chunks, 1, [&](int64_t cb, int64_t ce) {
      for (int64_t c = cb; c < ce; ++c) partial[c] = reduce_range(in_base, c * per, std::min(n_red, (c + 1) * per));
    });
    acc_t acc = partial[0];
    for (int64_t c = 1; c < chunks; ++c) acc = r.combine(acc, partial[c]);
    store(rp.outer.data[0], acc);
    return;
  }

  const int nd = rp.outer.ndim();
  const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(n_red, 1));
  bool vertical = nd > 0 && n_red > 1 && rp.outer.strides[1][nd - 1] == static_cast<int64_t>(sizeof(T)) &&
                  rp.outer.sizes[nd - 1] > 1;
  if (vertical) {
    constexpr int64_t kBlock = 256;
    for_each_run(
        rp.outer,
        [&](char** p, const int64_t* s, int64_t n) {
          acc_t acc[kBlock];
          for (int64_t b0 = 0; b0 < n; b0 += kBlock) {
            const int64_t m = std::min(kBlock, n - b0);
            for (int64_t i = 0; i < m; ++i) acc[i] = r.identity();
            const char* in_base = p[1] + b0 * s[1];
            for_each_run_range(
                rp.inner, 0, n_red,
                [&](char** q, const int64_t* qs, int64_t rows) {
                  for (int64_t j = 0; j < rows; ++j) {
                    const T* row = reinterpret_cast<const T*>(q[0] + j * qs[0]);
                    for (int64_t i = 0; i < m; ++i) r.step(acc[i], row[i]);
                  }
                },
                {const_cast<char*>(in_base)});
            for (int64_t i = 0; i < m; ++i) store(p[0] + (b0 + i) * s[0], acc[i]);
          }
        },
        grain);
    return;
  }

  for_each_run(
      rp.outer,
      [&](char** p, const int64_t* s, int64_t n) {
        for (int64_t i = 0; i < n; ++i) store(p[0] + i * s[0], reduce_range(p[1] + i * s[1], 0, n_red));
      },
      grain);
}

template <class T, class R>
void reduce_with(const ReducePlan& rp, const R& r) {
  using out_t = typename R::out_t;
  run_reduction<T>(rp, r, [&](char* o, const typename R::acc_t& acc) { *reinterpret_cast<out_t*>(o) = r.finish(acc); });
}

}  // namespace

void reduce(ReduceOp op, const Tensor& out, const Tensor& in, double p) {
  ReducePlan rp = make_reduce_plan(out, in);
  dispatch_all(in.dtype(), [&]<class T>() {
    switch (op) {
      case ReduceOp::Sum:
        if constexpr (is_floating_v<T>) return sum_floating(out, in);
        else return reduce_with<T>(rp, SumReducer<T>{});
      case ReduceOp::Prod: return reduce_with<T>(rp, ProdReducer<T>{});
      case ReduceOp::Max: return reduce_with<T>(rp, ExtremumReducer<T, true>{});
      case ReduceOp::Min: return reduce_with<T>(rp, ExtremumReducer<T, false>{});
      case ReduceOp::All: return reduce_with<T>(rp, LogicalReducer<T, true>{});
      case ReduceOp::Any: return reduce_with<T>(rp, LogicalReducer<T, false>{});
      case ReduceOp::NormP:
      case ReduceOp::Norm0:
      case ReduceOp::NormInf:
      case ReduceOp::NormNegInf:
        if constexpr (is_floating_v<T>) {
          NormKind kind = op == ReduceOp::Norm0     ? NormKind::Zero
                          : op == ReduceOp::NormInf ? NormKind::Inf
                          : op == ReduceOp::NormNegInf ? NormKind::NegInf
                          : p == 2.0                ? NormKind::Two
                          : p == 1.0                ? NormKind::One
                                                    : NormKind::P;
          return reduce_with<T>(rp, NormReducer<T>{kind, p});
        }
        TS_ERROR("norm(): input dtype should be floating point");
    }
  });
}

void var_mean(const Tensor& var, const Tensor& mean, const Tensor& in, double correction, bool take_sqrt) {
  ReducePlan rp = make_reduce_plan(var, in);
  // Output offsets of `mean` follow the same walk as `var`: both are
  // allocated contiguous with the same sizes, so the byte offset is shared.
  char* var_base = static_cast<char*>(var.data_ptr());
  char* mean_base = mean.defined() ? static_cast<char*>(mean.data_ptr()) : nullptr;
  dispatch_all(in.dtype(), [&]<class T>() {
    if constexpr (is_floating_v<T>) {
      run_reduction<T>(rp, WelfordReducer<T>{}, [&](char* o, const WelfordAcc& a) {
        // As PyTorch: m2 / max(0, n - correction), so too few samples give inf or nan.
        double v = a.m2 / std::max(0.0, static_cast<double>(a.n) - correction);
        if (take_sqrt) v = std::sqrt(v);
        *reinterpret_cast<T*>(o) = static_cast<T>(static_cast<opmath_t<T>>(v));
        if (mean_base) {
          *reinterpret_cast<T*>(mean_base + (o - var_base)) =
              static_cast<T>(static_cast<opmath_t<T>>(a.n ? a.mean : NAN));
        }
      });
    } else {
      TS_ERROR("std and var only support floating point and complex dtypes");
    }
  });
}

}  // namespace tscript::rt::cpu
