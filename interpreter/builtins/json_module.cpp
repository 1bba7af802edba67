// The json module: dumps/dump/loads/load with CPython's keyword arguments, and
// json.JSONDecodeError. Custom encoder/decoder classes (cls=) are not supported.
#include "interpreter/builtins/json_internal.h"

namespace tscript {

namespace {

// CPython passes unknown keywords on to JSONEncoder/JSONDecoder, which reject them.
void reject_extra_keywords(const Value& kw, const char* cls, const char* allowed = nullptr) {
  for (auto& e : kw.as<Dict>()->table.entries()) {
    if (e.key.is_null()) continue;
    const std::string& name = e.key.as<Str>()->s;
    if (allowed && name == allowed) continue;
    type_error(std::string(cls) + ".__init__() got an unexpected keyword argument '" + name + "'");
  }
}

void reject_cls(const Value& cls) {
  if (!cls.is_none()) type_error("json: cls= (custom encoder/decoder classes) is not supported by tscript");
}

// Slots after obj (and fp): skipkeys, ensure_ascii, check_circular, allow_nan, cls,
// indent, separators, default, sort_keys, **kw.
std::string encode_with(const Value& obj, Value* a) {
  JsonEncodeOptions o;
  o.skipkeys = truthy(a[0]);
  o.ensure_ascii = truthy(a[1]);
  o.check_circular = truthy(a[2]);
  o.allow_nan = truthy(a[3]);
  reject_cls(a[4]);
  reject_extra_keywords(a[9], "JSONEncoder");
  const Value& indent = a[5];
  if (auto* s = indent.as<Str>()) {
    o.indent = s->s;
  } else if (indent.is_intlike()) {
    o.indent = std::string(static_cast<size_t>(std::max<int64_t>(0, indent.as_int())), ' ');  // ' ' * indent
  } else if (!indent.is_none()) {
    type_error("can't multiply sequence by non-int of type '" + type_name(indent) + "'");
  }
  if (o.indent) o.item_separator = ",";
  if (!a[6].is_none()) {
    std::vector<Value> seps = to_vector(a[6]);
    if (seps.size() != 2)
      value_error(seps.size() > 2 ? "too many values to unpack (expected 2)"
                                  : "not enough values to unpack (expected 2, got " + std::to_string(seps.size()) + ")");
    o.item_separator = arg_str(seps[0], "separators");
    o.key_separator = arg_str(seps[1], "separators");
  }
  o.default_fn = a[7];
  o.sort_keys = truthy(a[8]);
  return json_encode(obj, o);
}

Value j_dumps(Value* a, const Value&) { return str(encode_with(a[0], a + 1)); }
Value j_dump(Value* a, const Value&) {
  call_method(a[1], intern("write"), {str(encode_with(a[0], a + 2))});
  return Value();
}

// Slots after s (or fp): cls, object_hook, parse_float, parse_int, parse_constant,
// object_pairs_hook, **kw (only `strict` is understood).
Value decode_with(const Value& s, Value* a) {
  reject_cls(a[0]);
  reject_extra_keywords(a[6], "JSONDecoder", "strict");
  auto* text = s.as<Str>();
  if (!text) type_error("the JSON object must be str, bytes or bytearray, not " + type_name(s));
  JsonDecodeOptions o;
  o.object_hook = a[1];
  o.parse_float = a[2];
  o.parse_int = a[3];
  o.parse_constant = a[4];
  o.object_pairs_hook = a[5];
  Value strict = a[6].as<Dict>()->get(intern("strict"));
  o.strict = strict.is_null() || truthy(strict);
  return json_decode(text->s, o);
}

Value j_loads(Value* a, const Value&) { return decode_with(a[0], a + 1); }
Value j_load(Value* a, const Value&) { return decode_with(call_method(a[0], intern("read"), {}), a + 1); }

// JSONDecodeError(msg, doc, pos): line and column from the code-point position.
void init_decode_error(const Value& self, const Value& msg, const Value& doc, int64_t pos) {
  auto* e = self.as<Exception>();
  if (!e) type_error("JSONDecodeError.__init__() needs an exception instance");
  std::string text = arg_str(doc, "JSONDecodeError");
  int64_t lineno = 1, last_newline = -1, i = 0;
  for (size_t b = 0; b < text.size() && i < pos; ++i) {
    if (text[b] == '\n') ++lineno, last_newline = i;
    format_detail::utf8_decode(text, b);
  }
  int64_t colno = pos - last_newline;
  e->args = make<Tuple>(std::vector<Value>{str(to_str(msg) + ": line " + std::to_string(lineno) + " column " +
                                               std::to_string(colno) + " (char " + std::to_string(pos) + ")")});
  for (auto& [name, v] : {std::pair<const char*, Value>{"msg", msg}, {"doc", doc}, {"pos", Value(pos)},
                          {"lineno", Value(lineno)}, {"colno", Value(colno)}})
    e->dict->set(str(name), v);
}

Value decode_error_init(Value* a, const Value&) {
  init_decode_error(a[0], a[1], a[2], index_value(a[3]));
  return Value();
}

}  // namespace

Type* json_decode_error_type() {
  static Type* t = [] {
    // Not flagged builtin, so tracebacks name it json.decoder.JSONDecodeError; calling
    // it then creates a ValueError-layout instance and runs the __init__ below.
    Type* x = new_builtin_type("JSONDecodeError", "json.decoder", Layout::Exception, exc_types().value_error);
    x->builtin = false;
    method(x, "__init__(self, msg, doc, pos)", decode_error_init);
    return x;
  }();
  return t;
}

Value make_json_decode_error(const std::string& msg, const std::string& doc, int64_t pos) {
  Value e = make_exception(json_decode_error_type(), std::vector<Value>{});
  init_decode_error(e, str(msg), str(doc), pos);
  return e;
}

Ref<Module> make_json(VM&) {
  auto m = make<Module>("json");
  Dict* d = m->dict.get();
  const char* kEncodeKw =
      "*, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True, cls=None, indent=None, "
      "separators=None, default=None, sort_keys=False, **kw)";
  const char* kDecodeKw =
      "*, cls=None, object_hook=None, parse_float=None, parse_int=None, parse_constant=None, "
      "object_pairs_hook=None, **kw)";
  def(d, (std::string("dumps(obj, ") + kEncodeKw).c_str(), j_dumps);
  def(d, (std::string("dump(obj, fp, ") + kEncodeKw).c_str(), j_dump);
  def(d, (std::string("loads(s, ") + kDecodeKw).c_str(), j_loads);
  def(d, (std::string("load(fp, ") + kDecodeKw).c_str(), j_load);
  set_global(d, "JSONDecodeError", Value(static_cast<Object*>(json_decode_error_type())));
  return m;
}

}  // namespace tscript
