#include "ingest/values.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/affixes.h"
#include "ingest/decimal_digits.h"

namespace kpikit {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

constexpr char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Multi-byte spaces that appear as thousands separators or padding.
constexpr std::string_view kNbsp = "\xC2\xA0";
constexpr std::string_view kNarrowNbsp = "\xE2\x80\xAF";
constexpr std::string_view kThinSpace = "\xE2\x80\x89";
constexpr std::string_view kUnicodeMinus = "\xE2\x88\x92";

// Length of a space-like token at the start of s (0 when none).
std::size_t space_prefix(std::string_view s) noexcept {
  if (s.empty()) return 0;
  if (s[0] == ' ' || s[0] == '\t') return 1;
  const auto b = static_cast<unsigned char>(s[0]);
  if (b != 0xC2 && b != 0xE2) return 0;
  if (starts_with(s, kNbsp)) return 2;
  if (starts_with(s, kNarrowNbsp) || starts_with(s, kThinSpace)) return 3;
  return 0;
}

std::size_t space_suffix(std::string_view s) noexcept {
  if (s.empty()) return 0;
  if (s.back() == ' ' || s.back() == '\t') return 1;
  const auto b = static_cast<unsigned char>(s.back());
  if (b != 0xA0 && b != 0xAF && b != 0x89) return 0;
  if (ends_with(s, kNbsp)) return 2;
  if (ends_with(s, kNarrowNbsp) || ends_with(s, kThinSpace)) return 3;
  return 0;
}

constexpr std::string_view kCurrencySymbols[] = {"\xE2\x82\xAC", "$", "\xC2\xA3", "\xC2\xA5", "Fr."};
constexpr std::string_view kCurrencyCodes[] = {"EUR", "USD", "GBP", "CHF", "JPY", "SEK", "NOK", "DKK", "PLN", "CZK", "AUD", "CAD", "SFr"};

// Whether some currency sign or code above starts (ends) with the byte c,
// ignoring ASCII case: most text fields are turned away by one test.
constexpr bool may_start_currency(char c) noexcept {
  switch (ascii_lower(c)) {
    case '\xE2': case '$': case '\xC2': case 'f': case 'e': case 'u': case 'g': case 'c':
    case 'j': case 's': case 'n': case 'd': case 'p': case 'a':
      return true;
    default:
      return false;
  }
}

constexpr bool may_end_currency(char c) noexcept {
  switch (ascii_lower(c)) {
    case '\xAC': case '$': case '\xA3': case '\xA5': case '.': case 'r': case 'd': case 'p':
    case 'f': case 'y': case 'k': case 'n':
      return true;
    default:
      return false;
  }
}

constexpr bool currency_filters_admit_every_currency() noexcept {
  for (auto c : kCurrencySymbols)
    if (!may_start_currency(c.front()) || !may_end_currency(c.back())) return false;
  for (auto c : kCurrencyCodes)
    if (!may_start_currency(c.front()) || !may_end_currency(c.back())) return false;
  return true;
}
static_assert(currency_filters_admit_every_currency(), "a currency's first or last byte is missing from the filters");

// Length of a currency sign or code at the start / end of s.
std::size_t currency_prefix(std::string_view s) noexcept {
  if (s.empty() || !may_start_currency(s[0])) return 0;
  for (auto c : kCurrencySymbols) {
    if (starts_with(s, c)) return c.size();
  }
  for (auto c : kCurrencyCodes) {
    if (s.size() >= c.size() && detail::iequals(s.substr(0, c.size()), c)) return c.size();
  }
  return 0;
}

std::size_t currency_suffix(std::string_view s) noexcept {
  if (s.empty() || !may_end_currency(s.back())) return 0;
  for (auto c : kCurrencySymbols) {
    if (ends_with(s, c)) return c.size();
  }
  for (auto c : kCurrencyCodes) {
    if (s.size() >= c.size() && detail::iequals(s.substr(s.size() - c.size()), c)) return c.size();
  }
  return 0;
}

constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// The digits and separators of a number without sign and currency.
struct NumberCore {
  char digits[40];
  int ndigits = 0;
  int nfrac = 0;  // how many of the digits are after the decimal separator
  int exponent = 0;
};

// Separator positions: after how many digits each separator occurs.
struct Sep {
  char kind;  // '.', ',' or 'g' (space / apostrophe grouping)
  int after;  // number of digits before it
};

bool groups_valid(const Sep* seps, int nseps, int total_digits) noexcept {
  // Thousands separators: first group 1..3 digits, then exactly 3 between separators and after the last.
  int prev = 0;
  for (int i = 0; i < nseps; ++i) {
    const int group = seps[i].after - prev;
    if (i == 0 ? (group < 1 || group > 3) : group != 3) return false;
    prev = seps[i].after;
  }
  return total_digits - prev == 3;
}

bool read_core(std::string_view s, DecimalStyle style, NumberCore& core) noexcept {
  Sep seps[16];
  int nseps = 0;
  std::size_t i = 0;
  int exp_sign = 1;
  bool in_exp = false;
  int exp_digits = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (in_exp) {
      if (!is_digit(c) || exp_digits > 4) return false;
      core.exponent = core.exponent * 10 + (c - '0');
      ++exp_digits;
      ++i;
      continue;
    }
    if (is_digit(c)) {
      if (core.ndigits >= 38) return false;
      core.digits[core.ndigits++] = c;
      ++i;
      continue;
    }
    if (c == '.' || c == ',') {
      if (nseps >= 16) return false;
      seps[nseps++] = Sep{c, core.ndigits};
      ++i;
      continue;
    }
    if (c == '\'') {
      if (nseps >= 16) return false;
      seps[nseps++] = Sep{'g', core.ndigits};
      ++i;
      continue;
    }
    if ((c == 'e' || c == 'E') && core.ndigits > 0 && i + 1 < s.size()) {
      in_exp = true;
      ++i;
      if (s[i] == '+' || s[i] == '-') {
        exp_sign = s[i] == '-' ? -1 : 1;
        ++i;
      }
      continue;
    }
    const std::size_t sp = space_prefix(s.substr(i));
    if (sp > 0 && c != '\t') {
      if (nseps >= 16) return false;
      seps[nseps++] = Sep{'g', core.ndigits};
      i += sp;
      continue;
    }
    return false;
  }
  if (core.ndigits == 0 || (in_exp && exp_digits == 0)) return false;
  core.exponent *= exp_sign;
  if (nseps == 0) return true;

  // Which separator is the decimal one?
  int ndots = 0, ncommas = 0;
  for (int k = 0; k < nseps; ++k) {
    if (seps[k].kind == '.') ++ndots;
    if (seps[k].kind == ',') ++ncommas;
  }
  char decimal = 0;
  const Sep& last = seps[nseps - 1];
  if (ndots > 0 && ncommas > 0) {
    decimal = last.kind;
    if (decimal == 'g' || (decimal == '.' ? ndots : ncommas) != 1) return false;
  } else if (ndots + ncommas == 1) {
    const char k = last.kind == 'g' ? (ndots ? '.' : ',') : last.kind;
    int pos = 0;
    for (int j = 0; j < nseps; ++j) {
      if (seps[j].kind == k) pos = seps[j].after;
    }
    const int after = core.ndigits - pos;
    const bool leading_zero = pos == 1 && core.digits[0] == '0';
    if (after != 3 || pos == 0 || pos > 3 || leading_zero) {
      decimal = k;
    } else if (style == DecimalStyle::comma) {
      decimal = k == ',' ? ',' : 0;
    } else {
      decimal = k == '.' ? '.' : 0;  // point style and auto: "1,234" is 1234, "1.234" is 1.234
    }
  }
  if (decimal != 0 && (last.kind != decimal)) return false;
  if (decimal != 0) {
    if (last.after == 0 && core.ndigits == 0) return false;
    core.nfrac = core.ndigits - last.after;
    if (nseps > 1 && !groups_valid(seps, nseps - 1, last.after)) return false;
    if (core.exponent != 0 && decimal != '.') return false;
  } else {
    if (!groups_valid(seps, nseps, core.ndigits)) return false;
    if (core.exponent != 0) return false;
  }
  return true;
}

double core_value(const NumberCore& core) noexcept {
  int exp10 = core.exponent - core.nfrac;
  int first = 0;
  while (first < core.ndigits - 1 && core.digits[first] == '0') ++first;
  const int n = core.ndigits - first;
  if (n <= 19) {
    std::uint64_t mant = 0;
    for (int i = first; i < core.ndigits; ++i) mant = mant * 10 + static_cast<std::uint64_t>(core.digits[i] - '0');
    const double m = static_cast<double>(mant);
    if (mant < (std::uint64_t{1} << 53)) {
      if (exp10 == 0) return m;
      if (exp10 < 0 && exp10 >= -22) return m / kPow10[-exp10];
      if (exp10 > 0 && exp10 <= 22) return m * kPow10[exp10];
    }
  }
  // Rare long or exotic numbers: let strtod round (the digits are plain ASCII).
  char buf[64];
  int p = 0;
  for (int i = first; i < core.ndigits; ++i) buf[p++] = core.digits[i];
  buf[p++] = 'e';
  const int written = std::snprintf(buf + p, sizeof(buf) - static_cast<std::size_t>(p), "%d", exp10);
  (void)written;
  return std::strtod(buf, nullptr);
}

int read_int(std::string_view s, std::size_t& i, int max_digits, int& ndigits) noexcept {
  int v = 0;
  ndigits = 0;
  while (i < s.size() && is_digit(s[i]) && ndigits < max_digits + 1) {
    v = v * 10 + (s[i] - '0');
    ++i;
    ++ndigits;
  }
  return v;
}

int expand_year(int y, int ndigits) noexcept {
  if (ndigits == 2) return y < 70 ? 2000 + y : 1900 + y;
  return y;
}

}  // namespace

std::string_view detail::trim_value_slow(std::string_view s) noexcept {
  for (;;) {
    const std::size_t p = space_prefix(s);
    if (p == 0) break;
    s.remove_prefix(p);
  }
  for (;;) {
    const std::size_t p = space_suffix(s);
    if (p == 0) break;
    s.remove_suffix(p);
  }
  return s;
}

namespace {

// The common case, plain "-123.45" / "123" (at most 15 digits; with
// comma_decimal also "-123,45", for a file of decimal commas): no separators
// to weigh. One pass: the first '.' (or ',') is the decimal mark, a second
// mark of either kind sends the text to the full reader. Returns false when
// the text needs the full reader ("1.234" is ambiguous).
bool parse_plain(std::string_view s, bool comma_decimal, double& out) noexcept {
  std::size_t i = 0;
  const bool negative = !s.empty() && s[0] == '-';
  i += negative;
  std::uint64_t mant = 0;
  int digits = 0, frac = -1;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (is_digit(c)) {
      mant = mant * 10 + static_cast<std::uint64_t>(c - '0');
      ++digits;
      if (frac >= 0) ++frac;
    } else if ((c == '.' || (c == ',' && comma_decimal)) && frac < 0) {
      frac = 0;
    } else {
      return false;
    }
  }
  if (digits == 0 || digits > 15 || frac == 0 || (frac == 3 && digits - frac <= 3)) return false;  // "1.234" is ambiguous
  const double m = static_cast<double>(mant);
  const double v = frac > 0 ? m / kPow10[frac] : m;
  out = negative ? -v : v;
  return true;
}

}  // namespace

std::optional<double> parse_number(std::string_view text, DecimalStyle style) {
  double usual = 0.0;
  if (detail::short_plain_number(text, style == DecimalStyle::comma, usual)) return usual;
  std::string_view s = trim_value(text);
  if (s.empty()) return std::nullopt;
  double plain = 0.0;
  if (parse_plain(s, style == DecimalStyle::comma, plain)) return plain;
  bool negative = false;
  if (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
    negative = true;
    s = trim_value(s.substr(1, s.size() - 2));
  }
  // Strip signs, currency and spaces from both ends, in any order.
  int signs = 0;
  bool currency = false;
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    if (std::size_t n = space_prefix(s)) {
      s.remove_prefix(n);
      changed = true;
    } else if (s.front() == '-' || s.front() == '+') {
      if (s.front() == '-') negative = !negative;
      ++signs;
      s.remove_prefix(1);
      changed = true;
    } else if (starts_with(s, kUnicodeMinus)) {
      negative = !negative;
      ++signs;
      s.remove_prefix(kUnicodeMinus.size());
      changed = true;
    } else if (std::size_t c = currency_prefix(s); c > 0 && !currency) {
      currency = true;
      s.remove_prefix(c);
      changed = true;
    }
  }
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    if (std::size_t n = space_suffix(s)) {
      s.remove_suffix(n);
      changed = true;
    } else if (s.back() == '-' || s.back() == '+') {
      if (s.back() == '-') negative = !negative;
      ++signs;
      s.remove_suffix(1);
      changed = true;
    } else if (std::size_t c = currency_suffix(s); c > 0 && !currency) {
      currency = true;
      s.remove_suffix(c);
      changed = true;
    }
  }
  if (signs > 1 || s.empty()) return std::nullopt;
  if (!is_digit(s.front()) && !((s.front() == '.' || s.front() == ',') && s.size() > 1 && is_digit(s[1]))) {
    return std::nullopt;
  }
  NumberCore core;
  if (!read_core(s, style, core)) return std::nullopt;
  const double v = core_value(core);
  if (!std::isfinite(v)) return std::nullopt;
  return negative ? -v : v;
}

namespace {

bool all_digits(std::string_view s, std::size_t from, std::size_t n) noexcept {
  for (std::size_t k = from; k < from + n; ++k)
    if (!is_digit(s[k])) return false;
  return true;
}

int two_digits(std::string_view s, std::size_t i) noexcept { return (s[i] - '0') * 10 + (s[i + 1] - '0'); }

// The two commonest forms, exactly "yyyy-mm-dd" and "dd.mm.yyyy", read
// without the general scanner (the same token it gives). False: not one of them.
bool scan_common_date(std::string_view s, DateToken& t, bool& valid) noexcept {
  if (s.size() != 10) return false;
  if (s[4] == '-' && s[7] == '-' && all_digits(s, 0, 4) && all_digits(s, 5, 2) && all_digits(s, 8, 2)) {
    t = DateToken{two_digits(s, 0) * 100 + two_digits(s, 2), two_digits(s, 5), two_digits(s, 8), true};
  } else if (s[2] == '.' && s[5] == '.' && all_digits(s, 0, 2) && all_digits(s, 3, 2) && all_digits(s, 6, 4)) {
    t = DateToken{two_digits(s, 6) * 100 + two_digits(s, 8), two_digits(s, 3), two_digits(s, 0), true};
  } else {
    return false;
  }
  valid = is_valid_civil(t.year, t.a, t.b);
  return true;
}

}  // namespace

bool scan_date(std::string_view text, DateToken& t) {
  const std::string_view s = trim_value(text);
  bool valid = false;
  if (scan_common_date(s, t, valid)) return valid;
  std::size_t i = 0;
  int n1d = 0, n2d = 0, n3d = 0;
  const int n1 = read_int(s, i, 8, n1d);
  if (n1d == 8 && i == s.size()) {  // yyyymmdd
    t = DateToken{n1 / 10000, n1 / 100 % 100, n1 % 100, true};
    return t.year >= 1900 && t.year <= 2100 && is_valid_civil(t.year, t.a, t.b);
  }
  if (n1d == 0 || n1d == 3 || n1d > 4 || i >= s.size()) return false;
  const char sep = s[i];
  if (sep != '-' && sep != '/' && sep != '.') return false;
  ++i;
  const int n2 = read_int(s, i, 2, n2d);
  if (n2d == 0 || n2d > 2 || i >= s.size() || s[i] != sep) return false;
  ++i;
  const int n3 = read_int(s, i, 4, n3d);
  if (n1d == 4) {
    if (n3d == 0 || n3d > 2) return false;
    t = DateToken{n1, n2, n3, true};
  } else {
    if (n3d != 2 && n3d != 4) return false;
    const int year = expand_year(n3, n3d);
    t = sep == '.' ? DateToken{year, n2, n1, true} : DateToken{year, n1, n2, false};
  }
  if (i < s.size()) {
    // A time may follow: "2010-12-01 08:26:00", "2026-11-23T10:15:00Z".
    if (!(s[i] == ' ' || s[i] == 'T') || i + 1 >= s.size() || !is_digit(s[i + 1])) return false;
  }
  return t.order_fixed ? is_valid_civil(t.year, t.a, t.b) : (date_valid_dmy(t) || date_valid_mdy(t));
}

bool date_valid_dmy(const DateToken& t) noexcept {
  return t.order_fixed ? is_valid_civil(t.year, t.a, t.b) : is_valid_civil(t.year, t.b, t.a);
}

bool date_valid_mdy(const DateToken& t) noexcept { return is_valid_civil(t.year, t.a, t.b); }

std::optional<Day> resolve_date(const DateToken& t, DateOrder order) noexcept {
  if (t.order_fixed || order == DateOrder::mdy) {
    if (!is_valid_civil(t.year, t.a, t.b)) return std::nullopt;
    return days_from_civil(t.year, t.a, t.b);
  }
  if (date_valid_dmy(t)) return days_from_civil(t.year, t.b, t.a);
  if (order == DateOrder::auto_detect && date_valid_mdy(t)) return days_from_civil(t.year, t.a, t.b);
  return std::nullopt;
}

std::optional<Day> parse_date(std::string_view text, DateOrder order) {
  DateToken t;
  if (!scan_date(text, t)) return std::nullopt;
  return resolve_date(t, order);
}

std::optional<Day> excel_serial_to_day(double serial) noexcept {
  if (!(serial >= 1.0 && serial < 2958466.0)) return std::nullopt;
  const auto whole = static_cast<std::int32_t>(std::floor(serial));
  if (whole == 60) return std::nullopt;  // 1900-02-29 does not exist
  return static_cast<Day>(whole < 60 ? whole - 25568 : whole - 25569);
}

std::string_view normalize_id(std::string_view text, std::string& scratch) {
  std::optional<std::uint64_t> digits;
  return normalize_id(text, scratch, digits);
}

namespace {

// normalize_id for an id that is not 1..18 digits as written.
std::string_view normalize_written_id(std::string_view text, std::string& scratch) {
  std::string_view s = trim_value(text);
  if (s.size() >= 3 && s[0] == '=' && s[1] == '"' && s.back() == '"') s = trim_value(s.substr(2, s.size() - 3));
  if (!s.empty() && (s.front() == '\'' || s.front() == '`')) s = trim_value(s.substr(1));
  // One pass for the first '.' and any '@' (ids are short: a loop costs less
  // than two memchr calls, which WebAssembly does not inline).
  std::size_t dot = std::string_view::npos;
  bool at = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '.' && dot == std::string_view::npos) dot = i;
    at = at || s[i] == '@';
  }
  // "17850.0" -> "17850": a float spelling of an integer id.
  if (dot != std::string_view::npos && dot > 0 && dot + 1 < s.size()) {
    bool digits_before = true, zeros_after = true;
    for (std::size_t i = 0; i < dot; ++i) digits_before = digits_before && is_digit(s[i]);
    for (std::size_t i = dot + 1; i < s.size(); ++i) zeros_after = zeros_after && s[i] == '0';
    if (digits_before && zeros_after) s = s.substr(0, dot);
  }
  if (!at) return s;
  bool upper = false;
  for (char c : s) upper = upper || ascii_lower(c) != c;
  if (!upper) return s;
  scratch.assign(s.data(), s.size());
  for (char& c : scratch) c = ascii_lower(c);
  return scratch;
}

}  // namespace

std::string_view detail::normalize_id_slow(std::string_view text, std::string& scratch,
                                           std::optional<std::uint64_t>& digits) {
  const std::string_view s = normalize_written_id(text, scratch);
  digits = id_number(s);
  return s;
}

std::optional<bool> parse_flag(std::string_view text) noexcept {
  const std::string_view s = trim_value(text);
  constexpr std::string_view kYes[] = {"yes", "y", "true", "t", "1", "ja", "j", "x", "churned", "churn", "left",
                                       "cancelled", "canceled", "gekündigt", "gekuendigt", "inactive", "inaktiv"};
  constexpr std::string_view kNo[] = {"no", "n", "false", "f", "0", "nein", "active", "aktiv", "stayed", "retained"};
  for (auto w : kYes) {
    if (detail::iequals(s, w)) return true;
  }
  for (auto w : kNo) {
    if (detail::iequals(s, w)) return false;
  }
  return std::nullopt;
}

namespace detail {

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

}  // namespace detail

}  // namespace kpikit
