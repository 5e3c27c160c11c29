// CAC, cost to retain, their ratio, CLV:CAC with verdict and payback; by hand.
#include <doctest/doctest.h>

#include <string>

#include "calc/acquisition.h"
#include "calc/clv_cac.h"
#include "calc/registry.h"
#include "core/error.h"
#include "error_of.h"

using kpikit::test::error_of;
using kpikit::Error;


TEST_CASE("30,000 for 200 new customers, 12,000 for 500 retained: CAC 150, 24 to retain, 6.25x") {
  kpikit::AcquisitionInputs in;
  in.acquisition_spend = 30000;
  in.new_customers = 200;
  in.retention_spend = 12000;
  in.retained = 500;
  in.clv = 600;
  const auto r = kpikit::acquisition_costs(in);
  CHECK(r.cac == doctest::Approx(150));
  REQUIRE(r.cost_to_retain);
  CHECK(*r.cost_to_retain == doctest::Approx(24));
  REQUIRE(r.cac_ratio);
  CHECK(*r.cac_ratio == doctest::Approx(6.25).epsilon(1e-12));
  REQUIRE(r.clv_cac);
  CHECK(*r.clv_cac == doctest::Approx(4));
}

TEST_CASE("CAC alone needs no retention inputs; zero retention spend leaves the ratio out with a warning") {
  const auto& calc = kpikit::find_calculator("cac");
  const auto alone = calc.compute({{"acquisition_spend", 5000}, {"new", 40}});
  REQUIRE(alone.values.size() == 1);
  CHECK(alone.values[0].value == doctest::Approx(125));
  const auto free_retention = calc.compute({{"acquisition_spend", 5000}, {"new", 40}, {"retention_spend", 0}, {"retained", 10}});
  CHECK(free_retention.values.size() == 2);
  REQUIRE(free_retention.warnings.size() == 1);
  CHECK(free_retention.warnings[0] == "no_retention_spend");
}

TEST_CASE("bad acquisition inputs name the field") {
  const auto& calc = kpikit::find_calculator("cac");
  CHECK(error_of([&] { calc.compute({{"acquisition_spend", 5000}, {"new", 0}}); }) == "zero_new@new");
  CHECK(error_of([&] { calc.compute({{"acquisition_spend", -1}, {"new", 3}}); }) == "negative@acquisition_spend");
  CHECK(error_of([&] { calc.compute({{"acquisition_spend", 1}, {"new", 3}, {"retention_spend", 5}}); }) == "missing@retained");
  CHECK(error_of([&] { calc.compute({{"acquisition_spend", 1}, {"new", 3}, {"retained", 5}}); }) == "missing@retention_spend");
  CHECK(error_of([&] { calc.compute({{"acquisition_spend", 1}, {"new", 3}, {"retention_spend", 5}, {"retained", 0}}); }) ==
        "zero_retained@retained");
}

TEST_CASE("CLV 600, CAC 150: 4x is healthy; payback 150 / 25 = 6 months") {
  const auto r = kpikit::clv_cac(600, 150, 25.0);
  CHECK(r.ratio == doctest::Approx(4));
  CHECK(r.verdict == "healthy");
  REQUIRE(r.payback_months);
  CHECK(*r.payback_months == doctest::Approx(6));
  const auto out = kpikit::find_calculator("clv_cac").compute({{"clv", 600}, {"cac", 150}});
  CHECK(out.verdict == "healthy");
  CHECK(out.values.size() == 1);
}

TEST_CASE("verdict bands: < 1 losing money, < 3 below target, 3-5 healthy, > 5 underinvesting") {
  CHECK(kpikit::clv_cac_verdict(0.8) == "losing_money");
  CHECK(kpikit::clv_cac_verdict(1) == "below_target");
  CHECK(kpikit::clv_cac_verdict(2.99) == "below_target");
  CHECK(kpikit::clv_cac_verdict(3) == "healthy");
  CHECK(kpikit::clv_cac_verdict(5) == "healthy");
  CHECK(kpikit::clv_cac_verdict(5.01) == "underinvesting");
  CHECK(error_of([] { kpikit::clv_cac(600, 0, std::nullopt); }) == "not_positive@cac");
  CHECK(error_of([] { kpikit::clv_cac(600, 100, 0.0); }) == "not_positive@monthly_margin");
}
