// gradcheck of the convolution and pooling nodes (fn_conv.cpp) through the autograd
// engine; tests/unit/runtime/test_conv.cpp and test_pool.cpp check the kernels.
#include "runtime/autograd/conv_functions.h"
#include "test_autograd_support.h"

namespace tscript::ag::test {
namespace {

TEST_CASE("gradcheck: convolution and pooling", "[autograd][gradcheck]") {
  Data d;
  check_cases({
      {"ConvolutionBackward0 conv2d stride, padding, groups", {d.x({1, 2, 4, 3}), d.xt({2, 1, 2, 2}), d.x({2})},
       AG_FN(ag::conv2d(x[0], x[1], x[2], {2, 1}, {1, 0}, {1, 1}, 2))},
      {"ConvolutionBackward0 conv2d dilation, no bias", {d.xt({1, 1, 4, 4}), d.x({2, 1, 2, 2})},
       AG_FN(ag::conv2d(x[0], x[1], Tensor(), {1, 1}, {0, 0}, {2, 1}, 1))},
      {"ConvolutionBackward0 conv1d", {d.xt({2, 2, 5}), d.x({3, 2, 2}), d.x({3})},
       AG_FN(ag::conv1d(x[0], x[1], x[2], {1}, {1}, {1}, 1))},
      {"MaxPool2DWithIndicesBackward0", {d.xt({1, 2, 4, 4})},
       AG_FN(ag::max_pool2d(x[0], {2, 2}, {2, 1}, {0, 1}, {1, 1}, false))},
      {"AvgPool2DBackward0", {d.xt({1, 1, 4, 5})},
       AG_FN(ag::avg_pool2d(x[0], {2, 3}, {1, 2}, {1, 1}, true, false, std::nullopt))},
      {"AdaptiveAvgPool2DBackward0", {d.xt({1, 2, 5, 3})}, AG_FN(ag::adaptive_avg_pool2d(x[0], {2, 2}))},
  });
}

}  // namespace
}  // namespace tscript::ag::test
