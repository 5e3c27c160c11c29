// Fuzzes the typed-number reader: never crashes, and whatever it accepts is finite.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "calc/typed_number.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (auto locale : {kpikit::NumberLocale::de, kpikit::NumberLocale::en}) {
    const auto value = kpikit::parse_typed_number(text, locale);
    if (value && !std::isfinite(*value)) std::abort();
  }
  return 0;
}
