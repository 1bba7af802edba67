// Python subscripts on tensors: t[key] and t[key] = value, mapping Python index
// objects (int, slice, None, ..., bool, Tensor, list) to rt::TensorIndex.
#pragma once

#include <vector>

#include "interpreter/objects/object.h"
#include "runtime/ops/index.h"

namespace tscript::bindings {

Value tensor_get_item(const Value& self, const Value& key);
void tensor_set_item(const Value& self, const Value& key, const Value& value);
// The runtime subscript for a Python key (a tuple is one index per item).
std::vector<rt::TensorIndex> to_indices(const Value& key);

}  // namespace tscript::bindings
