// A line-by-line port of torch/_tensor_str.py (PyTorch 1.13), strided CPU
// tensors without complex dtypes. Python names are kept in the comments so the
// two can be read side by side.
#include "runtime/tensor/print.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "runtime/tensor/error.h"

namespace tscript::rt {

PrintOptions& print_options() {
  static PrintOptions options;
  return options;
}

namespace {

// ---- Python's float formatting -------------------------------------------
// glibc's printf rounds exactly like CPython's dtoa (correctly rounded, ties
// to even on the exact binary value); only nan/inf differ ("-nan").

std::string c_format(const char* spec, int precision, double v) {
  int n = std::snprintf(nullptr, 0, spec, precision, v);
  std::string s(static_cast<size_t>(n) + 1, '\0');
  std::snprintf(s.data(), s.size(), spec, precision, v);
  s.resize(static_cast<size_t>(n));
  return s;
}

std::string non_finite(double v) {
  if (std::isnan(v)) return "nan";
  return v < 0 ? "-inf" : "inf";
}

// "{:.Pf}".format(v)
std::string py_fixed(double v, int precision) {
  if (!std::isfinite(v)) return non_finite(v);
  return c_format("%.*f", precision, v);
}

// "{:.Pe}".format(v)
std::string py_sci(double v, int precision) {
  if (!std::isfinite(v)) return non_finite(v);
  return c_format("%.*e", precision, v);
}

// "{}".format(v) for the elements of an integral or bool tensor.
std::string py_str(const Scalar& v) {
  if (v.is_bool()) return v.to_bool() ? "True" : "False";
  return std::to_string(v.to_int());
}

std::string pad_left(const std::string& s, int64_t width) {
  int64_t n = static_cast<int64_t>(s.size());
  return n >= width ? s : std::string(static_cast<size_t>(width - n), ' ') + s;
}

// Python slice bounds self[start:stop] on a dimension of `size` (step 1).
struct Range {
  int64_t begin, end;
};
Range py_slice(int64_t size, std::optional<int64_t> start, std::optional<int64_t> stop) {
  auto norm = [size](int64_t i) {
    if (i < 0) i += size;
    return std::clamp<int64_t>(i, 0, size);
  };
  int64_t b = start ? norm(*start) : 0;
  int64_t e = stop ? norm(*stop) : size;
  return {b, std::max(b, e)};
}

// ---- the tensor walked as Python's self[i][j]... ----------------------------
// A sub-tensor self[i0]...[ik] of a row-major tensor is a contiguous run of
// logical indices: (first logical index, number of leading dims indexed).

class Printer {
 public:
  Printer(const Tensor& t, const PrintOptions& opts) : t_(t), o_(opts), sizes_(t.sizes().vec()) {
    size_t nd = sizes_.size();
    block_.assign(nd + 1, 1);
    for (size_t d = nd; d-- > 0;) block_[d] = block_[d + 1] * sizes_[d];
    floating_ = is_floating(t.dtype());
  }

  std::string tensor_str(int64_t indent) {
    // _tensor_str
    if (t_.numel() == 0) return "[]";
    summarize_ = t_.numel() > o_.threshold;
    std::vector<Scalar> values;
    if (summarize_) collect_summarized(0, 0, values);
    else
      for (int64_t i = 0; i < t_.numel(); ++i) values.push_back(t_.scalar_at(i));
    init_formatter(values);
    return str_with_formatter(0, 0, indent);
  }

 private:
  int64_t ndim() const { return static_cast<int64_t>(sizes_.size()); }
  Scalar at(int64_t logical) const { return t_.scalar_at(logical); }

  // get_summarized_data: the elements the formatter looks at.
  void collect_summarized(int64_t d, int64_t base, std::vector<Scalar>& out) {
    int64_t nd = ndim();
    if (nd == 0) {
      out.push_back(at(0));
      return;
    }
    int64_t size = sizes_[static_cast<size_t>(d)];
    int64_t e = o_.edgeitems;
    if (d == nd - 1) {
      if (size > 2 * e) {  // torch.cat((self[:e], self[-e:]))
        Range head = py_slice(size, std::nullopt, e), tail = py_slice(size, -e, std::nullopt);
        for (int64_t i = head.begin; i < head.end; ++i) out.push_back(at(base + i));
        for (int64_t i = tail.begin; i < tail.end; ++i) out.push_back(at(base + i));
      } else {
        for (int64_t i = 0; i < size; ++i) out.push_back(at(base + i));
      }
      return;
    }
    int64_t stride = block_[static_cast<size_t>(d) + 1];
    std::vector<int64_t> rows;
    if (size > 2 * e) {
      for (int64_t i = 0; i < e; ++i) rows.push_back(i);
      for (int64_t i = size - e; i < size; ++i) rows.push_back(i);
    } else {
      for (int64_t i = 0; i < size; ++i) rows.push_back(i);
    }
    TS_CHECK(!rows.empty(), "stack expects a non-empty TensorList");
    for (int64_t i : rows) collect_summarized(d + 1, base + i * stride, out);
  }

  // _Formatter.__init__
  void init_formatter(const std::vector<Scalar>& values) {
    int_mode_ = true;
    sci_mode_ = false;
    max_width_ = 1;
    if (!floating_) {
      for (const Scalar& v : values) max_width_ = std::max<int64_t>(max_width_, py_str(v).size());
      if (o_.sci_mode) sci_mode_ = *o_.sci_mode;
      return;
    }
    std::vector<double> nonzero_finite;
    for (const Scalar& v : values) {
      double x = v.to_double();
      if (std::isfinite(x) && x != 0.0) nonzero_finite.push_back(x);
    }
    if (nonzero_finite.empty()) return;  // no valid number: PRINT_OPTS.sci_mode is not applied
    double mn = std::abs(nonzero_finite[0]), mx = mn;
    for (double x : nonzero_finite) {
      mn = std::min(mn, std::abs(x));
      mx = std::max(mx, std::abs(x));
    }
    for (double x : nonzero_finite) {
      if (x != std::ceil(x)) {
        int_mode_ = false;
        break;
      }
    }
    int p = o_.precision;
    if (int_mode_) {
      if (mx / mn > 1000.0 || mx > 1.0e8) {
        sci_mode_ = true;
        for (double x : nonzero_finite) max_width_ = std::max<int64_t>(max_width_, py_sci(x, p).size());
      } else {
        for (double x : nonzero_finite)
          max_width_ = std::max<int64_t>(max_width_, static_cast<int64_t>(py_fixed(x, 0).size()) + 1);
      }
    } else {
      if (mx / mn > 1000.0 || mx > 1.0e8 || mn < 1.0e-4) {
        sci_mode_ = true;
        for (double x : nonzero_finite) max_width_ = std::max<int64_t>(max_width_, py_sci(x, p).size());
      } else {
        for (double x : nonzero_finite) max_width_ = std::max<int64_t>(max_width_, py_fixed(x, p).size());
      }
    }
    if (o_.sci_mode) sci_mode_ = *o_.sci_mode;
  }

  // _Formatter.format
  std::string format(const Scalar& v) const {
    std::string ret;
    if (floating_) {
      double x = v.to_double();
      if (sci_mode_) {
        ret = py_sci(x, o_.precision);
      } else if (int_mode_) {
        ret = py_fixed(x, 0);
        if (std::isfinite(x)) ret += ".";
      } else {
        ret = py_fixed(x, o_.precision);
      }
    } else {
      ret = py_str(v);
    }
    return pad_left(ret, max_width_);
  }

  // _vector_str
  std::string vector_str(int64_t base, int64_t size, int64_t indent) const {
    int64_t element_length = max_width_ + 2;
    auto per_line = static_cast<int64_t>(
        std::floor(static_cast<double>(o_.linewidth - indent) / static_cast<double>(element_length)));
    int64_t elements_per_line = std::max<int64_t>(1, per_line);

    std::vector<std::string> data;
    int64_t e = o_.edgeitems;
    if (summarize_ && size > 2 * e) {
      Range head = py_slice(size, std::nullopt, e), tail = py_slice(size, -e, std::nullopt);
      for (int64_t i = head.begin; i < head.end; ++i) data.push_back(format(at(base + i)));
      data.push_back(" ...");
      for (int64_t i = tail.begin; i < tail.end; ++i) data.push_back(format(at(base + i)));
    } else {
      for (int64_t i = 0; i < size; ++i) data.push_back(format(at(base + i)));
    }

    std::string line_sep = ",\n" + std::string(static_cast<size_t>(indent + 1), ' ');
    std::string out = "[";
    for (size_t i = 0; i < data.size(); ++i) {
      if (i > 0) out += (static_cast<int64_t>(i) % elements_per_line == 0) ? line_sep : ", ";
      out += data[i];
    }
    out += "]";
    return out;
  }

  // _tensor_str_with_formatter for the sub-tensor at dim `d` starting at `base`.
  std::string str_with_formatter(int64_t d, int64_t base, int64_t indent) const {
    int64_t dim = ndim() - d;
    if (dim == 0) return format(at(base));
    int64_t size = sizes_[static_cast<size_t>(d)];
    if (dim == 1) return vector_str(base, size, indent);

    int64_t stride = block_[static_cast<size_t>(d) + 1];
    std::vector<std::string> slices;
    int64_t e = o_.edgeitems;
    if (summarize_ && size > 2 * e) {
      for (int64_t i = 0; i < e; ++i) slices.push_back(str_with_formatter(d + 1, base + i * stride, indent + 1));
      slices.push_back("...");
      for (int64_t i = size - e; i < size; ++i)
        slices.push_back(str_with_formatter(d + 1, base + i * stride, indent + 1));
    } else {
      for (int64_t i = 0; i < size; ++i) slices.push_back(str_with_formatter(d + 1, base + i * stride, indent + 1));
    }
    std::string sep = "," + std::string(static_cast<size_t>(dim - 1), '\n') +
                      std::string(static_cast<size_t>(indent + 1), ' ');
    std::string out = "[";
    for (size_t i = 0; i < slices.size(); ++i) {
      if (i > 0) out += sep;
      out += slices[i];
    }
    out += "]";
    return out;
  }

  const Tensor& t_;
  const PrintOptions& o_;
  std::vector<int64_t> sizes_;
  std::vector<int64_t> block_;  // block_[d] = prod(sizes[d:])
  bool floating_ = false;
  bool summarize_ = false;
  bool int_mode_ = true;
  bool sci_mode_ = false;
  int64_t max_width_ = 1;
};

// str(tuple(shape)): "(2, 0)", "(0,)".
std::string shape_tuple(IntArrayRef sizes) {
  std::string s = "(";
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (i > 0) s += ", ";
    s += std::to_string(sizes[i]);
  }
  if (sizes.size() == 1) s += ",";
  return s + ")";
}

// _add_suffixes(tensor_str, suffixes, indent, force_newline=False)
std::string add_suffixes(const std::string& tensor_str, const std::vector<std::string>& suffixes, int64_t indent,
                         int linewidth) {
  std::string out = tensor_str;
  size_t nl = tensor_str.rfind('\n');
  int64_t rfind = nl == std::string::npos ? -1 : static_cast<int64_t>(nl);
  int64_t last_line_len = static_cast<int64_t>(tensor_str.size()) - rfind + 1;
  for (const std::string& suffix : suffixes) {
    auto suffix_len = static_cast<int64_t>(suffix.size());
    if (last_line_len + suffix_len + 2 > linewidth) {
      out += ",\n" + std::string(static_cast<size_t>(indent), ' ') + suffix;
      last_line_len = indent + suffix_len;
    } else {
      out += ", " + suffix;
      last_line_len += suffix_len + 2;
    }
  }
  return out + ")";
}

}  // namespace

std::string tensor_data_str(const Tensor& t, int indent) {
  Printer printer(t, print_options());
  return printer.tensor_str(indent);
}

std::string tensor_repr(const Tensor& t, const std::vector<std::string>& suffixes, const std::string& prefix) {
  const PrintOptions& opts = print_options();
  auto indent = static_cast<int64_t>(prefix.size());
  std::vector<std::string> all;
  if (!t.device().is_cpu()) all.push_back("device='" + t.device().str() + "'");

  std::string tensor_str;
  if (t.numel() == 0) {
    // Explicitly print the shape if it is not (0,), to match NumPy.
    if (t.dim() != 1) all.push_back("size=" + shape_tuple(t.sizes()));
    // No elements to infer int64 from: any non-default dtype is shown.
    if (t.dtype() != default_dtype()) all.push_back("dtype=" + dtype_repr(t.dtype()));
    tensor_str = "[]";
  } else {
    bool has_default_dtype =
        t.dtype() == default_dtype() || t.dtype() == DType::Int64 || t.dtype() == DType::Bool;
    if (!has_default_dtype) all.push_back("dtype=" + dtype_repr(t.dtype()));
    Printer printer(t, opts);
    tensor_str = printer.tensor_str(indent);
  }
  all.insert(all.end(), suffixes.begin(), suffixes.end());
  return add_suffixes(prefix + tensor_str, all, indent, opts.linewidth);
}

}  // namespace tscript::rt
