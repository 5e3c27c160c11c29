#pragma once
// AmountColumn: the amount of each order line, in 4 bytes a line when it can.
//
// Shop exports write amounts with at most two decimals, and the reader turns
// "12,30" into the double nearest 12.30 (1230 / 100, correctly rounded). That
// double is exactly what cents / 100.0 gives back, so while every amount
// appended is such a value, the column keeps whole cents in 32 bits (half the
// 8 bytes of a double). The first amount that is not (a third decimal,
// quantity x unit price = 7.6499999999999995, beyond +-20 million, -0.0, NaN)
// turns the whole column into doubles, once, and it stays so.
//
// Conventions: operator[] returns bit for bit the double that was appended,
// in either storage (see NarrowColumn), so every sum and comparison is the
// same as with a std::vector<double>; index i is the i-th amount appended.
#include <cmath>
#include <cstdint>

#include "data/narrow_column.h"

namespace kpikit {

struct CentsCodec {
  using Value = double;
  using Narrow = std::int32_t;

  // Whole cents whose cents / 100.0 is `amount` itself, or false.
  static bool narrow(double amount, std::int32_t& cents) noexcept {
    if (!(std::fabs(amount) < 2.0e7)) return false;  // also NaN
    const double scaled = std::nearbyint(amount * 100.0);
    const auto c = static_cast<std::int32_t>(scaled);
    if (static_cast<double>(c) / 100.0 != amount) return false;
    if (amount == 0.0 && std::signbit(amount)) return false;  // -0.0 would come back as +0.0
    cents = c;
    return true;
  }
  static double widen(std::int32_t cents) noexcept { return static_cast<double>(cents) / 100.0; }
  // The cents of the amount mantissa / 10^decimals (mantissa: a whole number
  // below 10^8, as the line reader keeps it), without dividing: for 0..2
  // decimals they are mantissa * 10^(2 - decimals), and widen gives back the
  // correctly rounded quotient, what narrow(mantissa / 10^decimals) gives.
  // False beyond 2 decimals or 20 million.
  static bool cents_of_decimal(double mantissa, int decimals, std::int32_t& cents) noexcept {
    static constexpr double kToCents[] = {100.0, 10.0, 1.0};
    if (decimals > 2) return false;
    const double scaled = mantissa * kToCents[decimals];  // exact: below 10^10
    if (!(scaled < 2.0e9)) return false;
    cents = static_cast<std::int32_t>(scaled);
    return true;
  }
};

using AmountColumn = NarrowColumn<CentsCodec>;

}  // namespace kpikit
