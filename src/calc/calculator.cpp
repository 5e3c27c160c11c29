#include "calc/calculator.h"

#include "core/error.h"

namespace kpikit {

const char* unit_name(Unit unit) noexcept {
  switch (unit) {
    case Unit::count: return "count";
    case Unit::money: return "money";
    case Unit::percent: return "percent";
    case Unit::number: return "number";
    case Unit::ratio: return "ratio";
    case Unit::months: return "months";
    case Unit::periods: return "periods";
  }
  return "number";
}

double input_value(const CalcInputValues& inputs, const std::string& name) {
  const auto it = inputs.find(name);
  if (it == inputs.end()) throw Error("missing", name + " is required", name);
  return it->second;
}

std::optional<double> optional_input(const CalcInputValues& inputs, const std::string& name) {
  const auto it = inputs.find(name);
  if (it == inputs.end()) return std::nullopt;
  return it->second;
}

const CalcList& list_input(const CalcInputValues& inputs, const std::string& name) {
  static const CalcList empty;
  const auto it = inputs.lists.find(name);
  return it == inputs.lists.end() ? empty : it->second;
}

}  // namespace kpikit
