#include "calc/validate.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace kpikit::detail {

std::string format_number(double v) {
  // Shortest round-trip text without iostreams or printf (they would add
  // ~80 KB of locale code to the widget's WebAssembly).
  if (!std::isfinite(v)) return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
  if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[64];
  char* end = nlohmann::detail::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

void require_finite(double value, const std::string& field) {
  if (!std::isfinite(value)) throw Error("not_finite", field + " must be a finite number", field);
}

void require_non_negative(double value, const std::string& field) {
  require_finite(value, field);
  if (value < 0) throw Error("negative", field + " must not be negative", field);
}

void require_count(double value, const std::string& field) {
  require_non_negative(value, field);
  if (std::floor(value) != value) throw Error("not_whole", field + " must be a whole number", field);
}

void require_positive(double value, const std::string& field) {
  require_finite(value, field);
  if (value <= 0) throw Error("not_positive", field + " must be greater than 0", field);
}

void require_in_range(double value, double min, double max, const std::string& field) {
  require_finite(value, field);
  if (value < min || value > max)
    throw Error("out_of_range", field + " must be between " + format_number(min) + " and " + format_number(max), field);
}

void require_percent(double value, const std::string& field) {
  require_finite(value, field);
  if (value < 0 || value > 1) throw Error("out_of_range", field + " must be between 0 % and 100 %", field);
}

}  // namespace kpikit::detail
