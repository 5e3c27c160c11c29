#include "calc/nps.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "calc/validate.h"
#include "core/error.h"

namespace kpikit {

namespace {
constexpr double kZ95 = 1.959963984540054;  // two-sided 95 % normal quantile
constexpr double kSmallSample = 30;
}  // namespace

NpsResult nps_from_counts(const NpsCounts& counts) {
  detail::require_count(counts.promoters, "promoters");
  detail::require_count(counts.passives, "passives");
  detail::require_count(counts.detractors, "detractors");
  NpsResult r;
  r.respondents = counts.promoters + counts.passives + counts.detractors;
  if (r.respondents == 0)
    throw Error("no_responses", "at least one response is needed: promoters + passives + detractors is 0", "promoters");
  const double n = r.respondents;
  const double p = counts.promoters / n;
  const double d = counts.detractors / n;
  r.promoter_share = p;
  r.passive_share = counts.passives / n;
  r.detractor_share = d;
  r.nps = 100.0 * (p - d);
  const double variance = std::max(0.0, p + d - (p - d) * (p - d));
  r.standard_error = std::sqrt(variance / n);
  r.margin_of_error = kZ95 * 100.0 * r.standard_error;
  r.ci_low = std::max(-100.0, r.nps - r.margin_of_error);
  r.ci_high = std::min(100.0, r.nps + r.margin_of_error);
  return r;
}

std::array<double, 11> score_distribution(const std::vector<double>& scores, const std::vector<std::size_t>& rows) {
  std::array<double, 11> counts{};
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const double s = scores[i];
    const std::size_t row = i < rows.size() ? rows[i] : i + 1;
    const std::string where = "row " + std::to_string(row) + ": score ";
    if (!std::isfinite(s) || s < 0 || s > 10) {
      throw Error("score_out_of_range", where + detail::format_number(s) + " is outside 0 to 10", "scores", row);
    }
    if (std::floor(s) != s) throw Error("score_not_whole", where + "must be a whole number 0 to 10", "scores", row);
    counts[static_cast<std::size_t>(s)] += 1;
  }
  return counts;
}

NpsCounts nps_counts_from_distribution(const std::array<double, 11>& distribution) {
  NpsCounts c;
  for (std::size_t s = 0; s <= 10; ++s) {
    if (s >= 9) c.promoters += distribution[s];
    else if (s >= 7) c.passives += distribution[s];
    else c.detractors += distribution[s];
  }
  return c;
}

namespace {

CalcOutcome nps_outcome(const CalcInputValues& in) {
  const CalcList& scores = list_input(in, "scores");
  const bool any_count = in.count("promoters") || in.count("passives") || in.count("detractors");
  CalcOutcome out;
  NpsCounts counts;
  if (!scores.values.empty()) {
    if (any_count)
      throw Error("scores_and_counts", "give either scores or the three counts, not both", "scores");
    const auto distribution = score_distribution(scores.values, scores.rows);
    counts = nps_counts_from_distribution(distribution);
    CalcTable table{"distribution", {"score", "responses", "share"}, {Unit::count, Unit::count, Unit::percent}, {}, {}};
    const double n = static_cast<double>(scores.values.size());
    for (std::size_t s = 0; s <= 10; ++s)
      table.rows.push_back({static_cast<double>(s), distribution[s], distribution[s] / n});
    out.tables.push_back(table);
  } else {
    if (!any_count) throw Error("missing", "give the scores or the counts of promoters, passives and detractors", "promoters");
    counts = {input_value(in, "promoters"), input_value(in, "passives"), input_value(in, "detractors")};
  }
  const NpsResult r = nps_from_counts(counts);
  out.primary = "nps";
  out.values = {{"nps", r.nps, Unit::number},
                {"moe", r.margin_of_error, Unit::number},
                {"ci_low", r.ci_low, Unit::number},
                {"ci_high", r.ci_high, Unit::number},
                {"promoters_share", r.promoter_share, Unit::percent},
                {"passives_share", r.passive_share, Unit::percent},
                {"detractors_share", r.detractor_share, Unit::percent},
                {"respondents", r.respondents, Unit::count},
                {"promoters", counts.promoters, Unit::count},
                {"passives", counts.passives, Unit::count},
                {"detractors", counts.detractors, Unit::count}};
  out.formula = "NPS = 100 × (P − D) / n;  95 % CI = NPS ± 196 × √((p + d − (p − d)²) / n)";
  out.substituted =
      "NPS = 100 × ({promoters} − {detractors}) / {respondents} = {nps};  "
      "95 % CI = {nps} ± 196 × √(({promoters_share} + {detractors_share} − ({promoters_share} − {detractors_share})²) / {respondents}) "
      "= {nps} ± {moe} = [{ci_low}; {ci_high}]";
  if (r.respondents < kSmallSample) out.warnings.push_back("small_sample");
  if (r.standard_error == 0) out.warnings.push_back("degenerate_interval");
  return out;
}

}  // namespace

Calculator nps_calculator() {
  return {"nps",
          {{"scores", Unit::count, false, true},
           {"promoters", Unit::count, false},
           {"passives", Unit::count, false},
           {"detractors", Unit::count, false}},
          nps_outcome};
}

}  // namespace kpikit
