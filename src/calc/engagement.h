#pragma once
// Customer engagement rate (CER) of social media posts.
//
// Definition (docs/metrics.md, "Customer engagement rate"; the article
// 002 "Customer-Engagement-Rate": likes, comments, shares of a post):
//   rate of post i   = interactions_i / reach_i
//   engagement rate  = (rate_1 + … + rate_n) / n     (average per post)
//   pooled rate      = Σ interactions / Σ reach      (all posts as one)
// Interactions are whole counts ≥ 0 (likes + comments + shares + saves …);
// reach is the number of people who saw the post, or the follower count
// (state which one you use: rates by followers are not comparable with
// rates by reach). Reach must be > 0 (zero_reach, naming the row).
// Posts pair up by position: the first interactions value with the first
// reach value. A single reach value applies to every post (followers).
// The average per post weights every post equally; the pooled rate weights
// posts by reach. A rate above 100 % is allowed (interactions by
// non-followers) but warned ("rate_above_100").
//
// Example: interactions 120, 45, 300 with reach 2000, 1500, 5000 ->
//   rates 6 %, 3 %, 6 %; average 5 %; pooled 465 / 8500 = 5.47 %.
#include <cstddef>
#include <vector>

#include "calc/calculator.h"

namespace kpikit {

struct EngagementResult {
  std::vector<double> rates;      // per post
  double average_rate = 0;        // mean of rates
  double pooled_rate = 0;         // Σ interactions / Σ reach
  double total_interactions = 0;
  double total_reach = 0;
  double rate_sum = 0;
};

// Engagement of posts; reach has one value per post or a single value for all.
// irows / rrows are the 1-based rows of the values for error messages
// (empty: index + 1). Throws Error naming field and row.
EngagementResult engagement_rate(const std::vector<double>& interactions, const std::vector<double>& reach,
                                 const std::vector<std::size_t>& irows = {},
                                 const std::vector<std::size_t>& rrows = {});

// The "engagement" calculator: list inputs `interactions` and `reach`.
Calculator engagement_calculator();

}  // namespace kpikit
