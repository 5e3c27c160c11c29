#pragma once
// Numerical building blocks of the CLV models (kpikit::detail): special
// functions, the Gauss hypergeometric series, and the optimiser used for every
// maximum-likelihood fit (BFGS in log-parameters with a Nelder-Mead fallback,
// standard errors from a numerical Hessian).
#include <functional>
#include <string>
#include <vector>

namespace kpikit::detail {

// digamma psi(x) for x > 0 (recurrence to x >= 10, then the asymptotic series; |error| < 1e-13).
double digamma(double x) noexcept;
// log B(a, b) = lgamma(a) + lgamma(b) - lgamma(a + b), a, b > 0.
double log_beta(double a, double b) noexcept;

// Gauss 2F1(A, B; C; z) = sum_k (A)_k (B)_k / ((C)_k k!) z^k by its power
// series for 0 <= z < 1, as mantissa * e^log_scale: whenever the sum passes
// 1e250 both it and the term are scaled down, so a sum far beyond the double
// range stays finite. ok = false when 200000 terms did not reach 1e-15
// relative accuracy.
struct ScaledSum {
  double mantissa = 1.0, log_scale = 0.0;
  bool ok = false;
};
ScaledSum hyp2f1_scaled(double A, double B, double C, double z) noexcept;

// Objective: value to MINIMISE at theta; fills grad (same size) when non-null.
// Must return +infinity (never NaN) where undefined.
using Objective = std::function<double(const std::vector<double>& theta, std::vector<double>* grad)>;

struct OptimResult {
  std::vector<double> theta;
  double value = 0;
  int iterations = 0;
  int evaluations = 0;
  bool converged = false;
  std::string method;  // "bfgs", "nelder-mead+bfgs"
};

// Central-difference gradient of a value-only objective (step 1e-5).
Objective with_numeric_gradient(std::function<double(const std::vector<double>&)> f);

// BFGS with Armijo backtracking; steps capped at length 3 (log-parameters).
// Converged when max |grad| <= gtol * max(1, |f|), or f stops changing (1e-14 relative,
// three iterations) and max |grad| <= 1e-5 * max(1, |f|). Stops also when some
// |theta_i| > log(1e6) and two iterations gained less than 1e-9 relative: the optimum
// is on a boundary (converged then by the same 1e-5 gradient test).
OptimResult minimize_bfgs(const Objective& f, std::vector<double> start, int max_iter = 300, double gtol = 1e-9);
OptimResult minimize_nelder_mead(const Objective& f, std::vector<double> start, int max_iter = 1000);
// BFGS; if it fails to converge, Nelder-Mead from the start then a BFGS polish; the better result wins.
// No fallback when BFGS stopped with some |theta_i| > runaway: the likelihood rises
// towards a boundary (parameters running to 0 or infinity) and no method converges.
OptimResult minimize_robust(const Objective& f, const std::vector<double>& start, double runaway = 1e300);

// Hessian of f at theta by forward differences of its gradient (step 1e-5), symmetrised.
std::vector<std::vector<double>> numeric_hessian(const Objective& f, const std::vector<double>& theta);
// Inverse of a symmetric positive-definite matrix by Cholesky; false if not SPD.
bool invert_spd(std::vector<std::vector<double>> m, std::vector<std::vector<double>>* inverse);

}  // namespace kpikit::detail
