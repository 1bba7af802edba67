// Helpers shared by the VM's implementation files (not part of any public API).
#pragma once

#include <vector>

#include "interpreter/objects/protocol.h"
#include "interpreter/vm/vm.h"

namespace tscript {

// Pushes a frame on the VM's frame chain for the duration of a run.
class FrameGuard {
 public:
  FrameGuard(VM& v, Frame* f) : vm_(v), f_(f) {
    if (v.depth >= v.recursion_limit) raise(exc_types().recursion_error, "maximum recursion depth exceeded");
    f->back = v.frame;
    v.frame = f;
    ++v.depth;
    if (!v.handled_exc.is_none()) saved_handled_ = v.handled_exc;
  }
  ~FrameGuard() {
    vm_.frame = f_->back;
    --vm_.depth;
    if (!saved_handled_.is_none() || !vm_.handled_exc.is_none()) vm_.handled_exc = std::move(saved_handled_);
  }

 private:
  VM& vm_;
  Frame* f_;
  Value saved_handled_;
};

// Looks for a handler covering `fault`; on success unwinds the value stack, pushes the
// exception, sets pc to the handler and returns the new stack pointer; else nullptr.
Value* unwind_to_handler(VM& v, Frame* f, ScriptError& err, uint32_t fault, Value* sp, uint32_t& pc);
ScriptError memory_error();

// True when obj.name is a plain function found on the type (call it with obj prepended);
// otherwise `out` is the attribute itself.
bool lookup_method(const Value& obj, Str* name, Value& out);
// True when super().name is a plain function for an instance (call it with s->self
// prepended); false when the ordinary attribute path must answer.
bool super_method(Type* start, const Value& self, Str* name, Value& out);
Value bind_method(const Value& func, const Value& self);
void dict_update(Dict* d, const Value& mapping, bool for_call);
void unpack_sequence(const Value& seq, uint32_t n, Value* out);
void unpack_ex(const Value& seq, uint32_t before, uint32_t after, Value* out);
Value call_ex(const Value& fn, const Value& args, const Value& kwargs);
Value build_class(const Value& body, const Value& name, const std::vector<Value>& bases);
// Creates a class from a finished namespace (also type(name, bases, dict)).
Value make_class(const std::string& name, const std::vector<Value>& bases, Ref<Dict> ns);
Value zero_arg_super(Frame* f);
// The class and instance zero-argument super() in frame f stands for.
void super_args(Frame* f, Type*& start, Value& self);
[[noreturn]] void throw_reraise(const Value& exc);
[[noreturn]] void do_raise(const Value& exc, const Value& cause);
bool exception_matches(const Value& exc, const Value& type);
Value import_from(const Value& module, Str* name);
void import_star(const Value& module, Dict* ns);
void check_interrupt();

}  // namespace tscript
