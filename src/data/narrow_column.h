#pragma once
// NarrowColumn: a per-line column that keeps its values in a narrower type
// while every value appended fits it, and in the full type from the first one
// that does not.
//
// A Codec says what fits:
//   struct Codec {
//     using Value = ...;   // what the column holds and returns
//     using Narrow = ...;  // the smaller type
//     static bool narrow(Value v, Narrow& n) noexcept;  // true when widen(n) is v itself
//     static Value widen(Narrow n) noexcept;
//   };
// The two columns of OrderLines that use it: amounts (src/data/amount_column.h,
// whole cents in 4 bytes instead of a double) and days (src/data/day_column.h,
// 2 bytes instead of 4).
//
// Conventions: operator[] returns exactly the value appended (Codec::narrow
// guarantees widen(narrow(v)) == v bit for bit), so every sum and comparison is
// the same as with a std::vector<Value>; index i is the i-th value appended.
// The first value that does not fit turns the whole column wide, once, and it
// stays so until release().
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <vector>

#include "data/keep_lines.h"

namespace kpikit {

template <class Codec>
class NarrowColumn {
 public:
  using Value = typename Codec::Value;
  using Narrow = typename Codec::Narrow;

  NarrowColumn() = default;
  NarrowColumn(std::initializer_list<Value> values) {
    for (Value v : values) push_back(v);
  }

  std::size_t size() const noexcept { return is_narrow_ ? narrow_.size() : wide_.size(); }
  bool empty() const noexcept { return size() == 0; }
  std::size_t capacity() const noexcept { return is_narrow_ ? narrow_.capacity() : wide_.capacity(); }
  // true while the column holds Codec::Narrow values
  bool is_narrow() const noexcept { return is_narrow_; }

  void reserve(std::size_t n) {
    if (is_narrow_) narrow_.reserve(n);
    else wide_.reserve(n);
  }

  Value operator[](std::size_t i) const noexcept { return is_narrow_ ? Codec::widen(narrow_[i]) : wide_[i]; }
  Value front() const noexcept { return (*this)[0]; }
  Value back() const noexcept { return (*this)[size() - 1]; }

  void push_back(Value v) {
    if (is_narrow_) {
      Narrow n{};
      if (Codec::narrow(v, n)) {
        narrow_.push_back(n);
        return;
      }
      to_wide();
    }
    wide_.push_back(v);
  }

  // push_back of values[0..n), in one loop while every value narrows.
  void append(const Value* values, std::size_t n) {
    if (is_narrow_) {
      const std::size_t at = narrow_.size();
      narrow_.resize(at + n);
      Narrow* out = narrow_.data() + at;
      for (std::size_t i = 0; i < n; ++i) {
        if (!Codec::narrow(values[i], out[i])) {  // the rest one by one: the column turns wide here
          narrow_.resize(at + i);
          for (; i < n; ++i) push_back(values[i]);
          return;
        }
      }
      return;
    }
    wide_.insert(wide_.end(), values, values + n);
  }

  // Appends values[0..n), each what Codec::narrow gives for its value, while
  // the column is narrow; false, with nothing appended, once it is wide.
  bool append_narrow(const Narrow* values, std::size_t n) {
    if (!is_narrow_) return false;
    narrow_.insert(narrow_.end(), values, values + n);
    return true;
  }
  // Replaces value i.
  void set(std::size_t i, Value v) {
    Narrow n{};
    if (is_narrow_ && Codec::narrow(v, n)) {
      narrow_[i] = n;
      return;
    }
    to_wide();
    wide_[i] = v;
  }

  // Keeps line i where keep[i] != 0 (keep has one entry per line).
  void filter(const std::vector<std::uint8_t>& keep) {
    if (is_narrow_) keep_lines(narrow_, keep);
    else keep_lines(wide_, keep);
  }

  // Frees the storage (back to an empty narrow column).
  void release() noexcept {
    std::vector<Narrow>().swap(narrow_);
    std::vector<Value>().swap(wide_);
    is_narrow_ = true;
  }

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Value;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Value;
    const_iterator(const NarrowColumn* column, std::size_t i) noexcept : column_(column), i_(i) {}
    Value operator*() const noexcept { return (*column_)[i_]; }
    const_iterator& operator++() noexcept { ++i_; return *this; }
    const_iterator operator++(int) noexcept { const_iterator old = *this; ++i_; return old; }
    bool operator==(const const_iterator& o) const noexcept { return i_ == o.i_; }
    bool operator!=(const const_iterator& o) const noexcept { return i_ != o.i_; }

   private:
    const NarrowColumn* column_;
    std::size_t i_;
  };
  const_iterator begin() const noexcept { return {this, 0}; }
  const_iterator end() const noexcept { return {this, size()}; }

  friend bool operator==(const NarrowColumn& a, const NarrowColumn& b) { return same_values(a, b); }
  friend bool operator==(const NarrowColumn& a, const std::vector<Value>& b) { return same_values(a, b); }

 private:
  template <class Values>
  static bool same_values(const NarrowColumn& a, const Values& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!(a[i] == b[i])) return false;
    return true;
  }

  // Keeps the room reserved for narrow values (a reader reserves the whole
  // file's lines); when few values came yet (quantity x unit price turns the
  // amounts at their first line), they are copied out first so the reserved
  // narrow and wide storage never coexist.
  void to_wide() {
    if (!is_narrow_) return;
    const std::size_t room = std::max(narrow_.capacity(), narrow_.size() + 1);
    if (narrow_.size() * 2 < narrow_.capacity()) {
      std::vector<Value> so_far(narrow_.size());
      for (std::size_t i = 0; i < narrow_.size(); ++i) so_far[i] = Codec::widen(narrow_[i]);
      std::vector<Narrow>().swap(narrow_);
      wide_.reserve(room);
      wide_.assign(so_far.begin(), so_far.end());
    } else {
      wide_.reserve(room);
      for (Narrow n : narrow_) wide_.push_back(Codec::widen(n));
      std::vector<Narrow>().swap(narrow_);
    }
    is_narrow_ = false;
  }

  std::vector<Narrow> narrow_;
  std::vector<Value> wide_;
  bool is_narrow_ = true;
};

}  // namespace kpikit
