// Retention and churn: the articles' worked examples, computed by hand.
#include <doctest/doctest.h>

#include "calc/registry.h"
#include "calc/retention.h"
#include "core/error.h"
#include "error_of.h"

using kpikit::test::error_of;
using kpikit::Error;
using kpikit::PeriodCounts;
using kpikit::retention_from_counts;


TEST_CASE("CRR of the article's month: S=150, E=162, N=30 gives 88 %") {
  // (162 - 30) / 150 = 132 / 150 = 0.88; lost = 150 + 30 - 162 = 18
  const auto r = retention_from_counts({150, 162, 30});
  CHECK(r.retained == 132);
  CHECK(r.lost == 18);
  CHECK(r.retention_rate == doctest::Approx(0.88).epsilon(1e-12));
  CHECK(r.churn_rate == doctest::Approx(0.12).epsilon(1e-12));
}

TEST_CASE("S=30, N=5, one lost means E=34 and CRR 96.67 %, not the article's 95 %") {
  // E = S + N - lost = 30 + 5 - 1 = 34; (34 - 5) / 30 = 29 / 30 = 0.96666...
  const auto r = retention_from_counts({30, 34, 5});
  CHECK(r.lost == 1);
  CHECK(r.retention_rate == doctest::Approx(29.0 / 30.0).epsilon(1e-12));
  CHECK(r.retention_rate != doctest::Approx(0.95));
}

TEST_CASE("S=600, E=550, N=0 gives churn 8.33 %, not the article's 10 %") {
  // lost = 600 + 0 - 550 = 50; churn = 50 / 600 = 0.08333...
  const auto r = retention_from_counts({600, 550, 0});
  CHECK(r.lost == 50);
  CHECK(r.churn_rate == doctest::Approx(50.0 / 600.0).epsilon(1e-12));
}

TEST_CASE("CRR and churn add up to one") {
  for (const PeriodCounts c : {PeriodCounts{150, 162, 30}, PeriodCounts{7, 3, 1}, PeriodCounts{1, 1, 0}}) {
    const auto r = retention_from_counts(c);
    CHECK(r.retention_rate + r.churn_rate == doctest::Approx(1.0).epsilon(1e-12));
  }
}

TEST_CASE("bad counts are errors that name the field") {
  CHECK(error_of([] { retention_from_counts({0, 5, 5}); }) == "zero_start@start");
  CHECK(error_of([] { retention_from_counts({-1, 5, 5}); }) == "negative@start");
  CHECK(error_of([] { retention_from_counts({10, -5, 0}); }) == "negative@end");
  CHECK(error_of([] { retention_from_counts({10, 5, -1}); }) == "negative@new");
  CHECK(error_of([] { retention_from_counts({10.5, 5, 0}); }) == "not_whole@start");
  CHECK(error_of([] { retention_from_counts({10, 5, 8}); }) == "end_below_new@end");
  CHECK(error_of([] { retention_from_counts({10, 25, 8}); }) == "end_above_start_plus_new@end");
  CHECK(error_of([] { retention_from_counts({10, 1.0 / 0.0, 0}); }) == "not_finite@end");
}

TEST_CASE("the registry finds crr and churn and rejects unknown ids") {
  CHECK(kpikit::find_calculator("crr").id == "crr");
  CHECK(kpikit::find_calculator("churn").inputs.size() == 3);
  CHECK(error_of([] { kpikit::find_calculator("nope"); }) == "unknown_calculator@calculator");
}

TEST_CASE("the churn calculator's headline is the churn rate") {
  const auto out = kpikit::find_calculator("churn").compute({{"start", 600}, {"end", 550}, {"new", 0}});
  CHECK(out.primary == "churn");
  CHECK(out.values.front().name == "churn");
  CHECK(out.values.front().value == doctest::Approx(0.0833333333333).epsilon(1e-9));
}
