#include "calc/engagement.h"

#include <cmath>
#include <string>

#include "core/error.h"

namespace kpikit {

namespace {

std::size_t row_at(const std::vector<std::size_t>& rows, std::size_t i) { return i < rows.size() ? rows[i] : i + 1; }

void require_list_count(double v, const std::string& field, std::size_t row) {
  const std::string where = field + " row " + std::to_string(row);
  if (!std::isfinite(v)) throw Error("not_finite", where + " must be a finite number", field, row);
  if (v < 0) throw Error("negative", where + " must not be negative", field, row);
  if (std::floor(v) != v) throw Error("not_whole", where + " must be a whole number", field, row);
}

}  // namespace

EngagementResult engagement_rate(const std::vector<double>& interactions, const std::vector<double>& reach,
                                 const std::vector<std::size_t>& irows, const std::vector<std::size_t>& rrows) {
  if (interactions.empty()) throw Error("missing", "interactions is required", "interactions");
  if (reach.empty()) throw Error("missing", "reach is required", "reach");
  if (reach.size() != 1 && reach.size() != interactions.size())
    throw Error("length_mismatch",
                "reach needs one value per post (" + std::to_string(interactions.size()) + ") or a single value for all posts",
                "reach");
  EngagementResult r;
  for (std::size_t i = 0; i < interactions.size(); ++i) {
    const std::size_t ri = reach.size() == 1 ? 0 : i;
    require_list_count(interactions[i], "interactions", row_at(irows, i));
    require_list_count(reach[ri], "reach", row_at(rrows, ri));
    if (reach[ri] == 0)
      throw Error("zero_reach", "reach row " + std::to_string(row_at(rrows, ri)) + " must be greater than 0", "reach",
                  row_at(rrows, ri));
    const double rate = interactions[i] / reach[ri];
    r.rates.push_back(rate);
    r.rate_sum += rate;
    r.total_interactions += interactions[i];
    r.total_reach += reach[ri];
  }
  r.average_rate = r.rate_sum / static_cast<double>(r.rates.size());
  r.pooled_rate = r.total_interactions / r.total_reach;
  return r;
}

Calculator engagement_calculator() {
  return {"engagement",
          {{"interactions", Unit::count, true, true}, {"reach", Unit::count, true, true}},
          [](const CalcInputValues& in) {
            const CalcList& inter = list_input(in, "interactions");
            const CalcList& reach = list_input(in, "reach");
            const EngagementResult r = engagement_rate(inter.values, reach.values, inter.rows, reach.rows);
            CalcOutcome out;
            out.primary = "engagement";
            const double posts = static_cast<double>(r.rates.size());
            out.values = {{"engagement", r.average_rate, Unit::percent},
                          {"pooled", r.pooled_rate, Unit::percent},
                          {"posts", posts, Unit::count},
                          {"interactions_total", r.total_interactions, Unit::count},
                          {"reach_total", r.total_reach, Unit::count}};
            if (r.rates.size() == 1) {
              out.formula = "CER = I / R";
              out.substituted = "CER = {interactions_total} / {reach_total} = {engagement}";
            } else {
              out.values.push_back({"rate_sum", r.rate_sum, Unit::percent});
              out.formula = "CER = Σ (I / R) / n;  CERₚ = Σ I / Σ R";
              out.substituted =
                  "CER = {rate_sum} / {posts} = {engagement};  CERₚ = {interactions_total} / {reach_total} = {pooled}";
            }
            CalcTable table{"posts", {"post", "interactions", "reach", "rate"},
                            {Unit::count, Unit::count, Unit::count, Unit::percent}, {}, {}};
            for (std::size_t i = 0; i < r.rates.size(); ++i) {
              const double rc = reach.values.size() == 1 ? reach.values[0] : reach.values[i];
              table.rows.push_back({static_cast<double>(i + 1), inter.values[i], rc, r.rates[i]});
              if (r.rates[i] > 1 && out.warnings.empty()) out.warnings.push_back("rate_above_100");
            }
            out.tables.push_back(table);
            return out;
          }};
}

}  // namespace kpikit
