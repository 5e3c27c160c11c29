#pragma once
// Customer retention rate (CRR) and churn rate of one period.
//
// Definitions (docs/metrics.md, "Retention and churn"):
//   S  customers at the start of the period
//   E  customers at the end of the period (including new customers still there)
//   N  new customers won during the period
//   retained R = E - N          customers of the start still there at the end
//   lost     L = S + N - E      customers who left during the period
//   CRR      = (E - N) / S      churn rate = L / S,   CRR + churn = 1
//
// Conventions: S, E, N are counts (whole numbers >= 0); S > 0 (the rates are
// undefined for a period that starts without customers); E >= N (otherwise
// more customers were lost than existed at the start, L > S) and E <= S + N
// (otherwise customers appeared that are neither old nor new, L < 0).
//
// Example: S = 150, E = 162, N = 30  ->  R = 132, L = 18, CRR = 0.88, churn = 0.12.
#include "calc/calculator.h"

namespace kpikit {

struct PeriodCounts {
  double start = 0;          // S
  double end = 0;            // E
  double new_customers = 0;  // N
};

struct RetentionResult {
  double retained = 0;        // R = E - N
  double lost = 0;            // L = S + N - E
  double retention_rate = 0;  // CRR = R / S, in [0, 1]
  double churn_rate = 0;      // L / S, in [0, 1]
};

// Computes CRR and churn; throws kpikit::Error naming the field on bad input.
RetentionResult retention_from_counts(const PeriodCounts& counts);

// The calculators "crr" and "churn" for the registry (same inputs, different headline).
Calculator crr_calculator();
Calculator churn_calculator();

}  // namespace kpikit
