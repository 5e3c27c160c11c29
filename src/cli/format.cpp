#include "cli/format.h"

#include <cmath>
#include <cstdio>

namespace kpikit::cli {

namespace {

std::string fixed_trimmed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

}  // namespace

std::string format_value(double value, const std::string& unit) {
  if (unit == "percent") return fixed_trimmed(value * 100.0, 2) + " %";
  if (unit == "count") return fixed_trimmed(value, 0);
  if (unit == "money") {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", value);
    return buf;
  }
  if (unit == "ratio") return fixed_trimmed(value, 2) + "x";
  return fixed_trimmed(value, 2);
}

std::string fill_placeholders(const std::string& text, const nlohmann::json& values,
                              const nlohmann::json& inputs, const nlohmann::json& units) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find('{', i);
    if (open == std::string::npos) break;
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) break;
    out.append(text, i, open - i);
    const std::string name = text.substr(open + 1, close - open - 1);
    const nlohmann::json* source = values.contains(name) ? &values : inputs.contains(name) ? &inputs : nullptr;
    if (source && (*source)[name].is_number()) {
      const std::string unit = units.contains(name) ? units[name].get<std::string>() : "number";
      out += format_value((*source)[name].get<double>(), unit);
    } else {
      out.append(text, open, close - open + 1);
    }
    i = close + 1;
  }
  out.append(text, i, std::string::npos);
  return out;
}

}  // namespace kpikit::cli
