#include "runtime/ops/linalg.h"

#include "backends/cpu/kernels.h"
#include "runtime/ops/copy.h"
#include "runtime/ops/creation.h"
#include "runtime/ops/view.h"
#include "runtime/tensor/error.h"
#include "runtime/tensor/shape_util.h"

namespace tscript::rt {
namespace {

void check_same_dtype(const Tensor& a, const Tensor& b) {
  check_device_available(a.device());
  check_device_available(b.device());
  TS_CHECK(a.dtype() == b.dtype(), "expected scalar type ", scalar_type_name(a.dtype()), " but found ",
           scalar_type_name(b.dtype()));
}

// out[B, n, m] = a[B, n, k] @ b[B, k, m] through gemm (what mm uses).
Tensor bmm_unchecked(const Tensor& a, const Tensor& b) {
  Tensor out = empty({a.sizes()[0], a.sizes()[1], b.sizes()[2]}, TensorOptions(a.dtype()));
  cpu::bmm(out, a, b);
  return out;
}

// torch.bmm / baddbmm pick a plain loop for small problems, gemm otherwise.
bool small_bmm(const Tensor& a, const Tensor& b) { return a.sizes()[2] * a.sizes()[1] * b.sizes()[2] < 400; }

}  // namespace

Tensor mm(const Tensor& a, const Tensor& b) {
  TS_CHECK(a.dim() == 2, "self must be a matrix");
  TS_CHECK(b.dim() == 2, "mat2 must be a matrix");
  TS_CHECK(a.sizes()[1] == b.sizes()[0], "mat1 and mat2 shapes cannot be multiplied (", a.sizes()[0], "x",
           a.sizes()[1], " and ", b.sizes()[0], "x", b.sizes()[1], ")");
  check_same_dtype(a, b);
  return squeeze(bmm_unchecked(unsqueeze(a, 0), unsqueeze(b, 0)), 0);
}

Tensor bmm(const Tensor& a, const Tensor& b) {
  TS_CHECK(a.dim() == 3, "batch1 must be a 3D tensor");
  TS_CHECK(b.dim() == 3, "batch2 must be a 3D tensor");
  TS_CHECK(b.sizes()[0] == a.sizes()[0] && b.sizes()[1] == a.sizes()[2],
           "Expected size for first two dimensions of batch2 tensor to be: [", a.sizes()[0], ", ", a.sizes()[2],
           "] but got: [", b.sizes()[0], ", ", b.sizes()[1], "].");
  check_same_dtype(a, b);
  if (!small_bmm(a, b)) return bmm_unchecked(a, b);
  Tensor out = empty({a.sizes()[0], a.sizes()[1], b.sizes()[2]}, TensorOptions(a.dtype()));
  cpu::bmm_naive(out, a, b);
  return out;
}

Tensor mv(const Tensor& a, const Tensor& v) {
  TS_CHECK(a.dim() == 2 && v.dim() == 1, "vector + matrix @ vector expected, got ", 1, ", ", a.dim(), ", ",
           v.dim());
  TS_CHECK(a.sizes()[1] == v.sizes()[0], "size mismatch, got ", a.sizes()[0], ", ", a.sizes()[0], "x",
           a.sizes()[1], ",", v.sizes()[0]);
  check_same_dtype(a, v);
  Tensor out = empty({a.sizes()[0]}, TensorOptions(a.dtype()));
  cpu::gemv(out, a, v);
  return out;
}

Tensor dot(const Tensor& a, const Tensor& b) {
  TS_CHECK(a.dim() == 1 && b.dim() == 1, "1D tensors expected, but got ", a.dim(), "D and ", b.dim(),
           "D tensors");
  TS_CHECK(a.dtype() == b.dtype(), "dot : expected both vectors to have same dtype, but found ",
           scalar_type_name(a.dtype()), " and ", scalar_type_name(b.dtype()));
  TS_CHECK(a.numel() == b.numel(), "inconsistent tensor size, expected tensor [", a.numel(), "] and src [",
           b.numel(), "] to have the same number of elements, but got ", a.numel(), " and ", b.numel(),
           " elements respectively");
  check_same_dtype(a, b);
  Tensor out = empty({}, TensorOptions(a.dtype()));
  cpu::dot(out, a, b);
  return out;
}

Tensor outer(const Tensor& a, const Tensor& b) {
  TS_CHECK(a.dim() == 1 && b.dim() == 1, "outer: Expected 1-D argument self, but got ", a.dim(), "-D");
  check_same_dtype(a, b);
  return squeeze(bmm_unchecked(view(a, {1, -1, 1}), view(b, {1, 1, -1})), 0);
}

Tensor addmm(const Tensor& input, const Tensor& a, const Tensor& b, const Scalar& beta, const Scalar& alpha) {
  TS_CHECK(a.dim() == 2, "mat1 must be a matrix, got ", a.dim(), "-D tensor");
  TS_CHECK(b.dim() == 2, "mat2 must be a matrix, got ", b.dim(), "-D tensor");
  TS_CHECK(a.sizes()[1] == b.sizes()[0], "mat1 and mat2 shapes cannot be multiplied (", a.sizes()[0], "x",
           a.sizes()[1], " and ", b.sizes()[0], "x", b.sizes()[1], ")");
  check_same_dtype(a, b);
  check_same_dtype(input, a);
  Tensor out = empty({1, a.sizes()[0], b.sizes()[1]}, TensorOptions(a.dtype()));
  cpu::copy(out, expand(input, out.sizes()));
  cpu::bmm(out, unsqueeze(a, 0), unsqueeze(b, 0), alpha, beta);
  return squeeze(out, 0);
}

Tensor baddbmm(const Tensor& input, const Tensor& a, const Tensor& b, const Scalar& beta, const Scalar& alpha) {
  Tensor prod_shape = bmm(a, b);  // validates; reuse its shape
  Tensor out = empty(prod_shape.sizes(), TensorOptions(a.dtype()));
  cpu::copy(out, expand(input, out.sizes()));
  if (small_bmm(a, b)) cpu::bmm_naive(out, a, b, alpha, beta);
  else cpu::bmm(out, a, b, alpha, beta);
  return out;
}

Tensor matmul(const Tensor& a, const Tensor& b) {
  const int64_t da = a.dim(), db = b.dim();
  TS_CHECK(da > 0 && db > 0, "both arguments to matmul need to be at least 1D, but they are ", da, "D and ", db,
           "D");
  if (da == 1 && db == 1) return dot(a, b);
  if (da == 2 && db == 1) return mv(a, b);
  if (da == 1 && db == 2) return squeeze(mm(unsqueeze(a, 0), b), 0);
  if (da == 2 && db == 2) return mm(a, b);
  if (da >= 3 && (db == 1 || db == 2)) {
    // Fold a's batch dims into its rows: one big mm.
    DimVector out_shape(a.sizes().slice(0, da - 1));
    Tensor rows = reshape(a, {-1, a.sizes()[da - 1]});
    if (db == 1) return view(mv(rows, b), out_shape);
    out_shape.push_back(b.sizes()[1]);
    return view(mm(rows, b), out_shape);
  }
  // Batched: broadcast the batch dims, then bmm.
  Tensor A = da == 1 ? unsqueeze(a, 0) : a;
  Tensor B = db == 1 ? unsqueeze(b, 1) : b;
  const int64_t n = A.sizes()[A.dim() - 2], k = A.sizes()[A.dim() - 1];
  const int64_t k2 = B.sizes()[B.dim() - 2], m = B.sizes()[B.dim() - 1];
  DimVector batch = broadcast_shapes(A.sizes().slice(0, A.dim() - 2), B.sizes().slice(0, B.dim() - 2));
  int64_t nbatch = 1;
  for (int64_t s : batch) nbatch *= s;
  DimVector a_shape(batch), b_shape(batch);
  a_shape.push_back(n);
  a_shape.push_back(k);
  b_shape.push_back(k2);
  b_shape.push_back(m);
  Tensor a3 = reshape(expand(A, a_shape), {nbatch, n, k});
  Tensor b3 = reshape(expand(B, b_shape), {nbatch, k2, m});
  DimVector out_shape(batch);
  if (da > 1) out_shape.push_back(n);
  if (db > 1) out_shape.push_back(m);
  return view(bmm(a3, b3), out_shape);
}

}  // namespace tscript::rt
