#pragma once
// AmountColumn: the amount of each order line, in 4 bytes a line when it can.
//
// Shop exports write amounts with at most two decimals, and the reader turns
// "12,30" into the double nearest 12.30 (1230 / 100, correctly rounded). That
// double is exactly what cents / 100.0 gives back, so while every amount
// appended is such a value, the column keeps whole cents in 32 bits (half the
// 8 bytes of a double). The first amount that is not (a third decimal,
// quantity x unit price = 7.6499999999999995, beyond +-20 million, -0.0, NaN)
// turns the whole column into doubles, once, and it stays so.
//
// Conventions: operator[] returns bit for bit the double that was appended,
// in either storage, so every sum and comparison is the same as with a
// std::vector<double>; index i is the i-th amount appended.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <vector>

#include "data/keep_lines.h"

namespace kpikit {

class AmountColumn {
 public:
  AmountColumn() = default;
  AmountColumn(std::initializer_list<double> amounts) {
    for (double a : amounts) push_back(a);
  }

  std::size_t size() const noexcept { return in_cents_ ? cents_.size() : values_.size(); }
  bool empty() const noexcept { return size() == 0; }
  std::size_t capacity() const noexcept { return in_cents_ ? cents_.capacity() : values_.capacity(); }
  // true while the column holds whole cents (4 bytes a line)
  bool in_cents() const noexcept { return in_cents_; }

  void reserve(std::size_t n) {
    if (in_cents_) cents_.reserve(n);
    else values_.reserve(n);
  }

  double operator[](std::size_t i) const noexcept {
    return in_cents_ ? static_cast<double>(cents_[i]) / 100.0 : values_[i];
  }

  void push_back(double amount) {
    if (in_cents_) {
      std::int32_t cents = 0;
      if (as_cents(amount, cents)) {
        cents_.push_back(cents);
        return;
      }
      to_doubles();
    }
    values_.push_back(amount);
  }

  // Replaces amount i (used by tests that build a table by hand).
  void set(std::size_t i, double amount) {
    std::int32_t cents = 0;
    if (in_cents_ && as_cents(amount, cents)) {
      cents_[i] = cents;
      return;
    }
    to_doubles();
    values_[i] = amount;
  }

  // Keeps line i where keep[i] != 0 (keep has one entry per line).
  void filter(const std::vector<std::uint8_t>& keep) {
    if (in_cents_) keep_lines(cents_, keep);
    else keep_lines(values_, keep);
  }

  // Frees the storage (back to an empty column in cents).
  void release() noexcept {
    std::vector<std::int32_t>().swap(cents_);
    std::vector<double>().swap(values_);
    in_cents_ = true;
  }

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = double;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = double;
    const_iterator(const AmountColumn* column, std::size_t i) noexcept : column_(column), i_(i) {}
    double operator*() const noexcept { return (*column_)[i_]; }
    const_iterator& operator++() noexcept { ++i_; return *this; }
    const_iterator operator++(int) noexcept { const_iterator old = *this; ++i_; return old; }
    bool operator==(const const_iterator& o) const noexcept { return i_ == o.i_; }
    bool operator!=(const const_iterator& o) const noexcept { return i_ != o.i_; }

   private:
    const AmountColumn* column_;
    std::size_t i_;
  };
  const_iterator begin() const noexcept { return {this, 0}; }
  const_iterator end() const noexcept { return {this, size()}; }

  friend bool operator==(const AmountColumn& a, const AmountColumn& b) { return same_amounts(a, b); }
  friend bool operator==(const AmountColumn& a, const std::vector<double>& b) { return same_amounts(a, b); }

 private:
  template <class Amounts>
  static bool same_amounts(const AmountColumn& a, const Amounts& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a[i] != b[i]) return false;
    return true;
  }

  // Whole cents whose cents / 100.0 is `amount` itself, or false.
  static bool as_cents(double amount, std::int32_t& cents) noexcept {
    if (!(std::fabs(amount) < 2.0e7)) return false;  // also NaN
    const double scaled = std::nearbyint(amount * 100.0);
    const auto c = static_cast<std::int32_t>(scaled);
    if (static_cast<double>(c) / 100.0 != amount) return false;
    if (amount == 0.0 && std::signbit(amount)) return false;  // -0.0 would come back as +0.0
    cents = c;
    return true;
  }

  // Keeps the room reserved for cents (a reader reserves the whole file's lines);
  // when few amounts came yet (quantity x unit price turns the column at its first
  // line), they are copied out first so the reserved cents and doubles never coexist.
  void to_doubles() {
    if (!in_cents_) return;
    const std::size_t room = std::max(cents_.capacity(), cents_.size() + 1);
    if (cents_.size() * 2 < cents_.capacity()) {
      std::vector<double> so_far(cents_.size());
      for (std::size_t i = 0; i < cents_.size(); ++i) so_far[i] = static_cast<double>(cents_[i]) / 100.0;
      std::vector<std::int32_t>().swap(cents_);
      values_.reserve(room);
      values_.assign(so_far.begin(), so_far.end());
    } else {
      values_.reserve(room);
      for (std::int32_t c : cents_) values_.push_back(static_cast<double>(c) / 100.0);
      std::vector<std::int32_t>().swap(cents_);
    }
    in_cents_ = false;
  }

  std::vector<std::int32_t> cents_;
  std::vector<double> values_;
  bool in_cents_ = true;
};

}  // namespace kpikit
