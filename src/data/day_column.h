#pragma once
// DayColumn: the calendar day of each order line, in 2 bytes a line when it can.
//
// A day is stored as its distance from 1900-01-01 in 16 bits while every day
// appended lies from 1900-01-01 to 2079-06-06 (65,535 days later: the range
// of SQL Server's smalldatetime, and of every order history we have seen).
// The first day outside it — or a packed date token that the reader keeps
// until the column's day/month order is decided (ingest.cpp: 20101201 for
// "12/1/2010") — turns the whole column into 4-byte Days, once.
//
// Conventions: operator[] returns exactly the Day appended, in either storage
// (see NarrowColumn); index i is the i-th day appended.
#include <cstdint>

#include "data/calendar.h"
#include "data/narrow_column.h"

namespace kpikit {

struct DayCodec {
  using Value = Day;
  using Narrow = std::uint16_t;
  static constexpr Day kFirst = days_from_civil(1900, 1, 1);

  static bool narrow(Day day, std::uint16_t& n) noexcept {
    const std::int64_t offset = static_cast<std::int64_t>(day) - kFirst;
    if (offset < 0 || offset > 0xFFFF) return false;
    n = static_cast<std::uint16_t>(offset);
    return true;
  }
  static Day widen(std::uint16_t n) noexcept { return kFirst + static_cast<Day>(n); }
};

using DayColumn = NarrowColumn<DayCodec>;

}  // namespace kpikit
