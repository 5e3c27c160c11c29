// Table-driven tests of single cell values (numbers, dates, ids, flags).
// Expected values are written out by hand from the literal text.
#include <doctest/doctest.h>

#include <cmath>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "ingest/decimal_digits.h"
#include "ingest/values.h"

using namespace kpikit;

namespace {

struct NumberCase {
  const char* text;
  DecimalStyle style;
  bool ok;
  double value;
};

const std::vector<NumberCase> kNumbers = {
    {"0", DecimalStyle::auto_detect, true, 0.0},
    {"42", DecimalStyle::auto_detect, true, 42.0},
    {"2.55", DecimalStyle::auto_detect, true, 2.55},
    {"12,50", DecimalStyle::auto_detect, true, 12.5},
    {"1.234,56", DecimalStyle::auto_detect, true, 1234.56},
    {"1,234.56", DecimalStyle::auto_detect, true, 1234.56},
    {"1 234,56", DecimalStyle::auto_detect, true, 1234.56},
    {"1\xC2\xA0" "234,56", DecimalStyle::auto_detect, true, 1234.56},
    {"1\xE2\x80\xAF" "234,56", DecimalStyle::auto_detect, true, 1234.56},
    {"1'234.56", DecimalStyle::auto_detect, true, 1234.56},
    {"1.234.567,89", DecimalStyle::auto_detect, true, 1234567.89},
    {"1,234,567.89", DecimalStyle::auto_detect, true, 1234567.89},
    {"1,234", DecimalStyle::point, true, 1234.0},
    {"1,234", DecimalStyle::comma, true, 1.234},
    {"1.234", DecimalStyle::comma, true, 1234.0},
    {"1.234", DecimalStyle::point, true, 1.234},
    {"0,125", DecimalStyle::point, true, 0.125},
    {"1234,5", DecimalStyle::point, true, 1234.5},
    {"€ 12,50", DecimalStyle::auto_detect, true, 12.5},
    {"12,50 €", DecimalStyle::auto_detect, true, 12.5},
    {"12,50€", DecimalStyle::auto_detect, true, 12.5},
    {"$1,200.00", DecimalStyle::auto_detect, true, 1200.0},
    {"EUR 99,90", DecimalStyle::auto_detect, true, 99.9},
    {"99.90 EUR", DecimalStyle::auto_detect, true, 99.9},
    {"99.90 usd", DecimalStyle::auto_detect, true, 99.9},
    {"CHF 1'250.00", DecimalStyle::auto_detect, true, 1250.0},
    {"£5", DecimalStyle::auto_detect, true, 5.0},
    {"-12,50", DecimalStyle::auto_detect, true, -12.5},
    {"12,50-", DecimalStyle::auto_detect, true, -12.5},
    {"(12.50)", DecimalStyle::auto_detect, true, -12.5},
    {"(1.234,56 €)", DecimalStyle::auto_detect, true, -1234.56},
    {"-€12.50", DecimalStyle::auto_detect, true, -12.5},
    {"€-12.50", DecimalStyle::auto_detect, true, -12.5},
    {"\xE2\x88\x92" "3,5", DecimalStyle::auto_detect, true, -3.5},
    {"+7", DecimalStyle::auto_detect, true, 7.0},
    {"  8.5  ", DecimalStyle::auto_detect, true, 8.5},
    {".5", DecimalStyle::auto_detect, true, 0.5},
    {"1e3", DecimalStyle::auto_detect, true, 1000.0},
    {"-4e-5", DecimalStyle::auto_detect, true, -4e-5},
    {"17850.0", DecimalStyle::auto_detect, true, 17850.0},
    {"", DecimalStyle::auto_detect, false, 0.0},
    {"-", DecimalStyle::auto_detect, false, 0.0},
    {"abc", DecimalStyle::auto_detect, false, 0.0},
    {"5a", DecimalStyle::auto_detect, false, 0.0},
    {"12.5.3", DecimalStyle::auto_detect, false, 0.0},
    {"1,2,3", DecimalStyle::auto_detect, false, 0.0},
    {"--5", DecimalStyle::auto_detect, false, 0.0},
    {"-5-", DecimalStyle::auto_detect, false, 0.0},
    {"2010-12-01", DecimalStyle::auto_detect, false, 0.0},
    {"12 50", DecimalStyle::auto_detect, false, 0.0},
    {"€", DecimalStyle::auto_detect, false, 0.0},
};

struct DateCase {
  const char* text;
  DateOrder order;
  bool ok;
  int y, m, d;
};

const std::vector<DateCase> kDates = {
    {"2026-11-23", DateOrder::dmy, true, 2026, 11, 23},
    {"2010-12-01 08:26:00", DateOrder::dmy, true, 2010, 12, 1},
    {"2018-05-04T21:08:03.269Z", DateOrder::dmy, true, 2018, 5, 4},
    {"2023-01-05 10:15:00 +0100", DateOrder::dmy, true, 2023, 1, 5},
    {"2024/02/29", DateOrder::mdy, true, 2024, 2, 29},
    {"23.11.2026", DateOrder::mdy, true, 2026, 11, 23},
    {"1.2.2026", DateOrder::mdy, true, 2026, 2, 1},
    {"23.11.26", DateOrder::dmy, true, 2026, 11, 23},
    {"01.03.99", DateOrder::dmy, true, 1999, 3, 1},
    {"23.11.2026 14:30", DateOrder::dmy, true, 2026, 11, 23},
    {"05/04/2021", DateOrder::dmy, true, 2021, 4, 5},
    {"05/04/2021", DateOrder::mdy, true, 2021, 5, 4},
    {"12/1/2010 8:26", DateOrder::mdy, true, 2010, 12, 1},
    {"25/12/2020", DateOrder::dmy, true, 2020, 12, 25},
    {"25/12/2020", DateOrder::mdy, false, 0, 0, 0},
    {"25/12/2020", DateOrder::auto_detect, true, 2020, 12, 25},
    {"12/25/2020", DateOrder::auto_detect, true, 2020, 12, 25},
    {"31-01-2020", DateOrder::dmy, true, 2020, 1, 31},
    {"19970101", DateOrder::dmy, true, 1997, 1, 1},
    {"19980630", DateOrder::mdy, true, 1998, 6, 30},
    {"2023-02-29", DateOrder::dmy, false, 0, 0, 0},
    {"31.04.2020", DateOrder::dmy, false, 0, 0, 0},
    {"12345678", DateOrder::dmy, false, 0, 0, 0},
    {"2020-13-01", DateOrder::dmy, false, 0, 0, 0},
    {"hello", DateOrder::dmy, false, 0, 0, 0},
    {"2020-01-05 foo", DateOrder::dmy, false, 0, 0, 0},
    {"", DateOrder::dmy, false, 0, 0, 0},
    {"1.234,56", DateOrder::dmy, false, 0, 0, 0},
};

}  // namespace

TEST_CASE("parse_number reads every listed number style") {
  for (const auto& c : kNumbers) {
    CAPTURE(c.text);
    CAPTURE(static_cast<int>(c.style));
    const auto v = parse_number(c.text, c.style);
    REQUIRE(v.has_value() == c.ok);
    if (c.ok) CHECK(*v == doctest::Approx(c.value).epsilon(1e-12));
  }
}

TEST_CASE("parse_number rounds decimal text exactly like the literal") {
  CHECK(*parse_number("2.55") == 2.55);
  CHECK(*parse_number("0,1") == 0.1);
  CHECK(*parse_number("1.234,56") == 1234.56);
  CHECK(*parse_number("9007199254740993") == 9007199254740992.0);  // beyond 2^53: nearest double
}

TEST_CASE("dates in every listed form") {
  for (const auto& c : kDates) {
    CAPTURE(c.text);
    CAPTURE(static_cast<int>(c.order));
    const auto d = parse_date(c.text, c.order);
    REQUIRE(d.has_value() == c.ok);
    if (c.ok) CHECK(*d == days_from_civil(c.y, c.m, c.d));
  }
}

TEST_CASE("date tokens keep a/b order open until the column decides") {
  DateToken t;
  REQUIRE(scan_date("05/04/2021", t));
  CHECK_FALSE(t.order_fixed);
  CHECK(date_valid_dmy(t));
  CHECK(date_valid_mdy(t));
  REQUIRE(scan_date("13/04/2021", t));
  CHECK(date_valid_dmy(t));
  CHECK_FALSE(date_valid_mdy(t));
  REQUIRE(scan_date("23.11.2026", t));
  CHECK(t.order_fixed);
}

TEST_CASE("the fast forms (yyyy-mm-dd, dd.mm.yyyy, -123,45 in a decimal-comma file) read as the general reader does") {
  // The general reader is reached by a time after the date and by a currency
  // sign after the number; both give the same token / value as the bare text.
  std::mt19937 rng(17);
  auto pad = [](int v, int width) {
    std::string t = std::to_string(v);
    while (static_cast<int>(t.size()) < width) t.insert(t.begin(), '0');
    return t;
  };
  for (int k = 0; k < 20000; ++k) {
    const int y = 1890 + static_cast<int>(rng() % 230), m = static_cast<int>(rng() % 14), d = static_cast<int>(rng() % 33);
    for (const std::string& text : {pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2), pad(d, 2) + "." + pad(m, 2) + "." + pad(y, 4)}) {
      CAPTURE(text);
      DateToken fast, general;
      const bool fast_ok = scan_date(text, fast), general_ok = scan_date(text + " 08:26", general);
      REQUIRE(fast_ok == general_ok);
      if (fast_ok) CHECK((fast.year == general.year && fast.a == general.a && fast.b == general.b && fast.order_fixed));
    }
    const auto cents = static_cast<long long>(rng() % 100000000) - 50000000;
    const int decimals = 1 + static_cast<int>(rng() % 2);
    std::string number = std::to_string(std::llabs(cents) / 100) + "," +
                         pad(static_cast<int>(std::llabs(cents) % 100), 2).substr(0, static_cast<std::size_t>(decimals));
    if (cents < 0) number.insert(number.begin(), '-');
    CAPTURE(number);
    const auto fast = parse_number(number, DecimalStyle::comma);
    const auto general = parse_number(number + " \xE2\x82\xAC", DecimalStyle::comma);
    REQUIRE(fast.has_value());
    REQUIRE(general.has_value());
    CHECK(*fast == *general);
  }
}

TEST_CASE("the usual short amount is read without a loop, as the general reader reads it") {
  double v = 0.0;
  REQUIRE(detail::short_plain_number("7.74", false, v));
  CHECK(v == 7.74);
  REQUIRE(detail::short_plain_number("12,5", true, v));
  CHECK(v == 12.5);
  REQUIRE(detail::short_plain_number(".5", false, v));
  CHECK(v == 0.5);
  REQUIRE(detail::short_plain_number("99999.99", false, v));
  CHECK(v == 99999.99);
  REQUIRE(detail::short_plain_number("1299", false, v));
  CHECK(v == 1299.0);
  // Its digits and scale, as the line reader keeps them until it reads them.
  std::uint64_t digits = 0;
  int decimals = -1;
  REQUIRE(detail::short_plain_digits_here("7.74", 4, false, digits, decimals));
  CHECK(detail::eight_digits_value(digits) == 774);
  CHECK(decimals == 2);
  REQUIRE(detail::short_plain_digits_here("0,0000001", 9, true, digits, decimals) == false);
  REQUIRE(detail::short_plain_digits_here("0,000001", 8, true, digits, decimals));
  CHECK(detail::eight_digits_value(digits) == 1);
  CHECK(decimals == 6);
  REQUIRE(detail::short_plain_digits_here("0.00", 4, false, digits, decimals));
  CHECK(digits == detail::kZeroDigits);
  CHECK(decimals == 2);
  REQUIRE(detail::short_plain_digits_here("12345678", 8, false, digits, decimals));
  CHECK(detail::eight_digits_value(digits) == 12345678);
  CHECK(decimals == 0);
  for (const char* declined : {"", "1.234", "1.", "-1.5", "1,5", "1.2.3", "123456789", "1 299", "7.74\xE2", "(7)"}) {
    CAPTURE(declined);
    CHECK_FALSE(detail::short_plain_number(declined, false, v));
  }
  // Against the general reader, reached by a leading space (never a short
  // plain number): every string of 1..9 of these characters, drawn at random.
  std::mt19937 rng(29);
  const std::string alphabet = "0123456789012345678901234567890123456789.,-";
  for (int k = 0; k < 200000; ++k) {
    std::string text(1 + rng() % 9, '0');
    for (auto& c : text) c = alphabet[rng() % alphabet.size()];
    for (DecimalStyle style : {DecimalStyle::point, DecimalStyle::comma, DecimalStyle::auto_detect}) {
      CAPTURE(text);
      CAPTURE(static_cast<int>(style));
      const auto usual = parse_number(text, style), general = parse_number(" " + text, style);
      REQUIRE(usual.has_value() == general.has_value());
      if (usual) REQUIRE(*usual == *general);
    }
  }
}

TEST_CASE("excel serial day numbers") {
  CHECK(*excel_serial_to_day(25569) == 0);                             // 1970-01-01
  CHECK(*excel_serial_to_day(40513.35) == days_from_civil(2010, 12, 1));  // time dropped
  CHECK(*excel_serial_to_day(1) == days_from_civil(1900, 1, 1));
  CHECK(*excel_serial_to_day(59) == days_from_civil(1900, 2, 28));
  CHECK(*excel_serial_to_day(61) == days_from_civil(1900, 3, 1));
  CHECK_FALSE(excel_serial_to_day(60).has_value());  // Excel's 1900-02-29
  CHECK_FALSE(excel_serial_to_day(0).has_value());
  CHECK_FALSE(excel_serial_to_day(-5).has_value());
}

TEST_CASE("ids: apostrophe, float spelling, Excel wrapper, e-mail case") {
  struct IdCase {
    const char* text;
    const char* expected;
  };
  const IdCase cases[] = {
      {"'7210448301122", "7210448301122"}, {"17850.0", "17850"},       {" 00001 ", "00001"},
      {"=\"00123\"", "00123"},             {"Anna@Example.DE", "anna@example.de"}, {"12.5", "12.5"},
      {"C536379", "C536379"},              {"7590-VHVEG", "7590-VHVEG"},
      {"Max.Muster@Shop.DE", "max.muster@shop.de"}, {"17850.0.0", "17850.0.0"}, {"0.00", "0"},
      {".5", ".5"},                        {"12.", "12."},
  };
  std::string scratch;
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(normalize_id(c.text, scratch) == c.expected);
  }
  CHECK(normalize_id("  ", scratch).empty());
  CHECK(normalize_id("'", scratch).empty());
}

TEST_CASE("ids: normalize_id tells the number of a digits-only result, for the interners") {
  struct NumberCase {
    const char* text;
    const char* expected;
    std::optional<std::uint64_t> digits;
  };
  const NumberCase cases[] = {
      {"2283211", "2283211", 2283211},          // as written: the fast path
      {"0042", "0042", 42},                      // leading zeros stay in the text; the length tells them apart
      {" '0042 ", "0042", 42},                   // after trimming and the apostrophe
      {"17850.0", "17850", 17850},               // after the float spelling
      {"=\"00123\"", "00123", 123},
      {"999999999999999999", "999999999999999999", 999999999999999999ULL},  // 18 digits
      {"1234567890123456789", "1234567890123456789", std::nullopt},         // 19: no number
      {"C536379", "C536379", std::nullopt},
      {"12.5", "12.5", std::nullopt},
      {"Anna@Example.DE", "anna@example.de", std::nullopt},
      {"", "", std::nullopt},
  };
  std::string scratch;
  for (const auto& c : cases) {
    CAPTURE(c.text);
    std::optional<std::uint64_t> digits = 7;  // overwritten either way
    CHECK(normalize_id(c.text, scratch, digits) == c.expected);
    CHECK(digits == c.digits);
  }
}

TEST_CASE("flags in English and German") {
  CHECK(*parse_flag("Yes") == true);
  CHECK(*parse_flag("nein") == false);
  CHECK(*parse_flag("1") == true);
  CHECK(*parse_flag("FALSE") == false);
  CHECK(*parse_flag("Ja") == true);
  CHECK_FALSE(parse_flag("maybe").has_value());
}
