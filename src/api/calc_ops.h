#pragma once
// JSON adapter of the calculators (calc/registry.h).
//
// run_calculator params: {"calculator": id, "inputs": {name: value}, "locale": "de"|"en"}
//   Each input value is a JSON number, or a string as the user typed it, read
//   with parse_typed_number in the given locale (default "en"). Percent inputs:
//   a JSON number is a fraction (0.8), a string is a percentage as typed ("80"
//   or "80 %" both mean 0.8). Empty strings
//   and null count as absent. Errors name the field: missing, not_a_number,
//   and the calculator's own checks (negative, not_whole, zero_start, ...).
//   List inputs ("list": true in the description, e.g. nps "scores") take a
//   JSON array of numbers/typed strings, or one string pasted from a
//   spreadsheet column (one value per line); blank lines are skipped. An
//   error in a list names the field and the 1-based row (error "row").
// Result: {"calculator", "inputs": {name: number | [numbers]}, "units": {name: unit},
//          "primary", "values": {name: number}, "order": [names, headline first],
//          "formula", "substituted", "warnings": [codes],
//          "tables": [{name, columns, units, rows, chart: [columns to plot]}],
//          "verdict": code | null}
#include <nlohmann/json.hpp>

namespace kpikit::api {

nlohmann::json list_calculators();
nlohmann::json run_calculator(const nlohmann::json& params);

}  // namespace kpikit::api
