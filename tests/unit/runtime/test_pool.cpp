// max / avg / adaptive-avg pooling forward against PyTorch 1.13 numbers, their
// errors, and the backward functions against float64 central differences.
#include "runtime/ops/pool.h"
#include "test_conv_gradcheck.h"

using namespace tscript::rt;
using namespace tscript::rt::test;

namespace {
using V = std::vector<double>;
using S = std::vector<int64_t>;
Tensor planes() { return sin_data({1, 2, 5, 6}, 0.9); }
}  // namespace

TEST_CASE("max_pool2d values and indices match PyTorch", "[pool]") {
  PoolWithIndices r = max_pool2d_with_indices(planes(), 3, 2, 1);
  CHECK(shape(r.output) == S{1, 2, 3, 3});
  CHECK(close(r.output,
              V{0.7833269096, 0.9738476309, 0.9698898108, 0.0168139005, 0.9698898108, 0.9698898108, 0.3812504917,
                0.0504226878, 0.9611527245, 0.9563759284, 0.9513287388, 0.0839744557, 0.9513287388, 0.9513287388,
                0.9404289629, 0.1174312628, 0.9404289629, 0.9404289629},
              1e-9, 1e-9));
  CHECK(values(r.indices) == V{1, 2, 9, 7, 9, 9, 24, 21, 23, 0, 7, 5, 7, 7, 21, 19, 21, 21});

  // ceil_mode with per-dim kernel/stride/padding/dilation.
  PoolWithIndices c = max_pool2d_with_indices(planes(), {2, 3}, {2, 2}, {1, 0}, {2, 1}, true);
  CHECK(shape(c.output) == S{1, 2, 3, 3});
  CHECK(close(c.output,
              V{0.7936678638, 0.9698898108, 0.4121184852, 0.7936678638, 0.9698898108, 0.9611527245, -0.4724219864,
                0.8136737375, 0.9611527245, 0.9513287388, 0.349951369, -0.7167370232, 0.9513287388, 0.9404289629,
                0.3182565111, 0.8509035245, 0.9404289629, 0.3182565111},
              1e-9, 1e-9));
  CHECK(values(c.indices) == V{8, 9, 10, 8, 9, 23, 18, 22, 23, 7, 8, 11, 7, 21, 22, 20, 21, 22});

  // Output sizes: ceil_mode adds a window only if it starts inside the input.
  CHECK(shape(max_pool2d(ones({1, 1, 5, 5}), 2, {}, 0, 1, true)) == S{1, 1, 3, 3});
  CHECK(shape(max_pool2d(ones({1, 1, 5, 5}), 3, 2, 1, 1, true)) == S{1, 1, 3, 3});
  CHECK(shape(max_pool2d(ones({0, 1, 4, 4}), 2)) == S{0, 1, 2, 2});
  CHECK(shape(max_pool2d(ones({3, 4, 4}), 2)) == S{3, 2, 2});
  // NaN wins the window (the last NaN seen).
  Tensor nan = tensor_f({1, NAN, NAN, 4}, {1, 1, 2, 2});
  PoolWithIndices n = max_pool2d_with_indices(nan, 2);
  CHECK(std::isnan(n.output.double_at(0)));
  CHECK(n.indices.int_at(0) == 2);
  // float32 takes the same path; the maximum is exact.
  CHECK(max_pool2d(to(planes(), DType::Float32), 3, 2, 1).double_at(1) == static_cast<float>(0.9738476309));
}

TEST_CASE("avg_pool2d and adaptive_avg_pool2d match PyTorch", "[pool]") {
  CHECK(close(avg_pool2d(planes(), 3, 2, 1),
              V{0.0030418136, 0.4405473329, -0.0075775865, -0.4394841547, 0.0190184334, 0.546211592, -0.1736012236,
                -0.4331664689, 0.2195568487, 0.3451240859, -0.0378450974, -0.4287390547, 0.2376973858, 0.5350995471,
                -0.3001207742, -0.252876105, 0.2455118859, 0.3122651804},
              1e-9, 1e-9));
  Tensor ceil = avg_pool2d(planes(), 3, 2, 1, true, false);
  CHECK(shape(ceil) == S{1, 2, 3, 4});
  CHECK(close(ceil, V{0.0068440806,  0.6608209993,  -0.0113663797, -0.7175330057, -0.6592262321, 0.0190184334,
                      0.546211592,   0.3001191346,  -0.3906027531, -0.6497497033, 0.329335273,   0.8922428626,
                      0.7765291932,  -0.0567676461, -0.643108582,  -0.3163812837, 0.3565460788,  0.5350995471,
                      -0.3001207742, -0.7517644558, -0.5689712363, 0.3682678288,  0.4683977707,  -0.1212471289},
              1e-9, 1e-9));
  CHECK(close(avg_pool2d(planes(), 2, {}, 0, false, true, 3),
              V{0.0091254409, 1.0549283953, -0.4884893232, -1.0664689352, 0.0456143049, 1.0457416039, 1.0353722576,
                -0.5525290785, -0.7843007296, 0.1183960828, 1.0238320823, -0.5836296703},
              1e-9, 1e-9));
  // int64 averages divide as integers.
  CHECK(values(avg_pool2d(reshape(arange(16), {1, 4, 4}), 3, 1, 1)) ==
        V{1, 2, 2, 2, 3, 5, 6, 4, 5, 9, 10, 7, 4, 7, 8, 5});

  CHECK(close(adaptive_avg_pool2d(planes(), {3, 4}),
              V{0.0068440806,  0.6419140762,  0.3417169333,  -0.3663669924, -0.6592262321, -0.275488504,
                0.6692578208,  0.5153012339,  -0.3906027531, -0.8022855806, 0.0478814782,  0.6663418838,
                0.7765291932,  0.2912858568,  -0.8064722312, -0.5882255472, 0.3565460788,  0.6762630006,
                -0.0742989334, -0.5765674812, -0.5689712363, 0.1023905152,  0.7632202205,  0.2525854279},
              1e-9, 1e-9));
  // Unbatched, and more output rows than input rows (windows overlap).
  Tensor up = adaptive_avg_pool2d(select(planes(), 0, 0), {7, 4});
  CHECK(shape(up) == S{2, 7, 4});
  CHECK(close(slice(flatten(up), 0, 0, 8, 1),
              V{0.3916634548, 0.8785872703, -0.0075702815, -0.7100252805, 0.0068440806, 0.6419140762, 0.3417169333,
                -0.3663669924},
              1e-9, 1e-9));
  CHECK(close(slice(flatten(up), 0, 48, 56, 1),
              V{-0.5689712363, 0.1023905152, 0.7632202205, 0.2525854279, -0.8442027854, -0.2793863633, 0.8970977039,
                0.618425662},
              1e-9, 1e-9));
  // 1x1 is a mean (and works on any input with two trailing dims, as PyTorch).
  CHECK(close(adaptive_avg_pool2d(planes(), {1, 1}), values(mean(planes(), {-1, -2}, true)), 0, 0));
  CHECK(shape(adaptive_avg_pool2d(ones({4, 4}), {1, 1})) == S{1, 1});
}

TEST_CASE("pooling errors carry PyTorch's messages", "[pool]") {
  CHECK_ERROR(max_pool2d(ones({1, 1, 4, 4}), 3, {}, 2), ErrorKind::Runtime,
              "pad should be at most half of kernel size, but got pad=2 and kernel_size=3");
  CHECK_ERROR(max_pool2d(ones({1, 1, 2, 2}), 3), ErrorKind::Runtime,
              "Given input size: (1x2x2). Calculated output size: (1x0x0). Output size is too small");
  CHECK_ERROR(max_pool2d(ones({4, 4}), 2), ErrorKind::Runtime,
              "non-empty 3D or 4D (batch mode) tensor expected for input");
  CHECK_ERROR(max_pool2d(ones({1, 1, 4, 4}), 0), ErrorKind::Runtime, "stride should not be zero");
  CHECK_ERROR(max_pool2d(ones({1, 1, 4, 4}), {2, 2, 2}), ErrorKind::Runtime,
              "max_pool2d: kernel_size must either be a single int, or a tuple of two ints");
  CHECK_ERROR(max_pool2d(ones({1, 1, 4, 4}), 2, {1, 1, 1}), ErrorKind::Runtime,
              "max_pool2d: stride must either be omitted, a single int, or a tuple of two ints");
  CHECK_ERROR(max_pool2d(ones({1, 1, 4, 4}), 2, 2, {1, 1, 1}), ErrorKind::Runtime,
              "max_pool2d: padding must be either be a single int, or a tuple of two ints");
  CHECK_ERROR(max_pool2d(ones({1, 1, 4, 4}), 2, 2, 0, {1, 1, 1}), ErrorKind::Runtime,
              "max_pool2d: dilation must be either a single int, or a tuple of two ints");
  CHECK_ERROR(max_pool2d(ones({1, 1, 4, 4}), 2, {}, 0, 0), ErrorKind::Runtime,
              "dilation should be greater than zero, but got dilationH: 0 dilationW: 0");
  CHECK_ERROR(max_pool2d(ones({1, 1, 4, 4}), 2, {}, -1), ErrorKind::Runtime,
              "pad must be non-negative, but got pad: -1");
  CHECK_ERROR(max_pool2d(ones({1, 1, 4, 4}, DType::Int64), 2), ErrorKind::Runtime,
              "\"max_pool2d\" not implemented for 'Long'");
  CHECK_ERROR(max_pool2d(ones({1, 0, 4, 4}), 2), ErrorKind::Runtime,
              "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:[1, 0, 4, 4]");
  CHECK_ERROR(avg_pool2d(ones({4, 4}), 2), ErrorKind::Index,
              "Dimension out of range (expected to be in range of [-2, 1], but got -3)");
  CHECK_ERROR(avg_pool2d(ones({1, 1, 4, 4}), 2, {}, 0, false, true, 0), ErrorKind::Runtime, "divisor must be not zero");
  CHECK_ERROR(avg_pool2d(ones({1, 1, 4, 4}), 2, {2, 2, 2}), ErrorKind::Runtime,
              "avg_pool2d: stride must either be omitted, a single int, or a tuple of two ints");
  CHECK_ERROR(avg_pool2d(ones({1, 1, 4, 4}, DType::Int32), 2), ErrorKind::Runtime,
              "\"avg_pool2d\" not implemented for 'Int'");
  CHECK_ERROR(adaptive_avg_pool2d(ones({1, 1, 4, 4}), {2, 2, 2}), ErrorKind::Runtime,
              "adaptive_avg_pool2d: output_size must be 2");
  CHECK_ERROR(adaptive_avg_pool2d(ones({4, 4}), {2, 2}), ErrorKind::Runtime,
              "adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got [4, 4]");
  CHECK_ERROR(adaptive_avg_pool2d(ones({1, 0, 4}), {2, 2}), ErrorKind::Runtime,
              "adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has "
              "sizes [1, 0, 4] with dimension 1 being empty");
  CHECK_ERROR(adaptive_avg_pool2d(ones({1, 1, 4, 4}), {-1, 2}), ErrorKind::Runtime,
              "adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {-1, 2}");
  CHECK_ERROR(adaptive_avg_pool2d(ones({1, 1, 4, 4}, DType::Int64), {3, 3}), ErrorKind::Runtime,
              "\"adaptive_avg_pool2d\" not implemented for 'Long'");
}

TEST_CASE("pooling backward matches finite differences", "[pool][grad]") {
  auto check = [](const Tensor& x, const std::function<Tensor()>& forward,
                  const std::function<Tensor(const Tensor&)>& backward) {
    Tensor R = sin_data(forward().sizes(), 0.37, 0.2);
    check_gradient(
        x, [&] { return weighted_sum(forward(), R); }, backward(R));
  };
  Tensor x = sin_data({2, 2, 5, 6}, 0.9);  // distinct values: max pooling has no ties
  SECTION("max_pool2d, padding and stride") {
    check(
        x, [&] { return max_pool2d(x, 3, 2, 1); },
        [&](const Tensor& g) { return max_pool2d_backward(g, x, max_pool2d_with_indices(x, 3, 2, 1).indices); });
  }
  SECTION("max_pool2d, dilation and ceil_mode, overlapping windows") {
    auto fwd = [&] { return max_pool2d_with_indices(x, {2, 3}, {1, 2}, {1, 0}, {2, 1}, true); };
    check(
        x, [&] { return fwd().output; }, [&](const Tensor& g) { return max_pool2d_backward(g, x, fwd().indices); });
  }
  SECTION("avg_pool2d counting the padding") {
    check(
        x, [&] { return avg_pool2d(x, 3, 2, 1); }, [&](const Tensor& g) { return avg_pool2d_backward(g, x, 3, 2, 1); });
  }
  SECTION("avg_pool2d, ceil_mode without the padding") {
    check(
        x,
        [&] {
          return avg_pool2d(x, {3, 2}, {2, 1}, 1, true, false);
        },
        [&](const Tensor& g) {
          return avg_pool2d_backward(g, x, {3, 2}, {2, 1}, 1, true, false);
        });
  }
  SECTION("avg_pool2d with a divisor override") {
    check(
        x, [&] { return avg_pool2d(x, 2, 1, 0, false, true, 5); },
        [&](const Tensor& g) { return avg_pool2d_backward(g, x, 2, 1, 0, false, true, 5); });
  }
  SECTION("adaptive_avg_pool2d down and up") {
    check(
        x,
        [&] {
          return adaptive_avg_pool2d(x, {3, 4});
        },
        [&](const Tensor& g) { return adaptive_avg_pool2d_backward(g, x); });
    check(
        x,
        [&] {
          return adaptive_avg_pool2d(x, {7, 4});
        },
        [&](const Tensor& g) { return adaptive_avg_pool2d_backward(g, x); });
  }
  SECTION("unbatched input") {
    Tensor u = sin_data({3, 4, 5}, 0.8);
    check(
        u, [&] { return avg_pool2d(u, 2, 1); }, [&](const Tensor& g) { return avg_pool2d_backward(g, u, 2, 1); });
    check(
        u, [&] { return max_pool2d(u, 2, 1); },
        [&](const Tensor& g) { return max_pool2d_backward(g, u, max_pool2d_with_indices(u, 2, 1).indices); });
  }
}

TEST_CASE("pooling backward rejects mismatched arguments", "[pool][grad]") {
  Tensor x = sin_data({1, 1, 4, 4});
  PoolWithIndices r = max_pool2d_with_indices(x, 2);
  CHECK_ERROR(max_pool2d_backward(ones({1, 1, 3, 3}, DType::Float64), x, r.indices), ErrorKind::Runtime,
              "max_pool2d_backward: expected grad_output of size [1, 1, 2, 2], but got [1, 1, 3, 3]");
  CHECK_ERROR(max_pool2d_backward(ones({1, 1, 2, 2}, DType::Float64), x, full({1, 1, 2, 2}, 16)), ErrorKind::Index,
              "max_pool2d_backward: index 16 is out of bounds for a plane of 16 elements");
  CHECK_ERROR(avg_pool2d_backward(ones({1, 1, 3, 3}, DType::Float64), x, 2), ErrorKind::Runtime,
              "avg_pool2d_backward: expected grad_output of size [1, 1, 2, 2], but got [1, 1, 3, 3]");
}
