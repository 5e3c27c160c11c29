#pragma once
// Numbers as a person types them into a form field, in German or English.
//
// German ("de"): decimal comma, '.' or a space groups thousands: "1.234,5",
// "1 234,5", "96,67". English ("en"): decimal point, ',' groups thousands:
// "1,234.5". A single separator that cannot be a thousands group (not
// followed by exactly three digits) is read as the decimal separator, so a
// German user typing "96.5" gets 96.5, not an error. Leading '+', '-' or the
// Unicode minus, surrounding spaces (also no-break spaces) are accepted;
// a trailing '%' is accepted and ignored (the field's unit decides the scale).
//
// Returns nothing for empty text or anything that is not a number.
//
// Example: parse_typed_number("1.234,5", NumberLocale::de) == 1234.5;
//          parse_typed_number("1,234", NumberLocale::en) == 1234.
#include <optional>
#include <string_view>

namespace kpikit {

enum class NumberLocale { de, en };

std::optional<double> parse_typed_number(std::string_view text, NumberLocale locale);

}  // namespace kpikit
