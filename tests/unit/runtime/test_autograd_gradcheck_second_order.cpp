// gradgradcheck of ops whose backward formulas are differentiable themselves: the
// double backward runs through the nodes that the first backward recorded.
#include "test_autograd_support.h"

namespace tscript::ag::test {
namespace {

TEST_CASE("gradgradcheck: mul, exp, tanh, sigmoid, pow, matmul, sum, softmax", "[autograd][gradcheck]") {
  Data d;
  check_cases(
      {
          {"MulBackward0", {d.xt({2, 3}), d.x({3})}, AG_FN(ag::mul(x[0], x[1]))},
          {"ExpBackward0", {d.xs({2, 2})}, AG_FN(ag::exp(x[0]))},
          {"TanhBackward0", {d.xt({2, 2})}, AG_FN(ag::tanh(x[0]))},
          {"SigmoidBackward0", {d.x({4})}, AG_FN(ag::sigmoid(x[0]))},
          {"PowBackward0", {d.x({3}, kPositive)}, AG_FN(ag::pow(x[0], 3.5))},
          {"PowBackward1 tensor exponent", {d.x({3}, kPositive), d.x({3})}, AG_FN(ag::pow(x[0], x[1]))},
          {"MmBackward0 matmul", {d.xt({2, 3}), d.x({3, 2})}, AG_FN(ag::matmul(x[0], x[1]))},
          {"BmmBackward0 batched matmul", {d.x({2, 2, 3}), d.xt({2, 3, 2})}, AG_FN(ag::matmul(x[0], x[1]))},
          {"SumBackward1", {d.xt({2, 3})}, AG_FN(ag::sum(ag::mul(x[0], x[0]), {1}))},
          {"SumBackward0", {d.x({3})}, AG_FN(ag::sum(ag::exp(x[0])))},
          {"SoftmaxBackward0", {d.xt({2, 3})}, AG_FN(ag::softmax(x[0], 1))},
      },
      /*second_order=*/true);
}

}  // namespace
}  // namespace tscript::ag::test
