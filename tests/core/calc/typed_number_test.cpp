// Typed numbers in German and English, table-driven.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "calc/typed_number.h"

using kpikit::NumberLocale;
using kpikit::parse_typed_number;

namespace {
struct Case {
  const char* text;
  NumberLocale locale;
  std::optional<double> expected;
};
}  // namespace

TEST_CASE("typed numbers read as a German or English user means them") {
  const Case cases[] = {
      {"150", NumberLocale::de, 150},
      {"96,67", NumberLocale::de, 96.67},
      {"1.234,5", NumberLocale::de, 1234.5},
      {"1.234", NumberLocale::de, 1234},
      {"1 234,5", NumberLocale::de, 1234.5},
      {"1\xC2\xA0" "234,5", NumberLocale::de, 1234.5},
      {"96.5", NumberLocale::de, 96.5},
      {"  -12,5 ", NumberLocale::de, -12.5},
      {"\xE2\x88\x92" "3", NumberLocale::de, -3},
      {"80 %", NumberLocale::de, 80},
      {"1,234.5", NumberLocale::en, 1234.5},
      {"1,234", NumberLocale::en, 1234},
      {"96,5", NumberLocale::en, 96.5},
      {".5", NumberLocale::en, 0.5},
      {"+7", NumberLocale::en, 7},
      {"", NumberLocale::en, std::nullopt},
      {"   ", NumberLocale::en, std::nullopt},
      {"abc", NumberLocale::en, std::nullopt},
      {"12a", NumberLocale::de, std::nullopt},
      {"1.2.3", NumberLocale::en, std::nullopt},
      {"1,2,3", NumberLocale::de, std::nullopt},
      {"5,", NumberLocale::de, std::nullopt},
      {"-", NumberLocale::de, std::nullopt},
      {"1e5", NumberLocale::en, std::nullopt},
      {"inf", NumberLocale::en, std::nullopt},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.text));
    const auto got = parse_typed_number(c.text, c.locale);
    REQUIRE(got.has_value() == c.expected.has_value());
    if (got) CHECK(*got == doctest::Approx(*c.expected).epsilon(1e-12));
  }
}
