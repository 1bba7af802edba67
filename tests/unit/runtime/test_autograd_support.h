// Shared by the autograd tests: deterministic float64 inputs (contiguous, transposed
// or strided leaves), a gradcheck table row, and the check that runs one.
//
// Each row names the node (as PyTorch names it) that its graph must contain; the
// coverage test (tests/autograd_coverage.py) looks for every node name of
// runtime/autograd/*.cpp in these files, so a new node comes with a row.
#pragma once

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "runtime/autograd/engine.h"
#include "runtime/autograd/functions.h"
#include "runtime/autograd/gradcheck.h"
#include "test_helpers.h"

namespace tscript::ag::test {

using rt::test::tensor_b;
using rt::test::tensor_i;
using Tensors = std::vector<Tensor>;

// Where inputs take their values: [lo, hi), or +-[lo, hi) with alternating signs
// (to stay away from the kink of abs, relu, sign, ...).
struct Range {
  double lo = -2, hi = 2;
  bool both_signs = false;
};
inline constexpr Range kAny{};
inline constexpr Range kPositive{0.5, 2};
inline constexpr Range kNonZero{0.2, 2, true};
inline constexpr Range kUnit{-0.8, 0.8};

// Inputs for one case. Values follow a golden-ratio sequence, so no two elements
// tie (unless a test builds the tie) and each tensor of a case differs.
class Data {
 public:
  // A contiguous leaf that requires grad.
  Tensor x(IntArrayRef sizes, Range r = kAny) { return leaf(values(sizes, r)); }
  // A leaf whose last two dims are transposed (non-contiguous).
  Tensor xt(IntArrayRef sizes, Range r = kAny) {
    rt::DimVector swapped(sizes);
    std::swap(swapped[swapped.size() - 1], swapped[swapped.size() - 2]);
    return leaf(rt::transpose(values(swapped, r), -1, -2));
  }
  // A leaf that is every other element of its storage along the last dim.
  Tensor xs(IntArrayRef sizes, Range r = kAny) {
    rt::DimVector wide(sizes);
    wide.back() *= 2;
    return leaf(rt::slice(values(wide, r), -1, 0, std::nullopt, 2));
  }
  // A constant (no grad).
  Tensor c(IntArrayRef sizes, Range r = kAny) { return values(sizes, r); }

 private:
  static Tensor leaf(Tensor t) {
    t.set_requires_grad(true);
    return t;
  }
  Tensor values(IntArrayRef sizes, Range r) {
    const double phase = 0.137 + 0.3819660113 * static_cast<double>(tensors_++);
    int64_t n = 1;
    for (int64_t s : sizes) n *= s;
    std::vector<double> v;
    for (int64_t k = 0; k < n; ++k) {
      double u = std::fmod(phase + 0.6180339887 * static_cast<double>(k), 1.0);
      double sign = r.both_signs && k % 2 ? -1 : 1;
      v.push_back(sign * (r.lo + (r.hi - r.lo) * u));
    }
    return rt::test::tensor_f(std::move(v), sizes, DType::Float64);
  }
  int tensors_ = 0;
};

// A 1-d float64 leaf that requires grad, from literal values.
inline Tensor leaf_of(std::vector<double> v) {
  Tensor x = rt::test::tensor_f(std::move(v), DType::Float64);
  x.set_requires_grad(true);
  return x;
}

// One gradcheck: `what` starts with the node name the graph must contain and may go
// on with a note ("MulBackward0 broadcast"); `fn` maps `inputs` to the outputs.
struct Case {
  std::string what;
  Tensors inputs;
  GradcheckFn fn;
};

// A GradcheckFn from an expression over the inputs x[0], x[1], ...
#define AG_FN(...) [=](const std::vector<::tscript::rt::Tensor>& x) -> std::vector<::tscript::rt::Tensor> { \
  (void)x;                                                                                                      \
  return {__VA_ARGS__};                                                                                         \
}

// The names of every node reachable from `outputs`.
inline std::set<std::string> graph_names(const Tensors& outputs) {
  std::set<std::string> names;
  std::set<const Node*> seen;
  std::vector<const Node*> stack;
  for (auto& t : outputs)
    if (auto& fn = grad_fn(t)) stack.push_back(fn.get());
  while (!stack.empty()) {
    const Node* n = stack.back();
    stack.pop_back();
    if (!seen.insert(n).second) continue;
    names.insert(n->name());
    for (auto& e : n->next_edges)
      if (e.valid()) stack.push_back(e.fn.get());
  }
  return names;
}

inline std::string node_of(const Case& c) { return c.what.substr(0, c.what.find(' ')); }

// The graph contains the row's node, and gradcheck (or gradgradcheck) passes.
inline void check_case(const Case& c, bool second_order = false) {
  INFO(c.what);
  CHECK(graph_names(c.fn(c.inputs)).count(node_of(c)) == 1);
  std::string failure = second_order ? gradgradcheck(c.fn, c.inputs) : gradcheck(c.fn, c.inputs);
  INFO(failure);
  CHECK(failure.empty());
}

inline void check_cases(const std::vector<Case>& cases, bool second_order = false) {
  for (auto& c : cases) check_case(c, second_order);
}

// f applied in place to a copy of x (a leaf cannot be modified in place).
template <class F>
Tensor on_clone(const Tensor& x, F f) {
  Tensor y = ag::clone(x);
  f(y);
  return y;
}

}  // namespace tscript::ag::test
