#include "runtime/tensor/overlap.h"

#include <algorithm>
#include <numeric>
#include <vector>

#include "runtime/ops/copy.h"
#include "runtime/tensor/error.h"

namespace tscript::rt {

bool is_non_overlapping_and_dense(const Tensor& t) {
  if (t.is_contiguous()) return true;
  int64_t nd = t.dim();
  std::vector<int64_t> perm(nd);
  std::iota(perm.begin(), perm.end(), 0);
  IntArrayRef sz = t.sizes(), st = t.strides();
  std::stable_sort(perm.begin(), perm.end(), [&](int64_t a, int64_t b) {
    if (sz[a] < 2) return false;
    if (sz[b] < 2) return true;
    return st[a] < st[b];
  });
  int64_t expected = 1;
  for (int64_t d : perm) {
    if (sz[d] == 1) continue;
    if (st[d] != expected) return false;
    expected *= sz[d];
  }
  return true;
}

Overlap internal_overlap(const Tensor& t) {
  if (is_non_overlapping_and_dense(t)) return Overlap::No;
  for (int64_t d = 0; d < t.dim(); ++d)
    if (t.strides()[d] == 0 && t.sizes()[d] > 1) return Overlap::Full;
  return Overlap::TooHard;
}

namespace {
// [begin, end) bytes spanned by t's elements.
std::pair<const char*, const char*> byte_range(const Tensor& t) {
  const char* begin = static_cast<const char*>(t.data_ptr());
  int64_t last = 0;
  for (int64_t d = 0; d < t.dim(); ++d) last += (t.sizes()[d] - 1) * t.strides()[d];
  return {begin, begin + (last + 1) * static_cast<int64_t>(t.element_size())};
}
}  // namespace

Overlap overlap(const Tensor& a, const Tensor& b) {
  if (a.is_same(b)) return Overlap::Full;
  if (a.numel() == 0 || b.numel() == 0) return Overlap::No;
  if (a.storage().get() != b.storage().get()) return Overlap::No;
  auto [a_begin, a_end] = byte_range(a);
  auto [b_begin, b_end] = byte_range(b);
  if (!(a_begin < b_end && b_begin < a_end)) return Overlap::No;
  if (a_begin == b_begin && a.sizes() == b.sizes() && a.strides() == b.strides() && a.dtype() == b.dtype())
    return Overlap::Full;
  if (!is_non_overlapping_and_dense(a) || !is_non_overlapping_and_dense(b)) return Overlap::TooHard;
  return Overlap::Partial;
}

void assert_no_internal_overlap(const Tensor& t) {
  TS_CHECK(internal_overlap(t) != Overlap::Full,
           "unsupported operation: more than one element of the written-to tensor refers to a single memory "
           "location. Please clone() the tensor before performing the operation.");
}

void assert_no_partial_overlap(const Tensor& out, const Tensor& in) {
  TS_CHECK(overlap(out, in) != Overlap::Partial,
           "unsupported operation: some elements of the input tensor and the written-to tensor refer to a "
           "single memory location. Please clone() the tensor before performing the operation.");
}

Tensor input_safe_for(const Tensor& in, const Tensor& out) {
  Overlap o = overlap(out, in);
  TS_CHECK(o != Overlap::Partial,
           "unsupported operation: some elements of the input tensor and the written-to tensor refer to a "
           "single memory location. Please clone() the tensor before performing the operation.");
  return o == Overlap::TooHard ? clone(in) : in;
}

}  // namespace tscript::rt
