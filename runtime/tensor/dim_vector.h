// DimVector: sizes/strides with room for 6 dims inline (no heap allocation for
// the shapes real programs use), growing onto the heap beyond that.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>

#include "runtime/tensor/array_ref.h"

namespace tscript::rt {

class DimVector {
 public:
  static constexpr size_t kInline = 6;

  DimVector() = default;
  explicit DimVector(size_t n, int64_t value = 0) { assign(n, value); }
  DimVector(IntArrayRef r) { assign(r); }  // NOLINT
  DimVector(std::initializer_list<int64_t> l) { assign(IntArrayRef(l.begin(), l.size())); }
  DimVector(const DimVector& o) { assign(IntArrayRef(o)); }
  DimVector& operator=(const DimVector& o) {
    if (this != &o) assign(IntArrayRef(o));
    return *this;
  }
  DimVector(DimVector&& o) noexcept { *this = std::move(o); }
  DimVector& operator=(DimVector&& o) noexcept {
    if (this == &o) return *this;
    if (o.heap_) {
      heap_ = std::move(o.heap_);
      capacity_ = o.capacity_;
      size_ = o.size_;
      o.capacity_ = kInline;
      o.size_ = 0;
    } else {
      assign(IntArrayRef(o));
    }
    return *this;
  }

  operator IntArrayRef() const { return {data(), size_}; }  // NOLINT
  IntArrayRef ref() const { return {data(), size_}; }

  int64_t* data() { return heap_ ? heap_.get() : inline_; }
  const int64_t* data() const { return heap_ ? heap_.get() : inline_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  int64_t& operator[](size_t i) { return data()[i]; }
  int64_t operator[](size_t i) const { return data()[i]; }
  int64_t* begin() { return data(); }
  int64_t* end() { return data() + size_; }
  const int64_t* begin() const { return data(); }
  const int64_t* end() const { return data() + size_; }
  int64_t& back() { return data()[size_ - 1]; }
  int64_t back() const { return data()[size_ - 1]; }

  void reserve(size_t n) {
    if (n <= capacity_) return;
    auto fresh = std::make_unique<int64_t[]>(n);
    std::copy(begin(), end(), fresh.get());
    heap_ = std::move(fresh);
    capacity_ = n;
  }
  void resize(size_t n, int64_t value = 0) {
    reserve(n);
    for (size_t i = size_; i < n; ++i) data()[i] = value;
    size_ = n;
  }
  void assign(size_t n, int64_t value) {
    size_ = 0;
    resize(n, value);
  }
  void assign(IntArrayRef r) {
    reserve(r.size());
    if (r.size()) std::memmove(data(), r.data(), r.size() * sizeof(int64_t));
    size_ = r.size();
  }
  void push_back(int64_t v) {
    if (size_ == capacity_) reserve(capacity_ * 2);
    data()[size_++] = v;
  }
  void insert(size_t pos, int64_t v) {
    push_back(0);
    int64_t* d = data();
    std::memmove(d + pos + 1, d + pos, (size_ - 1 - pos) * sizeof(int64_t));
    d[pos] = v;
  }
  void erase(size_t pos) {
    int64_t* d = data();
    std::memmove(d + pos, d + pos + 1, (size_ - pos - 1) * sizeof(int64_t));
    --size_;
  }
  void pop_back() { --size_; }
  void clear() { size_ = 0; }

  friend bool operator==(const DimVector& a, const DimVector& b) { return a.ref() == b.ref(); }

 private:
  int64_t inline_[kInline] = {};
  std::unique_ptr<int64_t[]> heap_;
  size_t capacity_ = kInline;
  size_t size_ = 0;
};

}  // namespace tscript::rt
