// The optimiser and special functions under every CLV fit (clv/numeric.h).
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "clv/numeric.h"

using namespace kpikit::detail;

TEST_CASE("digamma at known values") {
  const double euler_gamma = 0.57721566490153286;
  CHECK(digamma(1) == doctest::Approx(-euler_gamma).epsilon(1e-13));
  CHECK(digamma(0.5) == doctest::Approx(-euler_gamma - 2 * std::log(2.0)).epsilon(1e-13));
  CHECK(digamma(10) == doctest::Approx(-euler_gamma + 7129.0 / 2520).epsilon(1e-13));  // H_9 - gamma
}

TEST_CASE("BFGS finds the minimum of the Rosenbrock valley") {
  const Objective rosenbrock = [](const std::vector<double>& t, std::vector<double>* g) {
    const double a = 1 - t[0], b = t[1] - t[0] * t[0];
    if (g) *g = {-2 * a - 400 * t[0] * b, 200 * b};
    return a * a + 100 * b * b;
  };
  const OptimResult r = minimize_bfgs(rosenbrock, {-1.2, 1.0});
  CHECK(r.converged);
  CHECK(r.theta[0] == doctest::Approx(1).epsilon(1e-6));
  CHECK(r.theta[1] == doctest::Approx(1).epsilon(1e-6));
}
