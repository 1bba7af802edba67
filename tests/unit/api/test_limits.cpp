// Embedding API: instruction budgets, time limits and interrupt() from another thread.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include "api_test_support.h"
#include "tscript/interpreter.h"

using api_test::error_type_of;
using tscript::Interpreter;

TEST_CASE("an instruction budget stops a runaway loop") {
  Interpreter interp;
  interp.set_limits({.max_instructions = 100000});
  CHECK(error_type_of(interp, "while True: pass") == "ExecutionLimitExceeded");
  SECTION("and recursion without loops") {
    CHECK(error_type_of(interp, "def f(n):\n    return n if n < 1 else f(n - 1) + f(n - 1)\nf(40)") ==
          "ExecutionLimitExceeded");
  }
  SECTION("`except Exception` does not swallow it, and catching BaseException does not get past it") {
    CHECK(error_type_of(interp, "try:\n    while True: pass\nexcept Exception:\n    pass\n") == "ExecutionLimitExceeded");
    CHECK(error_type_of(interp,
                        "while True:\n"
                        "    try:\n"
                        "        while True: pass\n"
                        "    except BaseException:\n"
                        "        pass\n") == "ExecutionLimitExceeded");
  }
  SECTION("each call gets the budget afresh, and work within it completes") {
    interp.exec("n = 0\nfor i in range(50000):\n    n += 1\n");
    interp.exec("for i in range(50000):\n    n += 1\n");
    CHECK(interp.get<int64_t>("n") == 100000);
  }
}

TEST_CASE("a time limit stops a runaway loop") {
  Interpreter interp;
  interp.set_limits({.timeout = std::chrono::milliseconds(50)});
  auto start = std::chrono::steady_clock::now();
  CHECK(error_type_of(interp, "while True: pass") == "ExecutionLimitExceeded");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("interrupt() from another thread stops a runaway loop") {
  Interpreter interp;
  std::atomic<bool> started{false};
  interp.def("started()", [&] { started = true; });
  std::thread stopper([&] {
    while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    interp.interrupt();
  });
  CHECK(error_type_of(interp, "started()\nwhile True: pass") == "KeyboardInterrupt");
  stopper.join();
  // The interpreter stays usable.
  interp.exec("x = 1");
  CHECK(interp.get<int64_t>("x") == 1);
}

TEST_CASE("a cap on tensor memory stops allocations past it, and freeing makes room") {
  tscript::Interpreter interp;
  tscript::Limits limits;
  limits.max_tensor_bytes = 4 << 20;  // 4 MiB
  interp.set_limits(limits);
  interp.exec("import torch\nsmall = torch.zeros(1000)\n");  // 4 kB
  try {
    interp.exec("big = torch.zeros(2000000)\n");  // 8 MB
    FAIL("no exception");
  } catch (const tscript::Error& e) {
    CHECK(e.type() == "RuntimeError");
    CHECK(e.message().find("tensor memory cap exceeded") != std::string::npos);
  }
  // Within the cap, repeatedly: at most three 800 kB tensors live at once.
  interp.exec("for i in range(20):\n    t = torch.ones(200000) * 2\n");
  interp.exec("del t\nroom = [torch.zeros(200000) for _ in range(4)]\n");  // 3.2 MB
  CHECK_THROWS_AS(interp.exec("more = torch.zeros(300000)\n"), tscript::Error);  // +1.2 MB
  interp.exec("room = None\nmore = torch.zeros(300000)\n");
  CHECK(interp.eval<int64_t>("more.numel()") == 300000);
}
