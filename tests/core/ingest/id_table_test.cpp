// IdTable (ids in first-seen order, numbered runs kept as ranges) and RowNumbers (rows as runs), src/data.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "data/id_table.h"
#include "data/row_numbers.h"

using kpikit::IdTable;

namespace {

IdTable table_of(const std::vector<std::string>& ids) {
  IdTable t;
  for (const std::string& id : ids) t.push_back(id);
  return t;
}

std::string padded(std::uint64_t v, std::size_t width) {
  std::string s = std::to_string(v);
  return std::string(width > s.size() ? width - s.size() : 0, '0') + s;
}

}  // namespace

TEST_CASE("IdTable keeps a million sequential order numbers as one range") {
  IdTable t;
  for (int i = 0; i < 1000000; ++i) t.push_back(std::to_string(100001 + i));
  CHECK(t.size() == 1000000);
  CHECK(t.ranges() == 1);
  CHECK(t.bytes() < 1024);
  CHECK(t[0] == "100001");
  CHECK(t[999999] == "1100000");  // the width grows without leading zeros
  CHECK(t[123456] == "223457");
}

TEST_CASE("IdTable reproduces zero-padded, descending and prefixed runs byte for byte") {
  std::vector<std::string> ids;
  for (int i = 990; i < 1010; ++i) ids.push_back("INV-" + padded(static_cast<std::uint64_t>(i), 4));  // 0990 .. 1009
  for (int i = 20; i >= 0; --i) ids.push_back("#" + std::to_string(i));                                  // down to #0
  for (int i = 95; i < 105; ++i) ids.push_back(padded(static_cast<std::uint64_t>(i), 3));                 // 095 .. 104
  for (int i = 0; i < 9; ++i) ids.push_back("0" + std::to_string(i));  // 00 .. 08: zero-padded to 2
  ids.push_back("9");  // not "09": ends the run
  const IdTable t = table_of(ids);
  CHECK(t == ids);
  CHECK(t.ranges() == 4);
}

TEST_CASE("IdTable keeps short runs, texts and breaks of width as texts") {
  const std::vector<std::string> ids = {"1", "2", "3", "x", "7", "007", "8", "9", "10", "C10", "C11",
                                        "", "00", "01", "1", "2", "a9", "a10", "a11", "A12", "ü5", "ü6"};
  const IdTable t = table_of(ids);
  CHECK(t == ids);
  CHECK(t.ranges() == 0);
  CHECK(t.size() == ids.size());
}

TEST_CASE("IdTable equals a plain list on random mixtures of runs and texts") {
  std::mt19937 rng(3);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<std::string> ids;
    while (ids.size() < 2000) {
      switch (rng() % 5) {
        case 0: {  // a run up or down, maybe zero-padded, maybe prefixed
          const std::uint64_t start = rng() % 2000;
          const int length = 1 + static_cast<int>(rng() % 30);
          const bool up = rng() % 2 == 0;
          const std::size_t width = rng() % 3 == 0 ? 4 : 0;
          const std::string prefix = rng() % 2 == 0 ? "" : std::string(1, static_cast<char>('A' + rng() % 3));
          for (int k = 0; k < length; ++k) {
            const std::int64_t v = static_cast<std::int64_t>(start) + (up ? k : -k);
            if (v < 0) break;
            ids.push_back(prefix + padded(static_cast<std::uint64_t>(v), width));
          }
          break;
        }
        case 1: ids.push_back(std::to_string(rng() % 100)); break;
        case 2: ids.push_back("order-" + std::to_string(rng() % 50) + "x"); break;
        case 3: ids.push_back(std::string(rng() % 3, '0') + std::to_string(rng() % 20)); break;
        default: ids.push_back(""); break;
      }
    }
    const IdTable t = table_of(ids);
    CAPTURE(trial);
    REQUIRE(t.size() == ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
      CAPTURE(i);
      REQUIRE(t[i] == ids[i]);
    }
  }
}

TEST_CASE("RowNumbers keeps rows in runs and filters them") {
  kpikit::RowNumbers rows;
  std::vector<std::uint32_t> plain;
  for (std::uint32_t r = 1; r <= 100000; ++r) {
    if (r % 1000 == 7) continue;  // a skipped row every 1,000
    rows.push_back(r);
    plain.push_back(r);
  }
  CHECK(rows == plain);
  CHECK(rows.runs() == 101);  // 1..6, then one run after each of the 100 gaps
  CHECK(rows[0] == 1);
  CHECK(rows[6] == 8);
  std::vector<std::uint8_t> keep(plain.size(), 1);
  std::vector<std::uint32_t> kept;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    keep[i] = i % 3 == 0 ? 0 : 1;
    if (keep[i]) kept.push_back(plain[i]);
  }
  rows.filter(keep);
  CHECK(rows == kept);
  const kpikit::RowNumbers any = {5, 3, 4, 4, 1};  // not in order: every step opens a run
  CHECK(any == std::vector<std::uint32_t>{5, 3, 4, 4, 1});
}

TEST_CASE("split_trailing_number: the prefix and up to 18 trailing digits") {
  std::string_view prefix;
  std::uint64_t number = 0;
  REQUIRE(kpikit::split_trailing_number("INV-000123", prefix, number));
  CHECK(prefix == "INV-");
  CHECK(number == 123);
  REQUIRE(kpikit::split_trailing_number("100001", prefix, number));
  CHECK(prefix.empty());
  CHECK(number == 100001);
  REQUIRE(kpikit::split_trailing_number("C536379", prefix, number));
  CHECK(prefix == "C");
  CHECK(number == 536379);
  REQUIRE(kpikit::split_trailing_number("A1-123456789012345678", prefix, number));  // 18 digits: the most
  CHECK(prefix == "A1-");
  CHECK(number == 123456789012345678ULL);
  CHECK_FALSE(kpikit::split_trailing_number("A1-1234567890123456789", prefix, number));  // 19 digits
  CHECK_FALSE(kpikit::split_trailing_number("ORDER-", prefix, number));
  CHECK_FALSE(kpikit::split_trailing_number("", prefix, number));
}
