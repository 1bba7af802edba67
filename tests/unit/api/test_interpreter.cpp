// Embedding API: running code, globals and their conversions, calls, print sinks,
// independent interpreters (also on two threads).
#include <catch2/catch.hpp>

#include <thread>

#include "tscript/interpreter.h"

using tscript::Handle;
using tscript::Interpreter;

TEST_CASE("exec, eval and globals") {
  Interpreter interp;
  interp.exec("x = 6 * 7\ndef twice(v):\n    return v * 2\n");
  CHECK(interp.get<int64_t>("x") == 42);
  CHECK(interp.eval<int64_t>("x + 1") == 43);
  CHECK(interp.eval<std::string>("'a' + 'b'  # a comment") == "ab");
  CHECK_FALSE(interp.has("__tscript_eval_result__"));
  CHECK(interp.call<int64_t>("twice", 21) == 42);
  CHECK(interp.call<std::string>("twice", std::string("ab")) == "abab");
}

TEST_CASE("conversions both ways") {
  Interpreter interp;
  interp.set("b", true);
  interp.set("i", int64_t{-5});
  interp.set("d", 2.5);
  interp.set("s", std::string("héllo"));
  interp.set("v", std::vector<int>{1, 2, 3});
  interp.set("m", std::map<std::string, double>{{"a", 1.5}, {"b", 2.0}});
  interp.set("nested", std::vector<std::vector<std::string>>{{"x"}, {"y", "z"}});
  interp.exec(
      "assert b is True and i == -5 and d == 2.5 and s == 'héllo'\n"
      "assert v == [1, 2, 3] and m == {'a': 1.5, 'b': 2.0}\n"
      "assert nested == [['x'], ['y', 'z']]\n"
      "t = (4, 5)\n"
      "o = None\n");
  CHECK(interp.get<std::vector<int64_t>>("t") == std::vector<int64_t>{4, 5});
  CHECK(interp.get<std::map<std::string, double>>("m").at("a") == 1.5);
  CHECK(interp.get<double>("i") == -5.0);  // an int converts to double
  CHECK_FALSE(interp.get<std::optional<int>>("o").has_value());
  CHECK(interp.get<std::optional<int>>("i") == -5);
  CHECK(interp.get("s").type_name() == "str");
  CHECK(interp.eval("[1, 'a']").repr() == "[1, 'a']");

  SECTION("a wrong type is a TypeError") {
    try {
      interp.get<int64_t>("s");
      FAIL("no exception");
    } catch (const tscript::Error& e) {
      CHECK(e.type() == "TypeError");
      CHECK(e.message() == "expected int, got 'str'");
    }
  }
  SECTION("an int that does not fit is an OverflowError") {
    interp.exec("big = 1 << 40");
    CHECK_THROWS_AS(interp.get<int32_t>("big"), tscript::Error);
    CHECK(interp.get<int64_t>("big") == (int64_t{1} << 40));
  }
  SECTION("an unbound name is a NameError") {
    CHECK_THROWS_WITH(interp.get("nope"), "NameError: name 'nope' is not defined");
  }
}

TEST_CASE("calls with keyword arguments and handles") {
  Interpreter interp;
  interp.exec(
      "class Acc:\n"
      "    def __init__(self, start=0):\n"
      "        self.total = start\n"
      "    def add(self, v, times=1):\n"
      "        self.total += v * times\n"
      "        return self.total\n"
      "acc = Acc(10)\n");
  Handle add = interp.attr(interp.get("acc"), "add");
  CHECK(interp.call<int64_t>(add, 1) == 11);
  CHECK(interp.call_handle(add, {tscript::to_handle(2)}, {{"times", tscript::to_handle(3)}}).as<int64_t>() == 17);
  CHECK(interp.attr(interp.get("acc"), "total").as<int64_t>() == 17);
}

TEST_CASE("print goes to the host's sink") {
  std::string out, err;
  tscript::Options o;
  o.write_stdout = [&](std::string_view s) { out += s; };
  o.write_stderr = [&](std::string_view s) { err += s; };
  Interpreter interp(std::move(o));
  interp.exec("print('hello', 42)\nimport sys\n");
  CHECK(out == "hello 42\n");
}

TEST_CASE("warnings go to stderr once per location, as Python's default action") {
  std::string err;
  tscript::Options o;
  o.write_stderr = [&](std::string_view s) { err += s; };
  Interpreter interp(std::move(o));
  interp.exec("import torch\nh = torch.ones(2, requires_grad=True) * 2\nfor i in range(3):\n    g = h.grad\nh.grad\n",
              "w.py");
  const std::string head = "w.py:4: UserWarning: The .grad attribute of a Tensor that is not a leaf Tensor is being";
  CHECK(err.find(head) == 0);
  CHECK(err.find("\n  g = h.grad\n") != std::string::npos);
  CHECK(err.find("w.py:5: UserWarning") != std::string::npos);
  CHECK(err.find(head, 1) == std::string::npos);  // the loop warned once
}

TEST_CASE("syntax errors and tracebacks reach the host") {
  Interpreter interp;
  try {
    interp.exec("def f():\n    return 1 / 0\nf()\n", "calc.py");
    FAIL("no exception");
  } catch (const tscript::Error& e) {
    CHECK(e.type() == "ZeroDivisionError");
    CHECK(e.message() == "division by zero");
    CHECK(e.traceback().find("File \"calc.py\", line 2, in f") != std::string::npos);
    CHECK(e.traceback().find("ZeroDivisionError: division by zero") != std::string::npos);
  }
  CHECK_THROWS_WITH(interp.exec("x = = 1"), Catch::Matchers::StartsWith("SyntaxError"));
  CHECK_THROWS_AS(interp.eval("x = 1"), tscript::Error);  // a statement is no expression
}

TEST_CASE("interpreters have separate globals and modules") {
  Interpreter a, b;
  a.exec("x = 'a'\nimport math\nmath.marker = 1");
  b.exec("x = 'b'\nimport math");
  CHECK(a.get<std::string>("x") == "a");
  CHECK(b.get<std::string>("x") == "b");
  CHECK(a.eval<bool>("hasattr(math, 'marker')"));
  CHECK_FALSE(b.eval<bool>("hasattr(math, 'marker')"));
}

TEST_CASE("two interpreters on two threads") {
  auto work = [](int64_t seed, int64_t& result) {
    Interpreter interp;
    interp.set("seed", seed);
    interp.exec(
        "def collatz_steps(n):\n"
        "    steps = 0\n"
        "    while n != 1:\n"
        "        n = n // 2 if n % 2 == 0 else 3 * n + 1\n"
        "        steps += 1\n"
        "    return steps\n"
        "total = sum(collatz_steps(seed + k) for k in range(1, 3000))\n"
        "names = {str(k): [k] * 3 for k in range(200)}\n");
    result = interp.get<int64_t>("total") + static_cast<int64_t>(interp.get<std::map<std::string, std::vector<int64_t>>>("names").size());
  };
  int64_t r1 = 0, r2 = 0, s1 = 0, s2 = 0;
  work(0, s1);
  work(1000, s2);
  std::thread t1(work, 0, std::ref(r1));
  std::thread t2(work, 1000, std::ref(r2));
  t1.join();
  t2.join();
  CHECK(r1 == s1);
  CHECK(r2 == s2);
  CHECK(r1 != r2);
}
