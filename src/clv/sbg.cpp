// Shifted-beta-geometric model of contractual retention (Fader & Hardie 2007,
// "How to project customer retention"). Each customer churns at the end of a
// period with probability theta ~ Beta(alpha, beta):
//   P(T = t) = B(alpha+1, beta+t-1) / B(alpha, beta),   S(t) = B(alpha, beta+t) / B(alpha, beta).
#include <cmath>
#include <limits>

#include "clv/fit_common.h"
#include "clv/models.h"
#include "clv/numeric.h"
#include "core/error.h"

namespace kpikit {

using detail::log_beta;

// Both probabilities step along t by B(p, q+1) = B(p, q) q / (p+q):
//   log P(T = 1) = log alpha - log(alpha+beta),  log P(T = t) = log P(T = t-1) + log(beta+t-2) - log(alpha+beta+t-1),
//   log S(1) = log beta - log(alpha+beta),       log S(t) = log S(t-1) + log(beta+t-1) - log(alpha+beta+t-1),
// and so do their derivatives in alpha and beta (sums of reciprocals).
double sbg_log_likelihood(const SbgParams& p, const std::vector<double>& alive, SbgParams* gradient) noexcept {
  const double a = p.alpha, b = p.beta;
  double log_churn = std::log(a) - std::log(a + b), churn_a = 1 / a - 1 / (a + b), churn_b = -1 / (a + b);
  double log_survive = std::log(b) - std::log(a + b), survive_a = -1 / (a + b), survive_b = 1 / b - 1 / (a + b);
  double ll = 0, ga = 0, gb = 0;
  for (std::size_t t = 1; t < alive.size(); ++t) {
    const double td = static_cast<double>(t);
    if (t > 1) {
      const double abt = a + b + td - 1;
      log_churn += std::log(b + td - 2) - std::log(abt);
      churn_a -= 1 / abt;
      churn_b += 1 / (b + td - 2) - 1 / abt;
      log_survive += std::log(b + td - 1) - std::log(abt);
      survive_a -= 1 / abt;
      survive_b += 1 / (b + td - 1) - 1 / abt;
    }
    const double lost = alive[t - 1] - alive[t];
    if (lost > 0) {
      ll += lost * log_churn;
      ga += lost * churn_a;
      gb += lost * churn_b;
    }
  }
  if (alive.size() > 1 && alive.back() > 0) {
    ll += alive.back() * log_survive;
    ga += alive.back() * survive_a;
    gb += alive.back() * survive_b;
  }
  if (gradient) *gradient = {ga, gb};
  return ll;
}

double sbg_log_likelihood(const SbgParams& p, const std::vector<double>& alive) noexcept {
  return sbg_log_likelihood(p, alive, nullptr);
}

ModelFit fit_sbg(const std::vector<double>& alive) {
  if (alive.size() < 2) throw Error("invalid_alive", "at least two counts are needed (cohort size and one period)", "alive");
  for (std::size_t t = 0; t < alive.size(); ++t) {
    if (!std::isfinite(alive[t]) || alive[t] < 0) throw Error("invalid_alive", "counts must be finite and not negative", "alive");
    if (t > 0 && alive[t] > alive[t - 1]) throw Error("invalid_alive", "alive counts must not increase", "alive");
  }
  if (!(alive[0] > 0)) throw Error("invalid_alive", "the cohort size must be greater than 0", "alive");
  // In log-parameters: d/d log(alpha) = alpha d/d alpha.
  const detail::Objective neg_ll = [&](const std::vector<double>& th, std::vector<double>* grad) {
    const SbgParams p{std::exp(th[0]), std::exp(th[1])};
    SbgParams g{};
    const double ll = sbg_log_likelihood(p, alive, &g);
    if (!std::isfinite(ll)) return std::numeric_limits<double>::infinity();
    if (grad) *grad = {-g.alpha * p.alpha, -g.beta * p.beta};
    return -ll;
  };
  ModelFit fit = detail::run_fit("sbg", {"alpha", "beta"}, neg_ll, {1.0, 1.0}, alive[0], alive.size() - 1);
  if (alive[0] < 30) detail::add_warning(fit, "too_little_data", "a cohort under 30 customers gives unreliable estimates");
  if (alive.back() == alive[0]) detail::add_warning(fit, "no_churn", "nobody churned; retention cannot be estimated");
  return fit;
}

SbgParams sbg_params(const ModelFit& fit) { return {fit.params.at(0), fit.params.at(1)}; }

double sbg_survival(const SbgParams& p, double t) noexcept {
  return std::exp(log_beta(p.alpha, p.beta + t) - log_beta(p.alpha, p.beta));
}

double sbg_retention_rate(const SbgParams& p, double t) noexcept { return (p.beta + t - 1) / (p.alpha + p.beta + t - 1); }

}  // namespace kpikit
