#include "backends/cpu/loops.h"

#include "runtime/tensor/error.h"

namespace tscript::rt::cpu {

StridedPlan make_plan(std::initializer_list<Tensor> operands, bool reorder) {
  StridedPlan plan;
  plan.nops = static_cast<int>(operands.size());
  TS_CHECK(plan.nops >= 1 && plan.nops <= kMaxOperands, "internal: bad operand count");
  const Tensor& first = *operands.begin();
  plan.numel = first.numel();
  IntArrayRef sizes = first.sizes();
  const int nd = static_cast<int>(sizes.size());

  // Keep dims of size > 1 only; gather byte strides.
  DimVector dims;
  for (int d = 0; d < nd; ++d)
    if (sizes[d] != 1) dims.push_back(d);
  int k = 0;
  for (const Tensor& t : operands) {
    TS_CHECK(t.sizes() == sizes, "internal: operand shapes differ: ", shape_str(t.sizes()), " vs ",
             shape_str(sizes));
    plan.data[k] = static_cast<char*>(t.data_ptr());
    int64_t item = static_cast<int64_t>(t.element_size());
    for (int64_t d : dims) plan.strides[k].push_back(t.strides()[d] * item);
    ++k;
  }
  for (int64_t d : dims) plan.sizes.push_back(sizes[d]);

  // Order dims by decreasing stride (first operand decides, then the others),
  // so the innermost loop walks memory forwards. Insertion sort: few dims.
  int n = plan.ndim();
  if (reorder) {
    auto outer_first = [&](int a, int b) {  // should dim a come before dim b?
      for (int op = 0; op < plan.nops; ++op) {
        int64_t sa = plan.strides[op][a], sb = plan.strides[op][b];
        if (sa == 0 || sb == 0 || sa == sb) continue;
        return sa > sb;
      }
      return true;  // keep current order on ties
    };
    for (int i = 1; i < n; ++i) {
      for (int j = i; j > 0 && !outer_first(j - 1, j); --j) {
        std::swap(plan.sizes[j - 1], plan.sizes[j]);
        for (int op = 0; op < plan.nops; ++op) std::swap(plan.strides[op][j - 1], plan.strides[op][j]);
      }
    }
  }

  // Merge dim i into dim i+1 when every operand steps through them as one.
  DimVector out_sizes;
  std::array<DimVector, kMaxOperands> out_strides;
  for (int i = 0; i < n; ++i) {
    bool merge = !out_sizes.empty();
    for (int op = 0; merge && op < plan.nops; ++op)
      merge = out_strides[op].back() == plan.strides[op][i] * plan.sizes[i];
    if (merge) {
      out_sizes.back() *= plan.sizes[i];
      for (int op = 0; op < plan.nops; ++op) out_strides[op].back() = plan.strides[op][i];
    } else {
      out_sizes.push_back(plan.sizes[i]);
      for (int op = 0; op < plan.nops; ++op) out_strides[op].push_back(plan.strides[op][i]);
    }
  }
  plan.sizes = std::move(out_sizes);
  plan.strides = std::move(out_strides);
  if (plan.numel == 0) {  // loops see an empty range
    plan.sizes = DimVector{0};
    for (int op = 0; op < plan.nops; ++op) plan.strides[op] = DimVector{0};
  }
  return plan;
}

Tensor lane_view(const Tensor& t, int64_t dim) {
  DimVector sizes(t.sizes());
  if (t.dim() > 0) sizes[dim] = 1;
  return Tensor(IntrusivePtr<TensorImpl>::make(t.storage(), t.dtype(), sizes, t.strides(), t.storage_offset()));
}

}  // namespace tscript::rt::cpu
