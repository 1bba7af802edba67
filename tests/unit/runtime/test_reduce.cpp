// Reductions, scans and softmax against PyTorch 1.13.
#include "test_helpers.h"

using namespace tscript::rt;
using namespace tscript::rt::test;

namespace {
using V = std::vector<double>;
using S = std::vector<int64_t>;
// arange(24).view(2, 3, 4) * 0.5 - 3
Tensor cube() { return sub(mul(reshape(arange(24, DType::Float32), {2, 3, 4}), Scalar(0.5)), Scalar(3)); }
}  // namespace

TEST_CASE("sum, mean, prod over dims", "[reduce]") {
  Tensor x = cube();
  CHECK(sum(x).item().to_double() == 66.0);
  CHECK(values(sum(x, {0})) == V{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  CHECK(values(sum(x, {0, 2})) == V{6, 22, 38});
  CHECK(shape(sum(x, {1}, true)) == S{2, 1, 4});
  CHECK(shape(sum(x, {-1, 0}, true)) == S{1, 3, 1});
  CHECK(values(mean(x, {1})) == V{-1.0, -0.5, 0.0, 0.5, 5.0, 5.5, 6.0, 6.5});
  CHECK(values(prod(x, 2)) == V{22.5, 0.0, 7.5, 189.0, 1072.5, 3570.0});
  CHECK(values(sum(transpose(x, 0, 2), {1})) == V{-3.0, 15.0, -1.5, 16.5, 0.0, 18.0, 1.5, 19.5});
  CHECK(sum(scalar_tensor(5.0), {0}).item().to_double() == 5.0);
  CHECK_ERROR(sum(x, {0, 0}), ErrorKind::Runtime, "dim 0 appears multiple times in the list of dims");
  CHECK_ERROR(sum(zeros({2, 3}), {2}), ErrorKind::Index,
              "Dimension out of range (expected to be in range of [-2, 1], but got 2)");
}

TEST_CASE("integer and bool sums, dtype argument", "[reduce]") {
  Tensor y = tensor_i({1, 2, 3, 4, 5, 6}, {2, 3}, DType::Int32);
  CHECK(sum(y).dtype() == DType::Int64);
  CHECK(values(sum(y, {1})) == V{6, 15});
  CHECK(prod(y).item().to_int() == 720);
  CHECK(sum(tensor_b({1, 1, 0})).item().to_int() == 2);
  CHECK(sum(y, DType::Int32).dtype() == DType::Int32);
  CHECK(mean(tensor_i({1, 2, 3, 4, 5, 6}, {2, 3}), DType::Float64).item().to_double() == 3.5);
  CHECK(values(sum(tensor_f({1.5, 2.5, 3.5, 4.5}, {2, 2}), {1}, false, DType::Int32)) == V{3, 7});
  CHECK_ERROR(mean(y), ErrorKind::Runtime,
              "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. "
              "Got: Int");
}

TEST_CASE("empty reductions", "[reduce]") {
  Tensor e = zeros({0, 3});
  CHECK(values(sum(e, {0})) == V{0, 0, 0});
  CHECK(shape(prod(e, 1)) == S{0});
  CHECK(close(mean(e, {0}), {NAN, NAN, NAN}));
  CHECK(sum(zeros({0})).item().to_double() == 0);
  CHECK(prod(zeros({0})).item().to_double() == 1);
  CHECK(all(zeros({0})).item().to_bool());
  CHECK(std::isnan(std_dev(zeros({0})).item().to_double()));
  CHECK_ERROR(max(e), ErrorKind::Runtime,
              "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with "
              "the 'dim' argument.");
  CHECK_ERROR(max(e, 0), ErrorKind::Index, "max(): Expected reduction dim 0 to have non-zero size.");
  CHECK(shape(max(e, 1).values) == S{0});
  CHECK_ERROR(argmax(e), ErrorKind::Index, "argmax(): Expected reduction dim to be specified for input.numel() == 0.");
}

TEST_CASE("max, min, argmax, argmin", "[reduce]") {
  Tensor x = cube();
  CHECK(max(x).item().to_double() == 8.5);
  auto m = max(x, 1);
  CHECK(values(m.values) == V{1.0, 1.5, 2.0, 2.5, 7.0, 7.5, 8.0, 8.5});
  CHECK(values(m.indices) == V{2, 2, 2, 2, 2, 2, 2, 2});
  CHECK(values(argmin(x, 2)) == V{0, 0, 0, 0, 0, 0});
  CHECK(argmax(x).item().to_int() == 23);
  CHECK(shape(argmax(x, std::nullopt, true)) == S{1, 1, 1});
  auto mn = min(tensor_i({1, 2, 3, 4, 5, 6}, {2, 3}), 1, true);
  CHECK(shape(mn.values) == S{2, 1});
  CHECK(values(mn.values) == V{1, 4});
  CHECK(values(mn.indices) == V{0, 0});
  auto nan_max = max(tensor_f({1, NAN, 3, 2}, {2, 2}), 1);
  CHECK(close(nan_max.values, {NAN, 3}));
  CHECK(values(nan_max.indices) == V{1, 0});
  CHECK(argmax(tensor_f({3, 1, 3})).item().to_int() == 0);  // first occurrence
  auto s = max(scalar_tensor(5.0), 0);
  CHECK(s.values.dim() == 0);
  CHECK(s.indices.item().to_int() == 0);
  CHECK(values(amax(x, {0, 1})) == V{7.0, 7.5, 8.0, 8.5});
  CHECK(std::isnan(max(tensor_f({1, NAN})).item().to_double()));
  // Long contiguous runs take the multi-lane path; NaN anywhere still wins.
  Tensor longrun = arange(100, DType::Float32);
  CHECK(max(longrun).item().to_double() == 99);
  CHECK(min(longrun).item().to_double() == 0);
  index_put_(longrun, {TensorIndex(37)}, Scalar(NAN));
  CHECK(std::isnan(max(longrun).item().to_double()));
  CHECK(std::isnan(min(longrun).item().to_double()));
  CHECK(max(arange(100)).item().to_int() == 99);
}

TEST_CASE("var, std, norm, logsumexp", "[reduce]") {
  Tensor x = cube();
  CHECK(std_dev(x).item().to_double() == Approx(3.535533905029297));
  CHECK(close(var(x, {1}), {4, 4, 4, 4, 4, 4, 4, 4}));
  CHECK(close(std_dev(x, {2}, 0), V(6, 0.55901700258255)));
  auto [v, mu] = var_mean(x, {1});
  CHECK(close(mu, {-1.0, -0.5, 0.0, 0.5, 5.0, 5.5, 6.0, 6.5}));
  CHECK(std::isnan(var(tensor_f({1})).item().to_double()));
  CHECK(std::isinf(var(tensor_f({1, 2}), {}, 2).item().to_double()));
  CHECK_ERROR(std_dev(tensor_i({1, 2})), ErrorKind::Runtime, "std and var only support floating point and complex dtypes");
  CHECK(norm(x).item().to_double() == Approx(21.656408309936523));
  CHECK(values(norm(x, 1, {0})) == V{6, 6, 6, 6, 6, 6, 6, 7, 8, 9, 10, 11});
  CHECK(norm(x, 3).item().to_double() == Approx(14.392387390136719));
  CHECK(norm(tensor_f({1, 2, 3}), 0).item().to_double() == 3);
  CHECK(norm(tensor_f({1, -2, 3}), INFINITY).item().to_double() == 3);
  CHECK_ERROR(norm(tensor_i({1})), ErrorKind::Runtime,
              "norm(): input dtype should be either floating point or complex. Got Long instead.");
  CHECK(close(logsumexp(x, {2}), {-0.7126613259315491, 1.2873387336730957, 3.2873387336730957, 5.287338733673096,
                                  7.287338733673096, 9.287338256835938}));
  CHECK(logsumexp(tensor_f({-INFINITY, -INFINITY}), {0}).item().to_double() == -INFINITY);
}

TEST_CASE("all, any, count_nonzero", "[reduce]") {
  Tensor b = tensor_i({1, 0, 1, 1}, {2, 2}, DType::Bool);
  CHECK(values(all(b, 1)) == V{0, 1});
  CHECK(values(any(b, 0)) == V{1, 1});
  CHECK(all(tensor_i({1, 0}, DType::UInt8)).dtype() == DType::UInt8);
  CHECK(any(tensor_i({1, 0}, DType::Int32)).dtype() == DType::Bool);
  CHECK(values(count_nonzero(tensor_i({1, 0, 3, 2, 5, 0}, {2, 3}), {0})) == V{2, 1, 1});
}

TEST_CASE("cumsum, cumprod", "[reduce]") {
  Tensor x = cube();
  CHECK(values(cumsum(x, 1)) == V{-3.0, -2.5, -2.0, -1.5, -4.0, -3.0, -2.0, -1.0, -3.0, -1.5, 0.0, 1.5,
                                  3.0,  3.5,  4.0,  4.5,  8.0,  9.0,  10.0, 11.0, 15.0, 16.5, 18.0, 19.5});
  CHECK(cumsum(tensor_i({1, 2}, DType::Int32), 0).dtype() == DType::Int64);
  CHECK(values(cumprod(tensor_i({1, 2, 3, 4}), 0)) == V{1, 2, 6, 24});
  CHECK(values(cumsum(tensor_b({1, 1, 0, 1}), 0)) == V{1, 2, 2, 3});
}

TEST_CASE("softmax and log_softmax", "[reduce]") {
  Tensor x = cube();
  Tensor s = softmax(x, 1);
  CHECK(close(slice(s, 1, 0, 1), V(8, 0.01587624102830887)));
  CHECK(close(slice(s, 1, 2, 3), V(8, 0.8668133616447449)));
  Tensor l = log_softmax(x, -1);
  CHECK(close(select(select(l, 0, 0), 0, 0), {-2.2873387336730957, -1.7873387336730957, -1.2873387336730957,
                                              -0.7873386740684509}));
  CHECK(values(softmax(tensor_f({1000, 0}), 0)) == V{1, 0});
  CHECK(close(softmax(tensor_f({-INFINITY, -INFINITY}), 0), {NAN, NAN}));
  CHECK_ERROR(softmax(tensor_i({1, 2}), 0), ErrorKind::Runtime,
              "\"softmax_lastdim_kernel_impl\" not implemented for 'Long'");
  CHECK(softmax(tensor_i({1, 2}), 0, DType::Float64).dtype() == DType::Float64);
}

TEST_CASE("equal, isclose, allclose", "[reduce]") {
  CHECK(equal(tensor_f({1, 2}), tensor_f({1, 2})));
  CHECK_FALSE(equal(tensor_f({1, 2}), tensor_f({1, 2, 3})));
  CHECK_FALSE(equal(tensor_f({NAN}), tensor_f({NAN})));
  CHECK(allclose(tensor_f({1, 2}), tensor_f({1 + 1e-6, 2})));
  CHECK_FALSE(allclose(tensor_f({1, 2}), tensor_f({1.01, 2})));
  CHECK(allclose(tensor_f({NAN, INFINITY}), tensor_f({NAN, INFINITY}), 1e-5, 1e-8, true));
  CHECK_FALSE(allclose(tensor_f({INFINITY}), tensor_f({-INFINITY})));
}

TEST_CASE("large reductions are accurate and use every element", "[reduce]") {
  Tensor big = full({1000, 1000}, 0.5);
  CHECK(sum(big).item().to_double() == 500000.0);
  CHECK(values(slice(sum(big, {0}), 0, 0, 3)) == V{500, 500, 500});  // column sums (vertical path)
  CHECK(values(slice(sum(big, {1}), 0, 0, 3)) == V{500, 500, 500});
  Tensor r = arange(100000, DType::Float64);
  CHECK(sum(r).item().to_double() == 4999950000.0);
  CHECK(mean(r).item().to_double() == 49999.5);
  CHECK(max(r).item().to_double() == 99999);
  CHECK(var(r).item().to_double() == Approx(833341666.6666666));
}
