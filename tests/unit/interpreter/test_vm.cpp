// VM and compiler tests: run source in a fresh interpreter and check what it prints,
// the exceptions it raises (type, message, traceback) and the bytecode it compiles to.
#include <catch2/catch.hpp>

#include <string>

#include "interpreter/compiler/compiler.h"
#include "interpreter/front/parser.h"
#include "interpreter/objects/protocol.h"
#include "interpreter/vm/vm.h"

using namespace tscript;

namespace {

struct Result {
  std::string out;
  std::string error_type;  // empty when no exception escaped
  std::string error_message;
  std::string traceback;
};

Result run(const std::string& src) {
  VM vm;
  set_current_vm(&vm);
  Result r;
  vm.write_stdout = [&](const std::string& s) { r.out += s; };
  try {
    vm.exec_module(src, "<test>", "__main__");
  } catch (ScriptError& e) {
    r.error_type = type_of(e.exc)->name;
    r.error_message = exception_message(e.exc);
    r.traceback = vm.format_exception(e.exc);
  }
  set_current_vm(nullptr);
  return r;
}

std::string out(const std::string& src) {
  Result r = run(src);
  INFO(r.traceback);
  CHECK(r.error_type.empty());
  return r.out;
}

}  // namespace

TEST_CASE("arithmetic follows Python's rules", "[vm]") {
  CHECK(out("print(7 // -2, -7 % 3, 2 ** -1, -2 ** 2, 7 / 2)") == "-4 2 0.5 -4 3.5\n");
  CHECK(out("print(0.1 + 0.2, 1e16, 1e-5, -0.0, 2.5 // 1)") == "0.30000000000000004 1e+16 1e-05 -0.0 2.0\n");
  CHECK(out("print(-2 ** 63, 2 ** 62 + (2 ** 62 - 1))") == "-9223372036854775808 9223372036854775807\n");
  CHECK(out("print(True + True, 3 == 3.0, 1 < 2 < 3, 1 < 3 < 2)") == "2 True True False\n");
}

TEST_CASE("64-bit integer overflow raises OverflowError", "[vm]") {
  CHECK(run("x = 2 ** 62\nx * 4").error_type == "OverflowError");
  CHECK(run("x = 9223372036854775807\nx + 1").error_type == "OverflowError");
  CHECK(run("x = 2\nx ** 64").error_type == "OverflowError");
}

TEST_CASE("closures, nonlocal and global", "[vm]") {
  CHECK(out(R"(
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter()
c(); c()
print(c())
g = 1
def setg():
    global g
    g = 5
setg()
print(g)
fs = [lambda x, k=k: x * k for k in range(3)]
print([f(10) for f in fs])
)") == "3\n5\n[0, 10, 20]\n");
}

TEST_CASE("try/except/else/finally run in Python's order", "[vm]") {
  CHECK(out(R"(
def f(x):
    try:
        if x: raise ValueError("v")
        print("body")
    except ValueError as e:
        print("except", e)
        return "from-except"
    else:
        print("else")
    finally:
        print("finally")
    return "end"
print(f(0))
print(f(1))
for i in range(3):
    try:
        if i == 1: continue
        if i == 2: break
    finally:
        print("fin", i)
)") == "body\nelse\nfinally\nend\nexcept v\nfinally\nfrom-except\nfin 0\nfin 1\nfin 2\n");
}

TEST_CASE("exceptions chain with __context__ and __cause__", "[vm]") {
  Result r = run(R"(
try:
    {}["k"]
except KeyError as e:
    raise ValueError("bad") from e
)");
  CHECK(r.error_type == "ValueError");
  CHECK(r.traceback.find("KeyError: 'k'") != std::string::npos);
  CHECK(r.traceback.find("The above exception was the direct cause") != std::string::npos);
  Result c = run("try:\n    1/0\nexcept ZeroDivisionError:\n    undefined_name\n");
  CHECK(c.error_type == "NameError");
  CHECK(c.traceback.find("During handling of the above exception") != std::string::npos);
}

TEST_CASE("tracebacks name file, line, function and source line", "[vm]") {
  Result r = run("def inner():\n    return 1 / 0\n\ndef outer():\n    return inner()\n\nouter()\n");
  CHECK(r.error_type == "ZeroDivisionError");
  CHECK(r.traceback ==
        "Traceback (most recent call last):\n"
        "  File \"<test>\", line 7, in <module>\n"
        "    outer()\n"
        "  File \"<test>\", line 5, in outer\n"
        "    return inner()\n"
        "  File \"<test>\", line 2, in inner\n"
        "    return 1 / 0\n"
        "ZeroDivisionError: division by zero\n");
}

TEST_CASE("call errors use CPython's wording", "[vm]") {
  CHECK(run("def f(x): pass\nf()").error_message == "f() missing 1 required positional argument: 'x'");
  CHECK(run("def f(x): pass\nf(1, 2)").error_message == "f() takes 1 positional argument but 2 were given");
  CHECK(run("def f(x): pass\nf(1, y=2)").error_message == "f() got an unexpected keyword argument 'y'");
  CHECK(run("def f(x): pass\nf(1, x=2)").error_message == "f() got multiple values for argument 'x'");
  CHECK(run("def f(*, k): pass\nf()").error_message == "f() missing 1 required keyword-only argument: 'k'");
  CHECK(run("class A:\n    def m(self, a, b): pass\nA().m()").error_message ==
        "A.m() missing 2 required positional arguments: 'a' and 'b'");
  CHECK(run("x = 1\nx()").error_message == "'int' object is not callable");
  CHECK(run("1 + 'a'").error_message == "unsupported operand type(s) for +: 'int' and 'str'");
  CHECK(run("print(undefined)").error_message == "name 'undefined' is not defined");
  CHECK(run("def f():\n    print(y)\n    y = 1\nf()").error_type == "UnboundLocalError");
}

TEST_CASE("generators suspend and resume", "[vm]") {
  CHECK(out(R"(
def gen(n):
    for i in range(n):
        got = yield i
        if got: print("got", got)
    return "done"
g = gen(3)
print(next(g), g.send("x"))
print(list(gen(4)), sum(x * x for x in range(4)))
def outer():
    r = yield from gen(2)
    yield r
print(list(outer()))
)") == "got x\n0 1\n[0, 1, 2, 3] 14\n[0, 1, 'done']\n");
}

TEST_CASE("unpacking and starred assignment", "[vm]") {
  CHECK(out("a, *b, c = range(5)\nprint(a, b, c)\n(x, y), z = (1, 2), 3\nprint(x, y, z)") ==
        "0 [1, 2, 3] 4\n1 2 3\n");
  CHECK(run("a, b = [1, 2, 3]").error_message == "too many values to unpack (expected 2, got 3)");
  CHECK(run("a, b, c = [1, 2]").error_message == "not enough values to unpack (expected 3, got 2)");
  CHECK(run("a, b = 5").error_message == "cannot unpack non-iterable int object");
}

TEST_CASE("deep recursion raises RecursionError instead of crashing", "[vm]") {
  Result r = run("def f(n):\n    return f(n + 1)\nf(0)");
  CHECK(r.error_type == "RecursionError");
}

TEST_CASE("syntax errors come out as SyntaxError exceptions", "[vm]") {
  Result r = run("if True\n    pass\n");
  CHECK(r.error_type == "SyntaxError");
  CHECK(r.traceback.find("expected ':'") != std::string::npos);
  CHECK(run("return 5").error_type == "SyntaxError");
  CHECK(run("break").error_message == "'break' outside loop");
}

TEST_CASE("the compiler emits an exception table and a correct stack depth", "[compiler]") {
  std::string src = "def f(a):\n    try:\n        return a[0]\n    except IndexError:\n        return None\n";
  auto tree = front::parse_module(src, "<t>");
  std::vector<std::string> lines = {"def f(a):", "    try:", "        return a[0]",
                                    "    except IndexError:", "        return None"};
  VM vm;
  set_current_vm(&vm);
  Ref<Code> code = compile_module(tree, "<t>", lines);
  std::string dis = disassemble(*code);
  CHECK(dis.find("handler [") != std::string::npos);
  CHECK(dis.find("CHECK_EXC_MATCH") != std::string::npos);
  CHECK(dis.find("PUSH_EXC_INFO") != std::string::npos);
  Code* f = nullptr;
  for (auto& c : code->consts)
    if (auto* x = c.as<Code>()) f = x;
  REQUIRE(f != nullptr);
  CHECK(f->stacksize >= 3);
  CHECK(f->sig.argcount == 1);
  CHECK(f->simple_call);
  set_current_vm(nullptr);
}

TEST_CASE("constant folding keeps -2**63 representable", "[compiler]") {
  CHECK(out("print(-2 ** 63, -(2 ** 63), 2 ** 10)") == "-9223372036854775808 -9223372036854775808 1024\n");
}

TEST_CASE("two interpreters keep separate globals", "[vm]") {
  VM a, b;
  std::string out_a, out_b;
  a.write_stdout = [&](const std::string& s) { out_a += s; };
  b.write_stdout = [&](const std::string& s) { out_b += s; };
  set_current_vm(&a);
  a.exec_module("x = 1", "<a>", "__main__");
  set_current_vm(&b);
  b.exec_module("x = 2", "<b>", "__main__");
  set_current_vm(&a);
  a.exec_module("print(x)", "<a>", "__main__", Ref<Dict>(a.modules->get(str("__main__")).as<Module>()->dict));
  set_current_vm(&b);
  b.exec_module("print(x)", "<b>", "__main__", Ref<Dict>(b.modules->get(str("__main__")).as<Module>()->dict));
  set_current_vm(nullptr);
  CHECK(out_a == "1\n");
  CHECK(out_b == "2\n");
}
