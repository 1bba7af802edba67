#include <catch2/catch.hpp>

#include "interpreter/front/parser.h"
#include "ast_dump.h"

using namespace tscript;

TEST_CASE("front: smoke", "[front]") {
  auto m = front::parse_module("x = 1 + 2\n", "t.py");
  CHECK(ast_dump::dump(m) == "Module(body=[Assign(targets=[Name(id='x')], value=BinOp(left=Constant(1), op=Add, right=Constant(2)))])");
}
