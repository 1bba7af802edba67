// Matrix products and einsum against PyTorch 1.13.
#include "runtime/random/distributions.h"
#include "test_helpers.h"

using namespace tscript::rt;
using namespace tscript::rt::test;

namespace {
using V = std::vector<double>;
using S = std::vector<int64_t>;
Tensor a23() { return reshape(arange(6, DType::Float32), {2, 3}); }
Tensor b32() { return reshape(arange(6, 12, 1, DType::Float32), {3, 2}); }
Tensor range(int64_t n, IntArrayRef sizes) { return reshape(arange(n, DType::Float32), sizes); }
}  // namespace

TEST_CASE("mm, mv, dot, outer, addmm", "[linalg]") {
  CHECK(values(mm(a23(), b32())) == V{28, 31, 100, 112});
  CHECK(values(mm(t(a23()), a23())) == V{9, 12, 15, 12, 17, 22, 15, 22, 29});  // transposed operand
  CHECK(values(mv(a23(), tensor_f({1, 2, 3}))) == V{8, 26});
  CHECK(dot(tensor_f({1, 2}), tensor_f({3, 4})).item().to_double() == 11);
  CHECK(values(outer(tensor_f({1, 2}), tensor_f({3, 4, 5}))) == V{3, 4, 5, 6, 8, 10});
  CHECK(values(addmm(tensor_f({1, 2}), a23(), b32(), 0.5, 2)) == V{56.5, 63, 200.5, 225});
  CHECK(values(mm(reshape(arange(6), {2, 3}), reshape(arange(6), {3, 2}))) == V{10, 13, 28, 40});
  CHECK(values(mm(to(a23(), DType::Float16), to(b32(), DType::Float16))) == V{28, 31, 100, 112});
  CHECK(values(mm(to(a23(), DType::Float64), to(b32(), DType::Float64))) == V{28, 31, 100, 112});
  // Operands with awkward strides (a column slice, an expanded row) are copied first.
  Tensor wide = range(12, {3, 4});
  CHECK(values(mm(slice(wide, 1, 0, 4, 2), expand(tensor_f({1, 1}), {2, 2}))) == V{2, 2, 10, 10, 18, 18});
  CHECK(mm(zeros({2, 0}), zeros({0, 2})).double_at(3) == 0);
  CHECK(mm(zeros({0, 3}), zeros({3, 2})).numel() == 0);
}

TEST_CASE("matmul broadcasting cases", "[linalg]") {
  CHECK(values(matmul(range(24, {2, 3, 4}), range(8, {4, 2}))) ==
        V{28, 34, 76, 98, 124, 162, 172, 226, 220, 290, 268, 354});
  CHECK(values(matmul(range(6, {1, 2, 3}), range(12, {2, 3, 2}))) == V{10, 13, 28, 40, 28, 31, 100, 112});
  CHECK(values(matmul(tensor_f({1, 2, 3}), range(24, {2, 3, 4}))) == V{32, 38, 44, 50, 104, 110, 116, 122});
  CHECK(shape(matmul(range(24, {2, 3, 4}), tensor_f({1, 1, 1, 1}))) == S{2, 3});
  CHECK(shape(matmul(ones({2, 1, 3, 4}), ones({5, 4, 2}))) == S{2, 5, 3, 2});
  CHECK(matmul(tensor_f({1, 2}), tensor_f({3, 4})).dim() == 0);
  CHECK(shape(matmul(tensor_f({1, 2}), ones({2, 3}))) == S{3});
}

TEST_CASE("linalg errors", "[linalg]") {
  CHECK_ERROR(mm(ones({2, 3}), ones({4, 5})), ErrorKind::Runtime,
              "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)");
  CHECK_ERROR(matmul(ones({2, 3}), ones({4, 5})), ErrorKind::Runtime,
              "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)");
  CHECK_ERROR(mm(ones({2, 3}), ones({3})), ErrorKind::Runtime, "mat2 must be a matrix");
  CHECK_ERROR(mm(reshape(arange(6), {2, 3}), ones({3, 2})), ErrorKind::Runtime,
              "expected scalar type Long but found Float");
  CHECK_ERROR(bmm(ones({2, 3}), ones({2, 3})), ErrorKind::Runtime, "batch1 must be a 3D tensor");
  CHECK_ERROR(bmm(ones({2, 2, 3}), ones({3, 3, 2})), ErrorKind::Runtime,
              "Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [3, 3].");
  CHECK_ERROR(mv(ones({2, 3}), ones({4})), ErrorKind::Runtime, "size mismatch, got 2, 2x3,4");
  CHECK_ERROR(dot(ones({3}), ones({4})), ErrorKind::Runtime,
              "inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but "
              "got 3 and 4 elements respectively");
  CHECK_ERROR(dot(ones({2}), ones({2}, DType::Int64)), ErrorKind::Runtime,
              "dot : expected both vectors to have same dtype, but found Float and Long");
  CHECK_ERROR(matmul(scalar_tensor(1.0), ones({3})), ErrorKind::Runtime,
              "both arguments to matmul need to be at least 1D, but they are 0D and 1D");
  CHECK_ERROR(matmul(ones({2, 3, 4}), ones({5, 4, 2})), ErrorKind::Runtime,
              "The size of tensor a (2) must match the size of tensor b (5) at non-singleton dimension 0");
}

TEST_CASE("einsum", "[linalg]") {
  CHECK(values(einsum("ij,jk->ik", {a23(), b32()})) == V{28, 31, 100, 112});
  CHECK(einsum("ii", {range(9, {3, 3})}).item().to_double() == 12);
  CHECK(values(einsum("ii->i", {range(9, {3, 3})})) == V{0, 4, 8});
  CHECK(values(einsum("bij,bjk->bik", {range(12, {2, 2, 3}), range(24, {2, 3, 4})})) ==
        V{20, 23, 26, 29, 56, 68, 80, 92, 344, 365, 386, 407, 488, 518, 548, 578});
  CHECK(values(einsum("i,j->ij", {tensor_f({1, 2}), tensor_f({3, 4, 5})})) == V{3, 4, 5, 6, 8, 10});
  CHECK(values(einsum("ij->j", {a23()})) == V{3, 5, 7});
  CHECK(einsum("ij,ij->", {a23(), a23()}).item().to_double() == 55);
  CHECK(values(einsum("ji", {a23()})) == V{0, 3, 1, 4, 2, 5});  // implicit output: alphabetical
  CHECK(values(einsum("...ij,...jk", {range(12, {2, 2, 3}), b32()})) == V{28, 31, 100, 112, 172, 193, 244, 274});
  CHECK(values(einsum("bn,anm,bm->ba", {ones({2, 3}), range(24, {2, 3, 4}), ones({2, 4})})) == V{66, 210, 66, 210});
  CHECK_ERROR(einsum("ij", {a23(), a23()}), ErrorKind::Runtime,
              "einsum(): more operands were provided than specified in the equation");
  CHECK_ERROR(einsum("ij,jk", {a23(), ones({4, 2})}), ErrorKind::Runtime,
              "einsum(): subscript j has size 4 for operand 1 which does not broadcast with previously seen size 3");
}

namespace {
Tensor randn_seeded(tscript::random::Generator& gen, IntArrayRef sizes) {
  Tensor t = empty(sizes);
  tscript::random::normal(gen, t.data<float>(), t.numel());
  return t;
}
}  // namespace

TEST_CASE("products are bit-identical to PyTorch's (same BLAS calls)", "[linalg][exact]") {
  // torch.manual_seed(s); torch.randn(...) — drawn with runtime/random.
  tscript::random::Generator gen;
  gen.manual_seed(21);
  Tensor a = randn_seeded(gen, {5, 7}), b = randn_seeded(gen, {7, 3});
  CHECK(values(select(mm(a, b), 0, 0)) == V{-0.6520647406578064, 0.11161896586418152, -4.173396110534668});
  CHECK(values(select(mm(t(b), t(a)), 0, 0)) ==
        V{-0.6520647406578064, -0.6544651985168457, -0.08264071494340897, -2.108309745788574, 0.8354078531265259});
  gen.manual_seed(22);
  Tensor m = randn_seeded(gen, {6, 50}), v = randn_seeded(gen, {50});
  CHECK(values(slice(mv(m, v), 0, 0, 3)) == V{-5.221865653991699, -6.604124069213867, 1.0627508163452148});
  CHECK(dot(v, v).item().to_double() == 54.783905029296875);
  gen.manual_seed(23);
  Tensor x = randn_seeded(gen, {4, 3, 5}), y = randn_seeded(gen, {4, 5, 2});
  CHECK(values(select(select(bmm(x, y), 0, 1), 0, 0)) == V{-1.3400077819824219, -2.335905075073242});
  gen.manual_seed(24);
  Tensor x2 = randn_seeded(gen, {2, 30, 40}), y2 = randn_seeded(gen, {2, 40, 20});
  CHECK(values(slice(select(select(bmm(x2, y2), 0, 1), 0, 0), 0, 0, 3)) ==
        V{15.5540132522583, 6.520297050476074, -7.223718643188477});
  gen.manual_seed(25);
  Tensor in = randn_seeded(gen, {64, 100}), w = randn_seeded(gen, {10, 100}), bias = randn_seeded(gen, {10});
  CHECK(values(slice(select(addmm(bias, in, t(w)), 0, 0), 0, 0, 3)) ==
        V{13.982460975646973, 14.701086044311523, 6.921219348907471});
}
