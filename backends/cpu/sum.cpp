// Floating-point sum, reproducing PyTorch's CPU algorithm operation for
// operation (ATen's SumKernel.cpp "cascade sum" on an AVX2 build, with
// TensorIterator's dim ordering, coalescing and two-pass parallel reduction),
// so that sums and means print exactly as PyTorch prints them — e.g. a
// float32 sum of a thousand 0.1s is 100.00000762939453, not 100.
//
// Accumulation is in float for float/half/bfloat16 and double for double;
// vectors are W = 32 bytes / sizeof(acc) lanes wide.
#include <array>
#include <vector>

#include "backends/cpu/kernels.h"
#include "backends/cpu/loops.h"

namespace tscript::rt::cpu {
namespace {

template <class T>
using sum_acc_t = std::conditional_t<std::is_same_v<T, double>, double, float>;

template <class A, int L>
struct Lanes {
  std::array<A, L> v{};
  Lanes& operator+=(const Lanes& o) {
    for (int k = 0; k < L; ++k) v[k] += o.v[k];
    return *this;
  }
};

// L consecutive elements at p, converted to the accumulation type.
template <class T, class A, int L>
inline Lanes<A, L> load(const char* p) {
  Lanes<A, L> r;
  const T* x = reinterpret_cast<const T*>(p);
  for (int k = 0; k < L; ++k) r.v[k] = static_cast<A>(static_cast<opmath_t<T>>(x[k]));
  return r;
}

int64_t ceil_log2(int64_t x) {
  if (x <= 2) return 1;
  return 64 - __builtin_clzll(static_cast<uint64_t>(x - 1));
}

// ATen multi_row_sum: NROWS interleaved accumulators, each summing `size`
// rows, folded through 4 levels every 2^level_power rows (a cascade).
template <class T, class A, int L, int NROWS>
std::array<Lanes<A, L>, NROWS> multi_row_sum(const char* in, int64_t row_stride, int64_t col_stride,
                                             int64_t size) {
  constexpr int kLevels = 4;
  const int64_t level_power = std::max<int64_t>(4, ceil_log2(size) / kLevels);
  const int64_t level_step = int64_t{1} << level_power;
  const int64_t level_mask = level_step - 1;
  Lanes<A, L> acc[kLevels][NROWS] = {};
  int64_t i = 0;
  while (i + level_step <= size) {
    for (int64_t j = 0; j < level_step; ++j, ++i) {
      const char* base = in + i * row_stride;
      for (int k = 0; k < NROWS; ++k) acc[0][k] += load<T, A, L>(base + k * col_stride);
    }
    for (int j = 1; j < kLevels; ++j) {
      for (int k = 0; k < NROWS; ++k) {
        acc[j][k] += acc[j - 1][k];
        acc[j - 1][k] = Lanes<A, L>{};
      }
      if ((i & (level_mask << (j * level_power))) != 0) break;
    }
  }
  for (; i < size; ++i) {
    const char* base = in + i * row_stride;
    for (int k = 0; k < NROWS; ++k) acc[0][k] += load<T, A, L>(base + k * col_stride);
  }
  for (int j = 1; j < kLevels; ++j)
    for (int k = 0; k < NROWS; ++k) acc[0][k] += acc[j][k];
  std::array<Lanes<A, L>, NROWS> out;
  for (int k = 0; k < NROWS; ++k) out[k] = acc[0][k];
  return out;
}

// ATen row_sum: the row seen as (-1, 4) for instruction-level parallelism.
template <class T, class A, int L>
Lanes<A, L> row_sum(const char* in, int64_t stride, int64_t size) {
  const int64_t size_ilp = size / 4;
  auto partial = multi_row_sum<T, A, L, 4>(in, stride * 4, stride, size_ilp);
  for (int64_t i = size_ilp * 4; i < size; ++i) partial[0] += load<T, A, L>(in + i * stride);
  for (int k = 1; k < 4; ++k) partial[0] += partial[k];
  return partial[0];
}

template <class T, class A>
inline void store_add(char* out, A value) {
  T& o = *reinterpret_cast<T*>(out);
  o = static_cast<T>(static_cast<A>(static_cast<opmath_t<T>>(o)) + value);
}

// The 2-D loop ATen's cascade_sum hands to TensorIterator: dim 0 is the
// fastest; outputs accumulate (they start at zero).
template <class T>
void cascade_loop(char* out, const char* in, std::array<int64_t, 2> in_s, std::array<int64_t, 2> out_s,
                  int64_t size0, int64_t size1) {
  using A = sum_acc_t<T>;
  constexpr int W = 32 / sizeof(A);           // accumulator lanes
  constexpr int64_t VecT = 32 / sizeof(T);    // Vectorized<scalar_t>::size()
  constexpr int64_t item = sizeof(T);
  if (out_s[0] != 0 && out_s[1] == 0) {  // reduction first
    std::swap(in_s[0], in_s[1]);
    std::swap(out_s[0], out_s[1]);
    std::swap(size0, size1);
  }
  if (out_s[0] != 0 && out_s[1] != 0) {  // not a reduction
    for (int64_t j = 0; j < size1; ++j)
      for (int64_t i = 0; i < size0; ++i)
        store_add<T>(out + i * out_s[0] + j * out_s[1],
                     static_cast<A>(static_cast<opmath_t<T>>(*reinterpret_cast<const T*>(in + i * in_s[0] + j * in_s[1]))));
    return;
  }
  const int64_t out_stride = out_s[1];
  if (in_s[0] == item && size0 >= VecT) {  // contiguous inner reduction
    const int64_t vec_size = size0 / W;
    for (int64_t j = 0; j < size1; ++j) {
      const char* row = in + j * in_s[1];
      Lanes<A, W> vec_acc = row_sum<T, A, W>(row, W * item, vec_size);
      A final_acc = 0;
      for (int64_t k = vec_size * W; k < size0; ++k)
        final_acc += static_cast<A>(static_cast<opmath_t<T>>(*reinterpret_cast<const T*>(row + k * item)));
      for (int k = 0; k < W; ++k) final_acc += vec_acc.v[k];
      store_add<T>(out + j * out_stride, final_acc);
    }
  } else if (in_s[1] == item && size1 >= VecT) {  // contiguous outer reduction
    const int64_t inner_stride = in_s[0];
    int64_t j = 0;
    for (; j + 4 * W <= size1; j += 4 * W) {
      auto sums = multi_row_sum<T, A, W, 4>(in + j * item, inner_stride, W * item, size0);
      for (int r = 0; r < 4; ++r)
        for (int k = 0; k < W; ++k) store_add<T>(out + (j + r * W + k) * out_stride, sums[r].v[k]);
    }
    for (; j + W <= size1; j += W) {
      auto sums = row_sum<T, A, W>(in + j * item, inner_stride, size0);
      for (int k = 0; k < W; ++k) store_add<T>(out + (j + k) * out_stride, sums.v[k]);
    }
    for (; j < size1; ++j) store_add<T>(out + j * out_stride, row_sum<T, A, 1>(in + j * item, inner_stride, size0).v[0]);
  } else if (in_s[0] < in_s[1]) {  // strided inner reduction
    for (int64_t j = 0; j < size1; ++j)
      store_add<T>(out + j * out_stride, row_sum<T, A, 1>(in + j * in_s[1], in_s[0], size0).v[0]);
  } else {  // strided outer reduction
    int64_t j = 0;
    for (; j + 3 < size1; j += 4) {
      auto sums = multi_row_sum<T, A, 1, 4>(in + j * in_s[1], in_s[0], in_s[1], size0);
      for (int k = 0; k < 4; ++k) store_add<T>(out + (j + k) * out_stride, sums[k].v[0]);
    }
    for (; j < size1; ++j)
      store_add<T>(out + j * out_stride, row_sum<T, A, 1>(in + j * in_s[1], in_s[0], size0).v[0]);
  }
}

// TensorIterator's view of the reduction: dims ordered fastest first with
// reduced dims in front, then coalesced. Strides in bytes.
struct Geometry {
  std::vector<int64_t> shape, out_strides, in_strides;
};

Geometry reduction_geometry(const Tensor& out, const Tensor& in) {
  const int64_t nd = in.dim();
  const int64_t oi = static_cast<int64_t>(out.element_size()), ii = static_cast<int64_t>(in.element_size());
  std::vector<int64_t> perm(nd);
  for (int64_t d = 0; d < nd; ++d) perm[d] = nd - 1 - d;
  auto out_stride = [&](int64_t d) {
    return (out.sizes()[d] == 1 && in.sizes()[d] != 1) ? 0 : out.strides()[d] * oi;
  };
  auto in_stride = [&](int64_t d) { return in.strides()[d] * ii; };
  // TensorIterator::reorder_dimensions' comparison (1: swap, -1: keep, 0: unknown).
  auto should_swap = [&](int64_t d0, int64_t d1) -> int {
    int64_t o0 = out_stride(d0), o1 = out_stride(d1);
    if ((o0 == 0) != (o1 == 0)) return o1 == 0 ? 1 : -1;
    if (o0 != 0 && o1 != 0) {
      if (o0 < o1) return -1;
      if (o0 > o1) return 1;
      if (in.sizes()[d0] > in.sizes()[d1]) return 1;
    }
    int64_t s0 = in_stride(d0), s1 = in_stride(d1);
    if (s0 != 0 && s1 != 0) {
      if (s0 < s1) return -1;
      if (s0 > s1) return 1;
      if (in.sizes()[d0] > in.sizes()[d1]) return 1;
    }
    return 0;
  };
  for (int64_t i = 1; i < nd; ++i) {
    int64_t d1 = i;
    for (int64_t d0 = i - 1; d0 >= 0; --d0) {
      int c = should_swap(perm[d0], perm[d1]);
      if (c > 0) {
        std::swap(perm[d0], perm[d1]);
        d1 = d0;
      } else if (c < 0) {
        break;
      }
    }
  }
  Geometry g;
  for (int64_t d : perm) {
    g.shape.push_back(in.sizes()[d]);
    g.out_strides.push_back(out_stride(d));
    g.in_strides.push_back(in_stride(d));
  }
  // TensorIterator::coalesce_dimensions
  size_t prev = 0;
  for (size_t d = 1; d < g.shape.size(); ++d) {
    bool can = g.shape[prev] == 1 || g.shape[d] == 1 ||
               (g.shape[prev] * g.out_strides[prev] == g.out_strides[d] &&
                g.shape[prev] * g.in_strides[prev] == g.in_strides[d]);
    if (can) {
      if (g.shape[prev] == 1) {
        g.out_strides[prev] = g.out_strides[d];
        g.in_strides[prev] = g.in_strides[d];
      }
      g.shape[prev] *= g.shape[d];
    } else {
      ++prev;
      if (prev != d) {
        g.out_strides[prev] = g.out_strides[d];
        g.in_strides[prev] = g.in_strides[d];
        g.shape[prev] = g.shape[d];
      }
    }
  }
  size_t n = g.shape.empty() ? 0 : prev + 1;
  g.shape.resize(n);
  g.out_strides.resize(n);
  g.in_strides.resize(n);
  return g;
}

// TensorIterator's serial_for_each over elements [begin, end) with its
// DimCounter stepping (2-D steps where possible).
template <class T>
void serial_range(const Geometry& g, char* out_base, const char* in_base, int64_t begin, int64_t end) {
  const size_t nd = g.shape.size();
  if (nd == 0) {
    if (begin < end) cascade_loop<T>(out_base, in_base, {0, 0}, {0, 0}, 1, 1);
    return;
  }
  std::vector<int64_t> values(nd, 0);
  int64_t rem = begin;
  for (size_t d = 0; d < nd; ++d) {
    values[d] = rem % g.shape[d];
    rem /= g.shape[d];
  }
  const std::array<int64_t, 2> in_s{g.in_strides[0], nd > 1 ? g.in_strides[1] : 0};
  const std::array<int64_t, 2> out_s{g.out_strides[0], nd > 1 ? g.out_strides[1] : 0};
  int64_t offset = begin;
  while (offset < end) {
    char* o = out_base;
    const char* x = in_base;
    for (size_t d = 0; d < nd; ++d) {
      o += values[d] * g.out_strides[d];
      x += values[d] * g.in_strides[d];
    }
    int64_t step0 = std::min(g.shape[0] - values[0], end - offset), step1 = 1;
    if (values[0] == 0 && nd > 1) step1 = std::min(g.shape[1] - values[1], (end - offset) / g.shape[0]);
    cascade_loop<T>(o, x, in_s, out_s, step0, step1);
    offset += step0 * step1;
    size_t i = 0;
    int64_t overflow = step0;
    if (step1 != 1) {
      i = 1;
      overflow = step1;
    }
    for (; i < nd && overflow > 0; ++i) {
      int64_t value = values[i] + overflow;
      if (value >= g.shape[i]) {
        overflow = 1;
        value -= g.shape[i];
      } else {
        overflow = 0;
      }
      values[i] = value;
    }
  }
}

}  // namespace

// out (keepdim layout, any float dtype matching in) = sum of in over the
// dims where out has size 1.
void sum_floating(const Tensor& out, const Tensor& in) {
  fill(out, 0);
  const int64_t numel = in.numel();
  if (numel == 0 || out.numel() == 0) return;
  dispatch_all(in.dtype(), [&]<class T>() {
    if constexpr (is_floating_v<T>) {
      Geometry g = reduction_geometry(out, in);
      char* out_base = static_cast<char*>(out.data_ptr());
      const char* in_base = static_cast<const char*>(in.data_ptr());
      const int64_t threads = max_threads();
      if (numel < kGrainSize || threads == 1) {
        serial_range<T>(g, out_base, in_base, 0, numel);
        return;
      }
      if (out.numel() != 1) {
        // ATen's parallel_dim_reduction: split the largest kept dim between
        // threads, in blocks of 128 bytes when that dim is contiguous, so
        // each output is summed exactly as in the serial loop.
        int64_t split = -1;
        for (int64_t d = static_cast<int64_t>(g.shape.size()) - 1; d >= 0; --d)
          if (g.out_strides[d] != 0 && (split < 0 || g.shape[d] > g.shape[split])) split = d;
        const int64_t cols = g.shape[split];
        const int64_t align = g.in_strides[split] == static_cast<int64_t>(sizeof(T)) ? 128 / sizeof(T) : 1;
        const int64_t per = (cols + threads - 1) / threads;
        parallel_for(0, threads, 1, [&](int64_t tb, int64_t te) {
          for (int64_t t = tb; t < te; ++t) {
            int64_t b = std::min(cols, (t * per + align - 1) / align * align);
            int64_t e = t + 1 == threads ? cols : std::min(cols, ((t + 1) * per + align - 1) / align * align);
            if (b >= e) continue;
            Geometry sub = g;
            sub.shape[split] = e - b;
            int64_t sub_numel = 1;
            for (int64_t v : sub.shape) sub_numel *= v;
            serial_range<T>(sub, out_base + b * g.out_strides[split], in_base + b * g.in_strides[split], 0, sub_numel);
          }
        });
        return;
      }
      // One output: ATen's two-pass reduction, one partial sum per thread.
      const int64_t nt = std::min<int64_t>(threads, (numel + kGrainSize - 1) / kGrainSize);
      const int64_t chunk = (numel + nt - 1) / nt;
      std::vector<T> partial(threads, T(0));
      parallel_for(0, nt, 1, [&](int64_t tb, int64_t te) {
        for (int64_t t = tb; t < te; ++t) {
          int64_t b = t * chunk, e = std::min(numel, b + chunk);
          if (b < e) serial_range<T>(g, reinterpret_cast<char*>(&partial[t]), in_base, b, e);
        }
      });
      cascade_loop<T>(out_base, reinterpret_cast<const char*>(partial.data()), {sizeof(T), 0}, {0, 0}, threads, 1);
    }
  });
}

}  // namespace tscript::rt::cpu
