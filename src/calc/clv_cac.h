#pragma once
// CLV:CAC ratio with a verdict band, and CAC payback in months.
//
// Definitions (docs/metrics.md, "CLV:CAC and payback"):
//   ratio    = CLV / CAC
//   payback  = CAC / monthly margin per customer   (months until the
//              acquisition cost is earned back; optional input)
//   verdict  losing_money   ratio < 1   (each customer costs more than it brings)
//            below_target   1 ≤ ratio < 3
//            healthy        3 ≤ ratio ≤ 5   (the common rule of thumb "≈ 3:1")
//            underinvesting ratio > 5   (growth may be left on the table)
// The bands are a rule of thumb of subscription businesses, not a law; CLV
// and CAC must be for the same customers, CLV as margin (not revenue).
//
// Conventions: CLV ≥ 0, CAC > 0 (not_positive), monthly margin > 0.
//
// Example: CLV 600, CAC 150 -> 4× (healthy); monthly margin 25 -> payback 6 months.
#include <optional>
#include <string>

#include "calc/calculator.h"

namespace kpikit {

struct ClvCacResult {
  double ratio = 0;
  std::optional<double> payback_months;
  std::string verdict;  // losing_money | below_target | healthy | underinvesting
};

ClvCacResult clv_cac(double clv, double cac, std::optional<double> monthly_margin);

// The verdict band of a CLV:CAC ratio (see above).
std::string clv_cac_verdict(double ratio);

Calculator clv_cac_calculator();

}  // namespace kpikit
