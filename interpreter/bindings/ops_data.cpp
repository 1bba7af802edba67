// Native helpers of the data-loading stdlib (stdlib/torch/utils/data, stdlib/torchvision):
// private torch functions, not part of PyTorch's API.
#include "interpreter/api/policy.h"
#include "interpreter/bindings/arg_parser.h"
#include "interpreter/builtins/builtins_internal.h"
#include "runtime/data/idx.h"
#include "runtime/data/prefetch.h"

namespace tscript::bindings {

namespace {

// The script handle of a BatchPrefetcher: next() gives a list of tensors, None at the end.
struct PrefetcherObject : Object {
  static constexpr Layout kLayout = Layout::Native;
  std::unique_ptr<rt::data::BatchPrefetcher> prefetcher;
  PrefetcherObject(Type* t, std::unique_ptr<rt::data::BatchPrefetcher> p) : Object(t), prefetcher(std::move(p)) {}
};

Type* prefetcher_type() {
  static Type* t = [] {
    Type* x = new_type("_BatchPrefetcher", "torch");
    method(x, "next(self)", [](Value* a, const Value&) -> Value {
      auto* o = static_cast<PrefetcherObject*>(a[0].obj());
      auto batch = guarded([&] { return o->prefetcher->next(); });
      if (!batch) return Value();
      std::vector<Value> items;
      for (auto& t : *batch) items.push_back(wrap(t));
      return Value::steal(new List(std::move(items)));
    });
    return x;
  }();
  return t;
}

std::vector<std::vector<int64_t>> index_batches(const Value& v) {
  std::vector<std::vector<int64_t>> out;
  for (auto& batch : to_vector(v)) {
    std::vector<int64_t> rows;
    for (auto& i : to_vector(batch)) {
      if (!i.is_int()) type_error("batch indices must be ints, not " + type_name(i));
      rows.push_back(i.as_int());
    }
    out.push_back(std::move(rows));
  }
  return out;
}

const OpDef kDataOps[] = {
    // torchvision's MNIST-format data sets read their IDX files through this.
    {"_read_idx(str path)", [](Args& a) {
       check_file_access(a.string(0), FileAccess::Read);
       return wrap(rt::data::read_idx(a.string(0)));
     }, kFunction},
    // DataLoader(num_workers > 0) over rows of tensors: batches gathered on background threads.
    {"_prefetch_batches(Tensor[] tensors, object batches, bool image_to_float, int num_workers, int prefetch_factor)",
     [](Args& a) -> Value {
       auto p = std::make_unique<rt::data::BatchPrefetcher>(a.tensors(0), index_batches(a[1]), a.boolean(2),
                                                            static_cast<int>(a.int64(3)), static_cast<int>(a.int64(4)));
       return Value::steal(new PrefetcherObject(prefetcher_type(), std::move(p)));
     }, kFunction},
};

}  // namespace

std::span<const OpDef> data_ops() { return kDataOps; }

}  // namespace tscript::bindings
