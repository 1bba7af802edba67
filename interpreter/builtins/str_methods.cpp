// Methods of str.
#include <algorithm>

#include "interpreter/builtins/builtins_internal.h"

namespace tscript {

namespace {

const std::string& S(const Value& v) { return v.as<Str>()->s; }

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

std::string strip_chars(const std::string& s, const Value& chars, bool left, bool right) {
  size_t b = 0, e = s.size();
  if (chars.is_none()) {
    if (left) while (b < e && is_ws(s[b])) ++b;
    if (right) while (e > b && is_ws(s[e - 1])) --e;
  } else {
    const std::string& cs = arg_str(chars, "strip");
    if (left) while (b < e && cs.find(s[b]) != std::string::npos) ++b;
    if (right) while (e > b && cs.find(s[e - 1]) != std::string::npos) --e;
  }
  return s.substr(b, e - b);
}

Value s_strip(Value* a, const Value&) { return str(strip_chars(S(a[0]), a[1], true, true)); }
Value s_lstrip(Value* a, const Value&) { return str(strip_chars(S(a[0]), a[1], true, false)); }
Value s_rstrip(Value* a, const Value&) { return str(strip_chars(S(a[0]), a[1], false, true)); }

Value s_split(Value* a, const Value&) {
  const std::string& s = S(a[0]);
  int64_t maxsplit = arg_int(a[2], "split");
  auto out = make<List>();
  if (a[1].is_none()) {
    size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && is_ws(s[i])) ++i;
      if (i >= s.size()) break;
      if (maxsplit >= 0 && static_cast<int64_t>(out->items.size()) == maxsplit) {
        size_t e = s.size();
        while (e > i && is_ws(s[e - 1])) --e;
        out->items.push_back(str(s.substr(i, e - i)));
        break;
      }
      size_t j = i;
      while (j < s.size() && !is_ws(s[j])) ++j;
      out->items.push_back(str(s.substr(i, j - i)));
      i = j;
    }
  } else {
    const std::string& sep = arg_str(a[1], "split");
    if (sep.empty()) value_error("empty separator");
    size_t i = 0;
    for (;;) {
      if (maxsplit >= 0 && static_cast<int64_t>(out->items.size()) == maxsplit) break;
      size_t j = s.find(sep, i);
      if (j == std::string::npos) break;
      out->items.push_back(str(s.substr(i, j - i)));
      i = j + sep.size();
    }
    out->items.push_back(str(s.substr(i)));
  }
  return Value(static_cast<Object*>(out.get()));
}

Value s_rsplit(Value* a, const Value& d) {
  if (arg_int(a[2], "rsplit") < 0) return s_split(a, d);
  const std::string& s = S(a[0]);
  int64_t maxsplit = arg_int(a[2], "rsplit");
  std::vector<Value> parts;
  if (a[1].is_none()) {
    int64_t e = static_cast<int64_t>(s.size());
    while (e > 0) {
      while (e > 0 && is_ws(s[e - 1])) --e;
      if (e <= 0) break;
      if (static_cast<int64_t>(parts.size()) == maxsplit) {
        int64_t b = 0;
        while (b < e && is_ws(s[b])) ++b;
        parts.push_back(str(s.substr(b, e - b)));
        break;
      }
      int64_t b = e;
      while (b > 0 && !is_ws(s[b - 1])) --b;
      parts.push_back(str(s.substr(b, e - b)));
      e = b;
    }
  } else {
    const std::string& sep = arg_str(a[1], "rsplit");
    if (sep.empty()) value_error("empty separator");
    size_t e = s.size();
    while (static_cast<int64_t>(parts.size()) < maxsplit) {
      if (e < sep.size()) break;
      size_t j = s.rfind(sep, e - sep.size());
      if (j == std::string::npos) break;
      parts.push_back(str(s.substr(j + sep.size(), e - j - sep.size())));
      e = j;
    }
    parts.push_back(str(s.substr(0, e)));
  }
  std::reverse(parts.begin(), parts.end());
  return Value::steal(new List(std::move(parts)));
}

Value s_splitlines(Value* a, const Value&) {
  const std::string& s = S(a[0]);
  bool keep = truthy(a[1]);
  auto out = make<List>();
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size() && s[j] != '\n' && s[j] != '\r') ++j;
    size_t e = j;
    if (j < s.size()) {
      if (s[j] == '\r' && j + 1 < s.size() && s[j + 1] == '\n') ++j;
      ++j;
    }
    out->items.push_back(str(s.substr(i, (keep ? j : e) - i)));
    i = j;
  }
  return Value(static_cast<Object*>(out.get()));
}

Value s_join(Value* a, const Value&) {
  const std::string& sep = S(a[0]);
  std::string out;
  size_t i = 0;
  for (auto& v : to_vector(a[1])) {
    auto* s = v.as<Str>();
    if (!s) type_error("sequence item " + std::to_string(i) + ": expected str instance, " + type_name(v) + " found");
    if (i++) out += sep;
    out += s->s;
  }
  return str(std::move(out));
}

Value s_replace(Value* a, const Value&) {
  const std::string& s = S(a[0]);
  const std::string& old = arg_str(a[1], "replace");
  const std::string& rep = arg_str(a[2], "replace");
  int64_t count = arg_int(a[3], "replace");
  std::string out;
  if (old.empty()) {
    // Inserts `rep` between code points (and at both ends).
    int64_t n = 0;
    size_t i = 0;
    if (count != 0) {
      out += rep;
      ++n;
    }
    while (i < s.size()) {
      size_t st = i;
      format_detail::utf8_decode(s, i);
      out.append(s, st, i - st);
      if (count < 0 || n < count) {
        out += rep;
        ++n;
      }
    }
    return str(out);
  }
  size_t i = 0;
  int64_t n = 0;
  for (;;) {
    size_t j = s.find(old, i);
    if (j == std::string::npos || (count >= 0 && n >= count)) break;
    out.append(s, i, j - i);
    out += rep;
    i = j + old.size();
    ++n;
  }
  out.append(s, i, std::string::npos);
  return str(std::move(out));
}

// Converts a code-point index range [start, end) (Python slice rules) to byte offsets.
struct Window {
  size_t b, e;
};
Window window(const Str* s, const Value& start, const Value& end) {
  int64_t n = s->length();
  auto clamp = [&](const Value& v, int64_t dflt) {
    if (v.is_none()) return dflt;
    int64_t i = index_value(v);
    if (i < 0) i = std::max<int64_t>(0, i + n);
    return std::min(i, n);
  };
  int64_t a = clamp(start, 0), b = clamp(end, n);
  if (s->ascii()) return {static_cast<size_t>(a), static_cast<size_t>(std::max(a, b))};
  size_t pos = 0, ba = s->s.size(), bb = s->s.size();
  for (int64_t k = 0; k <= n; ++k) {
    if (k == a) ba = pos;
    if (k == b) bb = pos;
    if (pos < s->s.size()) format_detail::utf8_decode(s->s, pos);
  }
  return {ba, std::max(ba, bb)};
}

int64_t cp_index(const Str* s, size_t byte) {
  if (s->ascii()) return static_cast<int64_t>(byte);
  return static_cast<int64_t>(format_detail::utf8_length(std::string_view(s->s).substr(0, byte)));
}

int64_t find_impl(Value* a, bool reverse) {
  auto* s = a[0].as<Str>();
  const std::string& sub = arg_str(a[1], "find");
  Window w = window(s, a[2], a[3]);
  std::string_view hay(s->s.data() + w.b, w.e - w.b);
  size_t j = reverse ? hay.rfind(sub) : hay.find(sub);
  if (j == std::string_view::npos) return -1;
  return cp_index(s, w.b + j);
}

Value s_find(Value* a, const Value&) { return Value(find_impl(a, false)); }
Value s_rfind(Value* a, const Value&) { return Value(find_impl(a, true)); }
Value s_index(Value* a, const Value&) {
  int64_t i = find_impl(a, false);
  if (i < 0) value_error("substring not found");
  return Value(i);
}
Value s_rindex(Value* a, const Value&) {
  int64_t i = find_impl(a, true);
  if (i < 0) value_error("substring not found");
  return Value(i);
}

Value s_count(Value* a, const Value&) {
  auto* s = a[0].as<Str>();
  const std::string& sub = arg_str(a[1], "count");
  Window w = window(s, a[2], a[3]);
  std::string_view hay(s->s.data() + w.b, w.e - w.b);
  if (sub.empty()) return Value(static_cast<int64_t>(format_detail::utf8_length(hay) + 1));
  int64_t n = 0;
  for (size_t i = hay.find(sub); i != std::string_view::npos; i = hay.find(sub, i + sub.size())) ++n;
  return Value(n);
}

bool affix_match(Value* a, bool prefix) {
  auto* s = a[0].as<Str>();
  Window w = window(s, a[2], a[3]);
  std::string_view hay(s->s.data() + w.b, w.e - w.b);
  auto test = [&](const Value& v) {
    auto* x = v.as<Str>();
    if (!x) type_error(std::string(prefix ? "startswith" : "endswith") + " first arg must be str or a tuple of str, not " + type_name(v));
    const std::string& p = x->s;
    if (p.size() > hay.size()) return false;
    return prefix ? hay.compare(0, p.size(), p) == 0 : hay.compare(hay.size() - p.size(), p.size(), p) == 0;
  };
  if (auto* t = a[1].as<Tuple>()) {
    for (auto& v : t->items)
      if (test(v)) return true;
    return false;
  }
  return test(a[1]);
}
Value s_startswith(Value* a, const Value&) { return Value(affix_match(a, true)); }
Value s_endswith(Value* a, const Value&) { return Value(affix_match(a, false)); }

template <int (*F)(int)>
std::string map_ascii(const std::string& s) {
  std::string out = s;
  for (auto& c : out)
    if (static_cast<unsigned char>(c) < 128) c = static_cast<char>(F(static_cast<unsigned char>(c)));
  return out;
}
Value s_upper(Value* a, const Value&) { return str(map_ascii<::toupper>(S(a[0]))); }
Value s_lower(Value* a, const Value&) { return str(map_ascii<::tolower>(S(a[0]))); }
Value s_capitalize(Value* a, const Value&) {
  std::string s = map_ascii<::tolower>(S(a[0]));
  if (!s.empty() && static_cast<unsigned char>(s[0]) < 128) s[0] = static_cast<char>(::toupper(s[0]));
  return str(s);
}
Value s_title(Value* a, const Value&) {
  std::string s = S(a[0]);
  bool prev_cased = false;
  for (auto& c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 128) continue;
    if (isalpha(u)) {
      c = static_cast<char>(prev_cased ? tolower(u) : toupper(u));
      prev_cased = true;
    } else {
      prev_cased = false;
    }
  }
  return str(s);
}
Value s_swapcase(Value* a, const Value&) {
  std::string s = S(a[0]);
  for (auto& c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 128) c = static_cast<char>(isupper(u) ? tolower(u) : toupper(u));
  }
  return str(s);
}

template <bool (*P)(char32_t)>
Value all_chars(const std::string& s) {
  if (s.empty()) return Value(false);
  size_t i = 0;
  while (i < s.size())
    if (!P(format_detail::utf8_decode(s, i))) return Value(false);
  return Value(true);
}
bool c_digit(char32_t c) { return format_detail::decimal_value(c) >= 0; }
bool c_alpha(char32_t c) { return c < 128 ? isalpha(static_cast<int>(c)) != 0 : c > 0xbf; }
bool c_alnum(char32_t c) { return c_alpha(c) || c_digit(c); }
bool c_space(char32_t c) { return format_detail::is_space(c); }
bool c_upper_ok(char32_t c) { return !(c < 128 && islower(static_cast<int>(c))); }
bool c_lower_ok(char32_t c) { return !(c < 128 && isupper(static_cast<int>(c))); }
Value s_isdigit(Value* a, const Value&) { return all_chars<c_digit>(S(a[0])); }
Value s_isalpha(Value* a, const Value&) { return all_chars<c_alpha>(S(a[0])); }
Value s_isalnum(Value* a, const Value&) { return all_chars<c_alnum>(S(a[0])); }
Value s_isspace(Value* a, const Value&) { return all_chars<c_space>(S(a[0])); }
Value s_isupper(Value* a, const Value&) {
  const std::string& s = S(a[0]);
  bool any = std::any_of(s.begin(), s.end(), [](char c) { return isupper(static_cast<unsigned char>(c)); });
  return Value(any && truthy(all_chars<c_upper_ok>(s)));
}
Value s_islower(Value* a, const Value&) {
  const std::string& s = S(a[0]);
  bool any = std::any_of(s.begin(), s.end(), [](char c) { return islower(static_cast<unsigned char>(c)); });
  return Value(any && truthy(all_chars<c_lower_ok>(s)));
}
Value s_isidentifier(Value* a, const Value&) {
  const std::string& s = S(a[0]);
  if (s.empty() || isdigit(static_cast<unsigned char>(s[0]))) return Value(false);
  for (char c : s)
    if (!(isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 128)) return Value(false);
  return Value(true);
}

Value pad(const Value* a, char align) {
  auto* s = a[0].as<Str>();
  int64_t width = arg_int(a[1], "pad");
  std::string fill = a[2].is_none() ? " " : arg_str(a[2], "pad");
  if (format_detail::utf8_length(fill) != 1) type_error("The fill character must be exactly one character long");
  int64_t n = s->length();
  if (width <= n) return a[0];
  int64_t total = width - n, left = 0;
  if (align == '>') left = total;
  else if (align == '^') left = total / 2 + (total & width & 1);
  std::string out;
  for (int64_t i = 0; i < left; ++i) out += fill;
  out += s->s;
  for (int64_t i = 0; i < total - left; ++i) out += fill;
  return str(out);
}
Value s_ljust(Value* a, const Value&) { return pad(a, '<'); }
Value s_rjust(Value* a, const Value&) { return pad(a, '>'); }
Value s_center(Value* a, const Value&) { return pad(a, '^'); }

Value s_zfill(Value* a, const Value&) {
  const std::string& s = S(a[0]);
  int64_t width = arg_int(a[1], "zfill");
  int64_t n = a[0].as<Str>()->length();
  if (width <= n) return a[0];
  std::string out = s;
  size_t pos = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  out.insert(pos, std::string(width - n, '0'));
  return str(out);
}

Value s_partition(Value* a, const Value&) {
  const std::string& s = S(a[0]);
  const std::string& sep = arg_str(a[1], "partition");
  if (sep.empty()) value_error("empty separator");
  size_t j = s.find(sep);
  if (j == std::string::npos) return Value::steal(new Tuple({a[0], str(""), str("")}));
  return Value::steal(new Tuple({str(s.substr(0, j)), a[1], str(s.substr(j + sep.size()))}));
}
Value s_rpartition(Value* a, const Value&) {
  const std::string& s = S(a[0]);
  const std::string& sep = arg_str(a[1], "rpartition");
  if (sep.empty()) value_error("empty separator");
  size_t j = s.rfind(sep);
  if (j == std::string::npos) return Value::steal(new Tuple({str(""), str(""), a[0]}));
  return Value::steal(new Tuple({str(s.substr(0, j)), a[1], str(s.substr(j + sep.size()))}));
}

Value s_removeprefix(Value* a, const Value&) {
  const std::string& s = S(a[0]);
  const std::string& p = arg_str(a[1], "removeprefix");
  return s.compare(0, p.size(), p) == 0 ? str(s.substr(p.size())) : a[0];
}
Value s_removesuffix(Value* a, const Value&) {
  const std::string& s = S(a[0]);
  const std::string& p = arg_str(a[1], "removesuffix");
  if (!p.empty() && s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0)
    return str(s.substr(0, s.size() - p.size()));
  return a[0];
}

Value s_encode(Value* a, const Value&) { return a[0]; }

// str.format: {} {0} {name} {x.attr} {x[0]} with !r/!s and format specs.
Value s_format(Value* a, const Value&) {
  const std::string& f = S(a[0]);
  auto& args = a[1].as<Tuple>()->items;
  Dict* kwargs = a[2].as<Dict>();
  std::string out;
  size_t auto_idx = 0;
  for (size_t i = 0; i < f.size(); ++i) {
    char c = f[i];
    if (c == '}') {
      if (i + 1 < f.size() && f[i + 1] == '}') {
        out += '}';
        ++i;
        continue;
      }
      value_error("Single '}' encountered in format string");
    }
    if (c != '{') {
      out += c;
      continue;
    }
    if (i + 1 < f.size() && f[i + 1] == '{') {
      out += '{';
      ++i;
      continue;
    }
    int depth = 1;
    size_t j = i + 1;
    for (; j < f.size() && depth; ++j) {
      if (f[j] == '{') ++depth;
      if (f[j] == '}') --depth;
    }
    if (depth) value_error("expected '}' before end of string");
    std::string field = f.substr(i + 1, j - i - 2);
    i = j - 1;
    std::string spec, conv;
    size_t colon = std::string::npos;
    int br = 0;
    for (size_t k = 0; k < field.size(); ++k) {
      if (field[k] == '[') ++br;
      if (field[k] == ']') --br;
      if (field[k] == ':' && br == 0) {
        colon = k;
        break;
      }
    }
    if (colon != std::string::npos) {
      spec = field.substr(colon + 1);
      field = field.substr(0, colon);
    }
    size_t bang = field.find('!');
    if (bang != std::string::npos) {
      conv = field.substr(bang + 1);
      field = field.substr(0, bang);
    }
    // Nested replacement fields inside the spec.
    if (spec.find('{') != std::string::npos) {
      Value sub[3] = {str(spec), a[1], a[2]};
      spec = S(s_format(sub, Value()));
    }
    size_t k = 0;
    while (k < field.size() && field[k] != '.' && field[k] != '[') ++k;
    std::string head = field.substr(0, k);
    Value v;
    if (head.empty()) {
      if (auto_idx >= args.size()) index_error("Replacement index " + std::to_string(auto_idx) + " out of range for positional args tuple");
      v = args[auto_idx++];
    } else if (isdigit(static_cast<unsigned char>(head[0]))) {
      size_t n = std::stoul(head);
      if (n >= args.size()) index_error("Replacement index " + std::to_string(n) + " out of range for positional args tuple");
      v = args[n];
    } else {
      v = kwargs ? kwargs->get(str(head)) : Value::null();
      if (v.is_null()) throw ScriptError{make_exception(exc_types().key_error, std::vector<Value>{str(head)})};
    }
    while (k < field.size()) {
      if (field[k] == '.') {
        size_t e = k + 1;
        while (e < field.size() && field[e] != '.' && field[e] != '[') ++e;
        v = get_attr(v, intern(field.substr(k + 1, e - k - 1)));
        k = e;
      } else {
        size_t e = field.find(']', k);
        std::string key = field.substr(k + 1, e - k - 1);
        bool num = !key.empty() && std::all_of(key.begin(), key.end(), [](char ch) { return isdigit(static_cast<unsigned char>(ch)); });
        v = get_item(v, num ? Value(static_cast<int64_t>(std::stoll(key))) : str(key));
        k = e + 1;
      }
    }
    if (conv == "r") v = str(repr(v));
    else if (conv == "s") v = str(to_str(v));
    out += format_value(v, spec);
  }
  return str(std::move(out));
}

Value s_expandtabs(Value* a, const Value&) {
  int64_t ts = arg_int(a[1], "expandtabs");
  std::string out;
  int64_t col = 0;
  for (char c : S(a[0])) {
    if (c == '\t') {
      int64_t n = ts > 0 ? ts - col % ts : 0;
      out.append(n, ' ');
      col += n;
    } else {
      out += c;
      col = (c == '\n' || c == '\r') ? 0 : col + 1;
    }
  }
  return str(out);
}

}  // namespace

void install_str_methods() {
  Type* t = types().str;
  method(t, "strip(self, chars=None, /)", s_strip);
  method(t, "lstrip(self, chars=None, /)", s_lstrip);
  method(t, "rstrip(self, chars=None, /)", s_rstrip);
  method(t, "split(self, sep=None, maxsplit=-1)", s_split);
  method(t, "rsplit(self, sep=None, maxsplit=-1)", s_rsplit);
  method(t, "splitlines(self, keepends=False)", s_splitlines);
  method(t, "join(self, iterable, /)", s_join);
  method(t, "replace(self, old, new, count=-1, /)", s_replace);
  method(t, "find(self, sub, start=None, end=None, /)", s_find);
  method(t, "rfind(self, sub, start=None, end=None, /)", s_rfind);
  method(t, "index(self, sub, start=None, end=None, /)", s_index);
  method(t, "rindex(self, sub, start=None, end=None, /)", s_rindex);
  method(t, "count(self, sub, start=None, end=None, /)", s_count);
  method(t, "startswith(self, prefix, start=None, end=None, /)", s_startswith);
  method(t, "endswith(self, suffix, start=None, end=None, /)", s_endswith);
  method(t, "upper(self)", s_upper);
  method(t, "lower(self)", s_lower);
  method(t, "capitalize(self)", s_capitalize);
  method(t, "title(self)", s_title);
  method(t, "swapcase(self)", s_swapcase);
  method(t, "isdigit(self)", s_isdigit);
  method(t, "isdecimal(self)", s_isdigit);
  method(t, "isnumeric(self)", s_isdigit);
  method(t, "isalpha(self)", s_isalpha);
  method(t, "isalnum(self)", s_isalnum);
  method(t, "isspace(self)", s_isspace);
  method(t, "isupper(self)", s_isupper);
  method(t, "islower(self)", s_islower);
  method(t, "isidentifier(self)", s_isidentifier);
  method(t, "ljust(self, width, fillchar=None, /)", s_ljust);
  method(t, "rjust(self, width, fillchar=None, /)", s_rjust);
  method(t, "center(self, width, fillchar=None, /)", s_center);
  method(t, "zfill(self, width, /)", s_zfill);
  method(t, "partition(self, sep, /)", s_partition);
  method(t, "rpartition(self, sep, /)", s_rpartition);
  method(t, "removeprefix(self, prefix, /)", s_removeprefix);
  method(t, "removesuffix(self, suffix, /)", s_removesuffix);
  method(t, "encode(self, encoding='utf-8', errors='strict')", s_encode);
  method(t, "format(self, *args, **kwargs)", s_format);
  method(t, "expandtabs(self, tabsize=8)", s_expandtabs);
}

}  // namespace tscript
