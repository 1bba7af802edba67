// cat/stack/split/chunk/repeat/flip and where/clamp/masked_fill/lerp/addc*.
#include "test_helpers.h"

using namespace tscript::rt;
using namespace tscript::rt::test;

namespace {
using V = std::vector<double>;
using S = std::vector<int64_t>;
Tensor a23() { return reshape(arange(6), {2, 3}); }
std::vector<S> shapes(const std::vector<Tensor>& ts) {
  std::vector<S> out;
  for (const Tensor& t : ts) out.push_back(shape(t));
  return out;
}
}  // namespace

TEST_CASE("cat and stack", "[join]") {
  Tensor f = to(a23(), DType::Float32);
  CHECK(values(cat({f, ones({2, 2})}, 1)) == V{0, 1, 2, 1, 1, 3, 4, 5, 1, 1});
  CHECK(cat({a23(), f}).dtype() == DType::Float32);
  CHECK(shape(cat({f, zeros({0})})) == S{2, 3});  // legacy: empty 1-D tensors are skipped
  CHECK(values(stack({a23(), a23()}, 2)) == V{0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5});
  CHECK(shape(stack({a23(), a23()})) == S{2, 2, 3});
  CHECK(values(cat({transpose(a23(), 0, 1), transpose(a23(), 0, 1)}, 1)) == V{0, 3, 0, 3, 1, 4, 1, 4, 2, 5, 2, 5});
  CHECK_ERROR(cat({zeros({2, 3}), ones({2, 4})}), ErrorKind::Runtime,
              "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 "
              "in the list.");
  CHECK_ERROR(cat({}), ErrorKind::Runtime, "torch.cat(): expected a non-empty list of Tensors");
  CHECK_ERROR(cat({zeros({2, 3}), zeros({3})}), ErrorKind::Runtime,
              "Tensors must have same number of dimensions: got 2 and 1");
  CHECK_ERROR(cat({scalar_tensor(1.0), scalar_tensor(2.0)}), ErrorKind::Runtime,
              "zero-dimensional tensor (at position 0) cannot be concatenated");
  CHECK_ERROR(stack({zeros({2, 3}), ones({2, 4})}), ErrorKind::Runtime,
              "stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [2, 4] at entry 1");
  CHECK_ERROR(stack({}), ErrorKind::Runtime, "stack expects a non-empty TensorList");
}

TEST_CASE("split and chunk return views", "[join]") {
  Tensor r = arange(10);
  auto parts = split(r, 3);
  CHECK(shapes(parts) == std::vector<S>{{3}, {3}, {3}, {1}});
  CHECK(parts[1].storage().get() == r.storage().get());
  CHECK(values(parts[3]) == V{9});
  CHECK(shapes(split_with_sizes(r, {3, 7})) == std::vector<S>{{3}, {7}});
  CHECK_ERROR(split_with_sizes(r, {3, 6}), ErrorKind::Runtime,
              "split_with_sizes expects split_sizes to sum exactly to 10 (input tensor's size at dimension 0), but got "
              "split_sizes=[3, 6]");
  CHECK(shapes(chunk(r, 4)) == std::vector<S>{{3}, {3}, {3}, {1}});
  CHECK(shapes(chunk(arange(5), 4)) == std::vector<S>{{2}, {2}, {1}});
  CHECK(chunk(arange(0), 3).size() == 3);
  CHECK_ERROR(chunk(r, 0), ErrorKind::Runtime, "chunk expects `chunks` to be greater than 0, got: 0");
  CHECK_ERROR(split(arange(6), 0), ErrorKind::Runtime,
              "split_size can only be 0 if dimension size is 0, but got dimension size of 6");
}

TEST_CASE("repeat, tile, flip", "[join]") {
  CHECK(values(repeat(a23(), {2, 2})) == V{0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5, 0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5});
  CHECK(shape(repeat(tensor_i({1, 2}), {3, 1, 2})) == S{3, 1, 4});
  CHECK_ERROR(repeat(a23(), {2}), ErrorKind::Runtime,
              "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
  CHECK(values(tile(tensor_i({1, 2}), {2})) == V{1, 2, 1, 2});
  CHECK(values(flip(a23(), {0})) == V{3, 4, 5, 0, 1, 2});
  CHECK(values(flip(a23(), {0, 1})) == V{5, 4, 3, 2, 1, 0});
}

TEST_CASE("where", "[conditional]") {
  Tensor w = where(tensor_b({1, 0, 1}), tensor_i({1, 5, 3}), wrap_scalar(2.5));
  CHECK(w.dtype() == DType::Float32);
  CHECK(values(w) == V{1, 2.5, 3});
  CHECK(where(tensor_b({1}), wrap_scalar(1), wrap_scalar(0)).dtype() == DType::Int64);
  CHECK(shape(where(reshape(tensor_b({1, 0}), {2, 1}), zeros({3}), ones({1}))) == S{2, 3});
  CHECK_ERROR(where(tensor_i({1}), zeros({1}), zeros({1})), ErrorKind::Runtime,
              "where expected condition to be a boolean tensor, but got a tensor with dtype Long");
  auto nz = where(ne(tensor_i({0, 1, 2, 0}, {2, 2}), Scalar(0)));
  CHECK(values(nz[0]) == V{0, 1});
  CHECK(values(nz[1]) == V{1, 0});
  CHECK(values(nonzero(tensor_i({0, 3, 0, 4}))) == V{1, 3});
}

TEST_CASE("clamp", "[conditional]") {
  CHECK(values(clamp(tensor_i({1, 5, 3}), Scalar(2), Scalar(4))) == V{2, 4, 3});
  Tensor c = clamp(tensor_i({1, 5, 3}), Scalar(2.5));
  CHECK(c.dtype() == DType::Float32);
  CHECK(values(c) == V{2.5, 5, 3});
  CHECK(close(clamp(tensor_f({1, NAN, 3}), Scalar(2)), {2, NAN, 3}));
  CHECK(values(clamp(tensor_f({1, 5, 3}), Scalar(4), Scalar(2))) == V{2, 2, 2});
  CHECK(values(clamp(tensor_f({1, 5, 3}), tensor_f({2, 2, 2}), Tensor())) == V{2, 5, 3});
  CHECK_ERROR(clamp(tensor_f({1}), std::nullopt, std::nullopt), ErrorKind::Runtime,
              "torch.clamp: At least one of 'min' or 'max' must not be None");
  Tensor x = tensor_f({-1, 0.5, 2});
  clamp_(x, Scalar(0), Scalar(1));
  CHECK(values(x) == V{0, 0.5, 1});
  CHECK_ERROR(clamp_(tensor_i({1}), Scalar(2.5)), ErrorKind::Runtime,
              "result type Float can't be cast to the desired output type Long");
}

TEST_CASE("masked_fill, lerp, addcmul, addcdiv", "[conditional]") {
  Tensor m = reshape(tensor_i({1, 2, 3, 4}), {2, 2});
  CHECK(values(masked_fill(m, tensor_b({1, 0}), Scalar(-1))) == V{-1, 2, -1, 4});
  CHECK(values(masked_fill(tensor_i({1, 5, 3}), tensor_b({0, 1, 1}), Scalar(0.5))) == V{1, 0, 0});
  CHECK_ERROR(masked_fill(tensor_i({1, 5, 3}), tensor_b({1, 0}), Scalar(0)), ErrorKind::Runtime,
              "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0");
  CHECK_ERROR(masked_fill(tensor_i({1, 5, 3}), tensor_b({1, 0, 0}), tensor_i({1, 2})), ErrorKind::Runtime,
              "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).");
  Tensor f = tensor_f({1, 2, 3});
  masked_fill_(f, gt(f, Scalar(1)), Scalar(0));
  CHECK(values(f) == V{1, 0, 0});
  CHECK(values(lerp(tensor_f({1, 2}), tensor_f({3, 6}), 0.25)) == V{1.5, 3});
  CHECK(values(addcdiv(tensor_f({1}), tensor_f({3}), tensor_f({2}), 2)) == V{4});
  Tensor p = tensor_f({1, 1});
  addcmul_(p, tensor_f({2, 3}), tensor_f({4, 5}), 0.5);
  CHECK(values(p) == V{5, 8.5});
}
