#pragma once
// Net Promoter Score (NPS) with a 95 % confidence interval.
//
// Definitions (docs/metrics.md, "Net Promoter Score"): answers to "how likely
// are you to recommend us?" on a 0–10 scale fall into
//   promoters  P  scores 9–10
//   passives   A  scores 7–8
//   detractors D  scores 0–6
// n = P + A + D, p = P / n, d = D / n, NPS = 100 × (p − d), in [−100, 100].
//
// Confidence interval (normal approximation): each answer is +1 (promoter),
// 0 (passive) or −1 (detractor); NPS/100 is their mean. The variance of one
// answer is p + d − (p − d)², so
//   se  = √((p + d − (p − d)²) / n)
//   moe = 1.96 × 100 × se          (margin of error, NPS points)
//   CI  = [NPS − moe, NPS + moe], clipped to [−100, 100].
// Warnings: "small_sample" when n < 30 (the normal approximation is rough and
// the interval wide); "degenerate_interval" when every answer falls in one
// group (se = 0 says nothing about the uncertainty).
//
// Conventions: scores are whole numbers 0–10; a score outside is the error
// score_out_of_range (or score_not_whole) naming its row. Counts are whole
// numbers ≥ 0; n = 0 is no_responses.
//
// Example: P = 50, A = 30, D = 20 -> n = 100, NPS = 30,
//   se = √((0.5 + 0.2 − 0.3²) / 100) = √0.0061 = 0.078102,
//   moe = 15.31, CI = [14.69, 45.31].
#include <array>
#include <vector>

#include "calc/calculator.h"

namespace kpikit {

struct NpsCounts {
  double promoters = 0;
  double passives = 0;
  double detractors = 0;
};

struct NpsResult {
  double respondents = 0;       // n
  double promoter_share = 0;    // p
  double passive_share = 0;
  double detractor_share = 0;   // d
  double nps = 0;               // 100 (p − d)
  double standard_error = 0;    // of NPS/100
  double margin_of_error = 0;   // 1.96 × 100 × se, NPS points
  double ci_low = 0;            // clipped to [−100, 100]
  double ci_high = 0;
};

// NPS from the three counts; throws Error naming the field on bad counts.
NpsResult nps_from_counts(const NpsCounts& counts);

// Counts of each score 0..10 from raw scores; throws Error
// ("score_out_of_range" / "score_not_whole", field "scores", row) on a bad score.
// rows[i] is the 1-based row of scores[i] (empty: i + 1).
std::array<double, 11> score_distribution(const std::vector<double>& scores,
                                          const std::vector<std::size_t>& rows = {});

// Promoters, passives and detractors of a score distribution.
NpsCounts nps_counts_from_distribution(const std::array<double, 11>& distribution);

// The "nps" calculator: either `scores` (a list) or the three counts.
Calculator nps_calculator();

}  // namespace kpikit
