// The tscript parser: Python 3.11 statements and expressions, minus async, match and walrus.
//
// Written for speed under ANTLR's adaptive prediction (DESIGN.md): alternatives are
// left-factored so almost every decision is LL(1) or LL(2). Where the factored grammar
// accepts more than Python (keyword arguments with arbitrary left sides, mixed dict/set
// displays, parameter order, `from import x`), the AST builder (interpreter/front) rejects the
// extra forms with CPython's messages. Tokens come from TScriptLexer through the layout
// filter in interpreter/front/layout.cpp (NEWLINE / INDENT / DEDENT).
parser grammar TScriptParser;

options {
  tokenVocab = TScriptLexer;
  superClass = TScriptParserBase;
}

@parser::header {
#include "interpreter/front/parser_base.h"
}

// ---- entry points ----

file_input : stmt* EOF ;

// The expression of an f-string replacement field (parsed on its own, inside brackets).
fstring_input : ( yield_expr | testlist_star_expr ) EOF ;

// ---- statements ----

stmt : simple_stmts | compound_stmt ;

simple_stmts : simple_stmt ( SEMI_COLON simple_stmt )* SEMI_COLON? NEWLINE ;

simple_stmt
  : expr_stmt
  | del_stmt
  | pass_stmt
  | break_stmt
  | continue_stmt
  | return_stmt
  | raise_stmt
  | global_stmt
  | nonlocal_stmt
  | assert_stmt
  | import_name
  | import_from
  | yield_expr
  ;

expr_stmt
  : testlist_star_expr
    ( annassign
    | augassign ( yield_expr | testlist_star_expr )
    | ( ASSIGN ( yield_expr | testlist_star_expr ) )*
    )
  ;

annassign : COLON test ( ASSIGN ( yield_expr | testlist_star_expr ) )? ;

augassign
  : ADD_ASSIGN | SUB_ASSIGN | MULT_ASSIGN | AT_ASSIGN | DIV_ASSIGN | MOD_ASSIGN | AND_ASSIGN
  | OR_ASSIGN | XOR_ASSIGN | LEFT_SHIFT_ASSIGN | RIGHT_SHIFT_ASSIGN | POWER_ASSIGN | IDIV_ASSIGN
  ;

del_stmt      : DEL exprlist ;
pass_stmt     : PASS ;
break_stmt    : BREAK ;
continue_stmt : CONTINUE ;
return_stmt   : RETURN testlist_star_expr? ;
raise_stmt    : RAISE ( test ( FROM test )? )? ;
global_stmt   : GLOBAL NAME ( COMMA NAME )* ;
nonlocal_stmt : NONLOCAL NAME ( COMMA NAME )* ;
assert_stmt   : ASSERT test ( COMMA test )? ;

import_name : IMPORT dotted_as_name ( COMMA dotted_as_name )* ;

// `from import x` (no module, no dots) is rejected by the AST builder.
import_from
  : FROM ( DOT | ELLIPSIS )* dotted_name? IMPORT
    ( STAR
    | OPEN_PAREN import_as_name ( COMMA import_as_name )* COMMA? CLOSE_PAREN
    | import_as_name ( COMMA import_as_name )*
    )
  ;

import_as_name : NAME ( AS NAME )? ;
dotted_as_name : dotted_name ( AS NAME )? ;
dotted_name    : NAME ( DOT NAME )* ;

compound_stmt
  : if_stmt
  | while_stmt
  | for_stmt
  | try_stmt
  | with_stmt
  | funcdef
  | classdef
  | decorated
  ;

if_stmt
  : IF test COLON block ( ELIF test COLON block )* ( ELSE COLON block )?
  ;

while_stmt : WHILE test COLON block ( ELSE COLON block )? ;

for_stmt : FOR exprlist IN testlist_star_expr COLON block ( ELSE COLON block )? ;

try_stmt
  : TRY COLON block
    ( except_clause+ ( ELSE COLON block )? ( FINALLY COLON block )?
    | FINALLY COLON block
    )
  ;

except_clause : EXCEPT ( test ( AS NAME )? )? COLON block ;

// `with (a as b, c):` -- the parenthesised form is tried first, as in CPython's PEG grammar
// (so `with (a, b):` has two context managers).
with_stmt
  : WITH
    ( OPEN_PAREN with_item ( COMMA with_item )* COMMA? CLOSE_PAREN
    | with_item ( COMMA with_item )*
    )
    COLON block
  ;

with_item : test ( AS expr )? ;

funcdef : DEF NAME parameters ( ARROW test )? COLON block ;

parameters : OPEN_PAREN paramlist? CLOSE_PAREN ;

// Order (defaults, `/`, `*`, `**`) is checked by the AST builder.
paramlist : param ( COMMA param )* COMMA? ;

param
  : NAME ( COLON test )? ( ASSIGN test )?
  | STAR ( NAME ( COLON test )? )?
  | POWER NAME ( COLON test )?
  | DIV
  ;

classdef : CLASS NAME ( OPEN_PAREN arglist? CLOSE_PAREN )? COLON block ;

decorated : decorator+ ( classdef | funcdef ) ;

decorator : AT test NEWLINE ;

block
  : simple_stmts
  | NEWLINE INDENT stmt+ DEDENT
  ;

// ---- expressions ----

// Expressions are parsed as flat operator chains and the AST builder applies Python's
// precedence (or < and < not < comparisons < | < ^ < & < shifts < + - < * @ / // % < unary
// < **). An operand costs three rule invocations (test, factor, atom) instead of the fifteen
// of the layered Python grammar: rule entry/exit and parse-tree nodes are most of the
// parser's time. `not` may only start an operand of and/or, as in Python.
test
  : NOT* factor ( ( OR_OP | XOR | AND_OP | LEFT_SHIFT | RIGHT_SHIFT | ADD | MINUS | STAR | AT | DIV | MOD | IDIV | comp_op ) factor
                | ( AND | OR ) NOT* factor
                )*
    ( IF or_test ELSE test )?
  | lambdef
  ;

lambdef : LAMBDA lparamlist? COLON test ;

lparamlist : lparam ( COMMA lparam )* COMMA? ;

lparam
  : NAME ( ASSIGN test )?
  | STAR NAME?
  | POWER NAME
  | DIV
  ;

// The same chain without a conditional: the condition of `x if c else y` and the
// iterables and filters of comprehensions.
or_test
  : NOT* factor ( ( OR_OP | XOR | AND_OP | LEFT_SHIFT | RIGHT_SHIFT | ADD | MINUS | STAR | AT | DIV | MOD | IDIV | comp_op ) factor
                | ( AND | OR ) NOT* factor
                )*
  ;

comp_op
  : LESS_THAN | GREATER_THAN | EQUALS | GT_EQ | LT_EQ | NOT_EQ
  | IN | NOT IN | IS NOT?
  ;

star_expr : STAR expr ;

// The bitwise-or level (no comparisons): targets, `*x`, `**x`.
expr : factor ( ( OR_OP | XOR | AND_OP | LEFT_SHIFT | RIGHT_SHIFT | ADD | MINUS | STAR | AT | DIV | MOD | IDIV ) factor )* ;

// Unary operators, a primary with its trailers, and an optional power (whose right side is
// a factor, so `2 ** -1` works).
factor : ( ADD | MINUS | NOT_OP )* atom trailer* ( POWER factor )? ;

atom
  : OPEN_PAREN ( yield_expr | testlist_comp )? CLOSE_PAREN
  | OPEN_BRACK testlist_comp? CLOSE_BRACK
  | OPEN_BRACE dictorsetmaker? CLOSE_BRACE
  | NAME
  | NUMBER
  | STRING+
  | ELLIPSIS
  | NONE
  | TRUE
  | FALSE
  ;

testlist_comp
  : ( test | star_expr ) ( comp_for | ( COMMA ( test | star_expr ) )* COMMA? )
  ;

trailer
  : OPEN_PAREN arglist? CLOSE_PAREN
  | OPEN_BRACK subscriptlist CLOSE_BRACK
  | DOT NAME
  ;

subscriptlist : subscript ( COMMA subscript )* COMMA? ;

subscript
  : test ( COLON test? sliceop? )?
  | COLON test? sliceop?
  | star_expr
  ;

sliceop : COLON test? ;

exprlist : ( expr | star_expr ) ( COMMA ( expr | star_expr ) )* COMMA? ;

testlist_star_expr : ( test | star_expr ) ( COMMA ( test | star_expr ) )* COMMA? ;

// Dict and set displays share one item rule; the AST builder checks that they are not mixed.
dictorsetmaker
  : dictorset_item ( comp_for | ( COMMA dictorset_item )* COMMA? )
  ;

dictorset_item
  : test ( COLON test )?
  | POWER expr
  | star_expr
  ;

arglist : argument ( COMMA argument )* COMMA? ;

// `name=value` is parsed as `test = test`; the AST builder checks the left side is a name.
argument
  : test ( comp_for | ASSIGN test )?
  | POWER test
  | STAR test
  ;

comp_for : comp_clause+ ;

comp_clause : FOR exprlist IN or_test ( IF or_test )* ;

yield_expr : YIELD ( FROM test | testlist_star_expr )? ;
