#include "ingest/lines_summary.h"

#include <algorithm>

namespace kpikit {

LinesSummary summarize_lines(const OrderLines& lines) {
  LinesSummary s;
  s.lines = lines.size();
  if (s.lines == 0) return s;
  Day first = lines.day[0], last = first;
  for (std::size_t i = 0; i < s.lines; ++i) {
    s.revenue += lines.amount[i];
    s.cancellations += lines.kind[i] == LineKind::cancellation;
    const Day d = lines.day[i];
    first = std::min(first, d);
    last = std::max(last, d);
  }
  s.purchases = s.lines - s.cancellations;
  s.first_day = first;
  s.last_day = last;
  return s;
}

}  // namespace kpikit
