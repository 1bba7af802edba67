// The tscript instruction set: one row per opcode, written once (STYLE.md habit 3).
//
// Format: every instruction is a 32-bit word, opcode in the low 8 bits and an unsigned
// 24-bit argument A in the high bits. The VM is a stack machine: TOS is the top of the
// value stack, TOS1 the item under it. "names[A]" and "consts[A]" index the code
// object's tables; "jump A" is an absolute instruction index.
//
// X(NAME, stack effect when not jumping (INT_MIN = depends on A, see stack_effect()), meaning)
#pragma once

#include <cstdint>

// clang-format off
#define TSCRIPT_OPCODES(X) \
  X(NOP,                   0, "do nothing") \
  X(POP_TOP,              -1, "pop TOS") \
  X(DUP_TOP,               1, "push TOS again") \
  X(DUP_TOP_TWO,           2, "push TOS1, TOS again") \
  X(ROT_TWO,               0, "swap TOS and TOS1") \
  X(ROT_THREE,             0, "lift TOS under TOS1 and TOS2") \
  X(ROT_FOUR,              0, "lift TOS under the next three") \
  X(LOAD_CONST,            1, "push consts[A]") \
  X(LOAD_FAST,             1, "push locals[A]; UnboundLocalError when unset") \
  X(LOAD_FAST_ATTR,        1, "LOAD_FAST A fused with the LOAD_ATTR after it (which it skips when done)") \
  X(LOAD_FAST_METHOD,      2, "LOAD_FAST A fused with the LOAD_METHOD after it (likewise)") \
  X(STORE_FAST,           -1, "locals[A] = pop") \
  X(DELETE_FAST,           0, "unset locals[A]") \
  X(LOAD_DEREF,            1, "push cells[A].value (cells = cellvars then freevars)") \
  X(STORE_DEREF,          -1, "cells[A].value = pop") \
  X(DELETE_DEREF,          0, "unset cells[A].value") \
  X(LOAD_CLOSURE,          1, "push the cell object cells[A] itself") \
  X(LOAD_GLOBAL,           1, "push globals[names[A]], else builtins; NameError") \
  X(STORE_GLOBAL,         -1, "globals[names[A]] = pop") \
  X(DELETE_GLOBAL,         0, "del globals[names[A]]") \
  X(LOAD_NAME,             1, "class body: locals dict, then globals, then builtins") \
  X(STORE_NAME,           -1, "class body: locals[names[A]] = pop") \
  X(DELETE_NAME,           0, "class body: del locals[names[A]]") \
  X(LOAD_ATTR,             0, "TOS = getattr(TOS, names[A])") \
  X(STORE_ATTR,           -2, "setattr(TOS, names[A], TOS1); pop both") \
  X(DELETE_ATTR,          -1, "delattr(pop, names[A])") \
  X(LOAD_METHOD,           1, "TOS -> (method, self) or (attribute, NULL) for CALL_METHOD") \
  X(BINARY_SUBSCR,        -1, "TOS = TOS1[TOS]") \
  X(STORE_SUBSCR,         -3, "TOS1[TOS] = TOS2; pop three") \
  X(DELETE_SUBSCR,        -2, "del TOS1[TOS]") \
  X(BINARY_OP,            -1, "TOS = TOS1 <op A> TOS (A = ast::Operator)") \
  X(INPLACE_OP,           -1, "TOS = TOS1 <op A>= TOS; tries __iop__ first") \
  X(UNARY_OP,              0, "TOS = <op A> TOS (A = ast::UnaryOperator)") \
  X(COMPARE_OP,           -1, "TOS = TOS1 <cmp A> TOS (A = ast::CmpOp)") \
  X(JUMP,                  0, "jump A") \
  X(POP_JUMP_IF_FALSE,    -1, "pop; jump A when falsy") \
  X(POP_JUMP_IF_TRUE,     -1, "pop; jump A when truthy") \
  X(JUMP_IF_FALSE_OR_POP, -1, "jump A keeping TOS when falsy, else pop (and)") \
  X(JUMP_IF_TRUE_OR_POP,  -1, "jump A keeping TOS when truthy, else pop (or)") \
  X(GET_ITER,              0, "TOS = iter(TOS)") \
  X(FOR_ITER,              1, "push next(TOS); when exhausted pop TOS and jump A") \
  X(BUILD_TUPLE,     INT32_MIN, "pop A items, push a tuple of them") \
  X(BUILD_LIST,      INT32_MIN, "pop A items, push a list of them") \
  X(BUILD_SET,       INT32_MIN, "pop A items, push a set of them") \
  X(BUILD_MAP,       INT32_MIN, "pop A key/value pairs, push a dict") \
  X(BUILD_SLICE,     INT32_MIN, "pop A (2 or 3) bounds, push a slice") \
  X(BUILD_STRING,    INT32_MIN, "pop A strings, push their concatenation") \
  X(LIST_APPEND,          -1, "pop x; stack[-A].append(x) (comprehensions, displays)") \
  X(SET_ADD,              -1, "pop x; stack[-A].add(x)") \
  X(MAP_ADD,              -2, "pop value, key; stack[-A][key] = value") \
  X(LIST_EXTEND,          -1, "TOS1.extend(pop) (star unpacking in displays)") \
  X(SET_UPDATE,           -1, "TOS1.update(pop)") \
  X(DICT_UPDATE,          -1, "TOS1.update(pop) for {**m}") \
  X(DICT_MERGE,           -1, "TOS1.update(pop) for f(**m): duplicate keys raise TypeError") \
  X(LIST_TO_TUPLE,         0, "TOS = tuple(TOS)") \
  X(UNPACK_SEQUENCE, INT32_MIN, "pop an iterable of exactly A items, push them reversed (item 0 on top)") \
  X(UNPACK_EX,       INT32_MIN, "a, *b, c: A = before | after << 8; pushed reversed, the starred part as a list") \
  X(FORMAT_VALUE,    INT32_MIN, "f-string field: A&3 = conversion (0 none,1 str,2 repr,3 ascii), A&4 = spec on TOS") \
  X(CALL,            INT32_MIN, "call stack[-A-1] with A positional arguments") \
  X(CALL_KW,         INT32_MIN, "TOS = tuple of keyword names; call with A arguments in all") \
  X(CALL_EX,         INT32_MIN, "call TOS1|TOS2 with *args tuple and (A=1) **kwargs dict") \
  X(CALL_METHOD,     INT32_MIN, "call after LOAD_METHOD with A positional arguments") \
  X(CALL_METHOD_KW,  INT32_MIN, "as CALL_KW after LOAD_METHOD") \
  X(MAKE_FUNCTION,   INT32_MIN, "TOS = code; below it (A&8) closure, (A&2) kwdefaults, (A&1) defaults tuples") \
  X(BUILD_CLASS,     INT32_MIN, "stack: body function, name, A bases -> the new class") \
  X(LOAD_SUPER,            1, "push super(owner class, first argument) (zero-argument super())") \
  X(RETURN_VALUE,         -1, "return TOS") \
  X(YIELD_VALUE,           0, "yield TOS; the value sent in replaces it") \
  X(YIELD_FROM,           -1, "TOS = sent value, TOS1 = sub-iterator: delegate until it stops, then push its value") \
  X(RAISE,           INT32_MIN, "A=0 re-raise the handled exception, 1 raise TOS, 2 raise TOS1 from TOS") \
  X(PUSH_EXC_INFO,         1, "exception handler entry: TOS = exc -> (previous handled exc, exc); exc becomes handled") \
  X(POP_EXCEPT,           -1, "pop the previous handled exception and make it current again") \
  X(RERAISE,              -1, "pop TOS and raise it again, keeping its traceback") \
  X(CLEANUP_RERAISE,      -2, "TOS = exc, TOS1 = previous handled exc: restore it, raise exc") \
  X(CHECK_EXC_MATCH,       0, "TOS = isinstance(TOS1, TOS) for except clauses (TOS may be a tuple)") \
  X(BEFORE_WITH,           1, "TOS = manager -> (bound __exit__, result of __enter__)") \
  X(WITH_EXIT,            -1, "normal exit: call TOS(None, None, None) and pop it") \
  X(WITH_EXCEPT,           1, "TOS = exc, TOS2 = __exit__: call __exit__(type, exc, None); push whether to suppress") \
  X(LOAD_ASSERTION_ERROR,  1, "push AssertionError") \
  X(IMPORT_NAME,           0, "TOS = fromlist (None or tuple) -> import names[A] (A's level in consts via IMPORT_LEVEL)") \
  X(IMPORT_FROM,           1, "push getattr(TOS, names[A]) or import the submodule; ImportError") \
  X(IMPORT_STAR,          -1, "pop a module and bind its public names in the current namespace") \
  X(PRINT_EXPR,           -1, "REPL: pop; echo repr when not None and bind it to _") \
  X(SETUP_ANNOTATIONS,     0, "reserved") \
  X(IMPORT_LEVEL,          0, "prefix for the next IMPORT_NAME: relative import level A")
// clang-format on

namespace tscript {

enum class Op : uint8_t {
#define TSCRIPT_OP_ENUM(name, effect, doc) name,
  TSCRIPT_OPCODES(TSCRIPT_OP_ENUM)
#undef TSCRIPT_OP_ENUM
};

constexpr int kOpCount = 0
#define TSCRIPT_OP_COUNT(name, effect, doc) +1
    TSCRIPT_OPCODES(TSCRIPT_OP_COUNT)
#undef TSCRIPT_OP_COUNT
    ;

inline uint32_t encode(Op op, uint32_t arg) { return static_cast<uint32_t>(op) | (arg << 8); }
inline Op op_of(uint32_t ins) { return static_cast<Op>(ins & 0xff); }
inline uint32_t arg_of(uint32_t ins) { return ins >> 8; }
constexpr uint32_t kMaxArg = (1u << 24) - 1;

const char* op_name(Op op);
// Net stack effect of an instruction (jump=true: along its jump edge).
int stack_effect(Op op, uint32_t arg, bool jump);
bool is_jump(Op op);

}  // namespace tscript
