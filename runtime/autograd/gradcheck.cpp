#include "runtime/autograd/gradcheck.h"

#include <cmath>
#include <iomanip>
#include <sstream>

#include "runtime/autograd/engine.h"
#include "runtime/autograd/record.h"

namespace tscript::ag {

namespace {

using Values = std::vector<std::vector<double>>;  // per output, its elements in order
// One Jacobian block per (differentiable input, output): row-major, output element
// by input element.
using Blocks = std::vector<std::vector<std::vector<double>>>;

// "[1, 2]": where flat element i sits in a tensor of these sizes.
std::string position(IntArrayRef sizes, int64_t i) {
  std::vector<int64_t> idx(sizes.size());
  for (size_t d = sizes.size(); d-- > 0;) {
    idx[d] = i % sizes[d];
    i /= sizes[d];
  }
  return shape_string(idx);
}

// fn's outputs that can carry gradients (indices and masks are left out).
std::vector<Tensor> float_outputs(const GradcheckFn& fn, const std::vector<Tensor>& inputs) {
  std::vector<Tensor> outs;
  for (auto& t : fn(inputs))
    if (t.defined() && rt::is_floating(t.dtype())) outs.push_back(t);
  return outs;
}

Values values_of(const std::vector<Tensor>& outs) {
  Values v(outs.size());
  for (size_t o = 0; o < outs.size(); ++o)
    for (int64_t j = 0; j < outs[o].numel(); ++j) v[o].push_back(outs[o].double_at(j));
  return v;
}

Blocks empty_blocks(const std::vector<Tensor>& diff, const std::vector<Tensor>& outs) {
  Blocks b(diff.size(), std::vector<std::vector<double>>(outs.size()));
  for (size_t i = 0; i < diff.size(); ++i)
    for (size_t o = 0; o < outs.size(); ++o) b[i][o].assign(static_cast<size_t>(outs[o].numel() * diff[i].numel()), 0);
  return b;
}

// Sets one element of a tensor in place and puts the old value back on scope exit.
class Perturbation {
 public:
  Perturbation(const Tensor& x, int64_t k)
      : x_(x), p_(static_cast<char*>(x.data_ptr()) + x.element_offset(k) * static_cast<int64_t>(x.element_size())),
        original_(rt::load_scalar(p_, x.dtype()).to_double()) {}
  ~Perturbation() { set(original_); }
  void set(double v) const { rt::store_scalar(p_, x_.dtype(), rt::Scalar(v)); }
  double original() const { return original_; }

 private:
  Tensor x_;
  char* p_;
  double original_;
};

Blocks numerical(const GradcheckFn& fn, const std::vector<Tensor>& inputs, const std::vector<Tensor>& diff,
                 const std::vector<Tensor>& outs, double eps) {
  Blocks b = empty_blocks(diff, outs);
  for (size_t i = 0; i < diff.size(); ++i) {
    const int64_t n = diff[i].numel();
    for (int64_t k = 0; k < n; ++k) {
      Perturbation p(diff[i], k);
      p.set(p.original() + eps);
      Values plus = values_of(float_outputs(fn, inputs));
      p.set(p.original() - eps);
      Values minus = values_of(float_outputs(fn, inputs));
      for (size_t o = 0; o < outs.size(); ++o)
        for (size_t j = 0; j < plus[o].size(); ++j) b[i][o][j * n + k] = (plus[o][j] - minus[o][j]) / (2 * eps);
    }
  }
  return b;
}

// Row j of d outs[o] / d diff: autograd.grad seeded with a one-hot grad_output.
// Fails (message) when a gradient's shape or dtype is not its input's.
std::string analytical(const std::vector<Tensor>& diff, const std::vector<size_t>& input_nr,
                       const std::vector<Tensor>& outs, Blocks& b) {
  for (size_t o = 0; o < outs.size(); ++o) {
    if (!requires_grad(outs[o])) continue;  // constant: its rows stay zero
    for (int64_t j = 0; j < outs[o].numel(); ++j) {
      Tensor seed = rt::zeros(outs[o].sizes(), rt::TensorOptions(outs[o].dtype()));
      rt::store_scalar(static_cast<char*>(seed.data_ptr()) + seed.element_offset(j) * seed.element_size(),
                       seed.dtype(), rt::Scalar(1.0));
      std::vector<Tensor> rows = ag::grad({outs[o]}, diff, {seed}, /*keep_graph=*/true, /*create_graph=*/false,
                                          /*allow_unused=*/true);
      for (size_t i = 0; i < diff.size(); ++i) {
        const Tensor& r = rows[i];
        if (!r.defined()) continue;
        if (r.sizes() != diff[i].sizes() || r.dtype() != diff[i].dtype())
          return "gradient of input " + std::to_string(input_nr[i]) + " has shape " + shape_string(r.sizes()) +
                 " and dtype " + rt::dtype_name(r.dtype()) + "; the input has shape " +
                 shape_string(diff[i].sizes()) + " and dtype " + rt::dtype_name(diff[i].dtype());
        const int64_t n = diff[i].numel();
        for (int64_t k = 0; k < n; ++k) b[i][o][j * n + k] = r.double_at(k);
      }
    }
  }
  return "";
}

std::string compare(const Blocks& numeric, const Blocks& analytic, const std::vector<Tensor>& diff,
                    const std::vector<size_t>& input_nr, const std::vector<Tensor>& outs,
                    const GradcheckOptions& opt) {
  std::ostringstream msg;
  msg << std::setprecision(10);
  size_t mismatches = 0;
  for (size_t i = 0; i < diff.size(); ++i) {
    const int64_t n = diff[i].numel();
    for (size_t o = 0; o < outs.size(); ++o) {
      for (size_t e = 0; e < numeric[i][o].size(); ++e) {
        double num = numeric[i][o][e], an = analytic[i][o][e];
        if (std::fabs(an - num) <= opt.atol + opt.rtol * std::fabs(num)) continue;
        if (mismatches++ < opt.max_reported)
          msg << "\n  output " << o << " " << position(outs[o].sizes(), static_cast<int64_t>(e) / n)
              << " w.r.t. input " << input_nr[i] << " " << position(diff[i].sizes(), static_cast<int64_t>(e) % n)
              << ": numerical " << num << ", analytical " << an;
      }
    }
  }
  if (mismatches == 0) return "";
  return "Jacobian mismatch (" + std::to_string(mismatches) + " elements):" + msg.str();
}

std::string check_input(const Tensor& x, size_t nr) {
  std::string which = "input " + std::to_string(nr);
  if (x.dtype() != DType::Float64)
    return which + " requires grad but is " + rt::dtype_name(x.dtype()) + "; gradcheck needs float64";
  if (!is_leaf(x)) return which + " is not a leaf";
  for (int64_t d = 0; d < x.dim(); ++d)
    if (x.stride(d) == 0 && x.size(d) > 1) return which + " is expanded: its elements cannot be perturbed one by one";
  return "";
}

}  // namespace

std::string gradcheck(const GradcheckFn& fn, const std::vector<Tensor>& inputs, const GradcheckOptions& options) {
  std::vector<Tensor> diff;
  std::vector<size_t> input_nr;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (!requires_grad(inputs[i])) continue;
    if (std::string bad = check_input(inputs[i], i); !bad.empty()) return bad;
    diff.push_back(inputs[i]);
    input_nr.push_back(i);
  }
  if (diff.empty()) return "gradcheck expects at least one input tensor to require gradient";

  std::vector<Tensor> outs = float_outputs(fn, inputs);
  Blocks analytic = empty_blocks(diff, outs);
  if (std::string bad = analytical(diff, input_nr, outs, analytic); !bad.empty()) return bad;
  Blocks numeric = numerical(fn, inputs, diff, outs, options.eps);
  return compare(numeric, analytic, diff, input_nr, outs, options);
}

std::string gradgradcheck(const GradcheckFn& fn, const std::vector<Tensor>& inputs, const GradcheckOptions& options) {
  // Fixed, uneven grad_outputs: ones would hide formulas that mix up their arguments.
  std::vector<Tensor> args = inputs;
  for (auto& out : float_outputs(fn, inputs)) {
    if (!requires_grad(out)) continue;
    Tensor v = rt::arange(out.numel(), rt::TensorOptions(out.dtype()));
    v = rt::reshape(rt::add(rt::sin(rt::mul(v, rt::wrap_scalar(0.7))), rt::wrap_scalar(0.5)), out.sizes());
    v.set_requires_grad(true);
    args.push_back(v);
  }
  const size_t n = inputs.size();
  GradcheckFn first_derivative = [&fn, n](const std::vector<Tensor>& a) {
    std::vector<Tensor> xs(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(n));
    std::vector<Tensor> vs(a.begin() + static_cast<std::ptrdiff_t>(n), a.end()), roots, diff;
    for (auto& out : float_outputs(fn, xs))
      if (requires_grad(out)) roots.push_back(out);
    for (auto& x : xs)
      if (requires_grad(x)) diff.push_back(x);
    std::vector<Tensor> grads = ag::grad(roots, diff, vs, /*keep_graph=*/true, /*create_graph=*/true,
                                         /*allow_unused=*/true);
    for (size_t i = 0; i < grads.size(); ++i)
      if (!grads[i].defined()) grads[i] = rt::zeros_like(diff[i]);
    return grads;
  };
  return gradcheck(first_derivative, args, options);
}

}  // namespace tscript::ag
