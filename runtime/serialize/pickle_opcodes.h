// Python's pickle opcodes, written once (protocols 0-5, as in CPython's
// Lib/pickletools.py). The reader handles the binary ones PyTorch checkpoints use;
// the table also names every other opcode so that errors can say which one was found.
#pragma once

#include <cstdint>

namespace tscript::rt::serialize {

// X(NAME, byte, meaning)
#define TSCRIPT_PICKLE_OPCODES(X)                                                  \
  X(MARK, '(', "push a mark: the start of a variable-length item list")         \
  X(STOP, '.', "end of pickle: the top of the stack is the result")              \
  X(POP, '0', "discard the top of the stack")                                    \
  X(POP_MARK, '1', "discard everything down to the last mark")                   \
  X(DUP, '2', "push the top of the stack again")                                 \
  X(FLOAT, 'F', "float as decimal text (protocol 0)")                            \
  X(INT, 'I', "int as decimal text (protocol 0)")                                \
  X(BININT, 'J', "int32, little endian")                                         \
  X(BININT1, 'K', "uint8")                                                       \
  X(LONG, 'L', "long as decimal text (protocol 0)")                              \
  X(BININT2, 'M', "uint16, little endian")                                       \
  X(NONE, 'N', "push None")                                                      \
  X(PERSID, 'P', "persistent id as text (protocol 0)")                           \
  X(BINPERSID, 'Q', "persistent id: the top of the stack")                       \
  X(REDUCE, 'R', "call stack[-2] with the argument tuple stack[-1]")             \
  X(STRING, 'S', "quoted byte string (protocol 0)")                              \
  X(BINSTRING, 'T', "byte string, uint32 length (Python 2 str)")                 \
  X(SHORT_BINSTRING, 'U', "byte string, uint8 length (Python 2 str)")            \
  X(UNICODE, 'V', "raw-unicode-escaped text (protocol 0)")                       \
  X(BINUNICODE, 'X', "UTF-8 str, uint32 length")                                 \
  X(APPEND, 'a', "append the top of the stack to the list below it")             \
  X(BUILD, 'b', "set the state of stack[-2] from stack[-1] (__setstate__)")      \
  X(GLOBAL, 'c', "push module.name, both as newline-terminated text")            \
  X(DICT, 'd', "build a dict from the items above the mark")                     \
  X(EMPTY_DICT, '}', "push an empty dict")                                       \
  X(APPENDS, 'e', "extend the list below the mark with the items above it")      \
  X(GET, 'g', "push a memo entry, index as text")                                \
  X(BINGET, 'h', "push a memo entry, uint8 index")                               \
  X(INST, 'i', "build a class instance (protocol 0)")                            \
  X(LONG_BINGET, 'j', "push a memo entry, uint32 index")                         \
  X(LIST, 'l', "build a list from the items above the mark")                     \
  X(EMPTY_LIST, ']', "push an empty list")                                       \
  X(OBJ, 'o', "build a class instance (protocol 1)")                             \
  X(PUT, 'p', "store the top of the stack in the memo, index as text")           \
  X(BINPUT, 'q', "store the top of the stack in the memo, uint8 index")          \
  X(LONG_BINPUT, 'r', "store the top of the stack in the memo, uint32 index")    \
  X(SETITEM, 's', "dict[stack[-2]] = stack[-1]")                                 \
  X(TUPLE, 't', "build a tuple from the items above the mark")                   \
  X(EMPTY_TUPLE, ')', "push ()")                                                 \
  X(SETITEMS, 'u', "set the key/value pairs above the mark into the dict below") \
  X(BINFLOAT, 'G', "float64, big endian")                                        \
  X(PROTO, '\x80', "protocol version (uint8)")                                   \
  X(NEWOBJ, '\x81', "cls.__new__(cls, *args)")                                   \
  X(EXT1, '\x82', "extension registry code, uint8")                              \
  X(EXT2, '\x83', "extension registry code, uint16")                             \
  X(EXT4, '\x84', "extension registry code, int32")                              \
  X(TUPLE1, '\x85', "build a 1-tuple from the top of the stack")                 \
  X(TUPLE2, '\x86', "build a 2-tuple from the top two items")                    \
  X(TUPLE3, '\x87', "build a 3-tuple from the top three items")                  \
  X(NEWTRUE, '\x88', "push True")                                                \
  X(NEWFALSE, '\x89', "push False")                                              \
  X(LONG1, '\x8a', "int, two's complement little endian, uint8 byte count")      \
  X(LONG4, '\x8b', "int, two's complement little endian, int32 byte count")      \
  X(BINBYTES, 'B', "bytes, uint32 length")                                       \
  X(SHORT_BINBYTES, 'C', "bytes, uint8 length")                                  \
  X(SHORT_BINUNICODE, '\x8c', "UTF-8 str, uint8 length")                         \
  X(BINUNICODE8, '\x8d', "UTF-8 str, uint64 length")                             \
  X(BINBYTES8, '\x8e', "bytes, uint64 length")                                   \
  X(EMPTY_SET, '\x8f', "push an empty set")                                      \
  X(ADDITEMS, '\x90', "add the items above the mark to the set below")           \
  X(FROZENSET, '\x91', "build a frozenset from the items above the mark")        \
  X(NEWOBJ_EX, '\x92', "cls.__new__(cls, *args, **kwargs)")                      \
  X(STACK_GLOBAL, '\x93', "push module.name, both strs from the stack")          \
  X(MEMOIZE, '\x94', "store the top of the stack at the next memo index")        \
  X(FRAME, '\x95', "start of a frame, uint64 length (a hint)")                   \
  X(BYTEARRAY8, '\x96', "bytearray, uint64 length")                              \
  X(NEXT_BUFFER, '\x97', "out-of-band buffer")                                   \
  X(READONLY_BUFFER, '\x98', "make the top buffer read-only")

enum class Op : uint8_t {
#define TSCRIPT_PICKLE_ENUM(name, byte, meaning) name = static_cast<uint8_t>(byte),
  TSCRIPT_PICKLE_OPCODES(TSCRIPT_PICKLE_ENUM)
#undef TSCRIPT_PICKLE_ENUM
};

// "GLOBAL", or nullptr for a byte that is no pickle opcode.
inline const char* opcode_name(uint8_t byte) {
  switch (byte) {
#define TSCRIPT_PICKLE_NAME(name, byte, meaning) \
  case static_cast<uint8_t>(byte): return #name;
    TSCRIPT_PICKLE_OPCODES(TSCRIPT_PICKLE_NAME)
#undef TSCRIPT_PICKLE_NAME
  }
  return nullptr;
}

}  // namespace tscript::rt::serialize
