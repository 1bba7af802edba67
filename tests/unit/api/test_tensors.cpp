// Embedding API: tensors cross the boundary without copies.
#include <catch2/catch.hpp>

#include "runtime/ops/ops.h"
#include "tscript/interpreter.h"

using tscript::Interpreter;
namespace rt = tscript::rt;

TEST_CASE("a host buffer becomes a script tensor without a copy") {
  float buf[6] = {1, 2, 3, 4, 5, 6};
  bool freed = false;
  {
    Interpreter interp;
    interp.set("x", rt::from_blob(buf, {2, 3}, rt::DType::Float32, [&](void*) { freed = true; }));
    interp.exec(
        "import torch\n"
        "assert x.shape == (2, 3) and x.dtype == torch.float32\n"
        "x.mul_(10)\n"
        "x[1, 2] = -1\n"
        "s = x.sum().item()\n");
    CHECK(buf[0] == 10.0f);
    CHECK(buf[4] == 50.0f);
    CHECK(buf[5] == -1.0f);
    CHECK(interp.get<double>("s") == Approx(149.0));
    // The tensor the host reads back is the same memory.
    rt::Tensor back = interp.get<rt::Tensor>("x");
    CHECK(back.data_ptr() == static_cast<void*>(buf));
    CHECK_FALSE(freed);
  }
  CHECK(freed);  // the deleter runs once the last reference is gone
}

TEST_CASE("strided host memory and script tensors read from the host") {
  double buf[6] = {0, 1, 2, 3, 4, 5};
  Interpreter interp;
  // The transpose of a 2x3 row-major matrix.
  std::vector<int64_t> strides{1, 3};
  interp.set("t", rt::from_blob(buf, {3, 2}, rt::DType::Float64, {}, rt::IntArrayRef(strides)));
  interp.exec("import torch\nrow = t[1].tolist()\ny = torch.arange(12, dtype=torch.int32).reshape(3, 4)[:, 1:]\n");
  CHECK(interp.get<std::vector<double>>("row") == std::vector<double>{1, 4});
  rt::Tensor y = interp.get<rt::Tensor>("y");
  CHECK(y.dtype() == rt::DType::Int32);
  CHECK(std::vector<int64_t>(y.sizes().begin(), y.sizes().end()) == std::vector<int64_t>{3, 3});
  CHECK(std::vector<int64_t>(y.strides().begin(), y.strides().end()) == std::vector<int64_t>{4, 1});
  CHECK(static_cast<const int32_t*>(y.data_ptr())[0] == 1);
  // The script sees the host's writes to its tensor.
  static_cast<int32_t*>(y.data_ptr())[0] = 100;
  CHECK(interp.eval<int64_t>("int(y[0, 0])") == 100);
}

TEST_CASE("tensors in containers and function results") {
  Interpreter interp;
  interp.exec("import torch\ndef split(t):\n    return [t[:2], t[2:]]\n");
  rt::Tensor t = rt::arange(5);
  auto parts = interp.call<std::vector<rt::Tensor>>("split", t);
  REQUIRE(parts.size() == 2);
  CHECK(parts[1].numel() == 3);
  CHECK(parts[1].data_ptr() == static_cast<char*>(t.data_ptr()) + 2 * sizeof(int64_t));
}
