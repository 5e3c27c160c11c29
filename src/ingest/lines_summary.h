#pragma once
// The totals of an order history as read, for the ingest report ("summary"):
// how many lines, purchases and cancellations, the revenue, the first and the
// last day.
//
// Conventions: revenue is the sum of every line's amount in line order
// (cancellations are negative, so they reduce it); first_day / last_day are
// the earliest and latest day of any line, cancellations included; both are
// empty when there is no line.
//
// Example: lines 1,000.00 on 2026-11-23 and a cancellation -25.44 on
// 2026-11-24 -> lines 2, purchases 1, cancellations 1, revenue 974.56,
// first_day 2026-11-23, last_day 2026-11-24.
#include <cstddef>
#include <optional>

#include "data/calendar.h"
#include "data/order_lines.h"

namespace kpikit {

struct LinesSummary {
  std::size_t lines = 0;
  std::size_t purchases = 0;
  std::size_t cancellations = 0;
  double revenue = 0.0;
  std::optional<Day> first_day;
  std::optional<Day> last_day;
};

// One pass over the lines. Compiled with the reader (at full optimisation),
// not with the JSON layer, so the million-line loop is not a call per value.
LinesSummary summarize_lines(const OrderLines& lines);

}  // namespace kpikit
