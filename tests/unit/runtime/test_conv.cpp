// conv1d / conv2d forward against PyTorch 1.13 numbers, their errors, and
// conv2d_backward against float64 central differences.
#include "runtime/ops/conv.h"
#include "test_conv_gradcheck.h"

using namespace tscript::rt;
using namespace tscript::rt::test;

namespace {
using V = std::vector<double>;
using S = std::vector<int64_t>;
}  // namespace

TEST_CASE("conv2d forward matches PyTorch", "[conv]") {
  // F.conv2d(x, w, b, stride=2, padding=1, groups=2), inputs from sin_data.
  Tensor x = sin_data({1, 4, 5, 5}, 0.7), w = sin_data({6, 2, 3, 3}, 1.3, 0.5), b = sin_data({6}, 2.0);
  Tensor out = conv2d(x, w, b, 2, 1, 1, 2);
  CHECK(shape(out) == S{1, 6, 3, 3});
  CHECK(close(out,
              V{2.7797056605,  0.0248054304,  -4.2610880845, 2.9222423028,  -5.8010766722, -3.3879177305, -1.1835910386,
                -5.0136767517, 0.8375697772,  1.1341209816,  -4.1044505971, 1.4548207082,  -3.1637236317, -2.7697632641,
                5.2240065565,  -2.6169706858, 2.8012067615,  3.4568356835,  -3.6090083405, 0.8352051244,  3.3283674624,
                -2.3655935499, 6.2306826898,  1.2397254017,  1.5639251276,  3.6467790368,  -2.4158920376, -2.6672389962,
                -3.4470083902, 2.3568143762,  -5.5006654575, 1.4433098462,  3.989707135,   -2.257734683,  4.2841828892,
                0.063065029,   -0.4071465499, 5.5195656273,  3.0725761202,  3.3267738845,  7.8435159715,  -0.9677627694,
                5.1897691358,  2.3403353805,  -2.0393918555, 2.2941415682,  1.1626889491,  -3.8520386036, 3.9234685699,
                -4.4770473327, -4.182019327,  0.0797666717,  -5.5432771041, 0.0901973637},
              1e-9, 1e-9));

  // Per-dim stride/padding/dilation: stride=(1, 2), padding=(2, 1), dilation=(2, 1), no bias.
  Tensor out2 = conv2d(sin_data({1, 2, 5, 6}, 0.3), sin_data({2, 2, 2, 2}, 0.9), {}, {1, 2}, {2, 1}, {2, 1});
  CHECK(shape(out2) == S{1, 2, 7, 4});
  CHECK(close(
      slice(flatten(out2), 0, 0, 8, 1),
      V{0.0069293192, 0.4300034138, 1.5029756752, 1.6512057727, 0.3997095197, 1.8824111927, 1.0563267061, 0.0497959098},
      1e-9, 1e-9));
  CHECK(close(slice(flatten(out2), 0, 48, 56, 1),
              V{-1.4853117761, -2.0331960301, -0.1557782697, 0.6463091495, 1.1297481727, 3.0874649938, 3.3203323162,
                1.4213625606},
              1e-9, 1e-9));
}

TEST_CASE("conv2d float32 pointwise and integer paths", "[conv]") {
  // A 1x1 kernel reads the input directly (no im2col); float32 through sgemm.
  Tensor x = to(sin_data({1, 3, 3, 3}, 0.4), DType::Float32), w = to(sin_data({4, 3, 1, 1}, 0.8), DType::Float32);
  Tensor out = conv2d(x, w, to(sin_data({4}), DType::Float32));
  CHECK(out.dtype() == DType::Float32);
  CHECK(close(slice(flatten(out), 0, 0, 9, 1), V{0.475884676, 0.4246100485, 0.3062987924, 0.1396297365, -0.0490837991,
                                                 -0.2300481051, -0.3746928573, -0.4601818621, -0.4730181992}));
  CHECK(close(slice(flatten(out), 0, 27, 36, 1), V{0.1675387174, 0.2675928473, 0.3476797342, 0.3951553702, 0.4025243521,
                                                   0.3686233759, 0.2988046706, 0.2040909231, 0.0994355381}));
  // int64 computes exactly, like PyTorch's slow_conv2d.
  Tensor xl = reshape(arange(18), {1, 2, 3, 3}), wl = sub(reshape(arange(16), {2, 2, 2, 2}), wrap_scalar(5));
  Tensor outl = conv2d(xl, wl);
  CHECK(outl.dtype() == DType::Int64);
  CHECK(values(outl) == V{8, -4, -28, -40, 424, 476, 580, 632});
}

TEST_CASE("conv1d, unbatched input and string padding", "[conv]") {
  // Unbatched [C, L] input with padding="same" and an even kernel (one extra column at the end).
  Tensor out = conv1d(sin_data({2, 6}, 0.5), sin_data({3, 2, 2}, 1.1), {}, 1, PaddingMode::Same);
  CHECK(shape(out) == S{3, 6});
  CHECK(close(out,
              V{0.5966971314, 0.5857004918, 0.4313039448, 0.1713091499, -0.1306280996, -0.570426816, -0.6409221734,
                -1.9070457196, -2.7062579631, -2.8428838732, -2.283472662, -0.7893123285, -0.2027442294, 0.5864951766,
                1.2321401086, 1.5761141697, 1.5342005131, 1.0555900625},
              1e-9, 1e-9));
  // "valid" is padding 0; conv1d equals conv2d over a height-1 view.
  Tensor x = sin_data({2, 3, 7}), w = sin_data({4, 3, 3}, 0.6);
  CHECK(shape(conv1d(x, w, {}, 2, PaddingMode::Valid)) == S{2, 4, 3});
  CHECK(close(conv1d(x, w, {}, 2, 1, 2),
              values(squeeze(conv2d(unsqueeze(x, 2), unsqueeze(w, 2), {}, {1, 2}, {0, 1}, {1, 2}), 2)), 1e-12, 1e-12));
  CHECK(shape(conv2d(ones({1, 3, 5, 5}), ones({8, 3, 3, 3}), {}, 1, PaddingMode::Same, 2)) == S{1, 8, 5, 5});
  CHECK(shape(conv2d(ones({1, 3, 1, 1}), ones({8, 3, 2, 2}), {}, 1, PaddingMode::Same)) == S{1, 8, 1, 1});
  CHECK(shape(conv2d(ones({0, 3, 5, 5}), ones({8, 3, 3, 3}))) == S{0, 8, 3, 3});
  CHECK(values(conv2d(ones({1, 0, 3, 3}), ones({2, 0, 2, 2}), ones({2}))) == V(8, 1.0));
}

TEST_CASE("conv errors carry PyTorch's messages", "[conv]") {
  const Tensor w = ones({8, 3, 3, 3});
  CHECK_ERROR(conv2d(ones({1, 4, 5, 5}), w), ErrorKind::Runtime,
              "Given groups=1, weight of size [8, 3, 3, 3], expected input[1, 4, 5, 5] to have 3 channels, but got 4 "
              "channels instead");
  CHECK_ERROR(conv2d(ones({3, 2, 2}), w), ErrorKind::Runtime,
              "Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater "
              "than actual input size");
  CHECK_ERROR(conv2d(ones({2, 3}), w), ErrorKind::Runtime,
              "Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [2, 3]");
  CHECK_ERROR(conv1d(ones({1, 3, 5, 5}), ones({2, 3, 6})), ErrorKind::Runtime,
              "Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: [1, 3, 5, 5]");
  CHECK_ERROR(conv1d(ones({1, 3, 5}), ones({2, 3, 6})), ErrorKind::Runtime,
              "Calculated padded input size per channel: (5). Kernel size: (6). Kernel size can't be greater than "
              "actual input size");
  CHECK_ERROR(conv2d(ones({1, 6, 5, 5}), ones({6, 3, 3, 3}), {}, 1, 0, 1, 4), ErrorKind::Runtime,
              "Given groups=4, expected weight to be divisible by 4 at dimension 0, but got weight of size "
              "[[6, 3, 3, 3]] instead");
  CHECK_ERROR(conv2d(ones({1, 3, 5, 5}), ones({0, 3, 3, 3})), ErrorKind::Runtime,
              "Given groups=1, expected weight to be at least 1 at dimension 0, but got weight of size [0, 3, 3, 3] "
              "instead");
  CHECK_ERROR(conv2d(ones({1, 3, 5, 5}), w, ones({7})), ErrorKind::Runtime,
              "Given weight of size [8, 3, 3, 3], expected bias to be 1-dimensional with 8 elements, but got bias of "
              "size [7] instead");
  CHECK_ERROR(conv2d(ones({1, 3, 5, 5}), to(w, DType::Float64)), ErrorKind::Runtime,
              "expected scalar type Float but found Double");
  CHECK_ERROR(conv2d(ones({1, 3, 5, 5}, DType::Int64), ones({8, 3, 3, 3}, DType::Int64), ones({8})), ErrorKind::Runtime,
              "Input type (long int) and bias type (float) should be the same");
  CHECK_ERROR(conv2d(ones({1, 3, 5, 5}, DType::Float16), ones({8, 3, 3, 3}, DType::Float16)), ErrorKind::Runtime,
              "\"slow_conv2d_cpu\" not implemented for 'Half'");
  CHECK_ERROR(conv2d(ones({1, 3, 5, 5}), ones({8, 3, 3})), ErrorKind::Runtime,
              "expected stride to be a single integer value or a list of 1 values to match the convolution "
              "dimensions, but got stride=[1, 1]");
  CHECK_ERROR(conv2d(ones({1, 3, 5, 5}), w, {}, {1, 2, 3}), ErrorKind::Runtime,
              "expected stride to be a single integer value or a list of 2 values to match the convolution "
              "dimensions, but got stride=[1, 2, 3]");
  CHECK_ERROR(conv2d(ones({1, 3, 5, 5}), ones({8, 3})), ErrorKind::Runtime,
              "weight should have at least three dimensions");
  CHECK_ERROR(conv2d(ones({1, 3, 5, 5}), w, {}, 0), ErrorKind::Runtime, "non-positive stride is not supported");
  CHECK_ERROR(conv2d(ones({1, 3, 5, 5}), w, {}, 0, -1, 0), ErrorKind::Runtime, "negative padding is not supported");
  CHECK_ERROR(conv2d(ones({1, 3, 5, 5}), w, {}, 1, 0, 0), ErrorKind::Runtime,
              "dilation should be greater than zero, but got [0, 0]");
  CHECK_ERROR(conv2d(ones({1, 3, 5, 5}), w, {}, 1, 0, 1, 0), ErrorKind::Runtime,
              "non-positive groups is not supported");
  CHECK_ERROR(conv2d(ones({1, 3, 5, 5}), w, {}, 2, PaddingMode::Same), ErrorKind::Runtime,
              "padding='same' is not supported for strided convolutions");
  CHECK_ERROR(padding_mode("foo"), ErrorKind::Runtime, "Invalid padding string: 'foo'");
  CHECK_ERROR(conv2d(ones({1, 3, 5, 5}), w, {}, {1, 1, 1}, PaddingMode::Same), ErrorKind::Runtime,
              "stride cannot broadcast to 2 dimensions");
}

namespace {

struct ConvCase {
  S input, weight;
  bool bias;
  S stride, padding, dilation;
  int64_t groups;
};

// conv2d_backward against central differences of sum(conv2d(...) * R) for every
// element of input, weight and bias. `transposed_input` feeds the conv a
// non-contiguous input (a transpose of the last two dims of the perturbed tensor).
void check_conv_backward(const ConvCase& c, bool transposed_input = false) {
  S base_shape = c.input;
  if (transposed_input) std::swap(base_shape[base_shape.size() - 1], base_shape[base_shape.size() - 2]);
  const int64_t last = static_cast<int64_t>(base_shape.size()) - 1;
  Tensor base = sin_data(base_shape, 0.7, 0.1), w = sin_data(c.weight, 1.3, 0.5);
  Tensor b = c.bias ? sin_data({c.weight[0]}, 2.0) : Tensor();
  auto input = [&] { return transposed_input ? transpose(base, last - 1, last) : base; };
  auto forward = [&] { return conv2d(input(), w, b, c.stride, c.padding, c.dilation, c.groups); };
  Tensor R = sin_data(forward().sizes(), 0.37, 0.2);
  auto loss = [&] { return weighted_sum(forward(), R); };

  ConvGrads g = conv2d_backward(R, input(), w, c.stride, c.padding, c.dilation, c.groups, {true, true, c.bias});
  Tensor grad_base = transposed_input ? contiguous(transpose(g.grad_input, last - 1, last)) : g.grad_input;
  check_gradient(base, loss, grad_base);
  check_gradient(w, loss, g.grad_weight);
  if (c.bias)
    check_gradient(b, loss, g.grad_bias);
  else
    CHECK(!g.grad_bias.defined());
}

}  // namespace

TEST_CASE("conv2d_backward matches finite differences", "[conv][grad]") {
  SECTION("plain 3x3, batch 2") { check_conv_backward({{2, 3, 5, 5}, {4, 3, 3, 3}, true, {1}, {0}, {1}, 1}); }
  SECTION("stride, padding, dilation per dim, groups 2") {
    check_conv_backward({{2, 4, 7, 6}, {6, 2, 3, 2}, true, {2, 1}, {1, 2}, {2, 1}, 2});
  }
  SECTION("depthwise with dilation 2") { check_conv_backward({{2, 3, 5, 5}, {3, 1, 3, 3}, false, {1}, {2}, {2}, 3}); }
  SECTION("pointwise kernel (no im2col)") { check_conv_backward({{2, 2, 3, 4}, {3, 2, 1, 1}, true, {1}, {0}, {1}, 1}); }
  SECTION("strided pointwise kernel") { check_conv_backward({{1, 2, 5, 4}, {3, 2, 1, 1}, true, {2}, {0}, {1}, 1}); }
  SECTION("unbatched input") { check_conv_backward({{3, 5, 6}, {2, 3, 2, 2}, true, {2}, {1}, {1}, 1}); }
  SECTION("non-contiguous input") {
    check_conv_backward({{2, 2, 5, 6}, {2, 2, 3, 3}, true, {2, 1}, {1}, {1}, 1}, true);
  }
}

TEST_CASE("conv2d_backward for padding='same' and the output mask", "[conv][grad]") {
  // An even kernel: conv_padding gives the top/left padding; the extra bottom/right row
  // follows from grad_output's size.
  Tensor x = sin_data({1, 2, 5, 4}, 0.7), w = sin_data({3, 2, 2, 4}, 1.3);
  auto forward = [&] { return conv2d(x, w, {}, 1, PaddingMode::Same); };
  CHECK(shape(forward()) == S{1, 3, 5, 4});
  DimVector pad = conv_padding(PaddingMode::Same, w, 1, 1);
  CHECK(pad == DimVector{0, 1});
  Tensor R = sin_data({1, 3, 5, 4}, 0.37);
  auto loss = [&] { return weighted_sum(forward(), R); };
  ConvGrads g = conv2d_backward(R, x, w, 1, pad, 1, 1);
  check_gradient(x, loss, g.grad_input);
  check_gradient(w, loss, g.grad_weight);

  ConvGrads only_weight = conv2d_backward(R, x, w, 1, pad, 1, 1, {false, true, false});
  CHECK(!only_weight.grad_input.defined());
  CHECK(!only_weight.grad_bias.defined());
  CHECK(close(only_weight.grad_weight, values(g.grad_weight), 0, 0));
  CHECK(values(g.grad_bias) == values(sum(R, {0, 2, 3})));
  CHECK_ERROR(conv2d_backward(ones({1, 4, 5, 4}, DType::Float64), x, w, 1, pad, 1, 1), ErrorKind::Runtime,
              "conv2d_backward: grad_output of size [1, 4, 5, 4] and type Double does not fit input [1, 2, 5, 4] and "
              "weight [3, 2, 2, 4]");
}

TEST_CASE("conv2d float32 gradients agree with float64", "[conv][grad]") {
  // Batch 8 with a tiny GEMM per sample takes the parallel-over-batch path.
  Tensor x = sin_data({8, 3, 6, 6}, 0.7), w = sin_data({4, 3, 3, 3}, 1.3), R = sin_data({8, 4, 3, 3}, 0.37);
  ConvGrads g64 = conv2d_backward(R, x, w, 2, 1, 1, 1);
  ConvGrads g32 = conv2d_backward(to(R, DType::Float32), to(x, DType::Float32), to(w, DType::Float32), 2, 1, 1, 1);
  CHECK(g32.grad_input.dtype() == DType::Float32);
  CHECK(close(g32.grad_input, values(g64.grad_input), 1e-4, 1e-5));
  CHECK(close(g32.grad_weight, values(g64.grad_weight), 1e-4, 1e-5));
  CHECK(close(g32.grad_bias, values(g64.grad_bias), 1e-4, 1e-5));
  CHECK(close(conv2d(to(x, DType::Float32), to(w, DType::Float32), {}, 2, 1), values(conv2d(x, w, {}, 2, 1)), 1e-4,
              1e-5));
}
