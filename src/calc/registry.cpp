#include "calc/registry.h"

#include "calc/acquisition.h"
#include "calc/clv_cac.h"
#include "calc/clv_formula.h"
#include "calc/engagement.h"
#include "calc/nps.h"
#include "calc/referral.h"
#include "calc/retention.h"
#include "calc/retention_whatif.h"
#include "calc/upsell.h"
#include "core/error.h"

namespace kpikit {

const std::vector<Calculator>& all_calculators() {
  static const std::vector<Calculator> calculators = {
      crr_calculator(),
      churn_calculator(),
      nps_calculator(),
      engagement_calculator(),
      upsell_calculator(),
      referral_calculator(),
      cac_calculator(),
      clv_basic_calculator(),
      clv_margin_calculator(),
      clv_arpu_calculator(),
      clv_cac_calculator(),
      retention_whatif_calculator(),
  };
  return calculators;
}

const Calculator& find_calculator(const std::string& id) {
  for (const Calculator& c : all_calculators())
    if (c.id == id) return c;
  throw Error("unknown_calculator", "unknown calculator '" + id + "'", "calculator");
}

}  // namespace kpikit
