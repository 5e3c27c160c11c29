#include "calc/clv_formula.h"

#include "calc/validate.h"
#include "core/error.h"

namespace kpikit {

BasicClv clv_basic(double aov, double frequency, double lifespan, std::optional<double> gross_margin) {
  detail::require_non_negative(aov, "aov");
  detail::require_non_negative(frequency, "frequency");
  detail::require_non_negative(lifespan, "lifespan");
  if (gross_margin) detail::require_percent(*gross_margin, "gross_margin");
  BasicClv r;
  r.annual_revenue = aov * frequency;
  r.lifetime_revenue = r.annual_revenue * lifespan;
  r.clv = r.lifetime_revenue * gross_margin.value_or(1.0);
  return r;
}

MarginClv clv_margin(double margin, double retention, double discount) {
  detail::require_finite(margin, "margin");
  detail::require_percent(retention, "retention");
  if (retention >= 1)
    throw Error("retention_too_high", "retention must be below 100 %: a customer who never leaves has no finite lifetime", "retention");
  detail::require_non_negative(discount, "discount");
  MarginClv r;
  r.clv = margin * retention / (1 + discount - retention);
  r.lifetime = 1 / (1 - retention);
  return r;
}

ArpuClv clv_arpu(double arpu, double churn, std::optional<double> gross_margin) {
  detail::require_non_negative(arpu, "arpu");
  detail::require_percent(churn, "churn");
  if (churn == 0) throw Error("zero_churn", "churn must be greater than 0: without churn the lifetime is infinite", "churn");
  if (gross_margin) detail::require_percent(*gross_margin, "gross_margin");
  ArpuClv r;
  r.clv = arpu * gross_margin.value_or(1.0) / churn;
  r.lifetime = 1 / churn;
  return r;
}

Calculator clv_basic_calculator() {
  return {"clv_basic",
          {{"aov", Unit::money}, {"frequency", Unit::number}, {"lifespan", Unit::number}, {"gross_margin", Unit::percent, false}},
          [](const CalcInputValues& in) {
            const auto g = optional_input(in, "gross_margin");
            const BasicClv r = clv_basic(input_value(in, "aov"), input_value(in, "frequency"), input_value(in, "lifespan"), g);
            CalcOutcome out;
            out.primary = "clv";
            out.values = {{"clv", r.clv, Unit::money}, {"annual_revenue", r.annual_revenue, Unit::money}};
            if (g) {
              out.values.push_back({"lifetime_revenue", r.lifetime_revenue, Unit::money});
              out.formula = "CLV = AOV × F × L × g";
              out.substituted = "CLV = {aov} × {frequency} × {lifespan} × {gross_margin} = {lifetime_revenue} × {gross_margin} = {clv}";
            } else {
              out.formula = "CLV = AOV × F × L";
              out.substituted = "CLV = {aov} × {frequency} × {lifespan} = {clv}";
              out.warnings.push_back("revenue_not_margin");
            }
            return out;
          }};
}

Calculator clv_margin_calculator() {
  return {"clv_margin", {{"margin", Unit::money}, {"retention", Unit::percent}, {"discount", Unit::percent}},
          [](const CalcInputValues& in) {
            const double retention = input_value(in, "retention");
            const double discount = input_value(in, "discount");
            const MarginClv r = clv_margin(input_value(in, "margin"), retention, discount);
            CalcOutcome out;
            out.primary = "clv";
            out.values = {{"clv", r.clv, Unit::money},
                          {"lifetime", r.lifetime, Unit::periods},
                          {"denominator", 1 + discount - retention, Unit::number}};
            out.formula = "CLV = m × r / (1 + d − r);  L = 1 / (1 − r)";
            out.substituted = "CLV = {margin} × {retention} / (1 + {discount} − {retention}) = {margin} × {retention} / {denominator} = {clv}";
            return out;
          }};
}

Calculator clv_arpu_calculator() {
  return {"clv_arpu", {{"arpu", Unit::money}, {"churn", Unit::percent}, {"gross_margin", Unit::percent, false}},
          [](const CalcInputValues& in) {
            const auto g = optional_input(in, "gross_margin");
            const ArpuClv r = clv_arpu(input_value(in, "arpu"), input_value(in, "churn"), g);
            CalcOutcome out;
            out.primary = "clv";
            out.values = {{"clv", r.clv, Unit::money}, {"lifetime", r.lifetime, Unit::months}};
            if (g) {
              out.formula = "CLV = ARPU × g / c;  L = 1 / c";
              out.substituted = "CLV = {arpu} × {gross_margin} / {churn} = {clv}";
            } else {
              out.formula = "CLV = ARPU / c;  L = 1 / c";
              out.substituted = "CLV = {arpu} / {churn} = {clv}";
              out.warnings.push_back("revenue_not_margin");
            }
            return out;
          }};
}

}  // namespace kpikit
