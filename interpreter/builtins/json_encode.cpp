// json.dumps: the output of CPython 3.11's json.encoder (C encoder and pure-Python
// _make_iterencode agree), including separators, indentation, key conversion, NaN
// spellings, circular-reference and type errors.
#include <cmath>
#include <unordered_set>

#include "interpreter/builtins/json_internal.h"

namespace tscript {

namespace {

const char kHex[] = "0123456789abcdef";

void append_u_escape(std::string& out, char32_t c) {
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(c >> shift) & 0xf];
}

class Encoder {
 public:
  explicit Encoder(const JsonEncodeOptions& o) : o_(o) {}

  std::string run(const Value& v) {
    encode(v, 0);
    return std::move(out_);
  }

 private:
  // encode_basestring(_ascii): short escapes for the usual controls, \u00XX for the
  // others; in ASCII mode everything outside ' '..'~' too (astral as a surrogate pair).
  void string(std::string_view s) {
    out_ += '"';
    for (size_t i = 0; i < s.size();) {
      size_t start = i;
      char32_t c = format_detail::utf8_decode(s, i);
      switch (c) {
        case '"': out_ += "\\\""; continue;
        case '\\': out_ += "\\\\"; continue;
        case '\b': out_ += "\\b"; continue;
        case '\f': out_ += "\\f"; continue;
        case '\n': out_ += "\\n"; continue;
        case '\r': out_ += "\\r"; continue;
        case '\t': out_ += "\\t"; continue;
        default: break;
      }
      if (c < 0x20 || (o_.ensure_ascii && c > '~')) {
        if (c >= 0x10000) {
          append_u_escape(out_, 0xd800 + ((c - 0x10000) >> 10));
          c = 0xdc00 + ((c - 0x10000) & 0x3ff);
        }
        append_u_escape(out_, c);
      } else {
        out_.append(s.substr(start, i - start));  // the original bytes
      }
    }
    out_ += '"';
  }

  std::string float_text(double d) {
    if (std::isfinite(d)) return float_repr(d);
    if (!o_.allow_nan) value_error("Out of range float values are not JSON compliant");
    return std::isnan(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
  }

  // A dict key as JSON text, or nullopt when skipkeys drops it.
  std::optional<std::string> key_text(const Value& k) {
    if (auto* s = k.as<Str>()) return s->s;
    if (k.is_float()) return float_text(k.as_float());
    if (k.is_bool()) return std::string(k.as_bool() ? "true" : "false");
    if (k.is_none()) return std::string("null");
    if (k.is_int()) return int_repr(k.as_int());
    if (o_.skipkeys) return std::nullopt;
    type_error("keys must be str, int, float, bool or None, not " + type_name(k));
  }

  // Guards a container (or an object handed to default=) against cycles and deep nesting.
  struct Visit {
    Encoder& e;
    const Object* o;
    Visit(Encoder& enc, const Object* obj) : e(enc), o(obj) {
      if (++e.depth_ > json_max_depth())
        raise(exc_types().recursion_error, "maximum recursion depth exceeded while encoding a JSON object");
      if (e.o_.check_circular && !e.markers_.insert(o).second) {
        o = nullptr;
        --e.depth_;
        value_error("Circular reference detected");
      }
    }
    ~Visit() {
      if (!o) return;
      --e.depth_;
      if (e.o_.check_circular) e.markers_.erase(o);
    }
  };

  // Opens a container: with indent, a newline and the next level's indentation.
  std::string open(char bracket, int& level) {
    out_ += bracket;
    if (!o_.indent) return o_.item_separator;
    ++level;
    std::string newline_indent = "\n";
    for (int i = 0; i < level; ++i) newline_indent += *o_.indent;
    out_ += newline_indent;
    return o_.item_separator + newline_indent;
  }
  void close(char bracket, int level) {
    if (o_.indent) {
      out_ += '\n';
      for (int i = 0; i < level - 1; ++i) out_ += *o_.indent;
    }
    out_ += bracket;
  }

  void sequence(const Value& v, const std::vector<Value>& items, int level) {
    if (items.empty()) {
      out_ += "[]";
      return;
    }
    Visit guard(*this, v.obj());
    std::string separator = open('[', level);
    for (size_t i = 0; i < items.size(); ++i) {
      if (i) out_ += separator;
      encode(items[i], level);
    }
    close(']', level);
  }

  void mapping(const Value& v, Dict* d, int level) {
    if (d->size() == 0) {
      out_ += "{}";
      return;
    }
    Visit guard(*this, v.obj());
    std::vector<std::pair<Value, Value>> items;
    for (auto& e : d->table.entries())
      if (!e.key.is_null()) items.emplace_back(e.key, e.value);
    if (o_.sort_keys) {
      std::vector<Value> keys;
      for (auto& kv : items) keys.push_back(kv.first);
      sort_values(keys, Value(), false);
      for (size_t i = 0; i < keys.size(); ++i) items[i] = {keys[i], d->get(keys[i])};
    }
    std::string separator = open('{', level);
    bool first = true;
    for (auto& [key, value] : items) {
      std::optional<std::string> k = key_text(key);
      if (!k) continue;
      if (!first) out_ += separator;
      first = false;
      string(*k);
      out_ += o_.key_separator;
      encode(value, level);
    }
    close('}', level);
  }

  void encode(const Value& v, int level) {
    if (v.is_none()) out_ += "null";
    else if (v.is_bool()) out_ += v.as_bool() ? "true" : "false";
    else if (v.is_int()) out_ += int_repr(v.as_int());
    else if (v.is_float()) out_ += float_text(v.as_float());
    else if (auto* s = v.as<Str>()) string(s->s);
    else if (auto* l = v.as<List>()) sequence(v, l->items, level);
    else if (auto* t = v.as<Tuple>()) sequence(v, t->items, level);
    else if (auto* d = v.as<Dict>()) mapping(v, d, level);
    else if (!o_.default_fn.is_none()) {
      Visit guard(*this, v.obj());
      encode(call(o_.default_fn, {v}), level);
    } else {
      type_error("Object of type " + type_name(v) + " is not JSON serializable");
    }
  }

  const JsonEncodeOptions& o_;
  std::string out_;
  std::unordered_set<const Object*> markers_;
  int depth_ = 0;
};

}  // namespace

std::string json_encode(const Value& obj, const JsonEncodeOptions& options) { return Encoder(options).run(obj); }

}  // namespace tscript
