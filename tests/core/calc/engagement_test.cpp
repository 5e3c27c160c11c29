// Engagement rate per post and averaged, checked by hand.
#include <doctest/doctest.h>

#include <string>

#include "calc/engagement.h"
#include "calc/registry.h"
#include "core/error.h"
#include "error_of.h"

using kpikit::test::error_at_row;
using kpikit::engagement_rate;
using kpikit::Error;


TEST_CASE("three posts: rates 6 %, 3 %, 6 %, average 5 %, pooled 465/8500") {
  const auto r = engagement_rate({120, 45, 300}, {2000, 1500, 5000});
  REQUIRE(r.rates.size() == 3);
  CHECK(r.rates[0] == doctest::Approx(0.06));
  CHECK(r.rates[1] == doctest::Approx(0.03));
  CHECK(r.average_rate == doctest::Approx(0.05).epsilon(1e-12));
  CHECK(r.pooled_rate == doctest::Approx(465.0 / 8500.0).epsilon(1e-12));
  CHECK(r.total_interactions == 465);
}

TEST_CASE("one follower count applies to every post") {
  // 50 / 1000 = 5 %, 100 / 1000 = 10 % -> average 7.5 %, pooled 150 / 2000 = 7.5 %
  const auto r = engagement_rate({50, 100}, {1000});
  CHECK(r.average_rate == doctest::Approx(0.075));
  CHECK(r.pooled_rate == doctest::Approx(0.075));
  CHECK(r.total_reach == 2000);
}

TEST_CASE("the calculator shows one post as interactions / reach and tables every post") {
  kpikit::CalcInputValues in;
  in.lists["interactions"] = {{80}, {}};
  in.lists["reach"] = {{1600}, {}};
  const auto out = kpikit::find_calculator("engagement").compute(in);
  CHECK(out.values[0].name == "engagement");
  CHECK(out.values[0].value == doctest::Approx(0.05));
  CHECK(out.substituted == "CER = {interactions_total} / {reach_total} = {engagement}");
  REQUIRE(out.tables.size() == 1);
  CHECK(out.tables[0].rows.size() == 1);
}

TEST_CASE("bad posts are errors naming field and row") {
  CHECK(error_at_row([] { engagement_rate({10, 20}, {100, 0}, {}, {1, 3}); }) == "zero_reach@reach#3");
  CHECK(error_at_row([] { engagement_rate({10, -1}, {100, 100}); }) == "negative@interactions#2");
  CHECK(error_at_row([] { engagement_rate({10, 2.5}, {100, 100}); }) == "not_whole@interactions#2");
  CHECK(error_at_row([] { engagement_rate({10, 20, 30}, {100, 100}); }) == "length_mismatch@reach#0");
  CHECK(error_at_row([] { engagement_rate({}, {100}); }) == "missing@interactions#0");
}
