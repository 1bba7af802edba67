// The gradcheck helper itself (runtime/autograd/gradcheck.h): it must catch a wrong
// formula, say where, and refuse inputs it cannot perturb.
#include "runtime/autograd/record.h"
#include "test_autograd_support.h"

namespace tscript::ag::test {
namespace {

using Catch::Matchers::Contains;

// y = x * x with a backward computed by `formula(g, x)`.
Tensor square_with(const Tensor& x, std::function<Tensor(const Tensor&, const Tensor&)> formula) {
  return record("TestSquareBackward", {x}, rt::mul(x, x),
                [sx = SavedTensor(x, false), formula](FunctionNode& self, Grads& g) {
                  return Grads{formula(g[0], sx.unpack(&self))};
                });
}

TEST_CASE("gradcheck reports the output, input, elements and both values", "[autograd][gradcheck]") {
  Tensor x = rt::test::tensor_f({1, 2, 3, 4}, {2, 2}, DType::Float64);
  x.set_requires_grad(true);
  auto wrong_at_one = [](const Tensor& g, const Tensor& x) {
    Tensor r = ag::mul(ag::mul(g, x), 2.0);
    return ag::where(rt::eq(x, rt::wrap_scalar(2.0)), ag::mul(r, 1.5), r);
  };
  std::string failure = gradcheck(AG_FN(ag::exp(x[0]), square_with(x[0], wrong_at_one)), {x});
  CHECK_THAT(failure, Contains("Jacobian mismatch (1 elements)"));
  CHECK_THAT(failure, Contains("output 1 [0, 1] w.r.t. input 0 [0, 1]: numerical 4"));
  CHECK_THAT(failure, Contains("analytical 6"));
  auto right = [](const Tensor& g, const Tensor& x) { return ag::mul(ag::mul(g, x), 2.0); };
  CHECK(gradcheck(AG_FN(square_with(x[0], right)), {x}).empty());
}

TEST_CASE("gradgradcheck catches a backward formula without history", "[autograd][gradcheck]") {
  Tensor x = Data().x({3});
  auto no_history = [](const Tensor& g, const Tensor& x) { return rt::mul(rt::mul(g, x), rt::wrap_scalar(2.0)); };
  GradcheckFn f = AG_FN(square_with(x[0], no_history));
  CHECK(gradcheck(f, {x}).empty());
  CHECK_THAT(gradgradcheck(f, {x}), Contains("Jacobian mismatch"));
}

TEST_CASE("gradcheck refuses inputs it cannot check", "[autograd][gradcheck]") {
  GradcheckFn f = AG_FN(ag::mul(x[0], 2.0));
  Tensor single = rt::ones({2}, DType::Float32);
  single.set_requires_grad(true);
  CHECK(gradcheck(f, {single}) == "input 0 requires grad but is float32; gradcheck needs float64");
  Tensor expanded = rt::expand(rt::ones({1}, DType::Float64), {3});
  expanded.set_requires_grad(true);
  CHECK_THAT(gradcheck(f, {expanded}), Contains("input 0 is expanded"));
  CHECK(gradcheck(f, {rt::ones({2}, DType::Float64)}) ==
        "gradcheck expects at least one input tensor to require gradient");
}

}  // namespace
}  // namespace tscript::ag::test
