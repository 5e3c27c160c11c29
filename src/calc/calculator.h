#pragma once
// The calculator pattern: a small set of named numeric inputs turned into named
// results, with the formula and the arithmetic filled in with the user's numbers.
//
// Every calculator of the page, the CLI, the JS API and the widget is one
// Calculator in the registry (calc/registry.h). The UI renders a calculator from
// its description alone: inputs (name, unit), results (name, unit), the symbolic
// formula, and a template of the filled-in arithmetic whose placeholders
// {name} refer to inputs or results and are formatted by the caller in the
// user's locale. The core computes every number; callers only format.
//
// Units: count (whole number), money (currency amount), percent (a fraction:
// 0.88 means 88 %), number (plain real), ratio (a multiple, "3.2x"),
// months / periods (durations).
//
// List inputs (CalcInput::list) take a column of numbers, e.g. NPS scores
// pasted from a spreadsheet: one value per line. They arrive in
// CalcInputValues::lists with the 1-based line of each value, so a
// calculator can name the row of a bad value (Error::row).
//
// Example (the "crr" calculator):
//   inputs  start=150, end=162, new=30
//   values  crr=0.88, churn=0.12, retained=132, lost=18
//   formula      "CRR = (E − N) / S"
//   substituted  "CRR = ({end} − {new}) / {start} = {retained} / {start} = {crr}"
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kpikit {

enum class Unit { count, money, percent, number, ratio, months, periods };

const char* unit_name(Unit unit) noexcept;

struct CalcInput {
  std::string name;       // field name, e.g. "start"
  Unit unit;              // how it is entered and shown; percent inputs are fractions too
  bool required = true;   // optional inputs may be absent
  bool list = false;      // a column of values (CalcInputValues::lists), not one number
};

struct CalcValue {
  std::string name;
  double value;
  Unit unit;
};

// A table a calculator may return (e.g. the retention what-if): rows of
// numbers, one unit per column. `chart` names columns the UI plots as lines
// against the first column (empty: no chart).
struct CalcTable {
  std::string name;
  std::vector<std::string> columns;
  std::vector<Unit> units;
  std::vector<std::vector<double>> rows;
  std::vector<std::string> chart;
};

struct CalcOutcome {
  std::string primary;              // the headline value's name
  std::vector<CalcValue> values;    // results, headline first
  std::string formula;              // symbolic, language-neutral
  std::string substituted;          // arithmetic with {placeholders}
  std::vector<std::string> warnings;  // stable codes, e.g. "small_sample"
  std::vector<CalcTable> tables;    // optional tables
  std::string verdict;              // optional stable code judging the headline, e.g. "healthy"
};

// A list input after parsing: the values and the 1-based line each came
// from (blank lines are skipped, so rows may have gaps).
struct CalcList {
  std::vector<double> values;
  std::vector<std::size_t> rows;  // same length as values, or empty: row = index + 1

  std::size_t row(std::size_t index) const { return index < rows.size() ? rows[index] : index + 1; }
};

// Inputs after parsing: the numbers by name (absent optional inputs are
// missing from the map) and, in `lists`, the list inputs that were given.
struct CalcInputValues : std::map<std::string, double> {
  using std::map<std::string, double>::map;
  std::map<std::string, CalcList> lists;
};

struct Calculator {
  std::string id;                   // "crr"
  std::vector<CalcInput> inputs;
  std::function<CalcOutcome(const CalcInputValues&)> compute;  // throws kpikit::Error
};

// Value of a required input; throws Error("missing") when absent (a registry
// mistake or a caller that skipped parsing).
double input_value(const CalcInputValues& inputs, const std::string& name);
std::optional<double> optional_input(const CalcInputValues& inputs, const std::string& name);
// A list input; an absent list is empty.
const CalcList& list_input(const CalcInputValues& inputs, const std::string& name);

}  // namespace kpikit
