// Embedding API: C++ functions and modules bound from signature strings, and exceptions
// crossing the boundary both ways.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "tscript/interpreter.h"

using tscript::Interpreter;

TEST_CASE("typed functions with defaults and keywords") {
  Interpreter interp;
  interp.def("add(a, b=1)", [](int64_t a, int64_t b) { return a + b; });
  interp.def("greet(name, *, punct='!')", [](const std::string& n, const std::string& p) { return "hi " + n + p; });
  interp.def("total(xs)", [](const std::vector<double>& xs) {
    double s = 0;
    for (double x : xs) s += x;
    return s;
  });
  interp.def("nothing()", [] {});
  interp.exec(
      "assert add(2) == 3\n"
      "assert add(2, 5) == 7\n"
      "assert add(b=10, a=1) == 11\n"
      "assert greet('bo') == 'hi bo!'\n"
      "assert greet('bo', punct='?') == 'hi bo?'\n"
      "assert total([1, 2.5, 3]) == 6.5\n"
      "assert nothing() is None\n");
  CHECK_THROWS_WITH(interp.exec("add()"), Catch::Matchers::Contains("missing 1 required positional argument: 'a'"));
  CHECK_THROWS_WITH(interp.exec("add('x')"), "TypeError: expected int, got 'str'");
}

TEST_CASE("a signature must match the function") {
  Interpreter interp;
  CHECK_THROWS_AS(interp.def("f(a, b)", [](int a) { return a; }), std::invalid_argument);
  CHECK_THROWS_AS(interp.def("no parentheses", [] {}), std::invalid_argument);
}

TEST_CASE("native modules") {
  Interpreter interp;
  interp.module("geometry")
      .def("area(w, h=1.0)", [](double w, double h) { return w * h; })
      .set("unit", std::string("m"));
  interp.exec("import geometry\nfrom geometry import area\nr = (geometry.area(2.0, 3.0), area(4), geometry.unit)\n");
  CHECK(interp.eval<double>("r[0]") == 6.0);
  CHECK(interp.eval<double>("r[1]") == 4.0);
  CHECK(interp.eval<std::string>("r[2]") == "m");
}

TEST_CASE("exception round trip C++ -> script -> C++") {
  Interpreter interp;
  interp.def("check_positive(x)", [](double x) {
    if (x < 0) throw tscript::Error("ValueError", "x must be positive, got " + std::to_string(static_cast<int>(x)));
    return x;
  });
  interp.def("lookup(i)", [](int64_t i) { return std::vector<int>{1, 2}.at(static_cast<size_t>(i)); });
  interp.def("custom()", []() -> int { throw tscript::Error("SolverError", "diverged"); });

  SECTION("the script catches a host exception as its Python class") {
    interp.exec(
        "try:\n"
        "    check_positive(-3)\n"
        "except ValueError as e:\n"
        "    caught = str(e)\n");
    CHECK(interp.get<std::string>("caught") == "x must be positive, got -3");
  }
  SECTION("uncaught, it comes back to the host with the script's traceback") {
    try {
      interp.exec("def run():\n    return check_positive(-1)\nrun()\n", "model.py");
      FAIL("no exception");
    } catch (const tscript::Error& e) {
      CHECK(e.type() == "ValueError");
      CHECK(e.message() == "x must be positive, got -1");
      CHECK(e.traceback().find("File \"model.py\", line 2, in run") != std::string::npos);
    }
  }
  SECTION("standard C++ exceptions and unknown type names") {
    CHECK_THROWS_WITH(interp.exec("lookup(5)"), Catch::Matchers::StartsWith("RuntimeError"));
    CHECK_THROWS_WITH(interp.exec("custom()"), "RuntimeError: SolverError: diverged");
  }
  SECTION("a script exception raised inside a callback passes through") {
    interp.def("call_back(f)", [&interp](tscript::Handle f) { return interp.call<int64_t>(f, 2); });
    interp.exec(
        "def bad(v):\n"
        "    raise KeyError(v)\n"
        "try:\n"
        "    call_back(bad)\n"
        "except KeyError as e:\n"
        "    key = e.args[0]\n"
        "ok = call_back(lambda v: v * 10)\n");
    CHECK(interp.get<int64_t>("key") == 2);
    CHECK(interp.get<int64_t>("ok") == 20);
  }
}
