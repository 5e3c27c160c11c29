#pragma once
// Customer lifetime value from a formula with the user's own estimates: the
// three formulas free calculators and the articles use. (The predictive
// models fitted on transactions live in clv/; these need no data file.)
//
// Definitions (docs/metrics.md, "Customer lifetime value: formulas"):
//
// clv_basic    CLV = AOV × F × L (× g)
//   AOV average order value (money), F purchases per customer per year,
//   L expected customer lifespan in years, g gross margin (optional percent;
//   without it the result is lifetime revenue, not value). No discounting.
//   Example: AOV 50, F 4, L 3, g 30 % -> revenue 600, CLV 180.
//
// clv_margin   CLV = m × r / (1 + d − r)
//   m margin per customer per period (money), r retention rate per period,
//   d discount rate per period. The margin of period t is earned if the
//   customer is still there (probability r^t) and discounted by (1 + d)^t,
//   t = 1, 2, …: Σ m r^t / (1 + d)^t = m r / (1 + d − r). The margin of the
//   current period (t = 0) is not included. Expected lifetime 1 / (1 − r)
//   periods (the current one counted). Requires 0 ≤ r < 1 (retention_too_high).
//   Example: m 100, r 80 %, d 10 % -> 100 × 0.8 / 0.3 = 266.67; lifetime 5.
//
// clv_arpu     CLV = ARPU × g / c
//   ARPU average revenue per user per month, c monthly churn rate (> 0),
//   g gross margin (optional, default 100 %). Expected lifetime 1 / c months.
//   Example: ARPU 30, c 5 %, g 70 % -> 30 × 0.7 / 0.05 = 420; lifetime 20 months.
#include <optional>

#include "calc/calculator.h"

namespace kpikit {

struct BasicClv {
  double annual_revenue = 0;    // AOV × F
  double lifetime_revenue = 0;  // AOV × F × L
  double clv = 0;               // × g when given, else = lifetime revenue
};
BasicClv clv_basic(double aov, double frequency, double lifespan, std::optional<double> gross_margin);

struct MarginClv {
  double clv = 0;       // m r / (1 + d − r)
  double lifetime = 0;  // 1 / (1 − r) periods
};
MarginClv clv_margin(double margin, double retention, double discount);

struct ArpuClv {
  double clv = 0;       // ARPU × g / c
  double lifetime = 0;  // 1 / c months
};
ArpuClv clv_arpu(double arpu, double churn, std::optional<double> gross_margin);

Calculator clv_basic_calculator();
Calculator clv_margin_calculator();
Calculator clv_arpu_calculator();

}  // namespace kpikit
