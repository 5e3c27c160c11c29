#include "calc/retention.h"

#include "calc/validate.h"
#include "core/error.h"

namespace kpikit {

RetentionResult retention_from_counts(const PeriodCounts& counts) {
  detail::require_count(counts.start, "start");
  detail::require_count(counts.end, "end");
  detail::require_count(counts.new_customers, "new");
  if (counts.start == 0) throw Error("zero_start", "start must be greater than 0: the rates are undefined without customers at the start", "start");
  if (counts.end < counts.new_customers)
    throw Error("end_below_new", "end must be at least new: otherwise more customers were lost than existed at the start", "end");
  if (counts.end > counts.start + counts.new_customers)
    throw Error("end_above_start_plus_new", "end must not exceed start + new: no customers can appear that are neither old nor new", "end");

  RetentionResult r;
  r.retained = counts.end - counts.new_customers;
  r.lost = counts.start + counts.new_customers - counts.end;
  r.retention_rate = r.retained / counts.start;
  r.churn_rate = r.lost / counts.start;
  return r;
}

namespace {

std::vector<CalcInput> period_inputs() {
  return {{"start", Unit::count}, {"end", Unit::count}, {"new", Unit::count}};
}

RetentionResult compute_from(const CalcInputValues& in) {
  return retention_from_counts({input_value(in, "start"), input_value(in, "end"), input_value(in, "new")});
}

}  // namespace

Calculator crr_calculator() {
  return {"crr", period_inputs(), [](const CalcInputValues& in) {
            const RetentionResult r = compute_from(in);
            CalcOutcome out;
            out.primary = "crr";
            out.values = {{"crr", r.retention_rate, Unit::percent},
                          {"churn", r.churn_rate, Unit::percent},
                          {"retained", r.retained, Unit::count},
                          {"lost", r.lost, Unit::count}};
            out.formula = "CRR = (E − N) / S";
            out.substituted = "CRR = ({end} − {new}) / {start} = {retained} / {start} = {crr}";
            return out;
          }};
}

Calculator churn_calculator() {
  return {"churn", period_inputs(), [](const CalcInputValues& in) {
            const RetentionResult r = compute_from(in);
            CalcOutcome out;
            out.primary = "churn";
            out.values = {{"churn", r.churn_rate, Unit::percent},
                          {"lost", r.lost, Unit::count},
                          {"crr", r.retention_rate, Unit::percent},
                          {"retained", r.retained, Unit::count}};
            out.formula = "Churn = (S + N − E) / S";
            out.substituted = "Churn = ({start} + {new} − {end}) / {start} = {lost} / {start} = {churn}";
            return out;
          }};
}

}  // namespace kpikit
