// Fuzzes the CLV model fits on random small summaries: BG/NBD, Pareto/NBD,
// Gamma-Gamma, BG/BB and sBG. The first byte chooses the model (one fit per
// execution, so every model gets a fifth of the executions and each
// execution is short); the rest are customers of 4 bytes each, at most 16:
// x (0..63), t_x as a share of T, T (1..64 weeks), spend (1..256).
// Invariants: no crash or hang; a fit either throws kpikit::Error or returns
// finite parameters and a finite log-likelihood.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "clv/models.h"
#include "clv/summary.h"
#include "core/error.h"

namespace {

constexpr std::size_t kMaxCustomers = 16;

void check(const kpikit::ModelFit& fit) {
  for (double p : fit.params)
    if (!std::isfinite(p)) std::abort();
  if (!std::isfinite(fit.log_likelihood)) std::abort();
}

template <class F>
void guarded(F f) {
  try {
    check(f());
  } catch (const kpikit::Error&) {
  }
}

struct Customers {
  std::vector<std::uint32_t> x;
  std::vector<double> t_x, T, spend;
};

Customers read_customers(const std::uint8_t* data, std::size_t size) {
  Customers c;
  for (std::size_t i = 0; i + 4 <= size && c.x.size() < kMaxCustomers; i += 4) {
    const double age = 1 + data[i + 2] % 64;
    const std::uint32_t freq = data[i] % 64;
    c.x.push_back(freq);
    c.T.push_back(age);
    c.t_x.push_back(freq == 0 ? 0.0 : age * (data[i + 1] / 255.0));
    c.spend.push_back(1 + data[i + 3]);
  }
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 5) return 0;
  const unsigned model = data[0] % 5;
  const Customers c = read_customers(data + 1, size - 1);
  switch (model) {
    case 0: guarded([&] { return kpikit::fit_bgnbd(kpikit::compress_rows(c.x, c.t_x, c.T)); }); break;
    case 1: guarded([&] { return kpikit::fit_pnbd(kpikit::compress_rows(c.x, c.t_x, c.T)); }); break;
    case 2: {
      std::vector<std::uint32_t> repeat_x;
      std::vector<double> repeat_m;
      for (std::size_t i = 0; i < c.x.size(); ++i)
        if (c.x[i] > 0) {
          repeat_x.push_back(c.x[i]);
          repeat_m.push_back(c.spend[i]);
        }
      if (!repeat_x.empty()) guarded([&] { return kpikit::fit_gamma_gamma(repeat_x, repeat_m); });
      break;
    }
    case 3: {
      // Discrete opportunities (as yearly donations): n in 1..16, x and t_x within n.
      std::vector<double> x, t_x, n, w;
      for (std::size_t i = 0; i < c.x.size(); ++i) {
        const double periods = 1 + std::fmod(c.T[i], 16.0);
        const double xi = std::fmod(static_cast<double>(c.x[i]), periods + 1);
        n.push_back(periods);
        x.push_back(xi);
        t_x.push_back(xi == 0 ? 0.0 : std::max(xi, std::floor(periods * c.t_x[i] / c.T[i])));
        w.push_back(c.spend[i]);
      }
      guarded([&] { return kpikit::fit_bgbb(x, t_x, n, w); });
      break;
    }
    default: {
      std::vector<double> alive = {1000};
      for (std::size_t i = 1; i < size && i <= 12; ++i) alive.push_back(alive.back() * (0.5 + 0.5 * (data[i] / 256.0)));
      for (double& a : alive) a = std::floor(a);
      guarded([&] { return kpikit::fit_sbg(alive); });
    }
  }
  return 0;
}
