// Batched matrix multiply. Float and double go to OpenBLAS; a transposed
// operand is passed as a transpose (no copy) whenever its strides allow.
// Half/BFloat16 go through float; integer types use a plain loop.
#include <cblas.h>

#include <cstdlib>
#include <optional>

#include "backends/cpu/kernels.h"
#include "backends/cpu/loops.h"
#include "backends/cpu/math.h"
#include "runtime/ops/copy.h"
#include "runtime/ops/creation.h"
#include "runtime/ops/view.h"
#include "runtime/tensor/error.h"

namespace tscript::rt::cpu {
namespace {

struct BlasLayout {
  CBLAS_TRANSPOSE trans;
  int64_t ld;
};

// How a [rows, cols] matrix with strides (s0, s1) can be handed to row-major
// BLAS: as stored (element (i, j) at i*ld + j) or as a transpose (j*ld + i).
// Strides of size-1 dims do not matter and are not constrained.
std::optional<BlasLayout> blas_layout(int64_t rows, int64_t cols, int64_t s0, int64_t s1) {
  if (s1 == 1 || cols == 1) {
    int64_t ld = rows == 1 ? std::max<int64_t>(cols, 1) : s0;
    if (ld >= std::max<int64_t>(cols, 1)) return BlasLayout{CblasNoTrans, ld};
  }
  if (s0 == 1 || rows == 1) {
    int64_t ld = cols == 1 ? std::max<int64_t>(rows, 1) : s1;
    if (ld >= std::max<int64_t>(rows, 1)) return BlasLayout{CblasTrans, ld};
  }
  return std::nullopt;
}

// Multiply-adds per parallel_for chunk of a product's rows.
constexpr int64_t kGemmGrain = int64_t{1} << 21;

// OpenBLAS's own pthread pool would compete with the process pool for the same cores
// (its idle workers spin in sched_yield): measured here, one BLAS thread plus row blocks
// on the process pool trains the MLP 2.5x and the CNN 2.3x faster. An explicit
// OPENBLAS_NUM_THREADS / OMP_NUM_THREADS still wins.
void use_one_blas_thread() {
  static const bool done = [] {
    if (!std::getenv("OPENBLAS_NUM_THREADS") && !std::getenv("GOTO_NUM_THREADS") && !std::getenv("OMP_NUM_THREADS"))
      openblas_set_num_threads(1);
    return true;
  }();
  (void)done;
}

template <class T>
void gemm_blas(const Tensor& out, const Tensor& a, const Tensor& b, T alpha, T beta) {
  const int64_t batch = out.sizes()[0], n = out.sizes()[1], m = out.sizes()[2], k = a.sizes()[2];
  Tensor A = a, B = b;
  auto la = blas_layout(n, k, a.strides()[1], a.strides()[2]);
  if (!la) {
    A = contiguous(a);
    la = blas_layout(n, k, A.strides()[1], A.strides()[2]);
  }
  auto lb = blas_layout(k, m, b.strides()[1], b.strides()[2]);
  if (!lb) {
    B = contiguous(b);
    lb = blas_layout(k, m, B.strides()[1], B.strides()[2]);
  }
  // C must be row-major with unit column stride.
  Tensor C = out;
  bool c_ok = (m == 1 || out.strides()[2] == 1) && (n == 1 || out.strides()[1] >= std::max<int64_t>(m, 1));
  if (!c_ok) C = beta == T(0) ? empty(out.sizes(), TensorOptions(out.dtype())) : clone(out);
  const int64_t ldc = n == 1 ? std::max<int64_t>(m, 1) : C.strides()[1];
  use_one_blas_thread();
  // Row blocks of one product run on the process pool (BLAS itself is single-threaded):
  // each output row is the same dot products whichever block computes it.
  const int64_t row_grain = std::max<int64_t>(8, kGemmGrain / std::max<int64_t>(m * k, 1));
  for (int64_t i = 0; i < batch; ++i) {
    parallel_for(0, n, row_grain, [&](int64_t r0, int64_t r1) {
      // Row r of A starts r rows down: r * ld without a transpose, r columns in with one.
      const T* pa = A.data<T>() + i * A.strides()[0] + r0 * (la->trans == CblasNoTrans ? la->ld : 1);
      const T* pb = B.data<T>() + i * B.strides()[0];
      T* pc = C.data<T>() + i * C.strides()[0] + r0 * ldc;
      const int64_t rows = r1 - r0;
      if constexpr (std::is_same_v<T, float>)
        cblas_sgemm(CblasRowMajor, la->trans, lb->trans, rows, m, k, alpha, pa, la->ld, pb, lb->ld, beta, pc, ldc);
      else
        cblas_dgemm(CblasRowMajor, la->trans, lb->trans, rows, m, k, alpha, pa, la->ld, pb, lb->ld, beta, pc, ldc);
    });
  }
  if (!C.is_same(out)) copy(out, C);
}

// ATen's baddbmm_cpu_kernel: one sequential sum per output in opmath (float
// for the 16-bit types), no fused multiply-add. Integers wrap.
template <class T>
void gemm_loop(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha_s, const Scalar& beta_s) {
  using C = opmath_t<T>;
  const C alpha = alpha_s.to<C>(), beta = beta_s.to<C>();
  const int64_t batch = out.sizes()[0], n = out.sizes()[1], m = out.sizes()[2], k = a.sizes()[2];
  const T* pa = a.data<T>();
  const T* pb = b.data<T>();
  T* pc = out.data<T>();
  auto sa = a.strides(), sb = b.strides(), sc = out.strides();
  const bool plain = alpha == C(1) && beta == C(0);
  parallel_for(0, batch * n, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(m * k, 1)), [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      int64_t bi = r / n, i = r % n;
      for (int64_t j = 0; j < m; ++j) {
        C acc = 0;
        for (int64_t l = 0; l < k; ++l)
          acc = wrapping_add(acc, wrapping_mul(static_cast<C>(pa[bi * sa[0] + i * sa[1] + l * sa[2]]),
                                               static_cast<C>(pb[bi * sb[0] + l * sb[1] + j * sb[2]])));
        T& c = pc[bi * sc[0] + i * sc[1] + j * sc[2]];
        if (plain) c = static_cast<T>(acc);
        else if (beta == C(0)) c = static_cast<T>(wrapping_mul(alpha, acc));
        else c = static_cast<T>(wrapping_add(wrapping_mul(static_cast<C>(c), beta), wrapping_mul(alpha, acc)));
      }
    }
  });
}

}  // namespace

void bmm(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha, const Scalar& beta) {
  if (out.numel() == 0) return;
  if (a.sizes()[2] == 0) {  // empty inner dim: out = beta * out
    if (beta.to_double() == 0) fill(out, 0);
    else binary(BinaryOp::Mul, out, out, expand(scalar_tensor(beta, TensorOptions(out.dtype())), out.sizes()));
    return;
  }
  switch (out.dtype()) {
    case DType::Float32: return gemm_blas<float>(out, a, b, alpha.to<float>(), beta.to<float>());
    case DType::Float64: return gemm_blas<double>(out, a, b, alpha.to_double(), beta.to_double());
    case DType::Float16:
    case DType::BFloat16: {
      Tensor fa = empty(a.sizes(), TensorOptions(DType::Float32)), fb = empty(b.sizes(), TensorOptions(DType::Float32));
      copy(fa, a);
      copy(fb, b);
      Tensor fc = empty(out.sizes(), TensorOptions(DType::Float32));
      if (beta.to_double() != 0) copy(fc, out);
      gemm_blas<float>(fc, fa, fb, alpha.to<float>(), beta.to<float>());
      copy(out, fc);
      return;
    }
    case DType::Bool: TS_ERROR("\"addmm_impl_cpu_\" not implemented for 'Bool'");
    default:
      dispatch_all(out.dtype(), [&]<class T>() {
        if constexpr (!std::is_same_v<T, bool>) gemm_loop<T>(out, a, b, alpha, beta);
      });
  }
}

void bmm_naive(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha, const Scalar& beta) {
  if (out.numel() == 0) return;
  TS_CHECK(out.dtype() != DType::Bool, "\"bmm\" not implemented for 'Bool'");
  dispatch_all(out.dtype(), [&]<class T>() {
    if constexpr (!std::is_same_v<T, bool>) gemm_loop<T>(out, a, b, alpha, beta);
  });
}

void gemv(const Tensor& out, const Tensor& mat, const Tensor& vec) {
  const int64_t n = mat.sizes()[0], k = mat.sizes()[1];
  if (n == 0) return;
  auto layout = blas_layout(n, k, mat.strides()[0], mat.strides()[1]);
  const bool blas_type = out.dtype() == DType::Float32 || out.dtype() == DType::Float64;
  if (!blas_type || !layout || k == 0 || vec.strides()[0] < 1 || out.strides()[0] < 1) {
    Tensor m3(IntrusivePtr<TensorImpl>::make(mat.storage(), mat.dtype(), DimVector{1, n, k},
                                             DimVector{0, mat.strides()[0], mat.strides()[1]}, mat.storage_offset()));
    Tensor v3(IntrusivePtr<TensorImpl>::make(vec.storage(), vec.dtype(), DimVector{1, k, 1},
                                             DimVector{0, vec.strides()[0], 1}, vec.storage_offset()));
    Tensor o3(IntrusivePtr<TensorImpl>::make(out.storage(), out.dtype(), DimVector{1, n, 1},
                                             DimVector{0, out.strides()[0], 1}, out.storage_offset()));
    return bmm(o3, m3, v3);
  }
  // Row-major (n x k) with NoTrans is the column-major transpose PyTorch hands
  // to gemv('t'); OpenBLAS maps both onto the same kernel.
  const int rows = static_cast<int>(layout->trans == CblasNoTrans ? n : k);
  const int cols = static_cast<int>(layout->trans == CblasNoTrans ? k : n);
  const int ld = static_cast<int>(layout->ld);
  if (out.dtype() == DType::Float32)
    cblas_sgemv(CblasRowMajor, layout->trans, rows, cols, 1.0f, mat.data<float>(), ld, vec.data<float>(),
                static_cast<int>(vec.strides()[0]), 0.0f, out.data<float>(), static_cast<int>(out.strides()[0]));
  else
    cblas_dgemv(CblasRowMajor, layout->trans, rows, cols, 1.0, mat.data<double>(), ld, vec.data<double>(),
                static_cast<int>(vec.strides()[0]), 0.0, out.data<double>(), static_cast<int>(out.strides()[0]));
}

void dot(const Tensor& out, const Tensor& a, const Tensor& b) {
  const int64_t n = a.numel();
  const bool blas_type = out.dtype() == DType::Float32 || out.dtype() == DType::Float64;
  if (!blas_type || n == 0 || a.strides()[0] < 1 || b.strides()[0] < 1) {
    Tensor a3(IntrusivePtr<TensorImpl>::make(a.storage(), a.dtype(), DimVector{1, 1, n},
                                             DimVector{0, 1, n ? a.strides()[0] : 1}, a.storage_offset()));
    Tensor b3(IntrusivePtr<TensorImpl>::make(b.storage(), b.dtype(), DimVector{1, n, 1},
                                             DimVector{0, n ? b.strides()[0] : 1, 1}, b.storage_offset()));
    Tensor o3(IntrusivePtr<TensorImpl>::make(out.storage(), out.dtype(), DimVector{1, 1, 1}, DimVector{1, 1, 1},
                                             out.storage_offset()));
    return bmm(o3, a3, b3);
  }
  // As ATen's dot_impl: unit increments for a single element.
  const int ia = n == 1 ? 1 : static_cast<int>(a.strides()[0]), ib = n == 1 ? 1 : static_cast<int>(b.strides()[0]);
  if (out.dtype() == DType::Float32)
    *out.data<float>() = cblas_sdot(static_cast<int>(n), a.data<float>(), ia, b.data<float>(), ib);
  else
    *out.data<double>() = cblas_ddot(static_cast<int>(n), a.data<double>(), ia, b.data<double>(), ib);
}

}  // namespace tscript::rt::cpu
