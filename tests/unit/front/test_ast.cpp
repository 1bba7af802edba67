// AST shape and positions for every construct, checked against CPython 3.11: the expected
// dumps below were produced by tests/unit/front/cpython_ast_dump.py from CPython's own
// ast module (fields tscript does not keep are left out).
#include <catch2/catch.hpp>

#include "ast_dump.h"
#include "interpreter/front/parser.h"

using namespace tscript;

namespace {

struct AstCase {
  const char* name;
  const char* source;
  bool positions;
  const char* expected;
};

std::string dump_lines(const std::string& src, bool positions) {
  auto m = front::parse_module(src, "t.py");
  return ast_dump::dump(m, positions, true);
}

// Generated from CPython 3.11 with tests/unit/front/cpython_ast_dump.py (--lines).
const AstCase kAstCases[] = {
    {"int literals",
     "x = 0x1F + 0o17 + 0b1010 + 1_000 + 00 + 9223372036854775807\n",
     false,
     "Assign(targets=[Name(id='x')], value=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=Constant(31), op=Add, right=Constant(15)), op=Add, right=Constant(10)), op=Add, right=Constant(1000)), op=Add, right=Constant(0)), op=Add, right=Constant(9223372036854775807)))\n"},
    {"float literals",
     "y = 1.5 + .5 + 5. + 1e10 + 1E-3 + 1_0.2_5e+1_0 + 1e400\n",
     false,
     "Assign(targets=[Name(id='y')], value=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=Constant(1.5), op=Add, right=Constant(0.5)), op=Add, right=Constant(5)), op=Add, right=Constant(10000000000)), op=Add, right=Constant(0.001)), op=Add, right=Constant(102500000000)), op=Add, right=Constant(inf)))\n"},
    {"string prefixes and concatenation",
     "s = 'a' \"b\" '''c''' \"\"\"d\"\"\" r'\\n' R\"\\t\" u'u'\n",
     true,
     "Assign@1:0-1:44(targets=[Name@1:0-1:1(id='s')], value=Constant@1:4-1:44('abcd\\\\n\\\\tu'))\n"},
    {"bytes",
     "b = b'x' B\"y\" rb'\\d' b'\\x00\\xff\\101\\n\\q'\n",
     false,
     "Assign(targets=[Name(id='b')], value=Constant(b'xy\\\\d\\x00\\xffA\\x0a\\\\q'))\n"},
    {"string escapes",
     "t = 'e \\n \\t \\\\ \\' \\\" \\x41 \\u00e9 \\U0001F600 \\101 \\0 \\a \\b \\f \\v \\r \\q \\\ncont'\n",
     false,
     "Assign(targets=[Name(id='t')], value=Constant('e \\x0a \\x09 \\\\ \\' \" A \xc3""\xa9"" \xf0""\x9f""\x98""\x80"" A \\x00 \\x07 \\x08 \\x0c \\x0b \\x0d \\\\q cont'))\n"},
    {"multi-line string span",
     "s = '''a\nb\n''' 'c'\nx = 1\n",
     true,
     "Assign@1:0-3:7(targets=[Name@1:0-1:1(id='s')], value=Constant@1:4-3:7('a\\x0ab\\x0ac'))\nAssign@4:0-4:5(targets=[Name@4:0-4:1(id='x')], value=Constant@4:4-4:5(1))\n"},
    {"f-string parts",
     "f\"{x!r} {y!s:>10} {s!a:{w}.{p}f} {{esc}} {n * 2 + 1} {d['b']}\"\n",
     true,
     "Expr@1:0-1:62(value=JoinedStr@1:0-1:62(values=[FormattedValue(value=Name@1:3-1:4(id='x'), conversion=114, format_spec=None), Constant(' '), FormattedValue(value=Name@1:9-1:10(id='y'), conversion=115, format_spec=JoinedStr(values=[Constant('>10')])), Constant(' '), FormattedValue(value=Name@1:19-1:20(id='s'), conversion=97, format_spec=JoinedStr(values=[FormattedValue(value=Name@1:24-1:25(id='w'), conversion=-1, format_spec=None), Constant('.'), FormattedValue(value=Name@1:28-1:29(id='p'), conversion=-1, format_spec=None), Constant('f')])), Constant(' {esc} '), FormattedValue(value=BinOp@1:42-1:51(left=BinOp@1:42-1:47(left=Name@1:42-1:43(id='n'), op=Mult, right=Constant@1:46-1:47(2)), op=Add, right=Constant@1:50-1:51(1)), conversion=-1, format_spec=None), Constant(' '), FormattedValue(value=Subscript@1:54-1:60(value=Name@1:54-1:55(id='d'), slice=Constant@1:56-1:59('b')), conversion=-1, format_spec=None)]))\n"},
    {"f-string nested spec and debug",
     "f\"{x=} {x = } {x=!s} {x=:>4}\" 'tail' f'{x:{\"<\" if a else \">\"}10}'\n",
     false,
     "Expr(value=JoinedStr(values=[Constant('x='), FormattedValue(value=Name(id='x'), conversion=114, format_spec=None), Constant(' x = '), FormattedValue(value=Name(id='x'), conversion=114, format_spec=None), Constant(' x='), FormattedValue(value=Name(id='x'), conversion=115, format_spec=None), Constant(' x='), FormattedValue(value=Name(id='x'), conversion=-1, format_spec=JoinedStr(values=[Constant('>4')])), Constant('tail'), FormattedValue(value=Name(id='x'), conversion=-1, format_spec=JoinedStr(values=[FormattedValue(value=IfExp(test=Name(id='a'), body=Constant('<'), orelse=Constant('>')), conversion=-1, format_spec=None), Constant('10')]))]))\n"},
    {"f-string multi-line",
     "z = f'''\n  {x}\n{\ny}'''\n",
     true,
     "Assign@1:0-4:5(targets=[Name@1:0-1:1(id='z')], value=JoinedStr@1:4-4:5(values=[Constant('\\x0a  '), FormattedValue(value=Name@2:3-2:4(id='x'), conversion=-1, format_spec=None), Constant('\\x0a'), FormattedValue(value=Name@4:0-4:1(id='y'), conversion=-1, format_spec=None)]))\n"},
    {"f-string escapes and raw",
     "a = f'\\n{x}\\t' rf'\\n{x}' f'{{}}' f'{{{x}}}' f'' f'a{{b{x}c}}d'\n",
     false,
     "Assign(targets=[Name(id='a')], value=JoinedStr(values=[Constant('\\x0a'), FormattedValue(value=Name(id='x'), conversion=-1, format_spec=None), Constant('\\x09\\\\n'), FormattedValue(value=Name(id='x'), conversion=-1, format_spec=None), Constant('{}{'), FormattedValue(value=Name(id='x'), conversion=-1, format_spec=None), Constant('}a{b'), FormattedValue(value=Name(id='x'), conversion=-1, format_spec=None), Constant('c}d')]))\n"},
    {"f-string comparisons in field",
     "f\"{a!=b}{a<=b}{a>b}{a==b}{x if x else y}{(lambda y: y)(1)}\"\n",
     false,
     "Expr(value=JoinedStr(values=[FormattedValue(value=Compare(left=Name(id='a'), ops=[NotEq], comparators=[Name(id='b')]), conversion=-1, format_spec=None), FormattedValue(value=Compare(left=Name(id='a'), ops=[LtE], comparators=[Name(id='b')]), conversion=-1, format_spec=None), FormattedValue(value=Compare(left=Name(id='a'), ops=[Gt], comparators=[Name(id='b')]), conversion=-1, format_spec=None), FormattedValue(value=Compare(left=Name(id='a'), ops=[Eq], comparators=[Name(id='b')]), conversion=-1, format_spec=None), FormattedValue(value=IfExp(test=Name(id='x'), body=Name(id='x'), orelse=Name(id='y')), conversion=-1, format_spec=None), FormattedValue(value=Call(func=Lambda(args=arguments(posonlyargs=[], args=[arg(arg='y')], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]), body=Name(id='y')), args=[Constant(1)], keywords=[]), conversion=-1, format_spec=None)]))\n"},
    {"operator precedence",
     "a = 1 + 2 * 3 - 4 / 5 // 6 % 7 @ 8 | b ^ c & d << 1 >> 2 ** -3 ** e\n",
     true,
     "Assign@1:0-1:67(targets=[Name@1:0-1:1(id='a')], value=BinOp@1:4-1:67(left=BinOp@1:4-1:34(left=BinOp@1:4-1:13(left=Constant@1:4-1:5(1), op=Add, right=BinOp@1:8-1:13(left=Constant@1:8-1:9(2), op=Mult, right=Constant@1:12-1:13(3))), op=Sub, right=BinOp@1:16-1:34(left=BinOp@1:16-1:30(left=BinOp@1:16-1:26(left=BinOp@1:16-1:21(left=Constant@1:16-1:17(4), op=Div, right=Constant@1:20-1:21(5)), op=FloorDiv, right=Constant@1:25-1:26(6)), op=Mod, right=Constant@1:29-1:30(7)), op=MatMult, right=Constant@1:33-1:34(8))), op=BitOr, right=BinOp@1:37-1:67(left=Name@1:37-1:38(id='b'), op=BitXor, right=BinOp@1:41-1:67(left=Name@1:41-1:42(id='c'), op=BitAnd, right=BinOp@1:45-1:67(left=BinOp@1:45-1:51(left=Name@1:45-1:46(id='d'), op=LShift, right=Constant@1:50-1:51(1)), op=RShift, right=BinOp@1:55-1:67(left=Constant@1:55-1:56(2), op=Pow, right=UnaryOp@1:60-1:67(op=USub, operand=BinOp@1:61-1:67(left=Constant@1:61-1:62(3), op=Pow, right=Name@1:66-1:67(id='e')))))))))\n"},
    {"unary and power",
     "c = -a ** -b * ~d + +e - - - f\n",
     false,
     "Assign(targets=[Name(id='c')], value=BinOp(left=BinOp(left=BinOp(left=UnaryOp(op=USub, operand=BinOp(left=Name(id='a'), op=Pow, right=UnaryOp(op=USub, operand=Name(id='b')))), op=Mult, right=UnaryOp(op=Invert, operand=Name(id='d'))), op=Add, right=UnaryOp(op=UAdd, operand=Name(id='e'))), op=Sub, right=UnaryOp(op=USub, operand=UnaryOp(op=USub, operand=Name(id='f')))))\n"},
    {"boolean and comparison",
     "d = not a == b or c and not d < e <= f and g or h\n",
     true,
     "Assign@1:0-1:49(targets=[Name@1:0-1:1(id='d')], value=BoolOp@1:4-1:49(op=Or, values=[UnaryOp@1:4-1:14(op=Not, operand=Compare@1:8-1:14(left=Name@1:8-1:9(id='a'), ops=[Eq], comparators=[Name@1:13-1:14(id='b')])), BoolOp@1:18-1:44(op=And, values=[Name@1:18-1:19(id='c'), UnaryOp@1:24-1:38(op=Not, operand=Compare@1:28-1:38(left=Name@1:28-1:29(id='d'), ops=[Lt, LtE], comparators=[Name@1:32-1:33(id='e'), Name@1:37-1:38(id='f')])), Name@1:43-1:44(id='g')]), Name@1:48-1:49(id='h')]))\n"},
    {"comparison operators",
     "e = a < b | c == d & e != f ^ g in h not in i is j is not k > l >= m\n",
     false,
     "Assign(targets=[Name(id='e')], value=Compare(left=Name(id='a'), ops=[Lt, Eq, NotEq, In, NotIn, Is, IsNot, Gt, GtE], comparators=[BinOp(left=Name(id='b'), op=BitOr, right=Name(id='c')), BinOp(left=Name(id='d'), op=BitAnd, right=Name(id='e')), BinOp(left=Name(id='f'), op=BitXor, right=Name(id='g')), Name(id='h'), Name(id='i'), Name(id='j'), Name(id='k'), Name(id='l'), Name(id='m')]))\n"},
    {"parenthesised operands keep their parentheses in spans",
     "f = (a + b) * (c - d) ** ((e))\n",
     true,
     "Assign@1:0-1:30(targets=[Name@1:0-1:1(id='f')], value=BinOp@1:4-1:30(left=BinOp@1:5-1:10(left=Name@1:5-1:6(id='a'), op=Add, right=Name@1:9-1:10(id='b')), op=Mult, right=BinOp@1:14-1:30(left=BinOp@1:15-1:20(left=Name@1:15-1:16(id='c'), op=Sub, right=Name@1:19-1:20(id='d')), op=Pow, right=Name@1:27-1:28(id='e'))))\n"},
    {"explicit parentheses are not flattened",
     "g = ((a < b) < c) and ((a or b) or c)\n",
     false,
     "Assign(targets=[Name(id='g')], value=BoolOp(op=And, values=[Compare(left=Compare(left=Name(id='a'), ops=[Lt], comparators=[Name(id='b')]), ops=[Lt], comparators=[Name(id='c')]), BoolOp(op=Or, values=[BoolOp(op=Or, values=[Name(id='a'), Name(id='b')]), Name(id='c')])]))\n"},
    {"conditional and lambda",
     "h = a if b else c if d else e\nl = lambda a, b=1, *args, c, d=2, **kw: a\nm = lambda *, k: k\nn = lambda a, /, b: a\n",
     true,
     "Assign@1:0-1:29(targets=[Name@1:0-1:1(id='h')], value=IfExp@1:4-1:29(test=Name@1:9-1:10(id='b'), body=Name@1:4-1:5(id='a'), orelse=IfExp@1:16-1:29(test=Name@1:21-1:22(id='d'), body=Name@1:16-1:17(id='c'), orelse=Name@1:28-1:29(id='e'))))\nAssign@2:0-2:41(targets=[Name@2:0-2:1(id='l')], value=Lambda@2:4-2:41(args=arguments(posonlyargs=[], args=[arg@2:11-2:12(arg='a'), arg@2:14-2:15(arg='b')], vararg=arg@2:20-2:24(arg='args'), kwonlyargs=[arg@2:26-2:27(arg='c'), arg@2:29-2:30(arg='d')], kw_defaults=[None, Constant@2:31-2:32(2)], kwarg=arg@2:36-2:38(arg='kw'), defaults=[Constant@2:16-2:17(1)]), body=Name@2:40-2:41(id='a')))\nAssign@3:0-3:18(targets=[Name@3:0-3:1(id='m')], value=Lambda@3:4-3:18(args=arguments(posonlyargs=[], args=[], vararg=None, kwonlyargs=[arg@3:14-3:15(arg='k')], kw_defaults=[None], kwarg=None, defaults=[]), body=Name@3:17-3:18(id='k')))\nAssign@4:0-4:21(targets=[Name@4:0-4:1(id='n')], value=Lambda@4:4-4:21(args=arguments(posonlyargs=[arg@4:11-4:12(arg='a')], args=[arg@4:17-4:18(arg='b')], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]), body=Name@4:20-4:21(id='a')))\n"},
    {"calls",
     "f(a, *b, c=1, *d, **e, g=2, **h)\nf(x for x in y)\nf(a)(b)[c].d(e=1)\n",
     true,
     "Expr@1:0-1:32(value=Call@1:0-1:32(func=Name@1:0-1:1(id='f'), args=[Name@1:2-1:3(id='a'), Starred@1:5-1:7(value=Name@1:6-1:7(id='b')), Starred@1:14-1:16(value=Name@1:15-1:16(id='d'))], keywords=[keyword@1:9-1:12(arg='c', value=Constant@1:11-1:12(1)), keyword@1:18-1:21(arg=None, value=Name@1:20-1:21(id='e')), keyword@1:23-1:26(arg='g', value=Constant@1:25-1:26(2)), keyword@1:28-1:31(arg=None, value=Name@1:30-1:31(id='h'))]))\nExpr@2:0-2:15(value=Call@2:0-2:15(func=Name@2:0-2:1(id='f'), args=[GeneratorExp@2:1-2:15(elt=Name@2:2-2:3(id='x'), generators=[comprehension(target=Name@2:8-2:9(id='x'), iter=Name@2:13-2:14(id='y'), ifs=[])])], keywords=[]))\nExpr@3:0-3:17(value=Call@3:0-3:17(func=Attribute@3:0-3:12(value=Subscript@3:0-3:10(value=Call@3:0-3:7(func=Call@3:0-3:4(func=Name@3:0-3:1(id='f'), args=[Name@3:2-3:3(id='a')], keywords=[]), args=[Name@3:5-3:6(id='b')], keywords=[]), slice=Name@3:8-3:9(id='c')), attr='d'), args=[], keywords=[keyword@3:13-3:16(arg='e', value=Constant@3:15-3:16(1))]))\n"},
    {"subscripts and slices",
     "a[1], a[1:2], a[::2], a[1:], a[:2], a[:], a[::], a[1:2:3], a[None], a[...], a[-1], a[1:2, 3], a[:, None, ...], a[1,]\n",
     true,
     "Expr@1:0-1:116(value=Tuple@1:0-1:116(elts=[Subscript@1:0-1:4(value=Name@1:0-1:1(id='a'), slice=Constant@1:2-1:3(1)), Subscript@1:6-1:12(value=Name@1:6-1:7(id='a'), slice=Slice@1:8-1:11(lower=Constant@1:8-1:9(1), upper=Constant@1:10-1:11(2), step=None)), Subscript@1:14-1:20(value=Name@1:14-1:15(id='a'), slice=Slice@1:16-1:19(lower=None, upper=None, step=Constant@1:18-1:19(2))), Subscript@1:22-1:27(value=Name@1:22-1:23(id='a'), slice=Slice@1:24-1:26(lower=Constant@1:24-1:25(1), upper=None, step=None)), Subscript@1:29-1:34(value=Name@1:29-1:30(id='a'), slice=Slice@1:31-1:33(lower=None, upper=Constant@1:32-1:33(2), step=None)), Subscript@1:36-1:40(value=Name@1:36-1:37(id='a'), slice=Slice@1:38-1:39(lower=None, upper=None, step=None)), Subscript@1:42-1:47(value=Name@1:42-1:43(id='a'), slice=Slice@1:44-1:46(lower=None, upper=None, step=None)), Subscript@1:49-1:57(value=Name@1:49-1:50(id='a'), slice=Slice@1:51-1:56(lower=Constant@1:51-1:52(1), upper=Constant@1:53-1:54(2), step=Constant@1:55-1:56(3))), Subscript@1:59-1:66(value=Name@1:59-1:60(id='a'), slice=Constant@1:61-1:65(None)), Subscript@1:68-1:74(value=Name@1:68-1:69(id='a'), slice=Constant@1:70-1:73(Ellipsis)), Subscript@1:76-1:81(value=Name@1:76-1:77(id='a'), slice=UnaryOp@1:78-1:80(op=USub, operand=Constant@1:79-1:80(1))), Subscript@1:83-1:92(value=Name@1:83-1:84(id='a'), slice=Tuple@1:85-1:91(elts=[Slice@1:85-1:88(lower=Constant@1:85-1:86(1), upper=Constant@1:87-1:88(2), step=None), Constant@1:90-1:91(3)])), Subscript@1:94-1:109(value=Name@1:94-1:95(id='a'), slice=Tuple@1:96-1:108(elts=[Slice@1:96-1:97(lower=None, upper=None, step=None), Constant@1:99-1:103(None), Constant@1:105-1:108(Ellipsis)])), Subscript@1:111-1:116(value=Name@1:111-1:112(id='a'), slice=Tuple@1:113-1:115(elts=[Constant@1:113-1:114(1)]))]))\n"},
    {"starred subscripts",
     "a[*b], a[b, *c]\n",
     true,
     "Expr@1:0-1:15(value=Tuple@1:0-1:15(elts=[Subscript@1:0-1:5(value=Name@1:0-1:1(id='a'), slice=Tuple@1:2-1:4(elts=[Starred@1:2-1:4(value=Name@1:3-1:4(id='b'))])), Subscript@1:7-1:15(value=Name@1:7-1:8(id='a'), slice=Tuple@1:9-1:14(elts=[Name@1:9-1:10(id='b'), Starred@1:12-1:14(value=Name@1:13-1:14(id='c'))]))]))\n"},
    {"displays",
     "[], [1], [1, 2,], [*a, *b], (), (1,), (1, 2), (*a, b), {1, 2}, {*a}, {}, {1: 2}, {**a, 'b': 1, **c}\n",
     true,
     "Expr@1:0-1:99(value=Tuple@1:0-1:99(elts=[List@1:0-1:2(elts=[]), List@1:4-1:7(elts=[Constant@1:5-1:6(1)]), List@1:9-1:16(elts=[Constant@1:10-1:11(1), Constant@1:13-1:14(2)]), List@1:18-1:26(elts=[Starred@1:19-1:21(value=Name@1:20-1:21(id='a')), Starred@1:23-1:25(value=Name@1:24-1:25(id='b'))]), Tuple@1:28-1:30(elts=[]), Tuple@1:32-1:36(elts=[Constant@1:33-1:34(1)]), Tuple@1:38-1:44(elts=[Constant@1:39-1:40(1), Constant@1:42-1:43(2)]), Tuple@1:46-1:53(elts=[Starred@1:47-1:49(value=Name@1:48-1:49(id='a')), Name@1:51-1:52(id='b')]), Set@1:55-1:61(elts=[Constant@1:56-1:57(1), Constant@1:59-1:60(2)]), Set@1:63-1:67(elts=[Starred@1:64-1:66(value=Name@1:65-1:66(id='a'))]), Dict@1:69-1:71(keys=[], values=[]), Dict@1:73-1:79(keys=[Constant@1:74-1:75(1)], values=[Constant@1:77-1:78(2)]), Dict@1:81-1:99(keys=[None, Constant@1:87-1:90('b'), None], values=[Name@1:84-1:85(id='a'), Constant@1:92-1:93(1), Name@1:97-1:98(id='c')])]))\n"},
    {"comprehensions",
     "[x for x in y], [x for x in y if x if z for w in x], {x for x in y}, {k: v for k, v in d.items() if k}, (x for x in y)\n",
     true,
     "Expr@1:0-1:118(value=Tuple@1:0-1:118(elts=[ListComp@1:0-1:14(elt=Name@1:1-1:2(id='x'), generators=[comprehension(target=Name@1:7-1:8(id='x'), iter=Name@1:12-1:13(id='y'), ifs=[])]), ListComp@1:16-1:51(elt=Name@1:17-1:18(id='x'), generators=[comprehension(target=Name@1:23-1:24(id='x'), iter=Name@1:28-1:29(id='y'), ifs=[Name@1:33-1:34(id='x'), Name@1:38-1:39(id='z')]), comprehension(target=Name@1:44-1:45(id='w'), iter=Name@1:49-1:50(id='x'), ifs=[])]), SetComp@1:53-1:67(elt=Name@1:54-1:55(id='x'), generators=[comprehension(target=Name@1:60-1:61(id='x'), iter=Name@1:65-1:66(id='y'), ifs=[])]), DictComp@1:69-1:102(key=Name@1:70-1:71(id='k'), value=Name@1:73-1:74(id='v'), generators=[comprehension(target=Tuple@1:79-1:83(elts=[Name@1:79-1:80(id='k'), Name@1:82-1:83(id='v')]), iter=Call@1:87-1:96(func=Attribute@1:87-1:94(value=Name@1:87-1:88(id='d'), attr='items'), args=[], keywords=[]), ifs=[Name@1:100-1:101(id='k')])]), GeneratorExp@1:104-1:118(elt=Name@1:105-1:106(id='x'), generators=[comprehension(target=Name@1:111-1:112(id='x'), iter=Name@1:116-1:117(id='y'), ifs=[])])]))\n"},
    {"assignments",
     "a, b = c\na, *b = c\n[a, [b, *c]] = d\n(a, b), c = d\na = b = c = d\na.b = c[d] = e\n",
     true,
     "Assign@1:0-1:8(targets=[Tuple@1:0-1:4(elts=[Name@1:0-1:1(id='a'), Name@1:3-1:4(id='b')])], value=Name@1:7-1:8(id='c'))\nAssign@2:0-2:9(targets=[Tuple@2:0-2:5(elts=[Name@2:0-2:1(id='a'), Starred@2:3-2:5(value=Name@2:4-2:5(id='b'))])], value=Name@2:8-2:9(id='c'))\nAssign@3:0-3:16(targets=[List@3:0-3:12(elts=[Name@3:1-3:2(id='a'), List@3:4-3:11(elts=[Name@3:5-3:6(id='b'), Starred@3:8-3:10(value=Name@3:9-3:10(id='c'))])])], value=Name@3:15-3:16(id='d'))\nAssign@4:0-4:13(targets=[Tuple@4:0-4:9(elts=[Tuple@4:0-4:6(elts=[Name@4:1-4:2(id='a'), Name@4:4-4:5(id='b')]), Name@4:8-4:9(id='c')])], value=Name@4:12-4:13(id='d'))\nAssign@5:0-5:13(targets=[Name@5:0-5:1(id='a'), Name@5:4-5:5(id='b'), Name@5:8-5:9(id='c')], value=Name@5:12-5:13(id='d'))\nAssign@6:0-6:14(targets=[Attribute@6:0-6:3(value=Name@6:0-6:1(id='a'), attr='b'), Subscript@6:6-6:10(value=Name@6:6-6:7(id='c'), slice=Name@6:8-6:9(id='d'))], value=Name@6:13-6:14(id='e'))\n"},
    {"augmented assignments",
     "x += 1; x -= 1; x *= 1; x /= 1; x //= 1; x %= 1; x **= 1; x @= 1; x &= 1; x |= 1; x ^= 1; x <<= 1; x >>= 1\n",
     false,
     "AugAssign(target=Name(id='x'), op=Add, value=Constant(1))\nAugAssign(target=Name(id='x'), op=Sub, value=Constant(1))\nAugAssign(target=Name(id='x'), op=Mult, value=Constant(1))\nAugAssign(target=Name(id='x'), op=Div, value=Constant(1))\nAugAssign(target=Name(id='x'), op=FloorDiv, value=Constant(1))\nAugAssign(target=Name(id='x'), op=Mod, value=Constant(1))\nAugAssign(target=Name(id='x'), op=Pow, value=Constant(1))\nAugAssign(target=Name(id='x'), op=MatMult, value=Constant(1))\nAugAssign(target=Name(id='x'), op=BitAnd, value=Constant(1))\nAugAssign(target=Name(id='x'), op=BitOr, value=Constant(1))\nAugAssign(target=Name(id='x'), op=BitXor, value=Constant(1))\nAugAssign(target=Name(id='x'), op=LShift, value=Constant(1))\nAugAssign(target=Name(id='x'), op=RShift, value=Constant(1))\n"},
    {"annotated assignments",
     "x: int = 1\ny: List[int]\nobj.attr: int = 3\n(z): int = 4\n",
     true,
     "AnnAssign@1:0-1:10(target=Name@1:0-1:1(id='x'), value=Constant@1:9-1:10(1))\nAnnAssign@2:0-2:12(target=Name@2:0-2:1(id='y'), value=None)\nAnnAssign@3:0-3:17(target=Attribute@3:0-3:8(value=Name@3:0-3:3(id='obj'), attr='attr'), value=Constant@3:16-3:17(3))\nAnnAssign@4:0-4:12(target=Name@4:1-4:2(id='z'), value=Constant@4:11-4:12(4))\n"},
    {"del pass assert",
     "del a, b[1], c.d\ndel (a, b)\npass\nassert x\nassert x, 'msg'\n",
     true,
     "Delete@1:0-1:16(targets=[Name@1:4-1:5(id='a'), Subscript@1:7-1:11(value=Name@1:7-1:8(id='b'), slice=Constant@1:9-1:10(1)), Attribute@1:13-1:16(value=Name@1:13-1:14(id='c'), attr='d')])\nDelete@2:0-2:10(targets=[Tuple@2:4-2:10(elts=[Name@2:5-2:6(id='a'), Name@2:8-2:9(id='b')])])\nPass@3:0-3:4()\nAssert@4:0-4:8(test=Name@4:7-4:8(id='x'), msg=None)\nAssert@5:0-5:15(test=Name@5:7-5:8(id='x'), msg=Constant@5:10-5:15('msg'))\n"},
    {"imports",
     "import a\nimport a.b.c\nimport a.b as c, d as e\nfrom a import b\nfrom a.b import c as d, e\nfrom . import x\nfrom .. import y\nfrom ...pkg import z\nfrom .mod import (a, b as c,)\nfrom x import *\n",
     true,
     "Import@1:0-1:8(names=[alias@1:7-1:8(name='a', asname=None)])\nImport@2:0-2:12(names=[alias@2:7-2:12(name='a.b.c', asname=None)])\nImport@3:0-3:23(names=[alias@3:7-3:15(name='a.b', asname='c'), alias@3:17-3:23(name='d', asname='e')])\nImportFrom@4:0-4:15(module='a', names=[alias@4:14-4:15(name='b', asname=None)], level=0)\nImportFrom@5:0-5:25(module='a.b', names=[alias@5:16-5:22(name='c', asname='d'), alias@5:24-5:25(name='e', asname=None)], level=0)\nImportFrom@6:0-6:15(module=None, names=[alias@6:14-6:15(name='x', asname=None)], level=1)\nImportFrom@7:0-7:16(module=None, names=[alias@7:15-7:16(name='y', asname=None)], level=2)\nImportFrom@8:0-8:20(module='pkg', names=[alias@8:19-8:20(name='z', asname=None)], level=3)\nImportFrom@9:0-9:29(module='mod', names=[alias@9:18-9:19(name='a', asname=None), alias@9:21-9:27(name='b', asname='c')], level=1)\nImportFrom@10:0-10:15(module='x', names=[alias@10:14-10:15(name='*', asname=None)], level=0)\n"},
    {"global and nonlocal",
     "def f():\n    global g1, g2\n    def g():\n        nonlocal x\n",
     true,
     "FunctionDef@1:0-4:18(name='f', args=arguments(posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]), body=[Global@2:4-2:17(names=['g1', 'g2']), FunctionDef@3:4-4:18(name='g', args=arguments(posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]), body=[Nonlocal@4:8-4:18(names=['x'])], decorator_list=[])], decorator_list=[])\n"},
    {"if elif else",
     "if a:\n    pass\nelif b:\n    x = 1\nelif c:\n    pass\nelse:\n    pass\n",
     true,
     "If@1:0-8:8(test=Name@1:3-1:4(id='a'), body=[Pass@2:4-2:8()], orelse=[If@3:0-8:8(test=Name@3:5-3:6(id='b'), body=[Assign@4:4-4:9(targets=[Name@4:4-4:5(id='x')], value=Constant@4:8-4:9(1))], orelse=[If@5:0-8:8(test=Name@5:5-5:6(id='c'), body=[Pass@6:4-6:8()], orelse=[Pass@8:4-8:8()])])])\n"},
    {"loops",
     "while x:\n    break\nelse:\n    y = 1\nfor i in range(10):\n    continue\nelse:\n    pass\nfor a, b in c: pass\nfor x in *a, *b: pass\n",
     true,
     "While@1:0-4:9(test=Name@1:6-1:7(id='x'), body=[Break@2:4-2:9()], orelse=[Assign@4:4-4:9(targets=[Name@4:4-4:5(id='y')], value=Constant@4:8-4:9(1))])\nFor@5:0-8:8(target=Name@5:4-5:5(id='i'), iter=Call@5:9-5:18(func=Name@5:9-5:14(id='range'), args=[Constant@5:15-5:17(10)], keywords=[]), body=[Continue@6:4-6:12()], orelse=[Pass@8:4-8:8()])\nFor@9:0-9:19(target=Tuple@9:4-9:8(elts=[Name@9:4-9:5(id='a'), Name@9:7-9:8(id='b')]), iter=Name@9:12-9:13(id='c'), body=[Pass@9:15-9:19()], orelse=[])\nFor@10:0-10:21(target=Name@10:4-10:5(id='x'), iter=Tuple@10:9-10:15(elts=[Starred@10:9-10:11(value=Name@10:10-10:11(id='a')), Starred@10:13-10:15(value=Name@10:14-10:15(id='b'))]), body=[Pass@10:17-10:21()], orelse=[])\n"},
    {"try",
     "try:\n    pass\nexcept:\n    pass\ntry:\n    pass\nexcept E:\n    pass\nexcept (A, B) as e:\n    pass\nelse:\n    pass\nfinally:\n    pass\ntry:\n    pass\nfinally:\n    pass\n",
     true,
     "Try@1:0-4:8(body=[Pass@2:4-2:8()], handlers=[ExceptHandler@3:0-4:8(type=None, name=None, body=[Pass@4:4-4:8()])], orelse=[], finalbody=[])\nTry@5:0-14:8(body=[Pass@6:4-6:8()], handlers=[ExceptHandler@7:0-8:8(type=Name@7:7-7:8(id='E'), name=None, body=[Pass@8:4-8:8()]), ExceptHandler@9:0-10:8(type=Tuple@9:7-9:13(elts=[Name@9:8-9:9(id='A'), Name@9:11-9:12(id='B')]), name='e', body=[Pass@10:4-10:8()])], orelse=[Pass@12:4-12:8()], finalbody=[Pass@14:4-14:8()])\nTry@15:0-18:8(body=[Pass@16:4-16:8()], handlers=[], orelse=[], finalbody=[Pass@18:4-18:8()])\n"},
    {"with",
     "with a: pass\nwith a as b, c as d: pass\nwith (a as b, c as d): pass\nwith (a, b): pass\nwith (a) as b: pass\nwith (a, b) as c: pass\nwith open(x) as (a, b): pass\n",
     true,
     "With@1:0-1:12(items=[withitem(context_expr=Name@1:5-1:6(id='a'), optional_vars=None)], body=[Pass@1:8-1:12()])\nWith@2:0-2:25(items=[withitem(context_expr=Name@2:5-2:6(id='a'), optional_vars=Name@2:10-2:11(id='b')), withitem(context_expr=Name@2:13-2:14(id='c'), optional_vars=Name@2:18-2:19(id='d'))], body=[Pass@2:21-2:25()])\nWith@3:0-3:27(items=[withitem(context_expr=Name@3:6-3:7(id='a'), optional_vars=Name@3:11-3:12(id='b')), withitem(context_expr=Name@3:14-3:15(id='c'), optional_vars=Name@3:19-3:20(id='d'))], body=[Pass@3:23-3:27()])\nWith@4:0-4:17(items=[withitem(context_expr=Name@4:6-4:7(id='a'), optional_vars=None), withitem(context_expr=Name@4:9-4:10(id='b'), optional_vars=None)], body=[Pass@4:13-4:17()])\nWith@5:0-5:19(items=[withitem(context_expr=Name@5:6-5:7(id='a'), optional_vars=Name@5:12-5:13(id='b'))], body=[Pass@5:15-5:19()])\nWith@6:0-6:22(items=[withitem(context_expr=Tuple@6:5-6:11(elts=[Name@6:6-6:7(id='a'), Name@6:9-6:10(id='b')]), optional_vars=Name@6:15-6:16(id='c'))], body=[Pass@6:18-6:22()])\nWith@7:0-7:28(items=[withitem(context_expr=Call@7:5-7:12(func=Name@7:5-7:9(id='open'), args=[Name@7:10-7:11(id='x')], keywords=[]), optional_vars=Tuple@7:16-7:22(elts=[Name@7:17-7:18(id='a'), Name@7:20-7:21(id='b')]))], body=[Pass@7:24-7:28()])\n"},
    {"raise",
     "raise\nraise E\nraise E from None\nraise E('x') from e\n",
     true,
     "Raise@1:0-1:5(exc=None, cause=None)\nRaise@2:0-2:7(exc=Name@2:6-2:7(id='E'), cause=None)\nRaise@3:0-3:17(exc=Name@3:6-3:7(id='E'), cause=Constant@3:13-3:17(None))\nRaise@4:0-4:19(exc=Call@4:6-4:12(func=Name@4:6-4:7(id='E'), args=[Constant@4:8-4:11('x')], keywords=[]), cause=Name@4:18-4:19(id='e'))\n"},
    {"function definitions",
     "def f(): pass\ndef f(a, b=1, *args, c, d=2, **kwargs) -> int: return a\ndef f(a: int, b: 'str' = 'x', *args: int, c: float, **kw: dict) -> None:\n    return\ndef f(a, b, /, c, *, d): pass\ndef f(a=1, /, b=2, *, c): pass\n",
     true,
     "FunctionDef@1:0-1:13(name='f', args=arguments(posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]), body=[Pass@1:9-1:13()], decorator_list=[])\nFunctionDef@2:0-2:55(name='f', args=arguments(posonlyargs=[], args=[arg@2:6-2:7(arg='a'), arg@2:9-2:10(arg='b')], vararg=arg@2:15-2:19(arg='args'), kwonlyargs=[arg@2:21-2:22(arg='c'), arg@2:24-2:25(arg='d')], kw_defaults=[None, Constant@2:26-2:27(2)], kwarg=arg@2:31-2:37(arg='kwargs'), defaults=[Constant@2:11-2:12(1)]), body=[Return@2:47-2:55(value=Name@2:54-2:55(id='a'))], decorator_list=[])\nFunctionDef@3:0-4:10(name='f', args=arguments(posonlyargs=[], args=[arg@3:6-3:12(arg='a'), arg@3:14-3:22(arg='b')], vararg=arg@3:31-3:40(arg='args'), kwonlyargs=[arg@3:42-3:50(arg='c')], kw_defaults=[None], kwarg=arg@3:54-3:62(arg='kw'), defaults=[Constant@3:25-3:28('x')]), body=[Return@4:4-4:10(value=None)], decorator_list=[])\nFunctionDef@5:0-5:29(name='f', args=arguments(posonlyargs=[arg@5:6-5:7(arg='a'), arg@5:9-5:10(arg='b')], args=[arg@5:15-5:16(arg='c')], vararg=None, kwonlyargs=[arg@5:21-5:22(arg='d')], kw_defaults=[None], kwarg=None, defaults=[]), body=[Pass@5:25-5:29()], decorator_list=[])\nFunctionDef@6:0-6:30(name='f', args=arguments(posonlyargs=[arg@6:6-6:7(arg='a')], args=[arg@6:14-6:15(arg='b')], vararg=None, kwonlyargs=[arg@6:22-6:23(arg='c')], kw_defaults=[None], kwarg=None, defaults=[Constant@6:8-6:9(1), Constant@6:16-6:17(2)]), body=[Pass@6:26-6:30()], decorator_list=[])\n"},
    {"decorators and yield",
     "@dec\n@dec.attr(1)\n@(lambda f: f)\ndef f(): yield; yield 1; yield 1, 2; x = yield; y = yield from z; return (yield)\n",
     true,
     "FunctionDef@4:0-4:80(name='f', args=arguments(posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]), body=[Expr@4:9-4:14(value=Yield@4:9-4:14(value=None)), Expr@4:16-4:23(value=Yield@4:16-4:23(value=Constant@4:22-4:23(1))), Expr@4:25-4:35(value=Yield@4:25-4:35(value=Tuple@4:31-4:35(elts=[Constant@4:31-4:32(1), Constant@4:34-4:35(2)]))), Assign@4:37-4:46(targets=[Name@4:37-4:38(id='x')], value=Yield@4:41-4:46(value=None)), Assign@4:48-4:64(targets=[Name@4:48-4:49(id='y')], value=YieldFrom@4:52-4:64(value=Name@4:63-4:64(id='z'))), Return@4:66-4:80(value=Yield@4:74-4:79(value=None))], decorator_list=[Name@1:1-1:4(id='dec'), Call@2:1-2:12(func=Attribute@2:1-2:9(value=Name@2:1-2:4(id='dec'), attr='attr'), args=[Constant@2:10-2:11(1)], keywords=[]), Lambda@3:2-3:13(args=arguments(posonlyargs=[], args=[arg@3:9-3:10(arg='f')], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]), body=Name@3:12-3:13(id='f'))])\n"},
    {"classes",
     "class A: pass\nclass A(B, C, metaclass=M, **kw):\n    x = 1\n    def m(self): return super().m()\n",
     true,
     "ClassDef@1:0-1:13(name='A', bases=[], keywords=[], body=[Pass@1:9-1:13()], decorator_list=[])\nClassDef@2:0-4:35(name='A', bases=[Name@2:8-2:9(id='B'), Name@2:11-2:12(id='C')], keywords=[keyword@2:14-2:25(arg='metaclass', value=Name@2:24-2:25(id='M')), keyword@2:27-2:31(arg=None, value=Name@2:29-2:31(id='kw'))], body=[Assign@3:4-3:9(targets=[Name@3:4-3:5(id='x')], value=Constant@3:8-3:9(1)), FunctionDef@4:4-4:35(name='m', args=arguments(posonlyargs=[], args=[arg@4:10-4:14(arg='self')], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]), body=[Return@4:17-4:35(value=Call@4:24-4:35(func=Attribute@4:24-4:33(value=Call@4:24-4:31(func=Name@4:24-4:29(id='super'), args=[], keywords=[]), attr='m'), args=[], keywords=[]))], decorator_list=[])], decorator_list=[])\n"},
    {"one-line suites and semicolons",
     "if True: x = 1; y = 2\nx = 1;\n",
     true,
     "If@1:0-1:21(test=Constant@1:3-1:7(True), body=[Assign@1:9-1:14(targets=[Name@1:9-1:10(id='x')], value=Constant@1:13-1:14(1)), Assign@1:16-1:21(targets=[Name@1:16-1:17(id='y')], value=Constant@1:20-1:21(2))], orelse=[])\nAssign@2:0-2:5(targets=[Name@2:0-2:1(id='x')], value=Constant@2:4-2:5(1))\n"},
};

}  // namespace

TEST_CASE("front: AST matches CPython for every construct", "[front][ast]") {
  for (const AstCase& c : kAstCases) {
    INFO(c.name << "\n" << c.source);
    CHECK(dump_lines(c.source, c.positions) == c.expected);
  }
}

TEST_CASE("front: -9223372036854775808 folds to one int64 constant", "[front][ast]") {
  // CPython keeps UnaryOp(USub, 9223372036854775808); tscript ints are 64-bit, so the literal
  // that only fits negated becomes a Constant spanning the whole expression.
  CHECK(dump_lines("x = -9223372036854775808\n", true) ==
        "Assign@1:0-1:24(targets=[Name@1:0-1:1(id='x')], value=Constant@1:4-1:24(-9223372036854775808))\n");
  // Only the bare negated literal: -(2**63 ** 1) still has an unrepresentable literal.
  CHECK_THROWS_AS(dump_lines("x = -9223372036854775808 ** 1\n", false), front::SyntaxError);
  CHECK_THROWS_WITH(dump_lines("x = 9223372036854775808\n", false), "integer literal too large");
}

TEST_CASE("front: expression spans", "[front][ast]") {
  auto m = front::parse_module("foo.bar(baz[1:2], *q)\n", "t.py");
  auto* e = ast::as<ast::ExprStmt>(m.body[0].get());
  REQUIRE(e);
  auto* call = ast::as<ast::Call>(e->value.get());
  REQUIRE(call);
  CHECK(call->span.line == 1);
  CHECK(call->span.col == 0);
  CHECK(call->span.end_col == 21);
  auto* sub = ast::as<ast::Subscript>(call->args[0].get());
  REQUIRE(sub);
  CHECK(sub->span.col == 8);
  CHECK(sub->span.end_col == 16);
  auto* slice = ast::as<ast::Slice>(sub->slice.get());
  REQUIRE(slice);
  CHECK(slice->span.col == 12);
  CHECK(slice->span.end_col == 15);
}

TEST_CASE("front: non-ASCII identifiers and strings use byte columns", "[front][ast]") {
  // CPython's col_offset counts UTF-8 bytes.
  CHECK(dump_lines("\xc3\xa9 = '\xe2\x98\x83'; y = 1\n", true) ==
        "Assign@1:0-1:10(targets=[Name@1:0-1:2(id='\xc3\xa9')], value=Constant@1:5-1:10('\xe2\x98\x83'))\n"
        "Assign@1:12-1:17(targets=[Name@1:12-1:13(id='y')], value=Constant@1:16-1:17(1))\n");
}

TEST_CASE("front: f-string parts", "[front][ast][fstring]") {
  auto m = front::parse_module("s = f'a{x!r:>{w}.{p}f}b{{c}}' 'd'\n", "t.py");
  auto* a = ast::as<ast::Assign>(m.body[0].get());
  REQUIRE(a);
  auto* js = ast::as<ast::JoinedStr>(a->value.get());
  REQUIRE(js);
  REQUIRE(js->values.size() == 3);
  auto* lit = ast::as<ast::Constant>(js->values[0].get());
  REQUIRE(lit);
  CHECK(lit->s == "a");
  auto* fv = ast::as<ast::FormattedValue>(js->values[1].get());
  REQUIRE(fv);
  CHECK(fv->conversion == 'r');
  auto* x = ast::as<ast::Name>(fv->value.get());
  REQUIRE(x);
  CHECK(x->id == "x");
  CHECK(x->span.col == 8);  // the real position inside the literal
  auto* spec = ast::as<ast::JoinedStr>(fv->format_spec.get());
  REQUIRE(spec);
  REQUIRE(spec->values.size() == 5);
  CHECK(ast_dump::dump(*spec) ==
        "JoinedStr(values=[Constant('>'), FormattedValue(value=Name(id='w'), conversion=-1, format_spec=None), "
        "Constant('.'), FormattedValue(value=Name(id='p'), conversion=-1, format_spec=None), Constant('f')])");
  auto* tail = ast::as<ast::Constant>(js->values[2].get());
  REQUIRE(tail);
  CHECK(tail->s == "b{c}d");
}

TEST_CASE("front: f-string without fields and empty f-string", "[front][ast][fstring]") {
  CHECK(dump_lines("f'abc'\nf''\n", false) ==
        "Expr(value=JoinedStr(values=[Constant('abc')]))\nExpr(value=JoinedStr(values=[]))\n");
}
