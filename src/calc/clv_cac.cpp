#include "calc/clv_cac.h"

#include "calc/validate.h"

namespace kpikit {

std::string clv_cac_verdict(double ratio) {
  if (ratio < 1) return "losing_money";
  if (ratio < 3) return "below_target";
  if (ratio <= 5) return "healthy";
  return "underinvesting";
}

ClvCacResult clv_cac(double clv, double cac, std::optional<double> monthly_margin) {
  detail::require_non_negative(clv, "clv");
  detail::require_positive(cac, "cac");
  ClvCacResult r;
  r.ratio = clv / cac;
  r.verdict = clv_cac_verdict(r.ratio);
  if (monthly_margin) {
    detail::require_positive(*monthly_margin, "monthly_margin");
    r.payback_months = cac / *monthly_margin;
  }
  return r;
}

Calculator clv_cac_calculator() {
  return {"clv_cac", {{"clv", Unit::money}, {"cac", Unit::money}, {"monthly_margin", Unit::money, false}},
          [](const CalcInputValues& in) {
            const ClvCacResult r = clv_cac(input_value(in, "clv"), input_value(in, "cac"), optional_input(in, "monthly_margin"));
            CalcOutcome out;
            out.primary = "clv_cac";
            out.values = {{"clv_cac", r.ratio, Unit::ratio}};
            out.formula = "CLV:CAC = CLV / CAC";
            out.substituted = "CLV:CAC = {clv} / {cac} = {clv_cac}";
            if (r.payback_months) {
              out.values.push_back({"payback", *r.payback_months, Unit::months});
              out.formula += ";  T = CAC / mₘ";
              out.substituted += ";  T = {cac} / {monthly_margin} = {payback}";
            }
            out.verdict = r.verdict;
            return out;
          }};
}

}  // namespace kpikit
