#include "calc/registry.h"

#include "calc/retention.h"
#include "core/error.h"

namespace kpikit {

const std::vector<Calculator>& all_calculators() {
  static const std::vector<Calculator> calculators = {
      crr_calculator(),
      churn_calculator(),
  };
  return calculators;
}

const Calculator& find_calculator(const std::string& id) {
  for (const Calculator& c : all_calculators())
    if (c.id == id) return c;
  throw Error("unknown_calculator", "unknown calculator '" + id + "'", "calculator");
}

}  // namespace kpikit
