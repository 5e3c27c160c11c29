// Per-customer summaries: a hand-checkable fixture, then the CDNOW counts of the literature.
#include <doctest/doctest.h>

#include "clv/summary.h"
#include "core/error.h"
#include "cdnow_fixture.h"

using namespace kpikit;

namespace {

// Lines: customer, day, amount, kind.
OrderLines make_lines(const std::vector<std::tuple<std::uint32_t, Day, double, LineKind>>& rows, std::size_t customers) {
  OrderLines l;
  for (std::size_t c = 0; c < customers; ++c) l.customer_ids.push_back("c" + std::to_string(c));
  for (const auto& [c, d, a, k] : rows) {
    l.customer.push_back(c);
    l.order.push_back(0);
    l.day.push_back(d);
    l.amount.push_back(a);
    l.kind.push_back(k);
    l.source_row.push_back(static_cast<std::uint32_t>(l.customer.size()));
  }
  l.order_ids.push_back("o");
  return l;
}

constexpr LineKind P = LineKind::purchase;
constexpr LineKind C = LineKind::cancellation;

}  // namespace

TEST_CASE("summary merges same-day lines, skips the first purchase, and a day cancelled in full is no transaction") {
  const Day d0 = days_from_civil(2024, 1, 1);
  // customer 0: day 0 (10 + 5), day 14 (20, cancelled the same day: -20), day 28 (30), day 40 after the end (7).
  // customer 1: one purchase on day 7.   customer 2: first purchase after the end.
  const OrderLines l = make_lines({{0, d0, 10, P}, {0, d0, 5, P}, {0, d0 + 14, 20, P}, {0, d0 + 14, -20, C},
                                   {0, d0 + 28, 30, P}, {0, d0 + 40, 7, P}, {1, d0 + 7, 12, P}, {2, d0 + 40, 3, P}},
                                  3);
  const CustomerSummary s = summarize_customers(l, {d0 + 35, TimeUnit::week, d0 + 42});
  REQUIRE(s.size() == 2);
  CHECK(s.customers_after_calibration == 1);
  CHECK(s.cancellation_lines == 1);
  CHECK(s.frequency[0] == 1);                            // day 28; day 0 is the first purchase, day 14 undone
  CHECK(s.recency[0] == doctest::Approx(28.0 / 7));      // 4 weeks
  CHECK(s.age[0] == doctest::Approx(35.0 / 7));          // 5 weeks
  CHECK(s.mean_spend[0] == doctest::Approx(30.0));       // day 28 alone
  CHECK(s.first_spend[0] == doctest::Approx(15.0));      // 10 + 5 merged
  CHECK(s.revenue[0] == doctest::Approx(45.0));          // 15 + 20 - 20 + 30 (day 40 after the end)
  CHECK(s.holdout_frequency[0] == 1);
  CHECK(s.frequency[1] == 0);
  CHECK(s.recency[1] == 0);
  CHECK(s.age[1] == doctest::Approx(4.0));
  CHECK(s.mean_spend[1] == 0);
  CHECK(s.holdout_length == doctest::Approx(1.0));
  // periods of 7 days from d0 through d0+42: 7 periods; repeat purchases on days 28, 40 (14 undone).
  REQUIRE(s.period_repeat.size() == 7);
  CHECK(s.period_repeat[2] == 0);
  CHECK(s.period_repeat[4] == 1);
  CHECK(s.period_repeat[5] == 1);
}

TEST_CASE("a return on the day of the purchase is netted; a rounding residue of a full cancellation is nothing") {
  const Day d0 = days_from_civil(2024, 1, 1);
  // customer 0: day 0 (100); day 10: 100 bought, 30 returned the same day -> 70; day 20: a return of an
  // earlier purchase (-40), no purchase that day -> no transaction, not netted into anything.
  // customer 1: day 0 (50); day 5: 10.2 + 5.1 bought and -15.3 cancelled (net about 2e-15): no transaction.
  // customer 2: day 0 (20); day 3: a zero-value purchase (a free item), no cancellation: a transaction.
  const OrderLines l = make_lines({{0, d0, 100, P},
                                   {0, d0 + 10, 100, P},
                                   {0, d0 + 10, -30, C},
                                   {0, d0 + 20, -40, C},
                                   {1, d0, 50, P},
                                   {1, d0 + 5, 10.2, P},
                                   {1, d0 + 5, 5.1, P},
                                   {1, d0 + 5, -15.3, C},
                                   {2, d0, 20, P},
                                   {2, d0 + 3, 0, P}},
                                  3);
  const CustomerSummary s = summarize_customers(l, {d0 + 30, TimeUnit::day, {}});
  REQUIRE(s.size() == 3);
  CHECK(s.frequency[0] == 1);
  CHECK(s.mean_spend[0] == doctest::Approx(70.0));
  CHECK(s.recency[0] == doctest::Approx(10.0));
  CHECK(s.revenue[0] == doctest::Approx(130.0));  // 100 + 100 - 30 - 40: historical revenue nets every line
  CHECK(s.frequency[1] == 0);
  CHECK(s.recency[1] == 0);
  CHECK(s.mean_spend[1] == 0);
  CHECK(s.frequency[2] == 1);
  CHECK(s.mean_spend[2] == 0);
  CHECK(s.recency[2] == doctest::Approx(3.0));
  const HistoricalValue h = historical_value(l);
  CHECK(h.transactions == std::vector<std::uint32_t>{2, 1, 2});
}

TEST_CASE("month is 30.4375 days and a holdout end before the calibration end is rejected") {
  CHECK(days_per_unit(TimeUnit::month) == doctest::Approx(30.4375));
  CHECK(parse_time_unit("weeks") == TimeUnit::week);
  CHECK_FALSE(parse_time_unit("fortnight").has_value());
  const OrderLines l = make_lines({{0, 100, 1, P}}, 1);
  try {
    summarize_customers(l, {100, TimeUnit::day, Day{100}});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == "invalid_holdout_end");
    CHECK(e.field() == "holdout_end");
  }
}

TEST_CASE("compress_rows merges identical (x, t_x, T) rows with weights") {
  const WeightedRows w = compress_rows({0, 1, 0, 1}, {0, 2, 0, 3}, {5, 5, 5, 5});
  REQUIRE(w.size() == 3);
  CHECK(w.weight[0] == 2);
  CHECK(w.row_of[0] == 0);
  CHECK(w.row_of[2] == 0);
  CHECK(w.row_of[1] == 1);
  CHECK(w.row_of[3] == 2);
  CHECK(w.total_weight() == 4);
}

TEST_CASE("CDNOW sample summary matches the literature's counts") {
  const OrderLines l = testing::load_cdnow(testing::cdnow_path("CDNOW_sample.txt"), true);
  REQUIRE(l.size() == 6919);
  const CustomerSummary s =
      summarize_customers(l, {days_from_civil(1997, 9, 30), TimeUnit::week, days_from_civil(1998, 6, 30)});
  CHECK(s.size() == 2357);
  CHECK(s.total_repeat() == 2457);
  CHECK(s.total_holdout() == 1882);
  CHECK(s.holdout_length == doctest::Approx(39.0));
  std::size_t repeaters = 0;
  for (auto x : s.frequency) repeaters += x > 0;
  CHECK(repeaters == 946);
  // Hand-check customer (sample id 0001): x = 2, t_x = 30.43, T = 38.86, mean repeat amount 22.35.
  REQUIRE(l.customer_ids[s.customer[0]] == "0001");
  CHECK(s.frequency[0] == 2);
  CHECK(s.recency[0] == doctest::Approx(30.43).epsilon(1e-3));
  CHECK(s.age[0] == doctest::Approx(38.86).epsilon(1e-3));
  CHECK(s.mean_spend[0] == doctest::Approx(22.345));
  // Period counts add up to calibration + holdout repeat transactions.
  double total = 0;
  for (double c : s.period_repeat) total += c;
  CHECK(total == 2457 + 1882);
}

TEST_CASE("historical value sums revenue and margin to a date, cancellations included") {
  OrderLines l = make_lines({{0, 10, 100, P}, {0, 10, 50, P}, {0, 20, -50, C}, {0, 30, 80, P}, {1, 15, 40, P}}, 2);
  l.margin = {30, 15, -15, 24, 10};
  const HistoricalValue all = historical_value(l);
  CHECK(all.revenue[0] == doctest::Approx(180.0));
  CHECK(all.margin[0] == doctest::Approx(54.0));
  CHECK(all.transactions[0] == 2);  // days 10 and 30; the cancellation is no transaction
  const HistoricalValue to20 = historical_value(l, Day{20});
  CHECK(to20.revenue[0] == doctest::Approx(100.0));
  CHECK(to20.margin[0] == doctest::Approx(30.0));
  CHECK(to20.transactions[0] == 1);
  CHECK(to20.revenue[1] == doctest::Approx(40.0));
  // The summary carries the same figures through the calibration end.
  const CustomerSummary s = summarize_customers(l, {20, TimeUnit::day, {}});
  CHECK(s.margin[0] == doctest::Approx(30.0));
  CHECK(s.revenue[0] == doctest::Approx(100.0));
}

TEST_CASE("the month unit measures t_x and T in 30.4375-day months") {
  const OrderLines l = testing::load_cdnow(testing::cdnow_path("CDNOW_sample.txt"), true);
  const CustomerSummary s = summarize_customers(l, {days_from_civil(1997, 9, 30), TimeUnit::month, {}});
  CHECK(s.total_repeat() == 2457);  // the unit changes times, not counts
  CHECK(s.recency[0] == doctest::Approx(213 / 30.4375));
  CHECK(s.age[0] == doctest::Approx(272 / 30.4375));
}
