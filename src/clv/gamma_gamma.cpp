// Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV", JMR; Colombo & Jiang 1999).
// Transaction values z ~ Gamma(p, nu), nu ~ Gamma(q, gamma) across customers; the
// likelihood of a customer's mean m of x values is
//   f(m | p, q, gamma, x) = Gamma(px+q) / (Gamma(px) Gamma(q)) * gamma^q m^(px-1) x^(px) / (gamma + m x)^(px+q).
#include <algorithm>
#include <cmath>
#include <limits>

#include "clv/fit_common.h"
#include "clv/models.h"
#include "clv/numeric.h"

namespace kpikit {

double gg_log_likelihood(const GammaGammaParams& g, double x, double m) noexcept {
  const double px = g.p * x;
  return std::lgamma(px + g.q) - std::lgamma(px) - std::lgamma(g.q) + g.q * std::log(g.gamma) +
         (px - 1) * std::log(m) + px * std::log(x) - (px + g.q) * std::log(g.gamma + m * x);
}

ModelFit fit_gamma_gamma(const std::vector<std::uint32_t>& x_in, const std::vector<double>& m_in,
                         const std::vector<double>& weights) {
  std::vector<double> x, m, w;
  std::size_t skipped = 0;
  for (std::size_t i = 0; i < x_in.size(); ++i) {
    if (x_in[i] >= 1 && m_in[i] > 0 && std::isfinite(m_in[i])) {
      x.push_back(x_in[i]);
      m.push_back(m_in[i]);
      w.push_back(weights.empty() ? 1.0 : weights[i]);
    } else if (x_in[i] >= 1) {
      ++skipped;
    }
  }
  double n = 0, sm = 0, smm = 0, sx = 0, sxm = 0, sxx = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    n += w[i];
    sm += w[i] * m[i];
    smm += w[i] * m[i] * m[i];
    sx += w[i] * x[i];
    sxm += w[i] * x[i] * m[i];
    sxx += w[i] * x[i] * x[i];
  }
  // The gamma-function terms depend on x only: computed once per distinct x per call.
  std::vector<double> xs = x;
  std::sort(xs.begin(), xs.end());
  xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
  std::vector<std::size_t> xi(x.size());
  std::vector<double> lm(x.size()), lx(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    xi[i] = static_cast<std::size_t>(std::lower_bound(xs.begin(), xs.end(), x[i]) - xs.begin());
    lm[i] = std::log(m[i]);
    lx[i] = std::log(x[i]);
  }
  const detail::Objective f = [&](const std::vector<double>& th, std::vector<double>* grad) {
    const double p = std::exp(th[0]), q = std::exp(th[1]), gamma = std::exp(th[2]);
    if (!std::isfinite(p * q * gamma) || p * q * gamma == 0) return std::numeric_limits<double>::infinity();
    const double pq_d = detail::digamma(q), lq = std::lgamma(q), lgam = std::log(gamma);
    std::vector<double> lg(xs.size()), dpq(xs.size()), dp(xs.size());
    for (std::size_t k = 0; k < xs.size(); ++k) {
      const double px = p * xs[k];
      lg[k] = std::lgamma(px + q) - std::lgamma(px) - lq;
      if (grad) {
        dpq[k] = detail::digamma(px + q);
        dp[k] = detail::digamma(px);
      }
    }
    double ll = 0, gp = 0, gq = 0, gg = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double px = p * x[i], lgm = std::log(gamma + m[i] * x[i]);
      const std::size_t k = xi[i];
      ll += w[i] * (lg[k] + q * lgam + (px - 1) * lm[i] + px * lx[i] - (px + q) * lgm);
      if (grad) {
        gp += w[i] * x[i] * (dpq[k] - dp[k] + lm[i] + lx[i] - lgm);
        gq += w[i] * (dpq[k] - pq_d + lgam - lgm);
        gg += w[i] * (q / gamma - (px + q) / (gamma + m[i] * x[i]));
      }
    }
    if (!std::isfinite(ll)) return std::numeric_limits<double>::infinity();
    if (grad) *grad = {-gp * p, -gq * q, -gg * gamma};
    return -ll;
  };
  // Start: q = 3, and p, gamma matching the mean spend: E[M] = p gamma / (q - 1).
  const double mean = n > 0 ? sm / n : 1.0;
  ModelFit fit = detail::run_fit("gg", {"p", "q", "gamma"}, f, {1.0, 3.0, 2.0 * mean}, n, x.size());
  if (skipped > 0)
    detail::add_warning(fit, "spend_not_positive", "customers with a mean spend of zero or less were left out of the spend model");
  if (n < 30) detail::add_warning(fit, "too_little_data", "fewer than 30 repeat customers; spend estimates are unreliable");
  // The model assumes spend independent of frequency: warn on a clear correlation.
  if (n > 2) {
    const double cov = sxm / n - (sx / n) * (sm / n);
    const double vx = sxx / n - (sx / n) * (sx / n), vm = smm / n - (sm / n) * (sm / n);
    if (vx > 0 && vm > 0 && std::fabs(cov / std::sqrt(vx * vm)) > 0.3)
      detail::add_warning(fit, "spend_frequency_correlated",
                          "mean spend is correlated with purchase frequency (|r| > 0.3); the gamma-gamma assumption is doubtful");
  }
  if (fit.params.size() == 3 && fit.params[1] <= 1)
    detail::add_warning(fit, "spend_mean_infinite", "q <= 1: the model's mean spend is infinite; spend predictions fall back to observed means");
  return fit;
}

GammaGammaParams gg_params(const ModelFit& fit) { return {fit.params.at(0), fit.params.at(1), fit.params.at(2)}; }

double gg_expected_spend(const GammaGammaParams& g, double x, double m) noexcept {
  return g.p * (g.gamma + x * m) / (g.p * x + g.q - 1);
}

}  // namespace kpikit
