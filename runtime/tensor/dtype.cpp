#include "runtime/tensor/dtype.h"

#include "runtime/tensor/error.h"

namespace tscript::rt {

namespace {
DType g_default_dtype = DType::Float32;
}

size_t itemsize(DType dtype) {
  switch (dtype) {
    case DType::Bool:
    case DType::UInt8:
    case DType::Int8: return 1;
    case DType::Int16:
    case DType::Float16:
    case DType::BFloat16: return 2;
    case DType::Int32:
    case DType::Float32: return 4;
    case DType::Int64:
    case DType::Float64: return 8;
  }
  return 1;
}

const char* dtype_name(DType dtype) {
  switch (dtype) {
    case DType::Bool: return "bool";
    case DType::UInt8: return "uint8";
    case DType::Int8: return "int8";
    case DType::Int16: return "int16";
    case DType::Int32: return "int32";
    case DType::Int64: return "int64";
    case DType::Float16: return "float16";
    case DType::BFloat16: return "bfloat16";
    case DType::Float32: return "float32";
    case DType::Float64: return "float64";
  }
  return "?";
}

std::string dtype_repr(DType dtype) { return std::string("torch.") + dtype_name(dtype); }

const char* scalar_type_name(DType dtype) {
  switch (dtype) {
    case DType::Bool: return "Bool";
    case DType::UInt8: return "Byte";
    case DType::Int8: return "Char";
    case DType::Int16: return "Short";
    case DType::Int32: return "Int";
    case DType::Int64: return "Long";
    case DType::Float16: return "Half";
    case DType::BFloat16: return "BFloat16";
    case DType::Float32: return "Float";
    case DType::Float64: return "Double";
  }
  return "?";
}

std::optional<DType> dtype_from_name(std::string_view name) {
  if (name.substr(0, 6) == "torch.") name.remove_prefix(6);
  struct Entry {
    std::string_view name;
    DType dtype;
  };
  static constexpr Entry kNames[] = {
      {"bool", DType::Bool},        {"uint8", DType::UInt8},       {"int8", DType::Int8},
      {"int16", DType::Int16},      {"short", DType::Int16},       {"int32", DType::Int32},
      {"int", DType::Int32},        {"int64", DType::Int64},       {"long", DType::Int64},
      {"float16", DType::Float16},  {"half", DType::Float16},      {"bfloat16", DType::BFloat16},
      {"float32", DType::Float32},  {"float", DType::Float32},     {"float64", DType::Float64},
      {"double", DType::Float64},
  };
  for (const auto& e : kNames)
    if (e.name == name) return e.dtype;
  return std::nullopt;
}

DType promote_types(DType a, DType b) {
  if (a == b) return a;
  if (a == DType::Bool) return b;
  if (b == DType::Bool) return a;
  bool fa = is_floating(a), fb = is_floating(b);
  if (fa && fb) {
    // float16 and bfloat16 share no representation smaller than float32.
    if ((a == DType::Float16 && b == DType::BFloat16) || (a == DType::BFloat16 && b == DType::Float16))
      return DType::Float32;
    return itemsize(a) >= itemsize(b) ? a : b;
  }
  if (fa) return a;
  if (fb) return b;
  // Both integral. uint8 mixes with int8 into int16; any wider signed type holds uint8.
  if (a == DType::UInt8 || b == DType::UInt8) {
    DType other = a == DType::UInt8 ? b : a;
    return other == DType::Int8 ? DType::Int16 : other;
  }
  return itemsize(a) >= itemsize(b) ? a : b;
}

bool can_cast(DType from, DType to) {
  if (is_floating(from) && is_integral(to, /*include_bool=*/true)) return false;
  if (from != DType::Bool && to == DType::Bool) return false;
  return true;
}

DType default_dtype() { return g_default_dtype; }

void set_default_dtype(DType dtype) {
  TS_CHECK_TYPE(dtype == DType::Float32 || dtype == DType::Float64 || dtype == DType::Float16 ||
                    dtype == DType::BFloat16,
                "only floating-point types are supported as the default type");
  g_default_dtype = dtype;
}

}  // namespace tscript::rt
