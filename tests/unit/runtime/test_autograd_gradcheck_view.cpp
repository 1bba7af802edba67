// gradcheck of the views (fn_view.cpp), joins and splits (fn_join.cpp), and copies
// and fills (fn_copy.cpp).
#include "test_autograd_support.h"

namespace tscript::ag::test {
namespace {

// Every output of a multi-output op, scaled by its position, so a gradient routed
// to the wrong output shows.
Tensors weighted(const std::vector<Tensor>& outs) {
  Tensors r;
  for (size_t i = 0; i < outs.size(); ++i) r.push_back(ag::mul(outs[i], static_cast<double>(i + 1)));
  return r;
}

TEST_CASE("gradcheck: shape views", "[autograd][gradcheck]") {
  Data d;
  check_cases({
      {"AliasBackward0", {d.xt({3, 4})}, AG_FN(ag::alias(x[0]))},
      // Overlapping windows: storage elements read by several outputs sum their grads.
      {"AsStridedBackward0 overlapping windows", {d.x({6})}, AG_FN(ag::as_strided(x[0], {3, 3}, {1, 1}))},
      {"AsStridedBackward0 of a transposed input", {d.xt({3, 4})}, AG_FN(ag::as_strided(x[0], {2, 2}, {1, 3}, 1))},
      {"ViewBackward0", {d.x({3, 4})}, AG_FN(ag::view(x[0], {2, 6}))},
      {"ViewBackward0 view_as", {d.x({3, 4}), d.c({4, 3})}, AG_FN(ag::view_as(x[0], x[1]))},
      {"ReshapeAliasBackward0 reshape of a contiguous tensor", {d.x({3, 4})}, AG_FN(ag::reshape(x[0], {4, -1}))},
      {"UnsafeViewBackward0 reshape that copies", {d.xt({3, 4})}, AG_FN(ag::reshape(x[0], {-1}))},
      {"ReshapeAliasBackward0 flatten view", {d.x({2, 3, 2})}, AG_FN(ag::flatten(x[0], 1))},
      {"UnsafeViewBackward0 flatten copy", {d.xt({2, 3, 2})}, AG_FN(ag::flatten(x[0]))},
      {"ViewBackward0 unflatten", {d.x({2, 6})}, AG_FN(ag::unflatten(x[0], 1, {3, 2}))},
      {"SqueezeBackward0", {d.xt({3, 1, 2})}, AG_FN(ag::squeeze(x[0]))},
      {"SqueezeBackward1", {d.xs({3, 1, 2})}, AG_FN(ag::squeeze(x[0], 1))},
      {"UnsqueezeBackward0", {d.xt({3, 2})}, AG_FN(ag::unsqueeze(x[0], -1))},
      {"PermuteBackward0", {d.xt({2, 3, 4})}, AG_FN(ag::permute(x[0], {2, 0, 1}))},
      {"PermuteBackward0 movedim", {d.x({2, 3, 4})}, AG_FN(ag::movedim(x[0], 0, -1))},
      {"PermuteBackward0 numpy_T", {d.x({2, 3, 4})}, AG_FN(ag::numpy_T(x[0]))},
      {"TransposeBackward0", {d.xs({2, 3, 4})}, AG_FN(ag::transpose(x[0], 0, 2))},
      {"TBackward0", {d.xt({3, 4})}, AG_FN(ag::t(x[0]))},
      {"ExpandBackward0", {d.xs({3, 1})}, AG_FN(ag::expand(x[0], {2, 3, 4}))},
      {"ExpandBackward0 expand_as", {d.x({4}), d.c({3, 4})}, AG_FN(ag::expand_as(x[0], x[1]))},
      {"ExpandBackward0 broadcast_to", {d.x({1, 4})}, AG_FN(ag::broadcast_to(x[0], {3, 4}))},
  });
}

TEST_CASE("gradcheck: views that pick elements", "[autograd][gradcheck]") {
  Data d;
  check_cases({
      {"SelectBackward0", {d.xt({3, 4})}, AG_FN(ag::select(x[0], 1, -1))},
      {"SliceBackward0 step", {d.xt({4, 5})}, AG_FN(ag::slice(x[0], 1, 1, std::nullopt, 2))},
      {"SliceBackward0 narrow", {d.xs({4, 3})}, AG_FN(ag::narrow(x[0], 0, 1, 2))},
      {"DiagonalBackward0", {d.xt({3, 4})}, AG_FN(ag::diagonal(x[0], 1))},
      {"DiagonalBackward0 dims", {d.x({2, 3, 3})}, AG_FN(ag::diagonal(x[0], -1, 1, 2))},
      {"UnbindBackward0", {d.xt({3, 4})}, AG_FN(weighted(ag::unbind(x[0], 1)))},
      {"UnbindBackward0 one output used", {d.x({3, 2})}, AG_FN(ag::unbind(x[0])[1])},
  });
}

TEST_CASE("gradcheck: in-place geometry changes", "[autograd][gradcheck]") {
  Data d;
  check_cases({
      {"SqueezeBackward1 squeeze_", {d.xt({3, 1, 2})},
       AG_FN(on_clone(x[0], [](Tensor& y) { ag::squeeze_(y, 1); }))},
      {"SqueezeBackward0 squeeze_", {d.x({3, 1, 2})}, AG_FN(on_clone(x[0], [](Tensor& y) { ag::squeeze_(y); }))},
      {"UnsqueezeBackward0 unsqueeze_", {d.xt({3, 2})},
       AG_FN(on_clone(x[0], [](Tensor& y) { ag::unsqueeze_(y, 0); }))},
      {"TransposeBackward0 transpose_", {d.x({3, 2})},
       AG_FN(on_clone(x[0], [](Tensor& y) { ag::transpose_(y, 0, 1); }))},
  });
}

TEST_CASE("gradcheck: cat, stack, split, chunk, repeat, tile, flip", "[autograd][gradcheck]") {
  Data d;
  check_cases({
      {"CatBackward0", {d.xt({2, 3}), d.c({1, 3}), d.xs({3, 3})}, AG_FN(ag::cat({x[0], x[1], x[2]}, 0))},
      {"CatBackward0 last dim", {d.xt({2, 3}), d.x({2, 1})}, AG_FN(ag::cat({x[0], x[1]}, -1))},
      {"StackBackward0", {d.xt({2, 3}), d.x({2, 3})}, AG_FN(ag::stack({x[0], x[1]}, 1))},
      {"SplitBackward0", {d.xt({5, 2})}, AG_FN(weighted(ag::split(x[0], 2)))},
      {"SplitBackward0 chunk", {d.xt({2, 6})}, AG_FN(weighted(ag::chunk(x[0], 3, 1)))},
      {"SplitBackward0 one output used", {d.x({5})}, AG_FN(ag::split(x[0], 2)[1])},
      {"SplitWithSizesBackward0", {d.xt({6, 2})}, AG_FN(weighted(ag::split_with_sizes(x[0], {1, 3, 2})))},
      {"RepeatBackward0", {d.xt({2, 3})}, AG_FN(ag::repeat(x[0], {2, 1, 3}))},
      {"RepeatBackward0 tile", {d.xs({2, 3})}, AG_FN(ag::tile(x[0], {2}))},
      {"FlipBackward0", {d.xt({3, 4})}, AG_FN(ag::flip(x[0], {0, 1}))},
  });
}

TEST_CASE("gradcheck: clone, to, copy_, zero_, fill_", "[autograd][gradcheck]") {
  Data d;
  check_cases({
      {"CloneBackward0", {d.xt({3, 4})}, AG_FN(ag::clone(x[0]))},
      {"CloneBackward0 contiguous", {d.xt({3, 4})}, AG_FN(ag::contiguous(x[0]))},
      {"ToCopyBackward0", {d.xs({2, 3})}, AG_FN(ag::to(x[0], DType::Float64, /*copy=*/true))},
      {"CopyBackwards broadcast source", {d.xt({3, 4}), d.x({4})},
       AG_FN(on_clone(x[0], [&](const Tensor& y) { ag::copy_(y, x[1]); }))},
      {"CopyBackwards into a constant", {d.x({4})},
       AG_FN(on_clone(rt::zeros({4}, DType::Float64), [&](const Tensor& y) { ag::copy_(y, x[0]); }))},
      {"ZeroBackward0", {d.x({3}), d.x({3})},
       AG_FN(ag::add(on_clone(x[0], [](const Tensor& y) { ag::zero_(y); }), x[1]))},
      {"FillBackward0", {d.x({3}), d.x({3})},
       AG_FN(ag::mul(on_clone(x[0], [](const Tensor& y) { ag::fill_(y, 2.5); }), x[1]))},
  });
}

TEST_CASE("ToCopyBackward0 returns the gradient in the input's dtype", "[autograd]") {
  Tensor x = Data().x({3});
  Tensor y = ag::to(x, DType::Float32);
  REQUIRE(grad_fn(y)->name() == "ToCopyBackward0");
  backward({ag::sum(ag::mul(y, 2.0))}, {}, false, false);
  CHECK(grad(x).dtype() == DType::Float64);
  CHECK(rt::test::values(grad(x)) == std::vector<double>{2, 2, 2});
}

}  // namespace
}  // namespace tscript::ag::test
