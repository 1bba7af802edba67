// Python's layout rules: INDENT / DEDENT / NEWLINE from the layout filter, and the AST of
// layout-heavy sources checked against CPython 3.11 (expected dumps generated with
// tests/unit/front/cpython_ast_dump.py --positions --lines).
#include <catch2/catch.hpp>

#include "ast_dump.h"
#include "interpreter/front/front_internal.h"
#include "interpreter/front/parser.h"

using namespace tscript;

namespace {

struct AstCase {
  const char* name;
  const char* source;
  bool positions;
  const char* expected;
};

// The filtered token stream: symbolic names, with line:col for layout tokens.
std::string tokens(const std::string& text) {
  front::Source src(text, "t.py");
  front::ByteInputStream input(src.text());
  grammar::TScriptLexer lexer(&input);
  front::LayoutTokenSource layout(lexer, src, src.text().size(), false);
  std::string out;
  for (;;) {
    auto t = layout.nextToken();
    size_t type = t->getType();
    if (!out.empty()) out += ' ';
    if (type == antlr4::Token::EOF) {
      out += "EOF";
      break;
    }
    out += lexer.getVocabulary().getSymbolicName(type);
    if (type == grammar::TScriptLexer::INDENT || type == grammar::TScriptLexer::DEDENT ||
        type == grammar::TScriptLexer::NEWLINE)
      out += "@" + std::to_string(t->getLine()) + ":" + std::to_string(t->getCharPositionInLine());
  }
  return out;
}

// Generated from CPython 3.11 with tests/unit/front/cpython_ast_dump.py (--lines).
const AstCase kLayoutCases[] = {
    {"nested blocks and dedent of several levels at once",
     "def f(x):\n    if x:\n        for i in x:\n            if i:\n                y = 1\n    return 2\nz = 3\n",
     true,
     "FunctionDef@1:0-6:12(name='f', args=arguments(posonlyargs=[], args=[arg@1:6-1:7(arg='x')], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]), body=[If@2:4-5:21(test=Name@2:7-2:8(id='x'), body=[For@3:8-5:21(target=Name@3:12-3:13(id='i'), iter=Name@3:17-3:18(id='x'), body=[If@4:12-5:21(test=Name@4:15-4:16(id='i'), body=[Assign@5:16-5:21(targets=[Name@5:16-5:17(id='y')], value=Constant@5:20-5:21(1))], orelse=[])], orelse=[])], orelse=[]), Return@6:4-6:12(value=Constant@6:11-6:12(2))], decorator_list=[])\nAssign@7:0-7:5(targets=[Name@7:0-7:1(id='z')], value=Constant@7:4-7:5(3))\n"},
    {"blank lines, whitespace-only lines and comments inside blocks",
     "if a:\n    x = 1\n\n    \n        # deeper comment\n# column-0 comment\n    y = 2\n\t\n    z = 3\n",
     true,
     "If@1:0-9:9(test=Name@1:3-1:4(id='a'), body=[Assign@2:4-2:9(targets=[Name@2:4-2:5(id='x')], value=Constant@2:8-2:9(1)), Assign@7:4-7:9(targets=[Name@7:4-7:5(id='y')], value=Constant@7:8-7:9(2)), Assign@9:4-9:9(targets=[Name@9:4-9:5(id='z')], value=Constant@9:8-9:9(3))], orelse=[])\n"},
    {"brackets spanning lines ignore indentation",
     "x = [1,\n        2,\n  3]\ny = {\n'a': (1,\n   2),\n      }\ndef f(a,\n b):\n    return (a +\nb)\n",
     true,
     "Assign@1:0-3:4(targets=[Name@1:0-1:1(id='x')], value=List@1:4-3:4(elts=[Constant@1:5-1:6(1), Constant@2:8-2:9(2), Constant@3:2-3:3(3)]))\nAssign@4:0-7:7(targets=[Name@4:0-4:1(id='y')], value=Dict@4:4-7:7(keys=[Constant@5:0-5:3('a')], values=[Tuple@5:5-6:5(elts=[Constant@5:6-5:7(1), Constant@6:3-6:4(2)])]))\nFunctionDef@8:0-11:2(name='f', args=arguments(posonlyargs=[], args=[arg@8:6-8:7(arg='a'), arg@9:1-9:2(arg='b')], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]), body=[Return@10:4-11:2(value=BinOp@10:12-11:1(left=Name@10:12-10:13(id='a'), op=Add, right=Name@11:0-11:1(id='b')))], decorator_list=[])\n"},
    {"backslash continuation",
     "x = 1 + \\\n    2\nif a and \\\n   b:\n    y = \\\n 3\n",
     true,
     "Assign@1:0-2:5(targets=[Name@1:0-1:1(id='x')], value=BinOp@1:4-2:5(left=Constant@1:4-1:5(1), op=Add, right=Constant@2:4-2:5(2)))\nIf@3:0-6:2(test=BoolOp@3:3-4:4(op=And, values=[Name@3:3-3:4(id='a'), Name@4:3-4:4(id='b')]), body=[Assign@5:4-6:2(targets=[Name@5:4-5:5(id='y')], value=Constant@6:1-6:2(3))], orelse=[])\n"},
    {"tabs: one tab equals eight columns when consistent",
     "if a:\n\tx = 1\n\tif b:\n\t\ty = 2\n\tz = 3\n",
     true,
     "If@1:0-5:6(test=Name@1:3-1:4(id='a'), body=[Assign@2:1-2:6(targets=[Name@2:1-2:2(id='x')], value=Constant@2:5-2:6(1)), If@3:1-4:7(test=Name@3:4-3:5(id='b'), body=[Assign@4:2-4:7(targets=[Name@4:2-4:3(id='y')], value=Constant@4:6-4:7(2))], orelse=[]), Assign@5:1-5:6(targets=[Name@5:1-5:2(id='z')], value=Constant@5:5-5:6(3))], orelse=[])\n"},
    {"no final newline",
     "if a:\n    x = 1",
     true,
     "If@1:0-2:9(test=Name@1:3-1:4(id='a'), body=[Assign@2:4-2:9(targets=[Name@2:4-2:5(id='x')], value=Constant@2:8-2:9(1))], orelse=[])\n"},
    {"no final newline after a comment",
     "x = 1\n# end",
     true,
     "Assign@1:0-1:5(targets=[Name@1:0-1:1(id='x')], value=Constant@1:4-1:5(1))\n"},
    {"CRLF line endings",
     "if a:\x0d""\n    x = 1\x0d""\n\x0d""\n    y = '''a\x0d""\nb'''\x0d""\nz = 2\x0d""\n",
     true,
     "If@1:0-5:4(test=Name@1:3-1:4(id='a'), body=[Assign@2:4-2:9(targets=[Name@2:4-2:5(id='x')], value=Constant@2:8-2:9(1)), Assign@4:4-5:4(targets=[Name@4:4-4:5(id='y')], value=Constant@4:8-5:4('a\\x0ab'))], orelse=[])\nAssign@6:0-6:5(targets=[Name@6:0-6:1(id='z')], value=Constant@6:4-6:5(2))\n"},
    {"form feed resets the indentation count",
     "x = 1\n\x0c""y = 2\nif a:\n  \x0c""  b = 1\n",
     true,
     "Assign@1:0-1:5(targets=[Name@1:0-1:1(id='x')], value=Constant@1:4-1:5(1))\nAssign@2:1-2:6(targets=[Name@2:1-2:2(id='y')], value=Constant@2:5-2:6(2))\nIf@3:0-4:10(test=Name@3:3-3:4(id='a'), body=[Assign@4:5-4:10(targets=[Name@4:5-4:6(id='b')], value=Constant@4:9-4:10(1))], orelse=[])\n"},
    {"semicolon-separated statements and one-line suites",
     "if a: b = 1; c = 2\nelse: d = 3\nwhile x: pass\n",
     true,
     "If@1:0-2:11(test=Name@1:3-1:4(id='a'), body=[Assign@1:6-1:11(targets=[Name@1:6-1:7(id='b')], value=Constant@1:10-1:11(1)), Assign@1:13-1:18(targets=[Name@1:13-1:14(id='c')], value=Constant@1:17-1:18(2))], orelse=[Assign@2:6-2:11(targets=[Name@2:6-2:7(id='d')], value=Constant@2:10-2:11(3))])\nWhile@3:0-3:13(test=Name@3:6-3:7(id='x'), body=[Pass@3:9-3:13()], orelse=[])\n"},
    {"comments after colons and trailing whitespace",
     "def f():   # comment\n    pass   \n\nclass A:  \n    x = 1  # c\n",
     true,
     "FunctionDef@1:0-2:8(name='f', args=arguments(posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]), body=[Pass@2:4-2:8()], decorator_list=[])\nClassDef@4:0-5:9(name='A', bases=[], keywords=[], body=[Assign@5:4-5:9(targets=[Name@5:4-5:5(id='x')], value=Constant@5:8-5:9(1))], decorator_list=[])\n"},
    {"empty input and comment-only input",
     "\n\n# nothing\n   \n",
     true,
     ""},
};

}  // namespace

TEST_CASE("layout: AST of layout-heavy sources matches CPython", "[front][layout]") {
  for (const AstCase& c : kLayoutCases) {
    INFO(c.name << "\n" << c.source);
    CHECK(ast_dump::dump(front::parse_module(c.source, "t.py"), c.positions, true) == c.expected);
  }
}

TEST_CASE("layout: INDENT, DEDENT and NEWLINE tokens", "[front][layout]") {
  SECTION("nested blocks, several DEDENTs at once, positioned at the next token") {
    CHECK(tokens("if a:\n  if b:\n    x\ny\n") ==
          "IF NAME COLON NEWLINE@1:5 INDENT@2:2 IF NAME COLON NEWLINE@2:7 INDENT@3:4 NAME NEWLINE@3:5 "
          "DEDENT@4:0 DEDENT@4:0 NAME NEWLINE@4:1 EOF");
  }
  SECTION("blank lines and comment lines produce nothing") {
    CHECK(tokens("x\n\n   \n  # c\n\t\ny\n") == "NAME NEWLINE@1:1 NAME NEWLINE@6:1 EOF");
  }
  SECTION("a NEWLINE after a comment starts at the '#'") {
    CHECK(tokens("x  # c\n") == "NAME NEWLINE@1:3 EOF");
  }
  SECTION("no NEWLINE inside brackets") {
    CHECK(tokens("f(1,\n  2)\n") ==
          "NAME OPEN_PAREN NUMBER COMMA NUMBER CLOSE_PAREN NEWLINE@2:4 EOF");
  }
  SECTION("backslash continuation joins lines") {
    CHECK(tokens("x = 1 + \\\n  2\n") == "NAME ASSIGN NUMBER ADD NUMBER NEWLINE@2:3 EOF");
  }
  SECTION("missing final newline: NEWLINE and DEDENTs are added at the end") {
    CHECK(tokens("if a:\n  b") == "IF NAME COLON NEWLINE@1:5 INDENT@2:2 NAME NEWLINE@2:3 DEDENT@2:3 EOF");
  }
  SECTION("CRLF and lone CR are newlines") {
    CHECK(tokens("a\r\nb\rc\r\n") == "NAME NEWLINE@1:1 NAME NEWLINE@2:1 NAME NEWLINE@3:1 EOF");
  }
  SECTION("keywords are retyped, soft keywords stay names") {
    CHECK(tokens("match = not None\n") == "NAME ASSIGN NOT NONE NEWLINE@1:16 EOF");
  }
  SECTION("empty input") { CHECK(tokens("") == "EOF"); }
}

TEST_CASE("layout: tabs count to the next multiple of eight", "[front][layout]") {
  // One tab and eight spaces are the same level when used consistently in a block...
  CHECK_NOTHROW(front::parse_module("if a:\n\tif b:\n\t\tx = 1\n\ty = 2\n", "t.py"));
  CHECK_NOTHROW(front::parse_module("if a:\n        x = 1\n        y = 2\n", "t.py"));
  // ...but mixing them in one block is a TabError.
  try {
    front::parse_module("if x:\n\ty = 1\n        z = 2\n", "t.py");
    FAIL("expected TabError");
  } catch (const front::SyntaxError& e) {
    CHECK(e.info().type == "TabError");
    CHECK(e.info().msg == "inconsistent use of tabs and spaces in indentation");
    CHECK(e.info().line == 3);
  }
}
