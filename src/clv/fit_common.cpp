#include "clv/fit_common.h"

#include <cmath>
#include <limits>

namespace kpikit::detail {

void add_warning(ModelFit& fit, const std::string& code, const std::string& message) {
  for (const Warning& w : fit.warnings)
    if (w.code == code) return;
  fit.warnings.push_back({code, message});
}

ModelFit run_fit(const std::string& model, std::vector<std::string> names, const Objective& neg_ll,
                 const std::vector<double>& start, double observations, std::size_t rows) {
  ModelFit fit;
  fit.model = model;
  fit.names = std::move(names);
  fit.observations = observations;
  fit.rows = rows;
  std::vector<double> theta0(start.size());
  for (std::size_t i = 0; i < start.size(); ++i) theta0[i] = std::log(start[i]);
  // Parameters beyond 1e8 (or below 1e-8) are outside the model: the likelihood is flat
  // there and its special functions get slow; the optimiser is kept inside.
  const Objective bounded = [&neg_ll](const std::vector<double>& theta, std::vector<double>* grad) {
    for (double t : theta)
      if (!(std::fabs(t) <= std::log(1e8))) return std::numeric_limits<double>::infinity();
    return neg_ll(theta, grad);
  };
  // A BFGS run that stops beyond 1e4 (or below 1e-4) is heading for a boundary: no fallback.
  const OptimResult opt = minimize_robust(bounded, theta0, std::log(1e4));
  fit.iterations = opt.iterations;
  fit.evaluations = opt.evaluations;
  fit.method = opt.method;
  fit.converged = opt.converged && std::isfinite(opt.value);
  if (!std::isfinite(opt.value)) {
    fit.params = start;
    fit.std_errors.assign(start.size(), std::nullopt);
    fit.log_likelihood = 0;
    add_warning(fit, "fit_failed", "the likelihood could not be evaluated at any parameter value tried");
    return fit;
  }
  fit.log_likelihood = -opt.value;
  fit.params.resize(opt.theta.size());
  bool extreme = false;
  for (std::size_t i = 0; i < opt.theta.size(); ++i) {
    fit.params[i] = std::exp(opt.theta[i]);
    extreme = extreme || std::fabs(opt.theta[i]) > std::log(1e6);
  }
  if (!fit.converged) add_warning(fit, "not_converged", "the optimiser did not converge; estimates are unreliable");
  if (extreme)
    add_warning(fit, "parameter_extreme", "a parameter ran off towards 0 or infinity; the model may not suit the data");
  std::vector<std::vector<double>> cov;
  fit.std_errors.assign(fit.params.size(), std::nullopt);
  if (invert_spd(numeric_hessian(neg_ll, opt.theta), &cov)) {
    for (std::size_t i = 0; i < fit.params.size(); ++i) {
      const double se = fit.params[i] * std::sqrt(cov[i][i]);
      if (std::isfinite(se)) fit.std_errors[i] = se;
    }
  } else {
    add_warning(fit, "no_standard_errors", "the information matrix is singular; standard errors are not available");
  }
  return fit;
}

}  // namespace kpikit::detail
