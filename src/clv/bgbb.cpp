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

using detail::digamma;
using detail::log_beta;

// The sum runs over the opportunity i after the last transaction at which the
// customer died. Its terms fall monotonically: B(p, q+1) = B(p, q) q / (p+q), so
//   term_{i+1} / term_i = (beta+t_x-x+i) / (alpha+beta+t_x+i) * (delta+t_x+i) / (gamma+1+delta+t_x+i) < 1,
// and the sum is term_0 times a sum of running products r_i in [1, n - t_x]: two
// divisions per opportunity instead of six log-gammas, all in logs at the ends.
//
// Gradient: d/da log B(a, b) = psi(a) - psi(a+b) (psi = digamma), and the digammas
// of the terms step along i by psi(z+1) = psi(z) + 1/z. d log L = sum over the terms
// of (term / L) d log term; the died terms share the factor term_0 / L, so only
// r_i-weighted sums of their derivatives are carried along.
double bgbb_log_likelihood(const BgBbParams& p, double x, double t_x, double n, BgBbParams* gradient) noexcept {
  const double a = p.alpha, b = p.beta, g = p.gamma, d = p.delta;
  const double lab = log_beta(a, b), lgd = log_beta(g, d);
  const double alive = log_beta(a + x, b + n - x) - lab + log_beta(g, d + n) - lgd;
  const bool any_died = n - t_x - 1 >= 0;
  const double first = any_died ? log_beta(a + x, b + t_x - x) - lab + log_beta(g + 1, d + t_x) - lgd
                                : -std::numeric_limits<double>::infinity();
  // Sums over the died terms of r_i and of r_i times each partial derivative of log term_i
  // (without the parts common to all terms: -psi(a)+psi(a+b) and so on, added at the end).
  double ratio_sum = any_died ? 1 : 0, product = 1;
  double sa = 0, sb = 0, sg = 0, sd = 0;
  double psi_ab = 0, psi_b = 0, psi_gd = 0, psi_d = 0;  // psi(a+b+t_x+i), psi(b+t_x-x+i), psi(g+1+d+t_x+i), psi(d+t_x+i)
  if (gradient && any_died) {
    psi_ab = digamma(a + b + t_x);
    psi_b = digamma(b + t_x - x);
    psi_gd = digamma(g + 1 + d + t_x);
    psi_d = digamma(d + t_x);
    sa = -psi_ab;
    sb = psi_b - psi_ab;
    sg = -psi_gd;
    sd = psi_d - psi_gd;
  }
  for (double i = 1; i <= n - t_x - 1; i += 1) {
    const double q = b + t_x - x + i - 1, dd = d + t_x + i - 1;  // the previous term's second beta arguments
    const double pq = a + x + q, gdd = g + 1 + dd;
    product *= q / pq * dd / gdd;
    ratio_sum += product;
    if (gradient) {
      psi_ab += 1 / pq;
      psi_b += 1 / q;
      psi_gd += 1 / gdd;
      psi_d += 1 / dd;
      sa += product * -psi_ab;
      sb += product * (psi_b - psi_ab);
      sg += product * -psi_gd;
      sd += product * (psi_d - psi_gd);
    }
  }
  const double died = any_died ? first + std::log(ratio_sum) : first;
  const double m = std::max(alive, died);
  const double log_l = m + std::log(std::exp(alive - m) + std::exp(died - m));
  if (gradient) {
    const double psi_a = digamma(a), psi_bb = digamma(b), psi_aab = digamma(a + b);
    const double psi_g = digamma(g), psi_dd = digamma(d), psi_ggd = digamma(g + d);
    const double psi_ax = digamma(a + x), psi_abn = digamma(a + b + n), psi_gdn = digamma(g + d + n);
    const double w_alive = std::exp(alive - log_l);
    const double w_first = any_died ? std::exp(first - log_l) : 0;  // term_0 / L
    const double w_died = w_first * ratio_sum;                       // all died terms / L
    const double common_a = -psi_a + psi_aab, common_b = -psi_bb + psi_aab;
    const double common_g = -psi_g + psi_ggd, common_d = -psi_dd + psi_ggd;
    gradient->alpha = w_alive * (psi_ax - psi_abn) + w_first * sa + w_died * psi_ax + common_a;
    gradient->beta = w_alive * (digamma(b + n - x) - psi_abn) + w_first * sb + common_b;
    gradient->gamma = w_alive * (psi_g - psi_gdn) + w_first * sg + w_died * (psi_g + 1 / g) + common_g;
    gradient->delta = w_alive * (digamma(d + n) - psi_gdn) + w_first * sd + common_d;
  }
  return log_l;
}

double bgbb_log_likelihood(const BgBbParams& p, double x, double t_x, double n) noexcept {
  return bgbb_log_likelihood(p, x, t_x, n, nullptr);
}

ModelFit fit_bgbb(const std::vector<double>& x, const std::vector<double>& t_x, const std::vector<double>& n,
                  const std::vector<double>& weights) {
  double total = 0;
  for (double w : weights) total += w;
  // In log-parameters: d/d log(alpha) = alpha d/d alpha.
  const detail::Objective neg_ll = [&](const std::vector<double>& th, std::vector<double>* grad) {
    const BgBbParams p{std::exp(th[0]), std::exp(th[1]), std::exp(th[2]), std::exp(th[3])};
    double ll = 0;
    BgBbParams sum{0, 0, 0, 0}, one{};
    for (std::size_t i = 0; i < x.size(); ++i) {
      ll += weights[i] * bgbb_log_likelihood(p, x[i], t_x[i], n[i], grad ? &one : nullptr);
      if (grad) {
        sum.alpha += weights[i] * one.alpha;
        sum.beta += weights[i] * one.beta;
        sum.gamma += weights[i] * one.gamma;
        sum.delta += weights[i] * one.delta;
      }
    }
    if (!std::isfinite(ll)) return std::numeric_limits<double>::infinity();
    if (grad) *grad = {-sum.alpha * p.alpha, -sum.beta * p.beta, -sum.gamma * p.gamma, -sum.delta * p.delta};
    return -ll;
  };
  ModelFit fit = detail::run_fit("bgbb", {"alpha", "beta", "gamma", "delta"}, neg_ll, {1.0, 1.0, 1.0, 1.0}, total,
                                 x.size());
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
