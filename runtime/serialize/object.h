// The neutral object model that checkpoints are read into and written from: the
// Python values a PyTorch checkpoint may hold, without the interpreter.
//
// A Heap owns every Object; objects point at each other with plain pointers, so a
// pickle that builds reference cycles (possible with the memo) cannot leak through
// reference counts, and freeing a deeply nested graph never recurses.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "runtime/tensor/tensor.h"

namespace tscript::rt::serialize {

enum class Kind : uint8_t {
  None, Bool, Int, Float, Str, Bytes,
  List, Tuple, Set, FrozenSet,
  Dict, OrderedDict,  // entries in insertion order
  Tensor,             // `tensor` (a torch.nn.Parameter when `parameter`)
  Storage,            // a persistent-id storage: `tensor` is a 1-D view of all of it
  Global,             // a module attribute by name (`torch.float32`)
  Call,               // items = {Global, args Tuple}: a data-only constructor call (torch.Size, torch.device)
};

const char* kind_name(Kind k);

struct Object {
  Kind kind = Kind::None;
  bool boolean = false;
  int64_t integer = 0;
  double real = 0;
  std::string text;                                  // Str, Bytes; Global: the module
  std::string name;                                  // Global: the attribute
  std::vector<Object*> items;                        // List, Tuple, Set, FrozenSet, Call
  std::vector<std::pair<Object*, Object*>> entries;  // Dict, OrderedDict
  Object* attrs = nullptr;  // OrderedDict: the Dict that pickle's BUILD set (PyTorch's `_metadata`)
  Tensor tensor;            // Tensor, Storage
  bool parameter = false;   // Tensor: rebuilt as torch.nn.Parameter

  bool is(Kind k) const { return kind == k; }
  // Global: "module.name".
  std::string qualified_name() const { return text + "." + name; }
  // For Call: the callee's qualified name and its argument tuple.
  std::string callee() const { return items[0]->qualified_name(); }
  const std::vector<Object*>& call_args() const { return items[1]->items; }
};

// Owns objects; addresses stay valid for the Heap's lifetime (a deque never moves
// its elements), also when the Heap itself is moved.
class Heap {
 public:
  Heap() = default;
  Heap(Heap&&) = default;
  Heap& operator=(Heap&&) = default;
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;

  Object* make(Kind k);
  Object* none() { return make(Kind::None); }
  Object* boolean(bool b);
  Object* integer(int64_t i);
  Object* real(double d);
  Object* str(std::string s);
  Object* bytes(std::string s);
  Object* list(std::vector<Object*> items = {});
  Object* tuple(std::vector<Object*> items = {});
  Object* dict(bool ordered = false);
  Object* tensor(Tensor t, bool parameter = false);
  Object* global(const std::string& module, const std::string& name);
  Object* call(Object* global, std::vector<Object*> args);
  size_t size() const { return objects_.size(); }

 private:
  std::deque<Object> objects_;
};

}  // namespace tscript::rt::serialize
