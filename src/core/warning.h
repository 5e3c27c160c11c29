#pragma once
// A condition of the data, the options or a model fit that changes how a
// result reads: a stable snake_case code (the app's texts are keyed by it;
// a model fit's codes: not_converged, too_little_data, ...; the analytics
// report's: see OrdersReport::warnings) and a short English sentence.
#include <string>

namespace kpikit {

struct Warning {
  std::string code;
  std::string message;
};

}  // namespace kpikit
