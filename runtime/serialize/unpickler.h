// The pickle reader: protocol 2-5 binary opcodes into the object model, with a
// closed set of globals. It never runs code from the file: a GLOBAL is only looked
// up in a fixed table of constructors that build data (tensors, OrderedDict,
// torch.Size, ...), and anything else is refused.
//
// With weights_only the table is PyTorch's weights-only set (tensors, storages,
// parameters, OrderedDict, torch.Size, dtypes); without it, torch.device, set,
// frozenset and bytes are also accepted. Every malformed input (truncation, stack
// underflow, bad memo index, wrong argument types, unknown opcodes) throws rt::Error.
#pragma once

#include <functional>
#include <string_view>

#include "runtime/serialize/object.h"

namespace tscript::rt::serialize {

// Resolves a persistent id (the object before BINPERSID) to a Storage object.
using PersistentLoad = std::function<Object*(const Object& pid)>;

Object* unpickle(Heap& heap, std::string_view data, bool weights_only, const PersistentLoad& persistent_load);

// Throws when `root` nests containers deeper than `limit` or contains a reference
// cycle (consumers convert the graph recursively). Iterative: safe on any input.
void check_nesting(const Object& root, int limit);

}  // namespace tscript::rt::serialize
