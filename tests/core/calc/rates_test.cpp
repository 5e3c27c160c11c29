// Upsell conversion rate and referral share, checked by hand.
#include <doctest/doctest.h>

#include <string>

#include "calc/referral.h"
#include "calc/registry.h"
#include "calc/upsell.h"
#include "core/error.h"
#include "error_of.h"

using kpikit::test::error_of;
using kpikit::Error;


TEST_CASE("120 of 600 buyers bought more than one product type: 20 %, 0.25 per single buyer") {
  const auto r = kpikit::upsell_rate(120, 480);
  CHECK(r.customers == 600);
  CHECK(r.rate == doctest::Approx(0.2).epsilon(1e-12));
  CHECK(r.per_single == doctest::Approx(0.25).epsilon(1e-12));
}

TEST_CASE("upsell without single-type buyers is 100 % and leaves the ratio out") {
  const auto out = kpikit::find_calculator("upsell").compute({{"upsold", 7}, {"single", 0}});
  CHECK(out.values.size() == 2);
  CHECK(out.values[0].value == 1);
}

TEST_CASE("36 of 240 new customers came by referral: 15 %") {
  CHECK(kpikit::referral_share(36, 240) == doctest::Approx(0.15).epsilon(1e-12));
  const auto out = kpikit::find_calculator("referral").compute({{"referred", 36}, {"new", 240}});
  CHECK(out.values[1].name == "not_referred");
  CHECK(out.values[1].value == 204);
}

TEST_CASE("bad upsell and referral counts name the field") {
  CHECK(error_of([] { kpikit::upsell_rate(0, 0); }) == "no_customers@upsold");
  CHECK(error_of([] { kpikit::upsell_rate(-1, 3); }) == "negative@upsold");
  CHECK(error_of([] { kpikit::upsell_rate(1, 2.5); }) == "not_whole@single");
  CHECK(error_of([] { kpikit::referral_share(5, 0); }) == "zero_new@new");
  CHECK(error_of([] { kpikit::referral_share(50, 40); }) == "referred_above_new@referred");
}
