#pragma once
// Warnings as the JSON boundary writes them for every op: [{code, message}].
#include <vector>

#include <nlohmann/json.hpp>

#include "core/warning.h"

namespace kpikit::api {

inline nlohmann::json warnings_json(const std::vector<Warning>& warnings) {
  nlohmann::json out = nlohmann::json::array();
  for (const Warning& w : warnings) out.push_back({{"code", w.code}, {"message", w.message}});
  return out;
}

}  // namespace kpikit::api
