// The json module's two halves (json_encode.cpp, json_decode.cpp) and their options,
// shared with json_module.cpp, which parses the keyword arguments.
#pragma once

#include <algorithm>
#include <optional>
#include <string>

#include "interpreter/builtins/builtins_internal.h"

namespace tscript {

struct JsonEncodeOptions {
  bool skipkeys = false, ensure_ascii = true, check_circular = true, allow_nan = true, sort_keys = false;
  std::optional<std::string> indent;  // nullopt: one line
  std::string item_separator = ", ", key_separator = ": ";
  Value default_fn;  // None: unknown types raise TypeError
};
// json.dumps: CPython's json.encoder output, byte for byte.
std::string json_encode(const Value& obj, const JsonEncodeOptions& options);

struct JsonDecodeOptions {
  Value object_hook, object_pairs_hook, parse_float, parse_int, parse_constant;  // None: default
  bool strict = true;  // control characters inside strings are errors
};
// json.loads on a str: CPython's scanner, its JSONDecodeError messages and positions.
Value json_decode(const std::string& doc, const JsonDecodeOptions& options);

// How deep json may nest before RecursionError: the script recursion limit (as CPython),
// capped so that sys.setrecursionlimit(100000) cannot overflow the C++ stack.
inline int json_max_depth() { return std::min(vm().recursion_limit, 4000); }

// json.JSONDecodeError (a ValueError) for `msg` at code point `pos` of `doc`, with the
// msg, doc, pos, lineno and colno attributes.
Value make_json_decode_error(const std::string& msg, const std::string& doc, int64_t pos);
Type* json_decode_error_type();

}  // namespace tscript
