#pragma once
// Plain-text formatting of values for the CLI (English conventions: decimal
// point, no grouping). Percent values are fractions: 0.9667 -> "96.67 %".
#include <string>

#include <nlohmann/json.hpp>

namespace kpikit::cli {

// Formats a number in the unit named as in calc/calculator.h (count, money,
// percent, number, ratio, months, periods); at most 2 decimals, trailing zeros dropped.
std::string format_value(double value, const std::string& unit);

// Replaces each {name} in text with the formatted value of that name from
// values (or inputs), using units. Unknown placeholders stay as they are.
std::string fill_placeholders(const std::string& text, const nlohmann::json& values,
                              const nlohmann::json& inputs, const nlohmann::json& units);

}  // namespace kpikit::cli
