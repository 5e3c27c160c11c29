// Customer-list mode (analytics/analytics.h): churn, revenue churn, churn by
// segment and the Kaplan-Meier curve, on examples small enough to check by hand.
#include <doctest/doctest.h>

#include <cmath>

#include "analytics/analytics.h"
#include "core/error.h"

using namespace kpikit;

namespace {

// Four customers: tenure {1, 2, 2, 3} months, churned {yes, yes, no, yes},
// monthly revenue {10, 20, 30, 40}, contract {M, M, Y, Y}.
CustomerList four_contracts() {
  CustomerList l;
  l.customer_ids = {"a", "b", "c", "d"};
  l.tenure = {1, 2, 2, 3};
  l.churned = {1, 1, 0, 1};
  l.monthly_revenue = {10, 20, 30, 40};
  l.segments.push_back(CategoryColumn{"Contract", {0, 0, 1, 1}, {"Month-to-month", "One year"}});
  l.source_row = {1, 2, 3, 4};
  return l;
}

}  // namespace

TEST_CASE("Kaplan-Meier curve with Greenwood band, computed by hand") {
  const SurvivalCurve s = kaplan_meier({1, 2, 2, 3}, {1, 1, 0, 1}, 0.95);
  REQUIRE(s.time == std::vector<double>{1, 2, 3});
  CHECK(s.at_risk == std::vector<std::int64_t>{4, 3, 1});
  CHECK(s.events == std::vector<std::int64_t>{1, 1, 1});
  CHECK(s.censored == std::vector<std::int64_t>{0, 1, 0});
  // S(1) = 3/4; S(2) = 3/4 * 2/3 = 1/2; S(3) = 1/2 * 0 = 0.
  CHECK(s.survival[0] == doctest::Approx(0.75));
  CHECK(s.survival[1] == doctest::Approx(0.5));
  CHECK(s.survival[2] == doctest::Approx(0.0));
  // Greenwood at t=1: sum = 1/(4*3) = 1/12, SE = 0.75 * sqrt(1/12) = 0.216506;
  // z(0.95) = 1.959964: lower = 0.75 - 0.424343 = 0.325657, upper clipped to 1.
  CHECK(s.lower[0] == doctest::Approx(0.325657).epsilon(1e-5));
  CHECK(s.upper[0] == doctest::Approx(1.0));
  // t=2: sum = 1/12 + 1/(3*2) = 1/4, SE = 0.5 * 0.5 = 0.25: 0.5 -+ 0.489991.
  CHECK(s.lower[1] == doctest::Approx(0.010009).epsilon(1e-4));
  CHECK(s.upper[1] == doctest::Approx(0.989991).epsilon(1e-5));
  // Once S = 0 the band is [0, 0].
  CHECK(s.lower[2] == 0.0);
  CHECK(s.upper[2] == 0.0);
  // Median lifetime: first time with S <= 0.5.
  REQUIRE(s.median.has_value());
  CHECK(*s.median == 2.0);
}

TEST_CASE("a curve that never falls to one half has no median") {
  const SurvivalCurve s = kaplan_meier({1, 5, 7}, {1, 0, 0});
  CHECK(s.survival.back() == doctest::Approx(2.0 / 3));
  CHECK_FALSE(s.median.has_value());
}

TEST_CASE("negative tenure is rejected naming the field") {
  try {
    kaplan_meier({1, -2}, {0, 1});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == "invalid_tenure");
    CHECK(e.field() == "tenure");
  }
}

TEST_CASE("churn rate, revenue churn and churn by contract") {
  const CustomerListReport r = analyze_customer_list(four_contracts(), AnalyticsOptions{});
  CHECK(r.customers == 4);
  CHECK(r.churned == 3);
  CHECK(*r.churn_rate == doctest::Approx(0.75));
  // Monthly revenue lost: 10 + 20 + 40 = 70 of 100.
  CHECK(*r.revenue_churn == doctest::Approx(0.7));
  CHECK(*r.mean_tenure == doctest::Approx(2.0));
  REQUIRE(r.segments.size() == 1);
  const ChurnBreakdown& c = r.segments[0];
  CHECK(c.customers == std::vector<std::int64_t>{2, 2});
  CHECK(c.churned == std::vector<std::int64_t>{2, 1});
  CHECK(*c.churn_rate[1] == doctest::Approx(0.5));
  CHECK(*c.revenue_churn[1] == doctest::Approx(40.0 / 70));
  // Month-to-month: tenures {1, 2} both churned -> S(1) = 1/2 -> median 1.
  // One year: {2 censored, 3 churned} -> S(3) = 0 -> median 3.
  CHECK(*c.median_lifetime[0] == 1.0);
  CHECK(*c.median_lifetime[1] == 3.0);
}

TEST_CASE("an empty customer list has null rates") {
  const CustomerListReport r = analyze_customer_list(CustomerList{}, AnalyticsOptions{});
  CHECK(r.customers == 0);
  CHECK_FALSE(r.churn_rate.has_value());
  CHECK(r.survival.time.empty());
}
