// gradcheck of the elementwise ops: unary functions and activations (fn_unary.cpp),
// binary ops with broadcasting (fn_binary.cpp), and where/clamp/masked_fill/lerp/
// addcmul/addcdiv (fn_conditional.cpp), out of place and in place.
#include "test_autograd_support.h"

namespace tscript::ag::test {
namespace {

using Unary = Tensor (*)(const Tensor&);
using UnaryInPlace = const Tensor& (*)(const Tensor&);

struct UnaryRow {
  const char* node;
  Unary fn;
  UnaryInPlace fn_;  // the in-place form, also checked
  Range range;
};

// Piecewise-constant ops take values strictly inside one piece.
constexpr Range kInsideUnit{0.1, 0.4}, kNearOne{1.1, 1.9};

const UnaryRow kUnaryRows[] = {
    {"NegBackward0", ag::neg, ag::neg_, kAny},
    {"AbsBackward0", ag::abs, ag::abs_, kNonZero},
    {"SignBackward0", ag::sign, ag::sign_, kNonZero},
    {"PowBackward0 square", ag::square, ag::square_, kAny},
    {"FloorBackward0", ag::floor, ag::floor_, kNearOne},
    {"CeilBackward0", ag::ceil, ag::ceil_, kNearOne},
    {"RoundBackward0", ag::round, ag::round_, kInsideUnit},
    {"TruncBackward0", ag::trunc, ag::trunc_, kNearOne},
    {"FracBackward0", ag::frac, ag::frac_, kNearOne},
    {"ReluBackward0", ag::relu, ag::relu_, kNonZero},
    {"ExpBackward0", ag::exp, ag::exp_, kAny},
    {"Exp2Backward0", ag::exp2, ag::exp2_, kAny},
    {"Expm1Backward0", ag::expm1, ag::expm1_, kAny},
    {"LogBackward0", ag::log, ag::log_, kPositive},
    {"Log2Backward0", ag::log2, ag::log2_, kPositive},
    {"Log10Backward0", ag::log10, ag::log10_, kPositive},
    {"Log1PBackward0", ag::log1p, ag::log1p_, kUnit},
    {"SqrtBackward0", ag::sqrt, ag::sqrt_, kPositive},
    {"RsqrtBackward0", ag::rsqrt, ag::rsqrt_, kPositive},
    {"ReciprocalBackward0", ag::reciprocal, ag::reciprocal_, kNonZero},
    {"SinBackward0", ag::sin, ag::sin_, kAny},
    {"CosBackward0", ag::cos, ag::cos_, kAny},
    {"TanBackward0", ag::tan, ag::tan_, {-1.2, 1.2}},
    {"AsinBackward0", ag::asin, ag::asin_, kUnit},
    {"AcosBackward0", ag::acos, ag::acos_, kUnit},
    {"AtanBackward0", ag::atan, ag::atan_, kAny},
    {"SinhBackward0", ag::sinh, ag::sinh_, kAny},
    {"CoshBackward0", ag::cosh, ag::cosh_, kAny},
    {"TanhBackward0", ag::tanh, ag::tanh_, kAny},
    {"SigmoidBackward0", ag::sigmoid, ag::sigmoid_, kAny},
    {"ErfBackward0", ag::erf, ag::erf_, kAny},
    {"ErfcBackward0", ag::erfc, ag::erfc_, kAny},
    {"SiluBackward0", ag::silu, ag::silu_, {-4, 4}},
    {"MishBackward0", ag::mish, ag::mish_, {-4, 4}},
    {"SoftplusBackward0", ag::softplus, ag::softplus_, {-4, 4}},
    {"SoftplusBackward0 above the threshold 20", ag::softplus, ag::softplus_, {19, 23}},
    {"LogSigmoidBackward0", ag::log_sigmoid, ag::log_sigmoid_, {-4, 4}},
};

TEST_CASE("gradcheck: unary ops, out of place and in place", "[autograd][gradcheck]") {
  for (const UnaryRow& row : kUnaryRows) {
    Data d;
    Unary f = row.fn;
    UnaryInPlace f_ = row.fn_;
    std::string what = row.node;
    check_cases({{what + " (transposed input)", {d.xt({3, 4}, row.range)}, AG_FN(f(x[0]))},
                 {what + " in place", {d.xs({2, 3}, row.range)}, AG_FN(on_clone(x[0], f_))}});
  }
}

TEST_CASE("gradcheck: activations with parameters", "[autograd][gradcheck]") {
  Data d;
  check_cases({
      {"GeluBackward0 exact", {d.xt({3, 4}, {-3, 3})}, AG_FN(ag::gelu(x[0]))},
      {"GeluBackward0 tanh", {d.xt({3, 4}, {-3, 3})}, AG_FN(ag::gelu(x[0], "tanh"))},
      {"RoundBackward0 decimals", {d.x({5}, {0.11, 0.14})}, AG_FN(ag::round(x[0], 1))},
      {"LeakyReluBackward0", {d.xt({3, 4}, kNonZero)}, AG_FN(ag::leaky_relu(x[0], 0.2))},
      {"LeakyReluBackward0 in place", {d.xs({2, 3}, kNonZero)},
       AG_FN(on_clone(x[0], [](const Tensor& y) { ag::leaky_relu_(y, 0.3); }))},
  });
}

TEST_CASE("gradcheck: binary ops with broadcasting", "[autograd][gradcheck]") {
  Data d;
  const Range kDividend{2.3, 2.7, true}, kDivisor{1.0, 1.1};  // quotients stay off integers
  check_cases({
      {"AddBackward0 alpha", {d.xt({3, 4}), d.x({4})}, AG_FN(ag::add(x[0], x[1], 2.5))},
      {"AddBackward0 scalar", {d.xs({2, 3})}, AG_FN(ag::add(x[0], 1.5))},
      {"SubBackward0 alpha", {d.x({3, 1}), d.xt({3, 4})}, AG_FN(ag::sub(x[0], x[1], 0.5))},
      {"RsubBackward1", {d.xt({2, 3})}, AG_FN(ag::rsub(x[0], 2.0, 3.0))},
      {"MulBackward0", {d.xt({3, 4}), d.x({1, 4})}, AG_FN(ag::mul(x[0], x[1]))},
      {"MulBackward0 one side constant", {d.c({3, 4}), d.xs({3, 4})}, AG_FN(ag::mul(x[0], x[1]))},
      {"DivBackward0", {d.xt({3, 4}), d.x({3, 1}, kNonZero)}, AG_FN(ag::div(x[0], x[1]))},
      {"DivBackward0 floor", {d.x({4}, {0.1, 0.4}), d.x({4}, kDivisor)}, AG_FN(ag::div(x[0], x[1], "floor"))},
      {"DivBackward0 trunc", {d.x({4}, {0.1, 0.4}), d.x({4}, kDivisor)}, AG_FN(ag::div(x[0], x[1], "trunc"))},
      {"RemainderBackward0", {d.xt({2, 3}, kDividend), d.x({3}, kDivisor)}, AG_FN(ag::remainder(x[0], x[1]))},
      {"FmodBackward0", {d.xt({2, 3}, kDividend), d.x({3}, kDivisor)}, AG_FN(ag::fmod(x[0], x[1]))},
      {"PowBackward0", {d.xt({3, 4}, kPositive)}, AG_FN(ag::pow(x[0], 2.5))},
      {"PowBackward1 tensor exponent", {d.xt({3, 4}, kPositive), d.x({4})}, AG_FN(ag::pow(x[0], x[1]))},
      {"PowBackward1 exponent only", {d.c({3}, kPositive), d.x({3})}, AG_FN(ag::pow(x[0], x[1]))},
      {"MaximumBackward0", {d.xt({3, 4}), d.x({4})}, AG_FN(ag::maximum(x[0], x[1]))},
      {"MinimumBackward0", {d.xt({3, 4}), d.x({3, 1})}, AG_FN(ag::minimum(x[0], x[1]))},
      {"FmaxBackward0", {d.xs({2, 3}), d.x({3})}, AG_FN(ag::fmax(x[0], x[1]))},
      {"FminBackward0", {d.xs({2, 3}), d.x({3})}, AG_FN(ag::fmin(x[0], x[1]))},
      {"Atan2Backward0", {d.xt({3, 4}), d.x({4}, kPositive)}, AG_FN(ag::atan2(x[0], x[1]))},
  });
}

// At a tie the central difference sees half the slope on each side; PyTorch's
// formula splits the gradient evenly, so the two agree.
TEST_CASE("gradcheck: maximum/minimum ties split the gradient", "[autograd][gradcheck]") {
  Data d;
  Tensor a = d.x({4}), b = rt::clone(a);
  rt::index_put_(b, {TensorIndex(rt::Slice{0, 2})}, rt::wrap_scalar(0.25));
  b.set_requires_grad(true);
  check_cases({{"MaximumBackward0 ties", {a, b}, AG_FN(ag::maximum(x[0], x[1]))},
               {"MinimumBackward0 ties", {a, b}, AG_FN(ag::minimum(x[0], x[1]))},
               {"MaximumBackward0 tie with itself", {a}, AG_FN(ag::maximum(x[0], x[0]))}});
}

// A NaN operand of fmax/fmin does not reach the result, so it gets no gradient.
TEST_CASE("gradcheck: fmax/fmin with NaN operands", "[autograd][gradcheck]") {
  Data d;
  Tensor with_nan = leaf_of({NAN, 0.5, NAN, -0.5});
  check_cases({{"FmaxBackward0 NaN", {d.x({4}), with_nan}, AG_FN(ag::fmax(x[0], x[1]))},
               {"FminBackward0 NaN", {with_nan, d.x({4})}, AG_FN(ag::fmin(x[0], x[1]))}});
}

// fmax/fmin are not split at ties: PyTorch gives the whole gradient to self.
TEST_CASE("fmax/fmin give the gradient to self at a tie, as PyTorch", "[autograd]") {
  using Binary = Tensor (*)(const Tensor&, const Tensor&);
  struct Row {
    Binary f;
    std::vector<double> grad_a, grad_b;  // torch.fmax/fmin([1, 2], [1, 3]).sum().backward()
  };
  for (const Row& row : {Row{ag::fmax, {1, 0}, {0, 1}}, Row{ag::fmin, {1, 1}, {0, 0}}}) {
    Tensor a = leaf_of({1, 2}), b = leaf_of({1, 3});
    backward({ag::sum(row.f(a, b))}, {}, false, false);
    CHECK(rt::test::values(grad(a)) == row.grad_a);
    CHECK(rt::test::values(grad(b)) == row.grad_b);
  }
}

TEST_CASE("gradcheck: binary ops in place", "[autograd][gradcheck]") {
  Data d;
  check_cases({
      {"MulBackward0 mul_", {d.xt({3, 4}), d.x({4})},
       AG_FN(on_clone(x[0], [&](const Tensor& y) { ag::mul_(y, x[1]); }))},
      {"AddBackward0 add_ alpha", {d.xs({2, 3}), d.x({3})},
       AG_FN(on_clone(x[0], [&](const Tensor& y) { ag::add_(y, x[1], -2); }))},
      {"SubBackward0 sub_", {d.x({3}), d.x({3})}, AG_FN(on_clone(x[0], [&](const Tensor& y) { ag::sub_(y, x[1]); }))},
      {"DivBackward0 div_", {d.xt({2, 3}), d.x({3}, kNonZero)},
       AG_FN(on_clone(x[0], [&](const Tensor& y) { ag::div_(y, x[1]); }))},
      {"PowBackward0 pow_", {d.x({4}, kPositive)}, AG_FN(on_clone(x[0], [](const Tensor& y) { ag::pow_(y, 3.0); }))},
      {"MulBackward0 twice in place", {d.x({4}), d.x({4})}, AG_FN(on_clone(x[0], [&](const Tensor& y) {
         ag::mul_(y, x[1]);
         ag::exp_(y);
         ag::mul_(y, x[1]);
       }))},
  });
}

TEST_CASE("gradcheck: where, clamp, masked ops, lerp, addcmul, addcdiv", "[autograd][gradcheck]") {
  Data d;
  Tensor cond = tensor_b({1, 0, 0, 1});
  Tensor mask = rt::reshape(tensor_b({1, 0, 1, 1, 0, 0}), {2, 3});
  check_cases({
      {"WhereBackward0", {d.xt({3, 4}), d.x({4})}, AG_FN(ag::where(cond, x[0], x[1]))},
      {"ClampBackward1", {d.xt({3, 4})}, AG_FN(ag::clamp(x[0], -0.5, 0.7))},
      {"ClampBackward1 min only", {d.xs({2, 3})}, AG_FN(ag::clamp(x[0], 0.1))},
      {"ClampBackward1 clamp_", {d.x({6})}, AG_FN(on_clone(x[0], [](const Tensor& y) { ag::clamp_(y, -1, 1); }))},
      {"ClampBackward0 tensor bounds", {d.xt({3, 4}), d.x({4}, {-1.5, -0.1}), d.x({3, 1}, {0.1, 1.5})},
       AG_FN(ag::clamp(x[0], x[1], x[2]))},
      // min > max at [1] and [4]: the result is max there, whichever side of min x is on.
      {"ClampBackward0 min above max", {leaf_of({-1.5, 0.3, 1.7, -0.2, 1}), leaf_of({-1, 0.8, 0.1, -0.9, 0.5}),
                                        leaf_of({1, 0.2, 1.2, -0.5, 0})},
       AG_FN(ag::clamp(x[0], x[1], x[2]))},
      {"ClampBackward0 min tensor only", {d.x({3, 4}), d.x({4})}, AG_FN(ag::clamp(x[0], x[1], Tensor()))},
      {"MaskedFillBackward0", {d.xt({2, 3})}, AG_FN(ag::masked_fill(x[0], mask, 3.0))},
      {"MaskedFillBackward1 tensor value", {d.xt({2, 3}), d.x({})}, AG_FN(ag::masked_fill(x[0], mask, x[1]))},
      {"MaskedFillBackward0 masked_fill_", {d.xs({2, 3})},
       AG_FN(on_clone(x[0], [&](const Tensor& y) { ag::masked_fill_(y, mask, -1.0); }))},
      {"MaskedSelectBackward0 broadcast mask", {d.xt({3, 4})}, AG_FN(ag::masked_select(x[0], cond))},
      {"LerpBackward0", {d.xt({3, 4}), d.x({4})}, AG_FN(ag::lerp(x[0], x[1], 0.3))},
      {"AddcmulBackward0", {d.x({4}), d.xt({3, 4}), d.x({3, 1})}, AG_FN(ag::addcmul(x[0], x[1], x[2], 0.5))},
      {"AddcdivBackward0", {d.x({4}), d.xt({3, 4}), d.x({3, 1}, kNonZero)},
       AG_FN(ag::addcdiv(x[0], x[1], x[2], -2))},
      {"AddcmulBackward0 addcmul_", {d.x({4}), d.x({4}), d.x({4})},
       AG_FN(on_clone(x[0], [&](const Tensor& y) { ag::addcmul_(y, x[1], x[2], 2); }))},
      {"AddcdivBackward0 addcdiv_", {d.x({4}), d.x({4}), d.x({4}, kNonZero)},
       AG_FN(on_clone(x[0], [&](const Tensor& y) { ag::addcdiv_(y, x[1], x[2]); }))},
  });
}

}  // namespace
}  // namespace tscript::ag::test
