// BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way").
//
// L(r, alpha, a, b | x, t_x, T) = B(a, b+x)/B(a, b) * G * (alpha+T)^-(r+x)
//   + [x > 0] B(a+1, b+x-1)/B(a, b) * G * (alpha+t_x)^-(r+x),
// G = Gamma(r+x) alpha^r / Gamma(r). For integer x the gamma and beta ratios
// are finite products, so the fit needs no lgamma/digamma calls at all:
//   log Gamma(r+x)/Gamma(r) = sum_{k<x} log(r+k),
//   log B(a, b+x)/B(a, b)   = sum_{k<x} log((b+k)/(a+b+k)),
//   B(a+1, b+x-1)/B(a, b+x) = a/(b+x-1).
#include <algorithm>
#include <cmath>
#include <limits>

#include "clv/fit_common.h"
#include "clv/numeric.h"
#include "clv/models.h"

namespace kpikit {

namespace {

// Index of each value of v in the sorted distinct values.
std::vector<std::uint32_t> distinct_index(const std::vector<double>& v, std::vector<double>* distinct) {
  *distinct = v;
  std::sort(distinct->begin(), distinct->end());
  distinct->erase(std::unique(distinct->begin(), distinct->end()), distinct->end());
  std::vector<std::uint32_t> idx(v.size());
  for (std::size_t i = 0; i < v.size(); ++i)
    idx[i] = static_cast<std::uint32_t>(std::lower_bound(distinct->begin(), distinct->end(), v[i]) - distinct->begin());
  return idx;
}

// The rows prepared for fast repeated evaluation.
struct Prepared {
  const WeightedRows* rows;
  std::vector<double> xs, Ts, txs;
  std::vector<std::uint32_t> xi, Ti, ti;
};

Prepared prepare(const WeightedRows& rows) {
  Prepared p;
  p.rows = &rows;
  p.xi = distinct_index(rows.x, &p.xs);
  p.Ti = distinct_index(rows.T, &p.Ts);
  p.ti = distinct_index(rows.t_x, &p.txs);
  return p;
}

// Minus the log-likelihood in log-parameters, with its gradient.
double neg_ll(const Prepared& pr, const std::vector<double>& theta, std::vector<double>* grad) {
  const double r = std::exp(theta[0]), alpha = std::exp(theta[1]), a = std::exp(theta[2]), b = std::exp(theta[3]);
  if (!std::isfinite(r * alpha * a * b) || r * alpha * a * b == 0) return std::numeric_limits<double>::infinity();
  const std::size_t nx = pr.xs.size();
  std::vector<double> lg(nx), dr(nx), lb(nx), dla(nx), dlb(nx), lbx1(nx);
  double s_lg = 0, s_dr = 0, s_lb = 0, s_dla = 0, s_dlb = 0;
  double k = 0;
  for (std::size_t i = 0; i < nx; ++i) {
    for (; k < pr.xs[i]; k += 1) {
      s_lg += std::log(r + k);
      s_dr += 1 / (r + k);
      s_lb += std::log((b + k) / (a + b + k));
      s_dla -= 1 / (a + b + k);
      s_dlb += 1 / (b + k) - 1 / (a + b + k);
    }
    lg[i] = s_lg;
    dr[i] = s_dr;
    lb[i] = s_lb;
    dla[i] = s_dla;
    dlb[i] = s_dlb;
    lbx1[i] = pr.xs[i] > 0 ? std::log(b + pr.xs[i] - 1) : 0;
  }
  std::vector<double> lT(pr.Ts.size()), iT(pr.Ts.size()), lt(pr.txs.size()), it(pr.txs.size());
  for (std::size_t i = 0; i < pr.Ts.size(); ++i) {
    lT[i] = std::log(alpha + pr.Ts[i]);
    iT[i] = 1 / (alpha + pr.Ts[i]);
  }
  for (std::size_t i = 0; i < pr.txs.size(); ++i) {
    lt[i] = std::log(alpha + pr.txs[i]);
    it[i] = 1 / (alpha + pr.txs[i]);
  }
  const double la = std::log(alpha), loga = std::log(a);
  const WeightedRows& rows = *pr.rows;
  double ll = 0, gr = 0, gal = 0, ga = 0, gb = 0;
  // log1p terms of unit-weight rows are collected as a product (each factor in [1, 2],
  // flushed every 512 factors) and logged once: one log per 512 rows instead of one per row.
  double product = 1;
  int factors = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double w = rows.weight[i], x = rows.x[i];
    const std::uint32_t xi = pr.xi[i], Ti = pr.Ti[i];
    const double rx = r + x;
    const double c3 = -rx * lT[Ti];
    double li = lg[xi] + r * la + lb[xi];
    double w4 = 0, ltx = 0, itx = 0;
    if (x > 0) {
      ltx = lt[pr.ti[i]];
      itx = it[pr.ti[i]];
      const double c4 = loga - lbx1[xi] - rx * ltx;
      const double d = c4 - c3;
      const double e = std::exp(-std::fabs(d));
      li += std::max(c3, c4);
      w4 = d > 0 ? 1 / (1 + e) : e / (1 + e);
      if (w == 1) {
        product *= 1 + e;
        if (++factors == 512) {
          ll += std::log(product);
          product = 1;
          factors = 0;
        }
      } else {
        li += std::log1p(e);
      }
    } else {
      li += c3;
    }
    const double w3 = 1 - w4;
    ll += w * li;
    if (grad) {
      gr += w * (dr[xi] + la - w3 * lT[Ti] - w4 * ltx);
      gal += w * (r / alpha - rx * (w3 * iT[Ti] + w4 * itx));
      ga += w * (dla[xi] + w4 / a);
      gb += w * (dlb[xi] - (x > 0 ? w4 / (b + x - 1) : 0.0));
    }
  }
  ll += std::log(product);
  if (!std::isfinite(ll)) return std::numeric_limits<double>::infinity();
  if (grad) *grad = {-gr * r, -gal * alpha, -ga * a, -gb * b};
  return -ll;
}

}  // namespace

double bgnbd_log_likelihood(const BgNbdParams& p, double x, double t_x, double T) noexcept {
  const double common = std::lgamma(p.r + x) - std::lgamma(p.r) + p.r * std::log(p.alpha) +
                        detail::log_beta(p.a, p.b + x) - detail::log_beta(p.a, p.b);
  const double c3 = -(p.r + x) * std::log(p.alpha + T);
  if (x <= 0) return common + c3;
  const double c4 = std::log(p.a) - std::log(p.b + x - 1) - (p.r + x) * std::log(p.alpha + t_x);
  const double m = std::max(c3, c4);
  return common + m + std::log(std::exp(c3 - m) + std::exp(c4 - m));
}

ModelFit fit_bgnbd(const WeightedRows& rows) {
  const Prepared pr = prepare(rows);
  double sx = 0, sT = 0, n = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    sx += rows.weight[i] * rows.x[i];
    sT += rows.weight[i] * rows.T[i];
    n += rows.weight[i];
  }
  // Start: r = 1 and alpha matching the mean repeat rate; a = 1, b = 3 (P(drop) ~ 0.25 per purchase).
  const double rate = sT > 0 && sx > 0 ? sx / sT : 1.0;
  const detail::Objective f = [&pr](const std::vector<double>& th, std::vector<double>* g) { return neg_ll(pr, th, g); };
  ModelFit fit = detail::run_fit("bgnbd", {"r", "alpha", "a", "b"}, f, {1.0, 1.0 / rate, 1.0, 3.0}, n, rows.size());
  if (n < 30 || sx < 10)
    detail::add_warning(fit, "too_little_data", "fewer than 30 customers or 10 repeat purchases; estimates are unreliable");
  return fit;
}

BgNbdParams bgnbd_params(const ModelFit& fit) {
  return {fit.params.at(0), fit.params.at(1), fit.params.at(2), fit.params.at(3)};
}

double bgnbd_p_alive(const BgNbdParams& p, double x, double t_x, double T) noexcept {
  if (x <= 0) return 1.0;
  const double lr = std::log(p.a) - std::log(p.b + x - 1) + (p.r + x) * (std::log(p.alpha + T) - std::log(p.alpha + t_x));
  return 1.0 / (1.0 + std::exp(lr));
}

namespace {

// (1-z)^e * the sum, in logs when the plain product would over- or underflow.
double times_power(const detail::ScaledSum& s, double e, double z) noexcept {
  if (s.log_scale == 0.0) {
    const double power = std::pow(1 - z, e);
    if (power > 1e-290 && std::isfinite(power)) return power * s.mantissa;
  }
  if (s.mantissa == 0.0) return 0.0;
  const double log_value = e * std::log1p(-z) + s.log_scale + std::log(std::fabs(s.mantissa));
  return std::copysign(std::exp(log_value), s.mantissa);
}

}  // namespace

bool bgnbd_tail_by_euler(const BgNbdParams& p, double x, double z) noexcept {
  const double C = p.a + p.b + x - 1;
  const double euler = std::fabs((p.a + p.b - 1 - p.r) * (p.a - 1) / C) * z;
  const double as_written = std::fabs((p.r + x) * (p.b + x) / C) * z;
  return euler <= 1 || euler <= as_written;
}

double bgnbd_tail(const BgNbdParams& p, double x, double z) noexcept {
  const double C = p.a + p.b + x - 1;
  const bool euler = bgnbd_tail_by_euler(p, x, z);
  for (int attempt = 0; attempt < 2; ++attempt) {
    const bool use_euler = attempt == 0 ? euler : !euler;
    const detail::ScaledSum s = use_euler ? detail::hyp2f1_scaled(p.a + p.b - 1 - p.r, p.a - 1, C, z) : detail::hyp2f1_scaled(p.r + x, p.b + x, C, z);
    if (s.ok) return times_power(s, use_euler ? p.a - 1 : p.r + x, z);
  }
  return std::numeric_limits<double>::quiet_NaN();
}

BgNbdParams away_from_a_one(BgNbdParams p) noexcept {
  // E[Y(t)] has a removable singularity at a = 1 ((1 - G)/(a - 1) with G -> 1): evaluate
  // at a = 1 +- 1e-6, where the cancellation costs ~1e-10 relative accuracy.
  if (std::fabs(p.a - 1) < 1e-6) p.a = p.a < 1 ? 1 - 1e-6 : 1 + 1e-6;
  return p;
}

double bgnbd_expected_purchases(const BgNbdParams& p_in, double x, double t_x, double T, double t) noexcept {
  const BgNbdParams p = away_from_a_one(p_in);
  if (t <= 0) return 0;
  const double z = t / (p.alpha + T + t);
  const double num = (p.a + p.b + x - 1) / (p.a - 1) * (1 - bgnbd_tail(p, x, z));
  double den = 1;
  if (x > 0)
    den += std::exp(std::log(p.a) - std::log(p.b + x - 1) + (p.r + x) * (std::log(p.alpha + T) - std::log(p.alpha + t_x)));
  return num / den;
}

double bgnbd_expected_cumulative(const BgNbdParams& p_in, double t) noexcept {
  const BgNbdParams p = away_from_a_one(p_in);
  if (t <= 0) return 0;
  const double z = t / (p.alpha + t);
  return (p.a + p.b - 1) / (p.a - 1) * (1 - bgnbd_tail(p, 0, z));
}

}  // namespace kpikit
