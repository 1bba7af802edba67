// PyTorch's names for dtypes in checkpoints: the legacy storage classes that
// persistent ids name (torch.FloatStorage, ...), and safetensors' dtype codes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "runtime/tensor/dtype.h"

namespace tscript::rt::serialize {

// "FloatStorage" for float32, "BFloat16Storage", "BoolStorage", ...
std::string storage_class_name(DType d);
// The dtype of a storage class name; "UntypedStorage" is uint8 (as PyTorch reads it).
std::optional<DType> dtype_from_storage_class(std::string_view name);

// "F32", "BF16", "I64", "U8", "BOOL", ...
const char* safetensors_dtype_name(DType d);
std::optional<DType> dtype_from_safetensors(std::string_view name);

}  // namespace tscript::rt::serialize
