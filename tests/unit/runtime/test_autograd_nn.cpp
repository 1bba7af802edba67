// The fused nn ops (fn_loss.cpp, fn_norm.cpp): float32 forwards against PyTorch
// 1.13.1's results (literals printed by torch, compared bit for bit where the
// kernel's order is reproduced exactly), node names, and float64 gradchecks of every
// differentiable input (non-contiguous and broadcast inputs where they apply).
#include "runtime/autograd/nn_functions.h"
#include "test_autograd_support.h"

namespace tscript::ag::test {
namespace {

using R = LossReduction;
using rt::test::tensor_f;

// Bit-for-bit equality with PyTorch's float32 result.
void check_exact(const Tensor& t, const std::vector<double>& expected) {
  std::vector<double> got = rt::test::values(t);
  REQUIRE(got.size() == expected.size());
  for (size_t i = 0; i < got.size(); ++i) {
    INFO("element " << i);
    CHECK(got[i] == expected[i]);
  }
}

// Equal to within float32 rounding: the statistics of the normalisations are
// accumulated in double where PyTorch's vectorised kernels use other orders, and
// logit(x) of BCE's target gradient is composed of log and div.
void check_rounding(const Tensor& t, const std::vector<double>& expected) {
  CHECK(rt::test::close(t, expected, 1e-6, 1e-6));
}

std::string node_name(const Tensor& t) { return grad_fn(t) ? grad_fn(t)->name() : "None"; }

void run_backward(const Tensor& out, const Tensor& g = {}) { backward({out}, {g}, false, false); }

Tensor requiring(Tensor t) {
  t.set_requires_grad(true);
  return t;
}

// Inputs of the loss examples.
Tensor pred() { return tensor_f({0.1, 0.7, -1.3, 2.2, -0.45, 0.33}, {2, 3}); }
Tensor goal() { return tensor_f({0.3, -0.4, 0.9, 1.7, -0.5, 1.25}, {2, 3}); }
Tensor logits() {
  return rt::log_softmax(tensor_f({2.0, 0.5, -1.0, 0.1, 0.2, 0.3, -2.0, 4.0, 1.0, 1.0, 1.0, 1.0}, {4, 3}), 1);
}
Tensor labels() { return tensor_i({0, 2, 1, 1}); }
Tensor class_weight() { return tensor_f({0.2, 1.0, 3.0}); }
// ((5i + 3c + k) mod 7) / 3 - 1 over [2, 3, 4] (the 3-d examples).
Tensor cube(IntArrayRef sizes = {2, 3, 4}) {
  std::vector<double> v;
  for (int64_t i = 0; i < 2; ++i)
    for (int64_t c = 0; c < sizes[1]; ++c)
      for (int64_t k = 0; k < sizes[2]; ++k) v.push_back(static_cast<double>((i * 5 + c * 3 + k) % 7) / 3.0 - 1);
  return rt::to(tensor_f(v, sizes, DType::Float64), DType::Float32);
}

TEST_CASE("nn losses: forward values and nodes", "[autograd][nn]") {
  Tensor x = requiring(pred()), t = goal();
  Tensor mse = mse_loss(x, t);
  check_exact(mse, {1.1981498003005981});
  CHECK(node_name(mse) == "MseLossBackward0");
  check_exact(mse_loss(x, t, R::Sum), {7.188899040222168});
  check_exact(mse_loss(pred(), t, R::None), {0.040000006556510925, 1.2100000381469727, 4.839999198913574, 0.25,
                                             0.002500001108273864, 0.8463999032974243});
  check_exact(mse_loss(pred(), rt::select(t, 0, 0)), {1.6712332963943481});

  Tensor sl1 = smooth_l1_loss(x, t);
  check_exact(sl1, {0.4782416522502899});
  CHECK(node_name(sl1) == "SmoothL1LossBackward0");
  check_exact(smooth_l1_loss(x, t, R::Sum, 0.5), {3.7624998092651367});
  check_exact(smooth_l1_loss(x, t, R::Mean, 0.0), {0.82833331823349});

  Tensor bce = binary_cross_entropy(requiring(tensor_f({0.9, 0.2, 0.6, 0.01})), tensor_f({1, 0, 1, 0}));
  check_exact(bce, {0.21234500408172607});
  CHECK(node_name(bce) == "BinaryCrossEntropyBackward0");
  check_exact(binary_cross_entropy(tensor_f({0.9, 0.2, 0.6, 0.01}), tensor_f({1, 0, 1, 0}),
                                   tensor_f({0.5, 2.0, 1.0, 3.0}), R::Sum),
              {1.0399439334869385});
  CHECK_THROWS_WITH(binary_cross_entropy(tensor_f({1.5}), tensor_f({0})),
                    "all elements of input should be between 0 and 1");

  Tensor raw = requiring(tensor_f({2.0, -1.0, 0.0, -3.0})), y = tensor_f({1, 0, 1, 0});
  Tensor bcel = binary_cross_entropy_with_logits(raw, y);
  check_exact(bcel, {0.2954810559749603});
  CHECK(node_name(bcel) == "BinaryCrossEntropyWithLogitsBackward0");
  check_exact(binary_cross_entropy_with_logits(raw, y, {}, tensor_f({1.5, 0.5, 2.0, 1.0}), R::None),
              {0.19039207696914673, 0.31326162815093994, 1.3862943649291992, 0.04858732223510742});
  check_exact(binary_cross_entropy_with_logits(raw, y, tensor_f({0.5, 2.0, 1.0, 3.0})), {0.3822241425514221});
}

TEST_CASE("nn losses: nll_loss shapes, weights, ignore_index", "[autograd][nn]") {
  // 100 samples: the reduced forms go through the cascade sum.
  std::vector<double> v;
  std::vector<int64_t> target;
  for (int64_t i = 0; i < 100; ++i) {
    for (int64_t c = 0; c < 5; ++c) v.push_back(static_cast<double>((i * 7 + c * 3) % 11) / 7.0 - 1);
    target.push_back((i * 3) % 5);
  }
  Tensor big = rt::to(tensor_f(v, {100, 5}, DType::Float64), DType::Float32), tg = tensor_i(target);
  check_exact(nll_loss(big, tg), {0.30000001192092896});
  check_exact(nll_loss(big, tg, {}, R::Sum), {30.000001907348633});
  check_exact(nll_loss(big, tg, tensor_f({0.2, 1.0, 3.0, 0.7, 1.3})), {0.3142856955528259});
  check_exact(nll_loss(big, tg, {}, R::Mean, 2), {0.28928571939468384});

  Tensor lp = requiring(logits());
  Tensor none = nll_loss(lp, labels(), class_weight(), R::None);
  check_exact(none, {0.04826226457953453, 3.005828619003296, 0.0509457103908062, 1.0986123085021973});
  CHECK(node_name(none) == "NllLossBackward0");
  check_exact(nll_loss(rt::select(logits(), 0, 0), rt::scalar_tensor(2, DType::Int64)), {3.2413113117218018});

  Tensor c3 = requiring(cube()), t3 = tensor_i({0, 1, 2, 1, 2, 2, 0, 1}, {2, 4});
  Tensor m3 = nll_loss(c3, t3);
  check_exact(m3, {-1.4901161193847656e-08});
  CHECK(node_name(m3) == "NllLoss2DBackward0");
  Tensor n3 = nll_loss(c3, t3, {}, R::None);
  CHECK(node_name(n3) == "ViewBackward0");
  check_exact(n3, {1.0, -0.3333333432674408, 0.6666666865348816, -1.0, -0.3333333432674408, -0.6666666865348816, 1.0,
                   -0.3333333432674408});
  Tensor m4 = nll_loss(rt::reshape(cube(), {2, 3, 2, 2}), tensor_i({0, 1, 2, 1, 2, 2, 0, 1}, {2, 2, 2}),
                       class_weight());
  check_exact(m4, {-0.1827957034111023});

  CHECK_THROWS_WITH(nll_loss(logits(), tensor_i({0, 5, 1, 1})), "Target 5 is out of bounds.");
  CHECK_THROWS_WITH(nll_loss(logits(), tensor_i({0, 1})), "Expected input batch_size (4) to match target batch_size (2).");
}

TEST_CASE("nn losses: backward values", "[autograd][nn]") {
  Tensor x = requiring(pred());
  run_backward(mse_loss(x, goal()));
  check_exact(grad(x), {-0.06666667759418488, 0.36666667461395264, -0.7333332896232605, 0.1666666716337204,
                        0.016666671261191368, -0.30666667222976685});

  Tensor lp = requiring(logits());
  run_backward(nll_loss(lp, labels(), class_weight()));
  check_exact(grad(lp), {-0.03846153989434242, 0, 0, 0, 0, -0.5769230723381042, 0, -0.19230769574642181, 0, 0,
                         -0.19230769574642181, 0});

  Tensor p = requiring(tensor_f({0.9, 0.2, 0.6, 0.01})), y = requiring(tensor_f({1, 0, 1, 0}));
  run_backward(binary_cross_entropy(p, y));
  check_exact(grad(p), {-0.2777777910232544, 0.3124999701976776, -0.4166666567325592, 0.2525252401828766});
  check_rounding(grad(y), {-0.5493060946464539, 0.3465735912322998, -0.1013663113117218, 1.1487799882888794});

  Tensor raw = requiring(tensor_f({2.0, -1.0, 0.0, -3.0})), t = requiring(tensor_f({1, 0, 1, 0}));
  run_backward(binary_cross_entropy_with_logits(raw, t, {}, tensor_f({1.5, 0.5, 2.0, 1.0})));
  check_exact(grad(raw), {-0.04470109939575195, 0.06723535805940628, -0.25, 0.01185646839439869});
  check_rounding(grad(t), {-0.4841340184211731, 0.08584229648113251, 0.1732867956161499, 0.75});
}

TEST_CASE("nn norms: forward values, running statistics, nodes", "[autograd][nn]") {
  Tensor xb = rt::mul(tensor_f({1, 2, 3, 3, 6, 9, 5, 4, 0, 7, 0, 4}, {4, 3}), rt::scalar_tensor(0.37, DType::Float32));
  Tensor rm = tensor_f({0.1, -0.2, 0.3}), rv = tensor_f({1.0, 0.5, 2.0});
  Tensor w = requiring(tensor_f({0.5, 1.5, -1.0})), b = requiring(tensor_f({0.1, 0.0, -0.3}));
  Tensor train = batch_norm(xb, w, b, rm, rv, true, 0.3, 1e-5);
  CHECK(node_name(train) == "NativeBatchNormBackward0");
  check_rounding(train, {-0.5708155035972595, -0.670815646648407, 0.008605611510574818, -0.1236051544547081,
                      2.012446403503418, -1.8430280685424805, 0.32360517978668213, 0.6708154082298279,
                      0.934422492980957, 0.7708156108856201, -2.012446641921997, -0.30000001192092896});
  check_rounding(rm, {0.5140000581741333, 0.19300000369548798, 0.6540000438690186});
  check_rounding(rv, {0.973800003528595, 0.6238000392913818, 1.9749799966812134});
  check_rounding(batch_norm(xb, w, b, rm, rv, false, 0.1, 1e-5),
              {0.027038192376494408, 1.0388489961624146, -0.6244758367538452, 0.4019806683063507, 3.8496286869049072,
               -2.2041609287261963, 0.7769231200218201, 2.4442389011383057, 0.16536669433116913, 1.1518656015396118,
               -0.3665408492088318, -0.8877567052841187});
  check_rounding(batch_norm(cube(), {}, {}, {}, {}, true, 0.1, 1e-5),
              {-1.0680925846099854, -0.5933848023414612, -0.11867697536945343, 0.3560308814048767,
               -0.33332666754722595, 0.33332666754722595, 0.9999799728393555, 1.6666332483291626,
               1.2510766983032227, -1.2510766983032227, -0.8340511322021484, -0.4170255661010742,
               1.3054466247558594, 1.7801544666290283, -1.0680925846099854, -0.5933848023414612,
               -1.6666333675384521, -0.9999799728393555, -0.33332666754722595, 0.33332666754722595,
               0.4170255661010742, 0.8340511322021484, 1.2510766983032227, -1.2510766983032227});

  Tensor yl = rt::mul(tensor_f({1, 2, 3, 4, 10, 0, -10, 5}, {2, 4}), rt::scalar_tensor(0.31, DType::Float32));
  Tensor ln = layer_norm(yl, {4}, requiring(tensor_f({0.5, 1.0, 1.5, 2.0})), tensor_f({0.1, 0.2, 0.3, 0.4}), 1e-5);
  CHECK(node_name(ln) == "NativeLayerNormBackward0");
  check_rounding(ln, {-0.5707924365997314, -0.24719496071338654, 0.9707924723625183, 3.083169937133789,
                      0.6916074752807617, 0.03096926212310791, -1.9819145202636719, 1.4141840934753418});
  CHECK_THROWS_WITH(layer_norm(yl, {3}, {}, {}, 1e-5),
                    "Given normalized_shape=[3], expected input with shape [*, 3], but got input of size[2, 4]");

  Tensor xg = cube({2, 4, 3});
  Tensor gn = group_norm(requiring(xg), 2, tensor_f({0.5, 1.0, 1.5, 2.0}), tensor_f({0.1, 0.2, 0.3, 0.4}), 1e-5);
  CHECK(node_name(gn) == "NativeGroupNormBackward0");
  check_rounding(gn, {-0.6319137811660767, -0.33914828300476074, -0.04638276249170303, 0.49276548624038696,
                      1.0782965421676636, 1.6638275384902954, 2.8354332447052, -1.728346586227417,
                      -0.967716634273529, -0.2761155962944031, 0.7380577921867371, 1.7522311210632324,
                      0.6122666001319885, 0.848697304725647, -0.5698870420455933, -0.6669126749038696,
                      -0.19405123591423035, 0.2788102328777313, 0.9943583607673645, 1.6887166500091553,
                      2.3830747604370117, -2.3774330615997314, -1.4516221284866333, -0.5258110165596008});
  check_rounding(group_norm(xg, 2, {}, {}, 1e-5),
                 {-1.4638276100158691, -0.8782966136932373, -0.2927655577659607, 0.29276546835899353,
                  0.8782964944839478, 1.4638274908065796, 1.69028902053833, -1.3522311449050903, -0.845144510269165,
                  -0.33805781602859497, 0.1690288931131363, 0.6761155724525452, 1.0245331525802612,
                  1.4973946809768677, -1.3397741317749023, -0.8669127225875854, -0.3940512239933014,
                  0.07881022244691849, 0.46290552616119385, 0.9258110523223877, 1.3887165784835815,
                  -1.3887165784835815, -0.9258110523223877, -0.46290552616119385});
}

TEST_CASE("nn embedding and elu: values, padding_idx, scale_grad_by_freq", "[autograd][nn]") {
  Tensor w = requiring(tensor_f({0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}, {4, 2}));
  Tensor idx = tensor_i({1, 0, 1, 3, 1, 0}, {2, 3});
  Tensor e = embedding(w, idx, 0, true);
  CHECK(node_name(e) == "EmbeddingBackward0");
  CHECK(rt::test::shape(e) == std::vector<int64_t>{2, 3, 2});
  check_exact(e, {0.3f, 0.4f, 0.1f, 0.2f, 0.3f, 0.4f, 0.7f, 0.8f, 0.3f, 0.4f, 0.1f, 0.2f});
  run_backward(e, rt::mul(tensor_f({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, {2, 3, 2}),
                          rt::scalar_tensor(0.1, DType::Float32)));
  check_exact(grad(w), {0, 0, 0.5, 0.6000000238418579, 0, 0, 0.699999988079071, 0.800000011920929});

  Tensor xe = requiring(tensor_f({-2.0, -0.5, 0.0, 0.3, 1.7}));
  Tensor out = elu(xe, 0.7);
  CHECK(node_name(out) == "EluBackward0");
  check_exact(out, {-0.6052653193473816, -0.27542853355407715, 0.0, 0.30000001192092896, 1.7000000476837158});
  run_backward(ag::sum(out));
  check_exact(grad(xe), {0.09473469853401184, 0.4245714545249939, 0.699999988079071, 1.0, 1.0});
}

TEST_CASE("gradcheck: nn losses", "[autograd][gradcheck][nn]") {
  Data d;
  Tensor t34 = d.c({3, 4});
  Tensor target = tensor_i({0, 2, 1, 2});
  Tensor weight = d.c({3}, kPositive);
  Tensor t3d = tensor_i({0, 1, 2, 1, 2, 2, 0, 1}, {2, 4});
  Tensor t4d = tensor_i({0, 1, 2, 1, 2, 2, 0, 1}, {2, 2, 2});
  Range prob{0.1, 0.9};
  Tensor cw = d.c({4}, kPositive), pw = d.c({4}, kPositive);
  check_cases({
      {"MseLossBackward0 mean", {d.xt({3, 4}), d.x({3, 4})}, AG_FN(mse_loss(x[0], x[1]))},
      {"MseLossBackward0 broadcast target, sum", {d.xs({3, 4}), d.x({4})}, AG_FN(mse_loss(x[0], x[1], R::Sum))},
      {"MseLossBackward0 none", {d.x({2, 3}), d.xt({2, 3})}, AG_FN(mse_loss(x[0], x[1], R::None))},
      {"SmoothL1LossBackward0 mean", {d.xt({3, 4}), d.x({3, 4})}, AG_FN(smooth_l1_loss(x[0], x[1]))},
      {"SmoothL1LossBackward0 beta 0.5, none", {d.x({3, 4}), d.x({4})},
       AG_FN(smooth_l1_loss(x[0], x[1], R::None, 0.5))},
      {"SmoothL1LossBackward0 beta 0", {d.xs({3, 4}), t34}, AG_FN(smooth_l1_loss(x[0], x[1], R::Sum, 0.0))},
      {"NllLossBackward0 mean", {d.xt({4, 3})}, AG_FN(nll_loss(x[0], target))},
      {"NllLossBackward0 weight, ignore_index", {d.x({4, 3})}, AG_FN(nll_loss(x[0], target, weight, R::Mean, 2))},
      {"NllLossBackward0 none", {d.xs({4, 3})}, AG_FN(nll_loss(x[0], target, weight, R::None))},
      {"NllLossBackward0 1-d", {d.x({3})}, AG_FN(nll_loss(x[0], rt::scalar_tensor(1, DType::Int64), weight))},
      {"NllLoss2DBackward0 4-d", {d.x({2, 3, 2, 2})}, AG_FN(nll_loss(x[0], t4d, weight, R::Sum))},
      {"NllLoss2DBackward0 3-d", {d.xt({2, 4, 3})}, AG_FN(nll_loss(ag::transpose(x[0], 1, 2), t3d))},
      {"BinaryCrossEntropyBackward0", {d.xt({3, 4}, prob), d.x({3, 4}, prob)},
       AG_FN(binary_cross_entropy(x[0], x[1]))},
      {"BinaryCrossEntropyBackward0 weight, sum", {d.x({3, 4}, prob), d.xs({3, 4}, prob)},
       AG_FN(binary_cross_entropy(x[0], x[1], cw, R::Sum))},
      {"BinaryCrossEntropyWithLogitsBackward0", {d.xt({3, 4}), d.x({3, 4}, prob)},
       AG_FN(binary_cross_entropy_with_logits(x[0], x[1]))},
      {"BinaryCrossEntropyWithLogitsBackward0 weight, pos_weight", {d.x({3, 4}), d.xs({3, 4}, prob)},
       AG_FN(binary_cross_entropy_with_logits(x[0], x[1], cw, pw, R::None))},
  });
}

TEST_CASE("gradcheck: nn norms, embedding, elu", "[autograd][gradcheck][nn]") {
  Data d;
  Tensor rm = d.c({3}), rv = d.c({3}, kPositive);
  Tensor idx = tensor_i({1, 0, 4, 1, 3, 1}, {2, 3});
  check_cases({
      {"NativeBatchNormBackward0 training", {d.xt({4, 3}), d.x({3}), d.x({3})},
       AG_FN(batch_norm(x[0], x[1], x[2], {}, {}, true, 0.1, 1e-5))},
      {"NativeBatchNormBackward0 3-d, no affine", {d.xs({2, 3, 4})},
       AG_FN(batch_norm(x[0], {}, {}, {}, {}, true, 0.1, 1e-5))},
      {"NativeBatchNormBackward0 eval", {d.xt({2, 3, 4}), d.x({3}), d.x({3})},
       AG_FN(batch_norm(x[0], x[1], x[2], rm, rv, false, 0.1, 1e-5))},
      {"NativeLayerNormBackward0", {d.xt({2, 3, 4}), d.x({3, 4}), d.x({3, 4})},
       AG_FN(layer_norm(x[0], {3, 4}, x[1], x[2], 1e-5))},
      {"NativeLayerNormBackward0 no affine", {d.xs({2, 4})}, AG_FN(layer_norm(x[0], {4}, {}, {}, 1e-5))},
      {"NativeGroupNormBackward0", {d.xt({2, 4, 3}), d.x({4}), d.x({4})},
       AG_FN(group_norm(x[0], 2, x[1], x[2], 1e-5))},
      {"NativeGroupNormBackward0 no affine", {d.x({2, 6, 2, 2})}, AG_FN(group_norm(x[0], 3, {}, {}, 1e-5))},
      {"EmbeddingBackward0", {d.xs({5, 3})}, AG_FN(embedding(x[0], idx))},
      {"EluBackward0", {d.xt({3, 4}, kNonZero)}, AG_FN(elu(x[0], 0.7))},
  });
}

TEST_CASE("gradgradcheck: nn ops", "[autograd][gradcheck][nn]") {
  Data d;
  Tensor target = tensor_i({0, 2, 1, 2});
  Range prob{0.1, 0.9};
  check_cases({
                  {"MseLossBackward0", {d.x({3, 4}), d.x({4})}, AG_FN(mse_loss(x[0], x[1]))},
                  {"NllLossBackward0", {d.x({4, 3})}, AG_FN(nll_loss(x[0], target))},
                  {"BinaryCrossEntropyBackward0", {d.x({3, 4}, prob), d.x({3, 4}, prob)},
                   AG_FN(binary_cross_entropy(x[0], x[1]))},
                  {"BinaryCrossEntropyWithLogitsBackward0", {d.x({3, 4}), d.x({3, 4}, prob)},
                   AG_FN(binary_cross_entropy_with_logits(x[0], x[1]))},
                  {"NativeBatchNormBackward0", {d.x({4, 3}), d.x({3}), d.x({3})},
                   AG_FN(batch_norm(x[0], x[1], x[2], {}, {}, true, 0.1, 1e-5))},
                  {"NativeLayerNormBackward0", {d.x({2, 4}), d.x({4}), d.x({4})},
                   AG_FN(layer_norm(x[0], {4}, x[1], x[2], 1e-5))},
                  {"NativeGroupNormBackward0", {d.x({2, 4, 3}), d.x({4}), d.x({4})},
                   AG_FN(group_norm(x[0], 2, x[1], x[2], 1e-5))},
                  {"EluBackward0", {d.x({3, 4}, kNonZero)}, AG_FN(elu(x[0]))},
              },
              true);
}

}  // namespace
}  // namespace tscript::ag::test
