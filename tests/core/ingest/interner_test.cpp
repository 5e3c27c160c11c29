// Interner and OrderIdInterner (src/ingest/interner.h): every id gets the
// index of its first occurrence, whatever path finds it (short decimal tag,
// text compare, the order-number run, the table of ids off the run).
#include <doctest/doctest.h>

#include <random>
#include <unordered_set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/same_text.h"
#include "data/id_table.h"
#include "data/string_pool.h"
#include "ingest/interner.h"

using kpikit::StringPool;
using kpikit::detail::Interner;
using kpikit::detail::OrderIdInterner;
using kpikit::detail::short_decimal_id;

namespace {

// The independent reference: first-seen index by a std::unordered_map.
template <class Table>
void check_against_map(const std::vector<std::string>& keys, Table& table) {
  StringPool names;
  std::unordered_map<std::string, std::uint32_t> reference;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const auto expected = reference.emplace(keys[i], static_cast<std::uint32_t>(reference.size())).first->second;
    CAPTURE(i);
    CAPTURE(keys[i]);
    REQUIRE(table.intern(keys[i], names) == expected);
  }
  REQUIRE(names.size() == reference.size());
  for (const auto& [text, index] : reference) CHECK(names[index] == text);
}

}  // namespace

TEST_CASE("short decimal ids: 1 to 9 digits without a leading zero") {
  std::uint32_t v = 0;
  CHECK(short_decimal_id("17850", v));
  CHECK(v == 17850);
  CHECK(short_decimal_id("999999999", v));
  CHECK(v == 999999999);
  CHECK_FALSE(short_decimal_id("0", v));  // "0" and "00" are different ids
  CHECK_FALSE(short_decimal_id("0123", v));
  CHECK_FALSE(short_decimal_id("1234567890", v));  // 10 digits: hashed as text
  CHECK_FALSE(short_decimal_id("12a", v));
  CHECK_FALSE(short_decimal_id("", v));
}

TEST_CASE("Interner: decimal and text ids that look alike stay apart") {
  Interner t;
  StringPool names;
  CHECK(t.intern("123", names) == 0);
  CHECK(t.intern("0123", names) == 1);
  CHECK(t.intern("123 ", names) == 2);
  CHECK(t.intern("1234567890", names) == 3);
  CHECK(t.intern("0", names) == 4);
  CHECK(t.intern("00", names) == 5);
  CHECK(t.intern("123", names) == 0);
  CHECK(t.intern("0123", names) == 1);
  CHECK(t.intern("00", names) == 5);
  CHECK(t.contains("1234567890", names));
  CHECK_FALSE(t.contains("124", names));
  CHECK(names.size() == 6);
}

TEST_CASE("Interner agrees with a hash map on 200,000 mixed ids (table growth included)") {
  std::mt19937 rng(7);
  std::vector<std::string> keys;
  for (int i = 0; i < 200000; ++i) {
    const auto n = static_cast<unsigned>(rng() % 60000);
    switch (rng() % 3) {
      case 0: keys.push_back(std::to_string(n)); break;
      case 1: keys.push_back("0" + std::to_string(n)); break;
      default: keys.push_back("kunde" + std::to_string(n) + "@example.de"); break;
    }
  }
  Interner t;
  check_against_map(keys, t);
}

TEST_CASE("decimal_text writes a short decimal id's digits") {
  char digits[kpikit::detail::kMaxShortDecimal];
  CHECK(kpikit::detail::decimal_text(7, digits) == "7");
  CHECK(kpikit::detail::decimal_text(17850, digits) == "17850");
  CHECK(kpikit::detail::decimal_text(1000000, digits) == "1000000");
  CHECK(kpikit::detail::decimal_text(999999999, digits) == "999999999");
  CHECK(kpikit::detail::decimal_text(100000000, digits) == "100000000");
  CHECK(kpikit::detail::decimal_text(99999999, digits) == "99999999");
  CHECK(kpikit::detail::decimal_text(10, digits) == "10");
  // Against std::to_string: every number up to 200,000, each power of ten
  // and its neighbours, and a million at random up to 999,999,999.
  std::vector<std::uint32_t> numbers;
  for (std::uint32_t n = 1; n <= 200000; ++n) numbers.push_back(n);
  for (std::uint32_t p = 1; p <= 100000000; p *= 10)
    for (std::uint32_t n : {p - 1, p, p + 1, 9 * p, 9 * p + 1}) numbers.push_back(n);
  std::mt19937 rng(17);
  for (int k = 0; k < 1000000; ++k) numbers.push_back(static_cast<std::uint32_t>(1 + rng() % 999999999));
  std::size_t wrong = 0;
  for (std::uint32_t n : numbers) {
    if (n == 0 || n > 999999999) continue;
    if (kpikit::detail::decimal_text(n, digits) != std::to_string(n)) ++wrong;
  }
  CHECK(wrong == 0);
}

TEST_CASE("Interner: blocks of short decimal ids get the indices one-by-one interning gives, between text ids") {
  // Blocks of 1..700 numbers (repeats, new ones, ones first seen as text
  // through intern) alternate with single text ids on one table, across its
  // growth; the reference is a std::unordered_map of first occurrences.
  std::mt19937 rng(11);
  Interner t;
  StringPool names;
  std::unordered_map<std::string, std::uint32_t> reference;
  std::vector<std::uint32_t> block, out;
  std::size_t checked = 0;
  while (reference.size() < 120000) {
    block.resize(1 + rng() % 700);
    for (auto& n : block) n = 1 + static_cast<std::uint32_t>(rng() % (rng() % 4 == 0 ? 999999999u : 150000u));
    out.assign(block.size(), 0xFFFFFFFFu);
    t.intern_short_decimals(block.data(), block.size(), names, out.data());
    for (std::size_t i = 0; i < block.size(); ++i) {
      const auto expected = reference.emplace(std::to_string(block[i]), static_cast<std::uint32_t>(reference.size()));
      CAPTURE(block[i]);
      REQUIRE(out[i] == expected.first->second);
      ++checked;
    }
    // A text id, and a short decimal one interned the usual way.
    const std::string text = "K" + std::to_string(rng() % 50000);
    REQUIRE(t.intern(text, names) == reference.emplace(text, static_cast<std::uint32_t>(reference.size())).first->second);
    const std::string decimal = std::to_string(1 + rng() % 150000);
    REQUIRE(t.intern(decimal, names) == reference.emplace(decimal, static_cast<std::uint32_t>(reference.size())).first->second);
  }
  CHECK(checked > 100000);
  REQUIRE(names.size() == reference.size());
  for (const auto& [text, index] : reference) CHECK(names[index] == text);
}

TEST_CASE("OrderIdInterner: an ascending run needs no table; cancellations and repeats are found") {
  OrderIdInterner t;
  StringPool names;
  CHECK(t.intern("100001", names) == 0);
  CHECK(t.intern("100002", names) == 1);
  CHECK(t.intern("C100001", names) == 2);  // off the run (other prefix)
  CHECK(t.intern("100005", names) == 3);   // the run goes on after an off-run id
  CHECK(t.intern("100002", names) == 1);   // a repeat inside the run: binary search
  CHECK(t.intern("0100002", names) == 4);  // same number, other text: a new id
  CHECK(t.intern("100003", names) == 5);   // a step back: new, off the run
  CHECK(t.intern("100003", names) == 5);
  CHECK(t.intern("C100001", names) == 2);
  CHECK(t.intern("100006", names) == 6);
  CHECK(t.intern("0100002", names) == 4);
  CHECK(t.intern("100005", names) == 3);
  CHECK(t.run_length() == 4);  // 100001, 100002, 100005, 100006
}

TEST_CASE("OrderIdInterner: a newest-first export with a prefix (#1005, #1004, ...)") {
  OrderIdInterner t;
  StringPool names;
  CHECK(t.intern("#1005", names) == 0);
  CHECK(t.intern("#1004", names) == 1);
  CHECK(t.intern("#1002", names) == 2);
  CHECK(t.intern("#1006", names) == 3);  // against the direction: off the run
  CHECK(t.intern("#1004", names) == 1);
  CHECK(t.intern("1003", names) == 4);   // no prefix: off the run
  CHECK(t.intern("#1001", names) == 5);
  CHECK(t.intern("#1005", names) == 0);
  CHECK(t.intern("#1006", names) == 3);
  CHECK(t.run_length() == 4);
}

TEST_CASE("OrderIdInterner agrees with a hash map on mostly sorted ids with cancellations, repeats and text ids") {
  std::mt19937 rng(11);
  std::vector<std::string> keys;
  unsigned next = 500000;
  for (int i = 0; i < 200000; ++i) {
    const auto r = static_cast<unsigned>(rng() % 1000);
    if (r < 800) {
      keys.push_back(std::to_string(next++));                      // the run
    } else if (r < 850) {
      keys.push_back("C" + std::to_string(next - 1 - rng() % 50));  // a cancellation of a recent order
    } else if (r < 930) {
      keys.push_back(std::to_string(next - 1 - rng() % 1000));      // a later line of an earlier order
    } else if (r < 931) {
      keys.push_back(std::to_string(next + 1 + rng() % 20));        // a jump ahead: the run waits until it is passed
    } else {
      keys.push_back("web-" + std::to_string(rng() % 500));         // another prefix: off the run
    }
  }
  OrderIdInterner t;
  check_against_map(keys, t);
  CHECK(t.run_length() > 100000);
}

TEST_CASE("OrderIdInterner::intern_next_number gives intern's index and leaves the same IdTable") {
  // Ascending and descending runs with gaps, zero-padded numbers, repeats,
  // cancellations and text ids; every digits-only id is offered to
  // intern_next_number first (as the reader does), the rest to intern.
  for (const int direction : {1, -1}) {
    std::mt19937 rng(direction > 0 ? 29 : 30);
    std::vector<std::string> keys;
    long next = 700000;
    keys.push_back(std::to_string(next));  // the first numbered id starts the run (a "web-" one would start its own)
    next += direction;
    for (int i = 0; i < 100000; ++i) {
      const auto r = rng() % 1000;
      if (r < 700) {
        keys.push_back(std::to_string(next));  // the run's next number
        next += direction;
      } else if (r < 760) {
        next += direction * static_cast<long>(2 + rng() % 5);  // a gap
        keys.push_back(std::to_string(next));
      } else if (r < 820) {
        keys.push_back(std::to_string(next - direction * static_cast<long>(1 + rng() % 300)));  // an earlier order
      } else if (r < 860) {
        keys.push_back("C" + std::to_string(next - direction));  // a cancellation
      } else if (r < 880) {
        keys.push_back("00" + std::to_string(next));  // zero-padded
      } else if (r < 890) {
        keys.push_back(std::to_string(next));  // the last one again
      } else {
        keys.push_back("web-" + std::to_string(rng() % 500));
      }
    }
    OrderIdInterner fast, plain;
    kpikit::IdTable fast_names, plain_names;
    std::unordered_map<std::string, std::uint32_t> reference;
    std::size_t taken = 0;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      CAPTURE(i);
      CAPTURE(keys[i]);
      const auto expected = reference.emplace(keys[i], static_cast<std::uint32_t>(reference.size())).first->second;
      std::uint32_t index = 0;
      const auto number = kpikit::detail::id_number(keys[i]);
      if (number && fast.intern_next_number(keys[i], *number, fast_names, index)) {
        ++taken;
      } else {
        index = fast.intern(keys[i], fast_names);
      }
      REQUIRE(index == expected);
      REQUIRE(plain.intern(keys[i], plain_names) == expected);
    }
    CHECK(taken > 60000);
    REQUIRE(fast_names.size() == plain_names.size());
    CHECK(fast_names.ranges() == plain_names.ranges());
    bool same = true;
    for (std::size_t i = 0; i < fast_names.size(); ++i) same = same && fast_names[i] == plain_names[i];
    CHECK(same);
  }
}

TEST_CASE("OrderIdInterner::intern_next_number: the next number after a range of another prefix is not that range's") {
  // 100..119 start the run; web-120..web-139 are a range of the IdTable (off
  // the run); 140 extends the run but must not extend the web- range.
  OrderIdInterner t;
  kpikit::IdTable names;
  std::uint32_t index = 0;
  for (int n = 100; n < 120; ++n) t.intern(std::to_string(n), names);
  for (int n = 120; n < 140; ++n) t.intern("web-" + std::to_string(n), names);
  REQUIRE(t.intern_next_number("140", 140, names, index));
  CHECK(index == 40);
  CHECK(names[40] == "140");
  CHECK(names[39] == "web-139");
  CHECK(names.size() == 41);
}

TEST_CASE("OrderIdInterner agrees with a hash map on ids in random order") {
  std::mt19937 rng(3);
  std::vector<std::string> keys;
  for (int i = 0; i < 50000; ++i) {
    const auto n = static_cast<unsigned>(rng() % 20000);
    keys.push_back(rng() % 4 == 0 ? "SO-" + std::to_string(n) : rng() % 4 == 0 ? "order" : std::to_string(n));
  }
  OrderIdInterner t;
  check_against_map(keys, t);
}

TEST_CASE("decimal_value reads 1..18 digits 8 at a time like a digit loop, and rejects every other byte") {
  const auto by_loop = [](std::string_view s, std::uint64_t& v) {
    if (s.empty() || s.size() > 18) return false;
    v = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return false;
      v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return true;
  };
  std::mt19937 rng(17);
  for (int trial = 0; trial < 200000; ++trial) {
    std::string s(1 + rng() % 19, '0');
    for (char& c : s) c = static_cast<char>('0' + rng() % 10);
    if (trial % 2 == 0) s[rng() % s.size()] = static_cast<char>(rng() % 256);  // often not a digit
    std::uint64_t expected = 0, got = 0;
    const bool ok = by_loop(s, expected);
    CAPTURE(s);
    REQUIRE(kpikit::detail::decimal_value(s, got) == ok);
    if (ok) REQUIRE(got == expected);
  }
  std::uint64_t v = 0;
  CHECK(kpikit::detail::decimal_value("999999999999999999", v));
  CHECK(v == 999999999999999999ULL);
  CHECK_FALSE(kpikit::detail::decimal_value("", v));
  CHECK_FALSE(kpikit::detail::decimal_value("1234567890123456789", v));  // 19 digits
  CHECK_FALSE(kpikit::detail::decimal_value("12:4", v));
  CHECK_FALSE(kpikit::detail::decimal_value("12/4", v));
}

TEST_CASE("same_text says what string_view's == says, for every length up to 72 and a difference at every byte") {
  std::mt19937 rng(29);
  for (std::size_t n = 0; n <= 72; ++n) {
    std::string a(n, ' ');
    for (char& c : a) c = static_cast<char>(rng() % 256);
    // Views into longer buffers, so a load past either end would read other bytes.
    const std::string pa = "<" + a + ">", pb = "[" + a + "]";
    const std::string_view va(pa.data() + 1, n), vb(pb.data() + 1, n);
    CAPTURE(n);
    CHECK(kpikit::same_text(va, vb));
    for (std::size_t i = 0; i < n; ++i) {
      std::string b = pb;
      b[1 + i] = static_cast<char>(b[1 + i] ^ (1 << (rng() % 8)));  // one bit of byte i differs
      CAPTURE(i);
      CHECK_FALSE(kpikit::same_text(va, std::string_view(b.data() + 1, n)));
    }
    if (n > 0) {
      CHECK_FALSE(kpikit::same_text(va, std::string_view(pb.data() + 1, n - 1)));  // lengths differ
      CHECK_FALSE(kpikit::same_text(std::string_view(pa.data(), n), vb));           // shifted by one
    }
  }
}

TEST_CASE("hash_bytes: texts differing in one bit, in their length or by a trailing NUL hash apart") {
  // 64-bit hashes of a few thousand distinct texts: one collision would mean a broken mix.
  std::mt19937 rng(30);
  std::unordered_set<std::string> texts;
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string base(n, ' ');
    for (char& c : base) c = static_cast<char>(rng() % 256);
    texts.insert(base);
    texts.insert(base + std::string(1, '\0'));
    for (std::size_t i = 0; i < n; ++i) {
      for (int bit = 0; bit < 8; ++bit) {
        std::string t = base;
        t[i] = static_cast<char>(t[i] ^ (1 << bit));
        texts.insert(t);
      }
    }
  }
  std::unordered_set<std::uint64_t> hashes;
  for (const std::string& t : texts) hashes.insert(kpikit::detail::hash_bytes(t));
  CHECK(texts.size() > 6600);
  CHECK(hashes.size() == texts.size());
}
