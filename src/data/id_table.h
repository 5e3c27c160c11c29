#pragma once
// IdTable: a list of ids in first-seen order that stores numbered runs as
// ranges.
//
// Order numbers mostly count up one by one ("100001", "100002", ... or
// "INV-000123", "INV-000124", ...). A StringPool keeps each such id as its
// bytes plus 8; here eight or more ids in a row that share a prefix and whose
// numbers step by +1 or -1 (written with the same number of digits when
// zero-padded) are one range of 32 bytes, however long: a million sequential
// order numbers cost bytes, not megabytes. Every other id is kept as text in
// a StringPool.
//
// Conventions: index i is the i-th id appended; operator[] returns the id as a
// std::string (a range's id is formatted on demand, so there is no view to
// hand out). An id is "numbered" when it ends in 1..18 decimal digits; its
// text is the prefix, then the number, zero-padded to the width of the first
// id of the range when that one had a leading zero. Texts in a range are
// reproduced byte for byte: an id whose digits do not print back the same
// (a leading zero in a range without one, a change of width) ends the range.
#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/same_text.h"
#include "data/string_pool.h"

namespace kpikit {

// Splits id into a prefix and its 1..18 trailing ASCII digits ("INV-000123" ->
// "INV-", 123; "100001" -> "", 100001); false when it ends in no digit or in
// more than 18 (they would not fit a 64-bit number).
inline bool split_trailing_number(std::string_view id, std::string_view& prefix, std::uint64_t& number) noexcept {
  std::size_t at = id.size();
  while (at > 0 && id[at - 1] >= '0' && id[at - 1] <= '9') --at;
  const std::size_t digits = id.size() - at;
  if (digits == 0 || digits > 18) return false;
  number = 0;
  for (std::size_t i = at; i < id.size(); ++i) number = number * 10 + static_cast<std::uint64_t>(id[i] - '0');
  prefix = id.substr(0, at);
  return true;
}

class IdTable {
 public:
  using value_type = std::string_view;
  // Ids in a row it takes to open a range (fewer stay texts).
  static constexpr std::uint32_t kMinRange = 8;
  static constexpr std::uint32_t kTentative = UINT32_MAX;

  IdTable() = default;
  IdTable(std::initializer_list<std::string_view> ids) {
    for (std::string_view id : ids) push_back(id);
  }

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  void reserve(std::size_t) noexcept {}  // texts grow by blocks; ranges need no room

  std::string operator[](std::size_t i) const {
    const Piece& p = piece_of(i);
    const auto k = static_cast<std::uint32_t>(i - p.first_index);
    if (!p.numbered) return std::string(texts_[p.first_text + k]);
    if (p.prefix == kTentative) return std::string(pending_text(k));
    return format(p, p.step > 0 ? p.first_number + k : p.first_number - k);
  }

  void push_back(std::string_view id) {
    Numbered n;
    push(id, split(id, n) ? &n : nullptr);
  }

  // The same for an id the caller has already split (the OrderIdInterner has):
  // id == prefix + the digits of number (1..18 of them).
  void push_back_numbered(std::string_view id, std::string_view prefix, std::uint64_t number) {
    Numbered n;
    n.prefix = prefix;
    n.number = number;
    n.width = zero_padded_width(id, prefix.size());
    push(id, &n);
  }

  // push_back_numbered of an id without prefix (digits only, number its
  // value) when it is the next id of the last range, written with the
  // range's width (the usual next order number): only counted, and true.
  // False, with nothing changed, for any other id.
  [[gnu::always_inline]] bool push_next_of_range(std::string_view id, std::uint64_t number) noexcept {
    if (!last_prefix_.empty() || !next_of_last_range(number, zero_padded_width(id, 0))) return false;
    ++pieces_.back().count;
    ++size_;
    return true;
  }

  // Memory held, in bytes (texts, their index entries and the ranges).
  std::size_t bytes() const noexcept {
    return texts_.text_bytes() + 8 * texts_.size() + sizeof(Piece) * pieces_.capacity() + prefixes_.text_bytes() +
           pending_texts_.capacity() + 4 * pending_ends_.capacity();
  }
  // Ranges held (for tests).
  std::size_t ranges() const noexcept {
    std::size_t r = 0;
    for (const Piece& p : pieces_) r += p.numbered && p.prefix != kTentative ? 1 : 0;
    return r;
  }

  friend bool operator==(const IdTable& a, const std::vector<std::string>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a[i] != b[i]) return false;
    return true;
  }

 private:
  struct Numbered {
    std::string_view prefix;
    std::uint64_t number = 0;
    std::uint8_t width = 0;  // digits when zero-padded, 0 when written without leading zeros
  };

  // A stretch of consecutive indices: ids formatted from a range, or texts.
  struct Piece {
    std::uint32_t first_index = 0;
    std::uint32_t count = 0;
    std::uint64_t first_number = 0;  // numbered: the first id's number
    std::uint32_t first_text = 0;    // texts: index of the first in texts_
    std::uint32_t prefix = 0;        // numbered: index in prefixes_, kTentative while shorter than kMinRange
    std::int8_t step = 0;            // numbered: +1 or -1 (0 while count == 1)
    std::uint8_t width = 0;          // numbered: as Numbered::width
    bool numbered = false;
  };

  // Appends id; n is its split when it is numbered, else null.
  void push(std::string_view id, const Numbered* n) {
    if (n && extends_range(*n)) {  // the usual next number of a range: only counted
      ++pieces_.back().count;
      ++size_;
      return;
    }
    push_other(id, n);
  }

  // Whether n is the next id of the last piece when that is a range already
  // (not tentative, its step known) and n is written with its width: the
  // usual case of continues_last, with fewer questions.
  bool extends_range(const Numbered& n) const noexcept {
    return next_of_last_range(n.number, n.width) && same_text(last_prefix_, n.prefix);
  }

  // extends_range without the prefix: number, written with width, is the next
  // id of the last piece, a range already.
  bool next_of_last_range(std::uint64_t number, std::uint8_t width) const noexcept {
    if (pieces_.empty()) return false;
    const Piece& p = pieces_.back();
    if (!p.numbered || p.prefix == kTentative || p.step == 0 || p.count == UINT32_MAX || width != p.width) return false;
    return follows_last(p, number);
  }

  void push_other(std::string_view id, const Numbered* n) {
    if (n && continues_last(*n)) {
      Piece& last = pieces_.back();
      if (last.count == 1) last.step = n->number > last.first_number ? 1 : -1;
      ++last.count;
      ++size_;
      if (last.prefix != kTentative) return;
      if (last.count < kMinRange) {
        add_pending_text(id);
      } else {  // long enough: a range from now on
        last.prefix = prefix_index(last_prefix_);
        pending_ends_.clear();
        pending_texts_.clear();
      }
      return;
    }
    settle_last();
    if (n) {
      Piece p;
      p.numbered = true;
      p.first_index = static_cast<std::uint32_t>(size_);
      p.count = 1;
      p.first_number = n->number;
      p.width = n->width;
      p.prefix = kTentative;
      pieces_.push_back(p);
      last_prefix_.assign(n->prefix);
      add_pending_text(id);
    } else {
      append_text(id);
    }
    ++size_;
  }

  static bool split(std::string_view id, Numbered& n) noexcept {
    if (!split_trailing_number(id, n.prefix, n.number)) return false;
    n.width = zero_padded_width(id, n.prefix.size());
    return true;
  }

  // The digits after the prefix when they start with a zero ("000123": 6), else 0.
  static std::uint8_t zero_padded_width(std::string_view id, std::size_t prefix_size) noexcept {
    const std::size_t digits = id.size() - prefix_size;
    return digits > 1 && id[prefix_size] == '0' ? static_cast<std::uint8_t>(digits) : 0;
  }

  static std::size_t digit_count(std::uint64_t v) noexcept {
    std::size_t d = 1;
    while (v >= 10) {
      v /= 10;
      ++d;
    }
    return d;
  }

  std::string format(const Piece& p, std::uint64_t number) const {
    std::string digits = std::to_string(number);
    std::string out(prefix_of(p));
    if (digits.size() < p.width) out.append(p.width - digits.size(), '0');
    out += digits;
    return out;
  }

  // Whether number comes right after the last number of numbered piece p in
  // its step's direction (either direction while the step is not known).
  static bool follows_last(const Piece& p, std::uint64_t number) noexcept {
    const std::uint64_t last = p.step >= 0 ? p.first_number + (p.count - 1) : p.first_number - (p.count - 1);
    if (p.step > 0) return number == last + 1;
    if (p.step < 0) return last > 0 && number == last - 1;
    return number == last + 1 || (last > 0 && number == last - 1);
  }

  // Whether id n is the next one of the last piece, a range (or the start of one).
  bool continues_last(const Numbered& n) const {
    if (pieces_.empty() || !pieces_.back().numbered) return false;
    const Piece& p = pieces_.back();
    if (!follows_last(p, n.number) || p.count == UINT32_MAX || !same_text(last_prefix_, n.prefix)) return false;
    // The text must print back: same zero-padded width, or no leading zero at all.
    if (p.width > 0) return n.width == p.width || (n.width == 0 && digit_count(n.number) == p.width);
    return n.width == 0;
  }

  // A numbered piece shorter than kMinRange becomes texts, joined to the texts before it.
  void settle_last() {
    if (pieces_.empty() || !pieces_.back().numbered || pieces_.back().prefix != kTentative) return;
    const Piece p = pieces_.back();
    pieces_.pop_back();
    for (std::uint32_t k = 0; k < p.count; ++k) append_text_at(pending_text(k), p.first_index + k);
    pending_ends_.clear();
    pending_texts_.clear();
  }

  void add_pending_text(std::string_view id) {
    pending_texts_.append(id.data(), id.size());
    pending_ends_.push_back(static_cast<std::uint32_t>(pending_texts_.size()));
  }

  std::string_view pending_text(std::uint32_t k) const noexcept {
    const std::uint32_t from = k == 0 ? 0 : pending_ends_[k - 1];
    return std::string_view(pending_texts_).substr(from, pending_ends_[k] - from);
  }

  std::string_view prefix_of(const Piece& p) const noexcept {
    return p.prefix == kTentative ? std::string_view(last_prefix_) : prefixes_[p.prefix];
  }

  void append_text(std::string_view id) { append_text_at(id, static_cast<std::uint32_t>(size_)); }

  void append_text_at(std::string_view id, std::uint32_t index) {
    if (pieces_.empty() || pieces_.back().numbered) {
      Piece p;
      p.first_index = index;
      p.first_text = static_cast<std::uint32_t>(texts_.size());
      pieces_.push_back(p);
    }
    texts_.push_back(id);
    ++pieces_.back().count;
  }

  // Ranges under one prefix usually follow each other: the last prefix is reused when it matches.
  std::uint32_t prefix_index(std::string_view prefix) {
    if (prefixes_.empty() || prefixes_[prefixes_.size() - 1] != prefix) prefixes_.push_back(prefix);
    return static_cast<std::uint32_t>(prefixes_.size() - 1);
  }

  const Piece& piece_of(std::size_t i) const noexcept {
    const auto it = std::upper_bound(pieces_.begin(), pieces_.end(), i,
                                     [](std::size_t v, const Piece& p) { return v < p.first_index; });
    return *(it - 1);
  }

  std::vector<Piece> pieces_;  // in index order; together they cover 0..size_-1
  StringPool texts_;           // ids outside ranges
  StringPool prefixes_;        // prefixes of the ranges
  std::string last_prefix_;  // the prefix of the last piece when it is numbered (a range or tentative)
  std::string pending_texts_;  // the texts of the last piece while it is tentative
  std::vector<std::uint32_t> pending_ends_;  // end of each pending text in pending_texts_
  std::size_t size_ = 0;
};

}  // namespace kpikit
