// Formula CLV and the retention what-if, checked by hand.
#include <doctest/doctest.h>

#include <string>

#include "calc/clv_formula.h"
#include "calc/registry.h"
#include "calc/retention_whatif.h"
#include "core/error.h"
#include "error_of.h"

using kpikit::test::error_of;
using kpikit::Error;


TEST_CASE("AOV 50 x 4 per year x 3 years x 30 % margin: revenue 600, CLV 180") {
  const auto r = kpikit::clv_basic(50, 4, 3, 0.3);
  CHECK(r.annual_revenue == 200);
  CHECK(r.lifetime_revenue == 600);
  CHECK(r.clv == doctest::Approx(180));
  const auto revenue_only = kpikit::find_calculator("clv_basic").compute({{"aov", 50}, {"frequency", 4}, {"lifespan", 3}});
  CHECK(revenue_only.values[0].value == 600);
  CHECK(revenue_only.warnings.at(0) == "revenue_not_margin");
}

TEST_CASE("m 100, r 80 %, d 10 %: CLV 100 x 0.8 / 0.3 = 266.67, lifetime 5 periods") {
  const auto r = kpikit::clv_margin(100, 0.8, 0.1);
  CHECK(r.clv == doctest::Approx(800.0 / 3.0).epsilon(1e-12));
  CHECK(r.lifetime == doctest::Approx(5).epsilon(1e-12));
  // the sum it stands for: sum_t 100 * 0.8^t / 1.1^t, t = 1..2000
  double sum = 0;
  double factor = 1;
  for (int t = 1; t <= 2000; ++t) { factor *= 0.8 / 1.1; sum += 100 * factor; }
  CHECK(r.clv == doctest::Approx(sum).epsilon(1e-9));
}

TEST_CASE("ARPU 30 a month, churn 5 %, margin 70 %: CLV 420 over 20 months") {
  const auto r = kpikit::clv_arpu(30, 0.05, 0.7);
  CHECK(r.clv == doctest::Approx(420).epsilon(1e-12));
  CHECK(r.lifetime == doctest::Approx(20).epsilon(1e-12));
  CHECK(kpikit::clv_arpu(30, 0.05, std::nullopt).clv == doctest::Approx(600));
}

TEST_CASE("bad formula CLV inputs name the field") {
  CHECK(error_of([] { kpikit::clv_margin(100, 1, 0.1); }) == "retention_too_high@retention");
  CHECK(error_of([] { kpikit::clv_margin(100, 1.2, 0.1); }) == "out_of_range@retention");
  CHECK(error_of([] { kpikit::clv_margin(100, 0.5, -0.1); }) == "negative@discount");
  CHECK(error_of([] { kpikit::clv_arpu(30, 0, std::nullopt); }) == "zero_churn@churn");
  CHECK(error_of([] { kpikit::clv_basic(50, 4, 3, 1.5); }) == "out_of_range@gross_margin");
  CHECK(error_of([] { kpikit::clv_basic(-50, 4, 3, std::nullopt); }) == "negative@aov");
}

TEST_CASE("what-if r 80 %, m 100, d 10 %, N 1000, +5 points: CLV 266.67 -> 340 (+27.5 %)") {
  const auto r = kpikit::retention_whatif({0.8, 100, 0.1, 1000, 0.05});
  CHECK(r.now.clv == doctest::Approx(800.0 / 3.0).epsilon(1e-12));
  CHECK(r.moved.clv == doctest::Approx(340).epsilon(1e-12));
  CHECK(r.moved.clv_change == doctest::Approx(0.275).epsilon(1e-12));
  CHECK(r.moved.lifetime == doctest::Approx(20.0 / 3.0).epsilon(1e-12));
  CHECK(r.moved.profit == doctest::Approx(340000).epsilon(1e-12));
  // rows r + k x, k = -3..3: 65 % ... 95 %, all below 100 %
  REQUIRE(r.rows.size() == 7);
  CHECK(r.rows[0].retention == doctest::Approx(0.65));
  CHECK(r.rows[0].clv == doctest::Approx(65.0 / 0.45).epsilon(1e-12));
  CHECK(r.rows[6].clv == doctest::Approx(95.0 / 0.15).epsilon(1e-12));
  CHECK(r.rows[6].lifetime == doctest::Approx(20).epsilon(1e-9));
}

TEST_CASE("the article's '+10 % retention -> +20 % CLV' holds at r = 50 %, d = 10 % for a relative +10 %") {
  // r = 0.5 -> 0.55: CLV 0.5/0.6 -> 0.55/0.55, ratio 1.2. At r = 80 % the same formula gives
  // +10 points: 0.9/0.2 / (0.8/0.3) - 1 = +68.75 %.
  CHECK(kpikit::retention_whatif({0.5, 100, 0.1, 1, 0.05}).moved.clv_change == doctest::Approx(0.2).epsilon(1e-12));
  CHECK(kpikit::retention_whatif({0.8, 100, 0.1, 1, 0.1}).moved.clv_change == doctest::Approx(0.6875).epsilon(1e-12));
  // Read as +10 points at r = 50 %: 0.6/0.5 / (0.5/0.6) - 1 = 1.2 / 0.8333 - 1 = +44 %, not +20 %.
  CHECK(kpikit::retention_whatif({0.5, 100, 0.1, 1, 0.1}).moved.clv_change == doctest::Approx(0.44).epsilon(1e-12));
  // "+5 % retention -> +25-95 % profit": +5 points from 94 % gives 0.99/0.11 / (0.94/0.16) - 1 = +53.2 %.
  CHECK(kpikit::retention_whatif({0.94, 100, 0.1, 1000, 0.05}).moved.clv_change ==
        doctest::Approx((0.99 / 0.11) / (0.94 / 0.16) - 1).epsilon(1e-12));
}

TEST_CASE("what-if rows outside 0-100 % are left out; bad inputs name the field") {
  const auto r = kpikit::retention_whatif({0.9, 100, 0.1, 10, 0.05});
  // k = -3..1 only: 75 %, 80 %, 85 %, 90 %, 95 %
  CHECK(r.rows.size() == 5);
  CHECK(error_of([] { kpikit::retention_whatif({0.96, 100, 0.1, 10, 0.05}); }) == "change_too_large@change");
  CHECK(error_of([] { kpikit::retention_whatif({0, 100, 0.1, 10, 0.05}); }) == "not_positive@retention");
  CHECK(error_of([] { kpikit::retention_whatif({0.5, 0, 0.1, 10, 0.05}); }) == "not_positive@margin");
  CHECK(error_of([] { kpikit::retention_whatif({0.5, 10, 0.1, 10, 0}); }) == "not_positive@change");
  CHECK(error_of([] { kpikit::retention_whatif({0.5, 10, 0.1, 2.5, 0.1}); }) == "not_whole@customers");
}
