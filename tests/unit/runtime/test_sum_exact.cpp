// Float sums must be bit-identical to PyTorch's (so sums and means print the
// same digits). Inputs are torch.manual_seed(s); torch.randn(shape), drawn with
// runtime/random; expected values are PyTorch 1.13's, one thread.
#include "backends/cpu/parallel.h"
#include "runtime/random/distributions.h"
#include "test_helpers.h"

using namespace tscript::rt;
using namespace tscript::rt::test;

namespace {
using V = std::vector<double>;

Tensor randn(uint64_t seed, IntArrayRef sizes, DType dtype = DType::Float32) {
  tscript::random::Generator gen;
  gen.manual_seed(seed);
  DType draw = dtype == DType::Float64 ? DType::Float64 : DType::Float32;
  Tensor t = empty(sizes, TensorOptions(draw));
  if (draw == DType::Float64) tscript::random::normal(gen, t.data<double>(), t.numel());
  else tscript::random::normal(gen, t.data<float>(), t.numel());
  return to(t, dtype);
}

// PyTorch here runs sums on one thread; ours must agree at any thread count
// below the parallel threshold, and exactly so with one thread above it.
struct OneThread {
  int saved = cpu::max_threads();
  OneThread() { cpu::set_num_threads(1); }
  ~OneThread() { cpu::set_num_threads(saved); }
};
}  // namespace

TEST_CASE("float sums reproduce PyTorch bit for bit", "[reduce][exact]") {
  OneThread one;
  CHECK(sum(full({1000}, 0.1)).item().to_double() == 100.00000762939453);
  CHECK(mean(full({1000}, 0.1)).item().to_double() == 0.10000000894069672);
  CHECK(sum(randn(1, {1000})).item().to_double() == 8.726466178894043);
  CHECK(sum(randn(2, {37, 53})).item().to_double() == 76.01811218261719);
  CHECK(values(slice(sum(randn(3, {37, 53}), {0}), 0, 0, 6)) ==
        V{3.9980506896972656, 1.6766586303710938, -3.181864023208618, 0.35624241828918457, -10.459280014038086,
          -4.253436088562012});
  CHECK(values(slice(sum(randn(4, {37, 53}), {1}), 0, 0, 6)) ==
        V{0.5774519443511963, -0.10354304313659668, -8.624299049377441, -10.980281829833984, 2.0252461433410645,
          3.5609583854675293});
  CHECK(values(slice(sum(t(randn(5, {37, 53})), {0}), 0, 0, 6)) ==
        V{0.19772005081176758, 6.406928062438965, 2.814699411392212, -2.4083163738250732, 8.73088264465332,
          -12.690342903137207});
  CHECK(values(sum(randn(6, {5, 7, 9}), {0, 2})) ==
        V{5.02567195892334, -3.7530031204223633, -0.23681902885437012, -12.342659950256348, -0.06690669059753418,
          -2.173644781112671, -0.10959696769714355});
  Tensor p = slice(permute(randn(7, {5, 7, 9}), {2, 0, 1}), 1, std::nullopt, std::nullopt, 2);
  CHECK(sum(p).item().to_double() == 1.1609249114990234);
  CHECK(values(slice(sum(randn(8, {300, 200}), {0}), 0, 192, 200)) ==
        V{-2.2038354873657227, -18.400869369506836, 8.777532577514648, -15.893714904785156, 3.7173540592193604,
          -6.169187068939209, 9.503934860229492, -3.05186128616333});
  CHECK(sum(randn(9, {1001}, DType::Float64)).item().to_double() == 38.63323241233971);
  CHECK(sum(randn(10, {333}, DType::Float16)).item().to_double() == -50.25);
  CHECK(mean(randn(11, {37, 53})).item().to_double() == -0.04826951026916504);
  CHECK(values(slice(mean(randn(12, {64, 10}), {0}), 0, 0, 4)) ==
        V{-0.19623473286628723, -0.14560875296592712, -0.10294327884912491, 0.03850303217768669});
}

TEST_CASE("parallel float sums equal the serial result per output", "[reduce][exact]") {
  Tensor x = randn(8, {300, 200});
  Tensor serial_cols, serial_rows;
  {
    OneThread one;
    serial_cols = sum(x, {0});
    serial_rows = sum(x, {1});
  }
  const int saved = cpu::max_threads();
  cpu::set_num_threads(2);
  CHECK(equal(sum(x, {0}), serial_cols));
  CHECK(equal(sum(x, {1}), serial_rows));
  // One output over many elements: ATen's two-pass reduction, whose result
  // depends on the thread count (PyTorch: 220.78945922851562 on one thread,
  // 220.78948974609375 on two).
  Tensor z = randn(13, {70000});
  CHECK(sum(z).item().to_double() == 220.78948974609375);
  {
    OneThread one;
    CHECK(sum(z).item().to_double() == 220.78945922851562);
    Tensor w = randn(14, {3000, 40});
    CHECK(values(slice(sum(w, {0}), 0, 0, 3)) == V{-148.146728515625, 28.621540069580078, 25.36246109008789});
    CHECK(values(slice(sum(w, {1}), 0, 0, 3)) == V{0.7016177177429199, -11.580831527709961, 6.991024017333984});
  }
  cpu::set_num_threads(saved);
}
