// 2-d max, average and adaptive average pooling and their gradients, over
// contiguous planes [P, H, W] (the op folds batch and channels into P). Window
// bounds, the NaN rule, sums and divisors follow ATen's CPU kernels
// (MaxPoolKernel.cpp, AvgPoolKernel.cpp, AdaptiveAvgPoolKernel.cpp), accumulating
// in opmath (float for bfloat16), so results match PyTorch's.
#include <cmath>
#include <limits>

#include "backends/cpu/kernels.h"
#include "backends/cpu/parallel.h"
#include "runtime/tensor/error.h"

namespace tscript::rt::cpu {
namespace {

struct Planes {
  int64_t count, in_h, in_w, out_h, out_w;
  Planes(const Tensor& in, const Tensor& out)
      : count(in.sizes()[0]), in_h(in.sizes()[1]), in_w(in.sizes()[2]), out_h(out.sizes()[1]), out_w(out.sizes()[2]) {}
  int64_t in_plane() const { return in_h * in_w; }
  int64_t out_plane() const { return out_h * out_w; }
};

// Runs f(plane) over all planes, in parallel when there is enough work.
template <class F>
void for_each_plane(const Planes& p, int64_t work_per_output, const F& f) {
  const int64_t per_plane = std::max<int64_t>(p.out_plane() * std::max<int64_t>(work_per_output, 1), 1);
  parallel_for(0, p.count, std::max<int64_t>(1, kGrainSize / per_plane), [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) f(i);
  });
}

template <class F>
void dispatch_pool(DType dtype, F&& f) {
  switch (dtype) {
    case DType::Float32:
      return f.template operator()<float>();
    case DType::Float64:
      return f.template operator()<double>();
    case DType::BFloat16:
      return f.template operator()<BFloat16>();
    case DType::Int64:
      return f.template operator()<int64_t>();
    default:
      TS_ERROR("pooling kernel called with an unsupported dtype");
  }
}

// The average window at (oh, ow), clipped to the input, and its divisor.
struct AvgWindow {
  int64_t h0, h1, w0, w1, divisor;
  AvgWindow(const Planes& p, const Window2d& w, int64_t oh, int64_t ow, bool count_include_pad,
            int64_t divisor_override) {
    h0 = oh * w.stride[0] - w.padding[0];
    w0 = ow * w.stride[1] - w.padding[1];
    h1 = std::min(h0 + w.kernel[0], p.in_h + w.padding[0]);
    w1 = std::min(w0 + w.kernel[1], p.in_w + w.padding[1]);
    const int64_t padded_size = (h1 - h0) * (w1 - w0);
    h0 = std::max<int64_t>(h0, 0);
    w0 = std::max<int64_t>(w0, 0);
    h1 = std::min(h1, p.in_h);
    w1 = std::min(w1, p.in_w);
    divisor = divisor_override ? divisor_override : count_include_pad ? padded_size : (h1 - h0) * (w1 - w0);
  }
  bool empty() const { return h0 >= h1 || w0 >= w1; }
};

// PyTorch's adaptive bounds (AdaptivePooling.h), in integer arithmetic.
int64_t adaptive_start(int64_t i, int64_t out, int64_t in) { return (i / out) * in + ((i % out) * in) / out; }
int64_t adaptive_end(int64_t i, int64_t out, int64_t in) { return 1 + ((i + 1) * in - 1) / out; }

}  // namespace

void max_pool2d(const Tensor& out, const Tensor& indices, const Tensor& input, const Window2d& w) {
  const Planes p(input, out);
  dispatch_pool(input.dtype(), [&]<class T>() {
    using Acc = opmath_t<T>;
    const T* in = input.data<T>();
    T* o = out.data<T>();
    int64_t* idx = indices.data<int64_t>();
    for_each_plane(p, w.kernel[0] * w.kernel[1], [&](int64_t plane) {
      const T* src = in + plane * p.in_plane();
      for (int64_t oh = 0; oh < p.out_h; ++oh)
        for (int64_t ow = 0; ow < p.out_w; ++ow) {
          int64_t h0 = oh * w.stride[0] - w.padding[0], w0 = ow * w.stride[1] - w.padding[1];
          const int64_t h1 = std::min(h0 + (w.kernel[0] - 1) * w.dilation[0] + 1, p.in_h);
          const int64_t w1 = std::min(w0 + (w.kernel[1] - 1) * w.dilation[1] + 1, p.in_w);
          while (h0 < 0) h0 += w.dilation[0];
          while (w0 < 0) w0 += w.dilation[1];
          int64_t best = h0 * p.in_w + w0;
          Acc best_val = -std::numeric_limits<Acc>::infinity();
          for (int64_t ih = h0; ih < h1; ih += w.dilation[0])
            for (int64_t iw = w0; iw < w1; iw += w.dilation[1]) {
              const Acc v = static_cast<Acc>(src[ih * p.in_w + iw]);
              if (v > best_val || std::isnan(v)) {  // NaN wins, the last NaN seen
                best_val = v;
                best = ih * p.in_w + iw;
              }
            }
          const int64_t at = plane * p.out_plane() + oh * p.out_w + ow;
          o[at] = static_cast<T>(best_val);
          idx[at] = best;
        }
    });
  });
}

void max_pool2d_backward(const Tensor& grad_input, const Tensor& grad_out, const Tensor& indices) {
  fill(grad_input, 0);
  const Planes p(grad_input, grad_out);
  dispatch_pool(grad_input.dtype(), [&]<class T>() {
    const T* g = grad_out.data<T>();
    const int64_t* idx = indices.data<int64_t>();
    T* gi = grad_input.data<T>();
    for_each_plane(p, 1, [&](int64_t plane) {
      T* dst = gi + plane * p.in_plane();
      for (int64_t o = plane * p.out_plane(), e = o + p.out_plane(); o < e; ++o) {
        // Indices normally come from max_pool2d; a bad one must not write out of bounds.
        TS_CHECK_INDEX(idx[o] >= 0 && idx[o] < p.in_plane(), "max_pool2d_backward: index ", idx[o],
                       " is out of bounds for a plane of ", p.in_plane(), " elements");
        dst[idx[o]] = static_cast<T>(dst[idx[o]] + g[o]);
      }
    });
  });
}

void avg_pool2d(const Tensor& out, const Tensor& input, const Window2d& w, bool count_include_pad,
                int64_t divisor_override) {
  const Planes p(input, out);
  dispatch_pool(input.dtype(), [&]<class T>() {
    using Acc = opmath_t<T>;
    const T* in = input.data<T>();
    T* o = out.data<T>();
    for_each_plane(p, w.kernel[0] * w.kernel[1], [&](int64_t plane) {
      const T* src = in + plane * p.in_plane();
      T* dst = o + plane * p.out_plane();
      for (int64_t oh = 0; oh < p.out_h; ++oh)
        for (int64_t ow = 0; ow < p.out_w; ++ow) {
          const AvgWindow win(p, w, oh, ow, count_include_pad, divisor_override);
          if (win.empty()) {
            dst[oh * p.out_w + ow] = T(0);
            continue;
          }
          Acc sum = 0;
          for (int64_t ih = win.h0; ih < win.h1; ++ih)
            for (int64_t iw = win.w0; iw < win.w1; ++iw) sum += static_cast<Acc>(src[ih * p.in_w + iw]);
          dst[oh * p.out_w + ow] = static_cast<T>(sum / static_cast<Acc>(win.divisor));
        }
    });
  });
}

void avg_pool2d_backward(const Tensor& grad_input, const Tensor& grad_out, const Window2d& w, bool count_include_pad,
                         int64_t divisor_override) {
  fill(grad_input, 0);
  const Planes p(grad_input, grad_out);
  dispatch_pool(grad_input.dtype(), [&]<class T>() {
    using Acc = opmath_t<T>;
    const T* g = grad_out.data<T>();
    T* gi = grad_input.data<T>();
    for_each_plane(p, w.kernel[0] * w.kernel[1], [&](int64_t plane) {
      const T* src = g + plane * p.out_plane();
      T* dst = gi + plane * p.in_plane();
      for (int64_t oh = 0; oh < p.out_h; ++oh)
        for (int64_t ow = 0; ow < p.out_w; ++ow) {
          const AvgWindow win(p, w, oh, ow, count_include_pad, divisor_override);
          if (win.empty()) continue;
          const Acc share = static_cast<Acc>(src[oh * p.out_w + ow]) / static_cast<Acc>(win.divisor);
          for (int64_t ih = win.h0; ih < win.h1; ++ih)
            for (int64_t iw = win.w0; iw < win.w1; ++iw) {
              T& cell = dst[ih * p.in_w + iw];
              cell = static_cast<T>(static_cast<Acc>(cell) + share);
            }
        }
    });
  });
}

void adaptive_avg_pool2d(const Tensor& out, const Tensor& input) {
  const Planes p(input, out);
  dispatch_pool(input.dtype(), [&]<class T>() {
    using Acc = opmath_t<T>;
    const T* in = input.data<T>();
    T* o = out.data<T>();
    const int64_t window = (p.in_h / std::max<int64_t>(p.out_h, 1) + 1) * (p.in_w / std::max<int64_t>(p.out_w, 1) + 1);
    for_each_plane(p, window, [&](int64_t plane) {
      const T* src = in + plane * p.in_plane();
      T* dst = o + plane * p.out_plane();
      for (int64_t oh = 0; oh < p.out_h; ++oh) {
        const int64_t h0 = adaptive_start(oh, p.out_h, p.in_h), h1 = adaptive_end(oh, p.out_h, p.in_h);
        for (int64_t ow = 0; ow < p.out_w; ++ow) {
          const int64_t w0 = adaptive_start(ow, p.out_w, p.in_w), w1 = adaptive_end(ow, p.out_w, p.in_w);
          Acc sum = 0;
          for (int64_t ih = h0; ih < h1; ++ih)
            for (int64_t iw = w0; iw < w1; ++iw) sum += static_cast<Acc>(src[ih * p.in_w + iw]);
          dst[oh * p.out_w + ow] = static_cast<T>(sum / static_cast<Acc>(h1 - h0) / static_cast<Acc>(w1 - w0));
        }
      }
    });
  });
}

void adaptive_avg_pool2d_backward(const Tensor& grad_input, const Tensor& grad_out) {
  fill(grad_input, 0);
  const Planes p(grad_input, grad_out);
  dispatch_pool(grad_input.dtype(), [&]<class T>() {
    using Acc = opmath_t<T>;
    const T* g = grad_out.data<T>();
    T* gi = grad_input.data<T>();
    for_each_plane(p, 1, [&](int64_t plane) {
      const T* src = g + plane * p.out_plane();
      T* dst = gi + plane * p.in_plane();
      for (int64_t oh = 0; oh < p.out_h; ++oh) {
        const int64_t h0 = adaptive_start(oh, p.out_h, p.in_h), h1 = adaptive_end(oh, p.out_h, p.in_h);
        for (int64_t ow = 0; ow < p.out_w; ++ow) {
          const int64_t w0 = adaptive_start(ow, p.out_w, p.in_w), w1 = adaptive_end(ow, p.out_w, p.in_w);
          const Acc share =
              static_cast<Acc>(src[oh * p.out_w + ow]) / static_cast<Acc>(h1 - h0) / static_cast<Acc>(w1 - w0);
          for (int64_t ih = h0; ih < h1; ++ih)
            for (int64_t iw = w0; iw < w1; ++iw) {
              T& cell = dst[ih * p.in_w + iw];
              cell = static_cast<T>(static_cast<Acc>(cell) + share);
            }
        }
      }
    });
  });
}

}  // namespace tscript::rt::cpu
