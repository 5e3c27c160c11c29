// The JSON adapter of the CLV models: shapes, published values through JSON, field-named errors.
#include <doctest/doctest.h>

#include <cmath>

#include "api/clv_ops.h"
#include "core/error.h"
#include "cdnow_fixture.h"

using namespace kpikit;
using nlohmann::json;

namespace {

const OrderLines& sample_lines() {
  static const OrderLines l = testing::load_cdnow(testing::cdnow_path("CDNOW_sample.txt"), true);
  return l;
}

template <class F>
void check_error(F f, const std::string& code, const std::string& field) {
  try {
    f();
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == code);
    CHECK(e.field() == field);
  }
}

}  // namespace

TEST_CASE("clv_fit returns the published BG/NBD fit, counts and the holdout check") {
  const json r = api::clv_fit(sample_lines(), {{"model", "bgnbd"}, {"calibration_end", "1997-09-30"}, {"holdout_end", "1998-06-30"}});
  CHECK(r["unit"] == "week");
  CHECK(r["counts"]["customers"] == 2357);
  CHECK(r["counts"]["repeat_transactions"] == 2457);
  CHECK(r["counts"]["holdout_transactions"] == 1882);
  CHECK(r["fit"]["parameters"]["r"].get<double>() == doctest::Approx(0.2426).epsilon(1e-3));
  CHECK(r["fit"]["parameters"]["b"].get<double>() == doctest::Approx(2.4259).epsilon(1e-3));
  CHECK(r["fit"]["std_errors"]["alpha"].is_number());
  CHECK(r["fit"]["log_likelihood"].get<double>() == doctest::Approx(-9582.43).epsilon(1e-6));
  CHECK(r["fit"]["converged"] == true);
  CHECK(r["tracking"]["actual"].size() == 78);
  CHECK(r["tracking"]["holdout_actual"] == 1882.0);
  CHECK(r["tracking"]["by_frequency"]["customers"][0] == 1411.0);
}

TEST_CASE("clv_fit without a holdout has no tracking; gg fits the spend model") {
  const json r = api::clv_fit(sample_lines(), {{"model", "gg"}, {"calibration_end", "1997-09-30"}});
  CHECK(r["tracking"].is_null());
  CHECK(r["counts"]["holdout_transactions"].is_null());
  CHECK(r["fit"]["parameters"]["p"].get<double>() == doctest::Approx(6.25).epsilon(1e-3));
  CHECK(r["fit"]["observations"] == 946.0);
}

TEST_CASE("clv_predict returns one column entry per customer, never negative or missing") {
  const json r = api::clv_predict(sample_lines(), {{"model", "pnbd"}, {"calibration_end", "1997-09-30"}, {"horizon", 39}, {"discount_rate", 0.0}});
  CHECK(r["horizon"] == 39.0);
  CHECK(r["horizon_unit"] == "week");
  CHECK(r["spend_source"] == "gamma_gamma");
  const json& c = r["customers"];
  REQUIRE(c["clv"].size() == 2357);
  CHECK(c["id"][0] == "0001");
  CHECK(c["first_purchase"][0] == "1997-01-01");
  CHECK(c["x"][0] == 2);
  for (const char* col : {"p_alive", "expected_purchases", "expected_spend", "clv"})
    for (const json& v : c[col]) {
      REQUIRE(v.is_number());
      CHECK(v.get<double>() >= 0);
    }
  // Without discounting, CLV = expected spend x expected purchases.
  CHECK(c["clv"][0].get<double>() ==
        doctest::Approx(c["expected_spend"][0].get<double>() * c["expected_purchases"][0].get<double>()));
  CHECK(r["totals"]["expected_purchases"].get<double>() > 1000);
}

TEST_CASE("clv ops name the field of a bad parameter") {
  check_error([] { api::clv_fit(sample_lines(), {{"unit", "fortnight"}}); }, "invalid_unit", "unit");
  check_error([] { api::clv_fit(sample_lines(), {{"calibration_end", "30.09.1997"}}); }, "invalid_date", "calibration_end");
  check_error([] { api::clv_fit(sample_lines(), {{"calibration_end", "1997-02-30"}}); }, "invalid_date", "calibration_end");
  check_error([] { api::clv_fit(sample_lines(), {{"model", "bgbb"}}); }, "invalid_model", "model");
  check_error([] { api::clv_fit(sample_lines(), {{"calibration_end", "1990-01-01"}}); }, "no_customers", "calibration_end");
  check_error([] { api::clv_fit(sample_lines(), {{"calibration_end", "1997-09-30"}, {"holdout_end", "1997-01-01"}}); },
              "invalid_holdout_end", "holdout_end");
  check_error([] { api::clv_predict(sample_lines(), {{"horizon", -1}}); }, "invalid_horizon", "horizon");
  check_error([] { api::clv_predict(sample_lines(), {{"discount_rate", "ten"}}); }, "invalid_number", "discount_rate");
}

TEST_CASE("clv_bgbb fits the donation patterns and checks them") {
  const json r = api::clv_bgbb({{"frequency", {0, 1, 6}}, {"recency", {0, 1, 6}}, {"periods", {6, 6, 6}}, {"weights", {3464, 1091, 1203}}, {"horizon", 5}});
  CHECK(r["fit"]["parameter_order"] == json({"alpha", "beta", "gamma", "delta"}));
  CHECK(r["patterns"]["p_alive"].size() == 3);
  CHECK(r["patterns"]["expected_purchases"][2].get<double>() > r["patterns"]["expected_purchases"][0].get<double>());
  check_error([] { api::clv_bgbb({{"frequency", {3}}, {"recency", {2}}, {"periods", {6}}}); }, "invalid_number", "recency");
  check_error([] { api::clv_bgbb({{"frequency", {7}}, {"recency", {7}}, {"periods", {6}}}); }, "invalid_number", "frequency");
}

TEST_CASE("clv_sbg projects the Fader-Hardie regular cohort") {
  const json r = api::clv_sbg({{"alive", {1000, 631, 468, 382, 326, 289, 262, 241}}, {"horizon", 12}});
  CHECK(r["fit"]["parameters"]["alpha"].get<double>() == doctest::Approx(0.704).epsilon(1e-3));
  const json& p = r["projection"];
  REQUIRE(p["period"].size() == 13);
  CHECK(p["survival"][0] == 1.0);
  CHECK(p["retention_rate"][0].is_null());
  CHECK(p["actual_alive"][7] == 241.0);
  CHECK(p["actual_alive"][8].is_null());
  // Model projection for year 12 (actual 173 in Fader & Hardie's Table 1): within 10 %.
  CHECK(p["expected_alive"][12].get<double>() == doctest::Approx(173).epsilon(0.1));
  check_error([] { api::clv_sbg({{"alive", {100}}}); }, "invalid_alive", "alive");
}
