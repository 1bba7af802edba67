// The dispatch loop. Built as computed goto with GCC/Clang, or as a plain switch when
// TSCRIPT_SWITCH_DISPATCH is defined (the tests build both).
#include <cmath>
#include <cstring>
#include <new>

#include "interpreter/compiler/opcodes.h"
#include "interpreter/objects/format.h"
#include "interpreter/objects/iterator.h"
#include "interpreter/objects/protocol.h"
#include "interpreter/vm/vm.h"
#include "interpreter/vm/vm_internal.h"

namespace tscript {

using ast::CmpOp;
using ast::Operator;

namespace {

// Integer and float fast paths for the hottest operators; nullptr-free and exact.
__attribute__((always_inline)) inline bool fast_binary(Operator op, const Value& a, const Value& b, Value& out) {
  if (a.is_int() && b.is_int()) {
    int64_t x = a.as_int(), y = b.as_int(), r;
    switch (op) {
      case Operator::Add:
        if (__builtin_add_overflow(x, y, &r)) return false;
        out = Value(r);
        return true;
      case Operator::Sub:
        if (__builtin_sub_overflow(x, y, &r)) return false;
        out = Value(r);
        return true;
      case Operator::Mult:
        if (__builtin_mul_overflow(x, y, &r)) return false;
        out = Value(r);
        return true;
      case Operator::Mod:
        if (y > 0 && x >= 0) {
          out = Value(x % y);
          return true;
        }
        return false;
      case Operator::FloorDiv:
        if (y > 0 && x >= 0) {
          out = Value(x / y);
          return true;
        }
        return false;
      case Operator::BitAnd: out = Value(x & y); return true;
      case Operator::BitOr: out = Value(x | y); return true;
      case Operator::BitXor: out = Value(x ^ y); return true;
      default: return false;
    }
  }
  if (a.is_float() && b.is_float()) {
    double x = a.as_float(), y = b.as_float();
    switch (op) {
      case Operator::Add: out = Value(x + y); return true;
      case Operator::Sub: out = Value(x - y); return true;
      case Operator::Mult: out = Value(x * y); return true;
      case Operator::Div:
        if (y == 0) return false;
        out = Value(x / y);
        return true;
      default: return false;
    }
  }
  if ((a.is_float() && b.is_int()) || (a.is_int() && b.is_float())) {
    double x = a.to_double(), y = b.to_double();
    switch (op) {
      case Operator::Add: out = Value(x + y); return true;
      case Operator::Sub: out = Value(x - y); return true;
      case Operator::Mult: out = Value(x * y); return true;
      default: return false;
    }
  }
  return false;
}

__attribute__((always_inline)) inline bool fast_compare(CmpOp op, const Value& a, const Value& b, bool& out) {
  if (a.is_int() && b.is_int()) {
    int64_t x = a.as_int(), y = b.as_int();
    switch (op) {
      case CmpOp::Lt: out = x < y; return true;
      case CmpOp::LtE: out = x <= y; return true;
      case CmpOp::Gt: out = x > y; return true;
      case CmpOp::GtE: out = x >= y; return true;
      case CmpOp::Eq: out = x == y; return true;
      case CmpOp::NotEq: out = x != y; return true;
      default: return false;
    }
  }
  if (a.is_float() && b.is_float()) {
    double x = a.as_float(), y = b.as_float();
    switch (op) {
      case CmpOp::Lt: out = x < y; return true;
      case CmpOp::LtE: out = x <= y; return true;
      case CmpOp::Gt: out = x > y; return true;
      case CmpOp::GtE: out = x >= y; return true;
      case CmpOp::Eq: out = x == y; return true;
      case CmpOp::NotEq: out = x != y; return true;
      default: return false;
    }
  }
  return false;
}

inline bool fast_truthy(const Value& v, bool& out) {
  switch (v.tag()) {
    case Tag::Bool: out = v.as_bool(); return true;
    case Tag::Int: out = v.as_int() != 0; return true;
    case Tag::None: out = false; return true;
    default: return false;
  }
}

// Where an instance dict holds `name`: the cached entry when it still matches (keys
// stored by attribute assignment are interned, so identity suffices), else a hash probe.
inline Value* instance_slot(Dict* d, Str* name, int64_t& hint) {
  auto& es = d->table.entries();
  if (hint >= 0 && hint < static_cast<int64_t>(es.size())) {
    const Value& k = es[hint].key;
    if (k.is_obj() && k.obj() == name) return &es[hint].value;
  }
  int64_t i = d->table.find(Value(static_cast<Object*>(name)), name->hash());
  if (i < 0) return nullptr;
  hint = i;
  return &es[i].value;
}

// Type::lookup_ref through the instruction's cache (same type, no type dict changed since).
inline const Value* cached_type_attr(Code::InlineCache& c, Type* t, Str* name) {
  uint64_t epoch = type_lookup_epoch();
  if (c.owner == t && c.version == epoch) return c.found;
  const Value* found = t->lookup_ref(name);
  if (type_lookup_epoch() == epoch) {
    c.owner = t;
    c.version = epoch;
    c.found = found;
  }
  return found;
}

// Objects of a built-in type whose methods are looked up on the type alone (no instance
// dict, no native attribute hooks, not a class, module or super object).
inline bool builtin_method_owner(const Type* t) {
  if (!t->builtin || t->hooks) return false;
  switch (t->layout) {
    case Layout::Type: case Layout::Module: case Layout::Super: case Layout::Instance:
    case Layout::Exception: return false;
    default: return true;
  }
}

// A class attribute that reads the same through an instance: not a function, method
// wrapper, property or user descriptor (those take find_attr's path).
inline bool plain_class_value(const Value& v) {
  if (!v.is_obj()) return true;
  const Type* t = v.obj()->type;
  if (!t->builtin) return false;
  switch (t->layout) {
    case Layout::Function: case Layout::NativeFunction: case Layout::Property:
    case Layout::StaticMethod: case Layout::ClassMethod: case Layout::Type: return false;
    default: return true;
  }
}

// obj.name through the instruction's cache when obj is a plain instance and name is an
// instance-dict entry or a plain class value; false when get_attr must answer.
inline bool cached_attr(const Value& obj, Str* name, Code::InlineCache& c, Value& out) {
  auto* inst = obj.as<Instance>();
  if (!inst || inst->type->has_getattr_hook) return false;
  const Value* tv = cached_type_attr(c, inst->type, name);
  if (tv && !plain_class_value(*tv)) return false;
  if (Value* v = instance_slot(inst->dict.get(), name, c.index)) {
    out = *v;
    return true;
  }
  if (!tv) return false;
  out = *tv;
  return true;
}

// The function obj.name(...) calls with obj prepended, through the instruction's cache:
// script methods of plain instances, native methods of built-in types; false otherwise.
inline bool cached_method(const Value& obj, Str* name, Code::InlineCache& c, Value& fn) {
  if (auto* inst = obj.as<Instance>()) {
    const Value* tv = cached_type_attr(c, inst->type, name);
    if (!tv || !tv->is<Function>() || instance_slot(inst->dict.get(), name, c.index)) return false;
    fn = *tv;
    return true;
  }
  // list.append, dict.get, str.join, ...: no instance dict can shadow these.
  if (!obj.is_obj() || !builtin_method_owner(obj.obj()->type)) return false;
  const Value* tv = cached_type_attr(c, obj.obj()->type, name);
  if (!tv || !tv->is<NativeFunction>()) return false;
  fn = *tv;
  return true;
}

[[noreturn]] void name_error(Str* name) {
  raise(exc_types().name_error, "name '" + name->s + "' is not defined");
}

}  // namespace

// A call that can skip argument binding: positional arguments only, exactly as many as
// the function's parameters, no cells among them.
inline bool is_direct(const Function* fn, uint32_t nargs) {
  return fn->code->simple_call && static_cast<int>(nargs) == fn->code->sig.argcount;
}

// Slots an inline Frame takes at the top of its arena block.
constexpr size_t kFrameSlots = (sizeof(Frame) + sizeof(Value) - 1) / sizeof(Value);

// Enters a simple function as an inline frame: the arguments move straight from the
// caller's stack into the callee's locals; the Frame lives in the same arena block.
__attribute__((always_inline)) inline Frame* VM::push_frame(Function* fn, Value* args, uint32_t nargs,
                                                           Value* ret_sp) {
  if (depth >= recursion_limit) raise(exc_types().recursion_error, "maximum recursion depth exceeded");
  if (--poll_countdown <= 0) poll_limits(*this);
  Code* fc = fn->code.get();
  size_t total = fc->nlocals + fc->stacksize;
  Value* base = alloc_slots(total + kFrameSlots);
  // Free arena slots hold None: construct over them without releasing.
  for (uint32_t i = 0; i < nargs; ++i) new (base + i) Value(std::move(args[i]));
  for (int i = static_cast<int>(nargs); i < fc->nlocals; ++i) new (base + i) Value(Value::null());
  Frame* nf = new (base + total) Frame;
  nf->code = fc;
  nf->func = fn;
  nf->globals = fn->globals.get();
  nf->fast = base;
  nf->stack = base + fc->nlocals;
  nf->sp = nf->stack;
  nf->ret_sp = ret_sp;
  nf->nslots = static_cast<uint32_t>(total + kFrameSlots);
  nf->back = frame;
  if (!handled_exc.is_none()) nf->saved_handled = handled_exc;
  frame = nf;
  ++depth;
  return nf;
}

// Leaves an inline frame whose value stack is already empty (as FrameGuard's destructor).
__attribute__((always_inline)) inline void VM::pop_frame(Frame* f) {
  frame = f->back;
  --depth;
  if (!f->saved_handled.is_none() || !handled_exc.is_none()) handled_exc = std::move(f->saved_handled);
  Value* base = f->fast;
  size_t nlocals = static_cast<size_t>(f->code->nlocals), n = f->nslots;
  f->~Frame();
  // The arena's free slots must read as None: a zero tag byte per slot is enough.
  auto* bytes = reinterpret_cast<unsigned char*>(f);
  for (size_t i = 0; i < kFrameSlots; ++i) bytes[i * sizeof(Value)] = 0;
  free_slots(base, nlocals, n);
}

// Looks for a handler for err in frame f, then in the callers of inline frames, popping
// those; on success f is the handling frame with its sp and pc set for the handler.
bool VM::unwind_inline(Frame*& f, ScriptError& err) {
  Value* sp = f->stack + f->code->stacksize;
  uint32_t pc = f->pc;
  for (;;) {
    uint32_t fault = f->pc > 0 ? f->pc - 1 : 0;
    if (Value* handler_sp = unwind_to_handler(*this, f, err, fault, sp, pc)) {
      f->sp = handler_sp;
      f->pc = pc;
      return true;
    }
    if (!f->ret_sp) return false;
    Frame* callee = f;
    f = callee->back;
    pop_frame(callee);
    sp = f->sp;
    pc = f->pc;
  }
}

Value VM::run(Frame* f) {
  FrameGuard guard(*this, f);
  if (--poll_countdown <= 0) poll_limits(*this);
  Code* co;
  const uint32_t* code;
  const Value* consts;
  Value* fast;
  Value* sp;
  uint32_t pc;
  Value* cells;
  // (Re)loads the cached state of frame f: on entry and after entering or leaving an
  // inline frame.
#define LOAD_FRAME()               \
  do {                             \
    co = f->code;                  \
    code = co->code.data();        \
    consts = co->consts.data();    \
    fast = f->fast;                \
    sp = f->sp;                    \
    pc = f->pc;                    \
    cells = fast + co->nlocals;    \
  } while (0)
  LOAD_FRAME();

// Slots above sp always hold None (pops leave None behind), so a push constructs in
// place without releasing the old content. `v` is evaluated before sp moves.
#define PUSH(v)                                   \
  do {                                            \
    ::new (static_cast<void*>(sp)) Value(v);      \
    ++sp;                                         \
  } while (0)
#define POP() (std::move(*--sp))
#define TOP() (sp[-1])
#define SECOND() (sp[-2])
#define NAME(i) (co->names[i].get())

#if defined(__GNUC__) && !defined(TSCRIPT_SWITCH_DISPATCH)
#define TS_COMPUTED_GOTO 1
  static void* const kTargets[] = {
#define TSCRIPT_OP_LABEL(name, effect, doc) &&L_##name,
      TSCRIPT_OPCODES(TSCRIPT_OP_LABEL)
#undef TSCRIPT_OP_LABEL
  };
#define DISPATCH()             \
  do {                         \
    ins = code[pc++];          \
    f->pc = pc;                \
    arg = ins >> 8;            \
    goto* kTargets[ins & 0xff]; \
  } while (0)
#define CASE(name) L_##name:
// A plain goto (unlike a computed one) runs the destructors of the case's locals.
#define NEXT() goto dispatch
#else
#define DISPATCH() \
  ins = code[pc++]; \
  f->pc = pc;       \
  arg = ins >> 8;   \
  switch (static_cast<Op>(ins & 0xff))
#define CASE(name) case Op::name:
#define NEXT() continue
#endif

  for (;;) {
    try {
      uint32_t ins, arg;
#ifdef TS_COMPUTED_GOTO
    dispatch:
      DISPATCH();
      {
#else
      for (;;) {
        DISPATCH() {
#endif
        CASE(NOP) NEXT();
        CASE(POP_TOP) {
          --sp;
          *sp = Value();
          NEXT();
        }
        CASE(DUP_TOP) {
          Value v = TOP();
          PUSH(std::move(v));
          NEXT();
        }
        CASE(DUP_TOP_TWO) {
          Value a = SECOND(), b = TOP();
          PUSH(std::move(a));
          PUSH(std::move(b));
          NEXT();
        }
        CASE(ROT_TWO) {
          std::swap(sp[-1], sp[-2]);
          NEXT();
        }
        CASE(ROT_THREE) {
          Value top = POP();
          Value second = POP();
          Value third = POP();
          PUSH(std::move(top));
          PUSH(std::move(third));
          PUSH(std::move(second));
          NEXT();
        }
        CASE(ROT_FOUR) {
          Value v1 = POP(), v2 = POP(), v3 = POP(), v4 = POP();
          PUSH(std::move(v1));
          PUSH(std::move(v4));
          PUSH(std::move(v3));
          PUSH(std::move(v2));
          NEXT();
        }
        CASE(LOAD_CONST) {
          PUSH(consts[arg]);
          NEXT();
        }
#define DO_LOAD_FAST()                                                     \
  do {                                                                     \
    const Value& v = fast[arg];                                            \
    if (v.is_null()) {                                                     \
      f->pc = pc;                                                          \
      raise(exc_types().unbound_local_error,                               \
            "cannot access local variable '" + co->varnames[arg]->s +      \
                "' where it is not associated with a value");              \
    }                                                                      \
    PUSH(v);                                                               \
  } while (0)
        CASE(LOAD_FAST) {
          DO_LOAD_FAST();
          NEXT();
        }
        CASE(LOAD_FAST_ATTR) {
          // The LOAD_ATTR after this instruction names the attribute and owns the cache.
          Value r;
          if (cached_attr(fast[arg], NAME(code[pc] >> 8), co->inline_cache[pc], r)) {
            PUSH(std::move(r));
            ++pc;
            NEXT();
          }
          DO_LOAD_FAST();
          NEXT();
        }
        CASE(LOAD_FAST_METHOD) {
          Value fn;
          if (cached_method(fast[arg], NAME(code[pc] >> 8), co->inline_cache[pc], fn)) {
            PUSH(std::move(fn));
            PUSH(fast[arg]);
            ++pc;
            NEXT();
          }
          DO_LOAD_FAST();
          NEXT();
        }
#undef DO_LOAD_FAST
        CASE(STORE_FAST) {
          fast[arg] = POP();
          NEXT();
        }
        CASE(DELETE_FAST) {
          if (fast[arg].is_null())
            raise(exc_types().unbound_local_error,
                  "cannot access local variable '" + co->varnames[arg]->s +
                      "' where it is not associated with a value");
          fast[arg] = Value::null();
          NEXT();
        }
        CASE(LOAD_DEREF) {
          Cell* c = static_cast<Cell*>(cells[arg].obj());
          if (c->value.is_null()) {
            size_t ncell = co->cellvars.size();
            const std::string& n = arg < ncell ? co->cellvars[arg]->s : co->freevars[arg - ncell]->s;
            if (arg < ncell)
              raise(exc_types().unbound_local_error,
                    "cannot access local variable '" + n + "' where it is not associated with a value");
            raise(exc_types().name_error,
                  "cannot access free variable '" + n + "' where it is not associated with a value in enclosing scope");
          }
          PUSH(c->value);
          NEXT();
        }
        CASE(STORE_DEREF) {
          static_cast<Cell*>(cells[arg].obj())->value = POP();
          NEXT();
        }
        CASE(DELETE_DEREF) {
          static_cast<Cell*>(cells[arg].obj())->value = Value::null();
          NEXT();
        }
        CASE(LOAD_CLOSURE) {
          PUSH(cells[arg]);
          NEXT();
        }
        CASE(LOAD_GLOBAL) {
          Code::InlineCache& c = co->inline_cache[pc - 1];
          const HashTable& g = f->globals->table;
          const HashTable& b = builtins->table;
          if (c.owner == &g && c.version == g.version() &&
              (!c.in_builtins || c.builtins_version == b.version())) {
            PUSH((c.in_builtins ? b : g).entries()[c.index].value);
            NEXT();
          }
          Str* name = NAME(arg);
          Value key(static_cast<Object*>(name));
          int64_t i = g.find(key, name->hash());
          bool in_builtins = i < 0;
          if (in_builtins) {
            i = b.find(key, name->hash());
            if (i < 0) name_error(name);
          }
          c.owner = &g;
          c.version = g.version();
          c.builtins_version = b.version();
          c.index = i;
          c.in_builtins = in_builtins;
          PUSH((in_builtins ? b : g).entries()[i].value);
          NEXT();
        }
        CASE(STORE_GLOBAL) {
          Value v = POP();  // moved out: a popped slot must not keep a reference
          f->globals->set(Value(static_cast<Object*>(NAME(arg))), v);
          NEXT();
        }
        CASE(DELETE_GLOBAL) {
          if (!f->globals->erase(Value(static_cast<Object*>(NAME(arg))))) name_error(NAME(arg));
          NEXT();
        }
        CASE(LOAD_NAME) {
          Str* name = NAME(arg);
          Value v = f->locals ? f->locals->get(name) : Value::null();
          if (v.is_null()) v = f->globals->get(name);
          if (v.is_null()) v = builtins->get(name);
          if (v.is_null()) name_error(name);
          PUSH(std::move(v));
          NEXT();
        }
        CASE(STORE_NAME) {
          Dict* ns = f->locals ? f->locals : f->globals;
          Value v = POP();
          ns->set(Value(static_cast<Object*>(NAME(arg))), v);
          NEXT();
        }
        CASE(DELETE_NAME) {
          Dict* ns = f->locals ? f->locals : f->globals;
          if (!ns->erase(Value(static_cast<Object*>(NAME(arg))))) name_error(NAME(arg));
          NEXT();
        }
        CASE(LOAD_ATTR) {
          f->pc = pc;
          Value v;
          if (!cached_attr(TOP(), NAME(arg), co->inline_cache[pc - 1], v)) v = get_attr(TOP(), NAME(arg));
          TOP() = std::move(v);
          NEXT();
        }
        CASE(STORE_ATTR) {
          f->pc = pc;
          if (auto* inst = TOP().as<Instance>(); inst && !inst->type->has_setattr_hook) {
            Str* name = NAME(arg);
            const Value* tv = cached_type_attr(co->inline_cache[pc - 1], inst->type, name);
            if (!tv || !tv->is<Property>()) {
              if (Value* slot = instance_slot(inst->dict.get(), name, co->inline_cache[pc - 1].index)) {
                Value old = std::move(*slot);
                *slot = std::move(SECOND());
              } else {
                inst->dict->set(Value(static_cast<Object*>(name)), SECOND());
              }
              sp -= 2;
              sp[0] = Value();
              sp[1] = Value();
              NEXT();
            }
          }
          set_attr(TOP(), NAME(arg), SECOND());
          sp -= 2;
          sp[0] = Value();
          sp[1] = Value();
          NEXT();
        }
        CASE(DELETE_ATTR) {
          del_attr(TOP(), NAME(arg));
          --sp;
          *sp = Value();
          NEXT();
        }
        CASE(LOAD_METHOD) {
          f->pc = pc;
          if (Value fn; cached_method(TOP(), NAME(arg), co->inline_cache[pc - 1], fn)) {
            Value self = std::move(TOP());
            TOP() = std::move(fn);
            PUSH(std::move(self));
            NEXT();
          } else if (auto* sup = TOP().as<Super>()) {
            Value fn;
            if (super_method(sup->start, sup->self, NAME(arg), fn)) {
              Value self = sup->self;
              TOP() = std::move(fn);
              PUSH(std::move(self));
              NEXT();
            }
          }
          Value fn;
          if (lookup_method(TOP(), NAME(arg), fn)) {
            Value self = std::move(TOP());
            TOP() = std::move(fn);
            PUSH(std::move(self));
          } else {
            TOP() = std::move(fn);
            PUSH(Value::null());
          }
          NEXT();
        }
        CASE(BINARY_SUBSCR) {
          f->pc = pc;
          Value key = POP();
          const Value& obj = TOP();
          if (auto* l = obj.as<List>(); l && l->type->builtin && key.is_int()) {
            int64_t i = key.as_int(), n = static_cast<int64_t>(l->items.size());
            if (i < 0) i += n;
            if (i >= 0 && i < n) {
              Value v = l->items[i];
              TOP() = std::move(v);
              NEXT();
            }
          }
          Value v = get_item(obj, key);
          TOP() = std::move(v);
          NEXT();
        }
        CASE(STORE_SUBSCR) {
          f->pc = pc;
          if (auto* l = SECOND().as<List>(); l && l->type->builtin && TOP().is_int()) {
            int64_t i = TOP().as_int(), n = static_cast<int64_t>(l->items.size());
            if (i < 0) i += n;
            if (i >= 0 && i < n) {
              Value old = std::move(l->items[i]);
              l->items[i] = std::move(sp[-3]);
              sp -= 3;
              sp[1] = Value();
              sp[2] = Value();
              NEXT();
            }
          }
          Value key = POP();
          Value obj = POP();
          Value v = POP();
          set_item(obj, key, v);
          NEXT();
        }
        CASE(DELETE_SUBSCR) {
          Value key = POP();
          Value obj = POP();
          del_item(obj, key);
          NEXT();
        }
        CASE(BINARY_OP) {
          Value r;
          if (!fast_binary(static_cast<Operator>(arg), SECOND(), TOP(), r)) {
            f->pc = pc;
            r = binary_op(static_cast<Operator>(arg), SECOND(), TOP());
          }
          --sp;
          *sp = Value();
          TOP() = std::move(r);
          NEXT();
        }
        CASE(INPLACE_OP) {
          Value r;
          if (!fast_binary(static_cast<Operator>(arg), SECOND(), TOP(), r)) {
            f->pc = pc;
            r = inplace_op(static_cast<Operator>(arg), SECOND(), TOP());
          }
          --sp;
          *sp = Value();
          TOP() = std::move(r);
          NEXT();
        }
        CASE(UNARY_OP) {
          f->pc = pc;
          Value r = unary_op(static_cast<ast::UnaryOperator>(arg), TOP());
          TOP() = std::move(r);
          NEXT();
        }
        CASE(COMPARE_OP) {
          bool b;
          if (fast_compare(static_cast<CmpOp>(arg), SECOND(), TOP(), b)) {
            sp -= 2;
            sp[0] = Value();
            sp[1] = Value();
            // A comparison feeding a conditional jump (if/while conditions) takes the jump
            // here, without pushing the bool and dispatching again.
            uint32_t next = code[pc];
            Op next_op = static_cast<Op>(next & 0xff);
            if (next_op == Op::POP_JUMP_IF_FALSE || next_op == Op::POP_JUMP_IF_TRUE) {
              pc = b == (next_op == Op::POP_JUMP_IF_TRUE) ? next >> 8 : pc + 1;
              NEXT();
            }
            PUSH(Value(b));
            NEXT();
          }
          f->pc = pc;
          Value r = compare_op(static_cast<CmpOp>(arg), SECOND(), TOP());
          --sp;
          *sp = Value();
          TOP() = std::move(r);
          NEXT();
        }
        CASE(JUMP) {
          if (arg < pc && --poll_countdown <= 0) {
            f->pc = pc;
            poll_limits(*this);
          }
          pc = arg;
          NEXT();
        }
        CASE(POP_JUMP_IF_FALSE) {
          bool b;
          if (!fast_truthy(TOP(), b)) {
            f->pc = pc;
            b = truthy(TOP());
          }
          --sp;
          *sp = Value();
          if (!b) pc = arg;
          NEXT();
        }
        CASE(POP_JUMP_IF_TRUE) {
          bool b;
          if (!fast_truthy(TOP(), b)) {
            f->pc = pc;
            b = truthy(TOP());
          }
          --sp;
          *sp = Value();
          if (b) pc = arg;
          NEXT();
        }
        CASE(JUMP_IF_FALSE_OR_POP) {
          f->pc = pc;
          if (!truthy(TOP())) {
            pc = arg;
          } else {
            --sp;
            *sp = Value();
          }
          NEXT();
        }
        CASE(JUMP_IF_TRUE_OR_POP) {
          f->pc = pc;
          if (truthy(TOP())) {
            pc = arg;
          } else {
            --sp;
            *sp = Value();
          }
          NEXT();
        }
        CASE(GET_ITER) {
          f->pc = pc;
          Value it = get_iter(TOP());
          TOP() = std::move(it);
          NEXT();
        }
        CASE(FOR_ITER) {
          f->pc = pc;
          Value out;
          bool more;
          if (auto* it = TOP().as<Iterator>()) more = it->next(out);
          else more = iter_next(TOP(), out);
          if (more) {
            PUSH(std::move(out));
          } else {
            --sp;
            *sp = Value();
            pc = arg;
          }
          NEXT();
        }
        CASE(BUILD_TUPLE) {
          std::vector<Value> items(std::make_move_iterator(sp - arg), std::make_move_iterator(sp));
          sp -= arg;
          PUSH(Value::steal(new Tuple(std::move(items))));
          NEXT();
        }
        CASE(BUILD_LIST) {
          std::vector<Value> items(std::make_move_iterator(sp - arg), std::make_move_iterator(sp));
          sp -= arg;
          PUSH(Value::steal(new List(std::move(items))));
          NEXT();
        }
        CASE(BUILD_SET) {
          f->pc = pc;
          auto s = make<Set>();
          for (Value* p = sp - arg; p < sp; ++p) s->add(*p);
          for (uint32_t i = 0; i < arg; ++i) *--sp = Value();
          PUSH(Value(static_cast<Object*>(s.get())));
          NEXT();
        }
        CASE(BUILD_MAP) {
          f->pc = pc;
          auto d = make<Dict>();
          for (Value* p = sp - 2 * arg; p < sp; p += 2) d->set(p[0], p[1]);
          for (uint32_t i = 0; i < 2 * arg; ++i) *--sp = Value();
          PUSH(Value(static_cast<Object*>(d.get())));
          NEXT();
        }
        CASE(BUILD_SLICE) {
          Value step = arg == 3 ? POP() : Value();
          Value stop = POP();
          Value start = POP();
          PUSH(Value::steal(new Slice(std::move(start), std::move(stop), std::move(step))));
          NEXT();
        }
        CASE(BUILD_STRING) {
          std::string s;
          for (Value* p = sp - arg; p < sp; ++p) s += p->as<Str>()->s;
          for (uint32_t i = 0; i < arg; ++i) *--sp = Value();
          PUSH(str(std::move(s)));
          NEXT();
        }
        CASE(LIST_APPEND) {
          Value v = POP();
          static_cast<List*>(sp[-static_cast<int>(arg)].obj())->items.push_back(std::move(v));
          NEXT();
        }
        CASE(SET_ADD) {
          f->pc = pc;
          Value v = POP();
          static_cast<Set*>(sp[-static_cast<int>(arg)].obj())->add(v);
          NEXT();
        }
        CASE(MAP_ADD) {
          f->pc = pc;
          Value v = POP();
          Value k = POP();
          static_cast<Dict*>(sp[-static_cast<int>(arg)].obj())->set(k, v);
          NEXT();
        }
        CASE(LIST_EXTEND) {
          f->pc = pc;
          Value it = POP();
          auto items = to_vector(it);
          auto& dst = static_cast<List*>(TOP().obj())->items;
          for (auto& v : items) dst.push_back(std::move(v));
          NEXT();
        }
        CASE(SET_UPDATE) {
          f->pc = pc;
          Value it = POP();
          for (auto& v : to_vector(it)) static_cast<Set*>(TOP().obj())->add(v);
          NEXT();
        }
        CASE(DICT_UPDATE) {
          f->pc = pc;
          Value m = POP();
          dict_update(static_cast<Dict*>(TOP().obj()), m, false);
          NEXT();
        }
        CASE(DICT_MERGE) {
          f->pc = pc;
          Value m = POP();
          dict_update(static_cast<Dict*>(TOP().obj()), m, true);
          NEXT();
        }
        CASE(LIST_TO_TUPLE) {
          auto* l = static_cast<List*>(TOP().obj());
          Value t = Value::steal(new Tuple(std::move(l->items)));
          TOP() = std::move(t);
          NEXT();
        }
        CASE(UNPACK_SEQUENCE) {
          f->pc = pc;
          Value seq = POP();
          unpack_sequence(seq, arg, sp);
          sp += arg;
          NEXT();
        }
        CASE(UNPACK_EX) {
          f->pc = pc;
          Value seq = POP();
          uint32_t before = arg & 0xff, after = arg >> 8;
          unpack_ex(seq, before, after, sp);
          sp += before + after + 1;
          NEXT();
        }
        CASE(FORMAT_VALUE) {
          f->pc = pc;
          std::string spec;
          if (arg & 4) {
            Value spec_v = POP();
            spec = spec_v.as<Str>()->s;
          }
          Value v = POP();
          int conv = arg & 3;
          std::string s;
          if (conv == 1) s = format_str(to_str(v), spec);
          else if (conv == 2 || conv == 3) s = format_str(repr(v), spec);
          else if (spec.empty() && v.is<Str>()) {
            PUSH(std::move(v));
            NEXT();
          } else s = format_value(v, spec);
          PUSH(str(std::move(s)));
          NEXT();
        }
        CASE(CALL) {
          f->pc = pc;
          Value* args = sp - arg;
          Value r;
          if (Function* fn = args[-1].as<Function>(); fn && is_direct(fn, arg)) {
            f->sp = sp;
            f = push_frame(fn, args, arg, args - 1);
            LOAD_FRAME();
            NEXT();
          }
          r = call(args[-1], args, static_cast<int>(arg));
          while (sp > args - 1) *--sp = Value();
          PUSH(std::move(r));
          NEXT();
        }
        CASE(CALL_KW) {
          f->pc = pc;
          Value names = POP();
          auto* kw = names.as<Tuple>();
          Value* args = sp - arg;
          int nargs = static_cast<int>(arg - kw->items.size());
          Value r = call(args[-1], args, nargs, kw);
          while (sp > args - 1) *--sp = Value();
          PUSH(std::move(r));
          NEXT();
        }
        CASE(CALL_EX) {
          f->pc = pc;
          Value kwargs = (arg & 1) ? POP() : Value();
          Value args = POP();
          Value fn = POP();
          PUSH(call_ex(fn, args, kwargs));
          NEXT();
        }
        CASE(CALL_METHOD) {
          f->pc = pc;
          Value* args = sp - arg;
          Value r;
          if (args[-1].is_null()) {
            r = call(args[-2], args, static_cast<int>(arg));
          } else if (Function* fn = args[-2].as<Function>(); fn && is_direct(fn, arg + 1)) {
            f->sp = sp;
            f = push_frame(fn, args - 1, arg + 1, args - 2);
            LOAD_FRAME();
            NEXT();
          } else {
            r = call(args[-2], args - 1, static_cast<int>(arg) + 1);
          }
          while (sp > args - 2) *--sp = Value();
          PUSH(std::move(r));
          NEXT();
        }
        CASE(CALL_METHOD_KW) {
          f->pc = pc;
          Value names = POP();
          auto* kw = names.as<Tuple>();
          Value* args = sp - arg;
          int nargs = static_cast<int>(arg - kw->items.size());
          Value r;
          if (args[-1].is_null()) r = call(args[-2], args, nargs, kw);
          else r = call(args[-2], args - 1, nargs + 1, kw);
          while (sp > args - 2) *--sp = Value();
          PUSH(std::move(r));
          NEXT();
        }
        CASE(MAKE_FUNCTION) {
          Value code_v = POP();
          auto fn = make<Function>(Ref<Code>(code_v.as<Code>()), Ref<Dict>(f->globals));
          if (arg & 8) {
            Value cl = POP();
            for (auto& c : cl.as<Tuple>()->items) fn->closure.push_back(Ref<Cell>(c.as<Cell>()));
          }
          if (arg & 2) {
            Value kwd = POP();
            fn->kwdefaults = kwd.as<Tuple>()->items;
          }
          if (arg & 1) {
            Value d = POP();
            fn->defaults = d.as<Tuple>()->items;
          }
          PUSH(Value(static_cast<Object*>(fn.get())));
          NEXT();
        }
        CASE(BUILD_CLASS) {
          f->pc = pc;
          std::vector<Value> bases(std::make_move_iterator(sp - arg), std::make_move_iterator(sp));
          sp -= arg;
          Value name = POP();
          Value body = POP();
          PUSH(build_class(body, name, bases));
          NEXT();
        }
        CASE(LOAD_SUPER) {
          f->pc = pc;
          if (static_cast<Op>(code[pc] & 0xff) == Op::LOAD_METHOD) {
            // super().name(...): look the method up without creating the super object.
            Type* start;
            Value self, fn;
            super_args(f, start, self);
            if (super_method(start, self, NAME(code[pc] >> 8), fn)) {
              PUSH(std::move(fn));
              PUSH(std::move(self));
              f->pc = ++pc;
              NEXT();
            }
            PUSH(Value::steal(new Super(start, std::move(self))));
            NEXT();
          }
          PUSH(zero_arg_super(f));
          NEXT();
        }
        CASE(RETURN_VALUE) {
          Value r = POP();
          if (Value* ret = f->ret_sp) {
            Frame* callee = f;
            f = callee->back;
            pop_frame(callee);
            LOAD_FRAME();
            while (sp > ret) *--sp = Value();
            PUSH(std::move(r));
            NEXT();
          }
          f->sp = sp;
          f->pc = pc;
          return r;
        }
        CASE(YIELD_VALUE) {
          Value r = POP();
          f->sp = sp;
          f->pc = pc;
          f->yielded = true;
          return r;
        }
        CASE(YIELD_FROM) {
          f->pc = pc;
          Value sent = POP();
          Value out;
          bool yielded;
          if (auto* g = TOP().as<Generator>()) {
            yielded = g->resume(sent, out);
          } else {
            if (!sent.is_none()) {
              Value send = find_attr(TOP(), intern("send"));
              if (send.is_null()) raise(exc_types().attribute_error, "'" + type_name(TOP()) + "' object has no attribute 'send'");
              out = call(send, {sent});
              yielded = true;
            } else {
              yielded = iter_next(TOP(), out);
            }
          }
          if (yielded) {
            f->sp = sp;
            f->pc = pc - 1;  // resume re-runs YIELD_FROM with the value sent in
            f->yielded = true;
            return out;
          }
          TOP() = std::move(out);
          NEXT();
        }
        CASE(RAISE) {
          f->pc = pc;
          if (arg == 0) {
            if (handled_exc.is_none()) raise(exc_types().runtime_error, "No active exception to reraise");
            throw_reraise(handled_exc);
          }
          Value cause = arg == 2 ? POP() : Value::null();
          Value exc = POP();
          do_raise(exc, cause);
        }
        CASE(PUSH_EXC_INFO) {
          Value exc = POP();
          PUSH(handled_exc);
          handled_exc = exc;
          PUSH(std::move(exc));
          NEXT();
        }
        CASE(POP_EXCEPT) {
          handled_exc = POP();
          NEXT();
        }
        CASE(RERAISE) {
          f->pc = pc;
          Value exc = POP();
          throw_reraise(exc);
        }
        CASE(CLEANUP_RERAISE) {
          f->pc = pc;
          Value exc = POP();
          handled_exc = POP();
          throw_reraise(exc);
        }
        CASE(CHECK_EXC_MATCH) {
          f->pc = pc;
          Value type = POP();
          PUSH(Value(exception_matches(TOP(), type)));
          NEXT();
        }
        CASE(BEFORE_WITH) {
          f->pc = pc;
          Value mgr = POP();
          Value enter = type_lookup(mgr, intern("__enter__"));
          Value exit = type_lookup(mgr, intern("__exit__"));
          if (enter.is_null() || exit.is_null()) {
            type_error("'" + type_name(mgr) + "' object does not support the context manager protocol");
          }
          PUSH(bind_method(exit, mgr));
          PUSH(call(enter, {mgr}));
          NEXT();
        }
        CASE(WITH_EXIT) {
          f->pc = pc;
          Value exit = POP();
          call(exit, {Value(), Value(), Value()});
          NEXT();
        }
        CASE(WITH_EXCEPT) {
          f->pc = pc;
          const Value& exc = TOP();
          Value r = call(sp[-3], {Value(static_cast<Object*>(type_of(exc))), exc, Value()});
          PUSH(Value(truthy(r)));
          NEXT();
        }
        CASE(LOAD_ASSERTION_ERROR) {
          PUSH(Value(static_cast<Object*>(exc_types().assertion_error)));
          NEXT();
        }
        CASE(IMPORT_LEVEL) {
          import_level_ = static_cast<int>(arg);
          NEXT();
        }
        CASE(IMPORT_NAME) {
          f->pc = pc;
          Value fromlist = POP();
          int level = import_level_;
          import_level_ = 0;
          PUSH(import_module(NAME(arg)->s, fromlist, level, f->globals));
          NEXT();
        }
        CASE(IMPORT_FROM) {
          f->pc = pc;
          PUSH(import_from(TOP(), NAME(arg)));
          NEXT();
        }
        CASE(IMPORT_STAR) {
          f->pc = pc;
          Value mod = POP();
          import_star(mod, f->locals ? f->locals : f->globals);
          NEXT();
        }
        CASE(PRINT_EXPR) {
          f->pc = pc;
          Value v = POP();
          if (!v.is_none()) {
            write_stdout(repr(v) + "\n");
            builtins->set(Value(static_cast<Object*>(intern("_"))), v);
          }
          NEXT();
        }
        CASE(SETUP_ANNOTATIONS) NEXT();
#ifndef TS_COMPUTED_GOTO
        }
#endif
      }
    } catch (ScriptError& err) {
      // Find a handler in this frame or, leaving inline frames, in a caller; past the
      // frame this run() was entered with, propagate.
      // The loop's sp and pc are not read here (so they can live in registers): f->pc is
      // stored at every dispatch, and every slot above the stack pointer holds None, so
      // clearing up to the frame's stack size clears exactly the live values.
      if (!unwind_inline(f, err)) throw;
      LOAD_FRAME();
    } catch (std::bad_alloc&) {
      ScriptError oom = memory_error();
      if (!unwind_inline(f, oom)) throw oom;
      LOAD_FRAME();
    }
  }
#undef LOAD_FRAME
#undef PUSH
#undef POP
#undef TOP
#undef SECOND
#undef NAME
}

}  // namespace tscript
