#pragma once
// Per-customer purchase summaries for the "buy till you die" models: the
// (x, t_x, T) statistics, historical value, holdout counts, and their
// compression into weighted unique rows.
//
// Conventions (the literature's, see docs/clv.md and
// ../shared/data/cdnow/REFERENCE.md):
//   - a *transaction* is a (customer, calendar day) with at least one purchase
//     line: several purchases of one customer on one day are one transaction,
//     its value is the sum of that day's purchase and cancellation lines;
//   - cancellation lines (LineKind::cancellation) on a day with a purchase are
//     netted into it, and a day they undo in full (net value below half a
//     cent) is no transaction; on other days they never create, remove or
//     split a transaction and do not enter transaction values (spend); they
//     always reduce historical revenue and margin (their amount is negative);
//   - the calibration period ends at calibration_end, *inclusive*; lines after
//     it are ignored except for holdout counts;
//   - the cohort is every customer with at least one purchase on or before
//     calibration_end; others are not summarised (counted in
//     customers_after_calibration);
//   - x (frequency) = number of repeat transactions in the calibration period,
//     i.e. transactions minus one (the first purchase is not counted);
//   - t_x (recency) = (day of last calibration transaction - day of first) / unit
//     (0 when x = 0);  T (age) = (calibration_end - day of first) / unit;
//   - unit: day = 1 day, week = 7 days, month = 30.4375 days (= 365.25 / 12, an
//     average Gregorian month, NOT calendar months);
//   - mean_spend = mean value of the x repeat transactions (0 when x = 0), the
//     Gamma-Gamma input; the first transaction's value is first_spend;
//   - holdout (when holdout_end is given): holdout_frequency = transactions on
//     days calibration_end < day <= holdout_end.
//
// Example: a customer buying on 1997-01-01, 1997-01-18 and 1997-08-02 (two
// lines that day) with calibration_end 1997-09-30, unit week:
//   x = 2, t_x = 213/7 = 30.43, T = 272/7 = 38.86.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/calendar.h"
#include "data/order_lines.h"

namespace kpikit {

enum class TimeUnit { day, week, month };

// Length of one unit in days: 1, 7, 30.4375.
double days_per_unit(TimeUnit unit) noexcept;
// "day", "week", "month".
const char* time_unit_name(TimeUnit unit) noexcept;
// Parses "day"/"week"/"month" (also "days", "weeks", "months"); nullopt otherwise.
std::optional<TimeUnit> parse_time_unit(std::string_view text) noexcept;

struct SummaryOptions {
  Day calibration_end = 0;            // last day of the calibration period (inclusive)
  TimeUnit unit = TimeUnit::week;
  std::optional<Day> holdout_end;     // last day of the holdout period (inclusive), > calibration_end
};

// One entry per cohort customer (columnar), in order of customer index.
struct CustomerSummary {
  TimeUnit unit = TimeUnit::week;
  Day calibration_end = 0;
  std::optional<Day> holdout_end;
  double holdout_length = 0;  // (holdout_end - calibration_end) / unit, 0 without holdout

  std::vector<std::uint32_t> customer;   // index into OrderLines::customer_ids
  std::vector<Day> first_day;            // day of the first purchase
  std::vector<std::uint32_t> frequency;  // x
  std::vector<double> recency;           // t_x in units
  std::vector<double> age;               // T in units
  std::vector<double> mean_spend;        // mean repeat-transaction value; 0 when x = 0
  std::vector<double> first_spend;       // value of the first transaction
  std::vector<double> revenue;           // historical: net revenue through calibration_end
  std::vector<double> margin;            // historical margin; empty unless lines have margin
  std::vector<std::uint32_t> holdout_frequency;  // empty without holdout

  // Repeat transactions of the cohort per period, for the tracking check:
  // period k covers days [period_origin + k*unit, period_origin + (k+1)*unit),
  // up to holdout_end (or calibration_end). period_origin = earliest first_day.
  Day period_origin = 0;
  std::vector<double> period_repeat;

  std::size_t customers_after_calibration = 0;  // first purchase after calibration_end
  std::size_t cancellation_lines = 0;           // cancellation lines seen (all days)

  std::size_t size() const noexcept { return customer.size(); }
  std::uint64_t total_repeat() const noexcept;
  std::uint64_t total_holdout() const noexcept;
};

// Builds the summary. Throws Error("invalid_holdout_end", field "holdout_end")
// when holdout_end <= calibration_end. An empty cohort gives an empty summary.
CustomerSummary summarize_customers(const OrderLines& lines, const SummaryOptions& options);

// Historical customer value ("historical CLV"): per customer (all customers of
// `lines`, by customer index) net revenue and margin of all lines on or before
// as_of (no limit when nullopt), cancellations included with their negative
// amounts, and the number of transactions (purchase days).
struct HistoricalValue {
  std::vector<double> revenue;
  std::vector<double> margin;               // empty unless lines have margin
  std::vector<std::uint32_t> transactions;
};
HistoricalValue historical_value(const OrderLines& lines, std::optional<Day> as_of = std::nullopt);

// Identical (x, t_x, T) rows merged, with the number of customers as weight.
// row_of[i] is the row of input entry i. Rows are sorted by (x, t_x, T).
struct WeightedRows {
  std::vector<double> x, t_x, T, weight;
  std::vector<std::uint32_t> row_of;
  std::size_t size() const noexcept { return x.size(); }
  double total_weight() const noexcept;
};
WeightedRows compress_rows(const std::vector<std::uint32_t>& x, const std::vector<double>& t_x,
                           const std::vector<double>& T);
inline WeightedRows compress_rows(const CustomerSummary& s) {
  return compress_rows(s.frequency, s.recency, s.age);
}

}  // namespace kpikit
