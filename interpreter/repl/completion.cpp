#include "interpreter/repl/completion.h"

#include <algorithm>
#include <cctype>

#include "interpreter/objects/protocol.h"

namespace tscript::repl {

namespace {

// Python's keywords with the text rlcompleter appends, so a unique match is ready to go on.
struct KeywordCompletion {
  const char* word;
  const char* suffix;
};
const KeywordCompletion kKeywords[] = {
    {"False", ""},    {"None", ""},      {"True", ""},    {"and", " "},    {"as", " "},
    {"assert", " "},  {"async", " "},    {"await", " "},  {"break", ""},   {"class", " "},
    {"continue", ""}, {"def", " "},      {"del", " "},    {"elif", " "},   {"else", ""},
    {"except", " "},  {"finally", ":"},  {"for", " "},    {"from", " "},   {"global", " "},
    {"if", " "},      {"import", " "},   {"in", " "},     {"is", " "},     {"lambda", " "},
    {"nonlocal", " "}, {"not", " "},     {"or", " "},     {"pass", ""},    {"raise", " "},
    {"return", " "},  {"try", ":"},      {"while", " "},  {"with", " "},   {"yield", " "},
};

bool is_word_char(unsigned char c) { return c == '_' || c == '.' || c >= 0x80 || std::isalnum(c); }

bool is_identifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c != '.' && is_word_char(static_cast<unsigned char>(c)); });
}

// rlcompleter's rule: private names are offered only once the prefix asks for them.
bool offered(std::string_view name, std::string_view prefix) {
  if (name.substr(0, prefix.size()) != prefix) return false;
  if (prefix.empty()) return name.empty() || name[0] != '_';
  if (prefix == "_") return name.substr(0, 2) != "__";
  return true;
}

// obj.name as stored: module dict, instance dict, then the class dicts along the MRO.
// Descriptors are returned as they are rather than invoked.
Value stored_member(const Value& obj, Str* name) {
  if (auto* m = obj.as<Module>()) return m->dict->get(name);
  if (auto* inst = obj.as<Instance>()) {
    Value v = inst->dict->get(name);
    if (!v.is_null()) return v;
  }
  Type* t = obj.as<Type>() ? obj.as<Type>() : type_of(obj);
  for (Type* x : t->mro) {
    if (!x->dict) continue;
    Value v = x->dict->get(name);
    if (!v.is_null()) return v;
  }
  return Value::null();
}

// Resolves "a.b.c" from the globals, then the built-ins; Null when any part is missing.
Value resolve_dotted(VM& vm, Dict* globals, std::string_view path) {
  Value cur = Value::null();
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t dot = path.find('.', pos);
    std::string_view part = path.substr(pos, dot == std::string_view::npos ? std::string_view::npos : dot - pos);
    if (!is_identifier(part)) return Value::null();
    Str* name = intern(part);
    if (cur.is_null()) {
      cur = globals->get(name);
      if (cur.is_null()) cur = vm.builtins->get(name);
    } else {
      cur = stored_member(cur, name);
    }
    if (cur.is_null() || dot == std::string_view::npos) return cur;
    pos = dot + 1;
  }
  return cur;
}

void add_dict_keys(const Dict* d, std::string_view prefix, std::vector<std::string>& out) {
  for (const auto& e : d->table.entries())
    if (auto* s = e.key.as<Str>(); s && offered(s->s, prefix)) out.push_back(s->s);
}

// Attribute names of obj as the built-in dir() lists them.
void add_attribute_names(VM& vm, const Value& obj, std::string_view prefix, std::vector<std::string>& out) {
  Value dir = vm.builtins->get(intern("dir"));
  if (dir.is_null()) return;
  Value names;
  try {
    names = call(dir, &obj, 1);
  } catch (ScriptError&) {
    return;  // an object dir() cannot list has nothing to offer
  }
  if (auto* list = names.as<List>())
    for (const Value& n : list->items)
      if (auto* s = n.as<Str>(); s && offered(s->s, prefix)) out.push_back(s->s);
}

}  // namespace

Completion complete(VM& vm, Dict* globals, std::string_view line) {
  Completion result;
  size_t start = line.size();
  while (start > 0 && is_word_char(static_cast<unsigned char>(line[start - 1]))) --start;
  std::string_view word = line.substr(start);
  if (word.empty() || std::isdigit(static_cast<unsigned char>(word[0]))) {
    result.start = line.size();
    return result;
  }
  size_t dot = word.rfind('.');
  if (dot == std::string_view::npos) {
    result.start = start;
    for (const auto& k : kKeywords)
      if (std::string_view(k.word).substr(0, word.size()) == word) result.candidates.push_back(std::string(k.word) + k.suffix);
    add_dict_keys(globals, word, result.candidates);
    add_dict_keys(vm.builtins.get(), word, result.candidates);
  } else {
    // Candidates replace only the last component, so the line keeps what was typed.
    result.start = start + dot + 1;
    std::string_view prefix = word.substr(dot + 1);
    Value base = resolve_dotted(vm, globals, word.substr(0, dot));
    if (!base.is_null()) add_attribute_names(vm, base, prefix, result.candidates);
  }
  auto& c = result.candidates;
  std::sort(c.begin(), c.end());
  c.erase(std::unique(c.begin(), c.end()), c.end());
  return result;
}

std::string common_prefix(const std::vector<std::string>& candidates) {
  if (candidates.empty()) return "";
  std::string prefix = candidates.front();
  for (const auto& c : candidates) {
    size_t n = 0;
    while (n < prefix.size() && n < c.size() && prefix[n] == c[n]) ++n;
    // Never split a UTF-8 sequence: back up to the start of the character.
    while (n > 0 && n < prefix.size() && (static_cast<unsigned char>(prefix[n]) & 0xC0) == 0x80) --n;
    prefix.resize(n);
  }
  return prefix;
}

}  // namespace tscript::repl
