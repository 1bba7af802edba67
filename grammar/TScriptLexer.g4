// The tscript lexer: the tokens of Python 3.11 that tscript accepts.
//
// Layout (NEWLINE suppression inside brackets, INDENT/DEDENT, blank lines, tab rules) is NOT
// done here: interpreter/front/layout.cpp filters this lexer's raw tokens. Keep every rule
// free of semantic predicates and actions so ANTLR's lexer DFA cache stays usable (a leading
// predicate costs ~80 us per token, see DESIGN.md).
//
// The lexer runs over the source *bytes* (each byte is one ANTLR "character"), so token
// indices and columns are byte offsets, as CPython's col_offset. Non-ASCII bytes may only
// appear in identifiers, strings and comments; the front end checks UTF-8 beforehand.
lexer grammar TScriptLexer;

// Keywords are lexed as NAME and retyped by the layout filter (a keyword table is much
// cheaper than 35 literal rules in the lexer's DFA). Soft keywords (match, case, type, _)
// stay NAMEs.
tokens {
  INDENT, DEDENT,
  FALSE, NONE, TRUE, AND, AS, ASSERT, ASYNC, AWAIT, BREAK, CLASS, CONTINUE, DEF, DEL, ELIF,
  ELSE, EXCEPT, FINALLY, FOR, FROM, GLOBAL, IF, IMPORT, IN, IS, LAMBDA, NONLOCAL, NOT, OR,
  PASS, RAISE, RETURN, TRY, WHILE, WITH, YIELD
}

// The front end normalises \r\n and \r to \n before lexing.
NEWLINE : '\n';

// ---- literals ----
// One token per literal, prefix included; the AST builder decodes escapes and f-strings.
STRING
  : STRING_PREFIX? ( SHORT_STRING_S | SHORT_STRING_D | LONG_STRING_S | LONG_STRING_D )
  ;

// Error tokens: longest match picks STRING whenever the literal is closed.
UNTERMINATED_STRING
  : STRING_PREFIX? ( '\'' SHORT_ITEM_S* | '"' SHORT_ITEM_D* )
  ;
UNTERMINATED_LONG_STRING
  : STRING_PREFIX? ( '\'\'\'' LONG_ITEM_S* '\''? '\''? | '"""' LONG_ITEM_D* '"'? '"'? )
  ;

NUMBER
  : DEC_INTEGER
  | '0' [xX] ( '_'? HEX_DIGIT )+
  | '0' [oO] ( '_'? [0-7] )+
  | '0' [bB] ( '_'? [01] )+
  | FLOAT_NUMBER
  ;

// Complex literals are not part of tscript; lexed so the error is precise.
IMAG_NUMBER
  : ( FLOAT_NUMBER | DIGIT_PART ) [jJ]
  ;

NAME
  : ID_START ID_CONTINUE*
  ;

// ---- operators and delimiters ----
ELLIPSIS     : '...';
DOT          : '.';
STAR         : '*';
OPEN_PAREN   : '(';
CLOSE_PAREN  : ')';
COMMA        : ',';
COLON        : ':';
SEMI_COLON   : ';';
POWER        : '**';
ASSIGN       : '=';
OPEN_BRACK   : '[';
CLOSE_BRACK  : ']';
OR_OP        : '|';
XOR          : '^';
AND_OP       : '&';
LEFT_SHIFT   : '<<';
RIGHT_SHIFT  : '>>';
ADD          : '+';
MINUS        : '-';
DIV          : '/';
MOD          : '%';
IDIV         : '//';
NOT_OP       : '~';
OPEN_BRACE   : '{';
CLOSE_BRACE  : '}';
LESS_THAN    : '<';
GREATER_THAN : '>';
EQUALS       : '==';
GT_EQ        : '>=';
LT_EQ        : '<=';
NOT_EQ       : '!=';
AT           : '@';
ARROW        : '->';
COLON_EQ     : ':=';
ADD_ASSIGN   : '+=';
SUB_ASSIGN   : '-=';
MULT_ASSIGN  : '*=';
AT_ASSIGN    : '@=';
DIV_ASSIGN   : '/=';
MOD_ASSIGN   : '%=';
AND_ASSIGN   : '&=';
OR_ASSIGN    : '|=';
XOR_ASSIGN   : '^=';
LEFT_SHIFT_ASSIGN  : '<<=';
RIGHT_SHIFT_ASSIGN : '>>=';
POWER_ASSIGN : '**=';
IDIV_ASSIGN  : '//=';

// ---- skipped ----
SKIP_
  : ( [ \t\f]+ | '\\' '\n' ) -> skip
  ;

// Passed to the layout filter, which drops it (a NEWLINE after a comment starts at the '#').
COMMENT : '#' ~[\n]* ;

// A backslash not followed by a newline (error: "unexpected character after line
// continuation character", or "unexpected EOF while parsing" at the end of the input).
BACKSLASH : '\\';

// Anything else ('$', '?', '!', '`', control characters): reported by the front end.
ERROR_CHAR : . ;

// ---- fragments ----
fragment STRING_PREFIX
  : [rRuUbBfF]
  | [rR] [bBfF]
  | [bBfF] [rR]
  ;

fragment SHORT_STRING_S : '\'' SHORT_ITEM_S* '\'';
fragment SHORT_STRING_D : '"' SHORT_ITEM_D* '"';
fragment SHORT_ITEM_S : ~[\\\n'] | '\\' . ;
fragment SHORT_ITEM_D : ~[\\\n"] | '\\' . ;

// A long string ends at the first unescaped triple quote, so its body cannot end in a quote.
fragment LONG_STRING_S : '\'\'\'' LONG_ITEM_S* '\'\'\'';
fragment LONG_STRING_D : '"""' LONG_ITEM_D* '"""';
fragment LONG_ITEM_S : LONG_CHAR_S | '\'' LONG_CHAR_S | '\'\'' LONG_CHAR_S ;
fragment LONG_ITEM_D : LONG_CHAR_D | '"' LONG_CHAR_D | '""' LONG_CHAR_D ;
fragment LONG_CHAR_S : ~[\\'] | '\\' . ;
fragment LONG_CHAR_D : ~[\\"] | '\\' . ;

fragment DEC_INTEGER
  : [1-9] ( '_'? DIGIT )*
  | '0' ( '_'? '0' )*
  ;
fragment FLOAT_NUMBER
  : POINT_FLOAT EXPONENT?
  | DIGIT_PART EXPONENT
  ;
fragment POINT_FLOAT
  : DIGIT_PART? '.' DIGIT_PART
  | DIGIT_PART '.'
  ;
fragment EXPONENT   : [eE] [+-]? DIGIT_PART ;
fragment DIGIT_PART : DIGIT ( '_'? DIGIT )* ;
fragment DIGIT      : [0-9] ;
fragment HEX_DIGIT  : [0-9a-fA-F] ;

// Bytes 0x80-0xFF: parts of UTF-8 encoded identifier characters (checked by the front end).
fragment ID_START    : [a-zA-Z_\u0080-\u00FF] ;
fragment ID_CONTINUE : [a-zA-Z0-9_\u0080-\u00FF] ;
