// Unary elementwise ops against PyTorch 1.13 (values from tolist()).
#include "test_helpers.h"

using namespace tscript::rt;
using namespace tscript::rt::test;

namespace {
using V = std::vector<double>;
Tensor sample() { return tensor_f({-2.5, -0.5, 0.0, 0.5, 1.5, 2.5, 3.7}); }
}  // namespace

TEST_CASE("floating functions", "[unary]") {
  Tensor x = sample();
  CHECK(close(exp(x), {0.08208499848842621, 0.6065306663513184, 1.0, 1.6487212181091309, 4.481688976287842,
                       12.182494163513184, 40.44730758666992}));
  CHECK(close(log1p(x), {NAN, -0.6931471824645996, 0.0, 0.40546509623527527, 0.9162907600402832, 1.2527629137039185,
                         1.5475624799728394}));
  CHECK(close(sqrt(x), {NAN, NAN, 0.0, 0.7071067690849304, 1.2247449159622192, 1.5811388492584229,
                        1.9235384464263916}));
  CHECK(close(sigmoid(x), {0.07585817575454712, 0.3775406777858734, 0.5, 0.622459352016449, 0.8175744414329529,
                           0.9241418242454529, 0.9758729934692383}));
  CHECK(close(tanh(x), {-0.9866142868995667, -0.46211716532707214, 0.0, 0.46211716532707214, 0.9051482677459717,
                        0.9866142868995667, 0.998778223991394}));
  CHECK(close(reciprocal(x), {-0.4000000059604645, -2.0, INFINITY, 2.0, 0.6666666865348816, 0.4000000059604645,
                              0.2702702581882477}));
  CHECK(close(rsqrt(x), {NAN, NAN, INFINITY, 1.4142135381698608, 0.8164965510368347, 0.6324555277824402,
                         0.5198752284049988}));
  CHECK(close(erf(x), {-0.9995930194854736, -0.5204998850822449, 0.0, 0.5204998850822449, 0.9661051630973816,
                       0.9995930194854736, 0.9999998211860657}));
  CHECK(close(sin(x), {-0.5984721183776855, -0.4794255495071411, 0.0, 0.4794255495071411, 0.9974949955940247,
                       0.5984721183776855, -0.5298361778259277}));
  CHECK(close(gelu(x), {-0.015524178743362427, -0.1542687863111496, 0.0, 0.3457311987876892, 1.3997890949249268,
                        2.48447585105896, 3.699601173400879}));
  CHECK(close(gelu(x, "tanh"), {-0.015084296464920044, -0.1542859971523285, 0.0, 0.3457140028476715,
                                1.3995715379714966, 2.4849157333374023, 3.69972825050354}));
  CHECK(close(silu(x), {-0.189645454287529, -0.1887703388929367, 0.0, 0.3112296760082245, 1.226361632347107,
                        2.310354471206665, 3.6107301712036133}));
  CHECK(close(leaky_relu(x, 0.1), {-0.25, -0.05000000074505806, 0.0, 0.5, 1.5, 2.5, 3.700000047683716}));
}

TEST_CASE("rounding and sign", "[unary]") {
  Tensor x = sample();
  CHECK(values(round(x)) == V{-2.0, -0.0, 0.0, 0.0, 2.0, 2.0, 4.0});  // half to even
  CHECK(std::signbit(round(x).double_at(1)));                          // -0.5 rounds to -0.
  CHECK(values(floor(x)) == V{-3.0, -1.0, 0.0, 0.0, 1.0, 2.0, 3.0});
  CHECK(values(ceil(x)) == V{-2.0, -0.0, 0.0, 1.0, 2.0, 3.0, 4.0});
  CHECK(values(sign(x)) == V{-1.0, -1.0, 0.0, 1.0, 1.0, 1.0, 1.0});
  CHECK(close(relu(x), {0.0, 0.0, 0.0, 0.5, 1.5, 2.5, 3.700000047683716}));
  CHECK(close(round(tensor_f({1.2345, -2.5551, 1234.5}), 2), {1.2300000190734863, -2.559999942779541, 1234.5}));
  CHECK(values(round(tensor_f({1234.5, 1250.}), -2)) == V{1200.0, 1200.0});
  CHECK(values(sign(tensor_i({-3, 0, 2}))) == V{-1, 0, 1});
  CHECK(values(sign(tensor_f({NAN, -0.0}))) == V{0, 0});
}

TEST_CASE("unary dtype rules", "[unary]") {
  Tensor i = tensor_i({0, 1, 2});
  CHECK(exp(i).dtype() == DType::Float32);
  CHECK(close(exp(i), {1.0, 2.7182817459106445, 7.389056205749512}));
  CHECK(neg(i).dtype() == DType::Int64);
  CHECK(abs(tensor_i({-128}, DType::Int8)).int_at(0) == -128);  // wraps like PyTorch
  CHECK(square(tensor_b({1, 0})).dtype() == DType::Int64);
  CHECK(floor(i).dtype() == DType::Int64);
  CHECK(exp(tensor_f({1, 2}, DType::BFloat16)).dtype() == DType::BFloat16);
  CHECK(exp(tensor_f({1, 2}, DType::Float64)).dtype() == DType::Float64);
  CHECK(values(bitwise_not(tensor_i({0, 5}, DType::UInt8))) == V{255, 250});
  CHECK(values(bitwise_not(tensor_b({1, 0}))) == V{0, 1});
  CHECK_ERROR(neg(tensor_b({1})), ErrorKind::Runtime,
              "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, "
              "use the `~` or `logical_not()` operator instead.");
  CHECK_ERROR(abs(tensor_b({1})), ErrorKind::Runtime, "\"abs_cpu\" not implemented for 'Bool'");
  CHECK_ERROR(relu(tensor_b({1})), ErrorKind::Runtime, "Boolean inputs not supported for relu");
  CHECK_ERROR(floor(tensor_b({1})), ErrorKind::Runtime, "\"floor_vml_cpu\" not implemented for 'Bool'");
  CHECK_ERROR(bitwise_not(tensor_f({1})), ErrorKind::Runtime, "\"bitwise_not_cpu\" not implemented for 'Float'");
  CHECK_ERROR(frac(i), ErrorKind::Runtime, "\"frac_cpu\" not implemented for 'Long'");
}

TEST_CASE("predicates", "[unary]") {
  Tensor x = tensor_f({NAN, INFINITY, -INFINITY, 0, -1});
  CHECK(values(isnan(x)) == V{1, 0, 0, 0, 0});
  CHECK(values(isinf(x)) == V{0, 1, 1, 0, 0});
  CHECK(values(isfinite(x)) == V{0, 0, 0, 1, 1});
  CHECK(values(isposinf(x)) == V{0, 1, 0, 0, 0});
  CHECK(values(logical_not(x)) == V{0, 0, 0, 1, 0});
  CHECK(isnan(tensor_i({1})).dtype() == DType::Bool);
  CHECK(values(signbit(tensor_f({-0.0, 0.0, -2}, DType::BFloat16))) == V{1, 0, 1});
}

TEST_CASE("unary ops on non-contiguous and empty inputs", "[unary]") {
  Tensor x = reshape(arange(12, DType::Float32), {3, 4});
  Tensor y = neg(transpose(x, 0, 1));
  CHECK(y.is_contiguous());
  CHECK(values(y) == V{-0., -4, -8, -1, -5, -9, -2, -6, -10, -3, -7, -11});
  Tensor s = slice(x, 1, 0, std::nullopt, 3);  // columns 0 and 3
  CHECK(values(abs(neg(s))) == V{0, 3, 4, 7, 8, 11});
  CHECK(exp(zeros({0, 3})).numel() == 0);
  CHECK(exp(scalar_tensor(0.0)).item().to_double() == 1.0);
  // Large enough to run on several threads.
  Tensor big = full({100000}, 2.0);
  CHECK(sum(sqrt(big)).item().to_double() == Approx(100000 * std::sqrt(2.0)).epsilon(1e-6));
}

TEST_CASE("in-place unary ops", "[unary]") {
  Tensor x = tensor_f({1, 4, 9});
  int64_t v = x.version();
  sqrt_(x);
  CHECK(values(x) == V{1, 2, 3});
  CHECK(x.version() == v + 1);
  Tensor i = tensor_i({1, 2});
  CHECK_ERROR(exp_(i), ErrorKind::Runtime, "result type Float can't be cast to the desired output type Long");
  CHECK_ERROR(neg_(expand(tensor_f({1}), {3})), ErrorKind::Runtime,
              "unsupported operation: more than one element of the written-to tensor refers to a single memory "
              "location. Please clone() the tensor before performing the operation.");
  Tensor m = reshape(arange(6, DType::Float32), {2, 3});
  neg_(transpose(m, 0, 1));
  CHECK(values(m) == V{-0., -1, -2, -3, -4, -5});
}
