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

double sbg_log_likelihood(const SbgParams& p, const std::vector<double>& alive) noexcept {
  const double lab = log_beta(p.alpha, p.beta);
  double ll = 0;
  for (std::size_t t = 1; t < alive.size(); ++t) {
    const double lost = alive[t - 1] - alive[t];
    if (lost > 0) ll += lost * (log_beta(p.alpha + 1, p.beta + static_cast<double>(t) - 1) - lab);
  }
  const double last = static_cast<double>(alive.size() - 1);
  if (alive.back() > 0) ll += alive.back() * (log_beta(p.alpha, p.beta + last) - lab);
  return ll;
}

ModelFit fit_sbg(const std::vector<double>& alive) {
  if (alive.size() < 2) throw Error("invalid_alive", "at least two counts are needed (cohort size and one period)", "alive");
  for (std::size_t t = 0; t < alive.size(); ++t) {
    if (!std::isfinite(alive[t]) || alive[t] < 0) throw Error("invalid_alive", "counts must be finite and not negative", "alive");
    if (t > 0 && alive[t] > alive[t - 1]) throw Error("invalid_alive", "alive counts must not increase", "alive");
  }
  if (!(alive[0] > 0)) throw Error("invalid_alive", "the cohort size must be greater than 0", "alive");
  auto value = [&](const std::vector<double>& th) {
    const double ll = sbg_log_likelihood({std::exp(th[0]), std::exp(th[1])}, alive);
    return std::isfinite(ll) ? -ll : std::numeric_limits<double>::infinity();
  };
  ModelFit fit = detail::run_fit("sbg", {"alpha", "beta"}, detail::with_numeric_gradient(value), {1.0, 1.0}, alive[0],
                                 alive.size() - 1);
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
