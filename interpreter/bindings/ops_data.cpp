// Native helpers of the data-loading stdlib (stdlib/torch/utils/data, stdlib/torchvision):
// private torch functions, not part of PyTorch's API.
#include "interpreter/api/policy.h"
#include "interpreter/bindings/arg_parser.h"
#include "runtime/data/idx.h"

namespace tscript::bindings {

namespace {

const OpDef kDataOps[] = {
    // torchvision's MNIST-format data sets read their IDX files through this.
    {"_read_idx(str path)", [](Args& a) {
       check_file_access(a.string(0), FileAccess::Read);
       return wrap(rt::data::read_idx(a.string(0)));
     }, kFunction},
};

}  // namespace

std::span<const OpDef> data_ops() { return kDataOps; }

}  // namespace tscript::bindings
