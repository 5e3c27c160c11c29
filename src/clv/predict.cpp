#include "clv/predict.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "clv/numeric.h"
#include "core/error.h"

namespace kpikit {

namespace {

bool is_customer_model(const std::string& m) { return m == "bgnbd" || m == "pnbd"; }

// -expm1(-e L) / e with L = log1p(t / c): (1 - (c/(c+t))^e) / e, e -> 0 safe.
double power_gap(double e, double c, double t) noexcept {
  const double L = std::log1p(t / c);
  if (std::fabs(e) < 1e-10) return L;
  return -std::expm1(-e * L) / e;
}

// BG/NBD: E[Y(t) | x, t_x, T] / P(alive) = (a+b+x-1)/(a-1) * (1 - (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z)),
// z = t / (alpha + T + t) (Euler's transformation of FHL 2005 eq. (10)). The series
// coefficients depend on x only, so they are computed once per x, for all z <= z_max
// (the last element stores z_max).
std::vector<double> hyp2f1_coefficients(const BgNbdParams& p, double x, double z_max) {
  const double A = p.a + p.b - 1 - p.r, B = p.a - 1, C = p.a + p.b + x - 1;
  std::vector<double> c{1.0};
  double term = 1, zk = 1, sum = 1;
  for (int k = 0; k < 100000; ++k) {
    term *= (A + k) * (B + k) / ((C + k) * (k + 1.0));
    c.push_back(term);
    zk *= z_max;
    sum += term * zk;
    if (std::fabs(term * zk) <= 1e-15 * std::fabs(sum) && k > 2) break;
  }
  c.push_back(z_max);  // remembered: the largest z the coefficients are accurate for
  return c;
}

bool hyp2f1_terms_needed(const std::vector<double>& c, double z_max) { return z_max > c.back(); }

// Replaces a NaN, infinite or negative value by 0; counts replacements.
double clean(double v, std::size_t* bad) {
  if (std::isfinite(v) && v >= 0) return v;
  ++*bad;
  return 0;
}

double unconditional(const ModelFit& fit, double t) {
  if (t <= 0) return 0;
  return fit.model == "bgnbd" ? bgnbd_expected_cumulative(bgnbd_params(fit), t) : pnbd_expected_cumulative(pnbd_params(fit), t);
}

}  // namespace

CustomerPredictions predict_customers(const ModelFit& fit, const CustomerSummary& s, const ModelFit* spend,
                                      const PredictOptions& o, const WeightedRows* given_rows) {
  if (!is_customer_model(fit.model)) throw Error("unsupported_model", "predictions per customer need a bgnbd or pnbd fit", "model");
  if (!(o.horizon > 0) || !std::isfinite(o.horizon) || o.horizon > 5000)
    throw Error("invalid_horizon", "horizon must be greater than 0 and at most 5000 periods", "horizon");
  if (!(o.annual_discount_rate >= 0) || !std::isfinite(o.annual_discount_rate))
    throw Error("invalid_discount_rate", "discount rate must be 0 or more", "discount_rate");
  CustomerPredictions out;
  out.model = fit.model;
  out.unit = s.unit;
  out.horizon = o.horizon;
  out.annual_discount_rate = o.annual_discount_rate;
  out.period_discount_rate = std::pow(1 + o.annual_discount_rate, days_per_unit(s.unit) / 365.25) - 1;

  WeightedRows own_rows;
  if (!given_rows) own_rows = compress_rows(s);
  const WeightedRows& rows = given_rows ? *given_rows : own_rows;
  const auto steps = static_cast<std::size_t>(std::ceil(o.horizon - 1e-12));
  std::vector<double> times(steps), discount(steps);
  for (std::size_t k = 0; k < steps; ++k) {
    times[k] = std::min(static_cast<double>(k + 1), o.horizon);
    discount[k] = std::pow(1 + out.period_discount_rate, -times[k]);
  }
  // Per row: P(alive), E[Y(H)], and the discounted expected purchases.
  std::vector<double> row_alive(rows.size()), row_expected(rows.size()), row_discounted(rows.size());
  std::vector<double> cum(steps);
  if (fit.model == "bgnbd") {
    const BgNbdParams p = away_from_a_one(bgnbd_params(fit));
    // E[Y(t)] / P(alive) depends on (x, T) only; the 2F1 coefficients on x only;
    // (1-z)^(a-1) on (T, t) only.
    std::map<double, std::vector<double>> coefficients;
    std::map<double, std::vector<double>> powers;                    // T -> (1-z)^(a-1) per step
    std::map<std::pair<double, double>, std::vector<double>> cache;  // (x, T) -> scaled E at each step
    std::vector<double> z(steps), zk(steps), sum(steps);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const double x = rows.x[i], T = rows.T[i];
      auto [it, fresh] = cache.try_emplace({x, T});
      if (fresh) {
        it->second.resize(steps);
        for (std::size_t k = 0; k < steps; ++k) z[k] = times[k] / (p.alpha + T + times[k]);
        const double factor = (p.a + p.b + x - 1) / (p.a - 1);
        bool fast = bgnbd_tail_by_euler(p, x, z.back());
        if (fast) {
          auto [pt, p_fresh] = powers.try_emplace(T);
          if (p_fresh) {
            pt->second.resize(steps);
            for (std::size_t k = 0; k < steps; ++k) pt->second[k] = std::pow(1 - z[k], p.a - 1);
          }
          auto [ct, c_fresh] = coefficients.try_emplace(x);
          if (c_fresh || hyp2f1_terms_needed(ct->second, z.back())) ct->second = hyp2f1_coefficients(p, x, z.back());
          // All steps at once, term by term (independent sums: no dependency chain).
          const std::vector<double>& c = ct->second;
          std::fill(zk.begin(), zk.end(), 1.0);
          std::fill(sum.begin(), sum.end(), 0.0);
          for (std::size_t n = 0; n + 1 < c.size(); ++n)
            for (std::size_t k = 0; k < steps; ++k) {
              sum[k] += c[n] * zk[k];
              zk[k] *= z[k];
            }
          for (std::size_t k = 0; k < steps; ++k) {
            it->second[k] = factor * (1 - pt->second[k] * sum[k]);
            fast = fast && std::isfinite(it->second[k]);
          }
        }
        // A fit far from Euler's comfort (huge a and b) or a sum that overflowed:
        // each step on its own, by the form with the smaller terms, in logs.
        if (!fast)
          for (std::size_t k = 0; k < steps; ++k) it->second[k] = factor * (1 - bgnbd_tail(p, x, z[k]));
      }
      row_alive[i] = bgnbd_p_alive(p, x, rows.t_x[i], T);
      double prev = 0, disc = 0;
      for (std::size_t k = 0; k < steps; ++k) {
        const double c = it->second[k] * row_alive[i];
        disc += (c - prev) * discount[k];
        prev = c;
      }
      row_expected[i] = prev;
      row_discounted[i] = disc;
    }
  } else {
    const ParetoNbdParams p = pnbd_params(fit);
    // E[Y(t)] = (r+x)(beta+T)/(alpha+T) * gap(T, t) * P(alive); gap depends on (T, t) only.
    std::map<double, std::vector<double>> gaps;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const double x = rows.x[i], T = rows.T[i];
      auto [it, fresh] = gaps.try_emplace(T);
      if (fresh) {
        it->second.resize(steps);
        for (std::size_t k = 0; k < steps; ++k) it->second[k] = power_gap(p.s - 1, p.beta + T, times[k]);
      }
      row_alive[i] = pnbd_p_alive(p, x, rows.t_x[i], T);
      const double scale = (p.r + x) * (p.beta + T) / (p.alpha + T) * row_alive[i];
      double prev = 0, disc = 0;
      for (std::size_t k = 0; k < steps; ++k) {
        const double c = scale * it->second[k];
        disc += (c - prev) * discount[k];
        prev = c;
      }
      row_expected[i] = prev;
      row_discounted[i] = disc;
    }
  }

  const bool use_gg = spend && spend->model == "gg" && spend->params.size() == 3 && spend->params[1] > 1;
  out.spend_source = use_gg ? "gamma_gamma" : "observed";
  if (spend && !use_gg)
    out.warnings.push_back({"spend_model_unusable", "the spend model has q <= 1; observed mean spend is used instead"});
  std::size_t bad = 0;
  const std::size_t n = s.size();
  out.p_alive.resize(n);
  out.expected_purchases.resize(n);
  out.expected_spend.resize(n);
  out.clv.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t r = rows.row_of[i];
    out.p_alive[i] = std::min(1.0, clean(row_alive[r], &bad));
    out.expected_purchases[i] = clean(row_expected[r], &bad);
    const double observed = s.frequency[i] > 0 ? s.mean_spend[i] : s.first_spend[i];
    out.expected_spend[i] = clean(use_gg ? gg_expected_spend(gg_params(*spend), s.frequency[i], s.mean_spend[i]) : observed, &bad);
    out.clv[i] = clean(out.expected_spend[i] * row_discounted[r], &bad);
  }
  if (bad > 0)
    out.warnings.push_back({"invalid_prediction_replaced",
                            std::to_string(bad) + " predicted values were not finite or negative and were replaced by 0"});
  return out;
}

TrackingCheck tracking_check(const ModelFit& fit, const CustomerSummary& s) {
  if (!is_customer_model(fit.model)) throw Error("unsupported_model", "the tracking check needs a bgnbd or pnbd fit", "model");
  TrackingCheck c;
  const double u = days_per_unit(s.unit);
  c.period_days = u;
  c.period_origin = s.period_origin;
  c.actual = s.period_repeat;
  const std::size_t periods = s.period_repeat.size();
  const Day end = s.holdout_end ? *s.holdout_end : s.calibration_end;
  for (std::size_t k = 0; k < periods; ++k)
    if (s.period_origin + static_cast<double>(k) * u <= s.calibration_end) c.calibration_periods = k + 1;
  // Customers grouped by first purchase day.
  std::map<Day, double> groups;
  for (Day f : s.first_day) groups[f] += 1;
  std::vector<double> cumulative(periods + 1, 0.0);
  for (std::size_t k = 0; k <= periods; ++k) {
    const double boundary = std::min(s.period_origin + static_cast<double>(k) * u, static_cast<double>(end));
    for (const auto& [first, count] : groups) cumulative[k] += count * unconditional(fit, (boundary - first) / u);
  }
  c.expected.resize(periods);
  std::size_t bad = 0;
  for (std::size_t k = 0; k < periods; ++k) c.expected[k] = clean(cumulative[k + 1] - cumulative[k], &bad);

  const std::size_t groups_x = 8;
  c.freq_x.resize(groups_x);
  c.freq_count.assign(groups_x, 0);
  c.freq_actual.assign(groups_x, 0);
  c.freq_expected.assign(groups_x, 0);
  for (std::size_t g = 0; g < groups_x; ++g) c.freq_x[g] = static_cast<double>(g);
  if (s.holdout_end) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const double x = s.frequency[i];
      const double e = clean(fit.model == "bgnbd"
                                 ? bgnbd_expected_purchases(bgnbd_params(fit), x, s.recency[i], s.age[i], s.holdout_length)
                                 : pnbd_expected_purchases(pnbd_params(fit), x, s.recency[i], s.age[i], s.holdout_length),
                             &bad);
      c.holdout_actual += s.holdout_frequency[i];
      c.holdout_expected += e;
      const std::size_t g = std::min<std::size_t>(s.frequency[i], groups_x - 1);
      c.freq_count[g] += 1;
      c.freq_actual[g] += s.holdout_frequency[i];
      c.freq_expected[g] += e;
    }
    for (std::size_t g = 0; g < groups_x; ++g)
      if (c.freq_count[g] > 0) {
        c.freq_actual[g] /= c.freq_count[g];
        c.freq_expected[g] /= c.freq_count[g];
      }
  }
  return c;
}

}  // namespace kpikit
