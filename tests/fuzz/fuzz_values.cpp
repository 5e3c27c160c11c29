// Fuzzes number and date parsing of cell values: never crashes, numbers are
// finite, dates are valid calendar days.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ingest/values.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (auto style : {kpikit::DecimalStyle::auto_detect, kpikit::DecimalStyle::point, kpikit::DecimalStyle::comma}) {
    const auto n = kpikit::parse_number(text, style);
    if (n && !std::isfinite(*n)) std::abort();
  }
  for (auto order : {kpikit::DateOrder::dmy, kpikit::DateOrder::mdy}) {
    const auto d = kpikit::parse_date(text, order);
    if (d) {
      const kpikit::CivilDate c = kpikit::civil_from_days(*d);
      if (!kpikit::is_valid_civil(c.year, c.month, c.day)) std::abort();
      if (kpikit::days_from_civil(c.year, c.month, c.day) != *d) std::abort();
    }
  }
  return 0;
}
