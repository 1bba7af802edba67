// Whether operations record autograd history (torch.is_grad_enabled()).
//
// torch.no_grad / enable_grad / set_grad_enabled toggle this one flag; the autograd
// engine (runtime/autograd, still to come) is meant to read the same flag, so when it
// lands this declaration moves there and the bindings include it from there.
#pragma once

namespace tscript::bindings {

// Thread-local like PyTorch's GradMode: one interpreter runs on one thread.
inline bool& grad_enabled() {
  thread_local bool enabled = true;
  return enabled;
}

}  // namespace tscript::bindings
