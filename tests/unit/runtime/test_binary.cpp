// Binary ops: values, Python-style division, broadcasting, type promotion,
// in-place rules and aliasing; expected values from PyTorch 1.13.
#include "test_helpers.h"

using namespace tscript::rt;
using namespace tscript::rt::test;

namespace {
using V = std::vector<double>;
}

TEST_CASE("float arithmetic with Python division semantics", "[binary]") {
  Tensor a = tensor_f({-7.5, -2., 0., 3., 7.5});
  Tensor b = tensor_f({2., -3., 0., 2., -2.});
  CHECK(close(floor_divide(a, b), {-4.0, 0.0, NAN, 1.0, -4.0}));
  CHECK(close(remainder(a, b), {0.5, -2.0, NAN, 1.0, -0.5}));
  CHECK(close(fmod(a, b), {-1.5, -2.0, NAN, 1.0, 1.5}));
  CHECK(close(div(a, b), {-3.75, 0.6666666865348816, NAN, 1.5, -3.75}));
  CHECK(close(pow(a, b), {56.25, -0.125, 1.0, 9.0, 0.017777778208255768}));
  CHECK(close(atan2(a, b), {-1.3101938962936401, -2.5535900592803955, 0.0, 0.9827937483787537, 1.8313987255096436}));
  CHECK(close(maximum(tensor_f({1, NAN, 3}), tensor_f({2, 1, NAN})), {2, NAN, NAN}));
  CHECK(close(fmax(tensor_f({1, NAN, 3}), tensor_f({2, 1, NAN})), {2, 1, 3}));
  CHECK(close(add(tensor_f({1, 2}), tensor_f({3, 4}), 0.5), {2.5, 4.0}));
}

TEST_CASE("integer arithmetic", "[binary]") {
  Tensor i = tensor_i({-7, -2, 0, 3, 7});
  Tensor j = tensor_i({2, -3, 1, 2, -2});
  CHECK(values(floor_divide(i, j)) == V{-4, 0, 0, 1, -4});
  CHECK(values(remainder(i, j)) == V{1, -2, 0, 1, -1});
  CHECK(values(fmod(i, j)) == V{-1, -2, 0, 1, 1});
  CHECK(div(i, j).dtype() == DType::Float32);
  CHECK(close(div(i, j), {-3.5, 0.6666666865348816, 0.0, 1.5, -3.5}));
  CHECK(values(div(i, j, "trunc")) == V{-3, 0, 0, 1, -3});
  CHECK(values(pow(i, tensor_i({2, 3, 0, 1, 2}))) == V{49, -8, 1, 3, 49});
  CHECK(values(pow(tensor_i({5, -3, 0}), tensor_i({-1, -1, -1}))) == V{0, 0, 0});
  CHECK(values(sub(tensor_i({1, 2}), Scalar(3), 2)) == V{-5, -4});
  CHECK(add(tensor_i({127}, DType::Int8), Scalar(1)).int_at(0) == -128);  // wraps
  CHECK(mul(tensor_i({int64_t{1} << 62}), Scalar(4)).int_at(0) == 0);
  CHECK(values(bitwise_right_shift(tensor_i({5, -3}), Scalar(1))) == V{2, -2});
  CHECK(values(bitwise_left_shift(tensor_i({5}, DType::UInt8), Scalar(9))) == V{0});
  CHECK(values(bitwise_right_shift(tensor_i({-5}), Scalar(70))) == V{-1});
  CHECK(values(bitwise_and(tensor_i({6}), Scalar(3))) == V{2});
  CHECK_ERROR(floor_divide(i, Scalar(0)), ErrorKind::Runtime, "ZeroDivisionError");
  CHECK_ERROR(remainder(i, Scalar(0)), ErrorKind::Runtime, "ZeroDivisionError");
  CHECK(floor_divide(tensor_i({INT64_MIN}), Scalar(-1)).int_at(0) == INT64_MIN);  // no crash, wraps
  CHECK_ERROR(pow(i, Scalar(-1)), ErrorKind::Runtime, "Integers to negative integer powers are not allowed.");
  CHECK_ERROR(div(i, Scalar(2), std::string("x")), ErrorKind::Runtime,
              "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found 'x'");
}

TEST_CASE("type promotion in binary ops", "[binary]") {
  Tensor i32 = tensor_i({1}, DType::Int32);
  CHECK(add(i32, Scalar(2.5)).dtype() == DType::Float32);
  CHECK(add(i32, scalar_tensor(2.5, DType::Float64)).dtype() == DType::Float64);
  CHECK(add(i32, scalar_tensor(2, DType::Int64)).dtype() == DType::Int32);
  CHECK(add(tensor_f({1}, DType::Float16), Scalar(2.5)).dtype() == DType::Float16);
  CHECK(values(sub(tensor_i({1, 2}, DType::UInt8), Scalar(3))) == V{254, 255});
  CHECK(add(tensor_b({1}), Scalar(true)).dtype() == DType::Bool);
  CHECK(mul(tensor_b({1}), Scalar(2.5)).dtype() == DType::Float32);
  CHECK(div(tensor_b({1}), tensor_b({1})).dtype() == DType::Float32);
  CHECK(bitwise_left_shift(tensor_b({1, 0}), Scalar(1)).dtype() == DType::Int64);
  CHECK(values(lt(tensor_i({1, 2, 3}), Scalar(2.5))) == V{1, 1, 0});
  CHECK(values(eq(tensor_i({1, 2}), tensor_f({1., 2.5}))) == V{1, 0});
  CHECK(values(logical_and(tensor_i({5, -3, 0}), tensor_f({1, 0, 1}))) == V{1, 0, 0});
  CHECK(add(wrap_scalar(1), wrap_scalar(2.5)).dtype() == DType::Float32);
}

TEST_CASE("binary op errors", "[binary]") {
  Tensor b = tensor_b({1, 0});
  CHECK_ERROR(sub(b, b), ErrorKind::Runtime,
              "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or "
              "`logical_xor()` operator instead.");
  CHECK_ERROR(sub(b, Scalar(1)), ErrorKind::Runtime,
              "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a "
              "mask, use the `~` or `logical_not()` operator instead.");
  CHECK_ERROR(add(tensor_i({1}), tensor_i({1}), 1.5), ErrorKind::Runtime,
              "For integral input tensors, argument alpha must not be a floating point number.");
  CHECK_ERROR(bitwise_and(tensor_f({1}), tensor_f({1})), ErrorKind::Runtime,
              "\"bitwise_and_cpu\" not implemented for 'Float'");
  CHECK_ERROR(bitwise_and(tensor_i({1}), Scalar(1.5)), ErrorKind::Runtime,
              "\"bitwise_and_cpu\" not implemented for 'Float'");
  CHECK_ERROR(add(zeros({3}), zeros({4})), ErrorKind::Runtime,
              "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0");
  CHECK_ERROR(add(zeros({2, 3}), zeros({4, 3})), ErrorKind::Runtime,
              "The size of tensor a (2) must match the size of tensor b (4) at non-singleton dimension 0");
}

TEST_CASE("broadcasting and strided operands", "[binary]") {
  Tensor x = reshape(arange(6, DType::Float32), {2, 3});
  CHECK(values(add(x, tensor_f({10, 20, 30}))) == V{10, 21, 32, 13, 24, 35});
  Tensor col = reshape(tensor_f({1, 2, 3}), {3, 1});
  Tensor y = mul(transpose(x, 0, 1), col);
  CHECK(shape(y) == std::vector<int64_t>{3, 2});
  CHECK(values(y) == V{0, 3, 2, 8, 6, 15});
  CHECK(shape(add(zeros({2, 1, 4}), zeros({3, 1}))) == std::vector<int64_t>{2, 3, 4});
  CHECK(add(zeros({0, 3}), zeros({3})).numel() == 0);
  CHECK(add(scalar_tensor(1.0), scalar_tensor(2.0)).dim() == 0);
  // A big broadcast runs in parallel chunks; every element must be right.
  Tensor big = add(reshape(arange(1000, DType::Float64), {1000, 1}), reshape(arange(300, DType::Float64), {1, 300}));
  CHECK(big.double_at(999 * 300 + 299) == 1298);
  CHECK(sum(big).item().to_double() == 300.0 * 499500 + 1000.0 * 44850);
}

TEST_CASE("in-place binary ops", "[binary]") {
  Tensor a = ones({3});
  add_(a, tensor_f({0.1, 0.2, 0.3}, DType::Float64));  // computed in double, stored as float
  CHECK(values(a) == V{1.100000023841858, 1.2000000476837158, 1.2999999523162842});
  Tensor c = tensor_f({1, 2});
  eq_(c, tensor_f({1, 3}));
  CHECK(values(c) == V{1, 0});
  CHECK_ERROR(add_(tensor_i({1, 2}), Scalar(1.5)), ErrorKind::Runtime,
              "result type Float can't be cast to the desired output type Long");
  CHECK_ERROR(add_(tensor_b({1}), Scalar(1)), ErrorKind::Runtime,
              "result type Long can't be cast to the desired output type Bool");
  CHECK_ERROR(div_(tensor_i({1}), Scalar(2)), ErrorKind::Runtime,
              "result type Float can't be cast to the desired output type Long");
  CHECK_ERROR(add_(zeros({3}), zeros({2, 3})), ErrorKind::Runtime,
              "output with shape [3] doesn't match the broadcast shape [2, 3]");
  Tensor x = arange(6, DType::Float32);
  CHECK_ERROR(add_(slice(x, 0, 1, std::nullopt), slice(x, 0, 0, -1)), ErrorKind::Runtime,
              "unsupported operation: some elements of the input tensor and the written-to tensor refer to a "
              "single memory location. Please clone() the tensor before performing the operation.");
  CHECK_ERROR(add_(expand(zeros({1}), {3}), Scalar(1)), ErrorKind::Runtime,
              "unsupported operation: more than one element of the written-to tensor refers to a single memory "
              "location. Please clone() the tensor before performing the operation.");
  // Same tensor on both sides is fine (elementwise).
  Tensor y = tensor_f({1, 2});
  mul_(y, y);
  CHECK(values(y) == V{1, 4});
  // In place on a transposed view.
  Tensor m = reshape(arange(6, DType::Float32), {2, 3});
  add_(transpose(m, 0, 1), reshape(tensor_f({10, 20, 30}), {3, 1}));
  CHECK(values(m) == V{10, 21, 32, 13, 24, 35});
  int64_t v = m.version();
  mul_(m, Scalar(2));
  CHECK(m.version() == v + 1);
}
