// The C API (tscript_c.h).
#include <catch2/catch.hpp>

#include <cstring>
#include <string>

#include "tscript/tscript_c.h"

TEST_CASE("C API: exec, globals and errors") {
  tscript_interp* i = tscript_create();
  REQUIRE(i != nullptr);
  REQUIRE(tscript_set_int(i, "n", 20) == 0);
  REQUIRE(tscript_set_float(i, "f", 0.5) == 0);
  REQUIRE(tscript_set_string(i, "s", "ab") == 0);
  REQUIRE(tscript_exec(i, "r = n * 2 + 2\ng = f * 3\nt = s * 2\n", "c.py") == 0);
  int64_t r = 0;
  double g = 0;
  CHECK(tscript_get_int(i, "r", &r) == 0);
  CHECK(r == 42);
  CHECK(tscript_get_float(i, "g", &g) == 0);
  CHECK(g == 1.5);
  CHECK(std::string(tscript_get_string(i, "t")) == "abab");
  CHECK(std::strlen(tscript_last_error(i)) == 0);

  CHECK(tscript_exec(i, "def f():\n    raise ValueError('bad')\nf()\n", "c.py") == -1);
  CHECK(std::string(tscript_last_error_type(i)) == "ValueError");
  CHECK(std::string(tscript_last_error(i)).find("File \"c.py\", line 2, in f") != std::string::npos);
  CHECK(tscript_get_int(i, "t", &r) == -1);
  CHECK(std::string(tscript_last_error_type(i)) == "TypeError");
  CHECK(tscript_get_string(i, "missing") == nullptr);
  CHECK(std::string(tscript_last_error_type(i)) == "NameError");

  tscript_set_instruction_limit(i, 10000);
  CHECK(tscript_exec(i, "while True: pass", nullptr) == -1);
  CHECK(std::string(tscript_last_error_type(i)) == "ExecutionLimitExceeded");
  tscript_destroy(i);
}
