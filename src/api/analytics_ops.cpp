#include "api/analytics_ops.h"

#include <cmath>

#include "api/warnings_json.h"
#include "core/error.h"

namespace kpikit::api {

using nlohmann::json;

namespace {

const char* period_name(PeriodUnit u) {
  switch (u) {
    case PeriodUnit::month: return "month";
    case PeriodUnit::quarter: return "quarter";
    case PeriodUnit::year: return "year";
  }
  return "month";
}

// The value of key, or nullptr when absent or null.
const json* option(const json& params, const char* key) {
  if (!params.is_object()) return nullptr;
  const auto it = params.find(key);
  if (it == params.end() || it->is_null()) return nullptr;
  return &*it;
}

[[noreturn]] void bad(const std::string& field, const std::string& message) {
  throw Error("invalid_option", message, field);
}

std::vector<std::string> string_list(const json& v, const std::string& field) {
  if (!v.is_array()) bad(field, field + " must be a list of strings");
  std::vector<std::string> out;
  for (const auto& s : v) {
    if (!s.is_string()) bad(field, field + " must be a list of strings");
    out.push_back(s.get<std::string>());
  }
  return out;
}

// JSON for an optional number: null when absent or not finite.
json num(const std::optional<double>& v) {
  if (!v || !std::isfinite(*v)) return nullptr;
  return *v;
}
json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

template <typename T>
json column(const std::vector<T>& v) {
  json a = json::array();
  a.get_ref<json::array_t&>().reserve(v.size());
  for (const auto& x : v) a.push_back(x);
  return a;
}
json column(const std::vector<double>& v) {
  json a = json::array();
  for (double x : v) a.push_back(num(x));
  return a;
}
json column(const std::vector<std::optional<double>>& v) {
  json a = json::array();
  for (const auto& x : v) a.push_back(num(x));
  return a;
}
json column(const std::vector<std::uint8_t>& v) {
  json a = json::array();
  for (auto x : v) a.push_back(static_cast<int>(x));
  return a;
}
json day_column(const std::vector<Day>& v) {
  json a = json::array();
  for (Day d : v) a.push_back(format_day(d));
  return a;
}
template <typename T>
json matrix(const std::vector<std::vector<std::optional<T>>>& m) {
  json rows = json::array();
  for (const auto& row : m) {
    json r = json::array();
    for (const auto& cell : row) {
      if (!cell) r.push_back(nullptr);
      else if constexpr (std::is_floating_point_v<T>) r.push_back(num(*cell));
      else r.push_back(*cell);
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

json periods_json(const PeriodTable& p) {
  json j = {{"label", p.label},
            {"start", day_column(p.start)},
            {"end", day_column(p.end)},
            {"incomplete", json::array()},
            {"customers_start", p.customers_start},
            {"new_customers", p.new_customers},
            {"reactivated", p.reactivated},
            {"lost", p.lost},
            {"customers_end", p.customers_end},
            {"crr", column(p.crr)},
            {"churn", column(p.churn)},
            {"active", p.active},
            {"orders", p.orders},
            {"revenue", column(p.revenue)},
            {"new_revenue", column(p.new_revenue)},
            {"returning_revenue", column(p.returning_revenue)},
            {"orders_per_customer", column(p.orders_per_customer)},
            {"average_order_value", column(p.average_order_value)},
            {"revenue_per_customer", column(p.revenue_per_customer)}};
  for (auto f : p.incomplete) j["incomplete"].push_back(f != 0);
  if (!p.margin.empty()) {
    j["margin"] = column(p.margin);
    j["new_margin"] = column(p.new_margin);
    j["returning_margin"] = column(p.returning_margin);
  }
  return j;
}

json segments_json(const std::vector<SegmentBreakdown>& segs) {
  json a = json::array();
  for (const auto& s : segs) {
    a.push_back({{"column", s.column},
                 {"label", s.label},
                 {"customers", s.customers},
                 {"existing", s.existing},
                 {"lost", s.lost},
                 {"retention", column(s.retention)},
                 {"churn", column(s.churn)},
                 {"repeat_customers", s.repeat_customers},
                 {"repeat_purchase_rate", column(s.repeat_purchase_rate)},
                 {"orders", s.orders},
                 {"orders_per_customer", column(s.orders_per_customer)},
                 {"revenue", column(s.revenue)},
                 {"revenue_per_customer", column(s.revenue_per_customer)}});
  }
  return a;
}

json rfm_json(const OrderLines& lines, const RfmTable& t, bool with_customers) {
  json names = json::array();
  for (int s = 0; s < kRfmSegmentCount; ++s) names.push_back(rfm_segment_name(static_cast<RfmSegment>(s)));
  json j = {{"reference_date", format_day(t.reference_date)},
            {"segments", {{"name", names}, {"customers", t.segment_customers}, {"revenue", column(t.segment_revenue)}}}};
  if (!with_customers) {
    j["customers"] = nullptr;
    return j;
  }
  json ids = json::array(), seg = json::array();
  ids.get_ref<json::array_t&>().reserve(t.customer.size());
  seg.get_ref<json::array_t&>().reserve(t.customer.size());
  for (std::size_t k = 0; k < t.customer.size(); ++k) {
    const std::uint32_t c = t.customer[k];
    ids.push_back(c < lines.customer_ids.size() ? std::string(lines.customer_ids[c]) : std::to_string(c));
    seg.push_back(rfm_segment_name(t.segment[k]));
  }
  j["customers"] = {{"id", std::move(ids)},       {"recency", t.recency}, {"frequency", t.frequency},
                    {"monetary", column(t.monetary)}, {"r", column(t.r)},    {"f", column(t.f)},
                    {"m", column(t.m)},           {"segment", std::move(seg)}};
  return j;
}

}  // namespace

AnalyticsOptions analytics_options_from_json(const json& params) {
  AnalyticsOptions o;
  if (!params.is_null() && !params.is_object()) throw Error("invalid_request", "params must be an object", "params");
  if (const json* v = option(params, "period")) {
    const std::string s = v->is_string() ? v->get<std::string>() : "";
    if (s == "month") o.period = PeriodUnit::month;
    else if (s == "quarter") o.period = PeriodUnit::quarter;
    else if (s == "year") o.period = PeriodUnit::year;
    else bad("period", "period must be \"month\", \"quarter\" or \"year\"");
  }
  if (const json* v = option(params, "inactivity_days")) {
    const double d = v->is_number() ? v->get<double>() : -1;
    if (!v->is_number() || d != std::floor(d) || d < 1 || d > 100000)
      bad("inactivity_days", "inactivity_days must be a whole number of days from 1 to 100000");
    o.inactivity_days = static_cast<std::int32_t>(d);
  }
  if (const json* v = option(params, "reference_date")) {
    const auto day = v->is_string() ? parse_iso_day(v->get<std::string>()) : std::nullopt;
    if (!day) bad("reference_date", "reference_date must be a date written yyyy-mm-dd");
    o.reference_date = *day;
  }
  if (const json* v = option(params, "segments")) o.segment_columns = string_list(*v, "segments");
  if (const json* v = option(params, "referral_patterns"))
    o.referral_patterns = string_list(*v, "referral_patterns");
  if (const json* v = option(params, "rfm_monetary")) {
    const std::string s = v->is_string() ? v->get<std::string>() : "";
    if (s == "total") o.rfm_monetary = RfmMonetary::total;
    else if (s == "average") o.rfm_monetary = RfmMonetary::average;
    else bad("rfm_monetary", "rfm_monetary must be \"total\" or \"average\"");
  }
  if (const json* v = option(params, "rfm_customers")) {
    if (!v->is_boolean()) bad("rfm_customers", "rfm_customers must be true or false");
    o.rfm_customer_list = v->get<bool>();
  }
  if (const json* v = option(params, "confidence_level")) {
    const double c = v->is_number() ? v->get<double>() : -1;
    if (!(c > 0 && c < 1)) bad("confidence_level", "confidence_level must be a number between 0 and 1");
    o.confidence_level = c;
  }
  return o;
}

json analytics_options_to_json(const AnalyticsOptions& o) {
  return {{"period", period_name(o.period)},
          {"inactivity_days", o.inactivity_days},
          {"reference_date", o.reference_date ? json(format_day(*o.reference_date)) : json(nullptr)},
          {"segments", o.segment_columns ? json(*o.segment_columns) : json(nullptr)},
          {"referral_patterns", o.referral_patterns},
          {"rfm_monetary", o.rfm_monetary == RfmMonetary::average ? "average" : "total"},
          {"rfm_customers", o.rfm_customer_list},
          {"confidence_level", o.confidence_level}};
}

json orders_report_to_json(const OrderLines& lines, const OrdersReport& r, const AnalyticsOptions& o) {
  const DataRange& g = r.range;
  const bool has_range = !r.periods.label.empty();
  const RepeatBehaviour& b = r.repeat;
  const CohortMatrix& c = r.cohorts;
  json j;
  j["mode"] = "orders";
  j["options"] = analytics_options_to_json(o);
  j["range"] = {{"first_day", has_range ? json(format_day(g.first_day)) : json(nullptr)},
                {"last_day", has_range ? json(format_day(g.last_day)) : json(nullptr)},
                {"reference_date", has_range ? json(format_day(g.reference_date)) : json(nullptr)},
                {"lines", g.lines},
                {"purchase_lines", g.purchase_lines},
                {"cancellation_lines", g.cancellation_lines},
                {"lines_after_reference", g.lines_after_reference},
                {"purchase_revenue", num(g.purchase_revenue)},
                {"cancelled_revenue", num(g.cancelled_revenue)}};
  j["totals"] = {{"customers", b.customers}, {"orders", b.orders}, {"revenue", num(b.revenue)}};
  j["periods"] = periods_json(r.periods);
  j["cohorts"] = {{"cohort", c.cohort},
                  {"size", c.size},
                  {"active", matrix(c.active)},
                  {"retention", matrix(c.retention)},
                  {"revenue", matrix(c.revenue)},
                  {"revenue_retention", matrix(c.revenue_retention)}};
  j["repeat"] = {{"customers", b.customers},
                 {"repeat_customers", b.repeat_customers},
                 {"repeat_purchase_rate", num(b.repeat_purchase_rate)},
                 {"orders", b.orders},
                 {"revenue", num(b.revenue)},
                 {"orders_per_customer", num(b.orders_per_customer)},
                 {"average_order_value", num(b.average_order_value)},
                 {"revenue_per_customer", num(b.revenue_per_customer)},
                 {"purchase_gaps", b.purchase_gaps},
                 {"median_days_between_orders", num(b.median_days_between_orders)},
                 {"contacts", b.has_contacts ? num(b.contacts) : json(nullptr)},
                 {"contact_density", num(b.contact_density)}};
  j["cross_sell"] = {{"available", b.has_product},
                     {"customers", b.customers},
                     {"multi_product_customers", b.has_product ? json(b.multi_product_customers) : json(nullptr)},
                     {"rate", num(b.cross_sell_rate)}};
  j["referral"] = {{"available", b.has_channel},
                   {"new_customers", b.has_channel ? json(b.new_customers) : json(nullptr)},
                   {"referred_customers", b.has_channel ? json(b.referred_customers) : json(nullptr)},
                   {"share", num(b.referral_share)},
                   {"labels", b.referral_labels}};
  j["segments"] = segments_json(r.segments);
  j["rfm"] = rfm_json(lines, r.rfm, o.rfm_customer_list);
  j["warnings"] = warnings_json(r.warnings);
  return j;
}

json customer_list_report_to_json(const CustomerListReport& r, const AnalyticsOptions& o) {
  const SurvivalCurve& s = r.survival;
  json segs = json::array();
  for (const auto& c : r.segments)
    segs.push_back({{"column", c.column},
                    {"label", c.label},
                    {"customers", c.customers},
                    {"churned", c.churned},
                    {"churn_rate", column(c.churn_rate)},
                    {"revenue_churn", r.has_revenue ? column(c.revenue_churn) : json(nullptr)},
                    {"median_lifetime", column(c.median_lifetime)}});
  return {{"mode", "customers"},
          {"options", analytics_options_to_json(o)},
          {"customers", r.customers},
          {"churned", r.churned},
          {"churn_rate", num(r.churn_rate)},
          {"revenue_available", r.has_revenue},
          {"monthly_revenue", r.has_revenue ? num(r.monthly_revenue) : json(nullptr)},
          {"churned_monthly_revenue", r.has_revenue ? num(r.churned_monthly_revenue) : json(nullptr)},
          {"revenue_churn", num(r.revenue_churn)},
          {"mean_tenure", num(r.mean_tenure)},
          // The unit of tenure, of the survival times and of the medians.
          {"tenure_unit", r.tenure_column.empty() ? "months" : "column"},
          {"tenure_column", r.tenure_column.empty() ? json(nullptr) : json(r.tenure_column)},
          {"survival",
           {{"time", column(s.time)},
            {"at_risk", s.at_risk},
            {"events", s.events},
            {"censored", s.censored},
            {"survival", column(s.survival)},
            {"lower", column(s.lower)},
            {"upper", column(s.upper)},
            {"median", num(s.median)},
            {"confidence_level", o.confidence_level}}},
          {"segments", segs},
          {"warnings", warnings_json(r.warnings)}};
}

json analyze_orders(const OrderLines& lines, const json& params) {
  const AnalyticsOptions o = analytics_options_from_json(params);
  return orders_report_to_json(lines, analyze_order_lines(lines, o), o);
}

json rfm_customers_csv(const OrderLines& lines, const json& params) {
  const AnalyticsOptions o = analytics_options_from_json(params);
  std::optional<RfmSegment> only;
  if (const json* v = option(params, "rfm_segment")) {
    only = v->is_string() ? rfm_segment_from_name(v->get<std::string>()) : std::nullopt;
    if (!only) bad("rfm_segment", "rfm_segment must be the name of an RFM segment, e.g. \"At Risk\"");
  }
  const OrdersReport r = analyze_order_lines(lines, o);
  std::int64_t rows = 0;
  for (RfmSegment s : r.rfm.segment) rows += !only || s == *only;
  return {{"csv", rfm_csv(lines, r.rfm, only)},
          {"rows", rows},
          {"segment", only ? json(rfm_segment_name(*only)) : json(nullptr)}};
}

json analyze_customers(const CustomerList& list, const json& params) {
  const AnalyticsOptions o = analytics_options_from_json(params);
  return customer_list_report_to_json(analyze_customer_list(list, o), o);
}

}  // namespace kpikit::api
