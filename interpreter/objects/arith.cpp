// Arithmetic and the other binary/unary operators, for built-in types and through dunders.
#include <cmath>

#include "interpreter/objects/exception.h"
#include "interpreter/objects/format.h"
#include "interpreter/objects/function.h"
#include "interpreter/objects/iterator.h"
#include "interpreter/objects/protocol.h"

namespace tscript {

using ast::Operator;

namespace {

const char* op_symbol(Operator op) {
  switch (op) {
    case Operator::Add: return "+";
    case Operator::Sub: return "-";
    case Operator::Mult: return "*";
    case Operator::MatMult: return "@";
    case Operator::Div: return "/";
    case Operator::Mod: return "%";
    case Operator::Pow: return "** or pow()";
    case Operator::LShift: return "<<";
    case Operator::RShift: return ">>";
    case Operator::BitOr: return "|";
    case Operator::BitXor: return "^";
    case Operator::BitAnd: return "&";
    case Operator::FloorDiv: return "//";
  }
  return "?";
}

const char* dunder(Operator op) {
  switch (op) {
    case Operator::Add: return "add";
    case Operator::Sub: return "sub";
    case Operator::Mult: return "mul";
    case Operator::MatMult: return "matmul";
    case Operator::Div: return "truediv";
    case Operator::Mod: return "mod";
    case Operator::Pow: return "pow";
    case Operator::LShift: return "lshift";
    case Operator::RShift: return "rshift";
    case Operator::BitOr: return "or";
    case Operator::BitXor: return "xor";
    case Operator::BitAnd: return "and";
    case Operator::FloorDiv: return "floordiv";
  }
  return "";
}

Value int_pow(int64_t base, int64_t exp) {
  if (exp < 0) {
    if (base == 0) raise(exc_types().zero_division_error, "0.0 cannot be raised to a negative power");
    return Value(std::pow(static_cast<double>(base), static_cast<double>(exp)));
  }
  int64_t result = 1;
  while (exp > 0) {
    if (exp & 1)
      if (__builtin_mul_overflow(result, base, &result)) overflow_error();
    exp >>= 1;
    if (exp > 0 && __builtin_mul_overflow(base, base, &base)) overflow_error();
  }
  return Value(result);
}

Value float_pow(double a, double b) {
  if (a == 0.0 && b < 0) raise(exc_types().zero_division_error, "0.0 cannot be raised to a negative power");
  if (a < 0 && b != std::floor(b)) {
    value_error("math domain error: negative number cannot be raised to a fractional power (complex numbers are not supported)");
  }
  double r = std::pow(a, b);
  if (std::isinf(r) && std::isfinite(a) && std::isfinite(b)) raise(exc_types().overflow_error, "(34, 'Numerical result out of range')");
  return Value(r);
}

Value numeric(Operator op, const Value& a, const Value& b) {
  try {
    if (a.is_intlike() && b.is_intlike()) {
      int64_t x = a.as_int(), y = b.as_int(), r;
      switch (op) {
        case Operator::Add: if (__builtin_add_overflow(x, y, &r)) overflow_error(); return Value(r);
        case Operator::Sub: if (__builtin_sub_overflow(x, y, &r)) overflow_error(); return Value(r);
        case Operator::Mult: if (__builtin_mul_overflow(x, y, &r)) overflow_error(); return Value(r);
        case Operator::Div:
          if (y == 0) raise(exc_types().zero_division_error, "division by zero");
          return Value(int_truediv(x, y));
        case Operator::FloorDiv: {
          if (y == 0) raise(exc_types().zero_division_error, "integer division or modulo by zero");
          auto q = int_floordiv(x, y);
          if (!q) overflow_error();
          return Value(*q);
        }
        case Operator::Mod:
          if (y == 0) raise(exc_types().zero_division_error, "integer modulo by zero");
          return Value(int_mod(x, y));
        case Operator::Pow: return int_pow(x, y);
        case Operator::LShift:
          if (y < 0) value_error("negative shift count");
          if (x == 0) return Value(int64_t(0));
          if (y >= 63 || (x > 0 ? x > (INT64_MAX >> y) : x < (INT64_MIN >> y))) overflow_error();
          return Value(static_cast<int64_t>(static_cast<uint64_t>(x) << y));
        case Operator::RShift:
          if (y < 0) value_error("negative shift count");
          return Value(y >= 64 ? (x < 0 ? int64_t(-1) : int64_t(0)) : x >> y);
        case Operator::BitAnd:
          if (a.is_bool() && b.is_bool()) return Value(a.as_bool() && b.as_bool());
          return Value(x & y);
        case Operator::BitOr:
          if (a.is_bool() && b.is_bool()) return Value(a.as_bool() || b.as_bool());
          return Value(x | y);
        case Operator::BitXor:
          if (a.is_bool() && b.is_bool()) return Value(a.as_bool() != b.as_bool());
          return Value(x ^ y);
        case Operator::MatMult: return Value::null();
      }
    }
    double x = a.to_double(), y = b.to_double();
    switch (op) {
      case Operator::Add: return Value(x + y);
      case Operator::Sub: return Value(x - y);
      case Operator::Mult: return Value(x * y);
      case Operator::Div:
        if (y == 0) raise(exc_types().zero_division_error, "float division by zero");
        return Value(x / y);
      case Operator::FloorDiv:
        if (y == 0) raise(exc_types().zero_division_error, "float floor division by zero");
        return Value(float_floordiv(x, y));
      case Operator::Mod:
        if (y == 0) raise(exc_types().zero_division_error, "float modulo");
        return Value(float_mod(x, y));
      case Operator::Pow: return float_pow(x, y);
      default: return Value::null();
    }
  } catch (const FormatError& e) {
    raise_format_error(e);
  }
}

Value repeat(const std::vector<Value>& items, int64_t n, bool tuple) {
  std::vector<Value> out;
  if (n > 0) {
    if (static_cast<double>(items.size()) * n > 1e9) raise(exc_types().memory_error, "");
    out.reserve(items.size() * n);
    for (int64_t k = 0; k < n; ++k) out.insert(out.end(), items.begin(), items.end());
  }
  if (tuple) return Value::steal(new Tuple(std::move(out)));
  return Value::steal(new List(std::move(out)));
}

Value set_op(Operator op, const Set* a, const Set* b) {
  auto r = make<Set>();
  auto each = [](const Set* s, auto fn) {
    for (auto& e : s->table.entries())
      if (!e.key.is_null()) fn(e.key);
  };
  switch (op) {
    case Operator::BitOr:
      each(a, [&](const Value& v) { r->add(v); });
      each(b, [&](const Value& v) { r->add(v); });
      break;
    case Operator::BitAnd: each(a, [&](const Value& v) { if (b->contains(v)) r->add(v); }); break;
    case Operator::Sub: each(a, [&](const Value& v) { if (!b->contains(v)) r->add(v); }); break;
    case Operator::BitXor:
      each(a, [&](const Value& v) { if (!b->contains(v)) r->add(v); });
      each(b, [&](const Value& v) { if (!a->contains(v)) r->add(v); });
      break;
    default: return Value::null();
  }
  r->frozen = a->frozen;
  if (a->frozen) r->type = types().frozenset;
  return Value(static_cast<Object*>(r.get()));
}

// printf-style `str % args`.
std::string percent_format(const std::string& fmt, const Value& args) {
  std::vector<Value> items;
  Dict* mapping = args.as<Dict>();
  if (auto* t = args.as<Tuple>()) items = t->items;
  else items.push_back(args);
  size_t next = 0;
  std::string out;
  for (size_t i = 0; i < fmt.size(); ++i) {
    char c = fmt[i];
    if (c != '%') {
      out += c;
      continue;
    }
    if (++i >= fmt.size()) value_error("incomplete format");
    Value arg;
    if (fmt[i] == '(') {
      size_t close = fmt.find(')', i);
      if (close == std::string::npos || !mapping) value_error("incomplete format key");
      Value v = mapping->get(str(fmt.substr(i + 1, close - i - 1)));
      if (v.is_null()) throw ScriptError{make_exception(exc_types().key_error, std::vector<Value>{str(fmt.substr(i + 1, close - i - 1))})};
      arg = v;
      i = close + 1;
    }
    std::string spec;
    while (i < fmt.size() && std::string("-+ #0").find(fmt[i]) != std::string::npos) spec += fmt[i++];
    std::string width;
    while (i < fmt.size() && (isdigit(static_cast<unsigned char>(fmt[i])) || fmt[i] == '*')) {
      if (fmt[i] == '*') width += std::to_string(index_value(items.at(next++)));
      else width += fmt[i];
      ++i;
    }
    std::string prec;
    if (i < fmt.size() && fmt[i] == '.') {
      prec = ".";
      ++i;
      while (i < fmt.size() && isdigit(static_cast<unsigned char>(fmt[i]))) prec += fmt[i++];
      if (prec == ".") prec = ".0";
    }
    if (i >= fmt.size()) value_error("incomplete format");
    char conv = fmt[i];
    if (conv == '%') {
      out += '%';
      continue;
    }
    if (arg.is_none() && !mapping) {
      if (next >= items.size()) type_error("not enough arguments for format string");
      arg = items[next++];
    }
    // Translate printf flags into a format spec.
    std::string fs;
    bool left = spec.find('-') != std::string::npos;
    if (spec.find('+') != std::string::npos) fs += '+';
    else if (spec.find(' ') != std::string::npos) fs += ' ';
    if (spec.find('#') != std::string::npos) fs += '#';
    if (!left && spec.find('0') != std::string::npos && conv != 's' && conv != 'r') fs += '0';
    std::string body;
    switch (conv) {
      case 's': body = format_str(to_str(arg), prec); break;
      case 'r': case 'a': body = format_str(repr(arg), prec); break;
      case 'd': case 'i': case 'u': {
        if (!arg.is_number()) type_error("%" + std::string(1, conv) + " format: a real number is required, not " + type_name(arg));
        int64_t v = arg.is_float() ? static_cast<int64_t>(arg.as_float()) : arg.as_int();
        body = format_int(v, fs + width + "d");
        fs.clear();
        width.clear();
        break;
      }
      case 'x': case 'X': case 'o': case 'c':
        body = format_int(index_value(arg), fs + width + std::string(1, conv));
        fs.clear();
        width.clear();
        break;
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
        if (!arg.is_number()) type_error("must be real number, not " + type_name(arg));
        body = format_float(arg.to_double(), fs + width + (prec.empty() ? ".6" : prec) + std::string(1, conv));
        fs.clear();
        width.clear();
        break;
      }
      default:
        value_error(std::string("unsupported format character '") + conv + "'");
    }
    if (!width.empty()) body = format_str(body, (left ? "<" : ">") + width);
    out += body;
  }
  if (!mapping && next < items.size())
    type_error("not all arguments converted during string formatting");
  return out;
}

// Built-in operator semantics; Null when the pair is not supported natively.
Value builtin_binary(Operator op, const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) return numeric(op, a, b);
  if (!a.is_obj() && !b.is_obj()) return Value::null();
  Layout la = a.is_obj() ? a.obj()->type->layout : Layout::Singleton;
  Layout lb = b.is_obj() ? b.obj()->type->layout : Layout::Singleton;
  switch (op) {
    case Operator::Add:
      if (la == Layout::Str && lb == Layout::Str) return str(a.as<Str>()->s + b.as<Str>()->s);
      if (la == Layout::List && lb == Layout::List) {
        std::vector<Value> out = a.as<List>()->items;
        auto& y = b.as<List>()->items;
        out.insert(out.end(), y.begin(), y.end());
        return Value::steal(new List(std::move(out)));
      }
      if (la == Layout::Tuple && lb == Layout::Tuple) {
        std::vector<Value> out = a.as<Tuple>()->items;
        auto& y = b.as<Tuple>()->items;
        out.insert(out.end(), y.begin(), y.end());
        return Value::steal(new Tuple(std::move(out)));
      }
      break;
    case Operator::Mult: {
      const Value* seq = nullptr;
      const Value* n = nullptr;
      if (b.is_intlike() && a.is_obj()) seq = &a, n = &b;
      else if (a.is_intlike() && b.is_obj()) seq = &b, n = &a;
      if (!seq) break;
      int64_t k = n->as_int();
      if (auto* s = seq->as<Str>()) {
        std::string out;
        if (k > 0) {
          if (static_cast<double>(s->s.size()) * k > 1e10) raise(exc_types().memory_error, "");
          out.reserve(s->s.size() * k);
          for (int64_t i = 0; i < k; ++i) out += s->s;
        }
        return str(std::move(out));
      }
      if (auto* l = seq->as<List>()) return repeat(l->items, k, false);
      if (auto* t = seq->as<Tuple>()) return repeat(t->items, k, true);
      break;
    }
    case Operator::Mod:
      if (la == Layout::Str) return str(percent_format(a.as<Str>()->s, b));
      break;
    case Operator::BitOr:
    case Operator::BitAnd:
    case Operator::Sub:
    case Operator::BitXor:
      if (la == Layout::Set && lb == Layout::Set) return set_op(op, a.as<Set>(), b.as<Set>());
      if (op == Operator::BitOr && la == Layout::Dict && lb == Layout::Dict) {
        auto d = make<Dict>();
        for (auto* src : {a.as<Dict>(), b.as<Dict>()})
          for (auto& e : src->table.entries())
            if (!e.key.is_null()) d->set(e.key, e.value);
        return Value(static_cast<Object*>(d.get()));
      }
      break;
    default: break;
  }
  return Value::null();
}

Value try_dunder(const Value& self, const std::string& name, const Value& other) {
  Value m = type_lookup(self, intern(name));
  if (m.is_null() || m.is<NativeFunction>()) return Value::null();
  Value r = call(m, {self, other});
  if (r.identical(not_implemented())) return Value::null();
  return r;
}

Value dispatch_binary(Operator op, const Value& a, const Value& b, bool inplace) {
  Type* ta = type_of(a);
  Type* tb = type_of(b);
  if (auto* h = hooks_of(ta); h && h->binary) {
    Value r = h->binary(op, a, b, inplace);
    if (!r.is_null()) return r;
  }
  if (auto* h = hooks_of(tb); h && h->binary && tb != ta) {
    Value r = h->binary(op, a, b, false);
    if (!r.is_null()) return r;
  }
  std::string name = dunder(op);
  if (!ta->builtin || !tb->builtin) {
    if (inplace && !ta->builtin) {
      Value r = try_dunder(a, "__i" + name + "__", b);
      if (!r.is_null()) return r;
    }
    bool reflected_first = !tb->builtin && tb != ta && tb->is_subtype(ta);
    if (reflected_first) {
      Value r = try_dunder(b, "__r" + name + "__", a);
      if (!r.is_null()) return r;
    }
    if (!ta->builtin) {
      Value r = try_dunder(a, "__" + name + "__", b);
      if (!r.is_null()) return r;
    }
    if (!reflected_first && !tb->builtin && tb != ta) {
      Value r = try_dunder(b, "__r" + name + "__", a);
      if (!r.is_null()) return r;
    }
  }
  Value r = builtin_binary(op, a, b);
  if (!r.is_null()) return r;
  std::string sym = op_symbol(op);
  if (inplace && op != Operator::Pow) sym += "=";
  if (op == Operator::Add && a.is<Str>())
    type_error("can only concatenate str (not \"" + type_name(b) + "\") to str");
  if (op == Operator::Add && a.is<List>())
    type_error("can only concatenate list (not \"" + type_name(b) + "\") to list");
  if (op == Operator::Add && a.is<Tuple>())
    type_error("can only concatenate tuple (not \"" + type_name(b) + "\") to tuple");
  if (op == Operator::Mult && (a.is<Str>() || a.is<List>() || a.is<Tuple>()) && !b.is_intlike())
    type_error("can't multiply sequence by non-int of type '" + type_name(b) + "'");
  type_error("unsupported operand type(s) for " + sym + ": '" + type_name(a) + "' and '" + type_name(b) + "'");
}

}  // namespace

Value binary_op(Operator op, const Value& a, const Value& b) { return dispatch_binary(op, a, b, false); }

Value inplace_op(Operator op, const Value& a, const Value& b) {
  // Lists extend in place; sets and dicts update in place.
  if (auto* l = a.as<List>(); l && op == Operator::Add && l->type->builtin) {
    for (auto& v : to_vector(b)) l->items.push_back(v);
    return a;
  }
  if (auto* s = a.as<Set>(); s && !s->frozen && b.is<Set>()) {
    Value r = builtin_binary(op, a, b);
    if (!r.is_null()) {
      s->table = r.as<Set>()->table;
      return a;
    }
  }
  return dispatch_binary(op, a, b, true);
}

Value unary_op(ast::UnaryOperator op, const Value& v) {
  using ast::UnaryOperator;
  if (op == UnaryOperator::Not) return Value(!truthy(v));
  if (v.is_intlike()) {
    int64_t x = v.as_int();
    switch (op) {
      case UnaryOperator::USub:
        if (x == INT64_MIN) overflow_error();
        return Value(-x);
      case UnaryOperator::UAdd: return Value(x);
      case UnaryOperator::Invert: return Value(~x);
      default: break;
    }
  }
  if (v.is_float()) {
    if (op == UnaryOperator::USub) return Value(-v.as_float());
    if (op == UnaryOperator::UAdd) return v;
    type_error("bad operand type for unary ~: 'float'");
  }
  Type* t = type_of(v);
  if (auto* h = hooks_of(t); h && h->unary) {
    Value r = h->unary(op, v);
    if (!r.is_null()) return r;
  }
  const char* name = op == UnaryOperator::USub ? "__neg__" : op == UnaryOperator::UAdd ? "__pos__" : "__invert__";
  Value m = type_lookup(v, intern(name));
  if (!m.is_null() && !m.is<NativeFunction>()) return call(m, {v});
  const char* sym = op == UnaryOperator::USub ? "-" : op == UnaryOperator::UAdd ? "+" : "~";
  type_error(std::string("bad operand type for unary ") + sym + ": '" + type_name(v) + "'");
}

}  // namespace tscript
