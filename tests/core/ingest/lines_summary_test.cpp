// summarize_lines: the ingest report's totals, checked against sums by hand.
#include <doctest/doctest.h>

#include "data/calendar.h"
#include "ingest/lines_summary.h"

using namespace kpikit;

namespace {

void add_line(OrderLines& o, Day day, double amount, LineKind kind) {
  o.customer.push_back(0);
  o.order.push_back(static_cast<std::uint32_t>(o.order.size()));
  o.day.push_back(day);
  o.amount.push_back(amount);
  o.kind.push_back(kind);
}

}  // namespace

TEST_CASE("summarize_lines: the example of its doc comment") {
  OrderLines o;
  add_line(o, days_from_civil(2026, 11, 24), -25.44, LineKind::cancellation);
  add_line(o, days_from_civil(2026, 11, 23), 1000.00, LineKind::purchase);
  const LinesSummary s = summarize_lines(o);
  CHECK(s.lines == 2);
  CHECK(s.purchases == 1);
  CHECK(s.cancellations == 1);
  CHECK(s.revenue == doctest::Approx(974.56).epsilon(1e-15));
  REQUIRE(s.first_day.has_value());
  CHECK(*s.first_day == days_from_civil(2026, 11, 23));
  CHECK(*s.last_day == days_from_civil(2026, 11, 24));
}

TEST_CASE("summarize_lines: no lines, and days and amounts in their wide storage") {
  const LinesSummary empty = summarize_lines(OrderLines{});
  CHECK(empty.lines == 0);
  CHECK(empty.revenue == 0.0);
  CHECK_FALSE(empty.first_day.has_value());
  CHECK_FALSE(empty.last_day.has_value());

  OrderLines o;
  add_line(o, days_from_civil(2026, 1, 1), 10.5, LineKind::purchase);
  add_line(o, days_from_civil(1850, 6, 1), 0.125, LineKind::purchase);  // before 1900, a fraction of a cent: both wide
  add_line(o, days_from_civil(2100, 2, 3), 2.0, LineKind::purchase);
  REQUIRE_FALSE(o.day.is_narrow());
  REQUIRE_FALSE(o.amount.is_narrow());
  const LinesSummary s = summarize_lines(o);
  CHECK(s.purchases == 3);
  CHECK(s.cancellations == 0);
  CHECK(s.revenue == 12.625);
  CHECK(*s.first_day == days_from_civil(1850, 6, 1));
  CHECK(*s.last_day == days_from_civil(2100, 2, 3));
}
