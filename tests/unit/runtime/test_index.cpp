// Subscripts (basic, advanced, boolean) and their assignment, gather/scatter,
// index_select, one_hot — expected values and messages from PyTorch 1.13.
#include "test_helpers.h"

using namespace tscript::rt;
using namespace tscript::rt::test;

namespace {
using V = std::vector<double>;
using S = std::vector<int64_t>;
using I = std::vector<TensorIndex>;
const Slice all_{};
Tensor cube() { return reshape(arange(24), {2, 3, 4}); }
Tensor ints(std::vector<int64_t> v) { return tensor_i(std::move(v)); }
}  // namespace

TEST_CASE("basic indexing gives views", "[index]") {
  Tensor x = cube();
  Tensor v = index(x, I{1, Slice{std::nullopt, std::nullopt, 2}, -1});
  CHECK(values(v) == V{15, 23});
  CHECK(v.storage().get() == x.storage().get());
  CHECK(shape(index(x, I{TensorIndex::none(), TensorIndex::ellipsis(), TensorIndex::none()})) == S{1, 2, 3, 4, 1});
  CHECK(shape(index(x, I{TensorIndex::boolean(true)})) == S{1, 2, 3, 4});
  CHECK(shape(index(x, I{TensorIndex::boolean(false)})) == S{0, 2, 3, 4});
  CHECK(shape(index(x, I{TensorIndex::ellipsis(), 0})) == S{2, 3});
  CHECK(shape(index(x, I{scalar_tensor(1)})) == S{3, 4});  // 0-d int tensor acts like an int
  CHECK(values(index(x, I{Slice{-100, 100}, 0, 0})) == V{0, 12});
  CHECK_ERROR(index(x, I{0, 0, 0, 0}), ErrorKind::Index, "too many indices for tensor of dimension 3");
  CHECK_ERROR(index(x, I{5}), ErrorKind::Index, "index 5 is out of bounds for dimension 0 with size 2");
  CHECK_ERROR(index(x, I{all_, 5}), ErrorKind::Index, "index 5 is out of bounds for dimension 1 with size 3");
  CHECK_ERROR(index(x, I{-3}), ErrorKind::Index, "index -3 is out of bounds for dimension 0 with size 2");
  CHECK_ERROR(index(x, I{Slice{std::nullopt, std::nullopt, -1}}), ErrorKind::Value, "step must be greater than zero");
}

TEST_CASE("advanced indexing", "[index]") {
  Tensor x = cube();
  CHECK(values(index(x, I{0, all_, ints({0, 1})})) == V{0, 1, 4, 5, 8, 9});
  // Separated by a slice: the indexed dim goes first.
  Tensor sep = index(x, I{ints({0, 1}), all_, ints({0, 1})});
  CHECK(shape(sep) == S{2, 3});
  CHECK(values(sep) == V{0, 4, 8, 13, 17, 21});
  CHECK(values(index(x, I{all_, ints({0, 1}), ints({1, 2})})) == V{1, 6, 13, 18});
  CHECK(values(index(x, I{TensorIndex::ellipsis(), ints({0, -1})})) == V{0, 3, 4, 7, 8, 11, 12, 15, 16, 19, 20, 23});
  Tensor two = index(x, I{tensor_i({0, 1, 1, 0}, {2, 2}), ints({0, 2})});
  CHECK(shape(two) == S{2, 2, 4});
  CHECK(values(two) == V{0, 1, 2, 3, 20, 21, 22, 23, 12, 13, 14, 15, 8, 9, 10, 11});
  CHECK(shape(index(reshape(arange(120), {2, 3, 4, 5}), I{all_, ints({0, 1}), TensorIndex::none(), ints({0, 1})})) ==
        S{2, 2, 1, 5});
  CHECK(shape(index(reshape(arange(120), {2, 3, 4, 5}), I{all_, ints({0, 1}), 0, ints({0, 1})})) == S{2, 2});
  CHECK_ERROR(index(x, I{ints({2})}), ErrorKind::Index, "index 2 is out of bounds for dimension 0 with size 2");
  CHECK_ERROR(index(x, I{tensor_f({1})}), ErrorKind::Index, "tensors used as indices must be long, byte or bool tensors");
  CHECK_ERROR(index(x, I{ints({0, 1}), ints({0, 1, 2})}), ErrorKind::Index,
              "shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]");
}

TEST_CASE("boolean masks", "[index]") {
  Tensor x = cube();
  Tensor mask = tensor_i({1, 0, 1, 0, 0, 1}, {2, 3}, DType::Bool);
  Tensor r = index(x, I{mask});
  CHECK(shape(r) == S{3, 4});
  CHECK(values(r) == V{0, 1, 2, 3, 8, 9, 10, 11, 20, 21, 22, 23});
  CHECK(shape(index(x, I{scalar_tensor(true)})) == S{1, 2, 3, 4});
  CHECK_ERROR(index(x, I{tensor_b({1, 0, 1})}), ErrorKind::Index,
              "The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [2, 3, 4] at "
              "index 0");
  Tensor f = reshape(arange(12, DType::Float32), {3, 4});
  CHECK(values(masked_select(f, gt(f, Scalar(6)))) == V{7, 8, 9, 10, 11});
  CHECK(index(zeros({0}), I{tensor_b({})}).numel() == 0);
}

TEST_CASE("index assignment", "[index]") {
  Tensor y = zeros({3, 4});
  index_put_(y, I{all_, ints({0, 2})}, tensor_f({1, 2}));
  CHECK(values(y) == V{1, 0, 2, 0, 1, 0, 2, 0, 1, 0, 2, 0});
  Tensor z = zeros({3});
  index_put_(z, I{ints({0, 0, 1})}, tensor_f({1, 2, 3}));
  CHECK(values(z) == V{2, 3, 0});  // the last write wins
  Tensor acc = zeros({3});
  index_put_(acc, std::vector<Tensor>{ints({0, 0, 1})}, tensor_f({1, 2, 3}), true);
  CHECK(values(acc) == V{3, 3, 0});
  Tensor m = reshape(arange(6, DType::Float32), {2, 3});
  index_put_(m, I{tensor_b({1, 0})}, tensor_f({7, 8, 9}));
  CHECK(values(m) == V{7, 8, 9, 3, 4, 5});
  Tensor g = reshape(arange(6, DType::Float32), {2, 3});
  index_put_(g, I{gt(g, Scalar(2))}, Scalar(0));
  CHECK(values(g) == V{0, 1, 2, 0, 0, 0});
  Tensor i = reshape(arange(6), {2, 3});
  index_put_(i, I{all_, 1}, Scalar(2.7));  // converted to the tensor's dtype
  CHECK(values(i) == V{0, 2, 2, 3, 2, 5});
  Tensor s = reshape(arange(12), {3, 4});
  index_put_(s, I{Slice{1, std::nullopt}, Slice{std::nullopt, std::nullopt, 2}}, tensor_i({-1, -2, -3, -4}, {2, 2}));
  CHECK(values(s) == V{0, 1, 2, 3, -1, 5, -2, 7, -3, 9, -4, 11});
  Tensor c = cube();
  index_put_(c, I{all_, ints({0, 2}), ints({1, 3})}, Scalar(100));
  CHECK(values(c) == V{0, 100, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 12, 100, 14, 15, 16, 17, 18, 19, 20, 21, 22, 100});
  int64_t version = c.version();
  index_put_(c, I{0}, Scalar(1));
  CHECK(c.version() > version);
  CHECK_ERROR(index_put_(zeros({3}), I{ints({3})}, Scalar(1)), ErrorKind::Index,
              "index 3 is out of bounds for dimension 0 with size 3");
}

TEST_CASE("gather, scatter, index_select, one_hot", "[index]") {
  Tensor x = reshape(arange(12, DType::Float32), {3, 4});
  CHECK(values(gather(x, 1, tensor_i({0, 0, 1, 0, 3, 2}, {3, 2}))) == V{0, 0, 5, 4, 11, 10});
  CHECK(values(gather(x, 0, tensor_i({2, 1, 0, 0}, {1, 4}))) == V{8, 5, 2, 3});
  CHECK_ERROR(gather(x, 0, tensor_i({5}, {1, 1})), ErrorKind::Runtime,
              "index 5 is out of bounds for dimension 0 with size 3");
  CHECK_ERROR(gather(x, 0, ints({0})), ErrorKind::Runtime,
              "Index tensor must have the same number of dimensions as input tensor");
  CHECK_ERROR(gather(x, 0, tensor_i({0}, {1, 1}, DType::Int32)), ErrorKind::Runtime,
              "gather(): Expected dtype int64 for index");
  CHECK_ERROR(gather(x, 1, zeros({4, 1}, DType::Int64)), ErrorKind::Runtime,
              "Size does not match at dimension 0 expected index [4, 1] to be smaller than self [3, 4] apart from "
              "dimension 1");
  Tensor s = zeros({3, 4});
  scatter_(s, 1, tensor_i({1, 2, 0}, {3, 1}), Scalar(5));
  CHECK(values(s) == V{0, 5, 0, 0, 0, 0, 5, 0, 5, 0, 0, 0});
  Tensor sa = zeros({2, 5});
  scatter_add_(sa, 1, tensor_i({0, 1, 0, 4, 4, 4}, {2, 3}), ones({2, 3}));
  CHECK(values(sa) == V{2, 1, 0, 0, 0, 0, 0, 0, 0, 3});
  Tensor src = reshape(arange(1, 11, 1, DType::Float32), {2, 5});
  Tensor sc = scatter(zeros({3, 5}), 0, tensor_i({0, 1, 2, 0, 0, 2, 0, 0, 1, 2}, {2, 5}), src);
  CHECK(values(sc) == V{1, 7, 8, 4, 5, 0, 2, 0, 9, 0, 6, 0, 3, 0, 10});
  CHECK_ERROR(scatter_(zeros({3}), 0, ints({5}), Scalar(1.0)), ErrorKind::Runtime,
              "index 5 is out of bounds for dimension 0 with size 3");
  CHECK_ERROR(scatter_(zeros({3}), 0, ints({1}), ints({1})), ErrorKind::Runtime,
              "scatter(): Expected self.dtype to be equal to src.dtype");
  CHECK(values(index_select(x, 1, ints({3, 0}))) == V{3, 0, 7, 4, 11, 8});
  CHECK(values(index_select(t(x), 0, ints({1}))) == V{1, 5, 9});
  CHECK_ERROR(index_select(zeros({3}), 0, tensor_i({0}, {1, 1})), ErrorKind::Index,
              "index_select(): Index is supposed to be a vector");
  CHECK_ERROR(index_select(zeros({3}), 0, ints({3})), ErrorKind::Index, "index out of range in self");
  CHECK(values(one_hot(tensor_i({0, 2, 1, 1}, {2, 2}))) == V{1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0});
  CHECK_ERROR(one_hot(ints({0, 3}), 3), ErrorKind::Runtime, "Class values must be smaller than num_classes.");
  CHECK_ERROR(one_hot(ints({0, -1})), ErrorKind::Runtime, "Class values must be non-negative.");
  CHECK_ERROR(one_hot(tensor_f({0})), ErrorKind::Runtime, "one_hot is only applicable to index tensor.");
  CHECK_ERROR(one_hot(ints({})), ErrorKind::Runtime, "Can not infer total number of classes from empty tensor.");
}
