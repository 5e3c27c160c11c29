// Pareto/NBD (Schmittlein, Morrison & Colombo 1987), likelihood as in Fader &
// Hardie (2005), "A note on deriving the Pareto/NBD model and related expressions":
//
// L = Gamma(r+x) alpha^r beta^s / Gamma(r) * { (alpha+T)^-(r+x) (beta+T)^-s + s A0 },
// A0 = Int_{t_x}^{T} (alpha+u)^-(r+x) (beta+u)^-(s+1) du = (F(t_x) - F(T)) / (r+s+x), with,
// for alpha >= beta,
//   F(t) = 2F1(r+s+x, s+1; r+s+x+1; (alpha-beta)/(alpha+t)) / (alpha+t)^(r+s+x)
// and for alpha < beta
//   F(t) = 2F1(r+s+x, r+x; r+s+x+1; (beta-alpha)/(beta+t)) / (beta+t)^(r+s+x).
//
// Evaluation. 2F1(a, b; a+1; z), 0 <= z < 1, is summed either as its own series
// (terms a/(a+k) (b)_k/k! z^k) or after Euler's transformation
//   2F1(a, b; a+1; z) = (1-z)^(1-b) 2F1(1, a+1-b; a+1; z)
// (terms (a+1-b)_k/(a+1)_k z^k), which needs a handful of terms when b = r+x is large:
// the large-x customers of retail data. Each series gets at most kSeriesTerms terms.
// When neither converges within them (z near 1: one of alpha, beta far above the
// other, which is where fits on retail data go when nobody seems to drop out), A0
// is computed directly by Gauss-Legendre quadrature of its defining integral in
// y = log(min(alpha, beta) + u): the integrand is analytic in the strip |Im y| < pi and
// log-concave; panels are short enough that its log changes by at most ~6 per panel,
// and the sum stops where the rest is below 1e-17 of it. Both routes are exact to
// ~1e-14 and give analytic gradients; everything stays in logs (finite for x in the
// thousands).
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "clv/fit_common.h"
#include "clv/models.h"
#include "clv/numeric.h"

namespace kpikit {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Terms allowed to each form of the 2F1 series before the quadrature takes over.
constexpr int kSeriesTerms = 120;
// Quadrature panels allowed per customer; beyond, the likelihood is NaN (the fit then treats
// the point as outside the model and warns). Only parameters near the 1e-8 / 1e8 guards come close.
constexpr int kMaxPanels = 20000;

// log 2F1(a, b; a+1; z) and its partial derivatives in a, b, z; ok = false when
// neither series form converged to ~1e-16 within kSeriesTerms terms.
struct LogSeries {
  bool ok = false;
  double l = 0, la = 0, lb = 0, lz = 0;
};

// The series itself: terms c_k = a/(a+k) (b)_k/k! z^k. Once the term ratio rho is below 1
// it only decreases (towards z), so the tail is below c_k rho/(1-rho).
LogSeries series_direct(double a, double b, double z) noexcept {
  LogSeries o;
  double F = 1, Fa = 0, Fb = 0, Fz = a * b / (a + 1);
  if (z > 0) {
    Fz = 0;
    double P = 1, H = 0;
    for (int k = 1; k <= kSeriesTerms; ++k) {
      const double dk = k;
      const double Q = P * (b + dk - 1) / dk;  // P_k / z
      P = Q * z;
      H += 1 / (b + dk - 1);
      const double ak = a / (a + dk);
      const double c = ak * P;
      F += c;
      Fa += c * (1 - ak);  // d c / d a = c k / (a (a+k)) = c (1 - a/(a+k)) / a
      Fb += c * H;
      Fz += ak * dk * Q;
      const double rho = z * (b + dk) / (dk + 1) * (a + dk) / (a + dk + 1);
      if (rho < 1 && c * (1 + dk + H) * rho / (1 - rho) <= 1e-16 * F) {
        o.ok = true;
        break;
      }
    }
    if (!o.ok) return o;
  }
  o.ok = true;
  o.l = std::log(F);
  o.la = Fa / (a * F);
  o.lb = Fb / F;
  o.lz = Fz / F;
  return o;
}

// Euler's transformation: 2F1(a, b; a+1; z) = (1-z)^(1-b) E, E = sum e_k, e_k = (b')_k/(a+1)_k z^k,
// b' = a+1-b < a+1, so the term ratio z (b'+k)/(a+1+k) stays below z: tail <= e_k z/(1-z).
LogSeries series_euler(double a, double b, double z) noexcept {
  LogSeries o;
  const double bp = a + 1 - b;
  double E = 1, Ea = 0, Eb = 0, Ez = bp / (a + 1);
  if (z > 0) {
    Ez = 0;
    double e = 1, D = 0, G = 0;  // D = d log e_k / d a, G = d log e_k / d b
    for (int k = 1; k <= kSeriesTerms; ++k) {
      const double dk = k;
      e *= z * (bp + dk - 1) / (a + dk);
      D += 1 / (bp + dk - 1) - 1 / (a + dk);
      G -= 1 / (bp + dk - 1);
      E += e;
      Ea += e * D;
      Eb += e * G;
      Ez += e * dk;
      if (e * (1 + dk + std::fabs(D) + std::fabs(G)) <= 1e-16 * E * (1 - z)) {
        o.ok = true;
        break;
      }
    }
    if (!o.ok) return o;
    Ez /= z;
  }
  const double L1 = std::log1p(-z);
  o.ok = true;
  o.l = (1 - b) * L1 + std::log(E);
  o.la = Ea / E;
  o.lb = -L1 + Eb / E;
  o.lz = (b - 1) / (1 - z) + Ez / E;
  return o;
}

// log 2F1(a, b; a+1; z) by whichever series form reaches its stopping threshold within
// kSeriesTerms terms. The magnitude of each form's last allowed term (by lgamma) says in
// advance whether it can: a form whose term kSeriesTerms is still above the threshold is not tried.
LogSeries log_hyp2f1_a1(double a, double b, double z) noexcept {
  if (z <= 0) return series_direct(a, b, z);
  const double K = kSeriesTerms, lz = std::log(z), threshold = std::log(1e-16 * (1 - z));
  const double bp = a + 1 - b;
  const double euler_last = K * lz + std::lgamma(bp + K) - std::lgamma(bp) - std::lgamma(a + 1 + K) + std::lgamma(a + 1);
  const double direct_last =
      K * lz + std::log(a / (a + K)) + std::lgamma(b + K) - std::lgamma(b) - std::lgamma(K + 1);
  const bool euler_first = euler_last <= direct_last;
  LogSeries o;
  if (std::min(euler_last, direct_last) > threshold) return o;
  o = euler_first ? series_euler(a, b, z) : series_direct(a, b, z);
  if (!o.ok && std::max(euler_last, direct_last) <= threshold)
    o = euler_first ? series_direct(a, b, z) : series_euler(a, b, z);
  return o;
}

// l(t) = log F(t) and its gradient in (r, s, alpha, beta); l is NaN when the series did not converge.
struct LTerm {
  double l, dr, ds, dal, dbe;
};

LTerm l_term(const ParetoNbdParams& p, double x, double t) noexcept {
  const double a = p.r + p.s + x;
  LTerm o{};
  if (p.alpha >= p.beta) {
    const double at = p.alpha + t, L = std::log(at);
    const double z = (p.alpha - p.beta) / at;
    const LogSeries f = log_hyp2f1_a1(a, p.s + 1, z);
    if (!f.ok) return {kNaN, 0, 0, 0, 0};
    o.l = f.l - a * L;
    o.dr = f.la - L;
    o.ds = f.la + f.lb - L;
    o.dal = f.lz * (p.beta + t) / (at * at) - a / at;
    o.dbe = -f.lz / at;
  } else {
    const double bt = p.beta + t, L = std::log(bt);
    const double z = (p.beta - p.alpha) / bt;
    const LogSeries f = log_hyp2f1_a1(a, p.r + x, z);
    if (!f.ok) return {kNaN, 0, 0, 0, 0};
    o.l = f.l - a * L;
    o.dr = f.la + f.lb - L;
    o.ds = f.la - L;
    o.dal = -f.lz / bt;
    o.dbe = f.lz * (p.alpha + t) / (bt * bt) - a / bt;
  }
  return o;
}

// 16-point Gauss-Legendre nodes and weights on [-1, 1] (Newton on P_16 from the Chebyshev guesses).
struct GaussLegendre {
  static constexpr int n = 16;
  std::array<double, n> x{}, w{};
  GaussLegendre() {
    const double pi = std::acos(-1.0);
    for (int i = 0; i < n; ++i) {
      double t = std::cos(pi * (i + 0.75) / (n + 0.5)), dp = 1;
      for (int it = 0; it < 100; ++it) {
        double p0 = 1, p1 = t;
        for (int k = 2; k <= n; ++k) {
          const double p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k;
          p0 = p1;
          p1 = p2;
        }
        dp = n * (t * p1 - p0) / (t * t - 1);
        const double step = p1 / dp;
        t -= step;
        if (std::fabs(step) < 1e-17) break;
      }
      x[i] = t;
      w[i] = 2 / ((1 - t * t) * dp * dp);
    }
  }
};

const GaussLegendre& gauss_legendre() {
  static const GaussLegendre g;
  return g;
}

// log A0 and its gradient in (r, s, alpha, beta), by quadrature (t_x < T). Substituting
// y = log(m + u), m = min(alpha, beta), A0 = Int exp(lam(y)) dy with
// lam(y) = y - (r+x) log(alpha+u) - (s+1) log(beta+u), concave in y, lam' between -(r+s+x) and 1.
LTerm log_a0_quadrature(const ParetoNbdParams& p, double x, double t_x, double T) noexcept {
  const GaussLegendre& g = gauss_legendre();
  const double pe = p.r + x, q = p.s + 1, m = std::min(p.alpha, p.beta);
  const double da = p.alpha - m, db = p.beta - m;  // one of them is 0
  const double y1 = std::log(m + t_x), y2 = std::log(m + T);
  auto lam = [&](double y, double* slope) {
    const double th = std::exp(y);
    if (slope) *slope = 1 - pe * th / (th + da) - q * th / (th + db);
    return y - pe * std::log(th + da) - q * std::log(th + db);
  };
  const double lam0 = lam(y1, nullptr);
  double S = 0, Sr = 0, Ss = 0, Sal = 0, Sbe = 0;
  double y = y1;
  int panels = 0;
  while (y < y2) {
    if (++panels > kMaxPanels) return {kNaN, 0, 0, 0, 0};
    double slope;
    const double v = lam(y, &slope);
    if (slope < 0 && S > 0 && std::exp(v - lam0) * std::min(y2 - y, 1 / -slope) <= 1e-17 * S) break;
    // Panel length: |lam'| * length <= 6 at both ends (lam' is monotone), length <= 3.
    double len = std::min({3.0, 6 / std::max(1.0, std::fabs(slope)), y2 - y});
    for (int i = 0; i < 40; ++i) {
      double end_slope;
      lam(y + len, &end_slope);
      if (std::fabs(end_slope) * len <= 6) break;
      len *= 0.5;
    }
    const double mid = y + len / 2, half = len / 2;
    for (int i = 0; i < GaussLegendre::n; ++i) {
      const double yi = mid + half * g.x[i];
      const double th = std::exp(yi), au = th + da, bu = th + db;
      const double lau = da == 0 ? yi : std::log(au), lbu = db == 0 ? yi : std::log(bu);
      const double w = half * g.w[i] * std::exp(yi - pe * lau - q * lbu - lam0);
      S += w;
      Sr -= w * lau;
      Ss -= w * lbu;
      Sal -= w * pe / au;
      Sbe -= w * q / bu;
    }
    y += len;
  }
  if (!(S > 0) || !std::isfinite(S)) return {kNaN, 0, 0, 0, 0};
  return {lam0 + std::log(S), Sr / S, Ss / S, Sal / S, Sbe / S};
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

// The braces from the quadrature of A0: log-sum-exp of c1 = -(r+x) log(alpha+T) - s log(beta+T)
// and c2 = log s + log A0.
Braces braces_quadrature(const ParetoNbdParams& p, double x, double t_x, double T, double laT, double lbT) noexcept {
  const double c1 = -(p.r + x) * laT - p.s * lbT;
  Braces b{c1, -laT, -lbT, -(p.r + x) / (p.alpha + T), -p.s / (p.beta + T), 1.0};
  if (!(t_x < T)) return b;
  const LTerm a0 = log_a0_quadrature(p, x, t_x, T);
  if (!std::isfinite(a0.l)) return {kNaN, 0, 0, 0, 0, kNaN};
  const double c2 = std::log(p.s) + a0.l;
  const double m = std::max(c1, c2), e1 = std::exp(c1 - m), e2 = std::exp(c2 - m), d = e1 + e2;
  const double w1 = e1 / d, w2 = e2 / d;
  b.log_value = m + std::log(d);
  b.p_alive = w1;
  b.dr = w1 * b.dr + w2 * a0.dr;
  b.ds = w1 * b.ds + w2 * (1 / p.s + a0.ds);
  b.dal = w1 * b.dal + w2 * a0.dal;
  b.dbe = w1 * b.dbe + w2 * a0.dbe;
  return b;
}

// The braces of one customer: from the two 2F1 terms when both series converged, else by quadrature.
Braces row_braces(const ParetoNbdParams& p, double x, const LTerm& l1, const LTerm& l2, double t_x, double T,
                  double laT, double lbT) noexcept {
  if (std::isfinite(l1.l) && std::isfinite(l2.l)) return braces(p, x, l1, l2, T, laT, lbT);
  return braces_quadrature(p, x, t_x, T, laT, lbT);
}

Braces row_braces(const ParetoNbdParams& p, double x, double t_x, double T) noexcept {
  return row_braces(p, x, l_term(p, x, t_x), l_term(p, x, T), t_x, T, std::log(p.alpha + T), std::log(p.beta + T));
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
  for (std::size_t i = 0; i < pr.points.size(); ++i) terms[i] = l_term(p, pr.points[i].x, pr.points[i].t);
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
    const Braces b = row_braces(p, rows.x[i], terms[pr.p1[i]], terms[pr.p2[i]], rows.t_x[i], rows.T[i], laT[Ti], lbT[Ti]);
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
  const Braces b = row_braces(p, x, t_x, T);
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
  return row_braces(p, x, t_x, T).p_alive;
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
