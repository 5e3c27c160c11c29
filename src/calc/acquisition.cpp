#include "calc/acquisition.h"

#include <string>

#include "calc/validate.h"
#include "core/error.h"

namespace kpikit {

AcquisitionResult acquisition_costs(const AcquisitionInputs& in) {
  detail::require_non_negative(in.acquisition_spend, "acquisition_spend");
  detail::require_count(in.new_customers, "new");
  if (in.new_customers == 0) throw Error("zero_new", "new must be greater than 0: CAC is undefined without new customers", "new");
  if (in.retention_spend.has_value() != in.retained.has_value()) {
    const char* absent = in.retained ? "retention_spend" : "retained";
    throw Error("missing", std::string(absent) + " is required with " + (in.retained ? "retained" : "retention_spend"), absent);
  }
  AcquisitionResult r;
  r.cac = in.acquisition_spend / in.new_customers;
  if (in.retention_spend) {
    detail::require_non_negative(*in.retention_spend, "retention_spend");
    detail::require_count(*in.retained, "retained");
    if (*in.retained == 0)
      throw Error("zero_retained", "retained must be greater than 0: the cost to retain is undefined without retained customers", "retained");
    r.cost_to_retain = *in.retention_spend / *in.retained;
    if (*r.cost_to_retain > 0) r.cac_ratio = r.cac / *r.cost_to_retain;
  }
  if (in.clv) {
    detail::require_non_negative(*in.clv, "clv");
    if (r.cac > 0) r.clv_cac = *in.clv / r.cac;
  }
  return r;
}

Calculator cac_calculator() {
  return {"cac",
          {{"acquisition_spend", Unit::money},
           {"new", Unit::count},
           {"retention_spend", Unit::money, false},
           {"retained", Unit::count, false},
           {"clv", Unit::money, false}},
          [](const CalcInputValues& in) {
            AcquisitionInputs a;
            a.acquisition_spend = input_value(in, "acquisition_spend");
            a.new_customers = input_value(in, "new");
            a.retention_spend = optional_input(in, "retention_spend");
            a.retained = optional_input(in, "retained");
            a.clv = optional_input(in, "clv");
            const AcquisitionResult r = acquisition_costs(a);
            CalcOutcome out;
            out.primary = "cac";
            out.values = {{"cac", r.cac, Unit::money}};
            out.formula = "CAC = A / N";
            out.substituted = "CAC = {acquisition_spend} / {new} = {cac}";
            if (r.cost_to_retain) {
              out.values.push_back({"cost_to_retain", *r.cost_to_retain, Unit::money});
              out.formula += ";  CR = B / R;  CAC / CR";
              out.substituted += ";  CR = {retention_spend} / {retained} = {cost_to_retain}";
              if (r.cac_ratio) {
                out.values.push_back({"cac_ratio", *r.cac_ratio, Unit::ratio});
                out.substituted += ";  CAC / CR = {cac} / {cost_to_retain} = {cac_ratio}";
              } else {
                out.warnings.push_back("no_retention_spend");
              }
            }
            if (r.clv_cac) {
              out.values.push_back({"clv_cac", *r.clv_cac, Unit::ratio});
              out.formula += ";  CLV:CAC = CLV / CAC";
              out.substituted += ";  CLV:CAC = {clv} / {cac} = {clv_cac}";
            }
            return out;
          }};
}

}  // namespace kpikit
