// The grad-mode flag as the bindings see it: the autograd engine's own
// (runtime/autograd/grad_mode.h), so torch.no_grad() turns recording off.
#pragma once

#include "runtime/autograd/grad_mode.h"

namespace tscript::bindings {

inline bool& grad_enabled() { return ag::GradMode::flag(); }

}  // namespace tscript::bindings
