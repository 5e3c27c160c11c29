#pragma once
// What a call throws, as one comparable string, for the calculator tests.
#include <string>

#include "core/error.h"

namespace kpikit::test {

// "code@field" of the kpikit::Error f throws, or "" if it throws none.
template <class F>
std::string error_of(F f) {
  try { f(); } catch (const Error& e) { return e.code() + "@" + e.field(); }
  return "";
}

// "code@field#row": the same with the row of a list input (0 = none).
template <class F>
std::string error_at_row(F f) {
  try { f(); } catch (const Error& e) { return e.code() + "@" + e.field() + "#" + std::to_string(e.row()); }
  return "";
}

}  // namespace kpikit::test
