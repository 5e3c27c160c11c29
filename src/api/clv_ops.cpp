#include "api/clv_ops.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "api/warnings_json.h"
#include "clv/models.h"
#include "clv/predict.h"
#include "clv/summary.h"
#include "core/error.h"
#include "data/calendar.h"

namespace kpikit::api {

namespace {

using nlohmann::json;

// A number for the output: non-finite values never leave the core (null instead).
json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

std::string iso_date(Day d) { return format_iso_date(d); }

// "yyyy-mm-dd" only: CLV dates are parameters, not data, so no guessing.
Day parse_iso(const json& v, const std::string& field) {
  if (!v.is_string()) throw Error("invalid_date", field + " must be a date yyyy-mm-dd", field);
  const std::string s = v.get<std::string>();
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || s[4] != '-' || s[7] != '-' ||
      !is_valid_civil(y, m, d))
    throw Error("invalid_date", field + " must be a valid date yyyy-mm-dd", field);
  return days_from_civil(y, m, d);
}

double read_number(const json& params, const std::string& field, double fallback) {
  const auto it = params.find(field);
  if (it == params.end() || it->is_null()) return fallback;
  if (!it->is_number()) throw Error("invalid_number", field + " must be a number", field);
  const double v = it->get<double>();
  if (!std::isfinite(v)) throw Error("invalid_number", field + " must be a finite number", field);
  return v;
}

std::string read_string(const json& params, const std::string& field, const std::string& fallback) {
  const auto it = params.find(field);
  if (it == params.end() || it->is_null()) return fallback;
  if (!it->is_string()) throw Error("invalid_" + field, field + " must be a string", field);
  return it->get<std::string>();
}

std::vector<double> read_numbers(const json& params, const std::string& field, bool required) {
  const auto it = params.find(field);
  if (it == params.end() || it->is_null()) {
    if (required) throw Error("invalid_number", field + " is required (an array of numbers)", field);
    return {};
  }
  if (!it->is_array()) throw Error("invalid_number", field + " must be an array of numbers", field);
  std::vector<double> out;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& e = (*it)[i];
    if (!e.is_number() || !std::isfinite(e.get<double>()))
      throw Error("invalid_number", field + " row " + std::to_string(i + 1) + " must be a finite number", field, i + 1);
    out.push_back(e.get<double>());
  }
  return out;
}

SummaryOptions summary_options(const OrderLines& lines, const json& params) {
  SummaryOptions o;
  const std::string unit = read_string(params, "unit", "week");
  const auto u = parse_time_unit(unit);
  if (!u) throw Error("invalid_unit", "unit must be day, week or month", "unit");
  o.unit = *u;
  const auto cal = params.find("calibration_end");
  if (cal != params.end() && !cal->is_null()) {
    o.calibration_end = parse_iso(*cal, "calibration_end");
  } else {
    bool any = false;
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (lines.kind[i] == LineKind::purchase) {
        o.calibration_end = any ? std::max(o.calibration_end, lines.day[i]) : lines.day[i];
        any = true;
      }
    if (!any) throw Error("no_customers", "the data holds no purchases", "");
  }
  const auto hold = params.find("holdout_end");
  if (hold != params.end() && !hold->is_null()) o.holdout_end = parse_iso(*hold, "holdout_end");
  return o;
}

CustomerSummary summarize_checked(const OrderLines& lines, const json& params) {
  const CustomerSummary s = summarize_customers(lines, summary_options(lines, params));
  if (s.size() == 0)
    throw Error("no_customers", "no customer bought on or before the calibration end", "calibration_end");
  return s;
}

json fit_json(const ModelFit& f) {
  json params = json::object(), ses = json::object();
  for (std::size_t i = 0; i < f.names.size(); ++i) {
    params[f.names[i]] = num(f.params[i]);
    ses[f.names[i]] = f.std_errors[i] ? num(*f.std_errors[i]) : json(nullptr);
  }
  return {{"model", f.model},           {"parameters", params},         {"std_errors", ses},
          {"parameter_order", f.names}, {"log_likelihood", num(f.log_likelihood)},
          {"observations", f.observations}, {"rows", f.rows},           {"converged", f.converged},
          {"iterations", f.iterations}, {"evaluations", f.evaluations}, {"method", f.method},
          {"warnings", warnings_json(f.warnings)}};
}

json counts_json(const CustomerSummary& s) {
  std::size_t repeaters = 0;
  for (auto x : s.frequency) repeaters += x > 0;
  json c = {{"customers", s.size()},
            {"repeat_customers", repeaters},
            {"repeat_transactions", s.total_repeat()},
            {"customers_after_calibration", s.customers_after_calibration},
            {"cancellation_lines", s.cancellation_lines}};
  c["holdout_transactions"] = s.holdout_end ? json(s.total_holdout()) : json(nullptr);
  return c;
}

json header_json(const CustomerSummary& s) {
  return {{"unit", time_unit_name(s.unit)},
          {"unit_days", days_per_unit(s.unit)},
          {"calibration_end", iso_date(s.calibration_end)},
          {"holdout_end", s.holdout_end ? json(iso_date(*s.holdout_end)) : json(nullptr)},
          {"counts", counts_json(s)}};
}

json customers_json(const OrderLines& lines, const CustomerSummary& s) {
  json ids = json::array(), first = json::array();
  for (std::size_t i = 0; i < s.size(); ++i) {
    ids.push_back(std::string(lines.customer_ids[s.customer[i]]));
    first.push_back(iso_date(s.first_day[i]));
  }
  json c = {{"id", ids},
            {"first_purchase", first},
            {"x", s.frequency},
            {"t_x", s.recency},
            {"T", s.age},
            {"mean_spend", s.mean_spend},
            {"first_spend", s.first_spend},
            {"revenue", s.revenue}};
  if (!s.margin.empty()) c["margin"] = s.margin;
  if (s.holdout_end) c["holdout_x"] = s.holdout_frequency;
  return c;
}

json tracking_json(const TrackingCheck& t) {
  return {{"period_days", t.period_days},
          {"period_origin", iso_date(t.period_origin)},
          {"calibration_periods", t.calibration_periods},
          {"actual", t.actual},
          {"expected", t.expected},
          {"holdout_actual", t.holdout_actual},
          {"holdout_expected", num(t.holdout_expected)},
          {"by_frequency",
           {{"x", t.freq_x}, {"customers", t.freq_count}, {"actual", t.freq_actual}, {"expected", t.freq_expected}}}};
}

ModelFit fit_model(const std::string& model, const CustomerSummary& s, const WeightedRows& rows) {
  if (model == "bgnbd") return fit_bgnbd(rows);
  if (model == "pnbd") return fit_pnbd(rows);
  if (model == "gg") return fit_gamma_gamma(s.frequency, s.mean_spend);
  throw Error("invalid_model", "model must be bgnbd, pnbd or gg (bgbb and sbg have their own ops)", "model");
}

}  // namespace

json clv_summary(const OrderLines& lines, const json& params) {
  const CustomerSummary s = summarize_checked(lines, params);
  json out = header_json(s);
  out["customers"] = customers_json(lines, s);
  return out;
}

json clv_fit(const OrderLines& lines, const json& params) {
  const std::string model = read_string(params, "model", "bgnbd");
  if (model != "bgnbd" && model != "pnbd" && model != "gg")
    throw Error("invalid_model", "model must be bgnbd, pnbd or gg (bgbb and sbg have their own ops)", "model");
  const CustomerSummary s = summarize_checked(lines, params);
  const ModelFit f = fit_model(model, s, compress_rows(s));
  json out = header_json(s);
  out["model"] = model;
  out["fit"] = fit_json(f);
  out["tracking"] = (model != "gg" && s.holdout_end) ? tracking_json(tracking_check(f, s)) : json(nullptr);
  return out;
}

json clv_predict(const OrderLines& lines, const json& params) {
  const std::string model = read_string(params, "model", "bgnbd");
  if (model != "bgnbd" && model != "pnbd")
    throw Error("invalid_model", "model must be bgnbd or pnbd for predictions", "model");
  const std::string spend = read_string(params, "spend", "gg");
  if (spend != "gg" && spend != "observed") throw Error("invalid_spend", "spend must be gg or observed", "spend");
  const CustomerSummary s = summarize_checked(lines, params);
  PredictOptions o;
  o.horizon = read_number(params, "horizon", 365.25 / days_per_unit(s.unit));
  o.annual_discount_rate = read_number(params, "discount_rate", 0.1);
  const WeightedRows rows = compress_rows(s);
  const ModelFit f = fit_model(model, s, rows);
  std::optional<ModelFit> gg;
  if (spend == "gg") gg = fit_gamma_gamma(s.frequency, s.mean_spend);
  const CustomerPredictions p = predict_customers(f, s, gg ? &*gg : nullptr, o, &rows);

  json out = header_json(s);
  out["model"] = model;
  out["horizon"] = p.horizon;
  out["horizon_unit"] = time_unit_name(s.unit);
  out["discount_rate"] = p.annual_discount_rate;
  out["discount_rate_per_period"] = p.period_discount_rate;
  out["discounting"] = "annual rate, applied at the end of each period of the unit";
  out["spend_source"] = p.spend_source;
  out["fit"] = fit_json(f);
  out["spend_fit"] = gg ? fit_json(*gg) : json(nullptr);
  std::vector<Warning> warnings = p.warnings;
  for (const Warning& w : f.warnings) warnings.push_back({model + ":" + w.code, w.message});
  if (gg)
    for (const Warning& w : gg->warnings) warnings.push_back({"gg:" + w.code, w.message});
  out["warnings"] = warnings_json(warnings);
  double te = 0, tc = 0, tr = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    te += p.expected_purchases[i];
    tc += p.clv[i];
    tr += s.revenue[i];
  }
  out["totals"] = {{"expected_purchases", num(te)}, {"clv", num(tc)}, {"revenue", num(tr)}};
  json c = customers_json(lines, s);
  c["p_alive"] = p.p_alive;
  c["expected_purchases"] = p.expected_purchases;
  c["expected_spend"] = p.expected_spend;
  c["clv"] = p.clv;
  out["customers"] = std::move(c);
  return out;
}

json clv_bgbb(const json& params) {
  const std::vector<double> x = read_numbers(params, "frequency", true);
  const std::vector<double> tx = read_numbers(params, "recency", true);
  const std::vector<double> n = read_numbers(params, "periods", true);
  std::vector<double> w = read_numbers(params, "weights", false);
  if (w.empty()) w.assign(x.size(), 1.0);
  if (x.empty()) throw Error("invalid_number", "frequency needs at least one pattern", "frequency");
  if (tx.size() != x.size() || n.size() != x.size() || w.size() != x.size())
    throw Error("invalid_number", "frequency, recency, periods and weights must have the same length", "recency");
  for (std::size_t i = 0; i < x.size(); ++i) {
    const std::size_t row = i + 1;
    const bool whole = x[i] == std::floor(x[i]) && tx[i] == std::floor(tx[i]) && n[i] == std::floor(n[i]);
    if (!whole || x[i] < 0 || n[i] < 1)
      throw Error("invalid_number", "frequency, recency and periods must be whole numbers, periods at least 1", "frequency", row);
    if (x[i] > n[i]) throw Error("invalid_number", "frequency larger than periods", "frequency", row);
    if (tx[i] > n[i]) throw Error("invalid_number", "recency larger than periods", "recency", row);
    if ((x[i] == 0) != (tx[i] == 0) || tx[i] < x[i])
      throw Error("invalid_number", "recency must be 0 exactly when frequency is 0, and at least the frequency", "recency", row);
    if (w[i] < 0) throw Error("invalid_number", "weights must not be negative", "weights", row);
  }
  const double horizon = read_number(params, "horizon", 1);
  if (!(horizon >= 1) || horizon != std::floor(horizon) || horizon > 10000)
    throw Error("invalid_horizon", "horizon must be a whole number of opportunities from 1 to 10000", "horizon");
  const ModelFit f = fit_bgbb(x, tx, n, w);
  const BgBbParams p = bgbb_params(f);
  json alive = json::array(), expected = json::array();
  for (std::size_t i = 0; i < x.size(); ++i) {
    alive.push_back(num(std::clamp(bgbb_p_alive(p, x[i], tx[i], n[i]), 0.0, 1.0)));
    expected.push_back(num(std::max(0.0, bgbb_expected_purchases(p, x[i], tx[i], n[i], horizon))));
  }
  return {{"model", "bgbb"},
          {"fit", fit_json(f)},
          {"horizon", horizon},
          {"patterns",
           {{"frequency", x}, {"recency", tx}, {"periods", n}, {"weight", w}, {"p_alive", alive}, {"expected_purchases", expected}}}};
}

json clv_sbg(const json& params) {
  const std::vector<double> alive = read_numbers(params, "alive", true);
  const ModelFit f = fit_sbg(alive);
  const SbgParams p = sbg_params(f);
  const double observed = static_cast<double>(alive.size() - 1);
  const double horizon = read_number(params, "horizon", 2 * observed);
  if (!(horizon >= 1) || horizon != std::floor(horizon) || horizon > 10000)
    throw Error("invalid_horizon", "horizon must be a whole number of periods from 1 to 10000", "horizon");
  json period = json::array(), survival = json::array(), rate = json::array(), expected = json::array(),
       actual = json::array();
  for (double t = 0; t <= horizon; t += 1) {
    const double sv = sbg_survival(p, t);
    period.push_back(t);
    survival.push_back(num(sv));
    rate.push_back(t >= 1 ? num(sbg_retention_rate(p, t)) : json(nullptr));
    expected.push_back(num(alive[0] * sv));
    actual.push_back(t <= observed ? json(alive[static_cast<std::size_t>(t)]) : json(nullptr));
  }
  return {{"model", "sbg"},
          {"fit", fit_json(f)},
          {"projection",
           {{"period", period}, {"survival", survival}, {"retention_rate", rate}, {"expected_alive", expected}, {"actual_alive", actual}}}};
}

}  // namespace kpikit::api
