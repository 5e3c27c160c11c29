#include "calc/typed_number.h"

#include <cctype>
#include <cmath>
#include <string>

namespace kpikit {

namespace {

// Removes ASCII spaces, U+00A0 and U+202F from both ends.
std::string_view trim(std::string_view s) {
  auto strip_front = [&]() {
    if (!s.empty() && (s.front() == ' ' || s.front() == '\t')) { s.remove_prefix(1); return true; }
    if (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") { s.remove_prefix(2); return true; }
    if (s.size() >= 3 && s.substr(0, 3) == "\xE2\x80\xAF") { s.remove_prefix(3); return true; }
    return false;
  };
  auto strip_back = [&]() {
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t')) { s.remove_suffix(1); return true; }
    if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") { s.remove_suffix(2); return true; }
    if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE2\x80\xAF") { s.remove_suffix(3); return true; }
    return false;
  };
  while (strip_front()) {}
  while (strip_back()) {}
  return s;
}

// Replaces no-break spaces by ' ' so grouping by spaces is one case.
std::string fold_spaces(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.substr(i, 2) == "\xC2\xA0") { out += ' '; ++i; continue; }
    if (s.substr(i, 3) == "\xE2\x80\xAF") { out += ' '; i += 2; continue; }
    out += s[i];
  }
  return out;
}

// True when every group after the first of `digits` split at `sep` has exactly three digits.
bool is_thousands_grouping(const std::string& s, char sep) {
  std::size_t pos = s.find(sep);
  if (pos == std::string::npos) return false;
  if (pos == 0 || pos > 3) return false;
  while (pos != std::string::npos) {
    const std::size_t next = s.find(sep, pos + 1);
    const std::size_t len = (next == std::string::npos ? s.size() : next) - pos - 1;
    if (len != 3) return false;
    pos = next;
  }
  return true;
}

}  // namespace

std::optional<double> parse_typed_number(std::string_view text, NumberLocale locale) {
  text = trim(text);
  if (!text.empty() && text.back() == '%') text = trim(text.substr(0, text.size() - 1));
  bool negative = false;
  if (text.size() >= 3 && text.substr(0, 3) == "\xE2\x88\x92") { negative = true; text.remove_prefix(3); }
  else if (!text.empty() && (text.front() == '-' || text.front() == '+')) { negative = text.front() == '-'; text.remove_prefix(1); }
  std::string s = fold_spaces(text);
  if (s.empty()) return std::nullopt;

  const char decimal = locale == NumberLocale::de ? ',' : '.';
  const char group = locale == NumberLocale::de ? '.' : ',';

  // Split off the fraction at the last decimal separator.
  std::string int_part = s, frac_part;
  const std::size_t dec_pos = s.rfind(decimal);
  bool has_decimal = dec_pos != std::string::npos;
  if (has_decimal) { int_part = s.substr(0, dec_pos); frac_part = s.substr(dec_pos + 1); }

  // Grouping: '.'/',' per locale, or spaces; a lone "wrong" separator that is
  // not a valid thousands group is the decimal separator the user meant.
  for (char g : {group, ' '}) {
    if (int_part.find(g) == std::string::npos) continue;
    if (is_thousands_grouping(int_part, g)) {
      std::string cleaned;
      for (char c : int_part) if (c != g) cleaned += c;
      int_part = cleaned;
    } else if (g == group && !has_decimal && int_part.find(g) == int_part.rfind(g)) {
      const std::size_t p = int_part.find(g);
      frac_part = int_part.substr(p + 1);
      int_part = int_part.substr(0, p);
      has_decimal = true;
    } else {
      return std::nullopt;
    }
  }
  if (int_part.empty() && frac_part.empty()) return std::nullopt;
  if (has_decimal && frac_part.empty()) return std::nullopt;
  for (char c : int_part) if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  for (char c : frac_part) if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;

  const std::string canonical = (int_part.empty() ? "0" : int_part) + (has_decimal ? "." + frac_part : "");
  const double value = std::strtod(canonical.c_str(), nullptr);
  if (!std::isfinite(value)) return std::nullopt;
  return negative ? -value : value;
}

}  // namespace kpikit
