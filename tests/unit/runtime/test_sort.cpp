// sort / argsort / topk. The order of ties is compared with PyTorch 1.13 too:
// the same libstdc++ algorithms run on the same sequences.
#include "test_helpers.h"

using namespace tscript::rt;
using namespace tscript::rt::test;

namespace {
using V = std::vector<double>;
// torch.manual_seed(0); torch.randint(0, 5, (40,))
Tensor ties() {
  return tensor_i({4, 4, 3, 0, 3, 4, 2, 3, 2, 3, 1, 1, 1, 4, 3, 1, 1, 3, 4, 3,
                   1, 4, 1, 4, 4, 1, 4, 4, 4, 0, 1, 2, 3, 0, 0, 0, 2, 4, 1, 3});
}
}  // namespace

TEST_CASE("sort with NaN", "[sort]") {
  Tensor x = tensor_f({3, 1, 2, 1, NAN, 3});
  auto s = sort(x);
  CHECK(close(s.values, {1, 1, 2, 3, 3, NAN}));
  CHECK(values(s.indices) == V{1, 3, 2, 0, 5, 4});
  CHECK(values(sort(x, -1, true).indices) == V{4, 0, 5, 2, 1, 3});
  CHECK(values(argsort(x)) == V{1, 3, 2, 0, 5, 4});
}

TEST_CASE("sort tie order matches PyTorch", "[sort]") {
  Tensor r = ties();
  CHECK(values(sort(r).indices) == V{3,  35, 34, 33, 29, 10, 20, 22, 25, 16, 15, 30, 12, 11, 38, 31, 8,  6,  36, 39,
                                     32, 19, 2,  4,  7,  9,  14, 17, 28, 27, 26, 13, 18, 24, 5,  23, 21, 37, 1,  0});
  CHECK(values(sort(r, 0, true).indices) == V{1,  0,  37, 5,  28, 27, 26, 24, 23, 21, 13, 18, 39, 32,
                                              19, 17, 2,  14, 4,  7,  9,  6,  36, 31, 8,  25, 10, 22,
                                              16, 30, 11, 20, 12, 38, 15, 29, 33, 34, 35, 3});
  CHECK(values(sort(r, 0, false, true).indices) == V{3,  29, 33, 34, 35, 10, 11, 12, 15, 16, 20, 22, 25, 30,
                                                     38, 6,  8,  31, 36, 2,  4,  7,  9,  14, 17, 19, 32, 39,
                                                     0,  1,  5,  13, 18, 21, 23, 24, 26, 27, 28, 37});
}

TEST_CASE("topk", "[sort]") {
  Tensor x = tensor_f({3, 1, 2, 1, NAN, 3});
  CHECK(values(topk(x, 2).indices) == V{4, 5});
  CHECK(values(topk(x, 2, -1, false).indices) == V{1, 3});
  CHECK(values(topk(ties(), 3).indices) == V{24, 23, 21});
  CHECK(values(topk(ties(), 20).indices) == V{1, 18, 13, 21, 23, 24, 26, 27, 28, 5, 37, 0, 32, 19, 39, 17, 4, 9, 7, 14});
  CHECK_ERROR(topk(x, 7), ErrorKind::Runtime, "selected index k out of range");
  CHECK(topk(scalar_tensor(5.0), 1).values.item().to_double() == 5.0);
  CHECK(topk(x, 0).values.numel() == 0);
}

TEST_CASE("sort and topk along other dims", "[sort]") {
  Tensor m = tensor_i({3, 1, 2, 0, 5, 4}, {2, 3});
  CHECK(values(sort(m, 0).values) == V{0, 1, 2, 3, 5, 4});
  CHECK(values(sort(m, 1, true).indices) == V{0, 2, 1, 1, 2, 0});
  CHECK(values(topk(m, 2, 1).values) == V{3, 2, 5, 4});
  CHECK(values(sort(transpose(m, 0, 1), 1).values) == V{0, 3, 1, 5, 2, 4});
  CHECK(values(sort(tensor_b({1, 0})).indices) == V{1, 0});
  CHECK_ERROR(sort(tensor_f({1, 2}), 1), ErrorKind::Index,
              "Dimension out of range (expected to be in range of [-1, 0], but got 1)");
}
