#include "calc/referral.h"

#include "calc/validate.h"
#include "core/error.h"

namespace kpikit {

double referral_share(double referred, double new_customers) {
  detail::require_count(referred, "referred");
  detail::require_count(new_customers, "new");
  if (new_customers == 0) throw Error("zero_new", "new must be greater than 0: the share is undefined without new customers", "new");
  if (referred > new_customers)
    throw Error("referred_above_new", "referred must not exceed new: referred customers are part of the new customers", "referred");
  return referred / new_customers;
}

Calculator referral_calculator() {
  return {"referral", {{"referred", Unit::count}, {"new", Unit::count}}, [](const CalcInputValues& in) {
            const double referred = input_value(in, "referred");
            const double total = input_value(in, "new");
            CalcOutcome out;
            out.primary = "referral_share";
            out.values = {{"referral_share", referral_share(referred, total), Unit::percent},
                          {"not_referred", total - referred, Unit::count}};
            out.formula = "RS = F / N";
            out.substituted = "RS = {referred} / {new} = {referral_share}";
            return out;
          }};
}

}  // namespace kpikit
