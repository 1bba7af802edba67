// Randomised checks of the strided machinery (dim ordering, coalescing,
// broadcasting, reductions over any dims) against naive element-by-element
// reference loops. Deterministic: a fixed-seed LCG picks shapes and views.
#include "test_helpers.h"

using namespace tscript::rt;
using namespace tscript::rt::test;

namespace {

struct Lcg {
  uint64_t s;
  int64_t next(int64_t n) {  // in [0, n)
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int64_t>((s >> 33) % static_cast<uint64_t>(n));
  }
};

// A random view of a fresh tensor with `sizes`: maybe permuted, maybe sliced
// with a step, maybe a broadcast (expanded) size-1 dim.
Tensor random_view(Lcg& rng, const std::vector<int64_t>& sizes) {
  const int64_t nd = static_cast<int64_t>(sizes.size());
  // Build a base twice as large in some dims, slice it back down.
  std::vector<int64_t> base_sizes;
  std::vector<int64_t> steps;
  for (int64_t s : sizes) {
    int64_t step = 1 + rng.next(2);
    steps.push_back(step);
    base_sizes.push_back(s * step);
  }
  // Random permutation of the base layout.
  std::vector<int64_t> perm(nd);
  for (int64_t i = 0; i < nd; ++i) perm[i] = i;
  for (int64_t i = nd - 1; i > 0; --i) std::swap(perm[i], perm[rng.next(i + 1)]);
  std::vector<int64_t> permuted_sizes(nd);
  for (int64_t i = 0; i < nd; ++i) permuted_sizes[i] = base_sizes[perm[i]];
  int64_t n = 1;
  for (int64_t s : permuted_sizes) n *= s;
  Tensor base = reshape(arange(n, DType::Float64), permuted_sizes);
  // Undo the permutation so dim i has size base_sizes[i] again.
  std::vector<int64_t> inverse(nd);
  for (int64_t i = 0; i < nd; ++i) inverse[perm[i]] = i;
  Tensor v = nd ? permute(base, inverse) : base;
  for (int64_t d = 0; d < nd; ++d) v = slice(v, d, 0, std::nullopt, steps[d]);
  // Sometimes replace a dim by a broadcast of its first element.
  if (nd > 0 && rng.next(3) == 0) {
    int64_t d = rng.next(nd);
    Tensor one = narrow(v, d, 0, 1);
    v = expand(one, sizes);
  }
  return v;
}

std::vector<int64_t> random_sizes(Lcg& rng) {
  int64_t nd = rng.next(5);
  std::vector<int64_t> sizes;
  for (int64_t i = 0; i < nd; ++i) sizes.push_back(rng.next(4) == 0 ? 1 : 1 + rng.next(6));
  return sizes;
}

// Value of t at a multi-index (row-major flat index i over `sizes`), with t
// broadcast to `sizes`.
double broadcast_at(const Tensor& t, const std::vector<int64_t>& sizes, int64_t i) {
  int64_t offset = 0;
  const int64_t nd = static_cast<int64_t>(sizes.size()), td = t.dim();
  for (int64_t d = nd - 1; d >= 0; --d) {
    int64_t idx = i % sizes[d];
    i /= sizes[d];
    int64_t tdim = d - (nd - td);
    if (tdim >= 0 && t.sizes()[tdim] != 1) offset += idx * t.strides()[tdim];
  }
  return load_scalar(static_cast<const char*>(t.data_ptr()) + offset * static_cast<int64_t>(t.element_size()),
                     t.dtype())
      .to_double();
}

}  // namespace

TEST_CASE("elementwise ops over random views and broadcasts", "[stress]") {
  Lcg rng{12345};
  for (int iter = 0; iter < 300; ++iter) {
    std::vector<int64_t> sizes = random_sizes(rng);
    Tensor a = random_view(rng, sizes);
    // b broadcasts: drop leading dims and set some sizes to 1.
    std::vector<int64_t> bsizes(sizes.begin() + rng.next(static_cast<int64_t>(sizes.size()) + 1), sizes.end());
    for (auto& s : bsizes)
      if (rng.next(3) == 0) s = 1;
    Tensor b = random_view(rng, bsizes);
    Tensor r = sub(mul(a, Scalar(3)), b);
    REQUIRE(shape(r) == sizes);
    for (int64_t i = 0; i < r.numel(); ++i)
      REQUIRE(r.double_at(i) == 3 * broadcast_at(a, sizes, i) - broadcast_at(b, sizes, i));
    // In place into a fresh copy of a (a itself may be an expanded view).
    Tensor c = clone(a);
    add_(c, b);
    for (int64_t i = 0; i < c.numel(); ++i)
      REQUIRE(c.double_at(i) == broadcast_at(a, sizes, i) + broadcast_at(b, sizes, i));
    // copy_ into a strided destination (a view into a larger storage).
    Tensor dst = random_view(rng, sizes);
    if (internal_overlap(dst) == Overlap::Full) continue;  // expanded: not writable
    copy_(dst, b);
    for (int64_t i = 0; i < dst.numel(); ++i) REQUIRE(dst.double_at(i) == broadcast_at(b, sizes, i));
  }
}

TEST_CASE("reductions over random dims and views", "[stress]") {
  Lcg rng{777};
  for (int iter = 0; iter < 300; ++iter) {
    std::vector<int64_t> sizes = random_sizes(rng);
    Tensor a = random_view(rng, sizes);
    const int64_t nd = static_cast<int64_t>(sizes.size());
    DimVector dims;
    for (int64_t d = 0; d < nd; ++d)
      if (rng.next(2)) dims.push_back(d);
    bool all_dims = dims.empty();
    Tensor s = sum(a, dims, /*keepdim=*/true);
    Tensor m = amax(a, dims, true);
    // Naive: accumulate every element into its output slot.
    std::vector<int64_t> out_sizes = shape(s);
    int64_t out_n = s.numel();
    std::vector<double> ref_sum(out_n, 0.0), ref_max(out_n, -INFINITY);
    for (int64_t i = 0; i < a.numel(); ++i) {
      int64_t rem = i, o = 0, mult = 1;
      for (int64_t d = nd - 1; d >= 0; --d) {
        int64_t idx = rem % sizes[d];
        rem /= sizes[d];
        bool reduced = all_dims || std::find(dims.begin(), dims.end(), d) != dims.end();
        if (!reduced) o += idx * mult;
        mult *= out_sizes[d];
      }
      double v = a.double_at(i);
      ref_sum[o] += v;
      ref_max[o] = std::max(ref_max[o], v);
    }
    for (int64_t o = 0; o < out_n; ++o) {
      REQUIRE(s.double_at(o) == Approx(ref_sum[o]));
      if (a.numel() > 0) REQUIRE(m.double_at(o) == ref_max[o]);
    }
  }
}
