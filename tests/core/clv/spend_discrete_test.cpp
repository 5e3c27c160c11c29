// Gamma-Gamma, BG/BB and sBG: likelihood terms by hand, then the published fits.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

#include "clv/models.h"
#include "clv/numeric.h"
#include "core/error.h"
#include "cdnow_fixture.h"

using namespace kpikit;

namespace {
double round_to(double v, double digits) {
  const double f = std::pow(10.0, digits);
  return std::round(v * f) / f;
}
}  // namespace

TEST_CASE("Gamma-Gamma density by hand") {
  // p = q = gamma = 1, x = 1: f(m) = Gamma(2)/(Gamma(1)Gamma(1)) m^0 / (1+m)^2; m = 1 -> 1/4.
  CHECK(gg_log_likelihood({1, 1, 1}, 1, 1) == doctest::Approx(std::log(0.25)));
  // x = 2, m = 3, p = 2, q = 3, gamma = 4: Gamma(7)/(Gamma(4)Gamma(3)) 4^3 3^3 2^4 / 10^7 = 60 * 27648 / 1e7.
  CHECK(gg_log_likelihood({2, 3, 4}, 2, 3) == doctest::Approx(std::log(60.0 * 64 * 27 * 16 / 1e7)));
  // Hand-check customer of REFERENCE.md: 24.66.
  CHECK(gg_expected_spend({6.25, 3.74, 15.44}, 2, 22.345) == doctest::Approx(24.66).epsilon(2e-4));
  // x = 0: the population mean p gamma / (q - 1).
  CHECK(gg_expected_spend({6.25, 3.74, 15.44}, 0, 0) == doctest::Approx(6.25 * 15.44 / 2.74));
}

TEST_CASE("Gamma-Gamma on the 946 CDNOW sample repeaters reproduces Fader, Hardie & Lee (2005)") {
  const OrderLines l = testing::load_cdnow(testing::cdnow_path("CDNOW_sample.txt"), true);
  const CustomerSummary s = summarize_customers(l, {days_from_civil(1997, 9, 30), TimeUnit::week, {}});
  const ModelFit fit = fit_gamma_gamma(s.frequency, s.mean_spend);
  const GammaGammaParams g = gg_params(fit);
  MESSAGE("GG p=" << g.p << " q=" << g.q << " gamma=" << g.gamma << " LL=" << fit.log_likelihood << " n=" << fit.observations);
  CHECK(fit.converged);
  CHECK(fit.observations == 946);
  // Published: p = 6.25, q = 3.74, gamma = 15.44, LL = -4055.9.
  CHECK(round_to(g.p, 2) == doctest::Approx(6.25));
  CHECK(round_to(g.q, 2) == doctest::Approx(3.74));
  CHECK(round_to(g.gamma, 2) == doctest::Approx(15.44));
  CHECK(round_to(fit.log_likelihood, 1) == doctest::Approx(-4055.9));
}

TEST_CASE("BG/BB likelihood by hand") {
  // alpha = beta = gamma = delta = 1, one opportunity.
  // No transaction: dead before it (1/2) or alive and not buying (1/2 * 1/2) = 3/4.
  CHECK(bgbb_log_likelihood({1, 1, 1, 1}, 0, 0, 1) == doctest::Approx(std::log(0.75)));
  // One transaction: alive (1/2) and buying (1/2) = 1/4.
  CHECK(bgbb_log_likelihood({1, 1, 1, 1}, 1, 1, 1) == doctest::Approx(std::log(0.25)));
  // P(alive at opportunity 2 | bought at 1) = E[p(1-theta)^2] / L = (1/2 * 1/3) / (1/4) = 2/3.
  CHECK(bgbb_p_alive({1, 1, 1, 1}, 1, 1, 1) == doctest::Approx(2.0 / 3.0));
}

namespace {
// The likelihood as Fader, Hardie & Shang (2010) write it, one log-beta per term.
double bgbb_log_likelihood_by_definition(const BgBbParams& p, double x, double t_x, double n) {
  using kpikit::detail::log_beta;
  const double lab = log_beta(p.alpha, p.beta), lgd = log_beta(p.gamma, p.delta);
  double sum = std::exp(log_beta(p.alpha + x, p.beta + n - x) - lab + log_beta(p.gamma, p.delta + n) - lgd);
  for (double i = 0; i <= n - t_x - 1; i += 1)
    sum += std::exp(log_beta(p.alpha + x, p.beta + t_x - x + i) - lab + log_beta(p.gamma + 1, p.delta + t_x + i) - lgd);
  return std::log(sum);
}

// A random BG/BB pattern: parameters log-uniform in [0.05, 50], n in 1..30, x <= n, x <= t_x <= n.
struct BgBbCase {
  BgBbParams p;
  double n, x, t_x;
};

BgBbCase random_bgbb_case(std::mt19937& rng) {
  std::uniform_real_distribution<double> log_param(std::log(0.05), std::log(50.0));
  BgBbCase c{};
  c.p = {std::exp(log_param(rng)), std::exp(log_param(rng)), std::exp(log_param(rng)), std::exp(log_param(rng))};
  c.n = 1 + static_cast<double>(rng() % 30);
  c.x = static_cast<double>(rng() % static_cast<unsigned>(c.n + 1));
  c.t_x = c.x == 0 ? 0 : c.x + static_cast<double>(rng() % static_cast<unsigned>(c.n - c.x + 1));
  return c;
}
}  // namespace

TEST_CASE("BG/BB likelihood by its recurrence equals the sum of its terms") {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 2000; ++trial) {
    const BgBbCase c = random_bgbb_case(rng);
    const BgBbParams& p = c.p;
    const double n = c.n, x = c.x, t_x = c.t_x;
    CAPTURE(trial);
    CHECK(bgbb_log_likelihood(p, x, t_x, n) ==
          doctest::Approx(bgbb_log_likelihood_by_definition(p, x, t_x, n)).epsilon(1e-12));
  }
}

TEST_CASE("BG/BB gradient equals central differences of the likelihood") {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 1000; ++trial) {
    const BgBbCase c = random_bgbb_case(rng);
    const BgBbParams& p = c.p;
    const double n = c.n, x = c.x, t_x = c.t_x;
    BgBbParams g{};
    const double ll = bgbb_log_likelihood(p, x, t_x, n, &g);
    CHECK(ll == doctest::Approx(bgbb_log_likelihood(p, x, t_x, n)).epsilon(1e-14));
    const double analytic[] = {g.alpha, g.beta, g.gamma, g.delta};
    for (int k = 0; k < 4; ++k) {
      // In log-parameters, where the step is relative: d/d log(v) = v d/dv.
      BgBbParams up = p, down = p;
      double* u[] = {&up.alpha, &up.beta, &up.gamma, &up.delta};
      double* dn[] = {&down.alpha, &down.beta, &down.gamma, &down.delta};
      const double h = 1e-5, v = *u[k];
      *u[k] = v * std::exp(h);
      *dn[k] = v * std::exp(-h);
      const double numeric = (bgbb_log_likelihood(up, x, t_x, n) - bgbb_log_likelihood(down, x, t_x, n)) / (2 * h);
      CAPTURE(trial);
      CAPTURE(k);
      CHECK(v * analytic[k] == doctest::Approx(numeric).epsilon(1e-7).scale(1));
    }
  }
}

TEST_CASE("BG/BB on the donations data reproduces Fader, Hardie & Shang (2010)") {
  std::ifstream in(std::string(KPIKIT_SHARED_DATA) + "/donations/donations.csv");
  std::string line;
  std::getline(in, line);
  std::vector<double> x, tx, n, w;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    char c;
    double a, b, d, e;
    if (f >> a >> c >> b >> c >> d >> c >> e) {
      x.push_back(a);
      tx.push_back(b);
      n.push_back(d);
      w.push_back(e);
    }
  }
  REQUIRE(x.size() == 22);
  const ModelFit fit = fit_bgbb(x, tx, n, w);
  CHECK(fit.observations == 11104);
  const BgBbParams p = bgbb_params(fit);
  MESSAGE("BG/BB alpha=" << p.alpha << " beta=" << p.beta << " gamma=" << p.gamma << " delta=" << p.delta
                         << " LL=" << fit.log_likelihood);
  CHECK(fit.converged);
  // Published: alpha = 1.204, beta = 0.750, gamma = 0.657, delta = 2.783, LL = -33225.6.
  CHECK(round_to(p.alpha, 3) == doctest::Approx(1.204));
  CHECK(round_to(p.beta, 3) == doctest::Approx(0.750));
  CHECK(round_to(p.gamma, 3) == doctest::Approx(0.657));
  CHECK(round_to(p.delta, 3) == doctest::Approx(2.783));
  CHECK(round_to(fit.log_likelihood, 1) == doctest::Approx(-33225.6));
  // A donor who gave in all 6 years: expected gifts in the next 5 years is below 5 and above 0.
  const double e5 = bgbb_expected_purchases(p, 6, 6, 6, 5);
  CHECK(e5 > 0);
  CHECK(e5 < 5);
  // Expected gifts of the next 1 opportunity = E[p * alive] < P(alive at n+1).
  CHECK(bgbb_expected_purchases(p, 6, 6, 6, 1) < bgbb_p_alive(p, 6, 6, 6));
}

TEST_CASE("sBG likelihood by its recurrence equals the beta-function form, and its gradient central differences") {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> log_param(std::log(0.05), std::log(50.0));
  for (int trial = 0; trial < 500; ++trial) {
    std::vector<double> alive = {1000};
    const std::size_t periods = 1 + rng() % 24;
    for (std::size_t t = 0; t < periods; ++t) alive.push_back(std::floor(alive.back() * (0.4 + 0.6 * static_cast<double>(rng() % 1000) / 1000.0)));
    const SbgParams p{std::exp(log_param(rng)), std::exp(log_param(rng))};
    using kpikit::detail::log_beta;
    double by_definition = 0;
    const double lab = log_beta(p.alpha, p.beta);
    for (std::size_t t = 1; t < alive.size(); ++t)
      by_definition += (alive[t - 1] - alive[t]) * (log_beta(p.alpha + 1, p.beta + static_cast<double>(t) - 1) - lab);
    by_definition += alive.back() * (log_beta(p.alpha, p.beta + static_cast<double>(alive.size() - 1)) - lab);
    SbgParams g{};
    const double ll = sbg_log_likelihood(p, alive, &g);
    CAPTURE(trial);
    CHECK(ll == doctest::Approx(by_definition).epsilon(1e-12));
    const double h = 1e-6;
    const double da = (sbg_log_likelihood({p.alpha * std::exp(h), p.beta}, alive) -
                       sbg_log_likelihood({p.alpha * std::exp(-h), p.beta}, alive)) / (2 * h);
    const double db = (sbg_log_likelihood({p.alpha, p.beta * std::exp(h)}, alive) -
                       sbg_log_likelihood({p.alpha, p.beta * std::exp(-h)}, alive)) / (2 * h);
    CHECK(p.alpha * g.alpha == doctest::Approx(da).epsilon(1e-6).scale(1));
    CHECK(p.beta * g.beta == doctest::Approx(db).epsilon(1e-6).scale(1));
  }
}

TEST_CASE("sBG likelihood by hand and input checks") {
  // alpha = beta = 1: P(T = 1) = B(2,1)/B(1,1) = 1/2, S(1) = B(1,2)/B(1,1) = 1/2.
  CHECK(sbg_log_likelihood({1, 1}, {10, 4}) == doctest::Approx(10 * std::log(0.5)));
  // P(T = 2) = B(2,2)/B(1,1) = 1/6, S(2) = B(1,3) = 1/3.
  CHECK(sbg_log_likelihood({1, 1}, {10, 4, 1}) == doctest::Approx(6 * std::log(0.5) + 3 * std::log(1.0 / 6) + std::log(1.0 / 3)));
  CHECK(sbg_survival({1, 1}, 2) == doctest::Approx(1.0 / 3));
  CHECK(sbg_retention_rate({1, 1}, 2) == doctest::Approx(2.0 / 3));
  try {
    fit_sbg({100, 120});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == "invalid_alive");
    CHECK(e.field() == "alive");
  }
}

TEST_CASE("sBG reproduces Fader & Hardie (2007) regular and high-end cohorts") {
  // Alive at the start of years 0..7 (their Table 1), fitted on these 7 years.
  const ModelFit regular = fit_sbg({1000, 631, 468, 382, 326, 289, 262, 241});
  const ModelFit high_end = fit_sbg({1000, 869, 743, 653, 593, 551, 517, 491});
  MESSAGE("sBG regular " << regular.params[0] << " " << regular.params[1] << " LL " << regular.log_likelihood);
  MESSAGE("sBG high end " << high_end.params[0] << " " << high_end.params[1] << " LL " << high_end.log_likelihood);
  CHECK(regular.converged);
  // Published: regular alpha = 0.704, beta = 1.182; high end alpha = 0.668, beta = 3.806.
  CHECK(round_to(regular.params[0], 3) == doctest::Approx(0.704));
  CHECK(round_to(regular.params[1], 3) == doctest::Approx(1.182));
  CHECK(round_to(high_end.params[0], 3) == doctest::Approx(0.668));
  CHECK(round_to(high_end.params[1], 3) == doctest::Approx(3.806));
  // Log-likelihoods of our fit (the paper's tables give the parameters): -1680.3 and -1611.2,
  // equal to the likelihood evaluated directly at the rounded published parameters to 0.1.
  CHECK(round_to(regular.log_likelihood, 1) == doctest::Approx(-1680.3));
  CHECK(round_to(high_end.log_likelihood, 1) == doctest::Approx(-1611.2));
  CHECK(sbg_log_likelihood({0.704, 1.182}, {1000, 631, 468, 382, 326, 289, 262, 241}) == doctest::Approx(-1680.3).epsilon(1e-4));
  // Projection: the regular cohort's model survival at year 12 (actual 173 of 1000).
  const double s12 = sbg_survival(sbg_params(regular), 12);
  CHECK(s12 > 0.15);
  CHECK(s12 < 0.20);
}

TEST_CASE("Gamma-Gamma warns when spend rises with frequency and when spend is not positive") {
  std::vector<std::uint32_t> x;
  std::vector<double> m;
  for (std::uint32_t i = 1; i <= 60; ++i) {
    x.push_back(1 + i % 12);
    m.push_back(5.0 * (1 + i % 12) + (i % 7));  // mean spend grows with x
  }
  x.push_back(3);
  m.push_back(0.0);  // a customer whose repeat purchases were all free
  const ModelFit fit = fit_gamma_gamma(x, m);
  std::vector<std::string> codes;
  for (const Warning& w : fit.warnings) codes.push_back(w.code);
  CHECK(std::find(codes.begin(), codes.end(), "spend_frequency_correlated") != codes.end());
  CHECK(std::find(codes.begin(), codes.end(), "spend_not_positive") != codes.end());
  CHECK(fit.observations == 60);
}
