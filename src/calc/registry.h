#pragma once
// All calculators, in the order the page shows them.
//
// To add a calculator: write calc/<kpi>.{h,cpp} with a function returning a
// Calculator (see calc/retention.h), add one line to all_calculators() in
// registry.cpp, and its labels to web/app/i18n.js.
#include <string>
#include <vector>

#include "calc/calculator.h"

namespace kpikit {

const std::vector<Calculator>& all_calculators();

// The calculator with this id; throws Error("unknown_calculator") if none.
const Calculator& find_calculator(const std::string& id);

}  // namespace kpikit
