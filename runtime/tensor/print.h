// Tensor printing, character for character as PyTorch 1.13 (torch/_tensor_str.py):
// _Formatter (integer-valued floats as "1.", the scientific-notation switch,
// common width), summarization with "..." past `threshold` elements, 1-D line
// wrapping at `linewidth`, nested brackets, empty and 0-d tensors, and the
// dtype / device / size suffixes with _add_suffixes' line-wrapping rule.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/tensor/tensor.h"

namespace tscript::rt {

// torch._tensor_str.PRINT_OPTS. PyTorch's threshold may be a float (profile
// "full" sets it to inf): use INT64_MAX for that. sci_mode: nullopt = automatic.
struct PrintOptions {
  int precision = 4;
  int64_t threshold = 1000;
  int64_t edgeitems = 3;
  int linewidth = 80;
  std::optional<bool> sci_mode;
};

// Process-wide options, changed by torch.set_printoptions.
PrintOptions& print_options();

// repr(t) as PyTorch prints it (str(t) is the same), e.g. "tensor([1., 2.])",
// "tensor([[1, 2],\n        [3, 4]])", "tensor(3.5000)", "tensor([], size=(0, 3))".
// The ", device='cuda:0'", ", size=(...)" and ", dtype=torch.float64" suffixes
// are computed here (_str_intern's rules, against default_dtype()). `suffixes`
// are appended after them, in order ("grad_fn=<AddBackward0>",
// "requires_grad=True"), each wrapped onto a new line indented by
// prefix.size() when it would pass the line width. `prefix` also sets the
// indentation of continuation lines.
std::string tensor_repr(const Tensor& t, const std::vector<std::string>& suffixes = {},
                        const std::string& prefix = "tensor(");

// Only the bracketed data part (torch._tensor_str._tensor_str(t, indent)):
// "[]" for an empty tensor, "3.5000" for a 0-d one.
std::string tensor_data_str(const Tensor& t, int indent);

}  // namespace tscript::rt
