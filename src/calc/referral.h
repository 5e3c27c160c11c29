#pragma once
// Referral share: the share of new customers won through recommendations.
//
// Definition (docs/metrics.md, "Referral share"; article 003
// "Empfehlungslinks": count the new customers who bought because of a
// referral):
//   F  new customers who came through a referral (link, code, programme)
//   N  all new customers of the same period
//   referral share = F / N
//
// Conventions: F, N whole numbers ≥ 0; N > 0 (zero_new); F ≤ N
// (referred_above_new: referred customers are part of the new customers).
//
// Example: F = 36, N = 240 -> 36 / 240 = 15 %.
#include "calc/calculator.h"

namespace kpikit {

// F / N; throws Error naming the field on bad counts.
double referral_share(double referred, double new_customers);

// The "referral" calculator: inputs referred (F) and new (N).
Calculator referral_calculator();

}  // namespace kpikit
