// The random module: CPython 3.11's random.Random (Lib/random.py over _random.Random) on
// the same Mersenne Twister, so a seeded script draws exactly CPython's numbers. The
// module-level functions are bound methods of one hidden instance, as in CPython.
#include <chrono>
#include <cmath>
#include <fstream>
#include <unistd.h>
#include <unordered_set>

#include "interpreter/builtins/builtins_internal.h"
#include "interpreter/builtins/mersenne_twister.h"
#include "interpreter/builtins/sha512.h"

namespace tscript {

namespace {

using ast::Operator;

struct RandomObject : Object {
  static constexpr Layout kLayout = Layout::Native;
  MersenneTwister mt;
  Value gauss_next;  // the second normal value gauss() computed, or None
  Ref<Dict> dict;    // attributes scripts set (random.Random is a Python class in CPython)
  explicit RandomObject(Type* t) : Object(t), dict(make<Dict>()) {}
};

Type* random_type();

RandomObject* self_of(const Value& v) {
  if (!v.is_obj() || !v.obj()->type->is_subtype(random_type()))
    type_error("descriptor requires a 'random.Random' object but received a '" + type_name(v) + "'");
  return static_cast<RandomObject*>(v.obj());
}

Value num(double d) { return Value(d); }
Value op(Operator o, const Value& a, const Value& b) { return binary_op(o, a, b); }

// ---- seeding ----

// The 32-bit words of an unsigned number, least significant first, without leading
// zero words (but at least one), as _random_Random_seed_impl splits abs(seed).
std::vector<uint32_t> trim(std::vector<uint32_t> w) {
  while (w.size() > 1 && w.back() == 0) w.pop_back();
  if (w.empty()) w.push_back(0);
  return w;
}
std::vector<uint32_t> words_of(uint64_t n) { return trim({static_cast<uint32_t>(n), static_cast<uint32_t>(n >> 32)}); }
// int.from_bytes(bytes, 'big') as words.
std::vector<uint32_t> words_of_big_endian(const std::string& bytes) {
  std::vector<uint32_t> w((bytes.size() + 3) / 4, 0);
  for (size_t i = 0; i < bytes.size(); ++i) {
    size_t bit = (bytes.size() - 1 - i) * 8;  // position of this byte from the right
    w[bit / 32] |= static_cast<uint32_t>(static_cast<uint8_t>(bytes[i])) << (bit % 32);
  }
  return trim(std::move(w));
}

// CPython's hash(float) (_Py_HashDouble), which seeds float arguments.
uint64_t py_hash_double(double v) {
  constexpr int kBits = 61;
  constexpr uint64_t kModulus = (uint64_t(1) << kBits) - 1;
  if (std::isinf(v)) return v > 0 ? 314159 : static_cast<uint64_t>(-314159);
  int e;
  double m = std::frexp(v, &e);
  int sign = 1;
  if (m < 0) sign = -1, m = -m;
  uint64_t x = 0;
  while (m != 0) {
    x = ((x << 28) & kModulus) | x >> (kBits - 28);
    m *= 268435456.0;
    e -= 28;
    uint64_t y = static_cast<uint64_t>(m);
    m -= static_cast<double>(y);
    x += y;
    if (x >= kModulus) x -= kModulus;
  }
  e = e >= 0 ? e % kBits : kBits - 1 - ((-1 - e) % kBits);
  x = ((x << e) & kModulus) | x >> (kBits - e);
  x = x * static_cast<uint64_t>(static_cast<int64_t>(sign));
  return x == static_cast<uint64_t>(-1) ? static_cast<uint64_t>(-2) : x;
}

// seed(None): 624 words from the OS, or the clock and pid when it has none.
std::vector<uint32_t> os_entropy() {
  std::vector<uint32_t> key(MersenneTwister::N);
  std::ifstream in("/dev/urandom", std::ios::binary);
  if (in.read(reinterpret_cast<char*>(key.data()), static_cast<std::streamsize>(key.size() * 4))) return key;
  auto ns = std::chrono::system_clock::now().time_since_epoch().count();
  return {static_cast<uint32_t>(ns), static_cast<uint32_t>(static_cast<uint64_t>(ns) >> 32),
          static_cast<uint32_t>(::getpid())};
}

void seed(RandomObject* r, const Value& a, int64_t version) {
  std::vector<uint32_t> key;
  if (a.is_none()) {
    key = os_entropy();
  } else if (a.is_intlike()) {
    int64_t n = a.as_int();
    key = words_of(n < 0 ? uint64_t(0) - static_cast<uint64_t>(n) : static_cast<uint64_t>(n));
  } else if (a.is_float()) {
    key = std::isnan(a.as_float()) ? os_entropy() : words_of(py_hash_double(a.as_float()));  // NaN hashes by id
  } else if (auto* s = a.as<Str>()) {
    if (version == 2) {
      auto digest = sha512(s->s);
      key = words_of_big_endian(s->s + std::string(digest.begin(), digest.end()));
    } else if (version == 1) {
      // The pre-3.2 string hash, over code points.
      std::vector<char32_t> cps;
      for (size_t i = 0; i < s->s.size();) cps.push_back(format_detail::utf8_decode(s->s, i));
      uint64_t x = cps.empty() ? 0 : static_cast<uint64_t>(cps[0]) << 7;
      for (char32_t c : cps) x = (1000003 * x) ^ c;
      x ^= cps.size();
      key = words_of(x);
    } else {
      key = os_entropy();  // CPython seeds other versions from the per-process str hash
    }
  } else {
    type_error("The only supported seed types are: None,\nint, float, str, bytes, and bytearray.");
  }
  r->mt.seed(key);
  r->gauss_next = Value();
}

// ---- integers ----

int bit_length(uint64_t n) { return n ? 64 - __builtin_clzll(n) : 0; }

// _randbelow_with_getrandbits: rejection sampling on bit_length(n) bits.
int64_t randbelow(RandomObject* r, int64_t n) {
  int k = bit_length(static_cast<uint64_t>(n));
  uint64_t x = r->mt.bits(k);
  while (x >= static_cast<uint64_t>(n)) x = r->mt.bits(k);
  return static_cast<int64_t>(x);
}

// randrange's argument conversion: operator.index, or int(x) when that loses nothing.
int64_t range_arg(const Value& v, const char* what) {
  if (v.is_intlike()) return v.as_int();
  if (!type_lookup(v, intern("__index__")).is_null()) return index_value(v);
  Value i = call(Value(static_cast<Object*>(types().int_)), {v});
  if (!values_equal(i, v)) {
    vm().warn("DeprecationWarning", "randrange() will raise TypeError in the future");
    value_error(std::string("non-integer ") + what + " for randrange()");
  }
  vm().warn("DeprecationWarning",
            "non-integer arguments to randrange() have been deprecated since Python 3.10 and will be removed in a "
            "subsequent version");
  return i.as_int();
}

int64_t add_checked(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r)) overflow_error();
  return r;
}

Value r_randrange(Value* a, const Value&) {
  RandomObject* r = self_of(a[0]);
  int64_t start = range_arg(a[1], "arg 1");
  if (a[2].is_none()) {
    if (!(a[3].is_int() && a[3].as_int() == 1)) type_error("Missing a non-None stop argument");
    if (start > 0) return Value(randbelow(r, start));
    value_error("empty range for randrange()");
  }
  int64_t stop = range_arg(a[2], "stop"), width;
  if (__builtin_sub_overflow(stop, start, &width)) overflow_error();
  int64_t step = range_arg(a[3], "step");
  if (step == 1) {
    if (width > 0) return Value(start + randbelow(r, width));
    value_error("empty range for randrange() (" + std::to_string(start) + ", " + std::to_string(stop) + ", " +
                std::to_string(width) + ")");
  }
  if (step == 0) value_error("zero step for randrange()");
  // n = ceil(width / step) with Python's floor division.
  int64_t num = add_checked(width, step > 0 ? step - 1 : step + 1);
  int64_t n = num / step - ((num % step != 0) && ((num < 0) != (step < 0)));
  if (n <= 0) value_error("empty range for randrange()");
  return Value(start + step * randbelow(r, n));
}

Value r_randint(Value* a, const Value& d) {
  Value args[4] = {a[0], a[1], Value(add_checked(range_arg(a[2], "stop"), 1)), Value(int64_t(1))};
  return r_randrange(args, d);
}

Value r_getrandbits(Value* a, const Value&) {
  RandomObject* r = self_of(a[0]);
  int64_t k = arg_int(a[1], "getrandbits");
  if (k < 0) value_error("number of bits must be non-negative");
  if (k > 64) overflow_error();
  uint64_t x = r->mt.bits(static_cast<int>(k));
  if (x > static_cast<uint64_t>(INT64_MAX)) overflow_error();
  return Value(static_cast<int64_t>(x));
}

// ---- sequences ----

Value r_choice(Value* a, const Value&) {
  RandomObject* r = self_of(a[0]);
  int64_t n = length(a[1]);
  if (n == 0) index_error("Cannot choose from an empty sequence");
  return get_item(a[1], Value(randbelow(r, n)));
}

Value r_shuffle(Value* a, const Value&) {
  RandomObject* r = self_of(a[0]);
  auto* list = a[1].as<List>();
  for (int64_t i = length(a[1]) - 1; i > 0; --i) {
    int64_t j = randbelow(r, i + 1);
    if (list) {
      std::swap(list->items[i], list->items[j]);
    } else {
      Value xi = get_item(a[1], Value(i)), xj = get_item(a[1], Value(j));
      set_item(a[1], Value(i), xj);
      set_item(a[1], Value(j), xi);
    }
  }
  return Value();
}

// itertools.accumulate(values) with Python's +.
std::vector<Value> accumulate(const Value& iterable) {
  std::vector<Value> out = to_vector(iterable);
  for (size_t i = 1; i < out.size(); ++i) out[i] = op(Operator::Add, out[i - 1], out[i]);
  return out;
}
// bisect.bisect_right(a, x, lo, hi)
int64_t bisect_right(const std::vector<Value>& v, const Value& x, int64_t lo, int64_t hi) {
  while (lo < hi) {
    int64_t mid = (lo + hi) / 2;
    if (less_than(x, v[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

Value r_choices(Value* a, const Value&) {  // self, population, weights, cum_weights, k
  RandomObject* r = self_of(a[0]);
  const Value& population = a[1];
  int64_t n = length(population), k = index_value(a[4]);
  auto out = make<List>();
  if (a[3].is_none() && a[2].is_none()) {
    for (int64_t i = 0; i < k; ++i)
      out->items.push_back(get_item(population, Value(static_cast<int64_t>(std::floor(r->mt.next_double() * n)))));
    return Value(static_cast<Object*>(out.get()));
  }
  std::vector<Value> cum;
  if (a[3].is_none()) {
    if (a[2].is_intlike())
      type_error("The number of choices must be a keyword argument: k=" + std::to_string(a[2].as_int()));
    cum = accumulate(a[2]);
  } else {
    if (!a[2].is_none()) type_error("Cannot specify both weights and cumulative weights");
    cum = to_vector(a[3]);
  }
  if (static_cast<int64_t>(cum.size()) != n) value_error("The number of weights does not match the population");
  if (cum.empty()) index_error("list index out of range");
  double total = arg_float(op(Operator::Add, cum.back(), num(0.0)), "choices");
  if (total <= 0.0) value_error("Total of weights must be greater than zero");
  if (!std::isfinite(total)) value_error("Total of weights must be finite");
  for (int64_t i = 0; i < k; ++i)
    out->items.push_back(get_item(population, Value(bisect_right(cum, num(r->mt.next_double() * total), 0, n - 1))));
  return Value(static_cast<Object*>(out.get()));
}

bool is_sequence(const Value& v) { return v.is<List>() || v.is<Tuple>() || v.is<Str>() || v.is<Range>(); }

Value r_sample(Value* a, const Value& d) {  // self, population, k, counts
  RandomObject* r = self_of(a[0]);
  const Value& population = a[1];
  if (!is_sequence(population)) type_error("Population must be a sequence.  For dicts or sets, use sorted(d).");
  int64_t n = length(population);
  if (!a[3].is_none()) {
    std::vector<Value> cum = accumulate(a[3]);
    if (static_cast<int64_t>(cum.size()) != n) value_error("The number of counts does not match the population");
    if (cum.empty()) index_error("pop from empty list");
    Value total = cum.back();
    cum.pop_back();
    if (!total.is_intlike()) type_error("Counts must be integers");
    if (total.as_int() <= 0) value_error("Total of counts must be greater than zero");
    Value args[4] = {a[0], Value::steal(new Range(0, total.as_int(), 1)), a[2], Value()};
    Value picks = r_sample(args, d);
    for (auto& s : picks.as<List>()->items) s = get_item(population, Value(bisect_right(cum, s, 0, cum.size())));
    return picks;
  }
  if (a[2].is_float()) type_error("can't multiply sequence by non-int of type 'float'");  // [None] * k
  int64_t k = index_value(a[2]);
  if (k < 0 || k > n) value_error("Sample larger than population or is negative");
  auto result = make<List>();
  result->items.reserve(k);
  int64_t setsize = 21;  // CPython's memory heuristic decides which algorithm (and numbers) we get
  if (k > 5) {
    int e = static_cast<int>(std::ceil(std::log(static_cast<double>(k * 3)) / std::log(4.0)));
    setsize += e < 31 ? int64_t(1) << (2 * e) : INT64_MAX / 2;
  }
  if (n <= setsize) {
    std::vector<Value> pool = to_vector(population);
    for (int64_t i = 0; i < k; ++i) {
      int64_t j = randbelow(r, n - i);
      result->items.push_back(pool[j]);
      pool[j] = pool[n - i - 1];
    }
  } else {
    std::unordered_set<int64_t> selected;
    for (int64_t i = 0; i < k; ++i) {
      int64_t j = randbelow(r, n);
      while (selected.count(j)) j = randbelow(r, n);
      selected.insert(j);
      result->items.push_back(get_item(population, Value(j)));
    }
  }
  return Value(static_cast<Object*>(result.get()));
}

// ---- distributions ----

double unit(const Value& self) { return self_of(self)->mt.next_double(); }

Value r_random(Value* a, const Value&) { return Value(unit(a[0])); }
Value r_uniform(Value* a, const Value&) {
  return op(Operator::Add, a[1], op(Operator::Mult, op(Operator::Sub, a[2], a[1]), num(unit(a[0]))));
}

Value r_triangular(Value* a, const Value&) {  // self, low, high, mode
  double u = unit(a[0]);
  Value low = a[1], high = a[2];
  double c = 0.5;
  if (!a[3].is_none()) {
    try {
      c = arg_float(op(Operator::Div, op(Operator::Sub, a[3], low), op(Operator::Sub, high, low)), "triangular");
    } catch (ScriptError& e) {
      if (!is_instance(e.exc, exc_types().zero_division_error)) throw;
      return low;
    }
  }
  if (u > c) {
    u = 1.0 - u;
    c = 1.0 - c;
    std::swap(low, high);
  }
  return op(Operator::Add, low, op(Operator::Mult, op(Operator::Sub, high, low), num(std::sqrt(u * c))));
}

Value r_gauss(Value* a, const Value&) {
  RandomObject* r = self_of(a[0]);
  Value z = r->gauss_next;
  r->gauss_next = Value();
  if (z.is_none()) {
    double x2pi = r->mt.next_double() * (2.0 * M_PI);
    double g2rad = std::sqrt(-2.0 * std::log(1.0 - r->mt.next_double()));
    z = num(std::cos(x2pi) * g2rad);
    r->gauss_next = num(std::sin(x2pi) * g2rad);
  }
  return op(Operator::Add, a[1], op(Operator::Mult, z, a[2]));
}

double standard_normal(RandomObject* r) {  // Kinderman and Monahan, as normalvariate()
  static const double kMagic = 4 * std::exp(-0.5) / std::sqrt(2.0);
  for (;;) {
    double u1 = r->mt.next_double();
    double u2 = 1.0 - r->mt.next_double();
    double z = kMagic * (u1 - 0.5) / u2;
    if (z * z / 4.0 <= -std::log(u2)) return z;
  }
}
Value r_normalvariate(Value* a, const Value&) {
  return op(Operator::Add, a[1], op(Operator::Mult, num(standard_normal(self_of(a[0]))), a[2]));
}
Value r_lognormvariate(Value* a, const Value& d) {
  double x = arg_float(r_normalvariate(a, d), "lognormvariate");
  double e = std::exp(x);
  if (std::isinf(e) && std::isfinite(x)) raise(exc_types().overflow_error, "math range error");
  return num(e);
}
Value r_expovariate(Value* a, const Value&) { return op(Operator::Div, num(-std::log(1.0 - unit(a[0]))), a[1]); }
Value r_paretovariate(Value* a, const Value&) {
  double u = 1.0 - unit(a[0]);
  return op(Operator::Pow, num(u), op(Operator::Div, num(-1.0), a[1]));
}
Value r_weibullvariate(Value* a, const Value&) {
  double u = 1.0 - unit(a[0]);
  return op(Operator::Mult, a[1], op(Operator::Pow, num(-std::log(u)), op(Operator::Div, num(1.0), a[2])));
}

// ---- state ----

Value r_seed(Value* a, const Value&) {
  seed(self_of(a[0]), a[1], arg_int(a[2], "seed"));
  return Value();
}

Value r_getstate(Value* a, const Value&) {
  RandomObject* r = self_of(a[0]);
  std::vector<Value> words;
  for (int i = 0; i < MersenneTwister::N; ++i) words.push_back(Value(static_cast<int64_t>(r->mt.words()[i])));
  words.push_back(Value(static_cast<int64_t>(r->mt.index())));
  return Value::steal(new Tuple({Value(int64_t(3)), Value::steal(new Tuple(std::move(words))), r->gauss_next}));
}

Value r_setstate(Value* a, const Value&) {
  RandomObject* r = self_of(a[0]);
  Value version = get_item(a[1], Value(int64_t(0)));
  if (!(version.is_intlike() && (version.as_int() == 2 || version.as_int() == 3)))
    value_error("state with version " + to_str(version) + " passed to Random.setstate() of version 3");
  std::vector<Value> parts = to_vector(a[1]);
  if (parts.size() != 3)
    value_error(parts.size() > 3 ? "too many values to unpack (expected 3)"
                                 : "not enough values to unpack (expected 3, got " + std::to_string(parts.size()) + ")");
  auto* words = parts[1].as<Tuple>();
  if (!words) type_error("state vector must be a tuple");
  if (words->items.size() != MersenneTwister::N + 1) value_error("state vector is the wrong size");
  uint32_t mt[MersenneTwister::N];
  for (int i = 0; i < MersenneTwister::N; ++i) {
    int64_t w = index_value(words->items[i]);
    if (w < 0 && version.as_int() == 3) raise(exc_types().overflow_error, "can't convert negative int to unsigned");
    mt[i] = static_cast<uint32_t>(w);  // version 2 stored signed words: x % 2**32
  }
  int64_t index = index_value(words->items.back());
  if (index < 0 || index > MersenneTwister::N) value_error("invalid state");
  r->mt.set_state(mt, static_cast<int>(index));
  r->gauss_next = parts[2];
  return Value();
}

Value r_init(Value* a, const Value&) {
  seed(self_of(a[0]), a[1], 2);
  return Value();
}

// random.Random(x=None), or a script subclass of it: then its own __init__ runs (which
// may call Random.__init__ through super()).
Value construct_random(Type* cls, const Value* args, int nargs, const Tuple* kwnames) {
  Value self = Value::steal(new RandomObject(cls));
  int total = nargs + (kwnames ? static_cast<int>(kwnames->items.size()) : 0);
  std::vector<Value> with_self{self};
  with_self.insert(with_self.end(), args, args + total);
  Value r = call(cls->lookup(intern("__init__")), with_self.data(), nargs + 1, kwnames);
  if (!r.is_none()) type_error("__init__() should return None, not '" + type_name(r) + "'");
  return self;
}

// Methods of random.Random; the module exports the same names bound to one instance.
const struct {
  const char* signature;
  NativeImpl fn;
} kMethods[] = {
    {"__init__(self, x=None)", r_init},
    {"seed(self, a=None, version=2)", r_seed},
    {"random(self)", r_random},
    {"getrandbits(self, k, /)", r_getrandbits},
    {"randrange(self, start, stop=None, step=1)", r_randrange},
    {"randint(self, a, b)", r_randint},
    {"choice(self, seq)", r_choice},
    {"choices(self, population, weights=None, *, cum_weights=None, k=1)", r_choices},
    {"shuffle(self, x)", r_shuffle},
    {"sample(self, population, k, *, counts=None)", r_sample},
    {"uniform(self, a, b)", r_uniform},
    {"triangular(self, low=0.0, high=1.0, mode=None)", r_triangular},
    {"gauss(self, mu=0.0, sigma=1.0)", r_gauss},
    {"normalvariate(self, mu=0.0, sigma=1.0)", r_normalvariate},
    {"lognormvariate(self, mu, sigma)", r_lognormvariate},
    {"expovariate(self, lambd)", r_expovariate},
    {"paretovariate(self, alpha)", r_paretovariate},
    {"weibullvariate(self, alpha, beta)", r_weibullvariate},
    {"getstate(self)", r_getstate},
    {"setstate(self, state)", r_setstate},
};

Type* random_type() {
  static Type* t = [] {
    Type* x = new_builtin_type("Random", "random", Layout::Native, nullptr);
    x->construct = construct_random;
    for (auto& m : kMethods) method(x, m.signature, m.fn);
    set_global(x->dict.get(), "VERSION", Value(int64_t(3)));
    static NativeTypeHooks h = [] {
      NativeTypeHooks k;
      k.get_attr = [](const Value& v, Str* name) -> Value {
        auto* r = static_cast<RandomObject*>(v.obj());
        return name->s == "gauss_next" ? r->gauss_next : r->dict->get(name);
      };
      k.set_attr = [](const Value& v, Str* name, const Value& value) {
        auto* r = static_cast<RandomObject*>(v.obj());
        if (name->s == "gauss_next") r->gauss_next = value;
        else r->dict->set(Value(static_cast<Object*>(name)), value);
        return true;
      };
      return k;
    }();
    x->hooks = &h;
    return x;
  }();
  return t;
}

}  // namespace

Ref<Module> make_random(VM&) {
  auto m = make<Module>("random");
  Dict* d = m->dict.get();
  Type* t = random_type();
  set_global(d, "Random", Value(static_cast<Object*>(t)));
  Value inst = construct_random(t, nullptr, 0, nullptr);
  set_global(d, "_inst", inst);
  for (auto& meth : kMethods) {
    std::string name(meth.signature, std::string_view(meth.signature).find('('));
    if (name[0] != '_') set_global(d, name.c_str(), get_attr(inst, name.c_str()));
  }
  return m;
}

}  // namespace tscript
