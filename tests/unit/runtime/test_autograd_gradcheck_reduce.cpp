// gradcheck of the reductions, scans and softmax (fn_reduce.cpp).
#include "test_autograd_support.h"

namespace tscript::ag::test {
namespace {

// x with its element `at` (flat, in x's own order) set to `value`, still a leaf.
Tensor with_element(const Tensor& x, int64_t at, double value) {
  rt::store_scalar(static_cast<char*>(x.data_ptr()) + x.element_offset(at) * x.element_size(), x.dtype(),
                   rt::Scalar(value));
  return x;
}

TEST_CASE("gradcheck: sum, mean, prod", "[autograd][gradcheck]") {
  Data d;
  check_cases({
      {"SumBackward0", {d.xt({3, 4})}, AG_FN(ag::sum(x[0]))},
      {"SumBackward1 dims keepdim", {d.xt({2, 3, 4})}, AG_FN(ag::sum(x[0], {0, 2}, true))},
      {"SumBackward1 negative dim", {d.xs({3, 4})}, AG_FN(ag::sum(x[0], {-1}))},
      {"MeanBackward0", {d.xt({3, 4})}, AG_FN(ag::mean(x[0]))},
      {"MeanBackward1", {d.xt({2, 3, 4})}, AG_FN(ag::mean(x[0], {1}, false))},
      {"ProdBackward0", {d.xt({3, 3}, kNonZero)}, AG_FN(ag::prod(x[0]))},
      {"ProdBackward0 one zero", {with_element(d.xt({2, 3}, kNonZero), 4, 0)}, AG_FN(ag::prod(x[0]))},
      {"ProdBackward0 two zeros", {with_element(with_element(d.x({4}, kNonZero), 1, 0), 3, 0)},
       AG_FN(ag::prod(x[0]))},
      {"ProdBackward0 0-d", {d.x({})}, AG_FN(ag::prod(x[0]))},
      {"ProdBackward1", {d.xt({3, 4}, kNonZero)}, AG_FN(ag::prod(x[0], 1))},
      {"ProdBackward1 one zero keepdim", {with_element(d.xt({3, 4}, kNonZero), 5, 0)},
       AG_FN(ag::prod(x[0], 0, true))},
  });
}

TEST_CASE("gradcheck: max, min, amax, amin", "[autograd][gradcheck]") {
  Data d;
  Tensor tied = d.x({2, 3});  // a tie for the largest element (ties split evenly)
  with_element(tied, 1, 5.0);
  with_element(tied, 4, 5.0);
  check_cases({
      {"MaxBackward1", {d.xt({3, 4})}, AG_FN(ag::max(x[0]))},
      {"MinBackward1", {d.xt({3, 4})}, AG_FN(ag::min(x[0]))},
      {"MaxBackward1 tie", {tied}, AG_FN(ag::max(x[0]))},
      {"MaxBackward0 dim", {d.xt({3, 4})}, AG_FN(ag::max(x[0], 1).values)},
      {"MinBackward0 dim keepdim", {d.xt({3, 4})}, AG_FN(ag::min(x[0], 0, true).values)},
      {"MaxBackward0 0-d", {d.x({})}, AG_FN(ag::max(x[0], 0).values)},
      {"AmaxBackward0", {d.xt({2, 3, 4})}, AG_FN(ag::amax(x[0], {0, 2}))},
      {"AminBackward0 keepdim", {d.xt({3, 4})}, AG_FN(ag::amin(x[0], {1}, true))},
      {"AmaxBackward0 tie", {tied}, AG_FN(ag::amax(x[0], {0, 1}))},
  });
}

TEST_CASE("gradcheck: var, std, norm, logsumexp", "[autograd][gradcheck]") {
  Data d;
  check_cases({
      {"VarBackward0", {d.xt({3, 4})}, AG_FN(ag::var(x[0]))},
      {"VarBackward0 dim, correction 0", {d.xt({3, 4})}, AG_FN(ag::var(x[0], {1}, 0, true))},
      {"StdBackward0", {d.xt({3, 4})}, AG_FN(ag::std_dev(x[0]))},
      {"StdBackward0 dims", {d.xt({2, 3, 4})}, AG_FN(ag::std_dev(x[0], {0, 2}, 1, false))},
      {"VarBackward0 var_mean", {d.xs({2, 3})},
       AG_FN(ag::var_mean(x[0], {1}).first, ag::var_mean(x[0], {1}).second)},
      {"StdBackward0 std_mean", {d.xs({2, 3})}, AG_FN(ag::std_mean(x[0]).first, ag::std_mean(x[0]).second)},
      {"NormBackward0 p=2", {d.xt({3, 4})}, AG_FN(ag::norm(x[0]))},
      {"NormBackward0 p=1", {d.xt({3, 4}, kNonZero)}, AG_FN(ag::norm(x[0], 1))},
      {"NormBackward0 p=3", {d.xt({3, 4}, kNonZero)}, AG_FN(ag::norm(x[0], 3))},
      {"NormBackward0 p=inf", {d.xt({3, 4}, kNonZero)}, AG_FN(ag::norm(x[0], INFINITY))},
      {"NormBackward1 p=2 dim", {d.xt({3, 4})}, AG_FN(ag::norm(x[0], 2, {1}))},
      {"NormBackward1 p=1 dim keepdim", {d.xt({3, 4}, kNonZero)}, AG_FN(ag::norm(x[0], 1, {0}, true))},
      {"NormBackward1 p=3 dim", {d.xt({3, 4}, kNonZero)}, AG_FN(ag::norm(x[0], 3, {-1}))},
      {"NormBackward1 p=inf dim", {d.xt({3, 4}, kNonZero)}, AG_FN(ag::norm(x[0], INFINITY, {1}))},
      {"LogsumexpBackward0", {d.xt({3, 4})}, AG_FN(ag::logsumexp(x[0], {1}))},
      {"LogsumexpBackward0 keepdim", {d.xt({2, 3, 4})}, AG_FN(ag::logsumexp(x[0], {0, 2}, true))},
  });
}

TEST_CASE("gradcheck: cumsum, cumprod, softmax, log_softmax", "[autograd][gradcheck]") {
  Data d;
  check_cases({
      {"CumsumBackward0", {d.xt({3, 4})}, AG_FN(ag::cumsum(x[0], 1))},
      {"CumsumBackward0 dim 0", {d.xs({3, 2})}, AG_FN(ag::cumsum(x[0], 0))},
      {"CumprodBackward0", {d.xt({3, 4}, kNonZero)}, AG_FN(ag::cumprod(x[0], -1))},
      {"CumprodBackward0 one zero", {with_element(d.xt({3, 4}, kNonZero), 5, 0)}, AG_FN(ag::cumprod(x[0], -1))},
      {"CumprodBackward0 two zeros dim 0", {with_element(with_element(d.x({4, 2}, kNonZero), 2, 0), 6, 0)},
       AG_FN(ag::cumprod(x[0], 0))},
      {"SoftmaxBackward0", {d.xt({3, 4})}, AG_FN(ag::softmax(x[0], 1))},
      {"SoftmaxBackward0 dim 0", {d.xs({3, 2})}, AG_FN(ag::softmax(x[0], 0))},
      {"LogSoftmaxBackward0", {d.xt({3, 4})}, AG_FN(ag::log_softmax(x[0], -1))},
      {"LogSoftmaxBackward0 dim 0", {d.xt({2, 3, 4})}, AG_FN(ag::log_softmax(x[0], 0))},
  });
}

}  // namespace
}  // namespace tscript::ag::test
