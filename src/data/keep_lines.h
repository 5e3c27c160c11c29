#pragma once
// keep_lines: drops lines from a per-line column, keeping the order of the rest.
#include <cstdint>
#include <vector>

namespace kpikit {

// Keeps column[i] where keep[i] != 0 (keep has one entry per line; an empty
// column, such as an unmapped optional one, stays empty).
template <class T>
void keep_lines(std::vector<T>& column, const std::vector<std::uint8_t>& keep) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < column.size(); ++i)
    if (keep[i]) column[w++] = column[i];
  column.resize(w);
}

}  // namespace kpikit
