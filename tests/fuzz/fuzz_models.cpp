// Fuzzes the CLV model fits on random small summaries: BG/NBD, Gamma-Gamma
// and sBG. Invariants: no crash or hang; a fit either throws kpikit::Error or
// returns finite parameters and a finite log-likelihood.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "clv/models.h"
#include "clv/summary.h"
#include "core/error.h"

namespace {

void check(const kpikit::ModelFit& fit) {
  for (double p : fit.params)
    if (!std::isfinite(p)) std::abort();
  if (!std::isfinite(fit.log_likelihood)) std::abort();
}

template <class F>
void guarded(F f) {
  try { f(); } catch (const kpikit::Error&) {}
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Each customer takes 4 bytes: x (0..63), t_x share, T (1..64 weeks), spend.
  std::vector<std::uint32_t> x;
  std::vector<double> t_x, T, spend;
  for (std::size_t i = 0; i + 4 <= size && x.size() < 64; i += 4) {
    const double age = 1 + data[i + 2] % 64;
    const std::uint32_t freq = data[i] % 64;
    x.push_back(freq);
    T.push_back(age);
    t_x.push_back(freq == 0 ? 0.0 : age * (data[i + 1] / 255.0));
    spend.push_back(1 + data[i + 3]);
  }
  if (x.empty()) return 0;
  guarded([&] { check(kpikit::fit_bgnbd(kpikit::compress_rows(x, t_x, T))); });
  std::vector<std::uint32_t> repeat_x;
  std::vector<double> repeat_m;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (x[i] > 0) { repeat_x.push_back(x[i]); repeat_m.push_back(spend[i]); }
  if (!repeat_x.empty()) guarded([&] { check(kpikit::fit_gamma_gamma(repeat_x, repeat_m)); });
  std::vector<double> alive = {1000};
  for (std::size_t i = 0; i < x.size() && i < 12; ++i) alive.push_back(alive.back() * (0.5 + 0.5 * (data[i] / 256.0)));
  for (double& a : alive) a = std::floor(a);
  guarded([&] { check(kpikit::fit_sbg(alive)); });
  return 0;
}
