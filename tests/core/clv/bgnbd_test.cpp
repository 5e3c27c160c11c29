// BG/NBD: likelihood terms by hand, the published CDNOW fit, the hand-check customer.
#include <doctest/doctest.h>

#include <cmath>

#include "clv/models.h"
#include "cdnow_fixture.h"

using namespace kpikit;

TEST_CASE("BG/NBD likelihood of tiny cases equals the formula computed by hand") {
  // r = 1, alpha = 1, a = 1, b = 1:
  // x = 0, T = 1: B(1,1)/B(1,1) * Gamma(1)/Gamma(1) * 1 / 2^1 = 0.5.
  CHECK(bgnbd_log_likelihood({1, 1, 1, 1}, 0, 0, 1) == doctest::Approx(std::log(0.5)));
  // x = 1, t_x = 1, T = 2: B(1,2)/B(1,1) = 1/2; Gamma(2)/Gamma(1) = 1;
  //   first term 1/2 * 1/3^2 = 1/18; second B(2,1)/B(1,1) = 1/2, * 1/2^2 = 1/8. Sum 13/72.
  CHECK(bgnbd_log_likelihood({1, 1, 1, 1}, 1, 1, 2) == doctest::Approx(std::log(13.0 / 72.0)));
  // P(alive) with x = 1: 1 / (1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)) = 1 / (1 + (3/2)^2) = 4/13.
  CHECK(bgnbd_p_alive({1, 1, 1, 1}, 1, 1, 2) == doctest::Approx(4.0 / 13.0));
  CHECK(bgnbd_p_alive({1, 1, 1, 1}, 0, 0, 2) == 1.0);
}

TEST_CASE("BG/NBD fit on weighted rows equals the fit on one row per customer") {
  const std::vector<std::uint32_t> x = {0, 0, 1, 2, 2, 5, 0, 1, 3, 0};
  const std::vector<double> tx = {0, 0, 3, 8, 8, 9, 0, 2, 7, 0};
  const std::vector<double> T = {10, 10, 10, 10, 10, 10, 6, 6, 9, 9};
  const WeightedRows w = compress_rows(x, tx, T);
  CHECK(w.size() == 8);
  const ModelFit fit = fit_bgnbd(w);
  double ll = 0;
  for (std::size_t i = 0; i < x.size(); ++i) ll += bgnbd_log_likelihood(bgnbd_params(fit), x[i], tx[i], T[i]);
  // b runs off to infinity on so few customers (no sign of dropout): lgamma(b + x) loses digits.
  CHECK(fit.log_likelihood == doctest::Approx(ll).epsilon(1e-7));
  bool extreme = false;
  for (const Warning& warning : fit.warnings) extreme = extreme || warning.code == "parameter_extreme";
  CHECK(extreme);
}

TEST_CASE("BG/NBD on the CDNOW sample reproduces Fader, Hardie & Lee (2005)") {
  const OrderLines l = testing::load_cdnow(testing::cdnow_path("CDNOW_sample.txt"), true);
  const CustomerSummary s = summarize_customers(l, {days_from_civil(1997, 9, 30), TimeUnit::week, {}});
  const ModelFit fit = fit_bgnbd(compress_rows(s));
  CHECK(fit.converged);
  CHECK(fit.warnings.empty());
  const BgNbdParams p = bgnbd_params(fit);
  // Published: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4.
  CHECK(std::round(p.r * 1000) / 1000 == doctest::Approx(0.243));
  CHECK(std::round(p.alpha * 1000) / 1000 == doctest::Approx(4.414));
  CHECK(std::round(p.a * 1000) / 1000 == doctest::Approx(0.793));
  CHECK(std::round(p.b * 1000) / 1000 == doctest::Approx(2.426));
  CHECK(std::round(fit.log_likelihood * 10) / 10 == doctest::Approx(-9582.4));
  for (const auto& se : fit.std_errors) CHECK(se.has_value());
  MESSAGE("BG/NBD r=" << p.r << " alpha=" << p.alpha << " a=" << p.a << " b=" << p.b << " LL=" << fit.log_likelihood
                      << " rows=" << fit.rows << " evals=" << fit.evaluations);
}

TEST_CASE("BG/NBD hand-check customer of REFERENCE.md") {
  const BgNbdParams p{0.243, 4.414, 0.793, 2.426};
  const double tx = 213.0 / 7, T = 272.0 / 7;
  CHECK(bgnbd_p_alive(p, 2, tx, T) == doctest::Approx(0.7266).epsilon(1e-4));
  CHECK(bgnbd_expected_purchases(p, 2, tx, T, 39) == doctest::Approx(1.2259).epsilon(1e-4));
}

TEST_CASE("BG/NBD expectations are continuous through a = 1") {
  const BgNbdParams below{0.243, 4.414, 1 - 1e-3, 2.426}, at{0.243, 4.414, 1.0, 2.426}, above{0.243, 4.414, 1 + 1e-3, 2.426};
  const double e_at = bgnbd_expected_purchases(at, 2, 30.43, 38.86, 39);
  CHECK(std::isfinite(e_at));
  CHECK(e_at > bgnbd_expected_purchases(above, 2, 30.43, 38.86, 39));
  CHECK(e_at < bgnbd_expected_purchases(below, 2, 30.43, 38.86, 39));
  CHECK(bgnbd_expected_cumulative(at, 39) == doctest::Approx(0.5 * (bgnbd_expected_cumulative(below, 39) + bgnbd_expected_cumulative(above, 39))).epsilon(1e-4));
}
