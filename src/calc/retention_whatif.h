#pragma once
// Retention what-if: how CLV, expected customer lifetime and the value of
// the customer base change when retention moves by x percentage points.
//
// Definitions (docs/metrics.md, "Retention what-if"), per period:
//   r  retention rate, m margin per customer, d discount rate, N customers
//   CLV(r)      = m × r / (1 + d − r)        (clv_margin in calc/clv_formula.h)
//   lifetime(r) = 1 / (1 − r)                expected periods, current one counted
//   profit(r)   = N × CLV(r)                 discounted future margin of the base
//   change      = CLV(r + x) / CLV(r) − 1    (profit changes by the same factor)
// The table holds r + k·x for k = −3 … 3, keeping rows with 0 ≤ r + k·x < 1.
//
// The articles' claims, tested with this formula (d = 10 %):
//   "+10 % retention -> +20 % CLV" (article 004): a relative +10 % (r -> 1.1 r)
//   gives exactly +20 % only at r = (1 + d) / 2.2 = 50 %, and +50 % at
//   r = 80 %. Read as +10 points the change is never below +44 % (its
//   minimum, at r = 50 %); at r = 80 % it is +68.75 %.
//   "+5 % retention -> +25–95 % profit" (article 000; profit of the base is
//   N × CLV, so it moves like CLV): +5 points gives at least +19.95 % (near
//   r = 52.5 %), +25 % or more for r ≤ 28.9 % or r ≥ 76.1 %, and +95 % or
//   more only for r ≤ 5.8 % (at r = 94 % the move gives +53 %).
//
// Conventions: 0 < r < 1 (not_positive, retention_too_high), m > 0, d ≥ 0,
// N whole ≥ 0, x > 0 and r + x < 1 (change_too_large).
//
// Example: r 80 %, m 100, d 10 %, N 1000, x 5 points ->
//   CLV 80/0.3 = 266.67 -> 85/0.25 = 340 (+27.5 %); lifetime 5 -> 6.67;
//   profit 266,666.67 -> 340,000.
#include "calc/calculator.h"

namespace kpikit {

struct WhatIfInputs {
  double retention = 0;  // r
  double margin = 0;     // m
  double discount = 0;   // d
  double customers = 0;  // N
  double change = 0;     // x, percentage points as a fraction (0.05)
};

struct WhatIfPoint {
  double retention = 0;
  double clv = 0;
  double lifetime = 0;
  double profit = 0;
  double clv_change = 0;  // relative to the current retention
};

struct WhatIfResult {
  WhatIfPoint now;                // at r
  WhatIfPoint moved;              // at r + x
  std::vector<WhatIfPoint> rows;  // r + k·x, k = −3..3, within [0, 1)
};

WhatIfResult retention_whatif(const WhatIfInputs& in);

// The "retention_whatif" calculator.
Calculator retention_whatif_calculator();

}  // namespace kpikit
