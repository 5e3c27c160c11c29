// AmountColumn (src/data/amount_column.h): whole cents in 4 bytes while every
// amount is exactly cents / 100.0, doubles from the first one that is not.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "data/amount_column.h"
#include "ingest/values.h"

using kpikit::AmountColumn;

namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

TEST_CASE("AmountColumn keeps two-decimal amounts as cents and returns each double bit for bit") {
  // Every amount of the form k / 100 that a shop file can hold, parsed as the reader parses it.
  std::mt19937_64 rng(20261127);
  std::uniform_int_distribution<std::int64_t> cents(-1999999999, 1999999999);
  AmountColumn column;
  std::vector<double> appended;
  for (int i = 0; i < 100000; ++i) {
    const std::int64_t c = i < 1000 ? i - 500 : cents(rng);
    const std::int64_t whole = (c < 0 ? -c : c) / 100, frac = (c < 0 ? -c : c) % 100;
    const std::string text = (c < 0 ? "-" : "") + std::to_string(whole) + "," + (frac < 10 ? "0" : "") + std::to_string(frac);
    const auto parsed = kpikit::parse_number(text, kpikit::DecimalStyle::comma);
    REQUIRE(parsed);
    column.push_back(*parsed);
    appended.push_back(*parsed);
  }
  CHECK(column.is_narrow());
  CHECK(column.size() == appended.size());
  bool all_same = true;
  for (std::size_t i = 0; i < appended.size(); ++i) all_same = all_same && same_bits(column[i], appended[i]);
  CHECK(all_same);
  CHECK(column == appended);
  CHECK(std::accumulate(column.begin(), column.end(), 0.0) == std::accumulate(appended.begin(), appended.end(), 0.0));
}

TEST_CASE("AmountColumn turns into doubles at the first amount that is not whole cents, keeping the earlier ones") {
  const double not_cents[] = {7.6499999999999995,  // 3 x 2.55 (quantity x unit price)
                              0.125, 20000000.0, -20000000.0, 1.7e308, -0.0,
                              std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()};
  for (double odd : not_cents) {
    CAPTURE(odd);
    AmountColumn column{12.3, -0.01, 19999999.99};
    REQUIRE(column.is_narrow());
    column.push_back(odd);
    CHECK_FALSE(column.is_narrow());
    column.push_back(4.2);
    REQUIRE(column.size() == 5);
    CHECK(same_bits(column[0], 12.3));
    CHECK(same_bits(column[1], -0.01));
    CHECK(same_bits(column[2], 19999999.99));
    CHECK(same_bits(column[3], odd));
    CHECK(same_bits(column[4], 4.2));
  }
}

TEST_CASE("AmountColumn set, filter and release") {
  AmountColumn column{1.0, 2.5, 3.75, 4.0};
  column.set(1, 9.99);
  CHECK(column.is_narrow());
  CHECK(column == std::vector<double>{1.0, 9.99, 3.75, 4.0});
  column.filter({1, 0, 1, 1});
  CHECK(column == std::vector<double>{1.0, 3.75, 4.0});
  column.set(0, 1.0 / 3.0);
  CHECK_FALSE(column.is_narrow());
  CHECK(column == std::vector<double>{1.0 / 3.0, 3.75, 4.0});
  column.filter({0, 1, 0});
  CHECK(column == std::vector<double>{3.75});
  column.release();
  CHECK(column.empty());
  CHECK(column.is_narrow());
  CHECK(column.capacity() == 0);
}

TEST_CASE("AmountColumn keeps the reserved room when it turns into doubles") {
  for (int before : {0, 1, 600}) {  // early (few cents copied out first) and late (converted in place)
    CAPTURE(before);
    AmountColumn column;
    column.reserve(1000);
    for (int i = 0; i < before; ++i) column.push_back(i / 100.0);
    column.push_back(3 * 2.55);  // 7.6499999999999995
    CHECK_FALSE(column.is_narrow());
    CHECK(column.capacity() >= 1000);
    REQUIRE(column.size() == static_cast<std::size_t>(before) + 1);
    for (int i = 0; i < before; ++i) CHECK(same_bits(column[static_cast<std::size_t>(i)], i / 100.0));
    CHECK(same_bits(column[static_cast<std::size_t>(before)], 3 * 2.55));
  }
}
