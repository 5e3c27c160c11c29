#pragma once
// Input checks shared by the calculators. Each throws kpikit::Error naming the
// field, with a stable code:
//   not_finite  the value is NaN or infinite
//   negative    the value is below 0
//   not_whole   a count has a fractional part
//   not_positive the value must be greater than 0
//   out_of_range the value lies outside [min, max]
#include <string>

namespace kpikit::detail {

// A number as short text for messages: 10, 0.5, 1e+20 (no locale, no iostreams).
std::string format_number(double value);

void require_finite(double value, const std::string& field);
void require_count(double value, const std::string& field);           // finite, whole, >= 0
void require_non_negative(double value, const std::string& field);    // finite, >= 0
void require_positive(double value, const std::string& field);        // finite, > 0
void require_in_range(double value, double min, double max, const std::string& field);
// A percent input (a fraction) in [0, 1]: out_of_range "field must be between 0 % and 100 %".
void require_percent(double value, const std::string& field);

}  // namespace kpikit::detail
