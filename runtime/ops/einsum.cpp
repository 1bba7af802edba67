// einsum: parse the equation, take diagonals of repeated subscripts, sum out
// subscripts nobody needs, then contract operands left to right, each pair as
// one bmm over (batch, rows, contracted, cols) obtained by permute + reshape.
#include <algorithm>
#include <array>

#include "runtime/ops/linalg.h"
#include "runtime/ops/reduce.h"
#include "runtime/ops/view.h"
#include "runtime/tensor/error.h"

namespace tscript::rt {
namespace {

// Subscripts are letters; "..." dims get labels 52, 53, ... (one per dim).
constexpr int kEllipsisBase = 52;
constexpr int kMaxLabels = 128;

int letter_label(char c) { return c >= 'A' && c <= 'Z' ? c - 'A' : c - 'a' + 26; }
char label_letter(int l) { return l < 26 ? static_cast<char>('A' + l) : static_cast<char>('a' + l - 26); }

struct Term {
  Tensor t;
  std::vector<int> labels;  // one per dim of t
};

// Sums over the dims whose labels are not in `keep`.
Term sum_out(const EinsumOps& ops, Term term, const std::array<bool, kMaxLabels>& keep) {
  DimVector dims;
  std::vector<int> labels;
  for (size_t d = 0; d < term.labels.size(); ++d) {
    if (keep[term.labels[d]]) labels.push_back(term.labels[d]);
    else dims.push_back(static_cast<int64_t>(d));
  }
  if (dims.empty()) return term;
  return {ops.sum(term.t, dims), labels};
}

// One pair: result labels are batch..., a-only..., b-only...
Term contract(const EinsumOps& ops, const Term& a, const Term& b, const std::array<bool, kMaxLabels>& needed_after) {
  std::vector<int> batch, a_only, b_only, summed;
  auto in = [](const std::vector<int>& v, int l) { return std::find(v.begin(), v.end(), l) != v.end(); };
  for (int l : a.labels) {
    if (in(b.labels, l)) (needed_after[l] ? batch : summed).push_back(l);
    else a_only.push_back(l);
  }
  for (int l : b.labels)
    if (!in(a.labels, l)) b_only.push_back(l);
  auto size_of = [](const Term& t, int l) {
    auto it = std::find(t.labels.begin(), t.labels.end(), l);
    return t.t.sizes()[it - t.labels.begin()];
  };
  auto pos = [](const Term& t, int l) {
    return static_cast<int64_t>(std::find(t.labels.begin(), t.labels.end(), l) - t.labels.begin());
  };
  // Broadcast batch dims of size 1 against the other operand.
  DimVector a_perm, b_perm, a_shape, b_shape;
  int64_t nb = 1, m = 1, k = 1, n = 1;
  DimVector out_shape;
  for (int l : batch) {
    int64_t sa = size_of(a, l), sb = size_of(b, l), s = std::max(sa, sb);
    a_perm.push_back(pos(a, l));
    b_perm.push_back(pos(b, l));
    a_shape.push_back(s);
    b_shape.push_back(s);
    out_shape.push_back(s);
    nb *= s;
  }
  for (int l : a_only) {
    a_perm.push_back(pos(a, l));
    a_shape.push_back(size_of(a, l));
    out_shape.push_back(size_of(a, l));
    m *= size_of(a, l);
  }
  for (int l : summed) {
    int64_t s = std::max(size_of(a, l), size_of(b, l));
    a_perm.push_back(pos(a, l));
    a_shape.push_back(s);
    k *= s;
  }
  for (int l : summed) {
    b_perm.push_back(pos(b, l));
    b_shape.push_back(std::max(size_of(a, l), size_of(b, l)));
  }
  for (int l : b_only) {
    b_perm.push_back(pos(b, l));
    b_shape.push_back(size_of(b, l));
    out_shape.push_back(size_of(b, l));
    n *= size_of(b, l);
  }
  Tensor A = ops.reshape(ops.expand(ops.permute(a.t, a_perm), a_shape), DimVector{nb, m, k});
  Tensor B = ops.reshape(ops.expand(ops.permute(b.t, b_perm), b_shape), DimVector{nb, k, n});
  std::vector<int> labels = batch;
  labels.insert(labels.end(), a_only.begin(), a_only.end());
  labels.insert(labels.end(), b_only.begin(), b_only.end());
  return {ops.reshape(ops.bmm(A, B), out_shape), labels};
}

}  // namespace

Tensor einsum(const std::string& equation, const std::vector<Tensor>& operands, const EinsumOps& ops) {
  // ---- parse ----
  std::string lhs = equation, rhs;
  bool explicit_output = false;
  if (auto arrow = equation.find("->"); arrow != std::string::npos) {
    lhs = equation.substr(0, arrow);
    rhs = equation.substr(arrow + 2);
    explicit_output = true;
  }
  std::vector<std::string> specs{""};
  for (size_t i = 0; i < lhs.size(); ++i) {
    char c = lhs[i];
    if (c == ',') specs.emplace_back();
    else if (c == ' ') continue;
    else if (c == '.' || std::isalpha(static_cast<unsigned char>(c))) specs.back() += c;
    else TS_ERROR("einsum(): invalid subscript given at index ", i,
                  " in the equation string, subscripts must be in [a-zA-Z]");
  }
  TS_CHECK(specs.size() <= operands.size(), "einsum(): fewer operands were provided than specified in the equation");
  TS_CHECK(specs.size() >= operands.size(), "einsum(): more operands were provided than specified in the equation");

  // Labels per operand, with "..." expanded to the operand's extra dims.
  int64_t ellipsis_dims = 0;
  std::vector<Term> terms;
  std::array<int64_t, kMaxLabels> label_size;
  label_size.fill(-1);
  std::array<int, kMaxLabels> count{};
  for (size_t i = 0; i < specs.size(); ++i) {
    const std::string& s = specs[i];
    const Tensor& t = operands[i];
    size_t dots = s.find("...");
    int64_t letters = static_cast<int64_t>(s.size()) - (dots == std::string::npos ? 0 : 3);
    TS_CHECK(dots != std::string::npos ? letters <= t.dim() : letters == t.dim(),
             "einsum(): the number of subscripts in the equation (", letters,
             ") does not match the number of dimensions (", t.dim(), ") for operand ", i,
             dots == std::string::npos ? " and no ellipsis was given" : "");
    int64_t extra = t.dim() - letters;
    ellipsis_dims = std::max(ellipsis_dims, extra);
    Term term{t, {}};
    for (size_t j = 0; j < s.size(); ++j) {
      if (s[j] == '.') {
        TS_CHECK(j == dots, "einsum(): found '.' for operand ", i, " that is not part of any ellipsis");
        // Right-aligned: the last ellipsis dim is label kEllipsisBase + (max - 1).
        for (int64_t e = 0; e < extra; ++e) term.labels.push_back(kEllipsisBase + static_cast<int>(e));
        j += 2;
        continue;
      }
      term.labels.push_back(letter_label(s[j]));
    }
    terms.push_back(std::move(term));
  }
  // Re-align ellipsis labels so that broadcast dims line up from the right.
  for (auto& term : terms) {
    int64_t extra = 0;
    for (int l : term.labels) extra += l >= kEllipsisBase;
    for (int& l : term.labels)
      if (l >= kEllipsisBase) l += static_cast<int>(ellipsis_dims - extra);
  }
  for (size_t i = 0; i < terms.size(); ++i) {
    for (size_t d = 0; d < terms[i].labels.size(); ++d) {
      int l = terms[i].labels[d];
      int64_t size = terms[i].t.sizes()[d];
      count[l]++;
      if (label_size[l] == -1 || label_size[l] == 1) label_size[l] = std::max(size, label_size[l]);
      else if (size != 1 && size != label_size[l]) {
        if (l >= kEllipsisBase)
          TS_ERROR("einsum(): operands do not broadcast with remapped shapes (original->remapped)");
        TS_ERROR("einsum(): subscript ", label_letter(l), " has size ", size, " for operand ", i,
                 " which does not broadcast with previously seen size ", label_size[l]);
      }
    }
  }

  // Output labels.
  std::vector<int> out_labels;
  if (explicit_output) {
    size_t dots = rhs.find("...");
    for (size_t j = 0; j < rhs.size(); ++j) {
      if (rhs[j] == '.') {
        TS_CHECK(j == dots, "einsum(): found '.' for output that is not part of any ellipsis");
        for (int64_t e = 0; e < ellipsis_dims; ++e) out_labels.push_back(kEllipsisBase + static_cast<int>(e));
        j += 2;
        continue;
      }
      TS_CHECK(std::isalpha(static_cast<unsigned char>(rhs[j])), "einsum(): invalid subscript given at index ",
               lhs.size() + 2 + j, " in the equation string, subscripts must be in [a-zA-Z]");
      int l = letter_label(rhs[j]);
      TS_CHECK(std::find(out_labels.begin(), out_labels.end(), l) == out_labels.end(), "einsum(): output subscript ",
               rhs[j], " appears more than once in the output");
      TS_CHECK(count[l] > 0, "einsum(): output subscript ", rhs[j],
               " does not appear in the equation for any input operand");
      out_labels.push_back(l);
    }
  } else {
    // Implicit: "..." dims first, then the letters seen exactly once, A-Z before a-z.
    for (int64_t e = 0; e < ellipsis_dims; ++e) out_labels.push_back(kEllipsisBase + static_cast<int>(e));
    for (int l = 0; l < kEllipsisBase; ++l)
      if (count[l] == 1) out_labels.push_back(l);
  }

  // ---- diagonals of repeated labels within one operand ----
  for (auto& term : terms) {
    for (size_t d = 0; d < term.labels.size(); ++d) {
      for (size_t e = d + 1; e < term.labels.size(); ++e) {
        if (term.labels[e] != term.labels[d]) continue;
        // diagonal() puts the merged dim last; move it back to position d.
        Tensor diag = ops.diagonal(term.t, 0, static_cast<int64_t>(d), static_cast<int64_t>(e));
        term.t = ops.movedim(diag, -1, static_cast<int64_t>(d));
        term.labels.erase(term.labels.begin() + static_cast<long>(e));
        --e;
      }
    }
  }

  // ---- contract left to right ----
  std::array<bool, kMaxLabels> in_output{};
  for (int l : out_labels) in_output[l] = true;
  auto needed_after = [&](size_t i) {  // labels used by the output or by terms after i
    std::array<bool, kMaxLabels> need = in_output;
    for (size_t j = i + 1; j < terms.size(); ++j)
      for (int l : terms[j].labels) need[l] = true;
    return need;
  };
  Term acc = sum_out(ops, terms[0], needed_after(0));
  for (size_t i = 1; i < terms.size(); ++i) {
    auto need = needed_after(i);
    // Drop labels only this operand has and nobody needs, before multiplying.
    std::array<bool, kMaxLabels> keep_b = need;
    for (int l : acc.labels) keep_b[l] = true;
    Term b = sum_out(ops, terms[i], keep_b);
    std::array<bool, kMaxLabels> keep_a = need;
    for (int l : b.labels) keep_a[l] = true;
    acc = sum_out(ops, acc, keep_a);
    acc = contract(ops, acc, b, need);
  }
  acc = sum_out(ops, acc, in_output);

  // ---- order as the output ----
  DimVector perm;
  for (int l : out_labels) {
    auto it = std::find(acc.labels.begin(), acc.labels.end(), l);
    perm.push_back(it - acc.labels.begin());
  }
  return ops.permute(acc.t, perm);
}

const EinsumOps& plain_einsum_ops() {
  static const EinsumOps ops{
      [](const Tensor& t, IntArrayRef dims) { return sum(t, dims); },
      [](const Tensor& t, IntArrayRef sizes) { return reshape(t, sizes); },
      [](const Tensor& t, IntArrayRef sizes) { return expand(t, sizes); },
      [](const Tensor& t, IntArrayRef dims) { return permute(t, dims); },
      [](const Tensor& a, const Tensor& b) { return bmm(a, b); },
      [](const Tensor& t, int64_t offset, int64_t d1, int64_t d2) { return diagonal(t, offset, d1, d2); },
      [](const Tensor& t, int64_t src, int64_t dst) { return movedim(t, src, dst); },
  };
  return ops;
}

Tensor einsum(const std::string& equation, const std::vector<Tensor>& operands) {
  return einsum(equation, operands, plain_einsum_ops());
}

}  // namespace tscript::rt
