#pragma once
// Reading single cell values the way marketers' exports write them.
//
// Numbers: decimal comma or point, thousands separators ("1.234,56",
// "1,234.56", "1 234,56", "1'234.56"), currency signs and codes before or
// after the number ("€ 12,50", "12.50 EUR", "$1,200"), negatives written
// "-12,50", "12,50-" or "(12.50)". Dates: ISO 8601 with or without time,
// dd.mm.yyyy, dd.mm.yy, dd/mm/yyyy or mm/dd/yyyy (order chosen by the caller),
// yyyy/mm/dd, yyyymmdd, and Excel serial day numbers. Ids: a leading
// apostrophe ("'7210448301122") or a float spelling ("17850.0") is removed.
//
// No locale functions, no iostreams, no allocation except in normalize_id
// (and there only for e-mail addresses with capitals).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "data/calendar.h"
#include "ingest/decimal_digits.h"

namespace kpikit {

// How a column writes its decimal separator. auto_detect decides per value:
// a lone separator followed by exactly three digits ("1,234" / "1.234") is
// then read as a thousands separator only when the other separator style is
// impossible; use point/comma to settle it.
enum class DecimalStyle : std::uint8_t { auto_detect, point, comma };

// Order of day and month in numeric dates written a/b/yyyy or a-b-yyyy.
// Dotted dates (dd.mm.yyyy) are always day first and ISO dates year first,
// whatever this says.
enum class DateOrder : std::uint8_t { auto_detect, dmy, mdy };

// Parses a number; nullopt when the text is not one number.
// Example: parse_number("1.234,56 €") == 1234.56; parse_number("(12.50)") == -12.5;
//          parse_number("12,50-", DecimalStyle::comma) == -12.5.
std::optional<double> parse_number(std::string_view text, DecimalStyle style = DecimalStyle::auto_detect);

// The parts of a date found in text, before the day/month order is applied.
// For fixed-order forms (ISO, dotted, yyyymmdd) month/day are final and
// order_fixed is true. For a/b/yyyy forms a and b are the first two numbers
// and order_fixed is false.
struct DateToken {
  int year = 0;
  int a = 0;  // month when order_fixed, else the first number
  int b = 0;  // day when order_fixed, else the second number
  bool order_fixed = false;
};

// Scans the text forms of a date (not Excel serials); false when not a date.
// A time after the date (" 08:26:00", "T10:15:00+01:00") is accepted and dropped.
// Example: scan_date("23.11.2026", t) -> {2026, 11, 23, fixed};
//          scan_date("12/1/2010 8:26", t) -> {2010, 12, 1, not fixed}.
bool scan_date(std::string_view text, DateToken& token);

// Whether a token is a valid calendar date read day-first / month-first.
bool date_valid_dmy(const DateToken& t) noexcept;
bool date_valid_mdy(const DateToken& t) noexcept;

// Resolves a token to a Day with the given order (auto_detect = day first
// unless only month first is valid); nullopt when not a valid calendar date.
std::optional<Day> resolve_date(const DateToken& t, DateOrder order) noexcept;

// Parses one date with a known order. Example: parse_date("2010-12-01 08:26:00") == 14944.
std::optional<Day> parse_date(std::string_view text, DateOrder order = DateOrder::dmy);

// Excel 1900 date system: serial 25569 is 1970-01-01, fractions (time) are
// dropped; accepted range 1 (1900-01-01) .. 2958465 (9999-12-31), serials
// below 61 account for Excel's fictitious 1900-02-29.
// Example: excel_serial_to_day(40513.35) == days_from_civil(2010, 12, 1).
std::optional<Day> excel_serial_to_day(double serial) noexcept;

// Normalises an id cell: trims spaces, removes a leading apostrophe and
// Excel's ="..." wrapper, turns "17850.0" into "17850", lower-cases e-mail
// addresses. Returns a slice of text, or of scratch when letters had to be
// lower-cased (valid until scratch changes); empty when nothing is left.
// Example: normalize_id(" '7210448301122", scratch) -> "7210448301122".
std::string_view normalize_id(std::string_view text, std::string& scratch);

// The same, and digits gets the value of the result when it is 1..18 decimal
// digits (else nullopt), for the interners, which key such ids by number: the
// usual id is then read once.
// Inline: most ids are digits only and pass with one check, without a call.
namespace detail {
std::string_view normalize_id_slow(std::string_view text, std::string& scratch, std::optional<std::uint64_t>& digits);
}
inline std::string_view normalize_id(std::string_view text, std::string& scratch, std::optional<std::uint64_t>& digits) {
  digits = detail::id_number(text);
  if (digits) return text;  // digits only (the usual id): nothing to change
  return detail::normalize_id_slow(text, scratch, digits);
}

namespace detail {
std::string_view trim_value_slow(std::string_view text) noexcept;
// Whether a and b are equal, ignoring ASCII case.
bool iequals(std::string_view a, std::string_view b) noexcept;
}

// Trims ASCII spaces/tabs and the UTF-8 no-break spaces U+00A0, U+202F and
// the thin space U+2009. Inline: most cells start and end with a printable
// ASCII character and are returned as they are without a call.
inline std::string_view trim_value(std::string_view text) noexcept {
  auto printable = [](char c) { return static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7F; };
  if (!text.empty() && printable(text.front()) && printable(text.back())) return text;
  return detail::trim_value_slow(text);
}

// Reads a yes/no flag ("yes", "no", "true", "false", "1", "0", "ja", "nein",
// "y", "n", "x", "churned", "active" ...), case-insensitive.
std::optional<bool> parse_flag(std::string_view text) noexcept;

}  // namespace kpikit
