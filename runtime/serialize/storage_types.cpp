#include "runtime/serialize/storage_types.h"

namespace tscript::rt::serialize {

namespace {
constexpr DType kAll[] = {DType::Bool,  DType::UInt8,   DType::Int8,     DType::Int16,   DType::Int32,
                          DType::Int64, DType::Float16, DType::BFloat16, DType::Float32, DType::Float64};
}

// PyTorch's legacy storage classes are named after the scalar type ("Float", "Long").
std::string storage_class_name(DType d) { return std::string(scalar_type_name(d)) + "Storage"; }

std::optional<DType> dtype_from_storage_class(std::string_view name) {
  if (name == "UntypedStorage") return DType::UInt8;
  for (DType d : kAll)
    if (name == storage_class_name(d)) return d;
  return std::nullopt;
}

const char* safetensors_dtype_name(DType d) {
  switch (d) {
    case DType::Bool: return "BOOL";
    case DType::UInt8: return "U8";
    case DType::Int8: return "I8";
    case DType::Int16: return "I16";
    case DType::Int32: return "I32";
    case DType::Int64: return "I64";
    case DType::Float16: return "F16";
    case DType::BFloat16: return "BF16";
    case DType::Float32: return "F32";
    case DType::Float64: return "F64";
  }
  return "?";
}

std::optional<DType> dtype_from_safetensors(std::string_view name) {
  for (DType d : kAll)
    if (name == safetensors_dtype_name(d)) return d;
  return std::nullopt;
}

}  // namespace tscript::rt::serialize
