#include "runtime/tensor/shape_util.h"

#include <limits>
#include <sstream>

#include "runtime/tensor/error.h"

namespace tscript::rt {

std::string shape_str(IntArrayRef shape) {
  std::ostringstream os;
  os << '[';
  for (size_t i = 0; i < shape.size(); ++i) os << (i ? ", " : "") << shape[i];
  os << ']';
  return os.str();
}

int64_t wrap_dim(int64_t dim, int64_t ndim, bool wrap_scalar) {
  if (ndim <= 0) {
    TS_CHECK_INDEX(wrap_scalar, "dimension specified as ", dim, " but tensor has no dimensions");
    ndim = 1;
  }
  int64_t lo = -ndim, hi = ndim - 1;
  TS_CHECK_INDEX(dim >= lo && dim <= hi, "Dimension out of range (expected to be in range of [", lo, ", ", hi,
                 "], but got ", dim, ")");
  return dim < 0 ? dim + ndim : dim;
}

DimVector contiguous_strides(IntArrayRef sizes) {
  DimVector strides(sizes.size());
  int64_t acc = 1;
  for (size_t i = sizes.size(); i-- > 0;) {
    strides[i] = acc;
    if (__builtin_mul_overflow(acc, sizes[i] > 1 ? sizes[i] : 1, &acc)) TS_ERROR("numel: integer multiplication overflow");
  }
  return strides;
}

bool compute_is_contiguous(IntArrayRef sizes, IntArrayRef strides) {
  int64_t expected = 1;
  for (size_t i = sizes.size(); i-- > 0;) {
    if (sizes[i] == 0) return true;
    if (sizes[i] == 1) continue;
    if (strides[i] != expected) {
      // keep scanning for a zero-size dim, which makes any layout contiguous
      for (size_t j = 0; j < i; ++j)
        if (sizes[j] == 0) return true;
      return false;
    }
    expected *= sizes[i];
  }
  return true;
}

int64_t checked_numel(IntArrayRef sizes) {
  int64_t n = 1;
  for (int64_t s : sizes) {
    TS_CHECK(s >= 0, "Trying to create tensor with negative dimension ", s, ": ", shape_str(sizes));
    if (__builtin_mul_overflow(n, s, &n)) TS_ERROR("numel: integer multiplication overflow");
  }
  return n;
}

DimVector broadcast_shapes(IntArrayRef a, IntArrayRef b) {
  size_t n = std::max(a.size(), b.size());
  DimVector out(n);
  for (size_t i = 0; i < n; ++i) {
    int64_t da = i < n - a.size() ? 1 : a[i - (n - a.size())];
    int64_t db = i < n - b.size() ? 1 : b[i - (n - b.size())];
    TS_CHECK(da == db || da == 1 || db == 1, "The size of tensor a (", da, ") must match the size of tensor b (",
             db, ") at non-singleton dimension ", i);
    out[i] = da == 1 ? db : da;
  }
  return out;
}

std::bitset<kMaxDims> dim_mask(IntArrayRef dims, int64_t ndim) {
  std::bitset<kMaxDims> mask;
  TS_CHECK(ndim <= kMaxDims, "only tensors with up to ", kMaxDims, " dims are supported");
  if (dims.empty()) {
    for (int64_t i = 0; i < ndim; ++i) mask.set(i);
    return mask;
  }
  for (int64_t d : dims) {
    int64_t w = wrap_dim(d, ndim);
    TS_CHECK(!mask.test(w), "dim ", w, " appears multiple times in the list of dims");
    mask.set(w);
  }
  return mask;
}

}  // namespace tscript::rt
