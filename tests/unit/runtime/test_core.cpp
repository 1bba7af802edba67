// Core types: dtype names and promotion, devices, scalars, tensor handles,
// element access, the allocator.
#include "backends/cpu/allocator.h"
#include "test_helpers.h"

using namespace tscript::rt;
using namespace tscript::rt::test;

TEST_CASE("dtype names and sizes", "[core]") {
  CHECK(dtype_repr(DType::Float32) == "torch.float32");
  CHECK(dtype_repr(DType::BFloat16) == "torch.bfloat16");
  CHECK(std::string(scalar_type_name(DType::Int64)) == "Long");
  CHECK(dtype_from_name("long") == DType::Int64);
  CHECK(dtype_from_name("torch.half") == DType::Float16);
  CHECK(dtype_from_name("double") == DType::Float64);
  CHECK_FALSE(dtype_from_name("complex64").has_value());
  CHECK(itemsize(DType::BFloat16) == 2);
  CHECK(itemsize(DType::Bool) == 1);
}

TEST_CASE("promote_types matches torch.promote_types", "[core]") {
  // Table from PyTorch 1.13: torch.promote_types(a, b)
  CHECK(promote_types(DType::UInt8, DType::Int8) == DType::Int16);
  CHECK(promote_types(DType::UInt8, DType::Int32) == DType::Int32);
  CHECK(promote_types(DType::Bool, DType::UInt8) == DType::UInt8);
  CHECK(promote_types(DType::Float16, DType::BFloat16) == DType::Float32);
  CHECK(promote_types(DType::Int64, DType::Float16) == DType::Float16);
  CHECK(promote_types(DType::Float32, DType::Float64) == DType::Float64);
  CHECK(promote_types(DType::Int16, DType::Int8) == DType::Int16);
  CHECK(can_cast(DType::Int64, DType::Float32));
  CHECK_FALSE(can_cast(DType::Float32, DType::Int64));
  CHECK_FALSE(can_cast(DType::Int64, DType::Bool));
}

TEST_CASE("result_type: tiers of dim tensors, 0-d tensors and scalars", "[core]") {
  Tensor i32 = tensor_i({1}, DType::Int32);
  Tensor f16 = tensor_f({1}, DType::Float16);
  Tensor u8 = tensor_i({1}, DType::UInt8);
  Tensor b = tensor_b({1});
  CHECK(result_type(i32, Scalar(2.5)) == DType::Float32);
  CHECK(result_type(i32, scalar_tensor(2.5, DType::Float64)) == DType::Float64);
  CHECK(result_type(i32, scalar_tensor(2, DType::Int64)) == DType::Int32);
  CHECK(result_type(f16, Scalar(2.5)) == DType::Float16);
  CHECK(result_type(u8, Scalar(-1)) == DType::UInt8);
  CHECK(result_type(b, Scalar(1)) == DType::Int64);
  CHECK(result_type(b, Scalar(true)) == DType::Bool);
  CHECK(result_type(scalar_tensor(1, DType::Int32), Scalar(2.5)) == DType::Float32);
  CHECK(result_type(scalar_tensor(1, DType::Int32), tensor_i({2}, DType::Int8)) == DType::Int8);
}

TEST_CASE("devices", "[core]") {
  CHECK(Device::parse("cpu").is_cpu());
  CHECK(Device::parse("cuda:1").index == 1);
  CHECK(Device::parse("cuda:1").str() == "cuda:1");
  CHECK_THROWS_AS(Device::parse("tpu"), Error);
  CHECK_ERROR(zeros({2}, TensorOptions().with_device(Device::parse("cuda"))), ErrorKind::Assertion,
              "Torch not compiled with CUDA enabled");
}

TEST_CASE("scalars", "[core]") {
  CHECK(Scalar(3).is_integral());
  CHECK(Scalar(true).is_bool());
  CHECK(Scalar(2.5).is_floating());
  CHECK(Scalar(2.5).to_int() == 2);
  CHECK(Scalar(0.1).repr() == "0.1");
  CHECK(Scalar(2.0).repr() == "2.0");
  CHECK(Scalar(false).repr() == "False");
}

TEST_CASE("half and bfloat16 round to nearest even", "[core]") {
  CHECK(static_cast<float>(Half(1.0f)) == 1.0f);
  CHECK(static_cast<float>(Half(65504.0f)) == 65504.0f);
  CHECK(std::isinf(static_cast<float>(Half(65520.0f))));
  CHECK(static_cast<float>(Half(0.1f)) == 0.0999755859375f);
  CHECK(static_cast<float>(Half(5.96e-8f)) == 5.9604644775390625e-08f);  // smallest subnormal
  CHECK(std::isnan(static_cast<float>(Half(NAN))));
  CHECK(static_cast<float>(BFloat16(0.1f)) == 0.10009765625f);
  CHECK(static_cast<float>(BFloat16(1.00390625f)) == 1.0f);  // tie to even
}

TEST_CASE("tensor handle: refcount, metadata, element access", "[core]") {
  Tensor a = reshape(arange(6), {2, 3});
  CHECK(a.dtype() == DType::Int64);
  CHECK(shape(a) == std::vector<int64_t>{2, 3});
  CHECK(a.strides() == IntArrayRef({3, 1}));
  CHECK(a.size(-1) == 3);
  CHECK_ERROR(a.size(2), ErrorKind::Index, "Dimension out of range (expected to be in range of [-2, 1], but got 2)");
  CHECK(a.use_count() == 1);
  {
    Tensor b = a;
    CHECK(a.use_count() == 2);
    CHECK(b.is_same(a));
  }
  CHECK(a.use_count() == 1);
  Tensor t = transpose(a, 0, 1);
  CHECK_FALSE(t.is_contiguous());
  CHECK(values(t) == std::vector<double>{0, 3, 1, 4, 2, 5});
  CHECK(t.int_at(1) == 3);
  CHECK(scalar_tensor(2.5).item().to_double() == 2.5);
  CHECK(scalar_tensor(2.5).dtype() == DType::Float32);
  CHECK(scalar_tensor(7).item().is_integral());
  CHECK_ERROR(a.item(), ErrorKind::Runtime, "a Tensor with 6 elements cannot be converted to Scalar");
  Tensor undefined;
  CHECK_FALSE(undefined.defined());
  CHECK(a.data<int64_t>()[5] == 5);
  CHECK_THROWS_AS(a.data<float>(), Error);
}

TEST_CASE("caching allocator reuses freed blocks", "[core]") {
  auto before = cpu::allocator_stats();
  { Tensor x = empty({1000, 1000}); }
  { Tensor y = empty({1000, 1000}); }
  auto after = cpu::allocator_stats();
  CHECK(after.cache_hits >= before.cache_hits + 1);
}

TEST_CASE("from_blob shares caller memory", "[core]") {
  float data[6] = {1, 2, 3, 4, 5, 6};
  bool freed = false;
  {
    Tensor t = from_blob(data, {2, 3}, DType::Float32, [&](void*) { freed = true; });
    CHECK(t.double_at(4) == 5);
    data[4] = 50;
    CHECK(t.double_at(4) == 50);
  }
  CHECK(freed);
}
