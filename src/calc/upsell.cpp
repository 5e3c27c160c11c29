#include "calc/upsell.h"

#include "calc/validate.h"
#include "core/error.h"

namespace kpikit {

UpsellResult upsell_rate(double multi, double single) {
  detail::require_count(multi, "upsold");
  detail::require_count(single, "single");
  UpsellResult r;
  r.customers = multi + single;
  if (r.customers == 0) throw Error("no_customers", "upsold + single must be greater than 0", "upsold");
  r.rate = multi / r.customers;
  r.per_single = single > 0 ? multi / single : 0;
  return r;
}

Calculator upsell_calculator() {
  return {"upsell", {{"upsold", Unit::count}, {"single", Unit::count}}, [](const CalcInputValues& in) {
            const double single = input_value(in, "single");
            const UpsellResult r = upsell_rate(input_value(in, "upsold"), single);
            CalcOutcome out;
            out.primary = "upsell_rate";
            out.values = {{"upsell_rate", r.rate, Unit::percent}, {"customers", r.customers, Unit::count}};
            if (single > 0) out.values.push_back({"upsold_per_single", r.per_single, Unit::ratio});
            out.formula = "UR = M / (M + S)";
            out.substituted = "UR = {upsold} / ({upsold} + {single}) = {upsold} / {customers} = {upsell_rate}";
            return out;
          }};
}

}  // namespace kpikit
