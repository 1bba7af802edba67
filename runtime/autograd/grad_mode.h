// Whether ops record autograd history (torch.is_grad_enabled()). Thread-local like
// PyTorch's GradMode: no_grad on one thread never affects another.
#pragma once

namespace tscript::ag {

struct GradMode {
  static bool& flag() {
    thread_local bool enabled = true;
    return enabled;
  }
  static bool is_enabled() { return flag(); }
  static void set_enabled(bool value) { flag() = value; }
};

// Sets the grad mode for a C++ scope and restores it on the way out (exceptions too).
class AutoGradMode {
 public:
  explicit AutoGradMode(bool enabled) : prev_(GradMode::is_enabled()) { GradMode::set_enabled(enabled); }
  ~AutoGradMode() { GradMode::set_enabled(prev_); }
  AutoGradMode(const AutoGradMode&) = delete;
  AutoGradMode& operator=(const AutoGradMode&) = delete;

 private:
  bool prev_;
};

}  // namespace tscript::ag
