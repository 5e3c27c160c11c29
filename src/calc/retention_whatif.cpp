#include "calc/retention_whatif.h"

#include "calc/clv_formula.h"
#include "calc/validate.h"
#include "core/error.h"

namespace kpikit {

namespace {

WhatIfPoint point_at(double r, const WhatIfInputs& in, double clv_now) {
  const MarginClv c = clv_margin(in.margin, r, in.discount);
  WhatIfPoint p;
  p.retention = r;
  p.clv = c.clv;
  p.lifetime = c.lifetime;
  p.profit = in.customers * c.clv;
  p.clv_change = clv_now > 0 ? c.clv / clv_now - 1 : 0;
  return p;
}

}  // namespace

WhatIfResult retention_whatif(const WhatIfInputs& in) {
  detail::require_percent(in.retention, "retention");
  if (in.retention == 0) throw Error("not_positive", "retention must be greater than 0", "retention");
  if (in.retention >= 1)
    throw Error("retention_too_high", "retention must be below 100 %: a customer who never leaves has no finite lifetime", "retention");
  detail::require_positive(in.margin, "margin");
  detail::require_non_negative(in.discount, "discount");
  detail::require_count(in.customers, "customers");
  detail::require_percent(in.change, "change");
  if (in.change == 0) throw Error("not_positive", "change must be greater than 0", "change");
  if (in.retention + in.change >= 1)
    throw Error("change_too_large", "retention + change must stay below 100 %", "change");

  WhatIfResult r;
  r.now = point_at(in.retention, in, 0);
  r.now.clv_change = 0;
  r.moved = point_at(in.retention + in.change, in, r.now.clv);
  for (int k = -3; k <= 3; ++k) {
    const double rk = in.retention + k * in.change;
    if (rk < 0 || rk >= 1) continue;
    r.rows.push_back(k == 0 ? r.now : point_at(rk, in, r.now.clv));
  }
  return r;
}

Calculator retention_whatif_calculator() {
  return {"retention_whatif",
          {{"retention", Unit::percent},
           {"margin", Unit::money},
           {"discount", Unit::percent},
           {"customers", Unit::count},
           {"change", Unit::percent}},
          [](const CalcInputValues& in) {
            WhatIfInputs w;
            w.retention = input_value(in, "retention");
            w.margin = input_value(in, "margin");
            w.discount = input_value(in, "discount");
            w.customers = input_value(in, "customers");
            w.change = input_value(in, "change");
            const WhatIfResult r = retention_whatif(w);
            CalcOutcome out;
            out.primary = "clv_change";
            out.values = {{"clv_change", r.moved.clv_change, Unit::percent},
                          {"retention_new", r.moved.retention, Unit::percent},
                          {"clv_now", r.now.clv, Unit::money},
                          {"clv_new", r.moved.clv, Unit::money},
                          {"lifetime_now", r.now.lifetime, Unit::periods},
                          {"lifetime_new", r.moved.lifetime, Unit::periods},
                          {"profit_now", r.now.profit, Unit::money},
                          {"profit_new", r.moved.profit, Unit::money},
                          {"profit_gain", r.moved.profit - r.now.profit, Unit::money}};
            out.formula = "CLV = m × r / (1 + d − r);  L = 1 / (1 − r);  V = N × CLV";
            out.substituted =
                "CLV = {margin} × {retention} / (1 + {discount} − {retention}) = {clv_now};  "
                "{margin} × {retention_new} / (1 + {discount} − {retention_new}) = {clv_new};  "
                "{clv_new} / {clv_now} − 1 = {clv_change}";
            CalcTable table{"whatif",
                            {"retention", "clv", "lifetime", "profit", "clv_change"},
                            {Unit::percent, Unit::money, Unit::periods, Unit::money, Unit::percent},
                            {},
                            {"clv"}};
            for (const WhatIfPoint& p : r.rows) table.rows.push_back({p.retention, p.clv, p.lifetime, p.profit, p.clv_change});
            out.tables.push_back(table);
            return out;
          }};
}

}  // namespace kpikit
