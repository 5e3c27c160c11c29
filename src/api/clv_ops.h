#pragma once
// JSON adapter of the CLV models (clv/summary.h, clv/models.h, clv/predict.h).
// Every definition, convention and unit: docs/clv.md.
//
// Common params of the order-history ops (clv_summary, clv_fit, clv_predict):
//   calibration_end  "yyyy-mm-dd", last day of the calibration period (inclusive);
//                    default: the last purchase day in the data
//   holdout_end      "yyyy-mm-dd" after calibration_end; optional (enables the holdout check)
//   unit             "day" | "week" (default) | "month" (= 30.4375 days)
// Errors (kpikit::Error, with field): invalid_date, invalid_unit, invalid_model,
// invalid_holdout_end, invalid_horizon, invalid_discount_rate, invalid_number,
// invalid_alive, no_customers.
//
// clv_summary(lines, params) -> {"unit", "calibration_end", "holdout_end", "counts": {...},
//     "customers": {"id", "first_purchase", "x", "t_x", "T", "mean_spend", "first_spend",
//                   "revenue", ["margin"], ["holdout_x"]}}        (columnar arrays)
// clv_fit(lines, params): params + "model": "bgnbd" (default) | "pnbd" | "gg"
//   -> {"model", "unit", "calibration_end", "holdout_end", "counts", "fit": FIT,
//       "tracking": TRACKING (bgnbd/pnbd with holdout_end, else null)}
// clv_predict(lines, params): params + "model": "bgnbd" | "pnbd", "horizon" (units,
//   default one year = 365.25 days in the unit), "discount_rate" (annual, default 0.1),
//   "spend": "gg" (default) | "observed"
//   -> {"model", "unit", "calibration_end", "holdout_end", "horizon", "horizon_unit",
//       "discount_rate", "discount_rate_per_period", "discounting", "spend_source",
//       "counts", "fit": FIT, "spend_fit": FIT | null, "warnings": [...],
//       "totals": {"expected_purchases", "clv", "revenue"},
//       "customers": {...summary columns, "p_alive", "expected_purchases",
//                     "expected_spend", "clv"}}
// clv_bgbb(params): {"frequency": [], "recency": [], "periods": [], "weights": [] (default 1s),
//   "horizon": opportunities to predict (default 1)}
//   -> {"model": "bgbb", "fit": FIT, "horizon", "patterns": {"frequency", "recency", "periods",
//       "weight", "p_alive", "expected_purchases"}}
// clv_sbg(params): {"alive": [cohort size, alive after 1, 2, ... periods], "horizon": periods
//   to project (default 2 * observed periods)}
//   -> {"model": "sbg", "fit": FIT, "projection": {"period", "survival", "retention_rate",
//       "expected_alive", "actual_alive" (null beyond the data)}}
// FIT = {"model", "parameters": {name: value}, "std_errors": {name: value | null},
//        "parameter_order": [names], "log_likelihood", "observations", "rows", "converged",
//        "iterations", "evaluations", "method", "warnings": [{"code", "message"}]}
// TRACKING = {"period_days", "period_origin", "calibration_periods", "actual": [], "expected": [],
//   "holdout_actual", "holdout_expected",
//   "by_frequency": {"x": [0..7, 7 = "7 or more"], "customers", "actual", "expected"}}
#include <nlohmann/json.hpp>

#include "data/order_lines.h"

namespace kpikit::api {

nlohmann::json clv_summary(const OrderLines& lines, const nlohmann::json& params);
nlohmann::json clv_fit(const OrderLines& lines, const nlohmann::json& params);
nlohmann::json clv_predict(const OrderLines& lines, const nlohmann::json& params);
nlohmann::json clv_bgbb(const nlohmann::json& params);
nlohmann::json clv_sbg(const nlohmann::json& params);

}  // namespace kpikit::api
