// Shape ops: views (view reshape flatten squeeze permute transpose expand narrow ...),
// their in-place geometry forms, and joining/splitting (cat stack split chunk repeat
// tile flip).
#include "interpreter/bindings/arg_parser.h"
#include "runtime/autograd/functions.h"
#include "interpreter/builtins/builtins_internal.h"

namespace tscript::bindings {

namespace {

// In-place geometry changes act on the shared TensorImpl, so every Python reference to
// the tensor sees them.
template <class F>
Value in_place_geometry(Args& a, F&& f) {
  rt::Tensor t = a.tensor(0);
  f(t);
  return a[0];
}

// torch.hstack / vstack: cat along dim 1 (dim 0 for 1-d inputs) / after atleast_2d.
rt::Tensor hstack(const std::vector<rt::Tensor>& ts) {
  TS_CHECK(!ts.empty(), "hstack expects a non-empty TensorList");
  std::vector<rt::Tensor> in;
  for (auto& t : ts) in.push_back(t.dim() == 0 ? ag::reshape(t, {1}) : t);
  return ag::cat(in, in[0].dim() == 1 ? 0 : 1);
}

rt::Tensor vstack(const std::vector<rt::Tensor>& ts) {
  TS_CHECK(!ts.empty(), "vstack expects a non-empty TensorList");
  std::vector<rt::Tensor> in;
  for (auto& t : ts) in.push_back(t.dim() == 0 ? ag::reshape(t, {1, 1}) : t.dim() == 1 ? ag::unsqueeze(t, 0) : t);
  return ag::cat(in, 0);
}

const OpDef kShapeOps[] = {
    {"view(Tensor self, int[]... size)", [](Args& a) { return wrap(ag::view(a.tensor(0), a.ints(1))); }, kMethod},
    {"view_as(Tensor self, Tensor other)", [](Args& a) { return wrap(ag::view_as(a.tensor(0), a.tensor(1))); },
     kMethod},
    {"reshape(Tensor self, int[]... shape)", [](Args& a) { return a.ret(ag::reshape(a.tensor(0), a.ints(1))); }},
    {"reshape_as(Tensor self, Tensor other)",
     [](Args& a) { return a.ret(ag::reshape(a.tensor(0), a.tensor(1).sizes())); }, kMethod},
    {"flatten(Tensor self, int start_dim=0, int end_dim=-1)",
     [](Args& a) { return a.ret(ag::flatten(a.tensor(0), a.int64(1), a.int64(2))); }},
    {"unflatten(Tensor self, int dim, int[] sizes)",
     [](Args& a) { return wrap(ag::unflatten(a.tensor(0), a.int64(1), a.ints(2))); }},
    {"ravel(Tensor self)", [](Args& a) { return a.ret(ag::reshape(a.tensor(0), {-1})); }},
    {"squeeze(Tensor self)", [](Args& a) { return wrap(ag::squeeze(a.tensor(0))); }},
    {"squeeze(Tensor self, int dim)", [](Args& a) { return wrap(ag::squeeze(a.tensor(0), a.int64(1))); }},
    {"squeeze_(Tensor self, int? dim=None)",
     [](Args& a) { return in_place_geometry(a, [&](rt::Tensor& t) { ag::squeeze_(t, a.int_or_none(1)); }); },
     kMethod},
    {"unsqueeze(Tensor self, int dim)", [](Args& a) { return wrap(ag::unsqueeze(a.tensor(0), a.int64(1))); }},
    {"unsqueeze_(Tensor self, int dim)",
     [](Args& a) { return in_place_geometry(a, [&](rt::Tensor& t) { ag::unsqueeze_(t, a.int64(1)); }); }, kMethod},
    {"permute(Tensor self, int[]... dims)", [](Args& a) { return wrap(ag::permute(a.tensor(0), a.ints(1))); }},
    {"transpose(Tensor self, int dim0, int dim1)",
     [](Args& a) { return wrap(ag::transpose(a.tensor(0), a.int64(1), a.int64(2))); }},
    {"swapaxes(Tensor self, int axis0, int axis1)",
     [](Args& a) { return wrap(ag::transpose(a.tensor(0), a.int64(1), a.int64(2))); }},
    {"swapdims(Tensor self, int dim0, int dim1)",
     [](Args& a) { return wrap(ag::transpose(a.tensor(0), a.int64(1), a.int64(2))); }},
    {"transpose_(Tensor self, int dim0, int dim1)",
     [](Args& a) {
       return in_place_geometry(a, [&](rt::Tensor& t) { ag::transpose_(t, a.int64(1), a.int64(2)); });
     },
     kMethod},
    {"t(Tensor self)", [](Args& a) { return wrap(ag::t(a.tensor(0))); }},
    {"t_(Tensor self)",
     [](Args& a) {
       return in_place_geometry(a, [&](rt::Tensor& t) {
         if (t.dim() == 2) ag::transpose_(t, 0, 1);
         else ag::t(t);  // validates (<= 2 dims); 0-d and 1-d stay as they are
       });
     },
     kMethod},
    {"movedim(Tensor self, int source, int destination)",
     [](Args& a) { return wrap(ag::movedim(a.tensor(0), a.int64(1), a.int64(2))); }},
    {"moveaxis(Tensor self, int source, int destination)",
     [](Args& a) { return wrap(ag::movedim(a.tensor(0), a.int64(1), a.int64(2))); }},
    {"expand(Tensor self, int[]... size, *, bool implicit=False)",
     [](Args& a) { return wrap(ag::expand(a.tensor(0), a.ints(1))); }, kMethod},
    {"expand_as(Tensor self, Tensor other)", [](Args& a) { return wrap(ag::expand_as(a.tensor(0), a.tensor(1))); },
     kMethod},
    {"broadcast_to(Tensor self, int[] size)", [](Args& a) { return wrap(ag::broadcast_to(a.tensor(0), a.ints(1))); }},
    {"narrow(Tensor self, int dim, int start, int length)",
     [](Args& a) { return wrap(ag::narrow(a.tensor(0), a.int64(1), a.int64(2), a.int64(3))); }},
    {"select(Tensor self, int dim, int index)",
     [](Args& a) { return wrap(ag::select(a.tensor(0), a.int64(1), a.int64(2))); }},
    {"diagonal(Tensor self, int offset=0, int dim1=0, int dim2=1)",
     [](Args& a) { return wrap(ag::diagonal(a.tensor(0), a.int64(1), a.int64(2), a.int64(3))); }},
    {"unbind(Tensor self, int dim=0)", [](Args& a) { return wrap_list(ag::unbind(a.tensor(0), a.int64(1))); }},
    {"as_strided(Tensor self, int[] size, int[] stride, int? storage_offset=None)",
     [](Args& a) { return wrap(ag::as_strided(a.tensor(0), a.ints(1), a.ints(2), a.int_or_none(3))); }},

    {"cat(Tensor[] tensors, int dim=0)", [](Args& a) { return wrap(ag::cat(a.tensors(0), a.int64(1))); }, kFunction},
    {"concat(Tensor[] tensors, int dim=0)", [](Args& a) { return wrap(ag::cat(a.tensors(0), a.int64(1))); },
     kFunction},
    {"concatenate(Tensor[] tensors, int dim=0)", [](Args& a) { return wrap(ag::cat(a.tensors(0), a.int64(1))); },
     kFunction},
    {"stack(Tensor[] tensors, int dim=0)", [](Args& a) { return wrap(ag::stack(a.tensors(0), a.int64(1))); },
     kFunction},
    {"hstack(Tensor[] tensors)", [](Args& a) { return wrap(hstack(a.tensors(0))); }, kFunction},
    {"vstack(Tensor[] tensors)", [](Args& a) { return wrap(vstack(a.tensors(0))); }, kFunction},
    {"split(Tensor self, int split_size, int dim=0)",
     [](Args& a) { return wrap_list(ag::split(a.tensor(0), a.int64(1), a.int64(2))); }},
    {"split(Tensor self, int[] split_size, int dim=0)",
     [](Args& a) { return wrap_list(ag::split_with_sizes(a.tensor(0), a.ints(1), a.int64(2))); }},
    {"split_with_sizes(Tensor self, int[] split_sizes, int dim=0)",
     [](Args& a) { return wrap_list(ag::split_with_sizes(a.tensor(0), a.ints(1), a.int64(2))); }},
    {"chunk(Tensor self, int chunks, int dim=0)",
     [](Args& a) { return wrap_list(ag::chunk(a.tensor(0), a.int64(1), a.int64(2))); }},
    {"repeat(Tensor self, int[]... repeats)", [](Args& a) { return wrap(ag::repeat(a.tensor(0), a.ints(1))); },
     kMethod},
    {"tile(Tensor self, int[]... dims)", [](Args& a) { return wrap(ag::tile(a.tensor(0), a.ints(1))); }},
    {"flip(Tensor self, int[]... dims)", [](Args& a) { return wrap(ag::flip(a.tensor(0), a.ints(1))); }},
    {"fliplr(Tensor self)", [](Args& a) { return wrap(ag::flip(a.tensor(0), {1})); }},
    {"flipud(Tensor self)", [](Args& a) { return wrap(ag::flip(a.tensor(0), {0})); }},
};

}  // namespace

std::span<const OpDef> shape_ops() { return kShapeOps; }

}  // namespace tscript::bindings
