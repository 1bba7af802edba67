// The REPL's "incomplete input" flag, nesting limits, and arbitrary bytes: every input ends
// in an AST or a SyntaxError, never a crash.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "interpreter/front/parser.h"

using namespace tscript;

namespace {

// "ok", or the error type and message.
std::string outcome(const std::string& src, bool* incomplete = nullptr) {
  try {
    front::parse_module(src, "<stdin>");
    if (incomplete) *incomplete = false;
    return "ok";
  } catch (const front::SyntaxError& e) {
    if (incomplete) *incomplete = e.info().incomplete;
    return e.info().type + ": " + e.info().msg;
  }
}

bool incomplete(const std::string& src) {
  bool inc = false;
  outcome(src, &inc);
  return inc;
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("robustness: incomplete input for the REPL", "[front][robustness]") {
  // Input that simply stopped too early.
  CHECK(incomplete("if x:\n"));
  CHECK(incomplete("if x:"));
  CHECK(incomplete("def f(a,\n"));
  CHECK(incomplete("x = [1, 2,\n"));
  CHECK(incomplete("s = '''abc\n"));
  CHECK(incomplete("x = 1 + \\\n"));
  CHECK(incomplete("try:\n    pass\n"));
  CHECK(incomplete("if x:\n    pass\nelse:\n"));
  CHECK(incomplete("@decorator\n"));
  CHECK(incomplete("class A:\n    def f(self):\n"));
  // Complete statements and real errors.
  CHECK_FALSE(incomplete("x = 1\n"));
  CHECK_FALSE(incomplete("if x:\n    pass\n"));
  CHECK_FALSE(incomplete("x = 1 +\n"));
  CHECK_FALSE(incomplete("x = )\n"));
  CHECK_FALSE(incomplete("s = 'abc\n"));
  CHECK_FALSE(incomplete("if x\n"));
  CHECK_FALSE(incomplete("if x:\npass\n"));
}

TEST_CASE("robustness: nesting limits give SyntaxErrors", "[front][robustness]") {
  CHECK(outcome(repeat("(", 199) + "1" + repeat(")", 199)) == "ok");
  CHECK(outcome("f" + repeat("(f", 150) + repeat(")", 150)) == "ok");
  CHECK(outcome(repeat("(", 201) + repeat(")", 201)) == "SyntaxError: too many nested parentheses");
  CHECK(outcome("x = " + repeat("[", 100000)) == "SyntaxError: too many nested parentheses");
  CHECK(outcome(repeat("-", 100000) + "x") == "SyntaxError: maximum recursion depth exceeded during compilation");
  CHECK(outcome(repeat("not ", 100000) + "x") ==
        "SyntaxError: maximum recursion depth exceeded during compilation");
  CHECK(outcome("x" + repeat("**x", 100000)) == "SyntaxError: maximum recursion depth exceeded during compilation");
  CHECK(outcome("x = 1" + repeat(" + 1", 100000)) ==
        "SyntaxError: maximum recursion depth exceeded during compilation");
  CHECK(outcome("x" + repeat(".a", 100000)) == "SyntaxError: maximum recursion depth exceeded during compilation");
  CHECK(outcome(repeat("lambda: ", 100000) + "1") ==
        "SyntaxError: maximum recursion depth exceeded during compilation");
  CHECK(outcome("x = 1" + repeat(" + 1", 500)) == "ok");
  std::string deep;
  for (int i = 0; i < 120; ++i) deep += std::string(i, ' ') + "if x:\n";
  deep += std::string(120, ' ') + "pass\n";
  CHECK(outcome(deep) == "IndentationError: too many levels of indentation");
  std::string elifs = "if x: pass\n";
  for (int i = 0; i < 10000; ++i) elifs += "elif x: pass\n";
  CHECK(outcome(elifs) == "SyntaxError: maximum recursion depth exceeded during compilation");
}

TEST_CASE("robustness: random bytes and token soup never crash", "[front][robustness]") {
  std::mt19937 rng(12345);
  const std::vector<std::string> pieces = {
      "(", ")", "[", "]", "{", "}", ":", ";", ",", ".", "=", "+", "-", "*", "**", "/", "\\", "'", "\"",
      "'''", "\"\"\"", "#", "\n", "\r\n", "\t", " ", "    ", "if ", "else", "elif ", "for ", " in ", "def ",
      "class ", "lambda", "yield", "return", "not ", "f'", "f\"{", "}", "!r", "x", "y1", "0x", "1_0", "1e",
      "3.5", "@", "$", "?", "!", "`", "\x01", "\xc3\xa9", "\xe2\x82\xac", "\xff", std::string(1, '\0')};
  for (int i = 0; i < 3000; ++i) {
    std::string src;
    int n = 1 + static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) src += pieces[rng() % pieces.size()];
    std::string r = outcome(src);
    CHECK(!r.empty());
  }
  for (int i = 0; i < 1000; ++i) {
    std::string src;
    int n = static_cast<int>(rng() % 200);
    for (int k = 0; k < n; ++k) src += static_cast<char>(rng() & 0xFF);
    CHECK(!outcome(src).empty());
  }
}
