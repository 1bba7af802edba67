// gradcheck of indexing (fn_index.cpp): x[...] basic and advanced, x[...] = v (basic:
// CopySlices, advanced: IndexPutBackward0), gather/scatter, index_select, sort/topk.
#include "test_autograd_support.h"

namespace tscript::ag::test {
namespace {

using Indices = std::vector<TensorIndex>;
const rt::Slice kAll{};

// y = clone(x); y[indices] = value; y: the gradient reaches both x and value.
Tensor put(const Tensor& x, const Indices& indices, const Tensor& value) {
  return on_clone(x, [&](const Tensor& y) { ag::index_put_(y, indices, value); });
}
Tensor put(const Tensor& x, const std::vector<Tensor>& indices, const Tensor& values, bool accumulate) {
  return on_clone(x, [&](const Tensor& y) { ag::index_put_(y, indices, values, accumulate); });
}

TEST_CASE("gradcheck: x[...] basic and advanced", "[autograd][gradcheck]") {
  Data d;
  Tensor repeated = tensor_i({0, 2, 0}), other = tensor_i({1, 1, 3});
  Tensor mask = rt::reshape(tensor_b({1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 1}), {3, 4});
  check_cases({
      {"SelectBackward0 x[1]", {d.xt({3, 4})}, AG_FN(ag::index(x[0], Indices{1}))},
      {"SliceBackward0 x[:, 1:3]", {d.xt({3, 4})}, AG_FN(ag::index(x[0], Indices{kAll, rt::Slice{1, 3}}))},
      {"UnsqueezeBackward0 x[None]", {d.xs({2, 2})}, AG_FN(ag::index(x[0], Indices{TensorIndex::none()}))},
      {"AliasBackward0 x[...]", {d.xt({2, 3})}, AG_FN(ag::index(x[0], Indices{TensorIndex::ellipsis()}))},
      {"IndexBackward0 repeated indices", {d.xt({3, 4})}, AG_FN(ag::index(x[0], Indices{repeated}))},
      {"IndexBackward0 x[:, idx]", {d.xt({3, 4})}, AG_FN(ag::index(x[0], Indices{kAll, repeated}))},
      {"IndexBackward0 two index tensors", {d.xt({3, 4})}, AG_FN(ag::index(x[0], Indices{repeated, other}))},
      {"IndexBackward0 separated index tensors", {d.x({3, 2, 4})},
       AG_FN(ag::index(x[0], Indices{repeated, kAll, other}))},
      {"IndexBackward0 boolean mask", {d.xt({3, 4})}, AG_FN(ag::index(x[0], Indices{mask}))},
  });
}

TEST_CASE("gradcheck: x[...] = v", "[autograd][gradcheck]") {
  Data d;
  Tensor rows = tensor_i({2, 0}), cols = tensor_i({1, 3}), repeated = tensor_i({1, 1, 0});
  Tensor mask = rt::reshape(tensor_b({1, 0, 0, 1, 1, 0}), {2, 3});
  check_cases({
      {"CopySlices x[1] = v (broadcast)", {d.xt({3, 4}), d.x({1})}, AG_FN(put(x[0], Indices{1}, x[1]))},
      {"CopySlices x[:, 1:3] = v", {d.xt({3, 4}), d.xs({3, 2})},
       AG_FN(put(x[0], Indices{kAll, rt::Slice{1, 3}}, x[1]))},
      {"CopySlices x[0] = 2.5", {d.x({3, 2})},
       AG_FN(on_clone(x[0], [](const Tensor& y) { ag::index_put_(y, Indices{0}, rt::Scalar(2.5)); }))},
      {"IndexPutBackward0 x[idx] = v", {d.xt({3, 4}), d.x({4})}, AG_FN(put(x[0], Indices{rows}, x[1]))},
      {"IndexPutBackward0 x[mask] = v", {d.xt({2, 3}), d.x({})}, AG_FN(put(x[0], Indices{mask}, x[1]))},
      {"IndexPutBackward0 index_put_", {d.xt({3, 4}), d.x({2})},
       AG_FN(put(x[0], std::vector<Tensor>{rows, cols}, x[1], false))},
      {"IndexPutBackward0 accumulate, repeated indices", {d.xt({3, 4}), d.x({3, 4})},
       AG_FN(put(x[0], std::vector<Tensor>{repeated}, x[1], true))},
  });
}

TEST_CASE("gradcheck: gather, scatter, index_select", "[autograd][gradcheck]") {
  Data d;
  Tensor idx = rt::reshape(tensor_i({2, 0, 0, 1, 3, 3}), {2, 3});       // repeats within rows
  Tensor perm = rt::reshape(tensor_i({2, 0, 1, 0, 3, 1}), {2, 3});      // no repeats within rows
  check_cases({
      {"GatherBackward0", {d.xt({2, 4})}, AG_FN(ag::gather(x[0], 1, idx))},
      {"ScatterBackward0", {d.xt({2, 4}), d.x({2, 3})}, AG_FN(ag::scatter(x[0], 1, perm, x[1]))},
      {"ScatterBackward1 value", {d.xs({2, 4})}, AG_FN(ag::scatter(x[0], -1, perm, rt::Scalar(2.5)))},
      {"ScatterAddBackward0 repeated indices", {d.xt({2, 4}), d.x({2, 3})},
       AG_FN(ag::scatter_add(x[0], 1, idx, x[1]))},
      {"IndexSelectBackward0 repeated indices", {d.xt({3, 4})},
       AG_FN(ag::index_select(x[0], 1, tensor_i({3, 0, 3})))},
      {"IndexSelectBackward0 dim 0", {d.xs({3, 2})}, AG_FN(ag::index_select(x[0], 0, tensor_i({2, 1})))},
  });
}

TEST_CASE("gradcheck: sort, topk", "[autograd][gradcheck]") {
  Data d;
  check_cases({
      {"SortBackward0", {d.xt({3, 4})}, AG_FN(ag::sort(x[0], 1, true).values)},
      {"SortBackward0 dim 0", {d.xs({3, 2})}, AG_FN(ag::sort(x[0], 0).values)},
      {"TopkBackward0", {d.xt({3, 4})}, AG_FN(ag::topk(x[0], 2, 0).values)},
      {"TopkBackward0 smallest", {d.xt({3, 4})}, AG_FN(ag::topk(x[0], 3, -1, false).values)},
  });
}

}  // namespace
}  // namespace tscript::ag::test
