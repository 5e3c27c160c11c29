// Pareto/NBD: the 2F1 likelihood against direct numerical integration of its
// defining integral, stability for large x, and the published CDNOW fit.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "clv/models.h"
#include "ingest/ingest.h"
#include "cdnow_fixture.h"

using namespace kpikit;

namespace {

// Independent reference: L = Gamma(r+x) alpha^r beta^s / Gamma(r) *
//   [ (alpha+T)^-(r+x) (beta+T)^-s + s * Int_{t_x}^{T} (alpha+u)^-(r+x) (beta+u)^-(s+1) du ]
// (death at u after the last purchase), the integral by Simpson's rule, all in
// logs relative to (alpha+t_x)^-(r+x).
double reference_ll(const ParetoNbdParams& p, double x, double tx, double T) {
  const int n = 20000;
  const double h = (T - tx) / n;
  const double rx = p.r + x;
  auto f = [&](double u) { return std::exp(-rx * std::log((p.alpha + u) / (p.alpha + tx))) * std::pow(p.beta + u, -(p.s + 1)); };
  double integral = 0;
  if (T > tx) {
    integral = f(tx) + f(T);
    for (int i = 1; i < n; ++i) integral += (i % 2 ? 4 : 2) * f(tx + i * h);
    integral *= h / 3;
  }
  const double first = std::exp(-rx * std::log((p.alpha + T) / (p.alpha + tx))) * std::pow(p.beta + T, -p.s);
  return std::lgamma(rx) - std::lgamma(p.r) + p.r * std::log(p.alpha) + p.s * std::log(p.beta) -
         rx * std::log(p.alpha + tx) + std::log(first + p.s * integral);
}

// A second, finer reference in long double: L relative to (alpha+t_x)^-(r+x), the integral
// s Int_{t_x}^{T} (alpha+u)^-(r+x) (beta+u)^-(s+1) du by composite Simpson with 400,000 panels
// (the integrand falls by e over (alpha+t_x)/(r+x), here >= 0.05, so h / scale < 5e-4).
long double reference_ll_long(const ParetoNbdParams& p, double x, double tx, double T) {
  using ld = long double;
  const int n = 400000;
  const ld h = (ld(T) - tx) / n, rx = ld(p.r) + x, s = p.s;
  auto f = [&](ld u) { return std::exp(-rx * std::log((p.alpha + u) / (p.alpha + ld(tx))) - (s + 1) * std::log(p.beta + u)); };
  ld integral = f(tx) + f(T);
  for (int i = 1; i < n; ++i) integral += (i % 2 ? 4 : 2) * f(tx + i * h);
  integral *= h / 3;
  const ld first = std::exp(-rx * std::log((p.alpha + ld(T)) / (p.alpha + ld(tx))) - s * std::log(p.beta + ld(T)));
  return std::lgamma(rx) - std::lgamma(ld(p.r)) + p.r * std::log(ld(p.alpha)) + s * std::log(ld(p.beta)) -
         rx * std::log(p.alpha + ld(tx)) + std::log(first + s * integral);
}

// Maximum log-likelihood of the NBD model (no dropout), the s -> 0 limit of the Pareto/NBD:
// sum w [lgamma(r+x) - lgamma(r) + r log alpha - (r+x) log(alpha+T)]. For each r the best alpha
// solves sum w [r/alpha - (r+x)/(alpha+T)] = 0 (bisection in log alpha); r by golden section.
double nbd_max_ll(const WeightedRows& w) {
  auto ll = [&](double r, double alpha) {
    double v = 0;
    for (std::size_t i = 0; i < w.size(); ++i)
      v += w.weight[i] * (std::lgamma(r + w.x[i]) - std::lgamma(r) + r * std::log(alpha) - (r + w.x[i]) * std::log(alpha + w.T[i]));
    return v;
  };
  auto profile = [&](double r) {
    double lo = std::log(1e-6), hi = std::log(1e6);
    for (int it = 0; it < 100; ++it) {
      const double mid = (lo + hi) / 2, alpha = std::exp(mid);
      double score = 0;
      for (std::size_t i = 0; i < w.size(); ++i) score += w.weight[i] * (r / alpha - (r + w.x[i]) / (alpha + w.T[i]));
      (score > 0 ? lo : hi) = mid;
    }
    return ll(r, std::exp((lo + hi) / 2));
  };
  double a = std::log(1e-3), b = std::log(1e3);
  const double g = (std::sqrt(5.0) - 1) / 2;
  for (int it = 0; it < 80; ++it) {
    const double c = b - g * (b - a), d = a + g * (b - a);
    if (profile(std::exp(c)) > profile(std::exp(d))) b = d;
    else a = c;
  }
  return profile(std::exp((a + b) / 2));
}

}  // namespace

TEST_CASE("Pareto/NBD likelihood equals numerical integration, for alpha above and below beta") {
  const ParetoNbdParams below{0.55, 10.6, 0.6, 11.7}, above{0.8, 6.0, 1.3, 2.0};
  for (const ParetoNbdParams& p : {below, above}) {
    CHECK(pnbd_log_likelihood(p, 0, 0, 30) == doctest::Approx(reference_ll(p, 0, 0, 30)).epsilon(1e-9));
    CHECK(pnbd_log_likelihood(p, 1, 10, 30) == doctest::Approx(reference_ll(p, 1, 10, 30)).epsilon(1e-9));
    CHECK(pnbd_log_likelihood(p, 7, 25.5, 38.9) == doctest::Approx(reference_ll(p, 7, 25.5, 38.9)).epsilon(1e-9));
  }
  // x = 0, T = 0 is certain: L = 1.
  CHECK(pnbd_log_likelihood(below, 0, 0, 0) == doctest::Approx(0.0));
}

TEST_CASE("Pareto/NBD stays finite for frequencies in the hundreds and thousands") {
  const ParetoNbdParams p{0.55, 10.6, 0.6, 11.7}, q{0.8, 6.0, 1.3, 2.0};
  for (double x : {300.0, 3000.0}) {
    const double ll = pnbd_log_likelihood(p, x, 37, 39);
    CHECK(std::isfinite(ll));
    CHECK(ll == doctest::Approx(reference_ll(p, x, 37, 39)).epsilon(1e-8));
    CHECK(pnbd_log_likelihood(q, x, 20, 39) == doctest::Approx(reference_ll(q, x, 20, 39)).epsilon(1e-8));
    const double pa = pnbd_p_alive(p, x, 37, 39);
    CHECK(pa >= 0);
    CHECK(pa <= 1);
    CHECK(std::isfinite(pnbd_expected_purchases(p, x, 37, 39, 39)));
  }
}

TEST_CASE("Pareto/NBD expectations: P(alive) is 1 at the last purchase and E[X(t)] is linear for small t") {
  const ParetoNbdParams p{0.55, 10.6, 0.6, 11.7};
  CHECK(pnbd_p_alive(p, 3, 20, 20) == doctest::Approx(1.0));
  // E[X(t)] = r beta / (alpha (s-1)) (1 - (beta/(beta+t))^(s-1)) ~ r t / alpha for small t.
  CHECK(pnbd_expected_cumulative(p, 1e-6) == doctest::Approx(0.55e-6 / 10.6).epsilon(1e-5));
  CHECK(pnbd_expected_cumulative(p, 39) ==
        doctest::Approx(0.55 * 11.7 / (10.6 * -0.4) * (1 - std::pow(11.7 / 50.7, -0.4))));
}

TEST_CASE("Pareto/NBD on the CDNOW sample reproduces Fader, Hardie & Lee (2005)") {
  const OrderLines l = testing::load_cdnow(testing::cdnow_path("CDNOW_sample.txt"), true);
  const CustomerSummary s = summarize_customers(l, {days_from_civil(1997, 9, 30), TimeUnit::week, {}});
  const ModelFit fit = fit_pnbd(compress_rows(s));
  CHECK(fit.converged);
  CHECK(fit.warnings.empty());
  const ParetoNbdParams p = pnbd_params(fit);
  MESSAGE("Pareto/NBD r=" << p.r << " alpha=" << p.alpha << " s=" << p.s << " beta=" << p.beta
                          << " LL=" << fit.log_likelihood << " evals=" << fit.evaluations);
  // Published: r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669, LL = -9595.0.
  CHECK(std::round(p.r * 1000) / 1000 == doctest::Approx(0.553));
  CHECK(std::round(p.alpha * 1000) / 1000 == doctest::Approx(10.578));
  CHECK(std::round(p.s * 1000) / 1000 == doctest::Approx(0.606));
  CHECK(std::round(p.beta * 1000) / 1000 == doctest::Approx(11.669));
  CHECK(std::round(fit.log_likelihood * 10) / 10 == doctest::Approx(-9595.0));
  for (const auto& se : fit.std_errors) CHECK(se.has_value());
}

TEST_CASE("Pareto/NBD with alpha far above beta (2F1 argument near 1) still matches the integral") {
  const ParetoNbdParams p{0.5, 100.0, 0.5, 0.1};
  CHECK(pnbd_log_likelihood(p, 5, 10, 40) == doctest::Approx(reference_ll(p, 5, 10, 40)).epsilon(1e-8));
  CHECK(pnbd_log_likelihood(p, 0, 0, 40) == doctest::Approx(reference_ll(p, 0, 0, 40)).epsilon(1e-8));
}

TEST_CASE("fits on too little or degenerate data warn instead of failing") {
  // Five customers: the fit runs, with a too_little_data warning.
  const WeightedRows few = compress_rows({0, 1, 2, 0, 3}, {0, 5, 9, 0, 12}, {20, 20, 20, 15, 15});
  for (const ModelFit& f : {fit_bgnbd(few), fit_pnbd(few)}) {
    bool warned = false;
    for (const Warning& w : f.warnings) warned = warned || w.code == "too_little_data";
    CHECK(warned);
    CHECK(std::isfinite(f.log_likelihood));
    for (double v : f.params) CHECK(std::isfinite(v));
  }
  // Nobody ever came back: parameters are not identified; still finite, with warnings.
  const WeightedRows none = compress_rows({0, 0, 0}, {0, 0, 0}, {10, 20, 30});
  const ModelFit f = fit_bgnbd(none);
  CHECK(std::isfinite(f.log_likelihood));
  CHECK_FALSE(f.warnings.empty());
}

TEST_CASE("a fit running off to a boundary stops where the likelihood is flat") {
  // Twelve customers (a fuzz input) whose best fit has no heterogeneity in dropout:
  // s and beta run off together (s / beta = 0.047 per week). Run to the 1e8 guard the
  // optimiser spent 243 evaluations for LL = -29.65633905; it now stops on the flat ridge.
  const std::vector<std::uint32_t> x = {3, 48, 50, 32, 13, 10, 1, 40, 16, 11, 25, 16};
  const std::vector<double> t_x = {5.82, 5.08, 5.40, 8.94, 30.85, 14.75, 9.99, 49.61, 26.34, 19.06, 0.66, 12.67};
  const std::vector<double> T = {15, 27, 51, 19, 46, 22, 49, 55, 46, 20, 56, 16};
  const ModelFit fit = fit_pnbd(compress_rows(x, t_x, T));
  const ParetoNbdParams p = pnbd_params(fit);
  CHECK(p.s > 1e6);
  CHECK(p.s / p.beta == doctest::Approx(0.0473).epsilon(1e-2));
  CHECK(fit.log_likelihood == doctest::Approx(-29.65633905).epsilon(1e-9));
  CHECK(fit.evaluations < 150);
  bool extreme = false;
  for (const Warning& w : fit.warnings) extreme = extreme || w.code == "parameter_extreme";
  CHECK(extreme);
}

TEST_CASE("Pareto/NBD is exact where the 2F1 argument is near 1 and x is large (series and quadrature routes)") {
  // beta far above alpha (z = (beta-alpha)/(beta+t) within 1e-3 of 1: the UCI Online Retail optimum
  // region), alpha far above beta, and moderate values; x from 1 (quadrature) to 500 (Euler series).
  const ParetoNbdParams uci{0.83, 9.9, 0.01, 60000.0}, high_alpha{0.6, 5000.0, 1.2, 0.5}, mid{0.5, 3.0, 0.9, 40.0};
  for (const ParetoNbdParams& p : {uci, high_alpha, mid}) {
    for (double x : {1.0, 20.0, 131.0, 500.0}) {
      const double tx = 30, T = 53.3;
      const double ll = pnbd_log_likelihood(p, x, tx, T);
      const long double ref = reference_ll_long(p, x, tx, T);
      CHECK(std::isfinite(ll));
      CHECK(std::fabs(ll - static_cast<double>(ref)) <= 1e-9 * std::max(1.0, std::fabs(ll)));
      const double pa = pnbd_p_alive(p, x, tx, T);
      CHECK(pa >= 0);
      CHECK(pa <= 1);
    }
  }
}

TEST_CASE("Pareto/NBD fit on UCI Online Retail converges to the NBD limit (nobody seems to drop out)") {
  IngestOptions o;
  o.keep_zero_amounts = true;  // as the CLI reads order files
  std::ifstream in(std::string(KPIKIT_SHARED_DATA) + "/online-retail/online_retail.csv", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const IngestResult r = ingest_bytes(text.str(), o);
  REQUIRE(r.mode == IngestMode::orders);
  Day end = 0;
  for (std::size_t i = 0; i < r.orders.size(); ++i)
    if (r.orders.kind[i] == LineKind::purchase) end = std::max(end, r.orders.day[i]);
  const CustomerSummary s = summarize_customers(r.orders, {end, TimeUnit::week, {}});
  // 4,339 customers with a purchase; 4 of them bought only on days they cancelled in full (an
  // independent count in Python: per customer and day, the purchase lines' sum plus the
  // cancellations' is below half a cent on 156 days).
  REQUIRE(s.size() == 4335);
  const WeightedRows rows = compress_rows(s);
  const ModelFit fit = fit_pnbd(rows);
  const ParetoNbdParams p = pnbd_params(fit);
  const double nbd = nbd_max_ll(rows);
  MESSAGE("UCI Pareto/NBD r=" << p.r << " alpha=" << p.alpha << " s=" << p.s << " beta=" << p.beta << " LL="
                             << fit.log_likelihood << " evals=" << fit.evaluations << "; NBD max LL=" << nbd);
  CHECK(fit.converged);
  for (double v : fit.params) CHECK(std::isfinite(v));
  CHECK(std::isfinite(fit.log_likelihood));
  // The Pareto/NBD nests the NBD (s -> 0), so its maximum is at least the NBD maximum; on this
  // data the likelihood rises towards that limit from every start tried (s -> 0 or beta -> infinity),
  // so the fit ends on it: the same LL, and r, alpha those of the NBD.
  CHECK(fit.log_likelihood >= nbd - 1e-6);
  CHECK(fit.log_likelihood <= nbd + 1e-3);
  CHECK(p.s / p.beta < 1e-6);  // mean dropout rate per week: none
  // The fitted value is the sum of the independent per-customer likelihood.
  double sum = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) sum += rows.weight[i] * pnbd_log_likelihood(p, rows.x[i], rows.t_x[i], rows.T[i]);
  CHECK(fit.log_likelihood == doctest::Approx(sum).epsilon(1e-12));
}
