// View ops share storage with their base; errors as PyTorch 1.13 prints them.
#include "test_helpers.h"

using namespace tscript::rt;
using namespace tscript::rt::test;

namespace {
Tensor grid() { return reshape(arange(12), {3, 4}); }  // [[0..3], [4..7], [8..11]]
using V = std::vector<double>;
using S = std::vector<int64_t>;
}  // namespace

TEST_CASE("view and reshape", "[views]") {
  Tensor x = grid();
  Tensor v = view(x, {2, -1});
  CHECK(shape(v) == S{2, 6});
  CHECK(v.storage().get() == x.storage().get());
  CHECK_ERROR(view(x, {5, -1}), ErrorKind::Runtime, "shape '[5, -1]' is invalid for input of size 12");
  CHECK_ERROR(view(x, {-1, -1}), ErrorKind::Runtime, "only one dimension can be inferred");
  CHECK_ERROR(view(transpose(x, 0, 1), {12}), ErrorKind::Runtime,
              "view size is not compatible with input tensor's size and stride (at least one dimension spans "
              "across two contiguous subspaces). Use .reshape(...) instead.");
  Tensor r = reshape(transpose(x, 0, 1), {2, 6});  // must copy
  CHECK(r.storage().get() != x.storage().get());
  CHECK(r.strides() == IntArrayRef({6, 1}));
  CHECK(values(r) == V{0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11});
  Tensor sliced = slice(x, 1, 1, std::nullopt);
  CHECK(reshape(sliced, {-1}).is_contiguous());
  CHECK_ERROR(view(zeros({2, 0, 3}), {0, -1}), ErrorKind::Runtime,
              "cannot reshape tensor of 0 elements into shape [0, -1] because the unspecified dimension size -1 "
              "can be any value and is ambiguous");
  // A view that merges strided dims: PyTorch gives strides (12, 6, 2).
  Tensor s = slice(zeros({4, 1, 6}), 2, std::nullopt, std::nullopt, 2);
  CHECK(view(s, {2, 2, 3}).strides() == IntArrayRef({12, 6, 2}));
  CHECK(shape(reshape(scalar_tensor(3.0), {1, 1})) == S{1, 1});
}

TEST_CASE("writes through a view reach the base", "[views]") {
  Tensor x = zeros({2, 3});
  Tensor row = select(x, 0, 1);
  copy_(row, full({3}, 5.0));
  CHECK(values(x) == V{0, 0, 0, 5, 5, 5});
  CHECK(x.version() == row.version());
}

TEST_CASE("squeeze, unsqueeze, flatten, unflatten", "[views]") {
  Tensor x = zeros({2, 1, 3, 1});
  CHECK(shape(squeeze(x)) == S{2, 3});
  CHECK(shape(squeeze(x, 1)) == S{2, 3, 1});
  CHECK(shape(squeeze(x, 0)) == S{2, 1, 3, 1});
  CHECK(shape(unsqueeze(x, -1)) == S{2, 1, 3, 1, 1});
  CHECK(unsqueeze(transpose(zeros({4, 6}), 0, 1), 0).strides() == IntArrayRef({6, 1, 6}));
  CHECK(shape(flatten(zeros({2, 3, 4}), 1)) == S{2, 12});
  CHECK(shape(flatten(scalar_tensor(1.0))) == S{1});
  CHECK_ERROR(flatten(grid(), 1, 0), ErrorKind::Runtime,
              "flatten() has invalid args: start_dim cannot come after end_dim");
  CHECK(shape(unflatten(grid(), 1, {2, 2})) == S{3, 2, 2});
  CHECK(shape(unflatten(grid(), 1, {-1, 2})) == S{3, 2, 2});
  CHECK_ERROR(unflatten(grid(), 1, {3, -1}), ErrorKind::Runtime,
              "unflatten: Provided sizes [3, -1] don't multiply up to the size of dim 1 (4) in the input tensor");
  CHECK_ERROR(squeeze(grid(), 2), ErrorKind::Index,
              "Dimension out of range (expected to be in range of [-2, 1], but got 2)");
  CHECK_ERROR(unsqueeze(grid(), 3), ErrorKind::Index,
              "Dimension out of range (expected to be in range of [-3, 2], but got 3)");
}

TEST_CASE("permute, transpose, t, T, movedim", "[views]") {
  Tensor x = grid();
  CHECK(values(t(x)) == V{0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11});
  CHECK(t(t(x)).is_contiguous());
  CHECK_ERROR(t(zeros({2, 3, 4})), ErrorKind::Runtime, "t() expects a tensor with <= 2 dimensions, but self is 3D");
  CHECK_ERROR(permute(x, {0, 0}), ErrorKind::Runtime, "permute(): duplicate dims are not allowed.");
  CHECK_ERROR(permute(x, {0}), ErrorKind::Runtime,
              "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the "
              "desired ordering of dimensions i.e. input.dim() = 2 is not equal to len(dims) = 1");
  Tensor y = zeros({2, 3, 4});
  CHECK(shape(permute(y, {2, 0, 1})) == S{4, 2, 3});
  CHECK(shape(numpy_T(y)) == S{4, 3, 2});
  CHECK(shape(movedim(y, 0, -1)) == S{3, 4, 2});
  CHECK_ERROR(transpose(x, 0, 2), ErrorKind::Index,
              "Dimension out of range (expected to be in range of [-2, 1], but got 2)");
}

TEST_CASE("expand", "[views]") {
  Tensor c = zeros({3, 1});
  Tensor e = expand(c, {-1, 4});
  CHECK(e.strides() == IntArrayRef({1, 0}));
  CHECK(shape(expand(c, {3, 3, 2})) == S{3, 3, 2});
  CHECK_ERROR(expand(grid(), {2, 3}), ErrorKind::Runtime,
              "The expanded size of the tensor (3) must match the existing size (4) at non-singleton dimension 1.  "
              "Target sizes: [2, 3].  Tensor sizes: [3, 4]");
  CHECK_ERROR(expand(grid(), {3}), ErrorKind::Runtime,
              "expand(torch.LongTensor{[3, 4]}, size=[3]): the number of sizes provided (1) must be greater or "
              "equal to the number of dimensions in the tensor (2)");
  CHECK(shape(expand_as(scalar_tensor(1.0), grid())) == S{3, 4});
}

TEST_CASE("narrow, select, slice, diagonal, unbind", "[views]") {
  Tensor x = grid();
  CHECK(values(narrow(x, 1, 1, 2)) == V{1, 2, 5, 6, 9, 10});
  CHECK(values(narrow(x, 0, -1, 1)) == V{8, 9, 10, 11});
  CHECK_ERROR(narrow(x, 1, 3, 2), ErrorKind::Runtime, "start (3) + length (2) exceeds dimension size (4).");
  CHECK(values(select(x, 1, -1)) == V{3, 7, 11});
  CHECK_ERROR(select(x, 1, 4), ErrorKind::Index, "select(): index 4 out of range for tensor of size [3, 4] at dimension 1");
  CHECK(values(slice(x, 1, 1, std::nullopt, 2)) == V{1, 3, 5, 7, 9, 11});
  CHECK(values(slice(x, 0, -100, 100)) == values(x));
  CHECK(slice(x, 0, 2, 1).numel() == 0);  // stop before start: empty
  CHECK_ERROR(slice(x, 0, 0, 3, -1), ErrorKind::Value, "step must be greater than zero");
  CHECK(values(diagonal(x)) == V{0, 5, 10});
  CHECK(values(diagonal(x, 1)) == V{1, 6, 11});
  CHECK(values(diagonal(x, -1)) == V{4, 9});
  auto rows = unbind(x, 0);
  REQUIRE(rows.size() == 3);
  CHECK(values(rows[2]) == V{8, 9, 10, 11});
}

TEST_CASE("as_strided is checked against the storage", "[views]") {
  Tensor x = arange(6);
  CHECK(values(as_strided(x, {2, 2}, {1, 2}, 1)) == V{1, 3, 2, 4});
  CHECK_THROWS_AS(as_strided(x, {2, 2}, {3, 3}, 0), Error);  // reaches element 6
  CHECK_THROWS_AS(as_strided(x, {2}, {-1}, 3), Error);
}

TEST_CASE("in-place geometry changes", "[views]") {
  Tensor x = zeros({2, 1, 3});
  squeeze_(x);
  CHECK(shape(x) == S{2, 3});
  unsqueeze_(x, 0);
  CHECK(shape(x) == S{1, 2, 3});
  transpose_(x, 1, 2);
  CHECK(shape(x) == S{1, 3, 2});
}

TEST_CASE("copy_ between overlapping views", "[views]") {
  Tensor x = arange(5, DType::Float32);
  CHECK_ERROR(copy_(slice(x, 0, 1, std::nullopt), slice(x, 0, 0, -1)), ErrorKind::Runtime,
              "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single "
              "memory location. Please clone() the tensor before performing the operation.");
  Tensor m = reshape(arange(6, DType::Float32), {2, 3});
  copy_(select(m, 1, 0), select(m, 1, 1));  // disjoint strided columns: fine
  CHECK(values(m) == V{1, 1, 2, 4, 4, 5});
  copy_(m, m);  // the same tensor: a no-op
  CHECK(values(m) == V{1, 1, 2, 4, 4, 5});
  Tensor d = zeros({2, 3}, DType::Int32);
  copy_(d, tensor_f({1.7, -2.7, 3}));  // broadcast and convert
  CHECK(values(d) == V{1, -2, 3, 1, -2, 3});
}
