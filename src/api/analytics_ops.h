#pragma once
// JSON adapter of the retention analytics (analytics/analytics.h).
//
// Params (all optional; unknown keys are ignored so the same object can carry
// the ingestion params; docs/analytics.md "Parameters"):
//   period            "month" | "quarter" | "year"                 default "month"
//   inactivity_days   integer >= 1: days without purchase until lost  default 365
//   reference_date    "yyyy-mm-dd" end of the observation           default last day of data
//   segments          [column names] for the breakdowns; null = all  default null
//   referral_patterns [substrings] marking a channel as referral    default see docs
//   rfm_monetary      "total" | "average"                           default "total"
//   rfm_customers     bool: include the per-customer RFM table      default false
//   confidence_level  number in (0, 1) for the Kaplan-Meier band     default 0.95
// Bad values throw kpikit::Error naming the field (code "invalid_option").
//
// Result of analyze_orders (one object; tables are columnar: an object of
// equal-length arrays; null = empty or not reached, never NaN):
//   {"mode":"orders", "options":{...effective options...},
//    "range":{first_day, last_day, reference_date, lines, purchase_lines,
//             cancellation_lines, lines_after_reference, purchase_revenue, cancelled_revenue},
//    "totals":{customers, orders, revenue},
//    "periods":{label:[], start:[], end:[], incomplete:[], customers_start:[], new_customers:[],
//               reactivated:[], lost:[], customers_end:[], crr:[], churn:[], active:[], orders:[],
//               revenue:[], new_revenue:[], returning_revenue:[], orders_per_customer:[],
//               average_order_value:[], revenue_per_customer:[] (+ margin, new_margin,
//               returning_margin when a margin column is mapped)},
//    "cohorts":{cohort:[], size:[], active:[[]], retention:[[]], revenue:[[]], revenue_retention:[[]]},
//    "repeat":{customers, repeat_customers, repeat_purchase_rate, orders, revenue, orders_per_customer,
//              average_order_value, revenue_per_customer, purchase_gaps, median_days_between_orders,
//              contacts, contact_density},
//    "cross_sell":{available, customers, multi_product_customers, rate},
//    "referral":{available, new_customers, referred_customers, share, labels:[]},
//    "segments":[{column, label:[], customers:[], existing:[], lost:[], retention:[], churn:[],
//                 repeat_customers:[], repeat_purchase_rate:[], orders:[], orders_per_customer:[],
//                 revenue:[], revenue_per_customer:[]}],
//    "rfm":{reference_date, segments:{name:[], customers:[], revenue:[]},
//           customers:{id:[], recency:[], frequency:[], monetary:[], r:[], f:[], m:[], segment:[]}},
//    "warnings":[strings]}
// Result of analyze_customers:
//   {"mode":"customers", "options":{...}, customers, churned, churn_rate, revenue_available,
//    monthly_revenue, churned_monthly_revenue, revenue_churn, mean_tenure,
//    "survival":{time:[], at_risk:[], events:[], censored:[], survival:[], lower:[], upper:[],
//                median, confidence_level},
//    "segments":[{column, label:[], customers:[], churned:[], churn_rate:[], revenue_churn:[],
//                 median_lifetime:[]}], "warnings":[]}
//
// Example: analyze_orders(lines, {{"period","quarter"},{"inactivity_days",180}})["periods"]["crr"]
#include <nlohmann/json.hpp>

#include "analytics/analytics.h"
#include "data/order_lines.h"

namespace kpikit::api {

AnalyticsOptions analytics_options_from_json(const nlohmann::json& params);
nlohmann::json analytics_options_to_json(const AnalyticsOptions& options);

nlohmann::json analyze_orders(const OrderLines& lines, const nlohmann::json& params);
nlohmann::json analyze_customers(const CustomerList& list, const nlohmann::json& params);

// The RFM customer list as CSV text (see rfm_csv in analytics.h): params as for
// analyze_orders plus "rfm_segment": a segment name ("At Risk") to export only
// that segment (unknown name: Error invalid_option, field "rfm_segment").
// Result: {"csv": "customer_id,recency_days,...\n...", "rows": n, "segment": name or null}
nlohmann::json rfm_customers_csv(const OrderLines& lines, const nlohmann::json& params);

// The report objects as JSON (used by analyze_orders / analyze_customers).
nlohmann::json orders_report_to_json(const OrderLines& lines, const OrdersReport& report,
                                     const AnalyticsOptions& options);
nlohmann::json customer_list_report_to_json(const CustomerListReport& report, const AnalyticsOptions& options);

}  // namespace kpikit::api
