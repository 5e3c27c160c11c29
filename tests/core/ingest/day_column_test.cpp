// DayColumn (src/data/day_column.h): days from 1900-01-01 to 2079-06-06 in 2
// bytes, 4-byte Days from the first one outside (or a packed date token).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "data/day_column.h"
#include "ingest/ingest.h"

using kpikit::Day;
using kpikit::DayColumn;
using kpikit::days_from_civil;

TEST_CASE("DayColumn keeps every day from 1900-01-01 to 2079-06-06 in 2 bytes and returns it exactly") {
  const Day first = days_from_civil(1900, 1, 1), last = days_from_civil(2079, 6, 6);
  CHECK(last - first == 65535);
  DayColumn column;
  for (Day d = first; d <= last; ++d) column.push_back(d);
  CHECK(column.is_narrow());
  REQUIRE(column.size() == 65536);
  bool all_same = true;
  for (Day d = first; d <= last; ++d) all_same = all_same && column[static_cast<std::size_t>(d - first)] == d;
  CHECK(all_same);
  CHECK(column.front() == first);
  CHECK(column.back() == last);
}

TEST_CASE("DayColumn turns into 4-byte days at the first day outside 1900..2079, keeping the earlier ones") {
  const Day outside[] = {days_from_civil(1899, 12, 31), days_from_civil(2079, 6, 7), days_from_civil(9999, 12, 31),
                         days_from_civil(1, 1, 1), 20101201 /* the packed token of "12/1/2010" */};
  for (Day odd : outside) {
    CAPTURE(odd);
    DayColumn column{days_from_civil(2024, 2, 29), days_from_civil(1970, 1, 1)};
    REQUIRE(column.is_narrow());
    column.push_back(odd);
    CHECK_FALSE(column.is_narrow());
    column.push_back(days_from_civil(2024, 3, 1));
    CHECK(column == std::vector<Day>{days_from_civil(2024, 2, 29), 0, odd, days_from_civil(2024, 3, 1)});
  }
}

TEST_CASE("DayColumn set and filter keep the days") {
  DayColumn column{days_from_civil(2024, 1, 1), days_from_civil(2024, 1, 2), days_from_civil(2024, 1, 3)};
  column.set(1, days_from_civil(2025, 5, 5));
  CHECK(column.is_narrow());
  column.filter({1, 1, 0});
  CHECK(column == std::vector<Day>{days_from_civil(2024, 1, 1), days_from_civil(2025, 5, 5)});
  column.set(0, days_from_civil(2200, 1, 1));
  CHECK_FALSE(column.is_narrow());
  CHECK(column == std::vector<Day>{days_from_civil(2200, 1, 1), days_from_civil(2025, 5, 5)});
}

TEST_CASE("a read keeps ISO and German dates in 2 bytes; a month/day file and far dates read the same days") {
  const auto iso = kpikit::ingest_bytes("customer;date;amount\na;2023-01-05;1\nb;05.01.2023;2\n");
  CHECK(iso.orders.day.is_narrow());
  CHECK(iso.orders.day == std::vector<Day>{days_from_civil(2023, 1, 5), days_from_civil(2023, 1, 5)});

  // Month/day tokens wait in the column (4 bytes) until the order is decided.
  const auto us = kpikit::ingest_bytes("customer,date,amount\na,03/04/2021,1\nb,12/31/2021,2\n");
  CHECK(us.orders.day == std::vector<Day>{days_from_civil(2021, 3, 4), days_from_civil(2021, 12, 31)});

  const auto far = kpikit::ingest_bytes("customer,date,amount\na,2023-01-05,1\nb,2150-07-01,2\nc,1850-03-02,3\n");
  CHECK_FALSE(far.orders.day.is_narrow());
  CHECK(far.orders.day == std::vector<Day>{days_from_civil(2023, 1, 5), days_from_civil(2150, 7, 1), days_from_civil(1850, 3, 2)});
  CHECK(far.accounting.rows_used == 3);
}
