#!/usr/bin/env python3
"""Prints CPython's AST of a file (or of -c CODE) in the format of tests/unit/front/ast_dump.h.

Used to write and check the front-end tests: the tscript AST of a file must dump exactly as
CPython 3.11's does (annotations, ctx and type comments are dropped; f-string parts other than
replacement-field expressions carry no position).

  python3 cpython_ast_dump.py [--positions] [--lines] FILE | -c CODE
"""
import ast
import sys


def s(v, b=False):
    """A str or bytes value, quoted and escaped as ast_dump.h does."""
    if b:
        out = ["b'"]
        for c in v:
            if c in (0x27, 0x5C):
                out.append("\\" + chr(c))
            elif c < 0x20 or c >= 0x7F:
                out.append("\\x%02x" % c)
            else:
                out.append(chr(c))
        return "".join(out) + "'"
    out = ["'"]
    for ch in v:
        o = ord(ch)
        if ch in ("'", "\\"):
            out.append("\\" + ch)
        elif o < 0x20 or o == 0x7F:
            out.append("\\x%02x" % o)
        else:
            out.append(ch)
    return "".join(out) + "'"


class D:
    def __init__(self, positions):
        self.positions = positions

    def pos(self, n, show=True):
        if not self.positions or not show or not hasattr(n, "lineno"):
            return ""
        return "@%d:%d-%d:%d" % (n.lineno, n.col_offset, n.end_lineno, n.end_col_offset)

    def lst(self, l, fpart=False):
        return "[" + ", ".join(self.e(x, fpart) for x in l) + "]"

    def stmts(self, l):
        return "[" + ", ".join(self.st(x) for x in l) + "]"

    def opt_name(self, v):
        return "None" if v is None else s(v)

    def arg(self, a):
        return "arg%s(arg=%s)" % (self.pos(a), s(a.arg))

    def args(self, a):
        return ("arguments(posonlyargs=[%s], args=[%s], vararg=%s, kwonlyargs=[%s], kw_defaults=%s, "
                "kwarg=%s, defaults=%s)") % (
            ", ".join(self.arg(x) for x in a.posonlyargs),
            ", ".join(self.arg(x) for x in a.args),
            self.arg(a.vararg) if a.vararg else "None",
            ", ".join(self.arg(x) for x in a.kwonlyargs),
            self.lst(a.kw_defaults),
            self.arg(a.kwarg) if a.kwarg else "None",
            self.lst(a.defaults))

    def kws(self, ks):
        return "[" + ", ".join("keyword%s(arg=%s, value=%s)" % (self.pos(k), self.opt_name(k.arg), self.e(k.value))
                               for k in ks) + "]"

    def gens(self, gs):
        return "[" + ", ".join("comprehension(target=%s, iter=%s, ifs=%s)" % (self.e(g.target), self.e(g.iter),
                                                                             self.lst(g.ifs)) for g in gs) + "]"

    def e(self, n, fpart=False):
        if n is None:
            return "None"
        name = type(n).__name__
        h = name + self.pos(n, not fpart) + "("
        if isinstance(n, ast.Name):
            body = "id=" + s(n.id)
        elif isinstance(n, ast.Constant):
            v = n.value
            if v is None or v is True or v is False:
                body = repr(v)
            elif v is Ellipsis:
                body = "Ellipsis"
            elif isinstance(v, int):
                body = str(v)
            elif isinstance(v, float):
                body = "%.17g" % v
            elif isinstance(v, bytes):
                body = s(v, True)
            else:
                body = s(v)
        elif isinstance(n, ast.JoinedStr):
            body = "values=" + self.lst(n.values, True)
        elif isinstance(n, ast.FormattedValue):
            body = "value=%s, conversion=%d, format_spec=%s" % (self.e(n.value), n.conversion,
                                                                 self.e(n.format_spec, True))
        elif isinstance(n, (ast.List, ast.Tuple, ast.Set)):
            body = "elts=" + self.lst(n.elts)
        elif isinstance(n, ast.Dict):
            body = "keys=%s, values=%s" % (self.lst(n.keys), self.lst(n.values))
        elif isinstance(n, ast.BinOp):
            body = "left=%s, op=%s, right=%s" % (self.e(n.left), type(n.op).__name__, self.e(n.right))
        elif isinstance(n, ast.UnaryOp):
            body = "op=%s, operand=%s" % (type(n.op).__name__, self.e(n.operand))
        elif isinstance(n, ast.BoolOp):
            body = "op=%s, values=%s" % (type(n.op).__name__, self.lst(n.values))
        elif isinstance(n, ast.Compare):
            body = "left=%s, ops=[%s], comparators=%s" % (self.e(n.left), ", ".join(type(o).__name__ for o in n.ops),
                                                           self.lst(n.comparators))
        elif isinstance(n, ast.Call):
            body = "func=%s, args=%s, keywords=%s" % (self.e(n.func), self.lst(n.args), self.kws(n.keywords))
        elif isinstance(n, ast.Attribute):
            body = "value=%s, attr=%s" % (self.e(n.value), s(n.attr))
        elif isinstance(n, ast.Subscript):
            body = "value=%s, slice=%s" % (self.e(n.value), self.e(n.slice))
        elif isinstance(n, ast.Slice):
            body = "lower=%s, upper=%s, step=%s" % (self.e(n.lower), self.e(n.upper), self.e(n.step))
        elif isinstance(n, ast.Starred):
            body = "value=" + self.e(n.value)
        elif isinstance(n, ast.IfExp):
            body = "test=%s, body=%s, orelse=%s" % (self.e(n.test), self.e(n.body), self.e(n.orelse))
        elif isinstance(n, ast.Lambda):
            body = "args=%s, body=%s" % (self.args(n.args), self.e(n.body))
        elif isinstance(n, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
            body = "elt=%s, generators=%s" % (self.e(n.elt), self.gens(n.generators))
        elif isinstance(n, ast.DictComp):
            body = "key=%s, value=%s, generators=%s" % (self.e(n.key), self.e(n.value), self.gens(n.generators))
        elif isinstance(n, (ast.Yield, ast.YieldFrom)):
            body = "value=" + self.e(n.value)
        else:
            raise ValueError("unsupported expression " + name)
        return h + body + ")"

    def st(self, n):
        name = type(n).__name__
        h = name + self.pos(n) + "("
        if isinstance(n, ast.FunctionDef):
            body = "name=%s, args=%s, body=%s, decorator_list=%s" % (s(n.name), self.args(n.args), self.stmts(n.body),
                                                                     self.lst(n.decorator_list))
        elif isinstance(n, ast.ClassDef):
            body = "name=%s, bases=%s, keywords=%s, body=%s, decorator_list=%s" % (
                s(n.name), self.lst(n.bases), self.kws(n.keywords), self.stmts(n.body), self.lst(n.decorator_list))
        elif isinstance(n, ast.Return):
            body = "value=" + self.e(n.value)
        elif isinstance(n, ast.Delete):
            body = "targets=" + self.lst(n.targets)
        elif isinstance(n, ast.Assign):
            body = "targets=%s, value=%s" % (self.lst(n.targets), self.e(n.value))
        elif isinstance(n, ast.AugAssign):
            body = "target=%s, op=%s, value=%s" % (self.e(n.target), type(n.op).__name__, self.e(n.value))
        elif isinstance(n, ast.AnnAssign):
            body = "target=%s, value=%s" % (self.e(n.target), self.e(n.value))
        elif isinstance(n, ast.For):
            body = "target=%s, iter=%s, body=%s, orelse=%s" % (self.e(n.target), self.e(n.iter), self.stmts(n.body),
                                                               self.stmts(n.orelse))
        elif isinstance(n, (ast.While, ast.If)):
            body = "test=%s, body=%s, orelse=%s" % (self.e(n.test), self.stmts(n.body), self.stmts(n.orelse))
        elif isinstance(n, ast.With):
            body = "items=[%s], body=%s" % (", ".join("withitem(context_expr=%s, optional_vars=%s)" % (
                self.e(i.context_expr), self.e(i.optional_vars)) for i in n.items), self.stmts(n.body))
        elif isinstance(n, ast.Raise):
            body = "exc=%s, cause=%s" % (self.e(n.exc), self.e(n.cause))
        elif isinstance(n, ast.Try):
            hs = ", ".join("ExceptHandler%s(type=%s, name=%s, body=%s)" % (self.pos(h), self.e(h.type),
                                                                          self.opt_name(h.name), self.stmts(h.body))
                           for h in n.handlers)
            body = "body=%s, handlers=[%s], orelse=%s, finalbody=%s" % (self.stmts(n.body), hs, self.stmts(n.orelse),
                                                                        self.stmts(n.finalbody))
        elif isinstance(n, ast.Assert):
            body = "test=%s, msg=%s" % (self.e(n.test), self.e(n.msg))
        elif isinstance(n, (ast.Import, ast.ImportFrom)):
            names = "names=[%s]" % ", ".join("alias%s(name=%s, asname=%s)" % (self.pos(a), s(a.name),
                                                                               self.opt_name(a.asname))
                                             for a in n.names)
            if isinstance(n, ast.Import):
                body = names
            else:
                body = "module=%s, %s, level=%d" % (self.opt_name(n.module), names, n.level)
        elif isinstance(n, (ast.Global, ast.Nonlocal)):
            body = "names=[%s]" % ", ".join(s(x) for x in n.names)
        elif isinstance(n, ast.Expr):
            body = "value=" + self.e(n.value)
        elif isinstance(n, (ast.Pass, ast.Break, ast.Continue)):
            body = ""
        else:
            raise ValueError("unsupported statement " + name)
        return h + body + ")"


def main(argv):
    positions = "--positions" in argv
    lines = "--lines" in argv
    argv = [a for a in argv if a not in ("--positions", "--lines")]
    if argv[0] == "-c":
        src = argv[1]
    else:
        with open(argv[0], "rb") as f:
            src = f.read()
    tree = ast.parse(src)
    d = D(positions)
    if lines:
        for st in tree.body:
            print(d.st(st))
    else:
        print("Module(body=" + d.stmts(tree.body) + ")")


if __name__ == "__main__":
    main(sys.argv[1:])
