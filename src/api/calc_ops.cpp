#include "api/calc_ops.h"

#include <cmath>

#include "calc/registry.h"
#include "calc/typed_number.h"
#include "core/error.h"

namespace kpikit::api {

namespace {

NumberLocale locale_from(const nlohmann::json& params) {
  const auto it = params.find("locale");
  if (it == params.end() || it->is_null()) return NumberLocale::en;
  if (!it->is_string()) throw Error("invalid_locale", "locale must be \"de\" or \"en\"", "locale");
  const std::string tag = it->get<std::string>();
  if (tag.rfind("de", 0) == 0) return NumberLocale::de;
  if (tag.rfind("en", 0) == 0) return NumberLocale::en;
  throw Error("invalid_locale", "locale must be \"de\" or \"en\"", "locale");
}

// Reads one input; returns false when it is absent (missing, null or blank).
bool read_input(const nlohmann::json& inputs, const CalcInput& input, NumberLocale locale, double& value) {
  const std::string& name = input.name;
  const auto it = inputs.find(name);
  if (it == inputs.end() || it->is_null()) return false;
  if (it->is_number()) {
    value = it->get<double>();
    if (!std::isfinite(value)) throw Error("not_finite", name + " must be a finite number", name);
    return true;
  }
  if (it->is_string()) {
    const std::string text = it->get<std::string>();
    if (text.find_first_not_of(" \t") == std::string::npos) return false;
    const auto parsed = parse_typed_number(text, locale);
    if (!parsed) throw Error("not_a_number", name + " is not a number: '" + text + "'", name);
    // Typed text is what a person reads on screen: "80" in a percent field means 80 %.
    value = input.unit == Unit::percent ? *parsed / 100.0 : *parsed;
    return true;
  }
  throw Error("not_a_number", name + " must be a number", name);
}

nlohmann::json describe(const Calculator& c) {
  nlohmann::json inputs = nlohmann::json::array();
  for (const CalcInput& in : c.inputs)
    inputs.push_back({{"name", in.name}, {"unit", unit_name(in.unit)}, {"required", in.required}});
  return {{"id", c.id}, {"inputs", inputs}};
}

nlohmann::json table_to_json(const CalcTable& t) {
  nlohmann::json units = nlohmann::json::array();
  for (Unit u : t.units) units.push_back(unit_name(u));
  return {{"name", t.name}, {"columns", t.columns}, {"units", units}, {"rows", t.rows}};
}

}  // namespace

nlohmann::json list_calculators() {
  nlohmann::json list = nlohmann::json::array();
  for (const Calculator& c : all_calculators()) list.push_back(describe(c));
  return {{"calculators", list}};
}

nlohmann::json run_calculator(const nlohmann::json& params) {
  const auto id_it = params.find("calculator");
  if (id_it == params.end() || !id_it->is_string())
    throw Error("missing", "calculator is required", "calculator");
  const Calculator& calculator = find_calculator(id_it->get<std::string>());
  const NumberLocale locale = locale_from(params);
  const auto inputs_it = params.find("inputs");
  const nlohmann::json inputs = inputs_it == params.end() ? nlohmann::json::object() : *inputs_it;
  if (!inputs.is_object()) throw Error("invalid_request", "inputs must be an object", "inputs");

  CalcInputValues values;
  nlohmann::json echoed = nlohmann::json::object();
  nlohmann::json units = nlohmann::json::object();
  for (const CalcInput& in : calculator.inputs) {
    double v = 0;
    if (read_input(inputs, in, locale, v)) {
      values[in.name] = v;
      echoed[in.name] = v;
    } else if (in.required) {
      throw Error("missing", in.name + " is required", in.name);
    }
    units[in.name] = unit_name(in.unit);
  }

  const CalcOutcome outcome = calculator.compute(values);
  nlohmann::json result_values = nlohmann::json::object();
  nlohmann::json order = nlohmann::json::array();
  for (const CalcValue& v : outcome.values) {
    if (!std::isfinite(v.value))
      throw Error("not_finite_result", v.name + " is not a finite number for these inputs", v.name);
    result_values[v.name] = v.value;
    units[v.name] = unit_name(v.unit);
    order.push_back(v.name);
  }
  nlohmann::json tables = nlohmann::json::array();
  for (const CalcTable& t : outcome.tables) tables.push_back(table_to_json(t));
  return {{"calculator", calculator.id}, {"inputs", echoed},   {"units", units},
          {"primary", outcome.primary},  {"values", result_values}, {"order", order},
          {"formula", outcome.formula},  {"substituted", outcome.substituted},
          {"warnings", outcome.warnings}, {"tables", tables}};
}

}  // namespace kpikit::api
