// Engine semantics (runtime/autograd/engine.cpp, node.cpp, meta.cpp): accumulation,
// retain_graph, saved-tensor version checks, in-place rules, hooks, retain_grad,
// autograd.grad, double backward, grad mode and detach. Messages are PyTorch 1.13's.
#include "test_autograd_support.h"

namespace tscript::ag::test {
namespace {

using rt::ErrorKind;
using rt::test::close;
using rt::test::values;

void backward_of(const Tensor& y, bool retain_graph = false) { backward({y}, {}, retain_graph, false); }

const char* const kFreed =
    "Trying to backward through the graph a second time (or directly access saved tensors after they have already "
    "been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). "
    "Specify retain_graph=True if you need to backward through the graph a second time or if you need to access "
    "saved tensors after calling backward.";

std::string modified(const std::string& which) {
  return "one of the variables needed for gradient computation has been modified by an inplace operation: "
         "[torch.DoubleTensor [3]], which is output 0 of " +
         which +
         ", is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation "
         "that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).";
}

TEST_CASE("backward accumulates into .grad across calls", "[autograd][engine]") {
  Tensor x = leaf_of({1, 2, 3});
  backward_of(ag::sum(ag::mul(x, x)));
  CHECK(values(grad(x)) == std::vector<double>{2, 4, 6});
  backward_of(ag::sum(ag::mul(x, x)));
  CHECK(values(grad(x)) == std::vector<double>{4, 8, 12});
  // The same leaf twice in one graph adds up too.
  set_grad(x, Tensor());
  backward_of(ag::sum(ag::add(x, ag::mul(x, 3.0))));
  CHECK(values(grad(x)) == std::vector<double>{4, 4, 4});
}

TEST_CASE("retain_graph keeps saved tensors; a second backward without it fails", "[autograd][engine]") {
  Tensor x = leaf_of({0, 1, 2});
  Tensor y = ag::sum(ag::exp(x));
  backward_of(y, /*retain_graph=*/true);
  backward_of(y);
  CHECK(close(grad(x), {2, 2 * std::exp(1.0), 2 * std::exp(2.0)}));
  CHECK_ERROR(backward_of(y), ErrorKind::Runtime, kFreed);
}

TEST_CASE("modifying a saved tensor in place fails at backward", "[autograd][engine]") {
  SECTION("a saved output") {
    Tensor x = leaf_of({0, 1, 2});
    Tensor y = ag::exp(x);
    ag::mul_(y, 2.0);
    CHECK_ERROR(backward_of(ag::sum(y)), ErrorKind::Runtime, modified("ExpBackward0"));
  }
  SECTION("a saved input") {
    Tensor x = leaf_of({0, 1, 2}), w = leaf_of({3, 4, 5});
    Tensor a = ag::clone(x);
    Tensor y = ag::mul(a, w);
    ag::add_(a, 1.0);
    CHECK_ERROR(backward_of(ag::sum(y)), ErrorKind::Runtime, modified("AddBackward0"));
  }
}

TEST_CASE("in-place rules for leaves and views", "[autograd][engine]") {
  Tensor x = leaf_of({1, 2, 3});
  CHECK_ERROR(ag::mul_(x, 2.0), ErrorKind::Runtime,
              "a leaf Variable that requires grad is being used in an in-place operation.");
  {
    AutoGradMode no_grad(false);  // allowed without grad mode, and not recorded
    ag::mul_(x, 2.0);
  }
  CHECK(values(x) == std::vector<double>{2, 4, 6});
  CHECK(is_leaf(x));
  CHECK_ERROR(ag::exp_(ag::select(x, 0, 1)), ErrorKind::Runtime,
              "a view of a leaf Variable that requires grad is being used in an in-place operation.");
}

TEST_CASE("in-place changes of views rebase the base's history (CopySlices)", "[autograd][engine]") {
  Tensor x = leaf_of({1, 2, 3});
  Tensor base = ag::mul(x, 2.0);  // [2, 4, 6]
  Tensor view = ag::slice(base, 0, 1, std::nullopt);
  ag::mul_(view, 3.0);  // base = [2, 12, 18]
  CHECK(grad_fn(base)->name() == "CopySlices");
  CHECK(grad_fn(view)->name() == "AsStridedBackward0");
  CHECK(values(base) == std::vector<double>{2, 12, 18});
  backward_of(ag::sum(ag::mul(base, base)));
  // d/dx sum(base^2): 2 * base * dbase/dx = [2*2*2, 2*12*6, 2*18*6]
  CHECK(values(grad(x)) == std::vector<double>{8, 144, 216});
}

TEST_CASE("hooks replace gradients; retain_grad keeps a non-leaf's", "[autograd][engine]") {
  Tensor x = leaf_of({1, 2});
  Tensor y = ag::mul(x, 3.0);
  register_hook(y, [](const Tensor& g) { return rt::mul(g, rt::wrap_scalar(10.0)); });
  register_hook(y, [](const Tensor&) { return Tensor(); });  // undefined: keep the gradient
  register_hook(x, [](const Tensor& g) { return rt::add(g, rt::wrap_scalar(1.0)); });
  retain_grad(y);
  CHECK(retains_grad(y));
  backward_of(ag::sum(ag::mul(y, y)));
  // dL/dy = 2y = [6, 12]; the hook makes it [60, 120]; retain_grad sees the replaced value
  // (it runs after the hooks registered before it); x gets 3 * that, plus 1.
  CHECK(values(grad(y)) == std::vector<double>{60, 120});
  CHECK(values(grad(x)) == std::vector<double>{181, 361});
}

TEST_CASE("autograd.grad: leaves untouched, allow_unused", "[autograd][engine]") {
  Tensor x = leaf_of({1, 2}), unused = leaf_of({5});
  Tensor y = ag::sum(ag::mul(x, x));
  CHECK_ERROR(grad({y}, {x, unused}, {}, true, false, false), ErrorKind::Runtime,
              "One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True "
              "if this is the desired behavior.");
  std::vector<Tensor> g = grad({y}, {x, unused}, {}, false, false, /*allow_unused=*/true);
  CHECK(values(g[0]) == std::vector<double>{2, 4});
  CHECK_FALSE(g[1].defined());
  CHECK_FALSE(grad(x).defined());
  CHECK_FALSE(requires_grad(g[0]));
}

// d²/dx² of x³ is 6x: create_graph keeps the first derivative differentiable.
TEST_CASE("create_graph: double backward of x^3 gives 6x", "[autograd][engine]") {
  Tensor x = leaf_of({0.5, -2, 3});
  Tensor y = ag::sum(ag::mul(ag::mul(x, x), x));
  Tensor dx = grad({y}, {x}, {}, /*keep_graph=*/true, /*create_graph=*/true, false)[0];
  CHECK(close(dx, {0.75, 12, 27}));
  REQUIRE(requires_grad(dx));
  backward_of(ag::sum(dx));
  CHECK(close(grad(x), {3, -12, 18}));
}

TEST_CASE("no grad mode records nothing and is restored on scope exit", "[autograd][engine]") {
  Tensor x = leaf_of({1, 2});
  {
    AutoGradMode no_grad(false);
    Tensor y = ag::exp(x);
    CHECK_FALSE(requires_grad(y));
    CHECK_FALSE(grad_fn(y));
  }
  CHECK(GradMode::is_enabled());
  CHECK(grad_fn(ag::exp(x))->name() == "ExpBackward0");
}

TEST_CASE("detach shares data but not history", "[autograd][engine]") {
  Tensor x = leaf_of({1, 2});
  Tensor d = detach(x);
  CHECK_FALSE(requires_grad(d));
  CHECK(d.storage().get() == x.storage().get());
  backward_of(ag::sum(ag::mul(x, detach(ag::mul(x, 2.0)))));
  CHECK(values(grad(x)) == std::vector<double>{2, 4});  // d(x * c)/dx with c = 2x held constant
}

}  // namespace
}  // namespace tscript::ag::test
