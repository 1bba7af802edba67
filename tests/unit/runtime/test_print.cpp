// Tensor printing against PyTorch 1.13: every expected string below is
// repr(...) of the Python expression in the comment opening the test,
// produced by torch (CPU) and pasted in verbatim.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "runtime/ops/ops.h"
#include "runtime/tensor/print.h"

using namespace tscript::rt;

namespace {

constexpr double NAN_ = std::numeric_limits<double>::quiet_NaN();
constexpr double INF_ = std::numeric_limits<double>::infinity();

// shape {-1}: 1-D of the values' length; {}: 0-d.
Tensor F(std::vector<double> v, std::vector<int64_t> shape = {-1}, DType dtype = DType::Float32) {
  if (shape == std::vector<int64_t>{-1}) shape = {static_cast<int64_t>(v.size())};
  return from_data(v.data(), DType::Float64, shape, TensorOptions(dtype));
}
Tensor I(std::vector<int64_t> v, std::vector<int64_t> shape = {-1}, DType dtype = DType::Int64) {
  if (shape == std::vector<int64_t>{-1}) shape = {static_cast<int64_t>(v.size())};
  return from_data(v.data(), DType::Int64, shape, TensorOptions(dtype));
}
Tensor B(std::vector<int> v, std::vector<int64_t> shape = {-1}) {
  std::vector<uint8_t> bytes(v.begin(), v.end());
  if (shape == std::vector<int64_t>{-1}) shape = {static_cast<int64_t>(v.size())};
  return from_data(bytes.data(), DType::Bool, shape);
}

// Restores the print options and the default dtype a test changes.
struct Guard {
  PrintOptions saved = print_options();
  DType saved_dtype = default_dtype();
  ~Guard() {
    print_options() = saved;
    set_default_dtype(saved_dtype);
  }
};

}  // namespace

TEST_CASE("print: default options", "[print]") {
  PrintOptions o;
  CHECK(o.precision == 4);
  CHECK(o.threshold == 1000);
  CHECK(o.edgeitems == 3);
  CHECK(o.linewidth == 80);
  CHECK(!o.sci_mode.has_value());
}

TEST_CASE("print: data string only", "[print]") {
  Guard guard;
  CHECK(tensor_data_str(F({1.5, 2.0}), 7) == "[1.5000, 2.0000]");
  CHECK(tensor_data_str(F({3.5}, {}), 7) == "3.5000");
  CHECK(tensor_data_str(zeros({0, 3}), 7) == "[]");
  CHECK(tensor_data_str(I({1, 2, 3, 4}, {2, 2}), 0) == "[[1, 2],\n [3, 4]]");
}

// _str_intern puts device='...' first (not CPU: the default device), then dtype.
// No CUDA back end, so the storage is host memory labelled cuda:0.
TEST_CASE("print: device suffix", "[print]") {
  Guard guard;
  static float fdata[2] = {1.0f, 2.0f};
  static int32_t idata[2] = {1, 2};
  auto on_cuda = [](void* data, size_t nbytes, DType dtype, int64_t n) {
    Storage s = Storage::make(data, nbytes, Device(DeviceType::CUDA, 0), std::function<void(void*)>{});
    int64_t sizes[1] = {n}, strides[1] = {1};
    return Tensor(IntrusivePtr<TensorImpl>::make(s, dtype, IntArrayRef(sizes, 1), IntArrayRef(strides, 1), 0));
  };
  CHECK(tensor_repr(on_cuda(fdata, sizeof fdata, DType::Float32, 2)) == "tensor([1., 2.], device='cuda:0')");
  CHECK(tensor_repr(on_cuda(idata, sizeof idata, DType::Int32, 2), {"requires_grad=True"}) ==
        "tensor([1, 2], device='cuda:0', dtype=torch.int32, requires_grad=True)");
  CHECK(tensor_repr(on_cuda(fdata, 0, DType::Float32, 0)) == "tensor([], device='cuda:0')");
}

TEST_CASE("print: edgeitems 0 on 2-d fails like torch.stack", "[print]") {
  Guard guard;
  print_options().edgeitems = 0;
  print_options().threshold = 4;
  CHECK_THROWS_WITH(tensor_repr(reshape(arange(16), {4, 4})), "stack expects a non-empty TensorList");
}

// ---- generated from torch 1.13: repr(<python expression>) ----

TEST_CASE("print: int vector", "[print]") {
  // repr(torch.tensor([1, 2, 3]))
  Guard guard;
  Tensor t = I({1, 2, 3});
  CHECK(tensor_repr(t) == R"EXP(tensor([1, 2, 3]))EXP");
}

TEST_CASE("print: negative ints", "[print]") {
  // repr(torch.tensor([-1, 20, -300]))
  Guard guard;
  Tensor t = I({-1, 20, -300});
  CHECK(tensor_repr(t) == R"EXP(tensor([  -1,   20, -300]))EXP");
}

TEST_CASE("print: integer-valued floats", "[print]") {
  // repr(torch.tensor([1.0, 2.0, 3.0]))
  Guard guard;
  Tensor t = F({1.0, 2.0, 3.0});
  CHECK(tensor_repr(t) == R"EXP(tensor([1., 2., 3.]))EXP");
}

TEST_CASE("print: negative integer-valued floats", "[print]") {
  // repr(torch.tensor([-1.0, 2.0, -3.0]))
  Guard guard;
  Tensor t = F({-1.0, 2.0, -3.0});
  CHECK(tensor_repr(t) == R"EXP(tensor([-1.,  2., -3.]))EXP");
}

TEST_CASE("print: fractions", "[print]") {
  // repr(torch.tensor([0.1, 0.25, 1.0 / 3.0]))
  Guard guard;
  Tensor t = F({0.1, 0.25, 1.0 / 3.0});
  CHECK(tensor_repr(t) == R"EXP(tensor([0.1000, 0.2500, 0.3333]))EXP");
}

TEST_CASE("print: mixed widths", "[print]") {
  // repr(torch.tensor([-0.5, 123.456, 7.0]))
  Guard guard;
  Tensor t = F({-0.5, 123.456, 7.0});
  CHECK(tensor_repr(t) == R"EXP(tensor([ -0.5000, 123.4560,   7.0000]))EXP");
}

TEST_CASE("print: mixed widths 2", "[print]") {
  // repr(torch.tensor([100.0, 2.5, -0.125]))
  Guard guard;
  Tensor t = F({100.0, 2.5, -0.125});
  CHECK(tensor_repr(t) == R"EXP(tensor([100.0000,   2.5000,  -0.1250]))EXP");
}

TEST_CASE("print: 2-d floats", "[print]") {
  // repr(torch.tensor([[1.5, -2.25], [3.0, 40.125]]))
  Guard guard;
  Tensor t = F({1.5, -2.25, 3.0, 40.125}, {2, 2});
  CHECK(tensor_repr(t) == R"EXP(tensor([[ 1.5000, -2.2500],
        [ 3.0000, 40.1250]]))EXP");
}

TEST_CASE("print: 2-d ints", "[print]") {
  // repr(torch.tensor([[1, -2], [30, 4]]))
  Guard guard;
  Tensor t = I({1, -2, 30, 4}, {2, 2});
  CHECK(tensor_repr(t) == R"EXP(tensor([[ 1, -2],
        [30,  4]]))EXP");
}

TEST_CASE("print: 0-d int", "[print]") {
  // repr(torch.tensor(5))
  Guard guard;
  Tensor t = I({5}, {});
  CHECK(tensor_repr(t) == R"EXP(tensor(5))EXP");
}

TEST_CASE("print: 0-d float", "[print]") {
  // repr(torch.tensor(-2.5))
  Guard guard;
  Tensor t = F({-2.5}, {});
  CHECK(tensor_repr(t) == R"EXP(tensor(-2.5000))EXP");
}

TEST_CASE("print: 0-d integer-valued float", "[print]") {
  // repr(torch.tensor(3.0))
  Guard guard;
  Tensor t = F({3.0}, {});
  CHECK(tensor_repr(t) == R"EXP(tensor(3.))EXP");
}

TEST_CASE("print: 0-d bool", "[print]") {
  // repr(torch.tensor(True))
  Guard guard;
  Tensor t = B({1}, {});
  CHECK(tensor_repr(t) == R"EXP(tensor(True))EXP");
}

TEST_CASE("print: 0-d zero", "[print]") {
  // repr(torch.tensor(0.0))
  Guard guard;
  Tensor t = F({0.0}, {});
  CHECK(tensor_repr(t) == R"EXP(tensor(0.))EXP");
}

TEST_CASE("print: 0-d nan", "[print]") {
  // repr(torch.tensor(float('nan')))
  Guard guard;
  Tensor t = F({NAN_}, {});
  CHECK(tensor_repr(t) == R"EXP(tensor(nan))EXP");
}

TEST_CASE("print: 0-d -inf", "[print]") {
  // repr(torch.tensor(-float('inf')))
  Guard guard;
  Tensor t = F({-INF_}, {});
  CHECK(tensor_repr(t) == R"EXP(tensor(-inf))EXP");
}

TEST_CASE("print: 0-d negative zero", "[print]") {
  // repr(torch.tensor(-0.0))
  Guard guard;
  Tensor t = F({-0.0}, {});
  CHECK(tensor_repr(t) == R"EXP(tensor(-0.))EXP");
}

TEST_CASE("print: 0-d tiny", "[print]") {
  // repr(torch.tensor(1e-7))
  Guard guard;
  Tensor t = F({1e-7}, {});
  CHECK(tensor_repr(t) == R"EXP(tensor(1.0000e-07))EXP");
}

TEST_CASE("print: 0-d huge", "[print]") {
  // repr(torch.tensor(1e12))
  Guard guard;
  Tensor t = F({1e12}, {});
  CHECK(tensor_repr(t) == R"EXP(tensor(1.0000e+12))EXP");
}

TEST_CASE("print: 0-d negative tiny", "[print]") {
  // repr(torch.tensor(-3e-6))
  Guard guard;
  Tensor t = F({-3e-6}, {});
  CHECK(tensor_repr(t) == R"EXP(tensor(-3.0000e-06))EXP");
}

TEST_CASE("print: 0-d float64", "[print]") {
  // repr(torch.tensor(2.5, dtype=torch.float64))
  Guard guard;
  Tensor t = F({2.5}, {}, DType::Float64);
  CHECK(tensor_repr(t) == R"EXP(tensor(2.5000, dtype=torch.float64))EXP");
}

TEST_CASE("print: 0-d int32", "[print]") {
  // repr(torch.tensor(3, dtype=torch.int32))
  Guard guard;
  Tensor t = I({3}, {}, DType::Int32);
  CHECK(tensor_repr(t) == R"EXP(tensor(3, dtype=torch.int32))EXP");
}

TEST_CASE("print: empty float", "[print]") {
  // repr(torch.tensor([]))
  Guard guard;
  Tensor t = F({});
  CHECK(tensor_repr(t) == R"EXP(tensor([]))EXP");
}

TEST_CASE("print: empty int64", "[print]") {
  // repr(torch.zeros(0, dtype=torch.int64))
  Guard guard;
  Tensor t = zeros({0}, DType::Int64);
  CHECK(tensor_repr(t) == R"EXP(tensor([], dtype=torch.int64))EXP");
}

TEST_CASE("print: empty 2x0", "[print]") {
  // repr(torch.zeros(2, 0))
  Guard guard;
  Tensor t = zeros({2, 0});
  CHECK(tensor_repr(t) == R"EXP(tensor([], size=(2, 0)))EXP");
}

TEST_CASE("print: empty 0x3", "[print]") {
  // repr(torch.zeros(0, 3))
  Guard guard;
  Tensor t = zeros({0, 3});
  CHECK(tensor_repr(t) == R"EXP(tensor([], size=(0, 3)))EXP");
}

TEST_CASE("print: empty 0x3 float64", "[print]") {
  // repr(torch.zeros(0, 3, dtype=torch.float64))
  Guard guard;
  Tensor t = zeros({0, 3}, DType::Float64);
  CHECK(tensor_repr(t) == R"EXP(tensor([], size=(0, 3), dtype=torch.float64))EXP");
}

TEST_CASE("print: empty bool", "[print]") {
  // repr(torch.zeros(0, dtype=torch.bool))
  Guard guard;
  Tensor t = zeros({0}, DType::Bool);
  CHECK(tensor_repr(t) == R"EXP(tensor([], dtype=torch.bool))EXP");
}

TEST_CASE("print: empty 2x0x4 int32", "[print]") {
  // repr(torch.zeros(2, 0, 4, dtype=torch.int32))
  Guard guard;
  Tensor t = zeros({2, 0, 4}, DType::Int32);
  CHECK(tensor_repr(t) == R"EXP(tensor([], size=(2, 0, 4), dtype=torch.int32))EXP");
}

TEST_CASE("print: empty float16", "[print]") {
  // repr(torch.zeros(0, dtype=torch.float16))
  Guard guard;
  Tensor t = zeros({0}, DType::Float16);
  CHECK(tensor_repr(t) == R"EXP(tensor([], dtype=torch.float16))EXP");
}

TEST_CASE("print: empty requires_grad", "[print]") {
  // repr(torch.zeros(0, 3, requires_grad=True))
  Guard guard;
  Tensor t = zeros({0, 3});
  CHECK(tensor_repr(t, {"requires_grad=True"}) == R"EXP(tensor([], size=(0, 3), requires_grad=True))EXP");
}

TEST_CASE("print: bool vector", "[print]") {
  // repr(torch.tensor([True, False]))
  Guard guard;
  Tensor t = B({1, 0});
  CHECK(tensor_repr(t) == R"EXP(tensor([ True, False]))EXP");
}

TEST_CASE("print: bool column", "[print]") {
  // repr(torch.tensor([[True], [False]]))
  Guard guard;
  Tensor t = B({1, 0}, {2, 1});
  CHECK(tensor_repr(t) == R"EXP(tensor([[ True],
        [False]]))EXP");
}

TEST_CASE("print: all true", "[print]") {
  // repr(torch.tensor([True, True]))
  Guard guard;
  Tensor t = B({1, 1});
  CHECK(tensor_repr(t) == R"EXP(tensor([True, True]))EXP");
}

TEST_CASE("print: float64", "[print]") {
  // repr(torch.tensor([1.0, 2.0], dtype=torch.float64))
  Guard guard;
  Tensor t = F({1.0, 2.0}, {2}, DType::Float64);
  CHECK(tensor_repr(t) == R"EXP(tensor([1., 2.], dtype=torch.float64))EXP");
}

TEST_CASE("print: float64 fractions", "[print]") {
  // repr(torch.tensor([1.25, -2.5], dtype=torch.float64))
  Guard guard;
  Tensor t = F({1.25, -2.5}, {2}, DType::Float64);
  CHECK(tensor_repr(t) == R"EXP(tensor([ 1.2500, -2.5000], dtype=torch.float64))EXP");
}

TEST_CASE("print: int32", "[print]") {
  // repr(torch.tensor([1, 2], dtype=torch.int32))
  Guard guard;
  Tensor t = I({1, 2}, {2}, DType::Int32);
  CHECK(tensor_repr(t) == R"EXP(tensor([1, 2], dtype=torch.int32))EXP");
}

TEST_CASE("print: int16", "[print]") {
  // repr(torch.tensor([1, 2], dtype=torch.int16))
  Guard guard;
  Tensor t = I({1, 2}, {2}, DType::Int16);
  CHECK(tensor_repr(t) == R"EXP(tensor([1, 2], dtype=torch.int16))EXP");
}

TEST_CASE("print: int8", "[print]") {
  // repr(torch.tensor([-128, 127], dtype=torch.int8))
  Guard guard;
  Tensor t = I({-128, 127}, {2}, DType::Int8);
  CHECK(tensor_repr(t) == R"EXP(tensor([-128,  127], dtype=torch.int8))EXP");
}

TEST_CASE("print: uint8", "[print]") {
  // repr(torch.tensor([0, 7, 255], dtype=torch.uint8))
  Guard guard;
  Tensor t = I({0, 7, 255}, {3}, DType::UInt8);
  CHECK(tensor_repr(t) == R"EXP(tensor([  0,   7, 255], dtype=torch.uint8))EXP");
}

TEST_CASE("print: int64 extremes", "[print]") {
  // repr(torch.tensor([-2**63, 2**63 - 1]))
  Guard guard;
  Tensor t = I({INT64_MIN, INT64_MAX});
  CHECK(tensor_repr(t) == R"EXP(tensor([-9223372036854775808,  9223372036854775807]))EXP");
}

TEST_CASE("print: requires_grad", "[print]") {
  // repr(torch.tensor([[1.0, 2.0]], requires_grad=True))
  Guard guard;
  Tensor t = F({1.0, 2.0}, {1, 2});
  CHECK(tensor_repr(t, {"requires_grad=True"}) == R"EXP(tensor([[1., 2.]], requires_grad=True))EXP");
}

TEST_CASE("print: float64 requires_grad", "[print]") {
  // repr(torch.tensor([0.5], dtype=torch.float64, requires_grad=True))
  Guard guard;
  Tensor t = F({0.5}, {1}, DType::Float64);
  CHECK(tensor_repr(t, {"requires_grad=True"}) == R"EXP(tensor([0.5000], dtype=torch.float64, requires_grad=True))EXP");
}

TEST_CASE("print: grad_fn", "[print]") {
  // repr(torch.arange(4.0, requires_grad=True) * 1.5)
  Guard guard;
  Tensor t = mul(arange(Scalar(4.0)), Scalar(1.5));
  CHECK(tensor_repr(t, {"grad_fn=<MulBackward0>"}) == R"EXP(tensor([0.0000, 1.5000, 3.0000, 4.5000], grad_fn=<MulBackward0>))EXP");
}

TEST_CASE("print: 3-d ints", "[print]") {
  // repr(torch.arange(24).reshape(2, 3, 4))
  Guard guard;
  Tensor t = reshape(arange(24), {2, 3, 4});
  CHECK(tensor_repr(t) == R"EXP(tensor([[[ 0,  1,  2,  3],
         [ 4,  5,  6,  7],
         [ 8,  9, 10, 11]],

        [[12, 13, 14, 15],
         [16, 17, 18, 19],
         [20, 21, 22, 23]]]))EXP");
}

TEST_CASE("print: 3-d floats", "[print]") {
  // repr(torch.arange(12, dtype=torch.float32).reshape(3, 2, 2) / 4)
  Guard guard;
  Tensor t = div(reshape(arange(12, DType::Float32), {3, 2, 2}), Scalar(4));
  CHECK(tensor_repr(t) == R"EXP(tensor([[[0.0000, 0.2500],
         [0.5000, 0.7500]],

        [[1.0000, 1.2500],
         [1.5000, 1.7500]],

        [[2.0000, 2.2500],
         [2.5000, 2.7500]]]))EXP");
}

TEST_CASE("print: 4-d ones", "[print]") {
  // repr(torch.ones(2, 1, 1, 2))
  Guard guard;
  Tensor t = ones({2, 1, 1, 2});
  CHECK(tensor_repr(t) == R"EXP(tensor([[[[1., 1.]]],


        [[[1., 1.]]]]))EXP");
}

TEST_CASE("print: 5-d", "[print]") {
  // repr(torch.arange(32).reshape(2, 2, 2, 2, 2))
  Guard guard;
  Tensor t = reshape(arange(32), {2, 2, 2, 2, 2});
  CHECK(tensor_repr(t) == R"EXP(tensor([[[[[ 0,  1],
           [ 2,  3]],

          [[ 4,  5],
           [ 6,  7]]],


         [[[ 8,  9],
           [10, 11]],

          [[12, 13],
           [14, 15]]]],



        [[[[16, 17],
           [18, 19]],

          [[20, 21],
           [22, 23]]],


         [[[24, 25],
           [26, 27]],

          [[28, 29],
           [30, 31]]]]]))EXP");
}

TEST_CASE("print: sci 2-d", "[print]") {
  // repr(torch.tensor([[0.001, 0.5], [12.0, -3.75]]))
  Guard guard;
  Tensor t = F({0.001, 0.5, 12.0, -3.75}, {2, 2});
  CHECK(tensor_repr(t) == R"EXP(tensor([[ 1.0000e-03,  5.0000e-01],
        [ 1.2000e+01, -3.7500e+00]]))EXP");
}

TEST_CASE("print: thousands int mode", "[print]") {
  // repr(torch.tensor([1e3, 2e3, 3.5e3]))
  Guard guard;
  Tensor t = F({1e3, 2e3, 3.5e3});
  CHECK(tensor_repr(t) == R"EXP(tensor([1000., 2000., 3500.]))EXP");
}

TEST_CASE("print: 99999", "[print]") {
  // repr(torch.tensor([99999.0, 1.0]))
  Guard guard;
  Tensor t = F({99999.0, 1.0});
  CHECK(tensor_repr(t) == R"EXP(tensor([9.9999e+04, 1.0000e+00]))EXP");
}

TEST_CASE("print: 123456", "[print]") {
  // repr(torch.tensor([123456.0, 0.5]))
  Guard guard;
  Tensor t = F({123456.0, 0.5});
  CHECK(tensor_repr(t) == R"EXP(tensor([1.2346e+05, 5.0000e-01]))EXP");
}

TEST_CASE("print: 0.00011", "[print]") {
  // repr(torch.tensor([0.00011, 0.5]))
  Guard guard;
  Tensor t = F({0.00011, 0.5});
  CHECK(tensor_repr(t) == R"EXP(tensor([1.1000e-04, 5.0000e-01]))EXP");
}

TEST_CASE("print: nan inf int mode", "[print]") {
  // repr(torch.tensor([1.0, float('nan'), float('inf'), -float('inf')]))
  Guard guard;
  Tensor t = F({1.0, NAN_, INF_, -INF_});
  CHECK(tensor_repr(t) == R"EXP(tensor([1., nan, inf, -inf]))EXP");
}

TEST_CASE("print: 2 and nan", "[print]") {
  // repr(torch.tensor([2.0, float('nan')]))
  Guard guard;
  Tensor t = F({2.0, NAN_});
  CHECK(tensor_repr(t) == R"EXP(tensor([2., nan]))EXP");
}

TEST_CASE("print: fraction and nan", "[print]") {
  // repr(torch.tensor([0.5, float('nan'), -float('inf')]))
  Guard guard;
  Tensor t = F({0.5, NAN_, -INF_});
  CHECK(tensor_repr(t) == R"EXP(tensor([0.5000,    nan,   -inf]))EXP");
}

TEST_CASE("print: sci and nan", "[print]") {
  // repr(torch.tensor([1e-5, float('nan'), float('inf')]))
  Guard guard;
  Tensor t = F({1e-5, NAN_, INF_});
  CHECK(tensor_repr(t) == R"EXP(tensor([1.0000e-05,        nan,        inf]))EXP");
}

TEST_CASE("print: only nan", "[print]") {
  // repr(torch.tensor([float('nan'), float('nan')]))
  Guard guard;
  Tensor t = F({NAN_, NAN_});
  CHECK(tensor_repr(t) == R"EXP(tensor([nan, nan]))EXP");
}

TEST_CASE("print: only inf", "[print]") {
  // repr(torch.tensor([float('inf'), -float('inf')]))
  Guard guard;
  Tensor t = F({INF_, -INF_});
  CHECK(tensor_repr(t) == R"EXP(tensor([inf, -inf]))EXP");
}

TEST_CASE("print: negative nan", "[print]") {
  // repr(torch.zeros(2) / 0)
  Guard guard;
  Tensor t = div(zeros({2}), Scalar(0));
  CHECK(tensor_repr(t) == R"EXP(tensor([nan, nan]))EXP");
}

TEST_CASE("print: signed zeros", "[print]") {
  // repr(torch.tensor([-0.0, 0.0, 1.0]))
  Guard guard;
  Tensor t = F({-0.0, 0.0, 1.0});
  CHECK(tensor_repr(t) == R"EXP(tensor([-0., 0., 1.]))EXP");
}

TEST_CASE("print: linspace", "[print]") {
  // repr(torch.linspace(0, 1, 7))
  Guard guard;
  Tensor t = linspace(0, 1, 7);
  CHECK(tensor_repr(t) == R"EXP(tensor([0.0000, 0.1667, 0.3333, 0.5000, 0.6667, 0.8333, 1.0000]))EXP");
}

TEST_CASE("print: 3x10 ints", "[print]") {
  // repr(torch.arange(30).reshape(3, 10))
  Guard guard;
  Tensor t = reshape(arange(30), {3, 10});
  CHECK(tensor_repr(t) == R"EXP(tensor([[ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9],
        [10, 11, 12, 13, 14, 15, 16, 17, 18, 19],
        [20, 21, 22, 23, 24, 25, 26, 27, 28, 29]]))EXP");
}

TEST_CASE("print: 5x6 floats", "[print]") {
  // repr(torch.arange(30.0).reshape(5, 6) - 10)
  Guard guard;
  Tensor t = sub(reshape(arange(Scalar(30.0)), {5, 6}), Scalar(10));
  CHECK(tensor_repr(t) == R"EXP(tensor([[-10.,  -9.,  -8.,  -7.,  -6.,  -5.],
        [ -4.,  -3.,  -2.,  -1.,   0.,   1.],
        [  2.,   3.,   4.,   5.,   6.,   7.],
        [  8.,   9.,  10.,  11.,  12.,  13.],
        [ 14.,  15.,  16.,  17.,  18.,  19.]]))EXP");
}

TEST_CASE("print: 1e-5", "[print]") {
  // repr(torch.tensor([1e-5, 2e-5]))
  Guard guard;
  Tensor t = F({1e-5, 2e-5});
  CHECK(tensor_repr(t) == R"EXP(tensor([1.0000e-05, 2.0000e-05]))EXP");
}

TEST_CASE("print: 1e-4", "[print]") {
  // repr(torch.tensor([0.0001, 0.0002]))
  Guard guard;
  Tensor t = F({0.0001, 0.0002});
  CHECK(tensor_repr(t) == R"EXP(tensor([1.0000e-04, 2.0000e-04]))EXP");
}

TEST_CASE("print: 1e8", "[print]") {
  // repr(torch.tensor([1e8, 2e8]))
  Guard guard;
  Tensor t = F({1e8, 2e8});
  CHECK(tensor_repr(t) == R"EXP(tensor([1.0000e+08, 2.0000e+08]))EXP");
}

TEST_CASE("print: 1e9 and 1", "[print]") {
  // repr(torch.tensor([1e9, 1.0]))
  Guard guard;
  Tensor t = F({1e9, 1.0});
  CHECK(tensor_repr(t) == R"EXP(tensor([1.0000e+09, 1.0000e+00]))EXP");
}

TEST_CASE("print: 12345678", "[print]") {
  // repr(torch.tensor([12345678.0, 1.0]))
  Guard guard;
  Tensor t = F({12345678.0, 1.0});
  CHECK(tensor_repr(t) == R"EXP(tensor([1.2346e+07, 1.0000e+00]))EXP");
}

TEST_CASE("print: ratio 1000", "[print]") {
  // repr(torch.tensor([1.0, 1000.0]))
  Guard guard;
  Tensor t = F({1.0, 1000.0});
  CHECK(tensor_repr(t) == R"EXP(tensor([   1., 1000.]))EXP");
}

TEST_CASE("print: ratio 1001", "[print]") {
  // repr(torch.tensor([1.0, 1001.0]))
  Guard guard;
  Tensor t = F({1.0, 1001.0});
  CHECK(tensor_repr(t) == R"EXP(tensor([1.0000e+00, 1.0010e+03]))EXP");
}

TEST_CASE("print: ratio fractions", "[print]") {
  // repr(torch.tensor([0.5, 1500.0, -2.0]))
  Guard guard;
  Tensor t = F({0.5, 1500.0, -2.0});
  CHECK(tensor_repr(t) == R"EXP(tensor([ 5.0000e-01,  1.5000e+03, -2.0000e+00]))EXP");
}

TEST_CASE("print: 1e-10..1e10", "[print]") {
  // repr(torch.tensor([1e-10, 1.0, 1e10]))
  Guard guard;
  Tensor t = F({1e-10, 1.0, 1e10});
  CHECK(tensor_repr(t) == R"EXP(tensor([1.0000e-10, 1.0000e+00, 1.0000e+10]))EXP");
}

TEST_CASE("print: tiny and zero", "[print]") {
  // repr(torch.tensor([1e-5, 0.0]))
  Guard guard;
  Tensor t = F({1e-5, 0.0});
  CHECK(tensor_repr(t) == R"EXP(tensor([1.0000e-05, 0.0000e+00]))EXP");
}

TEST_CASE("print: zeros", "[print]") {
  // repr(torch.tensor([0.0, 0.0]))
  Guard guard;
  Tensor t = F({0.0, 0.0});
  CHECK(tensor_repr(t) == R"EXP(tensor([0., 0.]))EXP");
}

TEST_CASE("print: 2-d sci", "[print]") {
  // repr(torch.tensor([[1e-3, 1e3], [1e5, -1e-2]]))
  Guard guard;
  Tensor t = F({1e-3, 1e3, 1e5, -1e-2}, {2, 2});
  CHECK(tensor_repr(t) == R"EXP(tensor([[ 1.0000e-03,  1.0000e+03],
        [ 1.0000e+05, -1.0000e-02]]))EXP");
}

TEST_CASE("print: 1e20 float64", "[print]") {
  // repr(torch.tensor([1e20, -1e20], dtype=torch.float64))
  Guard guard;
  Tensor t = F({1e20, -1e20}, {2}, DType::Float64);
  CHECK(tensor_repr(t) == R"EXP(tensor([ 1.0000e+20, -1.0000e+20], dtype=torch.float64))EXP");
}

TEST_CASE("print: 1.5e-8 float64", "[print]") {
  // repr(torch.tensor([1.5e-8, 2.5], dtype=torch.float64))
  Guard guard;
  Tensor t = F({1.5e-8, 2.5}, {2}, DType::Float64);
  CHECK(tensor_repr(t) == R"EXP(tensor([1.5000e-08, 2.5000e+00], dtype=torch.float64))EXP");
}

TEST_CASE("print: millions", "[print]") {
  // repr(torch.tensor([1e6, 2e6, 3e6]))
  Guard guard;
  Tensor t = F({1e6, 2e6, 3e6});
  CHECK(tensor_repr(t) == R"EXP(tensor([1000000., 2000000., 3000000.]))EXP");
}

TEST_CASE("print: 1e7 and 2.5", "[print]") {
  // repr(torch.tensor([1e7, 2.5]))
  Guard guard;
  Tensor t = F({1e7, 2.5});
  CHECK(tensor_repr(t) == R"EXP(tensor([1.0000e+07, 2.5000e+00]))EXP");
}

TEST_CASE("print: exactly 1e8", "[print]") {
  // repr(torch.tensor([100000000.0, 3.0]))
  Guard guard;
  Tensor t = F({100000000.0, 3.0});
  CHECK(tensor_repr(t) == R"EXP(tensor([1.0000e+08, 3.0000e+00]))EXP");
}

TEST_CASE("print: 1e8 alone int mode", "[print]") {
  // repr(torch.tensor([100000000.0]))
  Guard guard;
  Tensor t = F({100000000.0});
  CHECK(tensor_repr(t) == R"EXP(tensor([100000000.]))EXP");
}

TEST_CASE("print: 123456789", "[print]") {
  // repr(torch.tensor([123456789.0]))
  Guard guard;
  Tensor t = F({123456789.0});
  CHECK(tensor_repr(t) == R"EXP(tensor([1.2346e+08]))EXP");
}

TEST_CASE("print: int64 million", "[print]") {
  // repr(torch.tensor([1000000, 2], dtype=torch.int64))
  Guard guard;
  Tensor t = I({1000000, 2});
  CHECK(tensor_repr(t) == R"EXP(tensor([1000000,       2]))EXP");
}

TEST_CASE("print: 2**40", "[print]") {
  // repr(torch.tensor([2 ** 40, -(2 ** 40)]))
  Guard guard;
  Tensor t = I({int64_t{1} << 40, -(int64_t{1} << 40)});
  CHECK(tensor_repr(t) == R"EXP(tensor([ 1099511627776, -1099511627776]))EXP");
}

TEST_CASE("print: float32 extremes", "[print]") {
  // repr(torch.tensor([3e38, -1e-38]))
  Guard guard;
  Tensor t = F({3e38, -1e-38});
  CHECK(tensor_repr(t) == R"EXP(tensor([ 3.0000e+38, -1.0000e-38]))EXP");
}

TEST_CASE("print: float64 extremes", "[print]") {
  // repr(torch.tensor([1e308, 5e-324], dtype=torch.float64))
  Guard guard;
  Tensor t = F({1e308, 5e-324}, {2}, DType::Float64);
  CHECK(tensor_repr(t) == R"EXP(tensor([1.0000e+308, 4.9407e-324], dtype=torch.float64))EXP");
}

TEST_CASE("print: huge int mode float64", "[print]") {
  // repr(torch.tensor([1e20, 1e19], dtype=torch.float64))
  Guard guard;
  Tensor t = F({1e20, 1e19}, {2}, DType::Float64);
  CHECK(tensor_repr(t) == R"EXP(tensor([1.0000e+20, 1.0000e+19], dtype=torch.float64))EXP");
}

TEST_CASE("print: float wrap", "[print]") {
  // repr(torch.arange(30.0) / 3)
  Guard guard;
  Tensor t = div(arange(Scalar(30.0)), Scalar(3));
  CHECK(tensor_repr(t) == R"EXP(tensor([0.0000, 0.3333, 0.6667, 1.0000, 1.3333, 1.6667, 2.0000, 2.3333, 2.6667,
        3.0000, 3.3333, 3.6667, 4.0000, 4.3333, 4.6667, 5.0000, 5.3333, 5.6667,
        6.0000, 6.3333, 6.6667, 7.0000, 7.3333, 7.6667, 8.0000, 8.3333, 8.6667,
        9.0000, 9.3333, 9.6667]))EXP");
}

TEST_CASE("print: 2-d rows wrap", "[print]") {
  // repr(torch.arange(40.0).reshape(2, 20) / 3)
  Guard guard;
  Tensor t = div(reshape(arange(Scalar(40.0)), {2, 20}), Scalar(3));
  CHECK(tensor_repr(t) == R"EXP(tensor([[ 0.0000,  0.3333,  0.6667,  1.0000,  1.3333,  1.6667,  2.0000,  2.3333,
          2.6667,  3.0000,  3.3333,  3.6667,  4.0000,  4.3333,  4.6667,  5.0000,
          5.3333,  5.6667,  6.0000,  6.3333],
        [ 6.6667,  7.0000,  7.3333,  7.6667,  8.0000,  8.3333,  8.6667,  9.0000,
          9.3333,  9.6667, 10.0000, 10.3333, 10.6667, 11.0000, 11.3333, 11.6667,
         12.0000, 12.3333, 12.6667, 13.0000]]))EXP");
}

TEST_CASE("print: 3-d rows wrap", "[print]") {
  // repr(torch.arange(60).reshape(2, 2, 15) * 1000)
  Guard guard;
  Tensor t = mul(reshape(arange(60), {2, 2, 15}), Scalar(1000));
  CHECK(tensor_repr(t) == R"EXP(tensor([[[    0,  1000,  2000,  3000,  4000,  5000,  6000,  7000,  8000,  9000,
          10000, 11000, 12000, 13000, 14000],
         [15000, 16000, 17000, 18000, 19000, 20000, 21000, 22000, 23000, 24000,
          25000, 26000, 27000, 28000, 29000]],

        [[30000, 31000, 32000, 33000, 34000, 35000, 36000, 37000, 38000, 39000,
          40000, 41000, 42000, 43000, 44000],
         [45000, 46000, 47000, 48000, 49000, 50000, 51000, 52000, 53000, 54000,
          55000, 56000, 57000, 58000, 59000]]]))EXP");
}

TEST_CASE("print: long ints wrap", "[print]") {
  // repr(torch.arange(40) * 1000000007)
  Guard guard;
  Tensor t = mul(arange(40), Scalar(int64_t{1000000007}));
  CHECK(tensor_repr(t) == R"EXP(tensor([          0,  1000000007,  2000000014,  3000000021,  4000000028,
         5000000035,  6000000042,  7000000049,  8000000056,  9000000063,
        10000000070, 11000000077, 12000000084, 13000000091, 14000000098,
        15000000105, 16000000112, 17000000119, 18000000126, 19000000133,
        20000000140, 21000000147, 22000000154, 23000000161, 24000000168,
        25000000175, 26000000182, 27000000189, 28000000196, 29000000203,
        30000000210, 31000000217, 32000000224, 33000000231, 34000000238,
        35000000245, 36000000252, 37000000259, 38000000266, 39000000273]))EXP");
}

TEST_CASE("print: dtype suffix wraps", "[print]") {
  // repr(torch.arange(17.0, dtype=torch.float64) / 3)
  Guard guard;
  Tensor t = div(arange(Scalar(17.0), DType::Float64), Scalar(3));
  CHECK(tensor_repr(t) == R"EXP(tensor([0.0000, 0.3333, 0.6667, 1.0000, 1.3333, 1.6667, 2.0000, 2.3333, 2.6667,
        3.0000, 3.3333, 3.6667, 4.0000, 4.3333, 4.6667, 5.0000, 5.3333],
       dtype=torch.float64))EXP");
}

TEST_CASE("print: suffixes wrap", "[print]") {
  // repr((torch.arange(12.0, dtype=torch.float64, requires_grad=True) / 3))
  Guard guard;
  Tensor t = div(arange(Scalar(12.0), DType::Float64), Scalar(3));
  CHECK(tensor_repr(t, {"grad_fn=<DivBackward0>"}) == R"EXP(tensor([0.0000, 0.3333, 0.6667, 1.0000, 1.3333, 1.6667, 2.0000, 2.3333, 2.6667,
        3.0000, 3.3333, 3.6667], dtype=torch.float64, grad_fn=<DivBackward0>))EXP");
}

TEST_CASE("print: suffix on one line", "[print]") {
  // repr(torch.arange(1.0, 16.0, dtype=torch.float64, requires_grad=True))
  Guard guard;
  Tensor t = F({1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0}, {15}, DType::Float64);
  CHECK(tensor_repr(t, {"requires_grad=True"}) == R"EXP(tensor([ 1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13., 14.,
        15.], dtype=torch.float64, requires_grad=True))EXP");
}

TEST_CASE("print: 0-d suffixes", "[print]") {
  // repr(torch.tensor(2.5, dtype=torch.float64, requires_grad=True))
  Guard guard;
  Tensor t = F({2.5}, {}, DType::Float64);
  CHECK(tensor_repr(t, {"requires_grad=True"}) == R"EXP(tensor(2.5000, dtype=torch.float64, requires_grad=True))EXP");
}

TEST_CASE("print: subclass prefix", "[print]") {
  // repr((torch.arange(40.0).reshape(2, 20) / 7).as_subclass(MyTensor))
  Guard guard;
  Tensor t = div(reshape(arange(Scalar(40.0)), {2, 20}), Scalar(7));
  CHECK(tensor_repr(t, {}, "MyTensor(") == R"EXP(MyTensor([[0.0000, 0.1429, 0.2857, 0.4286, 0.5714, 0.7143, 0.8571, 1.0000,
           1.1429, 1.2857, 1.4286, 1.5714, 1.7143, 1.8571, 2.0000, 2.1429,
           2.2857, 2.4286, 2.5714, 2.7143],
          [2.8571, 3.0000, 3.1429, 3.2857, 3.4286, 3.5714, 3.7143, 3.8571,
           4.0000, 4.1429, 4.2857, 4.4286, 4.5714, 4.7143, 4.8571, 5.0000,
           5.1429, 5.2857, 5.4286, 5.5714]]))EXP");
}

TEST_CASE("print: float16", "[print]") {
  // repr(torch.tensor([1.5, 2.25, 1000.5], dtype=torch.float16))
  Guard guard;
  Tensor t = F({1.5, 2.25, 1000.5}, {3}, DType::Float16);
  CHECK(tensor_repr(t) == R"EXP(tensor([   1.5000,    2.2500, 1000.5000], dtype=torch.float16))EXP");
}

TEST_CASE("print: float16 int mode", "[print]") {
  // repr(torch.tensor([1.0, 2.0], dtype=torch.float16))
  Guard guard;
  Tensor t = F({1.0, 2.0}, {2}, DType::Float16);
  CHECK(tensor_repr(t) == R"EXP(tensor([1., 2.], dtype=torch.float16))EXP");
}

TEST_CASE("print: float16 rounding", "[print]") {
  // repr(torch.tensor([0.1, 3.14159], dtype=torch.float16))
  Guard guard;
  Tensor t = F({0.1, 3.14159}, {2}, DType::Float16);
  CHECK(tensor_repr(t) == R"EXP(tensor([0.1000, 3.1406], dtype=torch.float16))EXP");
}

TEST_CASE("print: float16 0-d", "[print]") {
  // repr(torch.tensor(65504.0, dtype=torch.float16))
  Guard guard;
  Tensor t = F({65504.0}, {}, DType::Float16);
  CHECK(tensor_repr(t) == R"EXP(tensor(65504., dtype=torch.float16))EXP");
}

TEST_CASE("print: bfloat16", "[print]") {
  // repr(torch.tensor([0.1, 3.0, -7.25], dtype=torch.bfloat16))
  Guard guard;
  Tensor t = F({0.1, 3.0, -7.25}, {3}, DType::BFloat16);
  CHECK(tensor_repr(t) == R"EXP(tensor([ 0.1001,  3.0000, -7.2500], dtype=torch.bfloat16))EXP");
}

TEST_CASE("print: bfloat16 sci", "[print]") {
  // repr(torch.tensor([1e-5, 1e10], dtype=torch.bfloat16))
  Guard guard;
  Tensor t = F({1e-5, 1e10}, {2}, DType::BFloat16);
  CHECK(tensor_repr(t) == R"EXP(tensor([1.0014e-05, 9.9992e+09], dtype=torch.bfloat16))EXP");
}

TEST_CASE("print: transposed", "[print]") {
  // repr(torch.arange(6).reshape(2, 3).t())
  Guard guard;
  Tensor t = transpose(reshape(arange(6), {2, 3}), 0, 1);
  CHECK(tensor_repr(t) == R"EXP(tensor([[0, 3],
        [1, 4],
        [2, 5]]))EXP");
}

TEST_CASE("print: expanded", "[print]") {
  // repr(torch.tensor([[1.5], [-2.0]]).expand(2, 3))
  Guard guard;
  Tensor t = expand(F({1.5, -2.0}, {2, 1}), {2, 3});
  CHECK(tensor_repr(t) == R"EXP(tensor([[ 1.5000,  1.5000,  1.5000],
        [-2.0000, -2.0000, -2.0000]]))EXP");
}

TEST_CASE("print: strided slice", "[print]") {
  // repr(torch.arange(10.0)[1:10:3])
  Guard guard;
  Tensor t = slice(arange(Scalar(10.0)), 0, 1, 10, 3);
  CHECK(tensor_repr(t) == R"EXP(tensor([1., 4., 7.]))EXP");
}

TEST_CASE("print: permuted large", "[print]") {
  // repr(torch.arange(3000.0).reshape(10, 20, 15).permute(2, 0, 1))
  Guard guard;
  Tensor t = permute(reshape(arange(Scalar(3000.0)), {10, 20, 15}), {2, 0, 1});
  CHECK(tensor_repr(t) == R"EXP(tensor([[[0.0000e+00, 1.5000e+01, 3.0000e+01,  ..., 2.5500e+02,
          2.7000e+02, 2.8500e+02],
         [3.0000e+02, 3.1500e+02, 3.3000e+02,  ..., 5.5500e+02,
          5.7000e+02, 5.8500e+02],
         [6.0000e+02, 6.1500e+02, 6.3000e+02,  ..., 8.5500e+02,
          8.7000e+02, 8.8500e+02],
         ...,
         [2.1000e+03, 2.1150e+03, 2.1300e+03,  ..., 2.3550e+03,
          2.3700e+03, 2.3850e+03],
         [2.4000e+03, 2.4150e+03, 2.4300e+03,  ..., 2.6550e+03,
          2.6700e+03, 2.6850e+03],
         [2.7000e+03, 2.7150e+03, 2.7300e+03,  ..., 2.9550e+03,
          2.9700e+03, 2.9850e+03]],

        [[1.0000e+00, 1.6000e+01, 3.1000e+01,  ..., 2.5600e+02,
          2.7100e+02, 2.8600e+02],
         [3.0100e+02, 3.1600e+02, 3.3100e+02,  ..., 5.5600e+02,
          5.7100e+02, 5.8600e+02],
         [6.0100e+02, 6.1600e+02, 6.3100e+02,  ..., 8.5600e+02,
          8.7100e+02, 8.8600e+02],
         ...,
         [2.1010e+03, 2.1160e+03, 2.1310e+03,  ..., 2.3560e+03,
          2.3710e+03, 2.3860e+03],
         [2.4010e+03, 2.4160e+03, 2.4310e+03,  ..., 2.6560e+03,
          2.6710e+03, 2.6860e+03],
         [2.7010e+03, 2.7160e+03, 2.7310e+03,  ..., 2.9560e+03,
          2.9710e+03, 2.9860e+03]],

        [[2.0000e+00, 1.7000e+01, 3.2000e+01,  ..., 2.5700e+02,
          2.7200e+02, 2.8700e+02],
         [3.0200e+02, 3.1700e+02, 3.3200e+02,  ..., 5.5700e+02,
          5.7200e+02, 5.8700e+02],
         [6.0200e+02, 6.1700e+02, 6.3200e+02,  ..., 8.5700e+02,
          8.7200e+02, 8.8700e+02],
         ...,
         [2.1020e+03, 2.1170e+03, 2.1320e+03,  ..., 2.3570e+03,
          2.3720e+03, 2.3870e+03],
         [2.4020e+03, 2.4170e+03, 2.4320e+03,  ..., 2.6570e+03,
          2.6720e+03, 2.6870e+03],
         [2.7020e+03, 2.7170e+03, 2.7320e+03,  ..., 2.9570e+03,
          2.9720e+03, 2.9870e+03]],

        ...,

        [[1.2000e+01, 2.7000e+01, 4.2000e+01,  ..., 2.6700e+02,
          2.8200e+02, 2.9700e+02],
         [3.1200e+02, 3.2700e+02, 3.4200e+02,  ..., 5.6700e+02,
          5.8200e+02, 5.9700e+02],
         [6.1200e+02, 6.2700e+02, 6.4200e+02,  ..., 8.6700e+02,
          8.8200e+02, 8.9700e+02],
         ...,
         [2.1120e+03, 2.1270e+03, 2.1420e+03,  ..., 2.3670e+03,
          2.3820e+03, 2.3970e+03],
         [2.4120e+03, 2.4270e+03, 2.4420e+03,  ..., 2.6670e+03,
          2.6820e+03, 2.6970e+03],
         [2.7120e+03, 2.7270e+03, 2.7420e+03,  ..., 2.9670e+03,
          2.9820e+03, 2.9970e+03]],

        [[1.3000e+01, 2.8000e+01, 4.3000e+01,  ..., 2.6800e+02,
          2.8300e+02, 2.9800e+02],
         [3.1300e+02, 3.2800e+02, 3.4300e+02,  ..., 5.6800e+02,
          5.8300e+02, 5.9800e+02],
         [6.1300e+02, 6.2800e+02, 6.4300e+02,  ..., 8.6800e+02,
          8.8300e+02, 8.9800e+02],
         ...,
         [2.1130e+03, 2.1280e+03, 2.1430e+03,  ..., 2.3680e+03,
          2.3830e+03, 2.3980e+03],
         [2.4130e+03, 2.4280e+03, 2.4430e+03,  ..., 2.6680e+03,
          2.6830e+03, 2.6980e+03],
         [2.7130e+03, 2.7280e+03, 2.7430e+03,  ..., 2.9680e+03,
          2.9830e+03, 2.9980e+03]],

        [[1.4000e+01, 2.9000e+01, 4.4000e+01,  ..., 2.6900e+02,
          2.8400e+02, 2.9900e+02],
         [3.1400e+02, 3.2900e+02, 3.4400e+02,  ..., 5.6900e+02,
          5.8400e+02, 5.9900e+02],
         [6.1400e+02, 6.2900e+02, 6.4400e+02,  ..., 8.6900e+02,
          8.8400e+02, 8.9900e+02],
         ...,
         [2.1140e+03, 2.1290e+03, 2.1440e+03,  ..., 2.3690e+03,
          2.3840e+03, 2.3990e+03],
         [2.4140e+03, 2.4290e+03, 2.4440e+03,  ..., 2.6690e+03,
          2.6840e+03, 2.6990e+03],
         [2.7140e+03, 2.7290e+03, 2.7440e+03,  ..., 2.9690e+03,
          2.9840e+03, 2.9990e+03]]]))EXP");
}

TEST_CASE("print: arange 1500", "[print]") {
  // repr(torch.arange(1500))
  Guard guard;
  Tensor t = arange(1500);
  CHECK(tensor_repr(t) == R"EXP(tensor([   0,    1,    2,  ..., 1497, 1498, 1499]))EXP");
}

TEST_CASE("print: arange 2000 / 7", "[print]") {
  // repr(torch.arange(2000.0) / 7)
  Guard guard;
  Tensor t = div(arange(Scalar(2000.0)), Scalar(7));
  CHECK(tensor_repr(t) == R"EXP(tensor([0.0000e+00, 1.4286e-01, 2.8571e-01,  ..., 2.8529e+02, 2.8543e+02,
        2.8557e+02]))EXP");
}

TEST_CASE("print: arange 1001", "[print]") {
  // repr(torch.arange(1001))
  Guard guard;
  Tensor t = arange(1001);
  CHECK(tensor_repr(t) == R"EXP(tensor([   0,    1,    2,  ...,  998,  999, 1000]))EXP");
}

TEST_CASE("print: arange 1000", "[print]") {
  // repr(torch.arange(1000))
  Guard guard;
  Tensor t = arange(1000);
  CHECK(tensor_repr(t) == R"EXP(tensor([  0,   1,   2,   3,   4,   5,   6,   7,   8,   9,  10,  11,  12,  13,
         14,  15,  16,  17,  18,  19,  20,  21,  22,  23,  24,  25,  26,  27,
         28,  29,  30,  31,  32,  33,  34,  35,  36,  37,  38,  39,  40,  41,
         42,  43,  44,  45,  46,  47,  48,  49,  50,  51,  52,  53,  54,  55,
         56,  57,  58,  59,  60,  61,  62,  63,  64,  65,  66,  67,  68,  69,
         70,  71,  72,  73,  74,  75,  76,  77,  78,  79,  80,  81,  82,  83,
         84,  85,  86,  87,  88,  89,  90,  91,  92,  93,  94,  95,  96,  97,
         98,  99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
        112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125,
        126, 127, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139,
        140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 151, 152, 153,
        154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167,
        168, 169, 170, 171, 172, 173, 174, 175, 176, 177, 178, 179, 180, 181,
        182, 183, 184, 185, 186, 187, 188, 189, 190, 191, 192, 193, 194, 195,
        196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207, 208, 209,
        210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223,
        224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237,
        238, 239, 240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251,
        252, 253, 254, 255, 256, 257, 258, 259, 260, 261, 262, 263, 264, 265,
        266, 267, 268, 269, 270, 271, 272, 273, 274, 275, 276, 277, 278, 279,
        280, 281, 282, 283, 284, 285, 286, 287, 288, 289, 290, 291, 292, 293,
        294, 295, 296, 297, 298, 299, 300, 301, 302, 303, 304, 305, 306, 307,
        308, 309, 310, 311, 312, 313, 314, 315, 316, 317, 318, 319, 320, 321,
        322, 323, 324, 325, 326, 327, 328, 329, 330, 331, 332, 333, 334, 335,
        336, 337, 338, 339, 340, 341, 342, 343, 344, 345, 346, 347, 348, 349,
        350, 351, 352, 353, 354, 355, 356, 357, 358, 359, 360, 361, 362, 363,
        364, 365, 366, 367, 368, 369, 370, 371, 372, 373, 374, 375, 376, 377,
        378, 379, 380, 381, 382, 383, 384, 385, 386, 387, 388, 389, 390, 391,
        392, 393, 394, 395, 396, 397, 398, 399, 400, 401, 402, 403, 404, 405,
        406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 419,
        420, 421, 422, 423, 424, 425, 426, 427, 428, 429, 430, 431, 432, 433,
        434, 435, 436, 437, 438, 439, 440, 441, 442, 443, 444, 445, 446, 447,
        448, 449, 450, 451, 452, 453, 454, 455, 456, 457, 458, 459, 460, 461,
        462, 463, 464, 465, 466, 467, 468, 469, 470, 471, 472, 473, 474, 475,
        476, 477, 478, 479, 480, 481, 482, 483, 484, 485, 486, 487, 488, 489,
        490, 491, 492, 493, 494, 495, 496, 497, 498, 499, 500, 501, 502, 503,
        504, 505, 506, 507, 508, 509, 510, 511, 512, 513, 514, 515, 516, 517,
        518, 519, 520, 521, 522, 523, 524, 525, 526, 527, 528, 529, 530, 531,
        532, 533, 534, 535, 536, 537, 538, 539, 540, 541, 542, 543, 544, 545,
        546, 547, 548, 549, 550, 551, 552, 553, 554, 555, 556, 557, 558, 559,
        560, 561, 562, 563, 564, 565, 566, 567, 568, 569, 570, 571, 572, 573,
        574, 575, 576, 577, 578, 579, 580, 581, 582, 583, 584, 585, 586, 587,
        588, 589, 590, 591, 592, 593, 594, 595, 596, 597, 598, 599, 600, 601,
        602, 603, 604, 605, 606, 607, 608, 609, 610, 611, 612, 613, 614, 615,
        616, 617, 618, 619, 620, 621, 622, 623, 624, 625, 626, 627, 628, 629,
        630, 631, 632, 633, 634, 635, 636, 637, 638, 639, 640, 641, 642, 643,
        644, 645, 646, 647, 648, 649, 650, 651, 652, 653, 654, 655, 656, 657,
        658, 659, 660, 661, 662, 663, 664, 665, 666, 667, 668, 669, 670, 671,
        672, 673, 674, 675, 676, 677, 678, 679, 680, 681, 682, 683, 684, 685,
        686, 687, 688, 689, 690, 691, 692, 693, 694, 695, 696, 697, 698, 699,
        700, 701, 702, 703, 704, 705, 706, 707, 708, 709, 710, 711, 712, 713,
        714, 715, 716, 717, 718, 719, 720, 721, 722, 723, 724, 725, 726, 727,
        728, 729, 730, 731, 732, 733, 734, 735, 736, 737, 738, 739, 740, 741,
        742, 743, 744, 745, 746, 747, 748, 749, 750, 751, 752, 753, 754, 755,
        756, 757, 758, 759, 760, 761, 762, 763, 764, 765, 766, 767, 768, 769,
        770, 771, 772, 773, 774, 775, 776, 777, 778, 779, 780, 781, 782, 783,
        784, 785, 786, 787, 788, 789, 790, 791, 792, 793, 794, 795, 796, 797,
        798, 799, 800, 801, 802, 803, 804, 805, 806, 807, 808, 809, 810, 811,
        812, 813, 814, 815, 816, 817, 818, 819, 820, 821, 822, 823, 824, 825,
        826, 827, 828, 829, 830, 831, 832, 833, 834, 835, 836, 837, 838, 839,
        840, 841, 842, 843, 844, 845, 846, 847, 848, 849, 850, 851, 852, 853,
        854, 855, 856, 857, 858, 859, 860, 861, 862, 863, 864, 865, 866, 867,
        868, 869, 870, 871, 872, 873, 874, 875, 876, 877, 878, 879, 880, 881,
        882, 883, 884, 885, 886, 887, 888, 889, 890, 891, 892, 893, 894, 895,
        896, 897, 898, 899, 900, 901, 902, 903, 904, 905, 906, 907, 908, 909,
        910, 911, 912, 913, 914, 915, 916, 917, 918, 919, 920, 921, 922, 923,
        924, 925, 926, 927, 928, 929, 930, 931, 932, 933, 934, 935, 936, 937,
        938, 939, 940, 941, 942, 943, 944, 945, 946, 947, 948, 949, 950, 951,
        952, 953, 954, 955, 956, 957, 958, 959, 960, 961, 962, 963, 964, 965,
        966, 967, 968, 969, 970, 971, 972, 973, 974, 975, 976, 977, 978, 979,
        980, 981, 982, 983, 984, 985, 986, 987, 988, 989, 990, 991, 992, 993,
        994, 995, 996, 997, 998, 999]))EXP");
}

TEST_CASE("print: 2-d summary", "[print]") {
  // repr(torch.arange(3000).reshape(50, 60))
  Guard guard;
  Tensor t = reshape(arange(3000), {50, 60});
  CHECK(tensor_repr(t) == R"EXP(tensor([[   0,    1,    2,  ...,   57,   58,   59],
        [  60,   61,   62,  ...,  117,  118,  119],
        [ 120,  121,  122,  ...,  177,  178,  179],
        ...,
        [2820, 2821, 2822,  ..., 2877, 2878, 2879],
        [2880, 2881, 2882,  ..., 2937, 2938, 2939],
        [2940, 2941, 2942,  ..., 2997, 2998, 2999]]))EXP");
}

TEST_CASE("print: 2-d summary rows only", "[print]") {
  // repr(torch.arange(1010).reshape(505, 2))
  Guard guard;
  Tensor t = reshape(arange(1010), {505, 2});
  CHECK(tensor_repr(t) == R"EXP(tensor([[   0,    1],
        [   2,    3],
        [   4,    5],
        ...,
        [1004, 1005],
        [1006, 1007],
        [1008, 1009]]))EXP");
}

TEST_CASE("print: 2-d summary cols only", "[print]") {
  // repr(torch.arange(1010.0).reshape(2, 505))
  Guard guard;
  Tensor t = reshape(arange(Scalar(1010.0)), {2, 505});
  CHECK(tensor_repr(t) == R"EXP(tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 5.0200e+02, 5.0300e+02,
         5.0400e+02],
        [5.0500e+02, 5.0600e+02, 5.0700e+02,  ..., 1.0070e+03, 1.0080e+03,
         1.0090e+03]]))EXP");
}

TEST_CASE("print: 3-d summary", "[print]") {
  // repr(torch.arange(2400.0).reshape(4, 20, 30))
  Guard guard;
  Tensor t = reshape(arange(Scalar(2400.0)), {4, 20, 30});
  CHECK(tensor_repr(t) == R"EXP(tensor([[[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 2.7000e+01,
          2.8000e+01, 2.9000e+01],
         [3.0000e+01, 3.1000e+01, 3.2000e+01,  ..., 5.7000e+01,
          5.8000e+01, 5.9000e+01],
         [6.0000e+01, 6.1000e+01, 6.2000e+01,  ..., 8.7000e+01,
          8.8000e+01, 8.9000e+01],
         ...,
         [5.1000e+02, 5.1100e+02, 5.1200e+02,  ..., 5.3700e+02,
          5.3800e+02, 5.3900e+02],
         [5.4000e+02, 5.4100e+02, 5.4200e+02,  ..., 5.6700e+02,
          5.6800e+02, 5.6900e+02],
         [5.7000e+02, 5.7100e+02, 5.7200e+02,  ..., 5.9700e+02,
          5.9800e+02, 5.9900e+02]],

        [[6.0000e+02, 6.0100e+02, 6.0200e+02,  ..., 6.2700e+02,
          6.2800e+02, 6.2900e+02],
         [6.3000e+02, 6.3100e+02, 6.3200e+02,  ..., 6.5700e+02,
          6.5800e+02, 6.5900e+02],
         [6.6000e+02, 6.6100e+02, 6.6200e+02,  ..., 6.8700e+02,
          6.8800e+02, 6.8900e+02],
         ...,
         [1.1100e+03, 1.1110e+03, 1.1120e+03,  ..., 1.1370e+03,
          1.1380e+03, 1.1390e+03],
         [1.1400e+03, 1.1410e+03, 1.1420e+03,  ..., 1.1670e+03,
          1.1680e+03, 1.1690e+03],
         [1.1700e+03, 1.1710e+03, 1.1720e+03,  ..., 1.1970e+03,
          1.1980e+03, 1.1990e+03]],

        [[1.2000e+03, 1.2010e+03, 1.2020e+03,  ..., 1.2270e+03,
          1.2280e+03, 1.2290e+03],
         [1.2300e+03, 1.2310e+03, 1.2320e+03,  ..., 1.2570e+03,
          1.2580e+03, 1.2590e+03],
         [1.2600e+03, 1.2610e+03, 1.2620e+03,  ..., 1.2870e+03,
          1.2880e+03, 1.2890e+03],
         ...,
         [1.7100e+03, 1.7110e+03, 1.7120e+03,  ..., 1.7370e+03,
          1.7380e+03, 1.7390e+03],
         [1.7400e+03, 1.7410e+03, 1.7420e+03,  ..., 1.7670e+03,
          1.7680e+03, 1.7690e+03],
         [1.7700e+03, 1.7710e+03, 1.7720e+03,  ..., 1.7970e+03,
          1.7980e+03, 1.7990e+03]],

        [[1.8000e+03, 1.8010e+03, 1.8020e+03,  ..., 1.8270e+03,
          1.8280e+03, 1.8290e+03],
         [1.8300e+03, 1.8310e+03, 1.8320e+03,  ..., 1.8570e+03,
          1.8580e+03, 1.8590e+03],
         [1.8600e+03, 1.8610e+03, 1.8620e+03,  ..., 1.8870e+03,
          1.8880e+03, 1.8890e+03],
         ...,
         [2.3100e+03, 2.3110e+03, 2.3120e+03,  ..., 2.3370e+03,
          2.3380e+03, 2.3390e+03],
         [2.3400e+03, 2.3410e+03, 2.3420e+03,  ..., 2.3670e+03,
          2.3680e+03, 2.3690e+03],
         [2.3700e+03, 2.3710e+03, 2.3720e+03,  ..., 2.3970e+03,
          2.3980e+03, 2.3990e+03]]]))EXP");
}

TEST_CASE("print: 3-d summary all dims", "[print]") {
  // repr(torch.arange(8000).reshape(20, 20, 20))
  Guard guard;
  Tensor t = reshape(arange(8000), {20, 20, 20});
  CHECK(tensor_repr(t) == R"EXP(tensor([[[   0,    1,    2,  ...,   17,   18,   19],
         [  20,   21,   22,  ...,   37,   38,   39],
         [  40,   41,   42,  ...,   57,   58,   59],
         ...,
         [ 340,  341,  342,  ...,  357,  358,  359],
         [ 360,  361,  362,  ...,  377,  378,  379],
         [ 380,  381,  382,  ...,  397,  398,  399]],

        [[ 400,  401,  402,  ...,  417,  418,  419],
         [ 420,  421,  422,  ...,  437,  438,  439],
         [ 440,  441,  442,  ...,  457,  458,  459],
         ...,
         [ 740,  741,  742,  ...,  757,  758,  759],
         [ 760,  761,  762,  ...,  777,  778,  779],
         [ 780,  781,  782,  ...,  797,  798,  799]],

        [[ 800,  801,  802,  ...,  817,  818,  819],
         [ 820,  821,  822,  ...,  837,  838,  839],
         [ 840,  841,  842,  ...,  857,  858,  859],
         ...,
         [1140, 1141, 1142,  ..., 1157, 1158, 1159],
         [1160, 1161, 1162,  ..., 1177, 1178, 1179],
         [1180, 1181, 1182,  ..., 1197, 1198, 1199]],

        ...,

        [[6800, 6801, 6802,  ..., 6817, 6818, 6819],
         [6820, 6821, 6822,  ..., 6837, 6838, 6839],
         [6840, 6841, 6842,  ..., 6857, 6858, 6859],
         ...,
         [7140, 7141, 7142,  ..., 7157, 7158, 7159],
         [7160, 7161, 7162,  ..., 7177, 7178, 7179],
         [7180, 7181, 7182,  ..., 7197, 7198, 7199]],

        [[7200, 7201, 7202,  ..., 7217, 7218, 7219],
         [7220, 7221, 7222,  ..., 7237, 7238, 7239],
         [7240, 7241, 7242,  ..., 7257, 7258, 7259],
         ...,
         [7540, 7541, 7542,  ..., 7557, 7558, 7559],
         [7560, 7561, 7562,  ..., 7577, 7578, 7579],
         [7580, 7581, 7582,  ..., 7597, 7598, 7599]],

        [[7600, 7601, 7602,  ..., 7617, 7618, 7619],
         [7620, 7621, 7622,  ..., 7637, 7638, 7639],
         [7640, 7641, 7642,  ..., 7657, 7658, 7659],
         ...,
         [7940, 7941, 7942,  ..., 7957, 7958, 7959],
         [7960, 7961, 7962,  ..., 7977, 7978, 7979],
         [7980, 7981, 7982,  ..., 7997, 7998, 7999]]]))EXP");
}

TEST_CASE("print: 4-d summary", "[print]") {
  // repr((torch.arange(10000.0).reshape(10, 10, 10, 10) / 7))
  Guard guard;
  Tensor t = div(reshape(arange(Scalar(10000.0)), {10, 10, 10, 10}), Scalar(7));
  CHECK(tensor_repr(t) == R"EXP(tensor([[[[0.0000e+00, 1.4286e-01, 2.8571e-01,  ..., 1.0000e+00,
           1.1429e+00, 1.2857e+00],
          [1.4286e+00, 1.5714e+00, 1.7143e+00,  ..., 2.4286e+00,
           2.5714e+00, 2.7143e+00],
          [2.8571e+00, 3.0000e+00, 3.1429e+00,  ..., 3.8571e+00,
           4.0000e+00, 4.1429e+00],
          ...,
          [1.0000e+01, 1.0143e+01, 1.0286e+01,  ..., 1.1000e+01,
           1.1143e+01, 1.1286e+01],
          [1.1429e+01, 1.1571e+01, 1.1714e+01,  ..., 1.2429e+01,
           1.2571e+01, 1.2714e+01],
          [1.2857e+01, 1.3000e+01, 1.3143e+01,  ..., 1.3857e+01,
           1.4000e+01, 1.4143e+01]],

         [[1.4286e+01, 1.4429e+01, 1.4571e+01,  ..., 1.5286e+01,
           1.5429e+01, 1.5571e+01],
          [1.5714e+01, 1.5857e+01, 1.6000e+01,  ..., 1.6714e+01,
           1.6857e+01, 1.7000e+01],
          [1.7143e+01, 1.7286e+01, 1.7429e+01,  ..., 1.8143e+01,
           1.8286e+01, 1.8429e+01],
          ...,
          [2.4286e+01, 2.4429e+01, 2.4571e+01,  ..., 2.5286e+01,
           2.5429e+01, 2.5571e+01],
          [2.5714e+01, 2.5857e+01, 2.6000e+01,  ..., 2.6714e+01,
           2.6857e+01, 2.7000e+01],
          [2.7143e+01, 2.7286e+01, 2.7429e+01,  ..., 2.8143e+01,
           2.8286e+01, 2.8429e+01]],

         [[2.8571e+01, 2.8714e+01, 2.8857e+01,  ..., 2.9571e+01,
           2.9714e+01, 2.9857e+01],
          [3.0000e+01, 3.0143e+01, 3.0286e+01,  ..., 3.1000e+01,
           3.1143e+01, 3.1286e+01],
          [3.1429e+01, 3.1571e+01, 3.1714e+01,  ..., 3.2429e+01,
           3.2571e+01, 3.2714e+01],
          ...,
          [3.8571e+01, 3.8714e+01, 3.8857e+01,  ..., 3.9571e+01,
           3.9714e+01, 3.9857e+01],
          [4.0000e+01, 4.0143e+01, 4.0286e+01,  ..., 4.1000e+01,
           4.1143e+01, 4.1286e+01],
          [4.1429e+01, 4.1571e+01, 4.1714e+01,  ..., 4.2429e+01,
           4.2571e+01, 4.2714e+01]],

         ...,

         [[1.0000e+02, 1.0014e+02, 1.0029e+02,  ..., 1.0100e+02,
           1.0114e+02, 1.0129e+02],
          [1.0143e+02, 1.0157e+02, 1.0171e+02,  ..., 1.0243e+02,
           1.0257e+02, 1.0271e+02],
          [1.0286e+02, 1.0300e+02, 1.0314e+02,  ..., 1.0386e+02,
           1.0400e+02, 1.0414e+02],
          ...,
          [1.1000e+02, 1.1014e+02, 1.1029e+02,  ..., 1.1100e+02,
           1.1114e+02, 1.1129e+02],
          [1.1143e+02, 1.1157e+02, 1.1171e+02,  ..., 1.1243e+02,
           1.1257e+02, 1.1271e+02],
          [1.1286e+02, 1.1300e+02, 1.1314e+02,  ..., 1.1386e+02,
           1.1400e+02, 1.1414e+02]],

         [[1.1429e+02, 1.1443e+02, 1.1457e+02,  ..., 1.1529e+02,
           1.1543e+02, 1.1557e+02],
          [1.1571e+02, 1.1586e+02, 1.1600e+02,  ..., 1.1671e+02,
           1.1686e+02, 1.1700e+02],
          [1.1714e+02, 1.1729e+02, 1.1743e+02,  ..., 1.1814e+02,
           1.1829e+02, 1.1843e+02],
          ...,
          [1.2429e+02, 1.2443e+02, 1.2457e+02,  ..., 1.2529e+02,
           1.2543e+02, 1.2557e+02],
          [1.2571e+02, 1.2586e+02, 1.2600e+02,  ..., 1.2671e+02,
           1.2686e+02, 1.2700e+02],
          [1.2714e+02, 1.2729e+02, 1.2743e+02,  ..., 1.2814e+02,
           1.2829e+02, 1.2843e+02]],

         [[1.2857e+02, 1.2871e+02, 1.2886e+02,  ..., 1.2957e+02,
           1.2971e+02, 1.2986e+02],
          [1.3000e+02, 1.3014e+02, 1.3029e+02,  ..., 1.3100e+02,
           1.3114e+02, 1.3129e+02],
          [1.3143e+02, 1.3157e+02, 1.3171e+02,  ..., 1.3243e+02,
           1.3257e+02, 1.3271e+02],
          ...,
          [1.3857e+02, 1.3871e+02, 1.3886e+02,  ..., 1.3957e+02,
           1.3971e+02, 1.3986e+02],
          [1.4000e+02, 1.4014e+02, 1.4029e+02,  ..., 1.4100e+02,
           1.4114e+02, 1.4129e+02],
          [1.4143e+02, 1.4157e+02, 1.4171e+02,  ..., 1.4243e+02,
           1.4257e+02, 1.4271e+02]]],


        [[[1.4286e+02, 1.4300e+02, 1.4314e+02,  ..., 1.4386e+02,
           1.4400e+02, 1.4414e+02],
          [1.4429e+02, 1.4443e+02, 1.4457e+02,  ..., 1.4529e+02,
           1.4543e+02, 1.4557e+02],
          [1.4571e+02, 1.4586e+02, 1.4600e+02,  ..., 1.4671e+02,
           1.4686e+02, 1.4700e+02],
          ...,
          [1.5286e+02, 1.5300e+02, 1.5314e+02,  ..., 1.5386e+02,
           1.5400e+02, 1.5414e+02],
          [1.5429e+02, 1.5443e+02, 1.5457e+02,  ..., 1.5529e+02,
           1.5543e+02, 1.5557e+02],
          [1.5571e+02, 1.5586e+02, 1.5600e+02,  ..., 1.5671e+02,
           1.5686e+02, 1.5700e+02]],

         [[1.5714e+02, 1.5729e+02, 1.5743e+02,  ..., 1.5814e+02,
           1.5829e+02, 1.5843e+02],
          [1.5857e+02, 1.5871e+02, 1.5886e+02,  ..., 1.5957e+02,
           1.5971e+02, 1.5986e+02],
          [1.6000e+02, 1.6014e+02, 1.6029e+02,  ..., 1.6100e+02,
           1.6114e+02, 1.6129e+02],
          ...,
          [1.6714e+02, 1.6729e+02, 1.6743e+02,  ..., 1.6814e+02,
           1.6829e+02, 1.6843e+02],
          [1.6857e+02, 1.6871e+02, 1.6886e+02,  ..., 1.6957e+02,
           1.6971e+02, 1.6986e+02],
          [1.7000e+02, 1.7014e+02, 1.7029e+02,  ..., 1.7100e+02,
           1.7114e+02, 1.7129e+02]],

         [[1.7143e+02, 1.7157e+02, 1.7171e+02,  ..., 1.7243e+02,
           1.7257e+02, 1.7271e+02],
          [1.7286e+02, 1.7300e+02, 1.7314e+02,  ..., 1.7386e+02,
           1.7400e+02, 1.7414e+02],
          [1.7429e+02, 1.7443e+02, 1.7457e+02,  ..., 1.7529e+02,
           1.7543e+02, 1.7557e+02],
          ...,
          [1.8143e+02, 1.8157e+02, 1.8171e+02,  ..., 1.8243e+02,
           1.8257e+02, 1.8271e+02],
          [1.8286e+02, 1.8300e+02, 1.8314e+02,  ..., 1.8386e+02,
           1.8400e+02, 1.8414e+02],
          [1.8429e+02, 1.8443e+02, 1.8457e+02,  ..., 1.8529e+02,
           1.8543e+02, 1.8557e+02]],

         ...,

         [[2.4286e+02, 2.4300e+02, 2.4314e+02,  ..., 2.4386e+02,
           2.4400e+02, 2.4414e+02],
          [2.4429e+02, 2.4443e+02, 2.4457e+02,  ..., 2.4529e+02,
           2.4543e+02, 2.4557e+02],
          [2.4571e+02, 2.4586e+02, 2.4600e+02,  ..., 2.4671e+02,
           2.4686e+02, 2.4700e+02],
          ...,
          [2.5286e+02, 2.5300e+02, 2.5314e+02,  ..., 2.5386e+02,
           2.5400e+02, 2.5414e+02],
          [2.5429e+02, 2.5443e+02, 2.5457e+02,  ..., 2.5529e+02,
           2.5543e+02, 2.5557e+02],
          [2.5571e+02, 2.5586e+02, 2.5600e+02,  ..., 2.5671e+02,
           2.5686e+02, 2.5700e+02]],

         [[2.5714e+02, 2.5729e+02, 2.5743e+02,  ..., 2.5814e+02,
           2.5829e+02, 2.5843e+02],
          [2.5857e+02, 2.5871e+02, 2.5886e+02,  ..., 2.5957e+02,
           2.5971e+02, 2.5986e+02],
          [2.6000e+02, 2.6014e+02, 2.6029e+02,  ..., 2.6100e+02,
           2.6114e+02, 2.6129e+02],
          ...,
          [2.6714e+02, 2.6729e+02, 2.6743e+02,  ..., 2.6814e+02,
           2.6829e+02, 2.6843e+02],
          [2.6857e+02, 2.6871e+02, 2.6886e+02,  ..., 2.6957e+02,
           2.6971e+02, 2.6986e+02],
          [2.7000e+02, 2.7014e+02, 2.7029e+02,  ..., 2.7100e+02,
           2.7114e+02, 2.7129e+02]],

         [[2.7143e+02, 2.7157e+02, 2.7171e+02,  ..., 2.7243e+02,
           2.7257e+02, 2.7271e+02],
          [2.7286e+02, 2.7300e+02, 2.7314e+02,  ..., 2.7386e+02,
           2.7400e+02, 2.7414e+02],
          [2.7429e+02, 2.7443e+02, 2.7457e+02,  ..., 2.7529e+02,
           2.7543e+02, 2.7557e+02],
          ...,
          [2.8143e+02, 2.8157e+02, 2.8171e+02,  ..., 2.8243e+02,
           2.8257e+02, 2.8271e+02],
          [2.8286e+02, 2.8300e+02, 2.8314e+02,  ..., 2.8386e+02,
           2.8400e+02, 2.8414e+02],
          [2.8429e+02, 2.8443e+02, 2.8457e+02,  ..., 2.8529e+02,
           2.8543e+02, 2.8557e+02]]],


        [[[2.8571e+02, 2.8586e+02, 2.8600e+02,  ..., 2.8671e+02,
           2.8686e+02, 2.8700e+02],
          [2.8714e+02, 2.8729e+02, 2.8743e+02,  ..., 2.8814e+02,
           2.8829e+02, 2.8843e+02],
          [2.8857e+02, 2.8871e+02, 2.8886e+02,  ..., 2.8957e+02,
           2.8971e+02, 2.8986e+02],
          ...,
          [2.9571e+02, 2.9586e+02, 2.9600e+02,  ..., 2.9671e+02,
           2.9686e+02, 2.9700e+02],
          [2.9714e+02, 2.9729e+02, 2.9743e+02,  ..., 2.9814e+02,
           2.9829e+02, 2.9843e+02],
          [2.9857e+02, 2.9871e+02, 2.9886e+02,  ..., 2.9957e+02,
           2.9971e+02, 2.9986e+02]],

         [[3.0000e+02, 3.0014e+02, 3.0029e+02,  ..., 3.0100e+02,
           3.0114e+02, 3.0129e+02],
          [3.0143e+02, 3.0157e+02, 3.0171e+02,  ..., 3.0243e+02,
           3.0257e+02, 3.0271e+02],
          [3.0286e+02, 3.0300e+02, 3.0314e+02,  ..., 3.0386e+02,
           3.0400e+02, 3.0414e+02],
          ...,
          [3.1000e+02, 3.1014e+02, 3.1029e+02,  ..., 3.1100e+02,
           3.1114e+02, 3.1129e+02],
          [3.1143e+02, 3.1157e+02, 3.1171e+02,  ..., 3.1243e+02,
           3.1257e+02, 3.1271e+02],
          [3.1286e+02, 3.1300e+02, 3.1314e+02,  ..., 3.1386e+02,
           3.1400e+02, 3.1414e+02]],

         [[3.1429e+02, 3.1443e+02, 3.1457e+02,  ..., 3.1529e+02,
           3.1543e+02, 3.1557e+02],
          [3.1571e+02, 3.1586e+02, 3.1600e+02,  ..., 3.1671e+02,
           3.1686e+02, 3.1700e+02],
          [3.1714e+02, 3.1729e+02, 3.1743e+02,  ..., 3.1814e+02,
           3.1829e+02, 3.1843e+02],
          ...,
          [3.2429e+02, 3.2443e+02, 3.2457e+02,  ..., 3.2529e+02,
           3.2543e+02, 3.2557e+02],
          [3.2571e+02, 3.2586e+02, 3.2600e+02,  ..., 3.2671e+02,
           3.2686e+02, 3.2700e+02],
          [3.2714e+02, 3.2729e+02, 3.2743e+02,  ..., 3.2814e+02,
           3.2829e+02, 3.2843e+02]],

         ...,

         [[3.8571e+02, 3.8586e+02, 3.8600e+02,  ..., 3.8671e+02,
           3.8686e+02, 3.8700e+02],
          [3.8714e+02, 3.8729e+02, 3.8743e+02,  ..., 3.8814e+02,
           3.8829e+02, 3.8843e+02],
          [3.8857e+02, 3.8871e+02, 3.8886e+02,  ..., 3.8957e+02,
           3.8971e+02, 3.8986e+02],
          ...,
          [3.9571e+02, 3.9586e+02, 3.9600e+02,  ..., 3.9671e+02,
           3.9686e+02, 3.9700e+02],
          [3.9714e+02, 3.9729e+02, 3.9743e+02,  ..., 3.9814e+02,
           3.9829e+02, 3.9843e+02],
          [3.9857e+02, 3.9871e+02, 3.9886e+02,  ..., 3.9957e+02,
           3.9971e+02, 3.9986e+02]],

         [[4.0000e+02, 4.0014e+02, 4.0029e+02,  ..., 4.0100e+02,
           4.0114e+02, 4.0129e+02],
          [4.0143e+02, 4.0157e+02, 4.0171e+02,  ..., 4.0243e+02,
           4.0257e+02, 4.0271e+02],
          [4.0286e+02, 4.0300e+02, 4.0314e+02,  ..., 4.0386e+02,
           4.0400e+02, 4.0414e+02],
          ...,
          [4.1000e+02, 4.1014e+02, 4.1029e+02,  ..., 4.1100e+02,
           4.1114e+02, 4.1129e+02],
          [4.1143e+02, 4.1157e+02, 4.1171e+02,  ..., 4.1243e+02,
           4.1257e+02, 4.1271e+02],
          [4.1286e+02, 4.1300e+02, 4.1314e+02,  ..., 4.1386e+02,
           4.1400e+02, 4.1414e+02]],

         [[4.1429e+02, 4.1443e+02, 4.1457e+02,  ..., 4.1529e+02,
           4.1543e+02, 4.1557e+02],
          [4.1571e+02, 4.1586e+02, 4.1600e+02,  ..., 4.1671e+02,
           4.1686e+02, 4.1700e+02],
          [4.1714e+02, 4.1729e+02, 4.1743e+02,  ..., 4.1814e+02,
           4.1829e+02, 4.1843e+02],
          ...,
          [4.2429e+02, 4.2443e+02, 4.2457e+02,  ..., 4.2529e+02,
           4.2543e+02, 4.2557e+02],
          [4.2571e+02, 4.2586e+02, 4.2600e+02,  ..., 4.2671e+02,
           4.2686e+02, 4.2700e+02],
          [4.2714e+02, 4.2729e+02, 4.2743e+02,  ..., 4.2814e+02,
           4.2829e+02, 4.2843e+02]]],


        ...,


        [[[1.0000e+03, 1.0001e+03, 1.0003e+03,  ..., 1.0010e+03,
           1.0011e+03, 1.0013e+03],
          [1.0014e+03, 1.0016e+03, 1.0017e+03,  ..., 1.0024e+03,
           1.0026e+03, 1.0027e+03],
          [1.0029e+03, 1.0030e+03, 1.0031e+03,  ..., 1.0039e+03,
           1.0040e+03, 1.0041e+03],
          ...,
          [1.0100e+03, 1.0101e+03, 1.0103e+03,  ..., 1.0110e+03,
           1.0111e+03, 1.0113e+03],
          [1.0114e+03, 1.0116e+03, 1.0117e+03,  ..., 1.0124e+03,
           1.0126e+03, 1.0127e+03],
          [1.0129e+03, 1.0130e+03, 1.0131e+03,  ..., 1.0139e+03,
           1.0140e+03, 1.0141e+03]],

         [[1.0143e+03, 1.0144e+03, 1.0146e+03,  ..., 1.0153e+03,
           1.0154e+03, 1.0156e+03],
          [1.0157e+03, 1.0159e+03, 1.0160e+03,  ..., 1.0167e+03,
           1.0169e+03, 1.0170e+03],
          [1.0171e+03, 1.0173e+03, 1.0174e+03,  ..., 1.0181e+03,
           1.0183e+03, 1.0184e+03],
          ...,
          [1.0243e+03, 1.0244e+03, 1.0246e+03,  ..., 1.0253e+03,
           1.0254e+03, 1.0256e+03],
          [1.0257e+03, 1.0259e+03, 1.0260e+03,  ..., 1.0267e+03,
           1.0269e+03, 1.0270e+03],
          [1.0271e+03, 1.0273e+03, 1.0274e+03,  ..., 1.0281e+03,
           1.0283e+03, 1.0284e+03]],

         [[1.0286e+03, 1.0287e+03, 1.0289e+03,  ..., 1.0296e+03,
           1.0297e+03, 1.0299e+03],
          [1.0300e+03, 1.0301e+03, 1.0303e+03,  ..., 1.0310e+03,
           1.0311e+03, 1.0313e+03],
          [1.0314e+03, 1.0316e+03, 1.0317e+03,  ..., 1.0324e+03,
           1.0326e+03, 1.0327e+03],
          ...,
          [1.0386e+03, 1.0387e+03, 1.0389e+03,  ..., 1.0396e+03,
           1.0397e+03, 1.0399e+03],
          [1.0400e+03, 1.0401e+03, 1.0403e+03,  ..., 1.0410e+03,
           1.0411e+03, 1.0413e+03],
          [1.0414e+03, 1.0416e+03, 1.0417e+03,  ..., 1.0424e+03,
           1.0426e+03, 1.0427e+03]],

         ...,

         [[1.1000e+03, 1.1001e+03, 1.1003e+03,  ..., 1.1010e+03,
           1.1011e+03, 1.1013e+03],
          [1.1014e+03, 1.1016e+03, 1.1017e+03,  ..., 1.1024e+03,
           1.1026e+03, 1.1027e+03],
          [1.1029e+03, 1.1030e+03, 1.1031e+03,  ..., 1.1039e+03,
           1.1040e+03, 1.1041e+03],
          ...,
          [1.1100e+03, 1.1101e+03, 1.1103e+03,  ..., 1.1110e+03,
           1.1111e+03, 1.1113e+03],
          [1.1114e+03, 1.1116e+03, 1.1117e+03,  ..., 1.1124e+03,
           1.1126e+03, 1.1127e+03],
          [1.1129e+03, 1.1130e+03, 1.1131e+03,  ..., 1.1139e+03,
           1.1140e+03, 1.1141e+03]],

         [[1.1143e+03, 1.1144e+03, 1.1146e+03,  ..., 1.1153e+03,
           1.1154e+03, 1.1156e+03],
          [1.1157e+03, 1.1159e+03, 1.1160e+03,  ..., 1.1167e+03,
           1.1169e+03, 1.1170e+03],
          [1.1171e+03, 1.1173e+03, 1.1174e+03,  ..., 1.1181e+03,
           1.1183e+03, 1.1184e+03],
          ...,
          [1.1243e+03, 1.1244e+03, 1.1246e+03,  ..., 1.1253e+03,
           1.1254e+03, 1.1256e+03],
          [1.1257e+03, 1.1259e+03, 1.1260e+03,  ..., 1.1267e+03,
           1.1269e+03, 1.1270e+03],
          [1.1271e+03, 1.1273e+03, 1.1274e+03,  ..., 1.1281e+03,
           1.1283e+03, 1.1284e+03]],

         [[1.1286e+03, 1.1287e+03, 1.1289e+03,  ..., 1.1296e+03,
           1.1297e+03, 1.1299e+03],
          [1.1300e+03, 1.1301e+03, 1.1303e+03,  ..., 1.1310e+03,
           1.1311e+03, 1.1313e+03],
          [1.1314e+03, 1.1316e+03, 1.1317e+03,  ..., 1.1324e+03,
           1.1326e+03, 1.1327e+03],
          ...,
          [1.1386e+03, 1.1387e+03, 1.1389e+03,  ..., 1.1396e+03,
           1.1397e+03, 1.1399e+03],
          [1.1400e+03, 1.1401e+03, 1.1403e+03,  ..., 1.1410e+03,
           1.1411e+03, 1.1413e+03],
          [1.1414e+03, 1.1416e+03, 1.1417e+03,  ..., 1.1424e+03,
           1.1426e+03, 1.1427e+03]]],


        [[[1.1429e+03, 1.1430e+03, 1.1431e+03,  ..., 1.1439e+03,
           1.1440e+03, 1.1441e+03],
          [1.1443e+03, 1.1444e+03, 1.1446e+03,  ..., 1.1453e+03,
           1.1454e+03, 1.1456e+03],
          [1.1457e+03, 1.1459e+03, 1.1460e+03,  ..., 1.1467e+03,
           1.1469e+03, 1.1470e+03],
          ...,
          [1.1529e+03, 1.1530e+03, 1.1531e+03,  ..., 1.1539e+03,
           1.1540e+03, 1.1541e+03],
          [1.1543e+03, 1.1544e+03, 1.1546e+03,  ..., 1.1553e+03,
           1.1554e+03, 1.1556e+03],
          [1.1557e+03, 1.1559e+03, 1.1560e+03,  ..., 1.1567e+03,
           1.1569e+03, 1.1570e+03]],

         [[1.1571e+03, 1.1573e+03, 1.1574e+03,  ..., 1.1581e+03,
           1.1583e+03, 1.1584e+03],
          [1.1586e+03, 1.1587e+03, 1.1589e+03,  ..., 1.1596e+03,
           1.1597e+03, 1.1599e+03],
          [1.1600e+03, 1.1601e+03, 1.1603e+03,  ..., 1.1610e+03,
           1.1611e+03, 1.1613e+03],
          ...,
          [1.1671e+03, 1.1673e+03, 1.1674e+03,  ..., 1.1681e+03,
           1.1683e+03, 1.1684e+03],
          [1.1686e+03, 1.1687e+03, 1.1689e+03,  ..., 1.1696e+03,
           1.1697e+03, 1.1699e+03],
          [1.1700e+03, 1.1701e+03, 1.1703e+03,  ..., 1.1710e+03,
           1.1711e+03, 1.1713e+03]],

         [[1.1714e+03, 1.1716e+03, 1.1717e+03,  ..., 1.1724e+03,
           1.1726e+03, 1.1727e+03],
          [1.1729e+03, 1.1730e+03, 1.1731e+03,  ..., 1.1739e+03,
           1.1740e+03, 1.1741e+03],
          [1.1743e+03, 1.1744e+03, 1.1746e+03,  ..., 1.1753e+03,
           1.1754e+03, 1.1756e+03],
          ...,
          [1.1814e+03, 1.1816e+03, 1.1817e+03,  ..., 1.1824e+03,
           1.1826e+03, 1.1827e+03],
          [1.1829e+03, 1.1830e+03, 1.1831e+03,  ..., 1.1839e+03,
           1.1840e+03, 1.1841e+03],
          [1.1843e+03, 1.1844e+03, 1.1846e+03,  ..., 1.1853e+03,
           1.1854e+03, 1.1856e+03]],

         ...,

         [[1.2429e+03, 1.2430e+03, 1.2431e+03,  ..., 1.2439e+03,
           1.2440e+03, 1.2441e+03],
          [1.2443e+03, 1.2444e+03, 1.2446e+03,  ..., 1.2453e+03,
           1.2454e+03, 1.2456e+03],
          [1.2457e+03, 1.2459e+03, 1.2460e+03,  ..., 1.2467e+03,
           1.2469e+03, 1.2470e+03],
          ...,
          [1.2529e+03, 1.2530e+03, 1.2531e+03,  ..., 1.2539e+03,
           1.2540e+03, 1.2541e+03],
          [1.2543e+03, 1.2544e+03, 1.2546e+03,  ..., 1.2553e+03,
           1.2554e+03, 1.2556e+03],
          [1.2557e+03, 1.2559e+03, 1.2560e+03,  ..., 1.2567e+03,
           1.2569e+03, 1.2570e+03]],

         [[1.2571e+03, 1.2573e+03, 1.2574e+03,  ..., 1.2581e+03,
           1.2583e+03, 1.2584e+03],
          [1.2586e+03, 1.2587e+03, 1.2589e+03,  ..., 1.2596e+03,
           1.2597e+03, 1.2599e+03],
          [1.2600e+03, 1.2601e+03, 1.2603e+03,  ..., 1.2610e+03,
           1.2611e+03, 1.2613e+03],
          ...,
          [1.2671e+03, 1.2673e+03, 1.2674e+03,  ..., 1.2681e+03,
           1.2683e+03, 1.2684e+03],
          [1.2686e+03, 1.2687e+03, 1.2689e+03,  ..., 1.2696e+03,
           1.2697e+03, 1.2699e+03],
          [1.2700e+03, 1.2701e+03, 1.2703e+03,  ..., 1.2710e+03,
           1.2711e+03, 1.2713e+03]],

         [[1.2714e+03, 1.2716e+03, 1.2717e+03,  ..., 1.2724e+03,
           1.2726e+03, 1.2727e+03],
          [1.2729e+03, 1.2730e+03, 1.2731e+03,  ..., 1.2739e+03,
           1.2740e+03, 1.2741e+03],
          [1.2743e+03, 1.2744e+03, 1.2746e+03,  ..., 1.2753e+03,
           1.2754e+03, 1.2756e+03],
          ...,
          [1.2814e+03, 1.2816e+03, 1.2817e+03,  ..., 1.2824e+03,
           1.2826e+03, 1.2827e+03],
          [1.2829e+03, 1.2830e+03, 1.2831e+03,  ..., 1.2839e+03,
           1.2840e+03, 1.2841e+03],
          [1.2843e+03, 1.2844e+03, 1.2846e+03,  ..., 1.2853e+03,
           1.2854e+03, 1.2856e+03]]],


        [[[1.2857e+03, 1.2859e+03, 1.2860e+03,  ..., 1.2867e+03,
           1.2869e+03, 1.2870e+03],
          [1.2871e+03, 1.2873e+03, 1.2874e+03,  ..., 1.2881e+03,
           1.2883e+03, 1.2884e+03],
          [1.2886e+03, 1.2887e+03, 1.2889e+03,  ..., 1.2896e+03,
           1.2897e+03, 1.2899e+03],
          ...,
          [1.2957e+03, 1.2959e+03, 1.2960e+03,  ..., 1.2967e+03,
           1.2969e+03, 1.2970e+03],
          [1.2971e+03, 1.2973e+03, 1.2974e+03,  ..., 1.2981e+03,
           1.2983e+03, 1.2984e+03],
          [1.2986e+03, 1.2987e+03, 1.2989e+03,  ..., 1.2996e+03,
           1.2997e+03, 1.2999e+03]],

         [[1.3000e+03, 1.3001e+03, 1.3003e+03,  ..., 1.3010e+03,
           1.3011e+03, 1.3013e+03],
          [1.3014e+03, 1.3016e+03, 1.3017e+03,  ..., 1.3024e+03,
           1.3026e+03, 1.3027e+03],
          [1.3029e+03, 1.3030e+03, 1.3031e+03,  ..., 1.3039e+03,
           1.3040e+03, 1.3041e+03],
          ...,
          [1.3100e+03, 1.3101e+03, 1.3103e+03,  ..., 1.3110e+03,
           1.3111e+03, 1.3113e+03],
          [1.3114e+03, 1.3116e+03, 1.3117e+03,  ..., 1.3124e+03,
           1.3126e+03, 1.3127e+03],
          [1.3129e+03, 1.3130e+03, 1.3131e+03,  ..., 1.3139e+03,
           1.3140e+03, 1.3141e+03]],

         [[1.3143e+03, 1.3144e+03, 1.3146e+03,  ..., 1.3153e+03,
           1.3154e+03, 1.3156e+03],
          [1.3157e+03, 1.3159e+03, 1.3160e+03,  ..., 1.3167e+03,
           1.3169e+03, 1.3170e+03],
          [1.3171e+03, 1.3173e+03, 1.3174e+03,  ..., 1.3181e+03,
           1.3183e+03, 1.3184e+03],
          ...,
          [1.3243e+03, 1.3244e+03, 1.3246e+03,  ..., 1.3253e+03,
           1.3254e+03, 1.3256e+03],
          [1.3257e+03, 1.3259e+03, 1.3260e+03,  ..., 1.3267e+03,
           1.3269e+03, 1.3270e+03],
          [1.3271e+03, 1.3273e+03, 1.3274e+03,  ..., 1.3281e+03,
           1.3283e+03, 1.3284e+03]],

         ...,

         [[1.3857e+03, 1.3859e+03, 1.3860e+03,  ..., 1.3867e+03,
           1.3869e+03, 1.3870e+03],
          [1.3871e+03, 1.3873e+03, 1.3874e+03,  ..., 1.3881e+03,
           1.3883e+03, 1.3884e+03],
          [1.3886e+03, 1.3887e+03, 1.3889e+03,  ..., 1.3896e+03,
           1.3897e+03, 1.3899e+03],
          ...,
          [1.3957e+03, 1.3959e+03, 1.3960e+03,  ..., 1.3967e+03,
           1.3969e+03, 1.3970e+03],
          [1.3971e+03, 1.3973e+03, 1.3974e+03,  ..., 1.3981e+03,
           1.3983e+03, 1.3984e+03],
          [1.3986e+03, 1.3987e+03, 1.3989e+03,  ..., 1.3996e+03,
           1.3997e+03, 1.3999e+03]],

         [[1.4000e+03, 1.4001e+03, 1.4003e+03,  ..., 1.4010e+03,
           1.4011e+03, 1.4013e+03],
          [1.4014e+03, 1.4016e+03, 1.4017e+03,  ..., 1.4024e+03,
           1.4026e+03, 1.4027e+03],
          [1.4029e+03, 1.4030e+03, 1.4031e+03,  ..., 1.4039e+03,
           1.4040e+03, 1.4041e+03],
          ...,
          [1.4100e+03, 1.4101e+03, 1.4103e+03,  ..., 1.4110e+03,
           1.4111e+03, 1.4113e+03],
          [1.4114e+03, 1.4116e+03, 1.4117e+03,  ..., 1.4124e+03,
           1.4126e+03, 1.4127e+03],
          [1.4129e+03, 1.4130e+03, 1.4131e+03,  ..., 1.4139e+03,
           1.4140e+03, 1.4141e+03]],

         [[1.4143e+03, 1.4144e+03, 1.4146e+03,  ..., 1.4153e+03,
           1.4154e+03, 1.4156e+03],
          [1.4157e+03, 1.4159e+03, 1.4160e+03,  ..., 1.4167e+03,
           1.4169e+03, 1.4170e+03],
          [1.4171e+03, 1.4173e+03, 1.4174e+03,  ..., 1.4181e+03,
           1.4183e+03, 1.4184e+03],
          ...,
          [1.4243e+03, 1.4244e+03, 1.4246e+03,  ..., 1.4253e+03,
           1.4254e+03, 1.4256e+03],
          [1.4257e+03, 1.4259e+03, 1.4260e+03,  ..., 1.4267e+03,
           1.4269e+03, 1.4270e+03],
          [1.4271e+03, 1.4273e+03, 1.4274e+03,  ..., 1.4281e+03,
           1.4283e+03, 1.4284e+03]]]]))EXP");
}

TEST_CASE("print: bool summary", "[print]") {
  // repr(torch.ones(1001, dtype=torch.bool))
  Guard guard;
  Tensor t = ones({1001}, DType::Bool);
  CHECK(tensor_repr(t) == R"EXP(tensor([True, True, True,  ..., True, True, True]))EXP");
}

TEST_CASE("print: linspace float64 summary", "[print]") {
  // repr(torch.linspace(-1, 1, 1200, dtype=torch.float64))
  Guard guard;
  Tensor t = linspace(-1, 1, 1200, DType::Float64);
  CHECK(tensor_repr(t) == R"EXP(tensor([-1.0000, -0.9983, -0.9967,  ...,  0.9967,  0.9983,  1.0000],
       dtype=torch.float64))EXP");
}

TEST_CASE("print: tiny summary", "[print]") {
  // repr(torch.arange(1100.0) * 1e-6)
  Guard guard;
  Tensor t = mul(arange(Scalar(1100.0)), Scalar(1e-6));
  CHECK(tensor_repr(t) == R"EXP(tensor([0.0000e+00, 1.0000e-06, 2.0000e-06,  ..., 1.0970e-03, 1.0980e-03,
        1.0990e-03]))EXP");
}

TEST_CASE("print: summary formatter sees only edges", "[print]") {
  // repr(torch.cat([torch.tensor([0.5, 0.25, 0.125]), torch.full((1000,), 1e-9), torch.tensor([2.0, 4.0, 8.0])]))
  Guard guard;
  Tensor t = cat({F({0.5, 0.25, 0.125}), full({1000}, Scalar(1e-9)), F({2.0, 4.0, 8.0})});
  CHECK(tensor_repr(t) == R"EXP(tensor([0.5000, 0.2500, 0.1250,  ..., 2.0000, 4.0000, 8.0000]))EXP");
}

TEST_CASE("print: precision 2", "[print]") {
  // torch.set_printoptions(precision=2); repr(torch.tensor([1.12345, -2.5]))
  Guard guard;
  PrintOptions& o = print_options();
  o.precision = 2;
  Tensor t = F({1.12345, -2.5});
  CHECK(tensor_repr(t) == R"EXP(tensor([ 1.12, -2.50]))EXP");
}

TEST_CASE("print: precision 6", "[print]") {
  // torch.set_printoptions(precision=6); repr(torch.tensor([1.0 / 3.0, 2.0]))
  Guard guard;
  PrintOptions& o = print_options();
  o.precision = 6;
  Tensor t = F({1.0 / 3.0, 2.0});
  CHECK(tensor_repr(t) == R"EXP(tensor([0.333333, 2.000000]))EXP");
}

TEST_CASE("print: precision 0", "[print]") {
  // torch.set_printoptions(precision=0); repr(torch.tensor([1.5, 2.5, 0.25]))
  Guard guard;
  PrintOptions& o = print_options();
  o.precision = 0;
  Tensor t = F({1.5, 2.5, 0.25});
  CHECK(tensor_repr(t) == R"EXP(tensor([2, 2, 0]))EXP");
}

TEST_CASE("print: precision 1 sci", "[print]") {
  // torch.set_printoptions(precision=1); repr(torch.tensor([1e-5, 3.0]))
  Guard guard;
  PrintOptions& o = print_options();
  o.precision = 1;
  Tensor t = F({1e-5, 3.0});
  CHECK(tensor_repr(t) == R"EXP(tensor([1.0e-05, 3.0e+00]))EXP");
}

TEST_CASE("print: threshold 5", "[print]") {
  // torch.set_printoptions(threshold=5); repr(torch.arange(10))
  Guard guard;
  PrintOptions& o = print_options();
  o.threshold = 5;
  Tensor t = arange(10);
  CHECK(tensor_repr(t) == R"EXP(tensor([0, 1, 2,  ..., 7, 8, 9]))EXP");
}

TEST_CASE("print: threshold 5 2-d", "[print]") {
  // torch.set_printoptions(threshold=5); repr(torch.arange(64.0).reshape(8, 8))
  Guard guard;
  PrintOptions& o = print_options();
  o.threshold = 5;
  Tensor t = reshape(arange(Scalar(64.0)), {8, 8});
  CHECK(tensor_repr(t) == R"EXP(tensor([[ 0.,  1.,  2.,  ...,  5.,  6.,  7.],
        [ 8.,  9., 10.,  ..., 13., 14., 15.],
        [16., 17., 18.,  ..., 21., 22., 23.],
        ...,
        [40., 41., 42.,  ..., 45., 46., 47.],
        [48., 49., 50.,  ..., 53., 54., 55.],
        [56., 57., 58.,  ..., 61., 62., 63.]]))EXP");
}

TEST_CASE("print: edgeitems 1", "[print]") {
  // torch.set_printoptions(edgeitems=1); repr(torch.arange(2000).reshape(40, 50))
  Guard guard;
  PrintOptions& o = print_options();
  o.edgeitems = 1;
  Tensor t = reshape(arange(2000), {40, 50});
  CHECK(tensor_repr(t) == R"EXP(tensor([[   0,  ...,   49],
        ...,
        [1950,  ..., 1999]]))EXP");
}

TEST_CASE("print: edgeitems 5", "[print]") {
  // torch.set_printoptions(edgeitems=5); repr(torch.arange(2000))
  Guard guard;
  PrintOptions& o = print_options();
  o.edgeitems = 5;
  Tensor t = arange(2000);
  CHECK(tensor_repr(t) == R"EXP(tensor([   0,    1,    2,    3,    4,  ..., 1995, 1996, 1997, 1998, 1999]))EXP");
}

TEST_CASE("print: edgeitems 0 1-d", "[print]") {
  // torch.set_printoptions(edgeitems=0, threshold=4); repr(torch.arange(8))
  Guard guard;
  PrintOptions& o = print_options();
  o.edgeitems = 0; o.threshold = 4;
  Tensor t = arange(8);
  CHECK(tensor_repr(t) == R"EXP(tensor([ ..., 0, 1, 2, 3, 4, 5, 6, 7]))EXP");
}

TEST_CASE("print: linewidth 40", "[print]") {
  // torch.set_printoptions(linewidth=40); repr(torch.arange(20.0) / 3)
  Guard guard;
  PrintOptions& o = print_options();
  o.linewidth = 40;
  Tensor t = div(arange(Scalar(20.0)), Scalar(3));
  CHECK(tensor_repr(t) == R"EXP(tensor([0.0000, 0.3333, 0.6667, 1.0000,
        1.3333, 1.6667, 2.0000, 2.3333,
        2.6667, 3.0000, 3.3333, 3.6667,
        4.0000, 4.3333, 4.6667, 5.0000,
        5.3333, 5.6667, 6.0000, 6.3333]))EXP");
}

TEST_CASE("print: linewidth 40 suffix", "[print]") {
  // torch.set_printoptions(linewidth=40); repr(torch.arange(1.0, 7.0, dtype=torch.float64))
  Guard guard;
  PrintOptions& o = print_options();
  o.linewidth = 40;
  Tensor t = F({1.0, 2.0, 3.0, 4.0, 5.0, 6.0}, {6}, DType::Float64);
  CHECK(tensor_repr(t) == R"EXP(tensor([1., 2., 3., 4., 5., 6.],
       dtype=torch.float64))EXP");
}

TEST_CASE("print: linewidth 5", "[print]") {
  // torch.set_printoptions(linewidth=5); repr(torch.arange(4))
  Guard guard;
  PrintOptions& o = print_options();
  o.linewidth = 5;
  Tensor t = arange(4);
  CHECK(tensor_repr(t) == R"EXP(tensor([0,
        1,
        2,
        3]))EXP");
}

TEST_CASE("print: sci_mode True", "[print]") {
  // torch.set_printoptions(sci_mode=True); repr(torch.tensor([1.0, 2.5]))
  Guard guard;
  PrintOptions& o = print_options();
  o.sci_mode = true;
  Tensor t = F({1.0, 2.5});
  CHECK(tensor_repr(t) == R"EXP(tensor([1.0000e+00, 2.5000e+00]))EXP");
}

TEST_CASE("print: sci_mode True int mode", "[print]") {
  // torch.set_printoptions(sci_mode=True); repr(torch.tensor([1.0, 20.0]))
  Guard guard;
  PrintOptions& o = print_options();
  o.sci_mode = true;
  Tensor t = F({1.0, 20.0});
  CHECK(tensor_repr(t) == R"EXP(tensor([1.0000e+00, 2.0000e+01]))EXP");
}

TEST_CASE("print: sci_mode True zeros", "[print]") {
  // torch.set_printoptions(sci_mode=True); repr(torch.tensor([0.0, 0.0]))
  Guard guard;
  PrintOptions& o = print_options();
  o.sci_mode = true;
  Tensor t = F({0.0, 0.0});
  CHECK(tensor_repr(t) == R"EXP(tensor([0., 0.]))EXP");
}

TEST_CASE("print: sci_mode True ints", "[print]") {
  // torch.set_printoptions(sci_mode=True); repr(torch.tensor([1, 2]))
  Guard guard;
  PrintOptions& o = print_options();
  o.sci_mode = true;
  Tensor t = I({1, 2});
  CHECK(tensor_repr(t) == R"EXP(tensor([1, 2]))EXP");
}

TEST_CASE("print: sci_mode False", "[print]") {
  // torch.set_printoptions(sci_mode=False); repr(torch.tensor([1e-5, 1.0]))
  Guard guard;
  PrintOptions& o = print_options();
  o.sci_mode = false;
  Tensor t = F({1e-5, 1.0});
  CHECK(tensor_repr(t) == R"EXP(tensor([    0.0000,     1.0000]))EXP");
}

TEST_CASE("print: sci_mode False int mode", "[print]") {
  // torch.set_printoptions(sci_mode=False); repr(torch.tensor([1.0, 1e9]))
  Guard guard;
  PrintOptions& o = print_options();
  o.sci_mode = false;
  Tensor t = F({1.0, 1e9});
  CHECK(tensor_repr(t) == R"EXP(tensor([        1., 1000000000.]))EXP");
}

TEST_CASE("print: sci_mode False 2-d", "[print]") {
  // torch.set_printoptions(sci_mode=False); repr(torch.tensor([[1e-5, 1.0], [123.0, -4.0]]))
  Guard guard;
  PrintOptions& o = print_options();
  o.sci_mode = false;
  Tensor t = F({1e-5, 1.0, 123.0, -4.0}, {2, 2});
  CHECK(tensor_repr(t) == R"EXP(tensor([[     0.0000,      1.0000],
        [   123.0000,     -4.0000]]))EXP");
}

TEST_CASE("print: profile short", "[print]") {
  // torch.set_printoptions(profile='short'); repr(torch.arange(2000.0).reshape(40, 50) / 3)
  Guard guard;
  PrintOptions& o = print_options();
  o.precision = 2; o.threshold = 1000; o.edgeitems = 2; o.linewidth = 80;
  Tensor t = div(reshape(arange(Scalar(2000.0)), {40, 50}), Scalar(3));
  CHECK(tensor_repr(t) == R"EXP(tensor([[0.00e+00, 3.33e-01,  ..., 1.60e+01, 1.63e+01],
        [1.67e+01, 1.70e+01,  ..., 3.27e+01, 3.30e+01],
        ...,
        [6.33e+02, 6.34e+02,  ..., 6.49e+02, 6.50e+02],
        [6.50e+02, 6.50e+02,  ..., 6.66e+02, 6.66e+02]]))EXP");
}

TEST_CASE("print: profile full", "[print]") {
  // torch.set_printoptions(profile='full'); repr(torch.arange(1200))
  Guard guard;
  PrintOptions& o = print_options();
  o.precision = 4; o.threshold = INT64_MAX; o.edgeitems = 3; o.linewidth = 80;
  Tensor t = arange(1200);
  CHECK(tensor_repr(t) == R"EXP(tensor([   0,    1,    2,    3,    4,    5,    6,    7,    8,    9,   10,   11,
          12,   13,   14,   15,   16,   17,   18,   19,   20,   21,   22,   23,
          24,   25,   26,   27,   28,   29,   30,   31,   32,   33,   34,   35,
          36,   37,   38,   39,   40,   41,   42,   43,   44,   45,   46,   47,
          48,   49,   50,   51,   52,   53,   54,   55,   56,   57,   58,   59,
          60,   61,   62,   63,   64,   65,   66,   67,   68,   69,   70,   71,
          72,   73,   74,   75,   76,   77,   78,   79,   80,   81,   82,   83,
          84,   85,   86,   87,   88,   89,   90,   91,   92,   93,   94,   95,
          96,   97,   98,   99,  100,  101,  102,  103,  104,  105,  106,  107,
         108,  109,  110,  111,  112,  113,  114,  115,  116,  117,  118,  119,
         120,  121,  122,  123,  124,  125,  126,  127,  128,  129,  130,  131,
         132,  133,  134,  135,  136,  137,  138,  139,  140,  141,  142,  143,
         144,  145,  146,  147,  148,  149,  150,  151,  152,  153,  154,  155,
         156,  157,  158,  159,  160,  161,  162,  163,  164,  165,  166,  167,
         168,  169,  170,  171,  172,  173,  174,  175,  176,  177,  178,  179,
         180,  181,  182,  183,  184,  185,  186,  187,  188,  189,  190,  191,
         192,  193,  194,  195,  196,  197,  198,  199,  200,  201,  202,  203,
         204,  205,  206,  207,  208,  209,  210,  211,  212,  213,  214,  215,
         216,  217,  218,  219,  220,  221,  222,  223,  224,  225,  226,  227,
         228,  229,  230,  231,  232,  233,  234,  235,  236,  237,  238,  239,
         240,  241,  242,  243,  244,  245,  246,  247,  248,  249,  250,  251,
         252,  253,  254,  255,  256,  257,  258,  259,  260,  261,  262,  263,
         264,  265,  266,  267,  268,  269,  270,  271,  272,  273,  274,  275,
         276,  277,  278,  279,  280,  281,  282,  283,  284,  285,  286,  287,
         288,  289,  290,  291,  292,  293,  294,  295,  296,  297,  298,  299,
         300,  301,  302,  303,  304,  305,  306,  307,  308,  309,  310,  311,
         312,  313,  314,  315,  316,  317,  318,  319,  320,  321,  322,  323,
         324,  325,  326,  327,  328,  329,  330,  331,  332,  333,  334,  335,
         336,  337,  338,  339,  340,  341,  342,  343,  344,  345,  346,  347,
         348,  349,  350,  351,  352,  353,  354,  355,  356,  357,  358,  359,
         360,  361,  362,  363,  364,  365,  366,  367,  368,  369,  370,  371,
         372,  373,  374,  375,  376,  377,  378,  379,  380,  381,  382,  383,
         384,  385,  386,  387,  388,  389,  390,  391,  392,  393,  394,  395,
         396,  397,  398,  399,  400,  401,  402,  403,  404,  405,  406,  407,
         408,  409,  410,  411,  412,  413,  414,  415,  416,  417,  418,  419,
         420,  421,  422,  423,  424,  425,  426,  427,  428,  429,  430,  431,
         432,  433,  434,  435,  436,  437,  438,  439,  440,  441,  442,  443,
         444,  445,  446,  447,  448,  449,  450,  451,  452,  453,  454,  455,
         456,  457,  458,  459,  460,  461,  462,  463,  464,  465,  466,  467,
         468,  469,  470,  471,  472,  473,  474,  475,  476,  477,  478,  479,
         480,  481,  482,  483,  484,  485,  486,  487,  488,  489,  490,  491,
         492,  493,  494,  495,  496,  497,  498,  499,  500,  501,  502,  503,
         504,  505,  506,  507,  508,  509,  510,  511,  512,  513,  514,  515,
         516,  517,  518,  519,  520,  521,  522,  523,  524,  525,  526,  527,
         528,  529,  530,  531,  532,  533,  534,  535,  536,  537,  538,  539,
         540,  541,  542,  543,  544,  545,  546,  547,  548,  549,  550,  551,
         552,  553,  554,  555,  556,  557,  558,  559,  560,  561,  562,  563,
         564,  565,  566,  567,  568,  569,  570,  571,  572,  573,  574,  575,
         576,  577,  578,  579,  580,  581,  582,  583,  584,  585,  586,  587,
         588,  589,  590,  591,  592,  593,  594,  595,  596,  597,  598,  599,
         600,  601,  602,  603,  604,  605,  606,  607,  608,  609,  610,  611,
         612,  613,  614,  615,  616,  617,  618,  619,  620,  621,  622,  623,
         624,  625,  626,  627,  628,  629,  630,  631,  632,  633,  634,  635,
         636,  637,  638,  639,  640,  641,  642,  643,  644,  645,  646,  647,
         648,  649,  650,  651,  652,  653,  654,  655,  656,  657,  658,  659,
         660,  661,  662,  663,  664,  665,  666,  667,  668,  669,  670,  671,
         672,  673,  674,  675,  676,  677,  678,  679,  680,  681,  682,  683,
         684,  685,  686,  687,  688,  689,  690,  691,  692,  693,  694,  695,
         696,  697,  698,  699,  700,  701,  702,  703,  704,  705,  706,  707,
         708,  709,  710,  711,  712,  713,  714,  715,  716,  717,  718,  719,
         720,  721,  722,  723,  724,  725,  726,  727,  728,  729,  730,  731,
         732,  733,  734,  735,  736,  737,  738,  739,  740,  741,  742,  743,
         744,  745,  746,  747,  748,  749,  750,  751,  752,  753,  754,  755,
         756,  757,  758,  759,  760,  761,  762,  763,  764,  765,  766,  767,
         768,  769,  770,  771,  772,  773,  774,  775,  776,  777,  778,  779,
         780,  781,  782,  783,  784,  785,  786,  787,  788,  789,  790,  791,
         792,  793,  794,  795,  796,  797,  798,  799,  800,  801,  802,  803,
         804,  805,  806,  807,  808,  809,  810,  811,  812,  813,  814,  815,
         816,  817,  818,  819,  820,  821,  822,  823,  824,  825,  826,  827,
         828,  829,  830,  831,  832,  833,  834,  835,  836,  837,  838,  839,
         840,  841,  842,  843,  844,  845,  846,  847,  848,  849,  850,  851,
         852,  853,  854,  855,  856,  857,  858,  859,  860,  861,  862,  863,
         864,  865,  866,  867,  868,  869,  870,  871,  872,  873,  874,  875,
         876,  877,  878,  879,  880,  881,  882,  883,  884,  885,  886,  887,
         888,  889,  890,  891,  892,  893,  894,  895,  896,  897,  898,  899,
         900,  901,  902,  903,  904,  905,  906,  907,  908,  909,  910,  911,
         912,  913,  914,  915,  916,  917,  918,  919,  920,  921,  922,  923,
         924,  925,  926,  927,  928,  929,  930,  931,  932,  933,  934,  935,
         936,  937,  938,  939,  940,  941,  942,  943,  944,  945,  946,  947,
         948,  949,  950,  951,  952,  953,  954,  955,  956,  957,  958,  959,
         960,  961,  962,  963,  964,  965,  966,  967,  968,  969,  970,  971,
         972,  973,  974,  975,  976,  977,  978,  979,  980,  981,  982,  983,
         984,  985,  986,  987,  988,  989,  990,  991,  992,  993,  994,  995,
         996,  997,  998,  999, 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007,
        1008, 1009, 1010, 1011, 1012, 1013, 1014, 1015, 1016, 1017, 1018, 1019,
        1020, 1021, 1022, 1023, 1024, 1025, 1026, 1027, 1028, 1029, 1030, 1031,
        1032, 1033, 1034, 1035, 1036, 1037, 1038, 1039, 1040, 1041, 1042, 1043,
        1044, 1045, 1046, 1047, 1048, 1049, 1050, 1051, 1052, 1053, 1054, 1055,
        1056, 1057, 1058, 1059, 1060, 1061, 1062, 1063, 1064, 1065, 1066, 1067,
        1068, 1069, 1070, 1071, 1072, 1073, 1074, 1075, 1076, 1077, 1078, 1079,
        1080, 1081, 1082, 1083, 1084, 1085, 1086, 1087, 1088, 1089, 1090, 1091,
        1092, 1093, 1094, 1095, 1096, 1097, 1098, 1099, 1100, 1101, 1102, 1103,
        1104, 1105, 1106, 1107, 1108, 1109, 1110, 1111, 1112, 1113, 1114, 1115,
        1116, 1117, 1118, 1119, 1120, 1121, 1122, 1123, 1124, 1125, 1126, 1127,
        1128, 1129, 1130, 1131, 1132, 1133, 1134, 1135, 1136, 1137, 1138, 1139,
        1140, 1141, 1142, 1143, 1144, 1145, 1146, 1147, 1148, 1149, 1150, 1151,
        1152, 1153, 1154, 1155, 1156, 1157, 1158, 1159, 1160, 1161, 1162, 1163,
        1164, 1165, 1166, 1167, 1168, 1169, 1170, 1171, 1172, 1173, 1174, 1175,
        1176, 1177, 1178, 1179, 1180, 1181, 1182, 1183, 1184, 1185, 1186, 1187,
        1188, 1189, 1190, 1191, 1192, 1193, 1194, 1195, 1196, 1197, 1198, 1199]))EXP");
}

TEST_CASE("print: default f64: float32 shown", "[print]") {
  // torch.set_default_dtype(torch.float64); repr(torch.tensor([1.0, 2.5], dtype=torch.float32))
  Guard guard;
  set_default_dtype(DType::Float64);
  Tensor t = F({1.0, 2.5});
  CHECK(tensor_repr(t) == R"EXP(tensor([1.0000, 2.5000], dtype=torch.float32))EXP");
}

TEST_CASE("print: default f64: float64 hidden", "[print]") {
  // torch.set_default_dtype(torch.float64); repr(torch.tensor([1.0, 2.5], dtype=torch.float64))
  Guard guard;
  set_default_dtype(DType::Float64);
  Tensor t = F({1.0, 2.5}, {2}, DType::Float64);
  CHECK(tensor_repr(t) == R"EXP(tensor([1.0000, 2.5000]))EXP");
}

TEST_CASE("print: default f64: empty float32", "[print]") {
  // torch.set_default_dtype(torch.float64); repr(torch.zeros(0, dtype=torch.float32))
  Guard guard;
  set_default_dtype(DType::Float64);
  Tensor t = zeros({0}, DType::Float32);
  CHECK(tensor_repr(t) == R"EXP(tensor([], dtype=torch.float32))EXP");
}

TEST_CASE("print: default f64: empty float64", "[print]") {
  // torch.set_default_dtype(torch.float64); repr(torch.zeros(0, dtype=torch.float64))
  Guard guard;
  set_default_dtype(DType::Float64);
  Tensor t = zeros({0}, DType::Float64);
  CHECK(tensor_repr(t) == R"EXP(tensor([]))EXP");
}

