// BG/BB (Fader, Hardie & Shang 2010, "Customer-base analysis in a discrete-time
// noncontractual setting"). Each of n opportunities: a live customer transacts
// with probability p ~ Beta(alpha, beta) and, after each opportunity, dies with
// probability theta ~ Beta(gamma, delta).
//   L(x, t_x, n) = B(alpha+x, beta+n-x)/B(alpha,beta) * B(gamma, delta+n)/B(gamma,delta)
//     + sum_{i=0}^{n-t_x-1} B(alpha+x, beta+t_x-x+i)/B(alpha,beta) * B(gamma+1, delta+t_x+i)/B(gamma,delta)
#include <algorithm>
#include <cmath>
#include <limits>

#include "clv/fit_common.h"
#include "clv/models.h"
#include "clv/numeric.h"

namespace kpikit {

using detail::log_beta;

double bgbb_log_likelihood(const BgBbParams& p, double x, double t_x, double n) noexcept {
  const double lab = log_beta(p.alpha, p.beta), lgd = log_beta(p.gamma, p.delta);
  std::vector<double> terms;
  terms.push_back(log_beta(p.alpha + x, p.beta + n - x) - lab + log_beta(p.gamma, p.delta + n) - lgd);
  for (double i = 0; i <= n - t_x - 1; i += 1)
    terms.push_back(log_beta(p.alpha + x, p.beta + t_x - x + i) - lab + log_beta(p.gamma + 1, p.delta + t_x + i) - lgd);
  const double m = *std::max_element(terms.begin(), terms.end());
  double sum = 0;
  for (double t : terms) sum += std::exp(t - m);
  return m + std::log(sum);
}

ModelFit fit_bgbb(const std::vector<double>& x, const std::vector<double>& t_x, const std::vector<double>& n,
                  const std::vector<double>& weights) {
  double total = 0;
  for (double w : weights) total += w;
  auto value = [&](const std::vector<double>& th) {
    const BgBbParams p{std::exp(th[0]), std::exp(th[1]), std::exp(th[2]), std::exp(th[3])};
    double ll = 0;
    for (std::size_t i = 0; i < x.size(); ++i) ll += weights[i] * bgbb_log_likelihood(p, x[i], t_x[i], n[i]);
    return std::isfinite(ll) ? -ll : std::numeric_limits<double>::infinity();
  };
  ModelFit fit = detail::run_fit("bgbb", {"alpha", "beta", "gamma", "delta"}, detail::with_numeric_gradient(value),
                                 {1.0, 1.0, 1.0, 1.0}, total, x.size());
  if (total < 30) detail::add_warning(fit, "too_little_data", "fewer than 30 customers; estimates are unreliable");
  return fit;
}

BgBbParams bgbb_params(const ModelFit& fit) {
  return {fit.params.at(0), fit.params.at(1), fit.params.at(2), fit.params.at(3)};
}

double bgbb_p_alive(const BgBbParams& p, double x, double t_x, double n) noexcept {
  const double alive = log_beta(p.alpha + x, p.beta + n - x) - log_beta(p.alpha, p.beta) +
                       log_beta(p.gamma, p.delta + n + 1) - log_beta(p.gamma, p.delta);
  return std::exp(alive - bgbb_log_likelihood(p, x, t_x, n));
}

// Sum over the next opportunities n+1..n+n_star of E[p * 1{alive}] given the data:
// B(alpha+x+1, beta+n-x)/B(alpha,beta) * B(gamma, delta+n+k)/B(gamma,delta) / L.
double bgbb_expected_purchases(const BgBbParams& p, double x, double t_x, double n, double n_star) noexcept {
  const double base = log_beta(p.alpha + x + 1, p.beta + n - x) - log_beta(p.alpha, p.beta) -
                      log_beta(p.gamma, p.delta) - bgbb_log_likelihood(p, x, t_x, n);
  double sum = 0;
  for (double k = 1; k <= n_star; k += 1) sum += std::exp(base + log_beta(p.gamma, p.delta + n + k));
  return sum;
}

}  // namespace kpikit
