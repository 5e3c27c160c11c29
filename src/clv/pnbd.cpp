// Pareto/NBD (Schmittlein, Morrison & Colombo 1987), likelihood as in Fader &
// Hardie (2005), "A note on deriving the Pareto/NBD model and related expressions":
//
// L = Gamma(r+x) alpha^r beta^s / Gamma(r) * { (alpha+T)^-(r+x) (beta+T)^-s + s/(r+s+x) * A0 }
// A0 = F(t_x) - F(T), with, for alpha >= beta,
//   F(t) = 2F1(r+s+x, s+1; r+s+x+1; (alpha-beta)/(alpha+t)) / (alpha+t)^(r+s+x)
// and for alpha < beta
//   F(t) = 2F1(r+s+x, r+x; r+s+x+1; (beta-alpha)/(beta+t)) / (beta+t)^(r+s+x).
//
// Stability: with c = a + 1 the 2F1 series terms are a/(a+k) (b)_k/k! z^k,
// bounded by those of (1-z)^-b, so 2F1 itself never overflows; the powers are
// kept in logs (l(t) = log 2F1 - a log(alpha+t)) and the sum is taken as a
// log-sum-exp. This stays finite for x in the thousands. The gradient is
// analytic: the series is differentiated term by term in a, b and z.
#include <algorithm>
#include <cmath>
#include <limits>

#include "clv/fit_common.h"
#include "clv/models.h"
#include "clv/numeric.h"

namespace kpikit {

namespace {

struct Series {
  double F = 1, Fa = 0, Fb = 0, Fz = 0;
};

// Series terms allowed: the single-customer functions (likelihood, P(alive), predictions)
// are exact up to z within ~1e-4 of 1; the FIT treats points needing more than 3000
// terms (z above ~0.99: alpha more than ~100 times beta, or shape parameters running
// off to infinity on degenerate data) as outside the model, which keeps a runaway fit
// on tiny data from taking seconds. CDNOW-like optima need a few dozen terms.
constexpr int kExactTerms = 200000;
constexpr int kFitTerms = 3000;

// 2F1(a, b; a+1; z) and its partial derivatives in a, b, z (0 <= z < 1); F is NaN when
// max_terms terms do not reach 1e-15 relative accuracy.
Series hyp2f1_a1(double a, double b, double z, int max_terms) noexcept {
  Series s;
  if (z <= 0) {
    s.Fz = a * b / (a + 1);
    return s;
  }
  double P = 1, H = 0, Fa = 0;
  bool converged = false;
  for (int k = 1; k < max_terms; ++k) {
    const double dk = k;
    const double Q = P * (b + dk - 1) / dk;  // P_k / z
    P = Q * z;
    H += 1 / (b + dk - 1);
    const double ak = a / (a + dk);
    const double c = ak * P;
    s.F += c;
    Fa += c * (1 - ak);  // c k / (a (a+k)) = c (1 - a/(a+k)) / a
    s.Fb += c * H;
    s.Fz += ak * dk * Q;
    if (c * (1 + dk + H) <= 1e-15 * s.F) {
      converged = true;
      break;
    }
  }
  s.Fa = Fa / a;
  // NaN makes the fit objective +infinity, and a prediction a replaced value.
  if (!converged) s.F = std::numeric_limits<double>::quiet_NaN();
  return s;
}

// l(t) = log F(t) and its gradient in (r, s, alpha, beta).
struct LTerm {
  double l, dr, ds, dal, dbe;
};

LTerm l_term(const ParetoNbdParams& p, double x, double t, int max_terms = kExactTerms) noexcept {
  const double a = p.r + p.s + x;
  LTerm o{};
  if (p.alpha >= p.beta) {
    const double at = p.alpha + t, L = std::log(at);
    const double z = (p.alpha - p.beta) / at;
    const Series f = hyp2f1_a1(a, p.s + 1, z, max_terms);
    o.l = std::log(f.F) - a * L;
    o.dr = f.Fa / f.F - L;
    o.ds = (f.Fa + f.Fb) / f.F - L;
    o.dal = f.Fz / f.F * (p.beta + t) / (at * at) - a / at;
    o.dbe = -f.Fz / f.F / at;
  } else {
    const double bt = p.beta + t, L = std::log(bt);
    const double z = (p.beta - p.alpha) / bt;
    const Series f = hyp2f1_a1(a, p.r + x, z, max_terms);
    o.l = std::log(f.F) - a * L;
    o.dr = (f.Fa + f.Fb) / f.F - L;
    o.ds = f.Fa / f.F - L;
    o.dal = -f.Fz / f.F / bt;
    o.dbe = f.Fz / f.F * (p.alpha + t) / (bt * bt) - a / bt;
  }
  return o;
}

// log of the braces {...} of the likelihood, its gradient, and P(alive) = first term / braces.
struct Braces {
  double log_value, dr, ds, dal, dbe, p_alive;
};

// laT = log(alpha + T), lbT = log(beta + T).
Braces braces(const ParetoNbdParams& p, double x, const LTerm& l1, const LTerm& l2, double T, double laT,
              double lbT) noexcept {
  const double c1 = -(p.r + x) * laT - p.s * lbT;
  const double a = p.r + p.s + x, k = p.s / a;
  double e1, e2;
  if (c1 >= l1.l) {
    e1 = 1;
    e2 = std::exp(l1.l - c1);
  } else {
    e1 = std::exp(c1 - l1.l);
    e2 = 1;
  }
  const double m = std::max(c1, l1.l);
  const double e3 = e2 * std::exp(l2.l - l1.l);
  double d = e1 + k * (e2 - e3);
  if (!(d >= e1)) d = e1;  // A0 >= 0 exactly; guard rounding
  Braces b{};
  b.log_value = m + std::log(d);
  b.p_alive = e1 / d;
  const double inv = 1 / d;
  b.dr = (e1 * -laT + (-p.s / (a * a)) * (e2 - e3) + k * (e2 * l1.dr - e3 * l2.dr)) * inv;
  b.ds = (e1 * -lbT + (1 / a - p.s / (a * a)) * (e2 - e3) + k * (e2 * l1.ds - e3 * l2.ds)) * inv;
  b.dal = (e1 * (-(p.r + x) / (p.alpha + T)) + k * (e2 * l1.dal - e3 * l2.dal)) * inv;
  b.dbe = (e1 * (-p.s / (p.beta + T)) + k * (e2 * l1.dbe - e3 * l2.dbe)) * inv;
  return b;
}

Braces braces(const ParetoNbdParams& p, double x, const LTerm& l1, const LTerm& l2, double T) noexcept {
  return braces(p, x, l1, l2, T, std::log(p.alpha + T), std::log(p.beta + T));
}

struct Point {
  double x, t;
  bool operator<(const Point& o) const { return x != o.x ? x < o.x : t < o.t; }
  bool operator==(const Point& o) const { return x == o.x && t == o.t; }
};

struct Prepared {
  const WeightedRows* rows;
  std::vector<Point> points;          // distinct (x, t) for t in {t_x, T}
  std::vector<std::uint32_t> p1, p2;  // per row: point of (x, t_x) and of (x, T)
  std::vector<double> xs;             // distinct x
  std::vector<std::uint32_t> xi;
  std::vector<double> Ts;             // distinct T
  std::vector<std::uint32_t> Ti;
};

Prepared prepare(const WeightedRows& rows) {
  Prepared pr;
  pr.rows = &rows;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    pr.points.push_back({rows.x[i], rows.t_x[i]});
    pr.points.push_back({rows.x[i], rows.T[i]});
  }
  std::sort(pr.points.begin(), pr.points.end());
  pr.points.erase(std::unique(pr.points.begin(), pr.points.end()), pr.points.end());
  auto find = [&](double x, double t) {
    return static_cast<std::uint32_t>(std::lower_bound(pr.points.begin(), pr.points.end(), Point{x, t}) - pr.points.begin());
  };
  pr.xs = rows.x;
  std::sort(pr.xs.begin(), pr.xs.end());
  pr.xs.erase(std::unique(pr.xs.begin(), pr.xs.end()), pr.xs.end());
  pr.Ts = rows.T;
  std::sort(pr.Ts.begin(), pr.Ts.end());
  pr.Ts.erase(std::unique(pr.Ts.begin(), pr.Ts.end()), pr.Ts.end());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    pr.Ti.push_back(static_cast<std::uint32_t>(std::lower_bound(pr.Ts.begin(), pr.Ts.end(), rows.T[i]) - pr.Ts.begin()));
    pr.p1.push_back(find(rows.x[i], rows.t_x[i]));
    pr.p2.push_back(find(rows.x[i], rows.T[i]));
    pr.xi.push_back(static_cast<std::uint32_t>(std::lower_bound(pr.xs.begin(), pr.xs.end(), rows.x[i]) - pr.xs.begin()));
  }
  return pr;
}

double neg_ll(const Prepared& pr, const std::vector<double>& theta, std::vector<double>* grad) {
  const ParetoNbdParams p{std::exp(theta[0]), std::exp(theta[1]), std::exp(theta[2]), std::exp(theta[3])};
  const double prod = p.r * p.alpha * p.s * p.beta;
  if (!std::isfinite(prod) || prod == 0) return std::numeric_limits<double>::infinity();
  std::vector<LTerm> terms(pr.points.size());
  for (std::size_t i = 0; i < pr.points.size(); ++i) terms[i] = l_term(p, pr.points[i].x, pr.points[i].t, kFitTerms);
  std::vector<double> lg(pr.xs.size()), dg(pr.xs.size());
  double s_lg = 0, s_dg = 0, k = 0;
  for (std::size_t i = 0; i < pr.xs.size(); ++i) {
    for (; k < pr.xs[i]; k += 1) {
      s_lg += std::log(p.r + k);
      s_dg += 1 / (p.r + k);
    }
    lg[i] = s_lg;
    dg[i] = s_dg;
  }
  const double la = std::log(p.alpha), lb = std::log(p.beta);
  std::vector<double> laT(pr.Ts.size()), lbT(pr.Ts.size());
  for (std::size_t i = 0; i < pr.Ts.size(); ++i) {
    laT[i] = std::log(p.alpha + pr.Ts[i]);
    lbT[i] = std::log(p.beta + pr.Ts[i]);
  }
  const WeightedRows& rows = *pr.rows;
  double ll = 0, gr = 0, gs = 0, gal = 0, gbe = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double w = rows.weight[i];
    const std::uint32_t Ti = pr.Ti[i];
    const Braces b = braces(p, rows.x[i], terms[pr.p1[i]], terms[pr.p2[i]], rows.T[i], laT[Ti], lbT[Ti]);
    ll += w * (lg[pr.xi[i]] + p.r * la + p.s * lb + b.log_value);
    gr += w * (dg[pr.xi[i]] + la + b.dr);
    gs += w * (lb + b.ds);
    gal += w * (p.r / p.alpha + b.dal);
    gbe += w * (p.s / p.beta + b.dbe);
  }
  if (!std::isfinite(ll)) return std::numeric_limits<double>::infinity();
  if (grad) *grad = {-gr * p.r, -gal * p.alpha, -gs * p.s, -gbe * p.beta};
  return -ll;
}

// (1 - ((c) / (c + t))^e) / e with e -> 0 handled: -expm1(-e L) / e, L = log1p(t / c).
double power_gap(double e, double c, double t) noexcept {
  const double L = std::log1p(t / c);
  if (std::fabs(e) < 1e-10) return L;
  return -std::expm1(-e * L) / e;
}

}  // namespace

double pnbd_log_likelihood(const ParetoNbdParams& p, double x, double t_x, double T) noexcept {
  const Braces b = braces(p, x, l_term(p, x, t_x), l_term(p, x, T), T);
  return std::lgamma(p.r + x) - std::lgamma(p.r) + p.r * std::log(p.alpha) + p.s * std::log(p.beta) + b.log_value;
}

ModelFit fit_pnbd(const WeightedRows& rows) {
  const Prepared pr = prepare(rows);
  double sx = 0, sT = 0, n = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    sx += rows.weight[i] * rows.x[i];
    sT += rows.weight[i] * rows.T[i];
    n += rows.weight[i];
  }
  // Start: r = s = 0.5 (strong heterogeneity, as in most retail data), alpha matching the mean
  // repeat rate, beta = half the mean age. Chosen on CDNOW: half the evaluations of r = s = 1.
  const double rate = sT > 0 && sx > 0 ? sx / sT : 1.0;
  const double meanT = n > 0 && sT > 0 ? sT / n : 1.0;
  const detail::Objective f = [&pr](const std::vector<double>& th, std::vector<double>* g) { return neg_ll(pr, th, g); };
  ModelFit fit = detail::run_fit("pnbd", {"r", "alpha", "s", "beta"}, f, {0.5, 0.5 / rate, 0.5, 0.5 * meanT}, n, rows.size());
  if (n < 30 || sx < 10)
    detail::add_warning(fit, "too_little_data", "fewer than 30 customers or 10 repeat purchases; estimates are unreliable");
  return fit;
}

ParetoNbdParams pnbd_params(const ModelFit& fit) {
  return {fit.params.at(0), fit.params.at(1), fit.params.at(2), fit.params.at(3)};
}

double pnbd_p_alive(const ParetoNbdParams& p, double x, double t_x, double T) noexcept {
  return braces(p, x, l_term(p, x, t_x), l_term(p, x, T), T).p_alive;
}

double pnbd_expected_purchases(const ParetoNbdParams& p, double x, double t_x, double T, double t) noexcept {
  if (t <= 0) return 0;
  return (p.r + x) * (p.beta + T) / (p.alpha + T) * power_gap(p.s - 1, p.beta + T, t) * pnbd_p_alive(p, x, t_x, T);
}

double pnbd_expected_cumulative(const ParetoNbdParams& p, double t) noexcept {
  if (t <= 0) return 0;
  return p.r * p.beta / p.alpha * power_gap(p.s - 1, p.beta, t);
}

}  // namespace kpikit
