#pragma once
// Upsell conversion rate: the share of customers who bought more than one
// product type.
//
// Definition (docs/metrics.md, "Upsell conversion rate"; article 003
// "Upselling-Konversionsraten": customers who bought more than one product
// type, compared with those who bought only one):
//   M  customers who bought more than one product type
//   S  customers who bought exactly one product type
//   upsell rate        = M / (M + S)      share of all buying customers
//   multi per single   = M / S            the article's "compared with"
// The headline is the share, which stays within 0–100 %; M / S (a ratio,
// above 1 when most customers buy several types) is shown beside it when
// S > 0.
//
// Conventions: M, S whole numbers ≥ 0; M + S > 0 (no_customers).
//
// Example: M = 120, S = 480 -> 120 / 600 = 20 %; M / S = 0.25.
#include "calc/calculator.h"

namespace kpikit {

struct UpsellResult {
  double customers = 0;     // M + S
  double rate = 0;          // M / (M + S)
  double per_single = 0;    // M / S, 0 when S = 0 (not shown then)
};

UpsellResult upsell_rate(double multi, double single);

// The "upsell" calculator: inputs upsold (M) and single (S).
Calculator upsell_calculator();

}  // namespace kpikit
