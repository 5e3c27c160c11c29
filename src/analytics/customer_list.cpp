// Customer-list mode: churn rate, revenue churn, churn by segment and the
// Kaplan-Meier retention curve with a Greenwood confidence band.
// See analytics.h and docs/analytics.md.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "analytics/analytics.h"
#include "core/error.h"

namespace kpikit {

namespace {

// z with P(-z < Z < z) = level for a standard normal Z (bisection on erfc).
double normal_quantile_two_sided(double level) {
  const double target = 1.0 - level;  // = erfc(z / sqrt 2)
  double lo = 0, hi = 40;
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2;
    if (std::erfc(mid / std::sqrt(2.0)) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

std::optional<double> ratio(double num, double den) {
  if (den == 0) return std::nullopt;
  return num / den;
}

}  // namespace

SurvivalCurve kaplan_meier(const std::vector<double>& tenure, const std::vector<std::uint8_t>& churned,
                           double confidence_level) {
  if (tenure.size() != churned.size())
    throw Error("invalid_table", "tenure and churned differ in length", "churned");
  if (!(confidence_level > 0 && confidence_level < 1))
    throw Error("out_of_range", "confidence_level must be between 0 and 1", "confidence_level");
  for (double v : tenure)
    if (!std::isfinite(v) || v < 0) throw Error("invalid_tenure", "tenure must be a number >= 0", "tenure");

  const std::size_t n = tenure.size();
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return tenure[a] < tenure[b]; });

  SurvivalCurve sc;
  const double z = normal_quantile_two_sided(confidence_level);
  double s = 1.0, greenwood = 0.0;
  bool zero = false;
  std::size_t i = 0;
  while (i < n) {
    const double t = tenure[order[i]];
    std::int64_t d = 0, c = 0;
    const auto at_risk = static_cast<std::int64_t>(n - i);
    while (i < n && tenure[order[i]] == t) {
      if (churned[order[i]]) ++d;
      else ++c;
      ++i;
    }
    if (d > 0) {
      const auto nd = static_cast<double>(at_risk);
      const auto dd = static_cast<double>(d);
      s *= 1.0 - dd / nd;
      if (d == at_risk) zero = true;
      else greenwood += dd / (nd * (nd - dd));
    }
    sc.time.push_back(t);
    sc.at_risk.push_back(at_risk);
    sc.events.push_back(d);
    sc.censored.push_back(c);
    sc.survival.push_back(s);
    const double se = zero ? 0.0 : s * std::sqrt(greenwood);
    sc.lower.push_back(std::clamp(s - z * se, 0.0, 1.0));
    sc.upper.push_back(std::clamp(s + z * se, 0.0, 1.0));
    if (!sc.median && s <= 0.5) sc.median = t;
  }
  return sc;
}

CustomerListReport analyze_customer_list(const CustomerList& list, const AnalyticsOptions& o) {
  const std::size_t n = list.size();
  if (list.tenure.size() != n || list.churned.size() != n)
    throw Error("invalid_table", "customer list columns differ in length", "customers");
  const bool has_revenue = !list.monthly_revenue.empty();
  if (has_revenue && list.monthly_revenue.size() != n)
    throw Error("invalid_table", "monthly revenue column differs in length", "monthly_revenue");

  CustomerListReport rep;
  rep.tenure_column = list.tenure_column;
  rep.customers = static_cast<std::int64_t>(n);
  rep.has_revenue = has_revenue;
  double tenure_sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    tenure_sum += list.tenure[i];
    if (list.churned[i]) ++rep.churned;
    if (has_revenue) {
      rep.monthly_revenue += list.monthly_revenue[i];
      if (list.churned[i]) rep.churned_monthly_revenue += list.monthly_revenue[i];
    }
  }
  rep.survival = kaplan_meier(list.tenure, list.churned, o.confidence_level);
  rep.churn_rate = ratio(static_cast<double>(rep.churned), static_cast<double>(n));
  rep.mean_tenure = ratio(tenure_sum, static_cast<double>(n));
  if (has_revenue) rep.revenue_churn = ratio(rep.churned_monthly_revenue, rep.monthly_revenue);

  std::vector<const CategoryColumn*> cols;
  if (!o.segment_columns) {
    for (const auto& c : list.segments) cols.push_back(&c);
  } else {
    for (const std::string& name : *o.segment_columns) {
      const CategoryColumn* found = nullptr;
      for (const auto& c : list.segments)
        if (c.name == name) found = &c;
      if (!found) throw Error("unknown_column", "segment column not found: " + name, "segments");
      cols.push_back(found);
    }
  }
  for (const CategoryColumn* col : cols) {
    if (col->code.size() != n) throw Error("invalid_table", "segment column differs in length", "segments");
    ChurnBreakdown cb;
    cb.column = col->name;
    cb.label = col->labels;
    const std::size_t L = col->labels.size();
    cb.customers.assign(L, 0);
    cb.churned.assign(L, 0);
    std::vector<double> rev(L, 0), rev_churned(L, 0);
    std::vector<std::vector<double>> tenure(L);
    std::vector<std::vector<std::uint8_t>> churned(L);
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t g = col->code[i];
      if (g >= L) continue;
      ++cb.customers[g];
      if (list.churned[i]) ++cb.churned[g];
      if (has_revenue) {
        rev[g] += list.monthly_revenue[i];
        if (list.churned[i]) rev_churned[g] += list.monthly_revenue[i];
      }
      tenure[g].push_back(list.tenure[i]);
      churned[g].push_back(list.churned[i]);
    }
    for (std::size_t g = 0; g < L; ++g) {
      cb.churn_rate.push_back(ratio(static_cast<double>(cb.churned[g]), static_cast<double>(cb.customers[g])));
      if (has_revenue) cb.revenue_churn.push_back(ratio(rev_churned[g], rev[g]));
      cb.median_lifetime.push_back(kaplan_meier(tenure[g], churned[g], o.confidence_level).median);
    }
    rep.segments.push_back(std::move(cb));
  }
  return rep;
}

}  // namespace kpikit
