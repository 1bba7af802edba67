#include "runtime/tensor/type_promotion.h"

namespace tscript::rt {
namespace {

void accumulate(std::optional<DType>& slot, DType d) { slot = slot ? promote_types(*slot, d) : d; }

// PyTorch's combine_categories.
std::optional<DType> combine(std::optional<DType> higher, std::optional<DType> lower) {
  if (!higher) return lower;
  if (!lower) return higher;
  if (is_floating(*higher)) return higher;
  if (*higher == DType::Bool || is_floating(*lower)) return promote_types(*higher, *lower);
  return higher;
}

DType wrapped_dtype(DType natural) { return is_floating(natural) ? default_dtype() : natural; }

}  // namespace

void ResultTypeState::add(const Tensor& t) {
  if (!t.defined()) return;
  if (t.impl()->is_wrapped_number()) accumulate(wrapped_, wrapped_dtype(t.dtype()));
  else if (t.dim() == 0) accumulate(zero_dim_, t.dtype());
  else accumulate(dim_, t.dtype());
}

void ResultTypeState::add(const Scalar& s) { accumulate(wrapped_, wrapped_dtype(s.dtype())); }

DType ResultTypeState::result() const {
  return combine(dim_, combine(zero_dim_, wrapped_)).value_or(default_dtype());
}

DType result_type(const Tensor& a, const Tensor& b) {
  ResultTypeState s;
  s.add(a);
  s.add(b);
  return s.result();
}

DType result_type(const Tensor& a, const Scalar& b) {
  ResultTypeState s;
  s.add(a);
  s.add(b);
  return s.result();
}

DType result_type(std::initializer_list<Tensor> tensors) {
  ResultTypeState s;
  for (const Tensor& t : tensors) s.add(t);
  return s.result();
}

}  // namespace tscript::rt
