#pragma once
// Acquisition vs retention cost: customer acquisition cost (CAC), cost to
// retain a customer, their ratio, and CLV:CAC when a CLV is given.
//
// Definitions (docs/metrics.md, "Acquisition vs retention cost"):
//   CAC             = acquisition spend / new customers won with it
//   cost to retain  = retention spend / customers retained in the same period
//   CAC ratio       = CAC / cost to retain   ("winning a customer costs k×
//                     keeping one"; the articles claim 5–7×, article 000
//                     "6 bis 7 Mal", article 001 "mindestens fünfmal")
//   CLV:CAC         = CLV / CAC              (optional CLV input)
//
// Conventions: spends are money ≥ 0 for the same period and currency;
// customer counts whole ≥ 0. New customers > 0 (zero_new); the retention
// pair is optional but comes together (missing names the absent one);
// retained customers > 0 (zero_retained). With zero retention spend the
// ratio is undefined: it is left out with the warning "no_retention_spend".
//
// Example: acquisition spend 30,000 for 200 new customers -> CAC 150;
//   retention spend 12,000 for 500 retained customers -> 24 per customer;
//   ratio 150 / 24 = 6.25×; with CLV 600: CLV:CAC = 4×.
#include <optional>

#include "calc/calculator.h"

namespace kpikit {

struct AcquisitionInputs {
  double acquisition_spend = 0;
  double new_customers = 0;
  std::optional<double> retention_spend;   // with retained
  std::optional<double> retained;
  std::optional<double> clv;
};

struct AcquisitionResult {
  double cac = 0;
  std::optional<double> cost_to_retain;
  std::optional<double> cac_ratio;   // CAC / cost to retain, when cost to retain > 0
  std::optional<double> clv_cac;     // CLV / CAC, when CLV given and CAC > 0
};

AcquisitionResult acquisition_costs(const AcquisitionInputs& in);

// The "cac" calculator.
Calculator cac_calculator();

}  // namespace kpikit
