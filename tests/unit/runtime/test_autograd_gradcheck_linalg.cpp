// gradcheck of the matrix products (fn_linalg.cpp): the primitives, matmul in every
// rank combination, and linear.
#include "test_autograd_support.h"

namespace tscript::ag::test {
namespace {

TEST_CASE("gradcheck: matrix products", "[autograd][gradcheck]") {
  Data d;
  check_cases({
      {"MmBackward0", {d.xt({2, 3}), d.xs({3, 4})}, AG_FN(ag::mm(x[0], x[1]))},
      {"MmBackward0 one side constant", {d.c({2, 3}), d.xt({3, 2})}, AG_FN(ag::mm(x[0], x[1]))},
      {"BmmBackward0", {d.xt({2, 2, 3}), d.x({2, 3, 2})}, AG_FN(ag::bmm(x[0], x[1]))},
      {"MvBackward0", {d.xt({3, 4}), d.xs({4})}, AG_FN(ag::mv(x[0], x[1]))},
      {"DotBackward0", {d.xs({4}), d.x({4})}, AG_FN(ag::dot(x[0], x[1]))},
      {"MulBackward0 outer", {d.x({3}), d.xs({2})}, AG_FN(ag::outer(x[0], x[1]))},
      {"AddmmBackward0", {d.x({4}), d.xt({2, 3}), d.x({3, 4})}, AG_FN(ag::addmm(x[0], x[1], x[2], 0.5, -2))},
      {"AddmmBackward0 defaults", {d.x({2, 2}), d.x({2, 3}), d.xt({3, 2})}, AG_FN(ag::addmm(x[0], x[1], x[2]))},
      {"BaddbmmBackward0", {d.x({1, 3}), d.xt({2, 2, 3}), d.x({2, 3, 3})},
       AG_FN(ag::baddbmm(x[0], x[1], x[2], 2, 0.5))},
      // einsum records the sums, permutes and bmm it reduces to.
      {"BmmBackward0 einsum contraction", {d.xt({3, 4}), d.x({4, 2})}, AG_FN(ag::einsum("ij,jk->ik", {x[0], x[1]}))},
      {"DiagonalBackward0 einsum trace", {d.x({2, 3, 3})}, AG_FN(ag::einsum("bii->b", {x[0]}))},
      {"SumBackward1 einsum ellipsis", {d.x({2, 3, 4}), d.xs({4})}, AG_FN(ag::einsum("b...,...->b", {x[0], x[1]}))},
  });
}

// matmul(a, b) for a of shape `a` and b of shape `b`; `node` is one its graph must hold.
struct MatmulRow {
  const char* node;
  std::vector<int64_t> a, b;
};

const MatmulRow kMatmulRows[] = {
    {"DotBackward0 1-d @ 1-d", {3}, {3}},
    {"MvBackward0 2-d @ 1-d", {2, 3}, {3}},
    {"SqueezeBackward1 1-d @ 2-d", {3}, {3, 2}},
    {"MmBackward0 2-d @ 2-d", {2, 3}, {3, 2}},
    {"MvBackward0 3-d @ 1-d", {2, 2, 3}, {3}},
    {"MmBackward0 3-d @ 2-d", {2, 2, 3}, {3, 2}},
    {"BmmBackward0 1-d @ 3-d", {3}, {2, 3, 2}},
    {"BmmBackward0 2-d @ 3-d", {2, 3}, {2, 3, 2}},
    {"BmmBackward0 3-d @ 3-d", {2, 2, 3}, {2, 3, 2}},
    {"BmmBackward0 3-d @ 3-d with one column", {2, 2, 3}, {2, 3, 1}},
    {"ExpandBackward0 broadcast batch", {2, 1, 2, 3}, {3, 3, 2}},
    {"UnsafeViewBackward0 4-d @ 4-d", {2, 1, 2, 3}, {1, 2, 3, 2}},
};

TEST_CASE("gradcheck: matmul in every rank combination", "[autograd][gradcheck]") {
  for (const MatmulRow& row : kMatmulRows) {
    Data d;
    Tensor a = row.a.size() > 1 ? d.xt(row.a) : d.xs(row.a), b = d.x(row.b);
    check_case({row.node, {a, b}, AG_FN(ag::matmul(x[0], x[1]))});
  }
}

TEST_CASE("gradcheck: linear", "[autograd][gradcheck]") {
  Data d;
  check_cases({
      {"AddmmBackward0 2-d input", {d.xt({2, 3}), d.x({4, 3}), d.x({4})}, AG_FN(ag::linear(x[0], x[1], x[2]))},
      {"AddmmBackward0 3-d contiguous input", {d.x({2, 2, 3}), d.xt({4, 3}), d.x({4})},
       AG_FN(ag::linear(x[0], x[1], x[2]))},
      {"AddBackward0 3-d strided input", {d.xs({2, 2, 3}), d.x({4, 3}), d.x({4})},
       AG_FN(ag::linear(x[0], x[1], x[2]))},
      {"TBackward0 no bias", {d.x({2, 3}), d.x({4, 3})}, AG_FN(ag::linear(x[0], x[1], Tensor()))},
  });
}

}  // namespace
}  // namespace tscript::ag::test
