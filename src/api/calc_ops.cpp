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

// One value of a list: a JSON number, or text typed in the locale.
double read_list_item(const nlohmann::json& item, const std::string& name, std::size_t row, NumberLocale locale) {
  const std::string where = name + " row " + std::to_string(row);
  if (item.is_number()) {
    const double v = item.get<double>();
    if (!std::isfinite(v)) throw Error("not_finite", where + " must be a finite number", name, row);
    return v;
  }
  if (!item.is_string()) throw Error("not_a_number", where + " must be a number", name, row);
  const std::string text = item.get<std::string>();
  const auto parsed = parse_typed_number(text, locale);
  if (!parsed) throw Error("not_a_number", where + " is not a number: '" + text + "'", name, row);
  return *parsed;
}

bool is_blank(const std::string& text) { return text.find_first_not_of(" \t\r") == std::string::npos; }

// Reads a list input: a JSON array (one value per element) or text pasted
// from a spreadsheet column (one value per line). Blank lines and blank
// elements are skipped; rows are 1-based lines/elements. Returns false when
// the list is absent or holds no value.
bool read_list(const nlohmann::json& inputs, const CalcInput& input, NumberLocale locale, CalcList& list) {
  const std::string& name = input.name;
  const auto it = inputs.find(name);
  if (it == inputs.end() || it->is_null()) return false;
  auto add = [&](const nlohmann::json& item, std::size_t row) {
    if (item.is_null() || (item.is_string() && is_blank(item.get<std::string>()))) return;
    list.values.push_back(read_list_item(item, name, row, locale));
    list.rows.push_back(row);
  };
  if (it->is_array()) {
    for (std::size_t i = 0; i < it->size(); ++i) add((*it)[i], i + 1);
  } else if (it->is_string()) {
    const std::string text = it->get<std::string>();
    std::size_t row = 1;
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      std::string line = text.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.pop_back();  // Windows line ends
      add(nlohmann::json(line), row);
      start = end + 1;
      ++row;
    }
  } else if (it->is_number()) {
    add(*it, 1);
  } else {
    throw Error("not_a_number", name + " must be a list of numbers", name);
  }
  return !list.values.empty();
}

nlohmann::json describe(const Calculator& c) {
  nlohmann::json inputs = nlohmann::json::array();
  for (const CalcInput& in : c.inputs) {
    nlohmann::json d = {{"name", in.name}, {"unit", unit_name(in.unit)}, {"required", in.required}};
    if (in.list) d["list"] = true;
    inputs.push_back(d);
  }
  return {{"id", c.id}, {"inputs", inputs}};
}

nlohmann::json table_to_json(const CalcTable& t) {
  nlohmann::json units = nlohmann::json::array();
  for (Unit u : t.units) units.push_back(unit_name(u));
  for (const auto& row : t.rows)
    for (std::size_t i = 0; i < row.size(); ++i)
      if (!std::isfinite(row[i]))
        throw Error("not_finite_result", t.columns[i] + " is not a finite number for these inputs", t.columns[i]);
  return {{"name", t.name}, {"columns", t.columns}, {"units", units}, {"rows", t.rows}, {"chart", t.chart}};
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
    units[in.name] = unit_name(in.unit);
    if (in.list) {
      CalcList list;
      if (read_list(inputs, in, locale, list)) {
        echoed[in.name] = list.values;
        values.lists[in.name] = std::move(list);
      } else if (in.required) {
        throw Error("missing", in.name + " is required", in.name);
      }
      continue;
    }
    double v = 0;
    if (read_input(inputs, in, locale, v)) {
      values[in.name] = v;
      echoed[in.name] = v;
    } else if (in.required) {
      throw Error("missing", in.name + " is required", in.name);
    }
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
          {"warnings", outcome.warnings}, {"tables", tables},
          {"verdict", outcome.verdict.empty() ? nlohmann::json(nullptr) : nlohmann::json(outcome.verdict)}};
}

}  // namespace kpikit::api
