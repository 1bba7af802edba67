// sort and topk. Both reproduce PyTorch's CPU algorithms (std::sort /
// std::stable_sort / std::partial_sort / std::nth_element from libstdc++ with
// the same comparators), so even the order of ties matches.
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "backends/cpu/kernels.h"
#include "backends/cpu/loops.h"

namespace tscript::rt::cpu {
namespace {

template <class C>
inline bool is_nan(C v) {
  if constexpr (std::is_floating_point_v<C>) return std::isnan(v);
  else return false;
}

// NaN is larger than every number.
template <class C>
struct Ascending {
  bool operator()(const std::pair<C, int64_t>& a, const std::pair<C, int64_t>& b) const {
    return (!is_nan(a.first) && is_nan(b.first)) || (a.first < b.first);
  }
};
template <class C>
struct Descending {
  bool operator()(const std::pair<C, int64_t>& a, const std::pair<C, int64_t>& b) const {
    return (is_nan(a.first) && !is_nan(b.first)) || (a.first > b.first);
  }
};

int64_t byte_stride(const Tensor& t, int64_t dim) {
  return t.dim() == 0 ? 0 : t.strides()[dim] * static_cast<int64_t>(t.element_size());
}

}  // namespace

void sort(const Tensor& values, const Tensor& indices, const Tensor& in, int64_t dim, bool descending,
          bool stable) {
  if (in.numel() == 0) return;
  const int64_t len = in.dim() == 0 ? 1 : in.sizes()[dim];
  const int64_t si = byte_stride(in, dim), sv = byte_stride(values, dim), sx = byte_stride(indices, dim);
  dispatch_all(in.dtype(), [&]<class T>() {
    using C = opmath_t<T>;
    for_each_lane({in, values, indices}, dim, len, [&](char** p) {
      std::vector<std::pair<C, int64_t>> lane(len);
      for (int64_t i = 0; i < len; ++i) lane[i] = {static_cast<C>(*reinterpret_cast<const T*>(p[0] + i * si)), i};
      if (descending) {
        if (stable) std::stable_sort(lane.begin(), lane.end(), Descending<C>());
        else std::sort(lane.begin(), lane.end(), Descending<C>());
      } else {
        if (stable) std::stable_sort(lane.begin(), lane.end(), Ascending<C>());
        else std::sort(lane.begin(), lane.end(), Ascending<C>());
      }
      for (int64_t i = 0; i < len; ++i) {
        *reinterpret_cast<T*>(p[1] + i * sv) = static_cast<T>(lane[i].first);
        *reinterpret_cast<int64_t*>(p[2] + i * sx) = lane[i].second;
      }
    });
  });
}

void topk(const Tensor& values, const Tensor& indices, const Tensor& in, int64_t k, int64_t dim, bool largest) {
  if (values.numel() == 0) return;
  const int64_t len = in.dim() == 0 ? 1 : in.sizes()[dim];
  const int64_t si = byte_stride(in, dim), sv = byte_stride(values, dim), sx = byte_stride(indices, dim);
  dispatch_all(in.dtype(), [&]<class T>() {
    using C = opmath_t<T>;
    for_each_lane({in, values, indices}, dim, len, [&](char** p) {
      std::vector<std::pair<C, int64_t>> q(len);
      for (int64_t i = 0; i < len; ++i) q[i] = {static_cast<C>(*reinterpret_cast<const T*>(p[0] + i * si)), i};
      auto run = [&](auto comp) {
        if (k * 64 <= len) {
          std::partial_sort(q.begin(), q.begin() + k, q.end(), comp);
        } else {
          std::nth_element(q.begin(), q.begin() + k - 1, q.end(), comp);
          std::sort(q.begin(), q.begin() + k - 1, comp);  // the k-th is in place already
        }
      };
      if (largest) run(Descending<C>());
      else run(Ascending<C>());
      for (int64_t i = 0; i < k; ++i) {
        *reinterpret_cast<T*>(p[1] + i * sv) = static_cast<T>(q[i].first);
        *reinterpret_cast<int64_t*>(p[2] + i * sx) = q[i].second;
      }
    });
  });
}

}  // namespace tscript::rt::cpu
