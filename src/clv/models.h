#pragma once
// The probability models of customer lifetime value, fitted by maximum
// likelihood (see docs/clv.md for every formula, convention and unit):
//   BG/NBD      (Fader, Hardie & Lee 2005)      non-contractual, continuous time
//   Pareto/NBD  (Schmittlein, Morrison & Colombo 1987)
//   Gamma-Gamma (Fader, Hardie & Lee 2005, JMR) spend per transaction
//   BG/BB       (Fader, Hardie & Shang 2010)    discrete purchase opportunities
//   sBG         (Fader & Hardie 2007)           contractual retention of a cohort
//
// Every fit optimises the log-likelihood in log-parameters (BFGS with analytic
// or central-difference gradients; Nelder-Mead then a BFGS polish when BFGS
// does not converge) and reports standard errors from the numerical Hessian of
// the log-likelihood (delta method back to the natural parameters).
// Problems (non-convergence, too little data, singular Hessian, parameters
// running off to 0 or infinity) are warnings, never NaN or exceptions.
//
// Time is in the unit of the summary the rows were built from (see summary.h):
// rates and horizons are per that unit.
//
// Example:
//   CustomerSummary s = summarize_customers(lines, {days_from_civil(1997, 9, 30), TimeUnit::week, {}});
//   ModelFit fit = fit_bgnbd(compress_rows(s));   // CDNOW sample: r=0.243 alpha=4.414 a=0.793 b=2.426
//   double p = bgnbd_p_alive(bgnbd_params(fit), 2, 30.43, 38.86);   // 0.7266
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clv/summary.h"
#include "core/warning.h"

namespace kpikit {

struct ModelFit {
  std::string model;                              // "bgnbd", "pnbd", "gg", "bgbb", "sbg"
  std::vector<std::string> names;                 // parameter names, in order
  std::vector<double> params;                     // maximum-likelihood estimates
  std::vector<std::optional<double>> std_errors;  // nullopt when the Hessian is not positive definite
  double log_likelihood = 0;
  double observations = 0;  // customers (or donors, or cohort members) in the fit
  std::size_t rows = 0;     // unique weighted rows evaluated per likelihood call
  int iterations = 0;
  int evaluations = 0;
  bool converged = false;
  std::string method;       // "bfgs" or "nelder-mead+bfgs"
  std::vector<Warning> warnings;
};

// ---- BG/NBD ---------------------------------------------------------------
struct BgNbdParams {
  double r, alpha, a, b;
};
// log L(r, alpha, a, b | x, t_x, T) of one customer (formula (6) of FHL 2005).
double bgnbd_log_likelihood(const BgNbdParams& p, double x, double t_x, double T) noexcept;
ModelFit fit_bgnbd(const WeightedRows& rows);
BgNbdParams bgnbd_params(const ModelFit& fit);
// P(alive at T | x, t_x, T) = 1 / (1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)).
double bgnbd_p_alive(const BgNbdParams& p, double x, double t_x, double T) noexcept;
// E[Y(t) | x, t_x, T]: expected transactions in (T, T + t].
// (a within 1e-6 of 1, a removable singularity, is evaluated at a = 1 +- 1e-6.)
BgNbdParams away_from_a_one(BgNbdParams p) noexcept;
// (1-z)^(r+x) 2F1(r+x, b+x; a+b+x-1; z), the factor that E[Y(t)] and E[X(t)]
// share (FHL 2005 eq. (10), z = t/(alpha+T+t)), summed by whichever of two equal
// forms has the smaller terms: Euler's transformation (1-z)^(a-1)
// 2F1(a+b-1-r, a-1; a+b+x-1; z), whose terms stay small for large x, or the
// series as written, whose terms stay small for large a and b (a fit that ran
// off towards homogeneous dropout, where Euler's terms grow like e^((a-1)z)
// and its (1-z)^(a-1) underflows). Rescaled and combined in logs, so it is
// finite wherever either series converges; NaN when neither does.
double bgnbd_tail(const BgNbdParams& p, double x, double z) noexcept;
// Whether bgnbd_tail takes Euler's form at (x, z): its terms grow less, or not at all.
bool bgnbd_tail_by_euler(const BgNbdParams& p, double x, double z) noexcept;
double bgnbd_expected_purchases(const BgNbdParams& p, double x, double t_x, double T, double t) noexcept;
// E[X(t)]: expected repeat transactions of a new customer in (0, t].
double bgnbd_expected_cumulative(const BgNbdParams& p, double t) noexcept;

// ---- Pareto/NBD -----------------------------------------------------------
struct ParetoNbdParams {
  double r, alpha, s, beta;
};
// log L(r, alpha, s, beta | x, t_x, T), evaluated in logs with the 2F1 series
// of Fader & Hardie (2005, "A note on deriving the Pareto/NBD model") or its Euler
// transform, and by Gauss-Legendre quadrature of the defining integral where
// neither converges within 120 terms (2F1 argument near 1); exact and fast for x
// in the thousands and any alpha/beta ratio (docs/clv.md, Robustness).
double pnbd_log_likelihood(const ParetoNbdParams& p, double x, double t_x, double T) noexcept;
ModelFit fit_pnbd(const WeightedRows& rows);
ParetoNbdParams pnbd_params(const ModelFit& fit);
double pnbd_p_alive(const ParetoNbdParams& p, double x, double t_x, double T) noexcept;
double pnbd_expected_purchases(const ParetoNbdParams& p, double x, double t_x, double T, double t) noexcept;
double pnbd_expected_cumulative(const ParetoNbdParams& p, double t) noexcept;

// ---- Gamma-Gamma spend ----------------------------------------------------
struct GammaGammaParams {
  double p, q, gamma;
};
// log density of the mean m of x transaction values (x >= 1, m > 0).
double gg_log_likelihood(const GammaGammaParams& p, double x, double m) noexcept;
// Fits on the entries with x >= 1 and m > 0 (others are skipped, with a
// warning); weights may be empty (all 1).
ModelFit fit_gamma_gamma(const std::vector<std::uint32_t>& x, const std::vector<double>& m,
                         const std::vector<double>& weights = {});
GammaGammaParams gg_params(const ModelFit& fit);
// E[M | x, m] = p (gamma + x m) / (p x + q - 1); x = 0 gives the population mean p gamma / (q - 1).
double gg_expected_spend(const GammaGammaParams& p, double x, double m) noexcept;

// ---- BG/BB (discrete opportunities) ---------------------------------------
struct BgBbParams {
  double alpha, beta, gamma, delta;
};
// log L of one pattern: x transactions in n opportunities, last at t_x (0 if x = 0).
double bgbb_log_likelihood(const BgBbParams& p, double x, double t_x, double n) noexcept;
// The same, and its partial derivatives in alpha, beta, gamma and delta in *gradient.
double bgbb_log_likelihood(const BgBbParams& p, double x, double t_x, double n, BgBbParams* gradient) noexcept;
// Rows are (frequency, recency, periods) patterns with weights (donations.csv).
ModelFit fit_bgbb(const std::vector<double>& x, const std::vector<double>& t_x, const std::vector<double>& n,
                  const std::vector<double>& weights);
BgBbParams bgbb_params(const ModelFit& fit);
// P(alive at opportunity n + 1 | x, t_x, n).
double bgbb_p_alive(const BgBbParams& p, double x, double t_x, double n) noexcept;
// Expected transactions in the next n_star opportunities.
double bgbb_expected_purchases(const BgBbParams& p, double x, double t_x, double n, double n_star) noexcept;

// ---- sBG (contractual retention) -------------------------------------------
struct SbgParams {
  double alpha, beta;
};
// alive[0] = cohort size, alive[t] = customers still active after t periods
// (non-increasing). Churners of period t have P(T = t) = B(alpha+1, beta+t-1)/B(alpha, beta);
// the alive[last] survivors contribute S(last) = B(alpha, beta+last)/B(alpha, beta).
double sbg_log_likelihood(const SbgParams& p, const std::vector<double>& alive) noexcept;
// The same, and its partial derivatives in alpha and beta in *gradient.
double sbg_log_likelihood(const SbgParams& p, const std::vector<double>& alive, SbgParams* gradient) noexcept;
// Throws Error("invalid_alive", field "alive") unless there are >= 2 counts,
// all finite, alive[0] > 0 and non-increasing.
ModelFit fit_sbg(const std::vector<double>& alive);
SbgParams sbg_params(const ModelFit& fit);
// S(t) = B(alpha, beta + t) / B(alpha, beta): share of the cohort still active after t periods.
double sbg_survival(const SbgParams& p, double t) noexcept;
// r(t) = (beta + t - 1) / (alpha + beta + t - 1): retention rate from period t-1 to t.
double sbg_retention_rate(const SbgParams& p, double t) noexcept;

}  // namespace kpikit
