#include "runtime/tensor/tensor.h"

#include "runtime/tensor/error.h"
#include "runtime/tensor/shape_util.h"

namespace tscript::rt {

int64_t Tensor::size(int64_t d) const { return sizes()[wrap_dim(d, dim(), /*wrap_scalar=*/false)]; }

int64_t Tensor::stride(int64_t d) const { return strides()[wrap_dim(d, dim(), /*wrap_scalar=*/false)]; }

int64_t Tensor::element_offset(int64_t i) const {
  TS_CHECK_INDEX(i >= 0 && i < numel(), "index ", i, " is out of bounds for a tensor with ", numel(),
                 " elements");
  int64_t offset = 0;
  IntArrayRef sz = sizes(), st = strides();
  for (size_t d = sz.size(); d-- > 0;) {
    offset += (i % sz[d]) * st[d];
    i /= sz[d];
  }
  return offset;
}

Scalar Tensor::scalar_at(int64_t i) const {
  int64_t off = element_offset(i);
  return load_scalar(static_cast<const char*>(data_ptr()) + off * static_cast<int64_t>(element_size()), dtype());
}

double Tensor::double_at(int64_t i) const { return scalar_at(i).to_double(); }
int64_t Tensor::int_at(int64_t i) const { return scalar_at(i).to_int(); }

Scalar Tensor::item() const {
  TS_CHECK(numel() == 1, "a Tensor with ", numel(), " elements cannot be converted to Scalar");
  return scalar_at(0);
}

Scalar load_scalar(const void* ptr, DType dtype) {
  return dispatch_all(dtype, [&]<class T>() -> Scalar {
    T v = *static_cast<const T*>(ptr);
    if constexpr (std::is_same_v<T, bool>) return Scalar(v);
    else if constexpr (is_floating_v<T>) return Scalar(static_cast<double>(static_cast<opmath_t<T>>(v)));
    else return Scalar(static_cast<int64_t>(v));
  });
}

void store_scalar(void* ptr, DType dtype, const Scalar& value) {
  dispatch_all(dtype, [&]<class T>() { *static_cast<T*>(ptr) = value.to<T>(); });
}

void throw_dtype_mismatch(DType expected, DType actual) {
  TS_ERROR("expected scalar type ", scalar_type_name(expected), " but found ", scalar_type_name(actual));
}

}  // namespace tscript::rt
