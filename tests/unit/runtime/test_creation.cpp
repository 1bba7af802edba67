// Creation ops. Expected values were printed by PyTorch 1.13 (tolist()), and
// are compared exactly: arange/linspace reproduce PyTorch's float arithmetic.
#include "test_helpers.h"

using namespace tscript::rt;
using namespace tscript::rt::test;

TEST_CASE("zeros, ones, full, eye and their dtypes", "[creation]") {
  CHECK(zeros({2, 3}).dtype() == DType::Float32);
  CHECK(values(ones({2}, DType::Int32)) == std::vector<double>{1, 1});
  CHECK(full({2}, 7).dtype() == DType::Int64);
  CHECK(full({2}, true).dtype() == DType::Bool);
  CHECK(full({2}, 2.5).dtype() == DType::Float32);
  CHECK(values(eye(2, 3, DType::Int32)) == std::vector<double>{1, 0, 0, 0, 1, 0});
  CHECK(shape(eye(0)) == std::vector<int64_t>{0, 0});
  CHECK_ERROR(eye(-1), ErrorKind::Runtime, "n must be greater or equal to 0, got -1");
  CHECK_ERROR(zeros({-1, 2}), ErrorKind::Runtime, "Trying to create tensor with negative dimension -1: [-1, 2]");
  Tensor z = zeros({0, 3});
  CHECK(z.numel() == 0);
  CHECK(z.is_contiguous());
}

TEST_CASE("arange matches PyTorch bit for bit", "[creation]") {
  CHECK(arange(5).dtype() == DType::Int64);
  CHECK(arange(5.0).dtype() == DType::Float32);
  CHECK(values(arange(0, 1, 0.1)) ==
        std::vector<double>{0.0, 0.10000000149011612, 0.20000000298023224, 0.30000001192092896, 0.4000000059604645,
                            0.5, 0.6000000238418579, 0.699999988079071, 0.800000011920929, 0.8999999761581421});
  CHECK(values(arange(0.5, 10.1, 0.7)) ==
        std::vector<double>{0.5, 1.2000000476837158, 1.899999976158142, 2.5999999046325684, 3.299999952316284, 4.0,
                            4.699999809265137, 5.400000095367432, 6.099999904632568, 6.800000190734863, 7.5,
                            8.199999809265137, 8.899999618530273, 9.600000381469727});
  CHECK(values(arange(-2.5, 3, 0.35, DType::Float64)) ==
        std::vector<double>{-2.5, -2.15, -1.8, -1.4500000000000002, -1.1, -0.7500000000000001,
                            -0.40000000000000013, -0.050000000000000155, 0.2999999999999998, 0.6499999999999998,
                            0.9999999999999998, 1.3499999999999996, 1.6999999999999997, 2.05, 2.3999999999999995,
                            2.7499999999999996});
  CHECK(values(arange(10, 0, -3)) == std::vector<double>{10, 7, 4, 1});
  CHECK_ERROR(arange(0, 10, 0), ErrorKind::Runtime, "step must be nonzero");
  CHECK_ERROR(arange(10, 0, 1), ErrorKind::Runtime, "upper bound and larger bound inconsistent with step sign");
  CHECK_ERROR(arange(1, 2.5, 0.5, DType::Int64), ErrorKind::Runtime, "step must be nonzero");
}

TEST_CASE("linspace matches PyTorch bit for bit", "[creation]") {
  CHECK(values(linspace(-1, 1, 7)) == std::vector<double>{-1.0, -0.6666666269302368, -0.3333333134651184,
                                                          -2.9802322387695312e-08, 0.3333333134651184,
                                                          0.6666666269302368, 1.0});
  Tensor l = linspace(0, 1, 20);
  CHECK(l.double_at(5) == 0.2631579041481018);
  CHECK(l.double_at(8) == 0.42105263471603394);
  CHECK(values(linspace(0.1, 0.9, 33)) ==
        std::vector<double>{0.10000000149011612, 0.125, 0.15000000596046448, 0.17499999701976776,
                            0.19999998807907104, 0.22499999403953552, 0.25, 0.2749999761581421, 0.29999998211860657,
                            0.32499998807907104, 0.34999996423721313, 0.3749999701976776, 0.3999999761581421,
                            0.42499998211860657, 0.44999998807907104, 0.47499996423721313, 0.5, 0.5249999761581421,
                            0.550000011920929, 0.574999988079071, 0.6000000238418579, 0.625, 0.6499999761581421,
                            0.6749999523162842, 0.699999988079071, 0.7249999642372131, 0.75, 0.7749999761581421,
                            0.7999999523162842, 0.824999988079071, 0.8499999642372131, 0.875, 0.8999999761581421});
  CHECK(values(linspace(0, 10, 5, DType::Int64)) == std::vector<double>{0, 2, 5, 7, 10});
  CHECK(values(linspace(-3, 7, 17, DType::Int32)) ==
        std::vector<double>{-3, -2, -1, -1, 0, 0, 0, 1, 2, 2, 3, 3, 4, 5, 5, 6, 7});
  CHECK(linspace(3, 5, 1).double_at(0) == 3);
  CHECK(linspace(3, 5, 0).numel() == 0);
  CHECK_ERROR(linspace(0, 1, -1), ErrorKind::Runtime, "number of steps must be non-negative");
}

TEST_CASE("like-constructors, scalars, from_data", "[creation]") {
  Tensor a = arange(6, DType::Int32);
  CHECK(zeros_like(a).dtype() == DType::Int32);
  CHECK(full_like(a, 2.7).int_at(0) == 2);  // converted to the tensor's dtype
  CHECK(ones_like(a, DType::Float64).dtype() == DType::Float64);
  Tensor w = wrap_scalar(3);
  CHECK(w.impl()->is_wrapped_number());
  CHECK(w.dtype() == DType::Int64);
  double data[4] = {1.5, -2.5, 3.7, 0};
  Tensor t = from_data(data, DType::Float64, {2, 2}, DType::Int32);
  CHECK(values(t) == std::vector<double>{1, -2, 3, 0});  // truncation toward zero
  Tensor h = from_data(data, DType::Float64, {4}, DType::Float16);
  CHECK(h.double_at(2) == 3.69921875);
  CHECK(from_data(data, DType::Float64, {4}, DType::Bool).int_at(1) == 1);
}

TEST_CASE("requires_grad flag on creation", "[creation]") {
  TensorOptions o(DType::Float32);
  o.requires_grad = true;
  CHECK(zeros({2}, o).requires_grad());
  TensorOptions bad(DType::Int64);
  bad.requires_grad = true;
  CHECK_ERROR(zeros({2}, bad), ErrorKind::Runtime,
              "Only Tensors of floating point and complex dtype can require gradients");
}

TEST_CASE("float to integer conversion matches PyTorch on x86", "[creation]") {
  Tensor x = tensor_f({3e9, NAN, -1.5, 300, 1e20});
  CHECK(values(to(x, DType::Int32)) == std::vector<double>{-2147483648., -2147483648., -1, 300, -2147483648.});
  CHECK(values(to(x, DType::UInt8)) == std::vector<double>{0, 0, 255, 44, 0});
  CHECK(values(to(x, DType::Int8)) == std::vector<double>{0, 0, -1, 44, 0});
  CHECK(to(x, DType::Int64).int_at(0) == 3000000000);
  CHECK(to(x, DType::Int64).int_at(1) == INT64_MIN);
  CHECK(to(x, DType::Int64).int_at(4) == INT64_MIN);
  CHECK_ERROR(empty({int64_t{1} << 40, int64_t{1} << 30}), ErrorKind::Runtime, "numel: integer multiplication overflow");
}
