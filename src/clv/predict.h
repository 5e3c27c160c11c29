#pragma once
// Per-customer predictions and the calibration/holdout check of a fitted
// BG/NBD or Pareto/NBD model (see docs/clv.md).
//
// Units: t, horizon and periods are in the summary's unit (day, week or
// month = 30.4375 days). Money is in the currency of the order lines' amounts.
//
// Discounted CLV over a horizon H (in units), with an ANNUAL discount rate d:
//   d_u = (1 + d)^(days_per_unit / 365.25) - 1     (the rate per unit period)
//   CLV_i = spend_i * sum_{k=1}^{ceil(H)} (E[Y(t_k)] - E[Y(t_{k-1})]) / (1 + d_u)^(t_k),
//   t_k = min(k, H), t_0 = 0:
// expected purchases of each period discounted at the period's end, valued at
// the customer's expected spend (Gamma-Gamma E[M | x, m] when a spend fit is
// given, else the observed mean repeat spend, or the first purchase's value
// for x = 0). Revenue-based: multiply by a margin rate for a margin CLV.
//
// Outputs are never NaN, infinite or negative: such a value is replaced by 0
// and counted in a warning ("invalid_prediction_replaced").
//
// Example: CDNOW sample customer 0001 (x = 2, t_x = 30.43, T = 38.86 weeks),
// BG/NBD r=0.243 alpha=4.414 a=0.793 b=2.426, horizon 39 weeks:
//   p_alive 0.7266, expected_purchases 1.2259; Gamma-Gamma spend 24.66.
#include <string>
#include <vector>

#include "clv/models.h"
#include "clv/summary.h"

namespace kpikit {

struct PredictOptions {
  double horizon = 52;               // in summary units, > 0
  double annual_discount_rate = 0.1; // >= 0, e.g. 0.1 = 10 % a year
};

struct CustomerPredictions {
  std::string model;
  TimeUnit unit = TimeUnit::week;
  double horizon = 0;
  double annual_discount_rate = 0;
  double period_discount_rate = 0;  // d_u
  std::string spend_source;         // "gamma_gamma" or "observed"
  std::vector<double> p_alive;             // per customer of the summary
  std::vector<double> expected_purchases;  // E[Y(horizon) | x, t_x, T]
  std::vector<double> expected_spend;      // per transaction
  std::vector<double> clv;                 // discounted, over the horizon
  std::vector<Warning> warnings;
};

// fit: a BG/NBD ("bgnbd") or Pareto/NBD ("pnbd") fit on this summary's unit.
// spend: a Gamma-Gamma fit or nullptr. Throws Error("invalid_horizon" |
// "invalid_discount_rate" | "unsupported_model") for bad arguments; horizons
// over 5000 periods are "invalid_horizon" too.
// rows: compress_rows(summary) when the caller has it already (saves the sort), else nullptr.
CustomerPredictions predict_customers(const ModelFit& fit, const CustomerSummary& summary, const ModelFit* spend,
                                      const PredictOptions& options, const WeightedRows* rows = nullptr);

// Calibration/holdout check.
//   actual/expected: repeat transactions of the cohort per period (incremental),
//     periods as in CustomerSummary::period_repeat; expected = sum over customers
//     of E[X(b_end - first)] - E[X(b_start - first)] (unconditional model).
//   holdout_actual/holdout_expected: total holdout transactions vs
//     sum_i E[Y(holdout_length) | x_i, t_x_i, T_i] (0 without a holdout).
//   by_frequency: customers grouped by calibration x (0..6, and "7+" as 7):
//     count, mean actual and mean expected holdout transactions.
struct TrackingCheck {
  double period_days = 7;
  Day period_origin = 0;
  std::size_t calibration_periods = 0;  // periods starting on or before calibration_end
  std::vector<double> actual, expected;
  double holdout_actual = 0, holdout_expected = 0;
  std::vector<double> freq_x, freq_count, freq_actual, freq_expected;
};
TrackingCheck tracking_check(const ModelFit& fit, const CustomerSummary& summary);

}  // namespace kpikit
