// Indexing kernels: gather, scatter, index_select, advanced indexing
// (index / index_put) and nonzero. Every index is bounds-checked here, right
// before it is used, so no input can reach memory outside a storage.
#include <cstring>

#include "backends/cpu/kernels.h"
#include "backends/cpu/loops.h"
#include "backends/cpu/math.h"
#include "runtime/ops/creation.h"
#include "runtime/tensor/error.h"

namespace tscript::rt::cpu {
namespace {

int64_t byte_stride(const Tensor& t, int64_t dim) {
  return t.dim() == 0 ? 0 : t.strides()[dim] * static_cast<int64_t>(t.element_size());
}
int64_t dim_size(const Tensor& t, int64_t dim) { return t.dim() == 0 ? 1 : t.sizes()[dim]; }

// A view of t with sizes taken from `like` except along `dim`.
Tensor restrict_to(const Tensor& t, const Tensor& like, int64_t dim) {
  if (t.dim() == 0) return t;
  DimVector sizes(like.sizes());
  sizes[dim] = t.sizes()[dim];
  return Tensor(IntrusivePtr<TensorImpl>::make(t.storage(), t.dtype(), sizes, t.strides(), t.storage_offset()));
}

inline int64_t checked_index(int64_t idx, int64_t size, int64_t dim) {
  if (idx < -size || idx >= size)
    TS_ERROR("index ", idx, " is out of bounds for dimension ", dim, " with size ", size);
  return idx < 0 ? idx + size : idx;
}

}  // namespace

void gather(const Tensor& out, const Tensor& in, int64_t dim, const Tensor& index) {
  if (index.numel() == 0) return;
  const int64_t len = dim_size(index, dim), in_len = dim_size(in, dim);
  const int64_t so = byte_stride(out, dim), sx = byte_stride(index, dim), si = byte_stride(in, dim);
  Tensor src = restrict_to(in, index, dim);
  dispatch_all(in.dtype(), [&]<class T>() {
    for_each_lane({out, index, src}, dim, len, [&](char** p) {
      for (int64_t i = 0; i < len; ++i) {
        int64_t j = checked_index(*reinterpret_cast<const int64_t*>(p[1] + i * sx), in_len, dim);
        *reinterpret_cast<T*>(p[0] + i * so) = *reinterpret_cast<const T*>(p[2] + j * si);
      }
    });
  });
}

void scatter(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src, bool accumulate) {
  if (index.numel() == 0) return;
  const int64_t len = dim_size(index, dim), self_len = dim_size(self, dim);
  const int64_t ss = byte_stride(self, dim), sx = byte_stride(index, dim), sv = byte_stride(src, dim);
  Tensor dst = restrict_to(self, index, dim);
  Tensor values = restrict_to(src, index, dim);
  dispatch_all(self.dtype(), [&]<class T>() {
    // Lanes write disjoint parts of self (they differ in the other dims).
    for_each_lane({dst, index, values}, dim, len, [&](char** p) {
      for (int64_t i = 0; i < len; ++i) {
        int64_t j = checked_index(*reinterpret_cast<const int64_t*>(p[1] + i * sx), self_len, dim);
        T v = *reinterpret_cast<const T*>(p[2] + i * sv);
        T& target = *reinterpret_cast<T*>(p[0] + j * ss);
        if (accumulate) {
          if constexpr (std::is_same_v<T, bool>) target = target || v;
          else target = static_cast<T>(wrapping_add(static_cast<opmath_t<T>>(target), static_cast<opmath_t<T>>(v)));
        } else {
          target = v;
        }
      }
    });
  });
}

void index_select(const Tensor& out, const Tensor& in, int64_t dim, const Tensor& index) {
  const int64_t n = index.numel();
  if (out.numel() == 0) return;
  const int64_t in_len = dim_size(in, dim);
  // Check every index up front (the copy loops below then run unchecked).
  std::vector<int64_t> idx(n);
  for (int64_t i = 0; i < n; ++i) {
    int64_t v = index.int_at(i);
    TS_CHECK_INDEX(v >= -in_len && v < in_len, "index out of range in self");
    idx[i] = v < 0 ? v + in_len : v;
  }
  const size_t item = in.element_size();
  if (in.is_contiguous() && out.is_contiguous() && in.dim() > 0) {
    int64_t outer = 1, inner = 1;
    for (int64_t d = 0; d < dim; ++d) outer *= in.sizes()[d];
    for (int64_t d = dim + 1; d < in.dim(); ++d) inner *= in.sizes()[d];
    const char* src = static_cast<const char*>(in.data_ptr());
    char* dst = static_cast<char*>(out.data_ptr());
    const size_t block = inner * item;
    parallel_for(0, outer * n, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(inner, 1)),
                 [&](int64_t b, int64_t e) {
                   for (int64_t r = b; r < e; ++r) {
                     int64_t o = r / n, i = r % n;
                     std::memcpy(dst + (o * n + i) * block, src + (o * in_len + idx[i]) * block, block);
                   }
                 });
    return;
  }
  const int64_t so = byte_stride(out, dim), si = byte_stride(in, dim);
  for_each_lane({out, in}, dim, n, [&](char** p) {
    for (int64_t i = 0; i < n; ++i) std::memcpy(p[0] + i * so, p[1] + idx[i] * si, item);
  });
}

namespace {
// Element offsets (in elements of `in`) selected by the advanced indices,
// shaped like the broadcast index shape; bounds-checked.
Tensor index_offsets(const Tensor& in, int64_t first, const std::vector<Tensor>& indices) {
  Tensor offsets = zeros(indices[0].sizes(), TensorOptions(DType::Int64));
  for (size_t k = 0; k < indices.size(); ++k) {
    const int64_t d = first + static_cast<int64_t>(k);
    const int64_t size = in.sizes()[d], stride = in.strides()[d];
    StridedPlan plan = make_plan({offsets, indices[k]});
    for_each_run(plan, [&](char** p, const int64_t* s, int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        int64_t v = *reinterpret_cast<const int64_t*>(p[1] + i * s[1]);
        TS_CHECK_INDEX(v >= -size && v < size, "index ", v, " is out of bounds for dimension ", d, " with size ",
                       size);
        if (v < 0) v += size;
        *reinterpret_cast<int64_t*>(p[0] + i * s[0]) += v * stride;
      }
    });
  }
  return offsets;
}

// Views over the indexed result shape: `src` walks in's non-indexed dims (0
// stride over the index dims); `off` walks the offsets (0 stride elsewhere).
std::pair<Tensor, Tensor> restride(const Tensor& in, IntArrayRef result_sizes, int64_t first, size_t nindexed,
                                   const Tensor& offsets) {
  const int64_t nb = offsets.dim();
  DimVector src_strides, off_strides;
  for (int64_t d = 0; d < first; ++d) {
    src_strides.push_back(in.strides()[d]);
    off_strides.push_back(0);
  }
  for (int64_t d = 0; d < nb; ++d) {
    src_strides.push_back(0);
    off_strides.push_back(offsets.strides()[d]);
  }
  for (int64_t d = first + static_cast<int64_t>(nindexed); d < in.dim(); ++d) {
    src_strides.push_back(in.strides()[d]);
    off_strides.push_back(0);
  }
  Tensor src(IntrusivePtr<TensorImpl>::make(in.storage(), in.dtype(), result_sizes, src_strides,
                                            in.storage_offset()));
  Tensor off(IntrusivePtr<TensorImpl>::make(offsets.storage(), DType::Int64, result_sizes, off_strides,
                                            offsets.storage_offset()));
  return {src, off};
}
}  // namespace

void index(const Tensor& out, const Tensor& in, int64_t first, const std::vector<Tensor>& indices) {
  Tensor offsets = index_offsets(in, first, indices);
  if (out.numel() == 0) return;
  auto [src, off] = restride(in, out.sizes(), first, indices.size(), offsets);
  StridedPlan plan = make_plan({out, src, off});
  const size_t item = in.element_size();
  dispatch_all(in.dtype(), [&]<class T>() {
    for_each_run(plan, [&](char** p, const int64_t* s, int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        int64_t o = *reinterpret_cast<const int64_t*>(p[2] + i * s[2]);
        *reinterpret_cast<T*>(p[0] + i * s[0]) = *reinterpret_cast<const T*>(p[1] + i * s[1] + o * static_cast<int64_t>(item));
      }
    });
  });
}

void index_put(const Tensor& self, int64_t first, const std::vector<Tensor>& indices, const Tensor& values,
               bool accumulate) {
  Tensor offsets = index_offsets(self, first, indices);
  if (values.numel() == 0) return;
  auto [dst, off] = restride(self, values.sizes(), first, indices.size(), offsets);
  StridedPlan plan = make_plan({dst, off, values}, /*reorder=*/false);
  const int64_t item = static_cast<int64_t>(self.element_size());
  dispatch_all(self.dtype(), [&]<class T>() {
    // Serial: duplicate indices must resolve deterministically (last write
    // wins, or all add up).
    for_each_run_range(plan, 0, plan.numel, [&](char** p, const int64_t* s, int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        T& target = *reinterpret_cast<T*>(p[0] + i * s[0] + *reinterpret_cast<const int64_t*>(p[1] + i * s[1]) * item);
        T v = *reinterpret_cast<const T*>(p[2] + i * s[2]);
        if (accumulate) {
          if constexpr (std::is_same_v<T, bool>) target = target || v;
          else target = static_cast<T>(wrapping_add(static_cast<opmath_t<T>>(target), static_cast<opmath_t<T>>(v)));
        } else {
          target = v;
        }
      }
    });
  });
}

Tensor nonzero(const Tensor& in) {
  const int64_t nd = in.dim(), n = in.numel();
  std::vector<int64_t> hits;
  dispatch_all(in.dtype(), [&]<class T>() {
    for (int64_t i = 0; i < n; ++i) {
      const T& v = *(static_cast<const T*>(in.data_ptr()) + in.element_offset(i));
      if (static_cast<opmath_t<T>>(v) != opmath_t<T>(0)) hits.push_back(i);
    }
  });
  Tensor out = empty({static_cast<int64_t>(hits.size()), nd}, TensorOptions(DType::Int64));
  int64_t* o = out.data<int64_t>();
  for (size_t h = 0; h < hits.size(); ++h) {
    int64_t rem = hits[h];
    for (int64_t d = nd - 1; d >= 0; --d) {
      o[h * nd + d] = rem % in.sizes()[d];
      rem /= in.sizes()[d];
    }
  }
  return out;
}

}  // namespace tscript::rt::cpu
