#pragma once
// Interning of ids to dense indices (0, 1, 2, ... in first-seen order) while
// a file is read: customer ids, order ids and category labels.
//
// Interner: an open-addressing hash table over the texts, which live in a
// caller's list (StringPool or std::vector<std::string>). A short decimal id
// ("17850", "2283211": digits only, no leading zero, at most 9 digits) is
// kept in its slot as its number, so finding it again never reads the text;
// any other id keeps 32 bits of its hash there and is compared with its text
// on a tag match.
//
// OrderIdInterner: shop systems number their orders, and an export lists
// them in order (oldest or newest first). An order id that is the run's
// prefix plus a decimal number ("100001", "#1001", "SO-2024-0001") beyond all
// earlier ones in the run's direction is new without any lookup. Other ids
// (a cancellation "C100061", a step back, a repeat of an earlier order) are
// found by a binary search in the run or in a hash table of the ids off the
// run.
//
// Example:
//   StringPool names; Interner ids;
//   ids.intern("a", names) == 0; ids.intern("b", names) == 1; ids.intern("a", names) == 0;
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/same_text.h"
#include "data/id_table.h"
#include "ingest/decimal_digits.h"

namespace kpikit::detail {

// The murmur3 finaliser: every input bit reaches every output bit, so that
// sequential ids ("100001", "100002", ...) spread over the whole table.
inline std::uint64_t mix_hash(std::uint64_t h) noexcept {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

// FNV-1a over the bytes, then mix_hash.
inline std::uint64_t hash_bytes(std::string_view s) noexcept {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return mix_hash(h);
}

// The digits of a short decimal id are at most this many.
constexpr std::size_t kMaxShortDecimal = 9;

// The number of a short canonical decimal id: 1 to 9 digits, no leading zero
// (so "0" itself is not one: "0" and "00" must stay different ids). Returns
// false for anything else. number: id_number(s).
inline bool short_decimal_id(std::string_view s, const IdNumber& number, std::uint32_t& value) noexcept {
  if (!number || s.size() > kMaxShortDecimal || s[0] == '0') return false;
  value = static_cast<std::uint32_t>(*number);
  return true;
}

// short_decimal_id of the n bytes at p, whose number is not read yet: the
// same answer and value, always inlined where it is called (the reader's
// column loop for customer ids).
[[gnu::always_inline]] inline bool short_decimal_here(const char* p, std::size_t n, std::uint32_t& value) noexcept {
  if (n == 0 || n > kMaxShortDecimal || p[0] == '0') return false;
  std::uint64_t v = 0;
  if (n <= 8) {
    if (!digits_value(p, n, v)) return false;
  } else {
    std::uint64_t low = 0;
    if (p[0] < '0' || p[0] > '9' || !digits_value(p + 1, 8, low)) return false;
    v = static_cast<std::uint64_t>(p[0] - '0') * 100000000ULL + low;
  }
  value = static_cast<std::uint32_t>(v);
  return true;
}

inline bool short_decimal_id(std::string_view s, std::uint32_t& value) noexcept {
  return short_decimal_here(s.data(), s.size(), value);
}

// The text of the short decimal id number (1 <= number <= 999,999,999),
// written to digits: the id itself, since a short decimal id has no leading
// zero and nothing but digits.
inline std::string_view decimal_text(std::uint32_t number, char (&digits)[kMaxShortDecimal]) noexcept {
  const std::uint32_t first = number / 100000000;  // the ninth digit from the right, or 0
  digits[0] = static_cast<char>('0' + first);
  const std::uint64_t rest = eight_digit_bytes(number % 100000000);
  std::memcpy(digits + 1, &rest, 8);
  if (first != 0) return std::string_view(digits, kMaxShortDecimal);
  const std::size_t zeros = static_cast<std::size_t>(__builtin_ctzll(rest ^ kZeroDigits)) >> 3;
  return std::string_view(digits + 1 + zeros, 8 - zeros);
}

// Open-addressing map from text to dense index. A slot is 64 bits:
//   bits 63..32  the number of a short decimal id, or the upper hash bits;
//   bit 31       set for a short decimal id (its number is the whole key);
//   bits 30..0   member + 1 (0 = empty slot), member = the n-th text this
//                table added to names.
// A table that alone appends to its names has member n = names[n]; one that
// shares its names list (OrderIdInterner) keeps the names index per member.
// The table stays at most half full; its size is a power of two, so the
// lower 32 hash bits choose the slot. They are kept per member, so growing
// the table never reads a text again.
class Interner {
 public:
  template <class Names>
  std::uint32_t intern(std::string_view key, Names& names) {
    return intern(key, id_number(key), names);
  }

  // The same with the key's id_number read by the caller.
  template <class Names>
  std::uint32_t intern(std::string_view key, const IdNumber& number, Names& names) {
    if ((low_hashes_.size() + 1) * 2 > slots_.size()) grow();
    const Key k = make_key(key, number);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = k.hash & mask;; i = (i + 1) & mask) {
      const std::uint64_t s = slots_[i];
      if (s == 0) {
        names.push_back(typename Names::value_type(key));
        add_member(i, k, names.size() - 1);
        return static_cast<std::uint32_t>(names.size() - 1);
      }
      if (matches(s, k, key, names)) return name_index(s);
    }
  }

  // Interns short decimal ids (short_decimal_id) given by their numbers, in
  // order, exactly as intern would one by one; out[i] gets the i-th index.
  // The table outgrows the caches (250,000 customers: 4 MiB of slots), so a
  // lookup one row at a time waits for memory on every row. Here a first
  // loop reads each id's home slot, loads that do not wait for one another,
  // so the processor overlaps their cache misses; the second loop interns,
  // the slots now in cache, and takes a home slot read in the first loop that
  // already holds the id as found (slots change only from empty to taken, and
  // the table is grown for the whole block first, so that slot still holds
  // it). On the generated 1M-row file, a minimal reader took 153 ms one row
  // at a time and 92 ms a block at a time in WebAssembly (docs/ingestion.md,
  // Speed, 29 Nov, midday).
  static constexpr std::size_t kBatch = 512;

  template <class Names>
  void intern_short_decimals(const std::uint32_t* numbers, std::size_t n, Names& names, std::uint32_t* out) {
    for (; n > kBatch; n -= kBatch, numbers += kBatch, out += kBatch) intern_short_decimals(numbers, kBatch, names, out);
    while ((low_hashes_.size() + n + 1) * 2 > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    Key keys[kBatch];
    std::uint64_t home[kBatch];
    for (std::size_t i = 0; i < n; ++i) {
      keys[i] = decimal_key(numbers[i]);
      home[i] = slots_[keys[i].hash & mask];
    }
    for (std::size_t i = 0; i < n; ++i) {
      const Key& k = keys[i];
      if (home[i] != 0 && (home[i] & ~kMemberMask) == k.tag) {
        out[i] = name_index(home[i]);
        continue;
      }
      for (std::size_t j = k.hash & mask;; j = (j + 1) & mask) {
        const std::uint64_t s = slots_[j];
        if (s == 0) {
          char digits[kMaxShortDecimal];
          names.push_back(typename Names::value_type(decimal_text(numbers[i], digits)));
          add_member(j, k, names.size() - 1);
          out[i] = static_cast<std::uint32_t>(names.size() - 1);
          break;
        }
        if ((s & ~kMemberMask) == k.tag) {
          out[i] = name_index(s);
          break;
        }
      }
    }
  }

  template <class Names>
  bool contains(std::string_view key, const Names& names) const {
    if (slots_.empty()) return false;
    const Key k = make_key(key, id_number(key));
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = k.hash & mask;; i = (i + 1) & mask) {
      const std::uint64_t s = slots_[i];
      if (s == 0) return false;
      if (matches(s, k, key, names)) return true;
    }
  }

 private:
  static constexpr std::uint64_t kDecimalBit = std::uint64_t{1} << 31;
  static constexpr std::uint64_t kMemberMask = kDecimalBit - 1;

  struct Key {
    std::uint64_t hash;
    std::uint64_t tag;  // the slot's upper half and the decimal bit
  };

  // A short decimal id's key: its number is the whole tag.
  static Key decimal_key(std::uint32_t number) noexcept {
    return {mix_hash(number), (static_cast<std::uint64_t>(number) << 32) | kDecimalBit};
  }

  static Key make_key(std::string_view key, const IdNumber& id) noexcept {
    std::uint32_t number = 0;
    if (short_decimal_id(key, id, number)) return decimal_key(number);
    const std::uint64_t h = hash_bytes(key);
    return {h, (h >> 32) << 32};
  }

  template <class Names>
  bool matches(std::uint64_t slot, const Key& k, std::string_view key, const Names& names) const {
    if ((slot & ~kMemberMask) != k.tag) return false;
    return (slot & kDecimalBit) != 0 || same_text(names[name_index(slot)], key);
  }

  static std::size_t member_of(std::uint64_t slot) noexcept {
    return static_cast<std::size_t>((slot & kMemberMask) - 1);
  }
  std::uint32_t name_index(std::uint64_t slot) const noexcept {
    const std::size_t m = member_of(slot);
    return name_of_member_.empty() ? static_cast<std::uint32_t>(m) : name_of_member_[m];
  }

  void add_member(std::size_t slot, const Key& k, std::size_t name) {
    const std::size_t member = low_hashes_.size();
    if (member + 1 > kMemberMask) throw Error("too_many_ids", "more than 2^31 - 2 distinct ids");
    if (name != member && name_of_member_.empty()) {  // names is shared: keep the mapping from now on
      name_of_member_.resize(member);
      for (std::size_t m = 0; m < member; ++m) name_of_member_[m] = static_cast<std::uint32_t>(m);
    }
    if (!name_of_member_.empty() || name != member) name_of_member_.push_back(static_cast<std::uint32_t>(name));
    low_hashes_.push_back(static_cast<std::uint32_t>(k.hash));
    slots_[slot] = k.tag | (member + 1);
  }

  void grow() {
    std::vector<std::uint64_t> next(std::max<std::size_t>(64, slots_.size() * 2), 0);
    const std::size_t mask = next.size() - 1;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      const std::uint64_t s = slots_[i];
      if (s == 0) continue;
      std::size_t j = low_hashes_[member_of(s)] & mask;
      while (next[j] != 0) j = (j + 1) & mask;
      next[j] = s;
    }
    slots_.swap(next);
  }

  std::vector<std::uint64_t> slots_;
  std::vector<std::uint32_t> low_hashes_;      // per member
  std::vector<std::uint32_t> name_of_member_;  // empty while member n = names[n]
};

// Order ids: no table while they run in sequence (see the file comment).
// The run keeps no copy of its ids: a binary search reads their numbers back
// from the names (the run's ids are in names in run order), through the
// names index of each stretch of consecutive names.
class OrderIdInterner {
 public:
  template <class Names>
  std::uint32_t intern(std::string_view key, Names& names) {
    return intern(key, id_number(key), names);
  }

  // The same with the key's id_number read by the caller.
  template <class Names>
  std::uint32_t intern(std::string_view key, const IdNumber& id, Names& names) {
    std::string_view prefix;
    std::uint64_t number = 0;
    const bool numbered = split_number(key, id, prefix, number);
    if (numbered && extends_run(prefix, number)) {
      append_numbered(names, key, prefix, number);
      add_to_run(number, names.size() - 1);
      return static_cast<std::uint32_t>(names.size() - 1);
    }
    if (numbered && run_length_ > 0 && same_text(prefix, prefix_)) {
      const std::size_t pos = find_in_run(number, names);
      if (pos != kNone) {
        const std::size_t name = name_at(pos);
        if (same_text(names[name], key)) return static_cast<std::uint32_t>(name);
      }
    }
    return off_run_.intern(key, id, names);
  }

  // intern of a digits-only id (number: its value) that extends the run
  // without a prefix, the usual new order of an export sorted by order: the
  // same index, with fewer questions. False, with nothing changed, for any
  // other id (intern then takes it).
  [[gnu::always_inline]] bool intern_next_number(std::string_view digits, std::uint64_t number, IdTable& names,
                                                 std::uint32_t& index) {
    // extends_run's questions for an id without prefix, once the run has its start and direction
    if (run_length_ == 0 || direction_ == 0 || !prefix_.empty() || number == last_number_ ||
        step_to(number) != direction_) {
      return false;
    }
    if (!names.push_next_of_range(digits, number)) names.push_back_numbered(digits, std::string_view(), number);
    add_to_run(number, names.size() - 1);
    index = static_cast<std::uint32_t>(names.size() - 1);
    return true;
  }

  // Ids taken in the run, without a table (for tests and benchmarks).
  std::size_t run_length() const noexcept { return run_length_; }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  template <class Names>
  static void append_numbered(Names& names, std::string_view key, std::string_view, std::uint64_t) {
    names.push_back(typename Names::value_type(key));
  }
  // An IdTable takes the split too and need not parse the id again.
  static void append_numbered(IdTable& names, std::string_view key, std::string_view prefix, std::uint64_t number) {
    names.push_back_numbered(key, prefix, number);
  }

  // prefix + 1..18 trailing digits (split_trailing_number, data/id_table.h).
  // id: id_number(key).
  static bool split_number(std::string_view key, const IdNumber& id, std::string_view& prefix,
                           std::uint64_t& number) noexcept {
    if (id) {  // all digits (the usual order number): no scan
      prefix = key.substr(0, 0);
      number = *id;
      return true;
    }
    return split_trailing_number(key, prefix, number);
  }

  // The first numbered id starts the run; the second sets its direction.
  // Distinct numbers under one prefix are distinct texts, and a number
  // beyond all earlier ones was never in the run; one off the run was not
  // beyond them when it came, and the run only moves further away.
  bool extends_run(std::string_view prefix, std::uint64_t number) {
    if (run_length_ == 0) {
      prefix_.assign(prefix);
      return true;
    }
    if (number == last_number_ || !same_text(prefix, prefix_)) return false;
    const int step = step_to(number);
    if (direction_ == 0) direction_ = step;
    return step == direction_;
  }

  // +1 when number (not the run's last) lies after the run's last number, -1 before it.
  int step_to(std::uint64_t number) const noexcept { return number > last_number_ ? 1 : -1; }

  [[gnu::always_inline]] void add_to_run(std::uint64_t number, std::size_t name) {
    if (run_length_ == 0 || last_name_ + 1 != name) {  // the first id, or names were added off the run
      stretches_.push_back({static_cast<std::uint32_t>(run_length_), static_cast<std::uint32_t>(name)});
    }
    ++run_length_;
    last_number_ = number;
    last_name_ = name;
  }

  // The run's position of number, or kNone.
  template <class Names>
  std::size_t find_in_run(std::uint64_t number, const Names& names) const {
    std::size_t lo = 0, hi = run_length_;  // the position is in [lo, hi)
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      std::string_view prefix;
      std::uint64_t here = 0;
      const auto& name = names[name_at(mid)];
      split_number(name, id_number(name), prefix, here);
      if (here == number) return mid;
      const bool before = direction_ >= 0 ? here < number : here > number;
      if (before) lo = mid + 1; else hi = mid;
    }
    return kNone;
  }

  // The names index of the run's pos-th id.
  std::size_t name_at(std::size_t pos) const {
    const auto it = std::upper_bound(stretches_.begin(), stretches_.end(), pos,
                                     [](std::size_t p, const Stretch& s) { return p < s.first_pos; });
    const Stretch& s = *(it - 1);
    return s.first_name + (pos - s.first_pos);
  }

  struct Stretch {
    std::uint32_t first_pos;   // position in the run
    std::uint32_t first_name;  // its names index; the stretch's ids follow it
  };
  std::string prefix_;
  int direction_ = 0;  // +1 ascending, -1 descending, 0 not yet known
  std::size_t run_length_ = 0;
  std::uint64_t last_number_ = 0;
  std::size_t last_name_ = 0;  // names index of the run's newest id
  std::vector<Stretch> stretches_;
  Interner off_run_;
};

}  // namespace kpikit::detail
